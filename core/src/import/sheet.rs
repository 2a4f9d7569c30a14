//! Reading an office's spreadsheet (XLSX, XLS, ODS through calamine; CSV with
//! the csv crate) into one table: the header row and the rows under it, each
//! cell as text, a number or a date, with the row numbers the spreadsheet
//! program shows. A merged cell's value is given to every cell it covers (a
//! roster often merges "Instansi" down a block of rows).

use std::io::Cursor;

use std::io::Read as _;

use calamine::{Data, Ods, OdsError, Reader, Sheets, Xls, Xlsb, Xlsx, open_workbook_from_rs};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::text::number;
use crate::{Error, Result};

/// One cell as the spreadsheet holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

/// The most rows one import reads; a larger file is refused whole.
pub const MAX_ROWS: usize = 200_000;
/// The most columns a sheet may use (a roster has a few dozen at most).
pub const MAX_COLUMNS: usize = 200;
/// The most cells of the table Loket builds (rows times the widest row, merged
/// regions' copies included).
pub const MAX_CELLS: usize = 5_000_000;
/// The most bytes one part of a workbook (a sheet, its shared strings) may
/// unpack to, and all its parts together: a zip bomb is refused before any
/// reader unpacks it.
pub const MAX_PART_BYTES: u64 = 150 * 1024 * 1024;
pub const MAX_UNPACKED_BYTES: u64 = 300 * 1024 * 1024;
/// The most characters of one cell (a name, an address, a note: far less).
pub const MAX_CELL_CHARS: usize = 2_000;

fn too_long(row: u32, col: u32, n: usize) -> Error {
    refused(format!(
        "Sel {}{} berisi {} karakter; Loket membaca paling banyak {} karakter per sel.",
        column_name(col),
        row + 1,
        number(n as u64),
        number(MAX_CELL_CHARS as u64)
    ))
}

/// The most parts a workbook may have.
const MAX_PARTS: usize = 10_000;

fn refused(message: impl Into<String>) -> Error {
    Error::field("berkas", message)
}

/// The confined reader's job name (see [`crate::confined`]).
pub const JOB: &str = "sheet";

/// Reads `bytes` (file `name`) in a confined reader: a workbook when they are
/// one (by content, not by name; its first sheet), else CSV. A file that
/// makes the reader run out of time or memory is refused on the file field.
pub async fn read(name: &str, bytes: &[u8]) -> Result<Sheet> {
    let done = crate::confined::run(
        JOB,
        serde_json::json!({ "name": name }),
        bytes,
        crate::confined::Limits::SHEET,
    )
    .await
    .map_err(|r| refused(r.message()))?;
    done.read::<Sheet>()
        .map_err(|r| refused(r.message()))?
        .map_err(refused)
}

/// The confined reader's side of [`read`].
pub fn job(
    header: &serde_json::Value,
    bytes: &[u8],
    out: &mut dyn std::io::Write,
) -> std::result::Result<(), String> {
    let name = header.get("name").and_then(|n| n.as_str()).unwrap_or("");
    match read_here(name, bytes) {
        Ok(sheet) => serde_json::to_writer(out, &sheet).map_err(|e| e.to_string()),
        Err(Error::Invalid { fields, message }) => {
            Err(fields.into_values().next().unwrap_or(message))
        }
        Err(e) => Err(e.to_string()),
    }
}

/// Reads `bytes` in this process (the confined reader does; everything else
/// calls [`read`]).
pub fn read_here(name: &str, bytes: &[u8]) -> Result<Sheet> {
    if bytes.is_empty() {
        return Err(refused("Berkas kosong."));
    }
    let zipped = bytes.starts_with(b"PK\x03\x04");
    let workbook = zipped || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let lower = name.to_lowercase();
    let grid = if workbook {
        if zipped {
            check_parts(bytes)?;
        }
        read_workbook(bytes)?
    } else if lower.ends_with(".xlsx") || lower.ends_with(".xls") || lower.ends_with(".ods") {
        return Err(refused(
            "Berkas ini bukan buku kerja yang dapat dibaca (rusak atau bukan Excel/ODS).",
        ));
    } else {
        read_csv(bytes)?
    };
    table(grid)
}

/// A workbook's parts unpack to a bounded size: each part is unpacked and
/// counted (not only its declared size believed) before the reader opens it.
fn check_parts(bytes: &[u8]) -> Result<()> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| refused(format!("Buku kerja tidak dapat dibaca: {e}.")))?;
    if zip.len() > MAX_PARTS {
        return Err(refused(format!(
            "Buku kerja berisi {} bagian; Loket membaca paling banyak {MAX_PARTS}.",
            zip.len()
        )));
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let mut part = zip
            .by_index(i)
            .map_err(|e| refused(format!("Buku kerja tidak dapat dibaca: {e}.")))?;
        let name = part
            .name()
            .map(|n| n.chars().take(80).collect::<String>())
            .unwrap_or_default();
        let declared = part.size();
        let unpacked = if declared > MAX_PART_BYTES {
            declared
        } else {
            std::io::copy(
                &mut (&mut part).take(MAX_PART_BYTES + 1),
                &mut std::io::sink(),
            )
            .map_err(|e| refused(format!("Buku kerja rusak (bagian {name}): {e}.")))?
        };
        if unpacked > MAX_PART_BYTES {
            return Err(refused(format!(
                "Bagian \"{name}\" buku kerja ini terurai menjadi lebih dari {} MB (berkasnya \
                 {} KB); Loket membaca paling banyak {} MB per bagian.",
                MAX_PART_BYTES / (1024 * 1024),
                bytes.len() / 1024,
                MAX_PART_BYTES / (1024 * 1024)
            )));
        }
        total += unpacked;
        if total > MAX_UNPACKED_BYTES {
            return Err(refused(format!(
                "Buku kerja ini terurai menjadi lebih dari {} MB; Loket membaca paling banyak {} MB.",
                MAX_UNPACKED_BYTES / (1024 * 1024),
                MAX_UNPACKED_BYTES / (1024 * 1024)
            )));
        }
    }
    Ok(())
}

/// The spreadsheet name of column `c` (0-based): A, Z, AA, XFD.
pub fn column_name(c: u32) -> String {
    let mut n = c as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        out.push(b'A' + r);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn too_far(row: u32, col: u32) -> Option<Error> {
    let (r, c) = (row as usize + 1, col as usize + 1);
    if c > MAX_COLUMNS {
        return Some(refused(format!(
            "Lembar ini berisi data sampai kolom {} ({} kolom, sel {}{}); Loket membaca \
             paling banyak {MAX_COLUMNS} kolom. Hapus kolom yang tidak dipakai atau salin \
             tabelnya ke lembar baru.",
            column_name(col),
            number(c as u64),
            column_name(col),
            r
        )));
    }
    if r > MAX_ROWS + 1 {
        return Some(too_many(r));
    }
    None
}

/// The cells of the first sheet that hold something, row by row (sparse).
type Cells = std::collections::BTreeMap<u32, Vec<(u32, Cell)>>;

/// Opens a workbook as what its content says it is (not by trying each
/// format in turn, so a refusal names the format's own reason).
fn open(bytes: &[u8]) -> Result<Sheets<Cursor<Vec<u8>>>> {
    let data = Cursor::new(bytes.to_vec());
    let unreadable =
        |e: &dyn std::fmt::Display| refused(format!("Buku kerja tidak dapat dibaca: {e}."));
    if !bytes.starts_with(b"PK") {
        return open_workbook_from_rs::<Xls<_>, _>(data)
            .map(Sheets::Xls)
            .map_err(|e| unreadable(&e));
    }
    let names: Vec<String> = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| unreadable(&e))?
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect();
    let has = |n: &str| names.iter().any(|x| x == n);
    if has("mimetype") {
        return open_workbook_from_rs::<Ods<_>, _>(data)
            .map(Sheets::Ods)
            .map_err(|e| match e {
                OdsError::CellLimitExceeded { requested, .. } => refused(format!(
                    "Lembar ODS ini meminta {} sel (baris atau kolom yang diulang); Loket \
                     membaca paling banyak {} sel.",
                    number(requested as u64),
                    number(MAX_CELLS as u64)
                )),
                e => unreadable(&e),
            });
    }
    if has("xl/workbook.bin") {
        return open_workbook_from_rs::<Xlsb<_>, _>(data)
            .map(Sheets::Xlsb)
            .map_err(|e| unreadable(&e));
    }
    open_workbook_from_rs::<Xlsx<_>, _>(data)
        .map(Sheets::Xlsx)
        .map_err(|e| unreadable(&e))
}

/// The first sheet of a workbook, merged regions filled. XLSX is read cell by
/// cell, each checked against the limits before it is kept; XLS and ODS
/// through the reader's whole range (the confined reader's memory limit
/// bounds those).
fn read_workbook(bytes: &[u8]) -> Result<Vec<(u32, Vec<Cell>)>> {
    let mut book = open(bytes)?;
    let first = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| refused("Buku kerja tidak berisi lembar kerja."))?;
    let unreadable =
        |e: &dyn std::fmt::Display| refused(format!("Lembar \"{first}\" tidak dapat dibaca: {e}."));
    let mut cells = Cells::new();
    let mut count = 0usize;
    let mut keep = |cells: &mut Cells, (row, col): (u32, u32), c: Cell| -> Result<()> {
        if c.is_blank() {
            return Ok(());
        }
        if let Some(e) = too_far(row, col) {
            return Err(e);
        }
        if let Cell::Text(t) = &c {
            let n = t.chars().count();
            if n > MAX_CELL_CHARS {
                return Err(too_long(row, col, n));
            }
        }
        count += 1;
        if count > MAX_CELLS {
            return Err(too_big());
        }
        cells.entry(row).or_default().push((col, c));
        Ok(())
    };
    let merged = match &mut book {
        Sheets::Xlsx(x) => {
            let mut reader = x
                .worksheet_cells_reader(&first)
                .map_err(|e| unreadable(&e))?;
            while let Some(c) = reader.next_cell().map_err(|e| unreadable(&e))? {
                let value = cell(&Data::from(c.get_value().clone()));
                keep(&mut cells, c.get_position(), value)?;
            }
            drop(reader);
            x.merge_cells_by_sheet_name(&first).unwrap_or_default()
        }
        other => {
            let range = other.worksheet_range(&first).map_err(|e| unreadable(&e))?;
            let (r0, c0) = range.start().unwrap_or((0, 0));
            for (r, row) in range.rows().enumerate() {
                for (c, data) in row.iter().enumerate() {
                    keep(&mut cells, (r0 + r as u32, c0 + c as u32), cell(data))?;
                }
            }
            Vec::new()
        }
    };
    fill_merges(&mut cells, &merged)?;
    dense(cells)
}

/// Gives a merged region's value to every cell it covers, within the extent
/// of the cells that hold something (a merge reaching column XFD covers no
/// more than the table does), and within [`MAX_CELLS`] copies in all.
fn fill_merges(cells: &mut Cells, merged: &[calamine::Dimensions]) -> Result<()> {
    let Some(last_row) = cells.keys().next_back().copied() else {
        return Ok(());
    };
    let last_col = cells
        .values()
        .flat_map(|r| r.iter().map(|(c, _)| *c))
        .max()
        .unwrap_or(0);
    let mut copies = 0usize;
    for m in merged {
        let (top, left) = m.start;
        if top > last_row || left > last_col {
            continue;
        }
        let Some(value) = cells
            .get(&top)
            .and_then(|r| r.iter().find(|(c, _)| *c == left))
            .map(|(_, v)| v.clone())
        else {
            continue;
        };
        let bottom = m.end.0.min(last_row);
        let right = m.end.1.min(last_col);
        let area =
            (bottom.saturating_sub(top) as usize + 1) * (right.saturating_sub(left) as usize + 1);
        copies += area;
        if copies > MAX_CELLS {
            return Err(refused(format!(
                "Sel gabungan lembar ini mencakup lebih dari {} sel; pisahkan gabungannya \
                 atau salin tabelnya ke lembar baru.",
                number(MAX_CELLS as u64)
            )));
        }
        for r in top..=bottom {
            let row = cells.entry(r).or_default();
            for c in left..=right {
                if (r, c) == (top, left) {
                    continue;
                }
                match row.iter_mut().find(|(col, _)| *col == c) {
                    Some((_, v)) => *v = value.clone(),
                    None => row.push((c, value.clone())),
                }
            }
        }
    }
    Ok(())
}

/// The kept cells as rows numbered as the spreadsheet program numbers them,
/// each as wide as its last cell.
fn dense(cells: Cells) -> Result<Vec<(u32, Vec<Cell>)>> {
    let mut total = 0usize;
    let mut out = Vec::with_capacity(cells.len());
    for (row, mut kept) in cells {
        kept.sort_by_key(|(c, _)| *c);
        let width = kept.last().map_or(0, |(c, _)| *c as usize + 1);
        total += width;
        if total > MAX_CELLS {
            return Err(too_big());
        }
        let mut line = vec![Cell::Empty; width];
        for (c, v) in kept {
            line[c as usize] = v;
        }
        out.push((row + 1, line));
    }
    Ok(out)
}

fn too_big() -> Error {
    refused(format!(
        "Lembar ini berisi lebih dari {} sel; bagi menjadi beberapa berkas.",
        number(MAX_CELLS as u64)
    ))
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
    let mut cells = 0usize;
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
        if record.len() > MAX_COLUMNS {
            return Err(refused(format!(
                "Baris {line} CSV ini berisi {} kolom; Loket membaca paling banyak {MAX_COLUMNS} \
                 kolom. Periksa pemisah kolomnya.",
                number(record.len() as u64)
            )));
        }
        cells += record.len();
        if cells > MAX_CELLS {
            return Err(too_big());
        }
        if let Some((c, f)) = record
            .iter()
            .enumerate()
            .find(|(_, f)| f.chars().count() > MAX_CELL_CHARS)
        {
            return Err(too_long(
                line.saturating_sub(1),
                c as u32,
                f.chars().count(),
            ));
        }
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
        "Berkas berisi lebih dari {} baris ({}); bagi menjadi beberapa berkas.",
        number(MAX_ROWS as u64),
        number(rows as u64)
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
        let s = read_here(
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
        let s = read_here("x.csv", b"Nama\nJos\xe9\n").expect("read");
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
            match read_here(name, bytes) {
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
