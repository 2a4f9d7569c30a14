//! What an uploaded file is, read from its content and never from its name,
//! and the few things Loket does to file content: re-encoding images (which
//! drops EXIF data such as camera and GPS), fitting a photo under a size
//! limit, and fingerprinting with SHA-256. Documents of a case, the letterhead
//! logo and signed letter copies all come through here.

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, codecs::jpeg::JpegEncoder};
use sea_orm::ConnectionTrait;
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::secrets::hex;
use crate::store;
use crate::{Error, Result};

/// Setting: largest file accepted, in MB (default 5).
pub const SETTING_MAX_MB: &str = "batas_ukuran_berkas_mb";

/// Content types Loket accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub enum Mime {
    #[serde(rename = "application/pdf")]
    Pdf,
    #[serde(rename = "image/jpeg")]
    Jpeg,
    #[serde(rename = "image/png")]
    Png,
}

text_enum!(Mime { Pdf => "application/pdf", Jpeg => "image/jpeg", Png => "image/png" });

/// Reads the content type from the first bytes, and refuses what is not a
/// whole PDF, JPEG or PNG.
pub fn sniff(bytes: &[u8]) -> Result<Mime> {
    if bytes.is_empty() {
        return Err(Error::field("file", "Berkas kosong (0 byte)."));
    }
    if bytes.starts_with(b"%PDF-") {
        let tail = &bytes[bytes.len().saturating_sub(1024)..];
        if !tail.windows(5).any(|w| w == b"%%EOF") {
            return Err(Error::field(
                "file",
                "Berkas PDF terpotong atau rusak (penanda akhir %%EOF tidak ada).",
            ));
        }
        return Ok(Mime::Pdf);
    }
    let truncated = || {
        Error::field(
            "file",
            "Gambar rusak atau terpotong (penanda akhir gambar tidak ada).",
        )
    };
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        // The decoder fills a cut-off photo in silently, so look for the end
        // marker (FF D9) after the last start-of-scan (FF DA): neither can occur
        // inside the compressed data, where FF is always followed by 00.
        let sos = bytes.windows(2).rposition(|w| w == [0xFF, 0xDA]);
        let eoi = bytes.windows(2).rposition(|w| w == [0xFF, 0xD9]);
        return match (sos, eoi) {
            (Some(s), Some(e)) if e > s => Ok(Mime::Jpeg),
            _ => Err(truncated()),
        };
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        let tail = &bytes[bytes.len().saturating_sub(64)..];
        return if tail.windows(4).any(|w| w == b"IEND") {
            Ok(Mime::Png)
        } else {
            Err(truncated())
        };
    }
    Err(Error::field(
        "file",
        "Jenis berkas tidak diterima: hanya PDF, JPEG atau PNG (dibaca dari isinya, bukan dari nama berkas).",
    ))
}

/// Decodes an image of a known format; a damaged one is refused at the file field.
pub fn decode(bytes: &[u8], format: ImageFormat) -> Result<DynamicImage> {
    image::load_from_memory_with_format(bytes, format).map_err(|e| {
        Error::field(
            "file",
            format!("Gambar rusak atau terpotong dan tidak dapat dibaca ({e})."),
        )
    })
}

/// Encodes an image as JPEG at `quality`.
pub fn encode_jpeg(img: &DynamicImage, quality: u8) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(&img.to_rgb8())
        .map_err(|e| Error::Image(e.to_string()))?;
    Ok(out)
}

/// The content to store: PDFs as they are, images decoded and re-encoded
/// (EXIF, GPS and other metadata do not survive).
pub fn normalise(bytes: &[u8], mime: Mime) -> Result<Vec<u8>> {
    match mime {
        Mime::Pdf => Ok(bytes.to_vec()),
        Mime::Jpeg => encode_jpeg(&decode(bytes, ImageFormat::Jpeg)?, 90),
        Mime::Png => {
            let img = decode(bytes, ImageFormat::Png)?;
            let mut out = Cursor::new(Vec::new());
            img.write_to(&mut out, ImageFormat::Png)
                .map_err(|e| Error::Image(e.to_string()))?;
            Ok(out.into_inner())
        }
    }
}

/// The SHA-256 of `bytes`, in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Largest accepted file in bytes (setting in MB, default 5).
pub async fn max_bytes(db: &impl ConnectionTrait) -> Result<usize> {
    let mb = store::number_setting(db, SETTING_MAX_MB, 5).await?;
    Ok(mb as usize * 1024 * 1024)
}

/// Refuses a file above the size limit, saying how large it is.
pub async fn check_size(db: &impl ConnectionTrait, bytes: &[u8]) -> Result<()> {
    let limit = max_bytes(db).await?;
    if bytes.len() > limit {
        return Err(Error::field(
            "file",
            format!(
                "Berkas terlalu besar: {:.1} MB, batasnya {} MB.",
                bytes.len() as f64 / 1_048_576.0,
                limit / 1_048_576
            ),
        ));
    }
    Ok(())
}

/// Re-encodes an image as JPEG no larger than `limit` bytes: lower quality
/// first, then smaller dimensions, so a KTP photo stays readable as long as possible.
pub fn fit_jpeg(content: &[u8], mime: Mime, limit: usize) -> Result<Vec<u8>> {
    let format = match mime {
        Mime::Jpeg => ImageFormat::Jpeg,
        Mime::Png => ImageFormat::Png,
        Mime::Pdf => {
            return Err(Error::field(
                "file",
                "Hanya gambar yang dapat diekspor sebagai JPEG.",
            ));
        }
    };
    let mut img = decode(content, format)?;
    loop {
        for quality in [85u8, 75, 65, 55] {
            let out = encode_jpeg(&img, quality)?;
            if out.len() <= limit {
                return Ok(out);
            }
        }
        let (w, h) = (img.width() * 4 / 5, img.height() * 4 / 5);
        if w < 200 || h < 120 {
            return Err(Error::field(
                "file",
                "Gambar tidak dapat diperkecil sampai batas ukuran BSrE tanpa menjadi tidak terbaca.",
            ));
        }
        img = img.resize(w, h, image::imageops::FilterType::Triangle);
    }
}
