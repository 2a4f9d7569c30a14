//! Reading an office's spreadsheet (XLSX, XLS, ODS through calamine; CSV with
//! the csv crate) into one table: the header row and the rows under it, each
//! cell as text, a number or a date, with the row numbers the spreadsheet
//! program shows. A merged cell's value is given to every cell it covers (a
//! roster often merges "Instansi" down a block of rows).

use std::io::Cursor;

use calamine::{Data, Reader, Sheets, open_workbook_auto_from_rs};
use chrono::NaiveDate;

use crate::{Error, Result};

/// One cell as the spreadsheet holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A number cell (a NIK typed as a number, an Excel date serial in a cell
    /// not formatted as a date).
    Number(f64),
    /// A cell the spreadsheet formats as a date.
    Date(NaiveDate),
}

impl Cell {
    /// Whether the cell holds nothing but spaces.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as the spreadsheet program would show it (a whole number
    /// without ".0", a date as dd/mm/yyyy).
    pub fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e17 => format!("{n:.0}"),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
        }
    }
}

/// One data row and the row number the spreadsheet program shows for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub number: u32,
    pub cells: Vec<Cell>,
}

impl Row {
    /// The cell in column `i` (empty past the row's end).
    pub fn cell(&self, i: usize) -> &Cell {
        self.cells.get(i).unwrap_or(&Cell::Empty)
    }
}

/// A spreadsheet read: its header row (the first row with any text) and the
/// rows under it that are not wholly empty.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

/// The most rows one import reads; a larger file is refused whole.
pub const MAX_ROWS: usize = 200_000;

fn refused(message: impl Into<String>) -> Error {
    Error::field("berkas", message)
}

/// Reads `bytes`: a workbook when they are one (by content, not by name; its
/// first sheet), else CSV.
pub fn read(name: &str, bytes: &[u8]) -> Result<Sheet> {
    if bytes.is_empty() {
        return Err(refused("Berkas kosong."));
    }
    let workbook = bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let lower = name.to_lowercase();
    let grid = if workbook {
        numbered(read_workbook(bytes)?)
    } else if lower.ends_with(".xlsx") || lower.ends_with(".xls") || lower.ends_with(".ods") {
        return Err(refused(
            "Berkas ini bukan buku kerja yang dapat dibaca (rusak atau bukan Excel/ODS).",
        ));
    } else {
        read_csv(bytes)?
    };
    table(grid)
}

/// Rows numbered from 1 as the spreadsheet program numbers them.
fn numbered(grid: Vec<Vec<Cell>>) -> Vec<(u32, Vec<Cell>)> {
    grid.into_iter()
        .enumerate()
        .map(|(i, r)| (i as u32 + 1, r))
        .collect()
}

/// The first sheet of a workbook, merged regions filled.
fn read_workbook(bytes: &[u8]) -> Result<Vec<Vec<Cell>>> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| refused(format!("Buku kerja tidak dapat dibaca: {e}.")))?;
    let first = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| refused("Buku kerja tidak berisi lembar kerja."))?;
    let range = book
        .worksheet_range(&first)
        .map_err(|e| refused(format!("Lembar \"{first}\" tidak dapat dibaca: {e}.")))?;
    let merged = match &mut book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&first).unwrap_or_default(),
        _ => Vec::new(),
    };
    // Cells are placed at their absolute positions: row and column numbers
    // then match what the spreadsheet program shows.
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let (height, width) = range.get_size();
    if height > MAX_ROWS + 1 {
        return Err(too_many(height));
    }
    let mut grid: Vec<Vec<Cell>> = vec![Vec::new(); r0 as usize + height];
    for (r, row) in range.rows().enumerate() {
        let mut cells = vec![Cell::Empty; c0 as usize + width];
        for (c, data) in row.iter().enumerate() {
            cells[c0 as usize + c] = cell(data);
        }
        grid[r0 as usize + r] = cells;
    }
    for m in merged {
        let (top, left) = (m.start.0 as usize, m.start.1 as usize);
        let value = grid
            .get(top)
            .and_then(|r| r.get(left))
            .cloned()
            .unwrap_or(Cell::Empty);
        for r in top..=(m.end.0 as usize).min(grid.len().saturating_sub(1)) {
            for c in left..=m.end.1 as usize {
                if r == top && c == left {
                    continue;
                }
                let row = &mut grid[r];
                if row.len() <= c {
                    row.resize(c + 1, Cell::Empty);
                }
                row[c] = value.clone();
            }
        }
    }
    Ok(grid)
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.into()),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(y.into(), m.into(), d.into())
                .map(Cell::Date)
                .unwrap_or(Cell::Number(dt.as_f64()))
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map(Cell::Date)
            .unwrap_or_else(|| Cell::Text(s.clone())),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}

/// CSV as spreadsheet programs save it: UTF-8 (with or without the byte-order
/// mark) or, failing that, Windows-1252/Latin-1 byte for byte; the separator
/// (`,` `;` or tab) is the one the first line with text uses most.
fn read_csv(bytes: &[u8]) -> Result<Vec<(u32, Vec<Cell>)>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    };
    if text.contains('\0') {
        return Err(refused(
            "Berkas ini bukan teks CSV (berisi data biner). Pilih berkas .csv atau .xlsx.",
        ));
    }
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut grid = Vec::new();
    for (n, record) in reader.records().enumerate() {
        if n > MAX_ROWS {
            return Err(too_many(n));
        }
        let record = record.map_err(|e| {
            refused(format!(
                "CSV tidak terbaca di baris {}: {e}.",
                e.position().map_or(n as u64 + 1, |p| p.line())
            ))
        })?;
        let line = record.position().map_or(n as u64 + 1, |p| p.line()) as u32;
        grid.push((
            line,
            record
                .iter()
                .map(|f| {
                    if f.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(f.to_string())
                    }
                })
                .collect(),
        ));
    }
    Ok(grid)
}

fn too_many(rows: usize) -> Error {
    refused(format!(
        "Berkas berisi lebih dari {MAX_ROWS} baris ({rows}); bagi menjadi beberapa berkas."
    ))
}

/// Whether a row can be the header row: two different texts at least (a
/// title above the table, even merged across it, has one).
fn header_like(r: &[Cell]) -> bool {
    let texts: std::collections::HashSet<String> = r
        .iter()
        .filter(|c| !c.is_blank())
        .map(|c| c.shown().trim().to_lowercase())
        .collect();
    texts.len() >= 2
}

/// The header row is the first with two different texts (a title above it
/// is passed over), or else the first with any; the rows under it that hold
/// anything are the data, numbered as the spreadsheet program numbers them.
fn table(grid: Vec<(u32, Vec<Cell>)>) -> Result<Sheet> {
    let at = grid
        .iter()
        .position(|(_, r)| header_like(r))
        .or_else(|| grid.iter().position(|(_, r)| !r.iter().all(Cell::is_blank)))
        .ok_or_else(|| refused("Berkas tidak berisi baris judul kolom maupun data."))?;
    let mut rows = grid.into_iter().skip(at);
    let headers: Vec<String> = rows
        .next()
        .map(|(_, r)| r.iter().map(|c| c.shown().trim().to_string()).collect())
        .unwrap_or_default();
    let rows: Vec<Row> = rows
        .filter(|(_, r)| !r.iter().all(Cell::is_blank))
        .map(|(number, cells)| Row { number, cells })
        .collect();
    if rows.len() > MAX_ROWS {
        return Err(too_many(rows.len()));
    }
    Ok(Sheet { headers, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_semicolons_a_bom_and_blank_lines_keeps_the_row_numbers() {
        let s = read(
            "data.csv",
            "\u{feff}\nNama;NIK\nAni;3171\n;\n\"Budi; S.Kom\";3172\n".as_bytes(),
        )
        .expect("read");
        assert_eq!(s.headers, ["Nama", "NIK"]);
        assert_eq!(s.rows.len(), 2);
        assert_eq!(s.rows[0].number, 3);
        assert_eq!(s.rows[1].number, 5);
        assert_eq!(s.rows[1].cell(0), &Cell::Text("Budi; S.Kom".into()));
        assert_eq!(s.rows[1].cell(7), &Cell::Empty);
    }

    #[test]
    fn latin1_csv_is_read_byte_for_byte() {
        let s = read("x.csv", b"Nama\nJos\xe9\n").expect("read");
        assert_eq!(s.rows[0].cell(0), &Cell::Text("José".into()));
    }

    #[test]
    fn an_empty_or_binary_or_broken_file_is_refused_on_the_file_field() {
        for (name, bytes) in [
            ("a.csv", &b""[..]),
            ("a.csv", &b"\n\n;;\n"[..]),
            ("a.csv", &b"a\0b"[..]),
            ("a.xlsx", &b"PK\x03\x04 not a zip"[..]),
            ("a.xlsx", &b"Nama,NIK"[..]),
        ] {
            match read(name, bytes) {
                Err(Error::Invalid { fields, .. }) => assert!(fields.contains_key("berkas")),
                other => panic!("{name}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_number_shows_as_the_program_shows_it() {
        assert_eq!(Cell::Number(3171234567890123.0).shown(), "3171234567890123");
        assert_eq!(Cell::Number(1.5).shown(), "1.5");
        let d = NaiveDate::from_ymd_opt(2025, 3, 7).expect("date");
        assert_eq!(Cell::Date(d).shown(), "07/03/2025");
    }
}
