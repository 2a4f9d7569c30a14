//! The period a report covers: a month, a quarter (triwulan, the seeds'
//! evaluation "setiap tiga bulan"), a year, or days chosen by hand; read in
//! the desk's local days.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calendar::days::parse_day;
use crate::document::content::BULAN;
use crate::{Error, Result};

/// What kind of period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum JenisPeriode {
    Bulan,
    Triwulan,
    /// Half a year: the survey's usual period.
    Semester,
    Tahun,
    Khusus,
}

/// A period as the report screen asks for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportQuery {
    pub jenis: JenisPeriode,
    pub tahun: i32,
    /// The month (1-12), the quarter (1-4) or the half (1-2); ignored for a
    /// year or custom days.
    pub ke: u32,
    /// Custom days, dd/mm/yyyy.
    #[serde(default)]
    pub dari: String,
    #[serde(default)]
    pub sampai: String,
}

/// The days a report covers, both inclusive, and its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Period {
    #[ts(type = "string")]
    pub dari: NaiveDate,
    #[ts(type = "string")]
    pub sampai: NaiveDate,
    /// "Triwulan IV 2026", "November 2026", "01/11/2026 - 15/11/2026".
    pub nama: String,
}

const ROMAWI: [&str; 4] = ["I", "II", "III", "IV"];

fn day(y: i32, m: u32, d: u32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| Error::field("tahun", "Tanggal di luar kalender."))
}

fn last_of_month(y: i32, m: u32) -> Result<NaiveDate> {
    let next = if m == 12 {
        day(y + 1, 1, 1)?
    } else {
        day(y, m + 1, 1)?
    };
    next.pred_opt()
        .ok_or_else(|| Error::field("tahun", "Tanggal di luar kalender."))
}

/// Longest custom period, in days.
const MAX_DAYS: i64 = 3 * 366;

impl ReportQuery {
    /// Quarter `ke` (1-4) of `tahun`.
    pub fn triwulan(tahun: i32, ke: u32) -> ReportQuery {
        ReportQuery {
            jenis: JenisPeriode::Triwulan,
            tahun,
            ke,
            dari: String::new(),
            sampai: String::new(),
        }
    }

    /// The period asked for; a wrong field is named.
    pub fn period(&self) -> Result<Period> {
        if !(2000..=2100).contains(&self.tahun) && self.jenis != JenisPeriode::Khusus {
            return Err(Error::field("tahun", "Tahun 2000 sampai 2100."));
        }
        let y = self.tahun;
        Ok(match self.jenis {
            JenisPeriode::Bulan => {
                if !(1..=12).contains(&self.ke) {
                    return Err(Error::field("ke", "Pilih bulan 1 sampai 12."));
                }
                Period {
                    dari: day(y, self.ke, 1)?,
                    sampai: last_of_month(y, self.ke)?,
                    nama: format!("{} {y}", BULAN[self.ke as usize - 1]),
                }
            }
            JenisPeriode::Triwulan => {
                if !(1..=4).contains(&self.ke) {
                    return Err(Error::field("ke", "Pilih triwulan 1 sampai 4."));
                }
                let first = (self.ke - 1) * 3 + 1;
                Period {
                    dari: day(y, first, 1)?,
                    sampai: last_of_month(y, first + 2)?,
                    nama: format!("Triwulan {} {y}", ROMAWI[self.ke as usize - 1]),
                }
            }
            JenisPeriode::Semester => {
                if !(1..=2).contains(&self.ke) {
                    return Err(Error::field("ke", "Pilih semester 1 atau 2."));
                }
                let first = (self.ke - 1) * 6 + 1;
                Period {
                    dari: day(y, first, 1)?,
                    sampai: last_of_month(y, first + 5)?,
                    nama: format!("Semester {} {y}", ROMAWI[self.ke as usize - 1]),
                }
            }
            JenisPeriode::Tahun => Period {
                dari: day(y, 1, 1)?,
                sampai: day(y, 12, 31)?,
                nama: format!("Tahun {y}"),
            },
            JenisPeriode::Khusus => {
                let dari = parse_day(&self.dari)
                    .ok_or_else(|| Error::field("dari", "Tulis tanggal sebagai hh/bb/tttt."))?;
                let sampai = parse_day(&self.sampai)
                    .ok_or_else(|| Error::field("sampai", "Tulis tanggal sebagai hh/bb/tttt."))?;
                if sampai < dari {
                    return Err(Error::field(
                        "sampai",
                        "Tanggal akhir sebelum tanggal awal.",
                    ));
                }
                if (sampai - dari).num_days() > MAX_DAYS {
                    return Err(Error::field("sampai", "Periode paling panjang tiga tahun."));
                }
                Period {
                    nama: format!(
                        "{} - {}",
                        dari.format("%d/%m/%Y"),
                        sampai.format("%d/%m/%Y")
                    ),
                    dari,
                    sampai,
                }
            }
        })
    }
}

impl Period {
    /// The period as a document's data rows: its name, then its days.
    pub fn rows(&self) -> Vec<(String, String)> {
        vec![
            ("Periode".into(), self.nama.clone()),
            (
                "Tanggal".into(),
                format!(
                    "{} sampai {}",
                    self.dari.format("%d/%m/%Y"),
                    self.sampai.format("%d/%m/%Y")
                ),
            ),
        ]
    }

    /// The name its report's files are saved under ("Laporan-Triwulan-IV-2026").
    pub fn file_stem(&self) -> String {
        let name: String = self
            .nama
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let parts: Vec<&str> = name.split('-').filter(|p| !p.is_empty()).collect();
        format!("Laporan-{}", parts.join("-"))
    }

    /// The first moment of the period and the first moment after it, in `tz`.
    pub fn bounds(
        &self,
        tz: FixedOffset,
    ) -> Result<(DateTime<FixedOffset>, DateTime<FixedOffset>)> {
        let at = |d: NaiveDate| {
            d.and_hms_opt(0, 0, 0)
                .and_then(|t| t.and_local_timezone(tz).single())
                .ok_or_else(|| Error::field("tahun", "Tanggal di luar kalender."))
        };
        let after = self
            .sampai
            .succ_opt()
            .ok_or_else(|| Error::field("sampai", "Tanggal di luar kalender."))?;
        Ok((at(self.dari)?, at(after)?))
    }

    /// The buckets of the trend line: weeks (from Monday) for a period of
    /// up to two months, months otherwise; each with its first day and label.
    pub fn buckets(&self) -> Vec<(NaiveDate, String)> {
        let mut out = Vec::new();
        if (self.sampai - self.dari).num_days() <= 62 {
            let mut d = self.dari;
            while d <= self.sampai {
                out.push((d, d.format("%d/%m").to_string()));
                let to_monday = 7 - d.weekday().num_days_from_monday();
                d += chrono::Duration::days(i64::from(to_monday));
            }
        } else {
            let mut d = self.dari;
            while d <= self.sampai {
                out.push((
                    d,
                    format!("{} {}", &BULAN[d.month0() as usize][..3], d.year()),
                ));
                d = if d.month() == 12 {
                    NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
                }
                .unwrap_or(self.sampai + chrono::Duration::days(1));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(jenis: JenisPeriode, tahun: i32, ke: u32) -> ReportQuery {
        ReportQuery {
            jenis,
            tahun,
            ke,
            dari: String::new(),
            sampai: String::new(),
        }
    }

    #[test]
    fn periods_are_named_and_bounded_as_the_office_says_them() {
        let p = q(JenisPeriode::Triwulan, 2026, 4).period().unwrap();
        assert_eq!(
            (p.dari.to_string(), p.sampai.to_string()),
            ("2026-10-01".into(), "2026-12-31".into())
        );
        assert_eq!(p.nama, "Triwulan IV 2026");
        assert_eq!(p.buckets().len(), 3, "a quarter by month");
        let feb = q(JenisPeriode::Bulan, 2028, 2).period().unwrap();
        assert_eq!(feb.sampai.to_string(), "2028-02-29");
        assert_eq!(feb.nama, "Februari 2028");
        assert_eq!(feb.buckets()[0].1, "01/02", "a month by week");
        assert!(q(JenisPeriode::Triwulan, 2026, 5).period().is_err());
        let s2 = q(JenisPeriode::Semester, 2026, 2).period().unwrap();
        assert_eq!(
            (s2.dari.to_string(), s2.sampai.to_string(), s2.nama.as_str()),
            ("2026-07-01".into(), "2026-12-31".into(), "Semester II 2026")
        );
        assert!(q(JenisPeriode::Semester, 2026, 3).period().is_err());
        let mut c = q(JenisPeriode::Khusus, 0, 0);
        c.dari = "15/11/2026".into();
        c.sampai = "01/11/2026".into();
        assert!(c.period().is_err(), "the end before the start");
    }
}
