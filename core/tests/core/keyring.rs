//! The real OS keyring (gnome-keyring in a private D-Bus session under `make test`).

use loket_core::secrets::{KeyStore, OsKeyring, Secret, SecretError};
use rand::rngs::OsRng;

use super::support::*;

/// Keyring tests take turns: on a fresh gnome-keyring the first write creates
/// the default collection, and two first writes at once race on it.
pub static KEYRING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// A keyring service of a test's own in the session's real Secret Service
/// (`id.go.loket.test.<tag>.<pid>`). Holding one is the test's turn at the
/// keyring ([`KEYRING`]); when it goes, every entry Loket writes is deleted
/// from its service, so no run leaves keys behind.
pub struct TestKeyring {
    pub service: String,
    _turn: std::sync::MutexGuard<'static, ()>,
}

impl TestKeyring {
    pub fn new(tag: &str) -> TestKeyring {
        let turn = KEYRING.lock().unwrap_or_else(|e| e.into_inner());
        TestKeyring {
            service: format!("id.go.loket.test.{tag}.{}", std::process::id()),
            _turn: turn,
        }
    }

    /// The OS keyring under this service.
    pub fn ring(&self) -> OsKeyring {
        OsKeyring::with_service(&self.service)
    }
}

impl Drop for TestKeyring {
    fn drop(&mut self) {
        let ring = self.ring();
        let loket = [
            loket_core::secrets::DATA_KEY_ENTRY,
            loket_core::checkpoint::CHECKPOINT_ENTRY,
            loket_core::operators::tokens::REMEMBER_ENTRY,
            loket_core::kiosk::post::PINNED_KEY_ENTRY,
        ];
        let credentials = loket_core::credentials::Credential::ALL.map(|c| c.entry());
        for entry in loket.into_iter().chain(credentials) {
            let _ = ring.delete(entry);
        }
    }
}

/// The real OS keyring: run under `make test`, which starts gnome-keyring in a
/// private D-Bus session. Each run uses its own service name.
#[test]
fn os_keyring_sets_reads_replaces_and_deletes_a_secret() {
    let keys = TestKeyring::new("os");
    let service = keys.service.clone();
    let ring = OsKeyring::with_service(&service);
    assert!(
        ring.get("smtp").unwrap().is_none(),
        "a missing entry is None, not an error"
    );
    ring.set("smtp", &Secret::new(b"sandi-satu".to_vec()))
        .unwrap();
    assert_eq!(
        ring.get("smtp").unwrap().unwrap().expose(),
        b"sandi-satu",
        "the keyring returns the secret it was given"
    );
    ring.set("smtp", &Secret::new(b"sandi-dua".to_vec()))
        .unwrap();
    assert_eq!(
        ring.get("smtp").unwrap().unwrap().expose(),
        b"sandi-dua",
        "setting the entry again replaces the secret"
    );
    assert!(
        ring.delete("smtp").unwrap(),
        "deleting an existing entry reports that it was there"
    );
    assert!(
        !ring.delete("smtp").unwrap(),
        "deleting a missing entry reports that nothing was there"
    );
    assert!(
        ring.get("smtp").unwrap().is_none(),
        "a deleted entry is gone"
    );
}

#[test]
fn os_keyring_holds_the_data_key_across_starts() {
    let keys = TestKeyring::new("datakey");
    let service = keys.service.clone();
    let ring = OsKeyring::with_service(&service);
    let (first, check) = loket_core::secrets::open_data_key(&ring, None, &mut OsRng).unwrap();
    let check = check.expect("a new database gets a check value");
    let (again, none) =
        loket_core::secrets::open_data_key(&ring, Some(&check), &mut OsRng).unwrap();
    assert!(none.is_none(), "an existing database keeps its check value");
    assert_eq!(
        first.blind_index("nik", NIK),
        again.blind_index("nik", NIK),
        "the second start reads the same key"
    );
    ring.delete(loket_core::secrets::DATA_KEY_ENTRY).unwrap();
    let lost = loket_core::secrets::open_data_key(&ring, Some(&check), &mut OsRng).unwrap_err();
    assert!(
        matches!(lost, SecretError::KeyMissing),
        "a data key gone from the keyring is reported as missing, not as a new key"
    );
    assert!(
        lost.to_string().contains("keyring"),
        "the message points to the keyring"
    );
}
