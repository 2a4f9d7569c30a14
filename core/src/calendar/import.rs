//! A year's days off from a file: a CSV (`tanggal;jenis;keterangan`, as a
//! spreadsheet saves it, comma or semicolon, with or without a header) or
//! an iCalendar file (`.ics`, as calendar programs export holidays). The
//! result is a preview: the year as it would be kept, what changes against
//! the year in force, and every line that could not be read. Nothing is
//! saved until the admin confirms the preview.
//!
//! An import replaces the year's national days and cuti bersama and keeps
//! the office's own days (libur daerah, kantor tutup) unless the file
//! names the same date.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use icalendar::{Calendar, CalendarComponent, Component};
use sea_orm::ConnectionTrait;
use serde::Serialize;
use ts_rs::TS;

use super::days::{self, Asal, HariLibur, JenisLibur, YearCalendar};
use crate::{Error, Result};

/// Files larger than this are not a year's holidays.
pub const MAX_BYTES: usize = 1024 * 1024;
/// Days one file may list.
const MAX_DAYS: usize = 2000;

/// What an import would do, shown before anything is saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportPreview {
    /// The year as it would be kept.
    pub kalender: YearCalendar,
    /// Days the year gains, and days it loses, against the year in force.
    pub ditambah: Vec<HariLibur>,
    pub dihapus: Vec<HariLibur>,
    /// Other years the file lists (not imported; import them one by one).
    pub tahun_lain: Vec<i32>,
    /// Lines or events that could not be read, with why.
    pub masalah: Vec<String>,
}

/// The kind a free text names ("Cuti Bersama Idul Fitri" is cuti bersama).
fn kind_of(text: &str) -> Option<JenisLibur> {
    let t = text.trim().to_lowercase().replace(['_', '-'], " ");
    if t.is_empty() {
        return None;
    }
    Some(if t.contains("cuti") {
        JenisLibur::CutiBersama
    } else if t.contains("daerah") || t.contains("lokal") {
        JenisLibur::Daerah
    } else if t.contains("tutup") {
        JenisLibur::Tutup
    } else {
        JenisLibur::Nasional
    })
}

/// Reads a CSV: `tanggal[;jenis];keterangan` per row.
pub fn parse_csv(text: &str) -> (Vec<HariLibur>, Vec<String>) {
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.contains(';') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut days = Vec::new();
    let mut problems = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let line = i + 1;
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                problems.push(format!("Baris {line}: tidak terbaca ({e})."));
                continue;
            }
        };
        let cells: Vec<&str> = row.iter().map(str::trim).collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        let Some(tanggal) = days::parse_day(cells[0]) else {
            if line == 1 {
                continue; // a header
            }
            problems.push(format!(
                "Baris {line}: \"{}\" bukan tanggal (tulis dd/mm/yyyy atau yyyy-mm-dd).",
                crate::text::line(cells[0], "Tanggal", 40).unwrap_or_default()
            ));
            continue;
        };
        let (jenis, keterangan) = match cells.len() {
            1 => (None, ""),
            2 => (None, cells[1]),
            _ => (kind_of(cells[1]), cells[2]),
        };
        days.push(HariLibur {
            tanggal,
            jenis: jenis
                .or_else(|| kind_of(keterangan))
                .unwrap_or(JenisLibur::Nasional),
            keterangan: keterangan.into(),
        });
    }
    (days, problems)
}

/// Reads an iCalendar file: every event's days (an all-day event's end is
/// the day after its last day) with its summary.
pub fn parse_ical(text: &str) -> (Vec<HariLibur>, Vec<String>) {
    let cal: Calendar = match text.parse() {
        Ok(c) => c,
        Err(e) => {
            return (vec![], vec![format!("Berkas iCalendar tidak terbaca: {e}")]);
        }
    };
    let mut days = Vec::new();
    let mut problems = Vec::new();
    for (n, c) in cal.components.iter().enumerate() {
        let CalendarComponent::Event(e) = c else {
            continue;
        };
        let summary = e.get_summary().unwrap_or("").to_string();
        let Some(start) = e.get_start().map(|d| d.date_naive()) else {
            problems.push(format!("Acara {}: tanpa tanggal mulai.", n + 1));
            continue;
        };
        let end = e
            .get_end()
            .map(|d| d.date_naive())
            .filter(|d| *d > start)
            .unwrap_or_else(|| start.succ_opt().unwrap_or(start));
        let mut day = start;
        while day < end && days.len() <= MAX_DAYS {
            days.push(HariLibur {
                tanggal: day,
                jenis: kind_of(&summary).unwrap_or(JenisLibur::Nasional),
                keterangan: summary.clone(),
            });
            let Some(next) = day.succ_opt() else { break };
            day = next;
        }
    }
    (days, problems)
}

/// Reads `bytes` named `name` (a `.ics` is iCalendar, anything else CSV).
pub fn parse(name: &str, bytes: &[u8]) -> Result<(Vec<HariLibur>, Vec<String>)> {
    if bytes.len() > MAX_BYTES {
        return Err(Error::field(
            "file",
            "Berkas lebih dari 1 MB: bukan daftar hari libur setahun.",
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| {
        Error::field(
            "file",
            "Berkas bukan teks UTF-8. Simpan ulang dari lembar kerja sebagai \"CSV UTF-8\".",
        )
    })?;
    let ical =
        name.to_lowercase().ends_with(".ics") || text.trim_start().starts_with("BEGIN:VCALENDAR");
    let (days, problems) = if ical {
        parse_ical(text)
    } else {
        parse_csv(text)
    };
    if days.len() > MAX_DAYS {
        return Err(Error::field(
            "file",
            "Berkas memuat terlalu banyak tanggal.",
        ));
    }
    Ok((days, problems))
}

/// The year the file is mostly about.
fn main_year(days: &[HariLibur]) -> Option<i32> {
    let mut count: BTreeMap<i32, usize> = BTreeMap::new();
    for d in days {
        *count.entry(d.tanggal.year()).or_default() += 1;
    }
    count
        .into_iter()
        .max_by_key(|&(y, n)| (n, std::cmp::Reverse(y)))
        .map(|(y, _)| y)
}

/// The preview of importing `bytes` as year `tahun` (the year most of the
/// file is about when `None`), against the year in force.
pub async fn preview(
    db: &impl ConnectionTrait,
    name: &str,
    bytes: &[u8],
    tahun: Option<i32>,
) -> Result<ImportPreview> {
    let (days, mut masalah) = parse(name, bytes)?;
    let Some(year) = tahun.or_else(|| main_year(&days)) else {
        return Err(Error::field(
            "file",
            match masalah.first() {
                Some(m) => format!("Tidak ada tanggal yang terbaca. {m}"),
                None => "Tidak ada tanggal yang terbaca.".into(),
            },
        ));
    };
    let tahun_lain: Vec<i32> = days
        .iter()
        .map(|d| d.tanggal.year())
        .filter(|y| *y != year)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let current = days::year(db, year).await?;
    let mut by_day: BTreeMap<NaiveDate, HariLibur> = current
        .iter()
        .flat_map(|c| c.hari.iter())
        .filter(|h| matches!(h.jenis, JenisLibur::Daerah | JenisLibur::Tutup))
        .map(|h| (h.tanggal, h.clone()))
        .collect();
    for d in days.into_iter().filter(|d| d.tanggal.year() == year) {
        if let Some(prev) = by_day.get(&d.tanggal)
            && prev.keterangan != d.keterangan
            && !matches!(prev.jenis, JenisLibur::Daerah | JenisLibur::Tutup)
        {
            masalah.push(format!(
                "{}: disebut dua kali; dipakai \"{}\".",
                d.tanggal.format("%d/%m/%Y"),
                prev.keterangan
            ));
            continue;
        }
        let keterangan = crate::text::line(&d.keterangan, "Keterangan", 200).unwrap_or_default();
        by_day.insert(
            d.tanggal,
            HariLibur {
                keterangan: if keterangan.is_empty() {
                    "Hari libur".into()
                } else {
                    keterangan
                },
                ..d
            },
        );
    }
    let kalender = YearCalendar {
        tahun: year,
        dasar: current
            .as_ref()
            .map(|c| c.dasar.clone())
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| format!("Diimpor dari {}", crate::saving::safe_base_name(name))),
        hari: by_day.into_values().collect(),
        asal: Asal::Kantor,
    };
    let before: BTreeSet<NaiveDate> = current
        .iter()
        .flat_map(|c| c.hari.iter().map(|h| h.tanggal))
        .collect();
    let after: BTreeSet<NaiveDate> = kalender.hari.iter().map(|h| h.tanggal).collect();
    let ditambah = kalender
        .hari
        .iter()
        .filter(|h| !before.contains(&h.tanggal))
        .cloned()
        .collect();
    let dihapus = current
        .iter()
        .flat_map(|c| c.hari.iter())
        .filter(|h| !after.contains(&h.tanggal))
        .cloned()
        .collect();
    Ok(ImportPreview {
        kalender,
        ditambah,
        dihapus,
        tahun_lain,
        masalah,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_spreadsheet_csv_is_read_with_its_header_kinds_and_bad_rows_named() {
        let text = "Tanggal;Jenis;Keterangan\n01/01/2027;Libur nasional;Tahun Baru\n\
                    2027-02-05;cuti bersama;Cuti bersama Imlek\n31/02/2027;nasional;Salah\n\
                    12/03/2027;;Cuti Bersama Nyepi\n";
        let (days, problems) = parse_csv(text);
        assert_eq!(days.len(), 3);
        assert_eq!(days[0].tanggal, d(2027, 1, 1));
        assert_eq!(days[1].jenis, JenisLibur::CutiBersama);
        assert_eq!(
            days[2].jenis,
            JenisLibur::CutiBersama,
            "guessed from the text"
        );
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("Baris 4"), "{problems:?}");
        let (days, _) = parse_csv("2027-08-17,Hari Kemerdekaan\n");
        assert_eq!(
            (days[0].jenis, days[0].keterangan.as_str()),
            (JenisLibur::Nasional, "Hari Kemerdekaan")
        );
    }

    #[test]
    fn an_ics_all_day_event_covers_its_days_and_not_its_end() {
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//ID\r\nBEGIN:VEVENT\r\n\
UID:1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20270310\r\nDTEND;VALUE=DATE:20270312\r\n\
SUMMARY:Idul Fitri 1448 H\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:2\r\nDTSTAMP:20260101T000000Z\r\n\
DTSTART;VALUE=DATE:20270313\r\nSUMMARY:Cuti Bersama Idul Fitri\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let (days, problems) = parse("libur.ics", text.as_bytes()).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        let dates: Vec<_> = days.iter().map(|h| h.tanggal).collect();
        assert_eq!(dates, [d(2027, 3, 10), d(2027, 3, 11), d(2027, 3, 13)]);
        assert_eq!(days[2].jenis, JenisLibur::CutiBersama);
    }

    #[test]
    fn a_file_that_is_not_text_or_too_large_is_refused() {
        assert!(parse("x.csv", &[0xff, 0xfe, 0x00]).is_err());
        assert!(parse("x.csv", &vec![b'a'; MAX_BYTES + 1]).is_err());
        let (days, problems) = parse("x.ics", b"BEGIN:VCALENDAR\nnonsense").unwrap();
        assert!(days.is_empty() && !problems.is_empty());
    }
}
