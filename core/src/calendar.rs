//! The working-day calendar as data. Each year is a list of days off with
//! their kind (libur nasional, cuti bersama, libur daerah, kantor tutup),
//! what they are and the decree they follow; the service hours are per
//! weekday with date ranges of their own (Ramadan). Loket ships 2025 and
//! 2026 (SKB 3 Menteri); an office corrects them, adds its local days, or
//! imports a year from a CSV or iCalendar file on the calendar screen.
//! Loket never computes religious holidays: a deadline reaching a year with
//! no calendar is refused with a message saying how to add the year.
//!
//! - [`days`]: a year's days off, kept, checked and saved;
//! - [`hours`]: the service hours;
//! - [`import`]: a year from a CSV or iCalendar file, previewed first;
//! - [`work`]: the working-time calendar the deadline engine counts with;
//! - `shipped`: the years Loket ships.

pub mod days;
pub mod hours;
pub mod import;
mod shipped;
pub mod work;
