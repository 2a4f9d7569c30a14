//! Letter numbers from two processes at once, on SQLite and on PostgreSQL:
//! distinct, consecutive, no gap; one draft numbered at two desks at once
//! numbered once.

use loket_core::audit::{self, Verdict};
use loket_core::letters::register::{self, LetterQuery};
use loket_core::lifecycle::flow::Action;
use loket_core::office::kinds::{Jenis, LetterStatus};
use loket_core::{Acting, Actor, store};

use super::support::*;

/// The test the parent starts in each child process (its full name).
const CHILD: &str = "numbering::child_process_issues_letters";

/// Child of `issue_from_two_processes`: issues the letters named in
/// `LOKET_CHILD_LETTERS` on the database `LOKET_CHILD_DB`.
#[tokio::test]
#[ignore = "run by issue_from_two_processes as a child process"]
async fn child_process_issues_letters() {
    let url = std::env::var("LOKET_CHILD_DB").expect("started by the parent test");
    let ids = std::env::var("LOKET_CHILD_LETTERS").expect("started by the parent test");
    let db = store::open(&url).await.unwrap();
    let key = key();
    let me = Actor::named(format!("desk-{}", std::process::id()));
    for id in ids.split(',') {
        let act = Acting::new(&key, me.clone(), chrono::Utc::now().fixed_offset());
        register::issue(&db, &act, id.parse().unwrap())
            .await
            .unwrap();
    }
}

/// The register's serial numbers (the second part of each number), in order.
fn serials(register: &[register::LetterRow]) -> Vec<u32> {
    let mut serials: Vec<u32> = register
        .iter()
        .map(|r| {
            let nomor = r
                .nomor
                .as_deref()
                .expect("a numbered letter has its number");
            let serial = nomor
                .split('/')
                .nth(1)
                .expect("the number's pattern has a serial");
            serial.parse().expect("the serial is a number")
        })
        .collect();
    serials.sort_unstable();
    serials
}

/// Drafts `n` rejection notices, then two child processes number them at once.
async fn issue_from_two_processes(t: &TestDesk, n: usize) {
    t.with_letter_settings().await;
    let mut ids = vec![];
    for i in 0..n {
        let c = t.intake(&pegawai(i as u32 + 1, "Pegawai")).await.id;
        t.walk(c, &[Action::Tolak]).await;
        ids.push(t.draft(Jenis::Penolakan, vec![c]).await.to_string());
    }
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = [0, 1]
        .map(|k| {
            let mine: Vec<_> = ids.iter().skip(k).step_by(2).cloned().collect();
            std::process::Command::new(&exe)
                .args(["--ignored", "--exact", CHILD, "--nocapture"])
                .env("LOKET_CHILD_DB", &t.url)
                .env("LOKET_CHILD_LETTERS", mine.join(","))
                .spawn()
                .unwrap()
        })
        .into_iter()
        .collect();
    for mut c in children {
        assert!(
            c.wait().unwrap().success(),
            "a child process failed to issue"
        );
    }
    let register = register::list(&t.db, &LetterQuery::default())
        .await
        .unwrap();
    assert_eq!(register.len(), n, "the children found every letter");
    let serials = serials(&register);
    let want: Vec<u32> = (1..=n as u32).collect();
    assert_eq!(
        serials, want,
        "numbers are distinct and consecutive, no gap"
    );
    assert!(
        register.iter().all(|r| r.status == LetterStatus::Terbit),
        "every letter the two processes numbered is issued"
    );
    assert!(
        matches!(
            audit::verify(&t.db, &t.key).await.unwrap(),
            Verdict::Intact { .. }
        ),
        "the audit chain both processes wrote to still verifies"
    );
}

#[tokio::test]
async fn two_processes_issue_distinct_consecutive_numbers_on_sqlite() {
    issue_from_two_processes(&TestDesk::sqlite().await, 24).await;
}

#[tokio::test]
async fn two_processes_issue_distinct_consecutive_numbers_on_postgresql() {
    issue_from_two_processes(&TestDesk::postgres("letters").await, 24).await;
}

/// Two desks number the same draft at once, over and over: one of them
/// numbers it, the other is refused, and the register has no gap (before,
/// on PostgreSQL the second overwrote the first's number, which was lost).
async fn the_same_draft_numbered_at_two_desks(t: &TestDesk, rounds: u32) {
    t.with_letter_settings().await;
    let second = store::open(&t.url).await.unwrap();
    for round in 1..=rounds {
        let c = t.intake(&pegawai(round, "Pegawai")).await.id;
        t.walk(c, &[Action::Tolak]).await;
        let id = t.draft(Jenis::Penolakan, vec![c]).await;
        let (a, b) = (t.as_("desk-a"), t.as_("desk-b"));
        let (first, other) = tokio::join!(
            register::issue(&t.db, &a, id),
            register::issue(&second, &b, id)
        );
        let refused: Vec<_> = [&first, &other]
            .into_iter()
            .filter(|r| r.is_err())
            .collect();
        assert_eq!(
            refused.len(),
            1,
            "round {round}: one desk numbers the draft and the other is refused: {first:?} / {other:?}"
        );
        let e = refused[0].as_ref().unwrap_err();
        assert!(
            matches!(e, loket_core::Error::Invalid { fields, .. } if fields.contains_key("letter")),
            "round {round}: the refusal says the letter is no draft any more: {e:?}"
        );
    }
    let register = register::list(&t.db, &LetterQuery::default())
        .await
        .unwrap();
    assert_eq!(
        serials(&register),
        (1..=rounds).collect::<Vec<_>>(),
        "every number given is on a letter: no gap, none twice"
    );
}

#[tokio::test]
async fn the_same_draft_numbered_at_two_desks_on_sqlite() {
    the_same_draft_numbered_at_two_desks(&TestDesk::sqlite().await, 6).await;
}

#[tokio::test]
async fn the_same_draft_numbered_at_two_desks_on_postgresql() {
    the_same_draft_numbered_at_two_desks(&TestDesk::postgres("same_draft").await, 6).await;
}
