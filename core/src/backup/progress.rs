//! The progress of a running backup or restore check, shared between the
//! run and the backup screen that polls it; its slot lets one run at a time.

use std::sync::atomic::Ordering::SeqCst;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64};

use serde::Serialize;
use ts_rs::TS;

use crate::{Error, Result};

/// The phase of a running backup or restore check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Phase {
    Idle = 0,
    Copying = 1,
    Encrypting = 2,
    Decrypting = 3,
    Checking = 4,
}

/// A run's progress, shared between the run and the screen that polls it.
#[derive(Debug, Default)]
pub struct Progress {
    running: AtomicBool,
    phase: AtomicU8,
    done: AtomicU64,
    total: AtomicU64,
}

/// [`Progress`] as the screen shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ProgressView {
    pub berjalan: bool,
    /// What is being done, in words.
    pub tahap: String,
    #[ts(type = "number")]
    pub selesai: u64,
    #[ts(type = "number")]
    pub total: u64,
}

/// Holds the run slot while a backup or restore check runs.
pub struct Running<'p>(&'p Progress);

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.phase.store(Phase::Idle as u8, SeqCst);
        self.0.running.store(false, SeqCst);
    }
}

impl Progress {
    /// Takes the run slot; refused while another run holds it.
    pub fn start(&self) -> Result<Running<'_>> {
        if self
            .running
            .compare_exchange(false, true, SeqCst, SeqCst)
            .is_err()
        {
            return Err(Error::Invalid {
                message: "Pencadangan atau pemeriksaan cadangan sedang berjalan; tunggu sampai \
                          selesai."
                    .into(),
                fields: Default::default(),
            });
        }
        self.set(Phase::Copying, 0, 0);
        Ok(Running(self))
    }

    /// Enters `phase` with `total` units to do.
    pub fn set(&self, phase: Phase, done: u64, total: u64) {
        self.phase.store(phase as u8, SeqCst);
        self.total.store(total, SeqCst);
        self.done.store(done, SeqCst);
    }

    /// Units done in the current phase.
    pub fn advance(&self, done: u64) {
        self.done.store(done, SeqCst);
    }

    pub fn view(&self) -> ProgressView {
        let tahap = match self.phase.load(SeqCst) {
            1 => "Menyalin basis data",
            2 => "Mengenkripsi ke folder cadangan",
            3 => "Membuka cadangan",
            4 => "Memeriksa keutuhan dan log audit",
            _ => "",
        };
        ProgressView {
            berjalan: self.running.load(SeqCst),
            tahap: tahap.into(),
            selesai: self.done.load(SeqCst),
            total: self.total.load(SeqCst),
        }
    }
}
