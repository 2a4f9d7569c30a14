//! The numbers that identify a person, read from their structure: the NIK
//! (no check digit exists, so a typo is caught by double entry and by the
//! NIK-vs-NIP cross-check), the NIP of a PNS or a PPPK, the official e-mail and
//! the phone number. Pure functions.

use chrono::{Datelike, NaiveDate};

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
pub const MIN_AGE: i32 = 17;

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
    // RFC 5321's limits: 254 in all, 64 before the @.
    if e.len() > 254 || e.split('@').next().is_some_and(|l| l.len() > 64) {
        return Err("E-mail terlalu panjang (paling banyak 254 karakter, 64 sebelum @).".into());
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

/// Masks a NIK for lists and letters: only the last four digits stay (the
/// region and the birth date go; a clear NIP already tells the birth date).
pub fn mask_nik(digits: &str) -> String {
    if digits.len() != 16 {
        return "*".repeat(digits.len());
    }
    format!("************{}", &digits[12..])
}

/// What a search box holds: 16 digits are a NIK, 18 digits a NIP, anything
/// else the beginning of a name (separators in numbers are ignored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Empty,
    Nik(String),
    Nip(String),
    /// The name prefix, normalised as [`search_name`] does.
    Name(String),
    /// A registration number (`REG-2026-00001`, as a kiosk receipt's QR
    /// code or a typed one gives it), in upper case.
    Nomor(String),
}

/// Reads a search box.
pub fn lookup(q: &str) -> Lookup {
    let digits = strip_separators(q);
    let all_digits = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit());
    let upper = q.trim().to_uppercase();
    match (all_digits, digits.len()) {
        (true, 16) => Lookup::Nik(digits),
        (true, 18) => Lookup::Nip(digits),
        _ if q.trim().is_empty() => Lookup::Empty,
        _ if is_registration_number(&upper) => Lookup::Nomor(upper),
        _ => Lookup::Name(search_name(q)),
    }
}

/// Whether `text` is a registration number: `REG-`, a year, `-`, a serial.
pub fn is_registration_number(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    matches!(parts.as_slice(), ["REG", year, serial]
        if year.len() == 4 && !serial.is_empty() && serial.len() <= 10
            && year.bytes().chain(serial.bytes()).all(|b| b.is_ascii_digit()))
}

/// Normalises a name for prefix search: lowercase, single spaces.
pub fn search_name(nama: &str) -> String {
    nama.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
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
    fn a_registration_number_is_read_from_the_search_box() {
        assert_eq!(
            lookup(" reg-2026-00012 "),
            Lookup::Nomor("REG-2026-00012".into())
        );
        assert_eq!(lookup("REG-26-1"), Lookup::Name("reg-26-1".into()));
        assert_eq!(lookup("Regina"), Lookup::Name("regina".into()));
    }

    #[test]
    fn masks_nik_keeping_region_and_serial() {
        assert_eq!(mask_nik("5171011008900001"), "************0001");
    }
}
