//! What a printed page says: the content every document Loket prints is
//! made of (a letter, a receipt, a form, a report, a berita acara), kept as
//! a snapshot so later setting changes never alter an issued document, with
//! Indonesian dates and counts in words. Letters compose it from the
//! office's templates and the cases (`letters::content`); other documents
//! build it with [`LetterContent::document`].

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::office::identity::{Kop, Penandatangan};
use crate::office::settings::LetterSettings;

/// One block of a letter's body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    Teks(String),
    /// Label/value rows (the applicant's data).
    Data(Vec<(String, String)>),
    /// A numbered list.
    Daftar(Vec<String>),
    /// A heading in bold (a document's section).
    Subjudul(String),
    /// A framed table: relative column widths, the header row, the rows
    /// (a cell's line breaks are kept).
    Tabel {
        lebar: Vec<usize>,
        kepala: Vec<String>,
        baris: Vec<Vec<String>>,
    },
    /// The next block starts on a new page.
    HalamanBaru,
    /// A chart: grouped bars, or lines when `garis`; a series is a name
    /// and one value per label.
    Grafik {
        garis: bool,
        label: Vec<String>,
        seri: Vec<(String, Vec<f64>)>,
    },
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

/// A page in the letterhead as printed (a letter, a form, a receipt, a
/// report): a snapshot, so later setting changes do not alter it. What kind
/// of letter it is belongs to the register, not to the page (snapshots
/// stored before held a `jenis` too; it is read past).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LetterContent {
    pub kop: Kop,
    pub tempat: String,
    pub tanggal: NaiveDate,
    pub nomor: Option<String>,
    pub sifat: String,
    pub hal: String,
    pub tujuan: Vec<String>,
    pub isi: Vec<Block>,
    pub lampiran: Option<Vec<AttachmentRow>>,
    pub penandatangan: Penandatangan,
    pub tembusan: Vec<String>,
    /// A centred title instead of the Nomor/Hal block (the receipt, the forms).
    pub judul: Option<String>,
    /// A blank form: the place and date are written in by hand.
    #[serde(default)]
    pub isian_kosong: bool,
}

/// The months as Indonesian writes them.
pub const BULAN: [&str; 12] = [
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

pub use crate::deadline::zona;

/// A time as printed on a page: "10.00 WIB" (the Indonesian hour mark, with
/// the desk's time zone).
pub fn pukul(t: DateTime<FixedOffset>) -> String {
    format!("{} {}", t.format("%H.%M"), zona(*t.offset()))
}

/// A day and time as printed on a page: "01/12/2026 09.00 WIB".
pub fn waktu(t: DateTime<FixedOffset>) -> String {
    format!("{} {}", t.format("%d/%m/%Y"), pukul(t))
}

const SATUAN: [&str; 12] = [
    "", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh",
    "sebelas",
];

/// A count in words for the Lampiran line ("1 (satu) lembar").
pub(crate) fn terbilang(n: usize) -> String {
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

/// Lines of dots for the head of office to write findings on.
pub fn lines_to_fill(n: usize) -> Vec<Block> {
    (0..n)
        .map(|_| {
            Block::Teks(
                ". . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . ."
                    .into(),
            )
        })
        .collect()
}

impl LetterContent {
    /// An office document in the letterhead (a report, the standard): a
    /// centred title, the body, signed by the first signatory of the letter
    /// settings (the head of office); no addressee, no carbon copies.
    pub fn document(
        s: &LetterSettings,
        tanggal: NaiveDate,
        nomor: Option<String>,
        hal: String,
        judul: String,
        isi: Vec<Block>,
    ) -> LetterContent {
        LetterContent {
            kop: s.kop.clone(),
            tempat: s.tempat.clone(),
            tanggal,
            nomor,
            sifat: String::new(),
            hal,
            tujuan: vec![],
            isi,
            lampiran: None,
            penandatangan: s.penandatangan.first().cloned().unwrap_or_default(),
            tembusan: vec![],
            judul: Some(judul),
            isian_kosong: false,
        }
    }

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
                Block::Subjudul(t) => out.push(t.clone()),
                Block::Tabel { kepala, baris, .. } => {
                    out.extend(kepala.iter().cloned());
                    out.extend(baris.iter().flatten().cloned());
                }
                Block::HalamanBaru => {}
                Block::Grafik { label, seri, .. } => {
                    out.extend(label.iter().cloned());
                    out.extend(seri.iter().map(|(n, _)| n.clone()));
                }
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
    fn a_printed_time_names_its_zone() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
        assert_eq!(pukul(at("2026-12-01T09:00:00+07:00")), "09.00 WIB");
        assert_eq!(pukul(at("2026-12-01T14:05:00+08:00")), "14.05 WITA");
        assert_eq!(pukul(at("2026-12-01T08:30:00+09:00")), "08.30 WIT");
        assert_eq!(pukul(at("2026-12-01T02:00:00+00:00")), "02.00 UTC+0:00");
        assert_eq!(pukul(at("2026-12-01T02:00:00+05:30")), "02.00 UTC+5:30");
        assert_eq!(
            waktu(at("2026-12-01T09:00:00+07:00")),
            "01/12/2026 09.00 WIB"
        );
    }

    #[test]
    fn a_snapshot_stored_with_its_letter_kind_still_reads() {
        let page = LetterContent::document(
            &crate::office::settings::LetterSettings::default(),
            NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
            Some("800/1/DISKOMINFO/2026".into()),
            "Rekomendasi".into(),
            "REKOMENDASI".into(),
            vec![Block::Teks("isi".into())],
        );
        let mut stored = serde_json::to_value(&page).unwrap();
        // Letters numbered before the page lost its kind hold one.
        stored["jenis"] = "rekomendasi_pendaftaran".into();
        let read: LetterContent = serde_json::from_value(stored).unwrap();
        assert_eq!(
            read, page,
            "the register's snapshots read as they were printed"
        );
    }
}
