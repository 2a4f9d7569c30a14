//! A report's figures for a period: per service received, completed,
//! rejected, cancelled, on time, median and 90th percentile of the working
//! days used, and the backlog at the period's end; per instansi, unit and
//! operator; rejections by reason; revocations by reason with their RFC 5280
//! code; a trend line. Counts are aggregates in the database; on-time and
//! working days come from each completed case's history under its service's
//! standard and the calendar, so a corrected calendar recomputes them.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveTime, TimeZone};
use sea_orm::sea_query::{CaseStatement, Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};
use serde::Serialize;
use ts_rs::TS;

use super::period::{Period, ReportQuery};
use crate::cases::due;
use crate::catalogue;
use crate::entities::{case_events, cases};
use crate::lifecycle::vocabulary::{Layanan, RevocationReason, Status};
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
    /// The complaints received in the period.
    pub pengaduan: crate::complaints::figures::ComplaintFigures,
    /// The help requests (bantuan penggunaan sertifikat) received in the period.
    pub bantuan: crate::help::figures::HelpFigures,
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

/// Cases received in the period, counted by service, who received them,
/// instansi, unit kerja and trend bucket.
type Received = (String, String, String, String, i32, i64);

/// Cases ended in the period, counted by service, status, rejection and
/// revocation reasons, instansi, unit kerja and trend bucket.
type Ended = (
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    String,
    i32,
    i64,
);

/// The trend bucket `col` falls in (an index into `starts`, the buckets'
/// first moments; the query keeps `col` inside the period).
fn bucket(col: cases::Column, starts: &[DateTime<FixedOffset>]) -> Expr {
    let c = || Expr::col((cases::Entity, col));
    let last = i32::try_from(starts.len().max(1) - 1).unwrap_or(0);
    let mut which = CaseStatement::new();
    for (i, s) in starts.iter().enumerate().skip(1) {
        which = which.case(c().lt(*s), i32::try_from(i - 1).unwrap_or(0));
    }
    which.finally(last).into()
}

/// The cases received in the period, counted in the database from the
/// covering index on the day received.
async fn received(
    db: &impl ConnectionTrait,
    b: Bounds,
    starts: &[DateTime<FixedOffset>],
) -> Result<Vec<Received>> {
    use cases::Column as C;
    let by = [C::Layanan, C::CreatedBy, C::Instansi, C::UnitKerja];
    let mut q = cases::Entity::find()
        .select_only()
        .columns(by)
        .expr_as(bucket(C::CreatedAt, starts), "masuk")
        .column_as(Expr::col((cases::Entity, C::Id)).count(), "n")
        .filter(in_period(C::CreatedAt, b));
    for c in by {
        q = q.group_by(c);
    }
    Ok(q.group_by(Expr::col("masuk")).into_tuple().all(db).await?)
}

/// The cases ended in the period, counted in the database from the
/// covering index on the day ended.
async fn ended(
    db: &impl ConnectionTrait,
    b: Bounds,
    starts: &[DateTime<FixedOffset>],
) -> Result<Vec<Ended>> {
    use cases::Column as C;
    let by = [
        C::Layanan,
        C::Status,
        C::ReasonCode,
        C::RevocationReason,
        C::Instansi,
        C::UnitKerja,
    ];
    let mut q = cases::Entity::find()
        .select_only()
        .columns(by)
        .expr_as(bucket(C::ClosedAt, starts), "akhir")
        .column_as(Expr::col((cases::Entity, C::Id)).count(), "n")
        .filter(in_period(C::ClosedAt, b));
    for c in by {
        q = q.group_by(c);
    }
    Ok(q.group_by(Expr::col("akhir")).into_tuple().all(db).await?)
}

/// The cases completed in the period, whose clock is read from their
/// history: id, service, instansi, unit kerja.
async fn completed_in(
    db: &impl ConnectionTrait,
    b: Bounds,
) -> Result<Vec<(i64, String, String, String)>> {
    Ok(cases::Entity::find()
        .select_only()
        .columns([
            cases::Column::Id,
            cases::Column::Layanan,
            cases::Column::Instansi,
            cases::Column::UnitKerja,
        ])
        .filter(in_period(cases::Column::ClosedAt, b))
        .filter(cases::Column::Status.eq(Status::Selesai.as_str()))
        .into_tuple()
        .all(db)
        .await?)
}

/// What a line counts while the cases are read.
#[derive(Default)]
struct Tally {
    diterima: u64,
    selesai: u64,
    ditolak: u64,
    dibatalkan: u64,
    tepat_waktu: u64,
    dinilai: u64,
    days: Vec<u32>,
}

impl Tally {
    fn rate(&mut self, on_time: bool) {
        self.dinilai += 1;
        if on_time {
            self.tepat_waktu += 1;
        }
    }

    fn group(self, nama: String) -> GroupLine {
        GroupLine {
            nama,
            diterima: self.diterima,
            selesai: self.selesai,
            ditolak: self.ditolak,
            tepat_waktu: self.tepat_waktu,
            dinilai: self.dinilai,
            persen_tepat: percent(self.tepat_waktu, self.dinilai),
        }
    }
}

/// Lines per instansi or unit kerja, most received first.
fn group_lines(m: BTreeMap<String, Tally>) -> Vec<GroupLine> {
    let mut out: Vec<GroupLine> = m.into_iter().map(|(n, t)| t.group(n)).collect();
    out.sort_by(|a, b| {
        b.diterima
            .cmp(&a.diterima)
            .then_with(|| a.nama.cmp(&b.nama))
    });
    out
}

/// The report of the period `q` asks for, as of `now` (the desk's offset).
/// Five reads side by side: the cases received and the cases ended in the
/// period, each counted in the database by what a line tells apart from a
/// covering index; the completed ones with their histories; the backlog
/// from the open cases' index; the staff's steps.
pub async fn report(
    db: &impl ConnectionTrait,
    q: &ReportQuery,
    now: DateTime<FixedOffset>,
) -> Result<Report> {
    let periode = q.period()?;
    let tz = *now.offset();
    let b = periode.bounds(tz)?;
    let buckets = periode.buckets();
    let mut starts = Vec::with_capacity(buckets.len());
    for (d, _) in &buckets {
        starts.push(
            tz.from_local_datetime(&d.and_time(NaiveTime::MIN))
                .single()
                .ok_or_else(|| Error::Corrupt(format!("awal minggu/bulan {d} tidak jelas")))?,
        );
    }
    // Side by side: the grouped counts, the completed cases with their
    // histories, the backlog and the staff's steps.
    let (received, ended, rated, backlog, taken) = tokio::join!(
        received(db, b, &starts),
        ended(db, b, &starts),
        rated(db, b, tz),
        backlog(db, b),
        steps(db, b),
    );
    let (rules, rated) = rated?;
    let backlog = backlog?;

    let mut trend = vec![(0u64, 0u64); buckets.len()];
    let mut service: BTreeMap<String, Tally> = BTreeMap::new();
    let mut instansi: BTreeMap<String, Tally> = BTreeMap::new();
    let mut unit: BTreeMap<String, Tally> = BTreeMap::new();
    let mut received_by: BTreeMap<String, u64> = BTreeMap::new();
    let mut reasons: BTreeMap<String, u64> = BTreeMap::new();
    let mut revoked: BTreeMap<String, u64> = BTreeMap::new();
    let count = |n: i64| u64::try_from(n).unwrap_or(0);
    let slot = |i: i32| usize::try_from(i).ok();
    for (layanan, by, inst, un, masuk, n) in received? {
        let n = count(n);
        service.entry(layanan).or_default().diterima += n;
        instansi.entry(inst).or_default().diterima += n;
        unit.entry(un).or_default().diterima += n;
        *received_by.entry(by).or_default() += n;
        if let Some(x) = slot(masuk).and_then(|i| trend.get_mut(i)) {
            x.0 += n;
        }
    }
    for (layanan, status, reason, revocation, inst, un, akhir, n) in ended? {
        let st = Status::stored(&status, format_args!("status permohonan ({layanan})"))?;
        let n = count(n);
        for t in [
            service.entry(layanan.clone()).or_default(),
            instansi.entry(inst).or_default(),
            unit.entry(un).or_default(),
        ] {
            match st {
                Status::Selesai => t.selesai += n,
                Status::Ditolak => t.ditolak += n,
                Status::Dibatalkan => t.dibatalkan += n,
                _ => {}
            }
        }
        match st {
            Status::Selesai => {
                if let Some(x) = slot(akhir).and_then(|i| trend.get_mut(i)) {
                    x.1 += n;
                }
                if layanan == Layanan::Pencabutan.as_str() {
                    *revoked.entry(revocation.unwrap_or_default()).or_default() += n;
                }
            }
            Status::Ditolak => *reasons.entry(reason.unwrap_or_default()).or_default() += n,
            _ => {}
        }
    }

    // Each completed case's clock, from its history.
    let mut tanpa_tenggat = 0u64;
    for (layanan, inst, un, o) in rated {
        let line = service.entry(layanan).or_default();
        if let Some(n) = o.days_used {
            line.days.push(n);
        }
        match o.on_time() {
            Some(t) => {
                line.rate(t);
                instansi.entry(inst).or_default().rate(t);
                unit.entry(un).or_default().rate(t);
            }
            None => tanpa_tenggat += 1,
        }
    }

    let mut layanan = Vec::new();
    let mut all_days = Vec::new();
    let mut total = ServiceLine::default();
    for l in Layanan::ALL {
        let mut t = service.remove(l.as_str()).unwrap_or_default();
        t.days.sort_unstable();
        all_days.extend(&t.days);
        let line = ServiceLine {
            layanan: Some(l),
            standar_hari: Some(rules.standard.of(l)?.hari_kerja),
            diterima: t.diterima,
            selesai: t.selesai,
            ditolak: t.ditolak,
            dibatalkan: t.dibatalkan,
            tepat_waktu: t.tepat_waktu,
            dinilai: t.dinilai,
            persen_tepat: percent(t.tepat_waktu, t.dinilai),
            median_hari: median(&t.days),
            p90_hari: p90(&t.days),
            tunggakan: backlog.get(l.as_str()).copied().unwrap_or(0),
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

    let pengaduan = crate::complaints::figures::figures(db, b.0, b.1).await?;
    let bantuan = crate::help::figures::figures(db, b.0, b.1).await?;
    Ok(Report {
        pengaduan,
        bantuan,
        dibuat: now.to_rfc3339(),
        layanan,
        instansi: group_lines(instansi),
        unit_kerja: group_lines(unit),
        petugas: operators(taken?, received_by),
        penolakan: rejections(db, reasons).await?,
        pencabutan: revocations(revoked)?,
        tren: buckets
            .iter()
            .zip(trend)
            .map(|((_, label), (diterima, selesai))| TrendPoint {
                label: label.clone(),
                diterima,
                selesai,
            })
            .collect(),
        tanpa_tenggat,
        periode,
    })
}

/// Steps the staff took in the period, and cases they completed, by name.
type Steps = (Vec<(String, i64)>, Vec<(String, i64)>);

async fn steps(db: &impl ConnectionTrait, b: Bounds) -> Result<Steps> {
    let by_actor = |cond: Condition| {
        case_events::Entity::find()
            .select_only()
            .column(case_events::Column::Actor)
            .column_as(case_events::Column::Id.count(), "n")
            .filter(cond)
            .group_by(case_events::Column::Actor)
            .into_tuple::<(String, i64)>()
            .all(db)
    };
    // Steps only: a step taken back or a value corrected is no step taken.
    let taken =
        by_actor(in_period(case_events::Column::At, b).add(case_events::Column::Kind.is_null()))
            .await?;
    let completed = by_actor(
        in_period(case_events::Column::At, b)
            .add(case_events::Column::ToStatus.eq(Status::Selesai.as_str())),
    )
    .await?;
    Ok((taken, completed))
}

/// Open at the period's end, per service: received before it ended and not
/// ended by then. Still open: one range of the open cases' index per
/// service; ended after the period: few, read one by one (a grouped query
/// here is planned as a scan of every case).
async fn backlog(db: &impl ConnectionTrait, b: Bounds) -> Result<BTreeMap<String, u64>> {
    let before_end = || Condition::all().add(cases::Column::CreatedAt.lt(b.1));
    let mut out: BTreeMap<String, u64> = BTreeMap::new();
    for l in Layanan::ALL {
        let open = cases::Entity::find()
            .filter(
                before_end()
                    .add(cases::Column::ClosedAt.is_null())
                    .add(cases::Column::Layanan.eq(l.as_str())),
            )
            .count(db)
            .await?;
        out.insert(l.as_str().to_string(), open);
    }
    let later: Vec<String> = cases::Entity::find()
        .select_only()
        .column(cases::Column::Layanan)
        .filter(before_end().add(cases::Column::ClosedAt.gte(b.1)))
        .into_tuple()
        .all(db)
        .await?;
    for k in later {
        *out.entry(k).or_default() += 1;
    }
    Ok(out)
}

/// The completed cases of the period with the outcome of their clock
/// (service, instansi, unit kerja, outcome), and the rules they were
/// computed with.
async fn rated(
    db: &impl ConnectionTrait,
    b: Bounds,
    tz: FixedOffset,
) -> Result<(due::Rules, Vec<(String, String, String, due::Outcome)>)> {
    let rules = due::rules(db).await?;
    let completed = completed_in(db, b).await?;
    let mut out = Vec::with_capacity(completed.len());
    for chunk in completed.chunks(500) {
        let ids: Vec<i64> = chunk.iter().map(|c| c.0).collect();
        let mut h = due::histories(db, &ids, tz).await?;
        for (id, layanan, inst, un) in chunk {
            let l = Layanan::stored(layanan, format_args!("layanan permohonan #{id}"))?;
            let history = h.remove(id).unwrap_or_default();
            if let Some(o) = due::outcome(&history, rules.standard.of(l)?, &rules.cal)? {
                out.push((layanan.clone(), inst.clone(), un.clone(), o));
            }
        }
    }
    Ok((rules, out))
}

/// Lines per member of staff: cases received (counted with the cases),
/// steps taken and cases completed (from the histories).
fn operators((taken, completed): Steps, received: BTreeMap<String, u64>) -> Vec<OperatorLine> {
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
    by.into_values().collect()
}

/// Rejections by reason, labelled from the office's catalogue; a rejection
/// recorded without a reason is counted as such.
async fn rejections(
    db: &impl ConnectionTrait,
    counts: BTreeMap<String, u64>,
) -> Result<Vec<ReasonLine>> {
    let labels = catalogue::reject_reasons(db).await?;
    let mut out: Vec<ReasonLine> = counts
        .into_iter()
        .map(|(kode, jumlah)| ReasonLine {
            alasan: if kode.is_empty() {
                "Tidak tercatat".into()
            } else {
                labels
                    .iter()
                    .find(|r| r.code == kode)
                    .map_or_else(|| kode.clone(), |r| r.label.clone())
            },
            kode,
            jumlah,
        })
        .collect();
    out.sort_by(|a, b| b.jumlah.cmp(&a.jumlah).then_with(|| a.kode.cmp(&b.kode)));
    Ok(out)
}

/// Completed revocations by reason, with the RFC 5280 code.
fn revocations(counts: BTreeMap<String, u64>) -> Result<Vec<RevocationLine>> {
    let mut out = Vec::new();
    for (code, jumlah) in counts {
        // A revocation opened before the desk recorded reasons has none:
        // counted as such, with RFC 5280's "unspecified" (0).
        let (alasan, kode) = if code.is_empty() {
            ("Tidak tercatat".to_string(), 0)
        } else {
            let r = RevocationReason::parse(&code)
                .ok_or_else(|| Error::corrupt("alasan pencabutan", &code))?;
            (r.label().to_string(), r.rfc5280_code())
        };
        out.push(RevocationLine {
            alasan,
            kode_rfc5280: kode,
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
