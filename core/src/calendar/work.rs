//! The working-time calendar the deadline engine counts with, from the
//! stored years and service hours.

use sea_orm::ConnectionTrait;

use super::{days, hours};
use crate::deadline::WorkCalendar;
use crate::error::Result;

/// The working-time calendar: the service hours and every year from `from`
/// to `to` that has a calendar (a missing year stays missing, and a deadline
/// reaching into it says so).
pub async fn work_calendar(db: &impl ConnectionTrait, from: i32, to: i32) -> Result<WorkCalendar> {
    let (week, special) = hours::hours(db).await?.checked()?;
    let mut cal = WorkCalendar::new(week);
    for (a, b, w) in special {
        cal = cal.with_hours_between(a, b, w);
    }
    for y in from..=to {
        if let Some(c) = days::year(db, y).await? {
            cal = cal.with_year(y, c.hari.into_iter().map(|h| h.tanggal));
        }
    }
    Ok(cal)
}
