//! The PDF side of a signature: the signature value reachable from the final
//! trailer (Root → AcroForm → Fields → /V), its byte range, and whether that
//! range is exactly the file up to the end of the signed revision.
//!
//! Nothing here trusts a text search: the signature is found through the
//! document's own cross-reference chain, as a PDF reader does, so a
//! `/ByteRange` in a comment or an unreferenced object counts for nothing.

use lopdf::{Dictionary, Document, Object};

/// A signature value found in the document.
#[derive(Debug, Clone)]
pub struct Found {
    /// The field's name (/T).
    pub field: String,
    /// /SubFilter, e.g. `adbe.pkcs7.detached` or `ETSI.CAdES.detached`.
    pub sub_filter: String,
    /// The two signed ranges `(start, length)`.
    pub ranges: [(usize, usize); 2],
    /// The CMS object (the /Contents bytes, zero padding included).
    pub contents: Vec<u8>,
    /// The signature's place holder lies exactly between the ranges and
    /// holds the /Contents in hex.
    pub gap_is_contents: bool,
    /// Where the signed revision ends (the end of the second range).
    pub signed_end: usize,
}

/// What the document holds.
#[derive(Debug)]
pub enum Signatures {
    /// Not a PDF this reader can follow.
    Unreadable(String),
    /// No signature value is reachable from the final trailer.
    None,
    /// The signature values reachable, the one reaching furthest first.
    Some(Vec<Found>),
}

fn resolve<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    doc.dereference(o).ok().map(|(_, o)| o)
}

fn dict<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    resolve(doc, o)?.as_dict().ok()
}

fn name_of(d: &Dictionary, key: &[u8]) -> Option<String> {
    d.get(key)
        .ok()?
        .as_name()
        .ok()
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

/// The fields of the form, terminal fields only, with their full names.
fn terminal_fields<'a>(
    doc: &'a Document,
    list: &'a [Object],
    prefix: &str,
    depth: u32,
    out: &mut Vec<(String, &'a Dictionary)>,
) {
    if depth > 16 {
        return; // a loop of /Kids in a crafted file
    }
    for f in list {
        let Some(d) = dict(doc, f) else { continue };
        let own = d
            .get(b"T")
            .ok()
            .and_then(|t| t.as_str().ok())
            .map(|t| String::from_utf8_lossy(t).into_owned());
        let full = match (&own, prefix.is_empty()) {
            (Some(t), true) => t.clone(),
            (Some(t), false) => format!("{prefix}.{t}"),
            (None, _) => prefix.to_string(),
        };
        match d
            .get(b"Kids")
            .ok()
            .and_then(|k| resolve(doc, k))
            .and_then(|k| k.as_array().ok())
        {
            Some(kids)
                if kids
                    .iter()
                    .any(|k| dict(doc, k).is_some_and(|k| k.has(b"T"))) =>
            {
                terminal_fields(doc, kids, &full, depth + 1, out)
            }
            _ => out.push((full, d)),
        }
    }
}

fn ranges(sig: &Dictionary, doc: &Document) -> Option<[(usize, usize); 2]> {
    let arr = resolve(doc, sig.get(b"ByteRange").ok()?)?.as_array().ok()?;
    let n: Vec<usize> = arr
        .iter()
        .map(|o| {
            resolve(doc, o)?
                .as_i64()
                .ok()
                .and_then(|v| usize::try_from(v).ok())
        })
        .collect::<Option<_>>()?;
    match n[..] {
        [a, b, c, d] => Some([(a, b), (c, d)]),
        _ => None,
    }
}

fn hex_value(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// The bytes between the ranges are `<hex>` and the hex is `contents`.
fn gap_holds(pdf: &[u8], gap: std::ops::Range<usize>, contents: &[u8]) -> bool {
    let Some(g) = pdf.get(gap) else { return false };
    let [b'<', inner @ .., b'>'] = g else {
        return false;
    };
    if inner.len() % 2 != 0 || inner.len() / 2 != contents.len() {
        return false;
    }
    inner.chunks(2).zip(contents).all(|(pair, &byte)| {
        matches!((hex_value(pair[0]), hex_value(pair[1])), (Some(h), Some(l)) if h << 4 | l == byte)
    })
}

/// Finds the signature values of `pdf`.
pub fn signatures(pdf: &[u8]) -> Signatures {
    let doc = match Document::load_mem(pdf) {
        Ok(d) => d,
        Err(e) => return Signatures::Unreadable(e.to_string()),
    };
    let Some(fields) = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"AcroForm").ok())
        .and_then(|f| dict(&doc, f))
        .and_then(|f| f.get(b"Fields").ok())
        .and_then(|f| resolve(&doc, f))
        .and_then(|f| f.as_array().ok())
    else {
        return Signatures::None;
    };
    let mut terminal = vec![];
    terminal_fields(&doc, fields, "", 0, &mut terminal);
    let mut found: Vec<Found> = terminal
        .into_iter()
        .filter_map(|(name, field)| {
            let sig = dict(&doc, field.get(b"V").ok()?)?;
            let ranges = ranges(sig, &doc)?;
            let contents = resolve(&doc, sig.get(b"Contents").ok()?)?
                .as_str()
                .ok()?
                .to_vec();
            let [(a, b), (c, d)] = ranges;
            let gap_is_contents =
                a == 0 && b < c && a.checked_add(b).is_some() && gap_holds(pdf, b..c, &contents);
            Some(Found {
                field: name,
                sub_filter: name_of(sig, b"SubFilter").unwrap_or_default(),
                ranges,
                contents,
                gap_is_contents,
                signed_end: c.saturating_add(d),
            })
        })
        .collect();
    if found.is_empty() {
        return Signatures::None;
    }
    found.sort_by_key(|f| std::cmp::Reverse(f.signed_end));
    Signatures::Some(found)
}

/// The signed bytes: the two ranges, when they lie inside the file.
pub fn signed_bytes<'a>(pdf: &'a [u8], f: &Found) -> Option<[&'a [u8]; 2]> {
    let [(a, b), (c, d)] = f.ranges;
    Some([
        pdf.get(a..a.checked_add(b)?)?,
        pdf.get(c..c.checked_add(d)?)?,
    ])
}

/// The signed revision ends a revision: its last line is `%%EOF`.
pub fn ends_a_revision(pdf: &[u8], end: usize) -> bool {
    let Some(head) = pdf.get(..end) else {
        return false;
    };
    let trimmed = head
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(&[][..], |i| &head[..=i]);
    trimmed.ends_with(b"%%EOF")
}
