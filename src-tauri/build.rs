//! Declares every command Loket's windows may call, so Tauri generates an
//! `allow-<command>` permission for each; capability files grant them per window.

const COMMANDS: &[&str] = &include!("commands.in");

fn main() {
    println!("cargo:rerun-if-changed=commands.in");
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("tauri build step failed: {e:#}");
    }
}
