//! A year's days off as data: national holidays and cuti bersama (from the
//! SKB 3 Menteri), regional holidays and office closures, each with what it
//! is, and the decree the year follows. Stored as the setting
//! `kalender.<tahun>`; before that an office kept a bare list of dates in
//! `hari_libur.<tahun>`, which is still read. Without either, the year
//! Loket ships, if any.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};
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

/// A day as people type it: `dd/mm/yyyy` (how the desk writes dates) or
/// `yyyy-mm-dd` (how forms send them); `None` when it is neither or not a day.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(t, "%Y-%m-%d"))
        .ok()
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

/// Saves a year (checked first) with its audit entry. Deadlines are
/// computed on read, so every case's deadline follows the corrected year.
pub async fn save_year(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    y: &YearCalendar,
) -> Result<YearCalendar> {
    let clean = check_year(y)?;
    let count = |j: JenisLibur| clean.hari.iter().filter(|h| h.jenis == j).count();
    act.set_setting(
        db,
        &key(clean.tahun),
        &to_json(&Stored {
            dasar: clean.dasar.clone(),
            hari: clean.hari.clone(),
        })?,
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
