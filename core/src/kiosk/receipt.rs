//! The kiosk's receipt: the registration number, what to bring, the promised
//! day and the number as a QR code for the desk's scanner.

use chrono::{DateTime, FixedOffset, NaiveDate};
use qrcode::QrCode;
use qrcode::render::svg;
use sea_orm::ConnectionTrait;
use serde::Serialize;
use ts_rs::TS;

use crate::cases::due;
use crate::catalogue;
use crate::lifecycle::vocabulary::Layanan;
use crate::{Error, Result};

/// What the applicant takes home.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct KioskReceipt {
    pub nomor: String,
    pub layanan: Layanan,
    #[ts(type = "string")]
    pub diterima: DateTime<FixedOffset>,
    /// What to bring to the counter: the service's checklist.
    pub persyaratan: Vec<String>,
    /// The promised day if the documents are complete at the counter today
    /// (the service's standard, counted in working time); `None` when the
    /// office's calendar does not cover it yet.
    #[ts(type = "string | null")]
    pub janji: Option<NaiveDate>,
    /// What the promise is counted from: "3 hari kerja sejak berkas
    /// lengkap, bila berkas lengkap hari ini".
    pub janji_dasar: String,
    /// What the service costs, as the standard says it (the service is free).
    pub biaya: String,
    /// The service hours in words, for coming back to the counter.
    pub jam_layanan: String,
    /// Where to complain: the channels and the complaints officer.
    pub pengaduan: String,
    /// The number as a QR code (SVG): scanned into the desk's search box it
    /// opens the case.
    pub qr_svg: String,
}

/// The receipt of a submission sealed under `nomor` at `now`.
pub async fn receipt(
    db: &impl ConnectionTrait,
    nomor: String,
    layanan: Layanan,
    now: DateTime<FixedOffset>,
) -> Result<KioskReceipt> {
    let p = due::promise(db, layanan, now.naive_local()).await?;
    Ok(KioskReceipt {
        persyaratan: catalogue::requirements_for(db, layanan)
            .await?
            .into_iter()
            .map(|r| r.label)
            .collect(),
        janji: p.janji.map(|t| t.date()),
        janji_dasar: format!("{}, bila berkas lengkap hari ini", p.dasar),
        biaya: crate::standard::keep::service(db, layanan).await?.biaya,
        jam_layanan: crate::calendar::hours::hours(db)
            .await?
            .printed(*now.offset()),
        pengaduan: due::complaint_text(db, layanan).await?,
        qr_svg: qr_svg(&nomor)?,
        nomor,
        layanan,
        diterima: now,
    })
}

/// `text` as a QR code in SVG, black on white with its quiet zone.
pub fn qr_svg(text: &str) -> Result<String> {
    let code = QrCode::new(text.as_bytes())
        .map_err(|e| Error::Unusable(format!("Kode QR tidak dapat dibuat: {e}")))?;
    Ok(code
        .render::<svg::Color<'_>>()
        .min_dimensions(200, 200)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build())
}
