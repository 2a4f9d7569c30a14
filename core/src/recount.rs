//! A year's working-day calendar saved together with every deadline it
//! decides: the open cases' due moments and the complaints' deadlines
//! (open ones, and any that could not be counted while the year was
//! missing) are counted again in the same transaction as the calendar, with
//! an audit entry that says how many moved. A complaint saved with
//! "tenggat belum dapat dihitung" gets its deadline here.

use sea_orm::DatabaseConnection;
use serde::Serialize;
use ts_rs::TS;

use crate::audit::{Acting, Entry};
use crate::calendar::days::{self, TypedYear, YearCalendar};
use crate::cases::due;
use crate::complaints::register as complaints;
use crate::{Result, store};

/// A saved year and what it moved.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SavedYear {
    pub kalender: YearCalendar,
    /// Open cases whose due moment changed.
    #[ts(type = "number")]
    pub permohonan: u64,
    /// Complaints whose deadline changed or was counted for the first time.
    #[ts(type = "number")]
    pub pengaduan: u64,
}

/// Saves the year as typed (checked first: each date that is no day is
/// named at its row) and counts every deadline it decides again.
pub async fn save_year(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    y: &TypedYear,
) -> Result<SavedYear> {
    let year = days::typed(y)?;
    let txn = store::begin_write(db).await?;
    let kalender = days::write_year(&txn, act, &year).await?;
    let permohonan = due::recount_all(&txn, act.key(), act.now()).await?;
    let pengaduan = complaints::recount_deadlines(&txn, act.now()).await?;
    act.record(
        &txn,
        Entry::new(
            "deadlines.recount",
            "setting",
            format!("kalender.{}", kalender.tahun),
            serde_json::json!({
                "tahun": kalender.tahun,
                "permohonan": permohonan,
                "pengaduan": pengaduan,
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(SavedYear {
        kalender,
        permohonan,
        pengaduan,
    })
}
