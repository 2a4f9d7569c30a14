//! Putting right what was recorded wrongly on a complaint: its channel (and
//! the channel's ticket number), its category, and the moment it came in.
//! The deadlines the category and the moment decide (the answer and the
//! settlement) are counted again; the complaints officer's, once escalated,
//! stays as the officer was given it. A reason is required; the old and the new values go in
//! the audit entry, in the same transaction, and the write holds only when
//! nobody changed the complaint since it was read. The written answer and
//! the escalation are not corrected: an answer sent cannot be unsent.

use std::collections::BTreeMap;

use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::register::{self, ComplaintRow, deadline_of};
use super::settings;
use crate::audit::{Acting, Entry};
use crate::clock::{moment, when};
use crate::entities::complaints;
use crate::text::field;
use crate::{Error, Result, store};

/// The corrected values of a complaint, as the correction form sends them
/// (each as it stands when unchanged).
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct ComplaintFix {
    pub kanal: String,
    #[serde(default)]
    pub nomor_lapor: String,
    pub kategori: String,
    /// dd/mm/yyyy hh:mm.
    pub diterima: String,
    pub alasan: String,
    /// The complaint's version when the form was opened
    /// ([`ComplaintRow::versi`]): a change made since, at another desk, is
    /// not overwritten with the form's older values.
    #[serde(default)]
    pub versi: String,
}

/// Corrects complaint `id`; every problem is named at its field and nothing
/// is written until all hold.
pub async fn correct(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    id: i64,
    x: &ComplaintFix,
) -> Result<ComplaintRow> {
    let now = act.now();
    let mut f = BTreeMap::new();
    let stored = complaints::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound("Pengaduan"))?;
    let channels = settings::channels(db).await?;
    // One of the office's channels, or the one it was recorded under (kept
    // though the office removed it since: a correction of the category or
    // the moment need not move it).
    let kanal = channels
        .iter()
        .find(|k| k.kode == x.kanal)
        .map(|k| (k.kode.clone(), k.nomor_tiket))
        .or_else(|| (x.kanal == stored.kanal).then(|| (stored.kanal.clone(), false)));
    if kanal.is_none() {
        f.insert("kanal".into(), "Pilih kanal pengaduan.".into());
    }
    let lapor = field(
        &mut f,
        "nomor_lapor",
        crate::text::line(&x.nomor_lapor, "Nomor tiket", 40),
        kanal.as_ref().is_some_and(|k| k.1),
    );
    // Likewise the category, kept with the clocks it was recorded with.
    let kategori = settings::categories(db)
        .await?
        .into_iter()
        .find(|k| k.kode == x.kategori)
        .or_else(|| {
            (x.kategori == stored.kategori).then(|| settings::Kategori {
                kode: stored.kategori.clone(),
                nama: stored.kategori_nama.clone(),
                hari_kerja: u32::try_from(stored.hari_kerja).unwrap_or(0),
                hari_jawab: u32::try_from(register::answer_days(&stored)).unwrap_or(0),
                hari_eskalasi: stored
                    .hari_eskalasi
                    .and_then(|d| u32::try_from(d).ok())
                    .unwrap_or(0),
            })
        });
    if kategori.is_none() {
        f.insert("kategori".into(), "Pilih kategori pengaduan.".into());
    }
    // The moment as recorded, unchanged, is taken as it is (a complaint
    // more than a year old may still have its category corrected).
    let was_at = stored.diterima_at.with_timezone(now.offset());
    let at = if x.diterima.trim() == when(was_at) {
        Some(was_at)
    } else {
        moment(&x.diterima, now)
            .map_err(|m| f.insert("diterima".into(), m))
            .ok()
    };
    let alasan = field(
        &mut f,
        "alasan",
        crate::text::lines(&x.alasan, "Alasan", 2000),
        true,
    );
    Error::fields(f)?;
    let (Some(kanal), Some(kategori), Some(at)) = (kanal, kategori, at) else {
        return Err(Error::NotFound("Pengaduan"));
    };
    let txn = store::begin_write(db).await?;
    let m = complaints::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound("Pengaduan"))?;
    if register::version(&m) != x.versi {
        return Err(register::changed_elsewhere());
    }
    // A settled complaint's deadlines were judged when it was settled: its
    // record is not moved afterwards (it would turn a late settlement on
    // time in every later report).
    if m.status == register::StatusPengaduan::Selesai.as_str() {
        return Err(Error::field(
            "status",
            "Pengaduan yang sudah selesai tidak dikoreksi lagi.",
        ));
    }
    // Nothing happened to a complaint before it came in.
    let first_step = [m.dijawab_at, m.eskalasi_at, m.ditanggapi_at]
        .into_iter()
        .flatten()
        .min();
    if let Some(step) = first_step
        && at > step
    {
        return Err(Error::field(
            "diterima",
            format!(
                "Pengaduan ini sudah ditangani pada {}; waktu diterima tidak boleh sesudahnya.",
                when(step.with_timezone(now.offset()))
            ),
        ));
    }
    let was_at = m.diterima_at.with_timezone(now.offset());
    let lapor = (!lapor.is_empty()).then_some(lapor);
    let same =
        m.kanal == kanal.0 && m.nomor_lapor == lapor && m.kategori == kategori.kode && at == was_at;
    if same {
        return Err(Error::Invalid {
            message: "Tidak ada yang berubah.".into(),
            fields: BTreeMap::new(),
        });
    }
    let days = |d: u32| i32::try_from(d).unwrap_or(i32::MAX);
    let tenggat = deadline_of(&txn, at, kategori.hari_kerja).await?;
    let jawab = deadline_of(&txn, at, kategori.hari_jawab).await?;
    let old = serde_json::json!({
        "kanal": m.kanal,
        "nomor_lapor": m.nomor_lapor,
        "kategori": m.kategori,
        "diterima": m.diterima_at,
    });
    let read = (
        m.updated_at,
        m.kanal.clone(),
        m.kategori.clone(),
        m.diterima_at,
        m.status.clone(),
    );
    let mut am: complaints::ActiveModel = m.into();
    am.kanal = Set(kanal.0.clone());
    am.nomor_lapor = Set(lapor.clone());
    am.kategori = Set(kategori.kode.clone());
    am.kategori_nama = Set(kategori.nama.clone());
    am.hari_kerja = Set(days(kategori.hari_kerja));
    am.hari_jawab = Set(Some(days(kategori.hari_jawab)));
    am.diterima_at = Set(at);
    am.tenggat_at = Set(tenggat.unwrap_or(at));
    am.tenggat_kalender = Set(tenggat.is_none());
    am.jawab_tenggat_at = Set(jawab);
    am.updated_at = Set(now);
    // Written only from the state read: another desk's change meanwhile
    // (an answer, a step, another correction) is not overwritten.
    let saved = match complaints::Entity::update(am)
        .validate()?
        .filter(complaints::Column::UpdatedAt.eq(read.0))
        .filter(complaints::Column::Kanal.eq(read.1))
        .filter(complaints::Column::Kategori.eq(read.2))
        .filter(complaints::Column::DiterimaAt.eq(read.3))
        .filter(complaints::Column::Status.eq(read.4))
        .exec(&txn)
        .await
    {
        Ok(m) => m,
        Err(sea_orm::DbErr::RecordNotUpdated) => return Err(register::changed_elsewhere()),
        Err(e) => return Err(e.into()),
    };
    // Not escalated yet: the officer's clock follows the category. An
    // escalated one keeps the deadline the officer was given.
    let saved = if saved.eskalasi_at.is_none() {
        let mut am: complaints::ActiveModel = saved.into();
        am.hari_eskalasi = Set(Some(days(kategori.hari_eskalasi)));
        am.update(&txn).await?
    } else {
        saved
    };
    act.record(
        &txn,
        Entry::new(
            "complaint.correct",
            "complaint",
            id,
            serde_json::json!({
                "nomor": saved.nomor,
                "lama": old,
                "baru": {
                    "kanal": saved.kanal,
                    "nomor_lapor": saved.nomor_lapor,
                    "kategori": saved.kategori,
                    "diterima": saved.diterima_at,
                },
                "alasan": alasan,
                "tenggat": tenggat,
                "tenggat_jawaban": jawab,
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    register::reread(db, saved, now).await
}
