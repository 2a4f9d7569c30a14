//! Writing a file Loket made (an export, a letter, a copy) into a folder of
//! the desk: under a safe base name, never over an existing file.
//!
//! Names can come from outside (the file name of an uploaded signed copy, a
//! letter's number): whatever they hold, the file lands in the folder meant
//! (no `..`, no folder part, no drive, no control or bidi character, nothing
//! Windows refuses), and a name already taken gets ` (2)`, ` (3)` … before
//! its extension, so a batch of drafts keeps every draft.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// The longest base name written, in characters.
pub const MAX_NAME: usize = 120;

/// `name` reduced to a base name safe on every desk's file system: its last
/// path part, without control, bidi or zero-width characters and without
/// what Windows forbids (`<>:"/\|?*`), no leading or trailing dots or
/// spaces, at most [`MAX_NAME`] characters (the extension kept), and never
/// empty or a name Windows reserves (`berkas` then).
pub fn safe_base_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .map(|c| {
            if c.is_control() || crate::text::hidden(c) || "<>:\"/\\|?*".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let (stem, ext) = match trimmed.rfind('.') {
        Some(i) if i > 0 && trimmed.len() - i <= 10 => (&trimmed[..i], &trimmed[i..]),
        _ => (trimmed, ""),
    };
    let keep = MAX_NAME.saturating_sub(ext.chars().count());
    let stem: String = stem.chars().take(keep).collect();
    let stem = stem.trim_end_matches(|c: char| c == '.' || c.is_whitespace());
    let reserved = {
        let upper = stem.to_ascii_uppercase();
        matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL")
            || ((upper.starts_with("COM") || upper.starts_with("LPT"))
                && upper.len() == 4
                && upper.as_bytes()[3].is_ascii_digit())
    };
    if stem.is_empty() || reserved {
        format!("berkas{ext}")
    } else {
        format!("{stem}{ext}")
    }
}

/// Why `folder` cannot be written to by Loket, if it cannot: it must be a
/// full path, and Loket creates it and writes a probe there first.
pub fn writable_folder(folder: &str) -> std::result::Result<PathBuf, String> {
    if folder.is_empty() {
        return Err("Pilih folder (misalnya diska USB atau folder jaringan).".into());
    }
    let path = PathBuf::from(folder);
    if !path.is_absolute() {
        return Err(
            "Tulis alamat folder lengkap (diawali / atau huruf diska seperti D:\\).".into(),
        );
    }
    std::fs::create_dir_all(&path).map_err(|e| format!("Folder tidak dapat dibuat: {e}"))?;
    let probe = path.join(".loket-uji-tulis");
    std::fs::write(&probe, b"loket")
        .map_err(|e| format!("Loket tidak dapat menulis ke folder ini: {e}"))?;
    let _ = std::fs::remove_file(&probe);
    Ok(path)
}

/// Writes `bytes` into `dir` as [`safe_base_name`]`(name)`, or the first free
/// ` (n)` variant of it; the file is created new (an existing one is never
/// opened). Returns the path written.
pub fn write_new(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    let base = safe_base_name(name);
    let (stem, ext) = match base.rfind('.') {
        Some(i) if i > 0 => (&base[..i], &base[i..]),
        _ => (base.as_str(), ""),
    };
    for n in 1..=999u32 {
        let candidate = if n == 1 {
            base.clone()
        } else {
            format!("{stem} ({n}){ext}")
        };
        let path = dir.join(&candidate);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                file.write_all(bytes)
                    .and_then(|()| file.sync_all())
                    .map_err(|source| Error::File {
                        path: path.display().to_string(),
                        action: "ditulis",
                        source,
                    })?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(source) => {
                return Err(Error::File {
                    path: path.display().to_string(),
                    action: "dibuat",
                    source,
                });
            }
        }
    }
    Err(Error::File {
        path: dir.join(&base).display().to_string(),
        action: "dibuat",
        source: std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "999 berkas bernama sama sudah ada",
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_outside_stay_in_the_folder_and_readable() {
        for (given, safe) in [
            ("../../.bashrc", "bashrc"),
            ("..\\..\\Windows\\system32\\x.dll", "x.dll"),
            ("C:\\Users\\a\\Surat.pdf", "Surat.pdf"),
            ("/etc/passwd", "passwd"),
            ("surat\u{202e}fdp.exe", "surat_fdp.exe"),
            ("nul\u{0}l.pdf", "nul_l.pdf"),
            ("a<b>c:d\"e|f?g*h.pdf", "a_b_c_d_e_f_g_h.pdf"),
            ("CON.pdf", "berkas.pdf"),
            ("com1", "berkas"),
            ("...", "berkas"),
            ("", "berkas"),
            (" Surat Rekomendasi .pdf ", "Surat Rekomendasi.pdf"),
            ("Salinan ✓.pdf", "Salinan ✓.pdf"),
        ] {
            assert_eq!(safe_base_name(given), safe, "{given:?}");
        }
        let long = format!("{}.pdf", "a".repeat(500));
        let cut = safe_base_name(&long);
        assert_eq!(cut.chars().count(), MAX_NAME);
        assert!(cut.ends_with(".pdf"));
    }

    #[test]
    fn a_taken_name_gets_a_number_and_nothing_is_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let first = write_new(dir.path(), "Surat-DRAF.pdf", b"satu").unwrap();
        let second = write_new(dir.path(), "Surat-DRAF.pdf", b"dua").unwrap();
        let third = write_new(dir.path(), "../Surat-DRAF.pdf", b"tiga").unwrap();
        assert_eq!(first.file_name().unwrap(), "Surat-DRAF.pdf");
        assert_eq!(second.file_name().unwrap(), "Surat-DRAF (2).pdf");
        assert_eq!(third.file_name().unwrap(), "Surat-DRAF (3).pdf");
        assert_eq!(std::fs::read(&first).unwrap(), b"satu");
        assert_eq!(std::fs::read(&second).unwrap(), b"dua");
        assert_eq!(third.parent().unwrap(), dir.path(), "stays in the folder");
    }
}
