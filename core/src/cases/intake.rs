//! Opening cases: any of the four services for any walk-in (a person on
//! record, or one registered in the same form, with a certificate they hold
//! from outside Loket recorded on the way), the chain a data change opens,
//! and the re-application of a rejected case. Each opens in one transaction
//! with its registration number (or the one a kiosk receipt already gave),
//! first history step, checklist, service form and audit entry.

use chrono::Datelike;
use rand::{CryptoRng, RngCore};
use sea_orm::{ActiveModelTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::checklist;
use super::forms::{self, ServiceForm, ServiceFormInput};
use super::record::{self, CaseRow};
use crate::applicants::check::{self, ApplicantInput, FieldReport};
use crate::applicants::registry::{self, Audience};
use crate::audit::{Acting, Entry};
use crate::certificates::{self, Validity};
use crate::entities::{applicants as applicant_rows, case_events, cases};
use crate::error::to_json;
use crate::lifecycle::vocabulary::{Kanal, Layanan, RevocationReason, Status};
use crate::notices::outbox::{CaseMessage, Lampiran};
use crate::notices::templates::Peristiwa;
use crate::{Error, Result, store};

/// Any service for a walk-in: a person on record (`applicant_id`) or one
/// registered in the same form (`applicant`).
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct NewService {
    pub layanan: Option<Layanan>,
    pub kanal: Kanal,
    #[ts(type = "number | null")]
    pub applicant_id: Option<i64>,
    /// A person not yet on record (when `applicant_id` is empty).
    pub applicant: Option<ApplicantInput>,
    /// A certificate the person already holds, recorded from outside Loket
    /// on the way (its field messages are keyed `luar.valid_from` ...).
    pub sertifikat_luar: Option<Validity>,
    pub form: ServiceFormInput,
    pub note: String,
    /// The desk gave the person the privacy notice (UU 27/2022 Pasal 16 and
    /// 20: what is collected, why, how long, their rights), as the kiosk asks
    /// before its form. Required when the person is registered at this
    /// intake (their data is collected now); a person on record was told
    /// when theirs was. Recorded in the audit log whenever given.
    #[serde(default)]
    pub pemberitahuan_privasi: bool,
}

/// Where a walk-in's missing privacy notice is named.
const PRIVACY_FIELD: &str = "pemberitahuan_privasi";
const PRIVACY_MISSING: &str =
    "Sampaikan pemberitahuan privasi kepada pemohon, lalu centang bahwa sudah disampaikan.";

/// Records, inside `txn`, that the person of case `case_id` was given the
/// privacy notice (`kanal`: where: the counter, or the kiosk's form).
pub(crate) async fn record_privacy_notice(
    txn: &DatabaseTransaction,
    act: &Acting<'_>,
    case_id: i64,
    kanal: Kanal,
) -> Result<()> {
    act.record(
        txn,
        Entry::new(
            "case.privacy_notice",
            "case",
            case_id,
            serde_json::json!({ "kanal": kanal.as_str() }),
        ),
    )
    .await?;
    Ok(())
}

/// Checks an applicant for the intake form without saving: errors and warnings per field.
pub async fn review_applicant(
    db: &DatabaseConnection,
    input: &ApplicantInput,
    today: chrono::NaiveDate,
) -> Result<FieldReport> {
    Ok(check::check_with_db(db, input, today)
        .await?
        .1
        .with_english())
}

/// A new person's data checked with the fields that had warnings (recorded
/// with the case), or the refusal with every field's message.
async fn checked(
    db: &impl sea_orm::ConnectionTrait,
    input: &ApplicantInput,
    act: &Acting<'_>,
) -> Result<(check::ValidApplicant, Vec<String>)> {
    let (valid, report) = check::check_with_db(db, input, act.today()).await?;
    let warnings = report.warnings.keys().cloned().collect();
    let valid = valid.ok_or_else(|| Error::Invalid {
        message: "Data pemohon belum benar; tidak ada yang disimpan.".into(),
        fields: report.errors,
    })?;
    Ok((valid, warnings))
}

struct NewCaseRow {
    /// A registration number the applicant already holds (a kiosk receipt);
    /// otherwise the next one is taken.
    nomor: Option<String>,
    applicant_id: i64,
    layanan: Layanan,
    kanal: Kanal,
    parent_id: Option<i64>,
    chain_id: Option<i64>,
    revocation_reason: Option<RevocationReason>,
    form: Option<ServiceForm>,
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
    let nomor = match new.nomor {
        Some(n) => n,
        None => next_registration_number(txn, now).await?,
    };
    let applicant = applicant_rows::Entity::find_by_id(new.applicant_id)
        .one(txn)
        .await?
        .ok_or(Error::NotFound("pemohon"))?;
    let case = cases::ActiveModel {
        nomor: Set(nomor.clone()),
        applicant_id: Set(new.applicant_id),
        instansi: Set(applicant.instansi.clone()),
        unit_kerja: Set(applicant.unit_kerja.clone()),
        layanan: Set(new.layanan.as_str().into()),
        status: Set(Status::Diterima.as_str().into()),
        kanal: Set(new.kanal.as_str().into()),
        created_by: Set(act.name()),
        created_at: Set(now),
        updated_at: Set(now),
        parent_id: Set(new.parent_id),
        chain_id: Set(new.chain_id),
        revocation_reason: Set(new.revocation_reason.map(|r| r.as_str().to_string())),
        form: Set(new.form.as_ref().map(to_json).transpose()?),
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
    super::due::refresh(txn, case.id, act.now()).await?;
    checklist::insert_checklist(txn, case.id, new.layanan).await?;
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
    // The applicant hears that it was received, with the receipt; a chain
    // opened at once is one application, told once (by its first case).
    if new.parent_id.is_none() {
        let due = super::due::of_case(txn, case.id, now).await?;
        crate::notices::outbox::queue_case(
            txn,
            act,
            CaseMessage {
                case: &case,
                peristiwa: Peristiwa::Diterima,
                values: [(
                    "perkiraan_selesai",
                    super::due::promise_text(&due, *act.now().offset()),
                )]
                .into_iter()
                .collect(),
                lampiran: Some(Lampiran::TandaTerima),
                letter_id: None,
            },
        )
        .await?;
    }
    Ok(case)
}

/// Takes the next registration number (`REG-2026-00001`) of the year of `now`.
pub(crate) async fn next_registration_number(
    txn: &DatabaseTransaction,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<String> {
    // On PostgreSQL through the owner's function, the only way a kiosk PC's
    // own role may move the counter (see the migration `kiosk_functions`).
    use sea_orm::ConnectionTrait as _;
    let serial = if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        txn.query_one_raw(sea_orm::Statement::from_sql_and_values(
            sea_orm::DbBackend::Postgres,
            "select loket_next_registration($1)",
            [now.year().into()],
        ))
        .await?
        .ok_or_else(|| Error::Corrupt("penghitung registrasi tidak memberi nilai".into()))?
        .try_get_by_index::<i64>(0)?
    } else {
        store::next_counter(txn, &format!("registrasi/{}", now.year())).await?
    };
    Ok(format!("REG-{}-{serial:05}", now.year()))
}

/// Opens any service for a walk-in, in one transaction: the person is taken
/// from the record or registered, a certificate they hold from outside Loket
/// is recorded, the service's form is checked, and the case opens. A
/// perubahan data for a holder of an active certificate opens the whole chain,
/// in order: the data change, the revocation it requires (reason: data
/// changed, RFC 5280 code 4) and the new issuance; each moves only after the
/// one before is done. Returns the (first) case opened.
pub async fn open_service(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    rng: &mut (impl RngCore + CryptoRng),
    input: &NewService,
) -> Result<CaseRow> {
    let txn = store::begin_write(db).await?;
    let opened = open_service_in(&txn, act, rng, input, None).await;
    // A missing notice is named beside the form's other problems; nothing
    // is written (the transaction is dropped).
    let told = input.pemberitahuan_privasi || input.applicant_id.is_some();
    let (head, applicant) = match (told, opened) {
        (true, opened) => opened?,
        (
            false,
            Err(Error::Invalid {
                message,
                mut fields,
            }),
        ) => {
            fields.insert(PRIVACY_FIELD.into(), PRIVACY_MISSING.into());
            return Err(Error::Invalid { message, fields });
        }
        (false, Err(e)) => return Err(e),
        (false, Ok(_)) => return Err(Error::field(PRIVACY_FIELD, PRIVACY_MISSING)),
    };
    if input.pemberitahuan_privasi {
        record_privacy_notice(&txn, act, head.id, input.kanal).await?;
    }
    txn.commit().await?;
    record::row(head, &applicant)
}

/// [`open_service`] inside the caller's write transaction. `nomor` keeps a
/// registration number the applicant already holds (a kiosk receipt) for the
/// first case. Returns the first case and the person.
pub(crate) async fn open_service_in(
    txn: &DatabaseTransaction,
    act: &Acting<'_>,
    rng: &mut (impl RngCore + CryptoRng),
    input: &NewService,
    nomor: Option<String>,
) -> Result<(cases::Model, applicant_rows::Model)> {
    let layanan = input
        .layanan
        .ok_or_else(|| Error::field("layanan", "Pilih layanan."))?;
    let (new_person, warnings) = match (input.applicant_id, &input.applicant) {
        (Some(_), _) => (None, vec![]),
        (None, Some(a)) => {
            let (valid, warnings) = checked(txn, a, act).await?;
            (Some(valid), warnings)
        }
        (None, None) => {
            return Err(Error::field(
                "applicant_id",
                "Cari pemohon yang sudah terdaftar, atau isi data pemohon baru.",
            ));
        }
    };
    let applicant = match (input.applicant_id, new_person) {
        (Some(id), _) => applicant_rows::Entity::find_by_id(id)
            .one(txn)
            .await?
            .ok_or(Error::NotFound("Pemohon"))?,
        (None, Some(valid)) => {
            registry::insert(txn, act.key(), rng, &valid, act.now(), Audience::Desk).await?
        }
        (None, None) => return Err(Error::NotFound("Pemohon")),
    };
    // One running service per person: two would contradict each other on
    // the person's certificate (a renewal of a certificate a data change
    // revokes, a second certificate beside the first).
    store::hold_person(txn, applicant.id).await?;
    if let Some(other) = super::guard::running_other(txn, applicant.id, None).await? {
        return Err(super::guard::still_running("layanan", &other)?);
    }
    let recorded = match &input.sertifikat_luar {
        Some(v) => Some(
            certificates::record_external_in(txn, act, applicant.id, v)
                .await
                .map_err(|e| forms::prefixed(e, "luar."))?
                .id,
        ),
        None => None,
    };
    let active = certificates::active(txn, applicant.id, act.today()).await?;
    if layanan == Layanan::Penerbitan && !active.is_empty() {
        return Err(Error::field(
            "layanan",
            format!(
                "Pemohon masih memegang sertifikat aktif sampai {}; gunakan layanan pembaruan.",
                active[0].valid_to.format("%d/%m/%Y")
            ),
        ));
    }
    let form = forms::prepare(txn, act, rng, layanan, &applicant, &input.form, recorded).await?;
    let revocation_reason = match &form {
        ServiceForm::Pencabutan { alasan, .. } => Some(*alasan),
        _ => None,
    };
    let corrects_nik =
        matches!(&form, ServiceForm::PerubahanData { perubahan, .. } if perubahan.corrects_nik());
    // The certificates whose earlier Surat Rekomendasi the service asks for.
    let recommended: Vec<i64> = match &form {
        ServiceForm::Pembaruan { certificate_id } => vec![*certificate_id],
        ServiceForm::Pencabutan {
            certificate_ids, ..
        } => certificate_ids.clone(),
        _ => vec![],
    };
    let note = match input.note.trim() {
        "" => format!("Permohonan {} diterima.", layanan.label()),
        n => n.to_string(),
    };
    let mut head = insert_case(
        txn,
        act,
        NewCaseRow {
            nomor,
            applicant_id: applicant.id,
            layanan,
            kanal: input.kanal,
            parent_id: None,
            chain_id: None,
            revocation_reason,
            form: Some(form),
            note,
            warnings,
        },
    )
    .await?;
    super::previous::link(txn, act, &head, &recommended).await?;
    if corrects_nik {
        // A corrected NIK is checked against the KTP.
        checklist::add(txn, head.id, "ktp", "Foto KTP (koreksi NIK)", true).await?;
    }
    if layanan == Layanan::PerubahanData && !active.is_empty() {
        let mut head_am: cases::ActiveModel = head.clone().into();
        head_am.chain_id = Set(Some(head.id));
        head = head_am.update(txn).await?;
        let revocation = insert_case(
            txn,
            act,
            NewCaseRow {
                nomor: None,
                applicant_id: applicant.id,
                layanan: Layanan::Pencabutan,
                kanal: input.kanal,
                parent_id: Some(head.id),
                chain_id: Some(head.id),
                revocation_reason: Some(RevocationReason::DataBerubah),
                form: Some(ServiceForm::Pencabutan {
                    certificate_ids: active.iter().map(|c| c.id).collect(),
                    alasan: RevocationReason::DataBerubah,
                    berlaku_mulai: act.today(),
                    pernyataan: format!(
                        "Sertifikat dicabut karena data pemohon berubah ({}).",
                        head.nomor
                    ),
                }),
                note: format!("Pencabutan karena perubahan data ({}).", head.nomor),
                warnings: vec![],
            },
        )
        .await?;
        insert_case(
            txn,
            act,
            NewCaseRow {
                nomor: None,
                applicant_id: applicant.id,
                layanan: Layanan::Penerbitan,
                kanal: input.kanal,
                parent_id: Some(revocation.id),
                chain_id: Some(head.id),
                revocation_reason: None,
                form: Some(ServiceForm::Penerbitan),
                note: format!("Penerbitan baru setelah perubahan data ({}).", head.nomor),
                warnings: vec![],
            },
        )
        .await?;
    }
    Ok((head, applicant))
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
            nomor: None,
            applicant_id: old.applicant_id,
            layanan,
            kanal: record::kanal(&old)?,
            parent_id: Some(old.id),
            chain_id: old.chain_id,
            revocation_reason,
            form: forms::of_case(&old)?,
            note: format!("Diajukan kembali setelah {} ditolak.", old.nomor),
            warnings: vec![],
        },
    )
    .await?;
    txn.commit().await?;
    record::row(case, &applicant)
}
