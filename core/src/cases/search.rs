//! Finding cases: one search box that understands a NIK, a NIP or a name,
//! filters, the desk's queue, and pages that stay fast at a million cases
//! (index-ordered, counts capped).

use chrono::{DateTime, FixedOffset};
use sea_orm::sea_query::{NullOrdering, Order};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::due;
use super::record::{self, CaseRow};
use crate::applicants::identity::{Lookup, lookup};
use crate::calendar;
use crate::entities::{applicants as applicant_rows, cases};
use crate::lifecycle::flow::DESK_TURN;
use crate::lifecycle::vocabulary::{Layanan, Status};
use crate::secrets::DataKey;
use crate::{Error, Result};

/// A search over cases: one box that understands a NIK, a NIP or a name.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct CaseQuery {
    pub q: String,
    pub status: Option<Status>,
    pub layanan: Option<Layanan>,
    /// Exact instansi (from [`organisations`]); empty for all.
    #[serde(default)]
    pub instansi: String,
    /// Exact unit kerja (from [`organisations`]); empty for all.
    #[serde(default)]
    pub unit_kerja: String,
    /// Received on or after this day (dd/mm/yyyy or yyyy-mm-dd, the desk's local day); empty for no bound.
    #[serde(default)]
    pub from: String,
    /// Received on or before this day (dd/mm/yyyy or yyyy-mm-dd); empty for no bound.
    #[serde(default)]
    pub to: String,
    /// The desk's queue: only cases whose next step is the desk's own,
    /// soonest deadline first.
    #[serde(default)]
    pub antrian: bool,
    /// One of the dashboard's groups (due today, overdue, waiting ...).
    #[serde(default)]
    pub kelompok: Option<Kelompok>,
    /// Soonest deadline first (cases without a running clock last), instead of newest first.
    #[serde(default)]
    pub urut_tenggat: bool,
    /// Zero-based page.
    pub page: u32,
    pub per_page: u32,
}

/// The groups the dashboard counts, each a list of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Kelompok {
    /// The clock runs and the deadline is later today.
    JatuhTempoHariIni,
    /// The clock runs and the deadline has passed.
    Terlambat,
    /// Waiting on the applicant (berkas kurang, menunggu pemohon).
    MenungguPemohon,
    /// Waiting on BSrE.
    MenungguBsre,
    /// Received, the file not yet checked.
    Baru,
}

/// The condition of group `k` at `now` (the desk's local day).
pub fn kelompok_filter(k: Kelompok, now: DateTime<FixedOffset>) -> Condition {
    let statuses = |list: &[Status]| {
        cases::Column::Status.is_in(list.iter().map(|s| s.as_str()).collect::<Vec<_>>())
    };
    match k {
        Kelompok::JatuhTempoHariIni => {
            let tomorrow = (now.date_naive() + chrono::Duration::days(1))
                .and_hms_opt(0, 0, 0)
                .and_then(|t| t.and_local_timezone(*now.offset()).single())
                .unwrap_or(now);
            Condition::all()
                .add(cases::Column::TenggatAt.gte(now))
                .add(cases::Column::TenggatAt.lt(tomorrow))
        }
        Kelompok::Terlambat => Condition::all().add(cases::Column::TenggatAt.lt(now)),
        Kelompok::MenungguPemohon => {
            Condition::all().add(statuses(&[Status::BerkasKurang, Status::MenungguPemohon]))
        }
        Kelompok::MenungguBsre => Condition::all().add(statuses(&[Status::MenungguBsre])),
        Kelompok::Baru => Condition::all().add(statuses(&[Status::Diterima])),
    }
}

/// How many cases are in group `k` now (exact).
pub async fn count_kelompok(
    db: &DatabaseConnection,
    k: Kelompok,
    now: DateTime<FixedOffset>,
) -> Result<u64> {
    Ok(cases::Entity::find()
        .filter(kelompok_filter(k, now))
        .count(db)
        .await?)
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
    /// A registration number: the case that carries it.
    Nomor,
}

/// One page of a case list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CasePage {
    pub items: Vec<CaseRow>,
    /// Matching cases, counted up to [`COUNT_CAP`]; see `total_capped`.
    #[ts(type = "number")]
    pub total: u64,
    /// More than `total` cases match: the count stopped at [`COUNT_CAP`].
    pub total_capped: bool,
    pub page: u32,
    pub per_page: u32,
    pub kind: SearchKind,
}

/// Most rows a page may hold.
pub const MAX_PER_PAGE: u32 = 200;

/// Lists count their matches up to this many: an exact count over a million
/// cases costs more than the page itself, and no one pages past it.
pub const COUNT_CAP: u64 = 1000;

/// Reads the search box: 16 digits is a NIK, 18 digits a NIP, `REG-2026-00001`
/// a registration number, anything else a name prefix (case-insensitive);
/// empty lists everything.
pub fn search_kind(q: &str) -> (SearchKind, String) {
    match lookup(q) {
        Lookup::Nik(d) => (SearchKind::Nik, d),
        Lookup::Nip(d) => (SearchKind::Nip, d),
        Lookup::Empty => (SearchKind::Semua, String::new()),
        Lookup::Name(n) => (SearchKind::Nama, n),
        Lookup::Nomor(n) => (SearchKind::Nomor, n),
    }
}

/// One page of cases matching the search box and filters, newest first (the
/// queue and the deadline groups by deadline, soonest first; names
/// alphabetically). Day bounds are read in the desk's offset; each row says
/// its deadline and the working days left.
pub async fn list_cases(
    db: &DatabaseConnection,
    key: &DataKey,
    query: &CaseQuery,
    now: DateTime<FixedOffset>,
) -> Result<CasePage> {
    due::ensure_current(db, key, now).await?;
    let tz = *now.offset();
    let per_page = query.per_page.clamp(1, MAX_PER_PAGE);
    let (kind, term) = search_kind(&query.q);
    let mut select = cases::Entity::find().find_also_related(applicant_rows::Entity);
    select = match kind {
        SearchKind::Semua => select,
        SearchKind::Nik => {
            select.filter(applicant_rows::Column::NikIndex.eq(key.blind_index("nik", &term)))
        }
        SearchKind::Nip => select.filter(applicant_rows::Column::Nip.eq(term)),
        SearchKind::Nomor => select.filter(cases::Column::Nomor.eq(term)),
        // A range on the lowercased name uses the index on every backend,
        // unlike LIKE, whose index use depends on collation settings.
        SearchKind::Nama => select
            .filter(applicant_rows::Column::NamaCari.gte(term.clone()))
            .filter(applicant_rows::Column::NamaCari.lt(format!("{term}\u{10FFFF}"))),
    };
    if let Some(status) = query.status {
        select = select.filter(cases::Column::Status.eq(status.as_str()));
    }
    if let Some(layanan) = query.layanan {
        select = select.filter(cases::Column::Layanan.eq(layanan.as_str()));
    }
    if !query.instansi.trim().is_empty() {
        select = select.filter(applicant_rows::Column::Instansi.eq(query.instansi.trim()));
    }
    if !query.unit_kerja.trim().is_empty() {
        select = select.filter(applicant_rows::Column::UnitKerja.eq(query.unit_kerja.trim()));
    }
    if let Some(from) = day_start("from", &query.from, tz, 0)? {
        select = select.filter(cases::Column::CreatedAt.gte(from));
    }
    if let Some(until) = day_start("to", &query.to, tz, 1)? {
        select = select.filter(cases::Column::CreatedAt.lt(until));
    }
    if query.antrian {
        select = select.filter(
            cases::Column::Status.is_in(DESK_TURN.iter().map(|s| s.as_str()).collect::<Vec<_>>()),
        );
    }
    if let Some(k) = query.kelompok {
        select = select.filter(kelompok_filter(k, now));
    }
    let (total, total_capped) = count_capped(db, &select).await?;
    // Names read alphabetically, so the name index is walked in order and the
    // scan stops at the page; everything else newest first.
    if kind == SearchKind::Nama {
        select = select.order_by_asc(applicant_rows::Column::NamaCari);
    }
    let by_deadline = query.antrian
        || query.urut_tenggat
        || matches!(
            query.kelompok,
            Some(Kelompok::JatuhTempoHariIni | Kelompok::Terlambat)
        );
    let select = if by_deadline {
        select
            .order_by_with_nulls(cases::Column::TenggatAt, Order::Asc, NullOrdering::Last)
            .order_by_asc(cases::Column::Id)
    } else {
        select.order_by_desc(cases::Column::Id)
    };
    let rows = select
        .limit(u64::from(per_page))
        .offset(u64::from(query.page) * u64::from(per_page))
        .all(db)
        .await?;
    let mut items = Vec::with_capacity(rows.len());
    for (c, a) in rows {
        let a =
            a.ok_or_else(|| Error::Corrupt(format!("pemohon permohonan {} hilang", c.nomor)))?;
        items.push(record::row(c, &a)?);
    }
    due::days_left(db, &mut items, now).await?;
    Ok(CasePage {
        items,
        total,
        total_capped,
        page: query.page,
        per_page,
        kind,
    })
}

/// The start of a local day (plus `add_days`) in the desk's offset, from a
/// `YYYY-MM-DD` text; empty text is no bound.
fn day_start(
    field: &str,
    text: &str,
    tz: FixedOffset,
    add_days: i64,
) -> Result<Option<DateTime<FixedOffset>>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let day = calendar::days::parse_day(text)
        .ok_or_else(|| Error::field(field, "Tanggal tidak valid (hh/bb/tttt)."))?
        + chrono::Duration::days(add_days);
    let start = day
        .and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(tz).single())
        .ok_or_else(|| Error::field(field, "Tanggal tidak valid."))?;
    Ok(Some(start))
}

/// The instansi and unit kerja on record, for the list filters.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Organisations {
    pub instansi: Vec<String>,
    pub unit_kerja: Vec<String>,
}

/// Every distinct instansi and unit kerja, alphabetically.
pub async fn organisations(db: &DatabaseConnection) -> Result<Organisations> {
    let distinct = |col: applicant_rows::Column| {
        applicant_rows::Entity::find()
            .select_only()
            .column(col)
            .distinct()
            .order_by_asc(col)
            .into_tuple::<String>()
            .all(db)
    };
    Ok(Organisations {
        instansi: distinct(applicant_rows::Column::Instansi).await?,
        unit_kerja: distinct(applicant_rows::Column::UnitKerja).await?,
    })
}

/// Counts the matches of `select` up to [`COUNT_CAP`] (and says whether there are more).
async fn count_capped(
    db: &DatabaseConnection,
    select: &sea_orm::SelectTwo<cases::Entity, applicant_rows::Entity>,
) -> Result<(u64, bool)> {
    use sea_orm::sea_query::{Alias, Expr, Query};
    let inner = select
        .clone()
        .select_only()
        .column(cases::Column::Id)
        .limit(COUNT_CAP + 1)
        .into_query();
    let count = Query::select()
        .expr(Expr::cust("count(*)"))
        .from_subquery(inner, Alias::new("matches"))
        .to_owned();
    let n: i64 = db
        .query_one(&count)
        .await?
        .map(|r| r.try_get_by_index::<i64>(0))
        .transpose()?
        .unwrap_or(0);
    let n = n.max(0) as u64;
    Ok((n.min(COUNT_CAP), n > COUNT_CAP))
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
}
