//! Moving a case on: one action at a time, as [`flow`] allows, with its
//! history step, what finishing it changes (the certificate registry, the
//! person's data) and its audit entry in one transaction. A case of a chain
//! moves only after the case before it is done.

use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::checklist;
use super::forms::{self, ServiceForm};
use super::record;
use crate::applicants::changes::{self, ChangeKind, ChangeRecord};
use crate::audit::{Acting, Entry};
use crate::catalogue;
use crate::certificates::{self, Ending, Validity};
use crate::entities::{case_events, cases, certificates as certificate_rows};
use crate::lifecycle::flow::{self, Action};
use crate::lifecycle::vocabulary::{Layanan, Pihak, RevocationReason, Status};
use crate::notices::outbox::CaseMessage;
use crate::notices::templates::Peristiwa;
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

/// The case before this one in its chain, while it is not done: this case
/// waits for it (a revocation for its data change, a new issuance for its
/// revocation). Only cancelling or rejecting do not wait.
pub async fn waiting_for(
    db: &impl ConnectionTrait,
    case: &cases::Model,
) -> Result<Option<cases::Model>> {
    let (Some(_), Some(parent)) = (case.chain_id, case.parent_id) else {
        return Ok(None);
    };
    let before = record::find(db, parent).await?;
    if before.chain_id != case.chain_id {
        return Ok(None);
    }
    let (_, status) = record::kinds(&before)?;
    Ok((status != Status::Selesai).then_some(before))
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
    // Another desk's step on the same person waits for this one (PostgreSQL).
    store::hold_person(txn, case.applicant_id).await?;
    let case = record::find(txn, case_id).await?;
    let (layanan, from) = record::kinds(&case)?;
    if !matches!(action, Action::Tolak | Action::Batalkan)
        && let Some(before) = waiting_for(txn, &case).await?
    {
        let (l, _) = record::kinds(&before)?;
        return Err(Error::field(
            "action",
            format!(
                "Permohonan ini berjalan setelah {} ({}) selesai.",
                before.nomor,
                l.label()
            ),
        ));
    }
    if !matches!(action, Action::Tolak | Action::Batalkan) {
        super::guard::certificates_stand(txn, &case).await?;
    }
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
    let note =
        crate::text::lines(&input.note, "Catatan", 1000).map_err(|m| Error::field("note", m))?;
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
            let missing = checklist::missing(txn, case.id).await?;
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
            let reasons = catalogue::reject_reasons(txn).await?;
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
        note: Set(note.clone()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    super::due::refresh(txn, case.id, act.now()).await?;
    tell(txn, act, &case, layanan, action, input, &note).await?;
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

/// Queues the applicant's message about the step, in the step's transaction:
/// missing documents (which, with the note), the wait for BSrE's e-mail, and
/// the end of the service. A rejection is told with its numbered letter
/// (queued when the letter is issued).
async fn tell(
    txn: &DatabaseTransaction,
    act: &Acting<'_>,
    case: &cases::Model,
    layanan: Layanan,
    action: Action,
    input: &TransitionInput,
    note: &str,
) -> Result<()> {
    let day = |s: &str| {
        chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_else(|_| "-".into())
    };
    let (peristiwa, values): (Peristiwa, Vec<(&'static str, String)>) = match (action, layanan) {
        (Action::BerkasKurang, _) => {
            let missing = checklist::missing(txn, case.id).await?;
            let list = if missing.is_empty() {
                "- (lihat catatan petugas)".to_string()
            } else {
                missing
                    .iter()
                    .map(|m| format!("- {m}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            (
                Peristiwa::BerkasKurang,
                vec![("berkas_kurang", list), ("catatan", note.to_string())],
            )
        }
        (Action::TungguPemohon, _) => (Peristiwa::MenungguPemohon, vec![]),
        (Action::Selesai, Layanan::Pencabutan) => (
            Peristiwa::Dicabut,
            vec![(
                "alasan",
                case.revocation_reason
                    .as_deref()
                    .and_then(RevocationReason::parse)
                    .map_or_else(|| "-".to_string(), |r| r.label().to_string()),
            )],
        ),
        (Action::Selesai, Layanan::PerubahanData) => (Peristiwa::DataBerubah, vec![]),
        (Action::Selesai, _) => (
            Peristiwa::Selesai,
            vec![
                ("berlaku_dari", day(&input.valid_from)),
                ("berlaku_sampai", day(&input.valid_to)),
            ],
        ),
        _ => return Ok(()),
    };
    crate::notices::outbox::queue_case(
        txn,
        act,
        CaseMessage {
            case,
            peristiwa,
            values: values.into_iter().collect(),
            lampiran: None,
            letter_id: None,
        },
    )
    .await?;
    Ok(())
}

/// What a finished case changes: the certificate a penerbitan or pembaruan
/// produced (a pembaruan's predecessor superseded), the person's data after
/// a perubahan data, the certificates a pencabutan names revoked.
async fn finish(
    txn: &DatabaseTransaction,
    act: &Acting<'_>,
    case: &cases::Model,
    layanan: Layanan,
    input: &TransitionInput,
) -> Result<()> {
    let form = forms::of_case(case)?;
    match layanan {
        Layanan::Penerbitan | Layanan::Pembaruan => {
            let validity = Validity {
                valid_from: input.valid_from.clone(),
                valid_to: input.valid_to.clone(),
                serial: input.serial.clone(),
            };
            let new = certificates::issue(txn, act, case, &validity.check()?).await?;
            if layanan == Layanan::Pembaruan {
                let replaced = match form {
                    Some(ServiceForm::Pembaruan { certificate_id }) => {
                        vec![certificates::of_person(txn, case.applicant_id, certificate_id).await?]
                    }
                    // A renewal opened before forms existed replaces every
                    // other certificate the person held.
                    _ => certificates::active(txn, case.applicant_id, act.today())
                        .await?
                        .into_iter()
                        .filter(|c| c.id != new.id)
                        .collect(),
                };
                certificates::end(txn, act, case, replaced, Ending::Superseded).await?;
            }
            certificates::one_active(txn, case.applicant_id, act.today(), "action").await
        }
        Layanan::Pencabutan => {
            let (reason, certs) = match form {
                Some(ServiceForm::Pencabutan {
                    certificate_ids,
                    alasan,
                    ..
                }) => {
                    let mut certs: Vec<certificate_rows::Model> = vec![];
                    for id in certificate_ids {
                        certs.push(certificates::of_person(txn, case.applicant_id, id).await?);
                    }
                    (alasan, certs)
                }
                // A revocation opened before forms existed: every active
                // certificate, for the reason on the case ("lainnya", RFC 5280
                // code 0, when it had none).
                _ => {
                    let reason = match case.revocation_reason.as_deref() {
                        Some(r) => RevocationReason::stored(
                            r,
                            format_args!("alasan pencabutan {}", case.nomor),
                        )?,
                        None => RevocationReason::Lainnya,
                    };
                    (
                        reason,
                        certificates::active(txn, case.applicant_id, act.today()).await?,
                    )
                }
            };
            certificates::end(txn, act, case, certs, Ending::Revoked(reason)).await
        }
        Layanan::PerubahanData => {
            if let Some(ServiceForm::PerubahanData { perubahan, alasan }) = form {
                changes::apply(
                    txn,
                    act,
                    case.applicant_id,
                    &perubahan,
                    &ChangeRecord {
                        kind: ChangeKind::PerubahanData,
                        case_id: Some(case.id),
                        reason: &alasan,
                        expected_version: None,
                    },
                )
                .await?;
            }
            Ok(())
        }
    }
}
