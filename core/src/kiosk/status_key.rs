//! The status check's key: a salted Argon2id hash of a registration number
//! and the last four digits of the applicant's NIK, stored with a sealed
//! submission (see `kiosk::status`), and its comparison.

use std::sync::Mutex;

use argon2::{Algorithm, Argon2, Block, Params, Version};
use rand::{CryptoRng, RngCore};

use crate::applicants::identity;
use crate::{Error, Result};

/// Argon2id's memory for a status check, in KiB (1 KiB blocks).
const MEMORY_KIB: u32 = 8 * 1024;

/// The one working memory every status check hashes in. Allocating 8 MiB
/// per check from whichever thread runs it leaves the allocator's per-thread
/// arenas holding freed blocks, and the kiosk's memory grows with every
/// application (`make bench`'s kiosk soak showed it); one buffer, taken in
/// turn, keeps it flat. A check takes a few milliseconds.
static MEMORY: Mutex<Vec<Block>> = Mutex::new(Vec::new());

/// A cheap-enough Argon2id: a status check answers within a touch, and a
/// guess costs the same.
pub(super) fn digest(salt: &[u8], nomor: &str, last4: &str) -> Result<[u8; 32]> {
    #[allow(
        clippy::expect_used,
        reason = "constant parameters within Argon2's limits"
    )]
    let params = Params::new(MEMORY_KIB, 1, 1, Some(32)).expect("argon2 params");
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let mut memory = MEMORY.lock().unwrap_or_else(|e| e.into_inner());
    if memory.len() != MEMORY_KIB as usize {
        *memory = vec![Block::default(); MEMORY_KIB as usize];
    }
    let mut out = [0u8; 32];
    argon
        .hash_password_into_with_memory(
            &material(nomor, last4),
            salt,
            &mut out,
            memory.as_mut_slice(),
        )
        .map_err(|e| Error::Crypto(e.to_string()))?;
    Ok(out)
}

fn material(nomor: &str, last4: &str) -> Vec<u8> {
    format!("loket/status/v1:{nomor}:{last4}").into_bytes()
}

/// The check value stored with a sealed submission, bound to its number:
/// `v1$<salt>$<digest>` in hex.
pub(crate) fn check_value(
    rng: &mut (impl RngCore + CryptoRng),
    nomor: &str,
    nik: &str,
) -> Result<String> {
    let digits = identity::strip_separators(nik);
    let last4 = digits.get(digits.len().saturating_sub(4)..).unwrap_or("");
    let mut salt = [0u8; 16];
    rng.fill_bytes(&mut salt);
    let hash = digest(&salt, nomor, last4)?;
    Ok(format!("v1${}${}", hex(&salt), hex(&hash)))
}

/// Whether `stored` (a [`check_value`]) was made from `nomor` and `last4`.
pub(super) fn matches(stored: &str, nomor: &str, last4: &str) -> Result<bool> {
    let mut parts = stored.split('$');
    let (Some("v1"), Some(salt), Some(want), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Ok(false);
    };
    let Some(salt) = unhex(salt) else {
        return Ok(false);
    };
    let got = hex(&digest(&salt, nomor, last4)?);
    // Both are 64 hex digits; compared without an early exit.
    Ok(got.len() == want.len()
        && got
            .bytes()
            .zip(want.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0)
}

fn hex(bytes: &[u8]) -> String {
    crate::secrets::hex(bytes)
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}
