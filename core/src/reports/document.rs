//! The report as a PDF in the letterhead, laid out as the quarterly
//! evaluation a Standar Pelayanan asks of the head of office: the period,
//! each service against its promise (table and bar chart), the trend, who
//! the service went to (instansi, unit kerja), the staff, rejections and
//! revocations by reason (with RFC 5280 codes), the backlog, the complaints
//! by channel and category with their response on time, and room for
//! the head of office's findings, signed by the first signatory.

use sea_orm::{ConnectionTrait, DatabaseConnection};

use super::figures::{GroupLine, Report, ServiceLine};
use crate::Result;
use crate::audit::Acting;
use crate::complaints::figures::ComplaintLine;
use crate::document::content::{Block, LetterContent, lines_to_fill};
use crate::document::pdf::Form;
use crate::document::render::render_content;
use crate::help::figures::HelpFigures;
use crate::office::settings;

/// A number as the report prints it ("66,7"; "-" when there is none).
pub fn decimal(v: Option<f64>) -> String {
    v.map_or_else(|| "-".into(), |v| format!("{v:.1}").replace('.', ","))
}

fn name(l: &ServiceLine) -> String {
    l.layanan.map_or_else(
        || "Jumlah".into(),
        |x| crate::standard::document::service_title(x).replace(" Sertifikat Elektronik", ""),
    )
}

/// Groups beyond this many rows are summed as "Lainnya".
const TOP: usize = 15;

fn group_table(rows: &[GroupLine]) -> Block {
    let mut baris: Vec<Vec<String>> = rows
        .iter()
        .take(TOP)
        .map(|g| {
            vec![
                g.nama.clone(),
                g.diterima.to_string(),
                g.selesai.to_string(),
                g.ditolak.to_string(),
                decimal(g.persen_tepat),
            ]
        })
        .collect();
    if rows.len() > TOP {
        let rest = &rows[TOP..];
        baris.push(vec![
            format!("Lainnya ({} baris)", rest.len()),
            rest.iter().map(|g| g.diterima).sum::<u64>().to_string(),
            rest.iter().map(|g| g.selesai).sum::<u64>().to_string(),
            rest.iter().map(|g| g.ditolak).sum::<u64>().to_string(),
            "-".into(),
        ]);
    }
    table(
        vec![14, 5, 5, 5, 6],
        &["Nama", "Diterima", "Selesai", "Ditolak", "Tepat waktu (%)"],
        baris,
        "Tidak ada permohonan.",
    )
}

/// A table of complaints by channel or category, with the total last.
fn complaint_table(first: &str, rows: &[ComplaintLine], total: &ComplaintLine) -> Block {
    table(
        vec![12, 4, 4, 5, 5],
        &[
            first,
            "Diterima",
            "Selesai",
            "Tepat waktu",
            "Lewat tenggat, belum selesai",
        ],
        rows.iter()
            .chain(std::iter::once(total))
            .map(|l| {
                vec![
                    l.nama.clone(),
                    l.diterima.to_string(),
                    l.selesai.to_string(),
                    l.tepat_waktu.to_string(),
                    l.terlambat_terbuka.to_string(),
                ]
            })
            .collect(),
        "Tidak ada pengaduan.",
    )
}

/// The help requests by topic, with the total last (every topic has its
/// line, so an empty period reads as zeros).
fn help_table(b: &HelpFigures) -> Block {
    table(
        vec![12, 4, 4, 5, 5],
        &[
            "Hal",
            "Diterima",
            "Selesai",
            "Selesai hari itu",
            "Diteruskan ke BSrE",
        ],
        b.per_topik
            .iter()
            .chain(std::iter::once(&b.jumlah))
            .map(|l| {
                vec![
                    l.nama.clone(),
                    l.diterima.to_string(),
                    l.selesai.to_string(),
                    l.selesai_hari_itu.to_string(),
                    l.diteruskan.to_string(),
                ]
            })
            .collect(),
        "Tidak ada permintaan bantuan.",
    )
}

/// A table of the report; an empty one says `kosong` in its first row (the
/// layout pads a short row to the table's columns).
fn table(lebar: Vec<usize>, kepala: &[&str], mut baris: Vec<Vec<String>>, kosong: &str) -> Block {
    if baris.is_empty() {
        baris.push(vec![kosong.to_string()]);
    }
    Block::Tabel {
        lebar,
        kepala: kepala.iter().map(|k| (*k).to_string()).collect(),
        baris,
    }
}

/// The report's content, ready to render.
pub async fn content(
    db: &impl ConnectionTrait,
    r: &Report,
    today: chrono::NaiveDate,
) -> Result<LetterContent> {
    let s = settings::settings(db).await?;
    let services = &r.layanan[..r.layanan.len().saturating_sub(1)];
    let total = r.layanan.last().cloned().unwrap_or_default();
    let mut isi = vec![
        Block::Data(
            r.periode
                .rows()
                .into_iter()
                .chain([
                    ("Permohonan diterima".into(), total.diterima.to_string()),
                    ("Selesai".into(), total.selesai.to_string()),
                    (
                        "Tepat waktu".into(),
                        format!(
                            "{} % dari {} permohonan selesai yang dinilai",
                            decimal(total.persen_tepat),
                            total.dinilai
                        ),
                    ),
                ])
                .collect(),
        ),
        Block::Subjudul("A. Permohonan per layanan".into()),
        Block::Tabel {
            lebar: vec![9, 4, 4, 4, 4, 5],
            kepala: [
                "Layanan",
                "Diterima",
                "Selesai",
                "Ditolak",
                "Batal",
                "Tunggakan",
            ]
            .map(String::from)
            .to_vec(),
            baris: r
                .layanan
                .iter()
                .map(|l| {
                    vec![
                        name(l),
                        l.diterima.to_string(),
                        l.selesai.to_string(),
                        l.ditolak.to_string(),
                        l.dibatalkan.to_string(),
                        l.tunggakan.to_string(),
                    ]
                })
                .collect(),
        },
        Block::Grafik {
            garis: false,
            label: services.iter().map(name).collect(),
            seri: vec![
                (
                    "Diterima".into(),
                    services.iter().map(|l| l.diterima as f64).collect(),
                ),
                (
                    "Selesai".into(),
                    services.iter().map(|l| l.selesai as f64).collect(),
                ),
                (
                    "Ditolak".into(),
                    services.iter().map(|l| l.ditolak as f64).collect(),
                ),
            ],
        },
        Block::Subjudul("B. Ketepatan waktu terhadap standar".into()),
        Block::Tabel {
            lebar: vec![9, 4, 4, 4, 5, 4, 4],
            kepala: [
                "Layanan",
                "Standar (hk)",
                "Dinilai",
                "Tepat waktu",
                "Tepat waktu (%)",
                "Median (hk)",
                "P90 (hk)",
            ]
            .map(String::from)
            .to_vec(),
            baris: r
                .layanan
                .iter()
                .map(|l| {
                    vec![
                        name(l),
                        l.standar_hari.map_or_else(|| "-".into(), |d| d.to_string()),
                        l.dinilai.to_string(),
                        l.tepat_waktu.to_string(),
                        decimal(l.persen_tepat),
                        decimal(l.median_hari),
                        l.p90_hari.map_or_else(|| "-".into(), |d| d.to_string()),
                    ]
                })
                .collect(),
        },
        Block::Teks(
            "hk: hari kerja, dihitung sejak jam layanan berjalan menurut standar; waktu menunggu \
             yang dikecualikan standar tidak dihitung. Tunggakan: permohonan yang belum selesai \
             pada akhir periode."
                .into(),
        ),
        Block::HalamanBaru,
        Block::Subjudul("C. Tren permohonan".into()),
        Block::Grafik {
            garis: true,
            label: r.tren.iter().map(|t| t.label.clone()).collect(),
            seri: vec![
                (
                    "Diterima".into(),
                    r.tren.iter().map(|t| t.diterima as f64).collect(),
                ),
                (
                    "Selesai".into(),
                    r.tren.iter().map(|t| t.selesai as f64).collect(),
                ),
            ],
        },
        Block::Subjudul("D. Per instansi".into()),
        group_table(&r.instansi),
        Block::Subjudul("E. Per unit kerja".into()),
        group_table(&r.unit_kerja),
        Block::Subjudul("F. Per petugas".into()),
        table(
            vec![14, 5, 5, 5],
            &["Petugas", "Menerima", "Langkah", "Menyelesaikan"],
            r.petugas
                .iter()
                .map(|p| {
                    vec![
                        p.nama.clone(),
                        p.diterima.to_string(),
                        p.langkah.to_string(),
                        p.selesai.to_string(),
                    ]
                })
                .collect(),
            "Tidak ada kegiatan.",
        ),
        Block::Subjudul("G. Penolakan menurut alasan".into()),
        table(
            vec![18, 4],
            &["Alasan", "Jumlah"],
            r.penolakan
                .iter()
                .map(|p| vec![p.alasan.clone(), p.jumlah.to_string()])
                .collect(),
            "Tidak ada penolakan.",
        ),
        Block::Subjudul("H. Pencabutan menurut alasan (kode RFC 5280)".into()),
        table(
            vec![14, 5, 4],
            &["Alasan", "Kode RFC 5280", "Jumlah"],
            r.pencabutan
                .iter()
                .map(|p| {
                    vec![
                        p.alasan.clone(),
                        p.kode_rfc5280.to_string(),
                        p.jumlah.to_string(),
                    ]
                })
                .collect(),
            "Tidak ada pencabutan.",
        ),
        Block::Subjudul("I. Pengaduan, saran dan masukan".into()),
        complaint_table("Kanal", &r.pengaduan.per_kanal, &r.pengaduan.jumlah),
        complaint_table("Kategori", &r.pengaduan.per_kategori, &r.pengaduan.jumlah),
        Block::Subjudul("J. Bantuan penggunaan sertifikat".into()),
        help_table(&r.bantuan),
        Block::Subjudul("K. Temuan dan tindak lanjut pimpinan".into()),
    ];
    isi.extend(lines_to_fill(2));
    if r.tanpa_tenggat > 0 {
        isi.insert(
            1,
            Block::Teks(format!(
                "Catatan: {} permohonan selesai tidak dinilai ketepatan waktunya karena kalender \
                 kerja tahun yang dilaluinya belum ada.",
                r.tanpa_tenggat
            )),
        );
    }
    Ok(LetterContent::document(
        &s,
        today,
        None,
        format!("Laporan Evaluasi Kinerja Pelayanan {}", r.periode.nama),
        format!(
            "LAPORAN EVALUASI KINERJA PELAYANAN SERTIFIKAT ELEKTRONIK {}",
            r.periode.nama.to_uppercase()
        ),
        isi,
    ))
}

/// The report as a PDF, with the file name to save it under.
pub async fn pdf(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    r: &Report,
) -> Result<(String, Vec<u8>)> {
    let c = content(db, r, act.today()).await?;
    let bytes = render_content(db, &c, Form::Basah, false, act.now()).await?;
    Ok((format!("{}.pdf", r.periode.file_stem()), bytes))
}
