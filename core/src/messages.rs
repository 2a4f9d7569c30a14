//! English for the core's messages.
//!
//! Loket's messages are written in Indonesian where they are raised, and that
//! text is the message's identity, as gettext keys a message by its
//! source-language text: a template below matches it, its `{holes}` taking
//! the values the Indonesian text carries (a count, a year, a field's name),
//! and gives the English with the same values. The desk shows the English
//! when its staff chose English; a message without a template stays in
//! Indonesian, the default. A hole named `label` holds a field's name, which
//! is put into English too (`LABELS`); a hole named `service` or `status`
//! holds a service's or a status's name as a sentence has it (`WORDS`); a
//! hole named `message` holds a message of its own (a signature's verdict
//! inside "Tanda tangan ditolak: ..."), put into English by this catalogue.
//! Where several templates fit a message, a text written out whole wins,
//! then the first in the table: a specific template goes before a general
//! one it also fits.

mod documents;
mod office;
mod people;
mod words;

use words::{LABELS, WORDS};

/// Every template, Indonesian then English, in the order they are tried.
fn catalogue() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    people::ENGLISH
        .iter()
        .chain(documents::ENGLISH)
        .chain(office::ENGLISH)
}

/// The English of an Indonesian message, when the catalogue has it.
pub fn english(text: &str) -> Option<String> {
    // A message written out whole wins over a template it also fits
    // ("NIK wajib diisi." over "{label} wajib diisi.").
    if let Some((_, en)) = catalogue().find(|(id, _)| *id == text) {
        return Some(en.to_string());
    }
    catalogue().find_map(|(id, en)| {
        let values = matched(id, text)?;
        Some(filled(en, &values))
    })
}

/// The values of `template`'s holes in `text`, if `text` is the template
/// with its holes filled.
fn matched<'a>(template: &'a str, text: &str) -> Option<Vec<(&'a str, String)>> {
    let mut values = Vec::new();
    let mut rest = text;
    let mut tpl = template;
    loop {
        let Some(open) = tpl.find('{') else {
            return (rest == tpl).then_some(values);
        };
        let literal = &tpl[..open];
        rest = rest.strip_prefix(literal)?;
        let close = open + tpl[open..].find('}')?;
        let name = &tpl[open + 1..close];
        tpl = &tpl[close + 1..];
        // The hole takes text up to the next literal (the end, if none).
        let next = tpl.find('{').map_or(tpl, |i| &tpl[..i]);
        let end = if next.is_empty() {
            rest.len()
        } else if tpl.len() == next.len() {
            rest.rfind(next)?
        } else {
            rest.find(next)?
        };
        if end == 0 {
            return None;
        }
        values.push((name, rest[..end].to_string()));
        rest = &rest[end..];
    }
}

/// `template` with each hole given its value, in one pass (a value that
/// holds a hole's name is not filled again).
fn filled(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|i| open + i) else {
            break;
        };
        out.push_str(&rest[..open]);
        let name = &rest[open + 1..close];
        match values.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => out.push_str(&in_english(name, value)),
            None => out.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// A hole's value in English: a field's name through `LABELS`, a service or
/// a status through `WORDS`, a message through the catalogue; any other
/// value (a count, a date, a name) as it is.
fn in_english(hole: &str, value: &str) -> String {
    let table = match hole {
        "label" => LABELS,
        "service" | "status" => WORDS,
        "message" => return english(value).unwrap_or_else(|| value.to_string()),
        _ => &[],
    };
    table
        .iter()
        .find(|(id, _)| *id == value)
        .map_or(value, |(_, en)| *en)
        .to_string()
}

/// Every message of `map` that has English, under the same keys.
pub fn english_of(
    map: &std::collections::BTreeMap<String, String>,
) -> std::collections::BTreeMap<String, String> {
    map.iter()
        .filter_map(|(k, v)| english(v).map(|e| (k.clone(), e)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    #[test]
    fn a_message_with_values_is_put_into_english_with_the_same_values() {
        assert_eq!(
            english("NIK harus 16 digit (terisi 15 digit).").as_deref(),
            Some("The NIK has 16 digits (15 typed).")
        );
        assert_eq!(
            english("Jabatan wajib diisi.").as_deref(),
            Some("The position is required.")
        );
        assert_eq!(
            english("Tanggal lahir pada NIP (10-11-1967) berbeda dengan pada NIK (11-10-1967). Periksa kembali.").as_deref(),
            Some("The date of birth in the NIP (10-11-1967) differs from the NIK's (11-10-1967). Check again.")
        );
        assert_eq!(
            english("Pilih layanan.").as_deref(),
            Some("Choose the service.")
        );
    }

    #[test]
    fn a_message_not_in_the_catalogue_has_no_english() {
        assert_eq!(english("Pesan yang tidak dikenal."), None);
        assert_eq!(english("Pilih layanan. Dan lagi."), None, "no prefix match");
        assert_eq!(
            english(" wajib diisi."),
            None,
            "a hole takes at least one character"
        );
    }

    #[test]
    fn every_template_names_the_same_holes_in_both_languages() {
        let holes = |t: &str| {
            let mut h: Vec<String> = t
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string()))
                .collect();
            h.sort();
            h
        };
        for (id, en) in catalogue() {
            assert_eq!(holes(id), holes(en), "{id}");
            assert_ne!(id, en, "{id} is not put into English");
        }
        let mut ids: Vec<&str> = catalogue().map(|(id, _)| *id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), catalogue().count(), "one template per message");
        // A message inside a message is put into English by the catalogue
        // again: a template with no text of its own beside that hole would
        // match the inner message as a whole, over and over.
        for (id, _) in catalogue().filter(|(id, _)| id.contains("{message}")) {
            let own: String = id
                .split('{')
                .map(|part| part.split_once('}').map_or(part, |(_, rest)| rest))
                .collect();
            assert!(
                !own.trim().is_empty(),
                "{id}: a template with a message inside it has text of its own"
            );
        }
    }

    #[test]
    fn messages_the_core_raises_are_put_into_english_with_their_values() {
        assert_eq!(
            english("Akun terkunci setelah 5 kali gagal masuk; minta admin membukanya.").as_deref(),
            Some("The account is locked after 5 failed sign-ins; ask the admin to unlock it.")
        );
        assert_eq!(
            english("NIK ini sudah terdaftar atas nama Ni Luh Ayu: buka datanya.").as_deref(),
            Some("This NIK is already registered to Ni Luh Ayu: open their record."),
            "the template ending in \": buka datanya.\" before the shorter one"
        );
        assert_eq!(
            english("NIK ini sudah terdaftar atas nama Ni Luh Ayu.").as_deref(),
            Some("This NIK is already registered to Ni Luh Ayu.")
        );
        assert_eq!(
            english("Data pemohon sudah diubah oleh budi pada 02/03/2026 10.15; muat ulang lalu ulangi perubahan.").as_deref(),
            Some("The applicant's data was changed by budi at 02/03/2026 10.15; reload and make the change again.")
        );
        assert_eq!(
            english("Berkas berisi 312 baris; satu permohonan kolektif paling banyak 300 pegawai.")
                .as_deref(),
            Some("The file has 312 rows; a collective application has at most 300 employees.")
        );
        assert_eq!(
            english("Kata sandi SMTP kantor belum tersimpan di keyring.").as_deref(),
            Some("The office's SMTP password is not saved in the keyring yet."),
            "a label is put into English"
        );
        assert_eq!(
            english("Tindakan ini tidak berlaku untuk permohonan perubahan data berstatus berkas kurang.").as_deref(),
            Some("This action does not apply to an application for data change with the status documents missing."),
            "a service and a status are put into English"
        );
        assert_eq!(
            english("Tanda tangan ditolak: Rantai sertifikat terlalu panjang.").as_deref(),
            Some("Signature refused: The certificate chain is too long."),
            "a message inside a message is put into English"
        );
        assert_eq!(
            english("Pola nomor wajib memuat {urut}.").as_deref(),
            Some("The number pattern must hold {urut}."),
            "braces the message itself holds"
        );
    }

    #[test]
    fn the_core_errors_texts_are_put_into_english() {
        let translated = |e: crate::Error| english(&e.to_string());
        assert_eq!(
            translated(crate::Error::NotFound("Pemohon")).as_deref(),
            Some("Applicant not found.")
        );
        assert_eq!(
            translated(crate::Error::NoCalendar { year: 2027 }).as_deref(),
            Some(
                "The holiday calendar of 2027 is not loaded; the deadline cannot be computed. \
                 Add 2027 on the Working calendar screen: import the national holidays and joint \
                 leave days of 2027 (SKB 3 Menteri) from a CSV or iCalendar file, or fill them in \
                 yourself."
            )
        );
        assert_eq!(
            translated(crate::Error::File {
                path: "berkas cadangan".into(),
                action: "ditulis",
                source: std::io::Error::other("disk penuh"),
            })
            .as_deref(),
            Some("The backup file cannot be written: disk penuh")
        );
        assert_eq!(
            translated(crate::Error::File {
                path: "/media/usb/Loket".into(),
                action: "dibuat",
                source: std::io::Error::other("ditolak"),
            })
            .as_deref(),
            Some("/media/usb/Loket cannot be created: ditolak")
        );
        assert_eq!(
            translated(crate::Error::corrupt("status surel", "aneh")).as_deref(),
            Some(
                "Stored data cannot be read: status surel has the value \"aneh\". Contact the admin."
            )
        );
        assert_eq!(
            translated(crate::Error::Secret(
                crate::secrets::SecretError::KeyMismatch
            ))
            .as_deref(),
            Some(
                "The data key in the keyring does not match this database. Loket does not open, \
                 so that no data is damaged; contact the admin."
            )
        );
    }

    /// `template` with the value `Q<n>` in its nth hole (numbered by name
    /// in `names`, which gains the names it did not hold).
    fn with_values(template: &str, names: &mut Vec<String>) -> String {
        let mut out = String::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let close = open + rest[open..].find('}').unwrap();
            let name = &rest[open + 1..close];
            let n = names.iter().position(|h| h == name).unwrap_or_else(|| {
                names.push(name.to_string());
                names.len() - 1
            });
            out.push_str(&rest[..open]);
            out.push_str(&format!("Q{n}"));
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn every_template_gives_its_own_english() {
        // No template before it in the table takes its message.
        for (id, en) in catalogue() {
            let mut names = Vec::new();
            let text = with_values(id, &mut names);
            assert_eq!(english(&text), Some(with_values(en, &mut names)), "{id}");
        }
    }

    /// The variants of `crate::Error` whose first argument is the message.
    const CARRIERS: &[&str] = &[
        "Forbidden",
        "SignedOut",
        "Locked",
        "Tampered",
        "Unusable",
        "Pdf",
        "Crypto",
        "Corrupt",
        "Image",
        "NotFound",
    ];

    /// Helpers that raise the message they are given: the file under `src`,
    /// the call, and the text the helper puts before the message.
    const HELPERS: &[(&str, &str, &str)] = &[
        ("backup/format.rs", "refused(", "Cadangan ditolak: "),
        ("backup/restore.rs", "refused(", "Cadangan ditolak: "),
        ("import/sheet.rs", "refused(", ""),
        ("letters/signed.rs", "refuse(", ""),
    ];

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    fn is_ident(c: char) -> bool {
        c.is_alphanumeric() || c == '_'
    }

    /// The text of the string literal (plain or raw) `src` starts with, and
    /// the source after it.
    fn literal(src: &str) -> Option<(String, &str)> {
        if let Some(raw) = src.strip_prefix('r') {
            let body = raw.trim_start_matches('#');
            let hashes = &raw[..raw.len() - body.len()];
            let body = body.strip_prefix('"')?;
            let close = format!("\"{hashes}");
            let end = body.find(close.as_str())?;
            return Some((body[..end].to_string(), &body[end + close.len()..]));
        }
        let mut rest = src.strip_prefix('"')?;
        let mut text = String::new();
        loop {
            let c = rest.chars().next()?;
            rest = &rest[c.len_utf8()..];
            match c {
                '"' => return Some((text, rest)),
                '\\' => {
                    let escaped = rest.chars().next()?;
                    rest = &rest[escaped.len_utf8()..];
                    match escaped {
                        'n' => text.push('\n'),
                        't' => text.push('\t'),
                        // A line continuation: the break and the next line's indent go.
                        '\n' | '\r' => rest = rest.trim_start(),
                        other => text.push(other),
                    }
                }
                c => text.push(c),
            }
        }
    }

    /// A `format!` text as printed with 7 in every placeholder.
    fn sampled(format: &str) -> String {
        let mut out = String::new();
        let mut rest = format;
        while let Some(i) = rest.find(['{', '}']) {
            out.push_str(&rest[..i]);
            let tail = &rest[i..];
            if tail.starts_with("{{") || tail.starts_with("}}") {
                out.push_str(&tail[..1]);
                rest = &tail[2..];
            } else if tail.starts_with('{') {
                out.push('7');
                rest = tail.find('}').map_or("", |j| &tail[j + 1..]);
            } else {
                out.push('}');
                rest = &tail[1..];
            }
        }
        out.push_str(rest);
        out
    }

    /// The message an argument starts with: a literal, or a `format!` text
    /// with a sample value in each placeholder; `None` for anything else (a
    /// variable, a call).
    fn message_at(src: &str) -> Option<String> {
        let src = src.trim_start();
        match src.strip_prefix("format!(") {
            Some(args) => literal(args.trim_start()).map(|(f, _)| sampled(&f)),
            None => literal(src).map(|(text, _)| text),
        }
    }

    /// The arguments after a call's first one.
    fn after_first_argument(src: &str) -> Option<&str> {
        let mut depth = 0usize;
        let mut rest = src;
        loop {
            if rest.starts_with('"') {
                rest = literal(rest)?.1;
                continue;
            }
            let c = rest.chars().next()?;
            rest = &rest[c.len_utf8()..];
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' if depth == 0 => return None,
                ')' | ']' | '}' => depth -= 1,
                ',' if depth == 0 => return Some(rest),
                _ => {}
            }
        }
    }

    /// The text the desk receives when `variant` is raised with `message`.
    fn as_raised(variant: &str, message: String) -> String {
        match variant {
            "NotFound" => crate::Error::NotFound(Box::leak(message.into_boxed_str())).to_string(),
            "Corrupt" => crate::Error::Corrupt(message).to_string(),
            "Image" => crate::Error::Image(message).to_string(),
            _ => message,
        }
    }

    /// Every message the core's code (not its tests, not this file) raises
    /// with a literal text, as (file, text the desk receives): each
    /// `Error::field`'s message, each message-carrying variant's,
    /// `Error::Invalid`'s, and the `HELPERS`' messages.
    fn raised_messages() -> Vec<(String, String)> {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        let mut raised = Vec::new();
        for path in files {
            let file = path
                .strip_prefix(&src)
                .unwrap()
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            if file == "messages.rs" || file.starts_with("messages/") {
                continue;
            }
            let all = std::fs::read_to_string(&path).unwrap();
            let code = all
                .split_once("#[cfg(test)]")
                .map_or(all.as_str(), |(code, _)| code);
            let called = |at: usize| !code[..at].chars().next_back().is_some_and(is_ident);
            let mut found = Vec::new();
            for (at, _) in code.match_indices("Error::") {
                if !called(at) {
                    continue;
                }
                let after = &code[at + "Error::".len()..];
                let (name, rest) = after.split_at(after.find(|c: char| !is_ident(c)).unwrap_or(0));
                let message = match rest.strip_prefix('(') {
                    Some(args) if name == "field" => {
                        after_first_argument(args).and_then(message_at)
                    }
                    Some(args) if CARRIERS.contains(&name) => message_at(args),
                    None if name == "Invalid" => rest
                        .trim_start()
                        .strip_prefix('{')
                        .and_then(|fields| fields.trim_start().strip_prefix("message:"))
                        .and_then(message_at),
                    _ => None,
                };
                found.extend(message.map(|m| as_raised(name, m)));
            }
            for (helper_file, call, prefix) in HELPERS {
                if file != *helper_file {
                    continue;
                }
                for (at, _) in code.match_indices(*call) {
                    if called(at) {
                        let message = message_at(&code[at + call.len()..]);
                        found.extend(message.map(|m| format!("{prefix}{m}")));
                    }
                }
            }
            raised.extend(
                found
                    .into_iter()
                    .filter(|m| m.chars().any(char::is_alphabetic))
                    .map(|m| (file.clone(), m)),
            );
        }
        raised
    }

    #[test]
    fn every_message_the_core_raises_has_english() {
        let raised = raised_messages();
        assert!(
            raised.len() > 200,
            "the scan of the core's source found only {} messages",
            raised.len()
        );
        let missing: Vec<String> = raised
            .iter()
            .filter(|(_, m)| english(m).is_none_or(|en| en == *m))
            .map(|(file, m)| format!("{file}: {m}"))
            .collect();
        assert!(
            missing.is_empty(),
            "messages raised without English (add a template to a table of messages/):\n{}",
            missing.join("\n")
        );
    }
}
