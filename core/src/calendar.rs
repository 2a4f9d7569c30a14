//! Working days: Monday to Friday minus the year's holidays and cuti bersama,
//! loaded as data (setting `hari_libur.<tahun>`, a JSON list of dates). Loket
//! never computes religious holidays; a deadline in a year with no calendar is
//! refused rather than guessed.

use chrono::{Datelike, NaiveDate, Weekday};
use sea_orm::ConnectionTrait;

use crate::error::{Error, Result};
use crate::store;

/// 2026 national holidays and cuti bersama (SKB 3 Menteri of 19 September 2025),
/// used while the setting `hari_libur.2026` is absent.
const LIBUR_2026: [&str; 25] = [
    "2026-01-01",
    "2026-01-16",
    "2026-02-16",
    "2026-02-17",
    "2026-03-18",
    "2026-03-19",
    "2026-03-20",
    "2026-03-21",
    "2026-03-22",
    "2026-03-23",
    "2026-03-24",
    "2026-04-03",
    "2026-04-05",
    "2026-05-01",
    "2026-05-14",
    "2026-05-15",
    "2026-05-27",
    "2026-05-28",
    "2026-05-31",
    "2026-06-01",
    "2026-06-16",
    "2026-08-17",
    "2026-08-25",
    "2026-12-24",
    "2026-12-25",
];

/// The 2026 days off Loket ships (national holidays and cuti bersama).
pub fn libur_2026() -> Vec<NaiveDate> {
    LIBUR_2026
        .iter()
        .filter_map(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .collect()
}

/// A day as people type it: `dd/mm/yyyy` (how the desk writes dates) or
/// `yyyy-mm-dd` (how forms send them); `None` when it is neither or not a day.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(t, "%Y-%m-%d"))
        .ok()
}

/// The holidays of `year`, or an error naming the missing calendar.
pub async fn holidays(db: &impl ConnectionTrait, year: i32) -> Result<Vec<NaiveDate>> {
    let parse = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    if let Some(v) = store::setting(db, &format!("hari_libur.{year}")).await? {
        let list: Vec<String> = serde_json::from_str(&v)
            .map_err(|e| Error::setting(&format!("hari_libur.{year}"), e))?;
        return list
            .iter()
            .map(|s| {
                parse(s).ok_or_else(|| {
                    Error::setting(
                        &format!("hari_libur.{year}"),
                        format!("\"{s}\" bukan tanggal"),
                    )
                })
            })
            .collect();
    }
    if year == 2026 {
        return Ok(LIBUR_2026.iter().filter_map(|s| parse(s)).collect());
    }
    Err(Error::NoCalendar { year })
}

/// The `n`-th working day after `start` (a case complete on `start` and
/// served in `n` working days ends on that day).
pub async fn add_working_days(
    db: &impl ConnectionTrait,
    start: NaiveDate,
    n: u32,
) -> Result<NaiveDate> {
    let mut day = start;
    let mut left = n;
    let mut year = start.year();
    let mut off = holidays(db, year).await?;
    while left > 0 {
        day = day
            .succ_opt()
            .ok_or_else(|| Error::field("tanggal", "Tanggal di luar kalender."))?;
        if day.year() != year {
            year = day.year();
            off = holidays(db, year).await?;
        }
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !off.contains(&day) {
            left -= 1;
        }
    }
    Ok(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_read_as_the_desk_writes_them_and_as_forms_send_them() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(parse_day("25/11/2026"), Some(d));
        assert_eq!(parse_day(" 2026-11-25 "), Some(d));
        assert_eq!(parse_day("31/02/2026"), None, "not a day");
        assert_eq!(
            parse_day("11/25/2026"),
            None,
            "month first is not how the desk writes"
        );
        assert_eq!(parse_day(""), None);
    }
}
