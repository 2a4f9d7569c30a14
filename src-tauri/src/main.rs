//! Loket's desktop binary.
// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    // A confined reader of one file from outside (see loket_core::confined):
    // nothing of the desk starts.
    if std::env::args().nth(1).as_deref() == Some(loket_core::confined::SUBCOMMAND) {
        return loket_core::inspection::serve();
    }
    loket_app::startup::begin();
    loket_app::run()
}
