//! Loket's desktop binary.
// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    loket_app::startup::begin();
    loket_app::run()
}
