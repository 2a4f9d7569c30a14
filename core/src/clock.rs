//! Moments as the desk types and shows them: `dd/mm/yyyy hh:mm` in the
//! desk's time zone, never in the future (a request received, a breach
//! found, a complaint or a help request that came in earlier than it was
//! recorded).

use chrono::{DateTime, FixedOffset, NaiveDateTime};

/// A moment as shown: `dd/mm/yyyy hh:mm`.
pub fn when(t: DateTime<FixedOffset>) -> String {
    t.format("%d/%m/%Y %H:%M").to_string()
}

/// A moment typed at the desk (`dd/mm/yyyy hh:mm`, or `yyyy-mm-ddThh:mm`
/// from a date-time field), in the desk's time zone; not in the future, and
/// not more than a year ago.
pub fn moment(
    text: &str,
    now: DateTime<FixedOffset>,
) -> std::result::Result<DateTime<FixedOffset>, String> {
    let t = text.trim();
    let naive = NaiveDateTime::parse_from_str(t, "%d/%m/%Y %H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M"))
        .map_err(|_| "Isi tanggal dan jam (hh/bb/tttt jj:mm).".to_string())?;
    let at = naive
        .and_local_timezone(*now.offset())
        .single()
        .ok_or_else(|| "Tanggal dan jam ini tidak ada.".to_string())?;
    if at > now {
        return Err("Waktu ini belum terjadi.".into());
    }
    // A year typed wrong (2016 for 2026) would number, date and report the
    // record in a year long closed.
    if at < now - chrono::Duration::days(366) {
        return Err("Waktu ini lebih dari setahun yang lalu; periksa tahunnya.".into());
    }
    Ok(at)
}

/// When something came in, as typed at the desk: empty is `now`, anything
/// else is read by [`moment`].
pub fn received(
    text: &str,
    now: DateTime<FixedOffset>,
) -> std::result::Result<DateTime<FixedOffset>, String> {
    match text.trim() {
        "" => Ok(now),
        t => moment(t, now),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moment_is_read_in_the_desks_zone_and_never_in_the_future() {
        let now = DateTime::parse_from_rfc3339("2026-12-01T10:00:00+08:00").expect("now");
        let at = moment("30/11/2026 21:15", now).expect("typed");
        assert_eq!(at.to_rfc3339(), "2026-11-30T21:15:00+08:00");
        assert_eq!(moment("2026-11-30T21:15", now), Ok(at));
        assert!(moment("01/12/2026 10:01", now).is_err());
        assert!(moment("31/11/2026 10:00", now).is_err());
        assert!(moment("kemarin", now).is_err());
        assert_eq!(
            moment("01/12/2016 10:00", now),
            Err("Waktu ini lebih dari setahun yang lalu; periksa tahunnya.".into()),
            "a year typed wrong"
        );
        assert!(
            moment("01/12/2025 10:00", now).is_ok(),
            "a year ago is still taken"
        );
    }
}
