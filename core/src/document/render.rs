//! Content to a finished PDF: the layout on A4 ([`super::layout`]), then the
//! engine's file finished ([`super::pdf`]) with the office's logo and, for an
//! electronic signature, its footer.

use chrono::{DateTime, FixedOffset};
use sea_orm::ConnectionTrait;

use super::content::LetterContent;
use super::layout;
use super::pdf::{self, Form};
use crate::Result;
use crate::office::{identity, settings};

/// Renders content to a finished PDF.
pub async fn render_content(
    db: &impl ConnectionTrait,
    content: &LetterContent,
    form: Form,
    draft: bool,
    created: DateTime<FixedOffset>,
) -> Result<Vec<u8>> {
    let s = settings::settings(db).await?;
    let logo = identity::logo(db).await?;
    render_with(
        content,
        form,
        draft,
        created,
        &s.catatan_kaki_tte,
        logo.as_ref(),
    )
}

/// Pure rendering: content, form and the logo to PDF bytes.
pub fn render_with(
    content: &LetterContent,
    form: Form,
    draft: bool,
    created: DateTime<FixedOffset>,
    footer: &str,
    logo: Option<&(Vec<u8>, u32, u32)>,
) -> Result<Vec<u8>> {
    let footer = (form == Form::Elektronik).then_some(footer);
    let rendered = layout::render(content, footer)?;
    let logo = logo.map(|(jpeg, width, height)| pdf::Logo {
        jpeg,
        width: *width,
        height: *height,
    });
    let title = content.title();
    pdf::finish(
        rendered,
        form,
        draft,
        logo.as_ref(),
        &pdf::Meta {
            title: &title,
            subject: content.hal.as_str(),
            author: &format!("{} {}", content.kop.dinas, content.kop.pemerintah),
            created,
        },
    )
}
