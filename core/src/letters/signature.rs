//! What Loket can tell about a signed PDF without trusting it: whether it holds
//! a signature, and whether the newest signature's byte range covers the whole
//! file (nothing was appended after signing). Cryptographic validation of the
//! signer's certificate chain is the signing tool's and BSrE's job.

use serde::Serialize;
use ts_rs::TS;

/// The result of [`inspect`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SignatureCheck {
    /// A signature dictionary with a byte range was found.
    pub present: bool,
    /// The newest signature covers the file from its first to its last byte,
    /// except its own /Contents.
    pub covers_whole_file: bool,
    /// How many signatures the file holds.
    pub count: u32,
}

fn find_all<'a>(hay: &'a [u8], needle: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    hay.windows(needle.len())
        .enumerate()
        .filter(move |(_, w)| *w == needle)
        .map(|(i, _)| i)
}

/// Parses `[a b c d]` after a `/ByteRange` key.
fn byte_range(after: &[u8]) -> Option<[u64; 4]> {
    let text = std::str::from_utf8(&after[..after.len().min(120)])
        .ok()
        .or_else(|| {
            let end = after.iter().position(|&b| b == b']')?;
            std::str::from_utf8(&after[..=end]).ok()
        })?;
    let open = text.find('[')?;
    let close = text[open..].find(']')? + open;
    let nums: Vec<u64> = text[open + 1..close]
        .split_ascii_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    nums.try_into().ok()
}

/// Looks for signatures in a PDF.
pub fn inspect(pdf: &[u8]) -> SignatureCheck {
    let ranges: Vec<[u64; 4]> = find_all(pdf, b"/ByteRange")
        .filter_map(|i| byte_range(&pdf[i + 10..]))
        .collect();
    let len = pdf.len() as u64;
    let newest = ranges.iter().max_by_key(|r| r[2] + r[3]);
    let covers_whole_file = newest.is_some_and(|&[a, b, c, d]| {
        a == 0
            && b < c
            && c + d == len
            && pdf.get(b as usize) == Some(&b'<')
            && pdf.get(c as usize - 1) == Some(&b'>')
    });
    SignatureCheck {
        present: !ranges.is_empty(),
        covers_whole_file,
        count: ranges.len() as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fake(trailing: &str) -> Vec<u8> {
        // A byte range around a hex /Contents placeholder, as signers write it.
        let head = "%PDF-1.7\n1 0 obj <</ByteRange [0 AAAA BBBB CCCC] /Contents ";
        let contents = "<00112233>";
        let tail = " >> endobj\n%%EOF\n";
        let b = head.len();
        let c = b + contents.len();
        let total = c + tail.len();
        let fix = |n: usize| format!("{n:<4}");
        let head = head
            .replace("AAAA", &fix(b))
            .replace("BBBB", &fix(c))
            .replace("CCCC", &fix(total - c));
        format!("{head}{contents}{tail}{trailing}").into_bytes()
    }

    #[test]
    fn a_whole_signed_file_is_intact_and_appending_breaks_it() {
        let ok = inspect(&fake(""));
        assert!(ok.present && ok.covers_whole_file, "{ok:?}");
        let appended = inspect(&fake("extra bytes"));
        assert!(appended.present && !appended.covers_whole_file);
        let none = inspect(b"%PDF-1.7\n%%EOF\n");
        assert!(!none.present && !none.covers_whole_file);
    }
}
