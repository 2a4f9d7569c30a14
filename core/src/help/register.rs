//! Help with using a certificate (bantuan penggunaan sertifikat): the short
//! service the desk gives a certificate holder on record who cannot use what
//! BSrE issued: a forgotten passphrase, BSrE's e-mail that never came, a
//! signature that fails, the signing application. It opens no case, no Surat
//! Rekomendasi and no AMS entry: the desk records what was asked (on the
//! person's page, with the moment it came in and its channel), helps, passes
//! it to BSrE when only BSrE can act (with the ticket or address it went to),
//! and closes it with what was done. diterima -> (diteruskan) -> selesai;
//! each step is written with its audit entry in one transaction, and only
//! from the state it was read in (a second desk is refused).
//!
//! Loket never asks for, stores or sends a passphrase: the form says so, and
//! a text that names one is not refused by guessing but never needed.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{Acting, Entry};
use crate::clock::{received, when};
use crate::entities::{applicants, help_requests};
use crate::{Error, Result, store};

/// What a person needs help with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TopikBantuan {
    /// Forgot the passphrase (only BSrE can reset it).
    LupaPassphrase,
    /// BSrE's e-mail (identity link, passphrase link, issuance) never came.
    SurelTidakDiterima,
    /// Signing a document fails, or the signature shows as not valid.
    GagalTandaTangan,
    /// Installing or using the signing application.
    Aplikasi,
    Lainnya,
}

impl TopikBantuan {
    pub const ALL: [TopikBantuan; 5] = [
        TopikBantuan::LupaPassphrase,
        TopikBantuan::SurelTidakDiterima,
        TopikBantuan::GagalTandaTangan,
        TopikBantuan::Aplikasi,
        TopikBantuan::Lainnya,
    ];

    /// As reports and letters name it.
    pub fn label(self) -> &'static str {
        match self {
            TopikBantuan::LupaPassphrase => "Lupa passphrase",
            TopikBantuan::SurelTidakDiterima => "Surel dari BSrE tidak diterima",
            TopikBantuan::GagalTandaTangan => "Gagal menandatangani dokumen",
            TopikBantuan::Aplikasi => "Pemasangan atau penggunaan aplikasi",
            TopikBantuan::Lainnya => "Lainnya",
        }
    }
}

text_enum!(TopikBantuan {
    LupaPassphrase => "lupa_passphrase",
    SurelTidakDiterima => "surel_tidak_diterima",
    GagalTandaTangan => "gagal_tanda_tangan",
    Aplikasi => "aplikasi",
    Lainnya => "lainnya",
});

/// How the request reached the desk.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum KanalBantuan {
    /// At the counter.
    #[default]
    Loket,
    Telepon,
    Surel,
    /// A chat message (WhatsApp and the like).
    Pesan,
}

text_enum!(KanalBantuan {
    Loket => "loket",
    Telepon => "telepon",
    Surel => "surel",
    Pesan => "pesan",
});

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum StatusBantuan {
    Diterima,
    /// Passed to BSrE; the desk waits for its answer.
    Diteruskan,
    Selesai,
}

text_enum!(StatusBantuan {
    Diterima => "diterima",
    Diteruskan => "diteruskan",
    Selesai => "selesai",
});

/// A request as the desk types it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct NewHelpRequest {
    #[ts(type = "number")]
    pub applicant_id: i64,
    /// Empty until chosen: refused at `topik`.
    pub topik: Option<TopikBantuan>,
    #[serde(default)]
    pub kanal: KanalBantuan,
    /// When it came in (dd/mm/yyyy hh:mm); empty: now.
    #[serde(default)]
    pub diterima: String,
    /// What the person asked.
    pub uraian: String,
}

/// A step of a request: passed to BSrE, or closed.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(tag = "langkah", rename_all = "snake_case")]
#[ts(export)]
pub enum HelpStep {
    /// Passed to BSrE: its ticket number or the address it was sent to.
    Teruskan { rujukan: String },
    /// Closed: what was done.
    Selesai { hasil: String },
}

/// A request as the person's page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct HelpRow {
    #[ts(type = "number")]
    pub id: i64,
    pub nomor: String,
    pub topik: TopikBantuan,
    pub topik_label: String,
    pub kanal: KanalBantuan,
    pub uraian: String,
    pub status: StatusBantuan,
    /// dd/mm/yyyy hh:mm, in the desk's time zone.
    pub diterima: String,
    pub rujukan: Option<String>,
    pub diteruskan: Option<String>,
    pub hasil: Option<String>,
    pub selesai: Option<String>,
    pub dicatat_oleh: String,
}

fn row(m: help_requests::Model, now: DateTime<FixedOffset>) -> Result<HelpRow> {
    let topik = TopikBantuan::stored(&m.topik, "topik bantuan")?;
    // In the desk's time zone: PostgreSQL hands stored moments back in UTC.
    let local = |t: DateTime<FixedOffset>| when(t.with_timezone(now.offset()));
    Ok(HelpRow {
        id: m.id,
        topik,
        topik_label: topik.label().into(),
        kanal: KanalBantuan::stored(&m.kanal, "kanal bantuan")?,
        status: StatusBantuan::stored(&m.status, "status bantuan")?,
        diterima: local(m.diterima_at),
        diteruskan: m.diteruskan_at.map(local),
        selesai: m.selesai_at.map(local),
        nomor: m.nomor,
        uraian: m.uraian,
        rujukan: m.rujukan,
        hasil: m.hasil,
        dicatat_oleh: m.dicatat_oleh,
    })
}

/// A person's help requests, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    applicant_id: i64,
    now: DateTime<FixedOffset>,
) -> Result<Vec<HelpRow>> {
    help_requests::Entity::find()
        .filter(help_requests::Column::ApplicantId.eq(applicant_id))
        .order_by_desc(help_requests::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| row(m, now))
        .collect()
}

/// Records a request for a person on record; every field's problem is named
/// under it and nothing is saved until all hold.
pub async fn record(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    r: &NewHelpRequest,
) -> Result<HelpRow> {
    let mut errors = BTreeMap::new();
    let at = received(&r.diterima, act.now())
        .map_err(|m| errors.insert("diterima".to_string(), m))
        .ok();
    if r.topik.is_none() {
        errors.insert("topik".into(), "Pilih hal yang dimintakan bantuan.".into());
    }
    let uraian = crate::text::field(
        &mut errors,
        "uraian",
        crate::text::lines(&r.uraian, "Uraian", 2000),
        true,
    );
    Error::fields(errors)?;
    let (Some(at), Some(topik)) = (at, r.topik) else {
        return Err(Error::NotFound("waktu"));
    };
    let txn = store::begin_write(db).await?;
    let person = applicants::Entity::find_by_id(r.applicant_id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound("Pemohon"))?;
    // Retention has ended what the office keeps of them: nothing new is
    // written that the next run would not clear.
    if person
        .nik_index
        .starts_with(crate::applicants::registry::ANONYMISED)
    {
        return Err(Error::Invalid {
            message: "Data orang ini sudah dianonimkan menurut jadwal retensi; permintaan bantuan tidak dicatat untuknya.".into(),
            fields: BTreeMap::new(),
        });
    }
    let year = at.format("%Y").to_string();
    let n = store::next_counter(&txn, &format!("bantuan-{year}")).await?;
    let m = help_requests::ActiveModel {
        nomor: Set(format!("BANTUAN-{year}-{n:04}")),
        applicant_id: Set(r.applicant_id),
        topik: Set(topik.as_str().into()),
        kanal: Set(r.kanal.as_str().into()),
        uraian: Set(uraian),
        status: Set(StatusBantuan::Diterima.as_str().into()),
        diterima_at: Set(at),
        dicatat_oleh: Set(act.name()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    act.record(
        &txn,
        Entry::new(
            "help.record",
            "applicant",
            r.applicant_id,
            serde_json::json!({ "nomor": m.nomor, "topik": m.topik, "received": m.diterima_at }),
        ),
    )
    .await?;
    txn.commit().await?;
    row(m, act.now())
}

/// Takes a step on request `id`: passes it to BSrE (once, while it is open)
/// or closes it (from either open state). Written only from the state read:
/// a step another desk took meanwhile is refused with nothing written.
pub async fn step(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    id: i64,
    s: &HelpStep,
) -> Result<HelpRow> {
    let txn = store::begin_write(db).await?;
    let m = help_requests::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound("Permintaan bantuan"))?;
    let was = StatusBantuan::stored(&m.status, "status bantuan")?;
    if was == StatusBantuan::Selesai {
        return Err(Error::field(
            "langkah",
            "Permintaan bantuan ini sudah selesai.",
        ));
    }
    let applicant_id = m.applicant_id;
    let mut am: help_requests::ActiveModel = m.into();
    let (action, field) = match s {
        HelpStep::Teruskan { rujukan } => {
            if was == StatusBantuan::Diteruskan {
                return Err(Error::field(
                    "langkah",
                    "Permintaan bantuan ini sudah diteruskan ke BSrE.",
                ));
            }
            let rujukan = text_of(rujukan, "rujukan", "Rujukan", 500)?;
            am.rujukan = Set(Some(rujukan));
            am.diteruskan_at = Set(Some(act.now()));
            am.status = Set(StatusBantuan::Diteruskan.as_str().into());
            ("help.forward", "rujukan")
        }
        HelpStep::Selesai { hasil } => {
            let hasil = text_of(hasil, "hasil", "Hasil", 2000)?;
            am.hasil = Set(Some(hasil));
            am.selesai_at = Set(Some(act.now()));
            am.selesai_oleh = Set(Some(act.name()));
            am.status = Set(StatusBantuan::Selesai.as_str().into());
            ("help.close", "hasil")
        }
    };
    let m = match help_requests::Entity::update(am)
        .validate()?
        .filter(help_requests::Column::Status.eq(was.as_str()))
        .exec(&txn)
        .await
    {
        Ok(m) => m,
        Err(sea_orm::DbErr::RecordNotUpdated) => {
            return Err(Error::field(
                field,
                "Permintaan bantuan ini baru saja diubah di meja lain; muat ulang halaman.",
            ));
        }
        Err(e) => return Err(e.into()),
    };
    act.record(
        &txn,
        Entry::new(
            action,
            "applicant",
            applicant_id,
            serde_json::json!({ "nomor": m.nomor, "status": m.status }),
        ),
    )
    .await?;
    txn.commit().await?;
    row(m, act.now())
}

/// A required text of a step, or its message at `key`.
fn text_of(value: &str, key: &str, label: &str, max: usize) -> Result<String> {
    match crate::text::lines(value, label, max) {
        Ok(v) if !v.is_empty() => Ok(v),
        Ok(_) => Err(Error::field(key, "Wajib diisi.")),
        Err(msg) => Err(Error::field(key, msg)),
    }
}

/// An open help request with the person it is for, as the register of open
/// requests lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct OpenHelpRow {
    #[ts(type = "number")]
    pub applicant_id: i64,
    pub nama: String,
    pub permintaan: HelpRow,
}

/// The requests not closed yet (received, or passed to BSrE), oldest first:
/// what the desk still owes someone.
pub async fn open_requests(
    db: &impl ConnectionTrait,
    now: DateTime<FixedOffset>,
) -> Result<Vec<OpenHelpRow>> {
    let rows = help_requests::Entity::find()
        .filter(help_requests::Column::Status.ne(StatusBantuan::Selesai.as_str()))
        .order_by_asc(help_requests::Column::DiterimaAt)
        .order_by_asc(help_requests::Column::Id)
        .find_also_related(applicants::Entity)
        .all(db)
        .await?;
    rows.into_iter()
        .map(|(m, a)| {
            Ok(OpenHelpRow {
                applicant_id: m.applicant_id,
                nama: a.map(|a| a.nama).unwrap_or_default(),
                permintaan: row(m, now)?,
            })
        })
        .collect()
}

/// How many requests are not closed yet.
pub async fn open_count(db: &impl ConnectionTrait) -> Result<u64> {
    Ok(help_requests::Entity::find()
        .filter(help_requests::Column::Status.ne(StatusBantuan::Selesai.as_str()))
        .count(db)
        .await?)
}
