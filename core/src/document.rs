//! The document engine every printed thing uses: letters, receipts, the
//! application forms, reports, the standard, the berita acara. It knows
//! pages, the letterhead, tables, charts and fonts, and nothing of cases.
//!
//! - [`content`]: what a page says, as blocks, with Indonesian dates;
//! - [`layout`] (genpdfi with subset fonts) lays it out on A4, `chart`
//!   draws its charts;
//! - [`pdf`] (lopdf) finishes the file: fonts' names and text maps, the
//!   logo, the draft mark, the empty signature field;
//! - [`render`]: content to a finished PDF in one call.

mod chart;
pub mod content;
mod layout;
pub mod pdf;
pub mod render;
