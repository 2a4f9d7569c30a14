//! Letters: the Dinas's products. A register of outgoing letters (buku agenda
//! surat keluar) numbers them in the transaction that records them; templates
//! and letterhead come from settings; PDFs are rendered by [`layout`] (genpdfi
//! with subset fonts) and finished by [`pdf`] for a wet or an electronic
//! signature; the signed copy comes back and makes the letter final.

mod layout;
pub mod numbering;
pub mod pdf;
pub mod signed;
pub mod template;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use base64::Engine as _;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use rand::{CryptoRng, RngCore};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use pdf::Form;
pub use signed::SignatureCheck;

use crate::audit::{self, Actor};
use crate::cases::flow::Action;
use crate::cases::{Layanan, Status, TransitionInput};
use crate::documents::{self, Mime};
use crate::entities::{
    applicants, case_requirements, cases, documents as doc_rows, letter_cases, letters,
};
use crate::secrets::{DataKey, hex};
use crate::store;
use crate::{Error, Result};

/// The kinds of letter Loket produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Jenis {
    RekomendasiPendaftaran,
    RekomendasiPembaruan,
    RekomendasiPencabutan,
    Penolakan,
    TandaTerima,
}

text_enum!(Jenis {
    RekomendasiPendaftaran => "rekomendasi_pendaftaran",
    RekomendasiPembaruan => "rekomendasi_pembaruan",
    RekomendasiPencabutan => "rekomendasi_pencabutan",
    Penolakan => "penolakan",
    TandaTerima => "tanda_terima",
});

impl Jenis {
    /// Every kind, in the order the settings screen shows them.
    pub const ALL: [Jenis; 5] = [
        Jenis::RekomendasiPendaftaran,
        Jenis::RekomendasiPembaruan,
        Jenis::RekomendasiPencabutan,
        Jenis::Penolakan,
        Jenis::TandaTerima,
    ];

    /// The "Hal" line and the document title.
    pub fn hal(self) -> &'static str {
        match self {
            Jenis::RekomendasiPendaftaran => "Rekomendasi Pendaftaran Sertifikat Elektronik",
            Jenis::RekomendasiPembaruan => "Rekomendasi Pembaruan Sertifikat Elektronik",
            Jenis::RekomendasiPencabutan => "Rekomendasi Pencabutan Sertifikat Elektronik",
            Jenis::Penolakan => "Pemberitahuan Penolakan Permohonan Sertifikat Elektronik",
            Jenis::TandaTerima => "Tanda Terima Berkas Permohonan Sertifikat Elektronik",
        }
    }

    /// The service whose cases a recommendation letter is for.
    pub fn layanan(self) -> Option<Layanan> {
        match self {
            Jenis::RekomendasiPendaftaran => Some(Layanan::Penerbitan),
            Jenis::RekomendasiPembaruan => Some(Layanan::Pembaruan),
            Jenis::RekomendasiPencabutan => Some(Layanan::Pencabutan),
            _ => None,
        }
    }
}

/// Where a letter is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LetterStatus {
    /// Not numbered; prints a DRAFT mark.
    Draf,
    /// Numbered in the register, waiting for the signed copy.
    Terbit,
    /// The signed copy is filed.
    Final,
    /// Cancelled; keeps its number, marked void with a reason.
    Batal,
}

text_enum!(LetterStatus { Draf => "draf", Terbit => "terbit", Final => "final", Batal => "batal" });

/// The letterhead (kop surat).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Kop {
    pub pemerintah: String,
    pub dinas: String,
    pub alamat: String,
    pub telepon: String,
    pub laman: String,
    pub email: String,
}

/// A person who signs letters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Signatory {
    pub jabatan: String,
    pub nama: String,
    pub pangkat: String,
    pub nip: String,
}

/// The templates, one per letter kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Templates {
    pub rekomendasi_pendaftaran: String,
    pub rekomendasi_pembaruan: String,
    pub rekomendasi_pencabutan: String,
    pub penolakan: String,
    pub tanda_terima: String,
}

impl Templates {
    fn of(&self, j: Jenis) -> &str {
        match j {
            Jenis::RekomendasiPendaftaran => &self.rekomendasi_pendaftaran,
            Jenis::RekomendasiPembaruan => &self.rekomendasi_pembaruan,
            Jenis::RekomendasiPencabutan => &self.rekomendasi_pencabutan,
            Jenis::Penolakan => &self.penolakan,
            Jenis::TandaTerima => &self.tanda_terima,
        }
    }
}

/// Everything about letters an admin configures (setting `surat`, JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct LetterSettings {
    pub kop: Kop,
    /// Place printed before the date ("Denpasar").
    pub tempat: String,
    /// Signatories; a letter names one of them (the first is the default).
    pub penandatangan: Vec<Signatory>,
    pub tembusan: Vec<String>,
    /// Number pattern, for example `{klasifikasi}/{urut}/{unit}/{tahun}`.
    pub pola_nomor: String,
    /// Kode klasifikasi arsip for recommendations and for rejection notices.
    pub klasifikasi_rekomendasi: String,
    pub klasifikasi_penolakan: String,
    pub kode_unit: String,
    /// Addressee lines of a recommendation (BSrE).
    pub tujuan_rekomendasi: Vec<String>,
    pub templat: Templates,
    /// Footer of the electronic form.
    pub catatan_kaki_tte: String,
    /// Working days promised on the receipt.
    pub hari_kerja_layanan: u32,
}

const REKOMENDASI_PENUTUP: &str =
    "Demikian surat rekomendasi ini dibuat untuk dapat dipergunakan sebagaimana mestinya.";

impl Default for LetterSettings {
    fn default() -> Self {
        let rek = |aksi: &str| {
            format!(
                "Berdasarkan surat permohonan dari {{instansi}}, setelah dilakukan verifikasi \
                 terhadap persyaratan yang ditetapkan, dengan ini {{dinas}} memberikan \
                 rekomendasi {aksi} Sertifikat Elektronik kepada:\n\n{}\n\n\
                 Sertifikat Elektronik tersebut diterbitkan oleh Balai Besar Sertifikasi \
                 Elektronik (BSrE), Badan Siber dan Sandi Negara, untuk keperluan kedinasan.\n\n\
                 {REKOMENDASI_PENUTUP}",
                template::DATA_BLOCK
            )
        };
        LetterSettings {
            kop: Kop {
                pemerintah: "Pemerintah Kota Denpasar".into(),
                dinas: "Dinas Komunikasi, Informatika dan Statistik".into(),
                alamat: "Gedung Graha Sewakadarma Lt. III, Jalan Majapahit Nomor 1, Denpasar 80231"
                    .into(),
                telepon: "(0361) 431229".into(),
                laman: "www.kominfostatistik.denpasarkota.go.id".into(),
                email: "kominfo@denpasarkota.go.id".into(),
            },
            tempat: "Denpasar".into(),
            penandatangan: vec![Signatory {
                jabatan: "Kepala Dinas Komunikasi, Informatika dan Statistik Kota Denpasar".into(),
                ..Default::default()
            }],
            tembusan: vec![],
            pola_nomor: "{klasifikasi}/{urut}/{unit}/{tahun}".into(),
            klasifikasi_rekomendasi: "000.8.3.3".into(),
            klasifikasi_penolakan: "000.8.3.3".into(),
            kode_unit: "DKIS".into(),
            tujuan_rekomendasi: vec![
                "Kepala Balai Besar Sertifikasi Elektronik".into(),
                "Badan Siber dan Sandi Negara".into(),
                "di Jakarta".into(),
            ],
            templat: Templates {
                rekomendasi_pendaftaran: rek("pendaftaran"),
                rekomendasi_pembaruan: rek("pembaruan"),
                rekomendasi_pencabutan: rek("pencabutan"),
                penolakan: "Menindaklanjuti permohonan {layanan} Sertifikat Elektronik \
                    Saudara dengan nomor registrasi {nomor_registrasi} tanggal \
                    {tanggal_permohonan}, dengan ini kami sampaikan bahwa permohonan tersebut \
                    belum dapat kami proses dengan alasan:\n\n{alasan}\n\n\
                    Saudara dapat mengajukan permohonan kembali setelah melengkapi atau \
                    memperbaiki hal tersebut.\n\n\
                    Demikian kami sampaikan, atas perhatian Saudara diucapkan terima kasih."
                    .into(),
                tanda_terima: "Berkas permohonan {layanan} Sertifikat Elektronik atas nama \
                    {nama} telah kami terima dengan nomor registrasi {nomor_registrasi}. \
                    Simpan tanda terima ini untuk menanyakan perkembangan permohonan."
                    .into(),
            },
            catatan_kaki_tte: "Dokumen ini telah ditandatangani secara elektronik menggunakan \
                sertifikat elektronik yang diterbitkan oleh Balai Besar Sertifikasi Elektronik \
                (BSrE), BSSN."
                .into(),
            hari_kerja_layanan: 3,
        }
    }
}

/// Setting keys.
pub const SETTING_LETTERS: &str = "surat";
pub const SETTING_LOGO: &str = "surat.logo";

/// One block of a letter's body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    Teks(String),
    /// Label/value rows (the applicant's data).
    Data(Vec<(String, String)>),
    /// A numbered list.
    Daftar(Vec<String>),
}

/// One row of a collective letter's attachment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttachmentRow {
    pub nama: String,
    pub nip: String,
    pub jabatan: String,
    pub unit_kerja: String,
    pub email: String,
    pub layanan: String,
}

/// A letter as printed: a snapshot, so later setting changes do not alter it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LetterContent {
    pub jenis: Jenis,
    pub kop: Kop,
    pub tempat: String,
    pub tanggal: NaiveDate,
    pub nomor: Option<String>,
    pub sifat: String,
    pub hal: String,
    pub tujuan: Vec<String>,
    pub isi: Vec<Block>,
    pub lampiran: Option<Vec<AttachmentRow>>,
    pub penandatangan: Signatory,
    pub tembusan: Vec<String>,
    /// A centred title instead of the Nomor/Hal block (the receipt).
    pub judul: Option<String>,
}

const BULAN: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// "22 November 2026".
pub fn tanggal(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), BULAN[d.month0() as usize], d.year())
}

const SATUAN: [&str; 12] = [
    "", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh",
    "sebelas",
];

/// A count in words for the Lampiran line ("1 (satu) lembar").
fn terbilang(n: usize) -> String {
    match n {
        0 => "nol".into(),
        1..=11 => SATUAN[n].into(),
        12..=19 => format!("{} belas", SATUAN[n - 10]),
        20..=99 => {
            let tail = if n.is_multiple_of(10) {
                String::new()
            } else {
                format!(" {}", SATUAN[n % 10])
            };
            format!("{} puluh{tail}", SATUAN[n / 10])
        }
        _ => n.to_string(),
    }
}

impl LetterContent {
    /// The document title.
    pub fn title(&self) -> String {
        match &self.nomor {
            Some(n) => format!("{} Nomor {n}", self.hal),
            None => format!("{} (draf)", self.hal),
        }
    }

    /// The Lampiran line.
    pub fn lampiran_text(&self) -> String {
        match &self.lampiran {
            // Fourteen rows fit on one attachment page.
            Some(rows) => {
                let pages = rows.len().div_ceil(14).max(1);
                format!("{pages} ({}) lembar", terbilang(pages))
            }
            None => "-".into(),
        }
    }

    /// Every text the letter prints, in reading order (also what a golden test
    /// expects `pdftotext` to find).
    pub fn to_text(&self) -> String {
        let mut out = vec![
            self.kop.pemerintah.to_uppercase(),
            self.kop.dinas.to_uppercase(),
            self.kop.alamat.clone(),
            format!(
                "Telepon {}, Laman {}, Pos-el {}",
                self.kop.telepon, self.kop.laman, self.kop.email
            ),
            format!("{}, {}", self.tempat, tanggal(self.tanggal)),
            self.nomor.clone().unwrap_or_default(),
            "(draf, belum bernomor) Nomor Sifat Lampiran Hal Yth. Tembusan: LAMPIRAN Surat Tanggal"
                .into(),
            "DAFTAR PEGAWAI No Nama NIP Jabatan Unit Kerja E-mail Layanan".into(),
            self.sifat.clone(),
            self.lampiran_text(),
            self.hal.clone(),
        ];
        out.extend(self.tujuan.iter().cloned());
        out.extend(self.judul.iter().cloned());
        for b in &self.isi {
            match b {
                Block::Teks(t) => out.push(t.clone()),
                Block::Data(rows) => {
                    out.extend(rows.iter().flat_map(|(k, v)| [k.clone(), v.clone()]))
                }
                Block::Daftar(items) => out.extend(items.iter().cloned()),
            }
        }
        for r in self.lampiran.iter().flatten() {
            out.extend(
                [
                    &r.nama,
                    &r.nip,
                    &r.jabatan,
                    &r.unit_kerja,
                    &r.email,
                    &r.layanan,
                ]
                .map(|s| s.clone()),
            );
        }
        let s = &self.penandatangan;
        out.extend([
            s.jabatan.clone(),
            s.nama.clone(),
            s.pangkat.clone(),
            format!("NIP {}", s.nip),
        ]);
        out.extend(self.tembusan.iter().cloned());
        out.join("\n")
    }
}

/// The stored logo: a JPEG with its pixel size.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredLogo {
    jpeg: String,
    width: u32,
    height: u32,
}

/// The letter settings, defaults filled in.
pub async fn settings(db: &impl ConnectionTrait) -> Result<LetterSettings> {
    Ok(match store::setting(db, SETTING_LETTERS).await? {
        Some(v) => serde_json::from_str(&v)
            .map_err(|e| Error::Store(format!("Pengaturan surat tidak terbaca: {e}")))?,
        None => LetterSettings::default(),
    })
}

fn required(fields: &mut BTreeMap<String, String>, key: &str, value: &str, label: &str) {
    if value.trim().is_empty() {
        fields.insert(key.into(), format!("{label} wajib diisi."));
    }
}

/// Checks settings; every problem is reported next to its field.
pub fn check_settings(s: &LetterSettings) -> Result<()> {
    let mut f = BTreeMap::new();
    required(
        &mut f,
        "kop.pemerintah",
        &s.kop.pemerintah,
        "Nama pemerintah daerah",
    );
    required(&mut f, "kop.dinas", &s.kop.dinas, "Nama dinas");
    required(&mut f, "kop.alamat", &s.kop.alamat, "Alamat");
    required(&mut f, "tempat", &s.tempat, "Tempat surat");
    required(&mut f, "kode_unit", &s.kode_unit, "Kode unit");
    required(
        &mut f,
        "klasifikasi_rekomendasi",
        &s.klasifikasi_rekomendasi,
        "Kode klasifikasi",
    );
    required(
        &mut f,
        "klasifikasi_penolakan",
        &s.klasifikasi_penolakan,
        "Kode klasifikasi",
    );
    if let Err(e) = numbering::check_pattern(&s.pola_nomor) {
        f.insert("pola_nomor".into(), e);
    }
    if s.penandatangan.is_empty() {
        f.insert(
            "penandatangan".into(),
            "Isi sedikitnya satu penandatangan.".into(),
        );
    }
    for (i, p) in s.penandatangan.iter().enumerate() {
        required(
            &mut f,
            &format!("penandatangan.{i}.jabatan"),
            &p.jabatan,
            "Jabatan",
        );
        required(&mut f, &format!("penandatangan.{i}.nama"), &p.nama, "Nama");
        let nip_ok = p.nip.len() == 18 && p.nip.bytes().all(|b| b.is_ascii_digit());
        if !p.nip.is_empty() && !nip_ok {
            f.insert(
                format!("penandatangan.{i}.nip"),
                "NIP terdiri atas 18 angka.".into(),
            );
        }
    }
    for j in Jenis::ALL {
        if let Err(e) = template::check(s.templat.of(j)) {
            f.insert(format!("templat.{}", j.as_str()), e);
        }
    }
    if !(1..=30).contains(&s.hari_kerja_layanan) {
        f.insert(
            "hari_kerja_layanan".into(),
            "Isi 1 sampai 30 hari kerja.".into(),
        );
    }
    if f.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid {
            message: "Periksa kembali isian yang ditandai.".into(),
            fields: f,
        })
    }
}

/// Saves the letter settings (checked first) with an audit entry.
pub async fn save_settings(
    db: &DatabaseConnection,
    key: &DataKey,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    s: &LetterSettings,
) -> Result<LetterSettings> {
    check_settings(s)?;
    let now = audit::truncate_micros(now);
    let json = serde_json::to_string(s).map_err(|e| Error::Store(e.to_string()))?;
    audit::set_setting(
        db,
        key,
        actor,
        now,
        SETTING_LETTERS,
        &json,
        audit::Entry {
            action: "settings.letters",
            entity: "setting",
            entity_id: SETTING_LETTERS.into(),
            detail: serde_json::json!({ "pola_nomor": s.pola_nomor }),
        },
    )
    .await?;
    Ok(s.clone())
}

/// Sets the letterhead logo from a PNG or JPEG (stored as a small JPEG).
pub async fn set_logo(
    db: &DatabaseConnection,
    key: &DataKey,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    bytes: &[u8],
) -> Result<()> {
    let format = match documents::sniff(bytes)? {
        Mime::Jpeg => image::ImageFormat::Jpeg,
        Mime::Png => image::ImageFormat::Png,
        Mime::Pdf => {
            return Err(Error::field(
                "file",
                "Logo harus berupa gambar PNG atau JPEG.",
            ));
        }
    };
    let img = documents::decode(bytes, format)?;
    let img = if img.height() > 300 {
        img.resize(600, 300, image::imageops::FilterType::Lanczos3)
    } else {
        img
    };
    // Transparent areas become white, as on paper.
    let mut rgb = image::RgbImage::new(img.width(), img.height());
    for (x, y, p) in img.to_rgba8().enumerate_pixels() {
        let a = p[3] as u32;
        let mix = |c: u8| ((c as u32 * a + 255 * (255 - a)) / 255) as u8;
        rgb.put_pixel(x, y, image::Rgb([mix(p[0]), mix(p[1]), mix(p[2])]));
    }
    let jpeg = documents::encode_jpeg(&image::DynamicImage::ImageRgb8(rgb), 90)?;
    let stored = StoredLogo {
        jpeg: base64::engine::general_purpose::STANDARD.encode(&jpeg),
        width: img.width(),
        height: img.height(),
    };
    audit::set_setting(
        db,
        key,
        actor,
        now,
        SETTING_LOGO,
        &serde_json::to_string(&stored).map_err(|e| Error::Store(e.to_string()))?,
        audit::Entry {
            action: "settings.logo",
            entity: "setting",
            entity_id: SETTING_LOGO.into(),
            detail: serde_json::json!({ "sha256": documents::sha256_hex(&jpeg) }),
        },
    )
    .await
}

async fn logo(db: &impl ConnectionTrait) -> Result<Option<(Vec<u8>, u32, u32)>> {
    let Some(v) = store::setting(db, SETTING_LOGO).await? else {
        return Ok(None);
    };
    let l: StoredLogo = serde_json::from_str(&v).map_err(|e| Error::Store(e.to_string()))?;
    let jpeg = base64::engine::general_purpose::STANDARD
        .decode(l.jpeg)
        .map_err(|e| Error::Store(e.to_string()))?;
    Ok(Some((jpeg, l.width, l.height)))
}

/// A case of a letter, as the register shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LetterCase {
    #[ts(type = "number")]
    pub id: i64,
    pub nomor: String,
    pub nama: String,
}

/// A letter in the register.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LetterRow {
    #[ts(type = "number")]
    pub id: i64,
    pub jenis: Jenis,
    pub status: LetterStatus,
    pub nomor: Option<String>,
    /// Date printed on the letter (YYYY-MM-DD).
    pub tanggal: String,
    pub hal: String,
    pub instansi: String,
    pub penandatangan: String,
    pub cases: Vec<LetterCase>,
    pub void_reason: Option<String>,
    /// `basah` or `elektronik` once the signed copy is filed.
    pub signed_kind: Option<String>,
    pub signed_filename: Option<String>,
    pub signed_sha256: Option<String>,
    pub created_by: String,
}

fn parse_content(l: &letters::Model) -> Result<LetterContent> {
    serde_json::from_str(&l.content)
        .map_err(|e| Error::Store(format!("Isi surat tidak terbaca: {e}")))
}

async fn to_row(db: &impl ConnectionTrait, l: letters::Model) -> Result<LetterRow> {
    let content = parse_content(&l)?;
    let links = letter_cases::Entity::find()
        .filter(letter_cases::Column::LetterId.eq(l.id))
        .order_by_asc(letter_cases::Column::Urutan)
        .all(db)
        .await?;
    let mut cases_out = Vec::with_capacity(links.len());
    for link in links {
        if let Some(c) = cases::Entity::find_by_id(link.case_id).one(db).await? {
            let nama = applicants::Entity::find_by_id(c.applicant_id)
                .one(db)
                .await?
                .map(|a| a.nama)
                .unwrap_or_default();
            cases_out.push(LetterCase {
                id: c.id,
                nomor: c.nomor,
                nama,
            });
        }
    }
    Ok(LetterRow {
        id: l.id,
        jenis: Jenis::parse(&l.jenis).ok_or(Error::NotFound("Jenis surat"))?,
        status: LetterStatus::parse(&l.status).ok_or(Error::NotFound("Status surat"))?,
        nomor: l.nomor,
        tanggal: content.tanggal.to_string(),
        hal: content.hal,
        instansi: l.instansi,
        penandatangan: content.penandatangan.nama,
        cases: cases_out,
        void_reason: l.void_reason,
        signed_kind: l.signed_kind,
        signed_filename: l.signed_filename,
        signed_sha256: l.signed_sha256,
        created_by: l.created_by,
    })
}

/// What the desk sends to draft a letter.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct NewLetter {
    pub jenis: Option<Jenis>,
    /// One case, or several of one instansi for a collective recommendation.
    #[ts(type = "number[]")]
    pub case_ids: Vec<i64>,
    /// Index into the signatories of the settings.
    pub penandatangan: u32,
}

struct CaseData {
    case: cases::Model,
    applicant: applicants::Model,
    layanan: Layanan,
    status: Status,
}

async fn load_case(db: &impl ConnectionTrait, id: i64) -> Result<CaseData> {
    let case = cases::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound("Permohonan"))?;
    let applicant = applicants::Entity::find_by_id(case.applicant_id)
        .one(db)
        .await?
        .ok_or(Error::NotFound("Pemohon"))?;
    let layanan = Layanan::parse(&case.layanan).ok_or(Error::NotFound("Layanan"))?;
    let status = Status::parse(&case.status).ok_or(Error::NotFound("Status"))?;
    Ok(CaseData {
        case,
        applicant,
        layanan,
        status,
    })
}

fn layanan_label(l: Layanan) -> &'static str {
    match l {
        Layanan::Penerbitan => "penerbitan",
        Layanan::Pembaruan => "pembaruan",
        Layanan::PerubahanData => "perubahan data",
        Layanan::Pencabutan => "pencabutan",
    }
}

fn values(s: &LetterSettings, d: &CaseData, n: usize) -> BTreeMap<&'static str, String> {
    let a = &d.applicant;
    BTreeMap::from([
        ("nama", a.nama.clone()),
        ("nip", a.nip.clone().unwrap_or_else(|| "-".into())),
        ("jabatan", a.jabatan.clone()),
        ("unit_kerja", a.unit_kerja.clone()),
        ("instansi", a.instansi.clone()),
        ("email", a.email.clone()),
        ("layanan", layanan_label(d.layanan).into()),
        ("jumlah", format!("{n} ({}) orang", terbilang(n))),
        ("nomor_registrasi", d.case.nomor.clone()),
        (
            "tanggal_permohonan",
            tanggal(d.case.created_at.date_naive()),
        ),
        (
            "dinas",
            format!(
                "{} {}",
                s.kop.dinas,
                s.kop.pemerintah.replace("Pemerintah ", "")
            ),
        ),
        ("pemerintah", s.kop.pemerintah.clone()),
    ])
}

fn data_rows(a: &applicants::Model) -> Vec<(String, String)> {
    vec![
        ("Nama".into(), a.nama.clone()),
        ("NIP".into(), a.nip.clone().unwrap_or_else(|| "-".into())),
        ("Jabatan".into(), a.jabatan.clone()),
        ("Unit Kerja".into(), a.unit_kerja.clone()),
        ("Instansi".into(), a.instansi.clone()),
        ("E-mail".into(), a.email.clone()),
    ]
}

fn body(
    tpl: &str,
    vals: &BTreeMap<&str, String>,
    data: Option<Vec<(String, String)>>,
    collective: Option<usize>,
) -> Vec<Block> {
    template::paragraphs(tpl)
        .into_iter()
        .map(|p| {
            if p.trim() == template::DATA_BLOCK {
                match (&data, collective) {
                    (_, Some(n)) => Block::Teks(format!(
                        "{n} ({}) orang pegawai sebagaimana tercantum dalam Lampiran surat ini.",
                        terbilang(n)
                    )),
                    (Some(rows), None) => Block::Data(rows.clone()),
                    (None, None) => Block::Teks(String::new()),
                }
            } else {
                Block::Teks(template::fill(&p, vals))
            }
        })
        .collect()
}

async fn reason_label(db: &impl ConnectionTrait, c: &cases::Model) -> Result<String> {
    let reasons = crate::cases::reject_reasons(db).await?;
    let code = c.reason_code.clone().unwrap_or_default();
    let label = reasons
        .into_iter()
        .find(|r| r.code == code)
        .map(|r| r.label)
        .unwrap_or(code);
    let note = c.reason_note.clone().unwrap_or_default();
    Ok(if note.trim().is_empty() {
        label
    } else {
        format!("{label}: {}", note.trim())
    })
}

/// Builds the content of a new letter for `cases` from the settings.
async fn compose(
    db: &impl ConnectionTrait,
    s: &LetterSettings,
    jenis: Jenis,
    data: &[CaseData],
    signatory: &Signatory,
    day: NaiveDate,
) -> Result<LetterContent> {
    let first = &data[0];
    let collective = (data.len() > 1).then_some(data.len());
    let mut vals = values(s, first, data.len());
    let (tujuan, lampiran) = match jenis {
        Jenis::Penolakan | Jenis::TandaTerima => {
            vals.insert("alasan", reason_label(db, &first.case).await?);
            (
                vec![
                    format!("Sdr. {}", first.applicant.nama),
                    format!(
                        "{}, {}",
                        first.applicant.jabatan, first.applicant.unit_kerja
                    ),
                    first.applicant.instansi.clone(),
                    "di Tempat".into(),
                ],
                None,
            )
        }
        _ => (
            s.tujuan_rekomendasi.clone(),
            collective.map(|_| {
                data.iter()
                    .map(|d| AttachmentRow {
                        nama: d.applicant.nama.clone(),
                        nip: d.applicant.nip.clone().unwrap_or_else(|| "-".into()),
                        jabatan: d.applicant.jabatan.clone(),
                        unit_kerja: d.applicant.unit_kerja.clone(),
                        email: d.applicant.email.clone(),
                        layanan: layanan_label(d.layanan).into(),
                    })
                    .collect()
            }),
        ),
    };
    let isi = body(
        s.templat.of(jenis),
        &vals,
        Some(data_rows(&first.applicant)),
        collective,
    );
    Ok(LetterContent {
        jenis,
        kop: s.kop.clone(),
        tempat: s.tempat.clone(),
        tanggal: day,
        nomor: None,
        sifat: "Biasa".into(),
        hal: jenis.hal().into(),
        tujuan,
        isi,
        lampiran,
        penandatangan: signatory.clone(),
        tembusan: s.tembusan.clone(),
        judul: None,
    })
}

/// Whether the case already has a letter of `jenis` that is not void.
async fn has_live_letter(db: &impl ConnectionTrait, case_id: i64, jenis: Jenis) -> Result<bool> {
    let ids: Vec<i64> = letter_cases::Entity::find()
        .filter(letter_cases::Column::CaseId.eq(case_id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.letter_id)
        .collect();
    Ok(letters::Entity::find()
        .filter(letters::Column::Id.is_in(ids))
        .filter(letters::Column::Jenis.eq(jenis.as_str()))
        .filter(letters::Column::Status.ne(LetterStatus::Batal.as_str()))
        .count(db)
        .await?
        > 0)
}

/// The letter a case's status calls for and does not have yet: its Surat
/// Rekomendasi once the file is complete, the rejection notice once rejected.
pub async fn to_draft(
    db: &impl ConnectionTrait,
    case_id: i64,
    layanan: Layanan,
    status: Status,
) -> Result<Option<Jenis>> {
    let wanted = match status {
        Status::BerkasLengkap => Jenis::ALL
            .into_iter()
            .find(|j| j.layanan() == Some(layanan)),
        Status::Ditolak => Some(Jenis::Penolakan),
        _ => None,
    };
    Ok(match wanted {
        Some(j) if !has_live_letter(db, case_id, j).await? => Some(j),
        _ => None,
    })
}

/// Drafts a letter for one case, or a collective recommendation for several
/// cases of one instansi. Drafts have no number.
pub async fn create_draft(
    db: &DatabaseConnection,
    key: &DataKey,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    input: &NewLetter,
) -> Result<LetterRow> {
    let now = audit::truncate_micros(now);
    let jenis = input
        .jenis
        .ok_or_else(|| Error::field("jenis", "Pilih jenis surat."))?;
    if jenis == Jenis::TandaTerima {
        return Err(Error::field(
            "jenis",
            "Tanda terima dicetak langsung dari halaman permohonan; tidak masuk buku agenda.",
        ));
    }
    let mut ids = input.case_ids.clone();
    ids.dedup();
    if ids.is_empty() {
        return Err(Error::field(
            "case_ids",
            "Pilih sedikitnya satu permohonan.",
        ));
    }
    let s = settings(db).await?;
    let signatory = s
        .penandatangan
        .get(input.penandatangan as usize)
        .cloned()
        .ok_or_else(|| Error::field("penandatangan", "Pilih penandatangan."))?;
    if signatory.nama.trim().is_empty() {
        return Err(Error::field(
            "penandatangan",
            "Nama penandatangan belum diisi di Pengaturan Surat.",
        ));
    }
    let mut data = Vec::with_capacity(ids.len());
    for id in &ids {
        data.push(load_case(db, *id).await?);
    }
    let instansi = data[0].applicant.instansi.clone();
    match jenis.layanan() {
        Some(l) => {
            for d in &data {
                if d.layanan != l {
                    return Err(Error::field(
                        "case_ids",
                        format!("{} bukan permohonan {}.", d.case.nomor, layanan_label(l)),
                    ));
                }
                if d.status != Status::BerkasLengkap {
                    return Err(Error::field(
                        "case_ids",
                        format!(
                            "{}: surat rekomendasi dibuat setelah berkas lengkap (status kini {}).",
                            d.case.nomor,
                            d.status.as_str().replace('_', " ")
                        ),
                    ));
                }
                if d.applicant.instansi != instansi {
                    return Err(Error::field(
                        "case_ids",
                        "Surat kolektif hanya untuk pegawai dari satu instansi.",
                    ));
                }
            }
            for id in &ids {
                if has_live_letter(db, *id, jenis).await? {
                    return Err(Error::field(
                        "case_ids",
                        "Permohonan ini sudah memiliki surat rekomendasi; batalkan surat itu dulu bila perlu diganti.",
                    ));
                }
            }
        }
        None => {
            if ids.len() != 1 {
                return Err(Error::field(
                    "case_ids",
                    "Surat penolakan untuk satu permohonan.",
                ));
            }
            if has_live_letter(db, ids[0], jenis).await? {
                return Err(Error::field(
                    "case_ids",
                    "Permohonan ini sudah memiliki surat pemberitahuan penolakan.",
                ));
            }
            if data[0].status != Status::Ditolak {
                return Err(Error::field(
                    "case_ids",
                    "Surat pemberitahuan penolakan dibuat untuk permohonan yang ditolak.",
                ));
            }
        }
    }
    let content = compose(db, &s, jenis, &data, &signatory, now.date_naive()).await?;
    let txn = store::begin_write(db).await?;
    let letter = letters::ActiveModel {
        jenis: Set(jenis.as_str().into()),
        status: Set(LetterStatus::Draf.as_str().into()),
        instansi: Set(instansi),
        content: Set(serde_json::to_string(&content).map_err(|e| Error::Store(e.to_string()))?),
        created_by: Set(actor.name.clone()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for (n, id) in ids.iter().enumerate() {
        letter_cases::ActiveModel {
            letter_id: Set(letter.id),
            case_id: Set(*id),
            urutan: Set(n as i32),
        }
        .insert(&txn)
        .await?;
    }
    audit::record(
        &txn,
        key,
        actor,
        now,
        audit::Entry {
            action: "letter.draft",
            entity: "letter",
            entity_id: letter.id.to_string(),
            detail: serde_json::json!({ "jenis": jenis.as_str(), "cases": ids }),
        },
    )
    .await?;
    txn.commit().await?;
    to_row(db, letter).await
}

async fn find(db: &impl ConnectionTrait, id: i64) -> Result<letters::Model> {
    letters::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound("Surat"))
}

fn status_of(l: &letters::Model) -> Result<LetterStatus> {
    LetterStatus::parse(&l.status).ok_or(Error::NotFound("Status surat"))
}

/// Gives a draft its number from the register, inside one transaction with the
/// letter's update, the audit entry and, for a recommendation, each case's move
/// to "rekomendasi terbit": never two letters with one number, never a gap.
pub async fn issue(
    db: &DatabaseConnection,
    key: &DataKey,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    id: i64,
) -> Result<LetterRow> {
    let now = audit::truncate_micros(now);
    let s = settings(db).await?;
    let txn = store::begin_write(db).await?;
    let letter = find(&txn, id).await?;
    if status_of(&letter)? != LetterStatus::Draf {
        return Err(Error::field(
            "letter",
            "Hanya draf yang dapat diberi nomor.",
        ));
    }
    let jenis = Jenis::parse(&letter.jenis).ok_or(Error::NotFound("Jenis surat"))?;
    let mut content = parse_content(&letter)?;
    let tahun = now.year();
    let urut = store::next_counter(&txn, &format!("surat_keluar/{tahun}")).await?;
    let klasifikasi = if jenis == Jenis::Penolakan {
        &s.klasifikasi_penolakan
    } else {
        &s.klasifikasi_rekomendasi
    };
    let nomor = numbering::format(
        &s.pola_nomor,
        &numbering::Parts {
            klasifikasi,
            urut,
            unit: &s.kode_unit,
            tahun,
            bulan: now.month(),
        },
    );
    content.nomor = Some(nomor.clone());
    content.tanggal = now.date_naive();
    let mut am: letters::ActiveModel = letter.clone().into();
    am.status = Set(LetterStatus::Terbit.as_str().into());
    am.tahun = Set(Some(tahun));
    am.urut = Set(Some(urut));
    am.nomor = Set(Some(nomor.clone()));
    am.content = Set(serde_json::to_string(&content).map_err(|e| Error::Store(e.to_string()))?);
    am.issued_by = Set(Some(actor.name.clone()));
    am.issued_at = Set(Some(now));
    let letter = am.update(&txn).await?;
    if jenis.layanan().is_some() {
        let links = letter_cases::Entity::find()
            .filter(letter_cases::Column::LetterId.eq(id))
            .all(&txn)
            .await?;
        for link in links {
            crate::cases::apply_transition(
                &txn,
                key,
                actor,
                now,
                link.case_id,
                &TransitionInput {
                    action: Some(Action::TerbitkanRekomendasi),
                    note: format!("Surat rekomendasi nomor {nomor}"),
                    ..Default::default()
                },
            )
            .await?;
        }
    }
    audit::record(
        &txn,
        key,
        actor,
        now,
        audit::Entry {
            action: "letter.issue",
            entity: "letter",
            entity_id: id.to_string(),
            detail: serde_json::json!({ "nomor": nomor, "tahun": tahun, "urut": urut }),
        },
    )
    .await?;
    txn.commit().await?;
    to_row(db, letter).await
}

/// Cancels a letter. A numbered letter keeps its number in the register,
/// marked void with the reason; the number is never given again.
pub async fn void(
    db: &DatabaseConnection,
    key: &DataKey,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    id: i64,
    reason: &str,
) -> Result<LetterRow> {
    let now = audit::truncate_micros(now);
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::field(
            "void_reason",
            "Tuliskan alasan pembatalan surat.",
        ));
    }
    let txn = store::begin_write(db).await?;
    let letter = find(&txn, id).await?;
    if status_of(&letter)? == LetterStatus::Batal {
        return Err(Error::field("void_reason", "Surat ini sudah dibatalkan."));
    }
    let mut am: letters::ActiveModel = letter.clone().into();
    am.status = Set(LetterStatus::Batal.as_str().into());
    am.void_reason = Set(Some(reason.into()));
    am.voided_by = Set(Some(actor.name.clone()));
    am.voided_at = Set(Some(now));
    let letter = am.update(&txn).await?;
    audit::record(
        &txn,
        key,
        actor,
        now,
        audit::Entry {
            action: "letter.void",
            entity: "letter",
            entity_id: id.to_string(),
            detail: serde_json::json!({ "nomor": letter.nomor, "reason": reason }),
        },
    )
    .await?;
    txn.commit().await?;
    to_row(db, letter).await
}

/// Renders content to a finished PDF.
pub async fn render_content(
    db: &impl ConnectionTrait,
    content: &LetterContent,
    form: Form,
    draft: bool,
    created: DateTime<FixedOffset>,
) -> Result<Vec<u8>> {
    let s = settings(db).await?;
    let logo = logo(db).await?;
    render_with(
        content,
        form,
        draft,
        created,
        &s.catatan_kaki_tte,
        logo.as_ref(),
    )
}

/// Pure rendering: content, form and the logo to PDF bytes.
pub fn render_with(
    content: &LetterContent,
    form: Form,
    draft: bool,
    created: DateTime<FixedOffset>,
    footer: &str,
    logo: Option<&(Vec<u8>, u32, u32)>,
) -> Result<Vec<u8>> {
    let footer = (form == Form::Elektronik).then_some(footer);
    let rendered = layout::render(content, footer)?;
    let logo = logo.map(|(jpeg, width, height)| pdf::Logo {
        jpeg,
        width: *width,
        height: *height,
    });
    let title = content.title();
    pdf::finish(
        rendered,
        form,
        draft,
        logo.as_ref(),
        &pdf::Meta {
            title: &title,
            subject: content.hal.as_str(),
            author: &format!("{} {}", content.kop.dinas, content.kop.pemerintah),
            created,
        },
    )
}

/// A letter's PDF for printing and a wet signature, or for an electronic
/// signature. A void letter cannot be exported; a draft can be printed for
/// review (with its DRAFT mark) but not prepared for signing. The export for
/// electronic signature is recorded, so the signed copy can be matched to it.
pub async fn export(
    db: &DatabaseConnection,
    key: &DataKey,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    id: i64,
    form: Form,
) -> Result<(String, Vec<u8>)> {
    let now = audit::truncate_micros(now);
    let letter = find(db, id).await?;
    let status = status_of(&letter)?;
    if status == LetterStatus::Batal {
        return Err(Error::field(
            "letter",
            "Surat ini dibatalkan dan tidak dapat diekspor.",
        ));
    }
    let draft = status == LetterStatus::Draf;
    if draft && form == Form::Elektronik {
        return Err(Error::field(
            "letter",
            "Beri nomor surat dulu: draf tidak disiapkan untuk tanda tangan elektronik.",
        ));
    }
    let content = parse_content(&letter)?;
    let created = letter.issued_at.unwrap_or(letter.created_at);
    let bytes = render_content(db, &content, form, draft, created).await?;
    let name = file_name(&content, form);
    let txn = store::begin_write(db).await?;
    if form == Form::Elektronik {
        let mut am: letters::ActiveModel = letter.clone().into();
        am.tte_sha256 = Set(Some(documents::sha256_hex(&bytes)));
        am.tte_size = Set(Some(bytes.len() as i64));
        am.update(&txn).await?;
    }
    audit::record(
        &txn,
        key,
        actor,
        now,
        audit::Entry {
            action: "letter.export",
            entity: "letter",
            entity_id: id.to_string(),
            detail: serde_json::json!({
                "nomor": letter.nomor,
                "form": if form == Form::Elektronik { "elektronik" } else { "basah" },
                "sha256": documents::sha256_hex(&bytes),
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok((name, bytes))
}

fn file_name(c: &LetterContent, form: Form) -> String {
    let kind = match c.jenis {
        Jenis::RekomendasiPendaftaran => "Rekomendasi-Pendaftaran",
        Jenis::RekomendasiPembaruan => "Rekomendasi-Pembaruan",
        Jenis::RekomendasiPencabutan => "Rekomendasi-Pencabutan",
        Jenis::Penolakan => "Pemberitahuan-Penolakan",
        Jenis::TandaTerima => "Tanda-Terima",
    };
    let number: String = c
        .nomor
        .as_deref()
        .unwrap_or("DRAF")
        .chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() || ch == '.' {
                ch
            } else {
                '-'
            }
        })
        .collect();
    let suffix = if form == Form::Elektronik { "-TTE" } else { "" };
    format!("Surat-{kind}-{number}{suffix}.pdf")
}

/// The receipt (tanda terima) for a case: registration number, date received,
/// the documents received and the promised completion date. It is not an
/// outgoing letter, so it takes no number from the register.
pub async fn receipt(
    db: &DatabaseConnection,
    key: &DataKey,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    case_id: i64,
) -> Result<(String, Vec<u8>)> {
    let now = audit::truncate_micros(now);
    let s = settings(db).await?;
    let d = load_case(db, case_id).await?;
    let received = d.case.created_at.date_naive();
    let done = crate::calendar::add_working_days(db, received, s.hari_kerja_layanan).await?;
    let reqs = case_requirements::Entity::find()
        .filter(case_requirements::Column::CaseId.eq(case_id))
        .all(db)
        .await?;
    let docs = doc_rows::Entity::find()
        .filter(doc_rows::Column::CaseId.eq(case_id))
        .all(db)
        .await?;
    let mut items: Vec<String> = reqs
        .iter()
        .filter(|r| r.checked)
        .map(|r| r.label.clone())
        .collect();
    for doc in &docs {
        if !reqs.iter().any(|r| r.code == doc.kind) {
            items.push(format!("Berkas lain: {}", doc.filename));
        }
    }
    if items.is_empty() {
        items.push("Belum ada berkas yang diterima.".into());
    }
    let vals = values(&s, &d, 1);
    let mut isi = vec![Block::Data(vec![
        ("Nomor registrasi".into(), d.case.nomor.clone()),
        ("Tanggal diterima".into(), tanggal(received)),
        ("Layanan".into(), layanan_label(d.layanan).into()),
        ("Nama".into(), d.applicant.nama.clone()),
        (
            "NIP".into(),
            d.applicant.nip.clone().unwrap_or_else(|| "-".into()),
        ),
        ("Instansi".into(), d.applicant.instansi.clone()),
        (
            "Perkiraan selesai".into(),
            format!(
                "{} ({} hari kerja sejak berkas lengkap)",
                tanggal(done),
                s.hari_kerja_layanan
            ),
        ),
    ])];
    isi.push(Block::Teks("Berkas yang diterima:".into()));
    isi.push(Block::Daftar(items));
    isi.extend(body(s.templat.of(Jenis::TandaTerima), &vals, None, None));
    let content = LetterContent {
        jenis: Jenis::TandaTerima,
        kop: s.kop.clone(),
        tempat: s.tempat.clone(),
        tanggal: now.date_naive(),
        nomor: Some(d.case.nomor.clone()),
        sifat: String::new(),
        hal: Jenis::TandaTerima.hal().into(),
        tujuan: vec![],
        isi,
        lampiran: None,
        penandatangan: Signatory {
            jabatan: "Petugas penerima".into(),
            nama: actor.name.clone(),
            ..Default::default()
        },
        tembusan: vec![],
        judul: Some("TANDA TERIMA BERKAS PERMOHONAN SERTIFIKAT ELEKTRONIK".into()),
    };
    let bytes = render_content(db, &content, Form::Basah, false, now).await?;
    audit::log(
        db,
        key,
        actor,
        now,
        audit::Entry {
            action: "letter.receipt",
            entity: "case",
            entity_id: case_id.to_string(),
            detail: serde_json::json!({ "nomor": d.case.nomor, "selesai": done.to_string() }),
        },
    )
    .await?;
    Ok((file_name(&content, Form::Basah), bytes))
}

fn signed_context(id: i64, token: &str) -> String {
    format!("loket/letters/v1/{id}/{token}")
}

/// What [`attach_signed`] found.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SignedFiling {
    pub letter: LetterRow,
    /// For a PDF: what the signature check found.
    pub check: Option<SignatureCheck>,
    /// The signed PDF starts with the exact export Loket prepared for signing.
    pub matches_export: bool,
}

/// A signed copy coming back.
pub struct SignedUpload<'a> {
    pub letter_id: i64,
    pub filename: &'a str,
    pub bytes: &'a [u8],
}

/// Files the signed copy of an issued letter: a scan of the wet-signed paper
/// (image or PDF) or the electronically signed PDF. A PDF whose signature does
/// not cover the whole file (bytes appended after signing) is refused. The
/// letter becomes final; the copy's SHA-256 goes into the audit log.
pub async fn attach_signed(
    db: &DatabaseConnection,
    key: &DataKey,
    rng: &mut (impl RngCore + CryptoRng),
    actor: &Actor,
    now: DateTime<FixedOffset>,
    upload: &SignedUpload<'_>,
) -> Result<SignedFiling> {
    let (id, filename, bytes) = (upload.letter_id, upload.filename, upload.bytes);
    let now = audit::truncate_micros(now);
    let limit = documents::max_bytes(db).await?;
    if bytes.len() > limit {
        return Err(Error::field(
            "file",
            format!("Berkas terlalu besar; batasnya {} MB.", limit / 1_048_576),
        ));
    }
    let mime = documents::sniff(bytes)?;
    let (check, kind) = if mime == Mime::Pdf {
        let c = signed::inspect(bytes);
        if c.present && !c.covers_whole_file {
            return Err(Error::field(
                "file",
                "Tanda tangan elektronik tidak mencakup seluruh berkas: ada isi yang ditambahkan \
                 atau diubah setelah ditandatangani. Minta salinan asli dari aplikasi penanda tangan.",
            ));
        }
        let kind = if c.present { "elektronik" } else { "basah" };
        (Some(c), kind)
    } else {
        (None, "basah")
    };
    let content = documents::normalise(bytes, mime)?;
    let sha = documents::sha256_hex(&content);
    let txn = store::begin_write(db).await?;
    let letter = find(&txn, id).await?;
    match status_of(&letter)? {
        LetterStatus::Terbit => {}
        LetterStatus::Draf => {
            return Err(Error::field(
                "file",
                "Beri nomor surat dulu sebelum melampirkan salinan bertanda tangan.",
            ));
        }
        LetterStatus::Final => {
            return Err(Error::field(
                "file",
                "Salinan bertanda tangan surat ini sudah tersimpan.",
            ));
        }
        LetterStatus::Batal => return Err(Error::field("file", "Surat ini dibatalkan.")),
    }
    let matches_export = match (&letter.tte_sha256, letter.tte_size) {
        (Some(h), Some(n)) if kind == "elektronik" && (n as usize) <= content.len() => {
            documents::sha256_hex(&content[..n as usize]) == *h
        }
        _ => false,
    };
    let mut token = [0u8; 16];
    rng.fill_bytes(&mut token);
    let token = hex(&token);
    let cipher = key.encrypt(rng, &content, &signed_context(id, &token));
    let mut am: letters::ActiveModel = letter.clone().into();
    am.status = Set(LetterStatus::Final.as_str().into());
    am.signed_token = Set(Some(token));
    am.signed_kind = Set(Some(kind.into()));
    am.signed_mime = Set(Some(mime.as_str().into()));
    am.signed_filename = Set(Some(filename.chars().take(200).collect()));
    am.signed_sha256 = Set(Some(sha.clone()));
    am.signed_cipher = Set(Some(cipher));
    am.signed_by = Set(Some(actor.name.clone()));
    am.signed_at = Set(Some(now));
    let letter = am.update(&txn).await?;
    audit::record(
        &txn,
        key,
        actor,
        now,
        audit::Entry {
            action: "letter.signed",
            entity: "letter",
            entity_id: id.to_string(),
            detail: serde_json::json!({
                "nomor": letter.nomor, "kind": kind, "mime": mime.as_str(),
                "sha256": sha, "size": content.len(), "matches_export": matches_export,
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(SignedFiling {
        letter: to_row(db, letter).await?,
        check,
        matches_export,
    })
}

/// The signed copy of a letter (checked against its SHA-256), audited.
pub async fn read_signed(
    db: &DatabaseConnection,
    key: &DataKey,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    id: i64,
) -> Result<(Mime, String, Vec<u8>)> {
    let now = audit::truncate_micros(now);
    let l = find(db, id).await?;
    let (Some(token), Some(cipher), Some(sha), Some(mime)) = (
        &l.signed_token,
        &l.signed_cipher,
        &l.signed_sha256,
        &l.signed_mime,
    ) else {
        return Err(Error::NotFound("Salinan bertanda tangan"));
    };
    let content = key
        .decrypt(cipher, &signed_context(id, token))
        .map_err(|_| {
            Error::Store("Salinan surat tidak dapat dibuka: isinya telah diubah.".into())
        })?;
    if documents::sha256_hex(content.expose()) != *sha {
        return Err(Error::Store(
            "Salinan surat tidak cocok dengan sidik SHA-256-nya.".into(),
        ));
    }
    audit::log(
        db,
        key,
        actor,
        now,
        audit::Entry {
            action: "letter.view_signed",
            entity: "letter",
            entity_id: id.to_string(),
            detail: serde_json::json!({ "nomor": l.nomor }),
        },
    )
    .await?;
    let mime = Mime::parse(mime).ok_or(Error::NotFound("Jenis berkas"))?;
    Ok((
        mime,
        l.signed_filename.clone().unwrap_or_default(),
        content.expose().to_vec(),
    ))
}

/// Filters of the register.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct LetterQuery {
    pub tahun: Option<i32>,
    pub jenis: Option<Jenis>,
    pub status: Option<LetterStatus>,
    #[ts(type = "number | null")]
    pub case_id: Option<i64>,
}

/// The register, newest first (numbered letters by number).
pub async fn list(db: &impl ConnectionTrait, q: &LetterQuery) -> Result<Vec<LetterRow>> {
    let mut find = letters::Entity::find();
    if let Some(t) = q.tahun {
        find = find.filter(letters::Column::Tahun.eq(t));
    }
    if let Some(j) = q.jenis {
        find = find.filter(letters::Column::Jenis.eq(j.as_str()));
    }
    if let Some(s) = q.status {
        find = find.filter(letters::Column::Status.eq(s.as_str()));
    }
    if let Some(c) = q.case_id {
        let ids: Vec<i64> = letter_cases::Entity::find()
            .filter(letter_cases::Column::CaseId.eq(c))
            .all(db)
            .await?
            .into_iter()
            .map(|l| l.letter_id)
            .collect();
        find = find.filter(letters::Column::Id.is_in(ids));
    }
    let rows = find
        .order_by_desc(letters::Column::Tahun)
        .order_by_desc(letters::Column::Urut)
        .order_by_desc(letters::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(to_row(db, r).await?);
    }
    Ok(out)
}

/// Progress of a batch export.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BatchProgress {
    pub done: u32,
    pub total: u32,
    pub current: String,
}

/// The outcome of a batch export.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BatchResult {
    pub folder: String,
    pub written: u32,
    pub total: u32,
    pub cancelled: bool,
    /// Letters skipped with the reason (void, draft for electronic signature).
    pub skipped: Vec<String>,
}

/// Exports many letters into `dir`, reporting progress after each and stopping
/// between letters when `cancel` is set. Letters already written stay.
#[allow(clippy::too_many_arguments)]
pub async fn export_batch(
    db: &DatabaseConnection,
    key: &DataKey,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    ids: &[i64],
    form: Form,
    dir: &Path,
    cancel: &AtomicBool,
    mut progress: impl FnMut(BatchProgress),
) -> Result<BatchResult> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::Store(format!("Folder {} tidak dapat dibuat: {e}", dir.display())))?;
    let total = ids.len() as u32;
    let mut result = BatchResult {
        folder: dir.display().to_string(),
        written: 0,
        total,
        cancelled: false,
        skipped: vec![],
    };
    for (n, id) in ids.iter().enumerate() {
        if cancel.load(Ordering::SeqCst) {
            result.cancelled = true;
            break;
        }
        match export(db, key, actor, now, *id, form).await {
            Ok((name, bytes)) => {
                let path: PathBuf = dir.join(&name);
                std::fs::write(&path, bytes).map_err(|e| {
                    Error::Store(format!("{} tidak dapat ditulis: {e}", path.display()))
                })?;
                result.written += 1;
                progress(BatchProgress {
                    done: n as u32 + 1,
                    total,
                    current: name,
                });
            }
            Err(Error::Invalid { fields, .. }) => {
                let why = fields.into_values().next().unwrap_or_default();
                result.skipped.push(format!("Surat #{id}: {why}"));
                progress(BatchProgress {
                    done: n as u32 + 1,
                    total,
                    current: String::new(),
                });
            }
            Err(e) => return Err(e),
        }
    }
    Ok(result)
}

/// Cases eligible for a collective recommendation of `jenis` from `instansi`:
/// complete files without a recommendation letter yet.
pub async fn eligible_cases(
    db: &impl ConnectionTrait,
    jenis: Jenis,
    instansi: &str,
) -> Result<Vec<LetterCase>> {
    let Some(l) = jenis.layanan() else {
        return Ok(vec![]);
    };
    let rows = cases::Entity::find()
        .filter(cases::Column::Layanan.eq(l.as_str()))
        .filter(cases::Column::Status.eq(Status::BerkasLengkap.as_str()))
        .order_by_asc(cases::Column::Id)
        .all(db)
        .await?;
    let mut out = vec![];
    for c in rows {
        let Some(a) = applicants::Entity::find_by_id(c.applicant_id)
            .one(db)
            .await?
        else {
            continue;
        };
        if a.instansi != instansi {
            continue;
        }
        let busy = has_live_letter(db, c.id, jenis).await?;
        if !busy {
            out.push(LetterCase {
                id: c.id,
                nomor: c.nomor,
                nama: a.nama,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_dates_and_counts() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(tanggal(d), "22 November 2026");
        assert_eq!(terbilang(1), "satu");
        assert_eq!(terbilang(14), "empat belas");
        assert_eq!(terbilang(21), "dua puluh satu");
        assert_eq!(terbilang(30), "tiga puluh");
    }

    #[test]
    fn default_settings_are_valid_except_the_signatory_name() {
        let mut s = LetterSettings::default();
        let Err(Error::Invalid { fields, .. }) = check_settings(&s) else {
            panic!("an empty signatory name must be refused");
        };
        assert_eq!(fields.keys().collect::<Vec<_>>(), ["penandatangan.0.nama"]);
        s.penandatangan[0].nama = "Nama Kepala".into();
        check_settings(&s).unwrap();
        s.pola_nomor = "{urut}".into();
        s.templat.penolakan = "Halo {naam}".into();
        let Err(Error::Invalid { fields, .. }) = check_settings(&s) else {
            panic!()
        };
        assert!(fields.contains_key("pola_nomor") && fields.contains_key("templat.penolakan"));
    }
}
