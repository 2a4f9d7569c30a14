//! `make bench` (import part): a 50,000-row CSV of staff (each row a new
//! person) imported into a new SQLite database: reading the file, the dry
//! run, and the import in audited batches, as rows per second; beside it, the
//! same rows written with plain SQL INSERTs in one transaction (no checks, no
//! encryption, no audit: what the database alone takes). Prints figures;
//! fails nothing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark stops at the first failure"
)]

use std::time::Instant;

use loket_core::audit::{Acting, Actor};
use loket_core::import::{run, sheet};
use loket_core::secrets::{DataKey, Secret};
use loket_core::stopping::BatchStop;
use loket_core::store;
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};

const ROWS: u32 = 50_000;

fn name(mut i: u32) -> String {
    let mut s = String::new();
    loop {
        s.push((b'a' + (i % 26) as u8) as char);
        i /= 26;
        if i == 0 {
            return s;
        }
    }
}

/// The file: unique NIKs (a birth date per 9,000 serials), no NIP.
fn csv() -> Vec<u8> {
    let mut s = String::from("Nama,NIK,Email,HP,Jabatan,Unit Kerja,Instansi\n");
    for i in 0..ROWS {
        s.push_str(&format!(
            "Pegawai {},517101{:02}0190{:04},p{i}@denpasarkota.go.id,0812{i:08},Staf,Bidang {},Dinas {}\n",
            name(i),
            1 + i / 9000,
            1 + i % 9000,
            i % 7,
            i % 40,
        ));
    }
    s.into_bytes()
}

fn rate(t: Instant) -> String {
    let s = t.elapsed().as_secs_f64();
    format!("{s:>6.2} s  {:>8.0} baris/s", f64::from(ROWS) / s)
}

#[tokio::main]
async fn main() {
    loket_core::confined::use_program(env!("CARGO_BIN_EXE_loket-periksa").into(), vec![]);
    let bytes = csv();
    let dir = tempfile::tempdir().unwrap();
    let db = store::open(&store::sqlite_url(dir.path())).await.unwrap();
    let key = DataKey::from_master(&Secret::new(vec![7; 32])).unwrap();
    let now = chrono::DateTime::parse_from_rfc3339("2026-12-01T09:00:00+08:00").unwrap();
    let act = Acting::new(&key, Actor::named("bench"), now);
    println!(
        "Impor {ROWS} baris CSV ({:.1} MB) ke SQLite baru (build rilis):",
        bytes.len() as f64 / 1e6
    );

    let t = Instant::now();
    let s = sheet::read_here("pegawai.csv", &bytes).unwrap();
    assert_eq!(s.rows.len(), ROWS as usize);
    println!("  membaca berkas            {}", rate(t));
    let t = Instant::now();
    let s = sheet::read("pegawai.csv", &bytes).await.unwrap();
    assert_eq!(s.rows.len(), ROWS as usize);
    println!("  membaca di pembaca terkurung {}", rate(t));
    let map = run::preview(&db, "pegawai.csv", &bytes)
        .await
        .unwrap()
        .pemetaan;

    let t = Instant::now();
    let dry = run::dry_run(
        &db,
        &key,
        now.date_naive(),
        "pegawai.csv",
        &bytes,
        &map,
        |_| {},
    )
    .await
    .unwrap();
    assert_eq!(dry.orang_baru, ROWS);
    println!("  uji coba (semua diperiksa) {}", rate(t));

    let t = Instant::now();
    let out = run::run(
        &db,
        &act,
        "pegawai.csv",
        &bytes,
        &map,
        &BatchStop::default(),
        |_| {},
    )
    .await
    .unwrap();
    assert_eq!(out.laporan.orang_baru, ROWS);
    println!("  impor (batch 500, audit)   {}", rate(t));

    let t = Instant::now();
    let again = run::run(
        &db,
        &act,
        "pegawai.csv",
        &bytes,
        &map,
        &BatchStop::default(),
        |_| {},
    )
    .await
    .unwrap();
    assert_eq!(again.laporan.sudah_ada, ROWS);
    println!("  impor ulang (semua sudah ada) {}", rate(t));

    // Reference: the same rows as plain INSERTs, one transaction.
    db.execute_unprepared(
        "CREATE TABLE plain (nama TEXT, nik TEXT UNIQUE, email TEXT, hp TEXT, jabatan TEXT, unit TEXT, instansi TEXT)",
    )
    .await
    .unwrap();
    let t = Instant::now();
    let txn = db.begin().await.unwrap();
    for row in &s.rows {
        let v: Vec<sea_orm::Value> = (0..7).map(|i| row.cell(i).shown().into()).collect();
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "INSERT INTO plain VALUES (?, ?, ?, ?, ?, ?, ?)",
            v,
        ))
        .await
        .unwrap();
    }
    txn.commit().await.unwrap();
    println!("  rujukan: INSERT SQL polos {}", rate(t));
}
