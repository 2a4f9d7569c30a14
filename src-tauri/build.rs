//! Declares every command Loket's windows may call, so Tauri generates an
//! `allow-<command>` permission for each; capability files grant them per window.

const COMMANDS: &[&str] = &[
    "app_status",
    "review_applicant",
    "open_penerbitan",
    "list_cases",
    "get_case",
    "open_case",
    "transition_case",
    "check_requirement",
    "reopen_case",
    "reject_reasons",
    "expiring_certificates",
    "verify_audit",
    "reveal_nik",
    "attach_document",
    "view_document",
    "export_ktp",
    "list_organisations",
    "letter_settings",
    "save_letter_settings",
    "set_letter_logo",
    "list_letters",
    "eligible_letter_cases",
    "create_letter",
    "issue_letter",
    "void_letter",
    "export_letter",
    "export_receipt",
    "attach_signed_letter",
    "export_signed_letter",
    "export_letters_batch",
    "cancel_letter_batch",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("tauri build step failed: {e:#}");
    }
}
