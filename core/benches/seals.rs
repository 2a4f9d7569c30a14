//! `make bench` (seals part): what checking the sealed rows costs before
//! every command (settings, operators, live "remember me" tokens) on a desk
//! shaped like a working one: every setting an office sets (the letterhead's
//! logo, three years of calendar, the standard, the templates), ten
//! operators, five remembered desks; beside the same rows read without the
//! check, the reference. Prints; fails nothing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark stops at the first failure"
)]

use std::time::{Duration, Instant};

use loket_core::audit::{Acting, Actor};
use loket_core::entities::{operator_tokens, operators, settings};
use loket_core::integrity::{self, Depth};
use loket_core::operators::accounts::{self, NewOperator};
use loket_core::operators::passwords::Password;
use loket_core::operators::roles::Role;
use loket_core::secrets::{DataKey, Secret};
use loket_core::store;
use sea_orm::EntityTrait;

fn pct(xs: &mut [Duration], p: f64) -> f64 {
    xs.sort_unstable();
    xs[((xs.len() - 1) as f64 * p) as usize].as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let db = store::open(&store::sqlite_url(dir.path())).await.unwrap();
    let key = DataKey::from_master(&Secret::new(vec![3; 32])).unwrap();
    let now = chrono::DateTime::parse_from_rfc3339("2026-12-01T09:00:00+08:00").unwrap();
    let act = Acting::new(&key, Actor::named("bench"), now);
    // Settings of the size an office's are: a 150 KB logo, calendars, texts.
    let logo = "A".repeat(150_000);
    store::set_setting(&db, &key, "surat_logo", &logo)
        .await
        .unwrap();
    for n in 0..40 {
        store::set_setting(&db, &key, &format!("pengaturan_{n}"), &"x".repeat(4_000))
            .await
            .unwrap();
    }
    for n in 0..10 {
        accounts::create(
            &db,
            &act,
            &mut rand::rngs::OsRng,
            &NewOperator {
                username: format!("petugas{n}"),
                nama: format!("Petugas {n}"),
                roles: vec![Role::Operator],
                password: Password::from("kata-sandi-bench-1"),
                password_ulang: Password::from("kata-sandi-bench-1"),
            },
        )
        .await
        .unwrap();
    }
    let mut checked = Vec::new();
    let mut plain = Vec::new();
    for _ in 0..300 {
        let t0 = Instant::now();
        let found = integrity::rows(&db, &key, Depth::Commands).await.unwrap();
        checked.push(t0.elapsed());
        assert!(found.is_empty());
        let t0 = Instant::now();
        settings::Entity::find().all(&db).await.unwrap();
        operators::Entity::find().all(&db).await.unwrap();
        operator_tokens::Entity::find().all(&db).await.unwrap();
        plain.push(t0.elapsed());
    }
    println!(
        "\nSegel sebelum setiap perintah (41 pengaturan, 310 KB; 10 operator), build release:\n  \
         diperiksa p50 {:.2} ms, p95 {:.2} ms; pembanding, baris yang sama dibaca tanpa pemeriksaan \
         p50 {:.2} ms, p95 {:.2} ms",
        pct(&mut checked, 0.5),
        pct(&mut checked, 0.95),
        pct(&mut plain, 0.5),
        pct(&mut plain, 0.95)
    );
}
