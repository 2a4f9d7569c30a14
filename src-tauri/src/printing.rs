//! Printing a PDF on the OS default printer, without a dialog, through CUPS's
//! command-line client `lp` (Linux and macOS). No default printer (or no
//! CUPS, as on Windows) means nothing is printed: the kiosk's receipt is then
//! on screen only. `lp` honours the `PRINTER` environment variable, so a
//! kiosk user can print elsewhere than the PC's default.

use std::io::Write;
use std::process::{Command, Stdio};

/// The default printer as CUPS names it, if there is one.
pub fn default_printer() -> Option<String> {
    let out = Command::new("lpstat").arg("-d").output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    // "system default destination: NAME" (or "no system default destination").
    let name = text.split_once("destination:")?.1.trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// Sends `pdf` to the default printer as one job titled `title`; the
/// error says why, in words for the staff.
pub fn print_pdf(pdf: &[u8], title: &str) -> Result<(), String> {
    let mut child = Command::new("lp")
        .args(["-t", title, "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("Printer tidak dapat dipakai (lp: {e})."))?;
    child
        .stdin
        .take()
        .ok_or_else(|| "Printer tidak dapat dipakai.".to_string())?
        .write_all(pdf)
        .map_err(|e| format!("Tanda terima tidak terkirim ke printer: {e}"))?;
    let out = child
        .wait_with_output()
        .map_err(|e| format!("Printer tidak menjawab: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "Printer menolak tanda terima: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}
