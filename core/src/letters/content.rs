//! What a letter says, composed from the office's templates and the
//! case's data into a [`LetterContent`] snapshot.

use std::collections::BTreeMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::Result;
use crate::cases::forms::{self as case_forms, ServiceForm};
use crate::cases::record;
use crate::catalogue::reject_reasons;
use crate::document::content::{AttachmentRow, Block, LetterContent, tanggal, terbilang};
use crate::entities::{applicants, cases, certificates as certificate_rows};
use crate::letters::forms;
use crate::lifecycle::vocabulary::{Layanan, Status};
use crate::office::identity::Penandatangan;
use crate::office::kinds::Jenis;
use crate::office::settings::LetterSettings;
use crate::office::template;
use chrono::NaiveDate;

/// A case and its applicant, as letters quote them.
pub(crate) struct CaseData {
    pub case: cases::Model,
    pub applicant: applicants::Model,
    pub layanan: Layanan,
    pub status: Status,
}

/// Loads a case for a letter.
pub(crate) async fn load_case(db: &impl ConnectionTrait, id: i64) -> Result<CaseData> {
    let (case, applicant) = record::find_with_applicant(db, id).await?;
    let (layanan, status) = record::kinds(&case)?;
    Ok(CaseData {
        case,
        applicant,
        layanan,
        status,
    })
}

/// The values a template's placeholders take for a case (`n` applicants).
pub(crate) fn values(s: &LetterSettings, d: &CaseData, n: usize) -> BTreeMap<&'static str, String> {
    let a = &d.applicant;
    BTreeMap::from([
        ("nama", a.nama.clone()),
        ("nip", a.nip.clone().unwrap_or_else(|| "-".into())),
        ("jabatan", a.jabatan.clone()),
        ("unit_kerja", a.unit_kerja.clone()),
        ("instansi", a.instansi.clone()),
        ("email", a.email.clone()),
        ("layanan", d.layanan.label().into()),
        ("jumlah", format!("{n} ({}) orang", terbilang(n))),
        ("nomor_registrasi", d.case.nomor.clone()),
        (
            "tanggal_permohonan",
            tanggal(d.case.created_at.date_naive()),
        ),
        (
            "dinas",
            format!(
                "{} {}",
                s.kop.dinas,
                s.kop.pemerintah.replace("Pemerintah ", "")
            ),
        ),
        ("pemerintah", s.kop.pemerintah.clone()),
    ])
}

/// The applicant's data block.
pub(crate) fn data_rows(a: &applicants::Model) -> Vec<(String, String)> {
    vec![
        ("Nama".into(), a.nama.clone()),
        ("NIP".into(), a.nip.clone().unwrap_or_else(|| "-".into())),
        ("Jabatan".into(), a.jabatan.clone()),
        ("Unit Kerja".into(), a.unit_kerja.clone()),
        ("Instansi".into(), a.instansi.clone()),
        ("E-mail".into(), a.email.clone()),
    ]
}

/// A revocation's own rows in its recommendation: the certificates' serial
/// numbers and the reason with the RFC 5280 code BSrE records (the letter
/// asks BSrE to revoke these certificates for this reason). A case opened
/// before forms were kept prints a dash.
pub(crate) async fn revocation_rows(
    db: &impl ConnectionTrait,
    c: &cases::Model,
) -> Result<Vec<(String, String)>> {
    let Some(ServiceForm::Pencabutan {
        certificate_ids,
        alasan,
        ..
    }) = case_forms::of_case(c)?
    else {
        return Ok(vec![
            ("Nomor Seri".into(), "-".into()),
            ("Alasan".into(), "-".into()),
        ]);
    };
    let certs = certificate_rows::Entity::find()
        .filter(certificate_rows::Column::Id.is_in(certificate_ids))
        .order_by_asc(certificate_rows::Column::Id)
        .all(db)
        .await?;
    let serials: Vec<String> = certs
        .iter()
        .map(|c| {
            c.serial
                .clone()
                .unwrap_or_else(|| "(belum tercatat)".into())
        })
        .collect();
    Ok(vec![
        (
            "Nomor Seri".into(),
            if serials.is_empty() {
                "-".into()
            } else {
                serials.join(", ")
            },
        ),
        (
            "Alasan".into(),
            format!(
                "{} (kode RFC 5280: {})",
                forms::reason_label(alasan),
                alasan.rfc5280_code()
            ),
        ),
    ])
}

/// A template's paragraphs as blocks; `{data_pemohon}` becomes the applicant
/// table, or for a collective letter a sentence pointing to the attachment.
pub(crate) fn body(
    tpl: &str,
    vals: &BTreeMap<&str, String>,
    data: Option<Vec<(String, String)>>,
    collective: Option<usize>,
) -> Vec<Block> {
    template::paragraphs(tpl)
        .into_iter()
        .map(|p| {
            if p.trim() == template::DATA_BLOCK {
                match (&data, collective) {
                    (_, Some(n)) => Block::Teks(format!(
                        "{n} ({}) orang pegawai sebagaimana tercantum dalam Lampiran surat ini.",
                        terbilang(n)
                    )),
                    (Some(rows), None) => Block::Data(rows.clone()),
                    (None, None) => Block::Teks(String::new()),
                }
            } else {
                Block::Teks(template::fill(&p, vals))
            }
        })
        .collect()
}

async fn reason_label(db: &impl ConnectionTrait, c: &cases::Model) -> Result<String> {
    let reasons = reject_reasons(db).await?;
    let code = c.reason_code.clone().unwrap_or_default();
    let label = reasons
        .into_iter()
        .find(|r| r.code == code)
        .map(|r| r.label)
        .unwrap_or(code);
    let note = c.reason_note.clone().unwrap_or_default();
    Ok(if note.trim().is_empty() {
        label
    } else {
        format!("{label}: {}", note.trim())
    })
}

/// Builds the content of a new letter for `cases` from the settings.
pub(crate) async fn compose(
    db: &impl ConnectionTrait,
    s: &LetterSettings,
    jenis: Jenis,
    data: &[CaseData],
    signatory: &Penandatangan,
    day: NaiveDate,
) -> Result<LetterContent> {
    let first = &data[0];
    let collective = (data.len() > 1).then_some(data.len());
    let mut vals = values(s, first, data.len());
    let (tujuan, lampiran) = match jenis {
        Jenis::Penolakan | Jenis::TandaTerima => {
            vals.insert("alasan", reason_label(db, &first.case).await?);
            (
                vec![
                    format!("Sdr. {}", first.applicant.nama),
                    format!(
                        "{}, {}",
                        first.applicant.jabatan, first.applicant.unit_kerja
                    ),
                    first.applicant.instansi.clone(),
                    "di Tempat".into(),
                ],
                None,
            )
        }
        _ => {
            let mut rows = Vec::new();
            if collective.is_some() {
                for d in data {
                    // A revocation's row names its serials and reason
                    // where the single letter has them in its data block.
                    let mut layanan = d.layanan.label().to_string();
                    if jenis == Jenis::RekomendasiPencabutan {
                        let own: Vec<String> = revocation_rows(db, &d.case)
                            .await?
                            .into_iter()
                            .map(|(k, v)| format!("{k}: {v}"))
                            .collect();
                        layanan = format!("{layanan} ({})", own.join("; "));
                    }
                    rows.push(AttachmentRow {
                        nama: d.applicant.nama.clone(),
                        nip: d.applicant.nip.clone().unwrap_or_else(|| "-".into()),
                        jabatan: d.applicant.jabatan.clone(),
                        unit_kerja: d.applicant.unit_kerja.clone(),
                        email: d.applicant.email.clone(),
                        layanan,
                    });
                }
            }
            (s.tujuan_rekomendasi.clone(), collective.map(|_| rows))
        }
    };
    let mut rows = data_rows(&first.applicant);
    if jenis == Jenis::RekomendasiPencabutan && collective.is_none() {
        rows.extend(revocation_rows(db, &first.case).await?);
    }
    let isi = body(s.templat.of(jenis), &vals, Some(rows), collective);
    Ok(LetterContent {
        kop: s.kop.clone(),
        tempat: s.tempat.clone(),
        tanggal: day,
        nomor: None,
        sifat: "Biasa".into(),
        hal: jenis.hal().into(),
        tujuan,
        isi,
        lampiran,
        penandatangan: signatory.clone(),
        tembusan: s.tembusan.clone(),
        judul: None,
        isian_kosong: false,
    })
}
