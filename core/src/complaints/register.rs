//! The complaints register: a complaint taken in (by any channel, named or
//! anonymous, linked to a case when it is about one) with the deadline its
//! category allows counted in working days by the deadline engine, and its
//! way through diterima -> ditindaklanjuti -> selesai with the response and
//! its date. Every step is written with its audit entry in one transaction.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::settings::{self, KanalPengaduan};
use crate::applicants::identity;
use crate::audit::{Acting, Entry};
use crate::calendar::work;
use crate::deadline;
use crate::entities::{cases, complaints};
use crate::text::field;
use crate::{Error, Result, store};

/// Where a complaint stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum StatusPengaduan {
    Diterima,
    Ditindaklanjuti,
    Selesai,
}

impl StatusPengaduan {
    pub fn as_str(self) -> &'static str {
        match self {
            StatusPengaduan::Diterima => "diterima",
            StatusPengaduan::Ditindaklanjuti => "ditindaklanjuti",
            StatusPengaduan::Selesai => "selesai",
        }
    }

    pub fn stored(s: &str) -> Result<StatusPengaduan> {
        [
            StatusPengaduan::Diterima,
            StatusPengaduan::Ditindaklanjuti,
            StatusPengaduan::Selesai,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
        .ok_or_else(|| Error::corrupt("status pengaduan", s))
    }
}

/// A complaint as the register's form gives it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewComplaint {
    pub kanal: Option<KanalPengaduan>,
    /// SP4N-LAPOR!'s tracking number (required for that channel).
    #[serde(default)]
    pub nomor_lapor: String,
    /// The complainant did not give a name.
    #[serde(default)]
    pub anonim: bool,
    #[serde(default)]
    pub nama: String,
    /// Telephone or e-mail to answer to.
    #[serde(default)]
    pub kontak: String,
    /// The registration number of the case it is about, if any.
    #[serde(default)]
    pub nomor_registrasi: String,
    pub kategori: String,
    pub isi: String,
    /// The officer handling it.
    pub petugas: String,
}

/// A step of a complaint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ComplaintStep {
    pub status: StatusPengaduan,
    /// The officer (may change when it is passed on).
    pub petugas: String,
    /// The response to the complainant (required to finish).
    #[serde(default)]
    pub tanggapan: String,
}

/// A complaint as the register lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ComplaintRow {
    #[ts(type = "number")]
    pub id: i64,
    pub nomor: String,
    pub kanal: KanalPengaduan,
    pub kanal_label: String,
    pub nomor_lapor: Option<String>,
    /// "Anonim" when no name was given.
    pub pengadu: String,
    pub kontak: Option<String>,
    pub nomor_registrasi: Option<String>,
    pub kategori: String,
    pub kategori_nama: String,
    pub hari_kerja: i32,
    pub isi: String,
    pub petugas: String,
    pub status: StatusPengaduan,
    #[ts(type = "string")]
    pub diterima_at: DateTime<FixedOffset>,
    /// The deadline, counted in working days; `None` while it cannot be
    /// counted ("tenggat belum dapat dihitung": the calendar of a year it
    /// reaches is missing). It is counted when that calendar is saved.
    #[ts(type = "string | null")]
    pub tenggat_at: Option<DateTime<FixedOffset>>,
    pub tanggapan: Option<String>,
    #[ts(type = "string | null")]
    pub ditanggapi_at: Option<DateTime<FixedOffset>>,
    /// Past its deadline (answered late, or still open after it).
    pub terlambat: bool,
}

fn row(
    m: complaints::Model,
    case: Option<String>,
    now: DateTime<FixedOffset>,
) -> Result<ComplaintRow> {
    let kanal = KanalPengaduan::stored(&m.kanal)?;
    let status = StatusPengaduan::stored(&m.status)?;
    // `tenggat_kalender` marks a deadline not counted yet; the column then
    // holds the moment received, never shown.
    let tenggat = (!m.tenggat_kalender).then_some(m.tenggat_at);
    let terlambat = match (tenggat, m.ditanggapi_at) {
        (None, _) => false,
        (Some(due), Some(t)) => t > due,
        (Some(due), None) => now > due,
    };
    Ok(ComplaintRow {
        id: m.id,
        nomor: m.nomor,
        kanal,
        kanal_label: kanal.label().into(),
        nomor_lapor: m.nomor_lapor,
        pengadu: m.nama.unwrap_or_else(|| "Anonim".into()),
        kontak: m.kontak,
        nomor_registrasi: case,
        kategori: m.kategori,
        kategori_nama: m.kategori_nama,
        hari_kerja: m.hari_kerja,
        isi: m.isi,
        petugas: m.petugas,
        status,
        diterima_at: m.diterima_at,
        tenggat_at: tenggat,
        tanggapan: m.tanggapan,
        ditanggapi_at: m.ditanggapi_at,
        terlambat,
    })
}

/// The deadline of `days` working days from `received`, from the same
/// deadline engine as the cases'; `None` when the calendar of a year it
/// reaches is missing (never a count in calendar days: a guess that would
/// stand as the office's promise).
async fn deadline_of(
    db: &impl ConnectionTrait,
    received: DateTime<FixedOffset>,
    days: u32,
) -> Result<Option<DateTime<FixedOffset>>> {
    let y = received.date_naive().year();
    // A category may be up to 365 working days: that reaches at most two
    // years on.
    let cal = work::work_calendar(db, y, y + 2).await?;
    let local: NaiveDateTime = received.naive_local();
    match deadline::due(&cal, local, days, &[]) {
        Ok(t) => Ok(t.and_local_timezone(*received.offset()).single()),
        Err(Error::NoCalendar { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Counts again the deadline of every complaint still open, and of any whose
/// deadline could not be counted yet, inside the caller's transaction (a
/// year's calendar was saved); returns how many changed.
pub(crate) async fn recount_deadlines(
    txn: &impl ConnectionTrait,
    now: DateTime<FixedOffset>,
) -> Result<u64> {
    let rows = complaints::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(complaints::Column::Status.ne(StatusPengaduan::Selesai.as_str()))
                .add(complaints::Column::TenggatKalender.eq(true)),
        )
        .order_by_asc(complaints::Column::Id)
        .all(txn)
        .await?;
    let mut changed = 0;
    for m in rows {
        let received = m.diterima_at.with_timezone(now.offset());
        let days = u32::try_from(m.hari_kerja).unwrap_or(0);
        let due = deadline_of(txn, received, days).await?;
        let (at, pending) = match due {
            Some(t) => (t, false),
            None => (m.diterima_at, true),
        };
        if at != m.tenggat_at || pending != m.tenggat_kalender {
            let mut am: complaints::ActiveModel = m.into();
            am.tenggat_at = Set(at);
            am.tenggat_kalender = Set(pending);
            am.update(txn).await?;
            changed += 1;
        }
    }
    Ok(changed)
}

/// How many complaints wait for a year's calendar to have a deadline.
pub async fn waiting_for_calendar(db: &impl ConnectionTrait) -> Result<u64> {
    use sea_orm::PaginatorTrait;
    Ok(complaints::Entity::find()
        .filter(complaints::Column::TenggatKalender.eq(true))
        .count(db)
        .await?)
}

/// Registers a complaint; each problem is named next to its field.
pub async fn register(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    c: &NewComplaint,
) -> Result<ComplaintRow> {
    let mut f = BTreeMap::new();
    let Some(kanal) = c.kanal else {
        f.insert("kanal".into(), "Pilih kanal pengaduan.".into());
        return Err(Error::Invalid {
            message: "Periksa kembali isian yang ditandai.".into(),
            fields: f,
        });
    };
    let lapor = field(
        &mut f,
        "nomor_lapor",
        crate::text::line(&c.nomor_lapor, "Nomor tiket", 40),
        kanal == KanalPengaduan::Sp4nLapor,
    );
    let nama = if c.anonim {
        String::new()
    } else {
        field(
            &mut f,
            "nama",
            crate::text::line(&c.nama, "Nama", 120),
            true,
        )
    };
    let kontak = field(
        &mut f,
        "kontak",
        crate::text::line(&c.kontak, "Kontak", 120),
        false,
    );
    let isi = field(
        &mut f,
        "isi",
        crate::text::lines(&c.isi, "Isi pengaduan", 4000),
        true,
    );
    let petugas = field(
        &mut f,
        "petugas",
        crate::text::line(&c.petugas, "Petugas", 120),
        true,
    );
    let kategori = settings::categories(db)
        .await?
        .into_iter()
        .find(|k| k.kode == c.kategori);
    if kategori.is_none() {
        f.insert("kategori".into(), "Pilih kategori pengaduan.".into());
    }
    let nomor_reg: String = c
        .nomor_registrasi
        .chars()
        .filter(|ch| !ch.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    let mut case_id = None;
    if !nomor_reg.is_empty() {
        if !identity::is_registration_number(&nomor_reg) {
            f.insert(
                "nomor_registrasi".into(),
                "Tulis nomor registrasi seperti REG-2026-00001, atau kosongkan.".into(),
            );
        } else {
            match cases::Entity::find()
                .filter(cases::Column::Nomor.eq(nomor_reg.as_str()))
                .select_only()
                .column(cases::Column::Id)
                .into_tuple::<i64>()
                .one(db)
                .await?
            {
                Some(id) => case_id = Some(id),
                None => {
                    f.insert(
                        "nomor_registrasi".into(),
                        "Tidak ada permohonan dengan nomor ini.".into(),
                    );
                }
            }
        }
    }
    Error::fields(f)?;
    let Some(kategori) = kategori else {
        return Err(Error::field("kategori", "Pilih kategori pengaduan."));
    };
    let now = act.now();
    let txn = store::begin_write(db).await?;
    // Counted inside the write: a year saved meanwhile (and its recount) is seen.
    let tenggat = deadline_of(&txn, now, kategori.hari_kerja).await?;
    let n = store::next_counter(&txn, &format!("pengaduan-{}", now.year())).await?;
    let saved = complaints::ActiveModel {
        nomor: Set(format!("ADU-{}-{n:04}", now.year())),
        kanal: Set(kanal.as_str().into()),
        nomor_lapor: Set((!lapor.is_empty()).then_some(lapor)),
        nama: Set((!nama.is_empty()).then_some(nama)),
        kontak: Set((!kontak.is_empty()).then_some(kontak)),
        case_id: Set(case_id),
        kategori: Set(kategori.kode.clone()),
        kategori_nama: Set(kategori.nama.clone()),
        hari_kerja: Set(i32::try_from(kategori.hari_kerja).unwrap_or(i32::MAX)),
        isi: Set(isi),
        petugas: Set(petugas),
        status: Set(StatusPengaduan::Diterima.as_str().into()),
        diterima_at: Set(now),
        tenggat_at: Set(tenggat.unwrap_or(now)),
        tenggat_kalender: Set(tenggat.is_none()),
        tanggapan: Set(None),
        ditanggapi_at: Set(None),
        dibuat_oleh: Set(act.name()),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    act.record(
        &txn,
        Entry::new(
            "complaint.create",
            "complaint",
            saved.id,
            serde_json::json!({
                "nomor": saved.nomor,
                "kanal": saved.kanal,
                "kategori": saved.kategori,
                "tenggat": tenggat,
                "case_id": saved.case_id,
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    row(saved, (!nomor_reg.is_empty()).then_some(nomor_reg), now)
}

/// Moves a complaint on: to ditindaklanjuti, or to selesai with the response
/// (its date is now). A finished complaint does not move again.
pub async fn step(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    id: i64,
    s: &ComplaintStep,
) -> Result<ComplaintRow> {
    let mut f = BTreeMap::new();
    let petugas = field(
        &mut f,
        "petugas",
        crate::text::line(&s.petugas, "Petugas", 120),
        true,
    );
    let tanggapan = field(
        &mut f,
        "tanggapan",
        crate::text::lines(&s.tanggapan, "Tanggapan", 4000),
        s.status == StatusPengaduan::Selesai,
    );
    Error::fields(f)?;
    let now = act.now();
    let txn = store::begin_write(db).await?;
    let m = complaints::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound("Pengaduan"))?;
    let from = StatusPengaduan::stored(&m.status)?;
    let allowed = matches!(
        (from, s.status),
        (StatusPengaduan::Diterima, StatusPengaduan::Ditindaklanjuti)
            | (StatusPengaduan::Diterima, StatusPengaduan::Selesai)
            | (
                StatusPengaduan::Ditindaklanjuti,
                StatusPengaduan::Ditindaklanjuti
            )
            | (StatusPengaduan::Ditindaklanjuti, StatusPengaduan::Selesai)
    );
    if !allowed {
        return Err(Error::field(
            "status",
            if from == StatusPengaduan::Selesai {
                "Pengaduan ini sudah selesai ditanggapi."
            } else {
                "Langkah ini tidak dapat dilakukan."
            },
        ));
    }
    let mut am: complaints::ActiveModel = m.clone().into();
    am.status = Set(s.status.as_str().into());
    am.petugas = Set(petugas.clone());
    am.updated_at = Set(now);
    if s.status == StatusPengaduan::Selesai {
        am.tanggapan = Set(Some(tanggapan));
        am.ditanggapi_at = Set(Some(now));
    } else if !tanggapan.is_empty() {
        am.tanggapan = Set(Some(tanggapan));
    }
    let saved = am.update(&txn).await?;
    act.record(
        &txn,
        Entry::new(
            "complaint.step",
            "complaint",
            id,
            serde_json::json!({
                "nomor": saved.nomor,
                "dari": from.as_str(),
                "ke": s.status.as_str(),
                "petugas": petugas,
                "tepat_waktu": saved
                    .ditanggapi_at
                    .filter(|_| !saved.tenggat_kalender)
                    .map(|t| t <= saved.tenggat_at),
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    let case = case_number(db, saved.case_id).await?;
    row(saved, case, now)
}

async fn case_number(db: &impl ConnectionTrait, id: Option<i64>) -> Result<Option<String>> {
    let Some(id) = id else { return Ok(None) };
    Ok(cases::Entity::find_by_id(id)
        .select_only()
        .column(cases::Column::Nomor)
        .into_tuple::<String>()
        .one(db)
        .await?)
}

/// The register, newest first (at most `limit`), open ones only when asked.
pub async fn list(
    db: &impl ConnectionTrait,
    now: DateTime<FixedOffset>,
    open_only: bool,
    limit: u64,
) -> Result<Vec<ComplaintRow>> {
    let mut q = complaints::Entity::find().order_by_desc(complaints::Column::Id);
    if open_only {
        q = q.filter(complaints::Column::Status.ne(StatusPengaduan::Selesai.as_str()));
    }
    let rows = q.limit(limit).all(db).await?;
    let ids: Vec<i64> = rows.iter().filter_map(|r| r.case_id).collect();
    let numbers: BTreeMap<i64, String> = if ids.is_empty() {
        BTreeMap::new()
    } else {
        cases::Entity::find()
            .filter(cases::Column::Id.is_in(ids))
            .select_only()
            .column(cases::Column::Id)
            .column(cases::Column::Nomor)
            .into_tuple::<(i64, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    };
    rows.into_iter()
        .map(|m| {
            let case = m.case_id.and_then(|id| numbers.get(&id).cloned());
            row(m, case, now)
        })
        .collect()
}
