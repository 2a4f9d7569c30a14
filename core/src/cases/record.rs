//! A stored case as the rest of Loket reads it: the row lists show (NIK
//! masked), and the case with its service and status parsed. A stored value
//! Loket does not know is reported as a corrupt record, never read as a default.

use sea_orm::{ConnectionTrait, EntityTrait};
use serde::Serialize;
use ts_rs::TS;

use crate::entities::{applicants, case_events, cases};
use crate::lifecycle::flow::{self, EntryKind};
use crate::lifecycle::vocabulary::{Kanal, Layanan, Status};
use crate::{Error, Result};

/// A case as lists show it: the NIK is masked.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CaseRow {
    #[ts(type = "number")]
    pub id: i64,
    pub nomor: String,
    pub layanan: Layanan,
    pub status: Status,
    pub kanal: Kanal,
    pub nama: String,
    pub nik_masked: String,
    pub nip: Option<String>,
    pub instansi: String,
    pub unit_kerja: String,
    /// RFC 3339 with offset.
    pub created_at: String,
    /// The due moment while the clock runs (RFC 3339), from the derived column.
    pub tenggat: Option<String>,
    /// Working days left to it (negative: overdue), filled by the lists for
    /// the rows of a page.
    #[ts(type = "number | null")]
    pub sisa_hari_kerja: Option<i64>,
}

/// The service and status of a stored case.
pub fn kinds(c: &cases::Model) -> Result<(Layanan, Status)> {
    Ok((
        Layanan::stored(&c.layanan, format_args!("layanan permohonan {}", c.nomor))?,
        Status::stored(&c.status, format_args!("status permohonan {}", c.nomor))?,
    ))
}

/// The channel of a stored case.
pub fn kanal(c: &cases::Model) -> Result<Kanal> {
    Kanal::stored(&c.kanal, format_args!("kanal permohonan {}", c.nomor))
}

/// The list row of a case and its applicant.
pub fn row(c: cases::Model, a: &applicants::Model) -> Result<CaseRow> {
    let (layanan, status) = kinds(&c)?;
    Ok(CaseRow {
        layanan,
        status,
        kanal: kanal(&c)?,
        id: c.id,
        nomor: c.nomor,
        nama: a.nama.clone(),
        nik_masked: a.nik_masked.clone(),
        nip: a.nip.clone(),
        instansi: a.instansi.clone(),
        unit_kerja: a.unit_kerja.clone(),
        created_at: c.created_at.to_rfc3339(),
        tenggat: c.tenggat_at.map(|t| t.to_rfc3339()),
        sisa_hari_kerja: None,
    })
}

/// A case by id.
pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<cases::Model> {
    cases::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound("Permohonan"))
}

/// A case by id with its applicant.
pub async fn find_with_applicant(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<(cases::Model, applicants::Model)> {
    let (c, a) = cases::Entity::find_by_id(id)
        .find_also_related(applicants::Entity)
        .one(db)
        .await?
        .ok_or(Error::NotFound("Permohonan"))?;
    let a = a.ok_or_else(|| Error::Corrupt(format!("pemohon permohonan {} hilang", c.nomor)))?;
    Ok((c, a))
}

/// The entries of a case's history (oldest first) that still stand: its
/// steps, less the steps taken back, the take-backs and the value
/// corrections (see [`flow::standing`]).
pub fn standing(rows: Vec<case_events::Model>) -> Result<Vec<case_events::Model>> {
    let kinds = rows
        .iter()
        .map(|e| EntryKind::of_stored(e.kind.as_deref(), format_args!("jenis riwayat #{}", e.id)))
        .collect::<Result<Vec<_>>>()?;
    let keep = flow::standing(&kinds);
    let mut rows: Vec<Option<case_events::Model>> = rows.into_iter().map(Some).collect();
    Ok(keep.into_iter().filter_map(|i| rows[i].take()).collect())
}
