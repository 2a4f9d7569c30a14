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
    let channels = settings::channels(db).await?;
    let kanal = channels.iter().find(|k| k.kode == x.kanal).cloned();
    if kanal.is_none() {
        f.insert("kanal".into(), "Pilih kanal pengaduan.".into());
    }
    let lapor = field(
        &mut f,
        "nomor_lapor",
        crate::text::line(&x.nomor_lapor, "Nomor tiket", 40),
        kanal.as_ref().is_some_and(|k| k.nomor_tiket),
    );
    let kategori = settings::categories(db)
        .await?
        .into_iter()
        .find(|k| k.kode == x.kategori);
    if kategori.is_none() {
        f.insert("kategori".into(), "Pilih kategori pengaduan.".into());
    }
    let at = moment(&x.diterima, now)
        .map_err(|m| f.insert("diterima".into(), m))
        .ok();
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
    // The moment as typed is to the minute: an unchanged one keeps its seconds.
    let was_at = m.diterima_at.with_timezone(now.offset());
    let at = if when(was_at) == when(at) { was_at } else { at };
    let lapor = (!lapor.is_empty()).then_some(lapor);
    let same = m.kanal == kanal.kode
        && m.nomor_lapor == lapor
        && m.kategori == kategori.kode
        && at == was_at;
    if same {
        return Err(Error::field("alasan", "Tidak ada yang berubah."));
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
    let read_at = m.updated_at;
    let mut am: complaints::ActiveModel = m.into();
    am.kanal = Set(kanal.kode.clone());
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
        .filter(complaints::Column::UpdatedAt.eq(read_at))
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
