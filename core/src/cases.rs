//! Cases (permohonan): one applicant asking for one of the four services.
//!
//! This module opens penerbitan cases at intake and answers the lists and
//! searches of daily work. Status names follow the desk's own words.

use chrono::{DateTime, Datelike, FixedOffset};
use rand::{CryptoRng, RngCore};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, ModelTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::applicants::{self, ApplicantInput, FieldReport, strip_separators};
use crate::audit::{self, Actor};
use crate::entities::{applicants as applicant_rows, case_events, cases};
use crate::secrets::DataKey;
use crate::store;
use crate::{Error, Result};

/// The four services of the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Layanan {
    Penerbitan,
    Pembaruan,
    PerubahanData,
    Pencabutan,
}

/// Where a case's status stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Status {
    /// Received at the counter or kiosk; documents not yet checked.
    Diterima,
    /// Waiting on the applicant for missing documents (SLA clock paused).
    BerkasKurang,
    BerkasLengkap,
    RekomendasiTerbit,
    DiajukanAms,
    MenungguPemohon,
    MenungguBsre,
    Selesai,
    Ditolak,
    Dibatalkan,
}

/// Through which channel the application came.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Kanal {
    /// At the counter, typed by an operator.
    Loket,
    /// Filled in by the applicant at the kiosk.
    Kiosk,
    /// Self-registered through BKN's myASN; the desk only verifies.
    Myasn,
}

macro_rules! text_enum {
    ($t:ty { $($v:ident => $s:literal),+ $(,)? }) => {
        impl $t {
            /// The stored text of this value.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$v => $s),+ }
            }
            /// Parses the stored text.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($s => Some(Self::$v),)+ _ => None }
            }
        }
    };
}

text_enum!(Layanan { Penerbitan => "penerbitan", Pembaruan => "pembaruan", PerubahanData => "perubahan_data", Pencabutan => "pencabutan" });
text_enum!(Status {
    Diterima => "diterima", BerkasKurang => "berkas_kurang", BerkasLengkap => "berkas_lengkap",
    RekomendasiTerbit => "rekomendasi_terbit", DiajukanAms => "diajukan_ams",
    MenungguPemohon => "menunggu_pemohon", MenungguBsre => "menunggu_bsre", Selesai => "selesai",
    Ditolak => "ditolak", Dibatalkan => "dibatalkan",
});
text_enum!(Kanal { Loket => "loket", Kiosk => "kiosk", Myasn => "myasn" });

/// Intake of a new penerbitan (first certificate).
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct NewPenerbitan {
    pub applicant: ApplicantInput,
    pub kanal: Kanal,
}

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
}

/// One step of a case's history.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CaseEvent {
    pub at: String,
    pub actor: String,
    pub from_status: Option<Status>,
    pub to_status: Status,
    pub note: String,
}

/// A case with its applicant's contact data and its history.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CaseDetail {
    pub case: CaseRow,
    pub email: String,
    pub telepon: String,
    pub jabatan: String,
    pub created_by: String,
    pub events: Vec<CaseEvent>,
}

/// A search over cases: one box that understands a NIK, a NIP or a name.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct CaseQuery {
    pub q: String,
    /// Zero-based page.
    pub page: u32,
    pub per_page: u32,
}

/// What the search box was understood as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SearchKind {
    Semua,
    Nama,
    Nik,
    Nip,
}

/// One page of a case list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CasePage {
    pub items: Vec<CaseRow>,
    #[ts(type = "number")]
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    pub kind: SearchKind,
}

/// Most rows a page may hold.
pub const MAX_PER_PAGE: u32 = 200;

/// Reads the search box: 16 digits is a NIK, 18 digits a NIP, anything else a
/// name prefix (case-insensitive); empty lists everything.
pub fn search_kind(q: &str) -> (SearchKind, String) {
    let digits = strip_separators(q);
    let all_digits = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit());
    match (all_digits, digits.len()) {
        (true, 16) => (SearchKind::Nik, digits),
        (true, 18) => (SearchKind::Nip, digits),
        _ if q.trim().is_empty() => (SearchKind::Semua, String::new()),
        _ => (SearchKind::Nama, applicants::search_name(q)),
    }
}

/// Checks an applicant for the intake form without saving: errors and warnings per field.
pub async fn review_applicant(
    db: &DatabaseConnection,
    input: &ApplicantInput,
    now: DateTime<FixedOffset>,
) -> Result<FieldReport> {
    Ok(applicants::check_with_db(db, input, now.date_naive())
        .await?
        .1)
}

/// Records a new applicant and opens a penerbitan case for them, in one
/// transaction with its history and audit entries.
pub async fn open_penerbitan(
    db: &DatabaseConnection,
    key: &DataKey,
    rng: &mut (impl RngCore + CryptoRng),
    actor: &Actor,
    now: DateTime<FixedOffset>,
    input: &NewPenerbitan,
) -> Result<CaseRow> {
    let now = audit::truncate_micros(now);
    let (valid, report) = applicants::check_with_db(db, &input.applicant, now.date_naive()).await?;
    let Some(valid) = valid else {
        return Err(Error::Invalid {
            message: "Data pemohon belum benar; tidak ada yang disimpan.".into(),
            fields: report.errors,
        });
    };
    let txn = store::begin_write(db).await?;
    let applicant = applicants::insert(&txn, key, rng, &valid, now).await?;
    let serial = store::next_counter(&txn, &format!("registrasi/{}", now.year())).await?;
    let nomor = format!("REG-{}-{serial:05}", now.year());
    let case = cases::ActiveModel {
        nomor: Set(nomor.clone()),
        applicant_id: Set(applicant.id),
        layanan: Set(Layanan::Penerbitan.as_str().into()),
        status: Set(Status::Diterima.as_str().into()),
        kanal: Set(input.kanal.as_str().into()),
        created_by: Set(actor.name.clone()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    case_events::ActiveModel {
        case_id: Set(case.id),
        at: Set(now),
        actor: Set(actor.name.clone()),
        from_status: Set(None),
        to_status: Set(Status::Diterima.as_str().into()),
        note: Set("Permohonan penerbitan diterima.".into()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        actor,
        now,
        audit::Entry {
            action: "case.open",
            entity: "case",
            entity_id: case.id.to_string(),
            detail: serde_json::json!({
                "nomor": nomor,
                "layanan": Layanan::Penerbitan.as_str(),
                "applicant_id": applicant.id,
                "warnings": report.warnings.keys().collect::<Vec<_>>(),
            }),
        },
    )
    .await?;
    txn.commit().await?;
    row(case, &applicant)
}

fn row(c: cases::Model, a: &applicant_rows::Model) -> Result<CaseRow> {
    let bad = || Error::Store(format!("Data permohonan {} tidak dikenali.", c.nomor));
    Ok(CaseRow {
        layanan: Layanan::parse(&c.layanan).ok_or_else(bad)?,
        status: Status::parse(&c.status).ok_or_else(bad)?,
        kanal: Kanal::parse(&c.kanal).ok_or_else(bad)?,
        id: c.id,
        nomor: c.nomor,
        nama: a.nama.clone(),
        nik_masked: a.nik_masked.clone(),
        nip: a.nip.clone(),
        instansi: a.instansi.clone(),
        unit_kerja: a.unit_kerja.clone(),
        created_at: c.created_at.to_rfc3339(),
    })
}

/// One page of cases matching the search box, newest first.
pub async fn list_cases(
    db: &DatabaseConnection,
    key: &DataKey,
    query: &CaseQuery,
) -> Result<CasePage> {
    let per_page = query.per_page.clamp(1, MAX_PER_PAGE);
    let (kind, term) = search_kind(&query.q);
    let mut select = cases::Entity::find().find_also_related(applicant_rows::Entity);
    select = match kind {
        SearchKind::Semua => select,
        SearchKind::Nik => {
            select.filter(applicant_rows::Column::NikIndex.eq(key.blind_index("nik", &term)))
        }
        SearchKind::Nip => select.filter(applicant_rows::Column::Nip.eq(term)),
        // A range on the lowercased name uses the index on every backend,
        // unlike LIKE, whose index use depends on collation settings.
        SearchKind::Nama => select
            .filter(applicant_rows::Column::NamaCari.gte(term.clone()))
            .filter(applicant_rows::Column::NamaCari.lt(format!("{term}\u{10FFFF}"))),
    };
    let paginator = select
        .order_by_desc(cases::Column::Id)
        .paginate(db, u64::from(per_page));
    let total = paginator.num_items().await?;
    let mut items = Vec::new();
    for (c, a) in paginator.fetch_page(u64::from(query.page)).await? {
        let a = a.ok_or(Error::NotFound("Pemohon"))?;
        items.push(row(c, &a)?);
    }
    Ok(CasePage {
        items,
        total,
        page: query.page,
        per_page,
        kind,
    })
}

/// A case with its history, oldest step first.
pub async fn get_case(db: &DatabaseConnection, id: i64) -> Result<CaseDetail> {
    let (c, a) = cases::Entity::find_by_id(id)
        .find_also_related(applicant_rows::Entity)
        .one(db)
        .await?
        .ok_or(Error::NotFound("Permohonan"))?;
    let a = a.ok_or(Error::NotFound("Pemohon"))?;
    let events = c
        .find_related(case_events::Entity)
        .order_by_asc(case_events::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|e| {
            Ok(CaseEvent {
                at: e.at.to_rfc3339(),
                actor: e.actor,
                from_status: e.from_status.as_deref().map(Status::parse).unwrap_or(None),
                to_status: Status::parse(&e.to_status).ok_or(Error::NotFound("Status"))?,
                note: e.note,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let created_by = c.created_by.clone();
    Ok(CaseDetail {
        email: a.email.clone(),
        telepon: a.telepon.clone(),
        jabatan: a.jabatan.clone(),
        created_by,
        case: row(c, &a)?,
        events,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_box_tells_nik_nip_and_name_apart() {
        assert_eq!(search_kind("5171 0110 0890 0001").0, SearchKind::Nik);
        assert_eq!(search_kind("196711101992031001").0, SearchKind::Nip);
        assert_eq!(search_kind("  I Made ").1, "i made");
        assert_eq!(search_kind("").0, SearchKind::Semua);
        assert_eq!(
            search_kind("12345").0,
            SearchKind::Nama,
            "a short number is not an id"
        );
    }

    #[test]
    fn stored_texts_round_trip() {
        for s in [
            Status::Diterima,
            Status::BerkasKurang,
            Status::MenungguBsre,
            Status::Dibatalkan,
        ] {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        assert_eq!(
            Layanan::parse("perubahan_data"),
            Some(Layanan::PerubahanData)
        );
        assert_eq!(Kanal::parse("myasn"), Some(Kanal::Myasn));
    }
}
