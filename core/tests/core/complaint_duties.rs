//! The two duties of UU 25/2009 Pasal 50 and the escalation of Perpres
//! 76/2013 on a complaint: an answer deadline next to the settlement's, both
//! counted in working days and both waiting for a missing year; the written
//! answer sent through the outbox (or refused, nothing saved, where it
//! cannot go) or printed on the letterhead; the escalation with its own
//! clock; and the office's own channels, counted apart in the report.

use super::support::*;
use chrono::DateTime;
use loket_core::calendar::days::{JenisLibur, TypedDay, TypedYear};
use loket_core::complaints::duties::{self, CaraJawaban, ComplaintAnswer, ComplaintEscalation};
use loket_core::complaints::register::{self, NewComplaint, StatusPengaduan};
use loket_core::complaints::settings::{self, KanalPengaduan};

fn at(s: &str) -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("{s}:00+08:00")).unwrap()
}

fn complaint(kanal: &str, kategori: &str, kontak: &str) -> NewComplaint {
    NewComplaint {
        kanal: kanal.into(),
        nomor_lapor: "TIKET-88".into(),
        anonim: false,
        nama: "Ni Luh Ayu".into(),
        kontak: kontak.into(),
        nomor_registrasi: String::new(),
        kategori: kategori.into(),
        isi: "Surel dari BSrE belum saya terima setelah tiga hari.".into(),
        petugas: "Petugas A".into(),
        diterima: String::new(),
    }
}

fn answer(cara: CaraJawaban) -> ComplaintAnswer {
    ComplaintAnswer {
        jawaban: "Surel BSrE sudah kami kirim ulang.\nPeriksa juga folder spam.".into(),
        cara: Some(cara),
        petugas: "Petugas A".into(),
    }
}

fn year_2027() -> TypedYear {
    TypedYear {
        tahun: 2027,
        dasar: "SKB 3 Menteri tentang hari libur nasional dan cuti bersama 2027".into(),
        hari: vec![TypedDay {
            tanggal: "01/01/2027".into(),
            jenis: JenisLibur::Nasional,
            keterangan: "Tahun Baru 2027 Masehi".into(),
        }],
    }
}

/// A berkadar pengawasan complaint received Monday 14/12/2026 10:00: the
/// written answer is due in 14 working days, the settlement in 60. Both
/// reach 2027; without its calendar neither is guessed. Saving 2027 counts
/// both: the answer Tuesday 05/01/2027 at closing (twelve working days in
/// December, 24 and 25 off, then 4 and 5 January), the settlement later.
#[tokio::test]
async fn a_complaint_has_an_answer_deadline_and_a_settlement_deadline() {
    let t = TestDesk::sqlite().await;
    let c = register::register(
        &t.db,
        &t.at("Petugas A", at("2026-12-14T10:00")),
        &complaint("surel", "berkadar", "ayu@example.org"),
    )
    .await
    .unwrap();
    assert_eq!((c.hari_jawab, c.hari_kerja), (14, 60));
    assert_eq!(
        (c.jawab_tenggat_at, c.tenggat_at),
        (None, None),
        "both reach 2027, whose calendar is missing"
    );
    loket_core::recount::save_year(&t.db, &t.at("admin", at("2026-12-15T08:00")), &year_2027())
        .await
        .unwrap();
    let row = register::list(&t.db, at("2026-12-15T08:00"), false, 10)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(
        row.jawab_tenggat_at,
        Some(at("2027-01-05T15:45")),
        "the answer: 14 working days"
    );
    let settle = row.tenggat_at.expect("the settlement is counted too");
    assert!(
        settle > at("2027-03-01T00:00") && settle < at("2027-03-31T00:00"),
        "sixty working days reach March 2027: {settle}"
    );
    // The answer given on Wednesday 06/01 is late; the settlement is not.
    duties::answer(
        &t.db,
        &t.at("Petugas A", at("2027-01-06T09:00")),
        c.id,
        &answer(CaraJawaban::Surat),
    )
    .await
    .unwrap();
    let row = register::list(&t.db, at("2027-01-06T09:00"), false, 10)
        .await
        .unwrap()
        .remove(0);
    assert!(row.jawab_terlambat, "answered a day after its deadline");
    assert!(!row.terlambat, "the settlement's deadline is months away");
    assert_eq!(row.status, StatusPengaduan::Ditindaklanjuti);
}

/// A category's answer may not take longer than its settlement, and each
/// clock is 1..365 working days, named at its cell; a list saved before the
/// answer's clock existed reads it from the settlement's (at most 14).
#[tokio::test]
async fn the_categories_clocks_are_checked_and_older_lists_read_well() {
    let t = TestDesk::sqlite().await;
    let mut list = settings::defaults();
    list[0].hari_jawab = 5;
    list[1].hari_eskalasi = 0;
    assert_eq!(
        field_of(
            settings::save(&t.db, &t.as_("admin"), &list)
                .await
                .unwrap_err()
        ),
        "kategori.0.hari_jawab,kategori.1.hari_eskalasi"
    );
    sea_orm::ConnectionTrait::execute_unprepared(
        &t.db,
        r#"INSERT INTO settings (key, value) VALUES ('pengaduan_kategori',
           '[{"kode":"lama","nama":"Lama","hari_kerja":30}]')"#,
    )
    .await
    .unwrap();
    let read = settings::categories(&t.db).await.unwrap();
    assert_eq!(
        (
            read[0].hari_kerja,
            read[0].hari_jawab,
            read[0].hari_eskalasi
        ),
        (30, 14, 14)
    );
}

/// The written answer by e-mail goes into the outbox with the complaint's
/// number and the answer in the same transaction as its audit entry; it is
/// refused, with nothing saved, where the complainant left no address, and
/// a complaint is answered once.
#[tokio::test]
async fn the_answer_is_sent_through_the_outbox_or_refused_whole() {
    let t = TestDesk::sqlite().await;
    mail_on_without_server(&t).await;
    let act = t.at("Petugas A", at("2026-12-01T10:00"));
    let phone = register::register(&t.db, &act, &complaint("telepon", "ringan", "081234567891"))
        .await
        .unwrap();
    let e = duties::answer(&t.db, &act, phone.id, &answer(CaraJawaban::Surel))
        .await
        .unwrap_err();
    assert_eq!(field_of(e), "cara", "no e-mail address: print it instead");
    assert_eq!(t.count("outbox").await, 0);
    assert_eq!(
        scalar(
            &t.db,
            "select count(*) from complaints where dijawab_at is not null"
        )
        .await,
        "0",
        "nothing saved half way"
    );

    let mail = register::register(
        &t.db,
        &act,
        &complaint("surel", "ringan", "ayu@example.org"),
    )
    .await
    .unwrap();
    let row = duties::answer(
        &t.db,
        &t.at("Petugas A", at("2026-12-01T14:00")),
        mail.id,
        &answer(CaraJawaban::Surel),
    )
    .await
    .unwrap();
    assert_eq!(row.jawaban_cara.as_deref(), Some("surel"));
    assert!(!row.jawab_terlambat);
    let (to, subject, body) = (
        scalar(&t.db, "select penerima from outbox").await,
        scalar(&t.db, "select subjek from outbox").await,
        scalar(&t.db, "select isi from outbox").await,
    );
    assert_eq!(to, "ayu@example.org");
    assert_eq!(
        subject,
        format!("Jawaban atas pengaduan nomor {}", mail.nomor)
    );
    assert!(
        body.starts_with("Yth. Ni Luh Ayu")
            && body.contains("Surel BSrE sudah kami kirim ulang.\nPeriksa juga folder spam."),
        "{body}"
    );
    assert!(
        scalar(
            &t.db,
            "select detail from audit_log where action = 'complaint.answer'"
        )
        .await
        .contains(r#""cara":"surel""#)
    );
    let again = duties::answer(&t.db, &act, mail.id, &answer(CaraJawaban::Surat))
        .await
        .unwrap_err();
    assert_eq!(field_of(again), "jawaban", "answered once");
    assert_eq!(t.count("outbox").await, 1);
}

/// With the office's sending off, an e-mailed answer is refused (print it);
/// the printed answer is a letter on the letterhead with the answer's text.
#[tokio::test]
async fn the_answer_is_printed_as_a_letter_when_it_cannot_be_mailed() {
    let t = TestDesk::sqlite().await;
    t.with_letter_settings().await;
    let act = t.at("Petugas A", at("2026-12-01T10:00"));
    let c = register::register(
        &t.db,
        &act,
        &complaint("surel", "ringan", "ayu@example.org"),
    )
    .await
    .unwrap();
    assert!(
        duties::answer_letter(&t.db, &act, c.id).await.is_err(),
        "nothing to print yet"
    );
    let e = duties::answer(&t.db, &act, c.id, &answer(CaraJawaban::Surel))
        .await
        .unwrap_err();
    assert_eq!(field_of(e), "cara", "sending is off: print it");
    duties::answer(&t.db, &act, c.id, &answer(CaraJawaban::Surat))
        .await
        .unwrap();
    let (name, pdf) = duties::answer_letter(&t.db, &act, c.id).await.unwrap();
    assert_eq!(name, format!("jawaban-{}.pdf", c.nomor.to_lowercase()));
    let dir = tempfile::tempdir().unwrap();
    let words = pdf_words(dir.path(), &name, &pdf);
    for want in [
        "JAWABAN ATAS PENGADUAN",
        c.nomor.as_str(),
        "Yth. Ni Luh Ayu",
        "Surel BSrE sudah kami kirim ulang.",
        "Periksa juga folder spam.",
    ] {
        assert!(words.contains(want), "{want} in {words}");
    }
    assert_eq!(
        scalar(
            &t.db,
            "select count(*) from audit_log where action = 'complaint.answer_print'"
        )
        .await,
        "1"
    );
}

/// Escalated to the complaints officer on Monday 30/11/2026 09:00 with a
/// ringan complaint's 2 working days: due Tuesday 01/12 at closing, shown
/// late after it; escalated once; a settled complaint is not escalated.
#[tokio::test]
async fn an_escalation_has_its_own_clock() {
    let t = TestDesk::sqlite().await;
    let c = register::register(
        &t.db,
        &t.at("Petugas A", at("2026-11-27T10:00")),
        &complaint("tatap_muka", "ringan", ""),
    )
    .await
    .unwrap();
    let bad = duties::escalate(
        &t.db,
        &t.op(),
        c.id,
        &ComplaintEscalation {
            pejabat: " ".into(),
            alasan: String::new(),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(bad), "alasan,pejabat");
    let up = ComplaintEscalation {
        pejabat: "I Made Sudarsana, S.Kom. (Kepala Bidang Persandian)".into(),
        alasan: "Pengadu meminta penjelasan pejabat.".into(),
    };
    let row = duties::escalate(&t.db, &t.at("Petugas A", at("2026-11-30T09:00")), c.id, &up)
        .await
        .unwrap();
    assert_eq!(row.eskalasi_tenggat_at, Some(at("2026-12-01T15:45")));
    assert_eq!(row.status, StatusPengaduan::Ditindaklanjuti);
    let later = register::list(&t.db, at("2026-12-02T08:00"), false, 10)
        .await
        .unwrap()
        .remove(0);
    assert!(later.eskalasi_terlambat, "the officer's deadline passed");
    let twice = duties::escalate(&t.db, &t.op(), c.id, &up)
        .await
        .unwrap_err();
    assert_eq!(field_of(twice), "pejabat", "escalated once");
    assert!(
        scalar(
            &t.db,
            "select detail from audit_log where action = 'complaint.escalate'"
        )
        .await
        .contains("Kepala Bidang Persandian")
    );
    register::step(
        &t.db,
        &t.op(),
        c.id,
        &register::ComplaintStep {
            status: StatusPengaduan::Selesai,
            petugas: "Petugas A".into(),
            tanggapan: "Dijelaskan oleh Kepala Bidang.".into(),
        },
    )
    .await
    .unwrap();
    let other = register::register(&t.db, &t.op(), &complaint("telepon", "ringan", ""))
        .await
        .unwrap();
    register::step(
        &t.db,
        &t.op(),
        other.id,
        &register::ComplaintStep {
            status: StatusPengaduan::Selesai,
            petugas: "Petugas A".into(),
            tanggapan: "Selesai di tempat.".into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(
        field_of(
            duties::escalate(&t.db, &t.op(), other.id, &up)
                .await
                .unwrap_err()
        ),
        "status",
        "a settled complaint is not escalated"
    );
}

/// The office's own channels: its city's portal (with a ticket) counted
/// apart in the report, not in "lainnya"; a bad list names its cells.
#[tokio::test]
async fn the_offices_channels_are_its_own_and_counted_apart() {
    let t = TestDesk::sqlite().await;
    let bad = vec![
        KanalPengaduan {
            kode: "Portal Kota".into(),
            nama: "Portal".into(),
            nomor_tiket: true,
        },
        KanalPengaduan {
            kode: "telepon".into(),
            nama: String::new(),
            nomor_tiket: false,
        },
    ];
    assert_eq!(
        field_of(
            settings::save_channels(&t.db, &t.as_("admin"), &bad)
                .await
                .unwrap_err()
        ),
        "kanal.0.kode,kanal.1.nama"
    );
    let mut list = settings::default_channels();
    list.push(KanalPengaduan {
        kode: "pro_denpasar".into(),
        nama: "Aplikasi PRO Denpasar+".into(),
        nomor_tiket: true,
    });
    settings::save_channels(&t.db, &t.as_("admin"), &list)
        .await
        .unwrap();
    let act = t.at("Petugas A", at("2026-11-02T10:00"));
    let mut no_ticket = complaint("pro_denpasar", "ringan", "");
    no_ticket.nomor_lapor = String::new();
    assert_eq!(
        field_of(
            register::register(&t.db, &act, &no_ticket)
                .await
                .unwrap_err()
        ),
        "nomor_lapor",
        "the channel gives a ticket: it is kept"
    );
    let row = register::register(&t.db, &act, &complaint("pro_denpasar", "ringan", ""))
        .await
        .unwrap();
    assert_eq!(row.kanal_label, "Aplikasi PRO Denpasar+");
    let r = loket_core::reports::figures::report(
        &t.db,
        &loket_core::reports::period::ReportQuery::triwulan(2026, 4),
        at("2026-12-31T08:00"),
    )
    .await
    .unwrap();
    let line = |name: &str| {
        r.pengaduan
            .per_kanal
            .iter()
            .find(|l| l.nama == name)
            .map(|l| l.diterima)
    };
    assert_eq!(line("Aplikasi PRO Denpasar+"), Some(1));
    assert_eq!(line("Lainnya"), Some(0));
}

/// Two desks answer the same complaint at once, over and over: one answer
/// is kept and sent, the other is refused with nothing queued; and a desk
/// settling it while another escalates leaves it settled (before, on
/// PostgreSQL the later write won and reopened it).
async fn two_desks_on_one_complaint(t: &TestDesk, rounds: u32) {
    mail_on_without_server(t).await;
    let second = loket_core::store::open(&t.url).await.unwrap();
    for round in 1..=rounds {
        let c = register::register(
            &t.db,
            &t.op(),
            &complaint("surel", "ringan", "ayu@example.org"),
        )
        .await
        .unwrap();
        let (a, b) = (t.as_("desk-a"), t.as_("desk-b"));
        let (by_mail, by_letter) = (answer(CaraJawaban::Surel), answer(CaraJawaban::Surat));
        let (first, other) = tokio::join!(
            duties::answer(&t.db, &a, c.id, &by_mail),
            duties::answer(&second, &b, c.id, &by_letter)
        );
        assert_eq!(
            [&first, &other].iter().filter(|r| r.is_err()).count(),
            1,
            "round {round}: one answer is kept: {first:?} / {other:?}"
        );
        let queued = scalar(
            &t.db,
            &format!(
                "select count(*) from outbox where peristiwa = 'jawaban_pengaduan' and isi like '%{}%'",
                c.nomor
            ),
        )
        .await;
        let mailed = first.is_ok();
        assert_eq!(
            queued,
            if mailed { "1" } else { "0" },
            "round {round}: a message only for the kept answer"
        );

        let settle = register::ComplaintStep {
            status: StatusPengaduan::Selesai,
            petugas: "desk-a".into(),
            tanggapan: "Selesai.".into(),
        };
        let up = ComplaintEscalation {
            pejabat: "Kepala Bidang".into(),
            alasan: "Perlu pejabat.".into(),
        };
        let (settled, escalated) = tokio::join!(
            register::step(&t.db, &a, c.id, &settle),
            duties::escalate(&second, &b, c.id, &up)
        );
        let status = scalar(
            &t.db,
            &format!("select status from complaints where id = {}", c.id),
        )
        .await;
        if settled.is_ok() {
            assert_eq!(
                status, "selesai",
                "round {round}: a settled complaint stays settled ({escalated:?})"
            );
        } else {
            assert!(
                escalated.is_ok(),
                "round {round}: {settled:?} / {escalated:?}"
            );
        }
    }
}

#[tokio::test]
async fn two_desks_on_one_complaint_on_sqlite() {
    two_desks_on_one_complaint(&TestDesk::sqlite().await, 4).await;
}

#[tokio::test]
async fn two_desks_on_one_complaint_on_postgresql() {
    two_desks_on_one_complaint(&TestDesk::postgres("complaint_race").await, 8).await;
}

/// An open complaint registered before the answer's clock was kept (its
/// columns empty, as the upgrade leaves them) gets its answer deadline at
/// the first read of the dashboard, and turns late after it.
#[tokio::test]
async fn a_complaint_from_before_the_upgrade_gets_its_answer_deadline() {
    let t = TestDesk::sqlite().await;
    let c = register::register(
        &t.db,
        &t.at("Petugas A", at("2026-11-23T10:00")),
        &complaint("telepon", "normatif", ""),
    )
    .await
    .unwrap();
    sea_orm::ConnectionTrait::execute_unprepared(
        &t.db,
        "update complaints set hari_jawab = null, jawab_tenggat_at = null, hari_eskalasi = null",
    )
    .await
    .unwrap();
    loket_core::dashboard::dashboard(&t.db, &t.key, at("2026-12-01T08:00"))
        .await
        .unwrap();
    let row = register::list(&t.db, at("2026-12-01T08:00"), false, 10)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(row.id, c.id);
    assert_eq!(
        row.hari_jawab, 5,
        "read from the settlement's days (at most 14)"
    );
    assert_eq!(
        row.jawab_tenggat_at,
        Some(at("2026-11-27T11:00")),
        "Monday 23/11 to Friday 27/11, at the Friday closing"
    );
    assert!(row.jawab_terlambat, "not answered by then");
}

/// The answer text rewritten with sqlite3 after it was given is not printed
/// as the office's answer: the audit entry keeps its digest.
#[tokio::test]
async fn an_answer_changed_in_the_database_is_not_printed() {
    let t = TestDesk::sqlite().await;
    t.with_letter_settings().await;
    let act = t.at("Petugas A", at("2026-12-01T10:00"));
    let c = register::register(&t.db, &act, &complaint("surel", "ringan", ""))
        .await
        .unwrap();
    duties::answer(&t.db, &act, c.id, &answer(CaraJawaban::Surat))
        .await
        .unwrap();
    assert!(duties::answer_letter(&t.db, &act, c.id).await.is_ok());
    sea_orm::ConnectionTrait::execute_unprepared(
        &t.db,
        "update complaints set jawaban = 'Pengaduan Anda tidak berdasar.'",
    )
    .await
    .unwrap();
    let e = duties::answer_letter(&t.db, &act, c.id).await.unwrap_err();
    assert!(
        matches!(&e, loket_core::Error::Tampered(m) if m.contains("diubah di luar Loket")),
        "{e:?}"
    );
}
