//! The years Loket ships: national holidays and cuti bersama as the SKB 3
//! Menteri set them. An office checks them against the decree and corrects
//! or extends them on the calendar screen (local holidays, closures).

/// Kinds as stored (`JenisLibur`'s text).
const NASIONAL: &str = "nasional";
const CUTI: &str = "cuti_bersama";

/// A shipped year: the decree it follows and its days `(yyyy-mm-dd, kind, what)`.
pub struct Shipped {
    pub tahun: i32,
    pub dasar: &'static str,
    pub hari: &'static [(&'static str, &'static str, &'static str)],
}

pub const YEARS: [Shipped; 2] = [
    Shipped {
        tahun: 2025,
        dasar: "SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB Nomor 1017 Tahun 2024, \
2 Tahun 2024 dan 2 Tahun 2024 (14 Oktober 2024), dengan perubahannya (cuti bersama 18 Agustus 2025)",
        hari: &[
            ("2025-01-01", NASIONAL, "Tahun Baru 2025 Masehi"),
            ("2025-01-27", NASIONAL, "Isra Mikraj Nabi Muhammad SAW"),
            ("2025-01-28", CUTI, "Cuti bersama Tahun Baru Imlek"),
            ("2025-01-29", NASIONAL, "Tahun Baru Imlek 2576 Kongzili"),
            ("2025-03-28", CUTI, "Cuti bersama Hari Suci Nyepi"),
            (
                "2025-03-29",
                NASIONAL,
                "Hari Suci Nyepi Tahun Baru Saka 1947",
            ),
            ("2025-03-31", NASIONAL, "Idul Fitri 1446 Hijriah"),
            ("2025-04-01", NASIONAL, "Idul Fitri 1446 Hijriah"),
            ("2025-04-02", CUTI, "Cuti bersama Idul Fitri"),
            ("2025-04-03", CUTI, "Cuti bersama Idul Fitri"),
            ("2025-04-04", CUTI, "Cuti bersama Idul Fitri"),
            ("2025-04-07", CUTI, "Cuti bersama Idul Fitri"),
            ("2025-04-18", NASIONAL, "Wafat Yesus Kristus"),
            ("2025-04-20", NASIONAL, "Kebangkitan Yesus Kristus (Paskah)"),
            ("2025-05-01", NASIONAL, "Hari Buruh Internasional"),
            ("2025-05-12", NASIONAL, "Hari Raya Waisak 2569 BE"),
            ("2025-05-13", CUTI, "Cuti bersama Hari Raya Waisak"),
            ("2025-05-29", NASIONAL, "Kenaikan Yesus Kristus"),
            ("2025-05-30", CUTI, "Cuti bersama Kenaikan Yesus Kristus"),
            ("2025-06-01", NASIONAL, "Hari Lahir Pancasila"),
            ("2025-06-06", NASIONAL, "Idul Adha 1446 Hijriah"),
            ("2025-06-09", CUTI, "Cuti bersama Idul Adha"),
            (
                "2025-06-27",
                NASIONAL,
                "1 Muharam Tahun Baru Islam 1447 Hijriah",
            ),
            (
                "2025-08-17",
                NASIONAL,
                "Hari Kemerdekaan Republik Indonesia",
            ),
            ("2025-08-18", CUTI, "Cuti bersama Hari Kemerdekaan"),
            ("2025-09-05", NASIONAL, "Maulid Nabi Muhammad SAW"),
            ("2025-12-25", NASIONAL, "Hari Raya Natal"),
            ("2025-12-26", CUTI, "Cuti bersama Hari Raya Natal"),
        ],
    },
    Shipped {
        tahun: 2026,
        dasar: "SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB tentang Hari Libur \
Nasional dan Cuti Bersama Tahun 2026 (19 September 2025)",
        hari: &[
            ("2026-01-01", NASIONAL, "Tahun Baru 2026 Masehi"),
            ("2026-01-16", NASIONAL, "Isra Mikraj Nabi Muhammad SAW"),
            ("2026-02-16", CUTI, "Cuti bersama Tahun Baru Imlek"),
            ("2026-02-17", NASIONAL, "Tahun Baru Imlek 2577 Kongzili"),
            ("2026-03-18", CUTI, "Cuti bersama Hari Suci Nyepi"),
            (
                "2026-03-19",
                NASIONAL,
                "Hari Suci Nyepi Tahun Baru Saka 1948",
            ),
            ("2026-03-20", CUTI, "Cuti bersama Idul Fitri"),
            ("2026-03-21", NASIONAL, "Idul Fitri 1447 Hijriah"),
            ("2026-03-22", NASIONAL, "Idul Fitri 1447 Hijriah"),
            ("2026-03-23", CUTI, "Cuti bersama Idul Fitri"),
            ("2026-03-24", CUTI, "Cuti bersama Idul Fitri"),
            ("2026-04-03", NASIONAL, "Wafat Yesus Kristus"),
            ("2026-04-05", NASIONAL, "Kebangkitan Yesus Kristus (Paskah)"),
            ("2026-05-01", NASIONAL, "Hari Buruh Internasional"),
            ("2026-05-14", NASIONAL, "Kenaikan Yesus Kristus"),
            ("2026-05-15", CUTI, "Cuti bersama Kenaikan Yesus Kristus"),
            ("2026-05-27", NASIONAL, "Idul Adha 1447 Hijriah"),
            ("2026-05-28", CUTI, "Cuti bersama Idul Adha"),
            ("2026-05-31", NASIONAL, "Hari Raya Waisak 2570 BE"),
            ("2026-06-01", NASIONAL, "Hari Lahir Pancasila"),
            (
                "2026-06-16",
                NASIONAL,
                "1 Muharam Tahun Baru Islam 1448 Hijriah",
            ),
            (
                "2026-08-17",
                NASIONAL,
                "Hari Kemerdekaan Republik Indonesia",
            ),
            ("2026-08-25", NASIONAL, "Maulid Nabi Muhammad SAW"),
            ("2026-12-24", CUTI, "Cuti bersama Hari Raya Natal"),
            ("2026-12-25", NASIONAL, "Hari Raya Natal"),
        ],
    },
];
