//! Tauri commands: each is one call into `loket-core`.

use loket_core::applicants::{ApplicantInput, FieldReport};
use loket_core::audit::{self, AuditReport};
use loket_core::cases::{
    self, CaseDetail, CasePage, CaseQuery, CaseRow, NewPenerbitan, OpenCase, Organisations,
    RejectReason, TransitionInput,
};
use loket_core::certificates::{self, ExpiringRow};
use loket_core::documents::{self, DocumentRow, Purpose};
use loket_core::letters::{
    self, BatchProgress, BatchResult, Form, Jenis, LetterCase, LetterQuery, LetterRow,
    LetterSettings, NewLetter, SignedFiling,
};
use tauri::State;
use tauri::ipc::Channel;

use crate::error::AppError;
use crate::{AppStatus, Desk, now};
use loket_core::credentials::{self, Credential, CredentialStatus, NewValue};
use loket_core::operators::{
    self, Change, FirstRun, NewOperator, OperatorRow, Password, PasswordChange, Role, SessionInfo,
};

#[tauri::command]
pub async fn app_status(desk: State<'_, Desk>) -> Result<AppStatus, AppError> {
    Ok(desk.status().await)
}

#[tauri::command]
pub async fn review_applicant(
    desk: State<'_, Desk>,
    input: ApplicantInput,
) -> Result<FieldReport, AppError> {
    Ok(cases::review_applicant(&desk.authorize("review_applicant")?.0.db, &input, now()).await?)
}

#[tauri::command]
pub async fn open_penerbitan(
    desk: State<'_, Desk>,
    input: NewPenerbitan,
) -> Result<CaseRow, AppError> {
    let (d, actor) = desk.authorize("open_penerbitan")?;
    Ok(
        cases::open_penerbitan(&d.db, &d.key, &mut rand::rngs::OsRng, &actor, now(), &input)
            .await?,
    )
}

#[tauri::command]
pub async fn list_cases(desk: State<'_, Desk>, query: CaseQuery) -> Result<CasePage, AppError> {
    let (d, _) = desk.authorize("list_cases")?;
    Ok(cases::list_cases(&d.db, &d.key, &query, *now().offset()).await?)
}

#[tauri::command]
pub async fn get_case(desk: State<'_, Desk>, id: i64) -> Result<CaseDetail, AppError> {
    Ok(cases::get_case(&desk.authorize("get_case")?.0.db, id, now().date_naive()).await?)
}

#[tauri::command]
pub async fn open_case(desk: State<'_, Desk>, input: OpenCase) -> Result<CaseRow, AppError> {
    let (d, actor) = desk.authorize("open_case")?;
    Ok(cases::open_case(&d.db, &d.key, &actor, now(), &input).await?)
}

#[tauri::command]
pub async fn transition_case(
    desk: State<'_, Desk>,
    id: i64,
    input: TransitionInput,
) -> Result<CaseDetail, AppError> {
    let (d, actor) = desk.authorize("transition_case")?;
    Ok(cases::transition(&d.db, &d.key, &actor, now(), id, &input).await?)
}

#[tauri::command]
pub async fn check_requirement(
    desk: State<'_, Desk>,
    id: i64,
    code: String,
    checked: bool,
) -> Result<CaseDetail, AppError> {
    let (d, actor) = desk.authorize("check_requirement")?;
    Ok(cases::check_requirement(&d.db, &d.key, &actor, now(), id, &code, checked).await?)
}

#[tauri::command]
pub async fn reopen_case(desk: State<'_, Desk>, id: i64) -> Result<CaseRow, AppError> {
    let (d, actor) = desk.authorize("reopen_case")?;
    Ok(cases::reopen(&d.db, &d.key, &actor, now(), id).await?)
}

#[tauri::command]
pub async fn reject_reasons(desk: State<'_, Desk>) -> Result<Vec<RejectReason>, AppError> {
    Ok(cases::reject_reasons(&desk.authorize("reject_reasons")?.0.db).await?)
}

#[tauri::command]
pub async fn expiring_certificates(desk: State<'_, Desk>) -> Result<Vec<ExpiringRow>, AppError> {
    Ok(certificates::expiring(
        &desk.authorize("expiring_certificates")?.0.db,
        now().date_naive(),
    )
    .await?)
}

#[tauri::command]
pub async fn reveal_nik(desk: State<'_, Desk>, applicant_id: i64) -> Result<String, AppError> {
    let (d, actor) = desk.authorize("reveal_nik")?;
    Ok(loket_core::applicants::reveal(&d.db, &d.key, &actor, now(), applicant_id).await?)
}

#[tauri::command]
pub async fn verify_audit(desk: State<'_, Desk>) -> Result<AuditReport, AppError> {
    let (d, _) = desk.authorize("verify_audit")?;
    Ok(audit::verify_report(&d.db, &d.key).await?)
}

#[tauri::command]
pub async fn attach_document(
    desk: State<'_, Desk>,
    request: tauri::ipc::Request<'_>,
) -> Result<DocumentRow, AppError> {
    let (d, actor) = desk.authorize("attach_document")?;
    let upload = crate::transport::upload(&request)?;
    Ok(documents::attach(
        &d.db,
        &d.key,
        &mut rand::rngs::OsRng,
        &actor,
        now(),
        &upload.as_upload(),
    )
    .await?)
}

#[tauri::command]
pub async fn view_document(
    desk: State<'_, Desk>,
    id: i64,
) -> Result<tauri::ipc::Response, AppError> {
    let (d, actor) = desk.authorize("view_document")?;
    let (_, bytes) = documents::read(&d.db, &d.key, &actor, now(), id, Purpose::View).await?;
    Ok(tauri::ipc::Response::new(bytes))
}

#[tauri::command]
pub async fn export_ktp(desk: State<'_, Desk>, id: i64) -> Result<String, AppError> {
    let (d, actor) = desk.authorize("export_ktp")?;
    let (_, bytes) =
        documents::read(&d.db, &d.key, &actor, now(), id, Purpose::ExportForBsre).await?;
    crate::transport::save_export(&format!("KTP-berkas-{id}.jpg"), &bytes)
}

#[tauri::command]
pub async fn list_organisations(desk: State<'_, Desk>) -> Result<Organisations, AppError> {
    Ok(cases::organisations(&desk.authorize("list_organisations")?.0.db).await?)
}

#[tauri::command]
pub async fn letter_settings(desk: State<'_, Desk>) -> Result<LetterSettings, AppError> {
    Ok(letters::settings(&desk.authorize("letter_settings")?.0.db).await?)
}

#[tauri::command]
pub async fn save_letter_settings(
    desk: State<'_, Desk>,
    settings: LetterSettings,
) -> Result<LetterSettings, AppError> {
    let (d, actor) = desk.authorize("save_letter_settings")?;
    Ok(letters::save_settings(&d.db, &d.key, &actor, now(), &settings).await?)
}

#[tauri::command]
pub async fn set_letter_logo(
    desk: State<'_, Desk>,
    request: tauri::ipc::Request<'_>,
) -> Result<(), AppError> {
    let (d, actor) = desk.authorize("set_letter_logo")?;
    let bytes = crate::transport::raw_body(&request)?;
    Ok(letters::set_logo(&d.db, &d.key, &actor, now(), bytes).await?)
}

#[tauri::command]
pub async fn list_letters(
    desk: State<'_, Desk>,
    query: LetterQuery,
) -> Result<Vec<LetterRow>, AppError> {
    Ok(letters::list(&desk.authorize("list_letters")?.0.db, &query).await?)
}

#[tauri::command]
pub async fn eligible_letter_cases(
    desk: State<'_, Desk>,
    jenis: Jenis,
    instansi: String,
) -> Result<Vec<LetterCase>, AppError> {
    Ok(letters::eligible_cases(
        &desk.authorize("eligible_letter_cases")?.0.db,
        jenis,
        &instansi,
    )
    .await?)
}

#[tauri::command]
pub async fn create_letter(desk: State<'_, Desk>, input: NewLetter) -> Result<LetterRow, AppError> {
    let (d, actor) = desk.authorize("create_letter")?;
    Ok(letters::create_draft(&d.db, &d.key, &actor, now(), &input).await?)
}

#[tauri::command]
pub async fn issue_letter(desk: State<'_, Desk>, id: i64) -> Result<LetterRow, AppError> {
    let (d, actor) = desk.authorize("issue_letter")?;
    Ok(letters::issue(&d.db, &d.key, &actor, now(), id).await?)
}

#[tauri::command]
pub async fn void_letter(
    desk: State<'_, Desk>,
    id: i64,
    reason: String,
) -> Result<LetterRow, AppError> {
    let (d, actor) = desk.authorize("void_letter")?;
    Ok(letters::void(&d.db, &d.key, &actor, now(), id, &reason).await?)
}

#[tauri::command]
pub async fn export_letter(
    desk: State<'_, Desk>,
    id: i64,
    form: Form,
    print: bool,
) -> Result<String, AppError> {
    let (d, actor) = desk.authorize("export_letter")?;
    let (name, bytes) = letters::export(&d.db, &d.key, &actor, now(), id, form).await?;
    crate::transport::save_and_maybe_open(&name, &bytes, print)
}

#[tauri::command]
pub async fn export_receipt(
    desk: State<'_, Desk>,
    case_id: i64,
    print: bool,
) -> Result<String, AppError> {
    let (d, actor) = desk.authorize("export_receipt")?;
    let (name, bytes) = letters::receipt(&d.db, &d.key, &actor, now(), case_id).await?;
    crate::transport::save_and_maybe_open(&name, &bytes, print)
}

#[tauri::command]
pub async fn attach_signed_letter(
    desk: State<'_, Desk>,
    request: tauri::ipc::Request<'_>,
) -> Result<SignedFiling, AppError> {
    let (d, actor) = desk.authorize("attach_signed_letter")?;
    let upload = crate::transport::signed_upload(&request)?;
    Ok(letters::attach_signed(
        &d.db,
        &d.key,
        &mut rand::rngs::OsRng,
        &actor,
        now(),
        &upload.as_upload(),
    )
    .await?)
}

#[tauri::command]
pub async fn export_signed_letter(desk: State<'_, Desk>, id: i64) -> Result<String, AppError> {
    let (d, actor) = desk.authorize("export_signed_letter")?;
    let (_, name, bytes) = letters::read_signed(&d.db, &d.key, &actor, now(), id).await?;
    crate::transport::save_export(&format!("Salinan-bertanda-tangan-{id}-{name}"), &bytes)
}

#[tauri::command]
pub async fn export_letters_batch(
    desk: State<'_, Desk>,
    ids: Vec<i64>,
    form: Form,
    on_progress: Channel<BatchProgress>,
) -> Result<BatchResult, AppError> {
    let (d, actor) = desk.authorize("export_letters_batch")?;
    d.batch_cancel
        .store(false, std::sync::atomic::Ordering::SeqCst);
    let dir = crate::transport::batch_folder(now());
    Ok(letters::export_batch(
        &d.db,
        &d.key,
        &actor,
        now(),
        &ids,
        form,
        &dir,
        &d.batch_cancel,
        |p| {
            let _ = on_progress.send(p);
        },
    )
    .await?)
}

#[tauri::command]
pub fn cancel_letter_batch(desk: State<'_, Desk>) -> Result<(), AppError> {
    let (d, _) = desk.authorize("cancel_letter_batch")?;
    d.batch_cancel
        .store(true, std::sync::atomic::Ordering::SeqCst);
    Ok(())
}

#[tauri::command]
pub async fn first_run_setup(
    desk: State<'_, Desk>,
    input: NewOperator,
) -> Result<FirstRun, AppError> {
    let (d, _) = desk.authorize("first_run_setup")?;
    let (first, session) = operators::first_run(
        &d.db,
        &d.key,
        &d.keys,
        &mut rand::rngs::OsRng,
        now(),
        &input,
    )
    .await?;
    d.set_session(Some(session));
    Ok(first)
}

#[tauri::command]
pub async fn confirm_recovery_key(desk: State<'_, Desk>) -> Result<(), AppError> {
    let (d, actor) = desk.authorize("confirm_recovery_key")?;
    Ok(operators::confirm_recovery(&d.db, &d.key, &actor, now()).await?)
}

#[tauri::command]
pub async fn sign_in(
    desk: State<'_, Desk>,
    username: String,
    password: Password,
    remember: bool,
) -> Result<SessionInfo, AppError> {
    let (d, _) = desk.authorize("sign_in")?;
    let session = operators::sign_in(&d.db, &d.key, now(), &username, &password).await?;
    if remember {
        operators::remember(&d.db, &d.keys, &mut rand::rngs::OsRng, now(), &session).await?;
    }
    let info = session.info();
    d.set_session(Some(session));
    Ok(info)
}

#[tauri::command]
pub async fn unlock_session(
    desk: State<'_, Desk>,
    password: Password,
) -> Result<SessionInfo, AppError> {
    let (d, _) = desk.authorize("unlock_session")?;
    let current = d.session().ok_or_else(|| {
        AppError::from(loket_core::Error::field(
            "password",
            "Tidak ada layar yang terkunci; masuk dengan akun Anda.",
        ))
    })?;
    let session = operators::unlock_session(&d.db, &d.key, now(), &current, &password).await?;
    let info = session.info();
    d.set_session(Some(session));
    Ok(info)
}

#[tauri::command]
pub async fn sign_out(desk: State<'_, Desk>) -> Result<(), AppError> {
    let (d, _) = desk.authorize("sign_out")?;
    if let Some(s) = d.session() {
        operators::sign_out(&d.db, &d.key, &d.keys, now(), &s).await?;
    }
    d.set_session(None);
    Ok(())
}

#[tauri::command]
pub async fn change_password(desk: State<'_, Desk>, input: PasswordChange) -> Result<(), AppError> {
    let (d, _) = desk.authorize("change_password")?;
    let s = d.session().ok_or_else(|| {
        AppError::from(loket_core::Error::SignedOut(
            "Masuk dulu dengan akun Anda.".into(),
        ))
    })?;
    Ok(
        operators::change_password(&d.db, &d.key, &mut rand::rngs::OsRng, now(), &s, &input)
            .await?,
    )
}

#[tauri::command]
pub async fn list_operators(desk: State<'_, Desk>) -> Result<Vec<OperatorRow>, AppError> {
    Ok(operators::list(&desk.authorize("list_operators")?.0.db).await?)
}

#[tauri::command]
pub async fn create_operator(
    desk: State<'_, Desk>,
    input: NewOperator,
) -> Result<OperatorRow, AppError> {
    let (d, actor) = desk.authorize("create_operator")?;
    Ok(operators::create(&d.db, &d.key, &mut rand::rngs::OsRng, &actor, now(), &input).await?)
}

#[tauri::command]
pub async fn change_operator(
    desk: State<'_, Desk>,
    id: i64,
    change: Change,
) -> Result<OperatorRow, AppError> {
    let (d, actor) = desk.authorize("change_operator")?;
    Ok(operators::change(&d.db, &d.key, &actor, now(), id, change).await?)
}

#[tauri::command]
pub async fn set_operator_roles(
    desk: State<'_, Desk>,
    id: i64,
    roles: Vec<Role>,
) -> Result<OperatorRow, AppError> {
    let (d, actor) = desk.authorize("set_operator_roles")?;
    Ok(operators::set_roles(&d.db, &d.key, &actor, now(), id, &roles).await?)
}

#[tauri::command]
pub async fn reset_operator_password(
    desk: State<'_, Desk>,
    id: i64,
    password: Password,
) -> Result<OperatorRow, AppError> {
    let (d, actor) = desk.authorize("reset_operator_password")?;
    Ok(operators::reset_password(
        &d.db,
        &d.key,
        &mut rand::rngs::OsRng,
        &actor,
        now(),
        id,
        &password,
    )
    .await?)
}

#[tauri::command]
pub async fn credential_status(desk: State<'_, Desk>) -> Result<Vec<CredentialStatus>, AppError> {
    Ok(credentials::status(
        &desk.authorize("credential_status")?.0.keys,
    )?)
}

#[tauri::command]
pub async fn set_credential(
    desk: State<'_, Desk>,
    credential: Credential,
    value: NewValue,
) -> Result<(), AppError> {
    let (d, actor) = desk.authorize("set_credential")?;
    Ok(credentials::set(&d.db, &d.key, &d.keys, &actor, now(), credential, &value).await?)
}

#[tauri::command]
pub async fn test_credential(
    desk: State<'_, Desk>,
    credential: Credential,
) -> Result<(), AppError> {
    Ok(credentials::test(
        &desk.authorize("test_credential")?.0.keys,
        credential,
    )?)
}

#[tauri::command]
pub async fn delete_credential(
    desk: State<'_, Desk>,
    credential: Credential,
) -> Result<(), AppError> {
    let (d, actor) = desk.authorize("delete_credential")?;
    Ok(credentials::delete(&d.db, &d.key, &d.keys, &actor, now(), credential).await?)
}

#[tauri::command]
pub async fn submit_kiosk_application(
    desk: State<'_, Desk>,
    input: NewPenerbitan,
) -> Result<String, AppError> {
    let (d, actor) = desk.authorize("submit_kiosk_application")?;
    Ok(
        cases::submit_from_kiosk(&d.db, &d.key, &mut rand::rngs::OsRng, &actor, now(), &input)
            .await?,
    )
}
