//! What the kiosk's welcome screen tells an applicant about each service,
//! from the office's Standar Pelayanan, not written into the screen: the
//! requirements (the service's checklist), how many working days it takes
//! and from when, what it costs, the service hours and where to complain
//! (the channels and the complaints officer).

use sea_orm::ConnectionTrait;
use serde::Serialize;
use ts_rs::TS;

use crate::Result;
use crate::calendar::hours;
use crate::catalogue;
use crate::lifecycle::vocabulary::Layanan;
use crate::standard::{keep, model};

/// One service as the kiosk presents it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ServiceInfo {
    pub layanan: Layanan,
    /// The checklist's items, as the desk will check them.
    pub persyaratan: Vec<String>,
    /// The service's promise in working days.
    pub hari_kerja: u32,
    /// The standard's jangka waktu in words (from when, what does not count, the hours).
    pub jangka_waktu: String,
    pub biaya: String,
    pub pengaduan: String,
}

/// The four services with their requirements, time, cost and complaint channel.
/// `tz`: the desk's time zone, printed with the hours.
pub async fn services(
    db: &impl ConnectionTrait,
    tz: chrono::FixedOffset,
) -> Result<Vec<ServiceInfo>> {
    let std = keep::standard(db).await?;
    let hours = hours::hours(db).await?.printed(tz);
    let mut out = Vec::new();
    for s in &std.layanan {
        out.push(ServiceInfo {
            layanan: s.layanan,
            persyaratan: catalogue::requirements_for(db, s.layanan)
                .await?
                .into_iter()
                .map(|r| r.label)
                .collect(),
            hari_kerja: s.hari_kerja,
            jangka_waktu: model::time_text(s, &hours),
            biaya: s.biaya.clone(),
            pengaduan: model::complaint_text(s, &std.pejabat_pengaduan),
        });
    }
    Ok(out)
}
