//! Secrets: the OS keyring, the [`Secret`] wrapper, and the data key that
//! encrypts personal data (NIK, later KTP images) at rest.
//!
//! The data key lives only in the OS keyring (Windows Credential Manager, macOS
//! Keychain, Linux Secret Service). The database keeps a check value of it, so
//! Loket can tell "first start" (no check value: create a key) from "key lost"
//! (check value present, keyring empty: refuse to start rather than create a new
//! key that could never read the stored data).

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use rand::{CryptoRng, RngCore};
use sha2::Sha256;
use zeroize::Zeroizing;

/// Keyring service name under which Loket keeps its entries.
pub const KEYRING_SERVICE: &str = "id.go.loket";
/// Keyring entry of the data key.
pub const DATA_KEY_ENTRY: &str = "data-key";

/// Format byte in front of every ciphertext, so the scheme can change later.
const CIPHER_V1: u8 = 1;

/// A secret value. It prints as `<redacted>` and has no `Serialize`, so it
/// cannot leak through logs or IPC by accident; its memory is wiped on drop.
#[derive(Clone)]
pub struct Secret(Zeroizing<Vec<u8>>);

impl Secret {
    /// Wraps bytes as a secret.
    pub fn new(bytes: Vec<u8>) -> Self {
        Secret(Zeroizing::new(bytes))
    }
    /// The bytes, for the one place that must use them.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Secret text as typed in a form (a password, a credential). It can come
/// in from the UI but never goes back out: no `Serialize`, `Debug` prints
/// `<redacted>`, and the memory is wiped when it is dropped.
#[derive(serde::Deserialize, ts_rs::TS)]
#[ts(export, type = "string")]
#[serde(transparent)]
pub struct SecretText(String);

impl SecretText {
    /// As bytes for hashing or the keyring.
    pub fn secret(&self) -> Secret {
        Secret::new(self.0.as_bytes().to_vec())
    }
    /// The text itself, for checks of its form (length, equality).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SecretText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl From<&str> for SecretText {
    fn from(s: &str) -> Self {
        SecretText(s.to_string())
    }
}

impl Drop for SecretText {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

/// What can go wrong with secrets.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    /// The OS keyring could not be reached or refused the request.
    #[error(
        "Keyring sistem operasi tidak dapat digunakan: {0}. Loket menyimpan kunci data di keyring; \
         pastikan layanan keyring berjalan dan tidak terkunci, lalu buka Loket kembali."
    )]
    Unavailable(String),
    /// The keyring did not answer in time: usually it is locked and waiting
    /// for someone to type its password in the desktop's prompt.
    #[error(
        "Keyring sistem operasi tidak menjawab dalam {0} detik; kemungkinan keyring terkunci. \
         Buka kunci keyring (misalnya dengan masuk ulang ke sesi desktop atau mengetik kata sandi \
         keyring pada jendela yang muncul), lalu buka Loket kembali."
    )]
    Locked(u64),
    /// The database says data was encrypted before, but the keyring has no key.
    #[error(
        "Kunci data Loket tidak ditemukan di keyring sistem operasi, padahal basis data ini sudah \
         berisi data terenkripsi. Loket tidak dibuka agar data tidak rusak. Pulihkan kunci dengan \
         kunci pemulihan, atau hubungi admin."
    )]
    KeyMissing,
    /// The keyring holds a key that does not belong to this database.
    #[error(
        "Kunci data di keyring tidak cocok dengan basis data ini. Loket tidak dibuka agar data \
         tidak rusak; hubungi admin."
    )]
    KeyMismatch,
    /// A ciphertext was altered, truncated or belongs elsewhere.
    #[error("Data terenkripsi rusak atau bukan milik catatan ini.")]
    Corrupt,
}

/// Where secrets are kept. The product uses [`OsKeyring`]; unit tests may use
/// an in-memory store of their own.
pub trait KeyStore {
    /// The secret under `name`, or `None` when there is no such entry.
    fn get(&self, name: &str) -> Result<Option<Secret>, SecretError>;
    /// Stores (or replaces) the secret under `name`.
    fn set(&self, name: &str, secret: &Secret) -> Result<(), SecretError>;
    /// Removes the entry; `false` when there was none.
    fn delete(&self, name: &str) -> Result<bool, SecretError>;
}

/// The OS keyring through the `keyring` crate's native backends.
#[derive(Clone)]
pub struct OsKeyring {
    service: String,
}

impl OsKeyring {
    /// The keyring under Loket's service name.
    pub fn new() -> Self {
        Self::with_service(KEYRING_SERVICE)
    }
    /// The keyring under another service name (tests use a unique one).
    pub fn with_service(service: &str) -> Self {
        OsKeyring {
            service: service.to_string(),
        }
    }
    fn entry(&self, name: &str) -> Result<keyring::Entry, SecretError> {
        keyring::Entry::new(&self.service, name).map_err(unavailable)
    }
}

impl Default for OsKeyring {
    fn default() -> Self {
        Self::new()
    }
}

fn unavailable(e: keyring::Error) -> SecretError {
    SecretError::Unavailable(e.to_string())
}

/// How long a keyring call may take (`LOKET_KEYRING_TIMEOUT_SECS`, default
/// 30 s): a locked keyring shows the desktop's unlock prompt and waits; past
/// this, Loket says the keyring is locked instead of hanging.
fn keyring_timeout() -> std::time::Duration {
    let secs = std::env::var("LOKET_KEYRING_TIMEOUT_SECS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(30);
    std::time::Duration::from_secs(secs)
}

impl OsKeyring {
    /// Runs one keyring call on its own thread, so a keyring that never
    /// answers (locked, prompt nobody sees) cannot hang Loket.
    fn call<T: Send + 'static>(
        &self,
        name: &str,
        f: impl FnOnce(keyring::Entry) -> Result<T, SecretError> + Send + 'static,
    ) -> Result<T, SecretError> {
        let entry = self.entry(name)?;
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(f(entry));
        });
        let limit = keyring_timeout();
        rx.recv_timeout(limit)
            .unwrap_or(Err(SecretError::Locked(limit.as_secs())))
    }
}

impl KeyStore for OsKeyring {
    fn get(&self, name: &str) -> Result<Option<Secret>, SecretError> {
        // Stored as base64 text: every backend keeps text faithfully.
        self.call(name, |entry| match entry.get_password() {
            Ok(text) => {
                let text = Zeroizing::new(text);
                B64.decode(text.as_bytes())
                    .map(|b| Some(Secret::new(b)))
                    .map_err(|_| SecretError::Corrupt)
            }
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(unavailable(e)),
        })
    }

    fn set(&self, name: &str, secret: &Secret) -> Result<(), SecretError> {
        let text = Zeroizing::new(B64.encode(secret.expose()));
        self.call(name, move |entry| {
            entry.set_password(&text).map_err(unavailable)
        })
    }

    fn delete(&self, name: &str) -> Result<bool, SecretError> {
        self.call(name, |entry| match entry.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(e) => Err(unavailable(e)),
        })
    }
}

type HmacSha256 = Hmac<Sha256>;

fn derive(master: &[u8], label: &str) -> Zeroizing<[u8; 32]> {
    #[allow(clippy::expect_used, reason = "HMAC accepts keys of any length")]
    let mut mac = <HmacSha256 as Mac>::new_from_slice(master).expect("hmac key");
    mac.update(label.as_bytes());
    Zeroizing::new(mac.finalize().into_bytes().into())
}

/// The data key: encrypts personal data and computes the blind index that lets
/// Loket find an exact NIK without storing it in clear.
pub struct DataKey {
    enc: Zeroizing<[u8; 32]>,
    index: Zeroizing<[u8; 32]>,
    audit: Zeroizing<[u8; 32]>,
    kiosk: Zeroizing<[u8; 32]>,
    backup: Zeroizing<[u8; 32]>,
    seal: Zeroizing<[u8; 32]>,
    check: String,
}

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DataKey(<redacted>)")
    }
}

impl DataKey {
    /// Length of the master key in bytes.
    pub const LEN: usize = 32;

    /// A fresh random master key.
    pub fn generate(rng: &mut (impl RngCore + CryptoRng)) -> Secret {
        let mut bytes = vec![0u8; Self::LEN];
        rng.fill_bytes(&mut bytes);
        Secret::new(bytes)
    }

    /// Derives the working keys from the master key.
    pub fn from_master(master: &Secret) -> Result<Self, SecretError> {
        if master.expose().len() != Self::LEN {
            return Err(SecretError::Corrupt);
        }
        let check = derive(master.expose(), "loket/key-check/v1");
        Ok(DataKey {
            enc: derive(master.expose(), "loket/encrypt/v1"),
            index: derive(master.expose(), "loket/blind-index/v1"),
            audit: derive(master.expose(), "loket/audit-chain/v1"),
            kiosk: derive(master.expose(), "loket/kiosk-inbox/v1"),
            backup: derive(master.expose(), "loket/backup/v1"),
            seal: derive(master.expose(), "loket/row-seal/v1"),
            check: hex(&check[..16]),
        })
    }

    /// A value that identifies this key without revealing it; stored in the
    /// database to detect a lost or foreign key.
    pub fn check_value(&self) -> &str {
        &self.check
    }

    /// Encrypts `plaintext`, bound to `context` (which record and field it
    /// belongs to): a ciphertext copied to another record will not decrypt.
    pub fn encrypt(
        &self,
        rng: &mut (impl RngCore + CryptoRng),
        plaintext: &[u8],
        context: &str,
    ) -> Vec<u8> {
        let cipher = XChaCha20Poly1305::new(self.enc.as_ref().into());
        let mut nonce = [0u8; 24];
        rng.fill_bytes(&mut nonce);
        #[allow(
            clippy::expect_used,
            reason = "XChaCha20-Poly1305 encryption fails only past 256 GiB"
        )]
        let sealed = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plaintext,
                    aad: context.as_bytes(),
                },
            )
            .expect("encrypt");
        let mut out = Vec::with_capacity(1 + nonce.len() + sealed.len());
        out.push(CIPHER_V1);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        out
    }

    /// Decrypts what [`DataKey::encrypt`] produced for the same `context`.
    pub fn decrypt(&self, blob: &[u8], context: &str) -> Result<Secret, SecretError> {
        if blob.len() < 1 + 24 + 16 || blob[0] != CIPHER_V1 {
            return Err(SecretError::Corrupt);
        }
        let cipher = XChaCha20Poly1305::new(self.enc.as_ref().into());
        cipher
            .decrypt(
                XNonce::from_slice(&blob[1..25]),
                Payload {
                    msg: &blob[25..],
                    aad: context.as_bytes(),
                },
            )
            .map(Secret::new)
            .map_err(|_| SecretError::Corrupt)
    }

    /// Keyed hash of `value` in `domain` (for example `"nik"`), as hex: equal
    /// inputs give equal outputs, so exact search works, but without the key
    /// nobody can test a guessed NIK against the database.
    pub fn blind_index(&self, domain: &str, value: &str) -> String {
        #[allow(clippy::expect_used, reason = "HMAC accepts keys of any length")]
        let mut mac = <HmacSha256 as Mac>::new_from_slice(self.index.as_ref()).expect("hmac key");
        mac.update(domain.as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        hex(&mac.finalize().into_bytes())
    }
}

impl DataKey {
    /// Keyed hash (HMAC-SHA256, hex) of the audit log's entries: without the
    /// key nobody can rewrite the chain after editing an entry.
    pub fn audit_mac(&self, parts: &[&[u8]]) -> String {
        #[allow(clippy::expect_used, reason = "HMAC accepts keys of any length")]
        let mut mac = <HmacSha256 as Mac>::new_from_slice(self.audit.as_ref()).expect("hmac key");
        for part in parts {
            mac.update(&(part.len() as u64).to_be_bytes());
            mac.update(part);
        }
        hex(&mac.finalize().into_bytes())
    }
}

impl DataKey {
    /// The seal of one stored row (HMAC-SHA256, hex) over its table, its
    /// identity and the values that grant power or send data out: without the
    /// key nobody can change those values and make the seal fit again.
    /// Parts are length-prefixed, so no two rows can collide by shifting text
    /// between fields.
    pub fn row_seal(&self, table: &str, id: &str, parts: &[&[u8]]) -> String {
        #[allow(clippy::expect_used, reason = "HMAC accepts keys of any length")]
        let mut mac = <HmacSha256 as Mac>::new_from_slice(self.seal.as_ref()).expect("hmac key");
        for part in [table.as_bytes(), id.as_bytes()].iter().chain(parts) {
            mac.update(&(part.len() as u64).to_be_bytes());
            mac.update(part);
        }
        hex(&mac.finalize().into_bytes())
    }
}

impl DataKey {
    /// The key of backup files, derived from the data key: whoever holds the
    /// data key (or restores it with the recovery key) opens the office's
    /// backups, and nobody else.
    pub fn backup_key(&self) -> BackupKey {
        BackupKey {
            key: self.backup.clone(),
            check: self.check.clone(),
        }
    }
}

/// The key of backup files ([`DataKey::backup_key`]), owned so that a backup
/// can be written on a thread of its own.
#[derive(Clone)]
pub struct BackupKey {
    key: Zeroizing<[u8; 32]>,
    check: String,
}

impl BackupKey {
    /// The cipher of the backup's chunks.
    pub fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(self.key.as_ref().into())
    }

    /// The data key's check value (written in clear in a backup's header).
    pub fn check_value(&self) -> &str {
        &self.check
    }
}

impl fmt::Debug for BackupKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BackupKey(<redacted>)")
    }
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    use fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

impl DataKey {
    /// The office's public key for kiosk submissions. Its private half is
    /// derived from the data key, so every desk holding the data key (and a
    /// data key restored with the recovery key) can open what kiosks sealed.
    pub fn kiosk_key(&self) -> KioskKey {
        KioskKey(crypto_box::SecretKey::from(*self.kiosk).public_key())
    }

    /// Opens a submission a kiosk sealed to [`DataKey::kiosk_key`].
    pub fn unseal(&self, sealed: &[u8]) -> Result<Secret, SecretError> {
        crypto_box::SecretKey::from(*self.kiosk)
            .unseal(sealed)
            .map(Secret::new)
            .map_err(|_| SecretError::Corrupt)
    }
}

/// The office's public key as a kiosk holds it: it can seal a submission
/// (an X25519 sealed box, XSalsa20-Poly1305) and nothing else. A kiosk holds
/// no data key, so it can read neither what it sent nor anything stored.
#[derive(Clone, PartialEq, Eq)]
pub struct KioskKey(crypto_box::PublicKey);

impl KioskKey {
    /// Length of the key as text (hex).
    pub const HEX_LEN: usize = 64;

    /// The key from its text form (64 hex digits).
    pub fn from_hex(text: &str) -> Option<Self> {
        let text = text.trim();
        if text.len() != Self::HEX_LEN || !text.is_ascii() {
            return None;
        }
        let mut bytes = [0u8; 32];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(KioskKey(crypto_box::PublicKey::from(bytes)))
    }

    /// The key as text (64 hex digits), for settings and for pairing a kiosk.
    pub fn to_hex(&self) -> String {
        hex(self.0.as_bytes())
    }

    /// Seals `plaintext` so that only a holder of the data key can open it.
    pub fn seal(&self, rng: &mut (impl RngCore + CryptoRng), plaintext: &[u8]) -> Vec<u8> {
        #[allow(
            clippy::expect_used,
            reason = "sealing fails only for messages past the cipher's limit"
        )]
        self.0.seal(rng, plaintext).expect("sealed box")
    }
}

impl fmt::Debug for KioskKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KioskKey({})", self.to_hex())
    }
}

/// Opens the data key for a database whose stored check value is `stored_check`.
///
/// Returns the key and, when the database had no check value yet, the value to
/// store. A new key is created only when neither the database nor the keyring
/// has one.
pub fn open_data_key(
    store: &dyn KeyStore,
    stored_check: Option<&str>,
    rng: &mut (impl RngCore + CryptoRng),
) -> Result<(DataKey, Option<String>), SecretError> {
    match (store.get(DATA_KEY_ENTRY)?, stored_check) {
        (Some(master), Some(check)) => {
            let key = DataKey::from_master(&master)?;
            if key.check_value() == check {
                Ok((key, None))
            } else {
                Err(SecretError::KeyMismatch)
            }
        }
        (Some(master), None) => {
            let key = DataKey::from_master(&master)?;
            let check = key.check_value().to_string();
            Ok((key, Some(check)))
        }
        (None, Some(_)) => Err(SecretError::KeyMissing),
        (None, None) => {
            let master = DataKey::generate(rng);
            store.set(DATA_KEY_ENTRY, &master)?;
            // Read it back: a keyring that silently drops writes must fail now,
            // not after data has been encrypted with a key nobody kept.
            let kept = store.get(DATA_KEY_ENTRY)?.ok_or_else(|| {
                SecretError::Unavailable(
                    "kunci yang baru disimpan tidak dapat dibaca kembali".into(),
                )
            })?;
            let key = DataKey::from_master(&kept)?;
            let check = key.check_value().to_string();
            Ok((key, Some(check)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::OsRng;
    use std::cell::RefCell;
    use std::collections::HashMap;

    /// In-memory store for unit tests only; the product never uses it.
    #[derive(Default)]
    struct MemoryStore(RefCell<HashMap<String, Vec<u8>>>);

    impl KeyStore for MemoryStore {
        fn get(&self, name: &str) -> Result<Option<Secret>, SecretError> {
            Ok(self.0.borrow().get(name).cloned().map(Secret::new))
        }
        fn set(&self, name: &str, secret: &Secret) -> Result<(), SecretError> {
            self.0
                .borrow_mut()
                .insert(name.into(), secret.expose().to_vec());
            Ok(())
        }
        fn delete(&self, name: &str) -> Result<bool, SecretError> {
            Ok(self.0.borrow_mut().remove(name).is_some())
        }
    }

    #[test]
    fn secret_never_prints_its_value() {
        let s = Secret::new(b"rahasia-sekali".to_vec());
        assert_eq!(format!("{s:?} {s}"), "<redacted> <redacted>");
    }

    #[test]
    fn ciphertext_decrypts_only_in_its_own_context() {
        let key = DataKey::from_master(&DataKey::generate(&mut OsRng)).unwrap();
        let blob = key.encrypt(&mut OsRng, b"5171010101900001", "applicants/nik/a");
        assert_eq!(
            key.decrypt(&blob, "applicants/nik/a").unwrap().expose(),
            b"5171010101900001"
        );
        assert!(
            key.decrypt(&blob, "applicants/nik/b").is_err(),
            "a copied ciphertext must not decrypt"
        );
        let mut flipped = blob.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(key.decrypt(&flipped, "applicants/nik/a").is_err());
    }

    #[test]
    fn blind_index_is_stable_and_key_dependent() {
        let k1 = DataKey::from_master(&Secret::new(vec![1; 32])).unwrap();
        let k2 = DataKey::from_master(&Secret::new(vec![2; 32])).unwrap();
        assert_eq!(k1.blind_index("nik", "x"), k1.blind_index("nik", "x"));
        assert_ne!(k1.blind_index("nik", "x"), k2.blind_index("nik", "x"));
        assert_ne!(k1.blind_index("nik", "x"), k1.blind_index("nip", "x"));
    }

    #[test]
    fn first_start_creates_a_key_and_later_starts_reuse_it() {
        let store = MemoryStore::default();
        let (k1, check) = open_data_key(&store, None, &mut OsRng).unwrap();
        let check = check.expect("first start returns the check value to store");
        let (k2, again) = open_data_key(&store, Some(&check), &mut OsRng).unwrap();
        assert!(again.is_none());
        assert_eq!(k1.check_value(), k2.check_value());
    }

    #[test]
    fn a_lost_key_is_refused_not_replaced() {
        let store = MemoryStore::default();
        let (_, check) = open_data_key(&store, None, &mut OsRng).unwrap();
        store.delete(DATA_KEY_ENTRY).unwrap();
        let err = open_data_key(&store, check.as_deref(), &mut OsRng).unwrap_err();
        assert!(matches!(err, SecretError::KeyMissing));
        assert!(
            store.get(DATA_KEY_ENTRY).unwrap().is_none(),
            "no new key may be created over existing data"
        );
    }

    #[test]
    fn a_foreign_key_is_refused() {
        let store = MemoryStore::default();
        store
            .set(DATA_KEY_ENTRY, &Secret::new(vec![9; 32]))
            .unwrap();
        let err = open_data_key(&store, Some("00"), &mut OsRng).unwrap_err();
        assert!(matches!(err, SecretError::KeyMismatch));
    }
}
