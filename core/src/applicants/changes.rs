//! Changing a person's data without losing what it was: a data change BSrE
//! approved (perubahan data) or a correction of a typo at intake. Each change
//! keeps the earlier values in the applicant's history (who, when, which case,
//! why), bumps the record's version, and is refused when someone else changed
//! the record since it was read ("muat ulang"), never silently overwritten.

use std::collections::BTreeMap;

use rand::{CryptoRng, RngCore};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::check::{self, ApplicantInput};
use super::identity::{mask_nik, search_name, strip_separators};
use super::registry::{self, nik_context};
use crate::audit::{Acting, Entry};
use crate::entities::{applicant_history, applicants};
use crate::error::to_json;
use crate::secrets::{DataKey, hex};
use crate::{Error, Result, store};

/// The data of a person the desk may change, as the forms show it (the NIK
/// has a rule of its own).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonData {
    pub nama: String,
    /// Empty when the person has no NIP.
    pub nip: String,
    pub email: String,
    pub telepon: String,
    pub jabatan: String,
    pub unit_kerja: String,
    pub instansi: String,
}

impl PersonData {
    /// The data on record.
    pub fn of(a: &applicants::Model) -> PersonData {
        PersonData {
            nama: a.nama.clone(),
            nip: a.nip.clone().unwrap_or_default(),
            email: a.email.clone(),
            telepon: a.telepon.clone(),
            jabatan: a.jabatan.clone(),
            unit_kerja: a.unit_kerja.clone(),
            instansi: a.instansi.clone(),
        }
    }

    /// Each field by its stored name, in the forms' order of storage.
    pub fn fields(&self) -> [(&'static str, &str); 7] {
        [
            ("nama", &self.nama),
            ("nip", &self.nip),
            ("email", &self.email),
            ("telepon", &self.telepon),
            ("jabatan", &self.jabatan),
            ("unit_kerja", &self.unit_kerja),
            ("instansi", &self.instansi),
        ]
    }
}

/// A NIK correction, sealed with the data key and bound to its own blind
/// index, so it moves into the applicant's row as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedNik {
    pub cipher: String,
    pub index: String,
    pub masked: String,
}

/// A checked change: the fields that change with their new values (already
/// normalised), and a NIK correction if any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub fields: BTreeMap<String, String>,
    pub nik: Option<SealedNik>,
}

impl Change {
    /// Whether the change corrects the NIK.
    pub fn corrects_nik(&self) -> bool {
        self.nik.is_some()
    }
}

/// Checks the new data of a person against the same rules as the intake form
/// and returns only what differs. Field messages carry the intake form's
/// names (`nama`, `nip`, ... and `nik` for a NIK correction); nothing is saved.
#[allow(clippy::too_many_arguments)]
pub async fn prepare(
    db: &impl ConnectionTrait,
    key: &DataKey,
    rng: &mut (impl RngCore + CryptoRng),
    applicant: &applicants::Model,
    new: &PersonData,
    nik_baru: &str,
    nik_baru_ulang: &str,
    today: chrono::NaiveDate,
) -> Result<Change> {
    let current_nik = registry::reveal_nik(key, applicant)?;
    let corrects_nik = !strip_separators(nik_baru).is_empty();
    let (nik, nik_ulang) = if corrects_nik {
        (nik_baru.to_string(), nik_baru_ulang.to_string())
    } else {
        (current_nik.clone(), current_nik.clone())
    };
    let input = ApplicantInput {
        nama: new.nama.clone(),
        nik,
        nik_ulang,
        nip: new.nip.clone(),
        email: new.email.clone(),
        telepon: new.telepon.clone(),
        jabatan: new.jabatan.clone(),
        unit_kerja: new.unit_kerja.clone(),
        instansi: new.instansi.clone(),
    };
    let (valid, report) = check::check_with_db(db, &input, today).await?;
    let Some(valid) = valid else {
        return Err(Error::Invalid {
            message: "Data baru belum benar; tidak ada yang disimpan.".into(),
            fields: report.errors,
        });
    };
    let normalised = PersonData {
        nama: valid.nama.clone(),
        nip: valid
            .nip
            .as_ref()
            .map(|n| n.digits.clone())
            .unwrap_or_default(),
        email: valid.email.clone(),
        telepon: valid.telepon.clone(),
        jabatan: valid.jabatan.clone(),
        unit_kerja: valid.unit_kerja.clone(),
        instansi: valid.instansi.clone(),
    };
    let before = PersonData::of(applicant);
    let fields: BTreeMap<String, String> = normalised
        .fields()
        .iter()
        .zip(before.fields())
        .filter(|((_, new), (_, old))| new != old)
        .map(|((k, v), _)| (k.to_string(), v.to_string()))
        .collect();
    let nik = if corrects_nik && valid.nik.digits != current_nik {
        if let Some(other) = registry::find_by_nik(db, key, &valid.nik.digits).await?
            && other.id != applicant.id
        {
            return Err(Error::field(
                "nik",
                format!("NIK ini sudah terdaftar atas nama {}.", other.nama),
            ));
        }
        let index = key.blind_index("nik", &valid.nik.digits);
        let cipher = key.encrypt(
            rng,
            valid.nik.digits.as_bytes(),
            &nik_context(applicant.id, &index),
        );
        Some(SealedNik {
            cipher: hex(&cipher),
            masked: mask_nik(&valid.nik.digits),
            index,
        })
    } else {
        None
    };
    if fields.is_empty() && nik.is_none() {
        return Err(Error::field(
            "nama",
            "Tidak ada data yang berubah: isi nilai baru pada kolom yang berubah.",
        ));
    }
    Ok(Change { fields, nik })
}

/// Why a person's data changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ChangeKind {
    /// A data change BSrE approved (perubahan data).
    PerubahanData,
    /// A correction of what was typed at intake.
    Koreksi,
}

text_enum!(ChangeKind { PerubahanData => "perubahan_data", Koreksi => "koreksi" });

/// Who changed what and why, for the history.
pub struct ChangeRecord<'a> {
    pub kind: ChangeKind,
    pub case_id: Option<i64>,
    pub reason: &'a str,
    /// The version the change was prepared against; `None` applies on top of
    /// whatever is there (a data change BSrE approved).
    pub expected_version: Option<i32>,
}

fn hex_decode(s: &str) -> Option<Vec<u8>> {
    (0..s.len())
        .step_by(2)
        .map(|i| s.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect()
}

/// Applies a change inside the caller's write transaction: the earlier values
/// go into the history, the record takes the new ones and a new version, and
/// the audit log records it. A record changed since `expected_version` is
/// refused with who changed it.
pub async fn apply(
    txn: &impl ConnectionTrait,
    act: &Acting<'_>,
    applicant_id: i64,
    change: &Change,
    record: &ChangeRecord<'_>,
) -> Result<applicants::Model> {
    let a = applicants::Entity::find_by_id(applicant_id)
        .one(txn)
        .await?
        .ok_or(Error::NotFound("Pemohon"))?;
    if let Some(v) = record.expected_version
        && v != a.version
    {
        return Err(stale(&a));
    }
    let old = PersonData::of(&a);
    let mut before = serde_json::Map::new();
    let mut after = serde_json::Map::new();
    for (field, value) in old.fields() {
        if let Some(new) = change.fields.get(field) {
            before.insert(field.into(), value.into());
            after.insert(field.into(), new.clone().into());
        }
    }
    let mut update = applicants::Entity::update_many()
        .col_expr(applicants::Column::Version, Expr::value(a.version + 1))
        .col_expr(applicants::Column::UpdatedBy, Expr::value(act.name()))
        .col_expr(applicants::Column::UpdatedAt, Expr::value(act.now()));
    for (field, value) in &change.fields {
        let column = match field.as_str() {
            "nama" => {
                update = update.col_expr(
                    applicants::Column::NamaCari,
                    Expr::value(search_name(value)),
                );
                applicants::Column::Nama
            }
            "nip" => {
                let nip = (!value.is_empty()).then(|| value.clone());
                update = update.col_expr(applicants::Column::Nip, Expr::value(nip));
                continue;
            }
            "email" => applicants::Column::Email,
            "telepon" => applicants::Column::Telepon,
            "jabatan" => applicants::Column::Jabatan,
            "unit_kerja" => applicants::Column::UnitKerja,
            "instansi" => applicants::Column::Instansi,
            other => {
                return Err(Error::Corrupt(format!(
                    "perubahan kolom tak dikenal {other}"
                )));
            }
        };
        update = update.col_expr(column, Expr::value(value.clone()));
    }
    if let Some(nik) = &change.nik {
        let cipher = hex_decode(&nik.cipher)
            .ok_or_else(|| Error::Corrupt("NIK baru yang tersegel".into()))?;
        before.insert("nik".into(), a.nik_masked.clone().into());
        before.insert("nik_cipher".into(), hex(&a.nik_cipher).into());
        before.insert("nik_index".into(), a.nik_index.clone().into());
        after.insert("nik".into(), nik.masked.clone().into());
        update = update
            .col_expr(applicants::Column::NikCipher, Expr::value(cipher))
            .col_expr(applicants::Column::NikIndex, Expr::value(nik.index.clone()))
            .col_expr(
                applicants::Column::NikMasked,
                Expr::value(nik.masked.clone()),
            );
    }
    // Compare-and-set on the version: two desks saving at once, one wins.
    let done = update
        .filter(applicants::Column::Id.eq(a.id))
        .filter(applicants::Column::Version.eq(a.version))
        .exec(txn)
        .await?;
    if done.rows_affected != 1 {
        let now = applicants::Entity::find_by_id(a.id)
            .one(txn)
            .await?
            .ok_or(Error::NotFound("Pemohon"))?;
        return Err(stale(&now));
    }
    applicant_history::ActiveModel {
        applicant_id: Set(a.id),
        at: Set(act.now()),
        actor: Set(act.name()),
        kind: Set(record.kind.as_str().into()),
        case_id: Set(record.case_id),
        reason: Set(record.reason.to_string()),
        before: Set(to_json(&before)?),
        after: Set(to_json(&after)?),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    act.record(
        txn,
        Entry::new(
            match record.kind {
                ChangeKind::PerubahanData => "applicant.change",
                ChangeKind::Koreksi => "applicant.correct",
            },
            "applicant",
            a.id,
            serde_json::json!({
                "case_id": record.case_id,
                "fields": change.fields.keys().collect::<Vec<_>>(),
                "nik": change.nik.is_some(),
                "reason": record.reason,
            }),
        ),
    )
    .await?;
    applicants::Entity::find_by_id(a.id)
        .one(txn)
        .await?
        .ok_or(Error::NotFound("Pemohon"))
}

fn stale(a: &applicants::Model) -> Error {
    let who = if a.updated_by.is_empty() {
        "operator lain".to_string()
    } else {
        a.updated_by.clone()
    };
    Error::field(
        "version",
        format!(
            "Data pemohon sudah diubah oleh {who} pada {}; muat ulang lalu ulangi perubahan.",
            a.updated_at.format("%d/%m/%Y %H.%M")
        ),
    )
}

/// A correction of a person's record as the Verifikator types it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct Correction {
    /// The version the form was loaded with.
    pub version: i32,
    pub data: PersonData,
    /// A corrected NIK, typed twice; empty leaves the NIK as it is.
    pub nik: String,
    pub nik_ulang: String,
    /// Why the record is corrected (required).
    pub alasan: String,
}

/// Corrects a typo in a person's record: checked like the intake form, with
/// the reason, in one transaction with the history and the audit entry.
pub async fn correct(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    rng: &mut (impl RngCore + CryptoRng),
    applicant_id: i64,
    input: &Correction,
) -> Result<()> {
    if input.alasan.trim().is_empty() {
        return Err(Error::field("alasan", "Tuliskan alasan koreksi."));
    }
    let txn = store::begin_write(db).await?;
    let a = applicants::Entity::find_by_id(applicant_id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound("Pemohon"))?;
    if a.version != input.version {
        return Err(stale(&a));
    }
    let change = prepare(
        &txn,
        act.key(),
        rng,
        &a,
        &input.data,
        &input.nik,
        &input.nik_ulang,
        act.today(),
    )
    .await?;
    apply(
        &txn,
        act,
        a.id,
        &change,
        &ChangeRecord {
            kind: ChangeKind::Koreksi,
            case_id: None,
            reason: input.alasan.trim(),
            expected_version: Some(input.version),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// One change of a person's data, as the history shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct HistoryRow {
    pub at: String,
    pub actor: String,
    pub kind: ChangeKind,
    #[ts(type = "number | null")]
    pub case_id: Option<i64>,
    pub reason: String,
    /// Field → earlier value (the NIK masked).
    pub before: BTreeMap<String, String>,
    /// Field → new value (the NIK masked).
    pub after: BTreeMap<String, String>,
}

/// The earlier values a case's data change replaced, once it is applied.
pub async fn before_of_case(
    db: &impl ConnectionTrait,
    case_id: i64,
) -> Result<Option<BTreeMap<String, String>>> {
    let Some(h) = applicant_history::Entity::find()
        .filter(applicant_history::Column::CaseId.eq(case_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    serde_json::from_str(&h.before)
        .map(Some)
        .map_err(|e| Error::Corrupt(format!("riwayat data pemohon #{} ({e})", h.id)))
}

/// A person's changes, newest first.
pub async fn history(db: &impl ConnectionTrait, applicant_id: i64) -> Result<Vec<HistoryRow>> {
    let rows = applicant_history::Entity::find()
        .filter(applicant_history::Column::ApplicantId.eq(applicant_id))
        .order_by_desc(applicant_history::Column::Id)
        .all(db)
        .await?;
    rows.into_iter()
        .map(|h| {
            let what = format!("riwayat data pemohon #{}", h.id);
            let read = |text: &str| -> Result<BTreeMap<String, String>> {
                let mut m: BTreeMap<String, String> = serde_json::from_str(text)
                    .map_err(|e| Error::Corrupt(format!("{what} ({e})")))?;
                // The earlier NIK's sealed form stays stored, never shown.
                m.remove("nik_cipher");
                m.remove("nik_index");
                Ok(m)
            };
            Ok(HistoryRow {
                kind: ChangeKind::stored(&h.kind, &what)?,
                before: read(&h.before)?,
                after: read(&h.after)?,
                at: h.at.to_rfc3339(),
                actor: h.actor,
                case_id: h.case_id,
                reason: h.reason,
            })
        })
        .collect()
}
