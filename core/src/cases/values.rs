//! Correcting a value the desk recorded on a case or a certificate: the AMS
//! reference, the channel, the instansi and unit kerja the case was opened
//! under, the day a checklist item was received, a certificate's serial,
//! validity dates and status (when it was recorded wrongly: a revocation
//! stays a service). A person's data are corrected on their page
//! ([`crate::applicants::changes`]).
//!
//! Each correction names the value the desk saw (a value changed meanwhile
//! by someone else is refused with both values: never overwritten
//! silently), the new value and the reason; it is one transaction with the
//! case's history entry ("koreksi"), its row in the register of corrections
//! and its audit entry, and what depends on the value follows in the same
//! transaction: a certificate's waiting expiry notices are withdrawn (the
//! next pass queues the ones of the new date), the case's deadline is
//! recomputed. Lists, reports and the registry read the stored value.
//!
//! Where the office turns on four-eyes ([`SETTING_FOUR_EYES`]), a correction
//! waits for a second person's approval and applies only then.

use chrono::{NaiveDate, NaiveTime};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::record;
use crate::audit::{Acting, Entry};
use crate::calendar::days::parse_day;
use crate::certificates::{self, CertStatus};
use crate::entities::{
    case_events, case_requirements, cases, certificates as certificate_rows, corrections, outbox,
};
use crate::lifecycle::flow::EntryKind;
use crate::lifecycle::vocabulary::Kanal;
use crate::notices::templates::Peristiwa;
use crate::secrets::DataKey;
use crate::{Error, Result, store};

/// The setting that turns four-eyes on for corrections ("ya"; see
/// [`super::approval`]).
pub const SETTING_FOUR_EYES: &str = "koreksi_empat_mata";

/// Whether corrections wait for a second person.
pub async fn four_eyes(db: &impl ConnectionTrait, key: &DataKey) -> Result<bool> {
    match store::sealed_setting(db, key, SETTING_FOUR_EYES).await? {
        Some(v) => Ok(v == "ya"),
        // Never set: off. Set once (the audit log says so) and gone now: the
        // row was deleted outside Loket, and four-eyes is not silently off.
        None => {
            use sea_orm::PaginatorTrait;
            let set_before = crate::entities::audit_log::Entity::find()
                .filter(crate::entities::audit_log::Column::Action.eq("settings.four_eyes"))
                .count(db)
                .await?;
            if set_before > 0 {
                return Err(Error::Tampered(format!(
                    "Pengaturan \"{SETTING_FOUR_EYES}\" dihapus di luar Loket; koreksi tidak \
                     disimpan sampai admin menyimpan pengaturan empat mata lagi."
                )));
            }
            Ok(false)
        }
    }
}

/// What a correction is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Target {
    /// A value of the case (AMS reference, channel, instansi, unit kerja).
    Case,
    /// A value of a certificate (serial, validity dates, status).
    Certificate,
    /// The day a checklist item was received.
    Requirement,
    /// A step taken back (written by [`super::takeback`]).
    Langkah,
}

text_enum!(Target {
    Case => "case", Certificate => "certificate", Requirement => "requirement", Langkah => "langkah",
});

/// Where a correction stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum State {
    /// Waiting for a second person's approval (four-eyes).
    Menunggu,
    /// Applied.
    Berlaku,
    /// Refused by the second person; nothing changed.
    Ditolak,
}

text_enum!(State { Menunggu => "menunggu", Berlaku => "berlaku", Ditolak => "ditolak" });

/// A correction as the desk sends it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct ValueCorrection {
    /// The case whose page the correction is made from: its history and its
    /// page show the correction (a certificate's correction too). A value
    /// of another person is refused.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub case_id: Option<i64>,
    pub target: Option<Target>,
    /// The case's, the certificate's or the checklist item's number.
    #[ts(type = "number")]
    pub target_id: i64,
    /// `ams_ref`, `kanal`, `instansi`, `unit_kerja`; `serial`, `valid_from`,
    /// `valid_to`, `status`; `diterima_pada`.
    pub field: String,
    /// The value the page showed (as [`CorrectableValue::value`] gives it).
    pub lama: String,
    pub baru: String,
    pub reason: String,
    /// Only check it: the refusals, or the new value as it would be stored
    /// (shown old beside new before saving); nothing is written.
    #[serde(default)]
    pub periksa: bool,
}

/// One value the desk may correct, as the case page offers it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CorrectableValue {
    pub target: Target,
    #[ts(type = "number")]
    pub target_id: i64,
    pub field: String,
    /// What the desk calls it ("Berlaku sampai (sertifikat SN-1)").
    pub label: String,
    /// The value as it stands, in the form a correction names it.
    pub value: String,
}

/// What a correction did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CorrectionResult {
    #[ts(type = "number")]
    pub id: i64,
    /// Applied now (false: waiting for a second person's approval, or only checked).
    pub applied: bool,
    /// The new value as stored (a date as dd/mm/yyyy).
    pub baru: String,
}

/// Writes a correction row with its seal.
pub(crate) async fn save(
    txn: &DatabaseTransaction,
    key: &DataKey,
    am: corrections::ActiveModel,
) -> Result<corrections::Model> {
    let m = if am.id.is_not_set() {
        am.insert(txn).await?
    } else {
        am.update(txn).await?
    };
    let seal = crate::seal::correction(key, &m);
    let mut am: corrections::ActiveModel = m.into();
    am.segel = Set(Some(seal));
    Ok(am.update(txn).await?)
}

fn day(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// The label of a field.
fn field_label(target: Target, field: &str) -> Option<&'static str> {
    Some(match (target, field) {
        (Target::Case, "ams_ref") => "Referensi AMS",
        (Target::Case, "kanal") => "Kanal",
        (Target::Case, "instansi") => "Instansi permohonan",
        (Target::Case, "unit_kerja") => "Unit kerja permohonan",
        (Target::Certificate, "serial") => "Nomor seri",
        (Target::Certificate, "valid_from") => "Berlaku mulai",
        (Target::Certificate, "valid_to") => "Berlaku sampai",
        (Target::Certificate, "status") => "Status sertifikat",
        (Target::Requirement, "diterima_pada") => "Tanggal diterima",
        (Target::Langkah, "status") => "Langkah dimundurkan",
        _ => return None,
    })
}

/// What a correction's row is about, for people: the field and its owner.
pub(crate) async fn describe(db: &impl ConnectionTrait, c: &corrections::Model) -> Result<String> {
    let target = Target::stored(&c.target, format_args!("koreksi #{}", c.id))?;
    let field = field_label(target, &c.field).unwrap_or("?");
    Ok(match target {
        Target::Certificate => {
            let serial = certificate_rows::Entity::find_by_id(c.target_id)
                .one(db)
                .await?
                .and_then(|x| x.serial)
                .unwrap_or_else(|| format!("#{}", c.target_id));
            format!("{field} (sertifikat {serial})")
        }
        Target::Requirement => {
            let label = case_requirements::Entity::find_by_id(c.target_id)
                .one(db)
                .await?
                .map_or_else(|| format!("#{}", c.target_id), |r| r.label);
            format!("{field}: {label}")
        }
        Target::Case | Target::Langkah => field.to_string(),
    })
}

/// A value as it stands, with its owner's case and person.
pub(super) struct Current {
    pub value: String,
    pub case_id: i64,
    pub applicant_id: i64,
    pub label: String,
}

pub(super) async fn current(
    db: &impl ConnectionTrait,
    target: Target,
    id: i64,
    field: &str,
) -> Result<Current> {
    let Some(label) = field_label(target, field).filter(|_| target != Target::Langkah) else {
        return Err(Error::field(
            "field",
            "Nilai ini tidak dapat dikoreksi di sini.",
        ));
    };
    Ok(match target {
        Target::Case => {
            let c = record::find(db, id).await?;
            let value = match field {
                "ams_ref" => c.ams_ref.clone().unwrap_or_default(),
                "kanal" => c.kanal.clone(),
                "instansi" => c.instansi.clone(),
                _ => c.unit_kerja.clone(),
            };
            Current {
                value,
                case_id: c.id,
                applicant_id: c.applicant_id,
                label: label.into(),
            }
        }
        Target::Certificate => {
            let c = certificate_rows::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or(Error::NotFound("Sertifikat"))?;
            let value = match field {
                "serial" => c.serial.clone().unwrap_or_default(),
                "valid_from" => day(c.valid_from),
                "valid_to" => day(c.valid_to),
                _ => c.status.clone(),
            };
            Current {
                value,
                case_id: c.case_id.unwrap_or(0),
                applicant_id: c.applicant_id,
                label: format!(
                    "{label} (sertifikat {})",
                    c.serial.as_deref().unwrap_or("tanpa nomor seri")
                ),
            }
        }
        Target::Requirement | Target::Langkah => {
            let r = case_requirements::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or(Error::NotFound("Persyaratan"))?;
            let c = record::find(db, r.case_id).await?;
            Current {
                value: r
                    .checked_at
                    .map(|t| day(t.date_naive()))
                    .unwrap_or_default(),
                case_id: c.id,
                applicant_id: c.applicant_id,
                label: format!("{label}: {}", r.label),
            }
        }
    })
}

/// Whether a certificate's status may be corrected: only one recorded from
/// outside Loket and not ended by a case here. A status a service set (an
/// issuance, a renewal's supersession, a revocation) is BSrE's act recorded
/// through its case; undoing it by a correction would undo a revocation.
fn status_correctable(c: &certificate_rows::Model) -> bool {
    c.case_id.is_none() && c.revoked_by_case_id.is_none()
}

/// The values of case `id` the desk may correct, with the certificates of
/// its person and the received items of its checklist.
pub async fn correctable(db: &impl ConnectionTrait, id: i64) -> Result<Vec<CorrectableValue>> {
    let case = record::find(db, id).await?;
    let mut out = vec![];
    for field in ["ams_ref", "kanal", "instansi", "unit_kerja"] {
        let c = current(db, Target::Case, id, field).await?;
        out.push(CorrectableValue {
            target: Target::Case,
            target_id: id,
            field: field.into(),
            label: c.label,
            value: c.value,
        });
    }
    let certs = certificate_rows::Entity::find()
        .filter(certificate_rows::Column::ApplicantId.eq(case.applicant_id))
        .order_by_asc(certificate_rows::Column::Id)
        .all(db)
        .await?;
    for cert in certs {
        let fields: &[&str] = if status_correctable(&cert) {
            &["serial", "valid_from", "valid_to", "status"]
        } else {
            &["serial", "valid_from", "valid_to"]
        };
        for field in fields.iter().copied() {
            let c = current(db, Target::Certificate, cert.id, field).await?;
            out.push(CorrectableValue {
                target: Target::Certificate,
                target_id: cert.id,
                field: field.into(),
                label: c.label,
                value: c.value,
            });
        }
    }
    let items = case_requirements::Entity::find()
        .filter(case_requirements::Column::CaseId.eq(id))
        .filter(case_requirements::Column::Checked.eq(true))
        .order_by_asc(case_requirements::Column::Id)
        .all(db)
        .await?;
    for r in items {
        let c = current(db, Target::Requirement, r.id, "diterima_pada").await?;
        out.push(CorrectableValue {
            target: Target::Requirement,
            target_id: r.id,
            field: "diterima_pada".into(),
            label: c.label,
            value: c.value,
        });
    }
    Ok(out)
}

/// The new value checked and in its stored form; refusals sit at `baru`.
pub(super) async fn checked_value(
    db: &impl ConnectionTrait,
    act: &Acting<'_>,
    target: Target,
    id: i64,
    field: &str,
    baru: &str,
) -> Result<String> {
    let at = |m: String| Error::field("baru", m);
    let date = |label: &str| {
        parse_day(baru).ok_or_else(|| {
            at(format!(
                "{label}: tanggal tidak valid (hh/bb/tttt), misalnya 21/11/2027."
            ))
        })
    };
    Ok(match (target, field) {
        (Target::Case, "ams_ref") => {
            let v = crate::text::line(baru, "Referensi AMS", 100).map_err(at)?;
            if v.is_empty() {
                return Err(at("Isi referensi pengajuan di AMS.".into()));
            }
            v
        }
        (Target::Case, "kanal") => Kanal::parse(baru.trim())
            .ok_or_else(|| at("Pilih kanal: loket, kiosk atau myasn.".into()))?
            .as_str()
            .to_string(),
        (Target::Case, f @ ("instansi" | "unit_kerja")) => {
            let label = if f == "instansi" {
                "Instansi"
            } else {
                "Unit kerja"
            };
            let v = crate::text::line(baru, label, 200).map_err(at)?;
            if v.is_empty() {
                return Err(at(format!("{label} wajib diisi.")));
            }
            v
        }
        (Target::Certificate, "serial") => {
            let v = certificates::serial_text(baru).map_err(at)?;
            if v.is_empty() {
                return Err(at(
                    "Isi nomor seri sertifikat (tertera di surel BSrE).".into()
                ));
            }
            certificates::serial_free(db, &v, Some(id))
                .await
                .map_err(|e| e.at_field("baru"))?;
            v
        }
        (Target::Certificate, f @ ("valid_from" | "valid_to")) => {
            let c = certificate_rows::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or(Error::NotFound("Sertifikat"))?;
            let d = date(if f == "valid_from" {
                "Berlaku mulai"
            } else {
                "Berlaku sampai"
            })?;
            if !(2000..=2100).contains(&chrono::Datelike::year(&d)) {
                return Err(at(
                    "Tahun di luar 2000 sampai 2100: periksa tanggalnya.".into()
                ));
            }
            let (from, to) = if f == "valid_from" {
                (d, c.valid_to)
            } else {
                (c.valid_from, d)
            };
            if to <= from {
                return Err(at(format!(
                    "Berlaku sampai ({}) harus sesudah berlaku mulai ({}).",
                    day(to),
                    day(from)
                )));
            }
            day(d)
        }
        (Target::Certificate, "status") => {
            let c = certificate_rows::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or(Error::NotFound("Sertifikat"))?;
            if !status_correctable(&c) {
                return Err(at(
                    "Status sertifikat ini dicatat oleh layanan di Loket (terbit, diperbarui atau \
                     dicabut lewat permohonan): tidak dikoreksi. Yang berubah di BSrE dicatat \
                     dengan layanannya."
                        .into(),
                ));
            }
            let s = CertStatus::parse(&baru.trim().to_lowercase())
                .filter(|s| *s != CertStatus::Kedaluwarsa)
                .ok_or_else(|| at("Pilih status: aktif, digantikan atau dicabut.".into()))?;
            if s == CertStatus::Dicabut {
                return Err(at(
                    "Pencabutan adalah layanan, bukan koreksi: buka permohonan pencabutan. \
                     Koreksi status hanya untuk status yang tercatat keliru."
                        .into(),
                ));
            }
            s.as_str().to_string()
        }
        (Target::Requirement, "diterima_pada") => {
            let d = date("Tanggal diterima")?;
            if d > act.today() {
                return Err(at(format!(
                    "Tanggal diterima ({}) belum tiba; berkas tidak dapat diterima di masa depan.",
                    day(d)
                )));
            }
            let r = case_requirements::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or(Error::NotFound("Persyaratan"))?;
            let c = record::find(db, r.case_id).await?;
            if d < c.created_at.date_naive() {
                return Err(at(format!(
                    "Tanggal diterima ({}) sebelum permohonan {} dibuka ({}).",
                    day(d),
                    c.nomor,
                    day(c.created_at.date_naive())
                )));
            }
            day(d)
        }
        _ => {
            return Err(Error::field(
                "field",
                "Nilai ini tidak dapat dikoreksi di sini.",
            ));
        }
    })
}

/// Writes the new value, with what follows from it; returns the case whose
/// history shows it (0: a certificate recorded from outside Loket).
async fn apply(
    txn: &DatabaseTransaction,
    act: &Acting<'_>,
    target: Target,
    id: i64,
    field: &str,
    baru: &str,
) -> Result<Vec<i64>> {
    let mut withdrawn = vec![];
    match target {
        Target::Case => {
            let c = record::find(txn, id).await?;
            let mut am: cases::ActiveModel = c.into();
            match field {
                "ams_ref" => am.ams_ref = Set(Some(baru.to_string())),
                "kanal" => am.kanal = Set(baru.to_string()),
                "instansi" => am.instansi = Set(baru.to_string()),
                _ => am.unit_kerja = Set(baru.to_string()),
            }
            am.updated_at = Set(act.now());
            am.update(txn).await?;
        }
        Target::Certificate => {
            let c = certificate_rows::Entity::find_by_id(id)
                .one(txn)
                .await?
                .ok_or(Error::NotFound("Sertifikat"))?;
            let applicant = c.applicant_id;
            let mut am: certificate_rows::ActiveModel = c.into();
            let parse =
                |s: &str| parse_day(s).ok_or_else(|| Error::field("baru", "Tanggal tidak valid."));
            match field {
                "serial" => am.serial = Set(Some(baru.to_string())),
                "valid_from" => am.valid_from = Set(parse(baru)?),
                "valid_to" => am.valid_to = Set(parse(baru)?),
                _ => {
                    am.status = Set(baru.to_string());
                    if baru == CertStatus::Aktif.as_str() {
                        am.revoked_at = Set(None);
                        am.revocation_reason = Set(None);
                        am.revocation_code = Set(None);
                        am.revoked_by_case_id = Set(None);
                    }
                }
            }
            am.update(txn).await?;
            if field != "serial" {
                // The expiry notices queued for the old end (or for a
                // certificate no longer active) are not sent; the next pass
                // queues those of the new end.
                withdrawn = crate::notices::outbox::withdraw(
                    txn,
                    outbox::Entity::find()
                        .filter(outbox::Column::CertificateId.eq(id))
                        .filter(outbox::Column::Peristiwa.is_in([
                            Peristiwa::KedaluwarsaH30.as_str(),
                            Peristiwa::KedaluwarsaH7.as_str(),
                            Peristiwa::KedaluwarsaHariIni.as_str(),
                        ])),
                )
                .await?
                .into_iter()
                .map(|m| m.id)
                .collect();
                certificates::one_active(txn, applicant, act.today(), "baru").await?;
            }
        }
        Target::Requirement | Target::Langkah => {
            let r = case_requirements::Entity::find_by_id(id)
                .one(txn)
                .await?
                .ok_or(Error::NotFound("Persyaratan"))?;
            let d = parse_day(baru).ok_or_else(|| Error::field("baru", "Tanggal tidak valid."))?;
            let time = r.checked_at.map_or(NaiveTime::MIN, |t| t.time());
            let at = d
                .and_time(time)
                .and_local_timezone(*act.now().offset())
                .single()
                .ok_or_else(|| Error::field("baru", "Tanggal tidak valid."))?;
            let mut am: case_requirements::ActiveModel = r.into();
            am.checked_at = Set(Some(at));
            am.update(txn).await?;
        }
    }
    Ok(withdrawn)
}

/// Records a correction that applies now: the value, the case's history
/// entry, the deadline, the audit entry.
pub(super) async fn applied(
    txn: &DatabaseTransaction,
    act: &Acting<'_>,
    row: &corrections::Model,
    label: &str,
) -> Result<()> {
    let target = Target::stored(&row.target, format_args!("koreksi #{}", row.id))?;
    let withdrawn = apply(txn, act, target, row.target_id, &row.field, &row.baru).await?;
    if row.case_id != 0 {
        let case = record::find(txn, row.case_id).await?;
        case_events::ActiveModel {
            case_id: Set(case.id),
            at: Set(act.now()),
            actor: Set(act.name()),
            from_status: Set(Some(case.status.clone())),
            to_status: Set(case.status.clone()),
            note: Set(format!(
                "Koreksi {label}: \"{}\" menjadi \"{}\". Alasan: {}{}",
                row.lama,
                row.baru,
                row.reason,
                if row.requested_by == act.name() {
                    String::new()
                } else {
                    format!(" (diajukan {}, disetujui {})", row.requested_by, act.name())
                }
            )),
            kind: Set(Some(EntryKind::Koreksi.as_str().into())),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        super::due::refresh(txn, case.id, act.now()).await?;
    }
    act.record(
        txn,
        Entry::new(
            "correction.apply",
            if target == Target::Certificate {
                "certificate"
            } else {
                "case"
            },
            if target == Target::Certificate {
                row.target_id
            } else {
                row.case_id
            },
            serde_json::json!({
                "correction": row.id, "target": row.target, "target_id": row.target_id,
                "field": row.field, "lama": row.lama, "baru": row.baru, "reason": row.reason,
                "requested_by": row.requested_by, "withdrawn": withdrawn,
            }),
        ),
    )
    .await?;
    Ok(())
}

/// The refusal of a correction whose value changed since the page was read.
pub(super) fn stale(label: &str, seen: &str, now: &str) -> Error {
    Error::field(
        "lama",
        format!(
            "{label} sudah diubah orang lain sejak halaman dibuka: sekarang \"{now}\", halaman \
             menampilkan \"{seen}\". Muat ulang dan periksa lagi sebelum mengoreksi."
        ),
    )
}

/// Corrects a recorded value as `input` asks: applied now, or waiting for a
/// second person when four-eyes is on.
pub async fn correct(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    input: &ValueCorrection,
) -> Result<CorrectionResult> {
    let target = input
        .target
        .filter(|t| *t != Target::Langkah)
        .ok_or_else(|| Error::field("field", "Pilih nilai yang dikoreksi."))?;
    let reason =
        crate::text::lines(&input.reason, "Alasan", 1000).map_err(|m| Error::field("reason", m))?;
    let txn = store::begin_write(db).await?;
    let first = current(&txn, target, input.target_id, &input.field).await?;
    // The value is read again once the person is held (PostgreSQL): a
    // colleague's correction committed meanwhile is seen, not overwritten.
    store::hold_person(&txn, first.applicant_id).await?;
    let mut now = current(&txn, target, input.target_id, &input.field).await?;
    if let Some(page) = input.case_id {
        let page = record::find(&txn, page).await?;
        let same_case = matches!(target, Target::Certificate) || now.case_id == page.id;
        if page.applicant_id != now.applicant_id || !same_case {
            return Err(Error::field(
                "field",
                "Nilai ini bukan milik permohonan yang dibuka.",
            ));
        }
        now.case_id = page.id;
    }
    let baru = checked_value(
        &txn,
        act,
        target,
        input.target_id,
        &input.field,
        &input.baru,
    )
    .await;
    let mut problems = std::collections::BTreeMap::new();
    if now.value != input.lama.trim()
        && let Error::Invalid { fields, .. } = stale(&now.label, input.lama.trim(), &now.value)
    {
        problems.extend(fields);
    }
    match &baru {
        Ok(v) if *v == now.value => {
            problems.insert(
                "baru".into(),
                "Nilai baru sama dengan nilai yang tercatat.".into(),
            );
        }
        Ok(_) => {}
        Err(Error::Invalid { fields, .. }) => problems.extend(fields.clone()),
        Err(_) => {}
    }
    if reason.trim().is_empty() {
        problems.insert(
            "reason".into(),
            "Tuliskan alasan koreksi (misalnya: salah ketik dari surel BSrE).".into(),
        );
    }
    Error::fields(problems)?;
    let baru = baru?;
    if input.periksa {
        // Nothing written: the transaction is dropped, and rolled back.
        return Ok(CorrectionResult {
            id: 0,
            applied: false,
            baru,
        });
    }
    let waits = four_eyes(&txn, act.key()).await?;
    let row = save(
        &txn,
        act.key(),
        corrections::ActiveModel {
            case_id: Set(now.case_id),
            applicant_id: Set(now.applicant_id),
            target: Set(target.as_str().into()),
            target_id: Set(input.target_id),
            field: Set(input.field.clone()),
            lama: Set(now.value.clone()),
            baru: Set(baru),
            reason: Set(reason),
            state: Set(if waits {
                State::Menunggu
            } else {
                State::Berlaku
            }
            .as_str()
            .into()),
            requested_by: Set(act.name()),
            requested_at: Set(act.now()),
            decided_by: Set(None),
            decided_at: Set(None),
            ..Default::default()
        },
    )
    .await?;
    if waits {
        act.record(
            &txn,
            Entry::new(
                "correction.request",
                "case",
                row.case_id,
                serde_json::json!({
                    "correction": row.id, "field": row.field, "lama": row.lama,
                    "baru": row.baru, "reason": row.reason,
                }),
            ),
        )
        .await?;
    } else {
        applied(&txn, act, &row, &now.label).await?;
    }
    txn.commit().await?;
    Ok(CorrectionResult {
        id: row.id,
        applied: !waits,
        baru: row.baru,
    })
}
