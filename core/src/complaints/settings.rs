//! The complaints register's vocabulary, each list the office's own: the
//! channels a complaint comes by (seeded with the channels service standards
//! list: in person or in writing, telephone, e-mail, SP4N-LAPOR!, the pemda's
//! own complaints application or portal and its chatbot, social media, the
//! suggestion box), and the categories with the working days each allows.
//!
//! A category carries three clocks, all counted in working days by the
//! deadline engine: the written answer (UU 25/2009 Pasal 50 ayat (5), 14
//! days), the settlement (Pasal 50 ayat (7), 60 days at most; by default
//! ringan 2, normatif 5, tidak berkadar pengawasan 14, berkadar pengawasan
//! 60), and the complaints officer's time once a complaint is escalated to
//! them (Perpres 76/2013). An office that reads the law's "hari" as calendar
//! days sets 10 and 42.

use std::collections::BTreeMap;

use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{Acting, Entry};
use crate::error::to_json;
use crate::{Error, Result, store};

/// Setting: the categories, as JSON.
pub const SETTING: &str = "pengaduan_kategori";
/// Setting: the channels, as JSON.
pub const CHANNELS: &str = "pengaduan_kanal";
/// The law's ceiling for the written answer (UU 25/2009 Pasal 50 ayat (5)).
pub const ANSWER_DAYS: u32 = 14;

/// A channel a complaint reaches the office by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct KanalPengaduan {
    /// A short code ("sp4n_lapor"), kept on each complaint.
    pub kode: String,
    pub nama: String,
    /// The channel gives a ticket number the register must keep
    /// (SP4N-LAPOR!, a portal's tracking number).
    #[serde(default)]
    pub nomor_tiket: bool,
}

fn kanal(kode: &str, nama: &str, nomor_tiket: bool) -> KanalPengaduan {
    KanalPengaduan {
        kode: kode.into(),
        nama: nama.into(),
        nomor_tiket,
    }
}

/// The channels Loket starts from.
pub fn default_channels() -> Vec<KanalPengaduan> {
    vec![
        kanal("tatap_muka", "Tatap muka / tertulis", false),
        kanal("telepon", "Telepon", false),
        kanal("surel", "Surel", false),
        kanal("sp4n_lapor", "SP4N-LAPOR!", true),
        kanal("aplikasi_pemda", "Aplikasi / laman pengaduan pemda", true),
        kanal("chatbot", "Chatbot pemda", false),
        kanal("media_sosial", "Media sosial", false),
        kanal("kotak_saran", "Kotak saran", false),
        kanal("lainnya", "Lainnya", false),
    ]
}

/// The channels in force.
pub async fn channels(db: &impl ConnectionTrait) -> Result<Vec<KanalPengaduan>> {
    match store::setting(db, CHANNELS).await? {
        Some(json) => serde_json::from_str(&json).map_err(|e| Error::setting(CHANNELS, e)),
        None => Ok(default_channels()),
    }
}

/// The name a stored channel code shows (the code itself once the office
/// removed the channel from its list).
pub fn channel_name(list: &[KanalPengaduan], kode: &str) -> String {
    list.iter()
        .find(|k| k.kode == kode)
        .map_or_else(|| kode.to_string(), |k| k.nama.clone())
}

/// A short code: lowercase letters, digits or underscores.
fn code(f: &mut BTreeMap<String, String>, key: String, raw: &str, taken: &[&str]) -> String {
    let kode = raw.trim().to_lowercase();
    if kode.is_empty()
        || kode.len() > 40
        || !kode
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        f.insert(
            key,
            "Kode: huruf kecil, angka atau garis bawah, paling panjang 40.".into(),
        );
    } else if taken.contains(&kode.as_str()) {
        f.insert(key, "Kode ini sudah dipakai.".into());
    }
    kode
}

/// Checks the channels (`kanal.2.nama`, ...).
pub fn check_channels(list: &[KanalPengaduan]) -> Result<Vec<KanalPengaduan>> {
    if list.is_empty() {
        return Err(Error::field("kanal", "Paling sedikit satu kanal."));
    }
    let mut f = BTreeMap::new();
    let mut out: Vec<KanalPengaduan> = Vec::new();
    for (i, k) in list.iter().enumerate() {
        let taken: Vec<&str> = out.iter().map(|o| o.kode.as_str()).collect();
        let kode = code(&mut f, format!("kanal.{i}.kode"), &k.kode, &taken);
        let nama = crate::text::field(
            &mut f,
            format!("kanal.{i}.nama"),
            crate::text::line(&k.nama, "Nama kanal", 80),
            true,
        );
        out.push(KanalPengaduan {
            kode,
            nama,
            nomor_tiket: k.nomor_tiket,
        });
    }
    Error::fields(f)?;
    Ok(out)
}

/// Saves the channels with their audit entry. A complaint already
/// registered keeps its channel's code.
pub async fn save_channels(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    list: &[KanalPengaduan],
) -> Result<Vec<KanalPengaduan>> {
    let clean = check_channels(list)?;
    act.set_setting(
        db,
        CHANNELS,
        &to_json(&clean)?,
        Entry::new(
            "setting.change",
            "setting",
            CHANNELS,
            serde_json::json!({ "kanal": clean.len() }),
        ),
    )
    .await?;
    Ok(clean)
}

/// A category and the working days each of its clocks allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Kategori {
    /// A short code ("ringan"), kept on each complaint.
    pub kode: String,
    pub nama: String,
    /// To settle the complaint (selesai).
    pub hari_kerja: u32,
    /// To send the written answer (0 in a list saved before: read as the
    /// settlement's days, at most 14).
    #[serde(default)]
    pub hari_jawab: u32,
    /// For the complaints officer, from the escalation (0 in a list saved
    /// before: read as the answer's days).
    #[serde(default)]
    pub hari_eskalasi: u32,
}

impl Kategori {
    /// The list as saved before the answer and escalation clocks: their
    /// days read from the settlement's.
    fn filled(mut self) -> Kategori {
        if self.hari_jawab == 0 {
            self.hari_jawab = self.hari_kerja.min(ANSWER_DAYS);
        }
        if self.hari_eskalasi == 0 {
            self.hari_eskalasi = self.hari_jawab;
        }
        self
    }
}

fn kategori(kode: &str, nama: &str, hari_jawab: u32, hari_kerja: u32) -> Kategori {
    Kategori {
        kode: kode.into(),
        nama: nama.into(),
        hari_kerja,
        hari_jawab,
        hari_eskalasi: hari_jawab,
    }
}

/// The categories Loket starts from.
pub fn defaults() -> Vec<Kategori> {
    vec![
        kategori("ringan", "Ringan", 2, 2),
        kategori("normatif", "Normatif", 5, 5),
        kategori("tidak_berkadar", "Tidak berkadar pengawasan", 14, 14),
        kategori("berkadar", "Berkadar pengawasan", 14, 60),
    ]
}

/// The categories in force.
pub async fn categories(db: &impl ConnectionTrait) -> Result<Vec<Kategori>> {
    match store::setting(db, SETTING).await? {
        Some(json) => serde_json::from_str::<Vec<Kategori>>(&json)
            .map(|l| l.into_iter().map(Kategori::filled).collect())
            .map_err(|e| Error::setting(SETTING, e)),
        None => Ok(defaults()),
    }
}

/// Checks the categories (`kategori.2.hari_kerja`, ...).
pub fn check(list: &[Kategori]) -> Result<Vec<Kategori>> {
    if list.is_empty() {
        return Err(Error::field("kategori", "Paling sedikit satu kategori."));
    }
    let mut f = BTreeMap::new();
    let mut out: Vec<Kategori> = Vec::new();
    for (i, k) in list.iter().enumerate() {
        let taken: Vec<&str> = out.iter().map(|o| o.kode.as_str()).collect();
        let kode = code(&mut f, format!("kategori.{i}.kode"), &k.kode, &taken);
        let nama = crate::text::field(
            &mut f,
            format!("kategori.{i}.nama"),
            crate::text::line(&k.nama, "Nama kategori", 80),
            true,
        );
        for (key, days) in [
            ("hari_kerja", k.hari_kerja),
            ("hari_jawab", k.hari_jawab),
            ("hari_eskalasi", k.hari_eskalasi),
        ] {
            if !(1..=365).contains(&days) {
                f.insert(
                    format!("kategori.{i}.{key}"),
                    "Jangka waktu 1 sampai 365 hari kerja.".into(),
                );
            }
        }
        if k.hari_jawab > k.hari_kerja {
            f.entry(format!("kategori.{i}.hari_jawab"))
                .or_insert_with(|| {
                    "Jawaban tertulis tidak boleh lebih lama dari penyelesaian.".into()
                });
        }
        out.push(Kategori {
            kode,
            nama,
            hari_kerja: k.hari_kerja,
            hari_jawab: k.hari_jawab,
            hari_eskalasi: k.hari_eskalasi,
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
