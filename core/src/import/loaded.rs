//! The file chosen on the import screen, held between its steps (preview,
//! dry run, import, refused rows) so the page sends it once; and the stop
//! button of the run in progress.

use std::sync::{Arc, Mutex};

use crate::stopping::BatchStop;
use crate::{Error, Result};

/// The desk's import state.
#[derive(Debug, Default)]
pub struct ImportDesk {
    /// "Hentikan" of a running import.
    pub stop: BatchStop,
    file: Mutex<Option<(String, Arc<[u8]>)>>,
}

impl ImportDesk {
    /// Holds `bytes` as the chosen file (the one before is let go).
    pub fn load(&self, name: &str, bytes: &[u8]) {
        *self.file.lock().unwrap_or_else(|p| p.into_inner()) =
            Some((name.to_string(), bytes.into()));
    }

    /// The chosen file's name and bytes.
    pub fn file(&self) -> Result<(String, Arc<[u8]>)> {
        self.file
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .ok_or_else(|| Error::field("berkas", "Pilih berkas CSV atau XLSX terlebih dahulu."))
    }

    /// Lets the chosen file go (at sign-out: personal data is not kept in
    /// memory longer than the session that chose it).
    pub fn forget(&self) {
        *self.file.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chosen_file_is_held_until_forgotten() {
        let d = ImportDesk::default();
        assert!(d.file().is_err(), "nothing chosen yet");
        d.load("a.csv", b"Nama\nAni\n");
        let (name, bytes) = d.file().expect("held");
        assert_eq!((name.as_str(), &bytes[..]), ("a.csv", &b"Nama\nAni\n"[..]));
        d.forget();
        assert!(
            matches!(d.file(), Err(Error::Invalid { fields, .. }) if fields.contains_key("berkas"))
        );
    }
}
