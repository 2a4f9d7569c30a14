//! Letter numbers from a configurable pattern, for example
//! `{klasifikasi}/{urut}/{unit}/{tahun}` -> `000.8.3.3/15/DKIS/2026`.

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

/// A pattern must hold `{urut}` and `{tahun}` (the serial restarts each year)
/// and nothing unknown.
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
    if !p.contains("{urut}") || !p.contains("{tahun}") {
        return Err("Pola nomor wajib memuat {urut} dan {tahun}.".into());
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
pub fn format(p: &str, parts: &Parts<'_>) -> String {
    p.replace("{klasifikasi}", parts.klasifikasi)
        .replace("{urut}", &parts.urut.to_string())
        .replace("{unit}", parts.unit)
        .replace("{tahun}", &parts.tahun.to_string())
        .replace("{bulan_romawi}", roman(parts.bulan))
        .replace("{bulan}", &format!("{:02}", parts.bulan))
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
    fn patterns_need_serial_and_year() {
        assert!(check_pattern("{klasifikasi}/{urut}/{unit}/{tahun}").is_ok());
        assert!(check_pattern("{klasifikasi}/{urut}/{unit}").is_err());
        assert!(
            check_pattern("{urut}/{tahun}/{kode}")
                .unwrap_err()
                .contains("{kode}")
        );
        assert!(check_pattern("{urut}/{tahun").is_err());
    }
}
