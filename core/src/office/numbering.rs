//! Letter numbers from a configurable pattern, for example
//! `{klasifikasi}/{urut}/{unit}/{tahun}` -> `000.8.3.3/15/DKIS/2026`.
//!
//! Decisions kept here:
//! - the serial (`{urut}`) restarts every year, as the tata naskah dinas
//!   numbers letters within a calendar year; the register keeps a number
//!   unique within its year, so a pattern may leave `{tahun}` out (the
//!   letter's date carries the year);
//! - a part the office has not set (no classification code, no unit code)
//!   is left out of the number with the separator after it (`15/2026`)
//!   rather than printed as a code that is not the office's own: Loket
//!   ships no office's codes.

/// The parts a number is made of.
pub struct Parts<'a> {
    pub klasifikasi: &'a str,
    pub urut: i64,
    pub unit: &'a str,
    pub tahun: i32,
    pub bulan: u32,
}

const NAMES: [&str; 6] = [
    "klasifikasi",
    "urut",
    "unit",
    "tahun",
    "bulan",
    "bulan_romawi",
];

/// A pattern must hold `{urut}` and nothing unknown.
pub fn check_pattern(p: &str) -> Result<(), String> {
    let mut rest = p;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| "Ada tanda { tanpa pasangan }.".to_string())?;
        if !NAMES.contains(&&after[..close]) {
            return Err(format!(
                "Bagian {{{}}} tidak dikenal. Yang dapat dipakai: {}.",
                &after[..close],
                NAMES.map(|n| format!("{{{n}}}")).join(", ")
            ));
        }
        rest = &after[close + 1..];
    }
    if !p.contains("{urut}") {
        return Err("Pola nomor wajib memuat {urut}.".into());
    }
    Ok(())
}

fn roman(m: u32) -> &'static str {
    const R: [&str; 12] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ];
    R.get(m.saturating_sub(1) as usize).copied().unwrap_or("")
}

/// The number for `parts` under pattern `p` (checked with [`check_pattern`]).
/// An empty part is left out with the separator that follows it (or, at the
/// end, the one before it).
pub fn format(p: &str, parts: &Parts<'_>) -> String {
    let value = |name: &str| -> Option<String> {
        Some(match name {
            "klasifikasi" => parts.klasifikasi.trim().to_string(),
            "urut" => parts.urut.to_string(),
            "unit" => parts.unit.trim().to_string(),
            "tahun" => parts.tahun.to_string(),
            "bulan_romawi" => roman(parts.bulan).to_string(),
            "bulan" => format!("{:02}", parts.bulan),
            _ => return None,
        })
    };
    // The pattern as literal text and parts' values (`None`: an empty part).
    let mut pieces: Vec<Option<String>> = Vec::new();
    let mut rest = p;
    while let Some(open) = rest.find('{') {
        pieces.push(Some(rest[..open].to_string()));
        let after = &rest[open + 1..];
        match after
            .find('}')
            .and_then(|close| Some((close, value(&after[..close])?)))
        {
            Some((close, v)) => {
                pieces.push((!v.is_empty()).then_some(v));
                rest = &after[close + 1..];
            }
            None => {
                pieces.push(Some("{".into()));
                rest = after;
            }
        }
    }
    pieces.push(Some(rest.to_string()));
    let mut out: Vec<String> = Vec::with_capacity(pieces.len());
    let mut skip_separator = false;
    for piece in pieces {
        match piece {
            None => skip_separator = true,
            Some(mut text) => {
                if skip_separator && text.starts_with(|c: char| !c.is_alphanumeric()) {
                    text.remove(0);
                    skip_separator = false;
                } else if skip_separator && text.is_empty() {
                    continue;
                } else {
                    skip_separator = false;
                }
                out.push(text);
            }
        }
    }
    let mut number = out.concat();
    if skip_separator {
        // The last part was empty: the separator before it goes.
        if number.ends_with(|c: char| !c.is_alphanumeric()) {
            number.pop();
        }
    }
    number
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_the_kode_klasifikasi_pattern() {
        let parts = Parts {
            klasifikasi: "000.8.3.3",
            urut: 15,
            unit: "DKIS",
            tahun: 2026,
            bulan: 11,
        };
        assert_eq!(
            format("{klasifikasi}/{urut}/{unit}/{tahun}", &parts),
            "000.8.3.3/15/DKIS/2026"
        );
        assert_eq!(
            format("{klasifikasi}/{urut}/{unit}/{bulan_romawi}/{tahun}", &parts),
            "000.8.3.3/15/DKIS/XI/2026"
        );
        assert_eq!(format("{urut}-{bulan}-{tahun}", &parts), "15-11-2026");
    }

    #[test]
    fn patterns_need_a_serial_and_may_leave_the_year_out() {
        assert!(check_pattern("{klasifikasi}/{urut}/{unit}/{tahun}").is_ok());
        // Tata naskah dinas numbers within a year; the date carries the year.
        assert!(check_pattern("{klasifikasi}/{urut}/{unit}").is_ok());
        assert!(check_pattern("{klasifikasi}/{unit}/{tahun}").is_err());
        assert!(
            check_pattern("{urut}/{tahun}/{kode}")
                .unwrap_err()
                .contains("{kode}")
        );
        assert!(check_pattern("{urut}/{tahun").is_err());
    }

    #[test]
    fn a_part_the_office_has_not_set_is_left_out_with_its_separator() {
        let parts = |klasifikasi, unit| Parts {
            klasifikasi,
            urut: 15,
            unit,
            tahun: 2026,
            bulan: 11,
        };
        let p = "{klasifikasi}/{urut}/{unit}/{tahun}";
        assert_eq!(format(p, &parts("", "")), "15/2026");
        assert_eq!(format(p, &parts("000.8.3.3", "")), "000.8.3.3/15/2026");
        assert_eq!(format(p, &parts("", "DKIS")), "15/DKIS/2026");
        assert_eq!(format(p, &parts("  ", " ")), "15/2026");
        assert_eq!(format("{klasifikasi}/{urut}/{unit}", &parts("", "")), "15");
        assert_eq!(
            format("{klasifikasi}/{urut}/{unit}", &parts("800", "")),
            "800/15"
        );
        assert_eq!(format("No. {urut}-{unit}", &parts("", "")), "No. 15");
    }
}
