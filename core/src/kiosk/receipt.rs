//! The kiosk's receipt: the registration number, what to bring, the promised
//! day and the number as a QR code for the desk's scanner.

use chrono::{DateTime, FixedOffset};
use qrcode::QrCode;
use qrcode::render::svg;
use sea_orm::ConnectionTrait;

use super::inbox::KioskReceipt;
use crate::calendar;
use crate::cases::requirements;
use crate::cases::vocabulary::Layanan;
use crate::letters::settings;
use crate::{Error, Result};

/// The receipt of a submission sealed under `nomor` at `now`.
pub async fn receipt(
    db: &impl ConnectionTrait,
    nomor: String,
    layanan: Layanan,
    now: DateTime<FixedOffset>,
) -> Result<KioskReceipt> {
    let days = settings::settings(db).await?.hari_kerja_layanan;
    let janji = match calendar::add_working_days(db, now.date_naive(), days).await {
        Ok(day) => Some(day),
        // A year the office has not entered holidays for: no promise printed.
        Err(Error::NoCalendar { .. }) => None,
        Err(e) => return Err(e),
    };
    Ok(KioskReceipt {
        persyaratan: requirements::requirements_for(db, layanan)
            .await?
            .into_iter()
            .map(|r| r.label)
            .collect(),
        janji,
        qr_svg: qr_svg(&nomor)?,
        nomor,
        layanan,
        diterima: now,
    })
}

/// The receipt as the kiosk prints it (see [`super::slip`]), under the
/// office's name from its letterhead settings.
pub async fn printed(db: &impl ConnectionTrait, receipt: &KioskReceipt) -> Result<Vec<u8>> {
    let office = settings::settings(db).await?.kop.dinas;
    super::slip::pdf(receipt, &office)
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
