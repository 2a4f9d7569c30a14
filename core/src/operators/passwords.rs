//! Passwords: Argon2id hashes at a fixed cost, the same work for an unknown
//! user name, and the rules a new password must meet.

use std::collections::BTreeMap;
use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering::SeqCst;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::{CryptoRng, RngCore};

use crate::secrets::{Secret, SecretText};
use crate::{Error, Result};

/// A password as typed, kept out of logs and responses.
pub type Password = SecretText;

/// Argon2id parameters: 64 MiB, 3 passes, one lane (about half a second on a
/// modest desk PC; `make bench` prints the figure here).
pub const ARGON2_MEMORY_KIB: u32 = 64 * 1024;
pub const ARGON2_PASSES: u32 = 3;

/// Argon2id at Loket's cost (also derives the key the recovery key wraps).
pub(crate) fn argon2() -> Argon2<'static> {
    #[allow(
        clippy::expect_used,
        reason = "constant parameters within Argon2's limits"
    )]
    let params = Params::new(ARGON2_MEMORY_KIB, ARGON2_PASSES, 1, None).expect("argon2 params");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password with Argon2id and a random salt (PHC string), on the
/// calling thread (see [`hash`] for the async code paths).
pub fn hash_password(password: &Secret, rng: &mut (impl RngCore + CryptoRng)) -> Result<String> {
    let mut salt = [0u8; 16];
    rng.fill_bytes(&mut salt);
    hash_with_salt(password, &salt)
}

fn hash_with_salt(password: &Secret, salt: &[u8; 16]) -> Result<String> {
    let salt = SaltString::encode_b64(salt)
        .map_err(|e| Error::Crypto(format!("Kata sandi tidak dapat disimpan: {e}")))?;
    argon2()
        .hash_password(password.expose(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Crypto(format!("Kata sandi tidak dapat disimpan: {e}")))
}

/// Whether `phc` is an Argon2id hash at exactly Loket's cost. A stored hash
/// names its own parameters, and a verifier that believed them would spend
/// whatever memory and time a hash edited into the database asks for
/// (gigabytes, hours): anything else is never computed.
pub fn at_lokets_cost(h: &PasswordHash<'_>) -> bool {
    let param = |name: &str| h.params.get_decimal(name);
    h.algorithm.as_str() == "argon2id"
        && param("m") == Some(ARGON2_MEMORY_KIB)
        && param("t") == Some(ARGON2_PASSES)
        && param("p") == Some(1)
        && h.hash.is_some_and(|o| o.len() == 32)
}

/// Whether `password` matches the PHC string `phc`, on the calling thread.
/// A hash not at Loket's cost ([`at_lokets_cost`]) matches nothing.
pub fn verify_password(password: &Secret, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|h| at_lokets_cost(&h) && argon2().verify_password(password.expose(), &h).is_ok())
        .unwrap_or(false)
}

/// How many Argon2id computations (64 MiB each) run at once. A burst of
/// sign-ins (fifty wrong passwords from a script, several windows) waits its
/// turn instead of taking gigabytes of memory, and never runs on the async
/// runtime's threads, so the rest of Loket keeps answering meanwhile.
pub const HASHING_AT_ONCE: usize = 2;

fn hashing_turns() -> &'static tokio::sync::Semaphore {
    static TURNS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    TURNS.get_or_init(|| tokio::sync::Semaphore::new(HASHING_AT_ONCE))
}

/// Computations running now, and the most seen at once (for the test that
/// holds the limit).
static RUNNING: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

async fn off_runtime<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    let _turn = hashing_turns()
        .acquire()
        .await
        .map_err(|e| Error::Crypto(e.to_string()))?;
    tokio::task::spawn_blocking(move || {
        let now = RUNNING.fetch_add(1, SeqCst) + 1;
        PEAK.fetch_max(now, SeqCst);
        let out = work();
        RUNNING.fetch_sub(1, SeqCst);
        out
    })
    .await
    .map_err(|e| Error::Crypto(format!("Perhitungan kata sandi terhenti: {e}")))
}

/// [`hash_password`] off the async runtime, [`HASHING_AT_ONCE`] at a time.
pub async fn hash(password: &Secret, rng: &mut (impl RngCore + CryptoRng)) -> Result<String> {
    let mut salt = [0u8; 16];
    rng.fill_bytes(&mut salt);
    let password = Secret::new(password.expose().to_vec());
    off_runtime(move || hash_with_salt(&password, &salt)).await?
}

/// [`verify_password`] off the async runtime, [`HASHING_AT_ONCE`] at a time.
pub async fn verify(password: &Secret, phc: &str) -> Result<bool> {
    let password = Secret::new(password.expose().to_vec());
    let phc = phc.to_string();
    off_runtime(move || verify_password(&password, &phc)).await
}

/// A hash to verify against when the user name is unknown, so timing does
/// not tell names apart.
pub(crate) fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| {
        hash_password(
            &Secret::new(b"bukan-kata-sandi".to_vec()),
            &mut rand::rngs::OsRng,
        )
        .unwrap_or_default()
    })
}

/// Checks a new password for `username` (and its repetition), adding each
/// problem to `fields` under `field` (and `<field>_ulang`).
pub(crate) fn check_password(
    fields: &mut BTreeMap<String, String>,
    field: &str,
    username: &str,
    p: &Password,
    again: Option<&Password>,
) {
    let n = p.as_str().chars().count();
    if n < 10 {
        fields.insert(
            field.into(),
            "Kata sandi paling sedikit 10 karakter.".into(),
        );
    } else if p.as_str().eq_ignore_ascii_case(username) {
        fields.insert(
            field.into(),
            "Kata sandi tidak boleh sama dengan nama pengguna.".into(),
        );
    }
    if let Some(a) = again
        && a.as_str() != p.as_str()
    {
        fields.insert(
            format!("{field}_ulang"),
            "Kedua kata sandi tidak sama.".into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_edited_to_ask_for_more_memory_or_time_matches_nothing() {
        let p = Secret::new(b"kata-sandi-uji-1".to_vec());
        let good = hash_password(&p, &mut rand::rngs::OsRng).unwrap();
        assert!(verify_password(&p, &good));
        for (from, to) in [
            ("m=65536", "m=4194304"),
            ("t=3", "t=100000"),
            ("p=1", "p=16"),
            ("argon2id", "argon2i"),
        ] {
            let edited = good.replacen(from, to, 1);
            assert_ne!(edited, good);
            let started = std::time::Instant::now();
            assert!(!verify_password(&p, &edited), "{edited}");
            assert!(
                started.elapsed() < std::time::Duration::from_secs(1),
                "{edited} was computed"
            );
        }
    }

    /// Eight sign-ins at once on a runtime with one thread: the runtime's
    /// own timer keeps ticking while they hash (the work is off it), and no
    /// more than HASHING_AT_ONCE computations ever run together.
    #[test]
    fn hashing_runs_off_the_runtime_and_a_few_at_a_time() {
        let phc = hash_password(
            &Secret::new(b"kata sandi panjang".to_vec()),
            &mut rand::rngs::OsRng,
        )
        .unwrap();
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(async {
                let ticks = std::sync::Arc::new(AtomicUsize::new(0));
                let counter = ticks.clone();
                let ticker = tokio::spawn(async move {
                    loop {
                        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
                        counter.fetch_add(1, SeqCst);
                    }
                });
                let mut attempts = tokio::task::JoinSet::new();
                for i in 0..8 {
                    let phc = phc.clone();
                    attempts.spawn(async move {
                        let typed = Secret::new(format!("salah {i}").into_bytes());
                        verify(&typed, &phc).await.unwrap()
                    });
                }
                let results = attempts.join_all().await;
                ticker.abort();
                assert!(results.iter().all(|ok| !ok));
                assert!(
                    ticks.load(SeqCst) > 8,
                    "the runtime was blocked while hashing"
                );
            });
        let peak = PEAK.load(SeqCst);
        assert!((1..=HASHING_AT_ONCE).contains(&peak), "{peak} at once");
    }

    #[test]
    fn passwords_are_argon2id_with_the_required_cost() {
        let h = hash_password(
            &Secret::new(b"kata sandi panjang".to_vec()),
            &mut rand::rngs::OsRng,
        )
        .unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=65536,t=3,p=1$"), "{h}");
        assert!(verify_password(
            &Secret::new(b"kata sandi panjang".to_vec()),
            &h
        ));
        assert!(!verify_password(
            &Secret::new(b"kata sandi salah!".to_vec()),
            &h
        ));
    }

    #[test]
    fn passwords_never_print() {
        let p = Password::from("rahasia-sekali-123");
        assert_eq!(format!("{p:?}"), "<redacted>");
    }
}
