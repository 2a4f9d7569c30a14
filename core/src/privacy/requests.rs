//! Correction requests (UU 27/2022 Pasal 6 and 30): a person asks the office
//! to correct their data. The desk records when the request came in and what
//! is asked; it is due 3 x 24 hours later and shown late in red until it is
//! answered. It is answered either by the audited correction on the person's
//! page (the answer "dikoreksi" is refused until such a correction exists
//! since the request came in) or by a refusal with its reason.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::moment::{moment, when};
use crate::audit::{Acting, Entry};
use crate::entities::{applicant_history, applicants, data_requests};
use crate::{Error, Result, store};

/// A request as the desk types it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct NewDataRequest {
    #[ts(type = "number")]
    pub applicant_id: i64,
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
        id: m.id,
        nomor: m.nomor,
        isi: m.isi,
        diterima: when(m.diterima_at),
        tenggat: when(m.tenggat_at),
        selesai: m.selesai_at.map(when),
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
    let at = match r.diterima.trim() {
        "" => Some(act.now()),
        t => moment(t, act.now())
            .map_err(|m| errors.insert("diterima".to_string(), m))
            .ok(),
    };
    let isi = crate::text::field(
        &mut errors,
        "isi",
        crate::text::lines(&r.isi, "Isi permintaan", 2000),
        false,
    );
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
    let year = at.format("%Y").to_string();
    let n = store::next_counter(&txn, &format!("koreksi-{year}")).await?;
    let m = data_requests::ActiveModel {
        nomor: Set(format!("KOREKSI-{year}-{n:04}")),
        applicant_id: Set(r.applicant_id),
        isi: Set(isi),
        diterima_at: Set(at),
        tenggat_at: Set(super::moment::due_after(at)),
        dicatat_oleh: Set(act.name()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    act.record(
        &txn,
        Entry::new(
            "data_request.record",
            "applicant",
            r.applicant_id,
            serde_json::json!({ "nomor": m.nomor, "received": m.diterima_at }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(row(m, act.now()))
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
    let mut am: data_requests::ActiveModel = m.into();
    am.selesai_at = Set(Some(act.now()));
    am.selesai_oleh = Set(Some(act.name()));
    am.hasil = Set(Some(hasil));
    let m = am.update(&txn).await?;
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
