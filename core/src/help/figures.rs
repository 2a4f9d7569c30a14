//! The help requests of a period as the service report counts them: per
//! topic, how many were received, closed, closed on the day they came in,
//! and passed to BSrE.

use chrono::{DateTime, FixedOffset};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use serde::Serialize;
use ts_rs::TS;

use super::register::TopikBantuan;
use crate::Result;
use crate::entities::help_requests;

/// A line of the help table.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
#[ts(export)]
pub struct HelpLine {
    /// The topic (`None` on the total's line).
    pub topik: Option<TopikBantuan>,
    pub nama: String,
    #[ts(type = "number")]
    pub diterima: u64,
    #[ts(type = "number")]
    pub selesai: u64,
    /// Closed on the (calendar) day it came in, in the desk's time zone.
    #[ts(type = "number")]
    pub selesai_hari_itu: u64,
    /// Passed to BSrE.
    #[ts(type = "number")]
    pub diteruskan: u64,
}

/// The period's help requests: a line per topic (every topic, in its order),
/// the total last.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
#[ts(export)]
pub struct HelpFigures {
    pub per_topik: Vec<HelpLine>,
    pub jumlah: HelpLine,
}

type Row = (
    String,
    DateTime<FixedOffset>,
    Option<DateTime<FixedOffset>>,
    Option<DateTime<FixedOffset>>,
);

fn add(l: &mut HelpLine, r: &Row, zone: FixedOffset) {
    let (_, received, forwarded, closed) = r;
    l.diterima += 1;
    if forwarded.is_some() {
        l.diteruskan += 1;
    }
    if let Some(closed) = closed {
        l.selesai += 1;
        if closed.with_timezone(&zone).date_naive() == received.with_timezone(&zone).date_naive() {
            l.selesai_hari_itu += 1;
        }
    }
}

/// The help requests received in `[from, to)`; a request closed after the
/// period still counts as closed.
pub async fn figures(
    db: &impl ConnectionTrait,
    from: DateTime<FixedOffset>,
    to: DateTime<FixedOffset>,
) -> Result<HelpFigures> {
    let rows: Vec<Row> = help_requests::Entity::find()
        .filter(help_requests::Column::DiterimaAt.gte(from))
        .filter(help_requests::Column::DiterimaAt.lt(to))
        .select_only()
        .column(help_requests::Column::Topik)
        .column(help_requests::Column::DiterimaAt)
        .column(help_requests::Column::DiteruskanAt)
        .column(help_requests::Column::SelesaiAt)
        .into_tuple()
        .all(db)
        .await?;
    let zone = *to.offset();
    let mut per_topik: Vec<HelpLine> = TopikBantuan::ALL
        .iter()
        .map(|t| HelpLine {
            topik: Some(*t),
            nama: t.label().into(),
            ..Default::default()
        })
        .collect();
    let mut jumlah = HelpLine {
        nama: "Jumlah".into(),
        ..Default::default()
    };
    for r in &rows {
        let topik = TopikBantuan::stored(&r.0, "topik bantuan")?;
        if let Some(i) = TopikBantuan::ALL.iter().position(|t| *t == topik) {
            add(&mut per_topik[i], r, zone);
        }
        add(&mut jumlah, r, zone);
    }
    Ok(HelpFigures { per_topik, jumlah })
}
