//! One imported row judged: its cells read as the desk's form reads them
//! (the same checks), then set against the rows above it in the file and
//! against what Loket already holds, so that a row is refused with its
//! reasons, adds a person (with or without a certificate), adds a
//! certificate to a person already known, or adds nothing because Loket
//! already has it. The dry run and the import judge with this same code.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Days, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::mapping::{Columns, ImportField};
use super::sheet::{Cell, Row};
use crate::applicants::check::{ApplicantInput, CheckContext, ValidApplicant, check};
use crate::applicants::identity::search_name;
use crate::applicants::registry::find_by_nik;
use crate::calendar::days::parse_day;
use crate::entities::{applicants, certificates};
use crate::secrets::DataKey;
use crate::{Result, certificates::Validity};

/// A certificate read from a row.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RowCertificate {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub serial: String,
}

impl RowCertificate {
    pub fn validity(&self) -> Validity {
        Validity {
            valid_from: self.from.to_string(),
            valid_to: self.to.to_string(),
            serial: self.serial.clone(),
        }
    }

    fn same_as(&self, c: &certificates::Model) -> bool {
        match (&c.serial, self.serial.is_empty()) {
            (Some(s), false) => *s == self.serial,
            _ => c.valid_from == self.from && c.valid_to == self.to,
        }
    }
}

/// A row judged.
#[derive(Debug, Clone)]
pub enum Judged {
    Refused(Vec<String>),
    Write {
        person: Box<ValidApplicant>,
        new_person: bool,
        certificate: Option<RowCertificate>,
    },
    AlreadyThere,
}

/// What the rows above have claimed: NIKs (by blind index) with their row,
/// name and certificates; NIPs and serials with the NIK that holds them.
#[derive(Default)]
pub struct Seen {
    people: HashMap<String, (u32, String, HashSet<RowCertificate>)>,
    nips: HashMap<String, (u32, String)>,
    serials: HashMap<String, (u32, String)>,
}

/// What judging needs besides the row.
pub struct Judge<'a> {
    pub key: &'a DataKey,
    pub columns: &'a Columns,
    pub today: NaiveDate,
    pub regions: &'a HashSet<String>,
}

/// The first Excel date serial Loket reads as a day (1 January 1960) and the
/// last (31 December 2099): a number outside is not a date of a certificate.
const SERIAL_RANGE: std::ops::RangeInclusive<f64> = 21_916.0..=73_415.0;

/// A day from a date cell, an Excel date serial, or text as dd/mm/yyyy,
/// d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd.
pub fn day(cell: &Cell) -> std::result::Result<Option<NaiveDate>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(d) => Ok(Some(*d)),
        Cell::Number(n) if n.fract() == 0.0 && SERIAL_RANGE.contains(n) => {
            // Serial 1 is 1 January 1900, and Excel counts a 29 February 1900
            // that never was: from March 1900 on, day 0 is 30 December 1899.
            let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).ok_or("epoch")?;
            Ok(epoch.checked_add_days(Days::new(*n as u64)))
        }
        Cell::Number(n) => Err(format!("{n} bukan tanggal.")),
        Cell::Text(t) if t.trim().is_empty() => Ok(None),
        Cell::Text(t) => {
            let t = t.trim();
            let t = t.split([' ', 'T']).next().unwrap_or(t);
            parse_day(t)
                .map(Some)
                .ok_or_else(|| format!("\"{t}\" bukan tanggal (tulis hh/bb/tttt)."))
        }
    }
}

/// An identity number from its cell. A number cell is refused: a
/// spreadsheet keeps 15 significant digits, so a 16-digit NIK or an 18-digit
/// NIP typed as a number may already have lost its last digits.
fn digits_text(cell: &Cell, label: &str) -> std::result::Result<String, String> {
    match cell {
        Cell::Number(_) => Err(format!(
            "{label} tersimpan sebagai angka di lembar kerja; digit terakhirnya bisa sudah \
             berubah. Format kolom sebagai Teks dan ketik ulang dari dokumennya."
        )),
        c => Ok(c.shown()),
    }
}

/// A phone number from its cell: a number cell lost its leading zero.
fn phone_text(cell: &Cell) -> String {
    match cell {
        Cell::Number(_) => {
            let s = cell.shown();
            if s.starts_with('8') {
                format!("0{s}")
            } else {
                s
            }
        }
        c => c.shown(),
    }
}

impl Judge<'_> {
    fn text(&self, row: &Row, f: ImportField) -> String {
        self.columns
            .of(f)
            .map(|i| row.cell(i).shown())
            .unwrap_or_default()
    }

    fn cell<'r>(&self, row: &'r Row, f: ImportField) -> &'r Cell {
        self.columns.of(f).map_or(&Cell::Empty, |i| row.cell(i))
    }

    /// The row's fields read and checked by the desk form's own checks.
    fn read(
        &self,
        row: &Row,
    ) -> std::result::Result<(ValidApplicant, Option<RowCertificate>), Vec<String>> {
        let mut errors: BTreeMap<&'static str, String> = BTreeMap::new();
        let nik = digits_text(self.cell(row, ImportField::Nik), "NIK").unwrap_or_else(|m| {
            errors.insert("nik", m);
            String::new()
        });
        let nip = digits_text(self.cell(row, ImportField::Nip), "NIP").unwrap_or_else(|m| {
            errors.insert("nip", m);
            String::new()
        });
        let input = ApplicantInput {
            nama: self.text(row, ImportField::Nama),
            nik_ulang: nik.clone(),
            nik,
            nip,
            email: self.text(row, ImportField::Email),
            telepon: phone_text(self.cell(row, ImportField::Telepon)),
            jabatan: self.text(row, ImportField::Jabatan),
            unit_kerja: self.text(row, ImportField::UnitKerja),
            instansi: self.text(row, ImportField::Instansi),
        };
        let known = |code: &str| self.regions.contains(code);
        let ctx = CheckContext {
            today: self.today,
            official_domain: None,
            region_known: &known,
        };
        let (valid, report) = check(&input, &ctx);
        for (field, message) in report.errors {
            let f = ImportField::parse(&field).unwrap_or(ImportField::Nama);
            let label = f.label();
            errors
                .entry(f.as_str())
                .or_insert_with(|| format!("{label}: {message}"));
        }
        let mut certificate = None;
        if self.columns.of(ImportField::BerlakuMulai).is_some() {
            let from = day(self.cell(row, ImportField::BerlakuMulai));
            let to = day(self.cell(row, ImportField::BerlakuSampai));
            let serial = self.text(row, ImportField::NomorSeri).trim().to_string();
            match (from, to) {
                (Err(m), _) => {
                    errors.insert("berlaku_mulai", format!("Berlaku mulai: {m}"));
                }
                (_, Err(m)) => {
                    errors.insert("berlaku_sampai", format!("Berlaku sampai: {m}"));
                }
                (Ok(None), Ok(None)) if serial.is_empty() => {}
                (Ok(Some(from)), Ok(Some(to))) => {
                    let c = RowCertificate { from, to, serial };
                    match c.validity().check_imported() {
                        Ok(_) => certificate = Some(c),
                        Err(e) => {
                            errors.insert(
                                "berlaku_sampai",
                                format!("Sertifikat: {}", first_message(e)),
                            );
                        }
                    }
                }
                _ => {
                    errors.insert(
                        "berlaku_mulai",
                        "Sertifikat: isi kedua tanggal berlakunya, atau kosongkan semua kolom \
                         sertifikat."
                            .into(),
                    );
                }
            }
        }
        match valid {
            Some(v) if errors.is_empty() => Ok((v, certificate)),
            _ => Err(errors.into_values().collect()),
        }
    }

    /// Judges `row` against the rows above (`seen`, which it then joins
    /// unless refused) and what `db` holds.
    pub async fn judge(
        &self,
        db: &impl ConnectionTrait,
        seen: &mut Seen,
        row: &Row,
    ) -> Result<Judged> {
        let (person, certificate) = match self.read(row) {
            Ok(v) => v,
            Err(reasons) => return Ok(Judged::Refused(reasons)),
        };
        let index = self.key.blind_index("nik", &person.nik.digits);
        let name = search_name(&person.nama);
        let refuse = |m: String| Ok(Judged::Refused(vec![m]));
        // The person Loket holds under this NIK, looked up once for every check below.
        let existing = find_by_nik(db, self.key, &person.nik.digits).await?;
        let own = existing.as_ref().map(|a| a.id);

        if let Some(nip) = person.nip.as_ref().map(|n| n.digits.clone()) {
            if let Some((n, other)) = seen.nips.get(&nip)
                && *other != index
            {
                return refuse(format!("NIP: sama dengan NIP orang lain di baris {n}."));
            }
            let holder = applicants::Entity::find()
                .filter(applicants::Column::Nip.eq(nip.clone()))
                .one(db)
                .await?;
            if holder.is_some_and(|h| h.nik_index != index) {
                return refuse("NIP: sudah terdaftar di Loket untuk orang lain.".into());
            }
        }
        if let Some(serial) = certificate
            .as_ref()
            .map(|c| c.serial.clone())
            .filter(|s| !s.is_empty())
        {
            if let Some((n, other)) = seen.serials.get(&serial)
                && *other != index
            {
                return refuse(format!(
                    "Nomor seri: sama dengan sertifikat orang lain di baris {n}."
                ));
            }
            let holders = certificates::Entity::find()
                .filter(certificates::Column::Serial.eq(serial))
                .all(db)
                .await?;
            if holders.iter().any(|c| Some(c.applicant_id) != own) {
                return refuse(
                    "Nomor seri: sertifikat ini tercatat di Loket atas orang lain.".into(),
                );
            }
        }

        let judged = if let Some((n, earlier, certs)) = seen.people.get(&index) {
            if *earlier != name {
                return refuse(format!(
                    "NIK: sama dengan baris {n}, tetapi namanya berbeda."
                ));
            }
            match &certificate {
                Some(c) if !certs.contains(c) => certificate_of_known(db, own, person, c).await?,
                _ => return refuse(format!("Baris ganda: sama dengan baris {n}.")),
            }
        } else if let Some(existing) = existing {
            if search_name(&existing.nama) != name {
                return refuse(format!(
                    "NIK: terdaftar di Loket atas nama {}; periksa NIK atau nama.",
                    existing.nama
                ));
            }
            match &certificate {
                None => Judged::AlreadyThere,
                Some(c) => certificate_of_known(db, own, person, c).await?,
            }
        } else {
            Judged::Write {
                person: Box::new(person),
                new_person: true,
                certificate: certificate.clone(),
            }
        };

        let entry = seen
            .people
            .entry(index.clone())
            .or_insert_with(|| (row.number, name, HashSet::new()));
        if let Some(c) = certificate {
            if !c.serial.is_empty() {
                seen.serials
                    .insert(c.serial.clone(), (row.number, index.clone()));
            }
            entry.2.insert(c);
        }
        if let Judged::Write { person, .. } = &judged
            && let Some(nip) = &person.nip
        {
            seen.nips.insert(nip.digits.clone(), (row.number, index));
        }
        Ok(judged)
    }
}

/// A certificate for a person Loket may already hold it for (`own`: their
/// id when Loket holds them).
async fn certificate_of_known(
    db: &impl ConnectionTrait,
    own: Option<i64>,
    person: ValidApplicant,
    c: &RowCertificate,
) -> Result<Judged> {
    let held = match own {
        Some(id) => certificates::Entity::find()
            .filter(certificates::Column::ApplicantId.eq(id))
            .all(db)
            .await?
            .iter()
            .any(|h| c.same_as(h)),
        None => false,
    };
    Ok(if held {
        Judged::AlreadyThere
    } else {
        Judged::Write {
            person: Box::new(person),
            new_person: false,
            certificate: Some(c.clone()),
        }
    })
}

fn first_message(e: crate::Error) -> String {
    match e {
        crate::Error::Invalid { fields, message } => fields.into_values().next().unwrap_or(message),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn dates_are_read_from_cells_serials_and_the_ways_people_type_them() {
        assert_eq!(day(&Cell::Number(45_658.0)), Ok(Some(d(2025, 1, 1))));
        assert_eq!(day(&Cell::Number(45_351.0)), Ok(Some(d(2024, 2, 29))));
        assert_eq!(day(&Cell::Date(d(2024, 2, 29))), Ok(Some(d(2024, 2, 29))));
        for t in [
            "01/02/2025",
            "1/2/2025",
            "01-02-2025",
            "01.02.2025",
            "2025-02-01",
            "2025-02-01 00:00:00",
        ] {
            assert_eq!(day(&Cell::Text(t.into())), Ok(Some(d(2025, 2, 1))), "{t}");
        }
        assert_eq!(day(&Cell::Text("  ".into())), Ok(None));
        assert!(day(&Cell::Text("31/02/2025".into())).is_err());
        assert!(day(&Cell::Text("besok".into())).is_err());
        assert!(day(&Cell::Number(12.0)).is_err());
        assert!(day(&Cell::Number(45_658.5)).is_err());
    }

    #[test]
    fn identity_numbers_typed_as_numbers_are_refused_and_phones_get_their_zero() {
        assert!(digits_text(&Cell::Number(3_171_234_567_890_120.0), "NIK").is_err());
        assert_eq!(
            digits_text(&Cell::Text("3171 2345".into()), "NIK"),
            Ok("3171 2345".into())
        );
        assert_eq!(phone_text(&Cell::Number(81_234_567_890.0)), "081234567890");
        assert_eq!(
            phone_text(&Cell::Number(6_281_234_567_890.0)),
            "6281234567890"
        );
    }
}
