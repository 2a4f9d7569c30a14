//! A survey response recorded: at the kiosk by an applicant after service
//! (proving the case with its registration number and the NIK's last four
//! digits, once per case) or without a number, and by staff from a paper
//! form. A response keeps no name, NIK, case or time of day: that a case
//! has answered is a flag on the case, set in the same transaction as the
//! response is written, so a second response for it is refused even from
//! two kiosks at once.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use sea_orm::sea_query::{Alias, Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ikm::ELEMENTS;
use super::questionnaire::{JENIS_KELAMIN, PEKERJAAN, PENDIDIKAN, UMUR};
use crate::audit::{Acting, Entry};
use crate::calendar::days::parse_day;
use crate::entities::{cases, skm_responses};
use crate::kiosk::status;
use crate::lifecycle::vocabulary::Layanan;
use crate::{Error, Result, store};

/// Where a response was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Sumber {
    /// At the kiosk, for a case proved by its number.
    AnjunganKasus,
    /// At the kiosk without a number.
    AnjunganAnonim,
    /// Typed in by staff from a paper form.
    Kertas,
}

impl Sumber {
    pub const ALL: [Sumber; 3] = [
        Sumber::AnjunganKasus,
        Sumber::AnjunganAnonim,
        Sumber::Kertas,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Sumber::AnjunganKasus => "anjungan_kasus",
            Sumber::AnjunganAnonim => "anjungan_anonim",
            Sumber::Kertas => "kertas",
        }
    }

    /// How the report names it.
    pub fn label(self) -> &'static str {
        match self {
            Sumber::AnjunganKasus => "Anjungan, dengan nomor registrasi",
            Sumber::AnjunganAnonim => "Anjungan, tanpa nomor",
            Sumber::Kertas => "Formulir kertas",
        }
    }
}

/// The answers as a form gives them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SurveyAnswers {
    /// Scores of U1-U9, 1 to 4; `null` for an element left blank.
    pub nilai: Vec<Option<u8>>,
    pub umur: Option<String>,
    pub jenis_kelamin: Option<String>,
    pub pendidikan: Option<String>,
    pub pekerjaan: Option<String>,
    #[serde(default)]
    pub saran: String,
}

/// A case the kiosk may take a response for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SurveyTicket {
    pub nomor: String,
    pub layanan: Layanan,
}

/// What the staff's entry screen hears back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PaperSaved {
    #[ts(type = "number")]
    pub id: i64,
    /// Paper forms recorded for the same day so far.
    #[ts(type = "number")]
    pub sehari: u64,
}

const ANSWERED: &str = "Survei untuk permohonan ini sudah diisi. Terima kasih atas penilaian Anda.";

fn choice(
    f: &mut BTreeMap<String, String>,
    field: &str,
    value: &Option<String>,
    allowed: &[&str],
) -> Option<String> {
    let v = value.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
    if allowed.contains(&v) {
        Some(v.to_string())
    } else {
        f.insert(
            field.into(),
            format!("Pilih salah satu: {}.", allowed.join(", ")),
        );
        None
    }
}

/// The answers checked field by field (`nilai.3`, `umur`, `saran`).
fn checked(a: &SurveyAnswers) -> Result<skm_responses::ActiveModel> {
    let mut f = BTreeMap::new();
    if a.nilai.len() != ELEMENTS {
        return Err(Error::field("nilai", "Jawaban harus untuk sembilan unsur."));
    }
    for (i, v) in a.nilai.iter().enumerate() {
        if let Some(v) = v
            && !(1..=4).contains(v)
        {
            f.insert(format!("nilai.{i}"), "Nilai 1 sampai 4.".into());
        }
    }
    if a.nilai.iter().all(Option::is_none) {
        f.insert(
            "nilai".into(),
            "Jawab paling sedikit satu pertanyaan.".into(),
        );
    }
    let umur = choice(&mut f, "umur", &a.umur, &UMUR);
    let jk = choice(&mut f, "jenis_kelamin", &a.jenis_kelamin, &JENIS_KELAMIN);
    let pendidikan = choice(&mut f, "pendidikan", &a.pendidikan, &PENDIDIKAN);
    let pekerjaan = choice(&mut f, "pekerjaan", &a.pekerjaan, &PEKERJAAN);
    let saran = crate::text::field(
        &mut f,
        "saran",
        crate::text::lines(&a.saran, "Saran", 2000),
        false,
    );
    Error::fields(f)?;
    let n = |i: usize| Set(a.nilai[i].map(i16::from));
    Ok(skm_responses::ActiveModel {
        u1: n(0),
        u2: n(1),
        u3: n(2),
        u4: n(3),
        u5: n(4),
        u6: n(5),
        u7: n(6),
        u8: n(7),
        u9: n(8),
        umur: Set(umur),
        jenis_kelamin: Set(jk),
        pendidikan: Set(pendidikan),
        pekerjaan: Set(pekerjaan),
        saran: Set((!saran.is_empty()).then_some(saran)),
        ..Default::default()
    })
}

/// The case's mark that it answered: a column of `cases` the entity leaves
/// out, so loading a case never carries it and nothing but this module
/// reads or sets it.
fn answered_flag() -> Alias {
    Alias::new("skm_diisi")
}

/// The case a kiosk response is for: the number and digits proved as a
/// status check proves them (the same sentence for a wrong number or
/// digits, the same wait after five failures), a case the desk has taken
/// in, not answered yet.
async fn proved_case(
    db: &DatabaseConnection,
    now: DateTime<FixedOffset>,
    nomor: &str,
    nik_akhir: &str,
) -> Result<ProvedCase> {
    let answer = status::check(db, now, nomor, nik_akhir).await?;
    // Only the columns a kiosk PC's own database role may read.
    let (id, answered) = cases::Entity::find()
        .select_only()
        .column(cases::Column::Id)
        .column_as(Expr::col(answered_flag()), "skm_diisi")
        .filter(cases::Column::Nomor.eq(answer.nomor.as_str()))
        .into_tuple::<(i64, bool)>()
        .one(db)
        .await?
        .ok_or_else(|| {
            Error::field(
                "nomor",
                "Permohonan ini masih menunggu petugas. Survei dapat diisi setelah Anda dilayani di loket.",
            )
        })?;
    if answered {
        return Err(Error::field("nomor", ANSWERED));
    }
    Ok(ProvedCase {
        id,
        nomor: answer.nomor,
        layanan: answer.layanan,
        last4: crate::applicants::identity::strip_separators(nik_akhir),
    })
}

/// The case a kiosk response was proved for.
struct ProvedCase {
    id: i64,
    nomor: String,
    layanan: Layanan,
    /// The NIK's last four digits as proved.
    last4: String,
}

/// Marks `case` answered unless it already was; whether it was marked now.
/// On PostgreSQL through the owner's function, which proves the number and
/// digits again: a kiosk PC's own role may change nothing else of a case.
async fn mark_answered(txn: &sea_orm::DatabaseTransaction, case: &ProvedCase) -> Result<bool> {
    use sea_orm::ConnectionTrait as _;
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        let marked = txn
            .query_one_raw(sea_orm::Statement::from_sql_and_values(
                sea_orm::DbBackend::Postgres,
                "select loket_survey_mark($1, $2)",
                [case.nomor.as_str().into(), case.last4.as_str().into()],
            ))
            .await?
            .map(|r| r.try_get_by_index::<Option<i64>>(0))
            .transpose()?
            .flatten();
        return Ok(marked == Some(case.id));
    }
    let done = cases::Entity::update_many()
        .col_expr(answered_flag(), Expr::value(true))
        .filter(cases::Column::Id.eq(case.id))
        .filter(Expr::col(answered_flag()).eq(false))
        .exec(txn)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Before the questions: whether the kiosk may take a response for this
/// number (so the applicant does not answer nine questions to be refused).
pub async fn kiosk_ticket(
    db: &DatabaseConnection,
    now: DateTime<FixedOffset>,
    nomor: &str,
    nik_akhir: &str,
) -> Result<SurveyTicket> {
    let case = proved_case(db, now, nomor, nik_akhir).await?;
    Ok(SurveyTicket {
        layanan: case.layanan,
        nomor: case.nomor,
    })
}

/// Records a response given at the kiosk, for the case `proof` names
/// (number, last four NIK digits) or without a number. The kiosk holds no
/// data key, so this is not in the audit log; nothing in it is personal.
pub async fn record_kiosk(
    db: &DatabaseConnection,
    now: DateTime<FixedOffset>,
    proof: Option<(&str, &str)>,
    answers: &SurveyAnswers,
) -> Result<()> {
    let mut row = checked(answers)?;
    row.tanggal = Set(now.date_naive());
    let case = match proof {
        Some((nomor, digits)) => Some(proved_case(db, now, nomor, digits).await?),
        None => None,
    };
    let txn = store::begin_write(db).await?;
    row.sumber = Set(match &case {
        Some(c) => {
            if !mark_answered(&txn, c).await? {
                return Err(Error::field("nomor", ANSWERED));
            }
            Sumber::AnjunganKasus
        }
        None => Sumber::AnjunganAnonim,
    }
    .as_str()
    .to_string());
    // Added without reading the row back: a kiosk PC's own role adds
    // responses and reads none.
    skm_responses::Entity::insert(row)
        .exec_without_returning(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Records a paper form typed in by staff, dated as the form is
/// (dd/mm/yyyy, not after today), with its audit entry.
pub async fn record_paper(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    tanggal: &str,
    answers: &SurveyAnswers,
) -> Result<PaperSaved> {
    let day = parse_day(tanggal)
        .ok_or_else(|| Error::field("tanggal", "Tulis tanggal formulir sebagai hh/bb/tttt."))?;
    if day > act.today() {
        return Err(Error::field("tanggal", "Tanggal formulir belum lewat."));
    }
    if day < NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(day) {
        return Err(Error::field("tanggal", "Tanggal formulir terlalu lama."));
    }
    let mut row = checked(answers)?;
    row.tanggal = Set(day);
    row.sumber = Set(Sumber::Kertas.as_str().into());
    let txn = store::begin_write(db).await?;
    let saved = row.insert(&txn).await?;
    act.record(
        &txn,
        Entry::new(
            "skm.paper",
            "skm_response",
            saved.id,
            serde_json::json!({ "tanggal": day }),
        ),
    )
    .await?;
    let sehari = skm_responses::Entity::find()
        .filter(skm_responses::Column::Tanggal.eq(day))
        .filter(skm_responses::Column::Sumber.eq(Sumber::Kertas.as_str()))
        .count(&txn)
        .await?;
    txn.commit().await?;
    Ok(PaperSaved {
        id: saved.id,
        sehari,
    })
}
