//! The certificate registry: what BSrE issued to each applicant, as the desk
//! recorded it when a case finished, or as staff recorded it from outside
//! Loket (a certificate the person held before the office used Loket). A
//! renewal supersedes its predecessor; a revocation revokes what its form
//! names. Expiry is derived from the dates, never stored, so the registry
//! needs no nightly job.

use chrono::{Duration, NaiveDate};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, ModelTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{Acting, Entry};
use crate::calendar;
use crate::entities::{applicants as applicant_rows, cases, certificates};
use crate::lifecycle::flow;
use crate::lifecycle::vocabulary::{Layanan, RevocationReason, Status};
use crate::{Error, Result, store};

/// Stored status of a certificate; expiry is read from its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CertStatus {
    Aktif,
    Kedaluwarsa,
    Dicabut,
    /// Replaced by the certificate of a renewal (RFC 5280 code 4, superseded).
    Digantikan,
}

text_enum!(CertStatus {
    Aktif => "aktif", Kedaluwarsa => "kedaluwarsa", Dicabut => "dicabut",
    Digantikan => "digantikan",
});

impl CertStatus {
    /// A certificate's status as shown on `today`: a stored active one past
    /// its end is expired.
    pub fn shown(c: &certificates::Model, today: NaiveDate) -> Result<CertStatus> {
        let stored = CertStatus::stored(&c.status, format_args!("status sertifikat #{}", c.id))?;
        Ok(match stored {
            CertStatus::Aktif if c.valid_to < today => CertStatus::Kedaluwarsa,
            s => s,
        })
    }

    /// Whether a certificate shown in this status may be taken by `layanan`,
    /// the one rule the desk's form, the kiosk inbox and the check of a
    /// submitted form all follow: a renewal takes a certificate still
    /// standing, active or past its end (an expired certificate is renewed,
    /// not issued again); a revocation takes only an active one (one past its
    /// end or ended already has nothing left to revoke). Issuance and a data
    /// change take none.
    pub fn serves(self, layanan: Layanan) -> bool {
        match layanan {
            Layanan::Pembaruan => matches!(self, CertStatus::Aktif | CertStatus::Kedaluwarsa),
            Layanan::Pencabutan => self == CertStatus::Aktif,
            Layanan::Penerbitan | Layanan::PerubahanData => false,
        }
    }
}

/// Where the registry learned of a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CertSource {
    /// Issued through a case at this desk.
    Loket,
    /// Recorded by staff: the person held it before ("tercatat dari luar Loket").
    Luar,
}

text_enum!(CertSource { Loket => "loket", Luar => "luar" });

/// The RFC 5280 reason code of a superseded certificate.
pub const SUPERSEDED: i32 = 4;

/// A certificate as the case page and registry show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CertificateRow {
    #[ts(type = "number")]
    pub id: i64,
    pub serial: Option<String>,
    pub valid_from: String,
    pub valid_to: String,
    pub status: CertStatus,
    pub revocation_reason: Option<RevocationReason>,
    pub revocation_code: Option<i32>,
    pub source: CertSource,
    /// The case that issued it (none when recorded from outside Loket).
    #[ts(type = "number | null")]
    pub case_id: Option<i64>,
    /// The services that may take this certificate today ([`CertStatus::serves`]).
    pub untuk: Vec<Layanan>,
}

fn cert_row(c: certificates::Model, today: NaiveDate) -> Result<CertificateRow> {
    let what = |field: &str| format!("{field} sertifikat #{}", c.id);
    let status = CertStatus::shown(&c, today)?;
    let revocation_reason = c
        .revocation_reason
        .as_deref()
        .map(|r| RevocationReason::stored(r, what("alasan pencabutan")))
        .transpose()?;
    Ok(CertificateRow {
        id: c.id,
        serial: c.serial,
        valid_from: c.valid_from.to_string(),
        valid_to: c.valid_to.to_string(),
        status,
        revocation_reason,
        revocation_code: c.revocation_code,
        source: CertSource::stored(&c.source, what("asal"))?,
        case_id: c.case_id,
        untuk: Layanan::ALL
            .into_iter()
            .filter(|l| status.serves(*l))
            .collect(),
    })
}

/// The applicant's certificates that are active on `today`, latest ending first.
pub async fn active(
    db: &impl ConnectionTrait,
    applicant_id: i64,
    today: NaiveDate,
) -> Result<Vec<certificates::Model>> {
    Ok(certificates::Entity::find()
        .filter(certificates::Column::ApplicantId.eq(applicant_id))
        .filter(certificates::Column::Status.eq(CertStatus::Aktif.as_str()))
        .filter(certificates::Column::ValidTo.gte(today))
        .order_by_desc(certificates::Column::ValidTo)
        .all(db)
        .await?)
}

/// A certificate nearing its end, with who holds it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ExpiringRow {
    pub certificate: CertificateRow,
    #[ts(type = "number")]
    pub applicant_id: i64,
    pub nama: String,
    pub nip: Option<String>,
    pub instansi: String,
    pub days_left: i32,
    /// An open pembaruan case already exists for this applicant.
    pub pembaruan_nomor: Option<String>,
}

/// Setting: how many days ahead the expiring view looks (default 30).
pub const SETTING_EXPIRY_DAYS: &str = "hari_peringatan_kedaluwarsa";

/// How many active certificates end within the configured number of days.
pub async fn expiring_count(db: &DatabaseConnection, today: NaiveDate) -> Result<u64> {
    let days = store::number_setting(db, SETTING_EXPIRY_DAYS, 30).await? as i64;
    Ok(certificates::Entity::find()
        .filter(certificates::Column::Status.eq(CertStatus::Aktif.as_str()))
        .filter(certificates::Column::ValidTo.gte(today))
        .filter(certificates::Column::ValidTo.lte(today + Duration::days(days)))
        .count(db)
        .await?)
}

/// Active certificates that end within the configured number of days.
pub async fn expiring(db: &DatabaseConnection, today: NaiveDate) -> Result<Vec<ExpiringRow>> {
    let days = store::number_setting(db, SETTING_EXPIRY_DAYS, 30).await? as i64;
    let rows = certificates::Entity::find()
        .filter(certificates::Column::Status.eq(CertStatus::Aktif.as_str()))
        .filter(certificates::Column::ValidTo.gte(today))
        .filter(certificates::Column::ValidTo.lte(today + Duration::days(days)))
        .order_by_asc(certificates::Column::ValidTo)
        .all(db)
        .await?;
    with_holders(db, rows, today).await
}

/// Certificates that ended and were not renewed (nor revoked), the most
/// recently ended first, at most `limit`: their holders can no longer sign,
/// and an expired certificate is still renewed. A renewal under way is named.
pub async fn expired(
    db: &DatabaseConnection,
    today: NaiveDate,
    limit: u64,
) -> Result<Vec<ExpiringRow>> {
    let rows = certificates::Entity::find()
        .filter(certificates::Column::Status.eq(CertStatus::Aktif.as_str()))
        .filter(certificates::Column::ValidTo.lt(today))
        .order_by_desc(certificates::Column::ValidTo)
        .limit(limit)
        .all(db)
        .await?;
    with_holders(db, rows, today).await
}

/// The rows of `rows` with who holds each and any renewal under way.
async fn with_holders(
    db: &DatabaseConnection,
    rows: Vec<certificates::Model>,
    today: NaiveDate,
) -> Result<Vec<ExpiringRow>> {
    let mut out = Vec::with_capacity(rows.len());
    for cert in rows {
        let applicant = applicant_rows::Entity::find_by_id(cert.applicant_id)
            .one(db)
            .await?
            .ok_or_else(|| Error::Corrupt(format!("pemegang sertifikat #{} hilang", cert.id)))?;
        let mut pembaruan = None;
        for c in applicant
            .find_related(cases::Entity)
            .filter(cases::Column::Layanan.eq(Layanan::Pembaruan.as_str()))
            .all(db)
            .await?
        {
            let status = Status::stored(&c.status, format_args!("status permohonan {}", c.nomor))?;
            if !flow::is_final(status) {
                pembaruan = Some(c.nomor);
                break;
            }
        }
        out.push(ExpiringRow {
            days_left: (cert.valid_to - today).num_days() as i32,
            applicant_id: applicant.id,
            nama: applicant.nama,
            nip: applicant.nip,
            instansi: applicant.instansi,
            pembaruan_nomor: pembaruan,
            certificate: cert_row(cert, today)?,
        });
    }
    Ok(out)
}

/// Every certificate of an applicant, latest ending first.
pub async fn of_applicant(
    db: &impl ConnectionTrait,
    applicant_id: i64,
    today: NaiveDate,
) -> Result<Vec<CertificateRow>> {
    certificates::Entity::find()
        .filter(certificates::Column::ApplicantId.eq(applicant_id))
        .order_by_desc(certificates::Column::ValidTo)
        .all(db)
        .await?
        .into_iter()
        .map(|cert| cert_row(cert, today))
        .collect()
}

/// What BSrE's notice says of a certificate (or what staff copy from one the
/// person already holds).
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct Validity {
    /// Valid from (dd/mm/yyyy or yyyy-mm-dd).
    pub valid_from: String,
    /// Valid to (dd/mm/yyyy or yyyy-mm-dd).
    pub valid_to: String,
    /// The serial number, if the notice gives it.
    pub serial: String,
}

/// A checked validity.
pub(crate) struct Checked {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub serial: String,
}

impl Validity {
    /// The dates read and checked: both days, the end after the start. Field
    /// messages are keyed `valid_from`/`valid_to`.
    pub(crate) fn check(&self) -> Result<Checked> {
        self.checked(true)
    }

    /// As [`Validity::check`], for a row of the office's old spreadsheet:
    /// those often lack the serial, which is then added by a correction.
    pub(crate) fn check_imported(&self) -> Result<Checked> {
        self.checked(false)
    }

    fn checked(&self, serial_required: bool) -> Result<Checked> {
        // Every field's mistake at once, each next to its field.
        let mut problems = std::collections::BTreeMap::new();
        let day = |label: &str, text: &str| {
            calendar::days::parse_day(text).ok_or_else(|| {
                format!("{label} wajib diisi dengan tanggal yang benar (hh/bb/tttt).")
            })
        };
        if let Err(m) = serial_text(&self.serial) {
            problems.insert("serial".to_string(), m);
        } else if serial_required && self.serial.trim().is_empty() {
            // The serial names the certificate in BSrE's records and in
            // every later case on it: none is recorded without one.
            problems.insert(
                "serial".to_string(),
                "Isi nomor seri sertifikat (tertera di surel BSrE).".to_string(),
            );
        }
        let from = day("Berlaku mulai", &self.valid_from)
            .map_err(|m| problems.insert("valid_from".to_string(), m))
            .ok();
        let to = day("Berlaku sampai", &self.valid_to)
            .map_err(|m| problems.insert("valid_to".to_string(), m))
            .ok();
        for (field, d) in [("valid_from", from), ("valid_to", to)] {
            if let Some(d) = d
                && !(2000..=2100).contains(&chrono::Datelike::year(&d))
            {
                problems.insert(
                    field.to_string(),
                    "Tahun di luar 2000 sampai 2100: periksa tanggalnya.".to_string(),
                );
            }
        }
        if let (Some(from), Some(to)) = (from, to)
            && to <= from
        {
            problems.insert(
                "valid_to".to_string(),
                "Tanggal berakhir harus sesudah tanggal mulai berlaku.".to_string(),
            );
        }
        Error::fields(problems)?;
        let (Some(from), Some(to)) = (from, to) else {
            return Err(Error::field("valid_from", "Tanggal tidak valid."));
        };
        Ok(Checked {
            from,
            to,
            serial: self.serial.trim().to_string(),
        })
    }
}

/// Records the certificate a finished penerbitan or pembaruan produced.
pub(crate) async fn issue(
    txn: &DatabaseTransaction,
    act: &Acting<'_>,
    case: &cases::Model,
    validity: &Checked,
) -> Result<certificates::Model> {
    let cert = insert(txn, act, case.applicant_id, Some(case.id), validity).await?;
    act.record(
        txn,
        Entry::new(
            "certificate.issue",
            "certificate",
            cert.id,
            serde_json::json!({
                "case": case.nomor, "valid_from": cert.valid_from, "valid_to": cert.valid_to,
            }),
        ),
    )
    .await?;
    Ok(cert)
}

async fn insert(
    txn: &DatabaseTransaction,
    act: &Acting<'_>,
    applicant_id: i64,
    case_id: Option<i64>,
    v: &Checked,
) -> Result<certificates::Model> {
    if !v.serial.is_empty() {
        serial_free(txn, &v.serial, None).await?;
    }
    let source = if case_id.is_some() {
        CertSource::Loket
    } else {
        CertSource::Luar
    };
    Ok(certificates::ActiveModel {
        applicant_id: Set(applicant_id),
        case_id: Set(case_id),
        serial: Set((!v.serial.is_empty()).then(|| v.serial.to_string())),
        valid_from: Set(v.from),
        valid_to: Set(v.to),
        status: Set(CertStatus::Aktif.as_str().into()),
        created_at: Set(act.now()),
        source: Set(source.as_str().into()),
        recorded_by: Set((source == CertSource::Luar).then(|| act.name())),
        ..Default::default()
    }
    .insert(txn)
    .await?)
}

/// A serial as typed, checked: letters, digits and `-_./:` only (a serial
/// is hexadecimal or BSrE's own numbering; a look-alike from another script,
/// a tab or a hidden character would let one serial be recorded twice),
/// at most 100 characters. Empty is let through (the caller says whether it
/// is required).
pub(crate) fn serial_text(serial: &str) -> std::result::Result<String, String> {
    let s = serial.trim();
    if s.chars().count() > 100 {
        return Err("Nomor seri sertifikat paling panjang 100 karakter.".into());
    }
    if let Some(c) = s
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "-_./:".contains(*c)))
    {
        return Err(format!(
            "Nomor seri hanya berisi huruf, angka dan - _ . / : (ada \"{}\").",
            c.escape_debug()
        ));
    }
    Ok(s.to_string())
}

/// Refuses `serial` when another certificate than `except` carries it, in
/// capitals or small letters alike: a serial names one certificate.
pub(crate) async fn serial_free(
    db: &impl ConnectionTrait,
    serial: &str,
    except: Option<i64>,
) -> Result<()> {
    use sea_orm::sea_query::{Expr, ExprTrait, Func};
    let mut q = certificates::Entity::find().filter(
        Expr::expr(Func::upper(Expr::col(certificates::Column::Serial)))
            .eq(Expr::val(serial.trim().to_uppercase())),
    );
    if let Some(id) = except {
        q = q.filter(certificates::Column::Id.ne(id));
    }
    if let Some(other) = q.one(db).await? {
        let holder = crate::entities::applicants::Entity::find_by_id(other.applicant_id)
            .one(db)
            .await?
            .map_or_else(String::new, |a| a.nama);
        return Err(Error::field(
            "serial",
            format!(
                "Nomor seri {} sudah tercatat pada sertifikat {holder}.",
                serial.trim()
            ),
        ));
    }
    Ok(())
}

/// Refuses the state where the person holds more than one active
/// certificate on `today`: a person holds one at a time (a renewal replaces
/// it, a new issuance follows its revocation).
pub(crate) async fn one_active(
    db: &impl ConnectionTrait,
    applicant_id: i64,
    today: NaiveDate,
    field: &str,
) -> Result<()> {
    let held = active(db, applicant_id, today).await?;
    if held.len() > 1 {
        let list = held
            .iter()
            .map(|c| {
                format!(
                    "{} sampai {}",
                    c.serial.as_deref().unwrap_or("tanpa nomor seri"),
                    c.valid_to.format("%d/%m/%Y")
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        return Err(Error::field(
            field,
            format!(
                "Pemohon akan memegang lebih dari satu sertifikat aktif ({list}). Cabut atau perbarui yang lama lebih dulu."
            ),
        ));
    }
    Ok(())
}

/// Records, inside the caller's transaction, a certificate the person already
/// holds from before the office used Loket ("tercatat dari luar Loket").
pub(crate) async fn record_external_in(
    txn: &DatabaseTransaction,
    act: &Acting<'_>,
    applicant_id: i64,
    validity: &Validity,
) -> Result<certificates::Model> {
    let v = validity.check()?;
    store::hold_person(txn, applicant_id).await?;
    let cert = insert(txn, act, applicant_id, None, &v).await?;
    one_active(txn, applicant_id, act.today(), "valid_to").await?;
    act.record(
        txn,
        Entry::new(
            "certificate.record",
            "certificate",
            cert.id,
            serde_json::json!({
                "applicant_id": applicant_id, "valid_from": cert.valid_from,
                "valid_to": cert.valid_to, "serial": cert.serial,
            }),
        ),
    )
    .await?;
    Ok(cert)
}

/// Records, inside an import's batch transaction, a certificate from the
/// office's spreadsheet; the batch's own audit entry names it.
pub(crate) async fn record_imported(
    txn: &DatabaseTransaction,
    act: &Acting<'_>,
    applicant_id: i64,
    validity: &Validity,
) -> Result<certificates::Model> {
    let v = validity.check_imported()?;
    store::hold_person(txn, applicant_id).await?;
    let cert = insert(txn, act, applicant_id, None, &v).await?;
    one_active(txn, applicant_id, act.today(), "valid_to").await?;
    Ok(cert)
}

/// Records a certificate the person already holds, from their page.
pub async fn record_external(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    applicant_id: i64,
    validity: &Validity,
) -> Result<CertificateRow> {
    let txn = store::begin_write(db).await?;
    applicant_rows::Entity::find_by_id(applicant_id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound("Pemohon"))?;
    let cert = record_external_in(&txn, act, applicant_id, validity).await?;
    txn.commit().await?;
    cert_row(cert, act.today())
}

/// The person's certificate `id`, refused when it is someone else's.
pub(crate) async fn of_person(
    db: &impl ConnectionTrait,
    applicant_id: i64,
    id: i64,
) -> Result<certificates::Model> {
    certificates::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|c| c.applicant_id == applicant_id)
        .ok_or(Error::NotFound("Sertifikat pemohon ini"))
}

/// The stored status of a certificate.
pub(crate) fn status_of(c: &certificates::Model) -> Result<CertStatus> {
    CertStatus::stored(&c.status, format_args!("status sertifikat #{}", c.id))
}

/// Ends certificates: revoked with the local reason and its RFC 5280 code, or
/// superseded by a renewal (code 4). Only active ones change.
pub(crate) async fn end(
    txn: &DatabaseTransaction,
    act: &Acting<'_>,
    case: &cases::Model,
    certs: Vec<certificates::Model>,
    how: Ending,
) -> Result<()> {
    for cert in certs {
        if status_of(&cert)? != CertStatus::Aktif {
            continue;
        }
        let id = cert.id;
        let mut am: certificates::ActiveModel = cert.into();
        am.revoked_at = Set(Some(act.now()));
        am.revoked_by_case_id = Set(Some(case.id));
        let (status, code, reason, action) = match how {
            Ending::Revoked(r) => (
                CertStatus::Dicabut,
                r.rfc5280_code(),
                Some(r.as_str()),
                "certificate.revoke",
            ),
            Ending::Superseded => (
                CertStatus::Digantikan,
                SUPERSEDED,
                None,
                "certificate.supersede",
            ),
        };
        am.status = Set(status.as_str().into());
        am.revocation_code = Set(Some(code));
        am.revocation_reason = Set(reason.map(str::to_string));
        am.update(txn).await?;
        act.record(
            txn,
            Entry::new(
                action,
                "certificate",
                id,
                serde_json::json!({ "case": case.nomor, "reason": reason, "rfc5280": code }),
            ),
        )
        .await?;
    }
    Ok(())
}

/// How certificates end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ending {
    Revoked(RevocationReason),
    Superseded,
}
