//! Tauri commands of the desk window: each asks `authorize` first and then
//! makes one call into `loket-core`; commands that move files add the
//! transport step (reading an upload's bytes, saving an export). This file is
//! also the list of commands: build.rs reads it to declare the permissions,
//! the desk window's capability and the UI's typed wrappers.

pub mod backup;
pub mod collective;
pub mod import;
pub mod kiosk;
pub mod mail;
pub mod privacy;
pub mod retention;
pub mod voice;

use loket_core::applicant_page::{self, ApplicantPage};
use loket_core::applicants::changes::{self, Correction};
use loket_core::applicants::check::{ApplicantInput, FieldReport};
use loket_core::applicants::registry::{self, PersonMatch};
use loket_core::audit::AuditReport;
use loket_core::calendar::days::{self, YearCalendar};
use loket_core::calendar::hours::{self, ServiceHours};
use loket_core::calendar::import::{self as calendar_import, ImportPreview};
use loket_core::case_page::{self, CaseDetail};
use loket_core::cases::due::{self, CaseDeadline};
use loket_core::cases::forms::ServiceFormInput;
use loket_core::cases::intake::{self, NewService};
use loket_core::cases::record::CaseRow;
use loket_core::cases::search::{self, CasePage, CaseQuery, Organisations};
use loket_core::cases::transitions::{self, TransitionInput};
use loket_core::certificates::{self, CertificateRow, ExpiringRow, Validity};
use loket_core::credentials::{self, Credential, CredentialStatus};
use loket_core::dashboard::{self, Dashboard};
use loket_core::desk::Seat;
use loket_core::document::pdf::Form;
use loket_core::documents::{self, DocumentRow, Purpose};
use loket_core::kiosk::inbox::{self, InboxItem, OpenedSubmission};
use loket_core::letters::export::{self, BatchProgress, BatchResult};
use loket_core::letters::register::{self, LetterCase, LetterQuery, LetterRow, NewLetter};
use loket_core::letters::signed::{self, SignedFiling};
use loket_core::lifecycle::vocabulary::Layanan;
use loket_core::office::kinds::Jenis;
use loket_core::office::settings::{self, LetterSettings};
use loket_core::operators::accounts::{self, Change, NewOperator, OperatorRow, PasswordChange};
use loket_core::operators::recovery::{self, FirstRun};
use loket_core::operators::roles::Role;
use loket_core::operators::sessions::SessionInfo;
use loket_core::pdfsig::anchors::{self, TrustAnchor};
use loket_core::reports::figures::{self as report_figures, Report};
use loket_core::reports::period::ReportQuery;
use loket_core::secrets::SecretText;
use loket_core::standard::keep as standard;
use loket_core::standard::model::{Standard, StandardView};
use rand::rngs::OsRng;
use tauri::ipc::{Channel, Request, Response};
use tauri::{Runtime, State, Window};

use crate::error::AppError;
use crate::state::{AppStatus, DeskState};
use crate::transport;
use loket_core::cases::checklist;
use loket_core::catalogue;
use loket_core::catalogue::CatalogueSettings;
use loket_core::catalogue::RejectReason;

/// Whether Loket could start, where its data lives, and who is signed in at this window.
#[tauri::command]
pub async fn app_status<R: Runtime>(
    desk: State<'_, DeskState>,
    window: Window<R>,
) -> Result<AppStatus, AppError> {
    crate::startup::first_call();
    Ok(desk.status(seat(&window)).await)
}

/// The seat of the calling window: the kiosk window signs in apart.
fn seat<R: Runtime>(window: &Window<R>) -> Seat {
    Seat::of_window(window.label())
}

/// Checks an applicant form without saving: errors and warnings per field.
#[tauri::command]
pub async fn review_applicant<R: Runtime>(
    desk: State<'_, DeskState>,
    window: Window<R>,
    input: ApplicantInput,
) -> Result<FieldReport, AppError> {
    let here = seat(&window);
    let answer = async {
        let db = desk.authorize_db(here, "review_applicant").await?;
        Ok(intake::review_applicant(db, &input, crate::state::now().date_naive()).await?)
    };
    answer.await.map_err(|e: AppError| match here {
        Seat::Kiosk => e.at_kiosk(),
        Seat::Desk => e,
    })
}

/// Opens any service for a walk-in: a person on record or one registered in the same form.
#[tauri::command]
pub async fn open_service(
    desk: State<'_, DeskState>,
    input: NewService,
) -> Result<CaseRow, AppError> {
    let (d, act) = desk.authorize("open_service").await?;
    Ok(intake::open_service(&d.db, &act, &mut OsRng, &input).await?)
}

/// The kiosk inbox, newest first: the waiting submissions, or every one with `all`.
#[tauri::command]
pub async fn kiosk_inbox(
    desk: State<'_, DeskState>,
    all: bool,
) -> Result<Vec<InboxItem>, AppError> {
    let (d, _) = desk.authorize("kiosk_inbox").await?;
    Ok(inbox::list(&d.db, all).await?)
}

/// Opens a kiosk submission at the desk (audited).
#[tauri::command]
pub async fn open_kiosk_submission(
    desk: State<'_, DeskState>,
    id: i64,
) -> Result<OpenedSubmission, AppError> {
    let (d, act) = desk.authorize("open_kiosk_submission").await?;
    Ok(inbox::open(&d.db, &act, id).await?)
}

/// Accepts a kiosk submission as a case under the applicant's registration
/// number, with the service part as the desk completed it (or as sent).
#[tauri::command]
pub async fn accept_kiosk_submission(
    desk: State<'_, DeskState>,
    id: i64,
    form: Option<ServiceFormInput>,
) -> Result<CaseRow, AppError> {
    let (d, act) = desk.authorize("accept_kiosk_submission").await?;
    Ok(inbox::accept(&d.db, &act, &mut OsRng, id, form.as_ref()).await?)
}

/// Discards a kiosk submission with a reason.
#[tauri::command]
pub async fn discard_kiosk_submission(
    desk: State<'_, DeskState>,
    id: i64,
    alasan: String,
) -> Result<(), AppError> {
    let (d, act) = desk.authorize("discard_kiosk_submission").await?;
    Ok(inbox::discard(&d.db, &act, id, &alasan).await?)
}

/// People on record matching a NIK, a NIP or the beginning of a name.
#[tauri::command]
pub async fn find_people(
    desk: State<'_, DeskState>,
    q: String,
) -> Result<Vec<PersonMatch>, AppError> {
    let (d, _) = desk.authorize("find_people").await?;
    Ok(registry::find_people(&d.db, &d.key, &q).await?)
}

/// A person's page: data, certificates, cases and the history of changes.
#[tauri::command]
pub async fn get_applicant(desk: State<'_, DeskState>, id: i64) -> Result<ApplicantPage, AppError> {
    let (d, act) = desk.authorize("get_applicant").await?;
    Ok(applicant_page::get_applicant(&d.db, id, act.today()).await?)
}

/// Records a certificate the person holds from before the office used Loket.
#[tauri::command]
pub async fn record_certificate(
    desk: State<'_, DeskState>,
    applicant_id: i64,
    validity: Validity,
) -> Result<CertificateRow, AppError> {
    let (d, act) = desk.authorize("record_certificate").await?;
    Ok(certificates::record_external(&d.db, &act, applicant_id, &validity).await?)
}

/// Corrects a typo in a person's record, with the reason (kept in the history).
#[tauri::command]
pub async fn correct_applicant(
    desk: State<'_, DeskState>,
    id: i64,
    input: Correction,
) -> Result<(), AppError> {
    let (d, act) = desk.authorize("correct_applicant").await?;
    Ok(changes::correct(&d.db, &act, &mut OsRng, id, &input).await?)
}

/// Saves an application form in Downloads: blank, or filled from a case; `print` opens it.
#[tauri::command]
pub async fn export_form(
    desk: State<'_, DeskState>,
    layanan: Layanan,
    case_id: Option<i64>,
    print: bool,
) -> Result<String, AppError> {
    let (d, act) = desk.authorize("export_form").await?;
    let (name, bytes) = export::application_form(&d.db, &act, layanan, case_id).await?;
    transport::save_and_maybe_open(&name, &bytes, print)
}

/// The checklists of the four services and the rejection reasons.
#[tauri::command]
pub async fn catalogue_settings(desk: State<'_, DeskState>) -> Result<CatalogueSettings, AppError> {
    let (d, _) = desk.authorize("catalogue_settings").await?;
    Ok(catalogue::catalogue(&d.db).await?)
}

/// Saves the checklists and rejection reasons, every row checked first.
#[tauri::command]
pub async fn save_catalogue_settings(
    desk: State<'_, DeskState>,
    settings: CatalogueSettings,
) -> Result<CatalogueSettings, AppError> {
    let (d, act) = desk.authorize("save_catalogue_settings").await?;
    Ok(catalogue::save_catalogue(&d.db, &act, &settings).await?)
}

/// One page of cases for the search box, filters or the desk's queue.
#[tauri::command]
pub async fn list_cases(
    desk: State<'_, DeskState>,
    query: CaseQuery,
) -> Result<CasePage, AppError> {
    let (d, act) = desk.authorize("list_cases").await?;
    Ok(search::list_cases(&d.db, &d.key, &query, act.now()).await?)
}

/// The home screen's counts: due today, overdue, waiting, new, expiring, kiosk.
#[tauri::command]
pub async fn desk_dashboard(desk: State<'_, DeskState>) -> Result<Dashboard, AppError> {
    let (d, act) = desk.authorize("desk_dashboard").await?;
    Ok(dashboard::dashboard(&d.db, act.key(), act.now()).await?)
}

/// The report of a period: per service, instansi, unit and staff, reasons, trend.
#[tauri::command]
pub async fn service_report(
    desk: State<'_, DeskState>,
    query: ReportQuery,
) -> Result<Report, AppError> {
    let (d, act) = desk.authorize("service_report").await?;
    Ok(report_figures::report(&d.db, &query, act.now()).await?)
}

/// Saves the report of a period in Downloads as `format` (xlsx, csv or
/// pdf); `print` opens it.
#[tauri::command]
pub async fn export_report(
    desk: State<'_, DeskState>,
    query: ReportQuery,
    format: String,
    print: bool,
) -> Result<String, AppError> {
    let (d, act) = desk.authorize("export_report").await?;
    let r = report_figures::report(&d.db, &query, act.now()).await?;
    let (name, bytes) = loket_core::reports::export::export(&d.db, &act, &r, &format).await?;
    transport::save_and_maybe_open(&name, &bytes, print)
}

/// A case with everything its page shows.
#[tauri::command]
pub async fn get_case(desk: State<'_, DeskState>, id: i64) -> Result<CaseDetail, AppError> {
    let (d, act) = desk.authorize("get_case").await?;
    Ok(case_page::get_case(&d.db, id, act.today()).await?)
}

/// A case's deadline under the service standard, computed from its history now.
#[tauri::command]
pub async fn case_deadline(desk: State<'_, DeskState>, id: i64) -> Result<CaseDeadline, AppError> {
    let (d, act) = desk.authorize("case_deadline").await?;
    Ok(due::of_case(&d.db, id, act.now()).await?)
}

/// Moves a case on by one action (the page reads the case again after).
#[tauri::command]
pub async fn transition_case(
    desk: State<'_, DeskState>,
    id: i64,
    input: TransitionInput,
) -> Result<(), AppError> {
    let (d, act) = desk.authorize("transition_case").await?;
    Ok(transitions::transition(&d.db, &act, id, &input).await?)
}

/// Ticks or unticks one item of a case's checklist.
#[tauri::command]
pub async fn check_requirement(
    desk: State<'_, DeskState>,
    id: i64,
    code: String,
    checked: bool,
) -> Result<(), AppError> {
    let (d, act) = desk.authorize("check_requirement").await?;
    Ok(checklist::check_requirement(&d.db, &act, id, &code, checked).await?)
}

/// Re-applies a rejected case as a new linked case.
#[tauri::command]
pub async fn reopen_case(desk: State<'_, DeskState>, id: i64) -> Result<CaseRow, AppError> {
    let (d, act) = desk.authorize("reopen_case").await?;
    Ok(intake::reopen(&d.db, &act, id).await?)
}

/// The office's rejection reasons.
#[tauri::command]
pub async fn reject_reasons(desk: State<'_, DeskState>) -> Result<Vec<RejectReason>, AppError> {
    let (d, _) = desk.authorize("reject_reasons").await?;
    Ok(catalogue::reject_reasons(&d.db).await?)
}

/// Active certificates nearing their end.
#[tauri::command]
pub async fn expiring_certificates(
    desk: State<'_, DeskState>,
) -> Result<Vec<ExpiringRow>, AppError> {
    let (d, act) = desk.authorize("expiring_certificates").await?;
    Ok(certificates::expiring(&d.db, act.today()).await?)
}

/// Walks the audit log's hash chain.
#[tauri::command]
pub async fn verify_audit(desk: State<'_, DeskState>) -> Result<AuditReport, AppError> {
    let (d, _) = desk.authorize("verify_audit").await?;
    Ok(d.verify_audit(None).await?)
}

/// Saves the audit log's checkpoint (a small file with a MAC) in Downloads, for
/// the office to keep elsewhere; returns its path.
#[tauri::command]
pub async fn export_audit_checkpoint(desk: State<'_, DeskState>) -> Result<String, AppError> {
    let (d, act) = desk.authorize("export_audit_checkpoint").await?;
    let (name, bytes) = d.export_checkpoint(act.now()).await?;
    transport::save_export(&name, &bytes)
}

/// Decrypts an applicant's NIK for display; the view is in the audit log first.
#[tauri::command]
pub async fn reveal_nik(desk: State<'_, DeskState>, applicant_id: i64) -> Result<String, AppError> {
    let (d, act) = desk.authorize("reveal_nik").await?;
    Ok(registry::reveal(&d.db, &act, applicant_id).await?)
}

/// Attaches a document: the raw bytes, with `x-case-id`, `x-kind` and `x-filename` headers.
#[tauri::command]
pub async fn attach_document(
    desk: State<'_, DeskState>,
    request: Request<'_>,
) -> Result<DocumentRow, AppError> {
    let (d, act) = desk.authorize("attach_document").await?;
    let upload = transport::upload(&request)?;
    Ok(documents::attach(&d.db, &act, &mut OsRng, &upload.as_upload()).await?)
}

/// A document's decrypted content; the view is in the audit log first.
#[tauri::command]
pub async fn view_document(desk: State<'_, DeskState>, id: i64) -> Result<Response, AppError> {
    let (d, act) = desk.authorize("view_document").await?;
    let (_, bytes) = documents::read(&d.db, &act, id, Purpose::View).await?;
    Ok(Response::new(bytes))
}

/// Saves a KTP copy within BSrE's limit in Downloads; returns its path.
#[tauri::command]
pub async fn export_ktp(desk: State<'_, DeskState>, id: i64) -> Result<String, AppError> {
    let (d, act) = desk.authorize("export_ktp").await?;
    let (_, bytes) = documents::read(&d.db, &act, id, Purpose::ExportForBsre).await?;
    transport::save_personal(d, &format!("KTP-berkas-{id}.jpg"), &bytes).await
}

/// The instansi and unit kerja on record, for the list filters.
#[tauri::command]
pub async fn list_organisations(desk: State<'_, DeskState>) -> Result<Organisations, AppError> {
    let (d, _) = desk.authorize("list_organisations").await?;
    Ok(search::organisations(&d.db).await?)
}

/// The letter settings, defaults filled in.
#[tauri::command]
pub async fn letter_settings(desk: State<'_, DeskState>) -> Result<LetterSettings, AppError> {
    let (d, _) = desk.authorize("letter_settings").await?;
    Ok(settings::settings(&d.db).await?)
}

/// Saves the letter settings, every field checked first.
#[tauri::command]
pub async fn save_letter_settings(
    desk: State<'_, DeskState>,
    settings: LetterSettings,
) -> Result<LetterSettings, AppError> {
    let (d, act) = desk.authorize("save_letter_settings").await?;
    Ok(settings::save_settings(&d.db, &act, &settings).await?)
}

/// The Standar Pelayanan and its fourteen components per service.
#[tauri::command]
pub async fn service_standard(desk: State<'_, DeskState>) -> Result<StandardView, AppError> {
    let (d, _) = desk.authorize("service_standard").await?;
    Ok(standard::view(&d.db).await?)
}

/// Saves the Standar Pelayanan, every field checked first.
#[tauri::command]
pub async fn save_service_standard(
    desk: State<'_, DeskState>,
    standard: Standard,
) -> Result<StandardView, AppError> {
    let (d, act) = desk.authorize("save_service_standard").await?;
    standard::save(&d.db, &act, &standard).await?;
    Ok(standard::view(&d.db).await?)
}

/// Saves the Standar Pelayanan as a PDF in Downloads; `print` opens it.
#[tauri::command]
pub async fn export_service_standard(
    desk: State<'_, DeskState>,
    print: bool,
) -> Result<String, AppError> {
    let (d, act) = desk.authorize("export_service_standard").await?;
    let (name, bytes) = loket_core::standard::document::pdf(&d.db, &act).await?;
    transport::save_and_maybe_open(&name, &bytes, print)
}

/// The years with a working-day calendar.
#[tauri::command]
pub async fn calendar_years(desk: State<'_, DeskState>) -> Result<Vec<i32>, AppError> {
    let (d, _) = desk.authorize("calendar_years").await?;
    Ok(days::years(&d.db).await?)
}

/// One year's days off, or `null` when the year has no calendar.
#[tauri::command]
pub async fn calendar_year(
    desk: State<'_, DeskState>,
    tahun: i32,
) -> Result<Option<YearCalendar>, AppError> {
    let (d, _) = desk.authorize("calendar_year").await?;
    Ok(days::year(&d.db, tahun).await?)
}

/// Saves a year's days off, checked first; deadlines follow at once.
#[tauri::command]
pub async fn save_calendar_year(
    desk: State<'_, DeskState>,
    kalender: YearCalendar,
) -> Result<YearCalendar, AppError> {
    let (d, act) = desk.authorize("save_calendar_year").await?;
    Ok(days::save_year(&d.db, &act, &kalender).await?)
}

/// Reads a CSV or iCalendar file (raw bytes, `x-filename`, optional
/// `x-tahun`) into a preview; saves nothing.
#[tauri::command]
pub async fn preview_calendar_import(
    desk: State<'_, DeskState>,
    request: Request<'_>,
) -> Result<ImportPreview, AppError> {
    let (d, _) = desk.authorize("preview_calendar_import").await?;
    let (name, bytes) = transport::named_file(&request)?;
    let year = transport::number_header(&request, "x-tahun");
    Ok(calendar_import::preview(&d.db, &name, bytes, year).await?)
}

/// The service hours per weekday and their special ranges.
#[tauri::command]
pub async fn service_hours(desk: State<'_, DeskState>) -> Result<ServiceHours, AppError> {
    let (d, _) = desk.authorize("service_hours").await?;
    Ok(hours::hours(&d.db).await?)
}

/// Saves the service hours, checked first.
#[tauri::command]
pub async fn save_service_hours(
    desk: State<'_, DeskState>,
    hours: ServiceHours,
) -> Result<ServiceHours, AppError> {
    let (d, act) = desk.authorize("save_service_hours").await?;
    Ok(hours::save_hours(&d.db, &act, &hours).await?)
}

/// Sets the letterhead logo from the raw bytes of a PNG or JPEG.
#[tauri::command]
pub async fn set_letter_logo(
    desk: State<'_, DeskState>,
    request: Request<'_>,
) -> Result<(), AppError> {
    let (d, act) = desk.authorize("set_letter_logo").await?;
    let bytes = transport::raw_body(&request)?;
    Ok(settings::set_logo(&d.db, &act, bytes).await?)
}

/// The trust anchors a returned signature may chain to.
#[tauri::command]
pub async fn list_trust_anchors(desk: State<'_, DeskState>) -> Result<Vec<TrustAnchor>, AppError> {
    let (d, act) = desk.authorize("list_trust_anchors").await?;
    Ok(anchors::list(&d.db, act.key()).await?)
}

/// Imports the certificates of a PEM or DER file (the raw bytes) as trust anchors.
#[tauri::command]
pub async fn import_trust_anchor(
    desk: State<'_, DeskState>,
    request: Request<'_>,
) -> Result<Vec<TrustAnchor>, AppError> {
    let (d, act) = desk.authorize("import_trust_anchor").await?;
    let bytes = transport::raw_body(&request)?;
    Ok(anchors::import(&d.db, &act, bytes).await?)
}

/// Removes the trust anchor with this SHA-256 fingerprint.
#[tauri::command]
pub async fn remove_trust_anchor(
    desk: State<'_, DeskState>,
    fingerprint: String,
) -> Result<Vec<TrustAnchor>, AppError> {
    let (d, act) = desk.authorize("remove_trust_anchor").await?;
    Ok(anchors::remove(&d.db, &act, &fingerprint).await?)
}

/// The register of letters.
#[tauri::command]
pub async fn list_letters(
    desk: State<'_, DeskState>,
    query: LetterQuery,
) -> Result<Vec<LetterRow>, AppError> {
    let (d, _) = desk.authorize("list_letters").await?;
    Ok(register::list(&d.db, &query).await?)
}

/// Complete cases of an instansi without a recommendation yet.
#[tauri::command]
pub async fn eligible_letter_cases(
    desk: State<'_, DeskState>,
    jenis: Jenis,
    instansi: String,
) -> Result<Vec<LetterCase>, AppError> {
    let (d, _) = desk.authorize("eligible_letter_cases").await?;
    Ok(register::eligible_cases(&d.db, jenis, &instansi).await?)
}

/// Drafts a letter for one case, or a collective one.
#[tauri::command]
pub async fn create_letter(
    desk: State<'_, DeskState>,
    input: NewLetter,
) -> Result<LetterRow, AppError> {
    let (d, act) = desk.authorize("create_letter").await?;
    Ok(register::create_draft(&d.db, &act, &input).await?)
}

/// Takes the next number from the register; a number is never reused.
#[tauri::command]
pub async fn issue_letter(desk: State<'_, DeskState>, id: i64) -> Result<LetterRow, AppError> {
    let (d, act) = desk.authorize("issue_letter").await?;
    Ok(register::issue(&d.db, &act, id).await?)
}

/// Voids a letter; its number stays in the register.
#[tauri::command]
pub async fn void_letter(
    desk: State<'_, DeskState>,
    id: i64,
    reason: String,
) -> Result<LetterRow, AppError> {
    let (d, act) = desk.authorize("void_letter").await?;
    Ok(register::void(&d.db, &act, id, &reason).await?)
}

/// Saves a letter's PDF in Downloads and returns its path; `print` opens it in the PDF viewer.
#[tauri::command]
pub async fn export_letter(
    desk: State<'_, DeskState>,
    id: i64,
    form: Form,
    print: bool,
) -> Result<String, AppError> {
    let (d, act) = desk.authorize("export_letter").await?;
    let (name, bytes) = export::export(&d.db, &act, id, form).await?;
    transport::save_and_maybe_open(&name, &bytes, print)
}

/// Saves a case's receipt in Downloads; `print` opens it in the PDF viewer.
#[tauri::command]
pub async fn export_receipt(
    desk: State<'_, DeskState>,
    case_id: i64,
    print: bool,
) -> Result<String, AppError> {
    let (d, act) = desk.authorize("export_receipt").await?;
    let (name, bytes) = export::receipt(&d.db, &act, case_id).await?;
    transport::save_and_maybe_open(&name, &bytes, print)
}

/// Files a letter's signed copy: the raw bytes, with `x-letter-id` and `x-filename` headers.
#[tauri::command]
pub async fn attach_signed_letter(
    desk: State<'_, DeskState>,
    request: Request<'_>,
) -> Result<SignedFiling, AppError> {
    let (d, act) = desk.authorize("attach_signed_letter").await?;
    let upload = transport::signed_upload(&request)?;
    Ok(signed::attach_signed(&d.db, &act, &mut OsRng, &upload.as_upload()).await?)
}

/// Saves a letter's signed copy in Downloads; returns its path.
#[tauri::command]
pub async fn export_signed_letter(desk: State<'_, DeskState>, id: i64) -> Result<String, AppError> {
    let (d, act) = desk.authorize("export_signed_letter").await?;
    let (_, name, bytes) = signed::read_signed(&d.db, &act, id).await?;
    transport::save_personal(d, &format!("Salinan-bertanda-tangan-{id}-{name}"), &bytes).await
}

/// Exports many letters into a new Downloads folder, reporting after each.
#[tauri::command]
pub async fn export_letters_batch(
    desk: State<'_, DeskState>,
    ids: Vec<i64>,
    form: Form,
    on_progress: Channel<BatchProgress>,
) -> Result<BatchResult, AppError> {
    let (d, act) = desk.authorize("export_letters_batch").await?;
    let dir = transport::batch_folder(act.now());
    Ok(
        export::export_batch(&d.db, &act, &ids, form, &dir, &d.batch, |p| {
            let _ = on_progress.send(p);
        })
        .await?,
    )
}

/// Stops a running batch export after the letter it is writing.
#[tauri::command]
pub async fn cancel_letter_batch(desk: State<'_, DeskState>) -> Result<(), AppError> {
    let (d, _) = desk.authorize("cancel_letter_batch").await?;
    d.batch.request();
    Ok(())
}

/// First run: the first admin and the recovery key (shown once).
#[tauri::command]
pub async fn first_run_setup(
    desk: State<'_, DeskState>,
    input: NewOperator,
) -> Result<FirstRun, AppError> {
    let (d, act) = desk.authorize("first_run_setup").await?;
    Ok(d.first_run(act.now(), &mut OsRng, &input).await?)
}

/// Records that the first admin wrote the recovery key down.
#[tauri::command]
pub async fn confirm_recovery_key(desk: State<'_, DeskState>) -> Result<(), AppError> {
    let (d, act) = desk.authorize("confirm_recovery_key").await?;
    Ok(recovery::confirm_recovery(&d.db, &act).await?)
}

/// Signs an operator in at this window.
#[tauri::command]
pub async fn sign_in<R: Runtime>(
    desk: State<'_, DeskState>,
    window: Window<R>,
    username: String,
    password: SecretText,
    remember: bool,
) -> Result<SessionInfo, AppError> {
    desk.sign_in(seat(&window), &username, &password, remember)
        .await
}

/// Opens the locked screen with the same operator's password.
#[tauri::command]
pub async fn unlock_session<R: Runtime>(
    desk: State<'_, DeskState>,
    window: Window<R>,
    password: SecretText,
) -> Result<SessionInfo, AppError> {
    desk.unlock(seat(&window), &password).await
}

/// Signs out and forgets this desk's remembered sign-in.
#[tauri::command]
pub async fn sign_out<R: Runtime>(
    desk: State<'_, DeskState>,
    window: Window<R>,
) -> Result<(), AppError> {
    desk.sign_out(seat(&window)).await
}

/// The signed-in operator changes their own password.
#[tauri::command]
pub async fn change_password(
    desk: State<'_, DeskState>,
    input: PasswordChange,
) -> Result<(), AppError> {
    let (d, act) = desk.authorize("change_password").await?;
    Ok(d.change_password(act.now(), &mut OsRng, &input).await?)
}

/// Every operator account.
#[tauri::command]
pub async fn list_operators(desk: State<'_, DeskState>) -> Result<Vec<OperatorRow>, AppError> {
    let (d, _) = desk.authorize("list_operators").await?;
    Ok(accounts::list(&d.db).await?)
}

/// Creates an operator account.
#[tauri::command]
pub async fn create_operator(
    desk: State<'_, DeskState>,
    input: NewOperator,
) -> Result<OperatorRow, AppError> {
    let (d, act) = desk.authorize("create_operator").await?;
    Ok(accounts::create(&d.db, &act, &mut OsRng, &input).await?)
}

/// Unlocks, deactivates or reactivates an operator.
#[tauri::command]
pub async fn change_operator(
    desk: State<'_, DeskState>,
    id: i64,
    change: Change,
) -> Result<OperatorRow, AppError> {
    let (d, act) = desk.authorize("change_operator").await?;
    Ok(accounts::change(&d.db, &act, id, change).await?)
}

/// Sets an operator's roles.
#[tauri::command]
pub async fn set_operator_roles(
    desk: State<'_, DeskState>,
    id: i64,
    roles: Vec<Role>,
) -> Result<OperatorRow, AppError> {
    let (d, act) = desk.authorize("set_operator_roles").await?;
    Ok(accounts::set_roles(&d.db, &act, id, &roles).await?)
}

/// Sets a new password for an operator who forgot theirs.
#[tauri::command]
pub async fn reset_operator_password(
    desk: State<'_, DeskState>,
    id: i64,
    password: SecretText,
) -> Result<OperatorRow, AppError> {
    let (d, act) = desk.authorize("reset_operator_password").await?;
    Ok(accounts::reset_password(&d.db, &act, &mut OsRng, id, &password).await?)
}

/// Whether each credential is in the keyring (never its value).
#[tauri::command]
pub async fn credential_status(
    desk: State<'_, DeskState>,
) -> Result<Vec<CredentialStatus>, AppError> {
    let (d, _) = desk.authorize("credential_status").await?;
    Ok(credentials::status(&*d.keys)?)
}

/// Puts a credential into the OS keyring; it never comes back.
#[tauri::command]
pub async fn set_credential(
    desk: State<'_, DeskState>,
    credential: Credential,
    value: SecretText,
) -> Result<(), AppError> {
    let (d, act) = desk.authorize("set_credential").await?;
    Ok(credentials::set(&d.db, &act, &*d.keys, credential, &value).await?)
}

/// Checks that the keyring gives a credential back.
#[tauri::command]
pub async fn test_credential(
    desk: State<'_, DeskState>,
    credential: Credential,
) -> Result<(), AppError> {
    let (d, _) = desk.authorize("test_credential").await?;
    Ok(credentials::test(&*d.keys, credential)?)
}

/// Removes a credential from the keyring.
#[tauri::command]
pub async fn delete_credential(
    desk: State<'_, DeskState>,
    credential: Credential,
) -> Result<(), AppError> {
    let (d, act) = desk.authorize("delete_credential").await?;
    Ok(credentials::delete(&d.db, &act, &*d.keys, credential).await?)
}
