//! The report as an XLSX workbook (rust_xlsxwriter): a sheet per table,
//! numbers as numbers, and Excel's own charts over the sheets' cells, so the
//! office can re-chart or sum it without retyping anything.

use rust_xlsxwriter::{Chart, ChartType, Format, Workbook, Worksheet, XlsxError};

use super::figures::{GroupLine, Report, ServiceLine};
use crate::{Error, Result};

fn xlsx(e: XlsxError) -> Error {
    Error::Unusable(format!("Buku kerja laporan tidak dapat dibuat: {e}"))
}

fn service_name(l: &ServiceLine) -> String {
    l.layanan.map_or_else(
        || "Jumlah".to_string(),
        |x| crate::standard::document::service_title(x).replace(" Sertifikat Elektronik", ""),
    )
}

/// Writes the header row in bold and sets the columns' widths.
fn header(ws: &mut Worksheet, titles: &[&str], bold: &Format) -> Result<()> {
    for (c, t) in titles.iter().enumerate() {
        let c = c as u16;
        ws.write_with_format(0, c, *t, bold).map_err(xlsx)?;
        ws.set_column_width(c, if c == 0 { 34 } else { 14 })
            .map_err(xlsx)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx)?;
    Ok(())
}

fn opt(ws: &mut Worksheet, r: u32, c: u16, v: Option<f64>) -> Result<()> {
    if let Some(v) = v {
        ws.write(r, c, v).map_err(xlsx)?;
    }
    Ok(())
}

fn groups(ws: &mut Worksheet, rows: &[GroupLine], bold: &Format) -> Result<()> {
    header(
        ws,
        &[
            "Nama",
            "Diterima",
            "Selesai",
            "Ditolak",
            "Tepat waktu",
            "Dinilai",
            "Tepat waktu (%)",
        ],
        bold,
    )?;
    for (i, g) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write(r, 0, &g.nama).map_err(xlsx)?;
        for (c, v) in [g.diterima, g.selesai, g.ditolak, g.tepat_waktu, g.dinilai]
            .into_iter()
            .enumerate()
        {
            ws.write(r, c as u16 + 1, v as f64).map_err(xlsx)?;
        }
        opt(ws, r, 6, g.persen_tepat)?;
    }
    Ok(())
}

/// The workbook's bytes and its file name.
pub fn workbook(r: &Report) -> Result<(String, Vec<u8>)> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();

    let ws = wb.add_worksheet().set_name("Ringkasan").map_err(xlsx)?;
    header(
        ws,
        &[
            "Layanan",
            "Standar (hari kerja)",
            "Diterima",
            "Selesai",
            "Ditolak",
            "Dibatalkan",
            "Tepat waktu",
            "Dinilai",
            "Tepat waktu (%)",
            "Median (hari kerja)",
            "P90 (hari kerja)",
            "Tunggakan akhir periode",
        ],
        &bold,
    )?;
    for (i, l) in r.layanan.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write(row, 0, service_name(l)).map_err(xlsx)?;
        opt(ws, row, 1, l.standar_hari.map(f64::from))?;
        for (c, v) in [
            l.diterima,
            l.selesai,
            l.ditolak,
            l.dibatalkan,
            l.tepat_waktu,
            l.dinilai,
        ]
        .into_iter()
        .enumerate()
        {
            ws.write(row, c as u16 + 2, v as f64).map_err(xlsx)?;
        }
        opt(ws, row, 8, l.persen_tepat)?;
        opt(ws, row, 9, l.median_hari)?;
        opt(ws, row, 10, l.p90_hari.map(f64::from))?;
        ws.write(row, 11, l.tunggakan as f64).map_err(xlsx)?;
    }
    let last = 4u32; // the four services, without the total
    let note = r.layanan.len() as u32 + 2;
    ws.write(note, 0, format!("Periode: {}", r.periode.nama))
        .map_err(xlsx)?;
    ws.write(note + 1, 0, format!("Dibuat: {}", r.dibuat))
        .map_err(xlsx)?;
    let mut chart = Chart::new(ChartType::Column);
    chart.title().set_name("Permohonan per layanan");
    for (col, name) in [(2u16, "Diterima"), (3, "Selesai"), (4, "Ditolak")] {
        chart
            .add_series()
            .set_name(name)
            .set_categories(("Ringkasan", 1, 0, last, 0))
            .set_values(("Ringkasan", 1, col, last, col));
    }
    ws.insert_chart(note + 3, 0, &chart).map_err(xlsx)?;

    let ws = wb.add_worksheet().set_name("Tren").map_err(xlsx)?;
    header(ws, &["Periode", "Diterima", "Selesai"], &bold)?;
    for (i, t) in r.tren.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write(row, 0, &t.label).map_err(xlsx)?;
        ws.write(row, 1, t.diterima as f64).map_err(xlsx)?;
        ws.write(row, 2, t.selesai as f64).map_err(xlsx)?;
    }
    if !r.tren.is_empty() {
        let n = r.tren.len() as u32;
        let mut line = Chart::new(ChartType::Line);
        line.title().set_name("Tren permohonan");
        for (col, name) in [(1u16, "Diterima"), (2, "Selesai")] {
            line.add_series()
                .set_name(name)
                .set_categories(("Tren", 1, 0, n, 0))
                .set_values(("Tren", 1, col, n, col));
        }
        ws.insert_chart(1, 4, &line).map_err(xlsx)?;
    }

    let ws = wb.add_worksheet().set_name("Instansi").map_err(xlsx)?;
    groups(ws, &r.instansi, &bold)?;
    let ws = wb.add_worksheet().set_name("Unit kerja").map_err(xlsx)?;
    groups(ws, &r.unit_kerja, &bold)?;

    let ws = wb.add_worksheet().set_name("Petugas").map_err(xlsx)?;
    header(
        ws,
        &["Petugas", "Diterima", "Langkah", "Diselesaikan"],
        &bold,
    )?;
    for (i, p) in r.petugas.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write(row, 0, &p.nama).map_err(xlsx)?;
        for (c, v) in [p.diterima, p.langkah, p.selesai].into_iter().enumerate() {
            ws.write(row, c as u16 + 1, v as f64).map_err(xlsx)?;
        }
    }

    let ws = wb.add_worksheet().set_name("Penolakan").map_err(xlsx)?;
    header(ws, &["Alasan", "Kode", "Jumlah"], &bold)?;
    for (i, p) in r.penolakan.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write(row, 0, &p.alasan).map_err(xlsx)?;
        ws.write(row, 1, &p.kode).map_err(xlsx)?;
        ws.write(row, 2, p.jumlah as f64).map_err(xlsx)?;
    }

    let ws = wb.add_worksheet().set_name("Pencabutan").map_err(xlsx)?;
    header(ws, &["Alasan", "Kode RFC 5280", "Jumlah"], &bold)?;
    for (i, p) in r.pencabutan.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write(row, 0, &p.alasan).map_err(xlsx)?;
        ws.write(row, 1, f64::from(p.kode_rfc5280)).map_err(xlsx)?;
        ws.write(row, 2, p.jumlah as f64).map_err(xlsx)?;
    }

    let ws = wb.add_worksheet().set_name("Pengaduan").map_err(xlsx)?;
    header(
        ws,
        &[
            "Kanal / kategori",
            "Diterima",
            "Selesai",
            "Tepat waktu",
            "Lewat tenggat, belum selesai",
        ],
        &bold,
    )?;
    let p = &r.pengaduan;
    for (i, l) in p
        .per_kanal
        .iter()
        .chain(&p.per_kategori)
        .chain(std::iter::once(&p.jumlah))
        .enumerate()
    {
        let row = i as u32 + 1;
        ws.write(row, 0, &l.nama).map_err(xlsx)?;
        for (c, v) in [l.diterima, l.selesai, l.tepat_waktu, l.terlambat_terbuka]
            .into_iter()
            .enumerate()
        {
            ws.write(row, c as u16 + 1, v as f64).map_err(xlsx)?;
        }
    }

    let ws = wb.add_worksheet().set_name("Bantuan").map_err(xlsx)?;
    header(
        ws,
        &[
            "Hal",
            "Diterima",
            "Selesai",
            "Selesai hari itu",
            "Diteruskan ke BSrE",
        ],
        &bold,
    )?;
    let b = &r.bantuan;
    for (i, l) in b
        .per_topik
        .iter()
        .chain(std::iter::once(&b.jumlah))
        .enumerate()
    {
        let row = i as u32 + 1;
        ws.write(row, 0, &l.nama).map_err(xlsx)?;
        for (c, v) in [l.diterima, l.selesai, l.selesai_hari_itu, l.diteruskan]
            .into_iter()
            .enumerate()
        {
            ws.write(row, c as u16 + 1, v as f64).map_err(xlsx)?;
        }
    }

    let bytes = wb.save_to_buffer().map_err(xlsx)?;
    Ok((format!("{}.xlsx", r.periode.file_stem()), bytes))
}
