//! The staff's home screen: what needs doing today, each count one click
//! from the list it counts (the same filter makes both, so they agree).

use chrono::{DateTime, Datelike, FixedOffset};
use sea_orm::DatabaseConnection;
use serde::Serialize;
use ts_rs::TS;

use crate::Result;
use crate::calendar::days;
use crate::cases::due;
use crate::cases::search::{self, Kelompok};
use crate::certificates;
use crate::kiosk::inbox;

/// The dashboard's counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Dashboard {
    #[ts(type = "number")]
    pub jatuh_tempo_hari_ini: u64,
    #[ts(type = "number")]
    pub terlambat: u64,
    #[ts(type = "number")]
    pub menunggu_pemohon: u64,
    #[ts(type = "number")]
    pub menunggu_bsre: u64,
    #[ts(type = "number")]
    pub baru: u64,
    /// Active certificates ending within the expiry view's days.
    #[ts(type = "number")]
    pub sertifikat_berakhir: u64,
    /// Kiosk submissions waiting for the desk.
    #[ts(type = "number")]
    pub kiosk_baru: u64,
    /// Corrections applied this month (a person's data, a case's or a
    /// certificate's value, a step taken back).
    #[ts(type = "number")]
    pub koreksi_bulan_ini: u64,
    /// Corrections waiting for a second person's approval (four-eyes).
    #[ts(type = "number")]
    pub koreksi_menunggu: u64,
    /// Help requests not closed yet (received, or waiting on BSrE).
    #[ts(type = "number")]
    pub bantuan_terbuka: u64,
    /// Things the office should fix (a year without a calendar coming up).
    pub peringatan: Vec<String>,
}

/// The dashboard as of `now`.
pub async fn dashboard(
    db: &DatabaseConnection,
    key: &crate::secrets::DataKey,
    now: DateTime<FixedOffset>,
) -> Result<Dashboard> {
    due::ensure_current(db, key, now).await?;
    crate::complaints::register::count_older(db, now).await?;
    let count = |k| search::count_kelompok(db, k, now);
    let mut peringatan = Vec::new();
    let next = now.year() + 1;
    // From 1 October on, a quarter before the turn: sixty working days (a
    // complaint's settlement) and the year's last cases reach into next
    // year, and the SKB on next year's holidays is usually out by then.
    if now.month() >= 10 && days::year(db, next).await?.is_none() {
        peringatan.push(format!(
            "Kalender kerja {next} belum ada: tenggat yang melewati akhir tahun tidak dapat \
             dihitung. Tambahkan tahun {next} di layar Kalender kerja (salin tanggal dari SKB, \
             atau impor berkas CSV atau iCalendar)."
        ));
    }
    let pending = crate::complaints::register::waiting_for_calendar(db).await?;
    if pending > 0 {
        peringatan.push(format!(
            "{pending} pengaduan dengan tenggat belum dapat dihitung: kalender kerja tahun yang \
             dicapai tenggatnya belum dimuat. Tenggatnya dihitung begitu tahun itu disimpan di \
             layar Kalender kerja."
        ));
    }
    // Two rules decide whether the office keeps its promise; it chooses them
    // knowingly on the standard's screen, once, and is reminded until then.
    if !crate::standard::keep::standard(db).await?.aturan_dipilih {
        peringatan.push(
            "Aturan tenggat belum dipilih kantor: apakah waktu menunggu BSrE dihitung, dan \
             apakah tenggat berakhir pada penutupan jam layanan atau pada akhir hari kerja. \
             Pilih keduanya di layar Standar pelayanan lalu simpan."
                .into(),
        );
    }
    // The counts are independent reads: run together, they share the pool's
    // connections (and the machine's cores) instead of queueing.
    let (today, late, applicant, bsre, fresh, ending, kiosk, fixed, waiting) = tokio::join!(
        count(Kelompok::JatuhTempoHariIni),
        count(Kelompok::Terlambat),
        count(Kelompok::MenungguPemohon),
        count(Kelompok::MenungguBsre),
        count(Kelompok::Baru),
        certificates::expiring_count(db, now.date_naive()),
        inbox::waiting(db),
        crate::corrections::this_month(db, now.date_naive(), *now.offset()),
        crate::cases::approval::pending(db, None),
    );
    Ok(Dashboard {
        jatuh_tempo_hari_ini: today?,
        terlambat: late?,
        menunggu_pemohon: applicant?,
        menunggu_bsre: bsre?,
        baru: fresh?,
        sertifikat_berakhir: ending?,
        kiosk_baru: kiosk?,
        koreksi_bulan_ini: fixed?,
        koreksi_menunggu: waiting?.len() as u64,
        bantuan_terbuka: crate::help::register::open_count(db).await?,
        peringatan,
    })
}
