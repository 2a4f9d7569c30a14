//! The record of processing (UU 27/2022 Pasal 31): what Loket processes for
//! the office, for which purpose, on which legal basis, which data, who
//! receives it, how long it is kept and how it is protected; shown on a page
//! and printed in the letterhead. It states what this version of Loket does,
//! so it lives beside the code that does it.

use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde::Serialize;
use ts_rs::TS;

use crate::Result;
use crate::audit::{Acting, Entry};
use crate::document::content::{Block, LetterContent};
use crate::document::pdf::Form;
use crate::document::render::render_content;
use crate::office::settings;
use crate::privacy::officer::{self, PrivacyDuties};
use crate::retention::periods::{self, RetentionPeriods};

/// One processing activity.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ProcessingActivity {
    pub kegiatan: String,
    pub tujuan: String,
    pub subjek: String,
    pub data: String,
    /// Specific personal data (UU PDP Pasal 4 ayat (2)), if any.
    pub data_spesifik: String,
    pub dasar_hukum: String,
    pub penerima: String,
    pub retensi: String,
    pub pengamanan: String,
}

/// The office's record of processing.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ProcessingRecord {
    /// The controller: the office, from the letterhead ("-" when not set).
    pub pengendali: String,
    /// The data-protection officer and the impact assessment, as the admin
    /// recorded them (empty fields: not set).
    pub tugas: PrivacyDuties,
    pub kegiatan: Vec<ProcessingActivity>,
}

const NOT_SET: &str = "BELUM DITETAPKAN";

/// The officer's and the assessment's rows as the record prints them; what
/// the office has not set says so.
pub fn duty_rows(d: &PrivacyDuties) -> Vec<(String, String)> {
    let officer = if d.pejabat_nama.is_empty() {
        format!("{NOT_SET} (UU 27/2022 Pasal 53)")
    } else {
        format!(
            "{}, {}; kontak {}",
            d.pejabat_nama, d.pejabat_jabatan, d.pejabat_kontak
        )
    };
    let dpia = if d.dpia_tanggal.is_empty() {
        format!(
            "{NOT_SET}: wajib karena memproses data pribadi spesifik (foto KTP memuat citra \
             wajah), UU 27/2022 Pasal 34"
        )
    } else {
        format!("dilakukan {}: {}", d.dpia_tanggal, d.dpia_hasil)
    };
    vec![
        ("Pejabat pelindungan data pribadi".into(), officer),
        ("Penilaian dampak pelindungan data pribadi".into(), dpia),
    ]
}

/// An activity from its texts in the order of the fields (its retention is
/// filled in from the periods in force, see [`activities`]).
fn activity(
    [
        kegiatan,
        tujuan,
        subjek,
        data,
        data_spesifik,
        dasar_hukum,
        penerima,
        pengamanan,
    ]: [&str; 8],
) -> ProcessingActivity {
    ProcessingActivity {
        kegiatan: kegiatan.into(),
        tujuan: tujuan.into(),
        subjek: subjek.into(),
        data: data.into(),
        data_spesifik: data_spesifik.into(),
        dasar_hukum: dasar_hukum.into(),
        penerima: penerima.into(),
        retensi: String::new(),
        pengamanan: pengamanan.into(),
    }
}

/// The activities Loket carries out, each with its retention under the
/// periods in force (`retention::periods`).
fn activities(p: &RetentionPeriods) -> Vec<ProcessingActivity> {
    let person = format!(
        "Berkas permohonan (termasuk foto KTP) {} tahun setelah permohonan selesai, lalu dihapus; \
         data pribadi pemohon {} tahun setelah permohonan terakhirnya selesai dan sertifikat \
         terakhirnya berakhir, lalu dianonimkan; kiriman kiosk yang sudah ditangani {} hari. \
         Pemusnahan dijalankan admin di Loket dengan berita acara. Surat (naskah dinas) disimpan \
         menurut jadwal retensi arsip kantor dan tidak dimusnahkan oleh Loket.",
        p.berkas_tahun, p.pemohon_tahun, p.kiosk_hari
    );
    let retensi = [
        person.clone(),
        format!(
            "Surel yang terkirim atau gagal {} bulan setelah dibuat, lalu dihapus; juga dihapus \
             bersama data pemohonnya.",
            p.surel_bulan
        ),
        person,
        "Menurut jadwal retensi arsip kantor; jawaban tanpa identitas pengisi.".into(),
        "Menurut jadwal retensi arsip kantor; nama dan kontak pengadu dihapus bila data pemohon \
         yang terkait dianonimkan, pengaduan lain dihapus oleh kantor."
            .into(),
        "Akun selama petugas bertugas; log audit disimpan tanpa batas (rantai hash), tanpa isi \
         data pribadi yang dimusnahkan."
            .into(),
    ];
    base()
        .into_iter()
        .zip(retensi)
        .map(|(mut a, r)| {
            a.retensi = r;
            a
        })
        .collect()
}

/// The activities without their retention.
fn base() -> Vec<ProcessingActivity> {
    vec![
        activity([
            "Pendaftaran dan verifikasi permohonan sertifikat elektronik (penerbitan, pembaruan, \
             perubahan data, pencabutan)",
            "Memeriksa identitas dan kelengkapan pemohon, menerbitkan Surat Rekomendasi, \
             mendaftarkan pemohon ke sistem BSrE sebagai verifikator, dan mengikuti permohonan \
             sampai selesai.",
            "Aparatur sipil negara dan pegawai perangkat daerah yang memohon sertifikat",
            "Nama, NIK, NIP, e-mail dinas, nomor HP, jabatan, unit kerja, instansi, surat \
             permohonan, riwayat permohonan dan sertifikat",
            "Foto KTP (memuat citra wajah)",
            "UU 27/2022 Pasal 20 ayat (2) huruf e (pelaksanaan tugas dan kewenangan berdasarkan \
             peraturan perundang-undangan); PP 71/2019 (penyelenggaraan sistem dan transaksi \
             elektronik)",
            "Balai Besar Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara, melalui \
             sistemnya, oleh verifikator kantor",
            "NIK dan dokumen terenkripsi di basis data; NIK disamarkan di layar; setiap tampilan \
             NIK, dokumen dan ekspor dicatat di log audit berantai",
        ]),
        activity([
            "Pemberitahuan kepada pemohon",
            "Memberi tahu pemohon tentang tahap permohonannya dan masa berlaku sertifikatnya.",
            "Pemohon",
            "Nama, e-mail, nomor HP, nomor registrasi, tahap permohonan",
            "-",
            "UU 27/2022 Pasal 20 ayat (2) huruf e; standar pelayanan kantor",
            "Server surel kantor; WhatsApp bila petugas membuka tautan pesan",
            "Pesan dikirim lewat TLS ke server surel kantor; isi pesan tanpa NIK",
        ]),
        activity([
            "Impor data pemegang sertifikat dan daftar pegawai",
            "Membawa data layanan sebelum Loket ke dalam catatan kantor.",
            "Pemegang sertifikat dan pegawai dalam lembar kerja kantor",
            "Sama dengan pendaftaran (tanpa foto KTP), tanggal dan nomor seri sertifikat",
            "-",
            "UU 27/2022 Pasal 20 ayat (2) huruf e",
            "Tidak ada",
            "Diperiksa seperti formulir loket; setiap impor dicatat di log audit dengan sidik \
             berkasnya",
        ]),
        activity([
            "Survei kepuasan masyarakat (SKM)",
            "Mengukur indeks kepuasan layanan (PermenPANRB 14/2017).",
            "Pemohon yang bersedia mengisi",
            "Jawaban survei, kelompok umur, jenis kelamin, pendidikan, pekerjaan, saran; tanpa \
             nama dan NIK",
            "-",
            "PermenPANRB 14/2017; persetujuan pengisi",
            "Dipublikasikan sebagai angka rekapitulasi",
            "Tidak menyimpan identitas pengisi",
        ]),
        activity([
            "Pengelolaan pengaduan",
            "Menerima, menindaklanjuti dan menjawab pengaduan layanan.",
            "Pengadu (boleh tanpa nama)",
            "Nama dan kontak pengadu (bila disebut), isi pengaduan, nomor permohonan terkait",
            "-",
            "UU 25/2009 tentang Pelayanan Publik; Perpres 76/2013",
            "SP4N-LAPOR! bila pengaduan datang dari kanal itu",
            "Hanya petugas loket dan admin; setiap langkah dicatat di log audit",
        ]),
        activity([
            "Akun petugas dan log audit",
            "Membatasi akses menurut peran dan membuktikan siapa melakukan apa.",
            "Petugas kantor",
            "Nama pengguna, nama, peran, hash kata sandi, catatan tindakan",
            "-",
            "UU 27/2022 Pasal 31 (perekaman kegiatan pemrosesan) dan Pasal 35 (keamanan)",
            "Tidak ada",
            "Kata sandi Argon2id; log audit berantai dengan kunci data di keyring OS",
        ]),
    ]
}

/// The record, with the office named from the letterhead.
pub async fn record(db: &impl ConnectionTrait) -> Result<ProcessingRecord> {
    let s = settings::settings(db).await?;
    let pengendali = [s.kop.dinas.trim(), s.kop.pemerintah.trim()]
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    Ok(ProcessingRecord {
        pengendali: if pengendali.is_empty() {
            "-".into()
        } else {
            pengendali
        },
        tugas: officer::get(db).await?,
        kegiatan: activities(&periods::get(db).await?),
    })
}

/// The record as a PDF in the letterhead, with its file name; the print is audited.
pub async fn pdf(db: &DatabaseConnection, act: &Acting<'_>) -> Result<(String, Vec<u8>)> {
    let r = record(db).await?;
    let s = settings::settings(db).await?;
    let mut rows = vec![("Pengendali data pribadi".into(), r.pengendali.clone())];
    rows.extend(duty_rows(&r.tugas));
    let mut isi = vec![Block::Data(rows)];
    for (i, k) in r.kegiatan.iter().enumerate() {
        isi.push(Block::Subjudul(format!("{}. {}", i + 1, k.kegiatan)));
        isi.push(Block::Data(vec![
            ("Tujuan".into(), k.tujuan.clone()),
            ("Subjek data".into(), k.subjek.clone()),
            ("Data pribadi".into(), k.data.clone()),
            ("Data pribadi spesifik".into(), k.data_spesifik.clone()),
            ("Dasar pemrosesan".into(), k.dasar_hukum.clone()),
            ("Penerima".into(), k.penerima.clone()),
            ("Masa simpan".into(), k.retensi.clone()),
            ("Pengamanan".into(), k.pengamanan.clone()),
        ]));
    }
    let c = LetterContent::document(
        &s,
        act.today(),
        None,
        "Catatan kegiatan pemrosesan data pribadi".into(),
        "CATATAN KEGIATAN PEMROSESAN DATA PRIBADI".into(),
        isi,
    );
    let bytes = render_content(db, &c, Form::Basah, false, act.now()).await?;
    act.log(
        db,
        Entry::new(
            "privacy.record_print",
            "setting",
            "pemrosesan",
            serde_json::json!({ "kegiatan": r.kegiatan.len() }),
        ),
    )
    .await?;
    Ok((
        format!("catatan-pemrosesan-{}.pdf", act.today().format("%Y%m%d")),
        bytes,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_activity_states_its_retention_from_the_periods() {
        let p = RetentionPeriods {
            berkas_tahun: 3,
            pemohon_tahun: 7,
            kiosk_hari: 30,
            surel_bulan: 6,
        };
        let all = activities(&p);
        assert_eq!(all.len(), base().len());
        assert!(all.iter().all(|a| !a.retensi.is_empty()));
        assert!(all[0].retensi.contains("3 tahun") && all[0].retensi.contains("7 tahun"));
        assert!(all[1].retensi.contains("6 bulan"));
    }
}
