//! The kiosk's printed receipt: one A6 page with the office, the number in
//! large type, the service, when it came in (with the time zone), the fee and
//! the service hours, the expected day, what to bring,
//! the number's QR code and how to check the status. It holds nothing
//! personal, like the receipt on screen. Written directly with lopdf in the
//! PDF's standard fonts (Helvetica, not embedded), so a printer's driver
//! renders it without Loket's letter engine; the QR code is drawn as filled
//! squares, so it prints sharp at any resolution.

use chrono::{DateTime, FixedOffset};
use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, Stream, StringFormat, dictionary};
use qrcode::{Color, QrCode};

use sea_orm::ConnectionTrait;

use super::receipt::KioskReceipt;
use crate::office::settings;
use crate::{Error, Result};

/// A6 portrait, in points.
const WIDTH: f32 = 297.64;
const HEIGHT: f32 = 419.53;
const MARGIN: f32 = 22.0;

/// The receipt as the kiosk prints it , under the
/// office's name from its letterhead settings.
pub async fn printed(db: &impl ConnectionTrait, receipt: &KioskReceipt) -> Result<Vec<u8>> {
    let office = settings::settings(db).await?.kop.dinas;
    pdf(receipt, &office)
}

/// The page as PDF bytes. `office` is the office's name as its letterhead
/// writes it (the kop's "dinas" line).
pub fn pdf(r: &KioskReceipt, office: &str) -> Result<Vec<u8>> {
    let mut page = Page::default();
    let mut y = HEIGHT - MARGIN - 10.0;
    for line in wrap(office, 48) {
        page.text(MARGIN, y, 9.0, true, &line);
        y -= 11.0;
    }
    y -= 6.0;
    page.text(MARGIN, y, 12.0, true, "TANDA TERIMA PERMOHONAN");
    y -= 20.0;
    page.text(MARGIN, y, 9.0, false, "Nomor registrasi");
    y -= 24.0;
    page.text(MARGIN, y, 22.0, true, &r.nomor);
    y -= 18.0;
    page.text(
        MARGIN,
        y,
        10.0,
        false,
        &format!("Layanan: {}", capitalised(r.layanan.label())),
    );
    y -= 13.0;
    page.text(
        MARGIN,
        y,
        10.0,
        false,
        &format!("Diterima: {}", day_time(r.diterima)),
    );
    y -= 3.0;
    for line in wrap(&format!("Biaya: {}", r.biaya), 52).into_iter().take(3) {
        y -= 12.0;
        page.text(MARGIN, y, 9.0, false, &line);
    }
    for line in wrap(&format!("Jam layanan: {}", r.jam_layanan), 62) {
        y -= 10.0;
        page.text(MARGIN, y, 7.5, false, &line);
    }
    if let Some(janji) = r.janji {
        y -= 13.0;
        page.text(
            MARGIN,
            y,
            10.0,
            false,
            &format!("Perkiraan selesai: {}", janji.format("%d/%m/%Y")),
        );
        for line in wrap(&format!("({})", r.janji_dasar), 52) {
            y -= 11.0;
            page.text(MARGIN, y, 8.0, false, &line);
        }
    }
    y -= 18.0;
    page.text(MARGIN, y, 10.0, true, "Bawa ke loket:");
    for item in &r.persyaratan {
        for (i, line) in wrap(item, 44).into_iter().enumerate() {
            y -= 12.0;
            let bullet = if i == 0 { "- " } else { "  " };
            page.text(MARGIN + 4.0, y, 9.0, false, &format!("{bullet}{line}"));
        }
    }
    // Where to complain, as far as the space above the QR code allows.
    y -= 8.0;
    let mut complaint = vec!["Pengaduan, saran dan masukan:".to_string()];
    for part in r.pengaduan.lines() {
        complaint.extend(wrap(part, 62));
    }
    for (i, line) in complaint.iter().enumerate() {
        y -= 9.0;
        if y < MARGIN + 100.0 {
            break;
        }
        page.text(MARGIN, y, 7.0, i == 0, line);
    }
    // The QR code at the bottom right, the status hint beside it.
    let code = QrCode::new(r.nomor.as_bytes())
        .map_err(|e| Error::Unusable(format!("Kode QR tidak dapat dibuat: {e}")))?;
    let modules = code.width();
    let side = 84.0;
    let cell = side / modules as f32;
    let (qx, qy) = (WIDTH - MARGIN - side, MARGIN + 4.0);
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == Color::Dark {
            let (col, row) = (i % modules, i / modules);
            page.square(
                qx + col as f32 * cell,
                qy + side - (row as f32 + 1.0) * cell,
                cell,
            );
        }
    }
    let mut hy = MARGIN + 70.0;
    for line in [
        "Cek status di kiosk dengan",
        "nomor ini dan 4 angka",
        "terakhir NIK Anda.",
        "",
        "Tunjukkan kode QR ini",
        "kepada petugas loket.",
    ] {
        page.text(MARGIN, hy, 8.0, false, line);
        hy -= 10.0;
    }
    page.finish()
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn day_time(t: DateTime<FixedOffset>) -> String {
    crate::document::content::waktu(t)
}

/// Words into lines of at most `width` characters (a longer word stands alone).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![];
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Text in the standard fonts' encoding (WinAnsi, Latin-1 here); anything
/// outside it prints as "?".
fn encoded(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect()
}

#[derive(Default)]
struct Page {
    ops: Vec<Operation>,
}

impl Page {
    fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, s: &str) {
        let font = if bold { "F2" } else { "F1" };
        self.ops.extend([
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec![font.into(), size.into()]),
            Operation::new("Td", vec![x.into(), y.into()]),
            Operation::new(
                "Tj",
                vec![Object::String(encoded(s), StringFormat::Literal)],
            ),
            Operation::new("ET", vec![]),
        ]);
    }

    fn square(&mut self, x: f32, y: f32, side: f32) {
        self.ops.extend([
            Operation::new("re", vec![x.into(), y.into(), side.into(), side.into()]),
            Operation::new("f", vec![]),
        ]);
    }

    fn finish(self) -> Result<Vec<u8>> {
        let pdf_err = |e: lopdf::Error| Error::Pdf(format!("Tanda terima tidak dapat dibuat: {e}"));
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let font = |name: &str| {
            dictionary! {
                "Type" => "Font",
                "Subtype" => "Type1",
                "BaseFont" => name,
                "Encoding" => "WinAnsiEncoding",
            }
        };
        let regular = doc.add_object(font("Helvetica"));
        let bold = doc.add_object(font("Helvetica-Bold"));
        let content = Content {
            operations: self.ops,
        };
        let stream = doc.add_object(Stream::new(
            dictionary! {},
            content.encode().map_err(pdf_err)?,
        ));
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => stream,
            "Resources" => dictionary! {
                "Font" => dictionary! { "F1" => regular, "F2" => bold },
            },
            "MediaBox" => vec![0.into(), 0.into(), WIDTH.into(), HEIGHT.into()],
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => vec![page.into()],
                "Count" => 1,
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        doc.compress();
        let mut out = Vec::new();
        doc.save_to(&mut out)
            .map_err(|e| Error::Pdf(format!("Tanda terima tidak dapat ditulis: {e}")))?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_at_the_width_and_long_words_stand_alone() {
        assert_eq!(
            wrap("Surat permohonan dari atasan langsung", 16),
            vec!["Surat permohonan", "dari atasan", "langsung"]
        );
        assert_eq!(
            wrap("kata-yang-sangat-panjang", 5),
            vec!["kata-yang-sangat-panjang"]
        );
        assert!(wrap("   ", 10).is_empty());
    }

    #[test]
    fn text_outside_the_fonts_encoding_prints_as_a_question_mark() {
        assert_eq!(encoded("Tanda — terima é"), b"Tanda ? terima \xe9".to_vec());
    }
}
