//! The import itself: the preview (columns, sample rows, the suggested
//! mapping), the dry run (every row judged, nothing written), and the run,
//! which writes in batches of [`BATCH`] rows, each batch one transaction with
//! its audit entry, so a cancel or a crash leaves whole batches only; running
//! the same file again adds nothing twice (rows already in Loket are judged
//! "sudah ada") and so carries on where a cancelled run stopped.

use std::collections::HashSet;

use rand::rngs::OsRng;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryOrder, QuerySelect,
    Set,
};
use serde::Serialize;
use ts_rs::TS;

use super::mapping::{self, ImportField, ImportMapping};
use super::rows::{Judge, Judged, Seen};
use super::sheet::{self, Sheet};
use crate::applicants::registry::{self, Audience};
use crate::audit::{Acting, Entry};
use crate::entities::{imports, regions};
use crate::secrets::DataKey;
use crate::stopping::BatchStop;
use crate::{Error, Result, certificates, files, store};

/// Rows per transaction.
pub const BATCH: usize = 500;
/// Refused rows listed on screen; the spreadsheet of refused rows has all.
pub const LISTED: usize = 500;

/// A field as the mapping screen offers it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ImportFieldInfo {
    pub field: ImportField,
    pub label: String,
    pub wajib: bool,
}

/// What the screen shows once a file is chosen.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ImportFilePreview {
    pub berkas: String,
    pub sha256: String,
    pub kolom: Vec<String>,
    /// The first rows as the spreadsheet shows them.
    pub contoh: Vec<Vec<String>>,
    pub baris: u32,
    /// The remembered mapping where the file has those headers, else a guess.
    pub pemetaan: ImportMapping,
    pub bidang: Vec<ImportFieldInfo>,
    /// Earlier imports of a file with the same content.
    pub sebelumnya: Vec<ImportRun>,
}

/// A refused row, as listed.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ImportRowReport {
    pub baris: u32,
    pub nama: String,
    pub alasan: Vec<String>,
}

/// Counts of a dry run or a run, with the refused rows: people added,
/// certificates recorded (with a new person or for one already known), rows
/// Loket already held in full, rows refused.
#[derive(Debug, Clone, Default, Serialize, TS)]
#[ts(export)]
pub struct ImportReport {
    pub baris: u32,
    pub diproses: u32,
    pub orang_baru: u32,
    pub sertifikat_baru: u32,
    pub sudah_ada: u32,
    pub ditolak: u32,
    /// The first [`LISTED`] refused rows.
    pub ditolak_baris: Vec<ImportRowReport>,
}

impl ImportReport {
    fn count(&mut self, n: u32, nama: String, judged: &Judged) {
        self.diproses += 1;
        match judged {
            Judged::Refused(alasan) => {
                self.ditolak += 1;
                if self.ditolak_baris.len() < LISTED {
                    self.ditolak_baris.push(ImportRowReport {
                        baris: n,
                        nama,
                        alasan: alasan.clone(),
                    });
                }
            }
            Judged::Write {
                new_person,
                certificate,
                ..
            } => {
                self.orang_baru += u32::from(*new_person);
                self.sertifikat_baru += u32::from(certificate.is_some());
            }
            Judged::AlreadyThere => self.sudah_ada += 1,
        }
    }
}

/// Progress of a dry run or a run.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ImportProgress {
    pub diproses: u32,
    pub total: u32,
}

/// An import as the history lists it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ImportRun {
    #[ts(type = "number")]
    pub id: i64,
    pub berkas: String,
    pub sha256: String,
    /// dd/mm/yyyy hh:mm
    pub mulai: String,
    pub status: String,
    pub baris: u32,
    pub diproses: u32,
    pub orang_baru: u32,
    pub sertifikat_baru: u32,
    pub sudah_ada: u32,
    pub ditolak: u32,
    pub oleh: String,
}

fn run_row(m: imports::Model) -> ImportRun {
    ImportRun {
        id: m.id,
        berkas: m.berkas,
        sha256: m.sha256,
        mulai: m.mulai_at.format("%d/%m/%Y %H:%M").to_string(),
        status: m.status,
        baris: m.baris as u32,
        diproses: m.diproses as u32,
        orang_baru: m.orang_baru as u32,
        sertifikat_baru: m.sertifikat_baru as u32,
        sudah_ada: m.sudah_ada as u32,
        ditolak: m.ditolak as u32,
        oleh: m.oleh,
    }
}

/// The imports made, newest first.
pub async fn history(db: &impl ConnectionTrait) -> Result<Vec<ImportRun>> {
    Ok(imports::Entity::find()
        .order_by_desc(imports::Column::Id)
        .limit(100)
        .all(db)
        .await?
        .into_iter()
        .map(run_row)
        .collect())
}

/// A file's name as kept: its last path part, one line, at most 200 characters.
fn file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let clean: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    if clean.trim().is_empty() {
        "berkas".into()
    } else {
        clean.trim().to_string()
    }
}

/// The preview of a chosen file.
pub async fn preview(
    db: &impl ConnectionTrait,
    name: &str,
    bytes: &[u8],
) -> Result<ImportFilePreview> {
    let sheet = sheet::read(name, bytes).await?;
    let sha256 = files::sha256_hex(bytes);
    let remembered = mapping::remembered(db).await?;
    let sebelumnya = history(db)
        .await?
        .into_iter()
        .filter(|r| r.sha256 == sha256)
        .collect();
    Ok(ImportFilePreview {
        berkas: file_name(name),
        sha256,
        pemetaan: mapping::suggest(&sheet.headers, &remembered),
        contoh: sheet
            .rows
            .iter()
            .take(10)
            .map(|r| {
                (0..sheet.headers.len())
                    .map(|i| r.cell(i).shown())
                    .collect()
            })
            .collect(),
        baris: sheet.rows.len() as u32,
        kolom: sheet.headers,
        bidang: ImportField::ALL
            .iter()
            .map(|f| ImportFieldInfo {
                field: *f,
                label: f.label().into(),
                wajib: f.required(),
            })
            .collect(),
        sebelumnya,
    })
}

async fn region_codes(db: &impl ConnectionTrait) -> Result<HashSet<String>> {
    Ok(regions::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.kode)
        .collect())
}

/// The dry run: every row judged against the file and Loket, nothing written.
pub async fn dry_run(
    db: &DatabaseConnection,
    key: &DataKey,
    today: chrono::NaiveDate,
    name: &str,
    bytes: &[u8],
    map: &ImportMapping,
    progress: impl FnMut(ImportProgress),
) -> Result<ImportReport> {
    let sheet = sheet::read(name, bytes).await?;
    judge_all(db, key, today, &sheet, map, progress, |_, _| {}).await
}

/// Judges every row of `sheet` (nothing written), telling `each` of each.
pub(crate) async fn judge_all(
    db: &DatabaseConnection,
    key: &DataKey,
    today: chrono::NaiveDate,
    sheet: &Sheet,
    map: &ImportMapping,
    mut progress: impl FnMut(ImportProgress),
    mut each: impl FnMut(&sheet::Row, &Judged),
) -> Result<ImportReport> {
    let columns = mapping::resolve(&sheet.headers, map)?;
    let regions = region_codes(db).await?;
    let judge = Judge {
        key,
        columns: &columns,
        today,
        regions: &regions,
    };
    let mut seen = Seen::default();
    let mut report = ImportReport {
        baris: sheet.rows.len() as u32,
        ..Default::default()
    };
    for chunk in sheet.rows.chunks(BATCH) {
        for row in chunk {
            let judged = judge.judge(db, &mut seen, row).await?;
            each(row, &judged);
            report.count(row.number, row_name(&judge, row), &judged);
        }
        progress(ImportProgress {
            diproses: report.diproses,
            total: report.baris,
        });
    }
    Ok(report)
}

fn row_name(judge: &Judge<'_>, row: &sheet::Row) -> String {
    judge
        .columns
        .of(ImportField::Nama)
        .map(|i| row.cell(i).shown().trim().chars().take(120).collect())
        .unwrap_or_default()
}

/// The outcome of a run.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ImportOutcome {
    pub run: ImportRun,
    pub laporan: ImportReport,
    pub dibatalkan: bool,
}

fn counts(am: &mut imports::ActiveModel, r: &ImportReport) {
    am.diproses = Set(r.diproses as i32);
    am.orang_baru = Set(r.orang_baru as i32);
    am.sertifikat_baru = Set(r.sertifikat_baru as i32);
    am.sudah_ada = Set(r.sudah_ada as i32);
    am.ditolak = Set(r.ditolak as i32);
}

/// Imports the file: judged row by row as the dry run judges, written in
/// batches of [`BATCH`] rows, each batch with its audit entry in its own
/// transaction; stopped between batches when `stop` is requested.
pub async fn run(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    name: &str,
    bytes: &[u8],
    map: &ImportMapping,
    stop: &BatchStop,
    mut progress: impl FnMut(ImportProgress),
) -> Result<ImportOutcome> {
    stop.clear();
    let sheet = sheet::read(name, bytes).await?;
    let columns = mapping::resolve(&sheet.headers, map)?;
    let regions = region_codes(db).await?;
    let sha256 = files::sha256_hex(bytes);
    let berkas = file_name(name);
    let total = sheet.rows.len() as u32;

    let txn = store::begin_write(db).await?;
    let started = imports::ActiveModel {
        berkas: Set(berkas.clone()),
        sha256: Set(sha256.clone()),
        mulai_at: Set(act.now()),
        selesai_at: Set(None),
        status: Set("berjalan".into()),
        baris: Set(total as i32),
        diproses: Set(0),
        orang_baru: Set(0),
        sertifikat_baru: Set(0),
        sudah_ada: Set(0),
        ditolak: Set(0),
        oleh: Set(act.name()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let id = started.id;
    mapping::remember(&txn, act.key(), map).await?;
    act.record(
        &txn,
        Entry::new(
            "import.start",
            "import",
            id,
            serde_json::json!({ "file": berkas, "sha256": sha256, "rows": total }),
        ),
    )
    .await?;
    txn.commit().await?;

    let judge = Judge {
        key: act.key(),
        columns: &columns,
        today: act.today(),
        regions: &regions,
    };
    let mut seen = Seen::default();
    let mut report = ImportReport {
        baris: total,
        ..Default::default()
    };
    let mut cancelled = false;
    for chunk in sheet.rows.chunks(BATCH) {
        if stop.requested() {
            cancelled = true;
            break;
        }
        let txn = store::begin_write(db).await?;
        let (mut people, mut certs) = (Vec::new(), Vec::new());
        for row in chunk {
            let judged = judge.judge(&txn, &mut seen, row).await?;
            if let Judged::Write {
                person,
                new_person,
                certificate,
            } = &judged
            {
                let applicant_id = if *new_person {
                    let a = registry::insert(
                        &txn,
                        act.key(),
                        &mut OsRng,
                        person,
                        act.now(),
                        Audience::Desk,
                    )
                    .await?;
                    people.push(a.id);
                    a.id
                } else {
                    registry::find_by_nik(&txn, act.key(), &person.nik.digits)
                        .await?
                        .ok_or(Error::NotFound("Pemohon"))?
                        .id
                };
                if let Some(c) = certificate {
                    let cert =
                        certificates::record_imported(&txn, act, applicant_id, &c.validity())
                            .await?;
                    certs.push(cert.id);
                }
            }
            report.count(row.number, row_name(&judge, row), &judged);
        }
        let mut am: imports::ActiveModel = started.clone().into();
        counts(&mut am, &report);
        am.update(&txn).await?;
        let first = chunk.first().map_or(0, |r| r.number);
        let last = chunk.last().map_or(0, |r| r.number);
        act.record(
            &txn,
            Entry::new(
                "import.batch",
                "import",
                id,
                serde_json::json!({
                    "rows": [first, last], "applicants": people, "certificates": certs,
                }),
            ),
        )
        .await?;
        txn.commit().await?;
        progress(ImportProgress {
            diproses: report.diproses,
            total,
        });
    }

    let txn = store::begin_write(db).await?;
    let mut am: imports::ActiveModel = started.into();
    counts(&mut am, &report);
    am.selesai_at = Set(Some(act.now()));
    am.status = Set(if cancelled { "dibatalkan" } else { "selesai" }.into());
    let finished = am.update(&txn).await?;
    act.record(
        &txn,
        Entry::new(
            if cancelled {
                "import.cancel"
            } else {
                "import.finish"
            },
            "import",
            id,
            serde_json::json!({
                "sha256": sha256, "rows": total, "done": report.diproses,
                "applicants": report.orang_baru, "certificates": report.sertifikat_baru,
                "already": report.sudah_ada, "refused": report.ditolak,
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(ImportOutcome {
        run: run_row(finished),
        laporan: report,
        dibatalkan: cancelled,
    })
}
