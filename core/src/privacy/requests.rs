//! A person's requests about their data (UU 27/2022): a correction (Pasal 6
//! and 30) or access to it (Pasal 32). The desk records when the request
//! came in and what is asked; it is due 3 x 24 hours from then (the clock
//! runs from the request, not from the answer) and shown late in red until it
//! is answered. A correction is answered by the audited correction on the
//! person's page (the answer "dikoreksi" is refused until such a correction
//! exists since the request came in), an access request by the export of
//! their data (`privacy::access`); either may be refused with its reason.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::moment::when;
use crate::audit::{Acting, Entry};
use crate::entities::{applicant_history, applicants, data_requests};
use crate::{Error, Result, store};

/// Which right a request asks for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum JenisPermintaan {
    /// Correct their data (Pasal 30).
    #[default]
    Koreksi,
    /// See what is held about them (Pasal 32).
    Akses,
}

impl JenisPermintaan {
    fn stored(s: Option<&str>) -> JenisPermintaan {
        match s {
            Some("akses") => JenisPermintaan::Akses,
            _ => JenisPermintaan::Koreksi,
        }
    }

    fn prefix(self) -> &'static str {
        match self {
            JenisPermintaan::Koreksi => "KOREKSI",
            JenisPermintaan::Akses => "AKSES",
        }
    }
}

/// What an access request asks for when the desk writes nothing else.
pub const ACCESS_ASKED: &str = "Salinan seluruh data pribadi yang disimpan kantor";

/// A request as the desk types it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct NewDataRequest {
    #[ts(type = "number")]
    pub applicant_id: i64,
    #[serde(default)]
    pub jenis: JenisPermintaan,
    /// When it came in (dd/mm/yyyy hh:mm); empty: now.
    pub diterima: String,
    /// What is asked to be corrected, and why.
    pub isi: String,
}

/// How a request is answered.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct DataRequestAnswer {
    /// The data was corrected on the person's page.
    pub dikoreksi: bool,
    /// Why not (required when not corrected).
    pub alasan: String,
}

/// A request as the person's page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DataRequestRow {
    #[ts(type = "number")]
    pub id: i64,
    pub nomor: String,
    pub jenis: JenisPermintaan,
    pub isi: String,
    /// dd/mm/yyyy hh:mm.
    pub diterima: String,
    pub tenggat: String,
    pub selesai: Option<String>,
    pub hasil: Option<String>,
    /// Past its due time and not answered.
    pub terlambat: bool,
    pub dicatat_oleh: String,
}

fn row(m: data_requests::Model, now: DateTime<FixedOffset>) -> DataRequestRow {
    DataRequestRow {
        terlambat: m.selesai_at.is_none() && now > m.tenggat_at,
        jenis: JenisPermintaan::stored(m.jenis.as_deref()),
        id: m.id,
        nomor: m.nomor,
        isi: m.isi,
        // In the desk's time zone: PostgreSQL hands stored moments back in UTC.
        diterima: when(m.diterima_at.with_timezone(now.offset())),
        tenggat: when(m.tenggat_at.with_timezone(now.offset())),
        selesai: m.selesai_at.map(|t| when(t.with_timezone(now.offset()))),
        hasil: m.hasil,
        dicatat_oleh: m.dicatat_oleh,
    }
}

/// A person's requests, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    applicant_id: i64,
    now: DateTime<FixedOffset>,
) -> Result<Vec<DataRequestRow>> {
    Ok(data_requests::Entity::find()
        .filter(data_requests::Column::ApplicantId.eq(applicant_id))
        .order_by_desc(data_requests::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| row(m, now))
        .collect())
}

/// Records a request; its fields are checked first and named under them.
pub async fn record(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    r: &NewDataRequest,
) -> Result<DataRequestRow> {
    let mut errors = BTreeMap::new();
    let at = crate::clock::received(&r.diterima, act.now())
        .map_err(|m| errors.insert("diterima".to_string(), m))
        .ok();
    let mut isi = crate::text::field(
        &mut errors,
        "isi",
        crate::text::lines(&r.isi, "Isi permintaan", 2000),
        false,
    );
    if isi.is_empty() && r.jenis == JenisPermintaan::Akses && !errors.contains_key("isi") {
        isi = ACCESS_ASKED.into();
    }
    if isi.is_empty() {
        errors
            .entry("isi".into())
            .or_insert_with(|| "Tuliskan data yang diminta dikoreksi dan alasannya.".into());
    }
    Error::fields(errors)?;
    let at = at.ok_or(Error::NotFound("waktu"))?;
    let txn = store::begin_write(db).await?;
    applicants::Entity::find_by_id(r.applicant_id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound("Pemohon"))?;
    let m = insert(&txn, act, r.applicant_id, r.jenis, isi, at).await?;
    txn.commit().await?;
    Ok(row(m, act.now()))
}

/// Writes a request received `at`, with its audit entry, inside `txn`.
pub(crate) async fn insert(
    txn: &DatabaseTransaction,
    act: &Acting<'_>,
    applicant_id: i64,
    jenis: JenisPermintaan,
    isi: String,
    at: DateTime<FixedOffset>,
) -> Result<data_requests::Model> {
    let year = at.format("%Y").to_string();
    let prefix = jenis.prefix();
    let n = store::next_counter(txn, &format!("{}-{year}", prefix.to_lowercase())).await?;
    let m = data_requests::ActiveModel {
        nomor: Set(format!("{prefix}-{year}-{n:04}")),
        applicant_id: Set(applicant_id),
        jenis: Set((jenis == JenisPermintaan::Akses).then(|| "akses".to_string())),
        isi: Set(isi),
        diterima_at: Set(at),
        tenggat_at: Set(super::moment::due_after(at)),
        dicatat_oleh: Set(act.name()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    act.record(
        txn,
        Entry::new(
            "data_request.record",
            "applicant",
            applicant_id,
            serde_json::json!({ "nomor": m.nomor, "received": m.diterima_at }),
        ),
    )
    .await?;
    Ok(m)
}

/// The person's access request that came in first and still waits.
pub(crate) async fn open_access(
    txn: &DatabaseTransaction,
    applicant_id: i64,
) -> Result<Option<data_requests::Model>> {
    Ok(data_requests::Entity::find()
        .filter(data_requests::Column::ApplicantId.eq(applicant_id))
        .filter(data_requests::Column::Jenis.eq("akses"))
        .filter(data_requests::Column::SelesaiAt.is_null())
        .order_by_asc(data_requests::Column::DiterimaAt)
        .order_by_asc(data_requests::Column::Id)
        .one(txn)
        .await?)
}

/// Marks `m` answered now with `hasil`, inside `txn` (the caller audits);
/// refused when it was answered meanwhile (by another desk on PostgreSQL).
pub(crate) async fn close(
    txn: &DatabaseTransaction,
    act: &Acting<'_>,
    m: data_requests::Model,
    hasil: String,
) -> Result<data_requests::Model> {
    let mut am: data_requests::ActiveModel = m.into();
    am.selesai_at = Set(Some(act.now()));
    am.selesai_oleh = Set(Some(act.name()));
    am.hasil = Set(Some(hasil));
    match data_requests::Entity::update(am)
        .validate()?
        .filter(data_requests::Column::SelesaiAt.is_null())
        .exec(txn)
        .await
    {
        Ok(m) => Ok(m),
        Err(sea_orm::DbErr::RecordNotUpdated) => {
            Err(Error::field("hasil", "Permintaan ini sudah dijawab."))
        }
        Err(e) => Err(e.into()),
    }
}

/// Answers a request: corrected (a correction of the person's data must have
/// been made since the request came in) or refused with its reason.
pub async fn answer(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    id: i64,
    a: &DataRequestAnswer,
) -> Result<DataRequestRow> {
    let txn = store::begin_write(db).await?;
    let m = data_requests::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound("Permintaan"))?;
    if m.selesai_at.is_some() {
        return Err(Error::field("hasil", "Permintaan ini sudah dijawab."));
    }
    let jenis = JenisPermintaan::stored(m.jenis.as_deref());
    if a.dikoreksi && jenis == JenisPermintaan::Akses {
        return Err(Error::field(
            "hasil",
            "Permintaan akses dijawab dengan ekspor data pribadi orang ini (tombol di halaman ini).",
        ));
    }
    let hasil = if a.dikoreksi {
        let corrected = applicant_history::Entity::find()
            .filter(applicant_history::Column::ApplicantId.eq(m.applicant_id))
            .filter(applicant_history::Column::Kind.eq("koreksi"))
            .filter(applicant_history::Column::At.gte(m.diterima_at))
            .count(&txn)
            .await?;
        if corrected == 0 {
            return Err(Error::field(
                "hasil",
                "Belum ada koreksi data orang ini sejak permintaan diterima; koreksi dulu datanya di halaman ini.",
            ));
        }
        "Data dikoreksi".to_string()
    } else {
        match crate::text::lines(&a.alasan, "Alasan", 2000) {
            Ok(v) if !v.trim().is_empty() => format!("Ditolak: {}", v.trim()),
            Ok(_) => {
                return Err(Error::field(
                    "alasan",
                    "Tuliskan alasan permintaan tidak dipenuhi.",
                ));
            }
            Err(msg) => return Err(Error::field("alasan", msg)),
        }
    };
    let m = close(&txn, act, m, hasil).await?;
    act.record(
        &txn,
        Entry::new(
            "data_request.answer",
            "applicant",
            m.applicant_id,
            serde_json::json!({ "nomor": m.nomor, "corrected": a.dikoreksi }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(row(m, act.now()))
}
