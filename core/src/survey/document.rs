//! The survey's report as a PDF in the letterhead, laid out as offices
//! publish their IKM: the period and respondents, the table of elements
//! (NRR, weighted NRR) with its chart, the IKM with its band and the
//! regulation's band table, the respondent profile, the lowest elements,
//! the suggestions, and room for the follow-up, signed by the head of office.

use sea_orm::ConnectionTrait;

use super::ikm::Mutu;
use super::report::SurveyReport;
use crate::Result;
use crate::document::content::{Block, LetterContent, lines_to_fill};
use crate::office::settings;

/// A number with `places` decimals and a decimal comma ("3,25"); "-" for none.
pub fn comma(v: Option<f64>, places: usize) -> String {
    v.map_or_else(|| "-".into(), |v| format!("{v:.places$}").replace('.', ","))
}

/// Suggestions printed at most; the rest are in the workbook.
const SUGGESTIONS: usize = 40;

/// The report's content, ready to render.
pub async fn content(
    db: &impl ConnectionTrait,
    r: &SurveyReport,
    today: chrono::NaiveDate,
) -> Result<LetterContent> {
    let s = settings::settings(db).await?;
    let ikm = r.ikm.map_or_else(
        || "belum dapat dihitung: ada unsur yang belum dijawab".to_string(),
        |v| comma(Some(v), 2),
    );
    let mut isi = vec![
        Block::Data(
            r.periode
                .rows()
                .into_iter()
                .chain([
                    ("Jumlah responden".into(), r.responden.to_string()),
                    (
                        "Sampel yang disarankan".into(),
                        format!(
                            "{} (tabel sampel PermenPANRB 14/2017 untuk populasi {} pemohon)",
                            r.sampel, r.populasi
                        ),
                    ),
                    ("Nilai IKM".into(), ikm),
                    (
                        "Mutu pelayanan".into(),
                        r.mutu.map_or_else(|| "-".into(), |m| format!("{m:?}")),
                    ),
                    (
                        "Kinerja unit pelayanan".into(),
                        r.kinerja.clone().unwrap_or_else(|| "-".into()),
                    ),
                ])
                .collect(),
        ),
        Block::Subjudul("A. Nilai per unsur pelayanan".into()),
        Block::Tabel {
            lebar: vec![3, 14, 4, 4, 4, 5],
            kepala: [
                "No",
                "Unsur pelayanan",
                "Jawaban",
                "Jumlah nilai",
                "NRR",
                "NRR tertimbang",
            ]
            .map(String::from)
            .to_vec(),
            baris: r
                .unsur
                .iter()
                .map(|u| {
                    vec![
                        u.kode.clone(),
                        if u.terendah {
                            format!("{} (terendah)", u.unsur)
                        } else {
                            u.unsur.clone()
                        },
                        u.dijawab.to_string(),
                        u.jumlah_nilai.to_string(),
                        comma(u.nrr, 2),
                        comma(u.nrr_tertimbang, 3),
                    ]
                })
                .chain(std::iter::once(vec![
                    String::new(),
                    "Jumlah nilai tertimbang".into(),
                    String::new(),
                    String::new(),
                    String::new(),
                    comma(r.nilai_tertimbang, 3),
                ]))
                .collect(),
        },
        Block::Teks(
            "NRR: nilai rata-rata unsur = jumlah nilai / jumlah jawaban unsur itu. NRR \
             tertimbang = NRR x 1/9. IKM = 25 x jumlah NRR tertimbang."
                .into(),
        ),
        Block::Grafik {
            garis: false,
            label: r.unsur.iter().map(|u| u.kode.clone()).collect(),
            seri: vec![(
                "NRR".into(),
                r.unsur.iter().map(|u| u.nrr.unwrap_or(0.0)).collect(),
            )],
        },
        Block::Subjudul("B. Mutu pelayanan".into()),
        Block::Tabel {
            lebar: vec![8, 8, 10],
            kepala: [
                "Nilai interval IKM",
                "Mutu pelayanan",
                "Kinerja unit pelayanan",
            ]
            .map(String::from)
            .to_vec(),
            baris: [Mutu::A, Mutu::B, Mutu::C, Mutu::D]
                .into_iter()
                .map(|m| {
                    let mark = if r.mutu == Some(m) {
                        " (periode ini)"
                    } else {
                        ""
                    };
                    vec![
                        m.interval().into(),
                        format!("{m:?}{mark}"),
                        m.kinerja().into(),
                    ]
                })
                .collect(),
        },
        Block::Subjudul("C. Profil responden".into()),
    ];
    for g in &r.profil {
        isi.push(Block::Tabel {
            lebar: vec![12, 4],
            kepala: vec![g.judul.clone(), "Jumlah".into()],
            baris: g
                .baris
                .iter()
                .map(|c| vec![c.label.clone(), c.jumlah.to_string()])
                .collect(),
        });
    }
    isi.push(Block::Tabel {
        lebar: vec![12, 4],
        kepala: vec!["Cara pengisian".into(), "Jumlah".into()],
        baris: r
            .sumber
            .iter()
            .map(|c| vec![c.label.clone(), c.jumlah.to_string()])
            .collect(),
    });
    isi.push(Block::Subjudul("D. Unsur dengan nilai terendah".into()));
    let low: Vec<String> = r
        .unsur
        .iter()
        .filter(|u| u.terendah)
        .map(|u| format!("{} {} (NRR {})", u.kode, u.unsur, comma(u.nrr, 2)))
        .collect();
    isi.push(if low.is_empty() {
        Block::Teks("Belum ada jawaban.".into())
    } else {
        Block::Daftar(low)
    });
    isi.push(Block::Subjudul("E. Saran dan masukan responden".into()));
    if r.saran.is_empty() {
        isi.push(Block::Teks("Tidak ada saran tertulis.".into()));
    } else {
        let mut list: Vec<String> = r
            .saran
            .iter()
            .take(SUGGESTIONS)
            .map(|s| format!("{}: {}", s.tanggal.format("%d/%m/%Y"), s.saran))
            .collect();
        if r.saran.len() > SUGGESTIONS {
            list.push(format!(
                "... dan {} saran lain (lihat lembar Saran pada berkas XLSX).",
                r.saran.len() - SUGGESTIONS
            ));
        }
        isi.push(Block::Daftar(list));
    }
    isi.push(Block::Subjudul("F. Rencana tindak lanjut".into()));
    isi.extend(lines_to_fill(2));
    Ok(LetterContent::document(
        &s,
        today,
        None,
        format!("Indeks Kepuasan Masyarakat {}", r.periode.nama),
        format!(
            "LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT (SKM) LAYANAN SERTIFIKAT ELEKTRONIK {}",
            r.periode.nama.to_uppercase()
        ),
        isi,
    ))
}
