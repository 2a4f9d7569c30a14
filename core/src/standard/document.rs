//! The Standar Pelayanan as a PDF in the office's letterhead: per service
//! the table of fourteen components (NO, KOMPONEN, URAIAN), each service on
//! its own page, then the Maklumat Pelayanan signed by the first signatory
//! of the letter settings (the head of office).

use sea_orm::{ConnectionTrait, DatabaseConnection};

use super::keep::view;
use super::model::SETTING;
use crate::Result;
use crate::audit::{Acting, Entry};
use crate::document::content::{Block, LetterContent};
use crate::document::pdf::Form;
use crate::document::render::render_content;
use crate::lifecycle::vocabulary::Layanan;
use crate::office::settings;

/// The title of a service's section ("Layanan Perubahan Data Sertifikat Elektronik").
pub fn service_title(l: Layanan) -> String {
    let name = match l {
        Layanan::Penerbitan => "Penerbitan",
        Layanan::Pembaruan => "Pembaruan",
        Layanan::PerubahanData => "Perubahan Data",
        Layanan::Pencabutan => "Pencabutan",
    };
    format!("Layanan {name} Sertifikat Elektronik")
}

const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

/// The standard's content, ready to render.
pub async fn content(
    db: &impl ConnectionTrait,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<LetterContent> {
    let today = now.date_naive();
    let s = settings::settings(db).await?;
    let v = view(db, *now.offset()).await?;
    let mut isi = Vec::new();
    for (i, svc) in v.rincian.iter().enumerate() {
        if i > 0 {
            isi.push(Block::HalamanBaru);
        }
        isi.push(Block::Subjudul(format!(
            "{}. {}",
            ROMAN.get(i).copied().unwrap_or("-"),
            service_title(svc.layanan).to_uppercase()
        )));
        isi.push(Block::Tabel {
            lebar: vec![2, 9, 24],
            kepala: vec!["NO".into(), "KOMPONEN".into(), "URAIAN".into()],
            baris: svc
                .komponen
                .iter()
                .map(|c| {
                    vec![
                        format!("{}.", c.nomor),
                        c.komponen.clone(),
                        c.uraian.clone(),
                    ]
                })
                .collect(),
        });
    }
    isi.push(Block::HalamanBaru);
    isi.push(Block::Subjudul("MAKLUMAT PELAYANAN".into()));
    isi.push(Block::Teks(v.standar.maklumat.clone()));
    Ok(LetterContent::document(
        &s,
        today,
        (!v.standar.nomor_sk.is_empty()).then(|| v.standar.nomor_sk.clone()),
        "Standar Pelayanan Penggunaan Sertifikat Elektronik".into(),
        "STANDAR PELAYANAN PENGGUNAAN SERTIFIKAT ELEKTRONIK".into(),
        isi,
    ))
}

/// The standard as a PDF, with the file name to save it under.
pub async fn pdf(db: &DatabaseConnection, act: &Acting<'_>) -> Result<(String, Vec<u8>)> {
    let c = content(db, act.now()).await?;
    let bytes = render_content(db, &c, Form::Basah, false, act.now()).await?;
    act.log(
        db,
        Entry::new(
            "standard.print",
            "setting",
            SETTING,
            serde_json::json!({ "halaman": c.isi.iter().filter(|b| matches!(b, Block::HalamanBaru)).count() + 1 }),
        ),
    )
    .await?;
    Ok((
        format!("Standar-Pelayanan-{}.pdf", act.today().format("%Y-%m-%d")),
        bytes,
    ))
}
