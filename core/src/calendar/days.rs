//! A year's days off as data: national holidays and cuti bersama (from the
//! SKB 3 Menteri), regional holidays and office closures, each with what it
//! is, and the decree the year follows. Stored as the setting
//! `kalender.<tahun>`; before that an office kept a bare list of dates in
//! `hari_libur.<tahun>`, which is still read. Without either, the year
//! Loket ships, if any.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::shipped;
use crate::audit::{Acting, Entry};
use crate::entities::settings;
use crate::error::{Error, Result, to_json};
use crate::store;

/// What kind of day off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum JenisLibur {
    /// Libur nasional (SKB 3 Menteri).
    Nasional,
    /// Cuti bersama (SKB 3 Menteri).
    CutiBersama,
    /// A regional holiday of the office's province or city.
    Daerah,
    /// The office closed (an event, an emergency).
    Tutup,
}

text_enum!(JenisLibur {
    Nasional => "nasional",
    CutiBersama => "cuti_bersama",
    Daerah => "daerah",
    Tutup => "tutup",
});

/// One day off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HariLibur {
    #[ts(type = "string")]
    pub tanggal: NaiveDate,
    pub jenis: JenisLibur,
    pub keterangan: String,
}

/// Where a year's calendar comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Asal {
    /// Shipped with Loket, not changed by the office.
    Bawaan,
    /// Kept by the office (edited or imported).
    Kantor,
}

/// A year's days off and the decree they follow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct YearCalendar {
    pub tahun: i32,
    /// The decree (SKB) the national days follow.
    pub dasar: String,
    /// The days off, in date order.
    pub hari: Vec<HariLibur>,
    pub asal: Asal,
}

/// How a year is stored.
#[derive(Serialize, Deserialize)]
struct Stored {
    dasar: String,
    hari: Vec<HariLibur>,
}

fn key(year: i32) -> String {
    format!("kalender.{year}")
}

fn shipped_year(year: i32) -> Option<YearCalendar> {
    let s = shipped::YEARS.iter().find(|y| y.tahun == year)?;
    Some(YearCalendar {
        tahun: year,
        dasar: s.dasar.into(),
        hari: s
            .hari
            .iter()
            .filter_map(|&(d, jenis, what)| {
                Some(HariLibur {
                    tanggal: NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()?,
                    jenis: JenisLibur::parse(jenis)?,
                    keterangan: what.into(),
                })
            })
            .collect(),
        asal: Asal::Bawaan,
    })
}

/// The 2026 days off Loket ships (national holidays and cuti bersama).
pub fn libur_2026() -> Vec<NaiveDate> {
    shipped_year(2026)
        .map(|y| y.hari.into_iter().map(|h| h.tanggal).collect())
        .unwrap_or_default()
}

/// A day as people type it: `dd/mm/yyyy` (how the desk writes dates; one
/// digit, `-` or `.` are read too, as the screens take them while typing) or
/// `yyyy-mm-dd` (how forms send them); `None` when it is neither or not a day.
/// The one reading of a typed day: every form's date goes through it.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let parts: Vec<&str> = t.split(['/', '.', '-']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let (y, m, d) = if digits(a, 4..=4) && digits(b, 2..=2) && digits(c, 2..=2) {
        (*a, *b, *c)
    } else if digits(a, 1..=2) && digits(b, 1..=2) && digits(c, 4..=4) {
        (*c, *b, *a)
    } else {
        return None;
    };
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// The calendar of `year` as kept (the office's, an older bare list, or the
/// shipped one); `None` when there is none.
pub async fn year(db: &impl ConnectionTrait, year: i32) -> Result<Option<YearCalendar>> {
    if let Some(v) = store::setting(db, &key(year)).await? {
        let s: Stored = serde_json::from_str(&v).map_err(|e| Error::setting(&key(year), e))?;
        return Ok(Some(YearCalendar {
            tahun: year,
            dasar: s.dasar,
            hari: s.hari,
            asal: Asal::Kantor,
        }));
    }
    let legacy = format!("hari_libur.{year}");
    if let Some(v) = store::setting(db, &legacy).await? {
        let list: Vec<String> = serde_json::from_str(&v).map_err(|e| Error::setting(&legacy, e))?;
        let hari = list
            .iter()
            .map(|s| {
                let tanggal = NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map_err(|_| Error::setting(&legacy, format!("\"{s}\" bukan tanggal")))?;
                Ok(HariLibur {
                    tanggal,
                    jenis: JenisLibur::Nasional,
                    keterangan: String::new(),
                })
            })
            .collect::<Result<_>>()?;
        return Ok(Some(YearCalendar {
            tahun: year,
            dasar: String::new(),
            hari,
            asal: Asal::Kantor,
        }));
    }
    Ok(shipped_year(year))
}

/// The days off of `year`, or an error naming the missing calendar.
pub async fn holidays(db: &impl ConnectionTrait, y: i32) -> Result<Vec<NaiveDate>> {
    year(db, y)
        .await?
        .map(|c| c.hari.into_iter().map(|h| h.tanggal).collect())
        .ok_or(Error::NoCalendar { year: y })
}

/// The years with a calendar, oldest first.
pub async fn years(db: &impl ConnectionTrait) -> Result<Vec<i32>> {
    let mut out: BTreeSet<i32> = shipped::YEARS.iter().map(|y| y.tahun).collect();
    for prefix in ["kalender.", "hari_libur."] {
        let rows = settings::Entity::find()
            .filter(settings::Column::Key.starts_with(prefix))
            .all(db)
            .await?;
        out.extend(
            rows.iter()
                .filter_map(|r| r.key.strip_prefix(prefix)?.parse::<i32>().ok()),
        );
    }
    Ok(out.into_iter().collect())
}

/// Checks a year: every day inside it, none twice, the texts clean.
/// Problems are named per field (`hari.3.tanggal`, `dasar`, ...).
pub fn check_year(y: &YearCalendar) -> Result<YearCalendar> {
    let mut f = BTreeMap::new();
    if !(2000..=2100).contains(&y.tahun) {
        f.insert("tahun".into(), "Tahun 2000 sampai 2100.".into());
    }
    let dasar = crate::text::line(&y.dasar, "Dasar", 400).unwrap_or_else(|m| {
        f.insert("dasar".into(), m);
        String::new()
    });
    let mut seen = BTreeSet::new();
    let mut hari = Vec::new();
    for (i, h) in y.hari.iter().enumerate() {
        if h.tanggal.year() != y.tahun {
            f.insert(
                format!("hari.{i}.tanggal"),
                format!("Tanggal ini bukan di tahun {}.", y.tahun),
            );
        } else if !seen.insert(h.tanggal) {
            f.insert(
                format!("hari.{i}.tanggal"),
                "Tanggal ini sudah ada di daftar.".into(),
            );
        }
        let keterangan = match crate::text::line(&h.keterangan, "Keterangan", 200) {
            Ok(k) if k.is_empty() => {
                f.insert(format!("hari.{i}.keterangan"), "Isi keterangannya.".into());
                k
            }
            Ok(k) => k,
            Err(m) => {
                f.insert(format!("hari.{i}.keterangan"), m);
                String::new()
            }
        };
        hari.push(HariLibur {
            tanggal: h.tanggal,
            jenis: h.jenis,
            keterangan,
        });
    }
    Error::fields(f)?;
    hari.sort_by_key(|h| h.tanggal);
    Ok(YearCalendar {
        tahun: y.tahun,
        dasar,
        hari,
        asal: Asal::Kantor,
    })
}

/// A day off as the calendar screen sends it: the date as typed
/// (`dd/mm/yyyy`, or `yyyy-mm-dd`), read here and nowhere else.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct TypedDay {
    pub tanggal: String,
    pub jenis: JenisLibur,
    pub keterangan: String,
}

/// A year as the calendar screen sends it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct TypedYear {
    pub tahun: i32,
    pub dasar: String,
    pub hari: Vec<TypedDay>,
}

/// A typed year read: every date that is not a day is named at its row
/// (`hari.3.tanggal`), together with what [`check_year`] finds.
pub fn read_typed(y: &TypedYear) -> Result<YearCalendar> {
    let mut unread = BTreeMap::new();
    // The days that read, with their row on the screen.
    let mut rows = Vec::new();
    let mut hari = Vec::new();
    for (i, h) in y.hari.iter().enumerate() {
        match parse_day(&h.tanggal) {
            Some(tanggal) => {
                rows.push(i);
                hari.push(HariLibur {
                    tanggal,
                    jenis: h.jenis,
                    keterangan: h.keterangan.clone(),
                });
            }
            None => {
                unread.insert(
                    format!("hari.{i}.tanggal"),
                    "Tulis tanggal sebagai hh/bb/tttt.".to_string(),
                );
            }
        }
    }
    let year = YearCalendar {
        tahun: y.tahun,
        dasar: y.dasar.clone(),
        hari,
        asal: Asal::Kantor,
    };
    let mut fields = match check_year(&year) {
        Ok(clean) if unread.is_empty() => return Ok(clean),
        Ok(_) => BTreeMap::new(),
        Err(Error::Invalid { fields, .. }) => fields,
        Err(e) => return Err(e),
    };
    // The checked list's rows are the readable days: name them by the
    // screen's rows.
    fields = fields
        .into_iter()
        .map(
            |(k, v)| match k.strip_prefix("hari.").and_then(|r| r.split_once('.')) {
                Some((n, rest)) => match n.parse::<usize>().ok().and_then(|n| rows.get(n)) {
                    Some(row) => (format!("hari.{row}.{rest}"), v),
                    None => (k, v),
                },
                None => (k, v),
            },
        )
        .collect();
    fields.extend(unread);
    Err(Error::Invalid {
        message: "Periksa kembali isian yang ditandai.".into(),
        fields,
    })
}

/// Saves a year (checked first) with its audit entry. Deadlines are
/// computed on read, so every case's deadline follows the corrected year.
pub async fn save_year(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    y: &YearCalendar,
) -> Result<YearCalendar> {
    let txn = store::begin_write(db).await?;
    let clean = write_year(&txn, act, y).await?;
    txn.commit().await?;
    Ok(clean)
}

/// Reads a year as the screen typed it: each date that is no day is named at
/// its row (saved with every deadline it decides by `recount::save_year`).
pub fn typed(y: &TypedYear) -> Result<YearCalendar> {
    read_typed(y)
}

/// Writes a year (checked first) and its audit entry inside the caller's
/// transaction; returns it as stored.
pub(crate) async fn write_year(
    txn: &DatabaseTransaction,
    act: &Acting<'_>,
    y: &YearCalendar,
) -> Result<YearCalendar> {
    let clean = check_year(y)?;
    let count = |j: JenisLibur| clean.hari.iter().filter(|h| h.jenis == j).count();
    store::set_setting(
        txn,
        act.key(),
        &key(clean.tahun),
        &to_json(&Stored {
            dasar: clean.dasar.clone(),
            hari: clean.hari.clone(),
        })?,
    )
    .await?;
    act.record(
        txn,
        Entry::new(
            "settings.calendar",
            "setting",
            key(clean.tahun),
            serde_json::json!({
                "tahun": clean.tahun,
                "nasional": count(JenisLibur::Nasional),
                "cuti_bersama": count(JenisLibur::CutiBersama),
                "daerah": count(JenisLibur::Daerah),
                "tutup": count(JenisLibur::Tutup),
            }),
        ),
    )
    .await?;
    Ok(clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_year_names_each_date_that_is_no_day_at_its_row() {
        let day = |t: &str| TypedDay {
            tanggal: t.into(),
            jenis: JenisLibur::Daerah,
            keterangan: "Hari jadi".into(),
        };
        let typed = TypedYear {
            tahun: 2027,
            dasar: "SKB".into(),
            hari: vec![
                day("xx"),
                day("01/01/2027"),
                day("31/02/2027"),
                day("2026-03-01"),
                day("1/13/2027"),
            ],
        };
        let Err(Error::Invalid { fields, .. }) = read_typed(&typed) else {
            panic!("refused");
        };
        assert_eq!(
            fields.keys().collect::<Vec<_>>(),
            vec![
                "hari.0.tanggal",
                "hari.2.tanggal",
                "hari.3.tanggal",
                "hari.4.tanggal"
            ],
            "the unreadable ones, and a day of another year named at its own row"
        );
        assert!(fields["hari.3.tanggal"].contains("2027"), "{fields:?}");
        let good = TypedYear {
            hari: vec![day("27/02/2027"), day("2027-03-01")],
            ..typed
        };
        let read = read_typed(&good).unwrap();
        assert_eq!(read.hari.len(), 2);
        assert_eq!(
            read.hari[1].tanggal,
            NaiveDate::from_ymd_opt(2027, 3, 1).unwrap()
        );
    }

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
        // As the screens accept them while typing: one digit, dashes, dots.
        assert_eq!(parse_day("5-1-2027"), NaiveDate::from_ymd_opt(2027, 1, 5));
        assert_eq!(parse_day("25.11.2026"), Some(d));
        assert_eq!(parse_day("25/11/26"), None, "the year in full");
        assert_eq!(parse_day("+25/11/2026"), None);
    }

    #[test]
    fn the_shipped_years_hold_their_decrees_days_and_nothing_twice() {
        for y in [2025, 2026] {
            let c = shipped_year(y).unwrap();
            assert_eq!(check_year(&c).unwrap().hari.len(), c.hari.len(), "{y}");
        }
        let y26 = shipped_year(2026).unwrap();
        let cuti: Vec<String> = y26
            .hari
            .iter()
            .filter(|h| h.jenis == JenisLibur::CutiBersama)
            .map(|h| h.tanggal.format("%d/%m").to_string())
            .collect();
        assert_eq!(
            cuti,
            [
                "16/02", "18/03", "20/03", "23/03", "24/03", "15/05", "28/05", "24/12"
            ]
        );
        assert_eq!(y26.hari.len(), 25);
        assert_eq!(shipped_year(2025).unwrap().hari.len(), 28);
        assert!(shipped_year(2027).is_none());
    }
}
