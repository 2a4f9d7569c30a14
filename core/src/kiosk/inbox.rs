//! The kiosk inbox: submissions sealed at the kiosk, and the desk's
//! decisions on them (accept as a case, or discard with a reason).
//!
//! What is stored in clear is only what the desk's list needs and an
//! applicant can see on their receipt: the registration number, the service,
//! which kiosk and when. Name, NIK and everything else are inside the sealed
//! box, together with the number and service, so a row edited in the
//! database file, or a sealed box moved to another row, is refused when a
//! desk opens it. The kiosk writes no audit entry (the audit chain is keyed
//! with the data key it does not hold); the desk's opening, acceptance and
//! discarding are audited.

use chrono::{DateTime, FixedOffset};
use rand::{CryptoRng, RngCore};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::applicants::check::{self, ApplicantInput};
use crate::applicants::{identity, registry};
use crate::audit::{Acting, Entry};
use crate::cases::forms::{Reader, ServiceFormInput, check_typed};
use crate::cases::intake::{self, NewService};
use crate::cases::record::{self, CaseRow};
use crate::entities::kiosk_inbox;
use crate::error::to_json;
use crate::lifecycle::vocabulary::{Kanal, Layanan};
use crate::secrets::KioskKey;
use crate::{Error, Result, store};

/// Where a submission stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum InboxStatus {
    /// Waiting for the desk.
    Baru,
    /// Accepted as a case.
    Diterima,
    /// Discarded with a reason.
    Dibuang,
}
text_enum!(InboxStatus { Baru => "baru", Diterima => "diterima", Dibuang => "dibuang" });

/// What an applicant fills in at the kiosk.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct KioskSubmission {
    pub layanan: Option<Layanan>,
    pub applicant: ApplicantInput,
    /// The service's own part; checked by the desk when it accepts the submission.
    #[serde(default)]
    pub form: ServiceFormInput,
    /// The applicant read the privacy notice and agreed to it.
    #[serde(default)]
    pub persetujuan_privasi: bool,
}

pub use super::receipt::KioskReceipt;

/// A submission as the desk's list shows it: no personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct InboxItem {
    #[ts(type = "number")]
    pub id: i64,
    pub nomor: String,
    pub layanan: Layanan,
    pub kiosk: String,
    #[ts(type = "string")]
    pub diterima: DateTime<FixedOffset>,
    pub status: InboxStatus,
    pub ditangani_oleh: Option<String>,
    pub alasan: Option<String>,
    #[ts(type = "number | null")]
    pub case_id: Option<i64>,
}

/// A submission opened at the desk.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct OpenedSubmission {
    pub item: InboxItem,
    pub submission: KioskSubmission,
    /// The person on record with the same NIK, whom accepting will reuse.
    #[ts(type = "number | null")]
    pub pemohon_terdaftar: Option<i64>,
}

/// The sealed content: the submission bound to its number and service.
#[derive(Serialize, Deserialize)]
struct Sealed {
    nomor: String,
    layanan: Layanan,
    submission: KioskSubmission,
}

/// Checks a kiosk submission and seals it into the inbox under the next
/// registration number, in one transaction. The checks are the ones a kiosk
/// can make without the data key: the service, the privacy agreement and
/// the applicant's data (whether the NIK is already registered is the
/// desk's question).
pub async fn submit(
    db: &DatabaseConnection,
    office: &KioskKey,
    kiosk: &str,
    now: DateTime<FixedOffset>,
    rng: &mut (impl RngCore + CryptoRng),
    input: &KioskSubmission,
) -> Result<KioskReceipt> {
    let now = crate::audit::truncate_micros(now);
    let (_, mut report) = check::check_with_db(db, &input.applicant, now.date_naive()).await?;
    let mut fields = std::mem::take(&mut report.errors);
    if let Some(layanan) = input.layanan {
        let today = now.date_naive();
        let typed = &input.form;
        let nik = &input.applicant.nik;
        fields.extend(check_typed(db, layanan, typed, nik, today, Reader::Applicant).await?);
        if layanan == Layanan::PerubahanData
            && input.form.data_baru.is_some()
            && !changes_something(input)
        {
            fields.insert(
                "baru".into(),
                "Ubah paling sedikit satu data pada kolom data baru.".into(),
            );
        }
    }
    if input.layanan.is_none() {
        fields.insert("layanan".into(), "Pilih layanan.".into());
    }
    if !input.persetujuan_privasi {
        fields.insert(
            "persetujuan_privasi".into(),
            "Baca pemberitahuan privasi dan setujui sebelum mengisi.".into(),
        );
    }
    if !fields.is_empty() {
        return Err(Error::Invalid {
            message: "Isian belum benar; permohonan belum dikirim.".into(),
            fields,
        });
    }
    let layanan = input
        .layanan
        .ok_or_else(|| Error::field("layanan", "Pilih layanan."))?;
    let txn = store::begin_write(db).await?;
    let nomor = intake::next_registration_number(&txn, now).await?;
    let sealed = office.seal(
        rng,
        to_json(&Sealed {
            nomor: nomor.clone(),
            layanan,
            submission: input.clone(),
        })?
        .as_bytes(),
    );
    // Added without reading the row back: a kiosk PC's own role may not
    // read what it sealed.
    kiosk_inbox::Entity::insert(kiosk_inbox::ActiveModel {
        nomor: Set(nomor.clone()),
        layanan: Set(layanan.as_str().into()),
        kiosk: Set(kiosk.into()),
        received_at: Set(now),
        sealed: Set(sealed),
        status: Set(InboxStatus::Baru.as_str().into()),
        status_check: Set(Some(super::status_key::check_value(
            rng,
            &nomor,
            &input.applicant.nik,
        )?)),
        ..Default::default()
    })
    .exec_without_returning(&txn)
    .await?;
    txn.commit().await?;
    super::receipt::receipt(db, nomor, layanan, now).await
}

/// Whether a data change asks to change anything: a new value that differs
/// from what the applicant typed as their data now, or a corrected NIK. The
/// kiosk compares with what was typed; the desk, holding the record, compares
/// with the record when it accepts.
fn changes_something(input: &KioskSubmission) -> bool {
    let f = &input.form;
    let a = &input.applicant;
    let now = [
        &a.nama,
        &a.nip,
        &a.email,
        &a.telepon,
        &a.jabatan,
        &a.unit_kerja,
        &a.instansi,
    ];
    let changed = f.data_baru.as_ref().is_some_and(|b| {
        let baru = [
            &b.nama,
            &b.nip,
            &b.email,
            &b.telepon,
            &b.jabatan,
            &b.unit_kerja,
            &b.instansi,
        ];
        now.iter().zip(baru).any(|(x, y)| x.trim() != y.trim())
    });
    changed || !identity::strip_separators(&f.nik_baru).is_empty()
}

/// The inbox, newest first: waiting submissions, or (with `all`) every one.
pub async fn list(db: &impl ConnectionTrait, all: bool) -> Result<Vec<InboxItem>> {
    use kiosk_inbox::Column as C;
    // Without the sealed contents: the list never needs them, and rows full
    // of sealed bytes (anyone can seal to the office's key) would fill the
    // desk's memory.
    let mut q = kiosk_inbox::Entity::find()
        .select_only()
        .columns([
            C::Id,
            C::Nomor,
            C::Layanan,
            C::Kiosk,
            C::ReceivedAt,
            C::Status,
            C::HandledBy,
            C::Reason,
            C::CaseId,
        ])
        .order_by_desc(C::ReceivedAt);
    if !all {
        q = q.filter(C::Status.eq(InboxStatus::Baru.as_str()));
    }
    q.into_tuple::<Listed>()
        .all(db)
        .await?
        .into_iter()
        .map(item)
        .collect()
}

/// How many submissions wait for the desk (the "Masuk dari kiosk" count).
pub async fn waiting(db: &impl ConnectionTrait) -> Result<u64> {
    Ok(kiosk_inbox::Entity::find()
        .filter(kiosk_inbox::Column::Status.eq(InboxStatus::Baru.as_str()))
        .count(db)
        .await?)
}

/// Opens a submission at the desk (audited: it shows personal data).
pub async fn open(db: &DatabaseConnection, act: &Acting<'_>, id: i64) -> Result<OpenedSubmission> {
    let row = find(db, id).await?;
    let submission = unsealed(act, &row)?;
    let known = known_person(db, act, &submission).await?;
    act.log(
        db,
        Entry::new(
            "kiosk.open",
            "kiosk_inbox",
            row.id,
            serde_json::json!({ "nomor": row.nomor }),
        ),
    )
    .await?;
    Ok(OpenedSubmission {
        item: item(listed(&row))?,
        submission,
        pemohon_terdaftar: known,
    })
}

/// Accepts a waiting submission as a case under the number on the
/// applicant's receipt (kanal kiosk), in one transaction with its audit
/// entry. A person already on record with the same NIK is reused (their
/// data is not overwritten from the kiosk); otherwise they are registered.
/// The service's form is checked here as at the desk, and a refusal names
/// its fields; `form` is the service part as the desk completed it (the
/// certificate to renew or revoke, which the applicant cannot pick at the
/// kiosk), or `None` to take it as the applicant sent it.
pub async fn accept(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    rng: &mut (impl RngCore + CryptoRng),
    id: i64,
    form: Option<&ServiceFormInput>,
) -> Result<CaseRow> {
    let txn = store::begin_write(db).await?;
    let row = find(&txn, id).await?;
    waiting_row(&row)?;
    let submission = unsealed(act, &row)?;
    let known = known_person(&txn, act, &submission).await?;
    let layanan = Layanan::stored(&row.layanan, format_args!("layanan kiriman {}", row.nomor))?;
    let service = NewService {
        layanan: Some(layanan),
        kanal: Kanal::Kiosk,
        applicant_id: known,
        applicant: known.is_none().then(|| submission.applicant.clone()),
        sertifikat_luar: None,
        form: form.unwrap_or(&submission.form).clone(),
        note: format!(
            "Permohonan {} dari kiosk diterima di loket.",
            layanan.label()
        ),
        // The kiosk refuses a submission without it.
        pemberitahuan_privasi: submission.persetujuan_privasi,
    };
    let (case, applicant) =
        intake::open_service_in(&txn, act, rng, &service, Some(row.nomor.clone())).await?;
    handled(&txn, act, &row, InboxStatus::Diterima, None, Some(case.id)).await?;
    if service.pemberitahuan_privasi {
        intake::record_privacy_notice(&txn, act, case.id, Kanal::Kiosk).await?;
    }
    act.record(
        &txn,
        Entry::new(
            "kiosk.accept",
            "kiosk_inbox",
            row.id,
            serde_json::json!({ "nomor": row.nomor, "case_id": case.id, "pemohon_terdaftar": known.is_some() }),
        ),
    )
    .await?;
    txn.commit().await?;
    record::row(case, &applicant)
}

/// Discards a waiting submission with a reason (audited, in one transaction).
pub async fn discard(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    id: i64,
    reason: &str,
) -> Result<()> {
    let reason = crate::text::line(reason, "Alasan", 500).map_err(|m| Error::field("alasan", m))?;
    if reason.is_empty() {
        return Err(Error::field("alasan", "Tulis alasan kiriman ini dibuang."));
    }
    let txn = store::begin_write(db).await?;
    let row = find(&txn, id).await?;
    waiting_row(&row)?;
    handled(
        &txn,
        act,
        &row,
        InboxStatus::Dibuang,
        Some(reason.clone()),
        None,
    )
    .await?;
    act.record(
        &txn,
        Entry::new(
            "kiosk.discard",
            "kiosk_inbox",
            row.id,
            serde_json::json!({ "nomor": row.nomor, "alasan": reason }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn find(db: &impl ConnectionTrait, id: i64) -> Result<kiosk_inbox::Model> {
    kiosk_inbox::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound("Kiriman kiosk"))
}

fn waiting_row(row: &kiosk_inbox::Model) -> Result<()> {
    let status = InboxStatus::stored(&row.status, format_args!("status kiriman {}", row.nomor))?;
    if status != InboxStatus::Baru {
        return Err(Error::field(
            "status",
            format!("Kiriman {} sudah ditangani ({}).", row.nomor, row.status),
        ));
    }
    Ok(())
}

/// Marks a waiting row handled; refused when another desk handled it first.
async fn handled(
    txn: &impl ConnectionTrait,
    act: &Acting<'_>,
    row: &kiosk_inbox::Model,
    status: InboxStatus,
    reason: Option<String>,
    case_id: Option<i64>,
) -> Result<()> {
    let done = kiosk_inbox::Entity::update_many()
        .col_expr(kiosk_inbox::Column::Status, Expr::value(status.as_str()))
        .col_expr(kiosk_inbox::Column::HandledBy, Expr::value(act.name()))
        .col_expr(kiosk_inbox::Column::HandledAt, Expr::value(act.now()))
        .col_expr(kiosk_inbox::Column::Reason, Expr::value(reason))
        .col_expr(kiosk_inbox::Column::CaseId, Expr::value(case_id))
        .filter(kiosk_inbox::Column::Id.eq(row.id))
        .filter(kiosk_inbox::Column::Status.eq(InboxStatus::Baru.as_str()))
        .exec(txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(Error::field(
            "status",
            format!("Kiriman {} baru saja ditangani di meja lain.", row.nomor),
        ));
    }
    Ok(())
}

/// Opens the sealed box and checks it belongs to this row.
fn unsealed(act: &Acting<'_>, row: &kiosk_inbox::Model) -> Result<KioskSubmission> {
    let tampered = || Error::Tampered(format!("kiriman kiosk {}", row.nomor));
    let plain = act.key().unseal(&row.sealed).map_err(|_| tampered())?;
    let sealed: Sealed = serde_json::from_slice(plain.expose()).map_err(|_| tampered())?;
    if sealed.nomor != row.nomor || sealed.layanan.as_str() != row.layanan {
        return Err(tampered());
    }
    Ok(sealed.submission)
}

async fn known_person(
    db: &impl ConnectionTrait,
    act: &Acting<'_>,
    s: &KioskSubmission,
) -> Result<Option<i64>> {
    // The same reading of a typed NIK as the desk's check.
    let digits = identity::strip_separators(&s.applicant.nik);
    Ok(registry::find_by_nik(db, act.key(), &digits)
        .await?
        .map(|a| a.id))
}

/// What the list shows of a row, in [`list`]'s column order: id, number,
/// service, kiosk, received, status, handled by, reason, case.
type Listed = (
    i64,
    String,
    String,
    String,
    DateTime<FixedOffset>,
    String,
    Option<String>,
    Option<String>,
    Option<i64>,
);

/// The listed part of a whole row.
fn listed(row: &kiosk_inbox::Model) -> Listed {
    (
        row.id,
        row.nomor.clone(),
        row.layanan.clone(),
        row.kiosk.clone(),
        row.received_at,
        row.status.clone(),
        row.handled_by.clone(),
        row.reason.clone(),
        row.case_id,
    )
}

fn item(
    (id, nomor, layanan, kiosk, diterima, status, ditangani_oleh, alasan, case_id): Listed,
) -> Result<InboxItem> {
    Ok(InboxItem {
        layanan: Layanan::stored(&layanan, format_args!("layanan kiriman {nomor}"))?,
        status: InboxStatus::stored(&status, format_args!("status kiriman {nomor}"))?,
        id,
        nomor,
        kiosk,
        diterima,
        ditangani_oleh,
        alasan,
        case_id,
    })
}
