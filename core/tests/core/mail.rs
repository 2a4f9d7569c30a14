//! Messages to applicants through a real SMTP server on loopback (aiosmtpd,
//! started here, recording every message it accepts): each event's message
//! with its recipient, subject, body and attachment (read back with
//! pdftotext); the server down while cases move; the sender process killed
//! with SIGKILL again and again; STARTTLS with a trusted and a wrong
//! certificate; the expiry notices under an injected clock; and the bad
//! input an attacker would try (a crafted address, a name carrying headers).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use chrono::{DateTime, FixedOffset};
use loket_core::applicant_page;
use loket_core::cases::forms::ServiceFormInput;
use loket_core::cases::intake;
use loket_core::lifecycle::flow::Action;
use loket_core::lifecycle::vocabulary::Layanan;
use loket_core::mail::expiry;
use loket_core::mail::sender::{self, Pass};
use loket_core::notices::outbox::{self, Keadaan};
use loket_core::notices::settings::{self, Keamanan, MailSettings};
use loket_core::notices::templates::{self, Peristiwa};
use loket_core::office::kinds::Jenis;
use loket_core::secrets::{DATA_KEY_ENTRY, KeyStore, Secret};
use loket_core::store;
use mail_parser::{MessageParser, MimeHeaders};
use sea_orm::{ConnectionTrait, Statement};

use super::keyring::TestKeyring;
use super::support::*;

/// A free port on loopback (the listener is closed before the server binds it).
pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn python() -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/pytools/bin/python");
    assert!(
        p.exists(),
        "run `make setup` (installs aiosmtpd into target/pytools)"
    );
    p
}

/// The test SMTP server: a real aiosmtpd process on loopback. Killed when dropped.
pub(crate) struct Smtp {
    child: Child,
    pub(crate) port: u16,
    out: PathBuf,
}

impl Smtp {
    pub(crate) fn start(dir: &Path, port: u16, extra: &[&str]) -> Smtp {
        let out = dir.join("smtp.jsonl");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/smtp/server.py");
        let mut child = Command::new(python())
            .arg(script)
            .args(["--port", &port.to_string(), "--out"])
            .arg(&out)
            .args(extra)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert!(
            line.starts_with("SIAP"),
            "the SMTP server did not start: {line:?}"
        );
        Smtp { child, port, out }
    }

    /// Every message the server accepted, in order.
    pub(crate) fn received(&self) -> Vec<Received> {
        received(&self.out)
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A message as the server received it.
#[derive(Debug)]
pub(crate) struct Received {
    pub(crate) rcpt: Vec<String>,
    raw: Vec<u8>,
    tls: bool,
    auth: Option<String>,
}

impl Received {
    fn parsed(&self) -> mail_parser::Message<'_> {
        MessageParser::default().parse(&self.raw).unwrap()
    }
    pub(crate) fn subject(&self) -> String {
        self.parsed().subject().unwrap_or_default().to_string()
    }
    pub(crate) fn body(&self) -> String {
        self.parsed().body_text(0).unwrap_or_default().to_string()
    }
    fn message_id(&self) -> String {
        self.parsed().message_id().unwrap_or_default().to_string()
    }
    /// The attachments: file name and bytes.
    fn attachments(&self) -> Vec<(String, Vec<u8>)> {
        self.parsed()
            .attachments()
            .map(|a| {
                (
                    a.attachment_name().unwrap_or_default().to_string(),
                    a.contents().to_vec(),
                )
            })
            .collect()
    }
}

fn received(path: &Path) -> Vec<Received> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    // A line the server is still writing has no newline yet: left for later.
    let complete = text.rfind('\n').map_or("", |i| &text[..i]);
    complete
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            Received {
                rcpt: v["rcpt_tos"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r.as_str().unwrap().to_string())
                    .collect(),
                raw: base64::engine::general_purpose::STANDARD
                    .decode(v["data"].as_str().unwrap())
                    .unwrap(),
                tls: v["tls"].as_bool().unwrap(),
                auth: v["auth"].as_str().map(str::to_string),
            }
        })
        .collect()
}

/// The `n`th of many walk-ins (no digits in a name).
fn walk_in(n: u32) -> NewPenerbitan {
    const FIRST: [&str; 8] = [
        "Wayan", "Made", "Nyoman", "Ketut", "Putu", "Kadek", "Komang", "Gede",
    ];
    const LAST: [&str; 6] = ["Arya", "Sari", "Dewi", "Putra", "Yasa", "Santika"];
    let i = n as usize;
    pegawai(n, &format!("{} {}", FIRST[i % 8], LAST[(i / 8) % 6]))
}

/// Mail settings for the server on `port` (plain, on loopback).
pub(crate) fn plain(port: u16) -> MailSettings {
    MailSettings {
        aktif: true,
        host: "127.0.0.1".into(),
        port,
        keamanan: Keamanan::Polos,
        nama_pengirim: "Diskominfos Kota Denpasar".into(),
        alamat_pengirim: "layanan@denpasarkota.go.id".into(),
        ..MailSettings::default()
    }
}

pub(crate) async fn set_mail(t: &TestDesk, s: &MailSettings) {
    settings::save(&t.db, &t.as_("admin"), s).await.unwrap();
}

async fn deliver(t: &TestDesk, when: DateTime<FixedOffset>) -> Pass {
    sender::deliver_due(&t.db, &t.key, None, when)
        .await
        .unwrap()
}

/// Sends until nothing is due (a pass takes a batch).
pub(crate) async fn deliver_all(t: &TestDesk, when: DateTime<FixedOffset>) -> Pass {
    let mut total = Pass::default();
    loop {
        let p = deliver(t, when).await;
        if p == Pass::default() {
            return total;
        }
        total.terkirim += p.terkirim;
        total.ditunda += p.ditunda;
        total.gagal += p.gagal;
    }
}

fn pdftotext(bytes: &[u8], dir: &Path) -> String {
    let f = dir.join("lampiran.pdf");
    std::fs::write(&f, bytes).unwrap();
    let (ok, text) = tool("pdftotext", &["-layout", f.to_str().unwrap(), "-"]);
    assert!(ok, "pdftotext failed: {text}");
    text
}

async fn raw(t: &TestDesk, sql: &str) {
    t.db.execute_raw(Statement::from_string(t.db.get_database_backend(), sql))
        .await
        .unwrap();
}

#[tokio::test]
async fn each_step_the_applicant_hears_about_arrives_with_its_letter() {
    let t = TestDesk::sqlite().await;
    t.with_letter_settings().await;
    let smtp = Smtp::start(t.dir.path(), free_port(), &[]);
    set_mail(&t, &plain(smtp.port)).await;

    // Budi: received, documents missing, then the whole way to his certificate.
    let budi_case = t.intake(&budi()).await.id;
    t.walk(budi_case, &[Action::BerkasKurang]).await;
    t.tick_all(budi_case).await;
    t.walk(budi_case, &ISSUE).await;
    // Ayu: received and rejected; the numbered notice tells her.
    let ayu_case = t.intake(&ayu()).await.id;
    t.walk(ayu_case, &[Action::Tolak]).await;
    let notice = t.draft(Jenis::Penolakan, vec![ayu_case]).await;
    let notice = t.issue(notice).await;
    let nomor_surat = notice.nomor.clone().unwrap();

    let p = deliver_all(&t, at(60)).await;
    assert_eq!((p.terkirim, p.gagal), (6, 0), "{p:?}");
    let got = smtp.received();
    let subjects: Vec<String> = got.iter().map(Received::subject).collect();
    let budi_nomor = t.case(budi_case).await.case.nomor;
    let ayu_nomor = t.case(ayu_case).await.case.nomor;
    assert_eq!(
        subjects,
        [
            format!("Permohonan penerbitan nomor {budi_nomor} telah diterima"),
            format!("Berkas permohonan {budi_nomor} belum lengkap"),
            format!("Langkah Anda: periksa surel dari BSrE untuk permohonan {budi_nomor}"),
            format!("Sertifikat elektronik Anda telah terbit ({budi_nomor})"),
            format!("Permohonan penerbitan nomor {ayu_nomor} telah diterima"),
            format!("Permohonan {ayu_nomor} tidak dapat diproses"),
        ],
        "each step the applicant hears about is told once, in order, under its own subject"
    );
    for (m, to) in got.iter().zip([
        "budi@denpasarkota.go.id",
        "budi@denpasarkota.go.id",
        "budi@denpasarkota.go.id",
        "budi@denpasarkota.go.id",
        "ayu@denpasarkota.go.id",
        "ayu@denpasarkota.go.id",
    ]) {
        assert_eq!(m.rcpt, [to], "each message goes to its own applicant only");
        assert!(
            m.body().contains("jangan berikan kepada siapa pun"),
            "every message warns the applicant to pass it to no one"
        );
        assert!(!m.body().contains(NIK), "no NIK in any message");
    }
    // The receipt is attached to "diterima" and carries the case's number.
    let receipt = got[0].attachments();
    assert_eq!(
        receipt.len(),
        1,
        "the receipt is attached to the received message"
    );
    assert!(receipt[0].0.ends_with(".pdf"), "{}", receipt[0].0);
    let text = pdftotext(&receipt[0].1, t.dir.path());
    assert!(
        text.contains(&budi_nomor) && text.contains("I Made Budi Santoso"),
        "{text}"
    );
    // Which documents are missing, with the note.
    assert!(got[1].body().contains("- "), "{}", got[1].body());
    assert!(
        got[1].body().contains("Catatan petugas: catatan"),
        "the missing-documents message carries the officer's note"
    );
    // Validity in dd/mm/yyyy.
    assert!(
        got[3]
            .body()
            .contains("berlaku dari 25/11/2026 sampai 25/11/2028"),
        "{}",
        got[3].body()
    );
    // The rejection: its reason, how to re-apply, and the numbered notice.
    let body = got[5].body();
    assert!(body.contains("Data tidak sesuai dengan dokumen"), "{body}");
    assert!(
        body.contains("mengajukan permohonan baru"),
        "the rejection tells how to apply again"
    );
    assert!(
        body.contains(&nomor_surat),
        "the rejection names the numbered notice"
    );
    let letter = got[5].attachments();
    assert_eq!(
        letter.len(),
        1,
        "the numbered notice is attached to the rejection"
    );
    let text = pdftotext(&letter[0].1, t.dir.path());
    assert!(
        text.contains(&nomor_surat) && text.contains("Ni Luh Ayu"),
        "{text}"
    );

    // The case page's list: every message, sent, with the server's answer.
    // The log records each message by its row and Message-ID, never the
    // person's address or subject (the log outlives their anonymisation).
    let logged = scalar(
        &t.db,
        "SELECT COALESCE(GROUP_CONCAT(detail, ' '), '') FROM audit_log WHERE action LIKE 'mail.%'",
    )
    .await;
    assert!(logged.contains("message_id"), "{logged}");
    assert!(!logged.contains(&budi().applicant.email), "{logged}");
    let list = outbox::for_case(&t.db, budi_case).await.unwrap();
    assert_eq!(
        list.len(),
        4,
        "the case page lists each of Budi's four messages"
    );
    assert!(
        list.iter().all(|m| m.keadaan == Keadaan::Terkirim),
        "every message of the case is marked sent"
    );
    assert!(
        list[0].balasan.as_deref().unwrap().starts_with("250"),
        "the server's acceptance is kept as its answer"
    );
    // WhatsApp: the same text, to the applicant's mobile number.
    let wa = outbox::whatsapp_link(&t.db, list[0].id).await.unwrap();
    assert!(wa.starts_with("https://wa.me/6281234567890?text="), "{wa}");
    assert_eq!(
        list[0].whatsapp.as_deref(),
        Some(wa.as_str()),
        "the case page offers the WhatsApp link for the same message"
    );
    // Each delivery is audited without the NIK.
    assert_eq!(
        scalar(
            &t.db,
            "select count(*) from audit_log where action = 'mail.sent'"
        )
        .await,
        "6",
        "each delivery is audited"
    );
    let log = scalar(
        &t.db,
        "select group_concat(detail, ' ') from audit_log where action = 'mail.sent'",
    )
    .await;
    assert!(
        log.contains("message_id")
            && !log.contains("budi@denpasarkota.go.id")
            && !log.contains(NIK),
        "{log}"
    );
    // A second pass sends nothing again.
    assert_eq!(
        deliver_all(&t, at(120)).await,
        Pass::default(),
        "a second pass sends nothing again"
    );
    assert_eq!(
        smtp.received().len(),
        6,
        "the server received no message twice"
    );
}

/// A data change for a holder of a certificate: the chain (data change,
/// revocation, new issuance) is told once when received, then each end.
#[tokio::test]
async fn a_data_change_revocation_and_reissue_are_each_told() {
    let t = TestDesk::sqlite().await;
    let smtp = Smtp::start(t.dir.path(), free_port(), &[]);
    let issued = t.issued().await;
    set_mail(&t, &plain(smtp.port)).await;
    let applicant = t.case(issued).await.applicant_id;
    let mut data = applicant_page::get_applicant(&t.db, applicant, now().date_naive())
        .await
        .unwrap()
        .applicant
        .data;
    data.jabatan = "Sandiman Ahli Muda".into();
    let head = intake::open_service(
        &t.db,
        &t.op(),
        &mut rand::rngs::OsRng,
        &intake::NewService {
            pemberitahuan_privasi: true,
            layanan: Some(Layanan::PerubahanData),
            applicant_id: Some(applicant),
            form: ServiceFormInput {
                data_baru: Some(data),
                alasan: "Kenaikan jabatan.".into(),
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let chain: Vec<i64> = t.case(head.id).await.linked.iter().map(|l| l.id).collect();
    assert_eq!(
        chain.len(),
        2,
        "the data change opens its revocation and its new issuance"
    );
    use Action::*;
    for (id, way) in [
        (
            head.id,
            &[BerkasLengkap, AjukanAms, TungguBsre, Selesai][..],
        ),
        (
            chain[0],
            &[
                BerkasLengkap,
                TerbitkanRekomendasi,
                AjukanAms,
                TungguBsre,
                Selesai,
            ][..],
        ),
        (chain[1], &ISSUE[..]),
    ] {
        t.tick_all(id).await;
        t.walk(id, way).await;
    }
    deliver_all(&t, at(60)).await;
    let got = smtp.received();
    let subjects: Vec<String> = got.iter().map(Received::subject).collect();
    let (a, b, c) = (
        t.case(head.id).await.case.nomor,
        t.case(chain[0]).await.case.nomor,
        t.case(chain[1]).await.case.nomor,
    );
    assert_eq!(
        subjects,
        [
            format!("Permohonan perubahan data nomor {} telah diterima", a),
            format!("Data sertifikat elektronik Anda telah diubah ({})", a),
            format!("Sertifikat elektronik Anda telah dicabut ({})", b),
            format!(
                "Langkah Anda: periksa surel dari BSrE untuk permohonan {}",
                c
            ),
            format!("Sertifikat elektronik Anda telah terbit ({})", c),
        ],
        "the chain is told once when received, then each end"
    );
    assert!(got[2].body().contains("Alasan: "), "{}", got[2].body());
}

#[tokio::test]
async fn a_message_switched_off_or_with_sending_off_is_not_queued() {
    let t = TestDesk::sqlite().await;
    // Sending off (the default): nothing is queued.
    let first = t.intake(&budi()).await.id;
    assert!(
        outbox::for_case(&t.db, first).await.unwrap().is_empty(),
        "with sending off nothing is queued"
    );
    set_mail(&t, &plain(25)).await;
    let mut list = templates::templates(&t.db).await.unwrap();
    list.iter_mut()
        .find(|x| x.peristiwa == Peristiwa::Diterima)
        .unwrap()
        .aktif = false;
    templates::save(&t.db, &t.as_("admin"), &list)
        .await
        .unwrap();
    let second = t.intake(&ayu()).await.id;
    assert!(
        outbox::for_case(&t.db, second).await.unwrap().is_empty(),
        "a message switched off is not queued"
    );
    t.walk(second, &[Action::BerkasKurang]).await;
    assert_eq!(
        outbox::for_case(&t.db, second).await.unwrap().len(),
        1,
        "a message still switched on is queued"
    );
}

#[tokio::test]
async fn messages_wait_while_the_server_is_down_and_then_arrive_once() {
    let t = TestDesk::sqlite().await;
    t.with_letter_settings().await;
    let port = free_port();
    set_mail(&t, &plain(port)).await;
    // The server is down while the desk works: every step still saves.
    let mut ids = Vec::new();
    for n in 1..=4 {
        let id = t.intake(&walk_in(n)).await.id;
        t.walk(id, &[Action::BerkasKurang]).await;
        ids.push(id);
    }
    let p = deliver(&t, at(60)).await;
    assert_eq!(
        (p.terkirim, p.ditunda, p.gagal),
        (0, 1, 0),
        "one try, then the rest wait"
    );
    let first = outbox::for_case(&t.db, ids[0]).await.unwrap();
    assert_eq!(
        first[0].keadaan,
        Keadaan::Menunggu,
        "a message that could not be sent waits"
    );
    assert!(first[0].balasan.is_some(), "why it waits is kept");
    // Before its wait is over, the failed one is not tried again.
    let p = deliver(&t, at(61)).await;
    assert_eq!(
        p.terkirim, 0,
        "a failed message is not tried again before its wait is over"
    );

    let smtp = Smtp::start(t.dir.path(), port, &[]);
    let p = deliver_all(&t, at(60 + 3600)).await;
    assert_eq!((p.terkirim, p.gagal), (8, 0), "{p:?}");
    let got = smtp.received();
    let mut ids_seen: Vec<String> = got.iter().map(Received::message_id).collect();
    ids_seen.sort();
    ids_seen.dedup();
    assert_eq!(ids_seen.len(), 8, "each message once");
    assert_eq!(
        deliver_all(&t, at(7200)).await,
        Pass::default(),
        "nothing is left to send after all arrived"
    );
    assert_eq!(
        smtp.received().len(),
        8,
        "the server received each message once"
    );
}

#[tokio::test]
async fn a_refused_address_fails_with_the_servers_answer_and_can_be_sent_again() {
    let t = TestDesk::sqlite().await;
    let smtp = Smtp::start(t.dir.path(), free_port(), &[]);
    set_mail(&t, &plain(smtp.port)).await;
    let mut who = budi();
    who.applicant.email = "budi@ditolak.test".into();
    let id = t.intake(&who).await.id;
    let p = deliver_all(&t, at(60)).await;
    assert_eq!(
        (p.terkirim, p.gagal),
        (0, 1),
        "a refused address fails the message"
    );
    let m = &outbox::for_case(&t.db, id).await.unwrap()[0];
    assert_eq!(
        m.keadaan,
        Keadaan::Gagal,
        "the message refused by the server is marked failed"
    );
    assert!(
        m.balasan.as_deref().unwrap().contains("550"),
        "{:?}",
        m.balasan
    );
    assert!(
        smtp.received().is_empty(),
        "nothing reached the server for the refused address"
    );
    // Staff correct the address, then send it again: same Message-ID.
    raw(&t, &format!("update applicants set email = 'budi@denpasarkota.go.id' where id = (select applicant_id from cases where id = {id})")).await;
    let again = outbox::resend(&t.db, &t.op(), m.id).await.unwrap();
    assert_eq!(
        again.keadaan,
        Keadaan::Menunggu,
        "a failed message sent again waits to be sent"
    );
    assert_eq!(
        deliver_all(&t, at(120)).await.terkirim,
        1,
        "the message sent again is delivered"
    );
    let got = smtp.received();
    assert_eq!(
        got[0].rcpt,
        ["budi@denpasarkota.go.id"],
        "the message sent again goes to the corrected address"
    );
    assert_eq!(
        got[0].message_id(),
        m.message_id.trim_matches(['<', '>']),
        "the message sent again keeps its Message-ID"
    );
    // A message that was sent cannot be "sent again".
    assert!(
        outbox::resend(&t.db, &t.op(), m.id).await.is_err(),
        "a message already sent cannot be sent again"
    );
}

#[tokio::test]
async fn a_crafted_address_or_name_never_reaches_the_wire() {
    let t = TestDesk::sqlite().await;
    let smtp = Smtp::start(t.dir.path(), free_port(), &[]);
    set_mail(&t, &plain(smtp.port)).await;
    let a = t.intake(&budi()).await.id;
    let b = t.intake(&ayu()).await.id;
    deliver_all(&t, at(30)).await;
    assert_eq!(
        smtp.received().len(),
        2,
        "both received messages were sent before the tampering"
    );
    // A colleague with the database open writes a header into an address
    // and into a name.
    raw(&t, &format!("update applicants set email = 'budi@denpasarkota.go.id' || char(13) || char(10) || 'Bcc: korban@contoh.test' where id = (select applicant_id from cases where id = {a})")).await;
    raw(&t, &format!("update applicants set nama = 'Ayu {{nomor}}' || char(13) || char(10) || 'Bcc: korban@contoh.test' where id = (select applicant_id from cases where id = {b})")).await;
    t.walk(a, &[Action::BerkasKurang]).await;
    t.walk(b, &[Action::BerkasKurang]).await;
    let bad = outbox::for_case(&t.db, a).await.unwrap();
    assert_eq!(
        bad[1].keadaan,
        Keadaan::Gagal,
        "an invalid address is never sent"
    );
    assert!(
        bad[1].balasan.as_deref().unwrap().contains("tidak sah"),
        "the failure says the address is invalid"
    );
    deliver_all(&t, at(60)).await;
    let got = smtp.received();
    assert_eq!(got.len(), 3, "only Ayu's message went out");
    let m = &got[2];
    assert_eq!(m.rcpt, ["ayu@denpasarkota.go.id"], "no added recipient");
    let head = String::from_utf8_lossy(&m.raw);
    let head = head.split("\r\n\r\n").next().unwrap();
    assert!(
        !head
            .lines()
            .any(|l| l.to_ascii_lowercase().starts_with("bcc:")),
        "no header was injected: {head}"
    );
    assert!(
        m.body()
            .contains("Yth. Ayu {nomor} Bcc: korban@contoh.test"),
        "the name stays one line of text, its placeholder unread: {}",
        m.body()
    );
    assert!(
        !m.body()
            .contains(&format!("Ayu {}", t.case(b).await.case.nomor)),
        "the name's placeholder is not filled in"
    );
}

#[tokio::test]
async fn expiry_notices_are_queued_once_each_at_30_and_7_days_and_on_the_last_day() {
    let t = TestDesk::sqlite().await;
    let smtp = Smtp::start(t.dir.path(), free_port(), &[]);
    t.issued().await; // valid to 25/11/2028
    let end = chrono::NaiveDate::from_ymd_opt(2028, 11, 25).unwrap();
    let day = |before: i64| {
        let d = end - chrono::Duration::days(before);
        DateTime::parse_from_rfc3339(&format!("{d}T08:00:00+08:00")).unwrap()
    };
    // Sending off: nothing is made, and nothing is remembered as made.
    assert_eq!(
        expiry::queue_due(&t.db, &t.key, day(30)).await.unwrap(),
        0,
        "with sending off no expiry notice is made"
    );
    set_mail(&t, &plain(smtp.port)).await;
    let mut queued = Vec::new();
    for before in [45, 31, 30, 30, 29, 20, 8, 7, 7, 6, 1, 0] {
        queued.push(expiry::queue_due(&t.db, &t.key, day(before)).await.unwrap());
    }
    assert_eq!(
        queued,
        [0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1],
        "each notice is queued once, on the 30th and 7th day before the end and on the last day"
    );
    // The same on a second desk's sender running alongside: nothing more.
    assert_eq!(
        expiry::queue_due(&t.db, &t.key, day(7)).await.unwrap(),
        0,
        "a second desk's sender running alongside queues nothing more"
    );
    deliver_all(&t, day(0)).await;
    let subjects: Vec<String> = smtp.received().iter().map(Received::subject).collect();
    assert_eq!(
        subjects,
        [
            "Sertifikat elektronik Anda berakhir pada 25/11/2028",
            "7 hari lagi sertifikat elektronik Anda berakhir",
            "Sertifikat elektronik Anda berakhir hari ini"
        ],
        "the applicant hears of the end 30 days and 7 days before, and on the day"
    );
}

/// The office sets when its holders are told: 60 and 14 days before, the
/// days named in the message; a bad pair is refused at its field.
#[tokio::test]
async fn expiry_notice_days_are_the_offices_setting() {
    let t = TestDesk::sqlite().await;
    mail_on_without_server(&t).await;
    t.issued().await; // valid to 25/11/2028
    let end = chrono::NaiveDate::from_ymd_opt(2028, 11, 25).unwrap();
    let day = |before: i64| {
        let d = end - chrono::Duration::days(before);
        DateTime::parse_from_rfc3339(&format!("{d}T08:00:00+08:00")).unwrap()
    };
    let admin = t.as_("admin");
    for (bad, field) in [
        ((7, 30), "pertama"),
        ((0, 7), "pertama"),
        ((30, 181), "kedua"),
    ] {
        let e = expiry::save_days(
            &t.db,
            &admin,
            &expiry::ExpiryNoticeDays {
                pertama: bad.0,
                kedua: bad.1,
            },
        )
        .await
        .unwrap_err();
        assert_eq!(field_of(e), field, "{bad:?}");
    }
    expiry::save_days(
        &t.db,
        &admin,
        &expiry::ExpiryNoticeDays {
            pertama: 60,
            kedua: 14,
        },
    )
    .await
    .unwrap();
    let mut queued = Vec::new();
    for before in [61, 60, 31, 30, 15, 14, 7] {
        queued.push(expiry::queue_due(&t.db, &t.key, day(before)).await.unwrap());
    }
    assert_eq!(queued, [0, 1, 0, 0, 0, 1, 0]);
    let bodies = scalar(
        &t.db,
        "select group_concat(isi, '|') from outbox where peristiwa like 'kedaluwarsa%'",
    )
    .await;
    assert!(
        bodies.contains("60 hari lagi") && bodies.contains("14 hari lagi"),
        "{bodies}"
    );
}

/// The CA and server certificate of the STARTTLS test, made with rcgen:
/// (CA PEM, server certificate PEM, server key PEM).
fn certificates() -> (String, String, String) {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(DnType::CommonName, "CA Uji Loket");
    let ca_cert = ca.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca, ca_key);
    let key = KeyPair::generate().unwrap();
    let cert = CertificateParams::new(vec!["127.0.0.1".to_string()])
        .unwrap()
        .signed_by(&key, &issuer)
        .unwrap();
    (ca_cert.pem(), cert.pem(), key.serialize_pem())
}

#[tokio::test]
async fn starttls_to_a_trusted_certificate_signs_in_and_a_wrong_one_is_refused() {
    let t = TestDesk::sqlite().await;
    let (ca, cert, key) = certificates();
    let (other_ca, _, _) = certificates();
    let dir = t.dir.path();
    std::fs::write(dir.join("server.pem"), cert).unwrap();
    std::fs::write(dir.join("server.key"), key).unwrap();
    let smtp = Smtp::start(
        dir,
        free_port(),
        &[
            "--tls-cert",
            dir.join("server.pem").to_str().unwrap(),
            "--tls-key",
            dir.join("server.key").to_str().unwrap(),
            "--user",
            "loket",
            "--password",
            "sandi-smtp",
        ],
    );
    let mut s = plain(smtp.port);
    s.keamanan = Keamanan::Starttls;
    s.pengguna = "loket".into();
    // A certificate from an authority Loket does not trust: refused, nothing sent.
    s.ca_pem = other_ca;
    set_mail(&t, &s).await;
    let id = t.intake(&budi()).await.id;
    let p = sender::deliver_due(&t.db, &t.key, Some("sandi-smtp"), at(60))
        .await
        .unwrap();
    assert_eq!(
        p.terkirim, 0,
        "nothing is sent to a server with a certificate Loket does not trust"
    );
    let m = &outbox::for_case(&t.db, id).await.unwrap()[0];
    assert_eq!(
        m.keadaan,
        Keadaan::Menunggu,
        "waits: the office may fix its settings"
    );
    assert!(
        m.balasan
            .as_deref()
            .unwrap()
            .to_lowercase()
            .contains("certificate"),
        "{:?}",
        m.balasan
    );
    assert!(
        smtp.received().is_empty(),
        "nothing reached the server with an untrusted certificate"
    );
    // The office's own authority: sent over TLS, signed in.
    s.ca_pem = ca;
    set_mail(&t, &s).await;
    let p = sender::deliver_due(&t.db, &t.key, Some("sandi-smtp"), at(3600))
        .await
        .unwrap();
    assert_eq!(p.terkirim, 1, "{p:?}");
    let got = smtp.received();
    assert!(got[0].tls, "the message went over TLS");
    assert_eq!(
        got[0].auth.as_deref(),
        Some("loket"),
        "the desk signs in to the server with the office's account"
    );
    // A wrong password is the server's refusal, kept as its answer.
    t.walk(id, &[Action::BerkasKurang]).await;
    let p = sender::deliver_due(&t.db, &t.key, Some("salah"), at(7200))
        .await
        .unwrap();
    assert_eq!(
        (p.terkirim, p.gagal),
        (0, 1),
        "a wrong password fails the message"
    );
    let m = &outbox::for_case(&t.db, id).await.unwrap()[1];
    assert!(
        m.balasan.as_deref().unwrap().contains("535"),
        "{:?}",
        m.balasan
    );
    assert_eq!(
        smtp.received().len(),
        1,
        "nothing was sent with the wrong password"
    );
}

/// The SIGKILL test: the sender process (`loket-surel`, the same code the
/// desk runs in the background) is killed at random moments many times
/// while 40 messages wait; after the restarts every message has arrived,
/// and a message arrived twice only if Loket marked it as sent again after
/// a stop mid-conversation (the one moment SMTP cannot close).
#[tokio::test]
async fn a_sender_killed_again_and_again_loses_nothing_and_doubles_nothing_it_knew_was_sent() {
    let t = TestDesk::sqlite().await;
    let smtp = Smtp::start(t.dir.path(), free_port(), &[]);
    set_mail(&t, &plain(smtp.port)).await;
    // The test's own keyring service, emptied when the test ends.
    let keys = TestKeyring::new("surel");
    let service = keys.service.clone();
    keys.ring()
        .set(DATA_KEY_ENTRY, &Secret::new(vec![42; 32]))
        .unwrap();
    store::set_setting(
        &t.db,
        &t.key,
        store::SETTING_DATA_KEY_CHECK,
        t.key.check_value(),
    )
    .await
    .unwrap();
    const CASES: u32 = 40;
    for n in 1..=CASES {
        t.intake(&walk_in(n)).await;
    }
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_loket-surel"))
            .args(["--database", &t.url, "--keyring-service", &service])
            .args(["--interval", "0", "--abandoned-after", "0"])
            .stdout(Stdio::null())
            .spawn()
            .unwrap()
    };
    let pending = |path: &Path| {
        let got = received(path);
        got.len()
    };
    let mut kills = 0;
    let mut seed: u64 = 0x5eed_1234 ^ u64::from(std::process::id());
    let started = Instant::now();
    while pending(&smtp.out) < CASES as usize && started.elapsed() < Duration::from_secs(120) {
        let mut child = spawn();
        // A pseudo-random wait of 0 to 250 ms, then SIGKILL.
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        std::thread::sleep(Duration::from_millis((seed >> 33) % 250));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        kills += 1;
        if kills >= 25 {
            break;
        }
    }
    // A last run, left to finish.
    let mut child = spawn();
    let deadline = Instant::now() + Duration::from_secs(60);
    while pending(&smtp.out) < CASES as usize && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_millis(500));
    child.kill().unwrap();
    child.wait().unwrap();

    let got = smtp.received();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for m in &got {
        *seen.entry(m.message_id()).or_default() += 1;
    }
    let rows = outbox::view(&t.db, 1000).await.unwrap();
    assert!(
        rows.menunggu.is_empty() && rows.gagal.is_empty(),
        "{rows:?}"
    );
    assert_eq!(
        rows.terkirim.len(),
        CASES as usize,
        "every message is marked sent after the kills"
    );
    let uncertain: Vec<String> = rows
        .terkirim
        .iter()
        .filter(|m| m.ulang_tidak_pasti)
        .map(|m| m.message_id.trim_matches(['<', '>']).to_string())
        .collect();
    for m in &rows.terkirim {
        let id = m.message_id.trim_matches(['<', '>']);
        let n = seen.get(id).copied().unwrap_or(0);
        assert!(n >= 1, "message {id} was lost");
        assert!(
            n == 1 || uncertain.iter().any(|u| u == id),
            "message {id} arrived {n} times without being marked as sent again after a stop"
        );
    }
    let doubled = seen.values().filter(|n| **n > 1).count();
    eprintln!(
        "kill test: {kills} SIGKILLs, {CASES} messages, {} received, {} sent again after a stop mid-conversation, {doubled} arrived twice",
        got.len(),
        uncertain.len()
    );
    assert_eq!(
        seen.len(),
        CASES as usize,
        "every message arrived after the kills"
    );
}
