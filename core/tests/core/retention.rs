//! Retention: a run destroys exactly what is past its period (a document one
//! day short of it stays, a person with a running case stays, an item the
//! admin did not confirm stays), the berita acara lists what went and names
//! no one, the destroyed name is gone from the database file itself, and the
//! audit chain still verifies after the run.

use super::support::*;
use chrono::DateTime;
use loket_core::applicants::registry;
use loket_core::audit::{self, Verdict};
use loket_core::cases::{checklist, transitions};
use loket_core::complaints;
use loket_core::documents::{self, Upload};
use loket_core::lifecycle::flow::Action;
use loket_core::office::kinds::Jenis;
use loket_core::retention::due::{self, RecordKind};
use loket_core::retention::periods::{self, RetentionPeriods};
use loket_core::retention::run::DueKey;
use loket_core::retention::{report, run};
use rand::rngs::OsRng;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

fn at(rfc3339: &str) -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(rfc3339).unwrap()
}

/// Opens a penerbitan for `who` at `opened`, with one document, and walks it
/// through `actions` at `closed` (the certificate valid `from`..`to`).
async fn case_of(
    t: &TestDesk,
    who: &NewPenerbitan,
    opened: &str,
    closed: &str,
    actions: &[Action],
    (from, to): (&str, &str),
) -> i64 {
    let act = t.at("Petugas A", at(opened));
    let id = open_penerbitan(&t.db, &act, who).await.unwrap().id;
    documents::attach(
        &t.db,
        &act,
        &mut OsRng,
        &Upload {
            case_id: id,
            kind: "lainnya",
            filename: "surat.pdf",
            bytes: PDF,
        },
    )
    .await
    .unwrap();
    let done = t.at("verifikator", at(closed));
    if !actions.is_empty() {
        for r in t.case(id).await.requirements.iter().filter(|r| r.wajib) {
            checklist::check_requirement(&t.db, &done, id, &r.code, true)
                .await
                .unwrap();
        }
    }
    for (n, a) in actions.iter().enumerate() {
        // A finished penerbitan had its Surat Rekomendasi, drafted and
        // numbered once its file was complete: it names the applicant.
        // Numbering it moves the case on, as the step would.
        if n == 1 && actions.len() == ISSUE.len() {
            t.with_letter_settings().await;
            let letter = t.draft(Jenis::RekomendasiPendaftaran, vec![id]).await;
            t.issue(letter).await;
            continue;
        }
        let mut s = step(*a);
        s.valid_from = from.into();
        s.valid_to = to.into();
        transitions::transition(&t.db, &done, id, &s)
            .await
            .unwrap_or_else(|e| panic!("{a:?}: {e:?}"));
    }
    id
}

#[tokio::test]
async fn a_run_destroys_exactly_what_is_due_and_the_chain_still_verifies_on_sqlite() {
    destroys_exactly_what_is_due(TestDesk::sqlite().await).await;
}

#[tokio::test]
async fn a_run_destroys_exactly_what_is_due_and_the_chain_still_verifies_on_postgres() {
    destroys_exactly_what_is_due(TestDesk::postgres("retention").await).await;
}

async fn destroys_exactly_what_is_due(t: TestDesk) {
    // Made: issued in March 2019, certificate ended 10/03/2021: his data is due
    // five years later (10/03/2026), his document two years after the case ended.
    let made = pegawai(21, "Made Wirawan Lampau");
    let a = case_of(
        &t,
        &made,
        "2019-03-01T09:00:00+08:00",
        "2019-03-10T10:00:00+08:00",
        &ISSUE,
        ("2019-03-10", "2021-03-10"),
    )
    .await;
    // His Surat Rekomendasi names him (name and NIP in its content, see
    // `case_of`), and a complaint without a case carries his name and e-mail.
    complaints::register::register(
        &t.db,
        &t.as_("Petugas A"),
        &complaints::register::NewComplaint {
            kanal: "surel".into(),
            nama: made.applicant.nama.clone(),
            kontak: made.applicant.email.clone(),
            kategori: "ringan".into(),
            isi: "Sertifikat saya belum terbit.".into(),
            petugas: "Petugas A".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    // He asked the desk for help, and what he asked and what was done name him.
    let asked = loket_core::help::register::record(
        &t.db,
        &t.as_("Petugas A"),
        &loket_core::help::register::NewHelpRequest {
            applicant_id: t.case(a).await.applicant_id,
            topik: Some(loket_core::help::register::TopikBantuan::SurelTidakDiterima),
            uraian: format!("{} tidak menerima surel BSrE.", made.applicant.nama),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    loket_core::help::register::step(
        &t.db,
        &t.as_("Petugas A"),
        asked.id,
        &loket_core::help::register::HelpStep::Selesai {
            hasil: format!("Surel dikirim ulang ke {}.", made.applicant.email),
        },
    )
    .await
    .unwrap();
    // A complaint about his case left another address, and its written
    // answer waits in the outbox to it (sending switched off again since).
    let about = complaints::register::register(
        &t.db,
        &t.as_("Petugas A"),
        &complaints::register::NewComplaint {
            kanal: "telepon".into(),
            nama: made.applicant.nama.clone(),
            kontak: "made.pribadi@example.org".into(),
            nomor_registrasi: t.case(a).await.case.nomor,
            kategori: "ringan".into(),
            isi: "Surel BSrE belum saya terima.".into(),
            petugas: "Petugas A".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    mail_on_without_server(&t).await;
    complaints::duties::answer(
        &t.db,
        &t.as_("Petugas A"),
        about.id,
        &complaints::duties::ComplaintAnswer {
            jawaban: "Surel BSrE sudah dikirim ulang.".into(),
            cara: Some(complaints::duties::CaraJawaban::Surel),
            petugas: "Petugas A".into(),
        },
    )
    .await
    .unwrap();
    loket_core::notices::settings::save(
        &t.db,
        &t.as_("admin"),
        &loket_core::notices::settings::MailSettings::default(),
    )
    .await
    .unwrap();
    // Sari: issued 2019, certificate to 2025: her data is kept, her document is due.
    let b = case_of(
        &t,
        &pegawai(22, "Sari Lestari"),
        "2019-04-01T09:00:00+08:00",
        "2019-04-10T10:00:00+08:00",
        &ISSUE,
        ("2019-04-10", "2025-04-10"),
    )
    .await;
    // Nyoman: rejected on 01/12/2024, one day short of two years: nothing of his is due.
    let c = case_of(
        &t,
        &pegawai(23, "Nyoman Tepat"),
        "2024-11-25T09:00:00+08:00",
        "2024-12-01T10:00:00+08:00",
        &[Action::Tolak],
        ("", ""),
    )
    .await;
    // Kadek: applied in 2018 and the case still runs: nothing of hers is due.
    let d = case_of(
        &t,
        &pegawai(24, "Kadek Berjalan"),
        "2018-05-01T09:00:00+08:00",
        "2018-05-01T09:30:00+08:00",
        &[],
        ("", ""),
    )
    .await;
    let nc = t.case(c).await.case.nomor;

    let plan = due::list(&t.db, now().date_naive()).await.unwrap();
    assert_eq!(
        plan.periods,
        RetentionPeriods::default(),
        "a new desk keeps the default retention periods"
    );
    let got: Vec<(RecordKind, String)> = plan
        .items
        .iter()
        .map(|i| (i.jenis, i.rujukan.clone()))
        .collect();
    let (na, nb) = (t.case(a).await.case.nomor, t.case(b).await.case.nomor);
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(
        got[0].0 == RecordKind::Berkas && got[0].1.starts_with(&na),
        "{got:?}"
    );
    assert!(
        got[1].0 == RecordKind::Berkas && got[1].1.starts_with(&nb),
        "{got:?}"
    );
    assert!(
        got[2].0 == RecordKind::Pemohon && got[2].1.contains(&na),
        "{got:?}"
    );
    assert_eq!(
        plan.items[2].habis, "10/03/2026",
        "Made's data is due five years after his certificate ended"
    );
    assert!(!got.iter().any(|(_, r)| r.contains(&nc)), "{got:?}");
    for i in &plan.items {
        assert!(
            !i.rujukan.contains("Wirawan") && !i.rujukan.contains("Sari"),
            "{i:?}"
        );
    }

    // Nothing confirmed: refused. The admin confirms all but Sari's document,
    // and slips in Kadek (not due): only what is both confirmed and due goes.
    assert_eq!(
        field_of(run::run(&t.db, &t.as_("admin"), &[]).await.unwrap_err()),
        "items",
        "a run with nothing confirmed is refused"
    );
    let kadek = t.case(d).await.applicant_id;
    let mut keys: Vec<DueKey> = plan
        .items
        .iter()
        .filter(|i| !i.rujukan.starts_with(&nb))
        .map(|i| DueKey {
            jenis: i.jenis,
            id: i.id,
        })
        .collect();
    keys.push(DueKey {
        jenis: RecordKind::Pemohon,
        id: kadek,
    });
    let docs_before = t.count("documents").await;
    let r = run::run(&t.db, &t.as_("admin"), &keys).await.unwrap();
    assert_eq!(r.items.len(), 2, "{:?}", r.items);
    assert_eq!(
        r.nomor,
        format!("BA-RETENSI-{}-0001", now().format("%Y")),
        "retention runs are numbered per year from 0001"
    );
    assert_eq!(
        t.count("documents").await,
        docs_before - 1,
        "only Made's confirmed document is destroyed, not Sari's"
    );

    // Made is a number now; his NIK finds no one; Kadek and Sari are as they were.
    let made_id = t.case(a).await.applicant_id;
    let row = scalar(&t.db, &format!("SELECT nama || '|' || email || '|' || nik_masked || '|' || COALESCE(nip, '') FROM applicants WHERE id = {made_id}")).await;
    assert_eq!(
        row,
        format!("Pemohon #{made_id} (dianonimkan)||—|"),
        "Made's record is anonymised to a number"
    );
    let reveal = registry::reveal(&t.db, &t.op(), made_id).await;
    assert_eq!(field_of(reveal.unwrap_err()), "nik", "no NIK to show");
    assert!(
        registry::find_by_nik(&t.db, &t.key, &made.applicant.nik)
            .await
            .unwrap()
            .is_none(),
        "Made's NIK finds no one after the run"
    );
    assert_eq!(
        scalar(
            &t.db,
            &format!("SELECT nama FROM applicants WHERE id = {kadek}")
        )
        .await,
        "Kadek Berjalan",
        "Kadek, whose case still runs, keeps her name though the admin listed her"
    );
    assert_eq!(
        scalar(
            &t.db,
            "SELECT COUNT(*) FROM applicants WHERE nama = 'Sari Lestari'"
        )
        .await,
        "1",
        "Sari, not due, keeps her record"
    );
    // The case and certificate stay (the reports count them).
    assert_eq!(
        t.case(a).await.case.status,
        loket_core::lifecycle::vocabulary::Status::Selesai,
        "the case stays for the reports, only the person is anonymised"
    );

    // The database itself no longer holds his name, NIP, NIK or e-mail
    // anywhere (a colleague opening the file, or dumping every table on
    // PostgreSQL, finds nothing): not in his row, his letter's content, his
    // messages or the complaint without a case.
    let everything: Vec<u8> = if t.url.starts_with("sqlite:") {
        std::fs::read(t.dir.path().join("loket.sqlite3")).unwrap()
    } else {
        let out = std::process::Command::new("pg_dump")
            .args(["--data-only", "--no-owner", &t.url])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    for trace in [
        made.applicant.nama.as_str(),
        made.applicant.nip.as_str(),
        made.applicant.nik.as_str(),
        made.applicant.email.as_str(),
        "made.pribadi@example.org",
    ] {
        assert!(
            !everything
                .windows(trace.len())
                .any(|w| w == trace.as_bytes()),
            "{trace} lingers in the database"
        );
    }
    assert!(
        everything.windows(12).any(|w| w == b"Sari Lestari"),
        "what was read is not the database"
    );

    // The berita acara lists what went and names no one.
    let (file, bytes) = report::berita_acara(&t.db, &t.as_("admin"), r.id)
        .await
        .unwrap();
    // A name may wrap inside its cell: compared with single spaces.
    let flat = pdf_words(t.dir.path(), &file, &bytes);
    let text = &flat;
    for want in [
        r.nomor.as_str(),
        "BERITA ACARA PEMUSNAHAN DATA PRIBADI",
        na.as_str(),
        "dianonimkan",
        "dihapus",
        "10/03/2026",
        "Pasal 44 ayat (1) huruf a",
        // Mail is off on this desk: Made is told another way.
        "kotak keluar Loket untuk 0 orang; 1 orang tanpa surel",
        // The desk's clock is Denpasar's: the time names its zone.
        "WITA",
    ] {
        assert!(flat.contains(want), "{want} missing:\n{text}");
    }
    assert!(!flat.contains(&nb), "{text}");
    assert!(
        !flat.contains("Wirawan") && !flat.contains(&made.applicant.nik),
        "{text}"
    );

    // The audit log keeps that it happened, counted by kind, and verifies.
    let details = scalar(
        &t.db,
        "SELECT detail FROM audit_log WHERE action = 'retention.run'",
    )
    .await;
    assert!(
        details.contains("\"berkas\":1") && details.contains("\"pemohon\":1"),
        "{details}"
    );
    assert!(!details.contains("Wirawan"), "{details}");
    assert!(
        matches!(
            audit::verify(&t.db, &t.key).await.unwrap(),
            Verdict::Intact { .. }
        ),
        "the audit chain still verifies after the run"
    );

    // What is left due is Sari's document only; the history holds the run.
    let left = due::list(&t.db, now().date_naive()).await.unwrap().items;
    assert_eq!(
        left.len(),
        1,
        "only Sari's unconfirmed document is still due"
    );
    assert!(
        left[0].rujukan.starts_with(&nb),
        "the document left due is Sari's"
    );
    assert_eq!(
        run::history(&t.db).await.unwrap().len(),
        1,
        "the history holds the one run"
    );

    // Shorter periods make more due; a period out of bounds is refused.
    let refused = periods::save(
        &t.db,
        &t.as_("admin"),
        &RetentionPeriods {
            berkas_tahun: 0,
            ..Default::default()
        },
    )
    .await;
    assert_eq!(
        field_of(refused.unwrap_err()),
        "berkas_tahun",
        "a retention period of zero years is refused"
    );
    periods::save(
        &t.db,
        &t.as_("admin"),
        &RetentionPeriods {
            berkas_tahun: 1,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let more = due::list(&t.db, now().date_naive()).await.unwrap().items;
    assert_eq!(more.len(), 2, "{more:?}");
}

/// The keys that confirm every item of `items`.
fn keys_of(items: &[due::DueItem]) -> Vec<DueKey> {
    items
        .iter()
        .map(|i| DueKey {
            jenis: i.jenis,
            id: i.id,
        })
        .collect()
}

/// `who` issued in March 2019, certificate ended 10/03/2021: their document
/// and their record are due now; then mail switched on towards a real SMTP
/// server on loopback (after the case, so it queued nothing of its own).
async fn due_with_mail_on(t: &TestDesk, who: &NewPenerbitan) -> super::mail::Smtp {
    case_of(
        t,
        who,
        "2019-03-01T09:00:00+08:00",
        "2019-03-10T10:00:00+08:00",
        &ISSUE,
        ("2019-03-10", "2021-03-10"),
    )
    .await;
    let smtp = super::mail::Smtp::start(t.dir.path(), super::mail::free_port(), &[]);
    super::mail::set_mail(t, &super::mail::plain(smtp.port)).await;
    smtp
}

#[tokio::test]
async fn the_person_whose_data_a_run_destroys_is_told_once_and_the_notice_keeps_no_trace() {
    let t = TestDesk::sqlite().await;
    // Made's document and his whole record are due (as in the test above);
    // Sari has nothing due; a kiosk submission tells no one.
    let made = pegawai(31, "Made Wirawan Diberitahu");
    let smtp = due_with_mail_on(&t, &made).await;
    let plan = due::list(&t.db, now().date_naive()).await.unwrap();
    let keys = keys_of(&plan.items);
    assert_eq!(
        keys.len(),
        2,
        "Made's document and his record: {:?}",
        plan.items
    );
    let r = run::run(&t.db, &t.as_("admin"), &keys).await.unwrap();
    assert_eq!(
        r.pemberitahuan,
        Some(run::Notices { surel: 1, lain: 0 }),
        "one notice for one person, though two things of his went"
    );
    let waiting = scalar(
        &t.db,
        "SELECT penerima || '|' || isi FROM outbox WHERE peristiwa = 'pemusnahan'",
    )
    .await;
    assert!(
        waiting.starts_with(&format!("{}|", made.applicant.email)),
        "the notice goes to his address: {waiting}"
    );
    for want in [
        "Pasal 44 ayat (1) huruf a",
        "Pasal 45",
        r.nomor.as_str(),
        "berkas permohonan",
        "data pribadi pada catatan pemohon",
    ] {
        assert!(
            waiting.contains(want),
            "{want} missing from the notice: {waiting}"
        );
    }
    assert!(
        !waiting.contains("Wirawan") && !waiting.contains(&made.applicant.nip),
        "the notice does not bring his name or NIP back: {waiting}"
    );

    // Sent through the real server: it arrives, and the row keeps only that it went.
    let p = super::mail::deliver_all(&t, now()).await;
    assert_eq!((p.terkirim, p.gagal), (1, 0), "{p:?}");
    let got = smtp.received();
    assert_eq!(got.len(), 1, "one message reached the server");
    assert_eq!(
        got[0].rcpt,
        std::slice::from_ref(&made.applicant.email),
        "to him"
    );
    assert_eq!(
        got[0].subject(),
        "Pemberitahuan pemusnahan data pribadi Anda"
    );
    assert!(got[0].body().contains(&r.nomor), "{}", got[0].body());
    assert_eq!(
        scalar(
            &t.db,
            "SELECT status || '|' || penerima || '|' || nama_penerima || '|' || isi FROM outbox \
             WHERE peristiwa = 'pemusnahan'"
        )
        .await,
        "terkirim|||",
        "once sent, the notice keeps no address and no text"
    );
    assert!(
        loket_core::notices::outbox::intact(
            &t.key,
            &loket_core::entities::outbox::Entity::find()
                .filter(loket_core::entities::outbox::Column::Peristiwa.eq("pemusnahan"))
                .one(&t.db)
                .await
                .unwrap()
                .unwrap()
        ),
        "the emptied notice is sealed again, not read as changed outside Loket"
    );

    // The berita acara says who was told.
    let (file, bytes) = report::berita_acara(&t.db, &t.as_("admin"), r.id)
        .await
        .unwrap();
    let flat = pdf_words(t.dir.path(), &file, &bytes);
    assert!(
        flat.contains("Pemberitahuan kepada pemilik data (Pasal 45)")
            && flat.contains("kotak keluar Loket untuk 1 orang; 0 orang tanpa surel"),
        "{flat}"
    );
}

/// A notice the server refuses (its reply quoting the address, as servers'
/// replies do) keeps neither the address nor the reply, in the outbox or in
/// the audit log.
#[tokio::test]
async fn a_refused_destruction_notice_keeps_no_address_anywhere() {
    let t = TestDesk::sqlite().await;
    let mut made = pegawai(32, "Made Wirawan Ditolak");
    made.applicant.email = "made.lama@ditolak.test".into();
    let _smtp = due_with_mail_on(&t, &made).await;
    let plan = due::list(&t.db, now().date_naive()).await.unwrap();
    run::run(&t.db, &t.as_("admin"), &keys_of(&plan.items))
        .await
        .unwrap();
    let p = super::mail::deliver_all(&t, now()).await;
    assert_eq!(
        (p.terkirim, p.gagal),
        (0, 1),
        "the server refused it: {p:?}"
    );
    assert_eq!(
        scalar(
            &t.db,
            "SELECT status || '|' || penerima || '|' || isi || '|' || balasan FROM outbox \
             WHERE peristiwa = 'pemusnahan'"
        )
        .await,
        "gagal|||Tidak terkirim; alamat dan isi tidak disimpan.",
        "a refused notice keeps no address, text or reply"
    );
    let logged = scalar(
        &t.db,
        "SELECT group_concat(detail, ' ') FROM audit_log WHERE action LIKE 'mail.%'",
    )
    .await;
    assert!(
        logged.contains("pemusnahan") && !logged.contains("ditolak.test"),
        "the log records the failure, not the server's reply quoting the address: {logged}"
    );
}

#[tokio::test]
async fn old_mail_no_longer_waiting_is_deleted_and_waiting_mail_stays() {
    use loket_core::notices::settings::{self as mail, Keamanan, MailSettings};
    let t = TestDesk::sqlite().await;
    // Sending on (to a port nothing listens on: nothing is delivered here).
    mail::save(
        &t.db,
        &t.as_("admin"),
        &MailSettings {
            aktif: true,
            host: "127.0.0.1".into(),
            port: 9,
            keamanan: Keamanan::Polos,
            nama_pengirim: "Diskominfos Kota Denpasar".into(),
            alamat_pengirim: "layanan@denpasarkota.go.id".into(),
            ..MailSettings::default()
        },
    )
    .await
    .unwrap();
    let open_at = |who: NewPenerbitan, at_: &'static str| {
        let t = &t;
        async move {
            open_penerbitan(&t.db, &t.at("Petugas A", at(at_)), &who)
                .await
                .unwrap()
                .id
        }
    };
    let old = open_at(pegawai(31, "Wayan Surel Lama"), "2024-01-10T09:00:00+08:00").await;
    let waiting = open_at(pegawai(32, "Made Surel Antre"), "2024-02-01T09:00:00+08:00").await;
    let recent = open_at(pegawai(33, "Ketut Surel Baru"), "2026-11-01T09:00:00+08:00").await;
    // The old and the recent message went out (as the sender marks them);
    // the other still waits for the server.
    t.db.execute_unprepared(&format!(
        "UPDATE outbox SET status = 'terkirim' WHERE case_id IN ({old}, {recent})"
    ))
    .await
    .unwrap();
    let mails = |id: i64| {
        let t = &t;
        async move {
            scalar(
                &t.db,
                &format!("SELECT COUNT(*) FROM outbox WHERE case_id = {id}"),
            )
            .await
            .parse::<i64>()
            .unwrap()
        }
    };
    assert!(
        mails(old).await > 0 && mails(waiting).await > 0 && mails(recent).await > 0,
        "each of the three cases has its message in the outbox"
    );
    let due = due::list(&t.db, now().date_naive()).await.unwrap().items;
    let old_nomor = t.case(old).await.case.nomor;
    assert!(!due.is_empty(), "the old message that was sent is due");
    assert!(
        due.iter()
            .all(|i| i.jenis == RecordKind::Surel && i.rujukan.contains(&old_nomor)),
        "{due:?}"
    );
    let r = run::run(&t.db, &t.as_("admin"), &keys_of(&due))
        .await
        .unwrap();
    assert_eq!(r.items.len(), due.len(), "every confirmed old message goes");
    assert_eq!(
        mails(old).await,
        0,
        "the old message that was sent is deleted"
    );
    assert!(mails(waiting).await > 0, "a message still waiting is kept");
    assert!(mails(recent).await > 0, "a recent message is kept");
    assert!(
        matches!(
            audit::verify(&t.db, &t.key).await.unwrap(),
            Verdict::Intact { .. }
        ),
        "the audit chain still verifies after deleting old mail"
    );
}
