//! Moving a case on: one action at a time, as [`flow`] allows, with its
//! history step, its effect on the certificate registry and its audit entry
//! in one transaction.

use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, DatabaseConnection, DatabaseTransaction, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::flow::{self, Action};
use super::record;
use super::requirements;
use super::vocabulary::{Layanan, Pihak, RevocationReason};
use crate::audit::{Acting, Entry};
use crate::certificates;
use crate::entities::{case_events, cases};
use crate::{Error, Result, store};

/// What the desk sends to move a case on. Fields beyond `action` and `note`
/// are needed by some actions only.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct TransitionInput {
    pub action: Option<Action>,
    pub note: String,
    /// AjukanAms: the reference AMS shows for the submission.
    pub ams_ref: String,
    /// Tolak: a code from the rejection reasons.
    pub reason_code: String,
    /// Tolak: who rejected.
    pub rejected_by: Option<Pihak>,
    /// Selesai of a penerbitan or pembaruan: the certificate's validity (YYYY-MM-DD).
    pub valid_from: String,
    pub valid_to: String,
    /// Selesai: the certificate's serial number, if BSrE's notice gives it.
    pub serial: String,
}

fn parse_date(field: &str, label: &str, s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        Error::field(
            field,
            format!("{label} wajib diisi dengan tanggal yang benar."),
        )
    })
}

/// Moves a case on by one action, with its history, its effects on the
/// certificate registry and its audit entry in one transaction. An action the
/// rules do not allow for the case's service and status is refused.
pub async fn transition(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    case_id: i64,
    input: &TransitionInput,
) -> Result<()> {
    let txn = store::begin_write(db).await?;
    apply_transition(&txn, act, case_id, input).await?;
    txn.commit().await?;
    Ok(())
}

/// [`transition`] inside the caller's write transaction (a letter's issue moves
/// its cases on in the same transaction that numbers it).
pub(crate) async fn apply_transition(
    txn: &DatabaseTransaction,
    act: &Acting<'_>,
    case_id: i64,
    input: &TransitionInput,
) -> Result<()> {
    let action = input
        .action
        .ok_or_else(|| Error::field("action", "Pilih tindakan."))?;
    let case = record::find(txn, case_id).await?;
    let (layanan, from) = record::kinds(&case)?;
    let Some(to) = flow::next(layanan, from, action) else {
        return Err(Error::field(
            "action",
            format!(
                "Tindakan ini tidak berlaku untuk permohonan {} berstatus {}.",
                layanan.label(),
                from.label()
            ),
        ));
    };
    let note = input.note.trim().to_string();
    let mut am: cases::ActiveModel = case.clone().into();
    match action {
        Action::BerkasKurang | Action::Batalkan if note.is_empty() => {
            let what = if action == Action::BerkasKurang {
                "Tuliskan berkas apa yang kurang."
            } else {
                "Tuliskan alasan pembatalan."
            };
            return Err(Error::field("note", what));
        }
        Action::BerkasLengkap => {
            let missing = requirements::missing(txn, case.id).await?;
            if !missing.is_empty() {
                return Err(Error::field(
                    "requirements",
                    format!("Persyaratan belum lengkap: {}.", missing.join(", ")),
                ));
            }
        }
        Action::AjukanAms => {
            let r = input.ams_ref.trim();
            if r.is_empty() {
                return Err(Error::field(
                    "ams_ref",
                    "Isi nomor/referensi pengajuan di AMS.",
                ));
            }
            am.ams_ref = Set(Some(r.to_string()));
            am.ams_at = Set(Some(act.now()));
        }
        Action::Tolak => {
            let reasons = requirements::reject_reasons(txn).await?;
            let Some(reason) = reasons.iter().find(|r| r.code == input.reason_code) else {
                return Err(Error::field("reason_code", "Pilih alasan penolakan."));
            };
            let Some(by) = input.rejected_by else {
                return Err(Error::field("rejected_by", "Pilih siapa yang menolak."));
            };
            if reason.code == "lainnya" && note.is_empty() {
                return Err(Error::field("note", "Tuliskan alasan penolakan."));
            }
            am.reason_code = Set(Some(reason.code.clone()));
            am.reason_note = Set(Some(note.clone()));
            am.rejected_by = Set(Some(by.as_str().into()));
        }
        Action::Selesai => {
            finish(txn, act, &case, layanan, input).await?;
        }
        _ => {}
    }
    am.status = Set(to.as_str().into());
    am.updated_at = Set(act.now());
    if flow::is_final(to) {
        am.closed_at = Set(Some(act.now()));
    }
    am.update(txn).await?;
    case_events::ActiveModel {
        case_id: Set(case.id),
        at: Set(act.now()),
        actor: Set(act.name()),
        from_status: Set(Some(from.as_str().into())),
        to_status: Set(to.as_str().into()),
        note: Set(note),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    act.record(
        txn,
        Entry::new(
            "case.transition",
            "case",
            case.id,
            serde_json::json!({
                "nomor": case.nomor,
                "action": action,
                "from": from.as_str(),
                "to": to.as_str(),
                "ams_ref": input.ams_ref.trim(),
                "reason_code": input.reason_code,
            }),
        ),
    )
    .await?;
    Ok(())
}

/// The effects of a finished case on the certificate registry.
async fn finish(
    txn: &DatabaseTransaction,
    act: &Acting<'_>,
    case: &cases::Model,
    layanan: Layanan,
    input: &TransitionInput,
) -> Result<()> {
    match layanan {
        Layanan::Penerbitan | Layanan::Pembaruan => {
            let from = parse_date("valid_from", "Berlaku mulai", &input.valid_from)?;
            let to = parse_date("valid_to", "Berlaku sampai", &input.valid_to)?;
            if to <= from {
                return Err(Error::field(
                    "valid_to",
                    "Tanggal berakhir harus sesudah tanggal mulai berlaku.",
                ));
            }
            certificates::issue(
                txn,
                act,
                case,
                &certificates::Validity {
                    from,
                    to,
                    serial: input.serial.trim(),
                },
            )
            .await
        }
        Layanan::Pencabutan => {
            // A pencabutan is opened with its reason; one opened without (before
            // the reason was asked) counts as "lainnya", RFC 5280 code 0.
            let reason = match case.revocation_reason.as_deref() {
                Some(r) => {
                    RevocationReason::stored(r, format_args!("alasan pencabutan {}", case.nomor))?
                }
                None => RevocationReason::Lainnya,
            };
            certificates::revoke_all(txn, act, case, reason).await
        }
        Layanan::PerubahanData => Ok(()),
    }
}
