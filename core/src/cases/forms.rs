//! The service's own part of an application form, and how it is kept with
//! the case: which certificate a renewal replaces, the new data of a data
//! change (checked like the intake form), and for a revocation the
//! certificates, the reason with its RFC 5280 code, the day it applies from
//! and the applicant's statement.
//!
//! The part is first checked as typed, by one rule for the desk and the
//! kiosk ([`check_typed`]; the kiosk has no data key and leaves the record
//! to the desk that accepts), then against the record (`prepare`).
//!
//! Decisions kept here:
//! - a revocation may apply from a day already past: the transfer or the
//!   retirement that ends the certificate's use often comes before the
//!   applicant does, and BSrE revokes when it processes the request; the
//!   day is what the applicant states;
//! - the new values of a data change are checked as the intake form checks
//!   a person (field names prefixed `baru.`), with the NIK as typed now when
//!   no corrected NIK is given.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rand::{CryptoRng, RngCore};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::applicants::changes::{self, Change, PersonData};
use crate::applicants::check::{self as person_check, ApplicantInput};
use crate::applicants::identity::strip_separators;
use crate::applicants::registry;
use crate::audit::Acting;
use crate::calendar;
use crate::certificates::{self, CertStatus};
use crate::entities::{applicants, cases, certificates as certificate_rows};
use crate::lifecycle::vocabulary::{Layanan, RevocationReason};
use crate::{Error, Result};

/// What the desk (or the kiosk) sends for the service's own part of the form.
/// Each service reads its own fields; the others stay empty.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct ServiceFormInput {
    /// Pembaruan: the certificate renewed (one). Pencabutan: the certificates revoked.
    #[ts(type = "number[]")]
    #[serde(default)]
    pub certificate_ids: Vec<i64>,
    /// Pembaruan: the desk checked the person's data in AMS and nothing changed.
    #[serde(default)]
    pub data_dikonfirmasi: bool,
    /// Pencabutan: why.
    #[serde(default)]
    pub revocation_reason: Option<RevocationReason>,
    /// Pencabutan: the day it applies from (dd/mm/yyyy or yyyy-mm-dd).
    #[serde(default)]
    pub berlaku_mulai: String,
    /// Pencabutan: the applicant's statement.
    #[serde(default)]
    pub pernyataan: String,
    /// Perubahan data: the new values (every field, the unchanged ones as they are).
    #[serde(default)]
    pub data_baru: Option<PersonData>,
    /// Perubahan data: a corrected NIK, typed twice; empty leaves the NIK.
    #[serde(default)]
    pub nik_baru: String,
    #[serde(default)]
    pub nik_baru_ulang: String,
    /// Perubahan data: why the data changes.
    #[serde(default)]
    pub alasan: String,
}

/// The form as kept with the case (JSON in `cases.form`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "layanan", rename_all = "snake_case")]
pub enum ServiceForm {
    Penerbitan,
    Pembaruan {
        certificate_id: i64,
    },
    PerubahanData {
        perubahan: Change,
        alasan: String,
    },
    Pencabutan {
        certificate_ids: Vec<i64>,
        alasan: RevocationReason,
        berlaku_mulai: NaiveDate,
        pernyataan: String,
    },
}

/// The form of a stored case; `None` for a case opened before forms existed.
pub fn of_case(c: &cases::Model) -> Result<Option<ServiceForm>> {
    c.form
        .as_deref()
        .map(|f| {
            serde_json::from_str(f)
                .map_err(|e| Error::Corrupt(format!("formulir permohonan {} ({e})", c.nomor)))
        })
        .transpose()
}

/// Puts `prefix` before every field name of a refusal (`baru.` for the new
/// values of a data change, which sit beside the person's current ones).
pub(crate) fn prefixed(e: Error, prefix: &str) -> Error {
    match e {
        Error::Invalid { message, fields } => Error::Invalid {
            message,
            fields: fields
                .into_iter()
                .map(|(k, v)| (format!("{prefix}{k}"), v))
                .collect(),
        },
        other => other,
    }
}

/// The person's certificates, latest ending first.
async fn held(
    db: &impl ConnectionTrait,
    applicant_id: i64,
) -> Result<Vec<certificate_rows::Model>> {
    Ok(certificate_rows::Entity::find()
        .filter(certificate_rows::Column::ApplicantId.eq(applicant_id))
        .order_by_desc(certificate_rows::Column::ValidTo)
        .all(db)
        .await?)
}

const RECORD_FIRST: &str = "Pemohon belum memiliki sertifikat yang tercatat di Loket. Catat dulu \
    sertifikat yang dimilikinya (tercatat dari luar Loket): tanggal berlaku dan nomor seri bila ada.";

/// Checks the service's part of the form for `applicant` and returns what is
/// kept with the case. `recorded` is a certificate recorded in the same form
/// (from outside Loket), which a renewal or revocation takes when none is chosen.
pub(crate) async fn prepare(
    db: &impl ConnectionTrait,
    act: &Acting<'_>,
    rng: &mut (impl RngCore + CryptoRng),
    layanan: Layanan,
    applicant: &applicants::Model,
    input: &ServiceFormInput,
    recorded: Option<i64>,
) -> Result<ServiceForm> {
    let chosen = if input.certificate_ids.is_empty() {
        recorded.into_iter().collect()
    } else {
        input.certificate_ids.clone()
    };
    // What can be checked as typed, by the rule the kiosk uses too.
    let nik_now = match layanan {
        Layanan::PerubahanData => registry::reveal_nik(act.key(), applicant)?,
        _ => String::new(),
    };
    let mut errors = check_typed(db, layanan, input, &nik_now, act.today(), Reader::Desk).await?;
    match layanan {
        Layanan::Penerbitan => {
            Error::fields(errors)?;
            Ok(ServiceForm::Penerbitan)
        }
        Layanan::Pembaruan => {
            Error::fields(errors)?;
            let mine = held(db, applicant.id).await?;
            let renewable = |c: &certificate_rows::Model| {
                CertStatus::shown(c, act.today()).map(|s| s.serves(Layanan::Pembaruan))
            };
            let certificate_id = match chosen.as_slice() {
                [id] => {
                    let c = certificates::of_person(db, applicant.id, *id).await?;
                    if !renewable(&c)? {
                        return Err(Error::field(
                            "certificate_ids",
                            "Sertifikat ini sudah dicabut atau digantikan; pilih sertifikat yang masih tercatat.",
                        ));
                    }
                    c.id
                }
                [] => {
                    let mut candidates = vec![];
                    for c in &mine {
                        if renewable(c)? {
                            candidates.push(c.id);
                        }
                    }
                    match candidates.as_slice() {
                        [] => return Err(Error::field("certificate_ids", RECORD_FIRST)),
                        [only] => *only,
                        _ => {
                            return Err(Error::field(
                                "certificate_ids",
                                "Pilih sertifikat yang diperbarui.",
                            ));
                        }
                    }
                }
                _ => {
                    return Err(Error::field(
                        "certificate_ids",
                        "Pembaruan untuk satu sertifikat.",
                    ));
                }
            };
            Ok(ServiceForm::Pembaruan { certificate_id })
        }
        Layanan::Pencabutan => {
            let mut active = vec![];
            for c in held(db, applicant.id).await? {
                if CertStatus::shown(&c, act.today())?.serves(Layanan::Pencabutan) {
                    active.push(c);
                }
            }
            if chosen.is_empty() {
                let msg = if active.is_empty() {
                    RECORD_FIRST
                } else {
                    "Pilih sertifikat yang dicabut."
                };
                errors.insert("certificate_ids".to_string(), msg.to_string());
            }
            for id in &chosen {
                if !active.iter().any(|c| c.id == *id) {
                    errors.insert(
                        "certificate_ids".into(),
                        "Hanya sertifikat aktif milik pemohon ini yang dapat dicabut.".into(),
                    );
                }
            }
            Error::fields(errors)?;
            let berlaku_mulai = revocation_day(&input.berlaku_mulai);
            let pernyataan = input.pernyataan.trim();
            let (Some(alasan), Some(berlaku_mulai)) = (input.revocation_reason, berlaku_mulai)
            else {
                return Err(Error::field(
                    "revocation_reason",
                    "Pilih alasan pencabutan.",
                ));
            };
            let mut certificate_ids = chosen;
            certificate_ids.sort_unstable();
            certificate_ids.dedup();
            Ok(ServiceForm::Pencabutan {
                certificate_ids,
                alasan,
                berlaku_mulai,
                pernyataan: pernyataan.to_string(),
            })
        }
        Layanan::PerubahanData => {
            Error::fields(errors)?;
            let alasan = crate::text::lines(&input.alasan, "Alasan", 500)
                .map_err(|m| Error::field("alasan", m))?;
            let Some(baru) = &input.data_baru else {
                return Err(Error::field("baru.nama", "Isi data yang baru."));
            };
            let perubahan = changes::prepare(
                db,
                act.key(),
                rng,
                applicant,
                baru,
                &input.nik_baru,
                &input.nik_baru_ulang,
                act.today(),
            )
            .await
            .map_err(|e| prefixed(e, "baru."))?;
            Ok(ServiceForm::PerubahanData { perubahan, alasan })
        }
    }
}

/// A service form as the case page shows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FormView {
    /// Pembaruan: the certificate renewed; pencabutan: those revoked.
    #[ts(type = "number[]")]
    pub certificate_ids: Vec<i64>,
    pub revocation_reason: Option<RevocationReason>,
    /// Pencabutan: the day it applies from (yyyy-mm-dd).
    pub berlaku_mulai: Option<String>,
    pub pernyataan: String,
    /// Perubahan data: why.
    pub alasan: String,
    /// Perubahan data: each field that changes, with its value before and after.
    pub perubahan: Vec<FieldChange>,
}

/// One field of a data change.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FieldChange {
    pub field: String,
    pub lama: String,
    pub baru: String,
}

/// The form as the case page shows it. The earlier values of a data change
/// are `applied_before` once it is applied, the person's current data until then.
pub fn view(
    form: &ServiceForm,
    person: &applicants::Model,
    applied_before: Option<&std::collections::BTreeMap<String, String>>,
) -> FormView {
    match form {
        ServiceForm::Penerbitan => FormView::default(),
        ServiceForm::Pembaruan { certificate_id } => FormView {
            certificate_ids: vec![*certificate_id],
            ..FormView::default()
        },
        ServiceForm::Pencabutan {
            certificate_ids,
            alasan,
            berlaku_mulai,
            pernyataan,
        } => FormView {
            certificate_ids: certificate_ids.clone(),
            revocation_reason: Some(*alasan),
            berlaku_mulai: Some(berlaku_mulai.to_string()),
            pernyataan: pernyataan.clone(),
            ..FormView::default()
        },
        ServiceForm::PerubahanData { perubahan, alasan } => {
            let current = PersonData::of(person);
            let mut now: std::collections::BTreeMap<&str, &str> =
                current.fields().into_iter().collect();
            now.insert("nik", person.nik_masked.as_str());
            let lama = |field: &str| match applied_before {
                Some(before) => before.get(field).cloned().unwrap_or_default(),
                None => now.get(field).map(|v| v.to_string()).unwrap_or_default(),
            };
            let mut rows: Vec<FieldChange> = perubahan
                .fields
                .iter()
                .map(|(field, baru)| FieldChange {
                    lama: lama(field),
                    field: field.clone(),
                    baru: baru.clone(),
                })
                .collect();
            if let Some(nik) = &perubahan.nik {
                rows.push(FieldChange {
                    field: "nik".into(),
                    lama: lama("nik"),
                    baru: nik.masked.clone(),
                });
            }
            FormView {
                alasan: alasan.clone(),
                perubahan: rows,
                ..FormView::default()
            }
        }
    }
}

/// Who reads a refusal: staff at the desk, or the applicant at the kiosk
/// (addressed as "Anda").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    Desk,
    Applicant,
}

/// The refusals of the service's own part, by field, for `nik_now` (the
/// person's NIK as it stands) on `today`. Empty when the part is fine as
/// typed.
pub async fn check_typed(
    db: &impl ConnectionTrait,
    layanan: Layanan,
    input: &ServiceFormInput,
    nik_now: &str,
    today: NaiveDate,
    reader: Reader,
) -> Result<BTreeMap<String, String>> {
    let mut errors = BTreeMap::new();
    let mut say = |field: &str, message: &str| {
        errors.insert(field.to_string(), message.to_string());
    };
    let mut data_errors = BTreeMap::new();
    match layanan {
        Layanan::Penerbitan => {}
        Layanan::Pembaruan => {
            if !input.data_dikonfirmasi {
                say(
                    "data_dikonfirmasi",
                    match reader {
                        Reader::Desk => {
                            "Pastikan dulu data pemohon di AMS tidak berubah. Bila berubah, ajukan perubahan data."
                        }
                        Reader::Applicant => {
                            "Nyatakan bahwa data Anda tidak berubah. Bila berubah, pilih layanan Perubahan data."
                        }
                    },
                );
            }
        }
        Layanan::Pencabutan => {
            if input.revocation_reason.is_none() {
                say("revocation_reason", "Pilih alasan pencabutan.");
            }
            if revocation_day(&input.berlaku_mulai).is_none() {
                say(
                    "berlaku_mulai",
                    "Isi tanggal mulai berlakunya pencabutan (hh/bb/tttt).",
                );
            }
            if input.pernyataan.trim().is_empty() {
                say(
                    "pernyataan",
                    match reader {
                        Reader::Desk => "Isi pernyataan pemohon.",
                        Reader::Applicant => "Isi pernyataan Anda.",
                    },
                );
            }
        }
        Layanan::PerubahanData => {
            match crate::text::lines(&input.alasan, "Alasan", 500) {
                Err(m) => say("alasan", &m),
                Ok(a) if a.is_empty() => say("alasan", "Tuliskan alasan perubahan data."),
                Ok(_) => {}
            }
            match &input.data_baru {
                None => say("baru.nama", "Isi data yang baru."),
                Some(baru) => {
                    let corrects = !strip_separators(&input.nik_baru).is_empty();
                    let (nik, nik_ulang) = if corrects {
                        (input.nik_baru.clone(), input.nik_baru_ulang.clone())
                    } else {
                        (nik_now.to_string(), nik_now.to_string())
                    };
                    let typed = ApplicantInput {
                        nama: baru.nama.clone(),
                        nik,
                        nik_ulang,
                        nip: baru.nip.clone(),
                        email: baru.email.clone(),
                        telepon: baru.telepon.clone(),
                        jabatan: baru.jabatan.clone(),
                        unit_kerja: baru.unit_kerja.clone(),
                        instansi: baru.instansi.clone(),
                    };
                    let (_, report) = person_check::check_with_db(db, &typed, today).await?;
                    data_errors = report.errors;
                }
            }
        }
    }
    for (field, message) in data_errors {
        errors.entry(format!("baru.{field}")).or_insert(message);
    }
    Ok(errors)
}

/// The day a revocation applies from, as typed (dd/mm/yyyy or yyyy-mm-dd).
pub fn revocation_day(typed: &str) -> Option<NaiveDate> {
    calendar::days::parse_day(typed)
}
