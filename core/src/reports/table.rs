//! The cases behind a report as CSV: one row per case received or ended in
//! the period (no name, no NIK), for the office's own spreadsheets.
//! Semicolons and a UTF-8 byte order mark, as a spreadsheet in an
//! Indonesian locale opens it; a cell that a spreadsheet would take for a
//! formula (=, +, -, @) is written with a leading apostrophe.

use chrono::{DateTime, FixedOffset};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::figures::Report;
use crate::cases::due;
use crate::entities::{applicants, cases};
use crate::lifecycle::vocabulary::{Layanan, RevocationReason, Status};
use crate::{Error, Result};

/// `s` safe from a spreadsheet reading it as a formula.
pub fn cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn csv_err(e: impl std::fmt::Display) -> Error {
    Error::Unusable(format!("Tabel laporan tidak dapat dibuat: {e}"))
}

/// The CSV bytes and the file name.
pub async fn table(
    db: &impl ConnectionTrait,
    r: &Report,
    tz: FixedOffset,
) -> Result<(String, Vec<u8>)> {
    let (a, b) = r.periode.bounds(tz)?;
    let rules = due::rules(db).await?;
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record([
        "nomor",
        "layanan",
        "instansi",
        "unit_kerja",
        "diterima",
        "status",
        "berakhir",
        "tenggat",
        "tepat_waktu",
        "hari_kerja",
        "alasan_penolakan",
        "alasan_pencabutan",
        "kode_rfc5280",
    ])
    .map_err(csv_err)?;
    let day = |t: DateTime<FixedOffset>| t.with_timezone(&tz).format("%d/%m/%Y %H:%M").to_string();
    let mut after = 0i64;
    loop {
        let batch = cases::Entity::find()
            .find_also_related(applicants::Entity)
            .filter(
                Condition::any()
                    .add(
                        Condition::all()
                            .add(cases::Column::CreatedAt.gte(a))
                            .add(cases::Column::CreatedAt.lt(b)),
                    )
                    .add(
                        Condition::all()
                            .add(cases::Column::ClosedAt.gte(a))
                            .add(cases::Column::ClosedAt.lt(b)),
                    ),
            )
            .filter(cases::Column::Id.gt(after))
            .order_by_asc(cases::Column::Id)
            .limit(500)
            .all(db)
            .await?;
        let Some(last) = batch.last() else { break };
        after = last.0.id;
        let ids: Vec<i64> = batch.iter().map(|(c, _)| c.id).collect();
        let mut h = due::histories(db, &ids, tz).await?;
        for (c, p) in batch {
            let l = Layanan::stored(&c.layanan, format_args!("layanan permohonan {}", c.nomor))?;
            let status = Status::stored(&c.status, format_args!("status permohonan {}", c.nomor))?;
            let history = h.remove(&c.id).unwrap_or_default();
            let o = due::outcome(&history, rules.standard.of(l)?, &rules.cal)?;
            let revocation = c
                .revocation_reason
                .as_deref()
                .and_then(RevocationReason::parse);
            let (instansi, unit) = p.map(|p| (p.instansi, p.unit_kerja)).unwrap_or_default();
            w.write_record([
                c.nomor.clone(),
                l.as_str().into(),
                cell(&instansi),
                cell(&unit),
                day(c.created_at),
                status.as_str().into(),
                c.closed_at.map(day).unwrap_or_default(),
                o.and_then(|o| o.due)
                    .map(|t| t.format("%d/%m/%Y %H:%M").to_string())
                    .unwrap_or_default(),
                match o.and_then(|o| o.on_time()) {
                    Some(true) => "ya".into(),
                    Some(false) => "tidak".into(),
                    None => String::new(),
                },
                o.and_then(|o| o.days_used)
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
                cell(c.reason_code.as_deref().unwrap_or("")),
                revocation
                    .map(|r| r.label().to_string())
                    .unwrap_or_default(),
                revocation
                    .map(|r| r.rfc5280_code().to_string())
                    .unwrap_or_default(),
            ])
            .map_err(csv_err)?;
        }
    }
    let bytes = w.into_inner().map_err(csv_err)?;
    Ok((format!("{}.csv", r.periode.file_stem()), bytes))
}
