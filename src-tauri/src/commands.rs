//! The Tauri commands, one file per area of the desk (and `kiosk`, the
//! kiosk window's own). Each command names its rule first
//! (`desk.authorize(DESK)`, see `loket_core::auth::rules`) and then makes
//! one call into `loket-core`; commands that move files add the transport
//! step (reading an upload's bytes, saving an export). The files are the
//! list of commands: build.rs reads every file in this folder to declare the
//! permissions, the windows' capabilities and the UI's typed wrappers.

pub mod backup;
pub mod cases;
pub mod collective;
pub mod help;
pub mod import;
pub mod inbox;
pub mod kiosk;
pub mod letters;
pub mod mail;
pub mod operators;
pub mod people;
pub mod privacy;
pub mod reports;
pub mod retention;
pub mod session;
pub mod standard;
pub mod voice;

use loket_core::desk::Seat;
use tauri::{Runtime, Window};

/// The seat of the calling window: the kiosk window signs in apart.
pub(crate) fn seat<R: Runtime>(window: &Window<R>) -> Seat {
    Seat::of_window(window.label())
}
