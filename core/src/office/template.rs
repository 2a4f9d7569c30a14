//! Letter texts are templates the admin edits: paragraphs separated by a blank
//! line, with `{placeholder}` names from a fixed list. Applicant data is put in
//! as data in one pass: a value that itself contains `{nama}` or markup is
//! printed exactly as typed, never interpreted.

use std::collections::BTreeMap;

/// The names a template may use.
pub const PLACEHOLDERS: [&str; 14] = [
    "nama",
    "nip",
    "jabatan",
    "unit_kerja",
    "instansi",
    "email",
    "layanan",
    "jumlah",
    "alasan",
    "nomor_registrasi",
    "tanggal_permohonan",
    "dinas",
    "pemerintah",
    "data_pemohon",
];

/// A paragraph that is only this placeholder becomes the applicant data block.
pub const DATA_BLOCK: &str = "{data_pemohon}";

/// Refuses a template with an unknown or unclosed placeholder.
pub fn check(template: &str) -> Result<(), String> {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err("Ada tanda { tanpa pasangan }.".into());
        };
        let name = &after[..close];
        if !PLACEHOLDERS.contains(&name) {
            return Err(format!(
                "Isian {{{name}}} tidak dikenal. Yang dapat dipakai: {}.",
                PLACEHOLDERS.map(|p| format!("{{{p}}}")).join(", ")
            ));
        }
        rest = &after[close + 1..];
    }
    if template.trim().is_empty() {
        return Err("Teks surat tidak boleh kosong.".into());
    }
    Ok(())
}

/// Fills the placeholders in one pass; unknown names stay as written.
pub fn fill(template: &str, values: &BTreeMap<&str, String>) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if values.contains_key(&after[..close]) => {
                out.push_str(&values[&after[..close]]);
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The paragraphs of a template (split on blank lines, lines joined).
pub fn paragraphs(template: &str) -> Vec<String> {
    template
        .replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| {
            p.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_data_not_template() {
        let v = BTreeMap::from([
            ("nama", "{alasan} <b>Ni Luh</b> ${x} {{nama}}".to_string()),
            ("alasan", "RAHASIA".to_string()),
        ]);
        let out = fill("Kepada {nama}, alasan: {alasan}.", &v);
        assert_eq!(
            out,
            "Kepada {alasan} <b>Ni Luh</b> ${x} {{nama}}, alasan: RAHASIA."
        );
    }

    #[test]
    fn unknown_placeholders_are_refused_and_left_alone() {
        assert!(check("Halo {nama}").is_ok());
        assert!(check("Halo {naam}").unwrap_err().contains("{naam}"));
        assert!(check("Halo {nama").is_err());
        assert!(check("  ").is_err());
        assert_eq!(fill("a {zzz} b", &BTreeMap::new()), "a {zzz} b");
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        assert_eq!(
            paragraphs("satu\ndua\n\n\ntiga\r\n\r\nempat"),
            vec!["satu dua", "tiga", "empat"]
        );
    }
}
