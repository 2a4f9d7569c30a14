//! The register of outgoing letters (buku agenda surat keluar): drafts,
//! numbering in the transaction that records the letter (never two letters
//! with one number, never a gap), voiding that keeps the number, the list by
//! year, kind and status, and which letter a case calls for.

use chrono::Datelike;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::content;
use crate::audit::{Acting, Entry};
use crate::cases::record;
use crate::cases::transitions::{TransitionInput, apply_transition};
use crate::document::content::LetterContent;
use crate::entities::{applicants, cases, letter_cases, letters};
use crate::error::to_json;
use crate::lifecycle::flow::Action;
use crate::lifecycle::vocabulary::{Layanan, Status};
use crate::office::kinds::{Jenis, LetterStatus};
use crate::office::{numbering, settings};
use crate::{Error, Result, store};

/// A case of a letter, as the register shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LetterCase {
    #[ts(type = "number")]
    pub id: i64,
    pub nomor: String,
    pub nama: String,
}

/// A letter in the register.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LetterRow {
    #[ts(type = "number")]
    pub id: i64,
    pub jenis: Jenis,
    pub status: LetterStatus,
    pub nomor: Option<String>,
    /// Date printed on the letter (YYYY-MM-DD).
    pub tanggal: String,
    pub hal: String,
    pub instansi: String,
    pub penandatangan: String,
    pub cases: Vec<LetterCase>,
    pub void_reason: Option<String>,
    /// `basah` or `elektronik` once the signed copy is filed.
    pub signed_kind: Option<String>,
    pub signed_filename: Option<String>,
    pub signed_sha256: Option<String>,
    pub created_by: String,
}

/// The content snapshot of a stored letter.
pub(crate) fn parse_content(l: &letters::Model) -> Result<LetterContent> {
    serde_json::from_str(&l.content)
        .map_err(|e| Error::Corrupt(format!("isi surat #{} ({e})", l.id)))
}

/// The kind of a stored letter.
pub(crate) fn jenis_of(l: &letters::Model) -> Result<Jenis> {
    Jenis::stored(&l.jenis, format_args!("jenis surat #{}", l.id))
}

/// The status of a stored letter.
pub(crate) fn status_of(l: &letters::Model) -> Result<LetterStatus> {
    LetterStatus::stored(&l.status, format_args!("status surat #{}", l.id))
}

/// A stored letter as the register shows it.
pub(crate) async fn to_row(db: &impl ConnectionTrait, l: letters::Model) -> Result<LetterRow> {
    let content = parse_content(&l)?;
    let links = letter_cases::Entity::find()
        .filter(letter_cases::Column::LetterId.eq(l.id))
        .order_by_asc(letter_cases::Column::Urutan)
        .all(db)
        .await?;
    let mut cases_out = Vec::with_capacity(links.len());
    for link in links {
        let (c, a) = record::find_with_applicant(db, link.case_id).await?;
        cases_out.push(LetterCase {
            id: c.id,
            nomor: c.nomor,
            nama: a.nama,
        });
    }
    Ok(LetterRow {
        id: l.id,
        jenis: jenis_of(&l)?,
        status: status_of(&l)?,
        nomor: l.nomor,
        tanggal: content.tanggal.to_string(),
        hal: content.hal,
        instansi: l.instansi,
        penandatangan: content.penandatangan.nama,
        cases: cases_out,
        void_reason: l.void_reason,
        signed_kind: l.signed_kind,
        signed_filename: l.signed_filename,
        signed_sha256: l.signed_sha256,
        created_by: l.created_by,
    })
}

/// What the desk sends to draft a letter.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct NewLetter {
    pub jenis: Option<Jenis>,
    /// One case, or several of one instansi for a collective recommendation.
    #[ts(type = "number[]")]
    pub case_ids: Vec<i64>,
    /// Index into the signatories of the settings.
    pub penandatangan: u32,
}

/// Whether the case already has a letter of `jenis` that is not void.
async fn has_live_letter(db: &impl ConnectionTrait, case_id: i64, jenis: Jenis) -> Result<bool> {
    let ids: Vec<i64> = letter_cases::Entity::find()
        .filter(letter_cases::Column::CaseId.eq(case_id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.letter_id)
        .collect();
    Ok(letters::Entity::find()
        .filter(letters::Column::Id.is_in(ids))
        .filter(letters::Column::Jenis.eq(jenis.as_str()))
        .filter(letters::Column::Status.ne(LetterStatus::Batal.as_str()))
        .count(db)
        .await?
        > 0)
}

/// The letter a case's status calls for and does not have yet: its Surat
/// Rekomendasi once the file is complete, the rejection notice once rejected.
pub async fn to_draft(
    db: &impl ConnectionTrait,
    case_id: i64,
    layanan: Layanan,
    status: Status,
) -> Result<Option<Jenis>> {
    let wanted = match status {
        Status::BerkasLengkap => Jenis::ALL
            .into_iter()
            .find(|j| j.layanan() == Some(layanan)),
        Status::Ditolak => Some(Jenis::Penolakan),
        _ => None,
    };
    Ok(match wanted {
        Some(j) if !has_live_letter(db, case_id, j).await? => Some(j),
        _ => None,
    })
}

/// Drafts a letter for one case, or a collective recommendation for several
/// cases of one instansi. Drafts have no number.
pub async fn create_draft(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    input: &NewLetter,
) -> Result<LetterRow> {
    let jenis = input
        .jenis
        .ok_or_else(|| Error::field("jenis", "Pilih jenis surat."))?;
    if jenis == Jenis::TandaTerima {
        return Err(Error::field(
            "jenis",
            "Tanda terima dicetak langsung dari halaman permohonan; tidak masuk buku agenda.",
        ));
    }
    let mut ids = input.case_ids.clone();
    ids.dedup();
    if ids.is_empty() {
        return Err(Error::field(
            "case_ids",
            "Pilih sedikitnya satu permohonan.",
        ));
    }
    let s = settings::settings(db).await?;
    let signatory = s
        .penandatangan
        .get(input.penandatangan as usize)
        .cloned()
        .ok_or_else(|| Error::field("penandatangan", "Pilih penandatangan."))?;
    if signatory.nama.trim().is_empty() {
        return Err(Error::field(
            "penandatangan",
            "Nama penandatangan belum diisi di Pengaturan Surat.",
        ));
    }
    let mut data = Vec::with_capacity(ids.len());
    for id in &ids {
        data.push(content::load_case(db, *id).await?);
    }
    let instansi = data[0].applicant.instansi.clone();
    match jenis.layanan() {
        Some(l) => {
            for d in &data {
                if d.layanan != l {
                    return Err(Error::field(
                        "case_ids",
                        format!("{} bukan permohonan {}.", d.case.nomor, l.label()),
                    ));
                }
                if d.status != Status::BerkasLengkap {
                    return Err(Error::field(
                        "case_ids",
                        format!(
                            "{}: surat rekomendasi dibuat setelah berkas lengkap (status kini {}).",
                            d.case.nomor,
                            d.status.label()
                        ),
                    ));
                }
                if d.applicant.instansi != instansi {
                    return Err(Error::field(
                        "case_ids",
                        "Surat kolektif hanya untuk pegawai dari satu instansi.",
                    ));
                }
            }
            for id in &ids {
                if has_live_letter(db, *id, jenis).await? {
                    return Err(Error::field(
                        "case_ids",
                        "Permohonan ini sudah memiliki surat rekomendasi; batalkan surat itu dulu bila perlu diganti.",
                    ));
                }
            }
        }
        None => {
            if ids.len() != 1 {
                return Err(Error::field(
                    "case_ids",
                    "Surat penolakan untuk satu permohonan.",
                ));
            }
            if has_live_letter(db, ids[0], jenis).await? {
                return Err(Error::field(
                    "case_ids",
                    "Permohonan ini sudah memiliki surat pemberitahuan penolakan.",
                ));
            }
            if data[0].status != Status::Ditolak {
                return Err(Error::field(
                    "case_ids",
                    "Surat pemberitahuan penolakan dibuat untuk permohonan yang ditolak.",
                ));
            }
        }
    }
    let content = content::compose(db, &s, jenis, &data, &signatory, act.today()).await?;
    let txn = store::begin_write(db).await?;
    let letter = letters::ActiveModel {
        jenis: Set(jenis.as_str().into()),
        status: Set(LetterStatus::Draf.as_str().into()),
        instansi: Set(instansi),
        content: Set(to_json(&content)?),
        created_by: Set(act.name()),
        created_at: Set(act.now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for (n, id) in ids.iter().enumerate() {
        letter_cases::ActiveModel {
            letter_id: Set(letter.id),
            case_id: Set(*id),
            urutan: Set(n as i32),
        }
        .insert(&txn)
        .await?;
    }
    act.record(
        &txn,
        Entry::new(
            "letter.draft",
            "letter",
            letter.id,
            serde_json::json!({ "jenis": jenis.as_str(), "cases": ids }),
        ),
    )
    .await?;
    txn.commit().await?;
    to_row(db, letter).await
}

/// Writes `am` only while its row still meets `still` (checked by the
/// database in the update itself, so two desks cannot both act on the same
/// state); otherwise the refusal `(field, message)`.
async fn update_while(
    txn: &impl ConnectionTrait,
    am: letters::ActiveModel,
    still: sea_orm::sea_query::SimpleExpr,
    (field, message): (&str, &str),
) -> Result<letters::Model> {
    match letters::Entity::update(am)
        .validate()?
        .filter(still)
        .exec(txn)
        .await
    {
        Ok(letter) => Ok(letter),
        Err(sea_orm::DbErr::RecordNotUpdated) => Err(Error::field(field, message)),
        Err(e) => Err(e.into()),
    }
}

/// A letter by id.
pub(crate) async fn find(db: &impl ConnectionTrait, id: i64) -> Result<letters::Model> {
    letters::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound("Surat"))
}

/// Gives a draft its number from the register, inside one transaction with the
/// letter's update, the audit entry and, for a recommendation, each case's move
/// to "rekomendasi terbit": never two letters with one number, never a gap.
pub async fn issue(db: &DatabaseConnection, act: &Acting<'_>, id: i64) -> Result<LetterRow> {
    let now = act.now();
    let s = settings::settings(db).await?;
    let txn = store::begin_write(db).await?;
    let letter = find(&txn, id).await?;
    if status_of(&letter)? != LetterStatus::Draf {
        return Err(Error::field(
            "letter",
            "Hanya draf yang dapat diberi nomor.",
        ));
    }
    let jenis = jenis_of(&letter)?;
    let mut content = parse_content(&letter)?;
    let tahun = now.year();
    let urut = store::next_counter(&txn, &format!("surat_keluar/{tahun}")).await?;
    let klasifikasi = if jenis == Jenis::Penolakan {
        &s.klasifikasi_penolakan
    } else {
        &s.klasifikasi_rekomendasi
    };
    let nomor = numbering::format(
        &s.pola_nomor,
        &numbering::Parts {
            klasifikasi,
            urut,
            unit: &s.kode_unit,
            tahun,
            bulan: now.month(),
        },
    );
    content.nomor = Some(nomor.clone());
    content.tanggal = now.date_naive();
    let mut am: letters::ActiveModel = letter.clone().into();
    am.status = Set(LetterStatus::Terbit.as_str().into());
    am.tahun = Set(Some(tahun));
    am.urut = Set(Some(urut));
    am.nomor = Set(Some(nomor.clone()));
    am.content = Set(to_json(&content)?);
    am.issued_by = Set(Some(act.name()));
    am.issued_at = Set(Some(now));
    // Written only while still a draft: a second desk that numbered the same
    // draft meanwhile (PostgreSQL) leaves this one refused, its number not taken.
    let letter = update_while(
        &txn,
        am,
        letters::Column::Status.eq(LetterStatus::Draf.as_str()),
        ("letter", "Hanya draf yang dapat diberi nomor."),
    )
    .await?;
    if jenis.layanan().is_some() {
        let links = letter_cases::Entity::find()
            .filter(letter_cases::Column::LetterId.eq(id))
            .all(&txn)
            .await?;
        for link in links {
            apply_transition(
                &txn,
                act,
                link.case_id,
                &TransitionInput {
                    action: Some(Action::TerbitkanRekomendasi),
                    note: format!("Surat rekomendasi nomor {nomor}"),
                    ..Default::default()
                },
            )
            .await?;
        }
    }
    if jenis == Jenis::Penolakan {
        tell_rejected(&txn, act, id, &nomor).await?;
    }
    act.record(
        &txn,
        Entry::new(
            "letter.issue",
            "letter",
            id,
            serde_json::json!({ "nomor": nomor, "tahun": tahun, "urut": urut }),
        ),
    )
    .await?;
    txn.commit().await?;
    to_row(db, letter).await
}

/// Queues the rejection message of each case the notice `id` answers, with
/// the numbered notice attached, in the transaction that numbers it.
async fn tell_rejected(
    txn: &DatabaseTransaction,
    act: &Acting<'_>,
    id: i64,
    nomor: &str,
) -> Result<()> {
    let reasons = crate::catalogue::reject_reasons(txn).await?;
    let links = letter_cases::Entity::find()
        .filter(letter_cases::Column::LetterId.eq(id))
        .all(txn)
        .await?;
    for link in links {
        let case = crate::cases::record::find(txn, link.case_id).await?;
        // A rejection taken back since the draft was made is not told.
        let (_, status) = crate::cases::record::kinds(&case)?;
        if status != crate::lifecycle::vocabulary::Status::Ditolak {
            return Err(Error::field(
                "letter",
                format!(
                    "Permohonan {} tidak lagi ditolak (status kini {}): surat penolakan ini tidak \
                     dapat diberi nomor. Batalkan drafnya.",
                    case.nomor,
                    status.label()
                ),
            ));
        }
        let label = case
            .reason_code
            .as_deref()
            .and_then(|c| reasons.iter().find(|r| r.code == c))
            .map(|r| r.label.clone())
            .unwrap_or_default();
        let note = case.reason_note.clone().unwrap_or_default();
        let alasan = match (label.is_empty(), note.trim().is_empty()) {
            (false, false) => format!("{label}. {note}"),
            (false, true) => label,
            (true, false) => note,
            (true, true) => "-".into(),
        };
        crate::notices::outbox::queue_case(
            txn,
            act,
            crate::notices::outbox::CaseMessage {
                case: &case,
                peristiwa: crate::notices::templates::Peristiwa::Ditolak,
                values: [("alasan", alasan), ("nomor_surat", nomor.to_string())]
                    .into_iter()
                    .collect(),
                lampiran: Some(crate::notices::outbox::Lampiran::Surat),
                letter_id: Some(id),
            },
        )
        .await?;
    }
    Ok(())
}

/// Cancels a letter. A numbered letter keeps its number in the register,
/// marked void with the reason; the number is never given again.
pub async fn void(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    id: i64,
    reason: &str,
) -> Result<LetterRow> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::field(
            "void_reason",
            "Tuliskan alasan pembatalan surat.",
        ));
    }
    let txn = store::begin_write(db).await?;
    let letter = find(&txn, id).await?;
    if status_of(&letter)? == LetterStatus::Batal {
        return Err(Error::field("void_reason", "Surat ini sudah dibatalkan."));
    }
    let mut am: letters::ActiveModel = letter.clone().into();
    am.status = Set(LetterStatus::Batal.as_str().into());
    am.void_reason = Set(Some(reason.into()));
    am.voided_by = Set(Some(act.name()));
    am.voided_at = Set(Some(act.now()));
    let letter = update_while(
        &txn,
        am,
        letters::Column::Status.ne(LetterStatus::Batal.as_str()),
        ("void_reason", "Surat ini sudah dibatalkan."),
    )
    .await?;
    act.record(
        &txn,
        Entry::new(
            "letter.void",
            "letter",
            id,
            serde_json::json!({ "nomor": letter.nomor, "reason": reason }),
        ),
    )
    .await?;
    txn.commit().await?;
    to_row(db, letter).await
}

/// Filters of the register.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct LetterQuery {
    pub tahun: Option<i32>,
    pub jenis: Option<Jenis>,
    pub status: Option<LetterStatus>,
    #[ts(type = "number | null")]
    pub case_id: Option<i64>,
}

/// The register, newest first (numbered letters by number).
pub async fn list(db: &impl ConnectionTrait, q: &LetterQuery) -> Result<Vec<LetterRow>> {
    let mut find = letters::Entity::find();
    if let Some(t) = q.tahun {
        find = find.filter(letters::Column::Tahun.eq(t));
    }
    if let Some(j) = q.jenis {
        find = find.filter(letters::Column::Jenis.eq(j.as_str()));
    }
    if let Some(s) = q.status {
        find = find.filter(letters::Column::Status.eq(s.as_str()));
    }
    if let Some(c) = q.case_id {
        let ids: Vec<i64> = letter_cases::Entity::find()
            .filter(letter_cases::Column::CaseId.eq(c))
            .all(db)
            .await?
            .into_iter()
            .map(|l| l.letter_id)
            .collect();
        find = find.filter(letters::Column::Id.is_in(ids));
    }
    let rows = find
        .order_by_desc(letters::Column::Tahun)
        .order_by_desc(letters::Column::Urut)
        .order_by_desc(letters::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(to_row(db, r).await?);
    }
    Ok(out)
}

/// Cases eligible for a collective recommendation of `jenis` from `instansi`:
/// complete files without a recommendation letter yet.
pub async fn eligible_cases(
    db: &impl ConnectionTrait,
    jenis: Jenis,
    instansi: &str,
) -> Result<Vec<LetterCase>> {
    let Some(l) = jenis.layanan() else {
        return Ok(vec![]);
    };
    let rows = cases::Entity::find()
        .filter(cases::Column::Layanan.eq(l.as_str()))
        .filter(cases::Column::Status.eq(Status::BerkasLengkap.as_str()))
        .order_by_asc(cases::Column::Id)
        .all(db)
        .await?;
    let mut out = vec![];
    for c in rows {
        let Some(a) = applicants::Entity::find_by_id(c.applicant_id)
            .one(db)
            .await?
        else {
            continue;
        };
        if a.instansi != instansi {
            continue;
        }
        let busy = has_live_letter(db, c.id, jenis).await?;
        if !busy {
            out.push(LetterCase {
                id: c.id,
                nomor: c.nomor,
                nama: a.nama,
            });
        }
    }
    Ok(out)
}
