//! Taking a case's last step back: a step recorded by a slip of the mouse
//! (a case moved to "menunggu BSrE" too early, a rejection chosen for the
//! wrong case) returns the case to the status before it, with a reason, in
//! one transaction with its history entry ("mundur"), its entry in the
//! register of corrections and its audit entry.
//!
//! What may not be taken back, because something outside Loket already
//! hangs on it: a finished case (BSrE acted: the certificate is corrected
//! instead, see [`super::values`]), a step a numbered letter came from (void
//! the letter first: the register keeps the void number), a rejection
//! already applied for again. A message the step sent to the applicant
//! stays recorded as sent; one not sent yet is withdrawn; the desk may send
//! a correction notice ("Koreksi pemberitahuan").

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{guard, record, values};
use crate::audit::{Acting, Entry};
use crate::entities::{case_events, cases, corrections, letter_cases, letters, outbox};
use crate::lifecycle::flow::{self, EntryKind};
use crate::lifecycle::vocabulary::Status;
use crate::notices::outbox::{CaseMessage, Keadaan};
use crate::notices::templates::Peristiwa;
use crate::{Error, Result, store};

/// What the desk sends to take the last step back.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct TakeBack {
    /// The status the page showed: a case moved meanwhile is refused.
    pub status: Option<Status>,
    /// Why (kept in the history, the register and the audit log).
    pub reason: String,
    /// Tell the applicant that a message sent about the step no longer holds.
    pub beri_tahu: bool,
}

/// What the case page shows about taking the last step back.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TakeBackView {
    /// The status the case would return to; `None` when no step can be taken back.
    pub to: Option<Status>,
    /// Why the last step cannot be taken back (empty when it can, or when
    /// there is no step but the first).
    pub blocked: String,
    /// The messages about the step already sent to the applicant (their
    /// titles): a correction notice is offered.
    pub told: Vec<String>,
}

/// The last standing step of a case and the status before it.
struct Last {
    step: case_events::Model,
    back_to: Status,
}

async fn last_step(db: &impl ConnectionTrait, case: &cases::Model) -> Result<Option<Last>> {
    let rows = case_events::Entity::find()
        .filter(case_events::Column::CaseId.eq(case.id))
        .order_by_asc(case_events::Column::Id)
        .all(db)
        .await?;
    let standing = record::standing(rows)?;
    if standing.len() < 2 {
        return Ok(None);
    }
    let Some(step) = standing.last().cloned() else {
        return Ok(None);
    };
    let what = format_args!("riwayat #{} permohonan {}", step.id, case.nomor);
    let back_to = match step.from_status.as_deref() {
        Some(s) => Status::stored(s, what)?,
        None => return Err(Error::Corrupt(format!("{what}: langkah tanpa status asal"))),
    };
    Ok(Some(Last { step, back_to }))
}

/// Why the step cannot be taken back, if something hangs on it.
async fn blocked(
    db: &impl ConnectionTrait,
    case: &cases::Model,
    status: Status,
    last: &Last,
) -> Result<Option<String>> {
    if !flow::can_take_back(status) {
        return Ok(Some(
            "Permohonan yang sudah selesai tidak dapat dimundurkan: BSrE sudah bertindak. \
             Nilai yang tercatat keliru (sertifikat, data) dikoreksi di bawah ini."
                .into(),
        ));
    }
    let linked: Vec<i64> = letter_cases::Entity::find()
        .filter(letter_cases::Column::CaseId.eq(case.id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.letter_id)
        .collect();
    let numbered = letters::Entity::find()
        .filter(letters::Column::Id.is_in(linked))
        .filter(letters::Column::Status.is_in(["terbit", "final"]))
        .filter(letters::Column::IssuedAt.gte(last.step.at))
        .one(db)
        .await?;
    if let Some(l) = numbered {
        return Ok(Some(format!(
            "Surat nomor {} terbit dari langkah ini. Batalkan surat itu lebih dulu (nomornya \
             tetap tercatat sebagai batal), lalu mundurkan langkahnya.",
            l.nomor.unwrap_or_default()
        )));
    }
    if status == Status::Ditolak {
        let again = cases::Entity::find()
            .filter(cases::Column::ParentId.eq(case.id))
            .filter(cases::Column::Layanan.eq(case.layanan.clone()))
            .one(db)
            .await?;
        if let Some(again) = again {
            return Ok(Some(format!(
                "Permohonan ini sudah diajukan kembali sebagai {}: lanjutkan permohonan itu.",
                again.nomor
            )));
        }
    }
    Ok(None)
}

/// The messages about the step that went out.
async fn told(
    db: &impl ConnectionTrait,
    case: &cases::Model,
    last: &Last,
) -> Result<Vec<outbox::Model>> {
    Ok(outbox::Entity::find()
        .filter(outbox::Column::CaseId.eq(case.id))
        .filter(outbox::Column::Dibuat.gte(last.step.at))
        .filter(outbox::Column::Status.eq(Keadaan::Terkirim.as_str()))
        .order_by_asc(outbox::Column::Id)
        .all(db)
        .await?)
}

fn title(m: &outbox::Model) -> String {
    Peristiwa::parse(&m.peristiwa).map_or_else(|| m.peristiwa.clone(), |p| p.label().to_string())
}

/// What the case page shows about taking `case`'s last step back.
pub async fn view(db: &impl ConnectionTrait, case: &cases::Model) -> Result<TakeBackView> {
    let (_, status) = record::kinds(case)?;
    let Some(last) = last_step(db, case).await? else {
        return Ok(TakeBackView {
            to: None,
            blocked: String::new(),
            told: vec![],
        });
    };
    if let Some(why) = blocked(db, case, status, &last).await? {
        return Ok(TakeBackView {
            to: None,
            blocked: why,
            told: vec![],
        });
    }
    Ok(TakeBackView {
        to: Some(last.back_to),
        blocked: String::new(),
        told: told(db, case, &last).await?.iter().map(title).collect(),
    })
}

/// Takes the last step of case `id` back, as [`TakeBack`] asks.
pub async fn take_back(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    id: i64,
    input: &TakeBack,
) -> Result<()> {
    let reason =
        crate::text::lines(&input.reason, "Alasan", 1000).map_err(|m| Error::field("reason", m))?;
    if reason.trim().is_empty() {
        return Err(Error::field(
            "reason",
            "Tuliskan mengapa langkah ini dimundurkan.",
        ));
    }
    let txn = store::begin_write(db).await?;
    let case = record::find(&txn, id).await?;
    store::hold_person(&txn, case.applicant_id).await?;
    let case = record::find(&txn, id).await?;
    let (_, status) = record::kinds(&case)?;
    if let Some(seen) = input.status
        && seen != status
    {
        return Err(Error::field(
            "reason",
            format!(
                "Status permohonan sudah berubah menjadi \"{}\" (halaman menampilkan \"{}\"). \
                 Muat ulang halaman lalu periksa lagi.",
                status.label(),
                seen.label()
            ),
        ));
    }
    let last = last_step(&txn, &case).await?.ok_or_else(|| {
        Error::field(
            "reason",
            "Belum ada langkah yang dapat dimundurkan: permohonan baru diterima.",
        )
    })?;
    if let Some(why) = blocked(&txn, &case, status, &last).await? {
        return Err(Error::field("reason", why));
    }
    // A case returning from its end is running again: the person's other
    // cases must allow it.
    if flow::is_final(status) {
        if let Some(other) = guard::running_other(&txn, case.applicant_id, Some(&case)).await? {
            return Err(guard::still_running("reason", &other)?);
        }
        // Nor may it come back on a certificate that no longer stands: it
        // could not move on, and would block the person's next service.
        guard::certificates_stand(&txn, &case)
            .await
            .map_err(|e| e.at_field("reason"))?;
    }
    let back_to = last.back_to;
    let mut am: cases::ActiveModel = case.clone().into();
    match status {
        Status::DiajukanAms => {
            am.ams_ref = Set(None);
            am.ams_at = Set(None);
        }
        Status::Ditolak => {
            am.reason_code = Set(None);
            am.reason_note = Set(None);
            am.rejected_by = Set(None);
        }
        _ => {}
    }
    if flow::is_final(status) {
        am.closed_at = Set(None);
    }
    am.status = Set(back_to.as_str().into());
    am.updated_at = Set(act.now());
    am.update(&txn).await?;
    case_events::ActiveModel {
        case_id: Set(case.id),
        at: Set(act.now()),
        actor: Set(act.name()),
        from_status: Set(Some(status.as_str().into())),
        to_status: Set(back_to.as_str().into()),
        note: Set(match (status, case.ams_ref.as_deref()) {
            (Status::DiajukanAms, Some(r)) => {
                format!(
                    "Langkah dimundurkan: {reason} (referensi AMS {r} dihapus bersama langkahnya)"
                )
            }
            _ => format!("Langkah dimundurkan: {reason}"),
        }),
        kind: Set(Some(EntryKind::Mundur.as_str().into())),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    // What the step queued and has not gone out no longer holds.
    let withdrawn = crate::notices::outbox::withdraw(
        &txn,
        outbox::Entity::find()
            .filter(outbox::Column::CaseId.eq(case.id))
            .filter(outbox::Column::Dibuat.gte(last.step.at)),
    )
    .await?;
    let sent = told(&txn, &case, &last).await?;
    let mut notice = None;
    if input.beri_tahu && !sent.is_empty() {
        let what = sent.iter().map(title).collect::<Vec<_>>().join(", ");
        notice = crate::notices::outbox::queue_case(
            &txn,
            act,
            CaseMessage {
                case: &case,
                peristiwa: Peristiwa::Koreksi,
                values: [
                    ("pemberitahuan", what),
                    ("status", back_to.label()),
                    ("alasan", reason.clone()),
                ]
                .into_iter()
                .collect(),
                lampiran: None,
                letter_id: None,
            },
        )
        .await?;
    }
    values::save(
        &txn,
        act.key(),
        corrections::ActiveModel {
            case_id: Set(case.id),
            applicant_id: Set(case.applicant_id),
            target: Set(values::Target::Langkah.as_str().into()),
            target_id: Set(last.step.id),
            field: Set("status".into()),
            lama: Set(status.as_str().into()),
            baru: Set(back_to.as_str().into()),
            reason: Set(reason.clone()),
            state: Set(values::State::Berlaku.as_str().into()),
            requested_by: Set(act.name()),
            requested_at: Set(act.now()),
            decided_by: Set(None),
            decided_at: Set(None),
            ..Default::default()
        },
    )
    .await?;
    super::due::refresh(&txn, case.id, act.now()).await?;
    act.record(
        &txn,
        Entry::new(
            "case.take_back",
            "case",
            case.id,
            serde_json::json!({
                "nomor": case.nomor,
                "from": status.as_str(),
                "to": back_to.as_str(),
                "step": last.step.id,
                "reason": reason,
                "withdrawn": withdrawn.iter().map(|m| m.id).collect::<Vec<_>>(),
                "notice": notice,
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
