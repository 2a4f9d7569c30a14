//! Following a collective request: the list of requests with how far their
//! cases are, one request's cases (each still its own, opened from the list),
//! and the collective Surat Rekomendasi drafted for the cases whose files are
//! complete.

use std::collections::{BTreeSet, HashMap};

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use serde::Serialize;
use ts_rs::TS;

use crate::audit::Acting;
use crate::cases::record::{self, CaseRow};
use crate::entities::{applicants, cases, collective_cases, collectives, letter_cases, letters};
use crate::letters::register::{self, LetterRow, NewLetter};
use crate::lifecycle::flow;
use crate::lifecycle::vocabulary::{Layanan, Status};
use crate::{Error, Result};

/// A collective request as the list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CollectiveRow {
    #[ts(type = "number")]
    pub id: i64,
    pub nomor: String,
    pub layanan: Layanan,
    pub instansi: String,
    pub surat_nomor: String,
    /// dd/mm/yyyy.
    pub surat_tanggal: Option<String>,
    /// RFC 3339.
    pub created_at: String,
    pub created_by: String,
    pub jumlah: u32,
    /// Cases whose file is complete and wait for their letter.
    pub siap_surat: u32,
    /// Cases ended (selesai, ditolak, dibatalkan).
    pub berakhir: u32,
}

/// One request with its cases in the roster's order and the letters they have.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CollectiveDetail {
    pub head: CollectiveRow,
    pub cases: Vec<CaseRow>,
    /// The ids of the cases the next collective letter would cover.
    #[ts(type = "number[]")]
    pub siap_surat: Vec<i64>,
    pub surat: Vec<LetterRow>,
}

/// The request's cases with their applicants, in the roster's order (three
/// queries, however long the roster).
async fn members(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Vec<(cases::Model, applicants::Model)>> {
    let links = collective_cases::Entity::find()
        .filter(collective_cases::Column::CollectiveId.eq(id))
        .order_by_asc(collective_cases::Column::Urutan)
        .all(db)
        .await?;
    let mut by_id: HashMap<i64, cases::Model> = cases::Entity::find()
        .filter(cases::Column::Id.is_in(links.iter().map(|l| l.case_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let people: HashMap<i64, applicants::Model> = applicants::Entity::find()
        .filter(applicants::Column::Id.is_in(by_id.values().map(|c| c.applicant_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let mut out = Vec::with_capacity(links.len());
    for l in links {
        let c = by_id
            .remove(&l.case_id)
            .ok_or(Error::NotFound("Permohonan"))?;
        let a = people
            .get(&c.applicant_id)
            .cloned()
            .ok_or(Error::NotFound("Pemohon"))?;
        out.push((c, a));
    }
    Ok(out)
}

/// The cases of `members` whose file is complete and that have no live
/// recommendation letter yet (only complete cases are looked up).
async fn ready(
    db: &impl ConnectionTrait,
    members: &[(cases::Model, applicants::Model)],
) -> Result<Vec<i64>> {
    let mut out = vec![];
    for (c, _) in members {
        let (layanan, status) = record::kinds(c)?;
        if status == Status::BerkasLengkap
            && register::to_draft(db, c.id, layanan, status)
                .await?
                .is_some()
        {
            out.push(c.id);
        }
    }
    Ok(out)
}

fn head_row(
    m: collectives::Model,
    members: &[(cases::Model, applicants::Model)],
    siap: usize,
) -> Result<CollectiveRow> {
    let mut berakhir = 0;
    for (c, _) in members {
        if flow::is_final(record::kinds(c)?.1) {
            berakhir += 1;
        }
    }
    Ok(CollectiveRow {
        layanan: Layanan::stored(&m.layanan, format_args!("layanan {}", m.nomor))?,
        id: m.id,
        nomor: m.nomor,
        instansi: m.instansi,
        surat_nomor: m.surat_nomor,
        surat_tanggal: m.surat_tanggal.map(|d| d.format("%d/%m/%Y").to_string()),
        created_at: m.created_at.to_rfc3339(),
        created_by: m.created_by,
        jumlah: members.len() as u32,
        siap_surat: siap as u32,
        berakhir,
    })
}

/// The list row of one stored request.
pub(crate) async fn row(db: &impl ConnectionTrait, m: collectives::Model) -> Result<CollectiveRow> {
    let members = members(db, m.id).await?;
    let siap = ready(db, &members).await?.len();
    head_row(m, &members, siap)
}

/// Every collective request, newest first.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<CollectiveRow>> {
    let mut out = vec![];
    for m in collectives::Entity::find()
        .order_by_desc(collectives::Column::Id)
        .all(db)
        .await?
    {
        out.push(row(db, m).await?);
    }
    Ok(out)
}

/// One request with its cases and letters.
pub async fn detail(db: &impl ConnectionTrait, id: i64) -> Result<CollectiveDetail> {
    let m = collectives::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound("Permohonan kolektif"))?;
    let members = members(db, id).await?;
    let siap_surat = ready(db, &members).await?;
    let ids: Vec<i64> = members.iter().map(|(c, _)| c.id).collect();
    let letter_ids: BTreeSet<i64> = letter_cases::Entity::find()
        .filter(letter_cases::Column::CaseId.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.letter_id)
        .collect();
    let mut surat = vec![];
    for l in letters::Entity::find()
        .filter(letters::Column::Id.is_in(letter_ids))
        .order_by_asc(letters::Column::Id)
        .all(db)
        .await?
    {
        surat.push(register::to_row(db, l).await?);
    }
    let head = head_row(m, &members, siap_surat.len())?;
    let mut cases = Vec::with_capacity(members.len());
    for (c, a) in members {
        cases.push(record::row(c, &a)?);
    }
    Ok(CollectiveDetail {
        head,
        cases,
        siap_surat,
        surat,
    })
}

/// Drafts the collective Surat Rekomendasi for every case of the request
/// whose file is complete and has no letter yet, signed by signatory
/// `penandatangan` of the letter settings.
pub async fn draft_letter(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    id: i64,
    penandatangan: u32,
) -> Result<LetterRow> {
    let d = detail(db, id).await?;
    if d.siap_surat.is_empty() {
        return Err(Error::field(
            "case_ids",
            "Belum ada permohonan dalam daftar ini yang berkasnya lengkap dan belum bersurat.",
        ));
    }
    let jenis = register::to_draft(db, d.siap_surat[0], d.head.layanan, Status::BerkasLengkap)
        .await?
        .ok_or_else(|| Error::field("case_ids", "Surat rekomendasi sudah dibuat."))?;
    register::create_draft(
        db,
        act,
        &NewLetter {
            jenis: Some(jenis),
            case_ids: d.siap_surat,
            penandatangan,
        },
    )
    .await
}
