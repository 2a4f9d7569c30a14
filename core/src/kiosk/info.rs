//! What the kiosk's welcome screen tells an applicant about each service,
//! from the office's settings, not written into the screen: the requirements
//! (the service's checklist), how many working days it takes, what it costs
//! and where to complain.

use sea_orm::ConnectionTrait;
use serde::Serialize;
use ts_rs::TS;

use crate::cases::requirements;
use crate::cases::vocabulary::Layanan;
use crate::letters::settings;
use crate::{Result, store};

/// Setting: what a service costs the applicant, as the kiosk says it.
pub const SETTING_COST: &str = "kiosk_biaya";
/// Setting: where an applicant can complain, as the kiosk says it.
pub const SETTING_COMPLAINTS: &str = "kiosk_pengaduan";

/// The published service standards charge nothing at the Dinas.
const DEFAULT_COST: &str = "Tidak dipungut biaya.";
const DEFAULT_COMPLAINTS: &str = "Sampaikan kepada petugas loket. Bila belum selesai, pengaduan \
     diteruskan kepada pejabat pengaduan Dinas; dapat juga melalui LAPOR! (lapor.go.id).";

/// One service as the kiosk presents it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ServiceInfo {
    pub layanan: Layanan,
    /// The checklist's items, as the desk will check them.
    pub persyaratan: Vec<String>,
    /// The service's promise in working days.
    pub hari_kerja: u32,
    pub biaya: String,
    pub pengaduan: String,
}

/// The four services with their requirements, time, cost and complaint channel.
pub async fn services(db: &impl ConnectionTrait) -> Result<Vec<ServiceInfo>> {
    let days = settings::settings(db).await?.hari_kerja_layanan;
    let cost = store::setting(db, SETTING_COST)
        .await?
        .unwrap_or_else(|| DEFAULT_COST.into());
    let complaints = store::setting(db, SETTING_COMPLAINTS)
        .await?
        .unwrap_or_else(|| DEFAULT_COMPLAINTS.into());
    let mut out = Vec::new();
    for layanan in [
        Layanan::Penerbitan,
        Layanan::Pembaruan,
        Layanan::PerubahanData,
        Layanan::Pencabutan,
    ] {
        out.push(ServiceInfo {
            layanan,
            persyaratan: requirements::requirements_for(db, layanan)
                .await?
                .into_iter()
                .map(|r| r.label)
                .collect(),
            hari_kerja: days,
            biaya: cost.clone(),
            pengaduan: complaints.clone(),
        });
    }
    Ok(out)
}
