//! The mail sender: delivers the outbox in the background, never on the
//! desk's path. Each message is claimed (so two desks on one PostgreSQL
//! server never send it both), sent with its fixed Message-ID, and marked
//! sent with its audit entry in one transaction. A server that cannot be
//! reached or answers "try later" (4xx) leaves the message waiting with a
//! growing wait; a refusal (5xx: a bad address, a rejected message) marks it
//! failed with the server's answer, for staff to send again.
//!
//! A sender stopped while talking to the server (the computer switched off,
//! the app killed) leaves its claim: once the claim is older than
//! [`ABANDONED_AFTER`], the next pass sends the message again with the same
//! Message-ID and marks it "ulang_tidak_pasti", because the server may
//! already have accepted it in the moment before the stop.
//! That moment (between the server's "250" and Loket's commit) is the only
//! window in which a message can arrive twice; messages queued but not yet
//! being sent are never sent twice.

use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::audit::{Acting, Actor, Entry};
use crate::document::pdf::Form;
use crate::entities::outbox;
use crate::letters::{export, register};
use crate::notices::outbox::{self as queue, Keadaan, Lampiran};
use crate::notices::settings::{self, MailSettings};
use crate::notices::templates::Peristiwa;
use crate::secrets::DataKey;
use crate::{Error, Result, store};

/// The name the sender's audit entries carry.
pub const ACTOR: &str = "Loket (pengirim surel)";

/// Attempts before a message that keeps failing is marked failed.
pub const MAX_ATTEMPTS: i32 = 10;

/// The longest one conversation with the server may take (a server that
/// stops answering mid-way is left after it; the message waits).
pub const CONVERSATION: Duration = Duration::from_secs(60);

/// A claim older than this is a sender that stopped: a conversation takes
/// at most [`CONVERSATION`].
pub const ABANDONED_AFTER: Duration = Duration::from_secs(90);

/// Messages taken per pass.
const BATCH: u64 = 25;

/// The wait after `attempts` failed attempts: one minute, doubling, at most
/// an hour (1, 2, 4, … 60 minutes; about five hours over ten attempts).
pub fn backoff(attempts: i32) -> chrono::Duration {
    let n = u32::try_from(attempts.clamp(1, 7) - 1).unwrap_or(0);
    chrono::Duration::minutes((1i64 << n).min(60))
}

/// What one pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pass {
    pub terkirim: u32,
    pub ditunda: u32,
    pub gagal: u32,
}

/// Releases claims older than `abandoned_after` (a sender that stopped
/// mid-way): the message waits again, marked as possibly sent twice.
/// Returns how many.
pub async fn recover(
    db: &DatabaseConnection,
    now: DateTime<FixedOffset>,
    abandoned_after: Duration,
) -> Result<u64> {
    let before = now - chrono::Duration::from_std(abandoned_after).unwrap_or_default();
    let r = outbox::Entity::update_many()
        .col_expr(
            outbox::Column::DikirimSejak,
            Expr::value(Option::<DateTime<FixedOffset>>::None),
        )
        .col_expr(outbox::Column::UlangTidakPasti, Expr::value(true))
        .filter(outbox::Column::Status.eq(Keadaan::Menunggu.as_str()))
        .filter(outbox::Column::DikirimSejak.is_not_null())
        .filter(outbox::Column::DikirimSejak.lte(before))
        .exec(db)
        .await?;
    Ok(r.rows_affected)
}

/// One pass: sends every message due at `now`, signing in with `password`
/// when the settings name a user. With sending off, does nothing (the
/// messages wait).
pub async fn deliver_due(
    db: &DatabaseConnection,
    key: &DataKey,
    password: Option<&str>,
    now: DateTime<FixedOffset>,
) -> Result<Pass> {
    // The mail server, its authority and the sign-in come from a setting
    // whose seal must hold: an edited one sends nothing anywhere.
    store::sealed_setting(db, key, settings::SETTING).await?;
    let s = settings::settings(db).await?;
    let mut pass = Pass::default();
    if !s.aktif {
        return Ok(pass);
    }
    let transport = settings::transport(&s, password)?;
    let due = outbox::Entity::find()
        .filter(outbox::Column::Status.eq(Keadaan::Menunggu.as_str()))
        .filter(outbox::Column::DikirimSejak.is_null())
        .filter(outbox::Column::Berikutnya.lte(now))
        .order_by_asc(outbox::Column::Id)
        .limit(BATCH)
        .all(db)
        .await?;
    let act = Acting::new(key, Actor::named(ACTOR), now);
    for m in due {
        // Claim it: another sender that took it first wins.
        let claimed = outbox::Entity::update_many()
            .col_expr(outbox::Column::DikirimSejak, Expr::value(Some(now)))
            .filter(outbox::Column::Id.eq(m.id))
            .filter(outbox::Column::Status.eq(Keadaan::Menunggu.as_str()))
            .filter(outbox::Column::DikirimSejak.is_null())
            .exec(db)
            .await?;
        if claimed.rows_affected == 0 {
            continue;
        }
        // Recipient, text and attachment as Loket queued them, or nothing.
        if !queue::intact(key, &m) {
            finish(
                db,
                &act,
                &m,
                Err(Attempt::Refused(
                    "Pesan ini diubah di luar Loket (penerima, isi atau lampirannya); tidak \
                     dikirim."
                        .into(),
                )),
            )
            .await?;
            pass.gagal += 1;
            continue;
        }
        let m = match attach(db, &act, m).await {
            Ok(m) => m,
            Err((m, e)) => {
                finish(
                    db,
                    &act,
                    &m,
                    Err(Attempt::Later(format!("Lampiran belum dapat dibuat: {e}"))),
                )
                .await?;
                pass.ditunda += 1;
                continue;
            }
        };
        let outcome = match build(&s, &m) {
            Err(e) => Err(Attempt::Refused(e)),
            Ok(msg) => converse(&transport, msg).await,
        };
        let unreachable = matches!(&outcome, Err(Attempt::Later(_)));
        match finish(db, &act, &m, outcome).await? {
            Keadaan::Terkirim => pass.terkirim += 1,
            Keadaan::Gagal => pass.gagal += 1,
            Keadaan::Menunggu => pass.ditunda += 1,
            // Withdrawn while the attempt ran (a step taken back).
            Keadaan::Ditarik => {}
        }
        if unreachable {
            // The server is down or busy: the rest wait for the next pass.
            break;
        }
    }
    Ok(pass)
}

/// One conversation with the server, given at most [`CONVERSATION`]: its
/// answer (`250 …`), or why the message waits or is refused.
async fn converse(
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    msg: Message,
) -> std::result::Result<String, Attempt> {
    match tokio::time::timeout(CONVERSATION, transport.send(msg)).await {
        Ok(Ok(r)) => Ok(format!(
            "{} {}",
            r.code(),
            r.message().collect::<Vec<_>>().join(" ")
        )),
        Ok(Err(e)) if e.is_permanent() => Err(Attempt::Refused(e.to_string())),
        Ok(Err(e)) => Err(Attempt::Later(e.to_string())),
        Err(_) => Err(Attempt::Later(format!(
            "Server surel tidak menjawab dalam {} detik.",
            CONVERSATION.as_secs()
        ))),
    }
}

enum Attempt {
    /// Try again later (the server is unreachable or said 4xx).
    Later(String),
    /// Never (the server said 5xx, or the message cannot be built).
    Refused(String),
}

/// Renders the attachment at the first attempt and keeps it in the row, so
/// every attempt sends the same bytes.
async fn attach(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    m: outbox::Model,
) -> std::result::Result<outbox::Model, (outbox::Model, Error)> {
    let Some(kind) = m.lampiran_jenis.as_deref().and_then(Lampiran::parse) else {
        return Ok(m);
    };
    if m.lampiran.is_some() {
        return Ok(m);
    }
    let made = match (kind, m.case_id, m.letter_id) {
        (Lampiran::TandaTerima, Some(case_id), _) => export::receipt(db, act, case_id).await,
        (Lampiran::Surat, _, Some(letter_id)) => letter(db, letter_id).await,
        _ => Err(Error::Corrupt(format!(
            "lampiran surel #{} tanpa sumber",
            m.id
        ))),
    };
    let (name, bytes) = match made {
        Ok(x) => x,
        Err(e) => return Err((m, e)),
    };
    let mut am: outbox::ActiveModel = m.clone().into();
    am.lampiran_nama = Set(Some(name));
    am.lampiran = Set(Some(bytes));
    // The attachment and the seal over it are written together or not at all.
    let kept = async {
        let txn = store::begin_write(db).await?;
        let kept = queue::save(&txn, act.key(), am).await?;
        txn.commit().await?;
        Ok::<_, Error>(kept)
    };
    kept.await.map_err(|e| (m, e))
}

/// A numbered letter's PDF as it was issued.
async fn letter(db: &DatabaseConnection, id: i64) -> Result<(String, Vec<u8>)> {
    let l = register::find(db, id).await?;
    let content = register::parse_content(&l)?;
    let created = l.issued_at.unwrap_or(l.created_at);
    let bytes =
        crate::document::render::render_content(db, &content, Form::Basah, false, created).await?;
    Ok((
        export::file_name(register::jenis_of(&l)?, &content, Form::Basah),
        bytes,
    ))
}

/// The message as the server receives it: plain text (nothing inserted can
/// become markup), the fixed Message-ID, the attachment if any.
fn build(s: &MailSettings, m: &outbox::Model) -> std::result::Result<Message, String> {
    let from = s
        .alamat_pengirim
        .parse()
        .map_err(|e| format!("Alamat pengirim tidak sah: {e}"))?;
    let to = m
        .penerima
        .parse()
        .map_err(|e| format!("Alamat penerima tidak sah: {e}"))?;
    let b = Message::builder()
        .from(Mailbox::new(Some(s.nama_pengirim.clone()), from))
        .to(Mailbox::new(Some(m.nama_penerima.clone()), to))
        .subject(m.subjek.clone())
        .message_id(Some(m.message_id.clone()))
        .date(std::time::SystemTime::from(m.dibuat));
    let text = SinglePart::plain(m.isi.clone());
    let built = match (&m.lampiran_nama, &m.lampiran) {
        (Some(name), Some(bytes)) => b.multipart(MultiPart::mixed().singlepart(text).singlepart(
            Attachment::new(name.clone()).body(
                bytes.clone(),
                ContentType::parse("application/pdf").map_err(|e| e.to_string())?,
            ),
        )),
        _ => b.singlepart(text),
    };
    built.map_err(|e| format!("Pesan tidak dapat disusun: {e}"))
}

/// "Kirim uji": sends a short message to `to` now, with the settings given
/// (saved or not), and returns the server's answer, or why it failed.
pub async fn send_test(s: &MailSettings, password: Option<&str>, to: &str) -> Result<String> {
    let s = settings::check(s)?;
    let to: lettre::Address = to
        .trim()
        .parse()
        .map_err(|_| Error::field("tujuan", "Alamat surel tujuan tidak sah."))?;
    let from = s
        .alamat_pengirim
        .parse()
        .map_err(|_| Error::field("alamat_pengirim", "Isi alamat surel pengirim."))?;
    let msg = Message::builder()
        .from(Mailbox::new(Some(s.nama_pengirim.clone()), from))
        .to(Mailbox::new(None, to))
        .subject("Uji surel Loket")
        .body("Surel uji dari Loket: pengaturan server surel kantor dapat dipakai.".to_string())
        .map_err(|e| Error::Unusable(format!("Pesan uji tidak dapat disusun: {e}")))?;
    converse(&settings::transport(&s, password)?, msg)
        .await
        .map_err(|(Attempt::Later(e) | Attempt::Refused(e))| {
            Error::field("host", format!("Server surel menjawab: {e}"))
        })
}

/// Records an attempt: sent (with its audit entry, in one transaction),
/// waiting again with a growing wait, or failed with the server's answer.
async fn finish(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    m: &outbox::Model,
    outcome: std::result::Result<String, Attempt>,
) -> Result<Keadaan> {
    let now = act.now();
    let txn = store::begin_write(db).await?;
    // Withdrawn while this attempt ran (a step taken back): a message the
    // server accepted is recorded as sent, since it went out; any other
    // outcome leaves it withdrawn, never tried again.
    let withdrawn = outbox::Entity::find_by_id(m.id)
        .one(&txn)
        .await?
        .is_some_and(|now| now.status == Keadaan::Ditarik.as_str());
    if withdrawn && outcome.is_err() {
        let mut am: outbox::ActiveModel = m.clone().into();
        am.status = Set(Keadaan::Ditarik.as_str().into());
        am.dikirim_sejak = Set(None);
        am.update(&txn).await?;
        txn.commit().await?;
        return Ok(Keadaan::Ditarik);
    }
    let mut am: outbox::ActiveModel = m.clone().into();
    am.dikirim_sejak = Set(None);
    let attempts = m.percobaan + 1;
    am.percobaan = Set(attempts);
    let (k, reply, action) = match outcome {
        Ok(reply) => {
            am.terkirim_at = Set(Some(now));
            (Keadaan::Terkirim, reply, Some("mail.sent"))
        }
        Err(Attempt::Refused(reply)) => (Keadaan::Gagal, reply, Some("mail.failed")),
        Err(Attempt::Later(reply)) if attempts >= MAX_ATTEMPTS => (
            Keadaan::Gagal,
            format!("Tidak terkirim setelah {attempts} percobaan: {reply}"),
            Some("mail.failed"),
        ),
        Err(Attempt::Later(reply)) => {
            am.berikutnya = Set(now + backoff(attempts));
            (Keadaan::Menunggu, reply, None)
        }
    };
    am.status = Set(k.as_str().into());
    am.balasan = Set(Some(reply.chars().take(1000).collect()));
    let destruction = m.peristiwa == Peristiwa::Pemusnahan.as_str();
    if destruction && matches!(k, Keadaan::Terkirim | Keadaan::Gagal) {
        // A notice that someone's data was destroyed keeps, once it went
        // or finally failed, only that (event, time, Message-ID): not the
        // address, the text it was sent with or a reply that may quote
        // the address.
        am.balasan = Set(Some(
            if k == Keadaan::Terkirim {
                "Terkirim; alamat dan isi tidak disimpan."
            } else {
                "Tidak terkirim; alamat dan isi tidak disimpan."
            }
            .into(),
        ));
        am.penerima = Set(String::new());
        am.nama_penerima = Set(String::new());
        am.isi = Set(String::new());
        queue::save(&txn, act.key(), am).await?;
    } else {
        am.update(&txn).await?;
    }
    if let Some(action) = action {
        act.record(
            &txn,
            Entry::new(
                action,
                "outbox",
                m.id,
                // The message by its row and Message-ID, never the person's
                // address or a subject that may carry their name: the log
                // outlives a person's anonymisation.
                serde_json::json!({
                    "peristiwa": m.peristiwa,
                    "case_id": m.case_id,
                    "message_id": m.message_id,
                    "balasan": if destruction {
                        String::new()
                    } else {
                        reply.chars().take(300).collect::<String>()
                    },
                }),
            ),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(k)
}
