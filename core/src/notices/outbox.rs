//! The outbox: a message to an applicant is queued in the transaction of the
//! change that causes it (so a change without its message, or a message
//! without its change, is never committed), with its Message-ID fixed there.
//! The sender (`mail::sender`) delivers it later; staff see each message
//! on the case page and the waiting or failed ones on the outbox screen, and
//! may send a failed one again.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use lettre::Address;
use rand::RngCore;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::settings::{self, one_line};
use super::templates::{self, Peristiwa};
use crate::audit::{Acting, Entry};
use crate::entities::{applicants, cases, outbox};
use crate::lifecycle::vocabulary::Layanan;
use crate::{Error, Result, store};

/// A message's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Keadaan {
    /// Waiting for its (next) attempt.
    Menunggu,
    /// The server accepted it.
    Terkirim,
    /// Not delivered: the server refused it, the address is not valid, or
    /// every attempt failed. Staff may send it again.
    Gagal,
    /// Withdrawn before it was sent: what it said no longer holds (a step
    /// taken back, a certificate's end date corrected). Kept, never sent.
    Ditarik,
}

impl Keadaan {
    pub fn as_str(self) -> &'static str {
        match self {
            Keadaan::Menunggu => "menunggu",
            Keadaan::Terkirim => "terkirim",
            Keadaan::Gagal => "gagal",
            Keadaan::Ditarik => "ditarik",
        }
    }

    pub fn parse(s: &str) -> Option<Keadaan> {
        [
            Keadaan::Menunggu,
            Keadaan::Terkirim,
            Keadaan::Gagal,
            Keadaan::Ditarik,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// What is attached, rendered at the first attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lampiran {
    /// The case's receipt (tanda terima).
    TandaTerima,
    /// The letter `letter_id` names.
    Surat,
}

impl Lampiran {
    pub fn as_str(self) -> &'static str {
        match self {
            Lampiran::TandaTerima => "tanda_terima",
            Lampiran::Surat => "surat",
        }
    }

    pub fn parse(s: &str) -> Option<Lampiran> {
        match s {
            "tanda_terima" => Some(Lampiran::TandaTerima),
            "surat" => Some(Lampiran::Surat),
            _ => None,
        }
    }
}

/// A message to queue about a case.
pub struct CaseMessage<'a> {
    pub case: &'a cases::Model,
    pub peristiwa: Peristiwa,
    /// The event's own values (`alasan`, `berkas_kurang`, …).
    pub values: BTreeMap<&'static str, String>,
    pub lampiran: Option<Lampiran>,
    pub letter_id: Option<i64>,
}

/// A message as staff see it (no body, no attachment bytes).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MessageRow {
    #[ts(type = "number")]
    pub id: i64,
    pub peristiwa: Peristiwa,
    pub peristiwa_label: String,
    #[ts(type = "number | null")]
    pub case_id: Option<i64>,
    pub nomor: Option<String>,
    pub penerima: String,
    pub nama_penerima: String,
    pub subjek: String,
    pub lampiran: Option<String>,
    pub keadaan: Keadaan,
    pub percobaan: i32,
    /// RFC 3339.
    pub dibuat: String,
    pub berikutnya: String,
    pub terkirim: Option<String>,
    pub balasan: Option<String>,
    pub ulang_tidak_pasti: bool,
    pub message_id: String,
    /// A WhatsApp click-to-chat link with the message's text for the
    /// applicant's telephone number (none without a usable number).
    pub whatsapp: Option<String>,
}

/// A fresh Message-ID at the sender's domain.
fn message_id(sender: &str, now: DateTime<FixedOffset>) -> String {
    let domain = sender
        .parse::<Address>()
        .map(|a| a.domain().to_string())
        .unwrap_or_else(|_| "loket.invalid".into());
    let mut r = [0u8; 12];
    rand::rngs::OsRng.fill_bytes(&mut r);
    format!(
        "<loket.{}.{}@{domain}>",
        now.timestamp(),
        crate::secrets::hex(&r)
    )
}

/// The values every message fills: the person's and the office's.
pub(crate) async fn person_values(
    db: &impl ConnectionTrait,
    applicant: &applicants::Model,
) -> Result<BTreeMap<&'static str, String>> {
    let kop = crate::office::settings::settings(db).await?.kop;
    Ok(BTreeMap::from([
        ("nama", applicant.nama.clone()),
        ("instansi", applicant.instansi.clone()),
        ("kantor", kop.dinas),
        ("telepon_kantor", kop.telepon),
    ]))
}

/// The values every message about a case fills.
async fn case_values(
    db: &impl ConnectionTrait,
    case: &cases::Model,
    applicant: &applicants::Model,
) -> Result<BTreeMap<&'static str, String>> {
    let layanan = Layanan::stored(
        &case.layanan,
        format_args!("layanan permohonan #{}", case.id),
    )?;
    let mut values = person_values(db, applicant).await?;
    values.insert("nomor", case.nomor.clone());
    values.insert("layanan", layanan.label().to_lowercase());
    Ok(values)
}

/// Queues the message `m` inside the caller's transaction, when sending is
/// on and the event's message is switched on and the applicant has an
/// address. A recipient address that is not valid is queued as failed (it
/// is never sent; staff see why). Returns the message's id.
pub async fn queue_case(
    txn: &DatabaseTransaction,
    act: &Acting<'_>,
    m: CaseMessage<'_>,
) -> Result<Option<i64>> {
    let applicant = applicants::Entity::find_by_id(m.case.applicant_id)
        .one(txn)
        .await?
        .ok_or_else(|| Error::NotFound("pemohon"))?;
    let mut values = case_values(txn, m.case, &applicant).await?;
    values.extend(m.values);
    queue(
        txn,
        act,
        Queued {
            peristiwa: m.peristiwa,
            case_id: Some(m.case.id),
            certificate_id: None,
            letter_id: m.letter_id,
            kunci: None,
            penerima: &applicant.email,
            nama: &applicant.nama,
            values,
            lampiran: m.lampiran,
        },
    )
    .await
}

/// A message ready to be written.
pub(crate) struct Queued<'a> {
    pub peristiwa: Peristiwa,
    pub case_id: Option<i64>,
    pub certificate_id: Option<i64>,
    pub letter_id: Option<i64>,
    pub kunci: Option<String>,
    pub penerima: &'a str,
    pub nama: &'a str,
    pub values: BTreeMap<&'static str, String>,
    pub lampiran: Option<Lampiran>,
}

/// Whether `to` is an address a message can be sent to.
pub(crate) fn valid_address(to: &str) -> bool {
    let to = to.trim();
    to.parse::<Address>().is_ok() && !to.chars().any(char::is_control)
}

/// Writes a message row (see [`queue_case`]).
pub(crate) async fn queue(
    txn: &DatabaseTransaction,
    act: &Acting<'_>,
    q: Queued<'_>,
) -> Result<Option<i64>> {
    let s = settings::settings(txn).await?;
    if !s.aktif {
        return Ok(None);
    }
    let t = templates::template(txn, q.peristiwa).await?;
    let to = q.penerima.trim();
    if !t.aktif || to.is_empty() {
        return Ok(None);
    }
    let valid = valid_address(to);
    // A name, a number or an instansi is one line wherever it is inserted;
    // only the lists and notes keep their lines.
    let values: BTreeMap<&str, String> = q
        .values
        .into_iter()
        .map(|(k, v)| match k {
            "berkas_kurang" | "catatan" | "alasan" | "jawaban" => (k, v),
            _ => (k, one_line(&v)),
        })
        .collect();
    let now = act.now();
    let row = outbox::ActiveModel {
        message_id: Set(message_id(&s.alamat_pengirim, now)),
        kunci: Set(q.kunci),
        peristiwa: Set(q.peristiwa.as_str().into()),
        case_id: Set(q.case_id),
        certificate_id: Set(q.certificate_id),
        letter_id: Set(q.letter_id),
        penerima: Set(to.chars().filter(|c| !c.is_control()).collect()),
        nama_penerima: Set(one_line(q.nama)),
        subjek: Set(templates::fill(&t.subjek, &values, true)),
        isi: Set(templates::fill(&t.isi, &values, false)),
        lampiran_jenis: Set(q.lampiran.map(|l| l.as_str().to_string())),
        lampiran_nama: Set(None),
        lampiran: Set(None),
        status: Set(if valid { Keadaan::Menunggu } else { Keadaan::Gagal }
            .as_str()
            .into()),
        percobaan: Set(0),
        berikutnya: Set(now),
        dikirim_sejak: Set(None),
        ulang_tidak_pasti: Set(false),
        balasan: Set((!valid).then(|| "Alamat surel pemohon tidak sah; pesan tidak dikirim. Perbaiki data pemohon lalu kirim ulang.".to_string())),
        dibuat: Set(now),
        dibuat_oleh: Set(act.name()),
        terkirim_at: Set(None),
        ..Default::default()
    };
    let row = save(txn, act.key(), row).await?;
    Ok(Some(row.id))
}

/// Writes a message row with its seal (see [`crate::seal::message`]):
/// every change of what it says or whom it goes to goes through here. The
/// row and its seal are two writes, so it takes a transaction: a process
/// killed between them must leave neither (a row written without its new
/// seal would read as changed outside Loket and never be sent).
pub(crate) async fn save(
    db: &DatabaseTransaction,
    key: &crate::secrets::DataKey,
    am: outbox::ActiveModel,
) -> Result<outbox::Model> {
    let m = if am.id.is_not_set() {
        am.insert(db).await?
    } else {
        am.update(db).await?
    };
    let seal = crate::seal::message(key, &m);
    if m.segel.as_deref() == Some(seal.as_str()) {
        return Ok(m);
    }
    let mut am: outbox::ActiveModel = m.into();
    am.segel = Set(Some(seal));
    Ok(am.update(db).await?)
}

/// Withdraws, inside the caller's transaction, the messages `select` finds
/// that have not gone out (waiting or failed): they are kept as withdrawn
/// and never sent. Returns them; the caller's audit entry names them.
pub(crate) async fn withdraw(
    txn: &DatabaseTransaction,
    select: sea_orm::Select<outbox::Entity>,
) -> Result<Vec<outbox::Model>> {
    let rows = select
        .filter(outbox::Column::Status.is_in([Keadaan::Menunggu.as_str(), Keadaan::Gagal.as_str()]))
        .all(txn)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for m in rows {
        let mut am: outbox::ActiveModel = m.into();
        am.status = Set(Keadaan::Ditarik.as_str().into());
        am.dikirim_sejak = Set(None);
        // Its once-only key is freed: a notice for the same day mark and
        // date, due again later (an end date corrected back), is queued anew.
        am.kunci = Set(None);
        // The state is not under the seal: no new seal is needed.
        out.push(am.update(txn).await?);
    }
    Ok(out)
}

/// Whether a message row is as Loket wrote it.
pub fn intact(key: &crate::secrets::DataKey, m: &outbox::Model) -> bool {
    crate::seal::holds(m.segel.as_deref(), &crate::seal::message(key, m))
}

/// The WhatsApp link of a message: its subject and body, to `telepon`.
fn whatsapp_of(m: &outbox::Model, telepon: &str) -> Option<String> {
    super::whatsapp::link(telepon, &format!("{}\n\n{}", m.subjek, m.isi))
}

fn to_row(m: outbox::Model, nomor: Option<String>) -> Result<MessageRow> {
    to_row_with(m, nomor, None)
}

fn to_row_with(
    m: outbox::Model,
    nomor: Option<String>,
    telepon: Option<&str>,
) -> Result<MessageRow> {
    let whatsapp = telepon.and_then(|t| whatsapp_of(&m, t));
    let peristiwa = Peristiwa::parse(&m.peristiwa)
        .ok_or_else(|| Error::corrupt("peristiwa surel", &m.peristiwa))?;
    Ok(MessageRow {
        id: m.id,
        peristiwa,
        peristiwa_label: peristiwa.label().into(),
        case_id: m.case_id,
        nomor,
        penerima: m.penerima,
        nama_penerima: m.nama_penerima,
        subjek: m.subjek,
        lampiran: m.lampiran_jenis,
        keadaan: Keadaan::parse(&m.status)
            .ok_or_else(|| Error::corrupt("status surel", &m.status))?,
        percobaan: m.percobaan,
        dibuat: m.dibuat.to_rfc3339(),
        berikutnya: m.berikutnya.to_rfc3339(),
        terkirim: m.terkirim_at.map(|t| t.to_rfc3339()),
        balasan: m.balasan,
        ulang_tidak_pasti: m.ulang_tidak_pasti,
        message_id: m.message_id,
        whatsapp,
    })
}

/// The messages about one case, oldest first.
pub async fn for_case(db: &impl ConnectionTrait, case_id: i64) -> Result<Vec<MessageRow>> {
    let Some(case) = cases::Entity::find_by_id(case_id).one(db).await? else {
        return Ok(Vec::new());
    };
    let telepon = applicants::Entity::find_by_id(case.applicant_id)
        .one(db)
        .await?
        .map(|a| a.telepon);
    outbox::Entity::find()
        .filter(outbox::Column::CaseId.eq(case_id))
        .order_by_asc(outbox::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| to_row_with(m, Some(case.nomor.clone()), telepon.as_deref()))
        .collect()
}

/// What the outbox screen shows: the waiting and failed messages, then the
/// newest sent ones (up to `limit` of each kind).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct OutboxView {
    pub aktif: bool,
    pub menunggu: Vec<MessageRow>,
    pub gagal: Vec<MessageRow>,
    pub terkirim: Vec<MessageRow>,
    #[ts(type = "number")]
    pub jumlah_terkirim: u64,
}

pub async fn view(db: &impl ConnectionTrait, limit: u64) -> Result<OutboxView> {
    let of = |k: Keadaan, newest: bool| {
        let q = outbox::Entity::find().filter(outbox::Column::Status.eq(k.as_str()));
        let q = if newest {
            q.order_by_desc(outbox::Column::Id)
        } else {
            q.order_by_asc(outbox::Column::Id)
        };
        q.limit(limit).all(db)
    };
    let mut rows = Vec::new();
    for (k, newest) in [
        (Keadaan::Menunggu, false),
        (Keadaan::Gagal, true),
        (Keadaan::Terkirim, true),
    ] {
        let list = of(k, newest).await?;
        let ids: Vec<i64> = list.iter().filter_map(|m| m.case_id).collect();
        let nomor: BTreeMap<i64, String> = cases::Entity::find()
            .select_only()
            .columns([cases::Column::Id, cases::Column::Nomor])
            .filter(cases::Column::Id.is_in(ids))
            .into_tuple::<(i64, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        rows.push(
            list.into_iter()
                .map(|m| {
                    let n = m.case_id.and_then(|c| nomor.get(&c).cloned());
                    to_row(m, n)
                })
                .collect::<Result<Vec<_>>>()?,
        );
    }
    let terkirim = rows.pop().unwrap_or_default();
    let gagal = rows.pop().unwrap_or_default();
    let menunggu = rows.pop().unwrap_or_default();
    Ok(OutboxView {
        aktif: settings::settings(db).await?.aktif,
        menunggu,
        gagal,
        terkirim,
        jumlah_terkirim: outbox::Entity::find()
            .filter(outbox::Column::Status.eq(Keadaan::Terkirim.as_str()))
            .count(db)
            .await?,
    })
}

/// Sends a failed message again (staff, after fixing the cause): it waits
/// for the sender with its Message-ID unchanged. A message whose address is
/// still not valid stays failed with the reason.
pub async fn resend(db: &DatabaseConnection, act: &Acting<'_>, id: i64) -> Result<MessageRow> {
    let txn = store::begin_write(db).await?;
    let m = outbox::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or_else(|| Error::NotFound("surel"))?;
    if m.status != Keadaan::Gagal.as_str() {
        return Err(Error::field(
            "surel",
            "Hanya surel yang gagal yang dapat dikirim ulang.",
        ));
    }
    // The applicant's address may have been corrected since.
    let mut to = m.penerima.clone();
    if let Some(case_id) = m.case_id
        && let Some(case) = cases::Entity::find_by_id(case_id).one(&txn).await?
        && let Some(a) = applicants::Entity::find_by_id(case.applicant_id)
            .one(&txn)
            .await?
    {
        to = a.email.trim().to_string();
    }
    if to.parse::<Address>().is_err() {
        return Err(Error::field(
            "surel",
            "Alamat surel pemohon masih tidak sah. Perbaiki data pemohon lebih dulu.",
        ));
    }
    let mut am: outbox::ActiveModel = m.clone().into();
    am.penerima = Set(to.clone());
    am.status = Set(Keadaan::Menunggu.as_str().into());
    am.percobaan = Set(0);
    am.berikutnya = Set(act.now());
    am.balasan = Set(None);
    let m = save(&txn, act.key(), am).await?;
    act.record(
        &txn,
        Entry::new(
            "mail.resend",
            "outbox",
            id,
            serde_json::json!({ "peristiwa": m.peristiwa, "case_id": m.case_id }),
        ),
    )
    .await?;
    txn.commit().await?;
    let nomor = match m.case_id {
        Some(c) => cases::Entity::find_by_id(c).one(db).await?.map(|c| c.nomor),
        None => None,
    };
    to_row(m, nomor)
}

/// The WhatsApp click-to-chat link of message `id` for its applicant's
/// number; refused plainly when the number cannot take one.
pub async fn whatsapp_link(db: &impl ConnectionTrait, id: i64) -> Result<String> {
    let m = outbox::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| Error::NotFound("surel"))?;
    let case_id = m
        .case_id
        .ok_or_else(|| Error::field("whatsapp", "Pesan ini tidak terkait permohonan."))?;
    let case = cases::Entity::find_by_id(case_id)
        .one(db)
        .await?
        .ok_or_else(|| Error::NotFound("permohonan"))?;
    let telepon = applicants::Entity::find_by_id(case.applicant_id)
        .one(db)
        .await?
        .map(|a| a.telepon)
        .unwrap_or_default();
    whatsapp_of(&m, &telepon).ok_or_else(|| {
        Error::field(
            "whatsapp",
            "Nomor telepon pemohon bukan nomor seluler (08…); tautan WhatsApp tidak dapat dibuat.",
        )
    })
}
