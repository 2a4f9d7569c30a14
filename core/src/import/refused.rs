//! The refused rows as a spreadsheet to fix and import again: the file's own
//! columns in its order, the row's number in the file and the reasons.

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use sea_orm::DatabaseConnection;

use super::mapping::ImportMapping;
use super::rows::Judged;
use super::run::judge_all;
use super::sheet::{self, Cell};
use crate::secrets::DataKey;
use crate::{Error, Result};

fn xlsx(e: XlsxError) -> Error {
    Error::Unusable(format!("Daftar baris yang ditolak tidak dapat dibuat: {e}"))
}

/// The workbook of the rows of `name` the import refuses (judged now, as the
/// dry run judges), and its file name.
pub async fn workbook(
    db: &DatabaseConnection,
    key: &DataKey,
    today: chrono::NaiveDate,
    name: &str,
    bytes: &[u8],
    map: &ImportMapping,
) -> Result<(String, Vec<u8>)> {
    let sheet = sheet::read(name, bytes).await?;
    let mut refused: Vec<(sheet::Row, String)> = Vec::new();
    judge_all(
        db,
        key,
        today,
        &sheet,
        map,
        |_| {},
        |row, judged| {
            if let Judged::Refused(why) = judged {
                refused.push((row.clone(), why.join("; ")));
            }
        },
    )
    .await?;

    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    let ws = wb.add_worksheet().set_name("Ditolak").map_err(xlsx)?;
    let width = sheet.headers.len() as u16;
    for (c, h) in sheet.headers.iter().enumerate() {
        ws.write_with_format(0, c as u16, h, &bold).map_err(xlsx)?;
        // Identity numbers stay text when the office types them back in.
        ws.set_column_format(c as u16, &text).map_err(xlsx)?;
        ws.set_column_width(c as u16, 18).map_err(xlsx)?;
    }
    ws.write_with_format(0, width, "Baris asal", &bold)
        .map_err(xlsx)?;
    ws.write_with_format(0, width + 1, "Alasan ditolak", &bold)
        .map_err(xlsx)?;
    ws.set_column_width(width + 1, 80).map_err(xlsx)?;
    for (i, (row, why)) in refused.iter().enumerate() {
        let r = i as u32 + 1;
        for c in 0..width {
            match row.cell(c as usize) {
                Cell::Empty => {}
                Cell::Text(t) => {
                    ws.write_string_with_format(r, c, t, &text).map_err(xlsx)?;
                }
                Cell::Number(n) => {
                    ws.write_number(r, c, *n).map_err(xlsx)?;
                }
                Cell::Date(d) => {
                    // As the spreadsheet keeps a date: days since 30/12/1899.
                    let serial = (*d - epoch).num_days() as f64;
                    ws.write_number_with_format(r, c, serial, &date)
                        .map_err(xlsx)?;
                }
            }
        }
        ws.write_number(r, width, row.number as f64).map_err(xlsx)?;
        ws.write_string(r, width + 1, why).map_err(xlsx)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx)?;
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
    let stem: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_ ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    Ok((
        format!("{}-ditolak.xlsx", stem.trim()),
        wb.save_to_buffer().map_err(xlsx)?,
    ))
}
