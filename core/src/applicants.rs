//! Applicants (pemohon): identity data and its validation.
//!
//! NIK and NIP rules follow the structure of the numbers (no check digit exists
//! for either), so a typo is caught by double entry of the NIK and by the
//! NIK-vs-NIP cross-check, which is a warning, never a block.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rand::{CryptoRng, RngCore};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{Acting, Entry};
use crate::entities::{applicants, regions};
use crate::secrets::DataKey;
use crate::{Error, Result, store};

/// What the intake form sends for an applicant.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct ApplicantInput {
    pub nama: String,
    pub nik: String,
    /// The NIK typed a second time: there is no check digit, so this is the typo guard.
    pub nik_ulang: String,
    /// Empty when the applicant has no NIP.
    pub nip: String,
    pub email: String,
    pub telepon: String,
    pub jabatan: String,
    pub unit_kerja: String,
    pub instansi: String,
}

/// Per-field messages: `errors` block saving, `warnings` ask the operator to look again.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FieldReport {
    pub errors: BTreeMap<String, String>,
    pub warnings: BTreeMap<String, String>,
}

impl FieldReport {
    fn error(&mut self, field: &str, msg: impl Into<String>) {
        self.errors
            .entry(field.into())
            .or_insert_with(|| msg.into());
    }
    fn warn(&mut self, field: &str, msg: impl Into<String>) {
        self.warnings
            .entry(field.into())
            .or_insert_with(|| msg.into());
    }
}

/// A NIK that passed the structural checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nik {
    pub digits: String,
    pub birth_date: NaiveDate,
    pub female: bool,
    /// Province + regency/city code (`PPRR`).
    pub region: String,
}

/// Kind of NIP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NipKind {
    /// Pegawai Negeri Sipil: `YYYYMMDD YYYYMM S NNN`.
    Pns,
    /// Pegawai Pemerintah dengan Perjanjian Kerja: `YYYYMMDD YYYY 2 F S NNN`.
    Pppk,
}

/// A NIP that passed the structural checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nip {
    pub digits: String,
    pub kind: NipKind,
    pub birth_date: NaiveDate,
    pub female: bool,
}

/// Removes the separators people type inside numbers (spaces, dots, dashes).
pub fn strip_separators(raw: &str) -> String {
    raw.chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '\t'))
        .collect()
}

fn num(s: &str) -> u32 {
    s.parse().unwrap_or(0)
}

/// Youngest and oldest plausible age of an applicant (a working civil servant).
const MIN_AGE: i32 = 17;

/// Checks a NIK's structure. `today` decides the century of the two-digit year.
pub fn parse_nik(raw: &str, today: NaiveDate) -> Result<Nik, String> {
    let d = strip_separators(raw);
    if d.is_empty() {
        return Err("NIK wajib diisi.".into());
    }
    if !d.chars().all(|c| c.is_ascii_digit()) {
        return Err("NIK hanya boleh berisi angka.".into());
    }
    if d.len() != 16 {
        return Err(format!("NIK harus 16 digit (terisi {} digit).", d.len()));
    }
    let (day_raw, month, yy, serial) = (
        num(&d[6..8]),
        num(&d[8..10]),
        num(&d[10..12]),
        num(&d[12..16]),
    );
    if num(&d[0..2]) < 11 {
        return Err("Kode provinsi pada NIK (2 digit pertama) tidak valid.".into());
    }
    let (day, female) = match day_raw {
        1..=31 => (day_raw, false),
        41..=71 => (day_raw - 40, true),
        _ => {
            return Err(format!(
                "Tanggal lahir pada NIK (digit 7-8) bernilai {day_raw:02}: harus 01-31, atau 41-71 untuk perempuan."
            ));
        }
    };
    if !(1..=12).contains(&month) {
        return Err(format!(
            "Bulan lahir pada NIK (digit 9-10) bernilai {month:02}: harus 01-12."
        ));
    }
    if serial == 0 {
        return Err("Nomor urut pada NIK (4 digit terakhir) tidak boleh 0000.".into());
    }
    // The century is not in the NIK: take the 2000s unless that makes the
    // applicant younger than working age.
    let yy = yy as i32;
    let year = if 2000 + yy <= today.year() - MIN_AGE {
        2000 + yy
    } else {
        1900 + yy
    };
    let birth_date = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        format!(
            "Tanggal lahir pada NIK ({day:02}-{month:02}-{:02}) tidak ada di kalender.",
            yy
        )
    })?;
    Ok(Nik {
        region: d[0..4].to_string(),
        digits: d,
        birth_date,
        female,
    })
}

/// Checks a NIP's structure (PNS or PPPK, told apart by digit 13).
pub fn parse_nip(raw: &str) -> Result<Nip, String> {
    let d = strip_separators(raw);
    if !d.chars().all(|c| c.is_ascii_digit()) {
        return Err("NIP hanya boleh berisi angka.".into());
    }
    if d.len() != 18 {
        return Err(format!("NIP harus 18 digit (terisi {} digit).", d.len()));
    }
    let birth_date = NaiveDate::from_ymd_opt(num(&d[0..4]) as i32, num(&d[4..6]), num(&d[6..8]))
        .filter(|b| b.year() >= 1930)
        .ok_or("Tanggal lahir pada NIP (8 digit pertama, TTTTBBHH) tidak valid.")?;
    let tmt_year = num(&d[8..12]) as i32;
    if tmt_year < birth_date.year() + 15 {
        return Err(
            "Tahun pengangkatan pada NIP (digit 9-12) tidak masuk akal untuk tanggal lahirnya."
                .into(),
        );
    }
    let kind = match &d[12..13] {
        "0" | "1" => NipKind::Pns,
        "2" => NipKind::Pppk,
        _ => {
            return Err("Digit ke-13 NIP harus 0 atau 1 (PNS) atau 2 (PPPK).".into());
        }
    };
    match kind {
        NipKind::Pns if !(1..=12).contains(&num(&d[12..14])) => {
            return Err("Bulan pengangkatan pada NIP (digit 13-14) harus 01-12.".into());
        }
        NipKind::Pppk if !(1..=9).contains(&num(&d[13..14])) => {
            return Err("Digit ke-14 NIP PPPK (frekuensi) harus 1-9.".into());
        }
        _ => {}
    }
    let female = match &d[14..15] {
        "1" => false,
        "2" => true,
        _ => return Err("Digit ke-15 NIP (jenis kelamin) harus 1 atau 2.".into()),
    };
    if num(&d[15..18]) == 0 {
        return Err("Nomor urut NIP (3 digit terakhir) tidak boleh 000.".into());
    }
    Ok(Nip {
        digits: d,
        kind,
        birth_date,
        female,
    })
}

/// Checks an e-mail address's form and returns it trimmed and lowercased.
pub fn parse_email(raw: &str) -> Result<String, String> {
    let e = raw.trim().to_lowercase();
    if e.is_empty() {
        return Err("E-mail wajib diisi.".into());
    }
    let ok = match e.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains("..")
                && e.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "@._+-".contains(c))
        }
        None => false,
    };
    if ok {
        Ok(e)
    } else {
        Err("Alamat e-mail tidak valid (contoh: nama@denpasarkota.go.id).".into())
    }
}

/// Checks an Indonesian phone number; returns it with separators removed.
pub fn parse_phone(raw: &str) -> Result<String, String> {
    let p = strip_separators(raw).replace(['(', ')'], "");
    if p.is_empty() {
        return Err("Nomor HP wajib diisi.".into());
    }
    let digits = p.strip_prefix('+').unwrap_or(&p);
    if !digits.chars().all(|c| c.is_ascii_digit())
        || !(p.starts_with("08") || p.starts_with("+62") || p.starts_with("62"))
    {
        return Err("Nomor HP harus diawali 08 atau +62 dan hanya berisi angka.".into());
    }
    if !(10..=15).contains(&digits.len()) {
        return Err("Nomor HP harus 10-15 digit.".into());
    }
    Ok(p)
}

/// Masks a NIK for lists: region code and serial stay, the birth date goes.
pub fn mask_nik(digits: &str) -> String {
    if digits.len() != 16 {
        return "*".repeat(digits.len());
    }
    format!("{}********{}", &digits[..4], &digits[12..])
}

/// Normalises a name for prefix search: lowercase, single spaces.
pub fn search_name(nama: &str) -> String {
    nama.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// An applicant input that passed validation, normalised.
#[derive(Debug, Clone)]
pub struct ValidApplicant {
    pub nama: String,
    pub nik: Nik,
    pub nip: Option<Nip>,
    pub email: String,
    pub telepon: String,
    pub jabatan: String,
    pub unit_kerja: String,
    pub instansi: String,
}

/// Context the checks need beyond the input itself.
pub struct CheckContext<'a> {
    pub today: NaiveDate,
    /// Official e-mail domain of the office (for example `denpasarkota.go.id`), if configured.
    pub official_domain: Option<&'a str>,
    /// Whether the NIK's region code is in the region table.
    pub region_known: &'a dyn Fn(&str) -> bool,
}

fn required_text(
    report: &mut FieldReport,
    field: &str,
    label: &str,
    value: &str,
    max: usize,
) -> String {
    let v = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if v.is_empty() {
        report.error(field, format!("{label} wajib diisi."));
    } else if v.chars().count() > max {
        report.error(field, format!("{label} paling panjang {max} karakter."));
    }
    v
}

/// Validates an applicant. Returns the normalised applicant when there is no
/// error, and in every case the report of errors and warnings per field.
pub fn check(
    input: &ApplicantInput,
    ctx: &CheckContext<'_>,
) -> (Option<ValidApplicant>, FieldReport) {
    let mut r = FieldReport::default();
    let nama = required_text(&mut r, "nama", "Nama", &input.nama, 120);
    if !nama.is_empty() && nama.chars().any(|c| c.is_ascii_digit()) {
        r.error("nama", "Nama tidak boleh berisi angka.");
    }
    let nik = parse_nik(&input.nik, ctx.today)
        .map_err(|m| r.error("nik", m))
        .ok();
    if strip_separators(&input.nik_ulang) != strip_separators(&input.nik) {
        r.error(
            "nik_ulang",
            "NIK ulangan tidak sama dengan NIK. Ketik ulang dari KTP.",
        );
    }
    let nip = if strip_separators(&input.nip).is_empty() {
        None
    } else {
        parse_nip(&input.nip).map_err(|m| r.error("nip", m)).ok()
    };
    let email = parse_email(&input.email)
        .map_err(|m| r.error("email", m))
        .ok();
    let telepon = parse_phone(&input.telepon)
        .map_err(|m| r.error("telepon", m))
        .ok();
    let jabatan = required_text(&mut r, "jabatan", "Jabatan", &input.jabatan, 200);
    let unit_kerja = required_text(&mut r, "unit_kerja", "Unit kerja", &input.unit_kerja, 200);
    let instansi = required_text(&mut r, "instansi", "Instansi", &input.instansi, 200);

    if let Some(n) = &nik {
        if !(ctx.region_known)(&n.region) {
            r.warn("nik", format!(
                "Kode wilayah {} pada NIK tidak ada di tabel wilayah. Periksa kembali dengan KTP (tabel wilayah belum lengkap).",
                n.region
            ));
        }
        let age = ctx.today.years_since(n.birth_date).unwrap_or(0);
        if age < MIN_AGE as u32 {
            r.warn(
                "nik",
                format!("Menurut NIK, pemohon berumur {age} tahun. Periksa kembali."),
            );
        }
    }
    if let (Some(n), Some(p)) = (&nik, &nip) {
        if n.birth_date != p.birth_date {
            r.warn(
                "nip",
                format!(
                    "Tanggal lahir pada NIP ({}) berbeda dengan pada NIK ({}). Periksa kembali.",
                    p.birth_date.format("%d-%m-%Y"),
                    n.birth_date.format("%d-%m-%Y")
                ),
            );
        } else if n.female != p.female {
            r.warn(
                "nip",
                "Jenis kelamin pada NIP berbeda dengan pada NIK. Periksa kembali.",
            );
        }
    }
    if let (Some(e), Some(domain)) = (&email, ctx.official_domain.filter(|d| !d.is_empty())) {
        let domain = domain.trim_start_matches('@').to_lowercase();
        let matches = e
            .rsplit_once('@')
            .is_some_and(|(_, d)| d == domain || d.ends_with(&format!(".{domain}")));
        if !matches {
            r.warn(
                "email",
                format!("Sertifikat diterbitkan ke e-mail dinas; alamat ini bukan @{domain}."),
            );
        }
    }

    let valid = match (nik, email, telepon) {
        (Some(nik), Some(email), Some(telepon)) if r.errors.is_empty() => Some(ValidApplicant {
            nama,
            nik,
            nip,
            email,
            telepon,
            jabatan,
            unit_kerja,
            instansi,
        }),
        _ => None,
    };
    (valid, r)
}

/// Whether a region code (`PPRR`) is in the region table.
pub async fn region_known(db: &impl ConnectionTrait, kode: &str) -> Result<bool> {
    Ok(regions::Entity::find_by_id(kode.to_string())
        .one(db)
        .await?
        .is_some())
}

/// Runs [`check`] with the region table and settings of the database.
pub async fn check_with_db(
    db: &impl ConnectionTrait,
    input: &ApplicantInput,
    today: NaiveDate,
) -> Result<(Option<ValidApplicant>, FieldReport)> {
    let region = parse_nik(&input.nik, today).ok().map(|n| n.region);
    let known = match &region {
        Some(code) => region_known(db, code).await?,
        None => true,
    };
    let domain = store::setting(db, store::SETTING_OFFICIAL_EMAIL_DOMAIN).await?;
    let lookup = move |_: &str| known;
    let ctx = CheckContext {
        today,
        official_domain: domain.as_deref(),
        region_known: &lookup,
    };
    Ok(check(input, &ctx))
}

/// Encryption context of an applicant's NIK: the ciphertext is bound to its
/// blind index, so it cannot be moved to another applicant's row.
fn nik_context(index: &str) -> String {
    format!("loket/applicants/nik/v1/{index}")
}

/// Finds an applicant by exact NIK through the blind index.
pub async fn find_by_nik(
    db: &impl ConnectionTrait,
    key: &DataKey,
    nik_digits: &str,
) -> Result<Option<applicants::Model>> {
    Ok(applicants::Entity::find()
        .filter(applicants::Column::NikIndex.eq(key.blind_index("nik", nik_digits)))
        .one(db)
        .await?)
}

/// Who may learn whose NIK is already registered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Desk staff: the refusal names the holder.
    Desk,
    /// An applicant at the kiosk: the refusal names nobody.
    Public,
}

/// Inserts a validated applicant (inside the caller's transaction). The NIK is
/// stored only encrypted, with its blind index and masked form.
pub async fn insert(
    txn: &impl ConnectionTrait,
    key: &DataKey,
    rng: &mut (impl RngCore + CryptoRng),
    a: &ValidApplicant,
    now: chrono::DateTime<chrono::FixedOffset>,
    audience: Audience,
) -> Result<applicants::Model> {
    if let Some(existing) = find_by_nik(txn, key, &a.nik.digits).await? {
        return Err(Error::field(
            "nik",
            match audience {
                Audience::Desk => format!("NIK ini sudah terdaftar atas nama {}.", existing.nama),
                Audience::Public => {
                    "NIK ini sudah terdaftar. Silakan menghubungi petugas di loket.".into()
                }
            },
        ));
    }
    let index = key.blind_index("nik", &a.nik.digits);
    let cipher = key.encrypt(rng, a.nik.digits.as_bytes(), &nik_context(&index));
    let model = applicants::ActiveModel {
        nama: Set(a.nama.clone()),
        nama_cari: Set(search_name(&a.nama)),
        nik_cipher: Set(cipher),
        nik_index: Set(index),
        nik_masked: Set(mask_nik(&a.nik.digits)),
        nip: Set(a.nip.as_ref().map(|n| n.digits.clone())),
        email: Set(a.email.clone()),
        telepon: Set(a.telepon.clone()),
        jabatan: Set(a.jabatan.clone()),
        unit_kerja: Set(a.unit_kerja.clone()),
        instansi: Set(a.instansi.clone()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    Ok(model.insert(txn).await?)
}

/// Shows an applicant's NIK to a person: decrypts it and records who saw it,
/// when, in the audit log (UU PDP: every view of personal data is logged). The
/// entry is committed before the NIK is returned, so no unlogged view exists.
pub async fn reveal(
    db: &sea_orm::DatabaseConnection,
    act: &Acting<'_>,
    applicant_id: i64,
) -> Result<String> {
    let txn = store::begin_write(db).await?;
    let a = applicants::Entity::find_by_id(applicant_id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound("Pemohon"))?;
    let nik = reveal_nik(act.key(), &a)?;
    act.record(
        &txn,
        Entry::new(
            "applicant.nik.view",
            "applicant",
            a.id,
            serde_json::json!({ "nik_masked": a.nik_masked }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(nik)
}

/// Decrypts an applicant's NIK. Callers that show it to a person must audit
/// the view ([`reveal`] does).
pub fn reveal_nik(key: &DataKey, a: &applicants::Model) -> Result<String> {
    let plain = key.decrypt(&a.nik_cipher, &nik_context(&a.nik_index))?;
    String::from_utf8(plain.expose().to_vec())
        .map_err(|_| crate::secrets::SecretError::Corrupt.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    #[test]
    fn accepts_a_male_nik_and_reads_its_birth_date() {
        let n = parse_nik("5171 0110 0890 0001", today()).unwrap();
        assert_eq!(n.birth_date, NaiveDate::from_ymd_opt(1990, 8, 10).unwrap());
        assert!(!n.female);
        assert_eq!(n.region, "5171");
    }

    #[test]
    fn reads_day_plus_forty_as_a_woman() {
        let n = parse_nik("5171015203950002", today()).unwrap();
        assert_eq!(n.birth_date, NaiveDate::from_ymd_opt(1995, 3, 12).unwrap());
        assert!(n.female);
    }

    #[test]
    fn picks_the_century_that_gives_a_working_age() {
        let young = parse_nik("3174011505030001", today()).unwrap();
        assert_eq!(young.birth_date.year(), 2003, "23 years old is plausible");
        let old = parse_nik("3174011505600001", today()).unwrap();
        assert_eq!(old.birth_date.year(), 1960);
        let ten = parse_nik("3174011505160001", today()).unwrap();
        assert_eq!(
            ten.birth_date.year(),
            1916,
            "a 10-year-old applicant is not plausible"
        );
    }

    #[test]
    fn rejects_nik_with_day_72() {
        let e = parse_nik("5171017208900001", today()).unwrap_err();
        assert!(e.contains("41-71"), "{e}");
    }

    #[test]
    fn rejects_nik_with_day_32_to_40() {
        for day in 32..=40 {
            assert!(
                parse_nik(&format!("517101{day:02}08900001"), today()).is_err(),
                "day {day}"
            );
        }
    }

    #[test]
    fn rejects_nik_with_month_13_or_00() {
        assert!(
            parse_nik("5171011013900001", today())
                .unwrap_err()
                .contains("Bulan")
        );
        assert!(
            parse_nik("5171011000900001", today())
                .unwrap_err()
                .contains("Bulan")
        );
    }

    #[test]
    fn rejects_nik_of_wrong_length_letters_or_serial_zero() {
        assert!(
            parse_nik("517101100890001", today())
                .unwrap_err()
                .contains("16 digit")
        );
        assert!(
            parse_nik("51710110089000A1", today())
                .unwrap_err()
                .contains("angka")
        );
        assert!(
            parse_nik("5171011008900000", today())
                .unwrap_err()
                .contains("0000")
        );
        assert!(parse_nik("", today()).unwrap_err().contains("wajib"));
    }

    #[test]
    fn rejects_nik_with_31_february() {
        assert!(
            parse_nik("5171013102900001", today())
                .unwrap_err()
                .contains("kalender")
        );
    }

    #[test]
    fn reads_the_documented_nip_examples() {
        let pns = parse_nip("19671110 199203 1 001").unwrap();
        assert_eq!(pns.kind, NipKind::Pns);
        assert_eq!(
            pns.birth_date,
            NaiveDate::from_ymd_opt(1967, 11, 10).unwrap()
        );
        assert!(!pns.female);
        let pppk = parse_nip("200012312024211001").unwrap();
        assert_eq!(pppk.kind, NipKind::Pppk);
        assert_eq!(
            pppk.birth_date,
            NaiveDate::from_ymd_opt(2000, 12, 31).unwrap()
        );
    }

    #[test]
    fn rejects_malformed_nips() {
        assert!(
            parse_nip("19671110199203100")
                .unwrap_err()
                .contains("18 digit")
        );
        assert!(parse_nip("196713101992031001").is_err(), "month 13");
        assert!(
            parse_nip("196711101992133001").is_err(),
            "appointment month 13"
        );
        assert!(parse_nip("196711101992033001").is_err(), "sex digit 3");
        assert!(parse_nip("196711101992031000").is_err(), "serial 000");
        assert!(parse_nip("200012312024201001").is_err(), "PPPK frequency 0");
        assert!(parse_nip("196711101992931001").is_err(), "digit 13 is 9");
    }

    #[test]
    fn validates_email_and_phone() {
        assert_eq!(
            parse_email(" Budi@DenpasarKota.go.id ").unwrap(),
            "budi@denpasarkota.go.id"
        );
        for bad in [
            "budi",
            "budi@",
            "@x.id",
            "budi@x",
            "bu di@x.id",
            "a@b@c.id",
            "a@x..id",
        ] {
            assert!(parse_email(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_phone("0812-3456-7890").unwrap(), "081234567890");
        assert!(parse_phone("+62 812 3456 7890").is_ok());
        assert!(parse_phone("12345").is_err());
        assert!(parse_phone("08abc").is_err());
    }

    #[test]
    fn masks_nik_keeping_region_and_serial() {
        assert_eq!(mask_nik("5171011008900001"), "5171********0001");
    }

    fn input() -> ApplicantInput {
        ApplicantInput {
            nama: "  I Made   Budi ".into(),
            nik: "5171011011670001".into(),
            nik_ulang: "5171011011670001".into(),
            nip: "196711101992031001".into(),
            email: "budi@denpasarkota.go.id".into(),
            telepon: "081234567890".into(),
            jabatan: "Analis".into(),
            unit_kerja: "Bidang Persandian".into(),
            instansi: "Dinas Kominfo".into(),
        }
    }

    fn ctx<'a>(known: &'a dyn Fn(&str) -> bool) -> CheckContext<'a> {
        CheckContext {
            today: today(),
            official_domain: Some("denpasarkota.go.id"),
            region_known: known,
        }
    }

    #[test]
    fn a_consistent_applicant_passes_without_warnings() {
        let (v, r) = check(&input(), &ctx(&|_| true));
        assert_eq!(r, FieldReport::default());
        assert_eq!(v.unwrap().nama, "I Made Budi");
    }

    #[test]
    fn nik_nip_birth_date_mismatch_is_a_warning_not_an_error() {
        let mut i = input();
        i.nip = "196711111992031001".into();
        let (v, r) = check(&i, &ctx(&|_| true));
        assert!(v.is_some(), "a mismatch must not block");
        assert!(r.warnings["nip"].contains("Tanggal lahir"));
    }

    #[test]
    fn sex_mismatch_and_unknown_region_and_foreign_email_are_warnings() {
        let mut i = input();
        i.nip = "196711101992032001".into();
        i.email = "budi@gmail.com".into();
        let (v, r) = check(&i, &ctx(&|_| false));
        assert!(v.is_some());
        assert!(r.warnings["nip"].contains("Jenis kelamin"));
        assert!(r.warnings["nik"].contains("5171"));
        assert!(r.warnings["email"].contains("denpasarkota.go.id"));
    }

    #[test]
    fn nik_retyped_differently_is_an_error() {
        let mut i = input();
        i.nik_ulang = "5171011011670002".into();
        let (v, r) = check(&i, &ctx(&|_| true));
        assert!(v.is_none());
        assert!(r.errors.contains_key("nik_ulang"));
    }

    #[test]
    fn every_error_is_reported_at_once() {
        let (v, r) = check(&ApplicantInput::default(), &ctx(&|_| true));
        assert!(v.is_none());
        let fields: Vec<_> = r.errors.keys().map(String::as_str).collect();
        assert_eq!(
            fields,
            [
                "email",
                "instansi",
                "jabatan",
                "nama",
                "nik",
                "telepon",
                "unit_kerja"
            ]
        );
    }
}
