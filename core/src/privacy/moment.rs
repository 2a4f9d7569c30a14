//! The law's hour-counted duties (a breach found, a request received): the
//! one due time the law gives each, and the moments as the desk types them
//! (from [`crate::clock`]).

use chrono::{DateTime, Duration, FixedOffset};

/// UU 27/2022 gives the office 3 x 24 hours for each duty Loket keeps: to
/// answer a person's access (Pasal 32) and correction (Pasal 6 and 33)
/// requests and to notify a breach (Pasal 46). Counted by the clock,
/// weekends and holidays included, as the law counts hours, not working days.
pub const DUTY_HOURS: i64 = 72;

/// When a duty that began at `t` is due.
pub fn due_after(t: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    t + Duration::hours(DUTY_HOURS)
}

pub use crate::clock::{moment, when};
