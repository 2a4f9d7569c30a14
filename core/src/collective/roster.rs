//! The roster of a collective request: typed on the screen row by row, or
//! read from the OPD's spreadsheet (CSV or workbook, the same reader and
//! header guesses as the import) into rows the desk can still correct
//! before opening.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::applicants::check::ApplicantInput;
use crate::import::mapping::{self, ImportField, ImportMapping};
use crate::import::sheet::{self, Cell};
use crate::{Error, Result};

/// The most employees one collective request takes (one attachment table).
pub const MAX_ROWS: usize = 300;

/// One employee on the roster. The instansi is the request's; the NIK is
/// typed once (the roster is the OPD's list, checked row by row).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct RosterRow {
    pub nama: String,
    pub nik: String,
    pub nip: String,
    pub jabatan: String,
    pub unit_kerja: String,
    pub email: String,
    pub telepon: String,
}

impl RosterRow {
    /// The intake form's input for this row, of `instansi`.
    pub fn to_applicant(&self, instansi: &str) -> ApplicantInput {
        ApplicantInput {
            nama: self.nama.trim().into(),
            nik: self.nik.trim().into(),
            nik_ulang: self.nik.trim().into(),
            nip: self.nip.trim().into(),
            email: self.email.trim().into(),
            telepon: self.telepon.trim().into(),
            jabatan: self.jabatan.trim().into(),
            unit_kerja: self.unit_kerja.trim().into(),
            instansi: instansi.trim().into(),
        }
    }
}

/// A roster read from a file: its rows, the instansi its first row names (when
/// the file has that column), and what the desk must look at again.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RosterFile {
    pub rows: Vec<RosterRow>,
    pub instansi: Option<String>,
    pub catatan: Vec<String>,
}

/// Reads the roster in `bytes` (file `name`), the columns found by their
/// header names as the import guesses them (and `remembered`, the import's
/// last mapping). A NIK or NIP stored as a number is left empty with a note:
/// a spreadsheet keeps only 15 significant digits, so its value cannot be
/// trusted.
pub async fn read(name: &str, bytes: &[u8], remembered: &ImportMapping) -> Result<RosterFile> {
    from_sheet(&sheet::read(name, bytes).await?, remembered)
}

/// The roster in a sheet already read (see [`read`]).
pub fn from_sheet(sheet: &sheet::Sheet, remembered: &ImportMapping) -> Result<RosterFile> {
    let found = mapping::suggest(&sheet.headers, remembered);
    let column = |f: ImportField| {
        found
            .columns
            .get(&f)
            .and_then(|h| sheet.headers.iter().position(|x| x == h))
    };
    let (Some(nama), Some(nik)) = (column(ImportField::Nama), column(ImportField::Nik)) else {
        return Err(Error::field(
            "berkas",
            "Kolom nama dan NIK tidak ditemukan: beri judul kolom \"Nama\" dan \"NIK\" di baris pertama tabel.",
        ));
    };
    if sheet.rows.len() > MAX_ROWS {
        return Err(Error::field(
            "berkas",
            format!(
                "Berkas berisi {} baris; satu permohonan kolektif paling banyak {} pegawai.",
                sheet.rows.len(),
                MAX_ROWS
            ),
        ));
    }
    let mut out = RosterFile::default();
    let text = |row: &sheet::Row, c: Option<usize>| {
        c.map(|i| row.cell(i).shown().trim().to_string())
            .unwrap_or_default()
    };
    for row in &sheet.rows {
        let mut number = |c: Option<usize>, label: &str| match c.map(|i| row.cell(i)) {
            Some(Cell::Number(_)) => {
                out.catatan.push(format!(
                    "Baris {}: {label} tersimpan sebagai angka di berkas; ketik ulang.",
                    row.number
                ));
                String::new()
            }
            _ => text(row, c),
        };
        let r = RosterRow {
            nik: number(Some(nik), "NIK"),
            nip: number(column(ImportField::Nip), "NIP"),
            nama: text(row, Some(nama)),
            jabatan: text(row, column(ImportField::Jabatan)),
            unit_kerja: text(row, column(ImportField::UnitKerja)),
            email: text(row, column(ImportField::Email)),
            telepon: text(row, column(ImportField::Telepon)),
        };
        if out.instansi.is_none() {
            out.instansi = Some(text(row, column(ImportField::Instansi))).filter(|s| !s.is_empty());
        }
        out.rows.push(r);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_roster_and_refuses_numbers_for_identity() {
        let csv = "Nama;NIK;NIP;Jabatan;Unit Kerja;Email;No HP;OPD\n\
                   Ni Made Sari;5171014101900001;199001012015032001;Analis;Sekretariat;sari@denpasarkota.go.id;081234;Dinas Pendidikan\n";
        let sheet = sheet::read_here("daftar.csv", csv.as_bytes()).unwrap();
        let r = from_sheet(&sheet, &ImportMapping::default()).unwrap();
        assert_eq!(r.rows.len(), 1);
        assert_eq!(r.rows[0].nik, "5171014101900001");
        assert_eq!(r.rows[0].unit_kerja, "Sekretariat");
        assert_eq!(r.instansi.as_deref(), Some("Dinas Pendidikan"));
        assert!(r.catatan.is_empty());
        let a = r.rows[0].to_applicant("Dinas Pendidikan");
        assert_eq!(a.nik, a.nik_ulang);
    }

    #[test]
    fn a_file_without_names_or_niks_is_refused() {
        let sheet = sheet::read_here("x.csv", b"Foo;Bar\n1;2\n").unwrap();
        let e = from_sheet(&sheet, &ImportMapping::default()).unwrap_err();
        assert!(matches!(e, Error::Invalid { fields, .. } if fields.contains_key("berkas")));
    }
}
