//! Tauri commands of the mail: the admin's mail screen (server settings,
//! templates, a test message), the outbox and a failed message sent again,
//! and the WhatsApp link of a message. Each asks `authorize` first and then
//! makes one call into `loket-core`; build.rs reads this file with
//! `commands.rs`.

use loket_core::auth::rules::{ADMIN, DESK_AND_ADMIN};
use loket_core::mail::expiry::{self, ExpiryNoticeDays};
use loket_core::mail::view::{self as mail_view, MailView};
use loket_core::notices::outbox::{self, MessageRow, OutboxView};
use loket_core::notices::settings::{self as mail_settings, MailSettings};
use loket_core::notices::templates::{self as mail_templates, Template};
use tauri::State;

use crate::error::AppError;
use crate::state::DeskState;
use crate::transport;

/// The mail screen: server settings, whether the password is kept, the templates.
#[tauri::command]
pub async fn mail_settings(desk: State<'_, DeskState>) -> Result<MailView, AppError> {
    let (d, _) = desk.authorize(ADMIN).await?;
    Ok(mail_view::view(&d.db, &*d.keys).await?)
}

/// Saves the mail server settings (the password goes through set_credential).
#[tauri::command]
pub async fn save_mail_settings(
    desk: State<'_, DeskState>,
    settings: MailSettings,
) -> Result<MailSettings, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(mail_settings::save(&d.db, &act, &settings).await?)
}

/// Saves the messages' templates.
#[tauri::command]
pub async fn save_mail_templates(
    desk: State<'_, DeskState>,
    templates: Vec<Template>,
) -> Result<Vec<Template>, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(mail_templates::save(&d.db, &act, &templates).await?)
}

/// "Kirim uji": sends a test message with the settings on screen; the server's answer.
#[tauri::command]
pub async fn send_test_mail(
    desk: State<'_, DeskState>,
    settings: MailSettings,
    to: String,
) -> Result<String, AppError> {
    let (d, _) = desk.authorize(ADMIN).await?;
    let password = d.smtp_password()?;
    Ok(loket_core::mail::sender::send_test(&settings, password.as_deref(), &to).await?)
}

/// The outbox: waiting, failed and the newest sent messages.
#[tauri::command]
pub async fn outbox(desk: State<'_, DeskState>) -> Result<OutboxView, AppError> {
    let (d, _) = desk.authorize(DESK_AND_ADMIN).await?;
    Ok(outbox::view(&d.db, 200).await?)
}

/// Sends a failed message again (with its Message-ID unchanged).
#[tauri::command]
pub async fn resend_mail(desk: State<'_, DeskState>, id: i64) -> Result<MessageRow, AppError> {
    let (d, act) = desk.authorize(DESK_AND_ADMIN).await?;
    Ok(outbox::resend(&d.db, &act, id).await?)
}

/// Opens WhatsApp (the web or the app) with a chat to the applicant and the
/// message's text typed in; staff send it themselves.
#[tauri::command]
pub async fn open_whatsapp(desk: State<'_, DeskState>, id: i64) -> Result<(), AppError> {
    let (d, _) = desk.authorize(DESK_AND_ADMIN).await?;
    let link = outbox::whatsapp_link(&d.db, id).await?;
    transport::open_link(&link)
}

/// When certificate holders are told of the end: the first and second notice's days.
#[tauri::command]
pub async fn expiry_notice_days(desk: State<'_, DeskState>) -> Result<ExpiryNoticeDays, AppError> {
    let (d, _) = desk.authorize(ADMIN).await?;
    Ok(expiry::notice_days(&d.db).await?)
}

/// Saves the expiry notices' days.
#[tauri::command]
pub async fn save_expiry_notice_days(
    desk: State<'_, DeskState>,
    days: ExpiryNoticeDays,
) -> Result<ExpiryNoticeDays, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(expiry::save_days(&d.db, &act, &days).await?)
}
