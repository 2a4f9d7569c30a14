//! Reports on the service standard for a period, as the head of office
//! evaluates it every quarter.
//!
//! - [`period`]: the month, quarter, year or days a report covers;
//! - [`figures`]: the report's figures, from aggregates and each completed
//!   case's history;
//! - [`workbook`]: the report as an XLSX workbook with charts;
//! - [`table`]: the cases behind it as CSV;
//! - [`document`]: the report as a PDF in the letterhead, with its charts;
//! - [`export`]: the report saved in the format asked for, recorded in the
//!   audit log.

pub mod document;
pub mod export;
pub mod figures;
pub mod period;
pub mod table;
pub mod workbook;
