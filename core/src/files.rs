//! What an uploaded file is, read from its content and never from its name,
//! and the few things Loket does to file content: re-encoding images (which
//! drops EXIF data such as camera and GPS), fitting a photo under a size
//! limit, and fingerprinting with SHA-256. Documents of a case, the letterhead
//! logo and signed letter copies all come through here.

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, ImageReader, Limits, codecs::jpeg::JpegEncoder};
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

impl Mime {
    /// The file extension Loket gives this content.
    pub fn extension(self) -> &'static str {
        match self {
            Mime::Pdf => "pdf",
            Mime::Jpeg => "jpg",
            Mime::Png => "png",
        }
    }
}

/// `name` as Loket writes a file of `mime`: whatever extension the name came
/// with (an uploader's `.hta`, `.exe`) is replaced by the content's own, so a
/// file saved from Loket opens as what Loket checked it to be.
pub fn named_as(name: &str, mime: Mime) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = match base.rfind('.') {
        Some(i) if i > 0 => &base[..i],
        _ => base,
    };
    let stem = stem.trim();
    let stem = if stem.is_empty() { "berkas" } else { stem };
    format!("{stem}.{}", mime.extension())
}

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

/// The largest side of an image Loket decodes, in pixels (a 50-megapixel
/// phone photo is about 8,700 wide). Larger ones are refused from their
/// header, before any pixel is decompressed.
pub const MAX_IMAGE_SIDE: u32 = 10_000;

/// The most memory one image's decoding may take (the decoded pixels
/// included): a 10,000 x 6,500 RGBA photo fits, a "decompression bomb" that
/// a small file unpacks into gigabytes does not.
pub const MAX_IMAGE_ALLOC: u64 = 256 * 1024 * 1024;

/// Decodes an image of a known format within [`MAX_IMAGE_SIDE`] and
/// [`MAX_IMAGE_ALLOC`]; a damaged or oversized one is refused at the file
/// field. CPU-heavy: async code calls [`normalise_off_runtime`] and friends.
pub fn decode(bytes: &[u8], format: ImageFormat) -> Result<DynamicImage> {
    let damaged = |e: image::ImageError| {
        Error::field(
            "file",
            format!("Gambar rusak atau terpotong dan tidak dapat dibaca ({e})."),
        )
    };
    let (w, h) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(damaged)?;
    if w > MAX_IMAGE_SIDE || h > MAX_IMAGE_SIDE {
        return Err(Error::field(
            "file",
            format!(
                "Gambar terlalu besar: {w} x {h} piksel, paling besar {MAX_IMAGE_SIDE} piksel \
                 per sisi. Perkecil fotonya lalu unggah lagi."
            ),
        ));
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    limits.max_alloc = Some(MAX_IMAGE_ALLOC);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits);
    reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => Error::field(
            "file",
            format!(
                "Gambar terlalu besar untuk dibuka: {w} x {h} piksel memerlukan lebih dari {} MB \
                 memori. Perkecil fotonya lalu unggah lagi.",
                MAX_IMAGE_ALLOC / (1024 * 1024)
            ),
        ),
        other => damaged(other),
    })
}

/// Runs image work on a blocking thread, off the async runtime.
pub async fn off_runtime<T: Send + 'static>(
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| Error::Image(format!("pengolahan gambar terhenti: {e}")))?
}

/// [`normalise`] off the async runtime.
pub async fn normalise_off_runtime(bytes: &[u8], mime: Mime) -> Result<Vec<u8>> {
    if mime == Mime::Pdf {
        return Ok(bytes.to_vec());
    }
    let bytes = bytes.to_vec();
    off_runtime(move || normalise(&bytes, mime)).await
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

/// A PNG whose header announces `width` x `height` pixels (8-bit channels of
/// `color_type`, 16-bit when `deep`) around a few bytes of data: what a
/// "decompression bomb" looks like before anything is unpacked. For tests and
/// the benchmark.
#[doc(hidden)]
pub fn png_header_only(width: u32, height: u32, color_type: u8, deep: bool) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut c = !0u32;
        for &b in bytes {
            c ^= b as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc32(&body).to_be_bytes());
    }
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[if deep { 16 } else { 8 }, color_type, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &ihdr);
    // A zlib stream of a few zero bytes: the rows are never reached.
    chunk(
        &mut out,
        b"IDAT",
        &[0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01],
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_file_takes_the_extension_of_what_it_is() {
        assert_eq!(named_as("surat-ttd.hta", Mime::Pdf), "surat-ttd.pdf");
        assert_eq!(named_as("scan.pdf.exe", Mime::Jpeg), "scan.pdf.jpg");
        assert_eq!(named_as("../../x", Mime::Png), "x.png");
        assert_eq!(named_as("", Mime::Pdf), "berkas.pdf");
        assert_eq!(named_as(".hta", Mime::Pdf), ".hta.pdf");
    }

    fn refused(bytes: &[u8]) -> String {
        match decode(bytes, ImageFormat::Png) {
            Err(Error::Invalid { fields, .. }) => fields["file"].clone(),
            other => panic!(
                "decoded or failed otherwise: {:?}",
                other.map(|i| (i.width(), i.height()))
            ),
        }
    }

    #[test]
    fn an_image_larger_than_loket_opens_is_refused_from_its_header() {
        // 50,000 x 50,000 RGBA: ten gigabytes once decoded.
        let bomb = png_header_only(50_000, 50_000, 6, false);
        assert!(bomb.len() < 100);
        assert_eq!(sniff(&bomb).unwrap(), Mime::Png);
        assert!(
            refused(&bomb).contains("50000 x 50000 piksel"),
            "{}",
            refused(&bomb)
        );
        // Within the side limit, but 648 MB of 16-bit RGBA: over the memory limit.
        let deep = png_header_only(9_000, 9_000, 6, true);
        assert!(refused(&deep).contains("memori"), "{}", refused(&deep));
        // Through the upload path as well.
        assert!(matches!(
            normalise(&bomb, Mime::Png),
            Err(Error::Invalid { .. })
        ));
    }

    #[test]
    fn an_ordinary_image_still_decodes() {
        let img = DynamicImage::new_rgb8(64, 48);
        let mut png = Cursor::new(Vec::new());
        img.write_to(&mut png, ImageFormat::Png).unwrap();
        let back = decode(png.get_ref(), ImageFormat::Png).unwrap();
        assert_eq!((back.width(), back.height()), (64, 48));
    }
}
