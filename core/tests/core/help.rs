//! Help with using a certificate: a request is refused field by field with
//! nothing saved, numbered per year, kept at the moment it came in; it is
//! passed to BSrE once and closed once, each step audited; two desks at once
//! keep one step; the report counts the period's requests per topic.

use super::support::*;
use chrono::DateTime;
use loket_core::audit::{self, Verdict};
use loket_core::help::register::{
    self, HelpStep, KanalBantuan, NewHelpRequest, StatusBantuan, TopikBantuan,
};
use loket_core::reports::figures;
use loket_core::reports::period::ReportQuery;

fn at(s: &str) -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("{s}:00+08:00")).unwrap()
}

fn asked(person: i64, topik: TopikBantuan, diterima: &str) -> NewHelpRequest {
    NewHelpRequest {
        applicant_id: person,
        topik: Some(topik),
        kanal: KanalBantuan::Telepon,
        diterima: diterima.into(),
        uraian: "Surel tautan passphrase dari BSrE tidak masuk ke kotak surat.".into(),
    }
}

async fn person(t: &TestDesk) -> i64 {
    let case = t.intake(&budi()).await;
    t.case(case.id).await.applicant_id
}

#[tokio::test]
async fn a_help_request_is_refused_by_field_then_passed_to_bsre_and_closed_once() {
    let t = TestDesk::sqlite().await;
    let who = person(&t).await;
    let act = t.at("Petugas A", at("2026-12-07T10:00"));
    let refused = register::record(
        &t.db,
        &act,
        &NewHelpRequest {
            applicant_id: who,
            topik: None,
            diterima: "08/12/2026 09:00".into(),
            uraian: " ".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap_err();
    let loket_core::Error::Invalid { fields, .. } = refused else {
        panic!("not by field")
    };
    assert_eq!(
        fields.keys().collect::<Vec<_>>(),
        ["diterima", "topik", "uraian"],
        "a moment still to come, no topic and no description are each refused"
    );
    assert_eq!(t.count("help_requests").await, 0, "nothing is saved");

    let r = register::record(
        &t.db,
        &act,
        &asked(who, TopikBantuan::SurelTidakDiterima, "07/12/2026 08:15"),
    )
    .await
    .unwrap();
    assert_eq!(r.nomor, "BANTUAN-2026-0001");
    assert_eq!(
        r.diterima, "07/12/2026 08:15",
        "kept at the moment it came in"
    );
    assert_eq!(r.status, StatusBantuan::Diterima);

    let empty = register::step(
        &t.db,
        &act,
        r.id,
        &HelpStep::Teruskan { rujukan: "".into() },
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(empty), "rujukan");
    let hidden = register::step(
        &t.db,
        &act,
        r.id,
        &HelpStep::Teruskan {
            rujukan: "Tiket\u{202e}123".into(),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(hidden), "rujukan", "a bidi control is refused");
    let forwarded = register::step(
        &t.db,
        &act,
        r.id,
        &HelpStep::Teruskan {
            rujukan: "Tiket layanan BSrE 2026-7781".into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(forwarded.status, StatusBantuan::Diteruskan);
    let again = register::step(
        &t.db,
        &act,
        r.id,
        &HelpStep::Teruskan {
            rujukan: "Tiket lain".into(),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(again), "langkah", "passed to BSrE once");

    let later = t.at("Petugas B", at("2026-12-08T09:00"));
    let no_result = register::step(
        &t.db,
        &later,
        r.id,
        &HelpStep::Selesai { hasil: "\n".into() },
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(no_result), "hasil");
    let closed = register::step(
        &t.db,
        &later,
        r.id,
        &HelpStep::Selesai {
            hasil: "BSrE mengirim ulang tautan; pemohon sudah mengatur passphrase.".into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(closed.status, StatusBantuan::Selesai);
    assert_eq!(closed.selesai.as_deref(), Some("08/12/2026 09:00"));
    let twice = register::step(
        &t.db,
        &later,
        r.id,
        &HelpStep::Selesai {
            hasil: "Lagi.".into(),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(twice), "langkah", "closed once");

    let listed = register::list(&t.db, who, later.now()).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        listed[0].rujukan.as_deref(),
        Some("Tiket layanan BSrE 2026-7781")
    );
    let actions = scalar(
        &t.db,
        "select group_concat(action, ',') from (select action from audit_log where action like 'help.%' order by seq)",
    )
    .await;
    assert_eq!(
        actions, "help.record,help.forward,help.close",
        "each step audited"
    );
    assert!(matches!(
        audit::verify(&t.db, &t.key).await.unwrap(),
        Verdict::Intact { .. }
    ));
}

/// The topic column rewritten in sqlite3 to a value Loket never writes: the
/// list names the record instead of showing something made up.
#[tokio::test]
async fn a_topic_rewritten_in_the_database_is_named_not_shown() {
    let t = TestDesk::sqlite().await;
    let who = person(&t).await;
    register::record(&t.db, &t.op(), &asked(who, TopikBantuan::Aplikasi, ""))
        .await
        .unwrap();
    sea_orm::ConnectionTrait::execute_unprepared(
        &t.db,
        "update help_requests set topik = '<script>'",
    )
    .await
    .unwrap();
    let e = register::list(&t.db, who, now()).await.unwrap_err();
    assert!(e.to_string().contains("topik bantuan"), "{e}");
}

async fn two_desks_on_one_request(t: &TestDesk, rounds: u32) {
    let who = person(t).await;
    let second = loket_core::store::open(&t.url).await.unwrap();
    for round in 1..=rounds {
        let r = register::record(
            &t.db,
            &t.op(),
            &asked(who, TopikBantuan::LupaPassphrase, ""),
        )
        .await
        .unwrap();
        let (a, b) = (t.as_("desk-a"), t.as_("desk-b"));
        let forward = HelpStep::Teruskan {
            rujukan: "Tiket BSrE".into(),
        };
        let close = HelpStep::Selesai {
            hasil: "Dijelaskan cara mengatur ulang passphrase melalui BSrE.".into(),
        };
        let (first, other) = tokio::join!(
            register::step(&t.db, &a, r.id, &forward),
            register::step(&second, &b, r.id, &close)
        );
        let status = scalar(
            &t.db,
            &format!("select status from help_requests where id = {}", r.id),
        )
        .await;
        let audited = scalar(
            &t.db,
            &format!(
                "select count(*) from audit_log where action in ('help.forward', 'help.close') and detail like '%{}%'",
                r.nomor
            ),
        )
        .await;
        match (&first, &other) {
            // Forwarded first, then closed from the forwarded state: both hold.
            (Ok(_), Ok(_)) => {
                assert_eq!(status, "selesai", "round {round}");
                assert_eq!(audited, "2", "round {round}");
            }
            (Err(_), Ok(_)) => {
                assert_eq!(status, "selesai", "round {round}: {first:?}");
                assert_eq!(audited, "1", "round {round}: one step, one entry");
            }
            // Closing read the request before it was forwarded: refused, nothing written.
            (Ok(_), Err(_)) => {
                assert_eq!(status, "diteruskan", "round {round}: {other:?}");
                assert_eq!(audited, "1", "round {round}: one step, one entry");
            }
            (Err(_), Err(_)) => panic!("round {round}: one step is kept: {first:?} / {other:?}"),
        }
    }
}

#[tokio::test]
async fn two_desks_on_one_help_request_on_sqlite() {
    two_desks_on_one_request(&TestDesk::sqlite().await, 4).await;
}

#[tokio::test]
async fn two_desks_on_one_help_request_on_postgresql() {
    two_desks_on_one_request(&TestDesk::postgres("help_race").await, 8).await;
}

#[tokio::test]
async fn the_report_counts_the_periods_help_requests_per_topic() {
    let t = TestDesk::sqlite().await;
    let who = person(&t).await;
    // September: outside the quarter.
    register::record(
        &t.db,
        &t.at("Petugas A", at("2026-09-30T10:00")),
        &asked(who, TopikBantuan::Aplikasi, ""),
    )
    .await
    .unwrap();
    // Closed the day it came in.
    let a = register::record(
        &t.db,
        &t.at("Petugas A", at("2026-10-05T09:00")),
        &asked(who, TopikBantuan::LupaPassphrase, ""),
    )
    .await
    .unwrap();
    register::step(
        &t.db,
        &t.at("Petugas A", at("2026-10-05T15:00")),
        a.id,
        &HelpStep::Selesai {
            hasil: "Diarahkan ke pengaturan ulang passphrase di BSrE.".into(),
        },
    )
    .await
    .unwrap();
    // Passed to BSrE, closed the next day.
    let b = register::record(
        &t.db,
        &t.at("Petugas A", at("2026-11-10T16:00")),
        &asked(who, TopikBantuan::SurelTidakDiterima, ""),
    )
    .await
    .unwrap();
    let b_at = t.at("Petugas A", at("2026-11-10T16:30"));
    let forward = HelpStep::Teruskan {
        rujukan: "Tiket 55".into(),
    };
    register::step(&t.db, &b_at, b.id, &forward).await.unwrap();
    let close = HelpStep::Selesai {
        hasil: "Surel dikirim ulang.".into(),
    };
    let next_day = t.at("Petugas A", at("2026-11-11T08:00"));
    register::step(&t.db, &next_day, b.id, &close)
        .await
        .unwrap();
    // Still open.
    register::record(
        &t.db,
        &t.at("Petugas A", at("2026-12-30T10:00")),
        &asked(who, TopikBantuan::SurelTidakDiterima, ""),
    )
    .await
    .unwrap();

    let q = ReportQuery::triwulan(2026, 4);
    let r = figures::report(&t.db, &q, at("2026-12-31T16:00"))
        .await
        .unwrap();
    let total = &r.bantuan.jumlah;
    assert_eq!(
        (
            total.diterima,
            total.selesai,
            total.selesai_hari_itu,
            total.diteruskan
        ),
        (3, 2, 1, 1)
    );
    let mail = r
        .bantuan
        .per_topik
        .iter()
        .find(|l| l.nama == "Surel dari BSrE tidak diterima")
        .unwrap();
    assert_eq!((mail.diterima, mail.selesai, mail.diteruskan), (2, 1, 1));
    assert_eq!(
        r.bantuan.per_topik.len(),
        5,
        "every topic has its line, even at zero"
    );
}

/// A person anonymised under the retention schedule gets no new help
/// request: its text would outlive the run that cleared theirs.
#[tokio::test]
async fn no_help_request_is_recorded_for_an_anonymised_person() {
    let t = TestDesk::sqlite().await;
    let who = person(&t).await;
    sea_orm::ConnectionTrait::execute_unprepared(
        &t.db,
        &format!("update applicants set nik_index = 'retensi:{who}' where id = {who}"),
    )
    .await
    .unwrap();
    let e = register::record(&t.db, &t.op(), &asked(who, TopikBantuan::Aplikasi, ""))
        .await
        .unwrap_err();
    assert!(e.to_string().contains("dianonimkan"), "{e}");
    assert_eq!(t.count("help_requests").await, 0);
}
