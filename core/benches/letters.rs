//! `make bench` (letters part): milliseconds and bytes per letter for each
//! letter type, for both exports, rendered by the core (genpdfi with subset
//! fonts, then the post-processor). It also writes each letter as an
//! equivalent HTML document into `target/bench-data/letters-html/`, which
//! `scripts/bench.sh` converts with LibreOffice headless for comparison.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark stops at the first failure"
)]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate};
use loket_core::document::content::{AttachmentRow, Block, LetterContent};
use loket_core::document::pdf::Form;
use loket_core::document::render::render_with;
use loket_core::office::kinds::Jenis;
use loket_core::office::settings::LetterSettings;
use loket_core::office::template;

const RUNS: usize = 200;

fn settings() -> LetterSettings {
    let mut s = LetterSettings::default();
    s.penandatangan[0].nama = "Dr. I Gusti Ngurah Rai, S.Kom., M.T.".into();
    s.penandatangan[0].pangkat = "Pembina Utama Muda (IV/c)".into();
    s.penandatangan[0].nip = "197001011995031001".into();
    s.tembusan = vec!["Wali Kota Denpasar (sebagai laporan)".into()];
    s
}

fn values() -> BTreeMap<&'static str, String> {
    BTreeMap::from([
        ("nama", "Ni Luh Putu Ayu Lestari".to_string()),
        ("instansi", "Dinas Kesehatan".to_string()),
        ("layanan", "penerbitan".to_string()),
        ("nomor_registrasi", "REG-2026-00042".to_string()),
        ("tanggal_permohonan", "20 November 2026".to_string()),
        (
            "alasan",
            "Foto KTP tidak terbaca; unggah ulang foto yang jelas.".to_string(),
        ),
        (
            "dinas",
            "Dinas Komunikasi, Informatika dan Statistik Kota Denpasar".to_string(),
        ),
        ("jumlah", "10 (sepuluh) orang".to_string()),
    ])
}

fn data() -> Vec<(String, String)> {
    [
        ("Nama", "Ni Luh Putu Ayu Lestari"),
        ("NIP", "198501012010012001"),
        ("Jabatan", "Pranata Komputer Ahli Pertama"),
        ("Unit Kerja", "Subbagian Umum dan Kepegawaian"),
        ("Instansi", "Dinas Kesehatan"),
        ("E-mail", "ayu.lestari@denpasarkota.go.id"),
    ]
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .to_vec()
}

fn content(s: &LetterSettings, jenis: Jenis, tpl: &str, collective: bool) -> LetterContent {
    let v = values();
    let isi = template::paragraphs(tpl)
        .into_iter()
        .map(|p| {
            if p == template::DATA_BLOCK {
                if collective {
                    Block::Teks(
                        "10 (sepuluh) orang pegawai sebagaimana tercantum dalam Lampiran surat ini."
                            .into(),
                    )
                } else {
                    Block::Data(data())
                }
            } else {
                Block::Teks(template::fill(&p, &v))
            }
        })
        .collect();
    let penolakan = jenis == Jenis::Penolakan;
    LetterContent {
        kop: s.kop.clone(),
        tempat: s.tempat.clone(),
        tanggal: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        nomor: Some("000.8.3.3/15/DKIS/2026".into()),
        sifat: "Biasa".into(),
        hal: jenis.hal().into(),
        tujuan: if penolakan {
            vec![
                "Sdr. Ni Luh Putu Ayu Lestari".into(),
                "Dinas Kesehatan".into(),
                "di Tempat".into(),
            ]
        } else {
            s.tujuan_rekomendasi.clone()
        },
        isi,
        lampiran: collective.then(|| {
            (1..=10)
                .map(|n| AttachmentRow {
                    nama: format!("Pegawai Dinas Kesehatan {n}"),
                    nip: format!("1985010120100120{n:02}"),
                    jabatan: "Pranata Komputer".into(),
                    unit_kerja: "Subbagian Umum".into(),
                    email: format!("pegawai{n}@denpasarkota.go.id"),
                    layanan: "penerbitan".into(),
                })
                .collect()
        }),
        penandatangan: s.penandatangan[0].clone(),
        tembusan: s.tembusan.clone(),
        judul: None,
        isian_kosong: false,
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The same letter as an HTML document, as staff would type it in a word processor.
fn html(c: &LetterContent, footer: &str) -> String {
    let mut h = String::from(
        "<html><head><meta charset=\"utf-8\"><style>body{font-family:'Liberation Sans',Arial;font-size:12pt}\
         .c{text-align:center}.r{text-align:right}td{vertical-align:top}</style></head><body>",
    );
    h += &format!(
        "<p class=c><b>{}</b><br><b>{}</b><br><small>{}<br>Telepon {}, Laman {}, Pos-el {}</small></p><hr>",
        esc(&c.kop.pemerintah.to_uppercase()),
        esc(&c.kop.dinas.to_uppercase()),
        esc(&c.kop.alamat),
        esc(&c.kop.telepon),
        esc(&c.kop.laman),
        esc(&c.kop.email)
    );
    h += &format!(
        "<p class=r>{}, 22 November 2026</p><table><tr><td>Nomor</td><td>:</td><td>{}</td></tr>\
         <tr><td>Sifat</td><td>:</td><td>{}</td></tr><tr><td>Lampiran</td><td>:</td><td>{}</td></tr>\
         <tr><td>Hal</td><td>:</td><td>{}</td></tr></table><p>Yth. {}</p>",
        esc(&c.tempat),
        esc(c.nomor.as_deref().unwrap_or("")),
        esc(&c.sifat),
        esc(&c.lampiran_text()),
        esc(&c.hal),
        c.tujuan
            .iter()
            .map(|t| esc(t))
            .collect::<Vec<_>>()
            .join("<br>")
    );
    for b in &c.isi {
        match b {
            Block::Teks(t) => h += &format!("<p>{}</p>", esc(t)),
            Block::Data(rows) => {
                h += "<table>";
                for (k, v) in rows {
                    h += &format!("<tr><td>{}</td><td>:</td><td>{}</td></tr>", esc(k), esc(v));
                }
                h += "</table>";
            }
            Block::Daftar(items) => {
                h += "<ol>";
                for i in items {
                    h += &format!("<li>{}</li>", esc(i));
                }
                h += "</ol>";
            }
            Block::Subjudul(t) => h += &format!("<h3>{}</h3>", esc(t)),
            Block::Tabel { kepala, baris, .. } => {
                h += "<table border=1><tr>";
                for k in kepala {
                    h += &format!("<th>{}</th>", esc(k));
                }
                h += "</tr>";
                for r in baris {
                    h += "<tr>";
                    for v in r {
                        h += &format!("<td>{}</td>", esc(v));
                    }
                    h += "</tr>";
                }
                h += "</table>";
            }
            Block::HalamanBaru => h += "<div style=\"page-break-after: always\"></div>",
            Block::Grafik { .. } => h += "<div>(grafik)</div>",
        }
    }
    let s = &c.penandatangan;
    h += &format!(
        "<table width=100%><tr><td width=50%></td><td>{},<br><br><br><br><br><b>{}</b><br>{}<br>NIP {}</td></tr></table>",
        esc(&s.jabatan),
        esc(&s.nama),
        esc(&s.pangkat),
        esc(&s.nip)
    );
    h += &format!(
        "<p><small>Tembusan:<br>1. {}</small></p>",
        esc(&c.tembusan.join(""))
    );
    if !footer.is_empty() {
        h += &format!("<p class=c><small><i>{}</i></small></p>", esc(footer));
    }
    if let Some(rows) = &c.lampiran {
        h += "<p style=\"page-break-before:always\">LAMPIRAN</p><table border=1><tr><th>No</th><th>Nama</th><th>NIP</th><th>Jabatan</th><th>Unit Kerja</th><th>E-mail</th><th>Layanan</th></tr>";
        for (n, r) in rows.iter().enumerate() {
            h += &format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                n + 1,
                esc(&r.nama),
                esc(&r.nip),
                esc(&r.jabatan),
                esc(&r.unit_kerja),
                esc(&r.email),
                esc(&r.layanan)
            );
        }
        h += "</table>";
    }
    h + "</body></html>"
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn main() {
    let s = settings();
    let t = &s.templat;
    let letters = [
        (
            "rekomendasi_pendaftaran",
            content(
                &s,
                Jenis::RekomendasiPendaftaran,
                &t.rekomendasi_pendaftaran,
                false,
            ),
        ),
        (
            "rekomendasi_kolektif_10",
            content(
                &s,
                Jenis::RekomendasiPendaftaran,
                &t.rekomendasi_pendaftaran,
                true,
            ),
        ),
        (
            "rekomendasi_pembaruan",
            content(
                &s,
                Jenis::RekomendasiPembaruan,
                &t.rekomendasi_pembaruan,
                false,
            ),
        ),
        (
            "rekomendasi_pencabutan",
            content(
                &s,
                Jenis::RekomendasiPencabutan,
                &t.rekomendasi_pencabutan,
                false,
            ),
        ),
        (
            "penolakan",
            content(&s, Jenis::Penolakan, &t.penolakan, false),
        ),
    ];
    let created = DateTime::parse_from_rfc3339("2026-11-22T09:00:00+07:00").unwrap();
    let html_dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-data/letters-html");
    std::fs::create_dir_all(&html_dir).unwrap();
    // Each letter as exported, for the crafted-files bench's signed reference.
    let pdf_dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-data/letters-pdf");
    std::fs::create_dir_all(&pdf_dir).unwrap();
    println!(
        "\nSurat: {RUNS} kali per jenis, build release\n{:<26} {:<10} {:>9} {:>9} {:>9}",
        "jenis", "bentuk", "p50 ms", "p95 ms", "byte"
    );
    for (name, c) in &letters {
        for form in [Form::Basah, Form::Elektronik] {
            let mut bytes = 0;
            for _ in 0..5 {
                render_with(c, form, false, created, &s.catatan_kaki_tte, None).unwrap();
            }
            let mut times: Vec<Duration> = (0..RUNS)
                .map(|_| {
                    let t0 = Instant::now();
                    let pdf =
                        render_with(c, form, false, created, &s.catatan_kaki_tte, None).unwrap();
                    let d = t0.elapsed();
                    bytes = pdf.len();
                    d
                })
                .collect();
            times.sort_unstable();
            let label = if form == Form::Basah {
                "basah"
            } else {
                "elektronik"
            };
            std::fs::write(
                pdf_dir.join(format!("{}-{label}.pdf", name.replace('_', "-"))),
                render_with(c, form, false, created, &s.catatan_kaki_tte, None).unwrap(),
            )
            .unwrap();
            println!(
                "{name:<26} {label:<10} {:>9.2} {:>9.2} {bytes:>9}",
                pct(&times, 0.5),
                pct(&times, 0.95)
            );
            let footer = if form == Form::Elektronik {
                s.catatan_kaki_tte.as_str()
            } else {
                ""
            };
            std::fs::write(
                html_dir.join(format!("{name}-{label}.html")),
                html(c, footer),
            )
            .unwrap();
        }
    }
    println!(
        "(HTML yang setara untuk LibreOffice: {})",
        html_dir.display()
    );
}
