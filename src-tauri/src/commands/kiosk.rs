//! The kiosk window's own commands: the desk window is never granted these
//! (build.rs leaves them out of its capability), and the kiosk's capability
//! file grants them together with status and sign-in.

use loket_core::auth::rules::{KIOSK, PUBLIC};
use loket_core::kiosk::inbox::{KioskReceipt, KioskSubmission};
use loket_core::kiosk::info::{self, ServiceInfo};
use loket_core::kiosk::slip;
use loket_core::kiosk::status::{self, StatusAnswer};
use loket_core::secrets::SecretText;
use loket_core::survey::questionnaire::{self, Questionnaire};
use loket_core::survey::responses::{self, SurveyAnswers, SurveyTicket};
use rand::rngs::OsRng;
use tauri::{AppHandle, Runtime, State, Window};

use crate::error::AppError;
use crate::printing;
use crate::state::{DeskState, now};

/// Seals an application from the kiosk into the desk's inbox; returns the
/// receipt (registration number, service, time), never anything stored.
#[tauri::command]
pub async fn submit_kiosk_application(
    desk: State<'_, DeskState>,
    input: KioskSubmission,
) -> Result<KioskReceipt, AppError> {
    let answer = async {
        // The kiosk post holds the office's public key and no data key; Tauri
        // grants this command to no window but the kiosk's.
        let (k, actor) = desk.authorize_kiosk(KIOSK).await?;
        let receipt = k.submit(&actor, now(), &mut OsRng, &input).await?;
        // Printed in the background on the default printer, if there is one: the
        // receipt is on screen at once, and a printer's trouble never undoes a
        // submission the applicant already holds the number of.
        if printing::default_printer().is_some() {
            match slip::printed(&k.db, &receipt).await {
                Ok(pdf) => {
                    let title = format!("Tanda terima {}", receipt.nomor);
                    tauri::async_runtime::spawn_blocking(move || {
                        if let Err(e) = printing::print_pdf(&pdf, &title) {
                            eprintln!("{title}: {e}");
                        }
                    });
                }
                Err(e) => eprintln!("Tanda terima {} tidak dapat dibuat: {e}", receipt.nomor),
            }
        }
        Ok(receipt)
    };
    answer.await.map_err(AppError::at_kiosk)
}

/// The four services as the kiosk presents them: requirements, working
/// days, cost and where to complain, from the office's settings.
#[tauri::command]
pub async fn kiosk_services(desk: State<'_, DeskState>) -> Result<Vec<ServiceInfo>, AppError> {
    let answer = async {
        let (k, _) = desk.authorize_kiosk(KIOSK).await?;
        Ok(info::services(&k.db, *crate::state::now().offset()).await?)
    };
    answer.await.map_err(AppError::at_kiosk)
}

/// The stage of an application, to whoever types its registration number and
/// the last four digits of the NIK (never personal data).
#[tauri::command]
pub async fn check_kiosk_status(
    desk: State<'_, DeskState>,
    nomor: String,
    nik_akhir: String,
) -> Result<StatusAnswer, AppError> {
    let answer = async {
        let (k, _) = desk.authorize_kiosk(KIOSK).await?;
        Ok(status::check(&k.db, now(), &nomor, &nik_akhir).await?)
    };
    answer.await.map_err(AppError::at_kiosk)
}

/// The survey's questions as the kiosk asks them.
#[tauri::command]
pub async fn kiosk_survey_questions(desk: State<'_, DeskState>) -> Result<Questionnaire, AppError> {
    let answer = async {
        let (k, _) = desk.authorize_kiosk(KIOSK).await?;
        Ok(questionnaire::questionnaire(&k.db).await?)
    };
    answer.await.map_err(AppError::at_kiosk)
}

/// Before the survey's questions: whether this case (its registration
/// number and the NIK's last four digits) may still answer.
#[tauri::command]
pub async fn start_kiosk_survey(
    desk: State<'_, DeskState>,
    nomor: String,
    nik_akhir: String,
) -> Result<SurveyTicket, AppError> {
    let answer = async {
        let (k, _) = desk.authorize_kiosk(KIOSK).await?;
        Ok(responses::kiosk_ticket(&k.db, now(), &nomor, &nik_akhir).await?)
    };
    answer.await.map_err(AppError::at_kiosk)
}

/// Records a survey response from the kiosk: for the case proved by its
/// number and digits (once per case), or without a number when both are empty.
#[tauri::command]
pub async fn submit_kiosk_survey(
    desk: State<'_, DeskState>,
    nomor: String,
    nik_akhir: String,
    answers: SurveyAnswers,
) -> Result<(), AppError> {
    let answer = async {
        let (k, _) = desk.authorize_kiosk(KIOSK).await?;
        let proof = (!nomor.trim().is_empty() || !nik_akhir.trim().is_empty())
            .then_some((nomor.as_str(), nik_akhir.as_str()));
        Ok(responses::record_kiosk(&k.db, now(), proof, &answers).await?)
    };
    answer.await.map_err(AppError::at_kiosk)
}

/// Takes the kiosk out of service with a staff member's own user name and
/// password: the kiosk window closes (on a kiosk PC, Loket ends). The
/// applicant cannot close it otherwise.
#[tauri::command]
pub async fn leave_kiosk<R: Runtime>(
    desk: State<'_, DeskState>,
    app: AppHandle<R>,
    window: Window<R>,
    username: String,
    password: SecretText,
) -> Result<(), AppError> {
    desk.release_kiosk(PUBLIC, &username, &password).await?;
    if desk.ready().is_ok() {
        // The one-PC set-up: the staff window stays.
        window
            .destroy()
            .map_err(|e| AppError::from(loket_core::Error::Unusable(e.to_string())))?;
    } else {
        app.exit(0);
    }
    Ok(())
}
