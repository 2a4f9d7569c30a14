//! The words of a case, shared by every module that speaks of cases: the four
//! services, the statuses, the channels, who rejected, and why a certificate
//! is revoked. Pure data; nothing here reads or writes the database.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The four services of the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Layanan {
    Penerbitan,
    Pembaruan,
    PerubahanData,
    Pencabutan,
}

/// Where a case's status stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Status {
    /// Received at the counter or kiosk; documents not yet checked.
    Diterima,
    /// Waiting on the applicant for missing documents (SLA clock paused).
    BerkasKurang,
    BerkasLengkap,
    RekomendasiTerbit,
    DiajukanAms,
    MenungguPemohon,
    MenungguBsre,
    Selesai,
    Ditolak,
    Dibatalkan,
}

/// Through which channel the application came.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Kanal {
    /// At the counter, typed by an operator.
    #[default]
    Loket,
    /// Filled in by the applicant at the kiosk.
    Kiosk,
    /// Self-registered through BKN's myASN; the desk only verifies.
    Myasn,
    /// Sent by e-mail to the office's address (as its service standard
    /// allows); the desk types it in and files the message as a document.
    Surel,
}

/// Who rejected a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Pihak {
    Dinas,
    Bsre,
}

/// Why a certificate is revoked: the desk's own reason and its RFC 5280 code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RevocationReason {
    /// Mutasi / pindah instansi.
    Mutasi,
    /// Pensiun, berhenti or meninggal.
    Pensiun,
    /// The passphrase or the key leaked.
    KunciBocor,
    /// Replaced after a data change.
    DataBerubah,
    Lainnya,
}

text_enum!(Layanan { Penerbitan => "penerbitan", Pembaruan => "pembaruan", PerubahanData => "perubahan_data", Pencabutan => "pencabutan" });
text_enum!(Status {
    Diterima => "diterima", BerkasKurang => "berkas_kurang", BerkasLengkap => "berkas_lengkap",
    RekomendasiTerbit => "rekomendasi_terbit", DiajukanAms => "diajukan_ams",
    MenungguPemohon => "menunggu_pemohon", MenungguBsre => "menunggu_bsre", Selesai => "selesai",
    Ditolak => "ditolak", Dibatalkan => "dibatalkan",
});
text_enum!(Kanal { Loket => "loket", Kiosk => "kiosk", Myasn => "myasn", Surel => "surel" });
text_enum!(Pihak { Dinas => "dinas", Bsre => "bsre" });
text_enum!(RevocationReason {
    Mutasi => "mutasi", Pensiun => "pensiun", KunciBocor => "kunci_bocor",
    DataBerubah => "data_berubah", Lainnya => "lainnya",
});

impl Layanan {
    /// The four services, in the order screens and reports list them.
    pub const ALL: [Layanan; 4] = [
        Layanan::Penerbitan,
        Layanan::Pembaruan,
        Layanan::PerubahanData,
        Layanan::Pencabutan,
    ];

    /// The service as a sentence names it ("perubahan data").
    pub fn label(self) -> &'static str {
        match self {
            Layanan::Penerbitan => "penerbitan",
            Layanan::Pembaruan => "pembaruan",
            Layanan::PerubahanData => "perubahan data",
            Layanan::Pencabutan => "pencabutan",
        }
    }
}

impl Status {
    /// Every status, in the order a case may pass through them.
    pub const ALL: [Status; 10] = [
        Status::Diterima,
        Status::BerkasKurang,
        Status::BerkasLengkap,
        Status::RekomendasiTerbit,
        Status::DiajukanAms,
        Status::MenungguPemohon,
        Status::MenungguBsre,
        Status::Selesai,
        Status::Ditolak,
        Status::Dibatalkan,
    ];

    /// The status as a sentence names it ("berkas lengkap").
    pub fn label(self) -> String {
        self.as_str().replace('_', " ")
    }
}

impl RevocationReason {
    /// The reason as the desk words it.
    pub fn label(self) -> &'static str {
        match self {
            RevocationReason::Mutasi => "Mutasi / pindah instansi",
            RevocationReason::Pensiun => "Pensiun / berhenti / meninggal",
            RevocationReason::KunciBocor => "Passphrase atau kunci bocor",
            RevocationReason::DataBerubah => "Data berubah (diganti)",
            RevocationReason::Lainnya => "Lainnya",
        }
    }

    /// The CRLReason code of RFC 5280 that BSrE records.
    pub fn rfc5280_code(self) -> i32 {
        match self {
            RevocationReason::KunciBocor => 1,
            RevocationReason::Mutasi => 3,
            RevocationReason::DataBerubah => 4,
            RevocationReason::Pensiun => 5,
            RevocationReason::Lainnya => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_texts_round_trip() {
        for s in [
            Status::Diterima,
            Status::BerkasKurang,
            Status::MenungguBsre,
            Status::Dibatalkan,
        ] {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        assert_eq!(
            Layanan::parse("perubahan_data"),
            Some(Layanan::PerubahanData)
        );
        assert_eq!(Kanal::parse("myasn"), Some(Kanal::Myasn));
    }

    #[test]
    fn an_unknown_stored_text_is_a_corrupt_record_not_a_default() {
        let e = Status::stored("disetujui", "status permohonan REG-2026-00001").unwrap_err();
        assert!(
            matches!(e, crate::Error::Corrupt(_)),
            "an edited status must not read as some valid status: {e:?}"
        );
        assert!(e.to_string().contains("REG-2026-00001") && e.to_string().contains("disetujui"));
    }
}
