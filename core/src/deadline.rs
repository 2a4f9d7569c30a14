//! The service deadline in working time. "N hari kerja" is counted the way a
//! Standar Pelayanan promises it: the clock starts when the file is complete
//! (outside service hours, at the next opening), the day it starts is the
//! first working day, and the time ends at the closing of the N-th working
//! day. Time while the case waits (on the applicant, or on BSrE when the
//! standard says so) does not count: each working minute spent paused moves
//! the deadline on by a working minute.
//!
//! Working days are Monday to Friday minus the year's holidays and cuti
//! bersama, loaded as data; service hours are per weekday (a shorter Friday)
//! with optional date ranges of their own (Ramadan). A year with no
//! calendar is refused, never guessed. Everything here is pure: the same
//! events and calendar always give the same deadline, so a corrected
//! calendar recomputes history.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::error::{Error, Result};

/// Opening and closing time of one day, with the noon break (istirahat)
/// when the office closes the counter for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hours {
    pub open: NaiveTime,
    pub close: NaiveTime,
    /// The break: no service, and no working time counted.
    pub rest: Option<(NaiveTime, NaiveTime)>,
}

impl Hours {
    /// `open`-`close` as hours and minutes; `None` unless open < close.
    pub fn new(open: (u32, u32), close: (u32, u32)) -> Option<Hours> {
        let open = NaiveTime::from_hms_opt(open.0, open.1, 0)?;
        let close = NaiveTime::from_hms_opt(close.0, close.1, 0)?;
        (open < close).then_some(Hours {
            open,
            close,
            rest: None,
        })
    }

    /// These hours with a break `from`-`to`; `None` unless the break lies
    /// strictly inside them (open < from < to < close).
    pub fn with_rest(self, from: (u32, u32), to: (u32, u32)) -> Option<Hours> {
        let from = NaiveTime::from_hms_opt(from.0, from.1, 0)?;
        let to = NaiveTime::from_hms_opt(to.0, to.1, 0)?;
        (self.open < from && from < to && to < self.close).then_some(Hours {
            rest: Some((from, to)),
            ..self
        })
    }

    /// The day's working time: open to close, less the break.
    fn spans(&self, day: NaiveDate) -> Vec<(NaiveDateTime, NaiveDateTime)> {
        match self.rest {
            None => vec![(day.and_time(self.open), day.and_time(self.close))],
            Some((a, b)) => vec![
                (day.and_time(self.open), day.and_time(a)),
                (day.and_time(b), day.and_time(self.close)),
            ],
        }
    }
}

/// `spans` cut to what lies at or after `from` and before `to`.
fn clipped(
    spans: Vec<(NaiveDateTime, NaiveDateTime)>,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> impl Iterator<Item = (NaiveDateTime, NaiveDateTime)> {
    spans
        .into_iter()
        .map(move |(a, b)| (a.max(from), b.min(to)))
        .filter(|(a, b)| a < b)
}

/// The name of a desk's time zone as Indonesia prints it: WIB (UTC+7),
/// WITA (UTC+8), WIT (UTC+9); any other offset as "UTC+h:mm".
pub fn zona(offset: chrono::FixedOffset) -> String {
    match offset.local_minus_utc() {
        25_200 => "WIB".into(),
        28_800 => "WITA".into(),
        32_400 => "WIT".into(),
        s => {
            let sign = if s < 0 { '-' } else { '+' };
            let m = s.unsigned_abs() / 60;
            format!("UTC{sign}{}:{:02}", m / 60, m % 60)
        }
    }
}

/// Service hours Monday to Sunday (`None`: closed).
pub type Week = [Option<Hours>; 7];

/// The working-time calendar: holidays per loaded year, the week's service
/// hours, and date ranges with hours of their own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkCalendar {
    years: BTreeMap<i32, BTreeSet<NaiveDate>>,
    week: Week,
    special: Vec<(NaiveDate, NaiveDate, Week)>,
}

/// Senin-Kamis 08.00-15.45, Jumat 08.00-11.00 (the seeds' service hours).
pub fn default_week() -> Week {
    let day = Hours::new((8, 0), (15, 45));
    let friday = Hours::new((8, 0), (11, 0));
    [day, day, day, day, friday, None, None]
}

impl WorkCalendar {
    /// A calendar with `week`'s hours and no year loaded yet.
    pub fn new(week: Week) -> WorkCalendar {
        WorkCalendar {
            years: BTreeMap::new(),
            week,
            special: vec![],
        }
    }

    /// Loads `year` with its holidays and cuti bersama (and local closures).
    pub fn with_year(mut self, year: i32, off: impl IntoIterator<Item = NaiveDate>) -> Self {
        self.years
            .insert(year, off.into_iter().filter(|d| d.year() == year).collect());
        self
    }

    /// Hours of their own from `from` to `to` (inclusive), e.g. Ramadan.
    pub fn with_hours_between(mut self, from: NaiveDate, to: NaiveDate, week: Week) -> Self {
        self.special.push((from, to, week));
        self
    }

    /// The service hours of `day`, `None` when the office is closed; an
    /// error when `day`'s year has no calendar.
    pub fn hours_on(&self, day: NaiveDate) -> Result<Option<Hours>> {
        let off = self
            .years
            .get(&day.year())
            .ok_or(Error::NoCalendar { year: day.year() })?;
        if off.contains(&day) {
            return Ok(None);
        }
        let week = self
            .special
            .iter()
            .rev()
            .find(|(from, to, _)| (*from..=*to).contains(&day))
            .map_or(&self.week, |(_, _, w)| w);
        Ok(week[day.weekday().num_days_from_monday() as usize])
    }

    /// Whether `day` is a working day.
    pub fn is_working_day(&self, day: NaiveDate) -> Result<bool> {
        Ok(self.hours_on(day)?.is_some())
    }

    /// The first moment at or after `t` within service hours (a moment in
    /// the noon break: its end).
    pub fn next_open(&self, t: NaiveDateTime) -> Result<NaiveDateTime> {
        let mut day = t.date();
        for _ in 0..400 {
            if let Some(h) = self.hours_on(day)? {
                for (open, close) in h.spans(day) {
                    if t < close {
                        return Ok(open.max(t));
                    }
                }
            }
            day = next_day(day)?;
        }
        Err(Error::field(
            "tanggal",
            "Tidak ada hari kerja dalam setahun.",
        ))
    }
}

fn next_day(d: NaiveDate) -> Result<NaiveDate> {
    d.succ_opt()
        .ok_or_else(|| Error::field("tanggal", "Tanggal di luar kalender."))
}

/// A stretch during which the clock stands still.
pub type Pause = (NaiveDateTime, NaiveDateTime);

/// Working minutes of `[from, to)` on `day` that no pause covers.
fn free_minutes(
    from: NaiveDateTime,
    to: NaiveDateTime,
    pauses: &[Pause],
) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    let mut free = vec![(from, to)];
    for &(p0, p1) in pauses {
        free = free
            .into_iter()
            .flat_map(|(a, b)| {
                if p1 <= a || p0 >= b {
                    vec![(a, b)]
                } else {
                    let mut out = vec![];
                    if p0 > a {
                        out.push((a, p0));
                    }
                    if p1 < b {
                        out.push((p1, b));
                    }
                    out
                }
            })
            .collect();
    }
    free
}

/// The deadline of `days` working days whose clock starts at `start`, with
/// the clock standing still during `pauses`.
pub fn due(
    cal: &WorkCalendar,
    start: NaiveDateTime,
    days: u32,
    pauses: &[Pause],
) -> Result<NaiveDateTime> {
    if days == 0 {
        return Err(Error::field(
            "jangka_waktu",
            "Jangka waktu paling sedikit 1 hari kerja.",
        ));
    }
    let begin = cal.next_open(start)?;
    // Without pauses: the closing of the N-th working day, the first being
    // the day the clock starts. The budget is the working time up to it.
    let mut day = begin.date();
    let mut budget = Duration::zero();
    let mut counted = 0;
    let end_of = |day: NaiveDate| day.and_time(NaiveTime::MIN) + Duration::days(1);
    loop {
        if let Some(h) = cal.hours_on(day)? {
            for (a, b) in clipped(h.spans(day), begin, end_of(day)) {
                budget += b - a;
            }
            counted += 1;
            if counted == days {
                break;
            }
        }
        day = next_day(day)?;
    }
    // Spend the budget on the working time no pause covers.
    let mut day = begin.date();
    let mut left = budget;
    for _ in 0..(366 * 5) {
        if let Some(h) = cal.hours_on(day)? {
            for (from, to) in clipped(h.spans(day), begin, end_of(day)) {
                for (a, b) in free_minutes(from, to, pauses) {
                    if b - a >= left {
                        return Ok(a + left);
                    }
                    left -= b - a;
                }
            }
        }
        day = next_day(day)?;
    }
    Err(Error::field(
        "jangka_waktu",
        "Jeda terlalu panjang: tenggat lebih dari lima tahun.",
    ))
}

/// Working days from `now` to `due`: positive while time is left (the days
/// still to work, today counting when open), negative once overdue (working
/// days past it), zero on the due day itself.
pub fn working_days_left(
    cal: &WorkCalendar,
    now: NaiveDateTime,
    due: NaiveDateTime,
) -> Result<i64> {
    let (from, to, sign) = if now <= due {
        (now.date(), due.date(), 1)
    } else {
        (due.date(), now.date(), -1)
    };
    let mut n = 0i64;
    let mut day = from;
    while day < to {
        day = next_day(day)?;
        if cal.is_working_day(day)? {
            n += 1;
        }
    }
    Ok(sign * n)
}

/// The working days a clock ran from `start` to `stop`: each working day
/// with unpaused service time between them counts once, the day the clock
/// starts being the first (a case finished the day its clock started took
/// 1). A case finished before its clock's first opening took 0.
pub fn working_days_used(
    cal: &WorkCalendar,
    start: NaiveDateTime,
    stop: NaiveDateTime,
    pauses: &[Pause],
) -> Result<u32> {
    let begin = cal.next_open(start)?;
    let mut n = 0;
    let mut day = begin.date();
    while day <= stop.date() {
        if let Some(h) = cal.hours_on(day)?
            && clipped(h.spans(day), begin, stop)
                .any(|(a, b)| !free_minutes(a, b, pauses).is_empty())
        {
            n += 1;
        }
        day = next_day(day)?;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn days_used_count_each_working_day_the_clock_ran() {
        let cal = cal2026();
        // Monday 23/11 10:00 to Wednesday 25/11 09:00: three days.
        assert_eq!(
            working_days_used(&cal, at(2026, 11, 23, 10, 0), at(2026, 11, 25, 9, 0), &[]).unwrap(),
            3
        );
        // The same day: one. Finished before the first opening: none.
        assert_eq!(
            working_days_used(&cal, at(2026, 11, 23, 10, 0), at(2026, 11, 23, 11, 0), &[]).unwrap(),
            1
        );
        assert_eq!(
            working_days_used(&cal, at(2026, 11, 22, 10, 0), at(2026, 11, 22, 11, 0), &[]).unwrap(),
            0
        );
        // Tuesday spent waiting on the applicant does not count.
        let tuesday = (at(2026, 11, 24, 7, 0), at(2026, 11, 24, 17, 0));
        assert_eq!(
            working_days_used(
                &cal,
                at(2026, 11, 23, 10, 0),
                at(2026, 11, 25, 9, 0),
                &[tuesday]
            )
            .unwrap(),
            2
        );
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    fn at(y: i32, m: u32, day: u32, h: u32, min: u32) -> NaiveDateTime {
        d(y, m, day).and_hms_opt(h, min, 0).unwrap_or_default()
    }

    /// 2026 as the SKB of 19 September 2025 sets it (the days Loket ships).
    fn cal2026() -> WorkCalendar {
        let off = crate::calendar::days::libur_2026();
        WorkCalendar::new(default_week()).with_year(2026, off)
    }

    #[test]
    fn three_working_days_end_at_the_closing_of_the_third() {
        let c = cal2026();
        // Monday 10:00, complete: Monday, Tuesday, Wednesday; closes 15:45.
        assert_eq!(
            due(&c, at(2026, 11, 23, 10, 0), 3, &[]).unwrap(),
            at(2026, 11, 25, 15, 45)
        );
        // Complete after closing on Monday: the clock starts Tuesday 08:00.
        assert_eq!(
            due(&c, at(2026, 11, 23, 17, 0), 3, &[]).unwrap(),
            at(2026, 11, 26, 15, 45)
        );
    }

    #[test]
    fn friday_closes_at_eleven() {
        let c = cal2026();
        // Wednesday 9:00, 3 days: Wednesday, Thursday, Friday until 11:00.
        assert_eq!(
            due(&c, at(2026, 11, 25, 9, 0), 3, &[]).unwrap(),
            at(2026, 11, 27, 11, 0)
        );
        // Complete on Friday at 11:30: after the cut-off, the clock starts on Monday.
        assert_eq!(
            due(&c, at(2026, 11, 27, 11, 30), 1, &[]).unwrap(),
            at(2026, 11, 30, 15, 45)
        );
    }

    #[test]
    fn idul_fitri_and_its_cuti_bersama_stop_the_clock() {
        let c = cal2026();
        // Tuesday 17 March 2026, 3 days: the 18th to the 24th are off; then
        // Wednesday 25 and Thursday 26 March.
        assert_eq!(
            due(&c, at(2026, 3, 17, 9, 0), 3, &[]).unwrap(),
            at(2026, 3, 26, 15, 45)
        );
    }

    #[test]
    fn a_year_without_a_calendar_is_refused_and_with_one_it_is_crossed() {
        let c = cal2026();
        // 23 December 2026, 6 days: the 24th and 25th are off, 28-31
        // December are four more, the sixth falls in 2027, which has no
        // calendar yet.
        assert!(matches!(
            due(&c, at(2026, 12, 23, 9, 0), 6, &[]),
            Err(Error::NoCalendar { year: 2027 })
        ));
        assert_eq!(
            due(&c, at(2026, 12, 23, 9, 0), 5, &[]).unwrap(),
            at(2026, 12, 31, 15, 45)
        );
        // With 2027 loaded (1 January off, then a weekend): Monday 4 January.
        let c = c.with_year(2027, [d(2027, 1, 1)]);
        assert_eq!(
            due(&c, at(2026, 12, 23, 9, 0), 6, &[]).unwrap(),
            at(2027, 1, 4, 15, 45)
        );
    }

    #[test]
    fn a_pause_moves_the_deadline_by_the_working_time_it_took() {
        let c = cal2026();
        // Two working hours waiting for the applicant on Tuesday.
        let pause = (at(2026, 11, 24, 9, 0), at(2026, 11, 24, 11, 0));
        assert_eq!(
            due(&c, at(2026, 11, 23, 10, 0), 3, &[pause]).unwrap(),
            at(2026, 11, 26, 10, 0)
        );
        // A pause over a weekend costs only its working time.
        let weekend = (at(2026, 11, 27, 10, 0), at(2026, 11, 30, 9, 0));
        assert_eq!(
            due(&c, at(2026, 11, 25, 9, 0), 3, &[weekend]).unwrap(),
            at(2026, 11, 30, 10, 0),
            "Friday 10:00-11:00 paused: that hour is worked on Monday, after Monday's paused 08:00-09:00"
        );
    }

    #[test]
    fn ramadan_hours_apply_within_their_range() {
        let ramadan = [
            Hours::new((8, 0), (14, 0)),
            Hours::new((8, 0), (14, 0)),
            Hours::new((8, 0), (14, 0)),
            Hours::new((8, 0), (14, 0)),
            Hours::new((8, 0), (11, 30)),
            None,
            None,
        ];
        let c = cal2026().with_hours_between(d(2026, 2, 18), d(2026, 3, 19), ramadan);
        assert_eq!(
            due(&c, at(2026, 2, 23, 9, 0), 1, &[]).unwrap(),
            at(2026, 2, 23, 14, 0)
        );
        assert_eq!(
            due(&c, at(2026, 4, 6, 9, 0), 1, &[]).unwrap(),
            at(2026, 4, 6, 15, 45)
        );
    }

    /// Senin-Kamis 08.00-15.45 with a break 12.00-13.00, Jumat 08.00-11.00.
    fn with_break() -> WorkCalendar {
        let mut week = default_week();
        for day in week.iter_mut().take(4) {
            *day = day.and_then(|h| h.with_rest((12, 0), (13, 0)));
        }
        WorkCalendar::new(week).with_year(2026, crate::calendar::days::libur_2026())
    }

    #[test]
    fn the_noon_break_is_no_working_time() {
        let c = with_break();
        assert!(
            Hours::new((8, 0), (15, 45))
                .and_then(|h| h.with_rest((7, 0), (9, 0)))
                .is_none(),
            "a break outside the hours is refused"
        );
        // A file complete during the break starts its clock when the counter opens again.
        assert_eq!(
            c.next_open(at(2026, 11, 23, 12, 30)).unwrap(),
            at(2026, 11, 23, 13, 0)
        );
        // Waiting on the applicant Monday 11:00-14:00 stopped two working
        // hours, not three: the break between was no working time. Three days
        // from Monday 10:00 end Wednesday 15:45; moved on by two hours:
        // Thursday 10:00 (without the break: Thursday 11:00).
        let wait = [(at(2026, 11, 23, 11, 0), at(2026, 11, 23, 14, 0))];
        assert_eq!(
            due(&c, at(2026, 11, 23, 10, 0), 3, &wait).unwrap(),
            at(2026, 11, 26, 10, 0)
        );
        assert_eq!(
            due(&cal2026(), at(2026, 11, 23, 10, 0), 3, &wait).unwrap(),
            at(2026, 11, 26, 11, 0)
        );
        // Without pauses the promise is the same: the closing of the third day.
        assert_eq!(
            due(&c, at(2026, 11, 23, 10, 0), 3, &[]).unwrap(),
            at(2026, 11, 25, 15, 45)
        );
        // A day whose only service time was spent in a pause is not counted.
        assert_eq!(
            working_days_used(&c, at(2026, 11, 23, 12, 10), at(2026, 11, 23, 12, 50), &[]).unwrap(),
            0,
            "a case finished within the break, its clock never ran"
        );
    }

    #[test]
    fn days_left_count_working_days_either_side() {
        let c = cal2026();
        let due_at = at(2026, 11, 27, 11, 0);
        assert_eq!(
            working_days_left(&c, at(2026, 11, 24, 9, 0), due_at).unwrap(),
            3
        );
        assert_eq!(
            working_days_left(&c, at(2026, 11, 27, 9, 0), due_at).unwrap(),
            0
        );
        assert_eq!(
            working_days_left(&c, at(2026, 12, 1, 9, 0), due_at).unwrap(),
            -2
        );
    }

    fn moment() -> impl Strategy<Value = NaiveDateTime> {
        (1u32..=330, 0u32..24, 0u32..60).prop_map(|(doy, h, m)| {
            NaiveDate::from_yo_opt(2026, doy)
                .unwrap_or_default()
                .and_hms_opt(h, m, 0)
                .unwrap_or_default()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// A deadline falls on a working day, within its service hours.
        #[test]
        fn a_deadline_is_always_within_service_hours(start in moment(), days in 1u32..6) {
            let c = cal2026().with_year(2027, [d(2027, 1, 1)]);
            let t = due(&c, start, days, &[]).unwrap();
            let h = c.hours_on(t.date()).unwrap();
            prop_assert!(h.is_some(), "{t} is not a working day");
            let h = h.unwrap_or(Hours { open: t.time(), close: t.time(), rest: None });
            prop_assert!(h.open < t.time() && t.time() <= h.close, "{t} outside {h:?}");
            prop_assert!(t > start);
        }

        /// With a noon break, a deadline never falls inside it.
        #[test]
        fn a_deadline_never_falls_in_the_break(start in moment(), days in 1u32..6, p in moment(), len in 0i64..(60 * 24 * 3)) {
            let c = with_break().with_year(2027, [d(2027, 1, 1)]);
            let t = due(&c, start, days, &[(p, p + Duration::minutes(len))]).unwrap();
            let h = c.hours_on(t.date()).unwrap().unwrap_or(Hours { open: t.time(), close: t.time(), rest: None });
            if let Some((a, b)) = h.rest {
                prop_assert!(!(a < t.time() && t.time() < b), "{t} inside the break");
            }
            prop_assert!(h.open < t.time() && t.time() <= h.close, "{t} outside {h:?}");
        }

        /// Adding a pause never makes a deadline earlier.
        #[test]
        fn a_pause_never_brings_a_deadline_forward(
            start in moment(),
            days in 1u32..6,
            p in moment(),
            len in 0i64..(60 * 24 * 6),
        ) {
            let c = cal2026().with_year(2027, [d(2027, 1, 1)]);
            let without = due(&c, start, days, &[]).unwrap();
            let with = due(&c, start, days, &[(p, p + Duration::minutes(len))]).unwrap();
            prop_assert!(with >= without, "{with} before {without}");
        }

        /// A day declared off afterwards (a corrected calendar) only moves
        /// deadlines later, and recomputing gives the same answer each time.
        #[test]
        fn a_corrected_calendar_recomputes_consistently(start in moment(), days in 1u32..6, off in 1u32..=360) {
            let before = cal2026().with_year(2027, [d(2027, 1, 1)]);
            let extra = NaiveDate::from_yo_opt(2026, off).unwrap_or_default();
            let mut days_off = crate::calendar::days::libur_2026();
            days_off.push(extra);
            let after = WorkCalendar::new(default_week()).with_year(2026, days_off).with_year(2027, [d(2027, 1, 1)]);
            let a = due(&before, start, days, &[]).unwrap();
            let b = due(&after, start, days, &[]).unwrap();
            prop_assert!(b >= a);
            prop_assert_eq!(b, due(&after, start, days, &[]).unwrap());
        }
    }
}
