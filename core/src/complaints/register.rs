//! The complaints register: a complaint taken in (by one of the office's
//! channels, named or anonymous, linked to a case when it is about one) with
//! the two deadlines its category allows (the written answer and the
//! settlement, UU 25/2009 Pasal 50) counted in working days by the deadline
//! engine, and its way through diterima -> ditindaklanjuti -> selesai with
//! the response and its date. The answer and the escalation are in
//! [`super::duties`]. Every step is written with its audit entry in one
//! transaction.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime};
use sea_orm::sea_query::Expr;
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
    /// The channel's code (one of the office's list).
    #[serde(default)]
    pub kanal: String,
    /// The channel's ticket number (required where the channel gives one,
    /// as SP4N-LAPOR! does).
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
    /// When it came in (dd/mm/yyyy hh:mm), when that was before it was
    /// recorded (a letter opened today, a call taken at lunch); empty: now.
    /// Its deadlines run from then.
    #[serde(default)]
    pub diterima: String,
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
    pub kanal: String,
    pub kanal_label: String,
    pub nomor_lapor: Option<String>,
    /// "Anonim" when no name was given.
    pub pengadu: String,
    pub kontak: Option<String>,
    pub nomor_registrasi: Option<String>,
    pub kategori: String,
    pub kategori_nama: String,
    pub hari_kerja: i32,
    pub hari_jawab: i32,
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
    /// Past its settlement deadline (settled late, or still open after it).
    pub terlambat: bool,
    /// The written answer's deadline (`None` while it cannot be counted).
    #[ts(type = "string | null")]
    pub jawab_tenggat_at: Option<DateTime<FixedOffset>>,
    pub jawaban: Option<String>,
    #[ts(type = "string | null")]
    pub dijawab_at: Option<DateTime<FixedOffset>>,
    /// `surel` or `surat`.
    pub jawaban_cara: Option<String>,
    /// The written answer is late (sent late, or not sent after its deadline).
    pub jawab_terlambat: bool,
    /// The complaints officer it was escalated to.
    pub pejabat: Option<String>,
    pub eskalasi_alasan: Option<String>,
    #[ts(type = "string | null")]
    pub eskalasi_at: Option<DateTime<FixedOffset>>,
    #[ts(type = "string | null")]
    pub eskalasi_tenggat_at: Option<DateTime<FixedOffset>>,
    /// Escalated and still open after the officer's deadline, or settled after it.
    pub eskalasi_terlambat: bool,
    /// The version read: a correction sends it back, and is refused when
    /// another desk changed the complaint since.
    pub versi: String,
}

/// A complaint's version: a digest of everything stored about it, so any
/// write that changed it (a step, an answer, a correction, a recount) is
/// seen, however close in time.
pub(super) fn version(m: &complaints::Model) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("{m:?}").as_bytes());
    digest[..12].iter().map(|b| format!("{b:02x}")).collect()
}

/// Late against `due`: done after it, or not done and past it.
fn late(
    due: Option<DateTime<FixedOffset>>,
    done: Option<DateTime<FixedOffset>>,
    now: DateTime<FixedOffset>,
) -> bool {
    match (due, done) {
        (None, _) => false,
        (Some(due), Some(t)) => t > due,
        (Some(due), None) => now > due,
    }
}

/// The answer's clock of a complaint (one registered before it was kept
/// reads it from the settlement's).
pub(super) fn answer_days(m: &complaints::Model) -> i32 {
    m.hari_jawab.unwrap_or_else(|| {
        m.hari_kerja
            .min(i32::try_from(settings::ANSWER_DAYS).unwrap_or(i32::MAX))
    })
}

pub(super) fn row(
    m: complaints::Model,
    channels: &[KanalPengaduan],
    case: Option<String>,
    now: DateTime<FixedOffset>,
) -> Result<ComplaintRow> {
    let status = StatusPengaduan::stored(&m.status)?;
    // `tenggat_kalender` marks a deadline not counted yet; the column then
    // holds the moment received, never shown.
    let tenggat = (!m.tenggat_kalender).then_some(m.tenggat_at);
    let terlambat = late(tenggat, m.ditanggapi_at, now);
    // Settling answers too: a complaint settled before a separate answer
    // was written had its answer then.
    let answered = m.dijawab_at.or(m.ditanggapi_at);
    let jawab_terlambat = late(m.jawab_tenggat_at, answered, now);
    let eskalasi_terlambat = late(m.eskalasi_tenggat_at, m.ditanggapi_at, now);
    let hari_jawab = answer_days(&m);
    let versi = version(&m);
    Ok(ComplaintRow {
        versi,
        id: m.id,
        nomor: m.nomor,
        kanal_label: settings::channel_name(channels, &m.kanal),
        kanal: m.kanal,
        nomor_lapor: m.nomor_lapor,
        pengadu: m.nama.unwrap_or_else(|| "Anonim".into()),
        kontak: m.kontak,
        nomor_registrasi: case,
        kategori: m.kategori,
        kategori_nama: m.kategori_nama,
        hari_kerja: m.hari_kerja,
        hari_jawab,
        isi: m.isi,
        petugas: m.petugas,
        status,
        diterima_at: m.diterima_at,
        tenggat_at: tenggat,
        tanggapan: m.tanggapan,
        ditanggapi_at: m.ditanggapi_at,
        terlambat,
        jawab_tenggat_at: m.jawab_tenggat_at,
        jawaban: m.jawaban,
        dijawab_at: m.dijawab_at,
        jawaban_cara: m.jawaban_cara,
        jawab_terlambat,
        pejabat: m.pejabat,
        eskalasi_alasan: m.eskalasi_alasan,
        eskalasi_at: m.eskalasi_at,
        eskalasi_tenggat_at: m.eskalasi_tenggat_at,
        eskalasi_terlambat,
    })
}

/// The deadline of `days` working days from `received`, from the same
/// deadline engine as the cases'; `None` when the calendar of a year it
/// reaches is missing (never a count in calendar days: a guess that would
/// stand as the office's promise).
pub(super) async fn deadline_of(
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
        let days = |d: i32| u32::try_from(d).unwrap_or(0);
        let received = m.diterima_at.with_timezone(now.offset());
        let due = deadline_of(txn, received, days(m.hari_kerja)).await?;
        let (at, pending) = match due {
            Some(t) => (t, false),
            None => (m.diterima_at, true),
        };
        let answer = deadline_of(txn, received, days(answer_days(&m))).await?;
        let officer = match (m.eskalasi_at, m.hari_eskalasi) {
            (Some(from), Some(d)) => {
                deadline_of(txn, from.with_timezone(now.offset()), days(d)).await?
            }
            _ => m.eskalasi_tenggat_at,
        };
        if at != m.tenggat_at
            || pending != m.tenggat_kalender
            || answer != m.jawab_tenggat_at
            || officer != m.eskalasi_tenggat_at
        {
            let mut am: complaints::ActiveModel = m.into();
            am.tenggat_at = Set(at);
            am.tenggat_kalender = Set(pending);
            am.jawab_tenggat_at = Set(answer);
            am.eskalasi_tenggat_at = Set(officer);
            am.update(txn).await?;
            changed += 1;
        }
    }
    Ok(changed)
}

/// Counts, once, the written answer's deadline of the open complaints
/// registered before it was kept (migration 032 left it empty): the first
/// read of the register or the dashboard after the upgrade writes them in
/// one transaction. Nothing to do (the usual case) costs one read.
pub async fn count_older(db: &DatabaseConnection, now: DateTime<FixedOffset>) -> Result<u64> {
    let older = || {
        complaints::Entity::find()
            .filter(complaints::Column::HariJawab.is_null())
            .filter(complaints::Column::Status.ne(StatusPengaduan::Selesai.as_str()))
    };
    if older().one(db).await?.is_none() {
        return Ok(0);
    }
    let txn = store::begin_write(db).await?;
    let rows = older().all(&txn).await?;
    let n = rows.len() as u64;
    for m in rows {
        let days = answer_days(&m);
        let received = m.diterima_at.with_timezone(now.offset());
        let due = deadline_of(&txn, received, u32::try_from(days).unwrap_or(0)).await?;
        let mut am: complaints::ActiveModel = m.into();
        am.hari_jawab = Set(Some(days));
        am.jawab_tenggat_at = Set(due);
        am.update(&txn).await?;
    }
    txn.commit().await?;
    Ok(n)
}

/// How many complaints wait for a year's calendar to have a deadline.
pub async fn waiting_for_calendar(db: &impl ConnectionTrait) -> Result<u64> {
    use sea_orm::PaginatorTrait;
    // The settlement's clock is the longest from receipt; an escalation's
    // starts later and may wait on its own.
    Ok(complaints::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(complaints::Column::TenggatKalender.eq(true))
                .add(
                    sea_orm::Condition::all()
                        .add(complaints::Column::EskalasiAt.is_not_null())
                        .add(complaints::Column::EskalasiTenggatAt.is_null())
                        .add(complaints::Column::Status.ne(StatusPengaduan::Selesai.as_str())),
                ),
        )
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
    let received = crate::clock::received(&c.diterima, act.now())
        .map_err(|m| f.insert("diterima".to_string(), m))
        .ok();
    let channels = settings::channels(db).await?;
    let Some(kanal) = channels.iter().find(|k| k.kode == c.kanal).cloned() else {
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
        kanal.nomor_tiket,
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
    let Some(at) = received else {
        return Err(Error::field(
            "diterima",
            "Isi tanggal dan jam (hh/bb/tttt jj:mm).",
        ));
    };
    let now = act.now();
    let txn = store::begin_write(db).await?;
    // Counted inside the write: a year saved meanwhile (and its recount) is seen.
    let tenggat = deadline_of(&txn, at, kategori.hari_kerja).await?;
    let jawab = deadline_of(&txn, at, kategori.hari_jawab).await?;
    let n = store::next_counter(&txn, &format!("pengaduan-{}", at.year())).await?;
    let saved = complaints::ActiveModel {
        nomor: Set(format!("ADU-{}-{n:04}", at.year())),
        kanal: Set(kanal.kode.clone()),
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
        diterima_at: Set(at),
        tenggat_at: Set(tenggat.unwrap_or(at)),
        tenggat_kalender: Set(tenggat.is_none()),
        tanggapan: Set(None),
        ditanggapi_at: Set(None),
        hari_jawab: Set(Some(i32::try_from(kategori.hari_jawab).unwrap_or(i32::MAX))),
        jawab_tenggat_at: Set(jawab),
        hari_eskalasi: Set(Some(
            i32::try_from(kategori.hari_eskalasi).unwrap_or(i32::MAX),
        )),
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
                "tenggat_jawaban": jawab,
                "received": saved.diterima_at,
                "case_id": saved.case_id,
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    row(
        saved,
        &channels,
        (!nomor_reg.is_empty()).then_some(nomor_reg),
        now,
    )
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
    // Written only from the status read: a second desk that settled it
    // meanwhile (PostgreSQL runs desks side by side) is not overwritten.
    let mut q = complaints::Entity::update_many()
        .col_expr(complaints::Column::Status, Expr::value(s.status.as_str()))
        .col_expr(complaints::Column::Petugas, Expr::value(petugas.clone()))
        .col_expr(complaints::Column::UpdatedAt, Expr::value(now));
    if s.status == StatusPengaduan::Selesai {
        q = q
            .col_expr(complaints::Column::Tanggapan, Expr::value(Some(tanggapan)))
            .col_expr(complaints::Column::DitanggapiAt, Expr::value(Some(now)));
    } else if !tanggapan.is_empty() {
        q = q.col_expr(complaints::Column::Tanggapan, Expr::value(Some(tanggapan)));
    }
    let changed = q
        .filter(complaints::Column::Id.eq(id))
        .filter(complaints::Column::Status.eq(from.as_str()))
        .exec(&txn)
        .await?;
    if changed.rows_affected != 1 {
        return Err(changed_elsewhere());
    }
    let saved = complaints::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound("Pengaduan"))?;
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
    reread(db, saved, now).await
}

/// Another desk changed the complaint between the read and the write.
pub(super) fn changed_elsewhere() -> Error {
    Error::field(
        "status",
        "Pengaduan ini baru saja diubah di meja lain; buka kembali untuk melihat keadaannya.",
    )
}

/// A complaint just written, as the register shows it.
pub(super) async fn reread(
    db: &impl ConnectionTrait,
    m: complaints::Model,
    now: DateTime<FixedOffset>,
) -> Result<ComplaintRow> {
    let channels = settings::channels(db).await?;
    let case = case_number(db, m.case_id).await?;
    row(m, &channels, case, now)
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

/// The register as its screen opens it: the older complaints' answer
/// deadlines counted first (see [`count_older`]), then [`list`].
pub async fn register_view(
    db: &DatabaseConnection,
    now: DateTime<FixedOffset>,
    open_only: bool,
    limit: u64,
) -> Result<Vec<ComplaintRow>> {
    count_older(db, now).await?;
    list(db, now, open_only, limit).await
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
    let channels = settings::channels(db).await?;
    rows.into_iter()
        .map(|m| {
            let case = m.case_id.and_then(|id| numbers.get(&id).cloned());
            row(m, &channels, case, now)
        })
        .collect()
}
