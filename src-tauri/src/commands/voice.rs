//! Tauri commands of the public's voice at the desk: the satisfaction
//! survey (its questionnaire, paper forms typed in, the IKM report and its
//! export) and the complaints register. Each asks `authorize` first and then
//! makes one call into `loket-core`; build.rs reads this file with
//! `commands.rs`.

use loket_core::auth::rules::{ADMIN, DESK, DESK_AND_ADMIN, STAFF};
use loket_core::complaints::duties::{self, ComplaintAnswer, ComplaintEscalation};
use loket_core::complaints::fix::{self, ComplaintFix};
use loket_core::complaints::register::{self, ComplaintRow, ComplaintStep, NewComplaint};
use loket_core::complaints::settings::{self as complaint_settings, KanalPengaduan, Kategori};
use loket_core::reports::period::ReportQuery;
use loket_core::survey::questionnaire::{self, Questionnaire};
use loket_core::survey::report::{self as survey_report_figures, SurveyReport};
use loket_core::survey::responses::{self, PaperSaved, SurveyAnswers};
use tauri::State;

use crate::error::AppError;
use crate::state::DeskState;
use crate::transport;

/// The survey's questionnaire in force, with the profile's choices.
#[tauri::command]
pub async fn survey_questionnaire(desk: State<'_, DeskState>) -> Result<Questionnaire, AppError> {
    let (d, _) = desk.authorize(STAFF).await?;
    Ok(questionnaire::questionnaire(&d.db).await?)
}

/// Saves the office's wording of the nine questions.
#[tauri::command]
pub async fn save_survey_questionnaire(
    desk: State<'_, DeskState>,
    questionnaire: Questionnaire,
) -> Result<Questionnaire, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(questionnaire::save(&d.db, &act, &questionnaire).await?)
}

/// Records a paper survey form dated `tanggal` (dd/mm/yyyy).
#[tauri::command]
pub async fn record_paper_survey(
    desk: State<'_, DeskState>,
    tanggal: String,
    answers: SurveyAnswers,
) -> Result<PaperSaved, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    Ok(responses::record_paper(&d.db, &act, &tanggal, &answers).await?)
}

/// The IKM report of a period.
#[tauri::command]
pub async fn survey_report(
    desk: State<'_, DeskState>,
    query: ReportQuery,
) -> Result<SurveyReport, AppError> {
    let (d, act) = desk.authorize(STAFF).await?;
    let p = query.period()?;
    Ok(survey_report_figures::report(&d.db, &p, *act.now().offset()).await?)
}

/// Saves the IKM report in Downloads as `format` (xlsx or pdf); `print` opens it.
#[tauri::command]
pub async fn export_survey_report(
    desk: State<'_, DeskState>,
    query: ReportQuery,
    format: String,
    print: bool,
) -> Result<String, AppError> {
    let (d, act) = desk.authorize(STAFF).await?;
    let p = query.period()?;
    let r = survey_report_figures::report(&d.db, &p, *act.now().offset()).await?;
    let (name, bytes) = loket_core::survey::export::export(&d.db, &act, &r, &format).await?;
    transport::save_and_maybe_open(&name, &bytes, print)
}

/// The complaints register, newest first; only the open ones when asked.
#[tauri::command]
pub async fn complaints(
    desk: State<'_, DeskState>,
    open_only: bool,
) -> Result<Vec<ComplaintRow>, AppError> {
    let (d, act) = desk.authorize(DESK_AND_ADMIN).await?;
    Ok(register::register_view(&d.db, act.now(), open_only, 500).await?)
}

/// Registers a complaint with its deadline.
#[tauri::command]
pub async fn register_complaint(
    desk: State<'_, DeskState>,
    complaint: NewComplaint,
) -> Result<ComplaintRow, AppError> {
    let (d, act) = desk.authorize(DESK_AND_ADMIN).await?;
    Ok(register::register(&d.db, &act, &complaint).await?)
}

/// Moves a complaint on (ditindaklanjuti, or selesai with the response).
#[tauri::command]
pub async fn step_complaint(
    desk: State<'_, DeskState>,
    id: i64,
    step: ComplaintStep,
) -> Result<ComplaintRow, AppError> {
    let (d, act) = desk.authorize(DESK_AND_ADMIN).await?;
    Ok(register::step(&d.db, &act, id, &step).await?)
}

/// The complaint categories with their working days.
#[tauri::command]
pub async fn complaint_categories(desk: State<'_, DeskState>) -> Result<Vec<Kategori>, AppError> {
    let (d, _) = desk.authorize(DESK_AND_ADMIN).await?;
    Ok(complaint_settings::categories(&d.db).await?)
}

/// Saves the complaint categories.
#[tauri::command]
pub async fn save_complaint_categories(
    desk: State<'_, DeskState>,
    categories: Vec<Kategori>,
) -> Result<Vec<Kategori>, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(complaint_settings::save(&d.db, &act, &categories).await?)
}

/// The office's complaint channels.
#[tauri::command]
pub async fn complaint_channels(
    desk: State<'_, DeskState>,
) -> Result<Vec<KanalPengaduan>, AppError> {
    let (d, _) = desk.authorize(DESK_AND_ADMIN).await?;
    Ok(complaint_settings::channels(&d.db).await?)
}

/// Saves the office's complaint channels.
#[tauri::command]
pub async fn save_complaint_channels(
    desk: State<'_, DeskState>,
    channels: Vec<KanalPengaduan>,
) -> Result<Vec<KanalPengaduan>, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(complaint_settings::save_channels(&d.db, &act, &channels).await?)
}

/// Records a complaint's written answer and sends it (by e-mail, or as a
/// letter to print).
#[tauri::command]
pub async fn answer_complaint(
    desk: State<'_, DeskState>,
    id: i64,
    answer: ComplaintAnswer,
) -> Result<ComplaintRow, AppError> {
    let (d, act) = desk.authorize(DESK_AND_ADMIN).await?;
    Ok(duties::answer(&d.db, &act, id, &answer).await?)
}

/// Escalates a complaint to the complaints officer.
#[tauri::command]
pub async fn escalate_complaint(
    desk: State<'_, DeskState>,
    id: i64,
    escalation: ComplaintEscalation,
) -> Result<ComplaintRow, AppError> {
    let (d, act) = desk.authorize(DESK_AND_ADMIN).await?;
    Ok(duties::escalate(&d.db, &act, id, &escalation).await?)
}

/// Corrects a complaint's channel, category or received moment, with a reason.
#[tauri::command]
pub async fn correct_complaint(
    desk: State<'_, DeskState>,
    id: i64,
    fix: ComplaintFix,
) -> Result<ComplaintRow, AppError> {
    let (d, act) = desk.authorize(DESK_AND_ADMIN).await?;
    Ok(fix::correct(&d.db, &act, id, &fix).await?)
}

/// The written answer as a letter on the letterhead: saved, or printed.
#[tauri::command]
pub async fn export_complaint_answer(
    desk: State<'_, DeskState>,
    id: i64,
    print: bool,
) -> Result<String, AppError> {
    let (d, act) = desk.authorize(DESK_AND_ADMIN).await?;
    let (name, bytes) = duties::answer_letter(&d.db, &act, id).await?;
    transport::save_and_maybe_open(&name, &bytes, print)
}
