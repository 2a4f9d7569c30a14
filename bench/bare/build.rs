//! Tauri build step of the bare comparison window.
fn main() {
    tauri_build::build();
}
