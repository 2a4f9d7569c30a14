//! Passwords: Argon2id hashes at a fixed cost, the same work for an unknown
//! user name, and the rules a new password must meet.

use std::collections::BTreeMap;

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

/// Hashes a password with Argon2id and a random salt (PHC string).
pub fn hash_password(password: &Secret, rng: &mut (impl RngCore + CryptoRng)) -> Result<String> {
    let mut salt = [0u8; 16];
    rng.fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt)
        .map_err(|e| Error::Crypto(format!("Kata sandi tidak dapat disimpan: {e}")))?;
    argon2()
        .hash_password(password.expose(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Crypto(format!("Kata sandi tidak dapat disimpan: {e}")))
}

/// Whether `password` matches the PHC string `phc`.
pub fn verify_password(password: &Secret, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|h| argon2().verify_password(password.expose(), &h).is_ok())
        .unwrap_or(false)
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
