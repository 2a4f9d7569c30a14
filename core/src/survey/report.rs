//! The survey's report for a period (semester, year or chosen days): per
//! element its NRR and weighted NRR, the IKM and its band, the respondents
//! against the sample the regulation's table suggests for the applicants
//! served in the period, the respondent profile, the lowest elements and
//! the suggestions.

use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use ts_rs::TS;

use super::ikm::{self, ELEMENTS, Mutu};
use super::questionnaire::{self, JENIS_KELAMIN, PEKERJAAN, PENDIDIKAN, UMUR};
use super::responses::Sumber;
use crate::Result;
use crate::entities::{cases, skm_responses};
use crate::reports::period::Period;

/// One element's line of the table.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ElementLine {
    /// "U1" to "U9".
    pub kode: String,
    pub unsur: String,
    /// How many answered it with 1, 2, 3 and 4.
    #[ts(type = "Array<number>")]
    pub sebaran: Vec<u64>,
    /// The sum of its scores and its number of answers.
    #[ts(type = "number")]
    pub jumlah_nilai: u64,
    #[ts(type = "number")]
    pub dijawab: u64,
    pub nrr: Option<f64>,
    /// NRR x 1/9.
    pub nrr_tertimbang: Option<f64>,
    /// Among the lowest NRR of the period (the office's first work); none
    /// is when every element has the same NRR.
    pub terendah: bool,
}

/// A count under a label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CountLine {
    pub label: String,
    #[ts(type = "number")]
    pub jumlah: u64,
}

/// One part of the respondent profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProfileGroup {
    pub judul: String,
    pub baris: Vec<CountLine>,
}

/// A suggestion as written, with its day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Suggestion {
    #[ts(type = "string")]
    pub tanggal: NaiveDate,
    pub saran: String,
}

/// The survey's report.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SurveyReport {
    pub periode: Period,
    #[ts(type = "number")]
    pub responden: u64,
    pub sumber: Vec<CountLine>,
    pub unsur: Vec<ElementLine>,
    /// The sum of the weighted NRR.
    pub nilai_tertimbang: Option<f64>,
    /// IKM with two decimals; `None` while an element has no answer.
    pub ikm: Option<f64>,
    pub mutu: Option<Mutu>,
    pub kinerja: Option<String>,
    /// Applicants served in the period (distinct applicants of the cases received).
    #[ts(type = "number")]
    pub populasi: u64,
    /// The sample the regulation's table suggests for that population.
    #[ts(type = "number")]
    pub sampel: u64,
    pub profil: Vec<ProfileGroup>,
    pub saran: Vec<Suggestion>,
}

fn scores(r: &skm_responses::Model) -> [Option<i16>; ELEMENTS] {
    [r.u1, r.u2, r.u3, r.u4, r.u5, r.u6, r.u7, r.u8, r.u9]
}

fn profile(judul: &str, choices: &[&str], values: Vec<Option<&str>>) -> ProfileGroup {
    let mut baris: Vec<CountLine> = choices
        .iter()
        .map(|c| CountLine {
            label: (*c).into(),
            jumlah: values.iter().filter(|v| **v == Some(*c)).count() as u64,
        })
        .collect();
    baris.push(CountLine {
        label: "Tidak diisi".into(),
        jumlah: values.iter().filter(|v| v.is_none()).count() as u64,
    });
    ProfileGroup {
        judul: judul.into(),
        baris,
    }
}

/// Distinct applicants whose cases were received in the period.
async fn population(db: &impl ConnectionTrait, p: &Period, tz: chrono::FixedOffset) -> Result<u64> {
    let (from, to) = p.bounds(tz)?;
    let n = cases::Entity::find()
        .filter(cases::Column::CreatedAt.gte(from))
        .filter(cases::Column::CreatedAt.lt(to))
        .select_only()
        .column_as(Expr::col(cases::Column::ApplicantId).count_distinct(), "n")
        .into_tuple::<i64>()
        .one(db)
        .await?;
    Ok(n.and_then(|n| u64::try_from(n).ok()).unwrap_or(0))
}

/// The report of the responses given from `p.dari` to `p.sampai`.
pub async fn report(
    db: &impl ConnectionTrait,
    p: &Period,
    tz: chrono::FixedOffset,
) -> Result<SurveyReport> {
    let q = questionnaire::questionnaire(db).await?;
    let rows = skm_responses::Entity::find()
        .filter(skm_responses::Column::Tanggal.gte(p.dari))
        .filter(skm_responses::Column::Tanggal.lte(p.sampai))
        .order_by_asc(skm_responses::Column::Tanggal)
        .order_by_asc(skm_responses::Column::Id)
        .all(db)
        .await?;
    let mut sums = [(0u64, 0u64); ELEMENTS];
    let mut spread = [[0u64; 4]; ELEMENTS];
    for r in &rows {
        for (u, s) in scores(r).into_iter().enumerate() {
            if let Some(s) = s
                .and_then(|s| u64::try_from(s).ok())
                .filter(|s| (1..=4).contains(s))
            {
                sums[u].0 += s;
                sums[u].1 += 1;
                spread[u][s as usize - 1] += 1;
            }
        }
    }
    let answered: Vec<f64> = sums.iter().filter_map(|&(s, n)| ikm::nrr(s, n)).collect();
    let lowest = answered.iter().copied().fold(f64::INFINITY, f64::min);
    let highest = answered.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    // Elements all alike have none lower than the others.
    let spread_out = highest - lowest > 1e-12;
    let unsur = (0..ELEMENTS)
        .map(|u| {
            let nrr = ikm::nrr(sums[u].0, sums[u].1);
            ElementLine {
                kode: format!("U{}", u + 1),
                unsur: q.pertanyaan[u].unsur.clone(),
                sebaran: spread[u].to_vec(),
                jumlah_nilai: sums[u].0,
                dijawab: sums[u].1,
                nrr,
                nrr_tertimbang: nrr.map(|v| v / ELEMENTS as f64),
                terendah: spread_out && nrr.is_some_and(|v| (v - lowest).abs() < 1e-12),
            }
        })
        .collect();
    let value = ikm::ikm(&sums);
    let printed = value.map(ikm::round2);
    let mutu = printed.map(Mutu::of);
    let populasi = population(db, p, tz).await?;
    let col = |f: fn(&skm_responses::Model) -> &Option<String>| -> Vec<Option<&str>> {
        rows.iter().map(|r| f(r).as_deref()).collect()
    };
    Ok(SurveyReport {
        periode: p.clone(),
        responden: rows.len() as u64,
        sumber: Sumber::ALL
            .iter()
            .map(|s| CountLine {
                label: s.label().into(),
                jumlah: rows.iter().filter(|r| r.sumber == s.as_str()).count() as u64,
            })
            .collect(),
        unsur,
        nilai_tertimbang: value.map(|v| v / 25.0),
        ikm: printed,
        mutu,
        kinerja: mutu.map(|m| m.kinerja().to_string()),
        populasi,
        sampel: ikm::sample_size(populasi),
        profil: vec![
            profile("Umur", &UMUR, col(|r| &r.umur)),
            profile("Jenis kelamin", &JENIS_KELAMIN, col(|r| &r.jenis_kelamin)),
            profile("Pendidikan", &PENDIDIKAN, col(|r| &r.pendidikan)),
            profile("Pekerjaan", &PEKERJAAN, col(|r| &r.pekerjaan)),
        ],
        saran: rows
            .iter()
            .filter_map(|r| {
                r.saran.as_ref().map(|s| Suggestion {
                    tanggal: r.tanggal,
                    saran: s.clone(),
                })
            })
            .collect(),
    })
}
