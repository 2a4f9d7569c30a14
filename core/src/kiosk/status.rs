//! "Where is my application?" at the kiosk: the stage of an application, to
//! whoever types its registration number and the last four digits of the
//! applicant's NIK; never a name, a NIK or anything else personal.
//!
//! The kiosk holds no data key, so it compares the four digits with what it
//! can read: for a case, the masked NIK the desk keeps in clear
//! (`5171********0001`); for a submission still in the inbox, a slow hash
//! (Argon2id, salted) of the number and the four digits made when it was
//! sealed. Both
//! wrong-number and wrong-digit answers are the same sentence, and five
//! failures for one number make it wait [`WAIT_MINUTES`], so the digits
//! cannot be found by trying at the kiosk. (A reader of the database file can
//! learn the four digits, as from the masked NIK; nothing more.)

use std::sync::Mutex;

use argon2::{Algorithm, Argon2, Block, Params, Version};
use chrono::{DateTime, Duration, FixedOffset};
use rand::{CryptoRng, RngCore};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::Serialize;
use ts_rs::TS;

use super::inbox::InboxStatus;
use crate::applicants::identity;
use crate::cases::vocabulary::{Layanan, Status};
use crate::entities::{applicants, cases, kiosk_inbox, status_attempts};
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

/// Argon2id's memory for a status check, in KiB (1 KiB blocks).
const MEMORY_KIB: u32 = 8 * 1024;

/// The one working memory every status check hashes in. Allocating 8 MiB
/// per check from whichever thread runs it leaves the allocator's per-thread
/// arenas holding freed blocks, and the kiosk's memory grows with every
/// application (`make bench`'s kiosk soak showed it); one buffer, taken in
/// turn, keeps it flat. A check takes a few milliseconds.
static MEMORY: Mutex<Vec<Block>> = Mutex::new(Vec::new());

/// A cheap-enough Argon2id: a status check answers within a touch, and a
/// guess costs the same.
fn digest(salt: &[u8], nomor: &str, last4: &str) -> Result<[u8; 32]> {
    #[allow(
        clippy::expect_used,
        reason = "constant parameters within Argon2's limits"
    )]
    let params = Params::new(MEMORY_KIB, 1, 1, Some(32)).expect("argon2 params");
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let mut memory = MEMORY.lock().unwrap_or_else(|e| e.into_inner());
    if memory.len() != MEMORY_KIB as usize {
        *memory = vec![Block::default(); MEMORY_KIB as usize];
    }
    let mut out = [0u8; 32];
    argon
        .hash_password_into_with_memory(
            &material(nomor, last4),
            salt,
            &mut out,
            memory.as_mut_slice(),
        )
        .map_err(|e| Error::Crypto(e.to_string()))?;
    Ok(out)
}

fn material(nomor: &str, last4: &str) -> Vec<u8> {
    format!("loket/status/v1:{nomor}:{last4}").into_bytes()
}

/// The check value stored with a sealed submission, bound to its number:
/// `v1$<salt>$<digest>` in hex.
pub(crate) fn check_value(
    rng: &mut (impl RngCore + CryptoRng),
    nomor: &str,
    nik: &str,
) -> Result<String> {
    let digits = identity::strip_separators(nik);
    let last4 = digits.get(digits.len().saturating_sub(4)..).unwrap_or("");
    let mut salt = [0u8; 16];
    rng.fill_bytes(&mut salt);
    let hash = digest(&salt, nomor, last4)?;
    Ok(format!("v1${}${}", hex(&salt), hex(&hash)))
}

/// Whether `stored` (a [`check_value`]) was made from `nomor` and `last4`.
fn matches(stored: &str, nomor: &str, last4: &str) -> Result<bool> {
    let mut parts = stored.split('$');
    let (Some("v1"), Some(salt), Some(want), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Ok(false);
    };
    let Some(salt) = unhex(salt) else {
        return Ok(false);
    };
    let got = hex(&digest(&salt, nomor, last4)?);
    // Both are 64 hex digits; compared without an early exit.
    Ok(got.len() == want.len()
        && got
            .bytes()
            .zip(want.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0)
}

fn hex(bytes: &[u8]) -> String {
    crate::secrets::hex(bytes)
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

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
    if let Some((case, Some(person))) = cases::Entity::find()
        .filter(cases::Column::Nomor.eq(nomor))
        .find_also_related(applicants::Entity)
        .one(db)
        .await?
    {
        if !person.nik_masked.ends_with(last4) || person.nik_masked.len() < 4 {
            return Ok(None);
        }
        let status = Status::stored(&case.status, format_args!("status kasus {nomor}"))?;
        let (tahap, keterangan) = case_stage(status);
        return Ok(Some(StatusAnswer {
            nomor: nomor.to_string(),
            layanan: Layanan::stored(&case.layanan, format_args!("layanan kasus {nomor}"))?,
            tahap: tahap.into(),
            keterangan: keterangan.into(),
            sejak: case.updated_at,
        }));
    }
    let Some(row) = kiosk_inbox::Entity::find()
        .filter(kiosk_inbox::Column::Nomor.eq(nomor))
        .order_by_asc(kiosk_inbox::Column::Id)
        .one(db)
        .await?
    else {
        // The same work as a real check, so timing does not tell numbers apart.
        digest(&[0u8; 16], nomor, last4)?;
        return Ok(None);
    };
    let Some(stored) = row.status_check.as_deref() else {
        return Ok(None);
    };
    if !matches(stored, nomor, last4)? {
        return Ok(None);
    }
    let status = InboxStatus::stored(&row.status, format_args!("status kiriman {nomor}"))?;
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
        layanan: Layanan::stored(&row.layanan, format_args!("layanan kiriman {nomor}"))?,
        tahap: tahap.into(),
        keterangan: keterangan.into(),
        sejak: row.handled_at.unwrap_or(row.received_at),
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
