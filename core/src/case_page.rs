//! The case page: a case with everything its page shows (applicant contact
//! data, history, checklist, linked cases, the applicant's certificates, the
//! documents, what the desk may do next and the letter the status calls for).
//! A read-model above `cases`, `certificates`, `documents` and `letters`,
//! which never import it.

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, ModelTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use ts_rs::TS;

use crate::Result;
use crate::applicants::changes;
use crate::cases::approval::{self, PendingCorrection};
use crate::cases::forms::{self, FormView};
use crate::cases::record::{self, CaseRow};
use crate::cases::takeback::{self, TakeBackView};
use crate::cases::transitions;
use crate::cases::values::{self, CorrectableValue};
use crate::certificates::{self, CertificateRow};
use crate::documents::{self, DocumentRow};
use crate::entities::{case_events, case_requirements, cases};
use crate::letters::register;
use crate::lifecycle::flow::{self, Action, EntryKind};
use crate::lifecycle::vocabulary::{Layanan, Pihak, RevocationReason, Status};
use crate::office::kinds::Jenis;

/// One step of a case's history.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CaseEvent {
    pub at: String,
    pub actor: String,
    pub from_status: Option<Status>,
    pub to_status: Status,
    pub note: String,
    /// A step, a step taken back ("Mundur") or a value corrected ("Koreksi").
    pub kind: EntryKind,
}

/// One item of a case's checklist.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RequirementRow {
    pub code: String,
    pub label: String,
    pub wajib: bool,
    pub checked: bool,
    pub checked_by: Option<String>,
}

/// Another case linked to this one, and how.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct LinkedCase {
    #[ts(type = "number")]
    pub id: i64,
    pub nomor: String,
    pub layanan: Layanan,
    pub status: Status,
    pub relation: Relation,
}

/// How a linked case relates to this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Relation {
    /// This case follows it (a re-application's rejected case, the chain's case before).
    Induk,
    /// It follows this case.
    Lanjutan,
    /// Another case of the same data-change chain.
    Rantai,
}

impl Relation {
    /// The word the desk uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Induk => "induk",
            Relation::Lanjutan => "lanjutan",
            Relation::Rantai => "rantai",
        }
    }
}

/// A case with its applicant's contact data, history, checklist, links,
/// the applicant's certificates and what the desk may do next.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CaseDetail {
    pub case: CaseRow,
    #[ts(type = "number")]
    pub applicant_id: i64,
    pub email: String,
    pub telepon: String,
    pub jabatan: String,
    pub created_by: String,
    pub ams_ref: Option<String>,
    pub reason_code: Option<String>,
    pub reason_note: Option<String>,
    pub rejected_by: Option<Pihak>,
    pub revocation_reason: Option<RevocationReason>,
    pub events: Vec<CaseEvent>,
    pub requirements: Vec<RequirementRow>,
    pub actions: Vec<Action>,
    pub can_reopen: bool,
    /// The checklist can still be ticked (the file is being completed).
    pub checklist_editable: bool,
    /// The case is still open: documents can be attached.
    pub open: bool,
    pub linked: Vec<LinkedCase>,
    pub certificates: Vec<CertificateRow>,
    pub documents: Vec<DocumentRow>,
    /// The letter the case's status calls for and does not have yet.
    pub letter_to_draft: Option<Jenis>,
    /// The service's own form (none for cases opened before forms existed).
    pub form: Option<FormView>,
    /// The case before this one in its chain, while it is not done: until
    /// then this case can only be cancelled or rejected.
    pub waiting_for: Option<LinkedCase>,
    /// The applicant's record version (a correction is refused when it changed).
    pub applicant_version: i32,
    /// The messages to the applicant about this case: queued, sent or failed.
    pub surel: Vec<crate::notices::outbox::MessageRow>,
    /// Taking the last step back: where to, or why not.
    pub take_back: TakeBackView,
    /// The recorded values the desk may correct, as they stand.
    pub correctable: Vec<CorrectableValue>,
    /// Corrections of this case waiting for a second person's approval.
    pub pending_corrections: Vec<PendingCorrection>,
}

/// A stored optional value of a case, parsed; an unknown one is a corrupt record.
fn optional<T>(
    value: Option<&str>,
    parse: impl Fn(&str, String) -> Result<T>,
    what: String,
) -> Result<Option<T>> {
    value.map(|v| parse(v, what)).transpose()
}

/// A case with everything its page shows; history oldest step first.
pub async fn get_case(db: &impl ConnectionTrait, id: i64, today: NaiveDate) -> Result<CaseDetail> {
    let (c, a) = record::find_with_applicant(db, id).await?;
    let (layanan, status) = record::kinds(&c)?;
    let events = c
        .find_related(case_events::Entity)
        .order_by_asc(case_events::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|e| {
            let what = |field: &str| format!("{field} riwayat #{} permohonan {}", e.id, c.nomor);
            Ok(CaseEvent {
                from_status: optional(
                    e.from_status.as_deref(),
                    Status::stored,
                    what("status awal"),
                )?,
                to_status: Status::stored(&e.to_status, what("status"))?,
                kind: EntryKind::of_stored(e.kind.as_deref(), what("jenis"))?,
                at: e.at.to_rfc3339(),
                actor: e.actor,
                note: e.note,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let requirements = case_requirements::Entity::find()
        .filter(case_requirements::Column::CaseId.eq(c.id))
        .order_by_asc(case_requirements::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| RequirementRow {
            code: r.code,
            label: r.label,
            wajib: r.wajib,
            checked: r.checked,
            checked_by: r.checked_by,
        })
        .collect();
    let mut linked = Vec::new();
    let related = cases::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(cases::Column::Id.eq(c.parent_id.unwrap_or(-1)))
                .add(cases::Column::ParentId.eq(c.id))
                .add(cases::Column::ChainId.eq(c.chain_id.unwrap_or(-1))),
        )
        .order_by_asc(cases::Column::Id)
        .all(db)
        .await?;
    for other in related.into_iter().filter(|o| o.id != c.id) {
        let (l, s) = record::kinds(&other)?;
        let relation = if Some(other.id) == c.parent_id {
            Relation::Induk
        } else if other.parent_id == Some(c.id) {
            Relation::Lanjutan
        } else {
            Relation::Rantai
        };
        linked.push(LinkedCase {
            id: other.id,
            nomor: other.nomor,
            layanan: l,
            status: s,
            relation,
        });
    }
    let what = |field: &str| format!("{field} permohonan {}", c.nomor);
    let form = match forms::of_case(&c)? {
        Some(f) => {
            let before = changes::before_of_case(db, c.id).await?;
            Some(forms::view(&f, &a, before.as_ref()))
        }
        None => None,
    };
    let waiting_for = match transitions::waiting_for(db, &c).await? {
        Some(before) => {
            let (l, s) = record::kinds(&before)?;
            Some(LinkedCase {
                id: before.id,
                nomor: before.nomor,
                layanan: l,
                status: s,
                relation: Relation::Induk,
            })
        }
        None => None,
    };
    let mut actions = flow::actions(layanan, status);
    if waiting_for.is_some() {
        actions.retain(|a| matches!(a, Action::Tolak | Action::Batalkan));
    }
    Ok(CaseDetail {
        applicant_id: a.id,
        email: a.email.clone(),
        telepon: a.telepon.clone(),
        jabatan: a.jabatan.clone(),
        created_by: c.created_by.clone(),
        ams_ref: c.ams_ref.clone(),
        reason_code: c.reason_code.clone(),
        reason_note: c.reason_note.clone(),
        rejected_by: optional(c.rejected_by.as_deref(), Pihak::stored, what("penolak"))?,
        revocation_reason: optional(
            c.revocation_reason.as_deref(),
            RevocationReason::stored,
            what("alasan pencabutan"),
        )?,
        actions,
        form,
        waiting_for,
        applicant_version: a.version,
        can_reopen: status == Status::Ditolak,
        checklist_editable: flow::checklist_editable(status),
        open: !flow::is_final(status),
        certificates: certificates::of_applicant(db, a.id, today).await?,
        documents: documents::of_case(db, c.id).await?,
        surel: crate::notices::outbox::for_case(db, c.id).await?,
        take_back: takeback::view(db, &c).await?,
        correctable: values::correctable(db, c.id).await?,
        pending_corrections: approval::pending(db, Some(c.id)).await?,
        letter_to_draft: register::to_draft(db, c.id, layanan, status).await?,
        case: record::row(c, &a)?,
        events,
        requirements,
        linked,
    })
}
