//! The complaints register's vocabulary: the channels a complaint comes by,
//! and the office's categories with the working days each allows for a
//! response (by default ringan 2, normatif 5, tidak berkadar pengawasan 14,
//! berkadar pengawasan 60 hari kerja; an office sets its own).

use std::collections::BTreeMap;

use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{Acting, Entry};
use crate::error::to_json;
use crate::{Error, Result, store};

/// Setting: the categories, as JSON.
pub const SETTING: &str = "pengaduan_kategori";

/// How a complaint reached the office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum KanalPengaduan {
    TatapMuka,
    Telepon,
    Surel,
    /// SP4N-LAPOR!, with its tracking number.
    Sp4nLapor,
    KotakSaran,
    MediaSosial,
    Lainnya,
}

impl KanalPengaduan {
    pub const ALL: [KanalPengaduan; 7] = [
        KanalPengaduan::TatapMuka,
        KanalPengaduan::Telepon,
        KanalPengaduan::Surel,
        KanalPengaduan::Sp4nLapor,
        KanalPengaduan::KotakSaran,
        KanalPengaduan::MediaSosial,
        KanalPengaduan::Lainnya,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            KanalPengaduan::TatapMuka => "tatap_muka",
            KanalPengaduan::Telepon => "telepon",
            KanalPengaduan::Surel => "surel",
            KanalPengaduan::Sp4nLapor => "sp4n_lapor",
            KanalPengaduan::KotakSaran => "kotak_saran",
            KanalPengaduan::MediaSosial => "media_sosial",
            KanalPengaduan::Lainnya => "lainnya",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            KanalPengaduan::TatapMuka => "Tatap muka",
            KanalPengaduan::Telepon => "Telepon",
            KanalPengaduan::Surel => "Surel",
            KanalPengaduan::Sp4nLapor => "SP4N-LAPOR!",
            KanalPengaduan::KotakSaran => "Kotak saran",
            KanalPengaduan::MediaSosial => "Media sosial",
            KanalPengaduan::Lainnya => "Lainnya",
        }
    }

    pub fn stored(s: &str) -> Result<KanalPengaduan> {
        KanalPengaduan::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| Error::corrupt("kanal pengaduan", s))
    }
}

/// A category and the working days it allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Kategori {
    /// A short code ("ringan"), kept on each complaint.
    pub kode: String,
    pub nama: String,
    pub hari_kerja: u32,
}

fn kategori(kode: &str, nama: &str, hari_kerja: u32) -> Kategori {
    Kategori {
        kode: kode.into(),
        nama: nama.into(),
        hari_kerja,
    }
}

/// The categories Loket starts from.
pub fn defaults() -> Vec<Kategori> {
    vec![
        kategori("ringan", "Ringan", 2),
        kategori("normatif", "Normatif", 5),
        kategori("tidak_berkadar", "Tidak berkadar pengawasan", 14),
        kategori("berkadar", "Berkadar pengawasan", 60),
    ]
}

/// The categories in force.
pub async fn categories(db: &impl ConnectionTrait) -> Result<Vec<Kategori>> {
    match store::setting(db, SETTING).await? {
        Some(json) => serde_json::from_str(&json).map_err(|e| Error::setting(SETTING, e)),
        None => Ok(defaults()),
    }
}

/// Checks the categories (`kategori.2.hari_kerja`, ...).
pub fn check(list: &[Kategori]) -> Result<Vec<Kategori>> {
    if list.is_empty() {
        return Err(Error::field("kategori", "Paling sedikit satu kategori."));
    }
    let mut f = BTreeMap::new();
    let mut out = Vec::new();
    for (i, k) in list.iter().enumerate() {
        let kode = k.kode.trim().to_lowercase();
        if kode.is_empty()
            || kode.len() > 40
            || !kode
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            f.insert(
                format!("kategori.{i}.kode"),
                "Kode: huruf kecil, angka atau garis bawah, paling panjang 40.".into(),
            );
        } else if out.iter().any(|o: &Kategori| o.kode == kode) {
            f.insert(
                format!("kategori.{i}.kode"),
                "Kode ini sudah dipakai.".into(),
            );
        }
        let nama = crate::text::field(
            &mut f,
            format!("kategori.{i}.nama"),
            crate::text::line(&k.nama, "Nama kategori", 80),
            true,
        );
        if !(1..=365).contains(&k.hari_kerja) {
            f.insert(
                format!("kategori.{i}.hari_kerja"),
                "Jangka waktu 1 sampai 365 hari kerja.".into(),
            );
        }
        out.push(Kategori {
            kode,
            nama,
            hari_kerja: k.hari_kerja,
        });
    }
    Error::fields(f)?;
    Ok(out)
}

/// Saves the categories with their audit entry. A complaint already
/// registered keeps the category name and working days it was given.
pub async fn save(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    list: &[Kategori],
) -> Result<Vec<Kategori>> {
    let clean = check(list)?;
    act.set_setting(
        db,
        SETTING,
        &to_json(&clean)?,
        Entry::new(
            "setting.change",
            "setting",
            SETTING,
            serde_json::json!({ "kategori": clean.len() }),
        ),
    )
    .await?;
    Ok(clean)
}
