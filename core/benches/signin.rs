//! `make bench` (sign-in part): what one Argon2id password check costs with
//! Loket's parameters (64 MiB, 3 passes, one lane), the figure the issue asks
//! to keep near half a second on a modest desk PC. Prints; fails nothing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark stops at the first failure"
)]

use std::time::{Duration, Instant};

use loket_core::operators::passwords::{ARGON2_MEMORY_KIB, ARGON2_PASSES, hash_password};
use loket_core::secrets::Secret;

fn main() {
    let password = Secret::new(b"kata-sandi-uji-bench".to_vec());
    hash_password(&password, &mut rand::rngs::OsRng).unwrap();
    let mut times: Vec<Duration> = (0..10)
        .map(|_| {
            let t0 = Instant::now();
            hash_password(&password, &mut rand::rngs::OsRng).unwrap();
            t0.elapsed()
        })
        .collect();
    times.sort_unstable();
    println!(
        "\nArgon2id {} MiB, {} lintasan: median {:.0} ms, terlama {:.0} ms (10 kali, build release)",
        ARGON2_MEMORY_KIB / 1024,
        ARGON2_PASSES,
        times[5].as_secs_f64() * 1000.0,
        times[9].as_secs_f64() * 1000.0
    );
}
