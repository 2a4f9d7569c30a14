//! The office's service hours: per weekday (a shorter Friday), with date
//! ranges of their own (Ramadan). Stored as the setting `jam_layanan`; the
//! seeds' hours until an office sets its own.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{Acting, Entry};
use crate::deadline::{self, Hours, Week};
use crate::error::{Error, Result, to_json};
use crate::store;

/// Setting: the service hours.
pub const SETTING_HOURS: &str = "jam_layanan";

/// A date range (inclusive) with hours of its own.
pub type Range = (NaiveDate, NaiveDate, Week);

/// One day's service hours, as "08:00" and "15:45", with the noon break
/// when the counter closes for it (both empty: no break).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Jam {
    pub buka: String,
    pub tutup: String,
    #[serde(default)]
    pub istirahat_mulai: String,
    #[serde(default)]
    pub istirahat_selesai: String,
}

/// Hours of their own over a date range (Ramadan).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct JamKhusus {
    #[ts(type = "string")]
    pub dari: NaiveDate,
    #[ts(type = "string")]
    pub sampai: NaiveDate,
    pub keterangan: String,
    /// Monday to Sunday; `null` is closed.
    pub minggu: Vec<Option<Jam>>,
}

/// The office's service hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ServiceHours {
    /// Monday to Sunday; `null` is closed.
    pub minggu: Vec<Option<Jam>>,
    pub khusus: Vec<JamKhusus>,
}

const DAY_NAMES: [&str; 7] = [
    "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
];

fn jam(h: Option<Hours>) -> Option<Jam> {
    h.map(|h| Jam {
        buka: h.open.format("%H:%M").to_string(),
        tutup: h.close.format("%H:%M").to_string(),
        istirahat_mulai: h
            .rest
            .map(|r| r.0.format("%H:%M").to_string())
            .unwrap_or_default(),
        istirahat_selesai: h
            .rest
            .map(|r| r.1.format("%H:%M").to_string())
            .unwrap_or_default(),
    })
}

fn parse_time(t: &str) -> Option<(u32, u32)> {
    let t = NaiveTime::parse_from_str(t.trim().replace('.', ":").as_str(), "%H:%M").ok()?;
    Some((chrono::Timelike::hour(&t), chrono::Timelike::minute(&t)))
}

/// A day's noon break: none when both ends are empty.
type Clock = (u32, u32);

fn rest_of(d: &Jam) -> std::result::Result<Option<(Clock, Clock)>, String> {
    match (d.istirahat_mulai.trim(), d.istirahat_selesai.trim()) {
        ("", "") => Ok(None),
        (a, b) => match (parse_time(a), parse_time(b)) {
            (Some(a), Some(b)) => Ok(Some((a, b))),
            _ => {
                Err("Tulis awal dan akhir istirahat sebagai JJ:MM, atau kosongkan keduanya.".into())
            }
        },
    }
}

/// A week's hours; problems named under `prefix` (`minggu.4`, ...).
fn week_of(days: &[Option<Jam>], prefix: &str, f: &mut BTreeMap<String, String>) -> Week {
    let mut week: Week = [None; 7];
    if days.len() != 7 {
        f.insert(prefix.into(), "Isi jam untuk ketujuh hari.".into());
        return week;
    }
    for (i, d) in days.iter().enumerate() {
        let Some(d) = d else { continue };
        match (parse_time(&d.buka), parse_time(&d.tutup)) {
            (Some(a), Some(b)) => match Hours::new(a, b) {
                Some(h) => match rest_of(d) {
                    Ok(None) => week[i] = Some(h),
                    Ok(Some((r0, r1))) => match h.with_rest(r0, r1) {
                        Some(h) => week[i] = Some(h),
                        None => {
                            f.insert(
                                format!("{prefix}.{i}"),
                                "Istirahat harus di dalam jam buka, dan selesainya sesudah mulainya."
                                    .into(),
                            );
                        }
                    },
                    Err(m) => {
                        f.insert(format!("{prefix}.{i}"), m);
                    }
                },
                None => {
                    f.insert(
                        format!("{prefix}.{i}"),
                        "Jam tutup harus sesudah jam buka.".into(),
                    );
                }
            },
            _ => {
                f.insert(
                    format!("{prefix}.{i}"),
                    "Tulis jam sebagai JJ:MM, misalnya 08:00.".into(),
                );
            }
        }
    }
    if week.iter().all(Option::is_none) {
        f.insert(prefix.into(), "Sedikitnya satu hari harus buka.".into());
    }
    week
}

impl ServiceHours {
    /// Senin-Kamis 08.00-15.45, Jumat 08.00-11.00 (the seeds' hours).
    pub fn standard() -> ServiceHours {
        ServiceHours {
            minggu: deadline::default_week().into_iter().map(jam).collect(),
            khusus: vec![],
        }
    }

    /// Checks the hours and returns them as the deadline engine reads them.
    pub fn checked(&self) -> Result<(Week, Vec<Range>)> {
        let mut f = BTreeMap::new();
        let week = week_of(&self.minggu, "minggu", &mut f);
        let mut special = Vec::new();
        for (i, k) in self.khusus.iter().enumerate() {
            if k.sampai < k.dari {
                f.insert(
                    format!("khusus.{i}.sampai"),
                    "Tanggal akhir sebelum tanggal awal.".into(),
                );
            }
            match crate::text::line(&k.keterangan, "Keterangan", 200) {
                Ok(t) if t.is_empty() => {
                    f.insert(
                        format!("khusus.{i}.keterangan"),
                        "Isi keterangannya.".into(),
                    );
                }
                Ok(_) => {}
                Err(m) => {
                    f.insert(format!("khusus.{i}.keterangan"), m);
                }
            }
            let w = week_of(&k.minggu, &format!("khusus.{i}.minggu"), &mut f);
            special.push((k.dari, k.sampai, w));
        }
        Error::fields(f)?;
        Ok((week, special))
    }

    /// The week as printed, with the desk's time zone: "Senin-Kamis
    /// 08.00-15.45 (istirahat 12.00-13.00), Jumat 08.00-11.00 WITA".
    pub fn printed(&self, tz: chrono::FixedOffset) -> String {
        format!("{} {}", self.text(), deadline::zona(tz))
    }

    /// The week as a sentence: "Senin-Kamis 08.00-15.45, Jumat 08.00-11.00".
    pub fn text(&self) -> String {
        let mut parts: Vec<(usize, usize, String)> = Vec::new();
        for (i, d) in self.minggu.iter().enumerate() {
            let Some(d) = d else { continue };
            let dot = |t: &str| t.trim().replace(':', ".");
            let mut h = format!("{}-{}", dot(&d.buka), dot(&d.tutup));
            if !d.istirahat_mulai.trim().is_empty() {
                h.push_str(&format!(
                    " (istirahat {}-{})",
                    dot(&d.istirahat_mulai),
                    dot(&d.istirahat_selesai)
                ));
            }
            match parts.last_mut() {
                Some((_, end, last)) if *end + 1 == i && *last == h => *end = i,
                _ => parts.push((i, i, h)),
            }
        }
        parts
            .iter()
            .map(|(a, b, h)| {
                if a == b {
                    format!("{} {h}", DAY_NAMES[*a])
                } else {
                    format!("{}-{} {h}", DAY_NAMES[*a], DAY_NAMES[*b])
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The service hours in force (the seeds' hours until an office sets its own).
pub async fn hours(db: &impl ConnectionTrait) -> Result<ServiceHours> {
    match store::setting(db, SETTING_HOURS).await? {
        Some(v) => serde_json::from_str(&v).map_err(|e| Error::setting(SETTING_HOURS, e)),
        None => Ok(ServiceHours::standard()),
    }
}

/// Saves the service hours (checked first) with their audit entry.
pub async fn save_hours(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    h: &ServiceHours,
) -> Result<ServiceHours> {
    h.checked()?;
    act.set_setting(
        db,
        SETTING_HOURS,
        &to_json(h)?,
        Entry::new(
            "settings.hours",
            "setting",
            SETTING_HOURS,
            serde_json::json!({ "minggu": h.text(), "khusus": h.khusus.len() }),
        ),
    )
    .await?;
    Ok(h.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_week_reads_as_a_sentence_and_bad_hours_are_named() {
        assert_eq!(
            ServiceHours::standard().text(),
            "Senin-Kamis 08.00-15.45, Jumat 08.00-11.00"
        );
        let mut h = ServiceHours::standard();
        h.minggu[4] = Some(Jam {
            buka: "11:00".into(),
            tutup: "08:00".into(),
            ..Jam::default()
        });
        h.minggu[0] = Some(Jam {
            buka: "8 pagi".into(),
            tutup: "15:00".into(),
            ..Jam::default()
        });
        h.minggu[1] = Some(Jam {
            buka: "08:00".into(),
            tutup: "15:45".into(),
            istirahat_mulai: "16:00".into(),
            istirahat_selesai: "17:00".into(),
        });
        h.minggu[2] = Some(Jam {
            buka: "08:00".into(),
            tutup: "15:45".into(),
            istirahat_mulai: "12:00".into(),
            istirahat_selesai: String::new(),
        });
        let Err(Error::Invalid { fields, .. }) = h.checked() else {
            panic!("accepted");
        };
        assert_eq!(
            fields.keys().collect::<Vec<_>>(),
            ["minggu.0", "minggu.1", "minggu.2", "minggu.4"],
            "bad hours, a break outside them, half a break: {fields:?}"
        );
    }

    #[test]
    fn the_noon_break_is_read_and_printed_with_the_zone() {
        let mut h = ServiceHours::standard();
        for d in h.minggu.iter_mut().take(4).flatten() {
            d.istirahat_mulai = "12:00".into();
            d.istirahat_selesai = "13.00".into();
        }
        let (week, _) = h.checked().unwrap();
        assert_eq!(
            week[0]
                .and_then(|w| w.rest)
                .map(|r| r.1.format("%H:%M").to_string()),
            Some("13:00".into())
        );
        let wita = chrono::FixedOffset::east_opt(8 * 3600).unwrap();
        assert_eq!(
            h.printed(wita),
            "Senin-Kamis 08.00-15.45 (istirahat 12.00-13.00), Jumat 08.00-11.00 WITA"
        );
    }
}
