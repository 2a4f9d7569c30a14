//! The register of personal-data breaches (UU 27/2022 Pasal 46): an incident
//! is recorded with what happened, when it was found, whose data and the
//! measures; the people affected and the authority must be told in writing
//! within 3 x 24 hours of finding it, so each incident carries that due time
//! and the moments each was told; the written notice is a PDF in the
//! letterhead with what Pasal 46 ayat (2) asks it to say. Every step is
//! audited in its own transaction.

use chrono::{DateTime, FixedOffset};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

use super::moment::{moment, when};
use crate::audit::{Acting, Entry};
use crate::document::content::{Block, LetterContent};
use crate::document::pdf::Form;
use crate::document::render::render_content;
use crate::entities::breaches;
use crate::office::settings;
use crate::{Error, Result, store};

/// An incident as the form sends it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct NewBreach {
    /// When it was found: `dd/mm/yyyy hh:mm` (or `yyyy-mm-ddThh:mm`).
    pub ditemukan: String,
    pub uraian: String,
    pub data_terdampak: String,
    pub subjek: String,
    pub jumlah_subjek: String,
    pub langkah: String,
}

/// Who has been told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PihakInsiden {
    /// The people whose data it is.
    Subjek,
    /// The data-protection authority.
    Lembaga,
}

/// An incident as the register lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BreachRow {
    #[ts(type = "number")]
    pub id: i64,
    pub nomor: String,
    pub ditemukan: String,
    pub uraian: String,
    pub data_terdampak: String,
    pub subjek: String,
    pub jumlah_subjek: i32,
    pub langkah: String,
    pub tenggat: String,
    pub subjek_diberitahu: Option<String>,
    pub lembaga_diberitahu: Option<String>,
    /// The due time passed with someone not told yet.
    pub terlambat: bool,
    pub dicatat_oleh: String,
}

fn row(m: breaches::Model, now: DateTime<FixedOffset>) -> BreachRow {
    let open = m.subjek_diberitahu_at.is_none() || m.lembaga_diberitahu_at.is_none();
    BreachRow {
        id: m.id,
        nomor: m.nomor,
        // In the desk's time zone: PostgreSQL hands stored moments back in UTC.
        ditemukan: when(m.ditemukan_at.with_timezone(now.offset())),
        uraian: m.uraian,
        data_terdampak: m.data_terdampak,
        subjek: m.subjek,
        jumlah_subjek: m.jumlah_subjek,
        langkah: m.langkah,
        tenggat: when(m.tenggat_at.with_timezone(now.offset())),
        subjek_diberitahu: m
            .subjek_diberitahu_at
            .map(|t| when(t.with_timezone(now.offset()))),
        lembaga_diberitahu: m
            .lembaga_diberitahu_at
            .map(|t| when(t.with_timezone(now.offset()))),
        terlambat: open && now > m.tenggat_at,
        dicatat_oleh: m.dicatat_oleh,
    }
}

/// Records an incident; every field is checked first and named under it.
pub async fn record(db: &DatabaseConnection, act: &Acting<'_>, b: &NewBreach) -> Result<BreachRow> {
    let mut errors = BTreeMap::new();
    let found = moment(&b.ditemukan, act.now())
        .map_err(|m| errors.insert("ditemukan".to_string(), m))
        .ok();
    let mut text =
        |field: &str, label: &str, value: &str| match crate::text::lines(value, label, 4000) {
            Ok(v) if v.trim().is_empty() => {
                errors.insert(field.into(), format!("{label} wajib diisi."));
                v
            }
            Ok(v) => v,
            Err(m) => {
                errors.insert(field.into(), m);
                String::new()
            }
        };
    let uraian = text("uraian", "Uraian kejadian", &b.uraian);
    let data = text(
        "data_terdampak",
        "Data pribadi yang terdampak",
        &b.data_terdampak,
    );
    let subjek = text("subjek", "Subjek data yang terdampak", &b.subjek);
    let langkah = text("langkah", "Langkah penanganan", &b.langkah);
    let jumlah = b
        .jumlah_subjek
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|n| *n >= 0);
    if jumlah.is_none() {
        errors.insert(
            "jumlah_subjek".into(),
            "Isi jumlah orang yang terdampak (0 bila belum diketahui).".into(),
        );
    }
    let (Some(found), Some(jumlah), true) = (found, jumlah, errors.is_empty()) else {
        return Err(Error::Invalid {
            message: "Insiden belum dapat dicatat; periksa kolom yang ditandai.".into(),
            fields: errors,
        });
    };
    let txn = store::begin_write(db).await?;
    let n = store::next_counter(&txn, &format!("insiden-{}", found.format("%Y"))).await?;
    let m = breaches::ActiveModel {
        nomor: Set(format!("INSIDEN-{}-{n:04}", found.format("%Y"))),
        ditemukan_at: Set(found),
        uraian: Set(uraian),
        data_terdampak: Set(data),
        subjek: Set(subjek),
        jumlah_subjek: Set(jumlah),
        langkah: Set(langkah),
        tenggat_at: Set(super::moment::due_after(found)),
        subjek_diberitahu_at: Set(None),
        lembaga_diberitahu_at: Set(None),
        dicatat_oleh: Set(act.name()),
        dicatat_at: Set(act.now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    act.record(
        &txn,
        Entry::new(
            "breach.record",
            "breach",
            m.id,
            serde_json::json!({ "nomor": m.nomor, "found": m.ditemukan_at, "subjects": jumlah }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(row(m, act.now()))
}

/// Records that `pihak` was told at `pada` (typed as the finding time is);
/// refused when already recorded or before the finding.
pub async fn notified(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    id: i64,
    pihak: PihakInsiden,
    pada: &str,
) -> Result<BreachRow> {
    let at = moment(pada, act.now()).map_err(|m| Error::field("pada", m))?;
    let txn = store::begin_write(db).await?;
    let m = breaches::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound("Insiden"))?;
    if at < m.ditemukan_at {
        return Err(Error::field(
            "pada",
            "Pemberitahuan tidak mungkin sebelum insiden ditemukan.",
        ));
    }
    let already = match pihak {
        PihakInsiden::Subjek => m.subjek_diberitahu_at,
        PihakInsiden::Lembaga => m.lembaga_diberitahu_at,
    };
    if already.is_some() {
        return Err(Error::field("pada", "Pemberitahuan ini sudah dicatat."));
    }
    let nomor = m.nomor.clone();
    let mut am: breaches::ActiveModel = m.into();
    match pihak {
        PihakInsiden::Subjek => am.subjek_diberitahu_at = Set(Some(at)),
        PihakInsiden::Lembaga => am.lembaga_diberitahu_at = Set(Some(at)),
    }
    let m = am.update(&txn).await?;
    act.record(
        &txn,
        Entry::new(
            "breach.notified",
            "breach",
            id,
            serde_json::json!({ "nomor": nomor, "who": pihak, "at": at }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(row(m, act.now()))
}

/// The register, newest first.
pub async fn list(db: &impl ConnectionTrait, now: DateTime<FixedOffset>) -> Result<Vec<BreachRow>> {
    Ok(breaches::Entity::find()
        .order_by_desc(breaches::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| row(m, now))
        .collect())
}

/// The written notice to the people affected (and a copy for the
/// authority), as Pasal 46 ayat (2) asks: the data concerned, when and how it
/// was disclosed, and the handling and recovery; with its file name. The
/// print is audited.
pub async fn notice(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    id: i64,
) -> Result<(String, Vec<u8>)> {
    let m = breaches::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound("Insiden"))?;
    let s = settings::settings(db).await?;
    // In the desk's time zone, named: PostgreSQL hands stored moments back in UTC.
    let found = crate::document::content::waktu(m.ditemukan_at.with_timezone(act.now().offset()));
    let office = if s.kop.dinas.trim().is_empty() {
        "Kantor kami".to_string()
    } else {
        s.kop.dinas.trim().to_string()
    };
    let isi = vec![
        Block::Teks(format!(
            "{office} memberitahukan kegagalan pelindungan data pribadi yang ditemukan pada {}, \
             sebagaimana diwajibkan Pasal 46 Undang-Undang Nomor 27 Tahun 2022 tentang \
             Pelindungan Data Pribadi.",
            found
        )),
        Block::Data(vec![
            ("Nomor insiden".into(), m.nomor.clone()),
            ("Ditemukan".into(), found.clone()),
            (
                "Subjek data terdampak".into(),
                format!("{} ({} orang)", m.subjek, m.jumlah_subjek),
            ),
        ]),
        Block::Subjudul("1. Data pribadi yang terungkap".into()),
        Block::Teks(m.data_terdampak.clone()),
        Block::Subjudul("2. Kapan dan bagaimana data pribadi terungkap".into()),
        Block::Teks(m.uraian.clone()),
        Block::Subjudul("3. Upaya penanganan dan pemulihan".into()),
        Block::Teks(m.langkah.clone()),
        Block::Teks(
            "Bila Anda memerlukan penjelasan, hubungi petugas layanan sertifikat elektronik \
             kantor kami."
                .into(),
        ),
    ];
    let c = LetterContent::document(
        &s,
        act.today(),
        None,
        format!("Pemberitahuan insiden {}", m.nomor),
        "PEMBERITAHUAN KEGAGALAN PELINDUNGAN DATA PRIBADI".into(),
        isi,
    );
    let bytes = render_content(db, &c, Form::Basah, false, act.now()).await?;
    act.log(
        db,
        Entry::new(
            "breach.notice",
            "breach",
            id,
            serde_json::json!({ "nomor": m.nomor }),
        ),
    )
    .await?;
    Ok((format!("pemberitahuan-{}.pdf", m.nomor), bytes))
}
