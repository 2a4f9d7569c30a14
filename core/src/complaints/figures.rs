//! The complaints of a period as the service report counts them: per
//! channel, per category, and how many were answered within the deadline.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use serde::Serialize;
use ts_rs::TS;

use super::register::StatusPengaduan;
use super::settings;
use crate::Result;
use crate::entities::complaints;

/// A line of the complaints' tables.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
#[ts(export)]
pub struct ComplaintLine {
    pub nama: String,
    #[ts(type = "number")]
    pub diterima: u64,
    /// Answered (selesai).
    #[ts(type = "number")]
    pub selesai: u64,
    /// Answered by the deadline.
    #[ts(type = "number")]
    pub tepat_waktu: u64,
    /// Still open past the deadline at the end of the period.
    #[ts(type = "number")]
    pub terlambat_terbuka: u64,
}

/// The period's complaints: per channel, per category, and the total last.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
#[ts(export)]
pub struct ComplaintFigures {
    pub per_kanal: Vec<ComplaintLine>,
    pub per_kategori: Vec<ComplaintLine>,
    pub jumlah: ComplaintLine,
}

type Row = (
    String,
    String,
    String,
    DateTime<FixedOffset>,
    Option<DateTime<FixedOffset>>,
    bool,
);

fn add(l: &mut ComplaintLine, r: &Row, end: DateTime<FixedOffset>) {
    let (_, _, status, tenggat, answered, pending) = r;
    l.diterima += 1;
    if status == StatusPengaduan::Selesai.as_str() {
        l.selesai += 1;
    }
    if *pending {
        // No deadline yet (a year's calendar missing): neither on time nor late.
        return;
    }
    match answered {
        Some(t) if t <= tenggat => l.tepat_waktu += 1,
        Some(_) => {}
        None if *tenggat < end => l.terlambat_terbuka += 1,
        None => {}
    }
}

/// The complaints received in `[from, to)`, as of `to` (answers given after
/// the period still count as answered, on time or not).
pub async fn figures(
    db: &impl ConnectionTrait,
    from: DateTime<FixedOffset>,
    to: DateTime<FixedOffset>,
) -> Result<ComplaintFigures> {
    let rows: Vec<Row> = complaints::Entity::find()
        .filter(complaints::Column::DiterimaAt.gte(from))
        .filter(complaints::Column::DiterimaAt.lt(to))
        .select_only()
        .column(complaints::Column::Kanal)
        .column(complaints::Column::KategoriNama)
        .column(complaints::Column::Status)
        .column(complaints::Column::TenggatAt)
        .column(complaints::Column::DitanggapiAt)
        .column(complaints::Column::TenggatKalender)
        .into_tuple()
        .all(db)
        .await?;
    // The office's channels in its order, then any code no longer listed.
    let channels = settings::channels(db).await?;
    let mut kanal: Vec<(String, ComplaintLine)> = channels
        .iter()
        .map(|k| {
            (
                k.kode.clone(),
                ComplaintLine {
                    nama: k.nama.clone(),
                    ..Default::default()
                },
            )
        })
        .collect();
    let mut kategori: BTreeMap<String, ComplaintLine> = BTreeMap::new();
    let mut jumlah = ComplaintLine {
        nama: "Jumlah".into(),
        ..Default::default()
    };
    for r in &rows {
        let i = match kanal.iter().position(|(k, _)| *k == r.0) {
            Some(i) => i,
            None => {
                kanal.push((
                    r.0.clone(),
                    ComplaintLine {
                        nama: r.0.clone(),
                        ..Default::default()
                    },
                ));
                kanal.len() - 1
            }
        };
        add(&mut kanal[i].1, r, to);
        let l = kategori
            .entry(r.1.clone())
            .or_insert_with(|| ComplaintLine {
                nama: r.1.clone(),
                ..Default::default()
            });
        add(l, r, to);
        add(&mut jumlah, r, to);
    }
    Ok(ComplaintFigures {
        per_kanal: kanal.into_iter().map(|(_, l)| l).collect(),
        per_kategori: kategori.into_values().collect(),
        jumlah,
    })
}
