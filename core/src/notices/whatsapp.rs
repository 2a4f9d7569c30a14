//! WhatsApp click-to-chat: a link (`https://wa.me/<number>?text=...`) that
//! opens a chat with the applicant with the message's text typed in, for
//! staff to send themselves. No API and no credentials: Loket only builds
//! the link; the number is normalised to the international form (08xx and
//! +62 8xx become 628xx).

/// The number in international digits, when it looks like a mobile number.
pub fn number(telepon: &str) -> Option<String> {
    let digits: String = telepon.chars().filter(char::is_ascii_digit).collect();
    let n = if let Some(rest) = digits.strip_prefix('0') {
        format!("62{rest}")
    } else {
        digits
    };
    (n.starts_with("628") && (10..=15).contains(&n.len())).then_some(n)
}

/// The click-to-chat link with `text`, or none without a usable number.
pub fn link(telepon: &str, text: &str) -> Option<String> {
    let n = number(telepon)?;
    let text: String = text.chars().take(1500).collect();
    Some(format!(
        "https://wa.me/{n}?text={}",
        percent_encoding::utf8_percent_encode(&text, percent_encoding::NON_ALPHANUMERIC)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_normalised_and_text_is_encoded_as_data() {
        assert_eq!(number("0812-3456-7890").as_deref(), Some("6281234567890"));
        assert_eq!(
            number("+62 812 3456 7890").as_deref(),
            Some("6281234567890")
        );
        assert_eq!(number("(0361) 223344"), None, "a landline has no WhatsApp");
        assert_eq!(number(""), None);
        let l = link("081234567890", "Yth. Budi & Ayu?\nnomor=1#x").unwrap();
        assert_eq!(
            l,
            "https://wa.me/6281234567890?text=Yth%2E%20Budi%20%26%20Ayu%3F%0Anomor%3D1%23x"
        );
    }
}
