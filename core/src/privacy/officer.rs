//! Who answers for personal data at the office, and whether the impact of
//! processing it was assessed: the data-protection officer (pejabat atau
//! petugas pelindungan data pribadi, UU 27/2022 Pasal 53: a public body
//! processing personal data for its public service appoints one) and the
//! data-protection impact assessment (Pasal 34: required where specific
//! personal data is processed; the KTP photo carries a face). The admin
//! records both; the record of processing prints them, or prints that they
//! are not set, so the gap is seen rather than hidden.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{Acting, Entry};
use crate::calendar::days::parse_day;
use crate::error::to_json;
use crate::text::{field, line, lines};
use crate::{Error, Result, store};

/// The setting's key.
pub const SETTING: &str = "pelindungan_data";

/// The officer and the assessment as the admin records them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct PrivacyDuties {
    /// The officer's name (empty: none appointed yet).
    pub pejabat_nama: String,
    /// Their position.
    pub pejabat_jabatan: String,
    /// How the public reaches them (an e-mail address or a telephone number).
    pub pejabat_kontak: String,
    /// The day the impact assessment was made, dd/mm/yyyy (empty: none yet).
    pub dpia_tanggal: String,
    /// What it found and decided, in a few lines.
    pub dpia_hasil: String,
}

/// The duties as recorded, empty when the admin has not set them.
pub async fn get(db: &impl ConnectionTrait) -> Result<PrivacyDuties> {
    Ok(match store::setting(db, SETTING).await? {
        Some(v) => serde_json::from_str(&v).map_err(|e| Error::setting(SETTING, e))?,
        None => PrivacyDuties::default(),
    })
}

fn contact_ok(c: &str) -> bool {
    let phone: String = c.chars().filter(|ch| !" -().".contains(*ch)).collect();
    let phone = phone.strip_prefix('+').unwrap_or(&phone);
    let is_phone = (6..=15).contains(&phone.len()) && phone.bytes().all(|b| b.is_ascii_digit());
    let is_mail = c.parse::<lettre::Address>().is_ok();
    is_phone || is_mail
}

/// Checks what the admin typed; every problem is named at its field at once.
pub fn check(d: &PrivacyDuties, today: NaiveDate) -> Result<PrivacyDuties> {
    let mut f = BTreeMap::new();
    let nama = field(
        &mut f,
        "pejabat_nama",
        line(&d.pejabat_nama, "Nama", 120),
        true,
    );
    let jabatan = field(
        &mut f,
        "pejabat_jabatan",
        line(&d.pejabat_jabatan, "Jabatan", 200),
        true,
    );
    let kontak = field(
        &mut f,
        "pejabat_kontak",
        line(&d.pejabat_kontak, "Kontak", 120),
        true,
    );
    if !kontak.is_empty() && !contact_ok(&kontak) {
        f.insert(
            "pejabat_kontak".into(),
            "Tulis alamat surel atau nomor telepon yang dapat dihubungi masyarakat.".into(),
        );
    }
    let tanggal = d.dpia_tanggal.trim();
    let hasil = field(
        &mut f,
        "dpia_hasil",
        lines(&d.dpia_hasil, "Hasil penilaian", 2000),
        !tanggal.is_empty(),
    );
    let dpia_tanggal = if tanggal.is_empty() {
        if !hasil.is_empty() {
            f.insert(
                "dpia_tanggal".into(),
                "Isi tanggal penilaian dampak (hh/bb/tttt).".into(),
            );
        }
        String::new()
    } else {
        match parse_day(tanggal) {
            Some(day) if day > today => {
                f.insert(
                    "dpia_tanggal".into(),
                    "Tanggal penilaian dampak tidak boleh setelah hari ini.".into(),
                );
                String::new()
            }
            Some(day) => day.format("%d/%m/%Y").to_string(),
            None => {
                f.insert(
                    "dpia_tanggal".into(),
                    format!("\"{tanggal}\" bukan tanggal (hh/bb/tttt)."),
                );
                String::new()
            }
        }
    };
    Error::fields(f)?;
    Ok(PrivacyDuties {
        pejabat_nama: nama,
        pejabat_jabatan: jabatan,
        pejabat_kontak: kontak,
        dpia_tanggal,
        dpia_hasil: hasil,
    })
}

/// Saves the duties (checked first) with their audit entry.
pub async fn save(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    d: &PrivacyDuties,
) -> Result<PrivacyDuties> {
    let d = check(d, act.today())?;
    act.set_setting(
        db,
        SETTING,
        &to_json(&d)?,
        Entry::new(
            "privacy.duties",
            "setting",
            SETTING,
            serde_json::json!({ "pejabat": d.pejabat_nama, "dpia_tanggal": d.dpia_tanggal }),
        ),
    )
    .await?;
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
    }

    #[test]
    fn every_mistake_is_named_at_its_field_at_once() {
        let typed = PrivacyDuties {
            pejabat_nama: " ".into(),
            pejabat_jabatan: String::new(),
            pejabat_kontak: "hubungi saya".into(),
            dpia_tanggal: "31/02/2026".into(),
            dpia_hasil: String::new(),
        };
        let Err(Error::Invalid { fields: f, .. }) = check(&typed, today()) else {
            panic!("refused");
        };
        let keys: Vec<&str> = f.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "dpia_hasil",
                "dpia_tanggal",
                "pejabat_jabatan",
                "pejabat_kontak",
                "pejabat_nama"
            ],
            "{f:?}"
        );
    }

    #[test]
    fn a_day_after_today_is_refused_and_a_typed_day_is_kept_as_dd_mm_yyyy() {
        let mut d = PrivacyDuties {
            pejabat_nama: "Ni Luh Putu Ayu".into(),
            pejabat_jabatan: "Sekretaris Dinas".into(),
            pejabat_kontak: "ppid@denpasarkota.go.id".into(),
            dpia_tanggal: "8/12/2026".into(),
            dpia_hasil: "Risiko foto KTP: enkripsi dan retensi 2 tahun.".into(),
        };
        assert!(check(&d, today()).is_err(), "tomorrow is refused");
        d.dpia_tanggal = "2026-11-02".into();
        assert_eq!(check(&d, today()).unwrap().dpia_tanggal, "02/11/2026");
        d.pejabat_kontak = "(0361) 431-229".into();
        assert!(
            check(&d, today()).is_ok(),
            "a telephone number is a contact"
        );
    }
}
