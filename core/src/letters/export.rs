//! Letters as files: rendering content to a finished PDF for a wet or an
//! electronic signature, exporting a numbered letter (the electronic export is
//! recorded so its signed copy can be matched), the receipt of a case, and the
//! batch export of many letters with progress and a stop.

use std::path::Path;

use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde::Serialize;
use ts_rs::TS;

use super::content;
use super::forms;
use super::register;
use crate::applicants::changes::PersonData;
use crate::applicants::registry;
use crate::audit::{Acting, Entry};
use crate::cases::due;
use crate::cases::forms::{self as cases_forms, ServiceForm};
use crate::catalogue;
use crate::catalogue::RequirementSpec;
use crate::document::content::{Block, LetterContent, tanggal};
use crate::document::pdf::Form;
use crate::document::render::render_content;
use crate::entities::{
    case_requirements, certificates as certificate_rows, documents as doc_rows, letters,
};
use crate::files;
use crate::lifecycle::vocabulary::Layanan;
use crate::office::identity::Penandatangan;
use crate::office::kinds::{Jenis, LetterStatus};
use crate::office::settings;
use crate::{Error, Result, store};

/// A letter's PDF for printing and a wet signature, or for an electronic
/// signature. A void letter cannot be exported; a draft can be printed for
/// review (with its DRAFT mark) but not prepared for signing. The export for
/// electronic signature is recorded, so the signed copy can be matched to it.
pub async fn export(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    id: i64,
    form: Form,
) -> Result<(String, Vec<u8>)> {
    let letter = register::find(db, id).await?;
    let status = register::status_of(&letter)?;
    if status == LetterStatus::Batal {
        return Err(Error::field(
            "letter",
            "Surat ini dibatalkan dan tidak dapat diekspor.",
        ));
    }
    let draft = status == LetterStatus::Draf;
    if draft && form == Form::Elektronik {
        return Err(Error::field(
            "letter",
            "Beri nomor surat dulu: draf tidak disiapkan untuk tanda tangan elektronik.",
        ));
    }
    let content = register::parse_content(&letter)?;
    let created = letter.issued_at.unwrap_or(letter.created_at);
    let bytes = render_content(db, &content, form, draft, created).await?;
    let name = file_name(register::jenis_of(&letter)?, &content, form);
    let txn = store::begin_write(db).await?;
    if form == Form::Elektronik {
        let mut am: letters::ActiveModel = letter.clone().into();
        am.tte_sha256 = Set(Some(files::sha256_hex(&bytes)));
        am.tte_size = Set(Some(bytes.len() as i64));
        am.update(&txn).await?;
    }
    act.record(
        &txn,
        Entry::new(
            "letter.export",
            "letter",
            id,
            serde_json::json!({
                "nomor": letter.nomor,
                "form": if form == Form::Elektronik { "elektronik" } else { "basah" },
                "sha256": files::sha256_hex(&bytes),
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok((name, bytes))
}

pub(crate) fn file_name(jenis: Jenis, c: &LetterContent, form: Form) -> String {
    let kind = jenis.file_stem();
    let number: String = c
        .nomor
        .as_deref()
        .unwrap_or("DRAF")
        .chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() || ch == '.' {
                ch
            } else {
                '-'
            }
        })
        .collect();
    let suffix = if form == Form::Elektronik { "-TTE" } else { "" };
    format!("Surat-{kind}-{number}{suffix}.pdf")
}

/// The receipt (tanda terima) for a case: registration number, date received,
/// the documents received and the promised completion date. It is not an
/// outgoing letter, so it takes no number from the register.
pub async fn receipt(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    case_id: i64,
) -> Result<(String, Vec<u8>)> {
    let s = settings::settings(db).await?;
    let d = content::load_case(db, case_id).await?;
    let received = d.case.created_at.date_naive();
    let due = due::of_case(db, case_id, act.now()).await?;
    let promised = due::promise_text(&due, *act.now().offset());
    // What the counter's standard promises besides the day: the fee and the hours.
    let biaya = crate::standard::keep::service(db, d.layanan).await?.biaya;
    let jam = crate::calendar::hours::hours(db)
        .await?
        .printed(*act.now().offset());
    let reqs = case_requirements::Entity::find()
        .filter(case_requirements::Column::CaseId.eq(case_id))
        .all(db)
        .await?;
    let docs = doc_rows::Entity::find()
        .filter(doc_rows::Column::CaseId.eq(case_id))
        .all(db)
        .await?;
    let mut items: Vec<String> = reqs
        .iter()
        .filter(|r| r.checked)
        .map(|r| r.label.clone())
        .collect();
    for doc in &docs {
        if !reqs.iter().any(|r| r.code == doc.kind) {
            items.push(format!("Berkas lain: {}", doc.filename));
        }
    }
    if items.is_empty() {
        items.push("Belum ada berkas yang diterima.".into());
    }
    let vals = content::values(&s, &d, 1);
    let mut isi = vec![Block::Data(vec![
        ("Nomor registrasi".into(), d.case.nomor.clone()),
        ("Tanggal diterima".into(), tanggal(received)),
        ("Layanan".into(), d.layanan.label().into()),
        ("Nama".into(), d.applicant.nama.clone()),
        (
            "NIP".into(),
            d.applicant.nip.clone().unwrap_or_else(|| "-".into()),
        ),
        ("Instansi".into(), d.applicant.instansi.clone()),
        ("Perkiraan selesai".into(), promised.clone()),
        ("Biaya".into(), biaya),
        ("Jam layanan".into(), jam),
    ])];
    isi.push(Block::Teks("Berkas yang diterima:".into()));
    isi.push(Block::Daftar(items));
    isi.extend(content::body(
        s.templat.of(Jenis::TandaTerima),
        &vals,
        None,
        None,
    ));
    isi.push(Block::Teks(format!(
        "Pengaduan, saran dan masukan:\n{}",
        due::complaint_text(db, d.layanan).await?
    )));
    let content = LetterContent {
        kop: s.kop.clone(),
        tempat: s.tempat.clone(),
        tanggal: act.today(),
        nomor: Some(d.case.nomor.clone()),
        sifat: String::new(),
        hal: Jenis::TandaTerima.hal().into(),
        tujuan: vec![],
        isi,
        lampiran: None,
        penandatangan: Penandatangan {
            jabatan: "Petugas penerima".into(),
            nama: act.name(),
            ..Default::default()
        },
        tembusan: vec![],
        judul: Some("TANDA TERIMA BERKAS PERMOHONAN SERTIFIKAT ELEKTRONIK".into()),
        isian_kosong: false,
    };
    let bytes = render_content(db, &content, Form::Basah, false, act.now()).await?;
    act.log(
        db,
        Entry::new(
            "letter.receipt",
            "case",
            case_id,
            serde_json::json!({ "nomor": d.case.nomor, "tenggat": due.tenggat }),
        ),
    )
    .await?;
    Ok((file_name(Jenis::TandaTerima, &content, Form::Basah), bytes))
}

/// Progress of a batch export.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BatchProgress {
    pub done: u32,
    pub total: u32,
    pub current: String,
}

/// The outcome of a batch export.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BatchResult {
    pub folder: String,
    pub written: u32,
    pub total: u32,
    pub cancelled: bool,
    /// Letters skipped with the reason (void, draft for electronic signature).
    pub skipped: Vec<String>,
}

pub use crate::stopping::BatchStop;

/// Exports many letters into `dir`, reporting progress after each and stopping
/// between letters when `stop` is requested (a request made before the batch
/// starts belongs to an earlier batch and is cleared). Letters already written stay.
pub async fn export_batch(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    ids: &[i64],
    form: Form,
    dir: &Path,
    stop: &BatchStop,
    mut progress: impl FnMut(BatchProgress),
) -> Result<BatchResult> {
    stop.clear();
    std::fs::create_dir_all(dir).map_err(|source| Error::File {
        path: format!("Folder {}", dir.display()),
        action: "dibuat",
        source,
    })?;
    let total = ids.len() as u32;
    let mut result = BatchResult {
        folder: dir.display().to_string(),
        written: 0,
        total,
        cancelled: false,
        skipped: vec![],
    };
    for (n, id) in ids.iter().enumerate() {
        if stop.requested() {
            result.cancelled = true;
            break;
        }
        match export(db, act, *id, form).await {
            Ok((name, bytes)) => {
                // Drafts share a name: each gets its own file.
                let path = crate::saving::write_new(dir, &name, &bytes)?;
                result.written += 1;
                progress(BatchProgress {
                    done: n as u32 + 1,
                    total,
                    current: path
                        .file_name()
                        .map(|f| f.to_string_lossy().into_owned())
                        .unwrap_or(name),
                });
            }
            Err(Error::Invalid { fields, .. }) => {
                let why = fields.into_values().next().unwrap_or_default();
                result.skipped.push(format!("Surat #{id}: {why}"));
                progress(BatchProgress {
                    done: n as u32 + 1,
                    total,
                    current: String::new(),
                });
            }
            Err(e) => return Err(e),
        }
    }
    Ok(result)
}

/// An application form as a PDF: blank for `layanan` when no case is given,
/// else filled from the case (its service, the person's data with the whole
/// NIK for the applicant to check, its form and checklist). A filled form
/// shows personal data, so printing it is written to the audit log first.
pub async fn application_form(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    layanan: Layanan,
    case_id: Option<i64>,
) -> Result<(String, Vec<u8>)> {
    let s = settings::settings(db).await?;
    let Some(case_id) = case_id else {
        let requirements = catalogue::requirements_for(db, layanan).await?;
        let content = forms::compose(&s, layanan, &requirements, None, act.today());
        let bytes = render_content(db, &content, Form::Basah, false, act.now()).await?;
        return Ok((forms::file_name(layanan, None), bytes));
    };
    let d = content::load_case(db, case_id).await?;
    let form = cases_forms::of_case(&d.case)?;
    let ids: Vec<i64> = match &form {
        Some(ServiceForm::Pembaruan { certificate_id }) => vec![*certificate_id],
        Some(ServiceForm::Pencabutan {
            certificate_ids, ..
        }) => certificate_ids.clone(),
        _ => vec![],
    };
    let certificates = certificate_rows::Entity::find()
        .filter(certificate_rows::Column::Id.is_in(ids))
        .all(db)
        .await?;
    let requirements: Vec<RequirementSpec> = case_requirements::Entity::find()
        .filter(case_requirements::Column::CaseId.eq(case_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| RequirementSpec {
            code: r.code,
            label: r.label,
            wajib: r.wajib,
        })
        .collect();
    let person = PersonData::of(&d.applicant);
    let nik = registry::reveal_nik(act.key(), &d.applicant)?;
    let filled = forms::Filled {
        nomor: &d.case.nomor,
        person: &person,
        nik: &nik,
        form: form.as_ref(),
        certificates: &certificates,
        received: d.case.created_at.date_naive(),
    };
    let content = forms::compose(&s, d.layanan, &requirements, Some(&filled), act.today());
    let bytes = render_content(db, &content, Form::Basah, false, act.now()).await?;
    act.log(
        db,
        Entry::new(
            "form.export",
            "case",
            case_id,
            serde_json::json!({ "nomor": d.case.nomor, "layanan": d.layanan.as_str() }),
        ),
    )
    .await?;
    Ok((forms::file_name(d.layanan, Some(&d.case.nomor)), bytes))
}
