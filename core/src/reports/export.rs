//! A report saved as XLSX, CSV or PDF, each export recorded in the audit log.

use sea_orm::DatabaseConnection;

use super::figures::Report;
use super::{document, table, workbook};
use crate::audit::{Acting, Entry};
use crate::{Error, Result};

/// The report in `format` ("xlsx", "csv" or "pdf"), with its file name; the
/// export is recorded in the audit log.
pub async fn export(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    r: &Report,
    format: &str,
) -> Result<(String, Vec<u8>)> {
    let out = match format {
        "pdf" => document::pdf(db, act, r).await?,
        "xlsx" => workbook::workbook(r)?,
        "csv" => table::table(db, r, *act.now().offset()).await?,
        _ => {
            return Err(Error::field("format", "Pilih XLSX, CSV atau PDF."));
        }
    };
    act.log(
        db,
        Entry::new(
            "report.export",
            "report",
            r.periode.nama.clone(),
            serde_json::json!({ "format": format, "dari": r.periode.dari, "sampai": r.periode.sampai }),
        ),
    )
    .await?;
    Ok(out)
}
