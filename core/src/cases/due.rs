//! A case's deadline, computed from its history on every read (so a
//! corrected calendar recomputes it): the clock starts when the file became
//! complete (berkas lengkap), stands still while the case waits on the
//! applicant (berkas kurang, menunggu pemohon) and, unless the setting
//! `tenggat_jeda_bsre` is "tidak", while it waits on BSrE; it stops when the
//! case ends. The promised time is the office's `hari_kerja_layanan` (one
//! number for every service until the Standar Pelayanan is kept per
//! service).

use chrono::{DateTime, FixedOffset, NaiveDateTime};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use ts_rs::TS;

use super::flow;
use super::vocabulary::Status;
use crate::deadline::{self, Pause, WorkCalendar};
use crate::entities::case_events;
use crate::letters::settings;
use crate::{Error, Result, calendar, store};

/// Setting: whether waiting on BSrE stops the clock ("ya", the default, or "tidak").
pub const SETTING_PAUSE_BSRE: &str = "tenggat_jeda_bsre";

/// A case's deadline as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CaseDeadline {
    /// The promised working days.
    pub hari_kerja: u32,
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
        if status == Status::BerkasLengkap && start.is_none() {
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

/// The deadline of a history on `cal`.
pub fn of_history(
    history: &[(NaiveDateTime, Status)],
    now: NaiveDateTime,
    days: u32,
    pause_bsre: bool,
    cal: &WorkCalendar,
) -> Result<CaseDeadline> {
    let (start, pauses, stop, dijeda) = clock(history, now, pause_bsre);
    let mut out = CaseDeadline {
        hari_kerja: days,
        mulai: start.map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string()),
        tenggat: None,
        sisa_hari_kerja: None,
        tepat_waktu: None,
        dijeda,
        masalah: None,
    };
    let Some(start) = start else { return Ok(out) };
    // While the clock stands still the deadline keeps moving: counted up to now.
    let due = match deadline::due(cal, start, days, &pauses) {
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

/// The working-time calendar from the stored holidays: every year from
/// `from` to `to` that has one (a missing year stays missing, and a deadline
/// reaching into it says so).
pub async fn work_calendar(db: &impl ConnectionTrait, from: i32, to: i32) -> Result<WorkCalendar> {
    let mut cal = WorkCalendar::new(deadline::default_week());
    for year in from..=to {
        match calendar::holidays(db, year).await {
            Ok(days) => cal = cal.with_year(year, days),
            Err(Error::NoCalendar { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(cal)
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
    if rows.is_empty() {
        return Err(Error::NotFound("Permohonan"));
    }
    let history = rows
        .iter()
        .map(|e| {
            Ok((
                e.at.with_timezone(now.offset()).naive_local(),
                Status::stored(&e.to_status, format_args!("status riwayat #{}", e.id))?,
            ))
        })
        .collect::<Result<Vec<_>>>()?;
    let days = settings::settings(db).await?.hari_kerja_layanan;
    let pause_bsre = store::setting(db, SETTING_PAUSE_BSRE).await?.as_deref() != Some("tidak");
    let now = now.naive_local();
    let first = history.first().map_or(now, |h| h.0).min(now);
    // Deadlines reach a little past today or the case's start: a year on.
    let cal = work_calendar(
        db,
        chrono::Datelike::year(&first),
        chrono::Datelike::year(&now) + 1,
    )
    .await?;
    of_history(&history, now, days, pause_bsre, &cal)
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

    fn cal() -> WorkCalendar {
        WorkCalendar::new(deadline::default_week()).with_year(2026, calendar::libur_2026())
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
        let d = of_history(&history, at(11, 30, 9), 3, true, &cal()).unwrap();
        // Tuesday 10:00, 3 days: Thursday 15:45, plus the 2 hours waited on
        // Wednesday: Friday 10:00 (Friday opens at 08:00).
        assert_eq!(d.mulai.as_deref(), Some("2026-11-24T10:00:00"));
        assert_eq!(d.tenggat.as_deref(), Some("2026-11-27T10:00:00"));
        assert_eq!(d.tepat_waktu, Some(true));
        assert!(!d.dijeda);
    }

    #[test]
    fn an_open_case_counts_days_left_and_a_waiting_one_says_so() {
        use Status::*;
        let history = [(at(11, 23, 9), Diterima), (at(11, 23, 10), BerkasLengkap)];
        let d = of_history(&history, at(11, 24, 9), 3, true, &cal()).unwrap();
        assert_eq!(d.tenggat.as_deref(), Some("2026-11-25T15:45:00"));
        assert_eq!(d.sisa_hari_kerja, Some(1));
        let late = of_history(&history, at(11, 30, 9), 3, true, &cal()).unwrap();
        assert_eq!(late.sisa_hari_kerja, Some(-3));
        let waiting = [
            (at(11, 23, 9), Diterima),
            (at(11, 23, 10), BerkasLengkap),
            (at(11, 24, 9), MenungguBsre),
        ];
        let w = of_history(&waiting, at(11, 26, 9), 3, true, &cal()).unwrap();
        assert!(w.dijeda);
        assert!(w.tenggat.as_deref() > Some("2026-11-25T15:45:00"), "{w:?}");
        let counted = of_history(&waiting, at(11, 26, 9), 3, false, &cal()).unwrap();
        assert_eq!(
            counted.tenggat.as_deref(),
            Some("2026-11-25T15:45:00"),
            "BSrE's time counted"
        );
    }

    #[test]
    fn before_the_file_is_complete_there_is_no_deadline_and_a_missing_year_is_said() {
        use Status::*;
        let d = of_history(
            &[(at(11, 23, 9), Diterima)],
            at(11, 23, 10),
            3,
            true,
            &cal(),
        )
        .unwrap();
        assert_eq!((d.mulai.clone(), d.tenggat.clone()), (None, None));
        let december = [(at(12, 30, 9), BerkasLengkap)];
        let d = of_history(&december, at(12, 30, 10), 3, true, &cal()).unwrap();
        assert!(
            d.masalah.as_deref().is_some_and(|m| m.contains("2027")),
            "{d:?}"
        );
        assert_eq!(d.tenggat, None);
    }
}
