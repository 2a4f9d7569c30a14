//! A person's right of access (UU 27/2022 PDP): one action gathers
//! everything Loket holds about them (identity with the whole NIK, cases,
//! certificates, letters naming their cases, the list of documents, the
//! changes to their data, and the log of who saw, exported or changed any of
//! it) as a JSON file and a PDF. The export answers the person's access
//! request: the oldest one waiting, whose time and due time (3 x 24 hours
//! from when it came in, Pasal 32) the export prints with the moment it was
//! answered and whether that was late; without one waiting, the export
//! records a request received and answered now. Rows are gathered by the person's id and the ids that hang
//! from it, never by name, so a look-alike name brings nothing of anyone
//! else. The export is written to the audit log first.

use std::collections::BTreeSet;

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde::Serialize;

use crate::applicants::registry::reveal_nik;
use crate::audit::{Acting, Entry};
use crate::document::content::{Block, LetterContent};
use crate::document::pdf::Form;
use crate::document::render::render_content;
use crate::entities::{
    applicant_history, applicants, audit_log, cases, certificates, data_requests, documents,
    help_requests, letter_cases, letters,
};
use crate::lifecycle::vocabulary::{Layanan, Status};
use crate::office::settings;
use crate::{Error, Result, store};

use super::requests::{self, JenisPermintaan};
use crate::document::content::waktu;

/// One case of the person.
#[derive(Debug, Clone, Serialize)]
pub struct CaseItem {
    pub nomor: String,
    pub layanan: String,
    pub status: String,
    pub diterima: String,
    pub instansi: String,
    pub unit_kerja: String,
}

/// One certificate of the person.
#[derive(Debug, Clone, Serialize)]
pub struct CertificateItem {
    pub nomor_seri: Option<String>,
    pub berlaku_mulai: String,
    pub berlaku_sampai: String,
    pub status: String,
    pub asal: String,
}

/// A letter naming one of the person's cases.
#[derive(Debug, Clone, Serialize)]
pub struct LetterItem {
    pub nomor: Option<String>,
    pub jenis: String,
    pub status: String,
    pub dibuat: String,
}

/// A document of one of the person's cases (its content is not in the export).
#[derive(Debug, Clone, Serialize)]
pub struct DocumentItem {
    pub permohonan: String,
    pub jenis: String,
    pub berkas: String,
    pub ukuran: i64,
    pub diunggah: String,
    pub oleh: String,
}

/// A change to the person's data.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeItem {
    pub waktu: String,
    pub oleh: String,
    pub jenis: String,
    pub alasan: String,
}

/// A correction of the person's data, or of a value of their case or
/// certificate, with both values.
#[derive(Debug, Clone, Serialize)]
pub struct CorrectionItem {
    pub waktu: String,
    pub oleh: String,
    pub nilai: String,
    pub lama: String,
    pub baru: String,
    pub alasan: String,
}

/// A request for help with using their certificate, with what was done.
#[derive(Debug, Clone, Serialize)]
pub struct HelpItem {
    pub nomor: String,
    pub diterima: String,
    pub hal: String,
    pub uraian: String,
    pub status: String,
    /// Passed to BSrE: how, and when.
    pub rujukan: String,
    pub diteruskan: String,
    pub hasil: String,
    pub selesai: String,
}

/// An audit entry about the person or what hangs from them.
#[derive(Debug, Clone, Serialize)]
pub struct TrailItem {
    pub no: i64,
    pub waktu: String,
    pub oleh: String,
    pub tindakan: String,
    pub objek: String,
}

/// Everything Loket holds about one person, as the JSON file carries it.
#[derive(Debug, Clone, Serialize)]
pub struct AccessExport {
    /// The request answered (`AKSES-YYYY-NNNN`).
    pub permintaan: String,
    pub diminta: String,
    pub batas_jawab: String,
    pub dijawab: String,
    /// Answered after the due time.
    pub terlambat: bool,
    pub identitas: Vec<(String, String)>,
    pub permohonan: Vec<CaseItem>,
    pub sertifikat: Vec<CertificateItem>,
    pub surat: Vec<LetterItem>,
    pub dokumen: Vec<DocumentItem>,
    pub perubahan_data: Vec<ChangeItem>,
    pub koreksi: Vec<CorrectionItem>,
    pub bantuan: Vec<HelpItem>,
    pub jejak_pemrosesan: Vec<TrailItem>,
}

/// The two files of an access export.
#[derive(Debug, Clone)]
pub struct AccessFiles {
    pub json_name: String,
    pub json: Vec<u8>,
    pub pdf_name: String,
    pub pdf: Vec<u8>,
    pub permintaan: String,
    pub diminta: String,
    pub batas_jawab: String,
    pub terlambat: bool,
}

async fn gather(
    db: &impl ConnectionTrait,
    act: &Acting<'_>,
    a: &applicants::Model,
    request: &data_requests::Model,
) -> Result<AccessExport> {
    // Every stored moment in the desk's time zone: PostgreSQL hands them back in UTC.
    let desk_tz = *act.now().offset();
    // Printed with the zone's name ("09.00 WITA").
    let when = |t: chrono::DateTime<chrono::FixedOffset>| waktu(t.with_timezone(&desk_tz));
    let nik = reveal_nik(act.key(), a)?;
    let identitas = vec![
        ("Nama".to_string(), a.nama.clone()),
        ("NIK".into(), nik),
        ("NIP".into(), a.nip.clone().unwrap_or_else(|| "-".into())),
        ("E-mail".into(), a.email.clone()),
        ("Nomor HP".into(), a.telepon.clone()),
        ("Jabatan".into(), a.jabatan.clone()),
        ("Unit kerja".into(), a.unit_kerja.clone()),
        ("Instansi".into(), a.instansi.clone()),
        ("Tercatat sejak".into(), when(a.created_at)),
    ];
    let case_rows = cases::Entity::find()
        .filter(cases::Column::ApplicantId.eq(a.id))
        .order_by_asc(cases::Column::Id)
        .all(db)
        .await?;
    let case_ids: Vec<i64> = case_rows.iter().map(|c| c.id).collect();
    let certs = certificates::Entity::find()
        .filter(certificates::Column::ApplicantId.eq(a.id))
        .order_by_asc(certificates::Column::Id)
        .all(db)
        .await?;
    let links = letter_cases::Entity::find()
        .filter(letter_cases::Column::CaseId.is_in(case_ids.clone()))
        .all(db)
        .await?;
    let letter_ids: BTreeSet<i64> = links.iter().map(|l| l.letter_id).collect();
    let letter_rows = letters::Entity::find()
        .filter(letters::Column::Id.is_in(letter_ids.iter().copied()))
        .order_by_asc(letters::Column::Id)
        .all(db)
        .await?;
    let docs = documents::Entity::find()
        .filter(documents::Column::CaseId.is_in(case_ids.clone()))
        .order_by_asc(documents::Column::Id)
        .all(db)
        .await?;
    let changes = applicant_history::Entity::find()
        .filter(applicant_history::Column::ApplicantId.eq(a.id))
        .order_by_asc(applicant_history::Column::Id)
        .all(db)
        .await?;

    // Every correction of their data or of their cases' and certificates'
    // values, with both values (the register's reading, the NIK masked).
    let koreksi: Vec<CorrectionItem> = crate::corrections::of_person(db, a.id, *act.now().offset())
        .await?
        .into_iter()
        .rev()
        .flat_map(|r| {
            let waktu = chrono::DateTime::parse_from_rfc3339(&r.at)
                .map(waktu)
                .unwrap_or_else(|_| r.at.clone());
            r.changes
                .into_iter()
                .map(|c| CorrectionItem {
                    waktu: waktu.clone(),
                    oleh: r.actor.clone(),
                    nilai: c.field,
                    lama: c.lama,
                    baru: c.baru,
                    alasan: r.reason.clone(),
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let bantuan = help_requests::Entity::find()
        .filter(help_requests::Column::ApplicantId.eq(a.id))
        .order_by_asc(help_requests::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|h| HelpItem {
            diterima: when(h.diterima_at),
            hal: h.topik.replace('_', " "),
            status: h.status,
            rujukan: h.rujukan.unwrap_or_default(),
            diteruskan: h.diteruskan_at.map(when).unwrap_or_default(),
            hasil: h.hasil.unwrap_or_default(),
            selesai: h.selesai_at.map(when).unwrap_or_default(),
            nomor: h.nomor,
            uraian: h.uraian,
        })
        .collect();
    let ids = |v: &mut dyn Iterator<Item = i64>| v.map(|i| i.to_string()).collect::<Vec<_>>();
    let of = |entity: &str, list: Vec<String>| {
        Condition::all()
            .add(audit_log::Column::Entity.eq(entity.to_string()))
            .add(audit_log::Column::EntityId.is_in(list))
    };
    let trail = audit_log::Entity::find()
        .filter(
            Condition::any()
                .add(of("applicant", vec![a.id.to_string()]))
                .add(of("case", ids(&mut case_ids.iter().copied())))
                .add(of("certificate", ids(&mut certs.iter().map(|c| c.id))))
                .add(of("letter", ids(&mut letter_ids.iter().copied())))
                .add(of("document", ids(&mut docs.iter().map(|d| d.id)))),
        )
        .order_by_asc(audit_log::Column::Seq)
        .all(db)
        .await?;
    let nomor_of = |case_id: i64| {
        case_rows
            .iter()
            .find(|c| c.id == case_id)
            .map_or_else(String::new, |c| c.nomor.clone())
    };
    // In the desk's time zone: PostgreSQL hands a stored moment back in UTC.
    let tz = *act.now().offset();
    Ok(AccessExport {
        permintaan: request.nomor.clone(),
        diminta: waktu(request.diterima_at.with_timezone(&tz)),
        batas_jawab: waktu(request.tenggat_at.with_timezone(&tz)),
        dijawab: waktu(act.now()),
        terlambat: act.now() > request.tenggat_at,
        identitas,
        permohonan: case_rows
            .iter()
            .map(|c| CaseItem {
                nomor: c.nomor.clone(),
                layanan: Layanan::parse(&c.layanan)
                    .map_or_else(|| c.layanan.clone(), |l| l.label().into()),
                status: Status::parse(&c.status).map_or_else(|| c.status.clone(), Status::label),
                diterima: when(c.created_at),
                instansi: c.instansi.clone(),
                unit_kerja: c.unit_kerja.clone(),
            })
            .collect(),
        sertifikat: certs
            .iter()
            .map(|c| CertificateItem {
                nomor_seri: c.serial.clone(),
                berlaku_mulai: c.valid_from.format("%d/%m/%Y").to_string(),
                berlaku_sampai: c.valid_to.format("%d/%m/%Y").to_string(),
                status: c.status.clone(),
                asal: c.source.clone(),
            })
            .collect(),
        surat: letter_rows
            .iter()
            .map(|l| LetterItem {
                nomor: l.nomor.clone(),
                jenis: l.jenis.replace('_', " "),
                status: l.status.replace('_', " "),
                dibuat: when(l.created_at),
            })
            .collect(),
        dokumen: docs
            .iter()
            .map(|d| DocumentItem {
                permohonan: nomor_of(d.case_id),
                jenis: d.kind.clone(),
                berkas: d.filename.clone(),
                ukuran: d.size,
                diunggah: when(d.created_at),
                oleh: d.created_by.clone(),
            })
            .collect(),
        perubahan_data: changes
            .iter()
            .map(|h| ChangeItem {
                waktu: when(h.at),
                oleh: h.actor.clone(),
                jenis: h.kind.clone(),
                alasan: h.reason.clone(),
            })
            .collect(),
        koreksi,
        bantuan,
        jejak_pemrosesan: trail
            .iter()
            .map(|e| TrailItem {
                no: e.seq,
                waktu: when(e.at),
                oleh: e.actor.clone(),
                tindakan: e.action.clone(),
                objek: format!("{} #{}", e.entity, e.entity_id),
            })
            .collect(),
    })
}

fn table(lebar: Vec<usize>, kepala: &[&str], baris: Vec<Vec<String>>) -> Block {
    if baris.is_empty() {
        return Block::Teks("Tidak ada.".into());
    }
    Block::Tabel {
        lebar,
        kepala: kepala.iter().map(|s| s.to_string()).collect(),
        baris,
    }
}

fn document(
    db_settings: &settings::LetterSettings,
    act: &Acting<'_>,
    x: &AccessExport,
) -> LetterContent {
    let isi = vec![
        Block::Data(vec![
            ("Nomor permintaan".into(), x.permintaan.clone()),
            ("Permintaan diterima".into(), x.diminta.clone()),
            (
                "Batas jawaban".into(),
                format!("{} (3 x 24 jam sejak permintaan diterima)", x.batas_jawab),
            ),
            (
                "Dijawab".into(),
                if x.terlambat {
                    format!("{} (melewati batas jawaban)", x.dijawab)
                } else {
                    x.dijawab.clone()
                },
            ),
            ("Disiapkan oleh".into(), act.name()),
        ]),
        Block::Subjudul("A. Identitas".into()),
        Block::Data(x.identitas.clone()),
        Block::Subjudul("B. Permohonan".into()),
        table(
            vec![7, 5, 5, 5, 8],
            &["Nomor", "Layanan", "Status", "Diterima", "Instansi"],
            x.permohonan
                .iter()
                .map(|c| {
                    vec![
                        c.nomor.clone(),
                        c.layanan.clone(),
                        c.status.clone(),
                        c.diterima.clone(),
                        c.instansi.clone(),
                    ]
                })
                .collect(),
        ),
        Block::Subjudul("C. Sertifikat".into()),
        table(
            vec![6, 5, 5, 4, 4],
            &[
                "Nomor seri",
                "Berlaku mulai",
                "Berlaku sampai",
                "Status",
                "Asal",
            ],
            x.sertifikat
                .iter()
                .map(|c| {
                    vec![
                        c.nomor_seri.clone().unwrap_or_else(|| "-".into()),
                        c.berlaku_mulai.clone(),
                        c.berlaku_sampai.clone(),
                        c.status.clone(),
                        c.asal.clone(),
                    ]
                })
                .collect(),
        ),
        Block::Subjudul("D. Surat".into()),
        table(
            vec![9, 6, 4, 5],
            &["Nomor", "Jenis", "Status", "Dibuat"],
            x.surat
                .iter()
                .map(|l| {
                    vec![
                        l.nomor.clone().unwrap_or_else(|| "(draf)".into()),
                        l.jenis.clone(),
                        l.status.clone(),
                        l.dibuat.clone(),
                    ]
                })
                .collect(),
        ),
        Block::Subjudul("E. Dokumen (daftar; isinya tidak disertakan)".into()),
        table(
            vec![6, 4, 8, 3, 5],
            &["Permohonan", "Jenis", "Berkas", "Bita", "Diunggah"],
            x.dokumen
                .iter()
                .map(|d| {
                    vec![
                        d.permohonan.clone(),
                        d.jenis.clone(),
                        d.berkas.clone(),
                        d.ukuran.to_string(),
                        d.diunggah.clone(),
                    ]
                })
                .collect(),
        ),
        Block::Subjudul("F. Perubahan data".into()),
        table(
            vec![5, 5, 4, 10],
            &["Waktu", "Oleh", "Jenis", "Alasan"],
            x.perubahan_data
                .iter()
                .map(|h| {
                    vec![
                        h.waktu.clone(),
                        h.oleh.clone(),
                        h.jenis.clone(),
                        h.alasan.clone(),
                    ]
                })
                .collect(),
        ),
        Block::Subjudul("G. Koreksi (nilai lama dan nilai baru)".into()),
        table(
            vec![4, 4, 5, 4, 4, 6],
            &["Waktu", "Oleh", "Nilai", "Lama", "Baru", "Alasan"],
            x.koreksi
                .iter()
                .map(|k| {
                    vec![
                        k.waktu.clone(),
                        k.oleh.clone(),
                        k.nilai.clone(),
                        k.lama.clone(),
                        k.baru.clone(),
                        k.alasan.clone(),
                    ]
                })
                .collect(),
        ),
        Block::Subjudul("H. Permintaan bantuan penggunaan sertifikat".into()),
        table(
            vec![5, 4, 4, 6, 6, 6],
            &[
                "Nomor",
                "Diterima",
                "Hal",
                "Uraian",
                "Diteruskan ke BSrE",
                "Hasil",
            ],
            x.bantuan
                .iter()
                .map(|h| {
                    let at = |what: &str, t: &str| match (what, t) {
                        ("", _) => "-".to_string(),
                        (w, "") => w.to_string(),
                        (w, t) => format!("{w} ({t})"),
                    };
                    vec![
                        h.nomor.clone(),
                        h.diterima.clone(),
                        h.hal.clone(),
                        h.uraian.clone(),
                        at(&h.rujukan, &h.diteruskan),
                        at(&h.hasil, &h.selesai),
                    ]
                })
                .collect(),
        ),
        Block::Subjudul("I. Jejak pemrosesan (siapa melihat, mengekspor atau mengubah)".into()),
        table(
            vec![3, 5, 5, 7, 5],
            &["No.", "Waktu", "Oleh", "Tindakan", "Objek"],
            x.jejak_pemrosesan
                .iter()
                .map(|e| {
                    vec![
                        e.no.to_string(),
                        e.waktu.clone(),
                        e.oleh.clone(),
                        e.tindakan.clone(),
                        e.objek.clone(),
                    ]
                })
                .collect(),
        ),
    ];
    LetterContent::document(
        db_settings,
        act.today(),
        None,
        "Data pribadi yang diproses Loket".into(),
        "DATA PRIBADI YANG DIPROSES (HAK AKSES SUBJEK DATA PRIBADI)".into(),
        isi,
    )
}

/// The export for applicant `applicant_id`: recorded in the audit log
/// (committed) before anything is gathered, so the trail it carries ends
/// with this export.
pub async fn export(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    applicant_id: i64,
) -> Result<AccessFiles> {
    let txn = store::begin_write(db).await?;
    let a = applicants::Entity::find_by_id(applicant_id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound("Pemohon"))?;
    // The request this export answers: the oldest waiting, or one received now.
    // It is closed only once the files are made.
    let request = match requests::open_access(&txn, a.id).await? {
        Some(r) => r,
        None => {
            requests::insert(
                &txn,
                act,
                a.id,
                JenisPermintaan::Akses,
                requests::ACCESS_ASKED.into(),
                act.now(),
            )
            .await?
        }
    };
    act.record(
        &txn,
        Entry::new(
            "applicant.access_export",
            "applicant",
            a.id,
            serde_json::json!({
                "due_hours": super::moment::DUTY_HOURS,
                "permintaan": request.nomor,
                "terlambat": act.now() > request.tenggat_at,
            }),
        ),
    )
    .await?;
    txn.commit().await?;

    let x = gather(db, act, &a, &request).await?;
    let json = serde_json::to_vec_pretty(&x).map_err(|e| Error::Corrupt(e.to_string()))?;
    let s = settings::settings(db).await?;
    let pdf = render_content(db, &document(&s, act, &x), Form::Basah, false, act.now()).await?;
    // Made: the request is answered (a second desk that answered it meanwhile
    // leaves this export refused rather than answering it twice).
    let txn = store::begin_write(db).await?;
    let closed = requests::close(
        &txn,
        act,
        request,
        "Dijawab dengan ekspor data pribadi".into(),
    )
    .await?;
    act.record(
        &txn,
        Entry::new(
            "data_request.answer",
            "applicant",
            a.id,
            serde_json::json!({ "nomor": closed.nomor, "export": true }),
        ),
    )
    .await?;
    txn.commit().await?;
    let stem = format!("data-pribadi-{}-{}", a.id, act.now().format("%Y%m%d-%H%M"));
    Ok(AccessFiles {
        json_name: format!("{stem}.json"),
        json,
        pdf_name: format!("{stem}.pdf"),
        pdf,
        permintaan: x.permintaan,
        diminta: x.diminta,
        batas_jawab: x.batas_jawab,
        terlambat: x.terlambat,
    })
}
