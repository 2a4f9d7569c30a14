//! The office's identity on everything it prints: the letterhead (kop
//! surat), the people who sign, and the letterhead's logo (setting
//! `surat.logo`, a small JPEG). The letterhead and the signatories are kept
//! in the letter setting (`surat`, see [`super::settings`]) and checked with
//! it; the logo has its own setting.

use base64::Engine as _;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{Acting, Entry};
use crate::error::to_json;
use crate::files::{self, Mime};
use crate::{Error, Result, store};

/// The letterhead (kop surat).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Kop {
    pub pemerintah: String,
    pub dinas: String,
    pub alamat: String,
    pub telepon: String,
    pub laman: String,
    pub email: String,
}

/// A person who signs letters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Penandatangan {
    pub jabatan: String,
    pub nama: String,
    pub pangkat: String,
    pub nip: String,
}

/// The logo's setting key.
pub const SETTING_LOGO: &str = "surat.logo";

/// The stored logo: a JPEG with its pixel size.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredLogo {
    jpeg: String,
    width: u32,
    height: u32,
}

/// Sets the letterhead logo from a PNG or JPEG (stored as a small JPEG).
pub async fn set_logo(db: &DatabaseConnection, act: &Acting<'_>, bytes: &[u8]) -> Result<()> {
    let format = match files::sniff(bytes)? {
        Mime::Jpeg => image::ImageFormat::Jpeg,
        Mime::Png => image::ImageFormat::Png,
        Mime::Pdf => {
            return Err(Error::field(
                "file",
                "Logo harus berupa gambar PNG atau JPEG.",
            ));
        }
    };
    let bytes = bytes.to_vec();
    let (jpeg, width, height) = files::off_runtime(move || {
        let img = files::decode(&bytes, format)?;
        let img = if img.height() > 300 {
            img.resize(600, 300, image::imageops::FilterType::Lanczos3)
        } else {
            img
        };
        // Transparent areas become white, as on paper.
        let mut rgb = image::RgbImage::new(img.width(), img.height());
        for (x, y, p) in img.to_rgba8().enumerate_pixels() {
            let a = p[3] as u32;
            let mix = |c: u8| ((c as u32 * a + 255 * (255 - a)) / 255) as u8;
            rgb.put_pixel(x, y, image::Rgb([mix(p[0]), mix(p[1]), mix(p[2])]));
        }
        let jpeg = files::encode_jpeg(&image::DynamicImage::ImageRgb8(rgb), 90)?;
        Ok((jpeg, img.width(), img.height()))
    })
    .await?;
    let stored = StoredLogo {
        jpeg: base64::engine::general_purpose::STANDARD.encode(&jpeg),
        width,
        height,
    };
    act.set_setting(
        db,
        SETTING_LOGO,
        &to_json(&stored)?,
        Entry::new(
            "settings.logo",
            "setting",
            SETTING_LOGO,
            serde_json::json!({ "sha256": files::sha256_hex(&jpeg) }),
        ),
    )
    .await
}

/// The letterhead's logo as a JPEG with its pixel size, if one is set.
pub async fn logo(db: &impl ConnectionTrait) -> Result<Option<(Vec<u8>, u32, u32)>> {
    let Some(v) = store::setting(db, SETTING_LOGO).await? else {
        return Ok(None);
    };
    let l: StoredLogo = serde_json::from_str(&v).map_err(|e| Error::setting(SETTING_LOGO, e))?;
    let jpeg = base64::engine::general_purpose::STANDARD
        .decode(l.jpeg)
        .map_err(|e| Error::setting(SETTING_LOGO, e))?;
    Ok(Some((jpeg, l.width, l.height)))
}
