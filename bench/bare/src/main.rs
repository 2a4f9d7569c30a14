//! A bare Tauri window with one static page: the baseline `make bench` measures
//! Loket's start-up time and memory against.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Err(e) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("bare window failed: {e}");
        std::process::exit(1);
    }
}
