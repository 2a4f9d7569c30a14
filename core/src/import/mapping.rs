//! Which column of the office's spreadsheet holds which of Loket's fields:
//! guessed from the header names, chosen by the operator, and remembered by
//! header name for the next file (setting `impor_pemetaan`).

use std::collections::BTreeMap;

use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::applicants::identity::search_name;
use crate::{Error, Result, store};

/// A field of Loket a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ImportField {
    Nama,
    Nik,
    Nip,
    Email,
    Telepon,
    Jabatan,
    UnitKerja,
    Instansi,
    BerlakuMulai,
    BerlakuSampai,
    NomorSeri,
}

text_enum!(ImportField {
    Nama => "nama", Nik => "nik", Nip => "nip", Email => "email", Telepon => "telepon",
    Jabatan => "jabatan", UnitKerja => "unit_kerja", Instansi => "instansi",
    BerlakuMulai => "berlaku_mulai", BerlakuSampai => "berlaku_sampai", NomorSeri => "nomor_seri",
});

impl ImportField {
    pub const ALL: [ImportField; 11] = [
        ImportField::Nama,
        ImportField::Nik,
        ImportField::Nip,
        ImportField::Email,
        ImportField::Telepon,
        ImportField::Jabatan,
        ImportField::UnitKerja,
        ImportField::Instansi,
        ImportField::BerlakuMulai,
        ImportField::BerlakuSampai,
        ImportField::NomorSeri,
    ];

    /// The field's name on screen and in the refused-rows spreadsheet.
    pub fn label(self) -> &'static str {
        match self {
            ImportField::Nama => "Nama",
            ImportField::Nik => "NIK",
            ImportField::Nip => "NIP",
            ImportField::Email => "E-mail",
            ImportField::Telepon => "Nomor HP",
            ImportField::Jabatan => "Jabatan",
            ImportField::UnitKerja => "Unit kerja",
            ImportField::Instansi => "Instansi",
            ImportField::BerlakuMulai => "Sertifikat berlaku mulai",
            ImportField::BerlakuSampai => "Sertifikat berlaku sampai",
            ImportField::NomorSeri => "Nomor seri sertifikat",
        }
    }

    /// Whether every row must have it: the desk's form requires it. The
    /// certificate's fields are optional as a group (a staff roster has
    /// none); NIP is optional as on the form.
    pub fn required(self) -> bool {
        !matches!(
            self,
            ImportField::Nip
                | ImportField::BerlakuMulai
                | ImportField::BerlakuSampai
                | ImportField::NomorSeri
        )
    }

    /// Header names (folded as `search_name` folds) that mean this field.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            ImportField::Nama => &[
                "nama",
                "nama lengkap",
                "nama pegawai",
                "nama pemohon",
                "name",
            ],
            ImportField::Nik => &[
                "nik",
                "no ktp",
                "nomor ktp",
                "nomor induk kependudukan",
                "nik ktp",
            ],
            ImportField::Nip => &[
                "nip",
                "nip nrp",
                "nomor induk pegawai",
                "nipppk",
                "nip pppk",
            ],
            ImportField::Email => &["email", "e mail", "surel", "alamat email", "email dinas"],
            ImportField::Telepon => &[
                "telepon",
                "no hp",
                "nomor hp",
                "hp",
                "no telp",
                "telp",
                "no wa",
                "whatsapp",
                "nomor telepon",
            ],
            ImportField::Jabatan => &["jabatan", "nama jabatan", "position"],
            ImportField::UnitKerja => &["unit kerja", "unit", "bidang", "sub unit", "satuan kerja"],
            ImportField::Instansi => &["instansi", "opd", "perangkat daerah", "skpd", "dinas"],
            ImportField::BerlakuMulai => &[
                "berlaku mulai",
                "tanggal terbit",
                "tgl terbit",
                "mulai berlaku",
                "valid from",
                "tanggal mulai",
            ],
            ImportField::BerlakuSampai => &[
                "berlaku sampai",
                "tanggal kedaluwarsa",
                "tgl kedaluwarsa",
                "berlaku hingga",
                "valid to",
                "tanggal berakhir",
                "kedaluwarsa",
                "expired",
            ],
            ImportField::NomorSeri => &[
                "nomor seri",
                "no seri",
                "serial",
                "serial number",
                "nomor seri sertifikat",
            ],
        }
    }
}

/// Which header (by its name) fills each field; a field left out is not in
/// the file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportMapping {
    pub columns: BTreeMap<ImportField, String>,
}

/// A mapping resolved to column positions of one sheet.
#[derive(Debug, Clone, Default)]
pub struct Columns(BTreeMap<ImportField, usize>);

impl Columns {
    pub fn of(&self, f: ImportField) -> Option<usize> {
        self.0.get(&f).copied()
    }
}

/// A header as compared with the aliases: lowercase, dots dropped ("N.I.K",
/// "No. HP"), other punctuation as spaces, single spaces.
fn fold(header: &str) -> String {
    search_name(
        &header
            .replace('.', "")
            .replace(['_', '-', '/', '(', ')', ':', '*'], " "),
    )
}

/// The mapping for a sheet with `headers`: each field takes the remembered
/// header when the sheet has it, else the header its name suggests.
pub fn suggest(headers: &[String], remembered: &ImportMapping) -> ImportMapping {
    let folded: Vec<String> = headers.iter().map(|h| fold(h)).collect();
    let mut columns = BTreeMap::new();
    for f in ImportField::ALL {
        let known = remembered
            .columns
            .get(&f)
            .filter(|h| headers.iter().any(|x| x == *h));
        let guessed = || {
            folded
                .iter()
                .position(|h| f.aliases().contains(&h.as_str()))
                .map(|i| headers[i].clone())
        };
        if let Some(h) = known.cloned().or_else(guessed) {
            columns.insert(f, h);
        }
    }
    ImportMapping { columns }
}

/// Resolves `mapping` against the sheet's headers; a required field without
/// a column, a header the sheet lacks, one column for two fields, or only one
/// of the certificate's two dates is refused, named on the field.
pub fn resolve(headers: &[String], mapping: &ImportMapping) -> Result<Columns> {
    let mut errors = BTreeMap::new();
    let mut cols = BTreeMap::new();
    let mut used: BTreeMap<usize, ImportField> = BTreeMap::new();
    for f in ImportField::ALL {
        match mapping.columns.get(&f).filter(|h| !h.is_empty()) {
            None if f.required() => {
                errors.insert(
                    f.as_str().to_string(),
                    format!("Pilih kolom untuk {}: wajib ada.", f.label()),
                );
            }
            None => {}
            Some(h) => match headers.iter().position(|x| x == h) {
                None => {
                    errors.insert(
                        f.as_str().to_string(),
                        format!("Kolom \"{h}\" tidak ada di berkas."),
                    );
                }
                Some(i) => {
                    if let Some(other) = used.insert(i, f) {
                        errors.insert(
                            f.as_str().to_string(),
                            format!("Kolom \"{h}\" sudah dipakai untuk {}.", other.label()),
                        );
                    }
                    cols.insert(f, i);
                }
            },
        }
    }
    let from = cols.contains_key(&ImportField::BerlakuMulai);
    let to = cols.contains_key(&ImportField::BerlakuSampai);
    if from != to || (cols.contains_key(&ImportField::NomorSeri) && !from) {
        let missing = if from {
            ImportField::BerlakuSampai
        } else {
            ImportField::BerlakuMulai
        };
        errors.insert(
            missing.as_str().to_string(),
            "Sertifikat dicatat dengan kedua tanggalnya: pilih juga kolom ini, atau kosongkan \
             kolom sertifikat lainnya."
                .into(),
        );
    }
    if errors.is_empty() {
        Ok(Columns(cols))
    } else {
        Err(Error::Invalid {
            message: "Pemetaan kolom belum lengkap.".into(),
            fields: errors,
        })
    }
}

const SETTING: &str = "impor_pemetaan";

/// The mapping used last (empty when none was saved, or when the stored one
/// cannot be read: a guess is then made afresh).
pub async fn remembered(db: &impl ConnectionTrait) -> Result<ImportMapping> {
    Ok(store::setting(db, SETTING)
        .await?
        .and_then(|v| serde_json::from_str(&v).ok())
        .unwrap_or_default())
}

/// Remembers `mapping` (inside the caller's transaction).
pub async fn remember(
    db: &impl ConnectionTrait,
    key: &crate::secrets::DataKey,
    mapping: &ImportMapping,
) -> Result<()> {
    let text = serde_json::to_string(mapping).map_err(|e| Error::Corrupt(e.to_string()))?;
    store::set_setting(db, key, SETTING, &text).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn headers_are_recognised_by_their_usual_names() {
        let headers = h(&[
            "No",
            "NAMA LENGKAP",
            "N.I.K",
            "NIP",
            "E-mail",
            "No. HP",
            "Jabatan",
            "Unit Kerja",
            "OPD",
            "Tgl Terbit",
            "Berlaku Sampai",
            "No Seri",
        ]);
        let m = suggest(&headers, &ImportMapping::default());
        assert_eq!(
            m.columns.get(&ImportField::Nama).map(String::as_str),
            Some("NAMA LENGKAP")
        );
        assert_eq!(
            m.columns.get(&ImportField::Telepon).map(String::as_str),
            Some("No. HP")
        );
        assert_eq!(
            m.columns.get(&ImportField::Instansi).map(String::as_str),
            Some("OPD")
        );
        assert_eq!(
            m.columns.get(&ImportField::NomorSeri).map(String::as_str),
            Some("No Seri")
        );
        assert_eq!(m.columns.len(), 11, "{m:?}");
        resolve(&headers, &m).expect("complete");
    }

    #[test]
    fn a_remembered_header_wins_when_the_file_has_it() {
        let mut remembered = ImportMapping::default();
        remembered
            .columns
            .insert(ImportField::Nama, "Pegawai".into());
        remembered
            .columns
            .insert(ImportField::Nik, "Tidak ada".into());
        let m = suggest(&h(&["Pegawai", "Nama", "NIK"]), &remembered);
        assert_eq!(m.columns[&ImportField::Nama], "Pegawai");
        assert_eq!(m.columns[&ImportField::Nik], "NIK");
    }

    #[test]
    fn an_incomplete_or_doubled_mapping_is_refused_per_field() {
        let headers = h(&["Nama", "NIK", "Mulai"]);
        let mut m = ImportMapping::default();
        m.columns.insert(ImportField::Nama, "Nama".into());
        m.columns.insert(ImportField::Nik, "Nama".into());
        m.columns.insert(ImportField::Email, "Surel".into());
        m.columns.insert(ImportField::BerlakuMulai, "Mulai".into());
        let Err(Error::Invalid { fields, .. }) = resolve(&headers, &m) else {
            panic!("refused")
        };
        assert!(fields["nik"].contains("sudah dipakai untuk Nama"));
        assert!(fields["email"].contains("tidak ada di berkas"));
        assert!(fields["telepon"].contains("wajib"));
        assert!(fields["berlaku_sampai"].contains("kedua tanggalnya"));
    }
}
