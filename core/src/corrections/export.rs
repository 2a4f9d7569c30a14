//! The register of corrections as a file: an XLSX workbook (one row per
//! correction, every value as text) or a PDF on the office's letterhead,
//! for the period and operator the register shows. Printing it is in the
//! audit log: it names people and their data.

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use sea_orm::DatabaseConnection;

use super::register::{CorrectionQuery, CorrectionRow, register};
use crate::audit::{Acting, Entry};
use crate::document::content::{Block, LetterContent};
use crate::document::pdf::Form;
use crate::document::render::render_content;
use crate::office::settings;
use crate::{Error, Result};

fn xlsx(e: XlsxError) -> Error {
    Error::Unusable(format!("Buku kerja daftar koreksi tidak dapat dibuat: {e}"))
}

/// What a row corrected, as one line per value: "field: old → new".
fn what(r: &CorrectionRow) -> String {
    r.changes
        .iter()
        .map(|c| {
            let word = |s: &str| {
                if r.kind == "langkah" {
                    crate::lifecycle::vocabulary::Status::parse(s).map_or_else(
                        || s.to_string(),
                        |s| {
                            // "berkas lengkap" as a heading writes it: "Berkas lengkap".
                            let l = s.label().replace("bsre", "BSrE").replace("ams", "AMS");
                            let mut c = l.chars();
                            c.next().map_or_else(String::new, |f| {
                                f.to_uppercase().collect::<String>() + c.as_str()
                            })
                        },
                    )
                } else {
                    s.to_string()
                }
            };
            format!("{}: {} → {}", c.field, word(&c.lama), word(&c.baru))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// When, as the desk reads it (dd/mm/yyyy hh.mm and the time zone).
fn when(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(crate::document::content::waktu)
        .unwrap_or_else(|_| at.to_string())
}

fn who(r: &CorrectionRow) -> String {
    match (&r.decided_by, r.state.as_str()) {
        (Some(d), "ditolak") => format!("{} (ditolak {d})", r.actor),
        (Some(d), _) => format!("{} (disetujui {d})", r.actor),
        (None, "menunggu") => format!("{} (menunggu persetujuan)", r.actor),
        (None, _) => r.actor.clone(),
    }
}

const HEADINGS: [&str; 6] = [
    "Waktu",
    "Petugas",
    "Data milik",
    "Permohonan",
    "Yang dikoreksi",
    "Alasan",
];

fn cells(r: &CorrectionRow) -> [String; 6] {
    [
        when(&r.at),
        who(r),
        r.subject.clone(),
        r.nomor.clone().unwrap_or_else(|| "-".into()),
        what(r),
        r.reason.clone(),
    ]
}

fn workbook(rows: &[CorrectionRow]) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let ws = wb.add_worksheet();
    ws.set_name("Koreksi").map_err(xlsx)?;
    for (c, h) in HEADINGS.iter().enumerate() {
        let c = c as u16;
        ws.write_with_format(0, c, *h, &bold).map_err(xlsx)?;
        ws.set_column_width(c, if c >= 4 { 48 } else { 18 })
            .map_err(xlsx)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx)?;
    for (i, r) in rows.iter().enumerate() {
        for (c, v) in cells(r).iter().enumerate() {
            // Written as text: a value typed as "=..." stays text, never a formula.
            ws.write_string_with_format(i as u32 + 1, c as u16, v, &wrap)
                .map_err(xlsx)?;
        }
    }
    wb.save_to_buffer().map_err(xlsx)
}

/// The register for `query` as `format` ("xlsx" or "pdf"): its file name and bytes.
pub async fn export(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    query: &CorrectionQuery,
    format: &str,
) -> Result<(String, Vec<u8>)> {
    let rows = register(db, query, *act.now().offset()).await?;
    let stem = format!("daftar-koreksi-{}", act.today().format("%Y%m%d"));
    let (name, bytes) = match format {
        "xlsx" => (format!("{stem}.xlsx"), workbook(&rows)?),
        "pdf" => {
            let s = settings::settings(db).await?;
            let period = match (query.dari.trim(), query.sampai.trim()) {
                ("", "") => "seluruh periode".to_string(),
                (a, "") => format!("sejak {a}"),
                ("", b) => format!("sampai {b}"),
                (a, b) => format!("{a} s.d. {b}"),
            };
            let mut isi = vec![Block::Teks(format!(
                "Periode: {period}{}. Jumlah: {} koreksi.",
                match query.petugas.trim() {
                    "" => String::new(),
                    p => format!("; petugas: {p}"),
                },
                rows.len()
            ))];
            isi.push(Block::Tabel {
                // In mm of the 165 the page holds: a date, "(disetujui", a
                // registration number each fit their column unbroken.
                lebar: vec![22, 22, 18, 34, 40, 29],
                kepala: HEADINGS.iter().map(|h| h.to_string()).collect(),
                baris: rows.iter().map(|r| cells(r).to_vec()).collect(),
            });
            let c = LetterContent::document(
                &s,
                act.today(),
                None,
                "Daftar koreksi data".into(),
                "DAFTAR KOREKSI DATA".into(),
                isi,
            );
            (
                format!("{stem}.pdf"),
                render_content(db, &c, Form::Basah, false, act.now()).await?,
            )
        }
        _ => return Err(Error::field("format", "Pilih format: xlsx atau pdf.")),
    };
    act.log(
        db,
        Entry::new(
            "corrections.export",
            "setting",
            "koreksi",
            serde_json::json!({ "format": format, "rows": rows.len(), "dari": query.dari,
                "sampai": query.sampai, "petugas": query.petugas }),
        ),
    )
    .await?;
    Ok((name, bytes))
}
