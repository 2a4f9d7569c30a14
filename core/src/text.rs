//! Characters that hide or reorder text: bidi controls (a right-to-left override makes
//! `surat<U+202E>fdp.exe` show as `suratexe.pdf`) and zero-width characters (which make
//! two equal-looking names differ). Loket refuses them wherever it writes a
//! name it was given.

/// Whether `c` is a bidi control or a zero-width character.
pub fn hidden(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::hidden;

    #[test]
    fn bidi_and_zero_width_characters_are_hidden_ones() {
        for c in [
            '\u{202E}', '\u{2067}', '\u{200B}', '\u{200D}', '\u{FEFF}', '\u{061C}',
        ] {
            assert!(hidden(c), "{:04X}", c as u32);
        }
        for c in ['a', 'é', '✓', ' ', '-', 'ـ'] {
            assert!(!hidden(c), "{c}");
        }
    }
}
