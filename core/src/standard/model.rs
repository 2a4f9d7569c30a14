//! The Standar Pelayanan's shape: per service the promise deadlines count
//! with and the texts of the fourteen components of PermenPANRB 15/2014,
//! and how the components read when printed.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::lifecycle::vocabulary::Layanan;
use crate::{Error, Result};

/// Setting: the whole standard, as JSON.
pub const SETTING: &str = "standar_pelayanan";

/// When a service's clock starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ClockStart {
    /// When the desk declares the file complete (the seeds' "sejak berkas lengkap").
    BerkasLengkap,
    /// When the application is received.
    Diterima,
}

impl ClockStart {
    /// How a receipt and the standard say it.
    pub fn phrase(self) -> &'static str {
        match self {
            ClockStart::BerkasLengkap => "sejak berkas lengkap",
            ClockStart::Diterima => "sejak permohonan diterima",
        }
    }
}

/// Where a deadline's last working day ends: a choice the office makes
/// knowingly (the standard's screen asks for it, the dashboard reminds the
/// admin until it is made, the printed standard states it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AkhirTenggat {
    /// At the closing of the service hours (Friday 11.00 by default): what
    /// Loket did before the office was asked.
    #[default]
    JamLayanan,
    /// At the end of the working day: a case finished on its last working
    /// day after the counter closed is still on time.
    AkhirHari,
}

impl AkhirTenggat {
    /// How the standard and a receipt say it.
    pub fn phrase(self) -> &'static str {
        match self {
            AkhirTenggat::JamLayanan => {
                "tenggat berakhir pada penutupan jam layanan hari kerja terakhir"
            }
            AkhirTenggat::AkhirHari => "tenggat berakhir pada akhir hari kerja terakhir",
        }
    }

    /// The due moment `due` (the closing of the last working day, or later
    /// that day after a pause) as this choice ends it.
    pub fn apply(self, due: chrono::NaiveDateTime) -> chrono::NaiveDateTime {
        match self {
            AkhirTenggat::JamLayanan => due,
            AkhirTenggat::AkhirHari => due.date().and_hms_opt(23, 59, 59).unwrap_or(due),
        }
    }
}

/// One service's standard. The persyaratan are the catalogue's checklist
/// and the jangka waktu is written from `hari_kerja`, `mulai`, `jeda_bsre`
/// and the service hours, so neither can contradict what Loket counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ServiceStandard {
    pub layanan: Layanan,
    /// The promised time in hari kerja (a range's upper bound: what the
    /// deadline counts).
    pub hari_kerja: u32,
    /// The range's lower bound ("1 s.d. 3 hari kerja"), when the standard
    /// promises a range; printed, never counted.
    #[serde(default)]
    pub hari_kerja_min: Option<u32>,
    pub mulai: ClockStart,
    /// Waiting on BSrE stops the clock.
    pub jeda_bsre: bool,
    /// Where the last working day ends (a standard saved before the office
    /// was asked: at the closing of the service hours).
    #[serde(default)]
    pub akhir_tenggat: AkhirTenggat,
    /// 2. Sistem, mekanisme dan prosedur.
    pub prosedur: String,
    /// 4. Biaya/tarif.
    pub biaya: String,
    /// 5. Produk pelayanan.
    pub produk: String,
    /// 6. Penanganan pengaduan, saran dan masukan.
    pub pengaduan: String,
    /// 7. Dasar hukum.
    pub dasar_hukum: String,
    /// 8. Sarana dan prasarana.
    pub sarana: String,
    /// 9. Kompetensi pelaksana.
    pub kompetensi: String,
    /// 10. Pengawasan internal.
    pub pengawasan: String,
    /// 11. Jumlah pelaksana.
    pub jumlah_pelaksana: String,
    /// 12. Jaminan pelayanan.
    pub jaminan_pelayanan: String,
    /// 13. Jaminan keamanan dan keselamatan pelayanan.
    pub jaminan_keamanan: String,
    /// 14. Evaluasi kinerja pelaksana.
    pub evaluasi: String,
}

/// The office's standard: the decree's number, the Maklumat, the four services.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Standard {
    /// Number of the decree that set the standard ("188.4/342/DKIS/2023"); may be empty.
    pub nomor_sk: String,
    pub maklumat: String,
    /// The complaints officer (pejabat pengaduan) with a number to reach
    /// them ("Meidy Prasetyo Utomo, S.Kom, HP 0856-4381-2110"); may be empty.
    #[serde(default)]
    pub pejabat_pengaduan: String,
    /// The office has saved its choice of the deadline's two rules (BSrE's
    /// waiting time, where the last day ends) from the standard's screen;
    /// until then the dashboard asks the admin to.
    #[serde(default)]
    pub aturan_dipilih: bool,
    /// The four services, in [`Layanan::ALL`]'s order.
    pub layanan: Vec<ServiceStandard>,
}

impl Standard {
    /// The standard of service `l`.
    pub fn of(&self, l: Layanan) -> Result<&ServiceStandard> {
        self.layanan
            .iter()
            .find(|s| s.layanan == l)
            .ok_or_else(|| Error::corrupt(SETTING, l.as_str()))
    }
}

/// "3 hari kerja", or "1 s.d. 3 hari kerja" for a range.
pub fn days_text(min: Option<u32>, max: u32) -> String {
    match min {
        Some(m) if m < max => format!("{m} s.d. {max} hari kerja"),
        _ => format!("{max} hari kerja"),
    }
}

/// The jangka waktu as the standard prints it.
pub fn time_text(s: &ServiceStandard, hours: &str) -> String {
    let waits = if s.jeda_bsre {
        "waktu menunggu kelengkapan dari pemohon dan waktu menunggu proses BSrE tidak dihitung"
    } else {
        "waktu menunggu kelengkapan dari pemohon tidak dihitung; waktu proses BSrE ikut dihitung"
    };
    format!(
        "{} {}; {waits}; {}. Jam layanan: {hours}.",
        days_text(s.hari_kerja_min, s.hari_kerja),
        s.mulai.phrase(),
        s.akhir_tenggat.phrase()
    )
}

/// Where to complain about service `s`, as the receipt, the kiosk and the
/// printed standard say it: the channels, then the complaints officer.
pub fn complaint_text(s: &ServiceStandard, officer: &str) -> String {
    if officer.is_empty() {
        s.pengaduan.clone()
    } else {
        format!("{}\nPejabat pengaduan: {officer}", s.pengaduan)
    }
}

/// One of the fourteen components as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Component {
    pub nomor: u8,
    pub komponen: String,
    pub uraian: String,
}

/// A service's fourteen components, in the order PermenPANRB 15/2014 lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ServiceComponents {
    pub layanan: Layanan,
    pub komponen: Vec<Component>,
}

/// The standard with what it is printed from, as its screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StandardView {
    pub standar: Standard,
    pub rincian: Vec<ServiceComponents>,
}

/// The fourteen components of `s`, with `persyaratan` (the checklist) and
/// the service hours written out.
pub fn components(
    s: &ServiceStandard,
    officer: &str,
    persyaratan: &[String],
    hours: &str,
) -> Vec<Component> {
    let listed = if persyaratan.is_empty() {
        "-".to_string()
    } else {
        persyaratan
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{}. {p}", i + 1))
            .collect::<Vec<_>>()
            .join("\n")
    };
    [
        ("Persyaratan", listed),
        ("Sistem, mekanisme dan prosedur", s.prosedur.clone()),
        ("Jangka waktu", time_text(s, hours)),
        ("Biaya/tarif", s.biaya.clone()),
        ("Produk pelayanan", s.produk.clone()),
        (
            "Penanganan pengaduan, saran dan masukan",
            complaint_text(s, officer),
        ),
        ("Dasar hukum", s.dasar_hukum.clone()),
        ("Sarana dan prasarana", s.sarana.clone()),
        ("Kompetensi pelaksana", s.kompetensi.clone()),
        ("Pengawasan internal", s.pengawasan.clone()),
        ("Jumlah pelaksana", s.jumlah_pelaksana.clone()),
        ("Jaminan pelayanan", s.jaminan_pelayanan.clone()),
        (
            "Jaminan keamanan dan keselamatan pelayanan",
            s.jaminan_keamanan.clone(),
        ),
        ("Evaluasi kinerja pelaksana", s.evaluasi.clone()),
    ]
    .into_iter()
    .zip(1u8..)
    .map(|((k, u), nomor)| Component {
        nomor,
        komponen: k.into(),
        uraian: u,
    })
    .collect()
}
