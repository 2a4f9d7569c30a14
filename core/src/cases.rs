//! Cases (permohonan): one applicant asking for one of the four services, from
//! intake to the end, with its history, checklist, links to other cases and the
//! certificates it issues or revokes. Status names follow the desk's own words;
//! which action is allowed when is decided by [`flow`].

pub mod flow;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use rand::{CryptoRng, RngCore};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, ModelTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::applicants::{self, ApplicantInput, FieldReport, strip_separators};
use crate::audit::{self, Actor};
use crate::certificates::{self, CertificateRow};
use crate::entities::{applicants as applicant_rows, case_events, case_requirements, cases};
use crate::secrets::DataKey;
use crate::store;
use crate::{Error, Result};
use flow::Action;

/// The four services of the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Layanan {
    Penerbitan,
    Pembaruan,
    PerubahanData,
    Pencabutan,
}

/// Where a case's status stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Status {
    /// Received at the counter or kiosk; documents not yet checked.
    Diterima,
    /// Waiting on the applicant for missing documents (SLA clock paused).
    BerkasKurang,
    BerkasLengkap,
    RekomendasiTerbit,
    DiajukanAms,
    MenungguPemohon,
    MenungguBsre,
    Selesai,
    Ditolak,
    Dibatalkan,
}

/// Through which channel the application came.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Kanal {
    /// At the counter, typed by an operator.
    Loket,
    /// Filled in by the applicant at the kiosk.
    Kiosk,
    /// Self-registered through BKN's myASN; the desk only verifies.
    Myasn,
}

text_enum!(Layanan { Penerbitan => "penerbitan", Pembaruan => "pembaruan", PerubahanData => "perubahan_data", Pencabutan => "pencabutan" });
text_enum!(Status {
    Diterima => "diterima", BerkasKurang => "berkas_kurang", BerkasLengkap => "berkas_lengkap",
    RekomendasiTerbit => "rekomendasi_terbit", DiajukanAms => "diajukan_ams",
    MenungguPemohon => "menunggu_pemohon", MenungguBsre => "menunggu_bsre", Selesai => "selesai",
    Ditolak => "ditolak", Dibatalkan => "dibatalkan",
});
text_enum!(Kanal { Loket => "loket", Kiosk => "kiosk", Myasn => "myasn" });

/// Intake of a new penerbitan (first certificate).
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct NewPenerbitan {
    pub applicant: ApplicantInput,
    pub kanal: Kanal,
}

/// A case as lists show it: the NIK is masked.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CaseRow {
    #[ts(type = "number")]
    pub id: i64,
    pub nomor: String,
    pub layanan: Layanan,
    pub status: Status,
    pub kanal: Kanal,
    pub nama: String,
    pub nik_masked: String,
    pub nip: Option<String>,
    pub instansi: String,
    pub unit_kerja: String,
    /// RFC 3339 with offset.
    pub created_at: String,
}

/// One step of a case's history.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CaseEvent {
    pub at: String,
    pub actor: String,
    pub from_status: Option<Status>,
    pub to_status: Status,
    pub note: String,
}

/// One item of a case's checklist.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RequirementRow {
    pub code: String,
    pub label: String,
    pub wajib: bool,
    pub checked: bool,
    pub checked_by: Option<String>,
}

/// Another case linked to this one, and how.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct LinkedCase {
    #[ts(type = "number")]
    pub id: i64,
    pub nomor: String,
    pub layanan: Layanan,
    pub status: Status,
    /// `induk` (this case follows it), `lanjutan` (it follows this case) or `rantai` (same chain).
    pub relation: String,
}

/// A case with its applicant's contact data, history, checklist, links,
/// the applicant's certificates and what the desk may do next.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CaseDetail {
    pub case: CaseRow,
    #[ts(type = "number")]
    pub applicant_id: i64,
    pub email: String,
    pub telepon: String,
    pub jabatan: String,
    pub created_by: String,
    pub ams_ref: Option<String>,
    pub reason_code: Option<String>,
    pub reason_note: Option<String>,
    pub rejected_by: Option<Pihak>,
    pub revocation_reason: Option<RevocationReason>,
    pub events: Vec<CaseEvent>,
    pub requirements: Vec<RequirementRow>,
    pub actions: Vec<Action>,
    pub can_reopen: bool,
    /// The checklist can still be ticked (the file is being completed).
    pub checklist_editable: bool,
    /// The case is still open: documents can be attached.
    pub open: bool,
    pub linked: Vec<LinkedCase>,
    pub certificates: Vec<CertificateRow>,
    pub documents: Vec<crate::documents::DocumentRow>,
    /// The letter the case's status calls for and does not have yet.
    pub letter_to_draft: Option<crate::letters::Jenis>,
}

/// A search over cases: one box that understands a NIK, a NIP or a name.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct CaseQuery {
    pub q: String,
    pub status: Option<Status>,
    pub layanan: Option<Layanan>,
    /// Exact instansi (from [`organisations`]); empty for all.
    #[serde(default)]
    pub instansi: String,
    /// Exact unit kerja (from [`organisations`]); empty for all.
    #[serde(default)]
    pub unit_kerja: String,
    /// Received on or after this day (YYYY-MM-DD, the desk's local day); empty for no bound.
    #[serde(default)]
    pub dari: String,
    /// Received on or before this day (YYYY-MM-DD); empty for no bound.
    #[serde(default)]
    pub sampai: String,
    /// The desk's queue: only cases whose next step is the desk's own, oldest first.
    #[serde(default)]
    pub antrian: bool,
    /// Zero-based page.
    pub page: u32,
    pub per_page: u32,
}

/// What the search box was understood as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SearchKind {
    Semua,
    Nama,
    Nik,
    Nip,
}

/// One page of a case list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CasePage {
    pub items: Vec<CaseRow>,
    /// Matching cases, counted up to [`COUNT_CAP`]; see `total_capped`.
    #[ts(type = "number")]
    pub total: u64,
    /// More than `total` cases match: the count stopped at [`COUNT_CAP`].
    pub total_capped: bool,
    pub page: u32,
    pub per_page: u32,
    pub kind: SearchKind,
}

/// Most rows a page may hold.
pub const MAX_PER_PAGE: u32 = 200;

/// Whether the checklist may still change: only while the file is being completed.
pub fn checklist_editable(status: Status) -> bool {
    matches!(status, Status::Diterima | Status::BerkasKurang)
}

/// Statuses in which the next step is the desk's (not the applicant's or BSrE's):
/// what the operator's queue shows.
pub const DESK_TURN: [Status; 4] = [
    Status::Diterima,
    Status::BerkasLengkap,
    Status::RekomendasiTerbit,
    Status::DiajukanAms,
];

/// Lists count their matches up to this many: an exact count over a million
/// cases costs more than the page itself, and no one pages past it.
pub const COUNT_CAP: u64 = 1000;

/// Reads the search box: 16 digits is a NIK, 18 digits a NIP, anything else a
/// name prefix (case-insensitive); empty lists everything.
pub fn search_kind(q: &str) -> (SearchKind, String) {
    let digits = strip_separators(q);
    let all_digits = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit());
    match (all_digits, digits.len()) {
        (true, 16) => (SearchKind::Nik, digits),
        (true, 18) => (SearchKind::Nip, digits),
        _ if q.trim().is_empty() => (SearchKind::Semua, String::new()),
        _ => (SearchKind::Nama, applicants::search_name(q)),
    }
}

/// Checks an applicant for the intake form without saving: errors and warnings per field.
pub async fn review_applicant(
    db: &DatabaseConnection,
    input: &ApplicantInput,
    now: DateTime<FixedOffset>,
) -> Result<FieldReport> {
    Ok(applicants::check_with_db(db, input, now.date_naive())
        .await?
        .1)
}

/// Records a new applicant and opens a penerbitan case for them, in one
/// transaction with its history, checklist and audit entries.
pub async fn open_penerbitan(
    db: &DatabaseConnection,
    key: &DataKey,
    rng: &mut (impl RngCore + CryptoRng),
    actor: &Actor,
    now: DateTime<FixedOffset>,
    input: &NewPenerbitan,
) -> Result<CaseRow> {
    penerbitan(db, key, rng, actor, now, input, applicants::Audience::Desk).await
}

async fn penerbitan(
    db: &DatabaseConnection,
    key: &DataKey,
    rng: &mut (impl RngCore + CryptoRng),
    actor: &Actor,
    now: DateTime<FixedOffset>,
    input: &NewPenerbitan,
    audience: applicants::Audience,
) -> Result<CaseRow> {
    let now = audit::truncate_micros(now);
    let (valid, report) = applicants::check_with_db(db, &input.applicant, now.date_naive()).await?;
    let Some(valid) = valid else {
        return Err(Error::Invalid {
            message: "Data pemohon belum benar; tidak ada yang disimpan.".into(),
            fields: report.errors,
        });
    };
    let txn = store::begin_write(db).await?;
    let applicant = applicants::insert(&txn, key, rng, &valid, now, audience).await?;
    let case = insert_case(
        &txn,
        key,
        actor,
        now,
        NewCaseRow {
            applicant_id: applicant.id,
            layanan: Layanan::Penerbitan,
            kanal: input.kanal,
            parent_id: None,
            chain_id: None,
            revocation_reason: None,
            note: "Permohonan penerbitan diterima.".into(),
            warnings: report.warnings.keys().cloned().collect(),
        },
    )
    .await?;
    txn.commit().await?;
    row(case, &applicant)
}

/// An application submitted at the kiosk: the channel is the kiosk whatever
/// the form says, the applicant gets back only the registration number, and a
/// NIK already registered is refused without naming its holder.
pub async fn submit_from_kiosk(
    db: &DatabaseConnection,
    key: &DataKey,
    rng: &mut (impl RngCore + CryptoRng),
    actor: &Actor,
    now: DateTime<FixedOffset>,
    input: &NewPenerbitan,
) -> Result<String> {
    let input = NewPenerbitan {
        applicant: input.applicant.clone(),
        kanal: Kanal::Kiosk,
    };
    let row = penerbitan(
        db,
        key,
        rng,
        actor,
        now,
        &input,
        applicants::Audience::Public,
    )
    .await?;
    Ok(row.nomor)
}

/// Why a certificate is revoked: the desk's own reason and its RFC 5280 code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RevocationReason {
    /// Mutasi / pindah instansi.
    Mutasi,
    /// Pensiun, berhenti or meninggal.
    Pensiun,
    /// The passphrase or the key leaked.
    KunciBocor,
    /// Replaced after a data change.
    DataBerubah,
    Lainnya,
}

text_enum!(RevocationReason {
    Mutasi => "mutasi", Pensiun => "pensiun", KunciBocor => "kunci_bocor",
    DataBerubah => "data_berubah", Lainnya => "lainnya",
});

impl RevocationReason {
    /// The CRLReason code of RFC 5280 that BSrE records.
    pub fn rfc5280_code(self) -> i32 {
        match self {
            RevocationReason::KunciBocor => 1,
            RevocationReason::Mutasi => 3,
            RevocationReason::DataBerubah => 4,
            RevocationReason::Pensiun => 5,
            RevocationReason::Lainnya => 0,
        }
    }
}

/// A new case for an applicant already on record.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct OpenCase {
    #[ts(type = "number")]
    pub applicant_id: i64,
    pub layanan: Layanan,
    pub kanal: Kanal,
    /// Pencabutan only.
    pub revocation_reason: Option<RevocationReason>,
    /// Pembaruan only: the desk checked the applicant's data in AMS and nothing changed.
    pub data_dikonfirmasi: bool,
    pub note: String,
}

struct NewCaseRow {
    applicant_id: i64,
    layanan: Layanan,
    kanal: Kanal,
    parent_id: Option<i64>,
    chain_id: Option<i64>,
    revocation_reason: Option<RevocationReason>,
    note: String,
    warnings: Vec<String>,
}

/// Inserts a case with its registration number, first history step, checklist
/// and audit entry, inside the caller's write transaction.
async fn insert_case(
    txn: &DatabaseTransaction,
    key: &DataKey,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    new: NewCaseRow,
) -> Result<cases::Model> {
    let serial = store::next_counter(txn, &format!("registrasi/{}", now.year())).await?;
    let nomor = format!("REG-{}-{serial:05}", now.year());
    let case = cases::ActiveModel {
        nomor: Set(nomor.clone()),
        applicant_id: Set(new.applicant_id),
        layanan: Set(new.layanan.as_str().into()),
        status: Set(Status::Diterima.as_str().into()),
        kanal: Set(new.kanal.as_str().into()),
        created_by: Set(actor.name.clone()),
        created_at: Set(now),
        updated_at: Set(now),
        parent_id: Set(new.parent_id),
        chain_id: Set(new.chain_id),
        revocation_reason: Set(new.revocation_reason.map(|r| r.as_str().to_string())),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    case_events::ActiveModel {
        case_id: Set(case.id),
        at: Set(now),
        actor: Set(actor.name.clone()),
        from_status: Set(None),
        to_status: Set(Status::Diterima.as_str().into()),
        note: Set(new.note),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    for spec in requirements_for(txn, new.layanan).await? {
        case_requirements::ActiveModel {
            case_id: Set(case.id),
            code: Set(spec.code),
            label: Set(spec.label),
            wajib: Set(spec.wajib),
            checked: Set(false),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    audit::record(
        txn,
        key,
        actor,
        now,
        audit::Entry {
            action: "case.open",
            entity: "case",
            entity_id: case.id.to_string(),
            detail: serde_json::json!({
                "nomor": nomor,
                "layanan": new.layanan.as_str(),
                "applicant_id": new.applicant_id,
                "parent_id": new.parent_id,
                "chain_id": new.chain_id,
                "warnings": new.warnings,
            }),
        },
    )
    .await?;
    Ok(case)
}

/// One item of a service's requirements (persyaratan).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RequirementSpec {
    pub code: String,
    pub label: String,
    /// Required before the file can be marked complete; optional items may stay open.
    pub wajib: bool,
}

fn spec(code: &str, label: &str, wajib: bool) -> RequirementSpec {
    RequirementSpec {
        code: code.into(),
        label: label.into(),
        wajib,
    }
}

/// The requirements of the service standards in the seeds (Denpasar,
/// Pekalongan); an office overrides them with the setting `persyaratan.<layanan>`.
pub fn default_requirements(l: Layanan) -> Vec<RequirementSpec> {
    match l {
        Layanan::Penerbitan => vec![
            spec("surat_permohonan", "Surat permohonan", true),
            spec("ktp", "Foto KTP", true),
            spec("sk_pengangkatan", "SK pengangkatan", false),
        ],
        Layanan::Pembaruan => vec![
            spec("surat_permohonan", "Surat permohonan", true),
            spec(
                "rekomendasi_pendaftaran",
                "Surat Rekomendasi Pendaftaran sebelumnya",
                true,
            ),
        ],
        Layanan::PerubahanData => vec![
            spec("formulir_perubahan", "Formulir perubahan data", true),
            spec("dokumen_pendukung", "Dokumen pendukung perubahan", true),
        ],
        Layanan::Pencabutan => vec![
            spec("surat_permohonan", "Surat permohonan", true),
            spec(
                "rekomendasi_sebelumnya",
                "Surat Rekomendasi Pendaftaran/Pembaruan",
                true,
            ),
        ],
    }
}

/// The requirements the office configured for a service (or the defaults).
pub async fn requirements_for(
    db: &impl ConnectionTrait,
    l: Layanan,
) -> Result<Vec<RequirementSpec>> {
    let key = format!("persyaratan.{}", l.as_str());
    match store::setting(db, &key).await? {
        Some(json) => serde_json::from_str(&json)
            .map_err(|e| Error::Store(format!("Pengaturan {key} tidak terbaca: {e}"))),
        None => Ok(default_requirements(l)),
    }
}

/// A reason the desk may give for a rejection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RejectReason {
    pub code: String,
    pub label: String,
}

/// The rejection reasons the office uses: the setting `alasan_penolakan`
/// (a JSON list of `{code, label}`), or these defaults.
pub async fn reject_reasons(db: &impl ConnectionTrait) -> Result<Vec<RejectReason>> {
    if let Some(json) = store::setting(db, "alasan_penolakan").await? {
        return serde_json::from_str(&json)
            .map_err(|e| Error::Store(format!("Pengaturan alasan_penolakan tidak terbaca: {e}")));
    }
    Ok([
        (
            "berkas_tidak_lengkap",
            "Berkas tidak dilengkapi dalam batas waktu",
        ),
        ("data_tidak_sesuai", "Data tidak sesuai dengan dokumen"),
        ("bukan_pegawai", "Pemohon bukan ASN/pejabat instansi daerah"),
        ("verifikasi_bsre", "Tidak lolos verifikasi BSrE"),
        ("lainnya", "Lainnya (lihat catatan)"),
    ]
    .into_iter()
    .map(|(code, label)| RejectReason {
        code: code.into(),
        label: label.into(),
    })
    .collect())
}

/// Opens a case for an applicant on record. A perubahan data for an applicant
/// holding an active certificate opens the whole chain: the data change, the
/// revocation it requires (reason: data changed, RFC 5280 code 4) and the new
/// issuance. Returns the (first) case opened.
pub async fn open_case(
    db: &DatabaseConnection,
    key: &DataKey,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    input: &OpenCase,
) -> Result<CaseRow> {
    let now = audit::truncate_micros(now);
    let txn = store::begin_write(db).await?;
    let applicant = applicant_rows::Entity::find_by_id(input.applicant_id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound("Pemohon"))?;
    let open: Vec<cases::Model> = applicant
        .find_related(cases::Entity)
        .all(&txn)
        .await?
        .into_iter()
        .filter(|c| Status::parse(&c.status).is_some_and(|s| !flow::is_final(s)))
        .collect();
    if let Some(c) = open.iter().find(|c| c.layanan == input.layanan.as_str()) {
        return Err(Error::field(
            "layanan",
            format!(
                "Masih ada permohonan {} yang berjalan untuk pemohon ini.",
                c.nomor
            ),
        ));
    }
    let active = certificates::active(&txn, applicant.id, now.date_naive()).await?;
    match input.layanan {
        Layanan::Penerbitan if !active.is_empty() => {
            return Err(Error::field(
                "layanan",
                format!(
                    "Pemohon masih memegang sertifikat aktif sampai {}; gunakan layanan pembaruan.",
                    active[0].valid_to.format("%d-%m-%Y")
                ),
            ));
        }
        Layanan::Pembaruan if !input.data_dikonfirmasi => {
            return Err(Error::field(
                "data_dikonfirmasi",
                "Pastikan dulu data pemohon di AMS tidak berubah. Bila berubah, ajukan perubahan data.",
            ));
        }
        Layanan::Pencabutan if input.revocation_reason.is_none() => {
            return Err(Error::field(
                "revocation_reason",
                "Pilih alasan pencabutan.",
            ));
        }
        _ => {}
    }
    let note = match input.note.trim() {
        "" => format!("Permohonan {} diterima.", label(input.layanan)),
        n => n.to_string(),
    };
    let head = insert_case(
        &txn,
        key,
        actor,
        now,
        NewCaseRow {
            applicant_id: applicant.id,
            layanan: input.layanan,
            kanal: input.kanal,
            parent_id: None,
            chain_id: None,
            revocation_reason: input
                .revocation_reason
                .filter(|_| input.layanan == Layanan::Pencabutan),
            note,
            warnings: vec![],
        },
    )
    .await?;
    if input.layanan == Layanan::PerubahanData && !active.is_empty() {
        let mut head_am: cases::ActiveModel = head.clone().into();
        head_am.chain_id = Set(Some(head.id));
        head_am.update(&txn).await?;
        for (layanan, revocation, note) in [
            (
                Layanan::Pencabutan,
                Some(RevocationReason::DataBerubah),
                format!("Pencabutan karena perubahan data ({}).", head.nomor),
            ),
            (
                Layanan::Penerbitan,
                None,
                format!("Penerbitan baru setelah perubahan data ({}).", head.nomor),
            ),
        ] {
            insert_case(
                &txn,
                key,
                actor,
                now,
                NewCaseRow {
                    applicant_id: applicant.id,
                    layanan,
                    kanal: input.kanal,
                    parent_id: Some(head.id),
                    chain_id: Some(head.id),
                    revocation_reason: revocation,
                    note,
                    warnings: vec![],
                },
            )
            .await?;
        }
    }
    let head = cases::Entity::find_by_id(head.id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound("Permohonan"))?;
    txn.commit().await?;
    row(head, &applicant)
}

fn label(l: Layanan) -> &'static str {
    match l {
        Layanan::Penerbitan => "penerbitan",
        Layanan::Pembaruan => "pembaruan",
        Layanan::PerubahanData => "perubahan data",
        Layanan::Pencabutan => "pencabutan",
    }
}

/// Who rejected a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Pihak {
    Dinas,
    Bsre,
}

text_enum!(Pihak { Dinas => "dinas", Bsre => "bsre" });

/// What the desk sends to move a case on. Fields beyond `action` and `note`
/// are needed by some actions only.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct TransitionInput {
    pub action: Option<Action>,
    pub note: String,
    /// AjukanAms: the reference AMS shows for the submission.
    pub ams_ref: String,
    /// Tolak: a code from the rejection reasons.
    pub reason_code: String,
    /// Tolak: who rejected.
    pub rejected_by: Option<Pihak>,
    /// Selesai of a penerbitan or pembaruan: the certificate's validity (YYYY-MM-DD).
    pub valid_from: String,
    pub valid_to: String,
    /// Selesai: the certificate's serial number, if BSrE's notice gives it.
    pub serial: String,
}

fn parse_date(field: &str, label: &str, s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        Error::field(
            field,
            format!("{label} wajib diisi dengan tanggal yang benar."),
        )
    })
}

/// Moves a case on by one action, with its history, its effects on the
/// certificate registry and its audit entry in one transaction. An action the
/// rules do not allow for the case's service and status is refused.
pub async fn transition(
    db: &DatabaseConnection,
    key: &DataKey,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    case_id: i64,
    input: &TransitionInput,
) -> Result<CaseDetail> {
    let now = audit::truncate_micros(now);
    let txn = store::begin_write(db).await?;
    apply_transition(&txn, key, actor, now, case_id, input).await?;
    txn.commit().await?;
    get_case(db, case_id, now.date_naive()).await
}

/// [`transition`] inside the caller's write transaction (a letter's issue moves
/// its cases on in the same transaction that numbers it).
pub(crate) async fn apply_transition(
    txn: &DatabaseTransaction,
    key: &DataKey,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    case_id: i64,
    input: &TransitionInput,
) -> Result<()> {
    let action = input
        .action
        .ok_or_else(|| Error::field("action", "Pilih tindakan."))?;
    let case = cases::Entity::find_by_id(case_id)
        .one(txn)
        .await?
        .ok_or(Error::NotFound("Permohonan"))?;
    let (layanan, from) = parsed(&case)?;
    let Some(to) = flow::next(layanan, from, action) else {
        return Err(Error::field(
            "action",
            format!(
                "Tindakan ini tidak berlaku untuk permohonan {} berstatus {}.",
                label(layanan),
                from.as_str().replace('_', " ")
            ),
        ));
    };
    let note = input.note.trim().to_string();
    let mut am: cases::ActiveModel = case.clone().into();
    match action {
        Action::BerkasKurang | Action::Batalkan if note.is_empty() => {
            let what = if action == Action::BerkasKurang {
                "Tuliskan berkas apa yang kurang."
            } else {
                "Tuliskan alasan pembatalan."
            };
            return Err(Error::field("note", what));
        }
        Action::BerkasLengkap => {
            let missing: Vec<String> = case_requirements::Entity::find()
                .filter(case_requirements::Column::CaseId.eq(case.id))
                .all(txn)
                .await?
                .into_iter()
                .filter(|r| r.wajib && !r.checked)
                .map(|r| r.label)
                .collect();
            if !missing.is_empty() {
                return Err(Error::field(
                    "requirements",
                    format!("Persyaratan belum lengkap: {}.", missing.join(", ")),
                ));
            }
        }
        Action::AjukanAms => {
            let r = input.ams_ref.trim();
            if r.is_empty() {
                return Err(Error::field(
                    "ams_ref",
                    "Isi nomor/referensi pengajuan di AMS.",
                ));
            }
            am.ams_ref = Set(Some(r.to_string()));
            am.ams_at = Set(Some(now));
        }
        Action::Tolak => {
            let reasons = reject_reasons(txn).await?;
            let Some(reason) = reasons.iter().find(|r| r.code == input.reason_code) else {
                return Err(Error::field("reason_code", "Pilih alasan penolakan."));
            };
            let Some(by) = input.rejected_by else {
                return Err(Error::field("rejected_by", "Pilih siapa yang menolak."));
            };
            if reason.code == "lainnya" && note.is_empty() {
                return Err(Error::field("note", "Tuliskan alasan penolakan."));
            }
            am.reason_code = Set(Some(reason.code.clone()));
            am.reason_note = Set(Some(note.clone()));
            am.rejected_by = Set(Some(by.as_str().into()));
        }
        Action::Selesai => {
            finish(txn, key, actor, now, &case, layanan, input).await?;
        }
        _ => {}
    }
    am.status = Set(to.as_str().into());
    am.updated_at = Set(now);
    if flow::is_final(to) {
        am.closed_at = Set(Some(now));
    }
    am.update(txn).await?;
    case_events::ActiveModel {
        case_id: Set(case.id),
        at: Set(now),
        actor: Set(actor.name.clone()),
        from_status: Set(Some(from.as_str().into())),
        to_status: Set(to.as_str().into()),
        note: Set(note),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    audit::record(
        txn,
        key,
        actor,
        now,
        audit::Entry {
            action: "case.transition",
            entity: "case",
            entity_id: case.id.to_string(),
            detail: serde_json::json!({
                "nomor": case.nomor,
                "action": action,
                "from": from.as_str(),
                "to": to.as_str(),
                "ams_ref": input.ams_ref.trim(),
                "reason_code": input.reason_code,
            }),
        },
    )
    .await?;
    Ok(())
}

/// The effects of a finished case on the certificate registry.
async fn finish(
    txn: &DatabaseTransaction,
    key: &DataKey,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    case: &cases::Model,
    layanan: Layanan,
    input: &TransitionInput,
) -> Result<()> {
    match layanan {
        Layanan::Penerbitan | Layanan::Pembaruan => {
            let from = parse_date("valid_from", "Berlaku mulai", &input.valid_from)?;
            let to = parse_date("valid_to", "Berlaku sampai", &input.valid_to)?;
            if to <= from {
                return Err(Error::field(
                    "valid_to",
                    "Tanggal berakhir harus sesudah tanggal mulai berlaku.",
                ));
            }
            certificates::issue(
                txn,
                key,
                actor,
                now,
                case,
                &certificates::Validity {
                    from,
                    to,
                    serial: input.serial.trim(),
                },
            )
            .await
        }
        Layanan::Pencabutan => {
            let reason = case
                .revocation_reason
                .as_deref()
                .and_then(RevocationReason::parse)
                .unwrap_or(RevocationReason::Lainnya);
            certificates::revoke_all(txn, key, actor, now, case, reason).await
        }
        Layanan::PerubahanData => Ok(()),
    }
}

/// Ticks or unticks one item of a case's checklist.
pub async fn check_requirement(
    db: &DatabaseConnection,
    key: &DataKey,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    case_id: i64,
    code: &str,
    checked: bool,
) -> Result<CaseDetail> {
    let now = audit::truncate_micros(now);
    let txn = store::begin_write(db).await?;
    let case = cases::Entity::find_by_id(case_id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound("Permohonan"))?;
    let (_, status) = parsed(&case)?;
    if !checklist_editable(status) {
        return Err(Error::field(
            "requirements",
            "Persyaratan hanya dapat diubah sebelum berkas dinyatakan lengkap.",
        ));
    }
    let item = case_requirements::Entity::find()
        .filter(case_requirements::Column::CaseId.eq(case_id))
        .filter(case_requirements::Column::Code.eq(code))
        .one(&txn)
        .await?
        .ok_or(Error::NotFound("Persyaratan"))?;
    tick(&txn, item, checked, actor, now).await?;
    audit::record(
        &txn,
        key,
        actor,
        now,
        audit::Entry {
            action: "case.requirement",
            entity: "case",
            entity_id: case_id.to_string(),
            detail: serde_json::json!({ "nomor": case.nomor, "code": code, "checked": checked }),
        },
    )
    .await?;
    txn.commit().await?;
    get_case(db, case_id, now.date_naive()).await
}

/// Sets one checklist item (inside the caller's transaction), with who and when.
pub(crate) async fn tick(
    txn: &DatabaseTransaction,
    item: case_requirements::Model,
    checked: bool,
    actor: &Actor,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    let mut am: case_requirements::ActiveModel = item.into();
    am.checked = Set(checked);
    am.checked_by = Set(checked.then(|| actor.name.clone()));
    am.checked_at = Set(checked.then_some(now));
    am.update(txn).await?;
    Ok(())
}

/// Re-opens a rejected case as a new case of the same service, linked to it.
pub async fn reopen(
    db: &DatabaseConnection,
    key: &DataKey,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    case_id: i64,
) -> Result<CaseRow> {
    let now = audit::truncate_micros(now);
    let txn = store::begin_write(db).await?;
    let (old, applicant) = cases::Entity::find_by_id(case_id)
        .find_also_related(applicant_rows::Entity)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound("Permohonan"))?;
    let applicant = applicant.ok_or(Error::NotFound("Pemohon"))?;
    let (layanan, status) = parsed(&old)?;
    if status != Status::Ditolak {
        return Err(Error::field(
            "action",
            "Hanya permohonan yang ditolak yang dapat diajukan kembali.",
        ));
    }
    let kanal = Kanal::parse(&old.kanal).unwrap_or(Kanal::Loket);
    let case = insert_case(
        &txn,
        key,
        actor,
        now,
        NewCaseRow {
            applicant_id: old.applicant_id,
            layanan,
            kanal,
            parent_id: Some(old.id),
            chain_id: old.chain_id,
            revocation_reason: old
                .revocation_reason
                .as_deref()
                .and_then(RevocationReason::parse),
            note: format!("Diajukan kembali setelah {} ditolak.", old.nomor),
            warnings: vec![],
        },
    )
    .await?;
    txn.commit().await?;
    row(case, &applicant)
}

fn unknown(c: &cases::Model) -> Error {
    Error::Store(format!("Data permohonan {} tidak dikenali.", c.nomor))
}

fn parsed(c: &cases::Model) -> Result<(Layanan, Status)> {
    Ok((
        Layanan::parse(&c.layanan).ok_or_else(|| unknown(c))?,
        Status::parse(&c.status).ok_or_else(|| unknown(c))?,
    ))
}

fn row(c: cases::Model, a: &applicant_rows::Model) -> Result<CaseRow> {
    let (layanan, status) = parsed(&c)?;
    Ok(CaseRow {
        layanan,
        status,
        kanal: Kanal::parse(&c.kanal).ok_or_else(|| unknown(&c))?,
        id: c.id,
        nomor: c.nomor,
        nama: a.nama.clone(),
        nik_masked: a.nik_masked.clone(),
        nip: a.nip.clone(),
        instansi: a.instansi.clone(),
        unit_kerja: a.unit_kerja.clone(),
        created_at: c.created_at.to_rfc3339(),
    })
}

/// One page of cases matching the search box and filters, newest first (the
/// queue oldest first, names alphabetically). Day bounds are read in `tz`, the
/// desk's offset.
pub async fn list_cases(
    db: &DatabaseConnection,
    key: &DataKey,
    query: &CaseQuery,
    tz: FixedOffset,
) -> Result<CasePage> {
    let per_page = query.per_page.clamp(1, MAX_PER_PAGE);
    let (kind, term) = search_kind(&query.q);
    let mut select = cases::Entity::find().find_also_related(applicant_rows::Entity);
    select = match kind {
        SearchKind::Semua => select,
        SearchKind::Nik => {
            select.filter(applicant_rows::Column::NikIndex.eq(key.blind_index("nik", &term)))
        }
        SearchKind::Nip => select.filter(applicant_rows::Column::Nip.eq(term)),
        // A range on the lowercased name uses the index on every backend,
        // unlike LIKE, whose index use depends on collation settings.
        SearchKind::Nama => select
            .filter(applicant_rows::Column::NamaCari.gte(term.clone()))
            .filter(applicant_rows::Column::NamaCari.lt(format!("{term}\u{10FFFF}"))),
    };
    if let Some(status) = query.status {
        select = select.filter(cases::Column::Status.eq(status.as_str()));
    }
    if let Some(layanan) = query.layanan {
        select = select.filter(cases::Column::Layanan.eq(layanan.as_str()));
    }
    if !query.instansi.trim().is_empty() {
        select = select.filter(applicant_rows::Column::Instansi.eq(query.instansi.trim()));
    }
    if !query.unit_kerja.trim().is_empty() {
        select = select.filter(applicant_rows::Column::UnitKerja.eq(query.unit_kerja.trim()));
    }
    if let Some(from) = day_start("dari", &query.dari, tz, 0)? {
        select = select.filter(cases::Column::CreatedAt.gte(from));
    }
    if let Some(until) = day_start("sampai", &query.sampai, tz, 1)? {
        select = select.filter(cases::Column::CreatedAt.lt(until));
    }
    if query.antrian {
        select = select.filter(
            cases::Column::Status.is_in(DESK_TURN.iter().map(|s| s.as_str()).collect::<Vec<_>>()),
        );
    }
    let (total, total_capped) = count_capped(db, &select).await?;
    // Names read alphabetically, so the name index is walked in order and the
    // scan stops at the page; everything else newest first.
    if kind == SearchKind::Nama {
        select = select.order_by_asc(applicant_rows::Column::NamaCari);
    }
    let select = if query.antrian {
        select.order_by_asc(cases::Column::Id)
    } else {
        select.order_by_desc(cases::Column::Id)
    };
    let rows = select
        .limit(u64::from(per_page))
        .offset(u64::from(query.page) * u64::from(per_page))
        .all(db)
        .await?;
    let mut items = Vec::with_capacity(rows.len());
    for (c, a) in rows {
        let a = a.ok_or(Error::NotFound("Pemohon"))?;
        items.push(row(c, &a)?);
    }
    Ok(CasePage {
        items,
        total,
        total_capped,
        page: query.page,
        per_page,
        kind,
    })
}

/// The start of a local day (plus `add_days`) in the desk's offset, from a
/// `YYYY-MM-DD` text; empty text is no bound.
fn day_start(
    field: &str,
    text: &str,
    tz: FixedOffset,
    add_days: i64,
) -> Result<Option<DateTime<FixedOffset>>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let day = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Error::field(field, "Tanggal tidak valid (TTTT-BB-HH)."))?
        + chrono::Duration::days(add_days);
    let start = day
        .and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(tz).single())
        .ok_or_else(|| Error::field(field, "Tanggal tidak valid."))?;
    Ok(Some(start))
}

/// The instansi and unit kerja on record, for the list filters.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Organisations {
    pub instansi: Vec<String>,
    pub unit_kerja: Vec<String>,
}

/// Every distinct instansi and unit kerja, alphabetically.
pub async fn organisations(db: &DatabaseConnection) -> Result<Organisations> {
    let distinct = |col: applicant_rows::Column| {
        applicant_rows::Entity::find()
            .select_only()
            .column(col)
            .distinct()
            .order_by_asc(col)
            .into_tuple::<String>()
            .all(db)
    };
    Ok(Organisations {
        instansi: distinct(applicant_rows::Column::Instansi).await?,
        unit_kerja: distinct(applicant_rows::Column::UnitKerja).await?,
    })
}

/// Counts the matches of `select` up to [`COUNT_CAP`] (and says whether there are more).
async fn count_capped(
    db: &DatabaseConnection,
    select: &sea_orm::SelectTwo<cases::Entity, applicant_rows::Entity>,
) -> Result<(u64, bool)> {
    use sea_orm::sea_query::{Alias, Expr, Query};
    let inner = select
        .clone()
        .select_only()
        .column(cases::Column::Id)
        .limit(COUNT_CAP + 1)
        .into_query();
    let count = Query::select()
        .expr(Expr::cust("count(*)"))
        .from_subquery(inner, Alias::new("matches"))
        .to_owned();
    let n: i64 = db
        .query_one(&count)
        .await?
        .map(|r| r.try_get_by_index::<i64>(0))
        .transpose()?
        .unwrap_or(0);
    let n = n.max(0) as u64;
    Ok((n.min(COUNT_CAP), n > COUNT_CAP))
}

/// A case with everything its page shows; history oldest step first.
pub async fn get_case(db: &impl ConnectionTrait, id: i64, today: NaiveDate) -> Result<CaseDetail> {
    let (c, a) = cases::Entity::find_by_id(id)
        .find_also_related(applicant_rows::Entity)
        .one(db)
        .await?
        .ok_or(Error::NotFound("Permohonan"))?;
    let a = a.ok_or(Error::NotFound("Pemohon"))?;
    let (layanan, status) = parsed(&c)?;
    let events = c
        .find_related(case_events::Entity)
        .order_by_asc(case_events::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|e| {
            Ok(CaseEvent {
                at: e.at.to_rfc3339(),
                actor: e.actor,
                from_status: e.from_status.as_deref().and_then(Status::parse),
                to_status: Status::parse(&e.to_status).ok_or(Error::NotFound("Status"))?,
                note: e.note,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let requirements = case_requirements::Entity::find()
        .filter(case_requirements::Column::CaseId.eq(c.id))
        .order_by_asc(case_requirements::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| RequirementRow {
            code: r.code,
            label: r.label,
            wajib: r.wajib,
            checked: r.checked,
            checked_by: r.checked_by,
        })
        .collect();
    let mut linked = Vec::new();
    let related = cases::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(cases::Column::Id.eq(c.parent_id.unwrap_or(-1)))
                .add(cases::Column::ParentId.eq(c.id))
                .add(cases::Column::ChainId.eq(c.chain_id.unwrap_or(-1))),
        )
        .order_by_asc(cases::Column::Id)
        .all(db)
        .await?;
    for other in related.into_iter().filter(|o| o.id != c.id) {
        let (l, s) = parsed(&other)?;
        let relation = if Some(other.id) == c.parent_id {
            "induk"
        } else if other.parent_id == Some(c.id) {
            "lanjutan"
        } else {
            "rantai"
        };
        linked.push(LinkedCase {
            id: other.id,
            nomor: other.nomor,
            layanan: l,
            status: s,
            relation: relation.into(),
        });
    }
    let certificates = certificates::of_applicant(db, a.id, today).await?;
    let documents = crate::documents::of_case(db, c.id).await?;
    let letter_to_draft = crate::letters::to_draft(db, c.id, layanan, status).await?;
    Ok(CaseDetail {
        applicant_id: a.id,
        email: a.email.clone(),
        telepon: a.telepon.clone(),
        jabatan: a.jabatan.clone(),
        created_by: c.created_by.clone(),
        ams_ref: c.ams_ref.clone(),
        reason_code: c.reason_code.clone(),
        reason_note: c.reason_note.clone(),
        rejected_by: c.rejected_by.as_deref().and_then(Pihak::parse),
        revocation_reason: c
            .revocation_reason
            .as_deref()
            .and_then(RevocationReason::parse),
        actions: flow::actions(layanan, status),
        can_reopen: status == Status::Ditolak,
        checklist_editable: checklist_editable(status),
        open: !flow::is_final(status),
        case: row(c, &a)?,
        events,
        requirements,
        linked,
        certificates,
        documents,
        letter_to_draft,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_box_tells_nik_nip_and_name_apart() {
        assert_eq!(search_kind("5171 0110 0890 0001").0, SearchKind::Nik);
        assert_eq!(search_kind("196711101992031001").0, SearchKind::Nip);
        assert_eq!(search_kind("  I Made ").1, "i made");
        assert_eq!(search_kind("").0, SearchKind::Semua);
        assert_eq!(
            search_kind("12345").0,
            SearchKind::Nama,
            "a short number is not an id"
        );
    }

    #[test]
    fn stored_texts_round_trip() {
        for s in [
            Status::Diterima,
            Status::BerkasKurang,
            Status::MenungguBsre,
            Status::Dibatalkan,
        ] {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        assert_eq!(
            Layanan::parse("perubahan_data"),
            Some(Layanan::PerubahanData)
        );
        assert_eq!(Kanal::parse("myasn"), Some(Kanal::Myasn));
    }
}
