//! The survey's report as an XLSX workbook: the elements with NRR and
//! weighted NRR as numbers (with the IKM and its band under them), the
//! profile, and the suggestions, each on its own sheet.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::report::SurveyReport;
use crate::{Error, Result};

fn xlsx(e: XlsxError) -> Error {
    Error::Unusable(format!("Buku kerja IKM tidak dapat dibuat: {e}"))
}

fn header(ws: &mut Worksheet, titles: &[&str], bold: &Format) -> Result<()> {
    for (c, t) in titles.iter().enumerate() {
        let c = c as u16;
        ws.write_with_format(0, c, *t, bold).map_err(xlsx)?;
        ws.set_column_width(c, if c == 1 { 40 } else { 14 })
            .map_err(xlsx)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx)?;
    Ok(())
}

/// The workbook's bytes and its file name.
pub fn workbook(r: &SurveyReport) -> Result<(String, Vec<u8>)> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let two = Format::new().set_num_format("0.00");
    let three = Format::new().set_num_format("0.000");

    let ws = wb.add_worksheet().set_name("IKM").map_err(xlsx)?;
    header(
        ws,
        &[
            "Kode",
            "Unsur pelayanan",
            "Nilai 1",
            "Nilai 2",
            "Nilai 3",
            "Nilai 4",
            "Jawaban",
            "Jumlah nilai",
            "NRR",
            "NRR tertimbang",
        ],
        &bold,
    )?;
    for (i, u) in r.unsur.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write(row, 0, &u.kode).map_err(xlsx)?;
        ws.write(row, 1, &u.unsur).map_err(xlsx)?;
        for (k, v) in u.sebaran.iter().enumerate() {
            ws.write(row, 2 + k as u16, *v as f64).map_err(xlsx)?;
        }
        ws.write(row, 6, u.dijawab as f64).map_err(xlsx)?;
        ws.write(row, 7, u.jumlah_nilai as f64).map_err(xlsx)?;
        if let Some(v) = u.nrr {
            ws.write_with_format(row, 8, v, &two).map_err(xlsx)?;
        }
        if let Some(v) = u.nrr_tertimbang {
            ws.write_with_format(row, 9, v, &three).map_err(xlsx)?;
        }
    }
    let mut row = r.unsur.len() as u32 + 2;
    let mut line =
        |label: &str, value: Option<f64>, text: Option<String>, f: &Format| -> Result<()> {
            ws.write_with_format(row, 1, label, &bold).map_err(xlsx)?;
            if let Some(v) = value {
                ws.write_with_format(row, 9, v, f).map_err(xlsx)?;
            }
            if let Some(t) = text {
                ws.write(row, 9, t).map_err(xlsx)?;
            }
            row += 1;
            Ok(())
        };
    line("Jumlah NRR tertimbang", r.nilai_tertimbang, None, &three)?;
    line("IKM", r.ikm, None, &two)?;
    line(
        "Mutu pelayanan",
        None,
        r.mutu.map(|m| format!("{m:?}")),
        &two,
    )?;
    line("Kinerja unit pelayanan", None, r.kinerja.clone(), &two)?;
    line("Responden", Some(r.responden as f64), None, &Format::new())?;
    line(
        "Sampel yang disarankan",
        Some(r.sampel as f64),
        None,
        &Format::new(),
    )?;
    line(
        "Populasi pemohon",
        Some(r.populasi as f64),
        None,
        &Format::new(),
    )?;
    ws.write(row + 1, 1, format!("Periode: {}", r.periode.nama))
        .map_err(xlsx)?;

    let ws = wb.add_worksheet().set_name("Profil").map_err(xlsx)?;
    header(ws, &["Bagian", "Pilihan", "Jumlah"], &bold)?;
    let mut row = 1u32;
    for g in &r.profil {
        for c in &g.baris {
            ws.write(row, 0, &g.judul).map_err(xlsx)?;
            ws.write(row, 1, &c.label).map_err(xlsx)?;
            ws.write(row, 2, c.jumlah as f64).map_err(xlsx)?;
            row += 1;
        }
    }
    for c in &r.sumber {
        ws.write(row, 0, "Cara pengisian").map_err(xlsx)?;
        ws.write(row, 1, &c.label).map_err(xlsx)?;
        ws.write(row, 2, c.jumlah as f64).map_err(xlsx)?;
        row += 1;
    }

    let ws = wb.add_worksheet().set_name("Saran").map_err(xlsx)?;
    header(ws, &["Tanggal", "Saran"], &bold)?;
    ws.set_column_width(1, 90).map_err(xlsx)?;
    for (i, s) in r.saran.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write(row, 0, s.tanggal.format("%d/%m/%Y").to_string())
            .map_err(xlsx)?;
        ws.write(row, 1, &s.saran).map_err(xlsx)?;
    }
    let bytes = wb.save_to_buffer().map_err(xlsx)?;
    Ok((format!("{}.xlsx", stem(r)), bytes))
}

/// The name the report's files are saved under ("IKM-Semester-II-2026").
pub fn stem(r: &SurveyReport) -> String {
    r.periode.file_stem().replacen("Laporan", "IKM", 1)
}
