//! What crosses the IPC boundary beyond JSON: uploaded bytes with their
//! metadata in headers, and exported files saved where the desk can find them.

use std::path::PathBuf;

use loket_core::documents::Upload;
use tauri::ipc::{InvokeBody, Request};

use crate::error::{AppError, ErrorKind};

/// An upload as it arrived: the raw bytes and the headers the UI set.
pub struct RawUpload<'a> {
    case_id: i64,
    kind: String,
    filename: String,
    bytes: &'a [u8],
}

impl RawUpload<'_> {
    /// The upload for `loket_core::documents::attach`.
    pub fn as_upload(&self) -> Upload<'_> {
        Upload {
            case_id: self.case_id,
            kind: &self.kind,
            filename: &self.filename,
            bytes: self.bytes,
        }
    }
}

fn bad(message: &str) -> AppError {
    AppError {
        kind: ErrorKind::Invalid,
        message: message.to_string(),
        fields: Some([("file".to_string(), message.to_string())].into()),
    }
}

fn header(request: &Request<'_>, name: &str) -> Option<String> {
    request
        .headers()
        .get(name)?
        .to_str()
        .ok()
        .map(str::to_string)
}

/// Reads an upload: the body must be raw bytes, `x-case-id`, `x-kind` and
/// `x-filename` (percent-encoded UTF-8) headers say what it is.
pub fn upload<'a>(request: &'a Request<'a>) -> Result<RawUpload<'a>, AppError> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(bad("Isi berkas tidak terkirim."));
    };
    let case_id = header(request, "x-case-id")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| bad("Permohonan berkas ini tidak diketahui."))?;
    let kind = header(request, "x-kind").unwrap_or_default();
    let filename = header(request, "x-filename")
        .map(|v| percent_decode(&v))
        .unwrap_or_default();
    Ok(RawUpload {
        case_id,
        kind,
        filename,
        bytes,
    })
}

/// The raw bytes of a request (a logo upload).
pub fn raw_body<'a>(request: &'a Request<'a>) -> Result<&'a [u8], AppError> {
    match request.body() {
        InvokeBody::Raw(bytes) => Ok(bytes),
        _ => Err(bad("Isi berkas tidak terkirim.")),
    }
}

/// A signed letter coming back: raw bytes, `x-letter-id`, `x-filename` and
/// `x-as-scan` ("1" when staff say it is a scan of the wet-signed paper).
pub struct RawSigned<'a> {
    letter_id: i64,
    filename: String,
    bytes: &'a [u8],
    as_scan: bool,
}

impl RawSigned<'_> {
    /// The upload for `loket_core::letters::signed::attach_signed`.
    pub fn as_upload(&self) -> loket_core::letters::signed::SignedUpload<'_> {
        loket_core::letters::signed::SignedUpload {
            letter_id: self.letter_id,
            filename: &self.filename,
            bytes: self.bytes,
            as_scan: self.as_scan,
        }
    }
}

/// Reads a signed-letter upload.
pub fn signed_upload<'a>(request: &'a Request<'a>) -> Result<RawSigned<'a>, AppError> {
    let bytes = raw_body(request)?;
    let letter_id = header(request, "x-letter-id")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| bad("Surat untuk berkas ini tidak diketahui."))?;
    let filename = header(request, "x-filename")
        .map(|v| percent_decode(&v))
        .unwrap_or_default();
    let as_scan = header(request, "x-as-scan").is_some_and(|v| v == "1");
    Ok(RawSigned {
        letter_id,
        filename,
        bytes,
        as_scan,
    })
}

/// A file sent for reading (a calendar to preview): its name and bytes.
pub fn named_file<'a>(request: &'a Request<'a>) -> Result<(String, &'a [u8]), AppError> {
    let bytes = raw_body(request)?;
    let name = header(request, "x-filename")
        .map(|v| percent_decode(&v))
        .unwrap_or_default();
    Ok((name, bytes))
}

/// A number sent in header `name`, if any.
pub fn number_header(request: &Request<'_>, name: &str) -> Option<i32> {
    header(request, name).and_then(|v| v.parse().ok())
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let digit = |k: usize| bytes.get(k).and_then(|b| char::from(*b).to_digit(16));
        if bytes[i] == b'%'
            && let (Some(hi), Some(lo)) = (digit(i + 1), digit(i + 2))
        {
            out.push((hi * 16 + lo) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn downloads() -> PathBuf {
    dirs::download_dir()
        .or_else(dirs::home_dir)
        .unwrap_or_else(std::env::temp_dir)
}

/// A new folder in Downloads for a batch export.
pub fn batch_folder(now: chrono::DateTime<chrono::FixedOffset>) -> PathBuf {
    downloads().join(format!("Loket-surat-{}", now.format("%Y%m%d-%H%M%S")))
}

/// Saves an export and, for printing, opens it in the desk's PDF viewer,
/// whose Print command shows the operating system's print dialog.
pub fn save_and_maybe_open(name: &str, bytes: &[u8], print: bool) -> Result<String, AppError> {
    let path = save_export(name, bytes)?;
    if print {
        open::that_detached(&path).map_err(|e| AppError {
            kind: ErrorKind::Failed,
            message: format!(
                "Surat tersimpan di {path}, tetapi penampil PDF tidak dapat dibuka ({e}). \
                 Buka berkas itu dan cetak dari sana."
            ),
            fields: None,
        })?;
    }
    Ok(path)
}

/// Opens a WhatsApp click-to-chat link in the desk's browser or app. Only
/// links core built for `wa.me` are opened.
pub fn open_link(link: &str) -> Result<(), AppError> {
    if !link.starts_with("https://wa.me/") {
        return Err(AppError {
            kind: ErrorKind::Failed,
            message: "Tautan ini tidak dibuka oleh Loket.".into(),
            fields: None,
        });
    }
    open::that_detached(link).map_err(|e| AppError {
        kind: ErrorKind::Failed,
        message: format!(
            "Peramban tidak dapat dibuka ({e}). Salin nomor pemohon dan kirim lewat WhatsApp."
        ),
        fields: None,
    })
}

/// Saves an export that carries a person's data in the folder the admin
/// chose for such files (`loket_core::privacy::exports`), or in Downloads
/// until one is chosen; returns where it went.
pub async fn save_personal(
    desk: &loket_core::desk::Desk,
    name: &str,
    bytes: &[u8],
) -> Result<String, AppError> {
    let Some(dir) = loket_core::privacy::exports::folder(&desk.db, &desk.key).await? else {
        return save_export(name, bytes);
    };
    let path = loket_core::saving::write_new(&dir, name, bytes).map_err(|e| AppError {
        kind: ErrorKind::Failed,
        message: format!(
            "Berkas tidak dapat disimpan di folder ekspor data pribadi {}: {e}",
            dir.display()
        ),
        fields: None,
    })?;
    Ok(path.display().to_string())
}

/// Saves an exported file in the user's Downloads folder (or the home folder)
/// under a safe base name, never over an existing file (see
/// `loket_core::saving`), and returns where it went.
pub fn save_export(name: &str, bytes: &[u8]) -> Result<String, AppError> {
    let path = loket_core::saving::write_new(&downloads(), name, bytes).map_err(|e| AppError {
        kind: ErrorKind::Failed,
        message: format!(
            "Salinan tidak dapat disimpan di {}: {e}",
            downloads().display()
        ),
        fields: None,
    })?;
    Ok(path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::percent_decode;

    #[test]
    fn decodes_percent_encoded_file_names() {
        assert_eq!(
            percent_decode("KTP%20Budi%20%E2%9C%93.jpg"),
            "KTP Budi ✓.jpg"
        );
        assert_eq!(percent_decode("tanpa-kode.pdf"), "tanpa-kode.pdf");
        assert_eq!(percent_decode("rusak%2"), "rusak%2");
        assert_eq!(
            percent_decode("%é%zz"),
            "%é%zz",
            "never panics on odd input"
        );
    }
}
