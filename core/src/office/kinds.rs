//! The kinds of letter Loket produces and where a letter is in its life.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::lifecycle::vocabulary::Layanan;

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
    /// Every kind with a template, in the order the settings screen shows them
    /// (a form has no template).
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

    /// The kind's part of an exported file's name.
    pub fn file_stem(self) -> &'static str {
        match self {
            Jenis::RekomendasiPendaftaran => "Rekomendasi-Pendaftaran",
            Jenis::RekomendasiPembaruan => "Rekomendasi-Pembaruan",
            Jenis::RekomendasiPencabutan => "Rekomendasi-Pencabutan",
            Jenis::Penolakan => "Pemberitahuan-Penolakan",
            Jenis::TandaTerima => "Tanda-Terima",
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
