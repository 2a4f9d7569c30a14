//! Opening a collective request: every row of the roster is checked like the
//! desk's own intake form and opens its own case; either every row opens or
//! nothing is saved and each refused row says why, under its own cells.

use std::collections::{BTreeMap, HashMap};

use rand::{CryptoRng, RngCore};
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set, TransactionTrait};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::follow::{self, CollectiveRow};
use super::roster::{MAX_ROWS, RosterRow};
use crate::applicants::identity::search_name;
use crate::applicants::registry::find_by_nik;
use crate::audit::{Acting, Entry};
use crate::calendar::days::parse_day;
use crate::cases::forms::ServiceFormInput;
use crate::cases::intake::{NewService, open_service_in};
use crate::entities::{collective_cases, collectives};
use crate::lifecycle::vocabulary::{Kanal, Layanan};
use crate::{Error, Result, store};

/// What the desk sends to open a collective request.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct NewCollective {
    /// Penerbitan or pembaruan.
    pub layanan: Option<Layanan>,
    /// The OPD; every person on the roster belongs to it.
    pub instansi: String,
    /// The number of the OPD's covering letter.
    pub surat_nomor: String,
    /// Its date (dd/mm/yyyy), optional.
    pub surat_tanggal: String,
    /// Pembaruan: the desk checked in AMS that the people's data has not changed.
    #[serde(default)]
    pub data_dikonfirmasi: bool,
    pub rows: Vec<RosterRow>,
}

/// The field key of `field` in roster row `i` (0-based): `rows.3.nik`.
pub fn row_key(i: usize, field: &str) -> String {
    format!("rows.{i}.{field}")
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// The request's own fields, checked before any row.
fn check_head(input: &NewCollective) -> Result<(Layanan, Option<chrono::NaiveDate>)> {
    let mut errors = BTreeMap::new();
    let layanan = match input.layanan {
        Some(l @ (Layanan::Penerbitan | Layanan::Pembaruan)) => Some(l),
        Some(_) => {
            errors.insert(
                "layanan".into(),
                "Permohonan kolektif hanya untuk penerbitan atau pembaruan.".into(),
            );
            None
        }
        None => {
            errors.insert("layanan".into(), "Pilih layanan.".into());
            None
        }
    };
    if input.instansi.trim().is_empty() {
        errors.insert("instansi".into(), "Isi nama instansi (OPD) pemohon.".into());
    }
    if input.surat_nomor.trim().is_empty() {
        errors.insert(
            "surat_nomor".into(),
            "Isi nomor surat permohonan dari OPD.".into(),
        );
    }
    let tanggal = match input.surat_tanggal.trim() {
        "" => None,
        t => match parse_day(t) {
            Some(d) => Some(d),
            None => {
                errors.insert(
                    "surat_tanggal".into(),
                    "Tanggal surat ditulis hh/bb/tttt, misalnya 02/12/2026.".into(),
                );
                None
            }
        },
    };
    if layanan == Some(Layanan::Pembaruan) && !input.data_dikonfirmasi {
        errors.insert(
            "data_dikonfirmasi".into(),
            "Pastikan dulu data para pegawai di AMS tidak berubah. Bila berubah, ajukan perubahan data per orang.".into(),
        );
    }
    if input.rows.is_empty() {
        errors.insert("rows".into(), "Isi sedikitnya satu pegawai.".into());
    } else if input.rows.len() > MAX_ROWS {
        errors.insert(
            "rows".into(),
            format!("Paling banyak {MAX_ROWS} pegawai dalam satu permohonan kolektif; bagi dalam beberapa permohonan."),
        );
    }
    Error::fields(errors)?;
    let layanan = layanan.ok_or_else(|| Error::field("layanan", "Pilih layanan."))?;
    Ok((layanan, tanggal))
}

/// Opens one case per roster row and the collective request linking them,
/// in one transaction with one audit entry for the request (each case has
/// its own). A person already on record (same NIK and name) is served as
/// recorded; a new person is registered from the row.
pub async fn open(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    rng: &mut (impl RngCore + CryptoRng),
    input: &NewCollective,
) -> Result<CollectiveRow> {
    let (layanan, tanggal) = check_head(input)?;
    let instansi = input.instansi.trim().to_string();
    let txn = store::begin_write(db).await?;
    let mut errors = BTreeMap::new();
    let mut first_row: HashMap<String, usize> = HashMap::new();
    let mut case_ids = Vec::with_capacity(input.rows.len());
    for (i, row) in input.rows.iter().enumerate() {
        let nik = digits(&row.nik);
        if !nik.is_empty()
            && let Some(j) = first_row.get(&nik)
        {
            errors.insert(
                row_key(i, "nik"),
                format!("NIK sama dengan baris {}.", j + 1),
            );
            continue;
        }
        first_row.insert(nik.clone(), i);
        let mut service = NewService {
            layanan: Some(layanan),
            kanal: Kanal::Loket,
            form: ServiceFormInput {
                data_dikonfirmasi: input.data_dikonfirmasi,
                ..Default::default()
            },
            note: format!(
                "Permohonan kolektif {} (surat {}).",
                instansi,
                input.surat_nomor.trim()
            ),
            ..Default::default()
        };
        match find_by_nik(&txn, act.key(), &nik).await? {
            Some(person) => {
                if search_name(&person.nama) != search_name(&row.nama) {
                    errors.insert(
                        row_key(i, "nama"),
                        format!(
                            "NIK ini terdaftar di Loket atas nama {}; periksa NIK atau nama.",
                            person.nama
                        ),
                    );
                    continue;
                }
                if search_name(&person.instansi) != search_name(&instansi) {
                    errors.insert(
                        row_key(i, "nama"),
                        format!(
                            "Terdaftar di Loket untuk instansi {}; ajukan perubahan data orang ini dulu.",
                            person.instansi
                        ),
                    );
                    continue;
                }
                service.applicant_id = Some(person.id);
            }
            None => service.applicant = Some(row.to_applicant(&instansi)),
        }
        // Each row in its own savepoint: a refused row leaves nothing behind
        // while the rows after it are still checked.
        let row_txn = txn.begin().await?;
        match open_service_in(&row_txn, act, rng, &service, None).await {
            Ok((case, _)) => {
                row_txn.commit().await?;
                case_ids.push(case.id);
            }
            Err(Error::Invalid { fields, .. }) => {
                row_txn.rollback().await?;
                // The roster has the person's cells only: a refusal of the
                // service itself (a running case, no certificate to renew)
                // is shown under the row's name, a NIK typed twice under its NIK.
                for (k, v) in fields {
                    let k = match k.as_str() {
                        "nik_ulang" => "nik".to_string(),
                        "layanan" | "certificate_ids" | "applicant_id" => "nama".to_string(),
                        k => k.trim_start_matches("luar.").to_string(),
                    };
                    errors.entry(row_key(i, &k)).or_insert(v);
                }
            }
            Err(e) => return Err(e),
        }
    }
    if !errors.is_empty() {
        txn.rollback().await?;
        return Err(Error::Invalid {
            message: format!(
                "{} baris belum benar; tidak ada yang disimpan.",
                errors
                    .keys()
                    .filter_map(|k| k.split('.').nth(1))
                    .collect::<std::collections::BTreeSet<_>>()
                    .len()
            ),
            fields: errors,
        });
    }
    let year = act.now().format("%Y").to_string();
    let n = store::next_counter(&txn, &format!("kolektif-{year}")).await?;
    let head = collectives::ActiveModel {
        nomor: Set(format!("KOLEKTIF-{year}-{n:04}")),
        layanan: Set(layanan.as_str().into()),
        instansi: Set(instansi),
        surat_nomor: Set(input.surat_nomor.trim().into()),
        surat_tanggal: Set(tanggal),
        created_by: Set(act.name()),
        created_at: Set(act.now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for (urutan, case_id) in case_ids.iter().enumerate() {
        collective_cases::ActiveModel {
            collective_id: Set(head.id),
            case_id: Set(*case_id),
            urutan: Set(urutan as i32),
        }
        .insert(&txn)
        .await?;
    }
    act.record(
        &txn,
        Entry::new(
            "collective.open",
            "collective",
            head.id,
            serde_json::json!({
                "nomor": head.nomor,
                "layanan": layanan.as_str(),
                "surat": head.surat_nomor,
                "cases": case_ids,
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    follow::row(db, head).await
}
