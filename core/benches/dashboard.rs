//! `make bench` (dashboard and reports part): the desk's home screen, its
//! deadline lists and a quarterly report on the search bench's SQLite file
//! (1,000,000 cases), p50/p95, beside the same aggregates run directly in SQL
//! on the file (no ORM). Prints figures; fails nothing. Run after the search
//! bench, which generates the file.
//!
//! The generated cases all arrive on one day and have no history, so the
//! bench shapes them once (a fixture written straight into the tables):
//! arrivals spread over five years (2022-2026, about 50,000 a quarter), ended
//! cases closed one to seven days later, and the cases completed in the
//! fourth quarter of 2026 given a history (received, complete half an hour
//! later, completed) for the report to count their working days from. It
//! then measures the recomputation of every open case's kept deadline (what
//! the first list or dashboard read does after the standard or calendar
//! changes), and gives the cases between berkas lengkap and AMS a due moment
//! spread over 60 days around the bench's "now".
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark stops at the first failure"
)]

use std::path::PathBuf;
use std::time::Instant;

mod common;
use common::{figures, ms};

use loket_core::cases::due;
use loket_core::cases::search::{self, CaseQuery, Kelompok};
use loket_core::dashboard;
use loket_core::reports::figures;
use loket_core::reports::period::ReportQuery;
use loket_core::secrets::{DataKey, Secret};
use loket_core::store;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

const CASES: i64 = 1_000_000;
const RUNS: usize = 300;
/// A quarterly report takes longer: fewer runs.
const REPORT_RUNS: usize = 60;

/// Spreads arrivals over five years, closes ended cases and gives the cases
/// completed in the fourth quarter of 2026 their history (once per file).
async fn shape(db: &DatabaseConnection) {
    if one(db, "select count(*) from case_events").await > 0 {
        return;
    }
    let t = Instant::now();
    let txn = store::begin_write(db).await.unwrap();
    let at = |base: &str, shift: &str| {
        format!("strftime('%Y-%m-%dT%H:%M:%S', {base}, {shift}) || '+08:00'")
    };
    let created = at(
        "'2022-01-03 08:00'",
        "((id * 7919) % 1820) || ' days', ((id * 31) % 420) || ' minutes'",
    );
    txn.execute_unprepared(&format!(
        "update cases set created_at = {created}, updated_at = {created}"
    ))
    .await
    .unwrap();
    let closed = at(
        "substr(created_at, 1, 19)",
        "((id * 13) % 7 + 1) || ' days'",
    );
    txn.execute_unprepared(&format!(
        "update cases set closed_at = {closed} where status in ('selesai', 'ditolak', 'dibatalkan')"
    ))
    .await
    .unwrap();
    let quarter = "status = 'selesai' and closed_at >= '2026-10-01' and closed_at < '2027-01-01'";
    let complete = at("substr(created_at, 1, 19)", "'30 minutes'");
    for (when, from, to) in [
        ("created_at", "null", "'diterima'"),
        (complete.as_str(), "'diterima'", "'berkas_lengkap'"),
        ("closed_at", "'berkas_lengkap'", "'selesai'"),
    ] {
        txn.execute_unprepared(&format!(
            "insert into case_events (case_id, at, actor, from_status, to_status, note) \
             select id, {when}, 'bench', {from}, {to}, '' from cases where {quarter}"
        ))
        .await
        .unwrap();
    }
    txn.commit().await.unwrap();
    db.execute_unprepared("analyze").await.unwrap();
    println!(
        "shaped the file for deadlines and reports in {:.1} s",
        t.elapsed().as_secs_f64()
    );
}

fn key() -> DataKey {
    DataKey::from_master(&Secret::new(vec![11; 32])).unwrap()
}

async fn one(db: &DatabaseConnection, sql: &str) -> i64 {
    db.query_one_raw(Statement::from_string(DbBackend::Sqlite, sql.to_string()))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap()
}

/// The dashboard's counts as plain SQL on the file, `now` as the core sees it.
fn direct_counts(now: &str, tomorrow: &str, today: &str, until: &str) -> Vec<String> {
    vec![
        format!(
            "select count(*) from cases where tenggat_at >= '{now}' and tenggat_at < '{tomorrow}'"
        ),
        format!("select count(*) from cases where tenggat_at < '{now}'"),
        "select count(*) from cases where status in ('berkas_kurang', 'menunggu_pemohon')".into(),
        "select count(*) from cases where status = 'menunggu_bsre'".into(),
        "select count(*) from cases where status = 'diterima'".into(),
        format!(
            "select count(*) from certificates where status = 'aktif' and valid_to >= '{today}' and valid_to <= '{until}'"
        ),
        "select count(*) from kiosk_inbox where status = 'baru'".into(),
    ]
}

#[tokio::main]
async fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-data");
    let db = store::open(&store::sqlite_url(&dir)).await.unwrap();
    assert_eq!(
        one(&db, "select count(*) from cases").await,
        CASES,
        "run the search bench first: it generates the 1,000,000-case file"
    );
    shape(&db).await;
    let now = chrono::DateTime::parse_from_rfc3339("2026-12-01T10:00:00+08:00").unwrap();
    println!(
        "\nDashboard and deadline lists, {CASES} cases, SQLite {} (release build, {RUNS} runs each)",
        store::sqlite_version(&db).await.unwrap()
    );

    // What the first read after a change of standard or calendar does.
    db.execute_unprepared(&format!(
        "delete from settings where key = '{}'",
        due::SETTING_COMPUTED
    ))
    .await
    .unwrap();
    let open = one(
        &db,
        "select count(*) from cases where status not in ('selesai', 'ditolak', 'dibatalkan')",
    )
    .await;
    let t = Instant::now();
    due::ensure_current(&db, &key(), now).await.unwrap();
    println!(
        "recomputing the kept deadline of every open case ({open}): {:.1} s (once per change of standard, hours or calendar)",
        t.elapsed().as_secs_f64()
    );
    db.execute_unprepared(
        "update cases set tenggat_at = strftime('%Y-%m-%dT%H:%M:%S', '2026-12-01 15:45:00', \
         ((id * 7919) % 61 - 30) || ' days') || '+08:00' \
         where status in ('berkas_lengkap', 'rekomendasi_terbit', 'diajukan_ams')",
    )
    .await
    .unwrap();
    let running = one(
        &db,
        "select count(*) from cases where tenggat_at is not null",
    )
    .await;
    println!("cases with a running clock (fixture): {running}");

    let mut core = Vec::with_capacity(RUNS);
    let mut direct = Vec::with_capacity(RUNS);
    let sqls = direct_counts(
        "2026-12-01T10:00:00+08:00",
        "2026-12-02T00:00:00+08:00",
        "2026-12-01",
        "2026-12-31",
    );
    let mut last = None;
    for _ in 0..RUNS {
        let t = Instant::now();
        let d = dashboard::dashboard(&db, &key(), now).await.unwrap();
        core.push(t.elapsed());
        let t = Instant::now();
        let mut counts = Vec::new();
        for q in &sqls {
            counts.push(one(&db, q).await);
        }
        direct.push(t.elapsed());
        assert_eq!(
            (
                d.jatuh_tempo_hari_ini as i64,
                d.terlambat as i64,
                d.menunggu_pemohon as i64,
                d.baru as i64
            ),
            (counts[0], counts[1], counts[2], counts[4]),
            "the core and the direct SQL must count the same"
        );
        last = Some(d);
    }
    let d = last.unwrap();
    println!(
        "counts: due today {}, overdue {}, waiting on applicant {}, waiting on BSrE {}, new {}",
        d.jatuh_tempo_hari_ini, d.terlambat, d.menunggu_pemohon, d.menunggu_bsre, d.baru
    );
    println!(
        "what                            | core p50 ms | core p95 ms | direct SQL p50 ms | direct SQL p95 ms"
    );
    let (c, s) = (figures(core), figures(direct));
    println!(
        "dashboard (7 counts)            | {:>11} | {:>11} | {:>17} | {:>17}",
        ms(c.p50),
        ms(c.p95),
        ms(s.p50),
        ms(s.p95)
    );

    // A 25-row page of overdue cases, soonest first, with the working days
    // left computed for each row; and the due dates of a page alone.
    let key = key();
    let mut core = Vec::with_capacity(RUNS);
    let mut direct = Vec::with_capacity(RUNS);
    let mut rows_due = Vec::with_capacity(RUNS);
    for i in 0..RUNS {
        let q = CaseQuery {
            kelompok: Some(Kelompok::Terlambat),
            page: (i % 20) as u32,
            per_page: 25,
            ..Default::default()
        };
        let t = Instant::now();
        let mut page = search::list_cases(&db, &key, &q, now).await.unwrap();
        core.push(t.elapsed());
        let t = Instant::now();
        let rows = db
            .query_all_raw(Statement::from_string(
                DbBackend::Sqlite,
                format!(
                    "select c.id, c.nomor, c.layanan, c.status, c.kanal, c.created_at, c.tenggat_at, a.nama, \
                     a.nik_masked, a.nip, a.instansi, a.unit_kerja from cases c join applicants a on a.id = c.applicant_id \
                     where c.tenggat_at < '2026-12-01T10:00:00+08:00' order by c.tenggat_at asc nulls last, c.id asc \
                     limit 25 offset {}",
                    (i % 20) * 25
                ),
            ))
            .await
            .unwrap();
        let _n = one(
            &db,
            "select count(*) from (select c.id from cases c join applicants a on a.id = c.applicant_id \
             where c.tenggat_at < '2026-12-01T10:00:00+08:00' limit 1001)",
        )
        .await;
        direct.push(t.elapsed());
        assert_eq!(rows.len(), page.items.len());
        for r in &mut page.items {
            r.sisa_hari_kerja = None;
        }
        let t = Instant::now();
        due::days_left(&db, &mut page.items, now).await.unwrap();
        rows_due.push(t.elapsed());
        assert!(
            page.items
                .iter()
                .all(|r| r.sisa_hari_kerja.is_some_and(|n| n < 0))
        );
    }
    let (c, s, r) = (figures(core), figures(direct), figures(rows_due));
    println!(
        "overdue list page (25 rows)     | {:>11} | {:>11} | {:>17} | {:>17}",
        ms(c.p50),
        ms(c.p95),
        ms(s.p50),
        ms(s.p95)
    );
    println!(
        "due dates of a 25-row page      | {:>11} | {:>11} | {:>17} | {:>17}",
        ms(r.p50),
        ms(r.p95),
        "-",
        "-"
    );

    // The fourth quarter of 2026, all services, beside its aggregates in SQL
    // (the working days of each completed case come from its history, which
    // has no SQL equivalent: the direct column leaves them out).
    let q = ReportQuery::triwulan(2026, 4);
    let inq = |col: &str| {
        format!("{col} >= '2026-10-01T00:00:00+08:00' and {col} < '2027-01-01T00:00:00+08:00'")
    };
    let aggregates = [
        format!(
            "select layanan, count(*) from cases where {} group by layanan",
            inq("created_at")
        ),
        format!(
            "select layanan, status, count(*) from cases where {} group by layanan, status",
            inq("closed_at")
        ),
        "select layanan, count(*) from cases where created_at < '2027-01-01T00:00:00+08:00' \
         and (closed_at is null or closed_at >= '2027-01-01T00:00:00+08:00') group by layanan"
            .to_string(),
        format!(
            "select a.instansi, count(*) from cases c join applicants a on a.id = c.applicant_id \
             where {} group by a.instansi",
            inq("c.created_at")
        ),
        format!(
            "select a.unit_kerja, count(*) from cases c join applicants a on a.id = c.applicant_id \
             where {} group by a.unit_kerja",
            inq("c.created_at")
        ),
        format!(
            "select reason_code, count(*) from cases where status = 'ditolak' and {} group by reason_code",
            inq("closed_at")
        ),
    ];
    let mut core = Vec::with_capacity(REPORT_RUNS);
    let mut direct = Vec::with_capacity(REPORT_RUNS);
    let mut last = None;
    for _ in 0..REPORT_RUNS {
        let t = Instant::now();
        last = Some(figures::report(&db, &q, now).await.unwrap());
        core.push(t.elapsed());
        let t = Instant::now();
        for sql in &aggregates {
            db.query_all_raw(Statement::from_string(DbBackend::Sqlite, sql.clone()))
                .await
                .unwrap();
        }
        direct.push(t.elapsed());
    }
    let r = last.unwrap();
    let total = r.layanan.last().unwrap();
    println!(
        "quarter IV 2026: received {}, completed {} ({} rated from their history, {:?} % on time, median {:?} working days), backlog {}",
        total.diterima,
        total.selesai,
        total.dinilai,
        total.persen_tepat,
        total.median_hari,
        total.tunggakan
    );
    let (c, s) = (figures(core), figures(direct));
    println!(
        "quarterly report, all services   | {:>11} | {:>11} | {:>17} | {:>17}",
        ms(c.p50),
        ms(c.p95),
        ms(s.p50),
        ms(s.p95)
    );
    println!(
        "targets: dashboard p95 < 50 ms; due dates of a 25-row page p95 < 5 ms; quarterly report p95 < 500 ms"
    );
    // Leave the file as the search bench expects it.
    db.execute_unprepared("update cases set tenggat_at = null where tenggat_at is not null")
        .await
        .unwrap();
}
