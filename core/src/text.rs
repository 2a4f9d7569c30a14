//! Characters that hide or reorder text: bidi controls (a right-to-left override makes
//! `surat<U+202E>fdp.exe` show as `suratexe.pdf`) and zero-width characters (which make
//! two equal-looking names differ), and control characters (NUL among
//! them). Typed text is read through [`line`] or [`lines`]: white space
//! tidied, these characters refused with a message for the field, and a
//! maximum length; a file name Loket writes is cleaned of them (`saving`).

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

/// The first character of `value` that typed text may not hold: a control
/// character other than a line break or a tab, a bidi control or a
/// zero-width character.
fn refused(value: &str) -> Option<char> {
    value
        .chars()
        .find(|&c| (c.is_control() && !matches!(c, '\n' | '\t' | '\r')) || hidden(c))
}

fn message(label: &str, c: char) -> String {
    format!(
        "{label} memuat karakter tersembunyi atau karakter kendali (U+{:04X}). Ketik ulang isinya, jangan menyalin-tempel.",
        c as u32
    )
}

/// A line of typed text (a name, a position, an address): runs of white
/// space (tabs and line breaks too) become one space, the ends are trimmed; refused with a message
/// naming `label` when it holds a control, bidi or zero-width character or is
/// longer than `max` characters. Empty is returned as empty: whether a field
/// is required is the caller's rule.
pub fn line(value: &str, label: &str, max: usize) -> Result<String, String> {
    if let Some(c) = refused(value) {
        return Err(message(label, c));
    }
    let v = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if v.chars().count() > max {
        return Err(format!("{label} paling panjang {max} karakter."));
    }
    Ok(v)
}

/// Text of several lines (a note, a reason): line breaks kept (`\r\n` as
/// `\n`), the ends trimmed, otherwise as [`line`].
pub fn lines(value: &str, label: &str, max: usize) -> Result<String, String> {
    if let Some(c) = refused(value) {
        return Err(message(label, c));
    }
    let v = value.replace("\r\n", "\n").replace('\r', "\n");
    let v = v.trim();
    if v.chars().count() > max {
        return Err(format!("{label} paling panjang {max} karakter."));
    }
    Ok(v.to_string())
}

/// A form's field read through [`line`] or [`lines`] (`checked`): its value,
/// or its message noted under `key` in `fields` ("Wajib diisi." for an empty
/// `required` one) and an empty value. Every problem of a form is named at
/// once, next to its field.
pub fn field(
    fields: &mut std::collections::BTreeMap<String, String>,
    key: impl Into<String>,
    checked: Result<String, String>,
    required: bool,
) -> String {
    match checked {
        Ok(v) if required && v.is_empty() => {
            fields.insert(key.into(), "Wajib diisi.".into());
            v
        }
        Ok(v) => v,
        Err(m) => {
            fields.insert(key.into(), m);
            String::new()
        }
    }
}

/// A whole number as Indonesian text groups it: 17.179.869.184.
pub fn number(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{hidden, line, lines};

    #[test]
    fn typed_text_is_tidied_and_hidden_characters_are_refused() {
        assert_eq!(line("  Ni  Luh\tAyu ", "Nama", 120).unwrap(), "Ni Luh Ayu");
        assert_eq!(line("", "Nama", 120).unwrap(), "");
        for bad in [
            "Ayu\u{0}",
            "Ayu\u{202E}ugA",
            "A\u{200B}yu",
            "Ayu\u{1b}[31m",
            "Ayu\u{7f}",
        ] {
            let e = line(bad, "Nama", 120).unwrap_err();
            assert!(
                e.starts_with("Nama memuat karakter tersembunyi"),
                "{bad:?}: {e}"
            );
        }
        assert!(
            line(&"a".repeat(121), "Nama", 120)
                .unwrap_err()
                .contains("paling panjang 120")
        );
        assert_eq!(
            line(&"é".repeat(120), "Nama", 120).unwrap().chars().count(),
            120
        );
        assert_eq!(
            lines(" baris satu\r\nbaris dua\t. ", "Catatan", 50).unwrap(),
            "baris satu\nbaris dua\t."
        );
        assert!(lines("a\u{0}", "Catatan", 50).is_err());
    }

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
