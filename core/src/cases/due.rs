//! A case's deadline, computed from its history on every read (so a
//! corrected calendar or standard recomputes it): the clock starts when the
//! service's standard says (the file complete, by default, or the
//! application received), stands still while the case waits on the
//! applicant (berkas kurang, menunggu pemohon) and, when the standard says
//! so, while it waits on BSrE; it stops when the case ends. The promised
//! time is the service's hari kerja in the Standar Pelayanan.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::record;
use crate::calendar::days;
use crate::deadline::{self, Pause, WorkCalendar};
use crate::entities::{case_events, cases, settings};
use crate::lifecycle::flow;
use crate::lifecycle::vocabulary::Status;
use crate::standard::keep as standard;
use crate::standard::model::{ClockStart, ServiceStandard};
use crate::{Error, Result, calendar, store};

/// A case's deadline as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CaseDeadline {
    /// The promised working days (a range's upper bound).
    pub hari_kerja: u32,
    /// A range's lower bound, printed only.
    pub hari_kerja_min: Option<u32>,
    /// What the time is counted from, under the service's standard.
    pub dihitung: ClockStart,
    /// When the clock started (the file complete), RFC 3339; `None` before.
    pub mulai: Option<String>,
    /// The due moment, RFC 3339.
    pub tenggat: Option<String>,
    /// Open case: working days left (0 on the due day, negative when overdue).
    #[ts(type = "number | null")]
    pub sisa_hari_kerja: Option<i64>,
    /// Closed case: finished by the due moment.
    pub tepat_waktu: Option<bool>,
    /// The clock stands still now (waiting on the applicant or on BSrE).
    pub dijeda: bool,
    /// Why there is no deadline although the clock runs (a year without a calendar).
    pub masalah: Option<String>,
}

/// The due moment under the service's standard: its working days from
/// `start`, the pauses added, and the last day ended where the office chose
/// (the closing of the service hours, or the end of the working day).
fn due_under(
    std: &ServiceStandard,
    cal: &WorkCalendar,
    start: NaiveDateTime,
    pauses: &[Pause],
) -> Result<NaiveDateTime> {
    deadline::due(cal, start, std.hari_kerja, pauses).map(|t| std.akhir_tenggat.apply(t))
}

fn pauses_clock(s: Status, pause_bsre: bool) -> bool {
    matches!(s, Status::BerkasKurang | Status::MenungguPemohon)
        || (pause_bsre && s == Status::MenungguBsre)
}

/// The clock of a history `(moment, status entered)`, oldest first, as of
/// `now`: when it started, the pauses, when it stopped, and whether it
/// stands still now.
pub fn clock(
    history: &[(NaiveDateTime, Status)],
    now: NaiveDateTime,
    from: ClockStart,
    pause_bsre: bool,
) -> (
    Option<NaiveDateTime>,
    Vec<Pause>,
    Option<NaiveDateTime>,
    bool,
) {
    let mut start = None;
    let mut pauses = vec![];
    let mut stop = None;
    for (i, &(at, status)) in history.iter().enumerate() {
        let until = history.get(i + 1).map(|(t, _)| *t);
        let starts = match from {
            ClockStart::BerkasLengkap => status == Status::BerkasLengkap,
            ClockStart::Diterima => true,
        };
        if starts && start.is_none() {
            start = Some(at);
        }
        if flow::is_final(status) {
            stop = stop.or(Some(at));
        }
        if pauses_clock(status, pause_bsre) {
            pauses.push((at, until.unwrap_or(now).max(at)));
        }
    }
    let paused_now = history
        .last()
        .is_some_and(|&(_, s)| pauses_clock(s, pause_bsre));
    (start, pauses, stop, paused_now)
}

/// The deadline of a history under service standard `std` on `cal`.
pub fn of_history(
    history: &[(NaiveDateTime, Status)],
    now: NaiveDateTime,
    std: &ServiceStandard,
    cal: &WorkCalendar,
) -> Result<CaseDeadline> {
    let days = std.hari_kerja;
    let (start, pauses, stop, dijeda) = clock(history, now, std.mulai, std.jeda_bsre);
    let mut out = CaseDeadline {
        hari_kerja: days,
        hari_kerja_min: std.hari_kerja_min,
        dihitung: std.mulai,
        mulai: start.map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string()),
        tenggat: None,
        sisa_hari_kerja: None,
        tepat_waktu: None,
        dijeda,
        masalah: None,
    };
    let Some(start) = start else { return Ok(out) };
    // While the clock stands still the deadline keeps moving: counted up to now.
    let due = match due_under(std, cal, start, &pauses) {
        Ok(d) => d,
        Err(e @ Error::NoCalendar { .. }) => {
            out.masalah = Some(e.to_string());
            return Ok(out);
        }
        Err(e) => return Err(e),
    };
    out.tenggat = Some(due.format("%Y-%m-%dT%H:%M:%S").to_string());
    match stop {
        Some(done) => out.tepat_waktu = Some(done <= due),
        None => match deadline::working_days_left(cal, now, due) {
            Ok(n) => out.sisa_hari_kerja = Some(n),
            Err(e @ Error::NoCalendar { .. }) => out.masalah = Some(e.to_string()),
            Err(e) => return Err(e),
        },
    }
    Ok(out)
}

/// The deadline of case `id` as of `now` (the desk's local time).
pub async fn of_case(
    db: &impl ConnectionTrait,
    id: i64,
    now: DateTime<FixedOffset>,
) -> Result<CaseDeadline> {
    let rows = case_events::Entity::find()
        .filter(case_events::Column::CaseId.eq(id))
        .order_by_asc(case_events::Column::Id)
        .all(db)
        .await?;
    // A step taken back never counted: the clock reads the standing steps.
    let rows = record::standing(rows)?;
    if rows.is_empty() {
        return Err(Error::NotFound("Permohonan"));
    }
    let (layanan, _) = record::kinds(&record::find(db, id).await?)?;
    let history = rows
        .iter()
        .map(|e| {
            Ok((
                e.at.with_timezone(now.offset()).naive_local(),
                Status::stored(&e.to_status, format_args!("status riwayat #{}", e.id))?,
            ))
        })
        .collect::<Result<Vec<_>>>()?;
    let std = standard::service(db, layanan).await?;
    let now = now.naive_local();
    let first = history.first().map_or(now, |h| h.0).min(now);
    // Deadlines reach a little past today or the case's start: a year on.
    let cal = calendar::work::work_calendar(
        db,
        chrono::Datelike::year(&first),
        chrono::Datelike::year(&now) + 1,
    )
    .await?;
    of_history(&history, now, &std, &cal)
}

/// The due moment of a history while its clock runs; `None` before it
/// starts, while it stands still, once it stopped, or when the calendar does
/// not reach the due day.
pub fn running_due(
    history: &[(NaiveDateTime, Status)],
    now: NaiveDateTime,
    std: &ServiceStandard,
    cal: &WorkCalendar,
) -> Result<Option<NaiveDateTime>> {
    let (start, pauses, stop, paused) = clock(history, now, std.mulai, std.jeda_bsre);
    let Some(start) = start.filter(|_| stop.is_none() && !paused) else {
        return Ok(None);
    };
    match due_under(std, cal, start, &pauses) {
        Ok(t) => Ok(Some(t)),
        Err(Error::NoCalendar { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// How a case's clock ended, for the reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// When the clock stopped (the case ended).
    pub stop: NaiveDateTime,
    /// The due moment; `None` when the calendar does not reach it.
    pub due: Option<NaiveDateTime>,
    /// Working days the clock ran.
    pub days_used: Option<u32>,
}

impl Outcome {
    /// Finished by the due moment (`None` when there is none).
    pub fn on_time(&self) -> Option<bool> {
        self.due.map(|d| self.stop <= d)
    }
}

/// How the clock of an ended case ran; `None` for a case that has not ended
/// or whose clock never started (rejected before the file was complete).
pub fn outcome(
    history: &[(NaiveDateTime, Status)],
    std: &ServiceStandard,
    cal: &WorkCalendar,
) -> Result<Option<Outcome>> {
    let Some(&(last, _)) = history.last() else {
        return Ok(None);
    };
    let (start, pauses, stop, _) = clock(history, last, std.mulai, std.jeda_bsre);
    let (Some(start), Some(stop)) = (start, stop) else {
        return Ok(None);
    };
    let due = match due_under(std, cal, start, &pauses) {
        Ok(d) => Some(d),
        Err(Error::NoCalendar { .. }) => None,
        Err(e) => return Err(e),
    };
    let days_used = match deadline::working_days_used(cal, start, stop, &pauses) {
        Ok(n) => Some(n),
        Err(Error::NoCalendar { .. }) => None,
        Err(e) => return Err(e),
    };
    Ok(Some(Outcome {
        stop,
        due,
        days_used,
    }))
}

/// Setting: the fingerprint of what the open cases' `tenggat_at` were
/// computed with (the engine's rules, the standard, the hours, the years).
pub const SETTING_COMPUTED: &str = "tenggat_dihitung";
/// Raised whenever the engine counts differently, so every desk recomputes.
const RULES: &str = "tenggat-2";

/// The fingerprint of everything a deadline depends on besides the case.
async fn inputs(db: &impl ConnectionTrait, tz: FixedOffset) -> Result<String> {
    let rows = settings::Entity::find()
        .filter(
            Condition::any()
                .add(settings::Column::Key.is_in([
                    crate::standard::model::SETTING,
                    calendar::hours::SETTING_HOURS,
                ]))
                .add(settings::Column::Key.starts_with("kalender."))
                .add(settings::Column::Key.starts_with("hari_libur.")),
        )
        .order_by_asc(settings::Column::Key)
        .all(db)
        .await?;
    let mut h = Sha256::new();
    h.update(RULES);
    h.update(tz.to_string());
    for r in rows {
        h.update(r.key.len().to_le_bytes());
        h.update(&r.key);
        h.update(r.value.len().to_le_bytes());
        h.update(&r.value);
    }
    Ok(format!("{:x}", h.finalize()))
}

/// Everything the deadlines of many cases are computed with.
pub(crate) struct Rules {
    pub(crate) standard: crate::standard::model::Standard,
    pub(crate) cal: WorkCalendar,
}

/// The standard and the calendar of every year kept.
pub(crate) async fn rules(db: &impl ConnectionTrait) -> Result<Rules> {
    let years = days::years(db).await?;
    let (from, to) = (
        years.first().copied().unwrap_or(2026),
        years.last().copied().unwrap_or(2026),
    );
    Ok(Rules {
        standard: standard::standard(db).await?,
        cal: calendar::work::work_calendar(db, from, to).await?,
    })
}

/// The histories of `ids`, oldest event first, in the desk's local time.
pub(crate) async fn histories(
    db: &impl ConnectionTrait,
    ids: &[i64],
    tz: FixedOffset,
) -> Result<BTreeMap<i64, Vec<(NaiveDateTime, Status)>>> {
    let rows = case_events::Entity::find()
        .filter(case_events::Column::CaseId.is_in(ids.iter().copied()))
        .order_by_asc(case_events::Column::CaseId)
        .order_by_asc(case_events::Column::Id)
        .all(db)
        .await?;
    let mut by_case: BTreeMap<i64, Vec<case_events::Model>> = BTreeMap::new();
    for e in rows {
        by_case.entry(e.case_id).or_default().push(e);
    }
    let mut out: BTreeMap<i64, Vec<_>> = BTreeMap::new();
    // A step taken back never counted: the clock reads the standing steps.
    for e in by_case
        .into_values()
        .map(record::standing)
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .flatten()
    {
        let status = Status::stored(&e.to_status, format_args!("status riwayat #{}", e.id))?;
        out.entry(e.case_id)
            .or_default()
            .push((e.at.with_timezone(&tz).naive_local(), status));
    }
    Ok(out)
}

/// Writes `case`'s derived due moment when it changed.
async fn store_due(
    db: &impl ConnectionTrait,
    case: &cases::Model,
    due: Option<NaiveDateTime>,
    tz: FixedOffset,
) -> Result<()> {
    let due = due.and_then(|t| tz.from_local_datetime(&t).single());
    if case.tenggat_at != due {
        cases::ActiveModel {
            id: Set(case.id),
            tenggat_at: Set(due),
            ..Default::default()
        }
        .update(db)
        .await?;
    }
    Ok(())
}

/// Recomputes the derived due moment of case `id` (inside the transaction
/// that wrote its newest event).
pub(crate) async fn refresh(
    db: &impl ConnectionTrait,
    id: i64,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    let tz = *now.offset();
    let case = record::find(db, id).await?;
    let (layanan, _) = record::kinds(&case)?;
    let r = rules(db).await?;
    let history = histories(db, &[id], tz)
        .await?
        .remove(&id)
        .unwrap_or_default();
    let due = running_due(&history, now.naive_local(), r.standard.of(layanan)?, &r.cal)?;
    store_due(db, &case, due, tz).await
}

/// Open cases are recomputed this many at a time.
const CHUNK: u64 = 500;

/// Recomputes every open case's derived due moment; returns how many changed.
async fn refresh_all(db: &impl ConnectionTrait, now: DateTime<FixedOffset>) -> Result<u64> {
    let tz = *now.offset();
    let r = rules(db).await?;
    let open: Vec<&str> = Status::ALL
        .iter()
        .filter(|s| !flow::is_final(**s))
        .map(|s| s.as_str())
        .collect();
    let mut after = 0i64;
    let mut changed = 0u64;
    loop {
        let batch = cases::Entity::find()
            .filter(
                Condition::any()
                    .add(cases::Column::Status.is_in(open.clone()))
                    .add(cases::Column::TenggatAt.is_not_null()),
            )
            .filter(cases::Column::Id.gt(after))
            .order_by_asc(cases::Column::Id)
            .limit(CHUNK)
            .all(db)
            .await?;
        let Some(last) = batch.last() else { break };
        after = last.id;
        let ids: Vec<i64> = batch.iter().map(|c| c.id).collect();
        let mut h = histories(db, &ids, tz).await?;
        for case in &batch {
            let (layanan, _) = record::kinds(case)?;
            let history = h.remove(&case.id).unwrap_or_default();
            let due = running_due(&history, now.naive_local(), r.standard.of(layanan)?, &r.cal)?;
            if case.tenggat_at != due.and_then(|t| tz.from_local_datetime(&t).single()) {
                changed += 1;
            }
            store_due(db, case, due, tz).await?;
        }
    }
    Ok(changed)
}

/// Makes the open cases' derived due moments current: when the standard,
/// the hours, a year of the calendar or the engine changed since they were
/// computed (or never were, after an upgrade), all are recomputed in one
/// transaction. Lists and the dashboard ask first; it costs one settings
/// read when nothing changed.
pub async fn ensure_current(
    db: &DatabaseConnection,
    key: &crate::secrets::DataKey,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    let want = inputs(db, *now.offset()).await?;
    if store::setting(db, SETTING_COMPUTED).await?.as_deref() == Some(want.as_str()) {
        return Ok(());
    }
    let txn = store::begin_write(db).await?;
    let want = inputs(&txn, *now.offset()).await?;
    if store::setting(&txn, SETTING_COMPUTED).await?.as_deref() != Some(want.as_str()) {
        refresh_all(&txn, now).await?;
        store::set_setting(&txn, key, SETTING_COMPUTED, &want).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Recomputes every open case's due moment inside the caller's transaction
/// (a year's calendar was just written there) and marks them current;
/// returns how many changed.
pub(crate) async fn recount_all(
    txn: &impl ConnectionTrait,
    key: &crate::secrets::DataKey,
    now: DateTime<FixedOffset>,
) -> Result<u64> {
    let changed = refresh_all(txn, now).await?;
    let want = inputs(txn, *now.offset()).await?;
    store::set_setting(txn, key, SETTING_COMPUTED, &want).await?;
    Ok(changed)
}

/// Fills in the working days left of list rows that have a deadline.
pub async fn days_left(
    db: &impl ConnectionTrait,
    rows: &mut [super::record::CaseRow],
    now: DateTime<FixedOffset>,
) -> Result<()> {
    let dues: Vec<Option<NaiveDateTime>> = rows
        .iter()
        .map(|r| {
            r.tenggat
                .as_deref()
                .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                .map(|t| t.with_timezone(now.offset()).naive_local())
        })
        .collect();
    let years = dues
        .iter()
        .flatten()
        .map(chrono::Datelike::year)
        .chain([chrono::Datelike::year(&now)]);
    let (from, to) = years.fold((i32::MAX, i32::MIN), |(a, b), y| (a.min(y), b.max(y)));
    if dues.iter().all(Option::is_none) {
        return Ok(());
    }
    let cal = calendar::work::work_calendar(db, from, to).await?;
    for (row, due) in rows.iter_mut().zip(dues) {
        if let Some(due) = due {
            row.sisa_hari_kerja = deadline::working_days_left(&cal, now.naive_local(), due).ok();
        }
    }
    Ok(())
}

/// What a receipt promises before the clock has started: the due moment if
/// the clock started at `now` (the file complete at the counter today),
/// and the words saying so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Promise {
    pub hari_kerja: u32,
    /// `None` when the calendar does not reach it yet (a year not entered).
    pub janji: Option<NaiveDateTime>,
    /// "3 hari kerja sejak berkas lengkap".
    pub dasar: String,
}

/// The promise of service `layanan` counted from `now`.
pub async fn promise(
    db: &impl ConnectionTrait,
    layanan: crate::lifecycle::vocabulary::Layanan,
    now: NaiveDateTime,
) -> Result<Promise> {
    let std = standard::service(db, layanan).await?;
    let year = chrono::Datelike::year(&now);
    let cal = calendar::work::work_calendar(db, year, year + 1).await?;
    let janji = match due_under(&std, &cal, now, &[]) {
        Ok(t) => Some(t),
        Err(Error::NoCalendar { .. }) => None,
        Err(e) => return Err(e),
    };
    Ok(Promise {
        hari_kerja: std.hari_kerja,
        janji,
        dasar: format!(
            "{} {}",
            crate::standard::model::days_text(std.hari_kerja_min, std.hari_kerja),
            std.mulai.phrase()
        ),
    })
}

/// Where to complain about service `layanan` (its channels and the
/// complaints officer), as the receipts print it.
pub async fn complaint_text(
    db: &impl ConnectionTrait,
    layanan: crate::lifecycle::vocabulary::Layanan,
) -> Result<String> {
    let all = standard::standard(db).await?;
    Ok(crate::standard::model::complaint_text(
        all.of(layanan)?,
        &all.pejabat_pengaduan,
    ))
}

/// The receipt's promised date, saying exactly what it is counted from.
pub(crate) fn promise_text(d: &CaseDeadline, offset: FixedOffset) -> String {
    let basis = format!(
        "{} {}",
        crate::standard::model::days_text(d.hari_kerja_min, d.hari_kerja),
        d.dihitung.phrase()
    );
    let zone = crate::document::content::zona(offset);
    let day = |t: &str| {
        chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S")
            .map(|t| {
                let date = crate::document::content::tanggal(t.date());
                // A deadline the office ends with the working day.
                if t.time() == chrono::NaiveTime::from_hms_opt(23, 59, 59).unwrap_or_default() {
                    format!("{date}, akhir hari kerja")
                } else {
                    format!("{date} pukul {} {zone}", t.format("%H.%M"))
                }
            })
            .unwrap_or_else(|_| t.to_string())
    };
    match (&d.mulai, &d.tenggat, &d.masalah) {
        (Some(start), Some(end), _) => {
            let waits = if d.dijeda {
                "; waktu tunggu tidak dihitung, tanggal bergeser selama menunggu"
            } else {
                ""
            };
            format!("{} ({basis}: {}{waits})", day(end), day(start))
        }
        (Some(_), None, Some(m)) => format!("belum dapat dihitung: {m}"),
        _ => format!("{basis}; dihitung setelah berkas dinyatakan lengkap"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, m, d)
            .and_then(|x| x.and_hms_opt(h, 0, 0))
            .unwrap_or_default()
    }

    fn std(days: u32, jeda_bsre: bool) -> ServiceStandard {
        let mut s = crate::standard::defaults::standard()
            .of(crate::lifecycle::vocabulary::Layanan::Penerbitan)
            .unwrap()
            .clone();
        s.hari_kerja = days;
        s.jeda_bsre = jeda_bsre;
        s
    }

    fn cal() -> WorkCalendar {
        WorkCalendar::new(deadline::default_week()).with_year(2026, calendar::days::libur_2026())
    }

    #[test]
    fn the_clock_starts_complete_pauses_for_the_applicant_and_stops_at_the_end() {
        use Status::*;
        let history = [
            (at(11, 23, 9), Diterima),
            (at(11, 23, 10), BerkasKurang),
            (at(11, 24, 10), BerkasLengkap),
            (at(11, 25, 9), MenungguPemohon),
            (at(11, 25, 11), BerkasLengkap),
            (at(11, 26, 9), Selesai),
        ];
        let d = of_history(&history, at(11, 30, 9), &std(3, true), &cal()).unwrap();
        // Tuesday 10:00, 3 days: Thursday 15:45, plus the 2 hours waited on
        // Wednesday: Friday 10:00 (Friday opens at 08:00).
        assert_eq!(d.mulai.as_deref(), Some("2026-11-24T10:00:00"));
        assert_eq!(d.tenggat.as_deref(), Some("2026-11-27T10:00:00"));
        assert_eq!(d.tepat_waktu, Some(true));
        assert!(!d.dijeda);
    }

    fn hm(m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, m, d)
            .and_then(|x| x.and_hms_opt(h, min, 0))
            .unwrap_or_default()
    }

    /// The office's first choice, with its own check's figures: complete
    /// Monday 23/11 10:00, at BSrE from 10:30 until Friday 27/11 10:00,
    /// finished 10:30. Against 3 working days it is on time only while
    /// BSrE's time does not count (one working hour used); counted, it was
    /// due Wednesday 25/11 15:45.
    #[test]
    fn whether_bsres_time_counts_decides_a_case_the_office_must_choose() {
        use Status::*;
        let history = [
            (hm(11, 23, 9, 0), Diterima),
            (hm(11, 23, 10, 0), BerkasLengkap),
            (hm(11, 23, 10, 30), MenungguBsre),
            (hm(11, 27, 10, 30), Selesai),
        ];
        let paused = of_history(&history, hm(11, 27, 11, 0), &std(3, true), &cal()).unwrap();
        assert_eq!(paused.tepat_waktu, Some(true), "{paused:?}");
        let counted = of_history(&history, hm(11, 27, 11, 0), &std(3, false), &cal()).unwrap();
        assert_eq!(counted.tenggat.as_deref(), Some("2026-11-25T15:45:00"));
        assert_eq!(counted.tepat_waktu, Some(false));
    }

    /// The office's second choice: complete Wednesday 25/11 10:00, 3 working
    /// days end on Friday 27/11, whose counter closes at 11:00. Finished at
    /// 14:00 that Friday it is late when the deadline ends at the closing of
    /// the service hours, on time when it ends with the working day.
    #[test]
    fn where_the_last_day_ends_decides_a_friday_afternoon() {
        use Status::*;
        let history = [
            (hm(11, 25, 9, 0), Diterima),
            (hm(11, 25, 10, 0), BerkasLengkap),
            (hm(11, 27, 14, 0), Selesai),
        ];
        let hours = std(3, true);
        let closing = of_history(&history, hm(11, 27, 15, 0), &hours, &cal()).unwrap();
        assert_eq!(closing.tenggat.as_deref(), Some("2026-11-27T11:00:00"));
        assert_eq!(closing.tepat_waktu, Some(false));
        let mut day = hours.clone();
        day.akhir_tenggat = crate::standard::model::AkhirTenggat::AkhirHari;
        let whole = of_history(&history, hm(11, 27, 15, 0), &day, &cal()).unwrap();
        assert_eq!(whole.tenggat.as_deref(), Some("2026-11-27T23:59:59"));
        assert_eq!(whole.tepat_waktu, Some(true));
        let open = [
            (hm(11, 25, 9, 0), Diterima),
            (hm(11, 25, 10, 0), BerkasLengkap),
        ];
        // Still open at 14:00 that Friday: overdue under the first rule
        // (the lists' "terlambat" compares the due moment with now), not
        // under the second.
        let at_two = "2026-11-27T14:00:00";
        let by_closing = of_history(&open, hm(11, 27, 14, 0), &hours, &cal()).unwrap();
        assert!(
            by_closing.tenggat.as_deref() < Some(at_two),
            "{by_closing:?}"
        );
        let by_day = of_history(&open, hm(11, 27, 14, 0), &day, &cal()).unwrap();
        assert!(by_day.tenggat.as_deref() > Some(at_two), "{by_day:?}");
    }

    #[test]
    fn an_open_case_counts_days_left_and_a_waiting_one_says_so() {
        use Status::*;
        let history = [(at(11, 23, 9), Diterima), (at(11, 23, 10), BerkasLengkap)];
        let d = of_history(&history, at(11, 24, 9), &std(3, true), &cal()).unwrap();
        assert_eq!(d.tenggat.as_deref(), Some("2026-11-25T15:45:00"));
        assert_eq!(d.sisa_hari_kerja, Some(1));
        let late = of_history(&history, at(11, 30, 9), &std(3, true), &cal()).unwrap();
        assert_eq!(late.sisa_hari_kerja, Some(-3));
        let waiting = [
            (at(11, 23, 9), Diterima),
            (at(11, 23, 10), BerkasLengkap),
            (at(11, 24, 9), MenungguBsre),
        ];
        let w = of_history(&waiting, at(11, 26, 9), &std(3, true), &cal()).unwrap();
        assert!(w.dijeda);
        assert!(w.tenggat.as_deref() > Some("2026-11-25T15:45:00"), "{w:?}");
        let counted = of_history(&waiting, at(11, 26, 9), &std(3, false), &cal()).unwrap();
        assert_eq!(
            counted.tenggat.as_deref(),
            Some("2026-11-25T15:45:00"),
            "BSrE's time counted"
        );
    }

    #[test]
    fn before_the_file_is_complete_there_is_no_deadline_and_a_missing_year_is_said() {
        use Status::*;
        let received = [(at(11, 23, 9), Diterima)];
        let d = of_history(&received, at(11, 23, 10), &std(3, true), &cal()).unwrap();
        assert_eq!((d.mulai.clone(), d.tenggat.clone()), (None, None));
        // A standard counting from receipt starts the clock at once.
        let mut from_receipt = std(3, true);
        from_receipt.mulai = ClockStart::Diterima;
        let d = of_history(&received, at(11, 23, 10), &from_receipt, &cal()).unwrap();
        assert_eq!(d.mulai.as_deref(), Some("2026-11-23T09:00:00"));
        assert_eq!(d.tenggat.as_deref(), Some("2026-11-25T15:45:00"));
        assert_eq!(d.dihitung, ClockStart::Diterima);
        let december = [(at(12, 30, 9), BerkasLengkap)];
        let d = of_history(&december, at(12, 30, 10), &std(3, true), &cal()).unwrap();
        assert!(
            d.masalah.as_deref().is_some_and(|m| m.contains("2027")),
            "{d:?}"
        );
        assert_eq!(d.tenggat, None);
    }
}
