//! `make bench` (search part): the core's case search on a SQLite file with
//! 1,000,000 cases and 300,000 applicants, p50/p95 per search kind, beside the
//! same SQL run directly on the file (no ORM). Prints figures; fails nothing.
//!
//! The data set is generated once into `target/bench-data/` (about a minute)
//! and reused; it is a fixture written straight into the tables, not intake.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark stops at the first failure"
)]

use std::path::PathBuf;
use std::time::Instant;

mod common;
use common::{figures, ms};

use loket_core::applicants::identity as applicants;
use loket_core::cases::search::{self, CaseQuery};
use loket_core::lifecycle::vocabulary::Status;
use loket_core::secrets::{DataKey, Secret};
use loket_core::store;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, Value};

const APPLICANTS: i64 = 300_000;
const CASES: i64 = 1_000_000;
const RUNS: usize = 300;

const DEPAN: [&str; 12] = [
    "I Made",
    "I Wayan",
    "I Nyoman",
    "I Ketut",
    "Ni Luh",
    "Ni Made",
    "Ni Kadek",
    "Ni Komang",
    "Gusti Ayu",
    "Anak Agung",
    "Putu",
    "Kadek",
];
const TENGAH: [&str; 16] = [
    "Budi", "Ayu", "Sari", "Agus", "Dewi", "Eka", "Indra", "Yudi", "Rai", "Arya", "Citra",
    "Dharma", "Gede", "Krisna", "Wira", "Surya",
];
const BELAKANG: [&str; 16] = [
    "Santoso", "Pratama", "Wijaya", "Saputra", "Lestari", "Utami", "Permana", "Astawa", "Suardana",
    "Wirawan", "Mahendra", "Putri", "Darmawan", "Kusuma", "Adnyana", "Sudarma",
];
const LAYANAN: [&str; 4] = ["penerbitan", "pembaruan", "perubahan_data", "pencabutan"];

fn nama(i: i64) -> String {
    let i = i as usize;
    format!(
        "{} {} {}",
        DEPAN[i % 12],
        TENGAH[(i / 12) % 16],
        BELAKANG[(i / 192) % 16]
    )
}
fn nik_unique(i: i64) -> String {
    // 16 digits, unique per applicant: region + a 12-digit running number.
    format!("5171{i:012}")
}
fn nip(i: i64) -> String {
    // 18 digits, unique per applicant.
    format!("198001012005{i:06}")
}

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-data")
}

fn key() -> DataKey {
    DataKey::from_master(&Secret::new(vec![11; 32])).unwrap()
}

async fn count(db: &DatabaseConnection, table: &str) -> i64 {
    db.query_one_raw(Statement::from_string(
        DbBackend::Sqlite,
        format!("select count(*) from {table}"),
    ))
    .await
    .unwrap()
    .unwrap()
    .try_get_by_index::<i64>(0)
    .unwrap()
}

async fn generate(db: &DatabaseConnection) {
    let started = Instant::now();
    let key = key();
    let mut rng = StdRng::seed_from_u64(42);
    let at = "2026-01-05T09:00:00+08:00";
    db.execute_unprepared("delete from cases; delete from applicants;")
        .await
        .unwrap();
    let txn = store::begin_write(db).await.unwrap();
    for chunk in (0..APPLICANTS).collect::<Vec<_>>().chunks(1000) {
        let mut sql = String::from(
            "insert into applicants (id, nama, nama_cari, nik_cipher, nik_index, nik_masked, nip, email, \
             telepon, jabatan, unit_kerja, instansi, created_at, updated_at) values ",
        );
        for (n, &i) in chunk.iter().enumerate() {
            let digits = nik_unique(i);
            let index = key.blind_index("nik", &digits);
            let cipher = key.encrypt(
                &mut rng,
                digits.as_bytes(),
                &format!("loket/applicants/nik/v1/{index}"),
            );
            let name = format!("{} {i}", nama(i));
            if n > 0 {
                sql.push(',');
            }
            sql.push_str(&format!(
                "({id}, '{name}', '{cari}', X'{cipher}', '{index}', '{masked}', '{nip}', 'p{i}@denpasarkota.go.id', \
                 '0812{i:08}', 'Analis', 'Bidang {unit}', 'Dinas {inst}', '{at}', '{at}')",
                id = i + 1,
                cari = applicants::search_name(&name),
                cipher = loket_core::secrets::hex(&cipher),
                masked = applicants::mask_nik(&digits),
                nip = nip(i),
                unit = i % 40,
                inst = i % 60,
            ));
        }
        txn.execute_unprepared(&sql).await.unwrap();
    }
    for chunk in (0..CASES).collect::<Vec<_>>().chunks(2000) {
        let mut sql = String::from(
            "insert into cases (id, nomor, applicant_id, layanan, status, kanal, created_by, created_at, updated_at) values ",
        );
        for (n, &i) in chunk.iter().enumerate() {
            if n > 0 {
                sql.push(',');
            }
            sql.push_str(&format!(
                "({id}, 'REG-2026-{id:07}', {a}, '{l}', '{s}', 'loket', 'bench', '{at}', '{at}')",
                id = i + 1,
                a = 1 + rng.gen_range(0..APPLICANTS),
                l = LAYANAN[rng.gen_range(0..4)],
                s = Status::ALL[rng.gen_range(0..10)].as_str(),
            ));
        }
        txn.execute_unprepared(&sql).await.unwrap();
    }
    // Each case keeps its applicant's instansi and unit kerja, as intake does.
    txn.execute_unprepared(
        "update cases set instansi = a.instansi, unit_kerja = a.unit_kerja \
         from applicants a where a.id = cases.applicant_id",
    )
    .await
    .unwrap();
    txn.commit().await.unwrap();
    db.execute_unprepared("analyze").await.unwrap();
    println!(
        "generated {APPLICANTS} applicants and {CASES} cases in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// The same query the core builds for each kind, as plain SQL: the page, and
/// the count capped like the core's.
fn direct_sql(kind: &str) -> (String, String) {
    let (filter, order) = match kind {
        "nama" => (
            "a.nama_cari >= ?1 and a.nama_cari < ?2",
            "a.nama_cari, c.id desc",
        ),
        "nik" => ("a.nik_index = ?1", "c.id desc"),
        "nip" => ("a.nip = ?1", "c.id desc"),
        _ => ("c.status = ?1", "c.id desc"),
    };
    let from = "from cases c join applicants a on a.id = c.applicant_id";
    (
        format!(
            "select c.id, c.nomor, c.layanan, c.status, c.kanal, c.created_at, a.nama, a.nik_masked, \
             a.nip, a.instansi, a.unit_kerja {from} where {filter} order by {order} limit 25"
        ),
        format!("select count(*) from (select c.id {from} where {filter} limit 1001)"),
    )
}

#[tokio::main]
async fn main() {
    let dir = data_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let db = store::open(&store::sqlite_url(&dir)).await.unwrap();
    if count(&db, "cases").await != CASES || count(&db, "applicants").await != APPLICANTS {
        generate(&db).await;
    }
    let key = key();
    let mut rng = StdRng::seed_from_u64(7);
    println!(
        "\nCase search, {CASES} cases / {APPLICANTS} applicants, SQLite {} (release build, {RUNS} queries each, 25 rows a page)",
        store::sqlite_version(&db).await.unwrap()
    );
    println!("kind    | core p50 ms | core p95 ms | direct SQL p50 ms | direct SQL p95 ms");
    for kind in ["nama", "nik", "nip", "status"] {
        let mut core = Vec::with_capacity(RUNS);
        let mut direct = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let i = rng.gen_range(0..APPLICANTS);
            let (q, status, params): (String, Option<Status>, Vec<Value>) = match kind {
                "nama" => {
                    let prefix: String =
                        applicants::search_name(&nama(i)).chars().take(9).collect();
                    let upper = format!("{prefix}\u{10FFFF}");
                    (prefix.clone(), None, vec![prefix.into(), upper.into()])
                }
                "nik" => {
                    let n = nik_unique(i);
                    let idx = key.blind_index("nik", &n);
                    (n, None, vec![idx.into()])
                }
                "nip" => (nip(i), None, vec![nip(i).into()]),
                _ => {
                    let s = Status::ALL[rng.gen_range(0..10)];
                    (String::new(), Some(s), vec![s.as_str().into()])
                }
            };
            let query = CaseQuery {
                q,
                status,
                layanan: None,
                page: 0,
                per_page: 25,
                ..Default::default()
            };
            let t = Instant::now();
            let page = search::list_cases(
                &db,
                &key,
                &query,
                chrono::Utc::now().with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).unwrap()),
            )
            .await
            .unwrap();
            core.push(t.elapsed());
            // Some generated applicants have no case (cases are spread at random),
            // so an empty page is a real answer; both ways must agree on it.

            let (rows_sql, count_sql) = direct_sql(kind);
            let t = Instant::now();
            let rows = db
                .query_all_raw(Statement::from_sql_and_values(
                    DbBackend::Sqlite,
                    rows_sql,
                    params.clone(),
                ))
                .await
                .unwrap();
            let _n = db
                .query_one_raw(Statement::from_sql_and_values(
                    DbBackend::Sqlite,
                    count_sql,
                    params,
                ))
                .await
                .unwrap();
            direct.push(t.elapsed());
            assert_eq!(
                rows.len(),
                page.items.len(),
                "{kind}: the direct query must find the same page"
            );
        }
        let (c, d) = (figures(core), figures(direct));
        println!(
            "{kind:<7} | {:>11} | {:>11} | {:>17} | {:>17}",
            ms(c.p50),
            ms(c.p95),
            ms(d.p50),
            ms(d.p95)
        );
    }
    println!("target: core p95 < 10 ms");
    println!("data: {}", dir.display());
}
