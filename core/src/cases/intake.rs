//! Opening cases: the intake of a penerbitan with a new applicant (at the
//! desk or the kiosk), a further service for an applicant on record (with the
//! chain a data change opens), and the re-application of a rejected case.
//! Each opens in one transaction with its registration number, first history
//! step, checklist and audit entry.

use chrono::Datelike;
use rand::{CryptoRng, RngCore};
use sea_orm::{
    ActiveModelTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, ModelTrait, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::flow;
use super::record::{self, CaseRow};
use super::requirements;
use super::vocabulary::{Kanal, Layanan, RevocationReason, Status};
use crate::applicants::{self, ApplicantInput, FieldReport};
use crate::audit::{Acting, Entry};
use crate::certificates;
use crate::entities::{applicants as applicant_rows, case_events, cases};
use crate::{Error, Result, store};

/// Intake of a new penerbitan (first certificate).
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct NewPenerbitan {
    pub applicant: ApplicantInput,
    pub kanal: Kanal,
}

/// A new case for an applicant already on record.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct OpenCase {
    #[ts(type = "number")]
    pub applicant_id: i64,
    pub layanan: Layanan,
    pub kanal: Kanal,
    /// Pencabutan only.
    pub revocation_reason: Option<RevocationReason>,
    /// Pembaruan only: the desk checked the applicant's data in AMS and nothing changed.
    pub data_dikonfirmasi: bool,
    pub note: String,
}

/// Checks an applicant for the intake form without saving: errors and warnings per field.
pub async fn review_applicant(
    db: &DatabaseConnection,
    input: &ApplicantInput,
    today: chrono::NaiveDate,
) -> Result<FieldReport> {
    Ok(applicants::check_with_db(db, input, today).await?.1)
}

/// Records a new applicant and opens a penerbitan case for them, in one
/// transaction with its history, checklist and audit entries.
pub async fn open_penerbitan(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    rng: &mut (impl RngCore + CryptoRng),
    input: &NewPenerbitan,
) -> Result<CaseRow> {
    penerbitan(db, act, rng, input, applicants::Audience::Desk).await
}

/// An application submitted at the kiosk: the channel is the kiosk whatever
/// the form says, the applicant gets back only the registration number, and a
/// NIK already registered is refused without naming its holder.
pub async fn submit_from_kiosk(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    rng: &mut (impl RngCore + CryptoRng),
    input: &NewPenerbitan,
) -> Result<String> {
    let input = NewPenerbitan {
        applicant: input.applicant.clone(),
        kanal: Kanal::Kiosk,
    };
    let row = penerbitan(db, act, rng, &input, applicants::Audience::Public).await?;
    Ok(row.nomor)
}

async fn penerbitan(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    rng: &mut (impl RngCore + CryptoRng),
    input: &NewPenerbitan,
    audience: applicants::Audience,
) -> Result<CaseRow> {
    let (valid, report) = applicants::check_with_db(db, &input.applicant, act.today()).await?;
    let Some(valid) = valid else {
        return Err(Error::Invalid {
            message: "Data pemohon belum benar; tidak ada yang disimpan.".into(),
            fields: report.errors,
        });
    };
    let txn = store::begin_write(db).await?;
    let applicant = applicants::insert(&txn, act.key(), rng, &valid, act.now(), audience).await?;
    let case = insert_case(
        &txn,
        act,
        NewCaseRow {
            applicant_id: applicant.id,
            layanan: Layanan::Penerbitan,
            kanal: input.kanal,
            parent_id: None,
            chain_id: None,
            revocation_reason: None,
            note: "Permohonan penerbitan diterima.".into(),
            warnings: report.warnings.keys().cloned().collect(),
        },
    )
    .await?;
    txn.commit().await?;
    record::row(case, &applicant)
}

struct NewCaseRow {
    applicant_id: i64,
    layanan: Layanan,
    kanal: Kanal,
    parent_id: Option<i64>,
    chain_id: Option<i64>,
    revocation_reason: Option<RevocationReason>,
    note: String,
    warnings: Vec<String>,
}

/// Inserts a case with its registration number, first history step, checklist
/// and audit entry, inside the caller's write transaction.
async fn insert_case(
    txn: &DatabaseTransaction,
    act: &Acting<'_>,
    new: NewCaseRow,
) -> Result<cases::Model> {
    let now = act.now();
    let serial = store::next_counter(txn, &format!("registrasi/{}", now.year())).await?;
    let nomor = format!("REG-{}-{serial:05}", now.year());
    let case = cases::ActiveModel {
        nomor: Set(nomor.clone()),
        applicant_id: Set(new.applicant_id),
        layanan: Set(new.layanan.as_str().into()),
        status: Set(Status::Diterima.as_str().into()),
        kanal: Set(new.kanal.as_str().into()),
        created_by: Set(act.name()),
        created_at: Set(now),
        updated_at: Set(now),
        parent_id: Set(new.parent_id),
        chain_id: Set(new.chain_id),
        revocation_reason: Set(new.revocation_reason.map(|r| r.as_str().to_string())),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    case_events::ActiveModel {
        case_id: Set(case.id),
        at: Set(now),
        actor: Set(act.name()),
        from_status: Set(None),
        to_status: Set(Status::Diterima.as_str().into()),
        note: Set(new.note),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    requirements::insert_checklist(txn, case.id, new.layanan).await?;
    act.record(
        txn,
        Entry::new(
            "case.open",
            "case",
            case.id,
            serde_json::json!({
                "nomor": nomor,
                "layanan": new.layanan.as_str(),
                "applicant_id": new.applicant_id,
                "parent_id": new.parent_id,
                "chain_id": new.chain_id,
                "warnings": new.warnings,
            }),
        ),
    )
    .await?;
    Ok(case)
}

/// Opens a case for an applicant on record. A perubahan data for an applicant
/// holding an active certificate opens the whole chain: the data change, the
/// revocation it requires (reason: data changed, RFC 5280 code 4) and the new
/// issuance. Returns the (first) case opened.
pub async fn open_case(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    input: &OpenCase,
) -> Result<CaseRow> {
    let txn = store::begin_write(db).await?;
    let applicant = applicant_rows::Entity::find_by_id(input.applicant_id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound("Pemohon"))?;
    for c in applicant.find_related(cases::Entity).all(&txn).await? {
        let (layanan, status) = record::kinds(&c)?;
        if layanan == input.layanan && !flow::is_final(status) {
            return Err(Error::field(
                "layanan",
                format!(
                    "Masih ada permohonan {} yang berjalan untuk pemohon ini.",
                    c.nomor
                ),
            ));
        }
    }
    let active = certificates::active(&txn, applicant.id, act.today()).await?;
    match input.layanan {
        Layanan::Penerbitan if !active.is_empty() => {
            return Err(Error::field(
                "layanan",
                format!(
                    "Pemohon masih memegang sertifikat aktif sampai {}; gunakan layanan pembaruan.",
                    active[0].valid_to.format("%d-%m-%Y")
                ),
            ));
        }
        Layanan::Pembaruan if !input.data_dikonfirmasi => {
            return Err(Error::field(
                "data_dikonfirmasi",
                "Pastikan dulu data pemohon di AMS tidak berubah. Bila berubah, ajukan perubahan data.",
            ));
        }
        Layanan::Pencabutan if input.revocation_reason.is_none() => {
            return Err(Error::field(
                "revocation_reason",
                "Pilih alasan pencabutan.",
            ));
        }
        _ => {}
    }
    let note = match input.note.trim() {
        "" => format!("Permohonan {} diterima.", input.layanan.label()),
        n => n.to_string(),
    };
    let mut head = insert_case(
        &txn,
        act,
        NewCaseRow {
            applicant_id: applicant.id,
            layanan: input.layanan,
            kanal: input.kanal,
            parent_id: None,
            chain_id: None,
            revocation_reason: input
                .revocation_reason
                .filter(|_| input.layanan == Layanan::Pencabutan),
            note,
            warnings: vec![],
        },
    )
    .await?;
    if input.layanan == Layanan::PerubahanData && !active.is_empty() {
        let mut head_am: cases::ActiveModel = head.clone().into();
        head_am.chain_id = Set(Some(head.id));
        head = head_am.update(&txn).await?;
        for (layanan, revocation, note) in [
            (
                Layanan::Pencabutan,
                Some(RevocationReason::DataBerubah),
                format!("Pencabutan karena perubahan data ({}).", head.nomor),
            ),
            (
                Layanan::Penerbitan,
                None,
                format!("Penerbitan baru setelah perubahan data ({}).", head.nomor),
            ),
        ] {
            insert_case(
                &txn,
                act,
                NewCaseRow {
                    applicant_id: applicant.id,
                    layanan,
                    kanal: input.kanal,
                    parent_id: Some(head.id),
                    chain_id: Some(head.id),
                    revocation_reason: revocation,
                    note,
                    warnings: vec![],
                },
            )
            .await?;
        }
    }
    txn.commit().await?;
    record::row(head, &applicant)
}

/// Re-opens a rejected case as a new case of the same service, linked to it.
pub async fn reopen(db: &DatabaseConnection, act: &Acting<'_>, case_id: i64) -> Result<CaseRow> {
    let txn = store::begin_write(db).await?;
    let (old, applicant) = record::find_with_applicant(&txn, case_id).await?;
    let (layanan, status) = record::kinds(&old)?;
    if status != Status::Ditolak {
        return Err(Error::field(
            "action",
            "Hanya permohonan yang ditolak yang dapat diajukan kembali.",
        ));
    }
    let revocation_reason = old
        .revocation_reason
        .as_deref()
        .map(|r| RevocationReason::stored(r, format_args!("alasan pencabutan {}", old.nomor)))
        .transpose()?;
    let case = insert_case(
        &txn,
        act,
        NewCaseRow {
            applicant_id: old.applicant_id,
            layanan,
            kanal: record::kanal(&old)?,
            parent_id: Some(old.id),
            chain_id: old.chain_id,
            revocation_reason,
            note: format!("Diajukan kembali setelah {} ditolak.", old.nomor),
            warnings: vec![],
        },
    )
    .await?;
    txn.commit().await?;
    record::row(case, &applicant)
}
