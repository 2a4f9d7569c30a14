//! A report's figures for a period: per service received, completed,
//! rejected, cancelled, on time, median and 90th percentile of the working
//! days used, and the backlog at the period's end; per instansi, unit and
//! operator; rejections by reason; revocations by reason with their RFC 5280
//! code; a trend line. Counts are aggregates in the database; on-time and
//! working days come from each completed case's history under its service's
//! standard and the calendar, so a corrected calendar recomputes them.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde::Serialize;
use ts_rs::TS;

use super::period::{Period, ReportQuery};
use crate::cases::due;
use crate::cases::requirements;
use crate::cases::vocabulary::{Layanan, RevocationReason, Status};
use crate::entities::{applicants, case_events, cases};
use crate::{Error, Result};

/// One service's line (or the total, `layanan` empty).
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ServiceLine {
    pub layanan: Option<Layanan>,
    /// The standard's promise in hari kerja.
    pub standar_hari: Option<u32>,
    #[ts(type = "number")]
    pub diterima: u64,
    #[ts(type = "number")]
    pub selesai: u64,
    #[ts(type = "number")]
    pub ditolak: u64,
    #[ts(type = "number")]
    pub dibatalkan: u64,
    /// Completed by the due moment, of `dinilai` completed cases with one.
    #[ts(type = "number")]
    pub tepat_waktu: u64,
    #[ts(type = "number")]
    pub dinilai: u64,
    pub persen_tepat: Option<f64>,
    /// Working days used by completed cases: median and 90th percentile.
    pub median_hari: Option<f64>,
    pub p90_hari: Option<u32>,
    /// Open at the period's end.
    #[ts(type = "number")]
    pub tunggakan: u64,
}

/// A line per instansi or unit kerja.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct GroupLine {
    pub nama: String,
    #[ts(type = "number")]
    pub diterima: u64,
    #[ts(type = "number")]
    pub selesai: u64,
    #[ts(type = "number")]
    pub ditolak: u64,
    #[ts(type = "number")]
    pub tepat_waktu: u64,
    #[ts(type = "number")]
    pub dinilai: u64,
    pub persen_tepat: Option<f64>,
}

/// A line per member of staff.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct OperatorLine {
    pub nama: String,
    /// Cases they received.
    #[ts(type = "number")]
    pub diterima: u64,
    /// Steps they took on cases.
    #[ts(type = "number")]
    pub langkah: u64,
    /// Cases they completed.
    #[ts(type = "number")]
    pub selesai: u64,
}

/// Rejections for one reason.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ReasonLine {
    pub kode: String,
    pub alasan: String,
    #[ts(type = "number")]
    pub jumlah: u64,
}

/// Revocations for one reason, with the CRLReason code BSrE records.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RevocationLine {
    pub alasan: String,
    pub kode_rfc5280: i32,
    #[ts(type = "number")]
    pub jumlah: u64,
}

/// One point of the trend line.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TrendPoint {
    pub label: String,
    #[ts(type = "number")]
    pub diterima: u64,
    #[ts(type = "number")]
    pub selesai: u64,
}

/// A report of a period.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Report {
    pub periode: Period,
    /// When it was made (RFC 3339).
    pub dibuat: String,
    /// The four services, then the total.
    pub layanan: Vec<ServiceLine>,
    pub instansi: Vec<GroupLine>,
    pub unit_kerja: Vec<GroupLine>,
    pub petugas: Vec<OperatorLine>,
    pub penolakan: Vec<ReasonLine>,
    pub pencabutan: Vec<RevocationLine>,
    pub tren: Vec<TrendPoint>,
    /// Completed cases whose deadline could not be computed (a year without a calendar).
    #[ts(type = "number")]
    pub tanpa_tenggat: u64,
}

/// The median of sorted `xs` (the mean of the two middle values when even).
pub fn median(xs: &[u32]) -> Option<f64> {
    let n = xs.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(f64::from(xs[n / 2])),
        _ => Some((f64::from(xs[n / 2 - 1]) + f64::from(xs[n / 2])) / 2.0),
    }
}

/// The 90th percentile of sorted `xs` by nearest rank.
pub fn p90(xs: &[u32]) -> Option<u32> {
    if xs.is_empty() {
        return None;
    }
    let rank = (xs.len() * 9).div_ceil(10);
    xs.get(rank.max(1) - 1).copied()
}

fn percent(part: u64, of: u64) -> Option<f64> {
    (of > 0).then(|| (part as f64 * 1000.0 / of as f64).round() / 10.0)
}

type Bounds = (DateTime<FixedOffset>, DateTime<FixedOffset>);

fn in_period(col: impl ColumnTrait, (a, b): Bounds) -> Condition {
    Condition::all().add(col.gte(a)).add(col.lt(b))
}

/// Counts of cases matching `cond`, grouped by `by` (a column of cases or
/// of their applicant).
async fn grouped<C: ColumnTrait>(
    db: &impl ConnectionTrait,
    cond: Condition,
    by: C,
    join_applicant: bool,
) -> Result<BTreeMap<String, u64>> {
    let mut q = cases::Entity::find().select_only();
    if join_applicant {
        q = q.inner_join(applicants::Entity);
    }
    let rows: Vec<(Option<String>, i64)> = q
        .column(by)
        .column_as(Expr::col((cases::Entity, cases::Column::Id)).count(), "n")
        .filter(cond)
        .group_by(by)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(k, n)| (k.unwrap_or_default(), u64::try_from(n).unwrap_or(0)))
        .collect())
}

fn closed(status: Status, b: Bounds) -> Condition {
    in_period(cases::Column::ClosedAt, b).add(cases::Column::Status.eq(status.as_str()))
}

/// The report of the period `q` asks for, as of `now` (the desk's offset).
pub async fn report(
    db: &impl ConnectionTrait,
    q: &ReportQuery,
    now: DateTime<FixedOffset>,
) -> Result<Report> {
    let periode = q.period()?;
    let b = periode.bounds(*now.offset())?;
    let tz = *now.offset();

    let by_service = |cond: Condition| grouped(db, cond, cases::Column::Layanan, false);
    let received = by_service(in_period(cases::Column::CreatedAt, b)).await?;
    let done = by_service(closed(Status::Selesai, b)).await?;
    let rejected = by_service(closed(Status::Ditolak, b)).await?;
    let cancelled = by_service(closed(Status::Dibatalkan, b)).await?;
    // Open at the period's end: received before it ended, not ended by then.
    let backlog = by_service(
        Condition::all().add(cases::Column::CreatedAt.lt(b.1)).add(
            Condition::any()
                .add(cases::Column::ClosedAt.is_null())
                .add(cases::Column::ClosedAt.gte(b.1)),
        ),
    )
    .await?;

    // Each completed case's clock, from its history.
    let rules = due::rules(db).await?;
    let mut days: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut on_time: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let mut by_instansi: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let mut by_unit: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let mut tanpa_tenggat = 0u64;
    let mut after = 0i64;
    loop {
        let batch: Vec<(i64, String, String, String)> = cases::Entity::find()
            .select_only()
            .column(cases::Column::Id)
            .column(cases::Column::Layanan)
            .column(applicants::Column::Instansi)
            .column(applicants::Column::UnitKerja)
            .inner_join(applicants::Entity)
            .filter(closed(Status::Selesai, b))
            .filter(cases::Column::Id.gt(after))
            .order_by_asc(cases::Column::Id)
            .limit(500)
            .into_tuple()
            .all(db)
            .await?;
        let Some(last) = batch.last() else { break };
        after = last.0;
        let ids: Vec<i64> = batch.iter().map(|r| r.0).collect();
        let mut h = due::histories(db, &ids, tz).await?;
        for (id, layanan, instansi, unit) in batch {
            let l = Layanan::stored(&layanan, format_args!("layanan permohonan #{id}"))?;
            let history = h.remove(&id).unwrap_or_default();
            let Some(o) = due::outcome(&history, rules.standard.of(l)?, &rules.cal)? else {
                continue;
            };
            if let Some(n) = o.days_used {
                days.entry(layanan.clone()).or_default().push(n);
            }
            match o.on_time() {
                Some(t) => {
                    for (map, key) in [
                        (&mut on_time, layanan.clone()),
                        (&mut by_instansi, instansi.clone()),
                        (&mut by_unit, unit.clone()),
                    ] {
                        let e = map.entry(key).or_default();
                        e.1 += 1;
                        if t {
                            e.0 += 1;
                        }
                    }
                }
                None => tanpa_tenggat += 1,
            }
        }
    }

    let get = |m: &BTreeMap<String, u64>, k: &str| m.get(k).copied().unwrap_or(0);
    let mut layanan = Vec::new();
    let mut all_days = Vec::new();
    let mut total = ServiceLine::default();
    for l in Layanan::ALL {
        let k = l.as_str();
        let mut d = days.remove(k).unwrap_or_default();
        d.sort_unstable();
        all_days.extend(&d);
        let (ok, rated) = on_time.get(k).copied().unwrap_or((0, 0));
        let line = ServiceLine {
            layanan: Some(l),
            standar_hari: Some(rules.standard.of(l)?.hari_kerja),
            diterima: get(&received, k),
            selesai: get(&done, k),
            ditolak: get(&rejected, k),
            dibatalkan: get(&cancelled, k),
            tepat_waktu: ok,
            dinilai: rated,
            persen_tepat: percent(ok, rated),
            median_hari: median(&d),
            p90_hari: p90(&d),
            tunggakan: get(&backlog, k),
        };
        total.diterima += line.diterima;
        total.selesai += line.selesai;
        total.ditolak += line.ditolak;
        total.dibatalkan += line.dibatalkan;
        total.tepat_waktu += line.tepat_waktu;
        total.dinilai += line.dinilai;
        total.tunggakan += line.tunggakan;
        layanan.push(line);
    }
    all_days.sort_unstable();
    total.persen_tepat = percent(total.tepat_waktu, total.dinilai);
    total.median_hari = median(&all_days);
    total.p90_hari = p90(&all_days);
    layanan.push(total);

    let instansi = groups(db, b, applicants::Column::Instansi, &by_instansi).await?;
    let unit_kerja = groups(db, b, applicants::Column::UnitKerja, &by_unit).await?;
    let petugas = operators(db, b).await?;
    let penolakan = rejections(db, b).await?;
    let pencabutan = revocations(db, b).await?;
    let mut tren = Vec::new();
    let buckets = periode.buckets();
    for (i, (start, label)) in buckets.iter().enumerate() {
        let end = buckets
            .get(i + 1)
            .map_or(periode.sampai + chrono::Duration::days(1), |n| n.0);
        let part = Period {
            dari: *start,
            sampai: end - chrono::Duration::days(1),
            nama: String::new(),
        }
        .bounds(tz)?;
        tren.push(TrendPoint {
            label: label.clone(),
            diterima: cases::Entity::find()
                .filter(in_period(cases::Column::CreatedAt, part))
                .count(db)
                .await?,
            selesai: cases::Entity::find()
                .filter(closed(Status::Selesai, part))
                .count(db)
                .await?,
        });
    }
    Ok(Report {
        periode,
        dibuat: now.to_rfc3339(),
        layanan,
        instansi,
        unit_kerja,
        petugas,
        penolakan,
        pencabutan,
        tren,
        tanpa_tenggat,
    })
}

/// Lines per instansi or unit kerja: received, completed, rejected, on time.
async fn groups(
    db: &impl ConnectionTrait,
    b: Bounds,
    by: applicants::Column,
    rated: &BTreeMap<String, (u64, u64)>,
) -> Result<Vec<GroupLine>> {
    let received = grouped(db, in_period(cases::Column::CreatedAt, b), by, true).await?;
    let done = grouped(db, closed(Status::Selesai, b), by, true).await?;
    let rejected = grouped(db, closed(Status::Ditolak, b), by, true).await?;
    let mut names: Vec<&String> = received
        .keys()
        .chain(done.keys())
        .chain(rejected.keys())
        .collect();
    names.sort();
    names.dedup();
    let mut out: Vec<GroupLine> = names
        .into_iter()
        .map(|n| {
            let (ok, of) = rated.get(n).copied().unwrap_or((0, 0));
            GroupLine {
                nama: n.clone(),
                diterima: received.get(n).copied().unwrap_or(0),
                selesai: done.get(n).copied().unwrap_or(0),
                ditolak: rejected.get(n).copied().unwrap_or(0),
                tepat_waktu: ok,
                dinilai: of,
                persen_tepat: percent(ok, of),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.diterima
            .cmp(&a.diterima)
            .then_with(|| a.nama.cmp(&b.nama))
    });
    Ok(out)
}

/// Lines per member of staff: cases received, steps taken, cases completed.
async fn operators(db: &impl ConnectionTrait, b: Bounds) -> Result<Vec<OperatorLine>> {
    let received = grouped(
        db,
        in_period(cases::Column::CreatedAt, b),
        cases::Column::CreatedBy,
        false,
    )
    .await?;
    let steps = |cond: Condition| {
        case_events::Entity::find()
            .select_only()
            .column(case_events::Column::Actor)
            .column_as(case_events::Column::Id.count(), "n")
            .filter(cond)
            .group_by(case_events::Column::Actor)
            .into_tuple::<(String, i64)>()
            .all(db)
    };
    let taken = steps(in_period(case_events::Column::At, b)).await?;
    let completed = steps(
        in_period(case_events::Column::At, b)
            .add(case_events::Column::ToStatus.eq(Status::Selesai.as_str())),
    )
    .await?;
    fn entry<'a>(by: &'a mut BTreeMap<String, OperatorLine>, n: &str) -> &'a mut OperatorLine {
        by.entry(n.to_string()).or_insert_with(|| OperatorLine {
            nama: n.to_string(),
            ..Default::default()
        })
    }
    let mut by = BTreeMap::new();
    for (n, c) in received {
        entry(&mut by, &n).diterima = c;
    }
    for (n, c) in taken {
        entry(&mut by, &n).langkah = u64::try_from(c).unwrap_or(0);
    }
    for (n, c) in completed {
        entry(&mut by, &n).selesai = u64::try_from(c).unwrap_or(0);
    }
    Ok(by.into_values().collect())
}

/// Rejections by reason, labelled from the office's catalogue.
async fn rejections(db: &impl ConnectionTrait, b: Bounds) -> Result<Vec<ReasonLine>> {
    let counts = grouped(
        db,
        closed(Status::Ditolak, b),
        cases::Column::ReasonCode,
        false,
    )
    .await?;
    let labels = requirements::reject_reasons(db).await?;
    let mut out: Vec<ReasonLine> = counts
        .into_iter()
        .map(|(kode, jumlah)| ReasonLine {
            alasan: labels
                .iter()
                .find(|r| r.code == kode)
                .map_or_else(|| kode.clone(), |r| r.label.clone()),
            kode,
            jumlah,
        })
        .collect();
    out.sort_by(|a, b| b.jumlah.cmp(&a.jumlah).then_with(|| a.kode.cmp(&b.kode)));
    Ok(out)
}

/// Completed revocations by reason, with the RFC 5280 code.
async fn revocations(db: &impl ConnectionTrait, b: Bounds) -> Result<Vec<RevocationLine>> {
    let counts = grouped(
        db,
        closed(Status::Selesai, b).add(cases::Column::Layanan.eq(Layanan::Pencabutan.as_str())),
        cases::Column::RevocationReason,
        false,
    )
    .await?;
    let mut out = Vec::new();
    for (code, jumlah) in counts {
        let r = RevocationReason::parse(&code)
            .ok_or_else(|| Error::corrupt("alasan pencabutan", &code))?;
        out.push(RevocationLine {
            alasan: r.label().into(),
            kode_rfc5280: r.rfc5280_code(),
            jumlah,
        });
    }
    out.sort_by(|a, b| {
        b.jumlah
            .cmp(&a.jumlah)
            .then_with(|| a.alasan.cmp(&b.alasan))
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_90th_percentile_by_nearest_rank() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3]), Some(3.0));
        assert_eq!(median(&[1, 2, 3, 4]), Some(2.5));
        assert_eq!(p90(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), Some(9));
        assert_eq!(p90(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), Some(10));
        assert_eq!(p90(&[4]), Some(4));
        assert_eq!(percent(2, 3), Some(66.7));
        assert_eq!(percent(0, 0), None);
    }
}
