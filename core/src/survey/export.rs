//! The survey's report saved as XLSX or PDF, each export in the audit log.

use sea_orm::DatabaseConnection;

use super::report::SurveyReport;
use super::{document, workbook};
use crate::audit::{Acting, Entry};
use crate::document::pdf::Form;
use crate::document::render::render_content;
use crate::{Error, Result};

/// The report in `format` ("xlsx" or "pdf") with its file name.
pub async fn export(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    r: &SurveyReport,
    format: &str,
) -> Result<(String, Vec<u8>)> {
    let out = match format {
        "xlsx" => workbook::workbook(r)?,
        "pdf" => {
            let c = document::content(db, r, act.today()).await?;
            let bytes = render_content(db, &c, Form::Basah, false, act.now()).await?;
            (format!("{}.pdf", workbook::stem(r)), bytes)
        }
        _ => return Err(Error::field("format", "Pilih XLSX atau PDF.")),
    };
    act.log(
        db,
        Entry::new(
            "skm.export",
            "report",
            r.periode.nama.clone(),
            serde_json::json!({ "format": format, "responden": r.responden }),
        ),
    )
    .await?;
    Ok(out)
}
