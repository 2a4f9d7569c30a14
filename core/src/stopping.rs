//! The "Hentikan" button of a long run (a batch export of letters, an
//! import): pressed from another command, read by the run between steps.

use std::sync::atomic::{AtomicBool, Ordering};

/// A stop request for the run in progress.
#[derive(Debug, Default)]
pub struct BatchStop(AtomicBool);

impl BatchStop {
    /// Asks the running batch to stop after the step it is doing.
    pub fn request(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub(crate) fn requested(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }

    /// Forgets a request made before the run started (it belonged to an
    /// earlier run).
    pub(crate) fn clear(&self) {
        self.0.store(false, Ordering::SeqCst);
    }
}
