//! Checking an applicant form: every field at once, errors that block saving
//! and warnings that ask for a second look (a region code not in the table, a
//! NIK whose birth date or sex differs from the NIP's, an e-mail outside the
//! office's domain).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, EntityTrait};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::identity::{
    MIN_AGE, Nik, Nip, parse_email, parse_nik, parse_nip, parse_phone, strip_separators,
};
use crate::entities::regions;
use crate::{Result, store};

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
    /// The English of the messages above that have it (`crate::messages`),
    /// under the same fields, for a desk whose staff chose English.
    pub errors_en: BTreeMap<String, String>,
    pub warnings_en: BTreeMap<String, String>,
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
    /// The report with the English of its messages beside them.
    pub fn with_english(mut self) -> Self {
        self.errors_en = crate::messages::english_of(&self.errors);
        self.warnings_en = crate::messages::english_of(&self.warnings);
        self
    }
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
    match crate::text::line(value, label, max) {
        Ok(v) if v.is_empty() => {
            report.error(field, format!("{label} wajib diisi."));
            v
        }
        Ok(v) => v,
        Err(m) => {
            report.error(field, m);
            String::new()
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
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

    // Whatever is typed into any field (any Unicode, controls, bidi and
    // zero-width characters, very long text), the check never panics, only
    // answers per field; and what it lets through holds no hidden or control
    // character and keeps every length limit.
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]
        #[test]
        fn any_typed_text_gets_field_messages_and_nothing_hidden_passes(
            field in 0usize..9,
            typed in "(\\PC|[\\x00-\\x1f\\u{202a}-\\u{202e}\\u{200b}-\\u{200f}\\u{2066}-\\u{2069}\\u{feff}]){0,300}",
        ) {
            let mut i = input();
            let slot = match field {
                0 => &mut i.nama,
                1 => &mut i.nik,
                2 => &mut i.nik_ulang,
                3 => &mut i.nip,
                4 => &mut i.email,
                5 => &mut i.telepon,
                6 => &mut i.jabatan,
                7 => &mut i.unit_kerja,
                _ => &mut i.instansi,
            };
            *slot = typed.clone();
            let known = |_: &str| true;
            let (valid, report) = check(&i, &ctx(&known));
            let names = ["nama", "nik", "nik_ulang", "nip", "email", "telepon", "jabatan", "unit_kerja", "instansi"];
            for f in report.errors.keys().chain(report.warnings.keys()) {
                proptest::prop_assert!(names.contains(&f.as_str()), "unknown field {}", f);
            }
            let hides = typed.chars().any(|c| (c.is_control() && !matches!(c, '\n' | '\t' | '\r')) || crate::text::hidden(c));
            if hides {
                proptest::prop_assert!(report.errors.contains_key(names[field]) || report.errors.contains_key("nik_ulang"),
                    "{:?} in {} passed", typed, names[field]);
            }
            if let Some(v) = valid {
                for (text, max) in [(&v.nama, 120), (&v.email, 254), (&v.jabatan, 200), (&v.unit_kerja, 200), (&v.instansi, 200)] {
                    proptest::prop_assert!(text.chars().count() <= max);
                    proptest::prop_assert!(!text.chars().any(|c| c.is_control() || crate::text::hidden(c)), "{:?}", text);
                }
            }
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
