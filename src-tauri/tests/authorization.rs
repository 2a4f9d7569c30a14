//! Calls every command of the shell through Tauri's real IPC path (mock
//! runtime, the app's own config and capability files, a real SQLite file and
//! the real OS keyring) as each role and signed out, and checks that exactly
//! the commands the rules allow get past authorization. The rule each
//! command names in its body (read by build.rs into `RULES`; a command naming
//! none does not build) is held to this file's own policy table; a command
//! without a line there, without arguments here or without a capability
//! fails it.
//! Also: the kiosk window's capability admits only kiosk commands, and no IPC
//! response carries a stored secret.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed unwrap is a failed test, with its message"
)]

use loket_app::{COMMANDS, RULES, with_commands};
use loket_core::auth::{self, Rule};
use loket_core::operators::accounts::{self, NewOperator};
use loket_core::operators::passwords::Password;
use loket_core::operators::roles::Role;
use loket_core::operators::tokens;
use loket_core::secrets::OsKeyring;
use loket_core::{Acting, Actor};
use serde_json::{Value, json};
use tauri::Manager;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, mock_builder};
use tauri::webview::InvokeRequest;

const SECRET_MARK: &str = "RAHASIA-IPC-51f0";

fn applicant() -> Value {
    json!({
        "nama": "Uji", "nik": "1", "nik_ulang": "1", "nip": "", "email": "x",
        "telepon": "", "jabatan": "", "unit_kerja": "", "instansi": ""
    })
}

/// Arguments of the right shape for each command (values that change
/// nothing: unknown ids, invalid input). Raw-body commands get bytes.
fn args(cmd: &str) -> (InvokeBody, Vec<(&'static str, String)>) {
    let none = 999_999;
    let j = |v: Value| (InvokeBody::Json(v), vec![]);
    match cmd {
        "app_status"
        | "reject_reasons"
        | "expiring_certificates"
        | "expired_certificates"
        | "verify_audit"
        | "export_audit_checkpoint"
        | "list_organisations"
        | "letter_settings"
        | "list_trust_anchors"
        | "cancel_letter_batch"
        | "confirm_recovery_key"
        | "sign_out"
        | "list_operators"
        | "credential_status"
        | "mail_settings"
        | "outbox" => j(json!({})),
        "save_mail_settings" => j(json!({ "settings": {
            "aktif": true, "host": "", "port": 0, "keamanan": "polos", "pengguna": "",
            "nama_pengirim": "", "alamat_pengirim": "bukan alamat", "ca_pem": "" } })),
        "save_mail_templates" => j(json!({ "templates": [] })),
        "send_test_mail" => j(json!({ "settings": {
            "aktif": true, "host": "", "port": 0, "keamanan": "polos", "pengguna": "",
            "nama_pengirim": "", "alamat_pengirim": "", "ca_pem": "" }, "to": "bukan alamat" })),
        "resend_mail" | "open_whatsapp" => j(json!({ "id": none })),
        "kiosk_survey_questions"
        | "survey_questionnaire"
        | "complaint_categories"
        | "complaint_channels" => j(json!({})),
        "start_kiosk_survey" => j(json!({ "nomor": "bukan nomor", "nikAkhir": "x" })),
        "submit_kiosk_survey" => j(json!({ "nomor": "", "nikAkhir": "", "answers": {
            "nilai": [], "umur": null, "jenis_kelamin": null, "pendidikan": null,
            "pekerjaan": null, "saran": "" } })),
        "record_paper_survey" => j(json!({ "tanggal": "bukan tanggal", "answers": {
            "nilai": [], "umur": null, "jenis_kelamin": null, "pendidikan": null,
            "pekerjaan": null, "saran": "" } })),
        "save_survey_questionnaire" => j(json!({ "questionnaire": { "pertanyaan": [] } })),
        "survey_report" => j(json!({ "query": {
            "jenis": "semester", "tahun": 2026, "ke": 3, "dari": "", "sampai": "" } })),
        "export_survey_report" => j(json!({ "query": {
            "jenis": "semester", "tahun": 2026, "ke": 3, "dari": "", "sampai": "" },
            "format": "pdf", "print": false })),
        "complaints" => j(json!({ "openOnly": true })),
        "register_complaint" => j(json!({ "complaint": {
            "kanal": "", "kategori": "", "isi": "", "petugas": "" } })),
        "step_complaint" => j(json!({ "id": none, "step": {
            "status": "selesai", "petugas": "", "tanggapan": "" } })),
        "save_complaint_categories" => j(json!({ "categories": [] })),
        "save_complaint_channels" => j(json!({ "channels": [] })),
        "expiry_notice_days" | "official_domain" => j(json!({})),
        "save_official_domain" => j(json!({ "domain": "bukan domain" })),
        "save_expiry_notice_days" => j(json!({ "days": { "pertama": 0, "kedua": 0 } })),
        "answer_complaint" => j(json!({ "id": none, "answer": {
            "jawaban": "", "cara": null, "petugas": "" } })),
        "escalate_complaint" => j(json!({ "id": none, "escalation": {
            "pejabat": "", "alasan": "" } })),
        "export_complaint_answer" => j(json!({ "id": none, "print": false })),
        // A correction without a reason is refused before anything is written.
        "correct_complaint" => j(json!({ "id": none, "fix": {
            "kanal": "", "nomor_lapor": "", "kategori": "", "diterima": "", "alasan": "" } })),
        "backup_overview" | "backup_now" | "backup_progress" => j(json!({})),
        "load_import_file" => (
            InvokeBody::Raw(b"bukan tabel".to_vec()),
            vec![("x-filename", "a.csv".into())],
        ),
        // An empty mapping is refused before anything is written.
        "import_dry_run" | "run_import" => {
            j(json!({ "mapping": { "columns": {} }, "onProgress": "__CHANNEL__:7" }))
        }
        "save_import_refused" => j(json!({ "mapping": { "columns": {} } })),
        "cancel_import" | "import_history" => j(json!({})),
        "read_roster_file" => (
            InvokeBody::Raw(b"bukan tabel".to_vec()),
            vec![("x-filename", "a.csv".into())],
        ),
        // A request without a service is refused before anything is written.
        "open_collective" => j(json!({ "input": { "layanan": null, "instansi": "",
            "surat_nomor": "", "surat_tanggal": "", "data_dikonfirmasi": false, "rows": [] } })),
        "list_collectives" => j(json!({})),
        "retention_due" | "retention_history" => j(json!({})),
        // Periods out of bounds and an empty confirmation are refused before any write.
        "save_retention_periods" => j(json!({ "periods": { "berkas_tahun": 0,
            "pemohon_tahun": 0, "kiosk_hari": 0, "surel_bulan": 0 } })),
        "run_retention" => j(json!({ "items": [] })),
        "export_retention_report" => j(json!({ "id": none, "print": false })),
        "get_collective" => j(json!({ "id": none })),
        "draft_collective_letter" => j(json!({ "id": none, "penandatangan": 0 })),
        "export_personal_data" => j(json!({ "id": none })),
        "export_folder" => j(json!({})),
        // A relative path is refused before anything is written.
        "save_export_folder" => j(json!({ "input": { "folder": "bukan/alamat/lengkap" } })),
        // An officer without a name is refused before anything is written.
        "save_privacy_duties" => j(json!({ "input": { "pejabat_nama": "" } })),
        "data_requests" => j(json!({ "applicantId": none })),
        "help_requests" => j(json!({ "applicantId": none })),
        "open_help_requests" => j(json!({})),
        // A request without a topic is refused before anything is written.
        "record_help_request" => {
            j(json!({ "input": { "applicant_id": none, "topik": null, "uraian": "" } }))
        }
        // A step on a request that does not exist writes nothing.
        "help_request_step" => {
            j(json!({ "id": none, "step": { "langkah": "selesai", "hasil": "" } }))
        }
        // An empty request is refused before anything is written.
        "record_data_request" => {
            j(json!({ "input": { "applicant_id": none, "diterima": "", "isi": "" } }))
        }
        "answer_data_request" => {
            j(json!({ "id": none, "answer": { "dikoreksi": false, "alasan": "" } }))
        }
        "processing_record" => j(json!({})),
        "list_corrections" => j(json!({ "query": { "dari": "", "sampai": "", "petugas": "" } })),
        // A correction without a target, a take-back without a reason, an
        // approval of a correction that does not exist: refused before any write.
        "correct_value" => j(
            json!({ "input": { "target": null, "target_id": 0, "field": "",
            "lama": "", "baru": "", "reason": "" } }),
        ),
        "take_back_case" => j(json!({ "id": none, "input": { "status": null, "reason": "",
            "beri_tahu": false } })),
        "approve_correction" | "refuse_correction" => j(json!({ "id": none })),
        "pending_corrections" | "four_eyes" => j(json!({})),
        // A format Loket does not make: refused before anything is written.
        "export_corrections" => j(
            json!({ "query": { "dari": "", "sampai": "", "petugas": "" },
            "format": "doc", "print": false }),
        ),
        "set_four_eyes" => j(json!({ "on": false })),
        "export_processing_record" => j(json!({ "print": false })),
        "list_breaches" => j(json!({})),
        "record_breach" => j(json!({ "input": {
            "ditemukan": "", "uraian": "", "data_terdampak": "", "subjek": "", "jumlah_subjek": "",
            "langkah": "" } })),
        "breach_notified" => j(json!({ "id": none, "pihak": "subjek", "pada": "" })),
        "export_breach_notice" => j(json!({ "id": none, "print": false })),
        "save_backup_settings" => {
            j(json!({ "settings": { "folder": "bukan/alamat/lengkap", "simpan": 0 } }))
        }
        // A file that does not exist: refused before anything is touched.
        "check_backup" | "restore_backup" => {
            j(json!({ "path": "/tidak/ada/loket-cadangan.loketbak" }))
        }
        "review_applicant" => j(json!({ "input": applicant() })),
        "submit_kiosk_application" => j(json!({ "input": {
            "layanan": "penerbitan", "applicant": applicant(), "persetujuan_privasi": true } })),
        "kiosk_inbox" => j(json!({ "all": true })),
        "kiosk_services" => j(json!({})),
        // Empty: refused at its field without counting toward the kiosk's wait
        // (the kiosk account signs in at the same kiosk later in the test).
        "leave_kiosk" => j(json!({ "username": "", "password": "salah-sandi-1" })),
        "check_kiosk_status" => j(json!({ "nomor": "REG-2026-00001", "nikAkhir": "0001" })),
        "open_kiosk_submission" => j(json!({ "id": none })),
        "accept_kiosk_submission" => j(json!({ "id": none, "form": null })),
        "discard_kiosk_submission" => j(json!({ "id": none, "alasan": "uji" })),
        "open_service" => j(json!({ "input": {
            "layanan": null, "kanal": "loket", "applicant_id": null, "applicant": applicant(),
            "sertifikat_luar": null, "form": {}, "note": "" } })),
        "find_people" => j(json!({ "q": "tidak ada" })),
        "get_applicant" => j(json!({ "id": none })),
        "record_certificate" => j(json!({ "applicantId": none, "validity": {
            "valid_from": "", "valid_to": "", "serial": "" } })),
        "correct_applicant" => j(json!({ "id": none, "input": {
            "version": 1, "data": { "nama": "", "nip": "", "email": "", "telepon": "",
            "jabatan": "", "unit_kerja": "", "instansi": "" },
            "nik": "", "nik_ulang": "", "alasan": "" } })),
        "export_form" => j(json!({ "layanan": "penerbitan", "caseId": none, "print": false })),
        "catalogue_settings" => j(json!({})),
        "save_catalogue_settings" => j(json!({ "settings": {
            "penerbitan": [], "pembaruan": [], "perubahan_data": [], "pencabutan": [],
            "alasan_penolakan": [] } })),
        "service_standard" | "calendar_years" | "service_hours" | "desk_dashboard" => j(json!({})),
        "save_service_standard" => {
            j(json!({ "standard": { "nomor_sk": "", "maklumat": "", "layanan": [] } }))
        }
        "export_service_standard" => j(json!({ "print": false })),
        "service_report" => j(json!({ "query": {
            "jenis": "triwulan", "tahun": 2026, "ke": 5, "dari": "", "sampai": "" } })),
        "export_report" => j(json!({ "query": {
            "jenis": "triwulan", "tahun": 2026, "ke": 5, "dari": "", "sampai": "" },
            "format": "pdf", "print": false })),
        "calendar_year" => j(json!({ "tahun": 2026 })),
        "save_calendar_year" => j(json!({ "kalender": {
            "tahun": 1999, "dasar": "", "hari": [], "asal": "kantor" } })),
        "preview_calendar_import" => (
            InvokeBody::Raw(b"bukan kalender".to_vec()),
            vec![("x-filename", "a.csv".into())],
        ),
        "save_service_hours" => j(json!({ "hours": { "minggu": [], "khusus": [] } })),
        "list_cases" => j(json!({ "query": {
            "q": "", "status": null, "layanan": null, "instansi": "", "unit_kerja": "",
            "from": "", "to": "", "antrian": false, "kelompok": null, "urut_tenggat": false, "page": 1, "per_page": 25 } })),
        "get_case"
        | "case_deadline"
        | "reopen_case"
        | "view_document"
        | "export_ktp"
        | "issue_letter"
        | "export_signed_letter" => j(json!({ "id": none })),
        "transition_case" => j(json!({ "id": none, "input": {
            "action": "tolak", "note": "", "ams_ref": "", "reason_code": "", "rejected_by": null,
            "valid_from": "", "valid_to": "", "serial": "" } })),
        "check_requirement" => j(json!({ "id": none, "code": "ktp", "checked": true })),
        "reveal_nik" => j(json!({ "applicantId": none })),
        "attach_document" => (
            InvokeBody::Raw(b"bukan berkas".to_vec()),
            vec![
                ("x-case-id", none.to_string()),
                ("x-kind", "ktp".into()),
                ("x-filename", "a.jpg".into()),
            ],
        ),
        "set_letter_logo" => (InvokeBody::Raw(b"bukan gambar".to_vec()), vec![]),
        "import_trust_anchor" => (InvokeBody::Raw(b"bukan sertifikat".to_vec()), vec![]),
        "remove_trust_anchor" => j(json!({ "fingerprint": "00" })),
        "attach_signed_letter" => (
            InvokeBody::Raw(b"bukan pdf".to_vec()),
            vec![
                ("x-letter-id", none.to_string()),
                ("x-filename", "a.pdf".into()),
            ],
        ),
        "save_letter_settings" => j(json!({ "settings": {} })),
        "list_letters" => {
            j(json!({ "query": { "tahun": null, "jenis": null, "status": null, "case_id": null } }))
        }
        "eligible_letter_cases" => {
            j(json!({ "jenis": "rekomendasi_pendaftaran", "instansi": "tidak ada" }))
        }
        "create_letter" => {
            j(json!({ "input": { "jenis": null, "case_ids": [], "penandatangan": 0 } }))
        }
        "void_letter" => j(json!({ "id": none, "reason": "" })),
        "export_letter" => j(json!({ "id": none, "form": "basah", "print": false })),
        "export_receipt" => j(json!({ "caseId": none, "print": false })),
        "export_letters_batch" => {
            j(json!({ "ids": [none], "form": "basah", "onProgress": "__CHANNEL__:7" }))
        }
        "first_run_setup" | "create_operator" => j(json!({ "input": {
            "username": "x", "nama": "", "roles": [], "password": "p", "password_ulang": "q" } })),
        "sign_in" => j(json!({ "username": "tidak-ada", "password": "salah", "remember": false })),
        "unlock_session" => j(json!({ "password": "salah-sekali" })),
        "change_password" => j(json!({ "input": {
            "password_lama": "salah", "password": "p", "password_ulang": "p" } })),
        "change_operator" => j(json!({ "id": none, "change": "unlock" })),
        "set_operator_roles" => j(json!({ "id": none, "roles": ["operator"] })),
        "reset_operator_password" => j(json!({ "id": none, "password": "pendek" })),
        "set_credential" => j(json!({ "credential": "esign_user", "value": "" })),
        "test_credential" => j(json!({ "credential": "esign_password" })),
        "delete_credential" => j(json!({ "credential": "esign_user" })),
        other => panic!("command {other} has no arguments in this test: add them with its rule"),
    }
}

/// The policy, written out here independently of `loket_core::auth`: who may
/// call each command ("public", "signed_in", or role names). The matrix below
/// holds the app to this table, so a rule changed by mistake fails the test.
fn policy(cmd: &str) -> &'static [&'static str] {
    const DESK: &[&str] = &["operator", "verifikator"];
    match cmd {
        "app_status" | "sign_in" | "first_run_setup" | "unlock_session" | "leave_kiosk"
        | "sign_out" => &["public"],
        "change_password" => &["signed_in"],
        "review_applicant" => &["operator", "verifikator", "kiosk"],
        "submit_kiosk_application"
        | "kiosk_services"
        | "check_kiosk_status"
        | "kiosk_survey_questions"
        | "start_kiosk_survey"
        | "submit_kiosk_survey" => &["kiosk"],
        "record_paper_survey" => DESK,
        "complaints"
        | "register_complaint"
        | "step_complaint"
        | "complaint_categories"
        | "complaint_channels"
        | "answer_complaint"
        | "escalate_complaint"
        | "correct_complaint"
        | "export_complaint_answer" => &["operator", "verifikator", "admin"],
        "retention_due"
        | "save_retention_periods"
        | "run_retention"
        | "retention_history"
        | "export_retention_report" => &["admin"],
        "read_roster_file"
        | "open_collective"
        | "list_collectives"
        | "get_collective"
        | "draft_collective_letter"
        | "open_service"
        | "kiosk_inbox"
        | "open_kiosk_submission"
        | "accept_kiosk_submission"
        | "discard_kiosk_submission"
        | "find_people"
        | "get_applicant"
        | "record_certificate"
        | "export_form"
        | "list_cases"
        | "get_case"
        | "case_deadline"
        | "check_requirement"
        | "reopen_case"
        | "reject_reasons"
        | "expiring_certificates"
        | "expired_certificates"
        | "reveal_nik"
        | "attach_document"
        | "view_document"
        | "export_ktp"
        | "list_organisations"
        | "list_letters"
        | "eligible_letter_cases"
        | "create_letter"
        | "export_letter"
        | "export_receipt"
        | "export_letters_batch"
        | "cancel_letter_batch"
        | "export_personal_data"
        | "data_requests"
        | "record_data_request"
        | "answer_data_request"
        | "help_requests"
        | "open_help_requests"
        | "record_help_request"
        | "help_request_step" => DESK,
        "letter_settings" | "outbox" | "resend_mail" | "open_whatsapp" => {
            &["operator", "verifikator", "admin"]
        }
        "load_import_file"
        | "import_dry_run"
        | "run_import"
        | "cancel_import"
        | "save_import_refused"
        | "import_history" => &["operator", "verifikator", "admin"],
        "transition_case"
        | "correct_applicant"
        | "issue_letter"
        | "void_letter"
        | "attach_signed_letter"
        | "export_signed_letter" => &["verifikator"],
        "save_letter_settings"
        | "set_letter_logo"
        | "list_trust_anchors"
        | "import_trust_anchor"
        | "remove_trust_anchor"
        | "catalogue_settings"
        | "save_catalogue_settings"
        | "save_service_standard"
        | "save_calendar_year"
        | "preview_calendar_import"
        | "save_service_hours"
        | "export_audit_checkpoint"
        | "confirm_recovery_key"
        | "list_operators"
        | "create_operator"
        | "change_operator"
        | "set_operator_roles"
        | "reset_operator_password"
        | "credential_status"
        | "set_credential"
        | "test_credential"
        | "delete_credential"
        | "mail_settings"
        | "save_mail_settings"
        | "save_mail_templates"
        | "send_test_mail"
        | "save_survey_questionnaire"
        | "save_complaint_categories"
        | "save_complaint_channels"
        | "expiry_notice_days"
        | "save_expiry_notice_days"
        | "official_domain"
        | "save_official_domain"
        | "backup_overview"
        | "save_backup_settings"
        | "backup_now"
        | "backup_progress"
        | "check_backup"
        | "restore_backup"
        | "list_breaches"
        | "record_breach"
        | "breach_notified"
        | "export_breach_notice"
        | "export_folder"
        | "save_export_folder"
        | "save_privacy_duties" => &["admin"],
        "correct_value" | "approve_correction" | "refuse_correction" | "pending_corrections" => {
            &["operator", "verifikator"]
        }
        "take_back_case" => &["verifikator"],
        "set_four_eyes" => &["admin"],
        "four_eyes" => &["operator", "verifikator", "admin", "pimpinan"],
        "verify_audit"
        | "processing_record"
        | "export_processing_record"
        | "list_corrections"
        | "export_corrections" => &["admin", "pimpinan"],
        "desk_dashboard" => &["operator", "verifikator", "pimpinan"],
        "service_standard"
        | "service_report"
        | "export_report"
        | "export_service_standard"
        | "calendar_years"
        | "calendar_year"
        | "service_hours"
        | "survey_questionnaire"
        | "survey_report"
        | "export_survey_report" => &["operator", "verifikator", "admin", "pimpinan"],
        other => panic!("command {other} is not in the test's policy table: add who may call it"),
    }
}

/// The rule `cmd` asks in its body, as build.rs read it.
fn rule(cmd: &str) -> Rule {
    RULES
        .iter()
        .find(|(name, _)| *name == cmd)
        .map(|(_, rule)| *rule)
        .unwrap_or_else(|| panic!("{cmd} has no rule in RULES"))
}

fn expected_allowed(cmd: &str, who: Option<&[Role]>) -> bool {
    let p = policy(cmd);
    if p == ["public"] {
        return true;
    }
    let Some(roles) = who else { return false };
    p == ["signed_in"] || roles.iter().any(|r| p.contains(&r.as_str()))
}

fn invoke(w: &tauri::WebviewWindow<MockRuntime>, cmd: &str) -> Result<Value, Value> {
    let (body, headers) = args(cmd);
    invoke_with(w, cmd, body, headers)
}

fn invoke_with(
    w: &tauri::WebviewWindow<MockRuntime>,
    cmd: &str,
    body: InvokeBody,
    headers: Vec<(&'static str, String)>,
) -> Result<Value, Value> {
    let mut map = tauri::http::HeaderMap::new();
    for (k, v) in headers {
        map.insert(k, v.parse().unwrap());
    }
    tauri::test::get_ipc_response(
        w,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body,
            headers: map,
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().unwrap_or(Value::Null))
}

fn kind(e: &Value) -> String {
    e.get("kind")
        .and_then(Value::as_str)
        .unwrap_or("ipc")
        .to_string()
}

struct World {
    _dir: tempfile::TempDir,
    service: String,
    app: tauri::App<MockRuntime>,
}

impl Drop for World {
    fn drop(&mut self) {
        let ring = OsKeyring::with_service(&self.service);
        use loket_core::secrets::KeyStore;
        for name in [
            "data-key",
            "smtp-password",
            "esign-client-user",
            "esign-client-password",
            tokens::REMEMBER_ENTRY,
        ] {
            let _ = ring.delete(name);
        }
    }
}

fn world(tag: &str) -> World {
    let dir = tempfile::tempdir().unwrap();
    let service = format!("id.go.loket.test.ipc.{tag}.{}", std::process::id());
    let url = loket_core::store::sqlite_url(dir.path());
    let desk = tauri::async_runtime::block_on(loket_app::start_with(
        &url,
        OsKeyring::with_service(&service),
    ));
    assert!(desk.ready().is_ok(), "the desk opens");
    let app = with_commands(mock_builder())
        .build(tauri::generate_context!())
        .unwrap();
    app.manage(desk);
    World {
        _dir: dir,
        service,
        app,
    }
}

#[test]
fn every_command_is_allowed_exactly_for_the_roles_its_rule_names() {
    let w = world("matrix");
    let main = tauri::WebviewWindowBuilder::new(&w.app, "main", Default::default())
        .build()
        .unwrap();
    // Kiosk-only commands are granted to the kiosk window alone (tested below).
    let kiosk = tauri::WebviewWindowBuilder::new(&w.app, "kiosk", Default::default())
        .build()
        .unwrap();
    // Every command has a rule (build.rs refuses one without) and arguments here.
    assert_eq!(RULES.len(), COMMANDS.len(), "one rule per command");
    for cmd in COMMANDS {
        let _ = rule(cmd);
        let _ = args(cmd);
    }
    // Operators for each role, created as the desk's admin would.
    let desk = w.app.state::<loket_app::DeskState>();
    let d = desk.ready().unwrap();
    let password = "sandi-uji-matriks-1";
    let roles: [(&str, Vec<Role>); 5] = [
        ("admin1", vec![Role::Admin]),
        ("verif1", vec![Role::Verifikator]),
        ("oper1", vec![Role::Operator]),
        ("kios1", vec![Role::Kiosk]),
        ("pimpinan1", vec![Role::Pimpinan]),
    ];
    tauri::async_runtime::block_on(async {
        for (u, r) in &roles {
            accounts::create(
                &d.db,
                &Acting::new(&d.key, Actor::named("uji"), loket_app::now()),
                &mut rand::rngs::OsRng,
                &NewOperator {
                    username: (*u).into(),
                    nama: (*u).into(),
                    roles: r.clone(),
                    password: Password::from(password),
                    password_ulang: Password::from(password),
                },
            )
            .await
            .unwrap();
        }
    });

    let mut responses = String::new();
    // sign_out last: it ends the session the others run in.
    let mut order: Vec<&str> = COMMANDS
        .iter()
        .copied()
        .filter(|c| *c != "sign_out")
        .collect();
    order.push("sign_out");
    let kiosk_window = capability("kiosk.json");
    let mut checked = 0;
    for who in [None, Some(0), Some(1), Some(2), Some(3), Some(4)] {
        let held: Vec<Role> = match who {
            Some(i) => {
                let (u, r) = &roles[i];
                // Each account signs in at its own window: the kiosk's at the kiosk.
                let at = if r.contains(&Role::Kiosk) {
                    &kiosk
                } else {
                    &main
                };
                let info = invoke_with(
                    at,
                    "sign_in",
                    InvokeBody::Json(
                        json!({ "username": u, "password": password, "remember": false }),
                    ),
                    vec![],
                )
                .unwrap();
                assert_eq!(info["username"], *u);
                if r.contains(&Role::Admin) {
                    // Secrets set through the IPC must never come back through it.
                    let set = invoke_with(
                        &main,
                        "set_credential",
                        InvokeBody::Json(
                            json!({ "credential": "smtp_password", "value": SECRET_MARK }),
                        ),
                        vec![],
                    );
                    assert!(set.is_ok(), "{set:?}");
                }
                r.clone()
            }
            None => vec![],
        };
        for cmd in &order {
            let rule = rule(cmd);
            let by_rule = rule == Rule::Public || (who.is_some() && auth::allows(rule, &held));
            assert_eq!(
                by_rule,
                expected_allowed(cmd, who.map(|_| held.as_slice())),
                "the rule {cmd} asks disagrees with the test's policy"
            );
            // The kiosk account calls what its window grants from there (the
            // rest from the staff window, where it is signed out); staff call
            // the kiosk's own commands from the kiosk window, where they are not.
            let kiosk_account = held.contains(&Role::Kiosk);
            let at_kiosk = loket_app::KIOSK_COMMANDS.contains(cmd)
                || (kiosk_account && kiosk_window.contains(&cmd.to_string()));
            let window = if at_kiosk { &kiosk } else { &main };
            // Who is signed in at the seat of the window called from.
            let seat_roles =
                (who.is_some() && at_kiosk == kiosk_account).then_some(held.as_slice());
            let allowed = expected_allowed(cmd, seat_roles);
            let res = invoke(window, cmd);
            responses.push_str(&format!("{res:?}\n"));
            let refused = match &res {
                Ok(_) => None,
                Err(e) => Some(kind(e)),
            };
            let label = who.map_or("signed out".to_string(), |i| roles[i].0.to_string());
            if allowed {
                assert!(
                    !matches!(
                        refused.as_deref(),
                        Some("forbidden" | "signed_out" | "locked" | "ipc")
                    ),
                    "{cmd} must be allowed for {label}: {res:?}"
                );
            } else {
                let want = if seat_roles.is_some() {
                    "forbidden"
                } else {
                    "signed_out"
                };
                assert_eq!(
                    refused.as_deref(),
                    Some(want),
                    "{cmd} must be refused for {label}: {res:?}"
                );
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 6 * COMMANDS.len());
    assert!(
        !responses.contains(SECRET_MARK),
        "a secret came back through the IPC"
    );
}

#[test]
fn the_kiosk_window_may_call_only_kiosk_commands() {
    let w = world("kiosk");
    let kiosk = tauri::WebviewWindowBuilder::new(&w.app, "kiosk", Default::default())
        .build()
        .unwrap();
    let desk_only = [
        "list_cases",
        "get_case",
        "view_document",
        "open_service",
        "list_letters",
        "first_run_setup",
        "kiosk_inbox",
        "open_kiosk_submission",
        "accept_kiosk_submission",
    ];
    for cmd in desk_only {
        let res = invoke(&kiosk, cmd);
        assert_eq!(
            res.as_ref().err().map(kind).as_deref(),
            Some("ipc"),
            "{cmd} is not in the kiosk capability: {res:?}"
        );
    }
    // The kiosk's own commands pass the capability (and meet the core's rules).
    let res = invoke(&kiosk, "submit_kiosk_application");
    assert_eq!(res.err().map(|e| kind(&e)).as_deref(), Some("signed_out"));
    assert!(invoke(&kiosk, "app_status").is_ok());
}

/// The two windows sign in apart: a staff session gives the kiosk window
/// nothing, a staff account cannot sign in there, and what the kiosk account
/// submits reaches the desk only as a sealed entry of its inbox.
#[test]
fn the_kiosk_window_signs_in_apart_from_the_desk() {
    let w = world("seats");
    let main = tauri::WebviewWindowBuilder::new(&w.app, "main", Default::default())
        .build()
        .unwrap();
    let kiosk = tauri::WebviewWindowBuilder::new(&w.app, "kiosk", Default::default())
        .build()
        .unwrap();
    let desk = w.app.state::<loket_app::DeskState>();
    let d = desk.ready().unwrap();
    let password = "sandi-uji-kursi-1";
    tauri::async_runtime::block_on(async {
        for (u, r) in [("oper1", Role::Operator), ("kios1", Role::Kiosk)] {
            accounts::create(
                &d.db,
                &Acting::new(&d.key, Actor::named("uji"), loket_app::now()),
                &mut rand::rngs::OsRng,
                &NewOperator {
                    username: u.into(),
                    nama: u.into(),
                    roles: vec![r],
                    password: Password::from(password),
                    password_ulang: Password::from(password),
                },
            )
            .await
            .unwrap();
        }
    });
    let sign_in = |w: &tauri::WebviewWindow<MockRuntime>, u: &str| {
        invoke_with(
            w,
            "sign_in",
            InvokeBody::Json(json!({ "username": u, "password": password, "remember": false })),
            vec![],
        )
    };
    let signed_in = |w: &tauri::WebviewWindow<MockRuntime>| {
        invoke(w, "app_status").unwrap()["session"]["username"].clone()
    };
    sign_in(&main, "oper1").unwrap();
    assert_eq!(
        signed_in(&kiosk),
        Value::Null,
        "the desk's session is not the kiosk's"
    );
    let submission = json!({ "input": {
        "layanan": "penerbitan", "persetujuan_privasi": true, "applicant": {
            "nama": "I Made Budi Santoso", "nik": "5171011011670001", "nik_ulang": "5171011011670001",
            "nip": "", "email": "budi@denpasarkota.go.id", "telepon": "081234567890",
            "jabatan": "Analis Persandian", "unit_kerja": "Bidang Persandian",
            "instansi": "Dinas Kominfo dan Statistik" } } });
    let submit = |w: &tauri::WebviewWindow<MockRuntime>| {
        invoke_with(
            w,
            "submit_kiosk_application",
            InvokeBody::Json(submission.clone()),
            vec![],
        )
    };
    assert_eq!(kind(&submit(&kiosk).unwrap_err()), "signed_out");
    let refused = sign_in(&kiosk, "oper1").unwrap_err();
    assert_eq!(
        kind(&refused),
        "invalid",
        "a staff account at the kiosk: {refused:?}"
    );
    assert_eq!(signed_in(&kiosk), Value::Null);

    sign_in(&kiosk, "kios1").unwrap();
    assert_eq!(signed_in(&kiosk), "kios1");
    assert_eq!(
        signed_in(&main),
        "oper1",
        "the kiosk's sign-in leaves the desk's alone"
    );
    let receipt = submit(&kiosk).unwrap();
    assert!(
        receipt["nomor"].as_str().unwrap().starts_with("REG-"),
        "{receipt}"
    );
    assert!(
        !receipt.to_string().contains("5171011011670001"),
        "the receipt carries no NIK"
    );
    let inbox = invoke(&main, "kiosk_inbox").unwrap();
    assert_eq!(inbox[0]["nomor"], receipt["nomor"]);
    assert!(
        !inbox.to_string().contains("Budi"),
        "the inbox list carries no personal data"
    );

    // Signing the kiosk out leaves the desk signed in, and the other way round.
    invoke(&kiosk, "sign_out").unwrap();
    assert_eq!(signed_in(&main), "oper1");
    sign_in(&kiosk, "kios1").unwrap();
    invoke(&main, "sign_out").unwrap();
    assert_eq!(signed_in(&kiosk), "kios1");
}

/// The commands a window's capability file grants.
fn capability(file: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(
        &std::fs::read_to_string(format!(
            "{}/capabilities/{file}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap();
    v["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p.as_str()
                .unwrap()
                .trim_start_matches("allow-")
                .replace('-', "_")
        })
        .collect()
}

#[test]
fn capability_files_match_the_rules() {
    let main = capability("main.json");
    let kiosk = capability("kiosk.json");
    for cmd in COMMANDS {
        let rule = rule(cmd);
        let kiosk_only = loket_app::KIOSK_COMMANDS.contains(cmd);
        if matches!(rule, Rule::Roles(r) if r == [Role::Kiosk]) {
            assert!(
                kiosk_only,
                "{cmd} is for the kiosk role: define it in commands/kiosk.rs"
            );
        }
        assert_eq!(
            main.contains(&cmd.to_string()),
            !kiosk_only,
            "main window and {cmd}"
        );
        if kiosk.contains(&cmd.to_string()) {
            assert!(
                rule == Rule::Public
                    || rule == Rule::SignedIn
                    || auth::allows(rule, &[Role::Kiosk]),
                "kiosk window grants {cmd}"
            );
        }
    }
    assert!(kiosk.contains(&"submit_kiosk_application".to_string()));
}

/// A kiosk PC as `loket --kiosk` opens it: its keyring holds only the
/// office's pinned public key. The kiosk window signs in and submits; the
/// staff window's commands find no desk there.
#[test]
fn a_kiosk_pc_opens_the_kiosk_and_no_desk() {
    use loket_core::kiosk::post;
    use loket_core::secrets::KeyStore;
    let w = world("kioskpc");
    let desk = w.app.state::<loket_app::DeskState>();
    let d = desk.ready().unwrap();
    let password = "sandi-uji-kiosk-pc-1";
    tauri::async_runtime::block_on(async {
        accounts::create(
            &d.db,
            &Acting::new(&d.key, Actor::named("uji"), loket_app::now()),
            &mut rand::rngs::OsRng,
            &NewOperator {
                username: "kios1".into(),
                nama: "kios1".into(),
                roles: vec![Role::Kiosk],
                password: Password::from(password),
                password_ulang: Password::from(password),
            },
        )
        .await
        .unwrap();
    });
    let office = d.key.kiosk_key().to_hex();
    let url = loket_core::store::sqlite_url(w._dir.path());
    let kiosk_service = format!("{}.kioskpc", w.service);
    let ring = OsKeyring::with_service(&kiosk_service);
    post::pin(&ring, &office).unwrap();
    let pc = tauri::async_runtime::block_on(loket_app::start_kiosk(&url, ring.clone()));
    assert_eq!(
        kind(&serde_json::to_value(pc.ready().err().unwrap()).unwrap()),
        "not_ready",
        "a kiosk PC has no desk"
    );
    let app = with_commands(mock_builder())
        .build(tauri::generate_context!())
        .unwrap();
    app.manage(pc);
    let main = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    let kiosk = tauri::WebviewWindowBuilder::new(&app, "kiosk", Default::default())
        .build()
        .unwrap();
    let status = invoke(&kiosk, "app_status").unwrap();
    assert_eq!(status["ready"], true, "{status}");
    let staff = invoke(&main, "app_status").unwrap();
    assert_eq!(staff["ready"], false, "{staff}");
    assert!(staff["problem"].as_str().unwrap().contains("kiosk"));
    invoke_with(
        &kiosk,
        "sign_in",
        InvokeBody::Json(json!({ "username": "kios1", "password": password, "remember": false })),
        vec![],
    )
    .unwrap();
    let receipt = invoke_with(
        &kiosk,
        "submit_kiosk_application",
        InvokeBody::Json(json!({ "input": {
            "layanan": "penerbitan", "persetujuan_privasi": true, "applicant": {
                "nama": "I Made Budi Santoso", "nik": "5171011011670001", "nik_ulang": "5171011011670001",
                "nip": "", "email": "budi@denpasarkota.go.id", "telepon": "081234567890",
                "jabatan": "Analis Persandian", "unit_kerja": "Bidang Persandian",
                "instansi": "Dinas Kominfo dan Statistik" } } })),
        vec![],
    )
    .unwrap();
    assert!(receipt["nomor"].as_str().unwrap().starts_with("REG-"));
    let stage = invoke_with(
        &kiosk,
        "check_kiosk_status",
        InvokeBody::Json(json!({ "nomor": receipt["nomor"], "nikAkhir": "0001" })),
        vec![],
    )
    .unwrap();
    assert_eq!(stage["tahap"], "Menunggu petugas", "{stage}");
    assert!(!stage.to_string().contains("Budi"), "{stage}");
    assert_eq!(
        kind(&invoke(&main, "kiosk_inbox").unwrap_err()),
        "not_ready"
    );
    assert!(ring.get("data-key").unwrap().is_none());
    let _ = ring.delete(post::PINNED_KEY_ENTRY);
}
