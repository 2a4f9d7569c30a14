//! The berita acara pemusnahan of a retention run: when, by whom, under
//! which retention periods, and the table of what was destroyed or
//! anonymised (kind, reference, the period's start and end, the action), in
//! the letterhead, signed by the head of office. Printing it is audited.

use chrono::Datelike;
use sea_orm::{DatabaseConnection, EntityTrait};

use super::due::RecordKind;
use super::run::to_run;
use crate::audit::{Acting, Entry};
use crate::document::content::{Block, LetterContent, pukul, tanggal};
use crate::document::pdf::Form;
use crate::document::render::render_content;
use crate::entities::retention_runs;
use crate::office::settings;
use crate::{Error, Result};

const HARI: [&str; 7] = [
    "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
];

/// The berita acara of run `id` as a PDF, with its file name.
pub async fn berita_acara(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    id: i64,
) -> Result<(String, Vec<u8>)> {
    let m = retention_runs::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound("Catatan pemusnahan"))?;
    // In the desk's time zone: PostgreSQL hands a stored moment back in UTC.
    let run_at = m.run_at.with_timezone(act.now().offset());
    let r = to_run(m)?;
    let s = settings::settings(db).await?;
    let office = match s.kop.dinas.trim() {
        "" => "Kantor ini".to_string(),
        d => d.to_string(),
    };
    let day = run_at.date_naive();
    let p = r.periods;
    let count = |k: RecordKind| r.items.iter().filter(|i| i.jenis == k).count();
    let mut isi = vec![
        Block::Teks(format!(
            "Pada hari ini, {}, tanggal {}, pukul {}, {office} telah memusnahkan data \
             pribadi yang masa retensinya telah berakhir menurut jadwal retensi arsip kantor, \
             sebagaimana diwajibkan Pasal 44 ayat (1) huruf a Undang-Undang Nomor 27 Tahun 2022 \
             tentang Pelindungan Data Pribadi, dengan rincian sebagai berikut.",
            HARI[day.weekday().num_days_from_monday() as usize],
            tanggal(day),
            pukul(run_at),
        )),
        Block::Data(vec![
            ("Dilaksanakan oleh".into(), r.actor.clone()),
            (
                "Pemberitahuan kepada pemilik data (Pasal 45)".into(),
                match r.pemberitahuan {
                    Some(n) if n.surel + n.lain == 0 => {
                        "tidak ada: yang dimusnahkan tidak menyangkut data seseorang yang masih \
                         tercatat"
                            .into()
                    }
                    Some(n) => format!(
                        "surel pemberitahuan dimasukkan ke kotak keluar Loket untuk {} orang; {} \
                         orang tanpa surel yang dapat dikirim, diberi tahu kantor dengan cara lain",
                        n.surel, n.lain
                    ),
                    None => "tidak tercatat (pemusnahan sebelum Loket mencatatnya)".into(),
                },
            ),
            (
                "Masa retensi".into(),
                format!(
                    "berkas permohonan {} tahun setelah permohonan selesai; data pribadi pemohon {} \
                     tahun setelah permohonan terakhir selesai dan sertifikat terakhir berakhir; \
                     kiriman kiosk {} hari; surel {} bulan",
                    p.berkas_tahun, p.pemohon_tahun, p.kiosk_hari, p.surel_bulan
                ),
            ),
        ]),
    ];
    let mut summary = vec![];
    for k in [
        RecordKind::Berkas,
        RecordKind::Pemohon,
        RecordKind::Kiosk,
        RecordKind::Surel,
    ] {
        let n = count(k);
        if n > 0 {
            summary.push(format!("{}: {n} {}", k.label(), k.action()));
        }
    }
    isi.push(Block::Daftar(summary));
    isi.push(Block::Tabel {
        lebar: vec![1, 4, 7, 3, 3, 4],
        kepala: [
            "No",
            "Jenis",
            "Rujukan",
            "Retensi mulai",
            "Retensi berakhir",
            "Tindakan",
        ]
        .map(String::from)
        .to_vec(),
        baris: r
            .items
            .iter()
            .enumerate()
            .map(|(n, i)| {
                vec![
                    (n + 1).to_string(),
                    i.jenis.label().into(),
                    i.rujukan.clone(),
                    i.mulai.clone(),
                    i.habis.clone(),
                    i.jenis.action().into(),
                ]
            })
            .collect(),
    });
    isi.push(Block::Teks(
        "Data pribadi pemohon dianonimkan: nama, NIK, NIP, e-mail, nomor HP, jabatan dan unit \
         kerja diganti nomor catatan, sehingga permohonan dan laporan tetap terhitung tanpa \
         menyebut orangnya. Berkas, kiriman kiosk dan surel dihapus dari basis data. Salinan \
         cadangan lama terhapus menurut rotasi cadangan. Berita acara ini dibuat dengan \
         sebenarnya untuk dipergunakan sebagaimana mestinya."
            .into(),
    ));
    let c = LetterContent::document(
        &s,
        day,
        Some(r.nomor.clone()),
        format!("Berita acara pemusnahan {}", r.nomor),
        "BERITA ACARA PEMUSNAHAN DATA PRIBADI".into(),
        isi,
    );
    let bytes = render_content(db, &c, Form::Basah, false, act.now()).await?;
    act.log(
        db,
        Entry::new(
            "retention.report",
            "retention_run",
            id,
            serde_json::json!({ "nomor": r.nomor }),
        ),
    )
    .await?;
    Ok((format!("berita-acara-{}.pdf", r.nomor), bytes))
}
