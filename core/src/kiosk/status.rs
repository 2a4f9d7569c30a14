//! "Where is my application?" at the kiosk: the stage of an application, to
//! whoever types its registration number and the last four digits of the
//! applicant's NIK; never a name, a NIK or anything else personal.
//!
//! The kiosk holds no data key, so it compares the four digits with what it
//! can read: for a case, the masked NIK the desk keeps in clear
//! (`************0001`); for a submission still in the inbox, a slow hash
//! (Argon2id, salted) of the number and the four digits made when it was
//! sealed. Both
//! wrong-number and wrong-digit answers are the same sentence, and five
//! failures for one number make it wait [`WAIT_MINUTES`], so the digits
//! cannot be found by trying at the kiosk. (A reader of the database file can
//! learn the four digits, as from the masked NIK; nothing more.)

use chrono::{DateTime, Duration, FixedOffset};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::Serialize;
use ts_rs::TS;

use super::inbox::InboxStatus;
use super::status_key::{digest, matches};
use crate::applicants::identity;
use crate::entities::{applicants, cases, kiosk_inbox, status_attempts};
use crate::lifecycle::vocabulary::{Layanan, Status};
use crate::{Error, Result, store};

/// Failures for one number before it has to wait.
pub const TRIES: i32 = 5;
/// How long a number waits after [`TRIES`] failures.
pub const WAIT_MINUTES: i64 = 15;

/// What the kiosk shows: the stage in plain words, and since when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StatusAnswer {
    pub nomor: String,
    pub layanan: Layanan,
    /// The stage, in a few words.
    pub tahap: String,
    /// What it means for the applicant, or what to do next.
    pub keterangan: String,
    #[ts(type = "string")]
    pub sejak: DateTime<FixedOffset>,
}

/// The answer to a wrong number or wrong digits: the same sentence, so the
/// kiosk does not tell which numbers exist.
const NO_MATCH: &str =
    "Nomor registrasi dan 4 angka terakhir NIK tidak cocok dengan permohonan mana pun.";

/// The registration number as typed: trimmed, upper case, spaces dropped.
fn normalised(nomor: &str) -> String {
    nomor
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase()
}

/// Answers a status check, or refuses it field by field.
pub async fn check(
    db: &DatabaseConnection,
    now: DateTime<FixedOffset>,
    nomor: &str,
    nik_akhir: &str,
) -> Result<StatusAnswer> {
    let nomor = normalised(nomor);
    let last4 = identity::strip_separators(nik_akhir);
    let mut fields = std::collections::BTreeMap::new();
    if !identity::is_registration_number(&nomor) {
        fields.insert(
            "nomor".to_string(),
            "Tulis nomor registrasi seperti pada tanda terima, misalnya REG-2026-00001."
                .to_string(),
        );
    }
    if last4.len() != 4 || !last4.bytes().all(|b| b.is_ascii_digit()) {
        fields.insert(
            "nik_akhir".to_string(),
            "Tulis 4 angka terakhir NIK Anda.".to_string(),
        );
    }
    if !fields.is_empty() {
        return Err(Error::Invalid {
            message: "Isian belum benar.".into(),
            fields,
        });
    }
    let attempts = status_attempts::Entity::find_by_id(nomor.clone())
        .one(db)
        .await?;
    if let Some(a) = &attempts
        && a.failed >= TRIES
    {
        let wait = Duration::minutes(WAIT_MINUTES) - (now - a.last_failed_at);
        if wait > Duration::zero() {
            return Err(Error::field(
                "nik_akhir",
                format!(
                    "Terlalu banyak percobaan untuk nomor ini. Coba lagi {} menit lagi, atau tanyakan di loket.",
                    wait.num_minutes() + 1
                ),
            ));
        }
    }
    match answer(db, &nomor, &last4).await? {
        Some(found) => {
            if attempts.is_some() {
                status_attempts::Entity::delete_by_id(nomor.clone())
                    .exec(db)
                    .await?;
            }
            Ok(found)
        }
        None => {
            failed(db, now, &nomor, attempts).await?;
            Err(Error::field("nik_akhir", NO_MATCH))
        }
    }
}

async fn failed(
    db: &DatabaseConnection,
    now: DateTime<FixedOffset>,
    nomor: &str,
    before: Option<status_attempts::Model>,
) -> Result<()> {
    let txn = store::begin_write(db).await?;
    match before {
        Some(a) => {
            // A number that waited its time starts counting again.
            let count = if a.failed >= TRIES { 1 } else { a.failed + 1 };
            let mut am: status_attempts::ActiveModel = a.into();
            am.failed = Set(count);
            am.last_failed_at = Set(now);
            am.update(&txn).await?;
        }
        None => {
            status_attempts::ActiveModel {
                nomor: Set(nomor.to_string()),
                failed: Set(1),
                last_failed_at: Set(now),
            }
            .insert(&txn)
            .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// The stage of `nomor` if `last4` matches it.
async fn answer(db: &DatabaseConnection, nomor: &str, last4: &str) -> Result<Option<StatusAnswer>> {
    // Only the columns a check compares: a kiosk PC's own database role may
    // read no more of a case or a person (see `super::role`).
    let case = cases::Entity::find()
        .select_only()
        .columns([
            cases::Column::Layanan,
            cases::Column::Status,
            cases::Column::UpdatedAt,
            cases::Column::ApplicantId,
        ])
        .filter(cases::Column::Nomor.eq(nomor))
        .into_tuple::<(String, String, DateTime<FixedOffset>, i64)>()
        .one(db)
        .await?;
    if let Some((layanan, status, updated_at, applicant_id)) = case {
        let masked = applicants::Entity::find_by_id(applicant_id)
            .select_only()
            .column(applicants::Column::NikMasked)
            .into_tuple::<String>()
            .one(db)
            .await?
            .unwrap_or_default();
        if !masked.ends_with(last4) || masked.len() < 4 {
            return Ok(None);
        }
        let status = Status::stored(&status, format_args!("status kasus {nomor}"))?;
        let (tahap, keterangan) = case_stage(status);
        return Ok(Some(StatusAnswer {
            nomor: nomor.to_string(),
            layanan: Layanan::stored(&layanan, format_args!("layanan kasus {nomor}"))?,
            tahap: tahap.into(),
            keterangan: keterangan.into(),
            sejak: updated_at,
        }));
    }
    let Some((stored, status, layanan, handled_at, received_at)) = kiosk_inbox::Entity::find()
        .select_only()
        .columns([
            kiosk_inbox::Column::StatusCheck,
            kiosk_inbox::Column::Status,
            kiosk_inbox::Column::Layanan,
            kiosk_inbox::Column::HandledAt,
            kiosk_inbox::Column::ReceivedAt,
        ])
        .filter(kiosk_inbox::Column::Nomor.eq(nomor))
        .order_by_asc(kiosk_inbox::Column::Id)
        .into_tuple::<(
            Option<String>,
            String,
            String,
            Option<DateTime<FixedOffset>>,
            DateTime<FixedOffset>,
        )>()
        .one(db)
        .await?
    else {
        // The same work as a real check, so timing does not tell numbers apart.
        digest(&[0u8; 16], nomor, last4)?;
        return Ok(None);
    };
    let Some(stored) = stored.as_deref() else {
        return Ok(None);
    };
    if !matches(stored, nomor, last4)? {
        return Ok(None);
    }
    let status = InboxStatus::stored(&status, format_args!("status kiriman {nomor}"))?;
    let (tahap, keterangan) = match status {
        InboxStatus::Baru | InboxStatus::Diterima => (
            "Menunggu petugas",
            "Permohonan Anda sudah masuk dari kiosk dan menunggu diperiksa petugas loket.",
        ),
        InboxStatus::Dibuang => (
            "Tidak dapat diproses",
            "Permohonan dari kiosk ini tidak dapat diproses. Silakan datang ke loket untuk penjelasan.",
        ),
    };
    Ok(Some(StatusAnswer {
        nomor: nomor.to_string(),
        layanan: Layanan::stored(&layanan, format_args!("layanan kiriman {nomor}"))?,
        tahap: tahap.into(),
        keterangan: keterangan.into(),
        sejak: handled_at.unwrap_or(received_at),
    }))
}

/// A case's stage in an applicant's words.
fn case_stage(status: Status) -> (&'static str, &'static str) {
    match status {
        Status::Diterima => (
            "Diterima",
            "Permohonan diterima di loket dan menunggu pemeriksaan berkas.",
        ),
        Status::BerkasKurang => (
            "Berkas belum lengkap",
            "Ada berkas yang masih kurang. Silakan lengkapi di loket; waktu layanan berhenti sampai berkas lengkap.",
        ),
        Status::BerkasLengkap => (
            "Berkas lengkap",
            "Berkas lengkap; surat rekomendasi sedang disiapkan.",
        ),
        Status::RekomendasiTerbit => (
            "Surat rekomendasi terbit",
            "Surat rekomendasi sudah terbit dan segera didaftarkan ke BSrE.",
        ),
        Status::DiajukanAms => (
            "Didaftarkan ke BSrE",
            "Permohonan sudah didaftarkan ke BSrE dan menunggu diproses.",
        ),
        Status::MenungguPemohon => (
            "Menunggu Anda",
            "BSrE menunggu tindakan Anda: periksa surel dari BSrE dan ikuti petunjuknya.",
        ),
        Status::MenungguBsre => ("Diproses BSrE", "Permohonan sedang diproses oleh BSrE."),
        Status::Selesai => ("Selesai", "Layanan selesai."),
        Status::Ditolak => (
            "Ditolak",
            "Permohonan tidak dapat dilanjutkan. Silakan tanyakan alasannya di loket.",
        ),
        Status::Dibatalkan => ("Dibatalkan", "Permohonan dibatalkan."),
    }
}
