//! Finishes the engine's PDF: subset fonts get their tagged names and a
//! ToUnicode map (so text extracts), unused faces go, the logo and the
//! signature box replace their slots, a draft gets its mark, and the electronic
//! form gets an empty signature field (AcroForm `/FT /Sig`) over the box and the
//! document metadata a signing tool shows.

use chrono::{DateTime, FixedOffset};
use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use sha2::{Digest, Sha256};

use super::layout::{DRAFT_MARK, FACE_NAMES, GlyphMap, Rendered, SLOT_LOGO, SLOT_SIGNATURE};
use crate::error::{Error, Result};

/// Which signature the export is prepared for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Form {
    /// Printed and signed by hand: signature space, no field.
    Basah,
    /// Signed by a signing tool: empty signature field, metadata, BSrE footer.
    Elektronik,
}

/// Document metadata written into the Info dictionary.
pub struct Meta<'a> {
    pub title: &'a str,
    pub subject: &'a str,
    pub author: &'a str,
    pub created: DateTime<FixedOffset>,
}

/// A JPEG logo with its pixel size.
pub struct Logo<'a> {
    pub jpeg: &'a [u8],
    pub width: u32,
    pub height: u32,
}

/// Name of the empty signature field.
pub const SIGNATURE_FIELD: &str = "TandaTanganElektronik";

fn pdf_err(e: lopdf::Error) -> Error {
    Error::Pdf(format!("Surat tidak dapat disusun: {e}"))
}

/// `D:YYYYMMDDHHmmSS+07'00'`.
pub fn pdf_date(t: DateTime<FixedOffset>) -> String {
    let off = t.offset().local_minus_utc();
    let sign = if off < 0 { '-' } else { '+' };
    let off = off.abs();
    format!(
        "D:{}{}{:02}'{:02}'",
        t.format("%Y%m%d%H%M%S"),
        sign,
        off / 3600,
        (off % 3600) / 60
    )
}

fn text(s: &str) -> Object {
    // PDF text strings: UTF-16BE with BOM keeps any name intact.
    let mut bytes = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        bytes.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn to_unicode(map: &GlyphMap) -> Vec<u8> {
    let mut pairs: Vec<(u16, char)> = map.iter().map(|&(c, g)| (g, c)).collect();
    pairs.sort_unstable();
    pairs.dedup_by_key(|p| p.0);
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for chunk in pairs.chunks(100) {
        s.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for (g, c) in chunk {
            let mut buf = [0u16; 2];
            let units: String = c
                .encode_utf16(&mut buf)
                .iter()
                .map(|u| format!("{u:04X}"))
                .collect();
            s.push_str(&format!("<{g:04X}> <{units}>\n"));
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s.into_bytes()
}

/// Six capital letters naming a subset, derived from its glyphs.
fn subset_tag(face: usize, map: &GlyphMap) -> String {
    let mut h = Sha256::new();
    h.update([face as u8]);
    for (c, g) in map {
        h.update((*c as u32).to_be_bytes());
        h.update(g.to_be_bytes());
    }
    h.finalize()
        .iter()
        .take(6)
        .map(|b| (b'A' + b % 26) as char)
        .collect()
}

fn near(o: &Object, v: u8) -> bool {
    o.as_float()
        .map(|f| (f - v as f32 / 255.0).abs() < 0.5 / 255.0)
        .unwrap_or(false)
}

/// A slot's rectangle in PDF user space (points).
#[derive(Debug, Clone, Copy)]
pub struct Rect {
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
}

/// Finds the slot outlined in marker colour `id`, returns its rectangle and
/// rewrites its outline: kept in grey when `keep`, otherwise not painted.
fn take_slot(ops: &mut [Operation], id: u8, keep: bool) -> Option<Rect> {
    let start = ops.iter().position(|op| {
        op.operator == "RG"
            && op.operands.len() == 3
            && near(&op.operands[0], 1)
            && near(&op.operands[1], 2)
            && near(&op.operands[2], id)
    })?;
    let (mut x1, mut y1, mut x2, mut y2) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    let grey = Object::Real(0.6);
    ops[start].operands = vec![grey.clone(), grey.clone(), grey];
    for op in ops.iter_mut().skip(start + 1) {
        match op.operator.as_str() {
            "m" | "l" if op.operands.len() == 2 => {
                let x = op.operands[0].as_float().unwrap_or(0.0);
                let y = op.operands[1].as_float().unwrap_or(0.0);
                x1 = x1.min(x);
                y1 = y1.min(y);
                x2 = x2.max(x);
                y2 = y2.max(y);
            }
            "S" | "s" => {
                if !keep {
                    op.operator = "n".into();
                }
                break;
            }
            _ => {}
        }
    }
    (x1 <= x2 && y1 <= y2).then_some(Rect { x1, y1, x2, y2 })
}

fn resources_mut(doc: &mut Document, page: ObjectId) -> Result<&mut Dictionary> {
    let res = doc
        .get_dictionary(page)
        .and_then(|p| p.get(b"Resources"))
        .map_err(pdf_err)?
        .clone();
    match res {
        Object::Reference(id) => doc.get_dictionary_mut(id).map_err(pdf_err),
        _ => doc
            .get_dictionary_mut(page)
            .and_then(|p| p.get_mut(b"Resources"))
            .and_then(Object::as_dict_mut)
            .map_err(pdf_err),
    }
}

/// The page's font resource dictionary (followed through a reference).
fn font_dict_id(doc: &mut Document, page: ObjectId) -> Result<Option<ObjectId>> {
    let res = resources_mut(doc, page)?;
    Ok(match res.get(b"Font") {
        Ok(Object::Reference(id)) => Some(*id),
        _ => None,
    })
}

/// Finishes a rendered letter. `draft` prints the DRAFT mark.
pub(super) fn finish(
    r: Rendered,
    form: Form,
    draft: bool,
    logo: Option<&Logo<'_>>,
    meta: &Meta<'_>,
) -> Result<Vec<u8>> {
    let mut doc = Document::load_mem(&r.pdf).map_err(pdf_err)?;
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let mut used = [false; 4];
    let mut signature: Option<(ObjectId, Rect)> = None;
    let mut logo_xobject: Option<ObjectId> = None;
    if let Some(l) = logo {
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"XObject".to_vec()));
        dict.set("Subtype", Object::Name(b"Image".to_vec()));
        dict.set("Width", l.width as i64);
        dict.set("Height", l.height as i64);
        dict.set("ColorSpace", Object::Name(b"DeviceRGB".to_vec()));
        dict.set("BitsPerComponent", 8);
        dict.set("Filter", Object::Name(b"DCTDecode".to_vec()));
        let stream = Stream::new(dict, l.jpeg.to_vec()).with_compression(false);
        logo_xobject = Some(doc.add_object(stream));
    }
    for (n, &page) in pages.iter().enumerate() {
        let raw = doc.get_page_content(page).map_err(pdf_err)?;
        let mut content = Content::decode(&raw).map_err(pdf_err)?;
        if let Some(rect) = take_slot(&mut content.operations, SLOT_LOGO, false)
            && let (Some(l), Some(_)) = (logo, logo_xobject)
        {
            let (bw, bh) = (rect.x2 - rect.x1, rect.y2 - rect.y1);
            let scale = (bw / l.width as f32).min(bh / l.height as f32);
            let (w, h) = (l.width as f32 * scale, l.height as f32 * scale);
            let (x, y) = (rect.x1 + (bw - w) / 2.0, rect.y1 + (bh - h) / 2.0);
            content.operations.extend([
                Operation::new("q", vec![]),
                Operation::new(
                    "cm",
                    vec![w.into(), 0.into(), 0.into(), h.into(), x.into(), y.into()],
                ),
                Operation::new("Do", vec![Object::Name(b"Logo".to_vec())]),
                Operation::new("Q", vec![]),
            ]);
        }
        if let Some(rect) = take_slot(
            &mut content.operations,
            SLOT_SIGNATURE,
            form == Form::Elektronik,
        ) {
            signature.get_or_insert((page, rect));
        }
        if draft {
            let gids: Vec<u8> = DRAFT_MARK
                .chars()
                .filter_map(|c| r.glyphs[1].iter().find(|(k, _)| *k == c).map(|(_, g)| *g))
                .flat_map(u16::to_be_bytes)
                .collect();
            let (cos, sin) = (0.8192_f32, 0.5736_f32);
            // Drawn first, so the letter's text stays readable on top of it.
            content.operations.splice(
                0..0,
                [
                    Operation::new("q", vec![]),
                    Operation::new("g", vec![0.82.into()]),
                    Operation::new("BT", vec![]),
                    Operation::new("Tf", vec![Object::Name(b"F1".to_vec()), 120.into()]),
                    Operation::new(
                        "Tm",
                        vec![
                            cos.into(),
                            sin.into(),
                            (-sin).into(),
                            cos.into(),
                            150.0.into(),
                            230.0.into(),
                        ],
                    ),
                    Operation::new("Tj", vec![Object::String(gids, StringFormat::Hexadecimal)]),
                    Operation::new("ET", vec![]),
                    Operation::new("Q", vec![]),
                ],
            );
        }
        for op in &content.operations {
            if op.operator == "Tf"
                && let Some(Ok(name)) = op.operands.first().map(Object::as_name)
                && let [b'F', d] = name
                && (b'0'..=b'3').contains(d)
            {
                used[(d - b'0') as usize] = true;
            }
        }
        doc.change_page_content(page, content.encode().map_err(pdf_err)?)
            .map_err(pdf_err)?;
        if n == 0
            && let Some(id) = logo_xobject
        {
            let res = resources_mut(&mut doc, page)?;
            let mut x = Dictionary::new();
            x.set("Logo", Object::Reference(id));
            res.set("XObject", x);
        }
    }

    // Fonts: tag used subsets, give them a ToUnicode map, drop unused faces.
    for &page in &pages {
        let Some(fonts_id) = font_dict_id(&mut doc, page)? else {
            continue;
        };
        let entries: Vec<(Vec<u8>, ObjectId)> = doc
            .get_dictionary(fonts_id)
            .map_err(pdf_err)?
            .iter()
            .filter_map(|(k, v)| v.as_reference().ok().map(|id| (k.clone(), id)))
            .collect();
        for (key, font_id) in entries {
            let Some(face) = (match key.as_slice() {
                [b'F', d] if (b'0'..=b'3').contains(d) => Some((d - b'0') as usize),
                _ => None,
            }) else {
                continue;
            };
            if !used[face] {
                doc.get_dictionary_mut(fonts_id)
                    .map_err(pdf_err)?
                    .remove(&key);
                continue;
            }
            let name = format!("{}+{}", subset_tag(face, &r.glyphs[face]), FACE_NAMES[face]);
            let cmap = doc.add_object(Stream::new(Dictionary::new(), to_unicode(&r.glyphs[face])));
            let font = doc.get_dictionary_mut(font_id).map_err(pdf_err)?;
            font.set("BaseFont", Object::Name(name.clone().into_bytes()));
            font.set("ToUnicode", Object::Reference(cmap));
            let descendant = font
                .get_mut(b"DescendantFonts")
                .and_then(Object::as_array_mut)
                .map_err(pdf_err)?;
            let mut descriptor = None;
            for d in descendant.iter_mut() {
                if let Ok(dict) = d.as_dict_mut() {
                    dict.set("BaseFont", Object::Name(name.clone().into_bytes()));
                    descriptor = dict
                        .get(b"FontDescriptor")
                        .and_then(Object::as_reference)
                        .ok();
                }
            }
            if let Some(fd) = descriptor {
                doc.get_dictionary_mut(fd)
                    .map_err(pdf_err)?
                    .set("FontName", Object::Name(name.into_bytes()));
            }
        }
    }

    if form == Form::Elektronik {
        let (page, rect) = signature
            .ok_or_else(|| Error::Pdf("Kotak tanda tangan tidak ditemukan pada surat.".into()))?;
        let mut field = Dictionary::new();
        field.set("Type", Object::Name(b"Annot".to_vec()));
        field.set("Subtype", Object::Name(b"Widget".to_vec()));
        field.set("FT", Object::Name(b"Sig".to_vec()));
        field.set("T", Object::string_literal(SIGNATURE_FIELD));
        field.set("TU", text("Tanda tangan elektronik penandatangan surat"));
        field.set(
            "Rect",
            vec![
                rect.x1.into(),
                rect.y1.into(),
                rect.x2.into(),
                rect.y2.into(),
            ],
        );
        field.set("F", 4);
        field.set("P", Object::Reference(page));
        let field_id = doc.add_object(field);
        doc.get_dictionary_mut(page)
            .map_err(pdf_err)?
            .set("Annots", vec![Object::Reference(field_id)]);
        let mut acro = Dictionary::new();
        acro.set("Fields", vec![Object::Reference(field_id)]);
        acro.set("SigFlags", 0);
        doc.catalog_mut().map_err(pdf_err)?.set("AcroForm", acro);
    }

    let mut info = Dictionary::new();
    info.set("Title", text(meta.title));
    info.set("Subject", text(meta.subject));
    info.set("Author", text(meta.author));
    info.set("Creator", text("Loket"));
    info.set("Producer", text("Loket (genpdfi, lopdf)"));
    let date = Object::string_literal(pdf_date(meta.created));
    info.set("CreationDate", date.clone());
    info.set("ModDate", date);
    let info_id = doc.add_object(info);
    doc.trailer.set("Info", Object::Reference(info_id));
    doc.catalog_mut().map_err(pdf_err)?.remove(b"Metadata");
    doc.prune_objects();
    doc.renumber_objects();
    doc.compress();
    let mut out = Vec::with_capacity(64 * 1024);
    doc.save_to(&mut out)
        .map_err(|e| Error::Pdf(format!("Surat tidak dapat disimpan: {e}")))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn dates_carry_the_desk_offset() {
        let t = FixedOffset::east_opt(7 * 3600)
            .unwrap()
            .with_ymd_and_hms(2026, 11, 22, 9, 5, 3)
            .unwrap();
        assert_eq!(pdf_date(t), "D:20261122090503+07'00'");
    }

    #[test]
    fn to_unicode_maps_each_glyph_once() {
        let cmap = String::from_utf8(to_unicode(&vec![('a', 3), ('ĕ', 4), ('a', 3)])).unwrap();
        assert!(cmap.contains("2 beginbfchar"), "{cmap}");
        assert!(cmap.contains("<0003> <0061>") && cmap.contains("<0004> <0115>"));
    }

    #[test]
    fn subset_tags_are_six_capitals() {
        let t = subset_tag(0, &vec![('a', 1)]);
        assert_eq!(t.len(), 6);
        assert!(t.chars().all(|c| c.is_ascii_uppercase()));
        assert_ne!(t, subset_tag(1, &vec![('a', 1)]));
    }
}
