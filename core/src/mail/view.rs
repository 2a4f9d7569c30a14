//! What the admin's mail screen shows: the server settings, whether the
//! password is in the keyring, and each event's template with the
//! placeholders it may use.

use sea_orm::ConnectionTrait;
use serde::Serialize;
use ts_rs::TS;

use crate::Result;
use crate::credentials::Credential;
use crate::notices::settings::{self, MailSettings};
use crate::notices::templates::{self, Template};
use crate::secrets::KeyStore;

/// One event's template as the screen edits it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TemplateView {
    pub templat: Template,
    pub label: String,
    pub placeholders: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct MailView {
    pub settings: MailSettings,
    /// The SMTP password is in the keyring (it is never shown).
    pub password_tersimpan: bool,
    pub templat: Vec<TemplateView>,
}

pub async fn view(db: &impl ConnectionTrait, keys: &(dyn KeyStore + Sync)) -> Result<MailView> {
    Ok(MailView {
        settings: settings::settings(db).await?,
        password_tersimpan: keys.get(Credential::SmtpPassword.entry())?.is_some(),
        templat: templates::templates(db)
            .await?
            .into_iter()
            .map(|t| TemplateView {
                label: t.peristiwa.label().into(),
                placeholders: t
                    .peristiwa
                    .placeholders()
                    .iter()
                    .map(|p| format!("{{{p}}}"))
                    .collect(),
                templat: t,
            })
            .collect(),
    })
}
