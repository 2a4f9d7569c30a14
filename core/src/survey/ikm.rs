//! The Indeks Kepuasan Masyarakat as PermenPANRB 14/2017 computes it, and
//! the sample size its table suggests.
//!
//! - NRR of an element (nilai rata-rata unsur) = the sum of its scores / the
//!   number of answers to it (its own n: a respondent who left it blank does
//!   not count for it).
//! - Each element weighs exactly 1/9. Loket divides the sum of the nine NRR
//!   by 9 rather than multiplying by a rounded 0.111, which would lose up to
//!   0.1 point of IKM.
//! - IKM = 25 x the weighted sum, from 25 to 100, printed with two decimals
//!   (rounded half up); the quality band is read from the printed value.

use serde::Serialize;
use ts_rs::TS;

/// The number of elements (unsur pelayanan).
pub const ELEMENTS: usize = 9;

/// The quality band (mutu pelayanan) of an IKM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub enum Mutu {
    A,
    B,
    C,
    D,
}

impl Mutu {
    /// The band of an IKM given with two decimals: A 88,31-100; B 76,61-88,30;
    /// C 65,00-76,60; D 25,00-64,99.
    pub fn of(ikm_2dp: f64) -> Mutu {
        let hundredths = (ikm_2dp * 100.0).round() as i64;
        if hundredths >= 8831 {
            Mutu::A
        } else if hundredths >= 7661 {
            Mutu::B
        } else if hundredths >= 6500 {
            Mutu::C
        } else {
            Mutu::D
        }
    }

    /// Its name in the regulation ("Sangat Baik").
    pub fn kinerja(self) -> &'static str {
        match self {
            Mutu::A => "Sangat Baik",
            Mutu::B => "Baik",
            Mutu::C => "Kurang Baik",
            Mutu::D => "Tidak Baik",
        }
    }

    /// The interval of IKM the band covers, as the regulation prints it.
    pub fn interval(self) -> &'static str {
        match self {
            Mutu::A => "88,31 - 100,00",
            Mutu::B => "76,61 - 88,30",
            Mutu::C => "65,00 - 76,60",
            Mutu::D => "25,00 - 64,99",
        }
    }
}

/// `v` rounded half up to two decimals. The tiny allowance keeps a value
/// that is exactly on a half (88,305) from falling below it through
/// binary fractions.
pub fn round2(v: f64) -> f64 {
    ((v * 100.0) + 0.5 + 1e-7).floor() / 100.0
}

/// The NRR of an element from the sum of its scores and its number of
/// answers; `None` when nobody answered it.
pub fn nrr(sum: u64, n: u64) -> Option<f64> {
    (n > 0).then(|| sum as f64 / n as f64)
}

/// The IKM from the nine elements' (sum of scores, answers), unrounded;
/// `None` unless every element has at least one answer.
pub fn ikm(elements: &[(u64, u64); ELEMENTS]) -> Option<f64> {
    let mut total = 0.0;
    for &(sum, n) in elements {
        total += nrr(sum, n)?;
    }
    Some(25.0 * total / ELEMENTS as f64)
}

/// The table of PermenPANRB 14/2017 (Krejcie and Morgan): a population and
/// the sample it asks for.
const SAMPLE_TABLE: [(u64, u64); 86] = [
    (10, 10),
    (15, 14),
    (20, 19),
    (25, 24),
    (30, 28),
    (35, 32),
    (40, 36),
    (45, 40),
    (50, 44),
    (55, 48),
    (60, 52),
    (65, 56),
    (70, 59),
    (75, 63),
    (80, 66),
    (85, 70),
    (90, 73),
    (95, 76),
    (100, 80),
    (110, 86),
    (120, 92),
    (130, 97),
    (140, 103),
    (150, 108),
    (160, 113),
    (170, 118),
    (180, 123),
    (190, 127),
    (200, 132),
    (210, 136),
    (220, 140),
    (230, 144),
    (240, 148),
    (250, 152),
    (260, 155),
    (270, 159),
    (280, 162),
    (290, 165),
    (300, 169),
    (320, 175),
    (340, 181),
    (360, 186),
    (380, 191),
    (400, 196),
    (420, 201),
    (440, 205),
    (460, 210),
    (480, 214),
    (500, 217),
    (550, 226),
    (600, 234),
    (650, 242),
    (700, 248),
    (750, 254),
    (800, 260),
    (850, 265),
    (900, 269),
    (950, 274),
    (1000, 278),
    (1100, 285),
    (1200, 291),
    (1300, 297),
    (1400, 302),
    (1500, 306),
    (1600, 310),
    (1700, 313),
    (1800, 317),
    (1900, 320),
    (2000, 322),
    (2200, 327),
    (2400, 331),
    (2600, 335),
    (2800, 338),
    (3000, 341),
    (3500, 346),
    (4000, 351),
    (4500, 354),
    (5000, 357),
    (6000, 361),
    (7000, 364),
    (8000, 367),
    (9000, 368),
    (10000, 370),
    (15000, 375),
    (20000, 377),
    (30000, 379),
];

/// The sample the table suggests for a population of `population`: the row
/// of the smallest tabled population not below it (every member below 10;
/// 380 to 384 above 30,000, as the table ends).
pub fn sample_size(population: u64) -> u64 {
    if population < 10 {
        return population;
    }
    if let Some(&(_, s)) = SAMPLE_TABLE.iter().find(|(n, _)| *n >= population) {
        return s;
    }
    match population {
        0..=40_000 => 380,
        40_001..=50_000 => 381,
        50_001..=75_000 => 382,
        75_001..=1_000_000 => 384,
        _ => 384,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn same(n: u64, sum_each: u64) -> [(u64, u64); ELEMENTS] {
        [(sum_each, n); ELEMENTS]
    }

    #[test]
    fn every_answer_very_good_is_100_and_every_answer_poor_is_25() {
        assert_eq!(ikm(&same(7, 28)), Some(100.0));
        assert_eq!(ikm(&same(7, 7)), Some(25.0));
        assert_eq!(Mutu::of(round2(100.0)), Mutu::A);
        assert_eq!(Mutu::of(round2(25.0)), Mutu::D);
    }

    /// A worked example: 10 respondents; element sums 32, 31, 28, 40, 30,
    /// 33, 35, 29, 27. NRR 3,2 3,1 2,8 4,0 3,0 3,3 3,5 2,9 2,7; their sum
    /// 28,5; weighted 3,1667; IKM 79,17 (B, Baik). With 0.111 in place of
    /// 1/9 it would have read 79,09.
    #[test]
    fn a_worked_example_with_ten_respondents() {
        let sums = [32, 31, 28, 40, 30, 33, 35, 29, 27];
        let e: [(u64, u64); ELEMENTS] = std::array::from_fn(|i| (sums[i], 10));
        let v = round2(ikm(&e).unwrap_or_default());
        assert_eq!(format!("{v:.2}"), "79.17");
        assert_eq!(Mutu::of(v), Mutu::B);
        let rounded_weight = 25.0 * 28.5 * 0.111;
        assert_eq!(format!("{:.2}", round2(rounded_weight)), "79.09");
    }

    /// Element averages whose IKM sits exactly on each band's edges, with
    /// 10,000 respondents: sum of all scores = IKM x 9 x n / 25.
    #[test]
    fn band_edges_fall_where_the_regulation_puts_them() {
        let n = 10_000u64;
        for (total, printed, band) in [
            (317_916u64, "88.31", Mutu::A),
            (317_880, "88.30", Mutu::B),
            (275_796, "76.61", Mutu::B),
            (275_760, "76.60", Mutu::C),
            (234_000, "65.00", Mutu::C),
            (233_964, "64.99", Mutu::D),
        ] {
            // Spread the total over nine elements of n answers each.
            let base = total / 9;
            let mut e = [(base, n); ELEMENTS];
            e[0].0 += total - base * 9;
            let v = round2(ikm(&e).unwrap_or_default());
            assert_eq!(format!("{v:.2}"), printed, "total {total}");
            assert_eq!(Mutu::of(v), band, "total {total}");
        }
    }

    #[test]
    fn a_blank_answer_counts_only_for_the_elements_answered() {
        // Two respondents; the second left element 4 blank.
        let mut e = same(2, 6);
        e[3] = (4, 1);
        // NRR: eight elements 3,0 and element 4 4,0: IKM = 25 x 28 / 9.
        let v = round2(ikm(&e).unwrap_or_default());
        assert_eq!(format!("{v:.2}"), "77.78");
        // An element nobody answered leaves no index.
        e[8] = (0, 0);
        assert_eq!(ikm(&e), None);
    }

    #[test]
    fn the_sample_table_is_read_at_and_between_its_rows() {
        assert_eq!(sample_size(0), 0);
        assert_eq!(sample_size(7), 7);
        assert_eq!(sample_size(10), 10);
        assert_eq!(sample_size(100), 80);
        assert_eq!(sample_size(101), 86);
        assert_eq!(sample_size(1000), 278);
        assert_eq!(sample_size(30_000), 379);
        assert_eq!(sample_size(100_000), 384);
        // The table only grows.
        assert!(
            SAMPLE_TABLE
                .windows(2)
                .all(|w| w[0].0 < w[1].0 && w[0].1 <= w[1].1)
        );
    }

    proptest! {
        /// With every answer present, IKM = 25 x (sum of all scores) / (n x 9).
        #[test]
        fn with_every_answer_present_ikm_is_25_times_the_mean_score(
            answers in prop::collection::vec(prop::array::uniform9(1u64..=4), 1..200)
        ) {
            let n = answers.len() as u64;
            let mut e = [(0u64, n); ELEMENTS];
            let mut all = 0u64;
            for a in &answers {
                for (u, s) in a.iter().enumerate() {
                    e[u].0 += s;
                    all += s;
                }
            }
            let got = ikm(&e).unwrap_or_default();
            let want = 25.0 * all as f64 / (n * 9) as f64;
            prop_assert!((got - want).abs() < 1e-9, "{got} against {want}");
            prop_assert!((25.0..=100.0).contains(&got));
        }
    }
}
