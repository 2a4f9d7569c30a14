//! What a complaint asks of the office beyond its settlement: the written
//! answer within its own deadline (UU 25/2009 Pasal 50 ayat (5)), sent to
//! the complainant by e-mail through the outbox or printed as a letter on
//! the letterhead, and the escalation from the desk officer to the
//! complaints officer (pejabat pengelola pengaduan, Perpres 76/2013) with
//! the officer's own deadline. Each is one transaction with its audit entry
//! (and, for an e-mailed answer, its message).

use std::collections::BTreeMap;

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::register::{
    self, ComplaintRow, StatusPengaduan, answer_days, changed_elsewhere, deadline_of,
};
use super::settings;
use crate::audit::{Acting, Entry};
use crate::document::content::{Block, LetterContent, tanggal, waktu};
use crate::document::pdf::Form;
use crate::document::render::render_content;
use crate::entities::{audit_log, complaints};
use crate::notices::outbox;
use crate::notices::templates::Peristiwa;
use crate::text::field;
use crate::{Error, Result, store};

/// How the written answer reaches the complainant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CaraJawaban {
    /// By e-mail, through the outbox, to the contact the complainant left.
    Surel,
    /// As a letter on the letterhead, printed and handed or posted.
    Surat,
}

impl CaraJawaban {
    pub fn as_str(self) -> &'static str {
        match self {
            CaraJawaban::Surel => "surel",
            CaraJawaban::Surat => "surat",
        }
    }
}

/// The written answer as the form gives it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ComplaintAnswer {
    pub jawaban: String,
    pub cara: Option<CaraJawaban>,
    pub petugas: String,
}

/// The escalation as the form gives it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ComplaintEscalation {
    /// The complaints officer (name, and position if the office writes it).
    pub pejabat: String,
    pub alasan: String,
}

/// The complaint `id`, open (a settled one takes neither step).
async fn open(txn: &impl sea_orm::ConnectionTrait, id: i64) -> Result<complaints::Model> {
    let m = complaints::Entity::find_by_id(id)
        .one(txn)
        .await?
        .ok_or(Error::NotFound("Pengaduan"))?;
    if StatusPengaduan::stored(&m.status)? == StatusPengaduan::Selesai {
        return Err(Error::field(
            "status",
            "Pengaduan ini sudah selesai ditanggapi.",
        ));
    }
    Ok(m)
}

/// The complaint as just written.
async fn reload(txn: &impl sea_orm::ConnectionTrait, id: i64) -> Result<complaints::Model> {
    complaints::Entity::find_by_id(id)
        .one(txn)
        .await?
        .ok_or(Error::NotFound("Pengaduan"))
}

/// Records the written answer and sends it: by e-mail (queued in the same
/// transaction; refused, with nothing saved, when the complainant left no
/// valid address or the office's sending is off) or as a letter to print
/// ([`answer_letter`]). A complaint is answered once.
pub async fn answer(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    id: i64,
    a: &ComplaintAnswer,
) -> Result<ComplaintRow> {
    let mut f = BTreeMap::new();
    let jawaban = field(
        &mut f,
        "jawaban",
        crate::text::lines(&a.jawaban, "Jawaban", 4000),
        true,
    );
    let petugas = field(
        &mut f,
        "petugas",
        crate::text::line(&a.petugas, "Petugas", 120),
        true,
    );
    if a.cara.is_none() {
        f.insert("cara".into(), "Pilih cara menyampaikan jawaban.".into());
    }
    Error::fields(f)?;
    let Some(cara) = a.cara else {
        return Err(Error::field("cara", "Pilih cara menyampaikan jawaban."));
    };
    let now = act.now();
    let txn = store::begin_write(db).await?;
    let m = open(&txn, id).await?;
    if let Some(at) = m.dijawab_at {
        return Err(Error::field(
            "jawaban",
            format!(
                "Jawaban tertulis sudah disampaikan pada {}.",
                waktu(at.with_timezone(now.offset()))
            ),
        ));
    }
    let mut pesan = None;
    if cara == CaraJawaban::Surel {
        let to = m.kontak.clone().unwrap_or_default();
        if !outbox::valid_address(&to) {
            return Err(Error::field(
                "cara",
                "Pengadu tidak meninggalkan alamat surel yang sah; cetak jawaban sebagai surat.",
            ));
        }
        let kop = crate::office::settings::settings(&txn).await?.kop;
        let nama = m.nama.clone().unwrap_or_else(|| "Bapak/Ibu".into());
        let values = BTreeMap::from([
            ("nama", nama.clone()),
            ("kantor", kop.dinas),
            ("telepon_kantor", kop.telepon),
            ("nomor_pengaduan", m.nomor.clone()),
            (
                "tanggal_pengaduan",
                tanggal(m.diterima_at.with_timezone(now.offset()).date_naive()),
            ),
            ("jawaban", jawaban.clone()),
        ]);
        pesan = outbox::queue(
            &txn,
            act,
            outbox::Queued {
                peristiwa: Peristiwa::JawabanPengaduan,
                case_id: None,
                certificate_id: None,
                letter_id: None,
                kunci: None,
                penerima: &to,
                nama: &nama,
                values,
                lampiran: None,
            },
        )
        .await?;
        if pesan.is_none() {
            return Err(Error::field(
                "cara",
                "Pengiriman surel kantor belum aktif (atau pesan Jawaban pengaduan dimatikan); cetak jawaban sebagai surat.",
            ));
        }
    }
    let on_time = m.jawab_tenggat_at.map(|due| now <= due);
    let digest = crate::secrets::hex(&Sha256::digest(jawaban.as_bytes()));
    // Written only while it is still open and unanswered: a second desk
    // that answered or settled it meanwhile (PostgreSQL runs desks side by
    // side) makes this answer, and its message, roll back.
    let changed = complaints::Entity::update_many()
        .col_expr(complaints::Column::Jawaban, Expr::value(Some(jawaban)))
        .col_expr(complaints::Column::DijawabAt, Expr::value(Some(now)))
        .col_expr(
            complaints::Column::JawabanCara,
            Expr::value(Some(cara.as_str().to_string())),
        )
        .col_expr(complaints::Column::Petugas, Expr::value(petugas.clone()))
        .col_expr(
            complaints::Column::Status,
            Expr::value(StatusPengaduan::Ditindaklanjuti.as_str()),
        )
        .col_expr(complaints::Column::UpdatedAt, Expr::value(now))
        .filter(complaints::Column::Id.eq(id))
        .filter(complaints::Column::DijawabAt.is_null())
        .filter(complaints::Column::Status.ne(StatusPengaduan::Selesai.as_str()))
        .exec(&txn)
        .await?;
    if changed.rows_affected != 1 {
        return Err(changed_elsewhere());
    }
    let saved = reload(&txn, id).await?;
    act.record(
        &txn,
        Entry::new(
            "complaint.answer",
            "complaint",
            id,
            serde_json::json!({
                "nomor": saved.nomor,
                "cara": cara.as_str(),
                "petugas": petugas,
                "tepat_waktu": on_time,
                "pesan": pesan,
                "jawaban_sha256": digest,
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    register::reread(db, saved, now).await
}

/// Escalates an open complaint to the complaints officer, with the
/// officer's own deadline counted from now (the category's escalation
/// days). A complaint is escalated once.
pub async fn escalate(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    id: i64,
    e: &ComplaintEscalation,
) -> Result<ComplaintRow> {
    let mut f = BTreeMap::new();
    let pejabat = field(
        &mut f,
        "pejabat",
        crate::text::line(&e.pejabat, "Pejabat pengelola pengaduan", 200),
        true,
    );
    let alasan = field(
        &mut f,
        "alasan",
        crate::text::lines(&e.alasan, "Alasan", 2000),
        true,
    );
    Error::fields(f)?;
    let now = act.now();
    let txn = store::begin_write(db).await?;
    let m = open(&txn, id).await?;
    if m.eskalasi_at.is_some() || m.pejabat.is_some() {
        return Err(Error::field(
            "pejabat",
            format!(
                "Pengaduan ini sudah diteruskan kepada {} pada {}.",
                m.pejabat.as_deref().unwrap_or("-"),
                m.eskalasi_at
                    .map_or_else(|| "-".into(), |at| waktu(at.with_timezone(now.offset())))
            ),
        ));
    }
    let days = m.hari_eskalasi.unwrap_or_else(|| answer_days(&m));
    let due = deadline_of(&txn, now, u32::try_from(days).unwrap_or(0)).await?;
    // Written only while it is still open and not escalated (see `answer`).
    let changed = complaints::Entity::update_many()
        .col_expr(
            complaints::Column::Pejabat,
            Expr::value(Some(pejabat.clone())),
        )
        .col_expr(
            complaints::Column::EskalasiAlasan,
            Expr::value(Some(alasan)),
        )
        .col_expr(complaints::Column::EskalasiAt, Expr::value(Some(now)))
        .col_expr(complaints::Column::HariEskalasi, Expr::value(Some(days)))
        .col_expr(complaints::Column::EskalasiTenggatAt, Expr::value(due))
        .col_expr(
            complaints::Column::Status,
            Expr::value(StatusPengaduan::Ditindaklanjuti.as_str()),
        )
        .col_expr(complaints::Column::UpdatedAt, Expr::value(now))
        .filter(complaints::Column::Id.eq(id))
        .filter(complaints::Column::EskalasiAt.is_null())
        .filter(complaints::Column::Pejabat.is_null())
        .filter(complaints::Column::Status.ne(StatusPengaduan::Selesai.as_str()))
        .exec(&txn)
        .await?;
    if changed.rows_affected != 1 {
        return Err(changed_elsewhere());
    }
    let saved = reload(&txn, id).await?;
    act.record(
        &txn,
        Entry::new(
            "complaint.escalate",
            "complaint",
            id,
            serde_json::json!({
                "nomor": saved.nomor,
                "pejabat": pejabat,
                "hari_kerja": days,
                "tenggat": due,
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    register::reread(db, saved, now).await
}

/// The written answer as a letter on the letterhead (answered to be
/// printed), with its file name; the print is audited.
pub async fn answer_letter(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    id: i64,
) -> Result<(String, Vec<u8>)> {
    let m = complaints::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound("Pengaduan"))?;
    let (Some(jawaban), Some(at)) = (m.jawaban.clone(), m.dijawab_at) else {
        return Err(Error::field(
            "jawaban",
            "Belum ada jawaban tertulis untuk dicetak.",
        ));
    };
    // The answer printed is the one recorded: its digest is in the audit
    // entry of the answer, which the chain protects.
    let recorded = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("complaint.answer"))
        .filter(audit_log::Column::EntityId.eq(id.to_string()))
        .order_by_desc(audit_log::Column::Seq)
        .one(db)
        .await?
        .and_then(|e| {
            serde_json::from_str::<serde_json::Value>(&e.detail)
                .ok()?
                .get("jawaban_sha256")?
                .as_str()
                .map(str::to_string)
        });
    if recorded.as_deref()
        != Some(crate::secrets::hex(&Sha256::digest(jawaban.as_bytes())).as_str())
    {
        return Err(Error::Tampered(format!(
            "Jawaban pengaduan {} telah diubah di luar Loket; surat tidak dibuat.",
            m.nomor
        )));
    }
    let s = crate::office::settings::settings(db).await?;
    let channels = settings::channels(db).await?;
    let offset = *act.now().offset();
    let received = m.diterima_at.with_timezone(&offset);
    let mut rows = vec![
        ("No. pengaduan".into(), m.nomor.clone()),
        (
            "Diterima".into(),
            format!(
                "{} pukul {}",
                tanggal(received.date_naive()),
                crate::document::content::pukul(received)
            ),
        ),
        ("Kanal".into(), settings::channel_name(&channels, &m.kanal)),
        (
            "Pengadu".into(),
            m.nama.clone().unwrap_or_else(|| "Anonim".into()),
        ),
    ];
    if let Some(k) = &m.kontak {
        rows.push(("Kontak".into(), k.clone()));
    }
    let officer = crate::standard::keep::standard(db).await?.pejabat_pengaduan;
    let again = if officer.is_empty() {
        "Bila Saudara belum puas, pengaduan dapat disampaikan kembali melalui kanal pengaduan kami dengan menyebut nomor pengaduan di atas.".to_string()
    } else {
        format!(
            "Bila Saudara belum puas, sampaikan kepada pejabat pengelola pengaduan kami, {officer}, dengan menyebut nomor pengaduan di atas."
        )
    };
    let mut isi = vec![
        Block::Data(rows),
        Block::Teks(format!(
            "Yth. {},",
            m.nama.clone().unwrap_or_else(|| "Bapak/Ibu".into())
        )),
        Block::Teks(
            "Terima kasih atas pengaduan yang Saudara sampaikan kepada kami, yang pada pokoknya:"
                .into(),
        ),
    ];
    isi.extend(
        m.isi
            .split('\n')
            .filter(|l| !l.trim().is_empty())
            .map(|l| Block::Teks(format!("\u{201c}{}\u{201d}", l.trim()))),
    );
    isi.push(Block::Teks(
        "Atas pengaduan tersebut kami sampaikan jawaban sebagai berikut.".into(),
    ));
    isi.extend(
        jawaban
            .split('\n')
            .filter(|l| !l.trim().is_empty())
            .map(|l| Block::Teks(l.into())),
    );
    isi.push(Block::Teks(format!(
        "Demikian jawaban ini kami sampaikan. {again}"
    )));
    let c = LetterContent::document(
        &s,
        at.with_timezone(&offset).date_naive(),
        None,
        format!("Jawaban atas pengaduan {}", m.nomor),
        "JAWABAN ATAS PENGADUAN".into(),
        isi,
    );
    let bytes = render_content(db, &c, Form::Basah, false, act.now()).await?;
    act.log(
        db,
        Entry::new(
            "complaint.answer_print",
            "complaint",
            id,
            serde_json::json!({ "nomor": m.nomor }),
        ),
    )
    .await?;
    Ok((format!("jawaban-{}.pdf", m.nomor.to_lowercase()), bytes))
}
