//! The register of people: a validated applicant stored with the NIK only
//! encrypted (bound to its row), its blind index and masked form; finding a
//! person by NIK; showing a NIK to a person, audited first.

use rand::{CryptoRng, RngCore};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use serde::Serialize;
use ts_rs::TS;

use super::check::ValidApplicant;
use super::identity::{Lookup, lookup, mask_nik, search_name};
use crate::audit::{Acting, Entry};
use crate::entities::applicants;
use crate::secrets::DataKey;
use crate::{Error, Result, store};

/// Encryption context of an applicant's NIK: the ciphertext is bound to its
/// blind index, so it cannot be moved to another applicant's row.
/// What a NIK ciphertext is bound to: the person's row (its id) and the NIK's
/// blind index. A ciphertext moved to another person's row, with or without
/// its index, does not open there.
pub(crate) fn nik_context(applicant_id: i64, index: &str) -> String {
    format!("loket/applicants/nik/v2/{applicant_id}/{index}")
}

/// The binding of NIK ciphertexts written before Loket bound them to their
/// row (the index only); read once, when such a database is first sealed.
pub(crate) fn nik_context_unbound(index: &str) -> String {
    format!("loket/applicants/nik/v1/{index}")
}

/// Finds an applicant by exact NIK through the blind index.
pub async fn find_by_nik(
    db: &impl ConnectionTrait,
    key: &DataKey,
    nik_digits: &str,
) -> Result<Option<applicants::Model>> {
    Ok(applicants::Entity::find()
        .filter(applicants::Column::NikIndex.eq(key.blind_index("nik", nik_digits)))
        .one(db)
        .await?)
}

/// A person found by the "Layanan baru" search: the NIK masked.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PersonMatch {
    #[ts(type = "number")]
    pub id: i64,
    pub nama: String,
    pub nik_masked: String,
    pub nip: Option<String>,
    pub jabatan: String,
    pub unit_kerja: String,
    pub instansi: String,
}

/// People on record matching a search box (a NIK or NIP exactly, else the
/// beginning of a name), at most 20, alphabetically.
pub async fn find_people(
    db: &impl ConnectionTrait,
    key: &DataKey,
    q: &str,
) -> Result<Vec<PersonMatch>> {
    let find = applicants::Entity::find();
    let find = match lookup(q) {
        Lookup::Empty | Lookup::Nomor(_) => return Ok(vec![]),
        Lookup::Nik(d) => find.filter(applicants::Column::NikIndex.eq(key.blind_index("nik", &d))),
        Lookup::Nip(d) => find.filter(applicants::Column::Nip.eq(d)),
        Lookup::Name(n) => find
            .filter(applicants::Column::NamaCari.gte(n.clone()))
            .filter(applicants::Column::NamaCari.lt(format!("{n}\u{10FFFF}"))),
    };
    Ok(find
        .order_by_asc(applicants::Column::NamaCari)
        .limit(20)
        .all(db)
        .await?
        .into_iter()
        .map(|a| PersonMatch {
            id: a.id,
            nama: a.nama,
            nik_masked: a.nik_masked,
            nip: a.nip,
            jabatan: a.jabatan,
            unit_kerja: a.unit_kerja,
            instansi: a.instansi,
        })
        .collect())
}

/// Who may learn whose NIK is already registered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Desk staff: the refusal names the holder.
    Desk,
    /// An applicant at the kiosk: the refusal names nobody.
    Public,
}

/// Inserts a validated applicant (inside the caller's transaction). The NIK is
/// stored only encrypted, with its blind index and masked form.
pub async fn insert(
    txn: &impl ConnectionTrait,
    key: &DataKey,
    rng: &mut (impl RngCore + CryptoRng),
    a: &ValidApplicant,
    now: chrono::DateTime<chrono::FixedOffset>,
    audience: Audience,
) -> Result<applicants::Model> {
    if let Some(existing) = find_by_nik(txn, key, &a.nik.digits).await? {
        return Err(match audience {
            // The desk is told whose NIK it is, and where that person's record
            // is (`existing_applicant`), so the operator can open it.
            Audience::Desk => Error::Invalid {
                message: "Orang ini sudah terdaftar; buka datanya.".into(),
                fields: std::collections::BTreeMap::from([
                    (
                        "nik".to_string(),
                        format!(
                            "NIK ini sudah terdaftar atas nama {}: buka datanya.",
                            existing.nama
                        ),
                    ),
                    ("existing_applicant".to_string(), existing.id.to_string()),
                ]),
            },
            Audience::Public => Error::field(
                "nik",
                "NIK ini sudah terdaftar. Silakan menghubungi petugas di loket.",
            ),
        });
    }
    let index = key.blind_index("nik", &a.nik.digits);
    let model = applicants::ActiveModel {
        nama: Set(a.nama.clone()),
        nama_cari: Set(search_name(&a.nama)),
        // Bound to the row's id, known once the row is there (below).
        nik_cipher: Set(Vec::new()),
        nik_index: Set(index),
        nik_masked: Set(mask_nik(&a.nik.digits)),
        nip: Set(a.nip.as_ref().map(|n| n.digits.clone())),
        email: Set(a.email.clone()),
        telepon: Set(a.telepon.clone()),
        jabatan: Set(a.jabatan.clone()),
        unit_kerja: Set(a.unit_kerja.clone()),
        instansi: Set(a.instansi.clone()),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        updated_by: Set(String::new()),
        ..Default::default()
    };
    let inserted = model.insert(txn).await?;
    let cipher = key.encrypt(
        rng,
        a.nik.digits.as_bytes(),
        &nik_context(inserted.id, &inserted.nik_index),
    );
    let mut am: applicants::ActiveModel = inserted.into();
    am.nik_cipher = Set(cipher);
    Ok(am.update(txn).await?)
}

/// Shows an applicant's NIK to a person: decrypts it and records who saw it,
/// when, in the audit log (UU PDP: every view of personal data is logged). The
/// entry is committed before the NIK is returned, so no unlogged view exists.
pub async fn reveal(
    db: &sea_orm::DatabaseConnection,
    act: &Acting<'_>,
    applicant_id: i64,
) -> Result<String> {
    let txn = store::begin_write(db).await?;
    let a = applicants::Entity::find_by_id(applicant_id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound("Pemohon"))?;
    let nik = reveal_nik(act.key(), &a)?;
    act.record(
        &txn,
        Entry::new(
            "applicant.nik.view",
            "applicant",
            a.id,
            serde_json::json!({ "nik_masked": a.nik_masked }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(nik)
}

/// The blind index of a person anonymised by a retention run starts with
/// this (then their id): their NIK is gone and they are never found by one.
pub const ANONYMISED: &str = "retensi:";

/// Decrypts an applicant's NIK. Callers that show it to a person must audit
/// the view ([`reveal`] does). A person anonymised by retention has none.
pub fn reveal_nik(key: &DataKey, a: &applicants::Model) -> Result<String> {
    if a.nik_index.starts_with(ANONYMISED) {
        return Err(Error::field(
            "nik",
            "Data pribadi orang ini sudah dianonimkan menurut jadwal retensi.",
        ));
    }
    let plain = key
        .decrypt(&a.nik_cipher, &nik_context(a.id, &a.nik_index))
        .map_err(|_| {
            Error::Tampered(format!(
                "NIK orang #{} tidak cocok dengan barisnya: diubah di luar Loket (misalnya \
                 ditukar dengan NIK orang lain). Admin perlu memeriksanya.",
                a.id
            ))
        })?;
    String::from_utf8(plain.expose().to_vec())
        .map_err(|_| crate::secrets::SecretError::Corrupt.into())
}
