//! The search box, filters, the queue and paging.

use super::support::*;
use chrono::DateTime;
use loket_core::cases::search;
use loket_core::cases::search::CaseQuery;
use loket_core::cases::search::SearchKind;
use loket_core::lifecycle::flow::Action;
use loket_core::lifecycle::vocabulary::Layanan;
use loket_core::lifecycle::vocabulary::Status;
use sea_orm::ConnectionTrait;

#[tokio::test]
async fn search_finds_by_name_prefix_nik_and_nip() {
    let t = TestDesk::sqlite().await;
    let db = t.db.clone();
    open_penerbitan(&db, &t.op(), &budi()).await.unwrap();
    open_penerbitan(&db, &t.op(), &ayu()).await.unwrap();
    let find = |q: &str| CaseQuery {
        q: q.into(),
        page: 0,
        per_page: 20,
        ..Default::default()
    };

    let all = search::list_cases(&db, &key(), &find(""), now())
        .await
        .unwrap();
    assert_eq!(
        (all.total, all.kind),
        (2, SearchKind::Semua),
        "an empty search lists every case"
    );
    assert_eq!(all.items[0].nama, "Ni Luh Ayu", "newest first");

    let by_name = search::list_cases(&db, &key(), &find("i made"), now())
        .await
        .unwrap();
    assert_eq!(
        by_name.kind,
        SearchKind::Nama,
        "letters are searched as a name"
    );
    assert_eq!(
        by_name
            .items
            .iter()
            .map(|r| r.nama.as_str())
            .collect::<Vec<_>>(),
        ["I Made Budi Santoso"],
        "the name prefix finds only Budi"
    );
    assert_eq!(
        search::list_cases(&db, &key(), &find("NI L"), now())
            .await
            .unwrap()
            .total,
        1,
        "case-insensitive"
    );
    assert_eq!(
        search::list_cases(&db, &key(), &find("made"), now())
            .await
            .unwrap()
            .total,
        0,
        "prefix, not substring"
    );

    let by_nik = search::list_cases(&db, &key(), &find("5171.0110.1167.0001"), now())
        .await
        .unwrap();
    assert_eq!(
        by_nik.kind,
        SearchKind::Nik,
        "a typed NIK is searched as a NIK, dots and all"
    );
    assert_eq!(by_nik.items.len(), 1, "the NIK finds its one person");
    assert_eq!(
        by_nik.items[0].nik_masked, "************0001",
        "a NIK search still shows only the last four digits"
    );
    assert_eq!(
        search::list_cases(&db, &key(), &find("5171011011670009"), now())
            .await
            .unwrap()
            .total,
        0,
        "a NIK nobody has finds nothing"
    );

    let by_nip = search::list_cases(&db, &key(), &find("19950312 202012 2 001"), now())
        .await
        .unwrap();
    assert_eq!(
        (by_nip.kind, by_nip.items[0].nama.as_str()),
        (SearchKind::Nip, "Ni Luh Ayu"),
        "a typed NIP, spaces and all, finds its person"
    );
}

#[tokio::test]
async fn lists_page_through_results() {
    let t = TestDesk::sqlite().await;
    let db = t.db.clone();
    for i in 0..5u32 {
        let mut n = budi();
        n.applicant.nama = format!("Pemohon {}", ["A", "B", "C", "D", "E"][i as usize]);
        n.applicant.nik = format!("51710110116700{:02}", i + 10);
        n.applicant.nik_ulang = n.applicant.nik.clone();
        open_penerbitan(&db, &t.op(), &n).await.unwrap();
    }
    let page = |p| CaseQuery {
        q: String::new(),
        page: p,
        per_page: 2,
        ..Default::default()
    };
    let p0 = search::list_cases(&db, &key(), &page(0), now())
        .await
        .unwrap();
    let p2 = search::list_cases(&db, &key(), &page(2), now())
        .await
        .unwrap();
    assert_eq!(
        p0.total, 5,
        "the total counts every case, not only the page"
    );
    assert_eq!(
        p0.items.iter().map(|r| r.nama.as_str()).collect::<Vec<_>>(),
        ["Pemohon E", "Pemohon D"],
        "the first page holds the two newest cases"
    );
    assert_eq!(
        p2.items.iter().map(|r| r.nama.as_str()).collect::<Vec<_>>(),
        ["Pemohon A"],
        "the last page holds what is left"
    );
}

#[tokio::test]
async fn lists_filter_by_status_and_service() {
    let t = TestDesk::sqlite().await;
    let db = t.db.clone();
    t.issued().await;
    open_penerbitan(&db, &t.op(), &ayu()).await.unwrap();
    let q = |status, layanan| CaseQuery {
        status,
        layanan,
        per_page: 20,
        ..Default::default()
    };
    let done = search::list_cases(&db, &key(), &q(Some(Status::Selesai), None), now())
        .await
        .unwrap();
    assert_eq!(
        done.items
            .iter()
            .map(|r| r.nama.as_str())
            .collect::<Vec<_>>(),
        ["I Made Budi Santoso"],
        "the finished filter lists only the finished case"
    );
    let fresh = search::list_cases(
        &db,
        &key(),
        &q(Some(Status::Diterima), Some(Layanan::Penerbitan)),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(
        fresh
            .items
            .iter()
            .map(|r| r.nama.as_str())
            .collect::<Vec<_>>(),
        ["Ni Luh Ayu"],
        "status and service filters together list only the new issuance"
    );
    assert_eq!(
        search::list_cases(&db, &key(), &q(None, Some(Layanan::Pencabutan)), now())
            .await
            .unwrap()
            .total,
        0,
        "no revocation case is listed under revocations"
    );
}

#[tokio::test]
async fn lists_count_up_to_the_cap_and_say_there_are_more() {
    let t = TestDesk::sqlite().await;
    let db = t.db.clone();
    let row = open_penerbitan(&db, &t.op(), &budi()).await.unwrap();
    // Bulk copies of the one case, straight into the table: a fixture, not intake.
    db.execute_unprepared(&format!(
        "with recursive n(i) as (select 1 union all select i + 1 from n where i < 1100) \
         insert into cases (nomor, applicant_id, layanan, status, kanal, created_by, created_at, updated_at) \
         select 'X-' || i, applicant_id, layanan, status, kanal, created_by, created_at, updated_at \
         from n, cases where cases.id = {}",
        row.id
    ))
    .await
    .unwrap();
    let page = search::list_cases(
        &db,
        &key(),
        &CaseQuery {
            per_page: 25,
            ..Default::default()
        },
        now(),
    )
    .await
    .unwrap();
    assert_eq!(
        (page.total, page.total_capped),
        (search::COUNT_CAP, true),
        "a count past the cap stops at the cap and says there are more"
    );
    assert_eq!(page.items.len(), 25, "the page holds its 25 cases");
    let one = search::list_cases(
        &db,
        &key(),
        &CaseQuery {
            q: "196711101992031001".into(),
            per_page: 25,
            ..Default::default()
        },
        now(),
    )
    .await
    .unwrap();
    assert!(
        one.total_capped,
        "the same person's 1101 cases are also more than the cap"
    );
    let none = search::list_cases(
        &db,
        &key(),
        &CaseQuery {
            q: "zzz".into(),
            per_page: 25,
            ..Default::default()
        },
        now(),
    )
    .await
    .unwrap();
    assert_eq!(
        (none.total, none.total_capped),
        (0, false),
        "a search that finds nothing says zero, not more"
    );
}

#[tokio::test]
async fn lists_filter_by_organisation_and_day_and_show_the_desk_queue() {
    let t = TestDesk::sqlite().await;
    let db = t.db.clone();
    let first = open_penerbitan(&db, &t.op(), &budi()).await.unwrap();
    let mut other = ayu();
    other.applicant.instansi = "Badan Kepegawaian".into();
    let later = DateTime::parse_from_rfc3339("2026-11-24T08:00:00+08:00").unwrap();
    let second = open_penerbitan(&db, &t.at("op", later), &other)
        .await
        .unwrap();
    let tz = now();
    let q = |f: &dyn Fn(&mut CaseQuery)| {
        let mut q = CaseQuery {
            per_page: 20,
            ..Default::default()
        };
        f(&mut q);
        q
    };
    let names = |p: search::CasePage| p.items.into_iter().map(|r| r.nama).collect::<Vec<_>>();

    let orgs = search::organisations(&db).await.unwrap();
    assert_eq!(
        orgs.instansi,
        ["Badan Kepegawaian", "Dinas Kominfo dan Statistik"],
        "the agency filter offers each agency once, in order"
    );
    let by_org = search::list_cases(
        &db,
        &key(),
        &q(&|q| q.instansi = "Badan Kepegawaian".into()),
        tz,
    )
    .await
    .unwrap();
    assert_eq!(
        names(by_org),
        ["Ni Luh Ayu"],
        "the agency filter lists only that agency's case"
    );

    let on_22 = q(&|q| {
        q.from = "2026-11-22".into();
        q.to = "2026-11-22".into();
    });
    assert_eq!(
        names(search::list_cases(&db, &key(), &on_22, tz).await.unwrap()),
        ["I Made Budi Santoso"],
        "a day's filter lists only the cases received that day"
    );
    let from_23 = q(&|q| q.from = "2026-11-23".into());
    assert_eq!(
        names(search::list_cases(&db, &key(), &from_23, tz).await.unwrap()),
        ["Ni Luh Ayu"],
        "a from-date lists the cases received since"
    );
    // Typed as the screens accept it (dashes too), or refused at its field.
    let dashed = q(&|q| q.from = "23-11-2026".into());
    assert_eq!(
        names(search::list_cases(&db, &key(), &dashed, tz).await.unwrap()),
        ["Ni Luh Ayu"],
        "a date typed with dashes is read the same"
    );
    let bad = search::list_cases(&db, &key(), &q(&|q| q.from = "31-02-2026".into()), tz)
        .await
        .unwrap_err();
    assert_eq!(
        field_of(bad),
        "from",
        "a date that is no day is refused at its field"
    );

    // The queue holds what waits on the desk, oldest first; a case waiting on
    // the applicant's missing documents leaves it.
    let queue = q(&|q| q.antrian = true);
    assert_eq!(
        names(search::list_cases(&db, &key(), &queue, tz).await.unwrap()),
        ["I Made Budi Santoso", "Ni Luh Ayu"],
        "the queue holds both cases waiting on the desk, oldest first"
    );
    t.walk(second.id, &[Action::BerkasKurang]).await;
    assert_eq!(
        names(search::list_cases(&db, &key(), &queue, tz).await.unwrap()),
        ["I Made Budi Santoso"],
        "a case waiting on the applicant's documents leaves the queue"
    );
    assert!(first.id < second.id, "the queue is oldest first");
}
