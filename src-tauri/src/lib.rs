//! `loket-app`: the desktop shell. It opens the desk at start, keeps it in
//! Tauri state ([`state`]), exposes the commands in [`commands`] (each is
//! authorization plus one call into `loket-core`), moves bytes across the IPC
//! boundary ([`transport`]) and runs the window-less subcommands ([`cli`]).
//! Everything else lives in `loket-core`.

use std::process::ExitCode;

use tauri::Manager;

pub mod cli;
pub mod cli_backup;
pub mod commands;
pub mod error;
pub mod kiosk_engine;
pub mod printing;
pub mod startup;
pub mod state;
pub mod transport;
pub mod windows;

pub use state::{AppStatus, DeskState, now, start_kiosk, start_with};

// `COMMANDS` and `invoke_handler!`, written by build.rs from the commands.
include!(concat!(env!("OUT_DIR"), "/commands.rs"));

/// The UI's typed wrapper of every command, written by build.rs from the
/// commands; the shell's tests keep `ui/src/lib/bindings/commands.ts` equal to it.
pub const COMMANDS_TS: &str = include_str!(concat!(env!("OUT_DIR"), "/commands.ts"));

/// The builder with every command registered (the app and the shell's tests).
pub fn with_commands<R: tauri::Runtime>(b: tauri::Builder<R>) -> tauri::Builder<R> {
    b.invoke_handler(invoke_handler!())
}

/// Starts Loket: a subcommand when one is given, the staff window or (with
/// `--kiosk`) the kiosk window otherwise.
pub fn run() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if let Some(code) = cli::run(&args) {
        return code;
    }
    let mode = match windows::mode(&args) {
        Ok(mode) => mode,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    if mode != windows::Mode::Desk {
        kiosk_engine::ensure();
    }
    let kiosk = mode == windows::Mode::Kiosk;
    let result = with_commands(tauri::Builder::default())
        .setup(move |app| {
            startup::mark("Tauri set-up reached");
            let dir = app.path().app_data_dir()?;
            let desk = tauri::async_runtime::block_on(state::start(&dir, kiosk));
            startup::mark("desk opened");
            // Held while Loket runs: `loket restore` waits for it to close.
            app.manage(state::DatabaseLock(state::lock_database(desk.url())));
            app.manage(desk);
            state::keep_checkpoint(app.handle().clone());
            state::send_mail(app.handle().clone());
            state::collect_kiosk_events(app.handle().clone());
            state::back_up(app.handle().clone());
            windows::open(app, mode)?;
            startup::mark("window created");
            Ok(())
        })
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Loket berhenti karena kesalahan: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    /// The UI's command wrappers are the ones build.rs wrote from the commands
    /// (written here, as ts-rs writes the types; `make test` fails when the
    /// committed file was stale).
    #[test]
    fn ui_command_wrappers_are_written_from_the_commands() {
        let dir = std::env::var("TS_RS_EXPORT_DIR").unwrap_or_else(|_| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/lib/bindings").into()
        });
        let path = std::path::Path::new(&dir).join("commands.ts");
        std::fs::write(&path, super::COMMANDS_TS).expect("bindings folder is writable");
        assert!(super::COMMANDS.contains(&"list_cases"));
    }
}
