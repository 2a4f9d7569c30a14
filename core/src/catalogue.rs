//! The office's catalogue: what each service asks the applicant to bring
//! (persyaratan) and the reasons the desk may give for a rejection. Both
//! default to the service standards Loket starts from and are overridden by
//! the office's settings. A case copies its service's list when it opens
//! (`cases::checklist`) and keeps it.

use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{Acting, Entry};
use crate::error::to_json;
use crate::lifecycle::vocabulary::Layanan;
use crate::{Error, Result, store};

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

/// The requirements of the service standards Loket starts from (Denpasar,
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

/// A JSON setting, or `None` when it is not set; unreadable JSON is an error.
async fn json_setting<T: serde::de::DeserializeOwned>(
    db: &impl ConnectionTrait,
    key: &str,
) -> Result<Option<T>> {
    match store::setting(db, key).await? {
        Some(json) => serde_json::from_str(&json)
            .map(Some)
            .map_err(|e| Error::setting(key, e)),
        None => Ok(None),
    }
}

/// The requirements the office configured for a service (or the defaults).
pub async fn requirements_for(
    db: &impl ConnectionTrait,
    l: Layanan,
) -> Result<Vec<RequirementSpec>> {
    let key = format!("persyaratan.{}", l.as_str());
    Ok(json_setting(db, &key)
        .await?
        .unwrap_or_else(|| default_requirements(l)))
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
    if let Some(list) = json_setting(db, "alasan_penolakan").await? {
        return Ok(list);
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

/// The checklist of each service and the rejection reasons, as the admin
/// screen edits them. A case keeps the checklist it opened with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct CatalogueSettings {
    pub penerbitan: Vec<RequirementSpec>,
    pub pembaruan: Vec<RequirementSpec>,
    pub perubahan_data: Vec<RequirementSpec>,
    pub pencabutan: Vec<RequirementSpec>,
    pub alasan_penolakan: Vec<RejectReason>,
}

/// The checklists and rejection reasons in force.
pub async fn catalogue(db: &impl ConnectionTrait) -> Result<CatalogueSettings> {
    Ok(CatalogueSettings {
        penerbitan: requirements_for(db, Layanan::Penerbitan).await?,
        pembaruan: requirements_for(db, Layanan::Pembaruan).await?,
        perubahan_data: requirements_for(db, Layanan::PerubahanData).await?,
        pencabutan: requirements_for(db, Layanan::Pencabutan).await?,
        alasan_penolakan: reject_reasons(db).await?,
    })
}

fn check_code(
    fields: &mut std::collections::BTreeMap<String, String>,
    key: String,
    code: &str,
    seen: &mut std::collections::BTreeSet<String>,
) {
    let ok = !code.is_empty()
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !ok {
        fields.insert(
            key,
            "Kode: huruf kecil, angka atau garis bawah (misalnya surat_permohonan).".into(),
        );
    } else if !seen.insert(code.to_string()) {
        fields.insert(key, "Kode ini sudah dipakai di daftar yang sama.".into());
    }
}

/// Checks the catalogue; every problem is named next to its row
/// (`penerbitan.0.label`, `alasan_penolakan.2.code`, ...). A service may have
/// no requirement at all (seed 004 lists none for a renewal); the rejection
/// reasons may not be empty.
pub fn check_catalogue(c: &CatalogueSettings) -> Result<()> {
    let mut f = std::collections::BTreeMap::new();
    for (name, list) in [
        ("penerbitan", &c.penerbitan),
        ("pembaruan", &c.pembaruan),
        ("perubahan_data", &c.perubahan_data),
        ("pencabutan", &c.pencabutan),
    ] {
        let mut seen = std::collections::BTreeSet::new();
        for (i, r) in list.iter().enumerate() {
            check_code(&mut f, format!("{name}.{i}.code"), r.code.trim(), &mut seen);
            if r.label.trim().is_empty() {
                f.insert(format!("{name}.{i}.label"), "Isi nama persyaratan.".into());
            } else if let Err(m) = crate::text::line(&r.label, "Nama persyaratan", 200) {
                f.insert(format!("{name}.{i}.label"), m);
            }
        }
    }
    if c.alasan_penolakan.is_empty() {
        f.insert(
            "alasan_penolakan".into(),
            "Isi sedikitnya satu alasan penolakan.".into(),
        );
    }
    let mut seen = std::collections::BTreeSet::new();
    for (i, r) in c.alasan_penolakan.iter().enumerate() {
        check_code(
            &mut f,
            format!("alasan_penolakan.{i}.code"),
            r.code.trim(),
            &mut seen,
        );
        if r.label.trim().is_empty() {
            f.insert(
                format!("alasan_penolakan.{i}.label"),
                "Isi alasannya.".into(),
            );
        } else if let Err(m) = crate::text::line(&r.label, "Alasan", 300) {
            f.insert(format!("alasan_penolakan.{i}.label"), m);
        }
    }
    Error::fields(f)
}

/// Saves the catalogue (checked first) in one transaction with its audit entry.
pub async fn save_catalogue(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    c: &CatalogueSettings,
) -> Result<CatalogueSettings> {
    check_catalogue(c)?;
    let trim_specs = |l: &[RequirementSpec]| -> Vec<RequirementSpec> {
        l.iter()
            .map(|r| spec(r.code.trim(), r.label.trim(), r.wajib))
            .collect()
    };
    let clean = CatalogueSettings {
        penerbitan: trim_specs(&c.penerbitan),
        pembaruan: trim_specs(&c.pembaruan),
        perubahan_data: trim_specs(&c.perubahan_data),
        pencabutan: trim_specs(&c.pencabutan),
        alasan_penolakan: c
            .alasan_penolakan
            .iter()
            .map(|r| RejectReason {
                code: r.code.trim().into(),
                label: r.label.trim().into(),
            })
            .collect(),
    };
    let txn = store::begin_write(db).await?;
    for (l, list) in [
        (Layanan::Penerbitan, &clean.penerbitan),
        (Layanan::Pembaruan, &clean.pembaruan),
        (Layanan::PerubahanData, &clean.perubahan_data),
        (Layanan::Pencabutan, &clean.pencabutan),
    ] {
        store::set_setting(
            &txn,
            act.key(),
            &format!("persyaratan.{}", l.as_str()),
            &to_json(list)?,
        )
        .await?;
    }
    store::set_setting(
        &txn,
        act.key(),
        "alasan_penolakan",
        &to_json(&clean.alasan_penolakan)?,
    )
    .await?;
    act.record(
        &txn,
        Entry::new(
            "settings.catalogue",
            "setting",
            "persyaratan",
            serde_json::json!({
                "penerbitan": clean.penerbitan.len(), "pembaruan": clean.pembaruan.len(),
                "perubahan_data": clean.perubahan_data.len(),
                "pencabutan": clean.pencabutan.len(),
                "alasan_penolakan": clean.alasan_penolakan.len(),
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(clean)
}
