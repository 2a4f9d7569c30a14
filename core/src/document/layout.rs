//! Lays a letter out on A4 with genpdfi, the one place Loket's letters meet the
//! PDF engine. Fonts are subset to the characters of this letter before
//! rendering, so a one-page letter embeds a few kilobytes of font instead of
//! whole font files. Places the engine cannot draw (the logo, the signature box)
//! are left as marked slots that [`super::pdf`] finds and fills.

use std::collections::BTreeSet;
use std::sync::Arc;

use genpdfi::elements::{
    Break, FrameCellDecorator, LinearLayout, PageBreak, Paragraph, TableLayout,
};
use genpdfi::fonts::{FontData, FontFamily};
use genpdfi::style::{Color, LineStyle, Style};
use genpdfi::{Alignment, Context, Element, Margins, Mm, Position, RenderResult, Size};

use super::content::{Block, LetterContent, tanggal};
use crate::error::{Error, Result};

const REGULAR: &[u8] = include_bytes!("../../fonts/LiberationSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../fonts/LiberationSans-Bold.ttf");
const ITALIC: &[u8] = include_bytes!("../../fonts/LiberationSans-Italic.ttf");
const BOLD_ITALIC: &[u8] = include_bytes!("../../fonts/LiberationSans-BoldItalic.ttf");

/// PostScript names of the four faces, in the order genpdfi adds them (F0..F3).
pub(super) const FACE_NAMES: [&str; 4] = [
    "LiberationSans",
    "LiberationSans-Bold",
    "LiberationSans-Italic",
    "LiberationSans-BoldItalic",
];

/// Text drawn by the post-processor (the draft mark) must be in the subset too.
pub(super) const DRAFT_MARK: &str = "DRAFT";

/// Marker colours of the slots: stroke colour (1, 2, id) in 0-255 RGB.
pub(super) const SLOT_LOGO: u8 = 11;
pub(super) const SLOT_SIGNATURE: u8 = 12;

/// One face's subset: character -> glyph id in the subset font.
pub(super) type GlyphMap = Vec<(char, u16)>;

/// The raw engine output and what the post-processor needs to finish it.
pub(super) struct Rendered {
    pub pdf: Vec<u8>,
    pub glyphs: [GlyphMap; 4],
}

fn subset_face(data: &'static [u8], chars: &str) -> Result<(FontData, GlyphMap)> {
    let r = genpdfi::subsetting::subset_font_with_mapping(data, chars)
        .map_err(|e| Error::Pdf(format!("Huruf surat tidak dapat disiapkan: {e}")))?;
    let map: GlyphMap = chars
        .chars()
        .filter_map(|c| r.glyph_id_map.get(c).map(|g| (c, g)))
        .collect();
    let font = FontData::new_with_subset(Arc::new(data.to_vec()), Arc::new(r.data), r.glyph_id_map)
        .map_err(|e| Error::Pdf(format!("Huruf surat tidak dapat dibaca: {e}")))?;
    Ok((font, map))
}

/// A fixed-height slot outlined in a marker colour; the post-processor turns
/// the outline into the logo or the signature box (or removes it).
struct Slot {
    id: u8,
    width: Option<Mm>,
    height: Mm,
}

impl Element for Slot {
    fn render(
        &mut self,
        _context: &Context,
        area: genpdfi::render::Area<'_>,
        _style: Style,
    ) -> std::result::Result<RenderResult, genpdfi::error::Error> {
        let w = self.width.unwrap_or(area.size().width);
        if area.size().height < self.height {
            return Ok(RenderResult {
                size: Size::new(0, 0),
                has_more: true,
            });
        }
        let h = self.height;
        let zero = Mm::from(0);
        area.draw_line(
            vec![
                Position::new(zero, zero),
                Position::new(w, zero),
                Position::new(w, h),
                Position::new(zero, h),
                Position::new(zero, zero),
            ],
            LineStyle::new()
                .with_thickness(0.2)
                .with_color(Color::Rgb(1, 2, self.id)),
        );
        Ok(RenderResult {
            size: Size::new(w, h),
            has_more: false,
        })
    }
}

/// A thick-over-thin rule under the letterhead, as the Tata Naskah Dinas draws it.
struct Rule;

impl Element for Rule {
    fn render(
        &mut self,
        _context: &Context,
        area: genpdfi::render::Area<'_>,
        _style: Style,
    ) -> std::result::Result<RenderResult, genpdfi::error::Error> {
        let w = area.size().width;
        let zero = Mm::from(0);
        let line = |y: f32, t: f32| {
            area.draw_line(
                vec![
                    Position::new(zero, Mm::from(y)),
                    Position::new(w, Mm::from(y)),
                ],
                LineStyle::new().with_thickness(t),
            );
        };
        line(1.0, 0.8);
        line(2.0, 0.25);
        Ok(RenderResult {
            size: Size::new(w, 3),
            has_more: false,
        })
    }
}

/// Left-aligned text on the glyphs' own origins, wrapped at spaces; set
/// flush left and right (rata kiri-kanan) for body paragraphs, as official
/// letters are: every line but the last is filled by widening the spaces
/// between its words.
///
/// genpdfi's own paragraph moves the first glyph of every line by that
/// glyph's left side bearing, so lines starting with letters of different
/// bearings ("Yth.", "Jabatan") sat visibly out of line with their
/// neighbours. Here every run is placed so that the shift cancels and the
/// glyph origin sits where the layout puts it (see [`print_at`]); a justified
/// line prints each word at its own position, any other line is one run.
struct Text {
    words: Vec<String>,
    justify: bool,
    /// The first word not yet printed (a paragraph may continue on the next page).
    next: usize,
}

/// Left-aligned text.
fn line(text: &str) -> Text {
    Text {
        words: text.split_whitespace().map(str::to_string).collect(),
        justify: false,
        next: 0,
    }
}

/// A body paragraph, flush left and right.
fn justified(text: &str) -> Text {
    Text {
        justify: true,
        ..line(text)
    }
}

impl Element for Text {
    fn render(
        &mut self,
        context: &Context,
        mut area: genpdfi::render::Area<'_>,
        style: Style,
    ) -> std::result::Result<RenderResult, genpdfi::error::Error> {
        let fonts = &context.font_cache;
        let width = area.size().width;
        let space = style.str_width(fonts, " ");
        let metrics = style.metrics(fonts);
        // Each word measured once (a paragraph may go on over pages).
        let widths: Vec<Mm> = self
            .words
            .iter()
            .map(|w| style.str_width(fonts, w))
            .collect();
        let mut result = RenderResult::default();
        while self.next < self.words.len() {
            // The words that fit on this line (at least one).
            let mut end = self.next;
            let mut used = Mm::from(0);
            while end < self.words.len() {
                let w = widths[end];
                let with_space = if end == self.next {
                    w
                } else {
                    used + space + w
                };
                if end > self.next && with_space > width {
                    break;
                }
                used = with_space;
                end += 1;
            }
            let line = &self.words[self.next..end];
            let last = end == self.words.len();
            let gaps = line.len().saturating_sub(1);
            let gap = if !self.justify || last || gaps == 0 {
                space
            } else {
                let text_width = widths[self.next..end]
                    .iter()
                    .fold(Mm::from(0), |a, b| a + *b);
                (width - text_width) / gaps as f32
            };
            if gap == space {
                // Normal spacing: the line as one run of text.
                if !print_at(&area, context, Mm::from(0), style, &line.join(" "))? {
                    result.has_more = true;
                    return Ok(result);
                }
            } else {
                let mut x = Mm::from(0);
                for (word, w) in line.iter().zip(&widths[self.next..end]) {
                    if !print_at(&area, context, x, style, word)? {
                        result.has_more = true;
                        return Ok(result);
                    }
                    x += *w + gap;
                }
            }
            self.next = end;
            let used_width = if self.justify && !last { width } else { used };
            result.size = result
                .size
                .stack_vertical(Size::new(used_width, metrics.line_height));
            area.add_offset(Position::new(0, metrics.line_height));
        }
        Ok(result)
    }
}

/// Prints `text` on one line with its first glyph's origin at `x`. genpdfi
/// starts a text section `left side bearing` to the left of where it is
/// asked to; asking that much further right puts the origin exactly at `x`.
/// `false` when the line does not fit in the area (next page).
fn print_at(
    area: &genpdfi::render::Area<'_>,
    context: &Context,
    x: Mm,
    style: Style,
    text: &str,
) -> std::result::Result<bool, genpdfi::error::Error> {
    let fonts = &context.font_cache;
    let bearing = text
        .chars()
        .next()
        .map(|c| style.char_left_side_bearing(fonts, c))
        .unwrap_or_default();
    let Some(mut section) =
        area.text_section(fonts, Position::new(x + bearing, 0), style.metrics(fonts))
    else {
        return Ok(false);
    };
    section.print_str(text, style)?;
    Ok(true)
}

/// How wide a character prints, in the average character's widths (about
/// 2 mm at 9 pt): the widest letters and capitals count for more, so a word
/// of capitals ("MOHAMMADWAHYUDDIN") is cut before it overflows its column.
fn weight(c: char) -> f32 {
    match c {
        'W' | 'M' | 'm' | 'w' | '@' | '%' => 1.6,
        c if c.is_uppercase() => 1.35,
        _ => 1.0,
    }
}

fn width(s: &str) -> f32 {
    s.chars().map(weight).sum()
}

/// The engine wraps only at spaces: a word wider than its column (an e-mail
/// address, a long name in capitals) is given break points after `@` and
/// `.`, or cut as a last resort. `max` is in average characters.
fn breakable(text: &str, max: usize) -> String {
    let max = max.max(4) as f32;
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        let mut line = String::new();
        for piece in word.split_inclusive(['@', '.']) {
            if width(&line) + width(piece) > max && !line.is_empty() {
                out.push(std::mem::take(&mut line));
            }
            for c in piece.chars() {
                if width(&line) + weight(c) > max && !line.is_empty() {
                    out.push(std::mem::take(&mut line));
                }
                line.push(c);
            }
        }
        if !line.is_empty() {
            out.push(line);
        }
    }
    out.join(" ")
}

fn para(text: &str) -> Paragraph {
    Paragraph::new(text.to_string())
}

fn bold(size: u8) -> Style {
    Style::new().bold().with_font_size(size)
}

fn charset(texts: &[&str]) -> String {
    let set: BTreeSet<char> = texts.iter().flat_map(|t| t.chars()).collect();
    set.into_iter().collect()
}

/// The characters each face prints (regular, bold, italic, bold italic), so
/// each subset holds only its own glyphs. Bold is used for the letterhead
/// names, the title, the table headers, the signatory's name and the draft
/// mark; italic only for the electronic-signature footer.
fn characters(c: &LetterContent, footer: Option<&str>) -> [String; 4] {
    let regular = charset(&[&c.to_text(), "0123456789:.,/-()"]);
    let headings: Vec<&str> = c
        .isi
        .iter()
        .flat_map(|b| match b {
            Block::Subjudul(t) => vec![t.as_str()],
            Block::Tabel { kepala, .. } => kepala.iter().map(String::as_str).collect(),
            _ => vec![],
        })
        .collect();
    let headings = headings.concat();
    let bold = charset(&[
        &headings,
        &c.kop.pemerintah.to_uppercase(),
        &c.kop.dinas.to_uppercase(),
        c.judul.as_deref().unwrap_or(""),
        &c.penandatangan.nama,
        DRAFT_MARK,
        "DAFTAR PEGAWAI No Nama NIP Jabatan Unit Kerja E-mail Layanan",
    ]);
    let italic = charset(&[footer.unwrap_or("")]);
    [regular, bold, italic, String::new()]
}

fn key_values(rows: &[(String, String)]) -> TableLayout {
    let mut t = TableLayout::new(vec![4, 1, 14]);
    for (k, v) in rows {
        let _ = t
            .row()
            .element(line(k))
            .element(line(":"))
            .element(line(v))
            .push();
    }
    t
}

/// A framed table in 9 pt; each cell's lines are paragraphs of their own.
fn table(widths: &[usize], head: &[String], rows: &[Vec<String>]) -> TableLayout {
    let total: usize = widths.iter().sum::<usize>().max(1);
    // Text width of A4 minus the margins, in mm; at most 2 mm per 9 pt
    // character (bold capitals are the widest).
    let limit: Vec<usize> = widths
        .iter()
        .map(|w| ((165.0 * *w as f32 / total as f32 - 2.0) / 2.0) as usize)
        .collect();
    let mut t = TableLayout::new(widths.to_vec());
    t.set_cell_decorator(FrameCellDecorator::new(true, true, true));
    let cell = |text: &str, st: Style, max: usize| {
        let mut lines = LinearLayout::vertical();
        for l in text.split('\n') {
            lines.push(para(&breakable(l, max)).styled(st));
        }
        lines.padded(Margins::trbl(1, 1, 1, 1))
    };
    let hs = Style::new().bold().with_font_size(9);
    let ds = Style::new().with_font_size(9);
    // Every row gets exactly one cell per column (a short row is padded).
    for (r, st) in std::iter::once((head, hs)).chain(rows.iter().map(|r| (r.as_slice(), ds))) {
        let mut row = t.row();
        for (i, max) in limit.iter().enumerate() {
            row.push_element(cell(r.get(i).map_or("", String::as_str), st, *max));
        }
        let _ = row.push();
    }
    t
}

/// Lays the letter out and renders it with subset fonts. `footer` is the
/// electronic-signature line printed at the bottom of the last page.
pub(super) fn render(c: &LetterContent, footer: Option<&str>) -> Result<Rendered> {
    let [cr, cb, ci, cbi] = characters(c, footer);
    let (r, gr) = subset_face(REGULAR, &cr)?;
    let (b, gb) = subset_face(BOLD, &cb)?;
    let (i, gi) = subset_face(ITALIC, &ci)?;
    let (bi, gbi) = subset_face(BOLD_ITALIC, &cbi)?;
    let mut doc = genpdfi::Document::new(FontFamily {
        regular: r,
        bold: b,
        italic: i,
        bold_italic: bi,
    });
    doc.set_title(c.title());
    doc.set_minimal_conformance();
    doc.set_paper_size(genpdfi::PaperSize::A4);
    doc.set_font_size(12);
    doc.set_line_spacing(1.05);
    let mut dec = genpdfi::SimplePageDecorator::new();
    dec.set_margins(Margins::trbl(10, 20, 10, 25));
    doc.set_page_decorator(dec);

    // Kop: the logo slot left, the names centred beside it, then the rule.
    let mut kop = TableLayout::new(vec![3, 14]);
    let mut names = LinearLayout::vertical();
    names.push(
        para(&c.kop.pemerintah.to_uppercase())
            .aligned(Alignment::Center)
            .styled(bold(14)),
    );
    names.push(
        para(&c.kop.dinas.to_uppercase())
            .aligned(Alignment::Center)
            .styled(bold(15)),
    );
    names.push(
        para(&c.kop.alamat)
            .aligned(Alignment::Center)
            .styled(Style::new().with_font_size(10)),
    );
    let contact = [
        (!c.kop.telepon.is_empty()).then(|| format!("Telepon {}", c.kop.telepon)),
        (!c.kop.laman.is_empty()).then(|| format!("Laman {}", c.kop.laman)),
        (!c.kop.email.is_empty()).then(|| format!("Pos-el {}", c.kop.email)),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    names.push(
        para(&contact)
            .aligned(Alignment::Center)
            .styled(Style::new().with_font_size(10)),
    );
    let _ = kop
        .row()
        .element(Slot {
            id: SLOT_LOGO,
            width: Some(Mm::from(22)),
            height: Mm::from(24),
        })
        .element(names)
        .push();
    doc.push(kop);
    doc.push(Rule);
    doc.push(Break::new(0.5));

    if let Some(title) = &c.judul {
        doc.push(para(title).aligned(Alignment::Center).styled(bold(13)));
        if let Some(n) = &c.nomor {
            doc.push(para(&format!("Nomor: {n}")).aligned(Alignment::Center));
        }
        doc.push(Break::new(1.0));
    } else {
        doc.push(para(&format!("{}, {}", c.tempat, tanggal(c.tanggal))).aligned(Alignment::Right));
        doc.push(Break::new(0.5));
        let nomor = c
            .nomor
            .clone()
            .unwrap_or_else(|| "(draf, belum bernomor)".into());
        doc.push(key_values(&[
            ("Nomor".into(), nomor),
            ("Sifat".into(), c.sifat.clone()),
            ("Lampiran".into(), c.lampiran_text()),
            ("Hal".into(), c.hal.clone()),
        ]));
        doc.push(Break::new(1.0));
        let mut yth = LinearLayout::vertical();
        for (n, to) in c.tujuan.iter().enumerate() {
            let text = if n == 0 {
                format!("Yth. {to}")
            } else {
                to.clone()
            };
            yth.push(line(&text));
        }
        doc.push(yth);
        doc.push(Break::new(1.0));
    }

    for block in &c.isi {
        match block {
            Block::Teks(t) => doc.push(justified(t)),
            Block::Data(rows) => doc.push(key_values(rows).padded(Margins::trbl(0, 0, 0, 8))),
            Block::Daftar(items) => {
                let mut list = LinearLayout::vertical();
                for (n, item) in items.iter().enumerate() {
                    list.push(
                        line(&format!("{}. {item}", n + 1)).padded(Margins::trbl(0, 0, 0, 8)),
                    );
                }
                doc.push(list);
            }
            Block::Subjudul(t) => doc.push(para(t).styled(bold(12))),
            Block::Tabel {
                lebar,
                kepala,
                baris,
            } => doc.push(table(lebar, kepala, baris)),
            Block::HalamanBaru => {
                doc.push(PageBreak::new());
                continue;
            }
            Block::Grafik { garis, label, seri } => doc.push(super::chart::ChartBox {
                lines: *garis,
                labels: label.clone(),
                series: seri.clone(),
                height: Mm::from(62),
            }),
        }
        doc.push(Break::new(0.4));
    }

    // Signatory block on the right half.
    let s = &c.penandatangan;
    let mut sign = LinearLayout::vertical();
    if c.isian_kosong {
        sign.push(line(&format!("{}, ............................", c.tempat)));
    } else if c.judul.is_some() {
        sign.push(line(&format!("{}, {}", c.tempat, tanggal(c.tanggal))));
    }
    sign.push(line(&format!("{},", s.jabatan)));
    sign.push(Slot {
        id: SLOT_SIGNATURE,
        width: None,
        height: Mm::from(22),
    });
    sign.push(line(&s.nama).styled(Style::new().bold()));
    if !s.pangkat.is_empty() {
        sign.push(line(&s.pangkat));
    }
    if !s.nip.is_empty() {
        sign.push(line(&format!("NIP {}", s.nip)));
    }
    let mut block = TableLayout::new(vec![1, 1]);
    let _ = block.row().element(Break::new(0.0)).element(sign).push();
    doc.push(Break::new(0.5));
    doc.push(block);

    if !c.tembusan.is_empty() {
        doc.push(Break::new(1.0));
        doc.push(line("Tembusan:").styled(Style::new().with_font_size(10)));
        for (n, t) in c.tembusan.iter().enumerate() {
            doc.push(line(&format!("{}. {t}", n + 1)).styled(Style::new().with_font_size(10)));
        }
    }
    if let Some(f) = footer {
        doc.push(Break::new(0.5));
        doc.push(
            para(f)
                .aligned(Alignment::Center)
                .styled(Style::new().italic().with_font_size(8)),
        );
    }

    if let Some(rows) = &c.lampiran {
        doc.push(PageBreak::new());
        let small = Style::new().with_font_size(9);
        let mut head = LinearLayout::vertical();
        head.push(line("LAMPIRAN").styled(small));
        head.push(line(&format!("Surat {}", c.kop.dinas)).styled(small));
        head.push(
            para(&format!(
                "Nomor {}",
                c.nomor.clone().unwrap_or_else(|| "(draf)".into())
            ))
            .styled(small),
        );
        head.push(line(&format!("Tanggal {}", tanggal(c.tanggal))).styled(small));
        let mut top = TableLayout::new(vec![1, 1]);
        let _ = top.row().element(Break::new(0.0)).element(head).push();
        doc.push(top);
        doc.push(Break::new(1.0));
        doc.push(
            para("DAFTAR PEGAWAI")
                .aligned(Alignment::Center)
                .styled(bold(11)),
        );
        doc.push(Break::new(0.5));
        let weights = vec![2, 8, 11, 8, 8, 10, 6];
        let total: usize = weights.iter().sum();
        // Text width of A4 minus the margins, in mm; about 1.6 mm per 8 pt character.
        let limit: Vec<usize> = weights
            .iter()
            .map(|w| ((160.0 * *w as f32 / total as f32 - 2.0) / 1.6) as usize)
            .collect();
        let mut t = TableLayout::new(weights);
        t.set_cell_decorator(FrameCellDecorator::new(true, true, true));
        let cell = |s: &str, st: Style| line(s).styled(st).padded(Margins::trbl(1, 1, 1, 1));
        let hs = Style::new().bold().with_font_size(8);
        let ds = Style::new().with_font_size(8);
        let mut row = t.row();
        for h in [
            "No",
            "Nama",
            "NIP",
            "Jabatan",
            "Unit Kerja",
            "E-mail",
            "Layanan",
        ] {
            row.push_element(cell(h, hs));
        }
        let _ = row.push();
        for (n, r) in rows.iter().enumerate() {
            let mut row = t.row();
            row.push_element(cell(&(n + 1).to_string(), ds));
            let values = [
                &r.nama,
                &r.nip,
                &r.jabatan,
                &r.unit_kerja,
                &r.email,
                &r.layanan,
            ];
            for (v, max) in values.into_iter().zip(&limit[1..]) {
                row.push_element(cell(&breakable(v, *max), ds));
            }
            let _ = row.push();
        }
        doc.push(t);
    }

    let mut pdf = Vec::with_capacity(64 * 1024);
    doc.render(&mut pdf)
        .map_err(|e| Error::Pdf(format!("Surat tidak dapat dibuat: {e}")))?;
    Ok(Rendered {
        pdf,
        glyphs: [gr, gb, gi, gbi],
    })
}

#[cfg(test)]
mod tests {
    use super::breakable;

    #[test]
    fn long_words_get_break_points() {
        assert_eq!(
            breakable("pegawai2@denpasarkota.go.id", 14),
            "pegawai2@ denpasarkota. go.id"
        );
        assert_eq!(breakable("abcdefghij", 4), "abcd efgh ij");
        assert_eq!(breakable("Ni Luh Ayu", 10), "Ni Luh Ayu");
        // Capitals are wider: a long word of them is cut sooner.
        assert!(
            breakable("MOHAMMADWAHYUDDIN", 10)
                .split(' ')
                .all(|w| super::width(w) <= 10.0),
            "{}",
            breakable("MOHAMMADWAHYUDDIN", 10)
        );
    }
}
