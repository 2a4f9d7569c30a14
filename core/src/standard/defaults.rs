//! The standard Loket starts from, taken from published Standar Pelayanan of
//! two registration desks: Denpasar's (Keputusan Kepala Dinas Kominfo dan
//! Statistik Nomor 188.4/342/DKIS/2023, "Layanan Penggunaan Sertifikat
//! Elektronik Individu": 3 hari kerja) for penerbitan, pembaruan and
//! pencabutan, and Pekalongan's for perubahan data (5 hari kerja). An
//! office replaces every text with its own decree's.

use super::model::{AkhirTenggat, ClockStart, ServiceStandard, Standard};
use crate::lifecycle::vocabulary::Layanan;

/// The Maklumat Pelayanan in the wording PermenPANRB 15/2014 sets out.
pub const MAKLUMAT: &str = "Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan \
sesuai standar pelayanan yang telah ditetapkan dan apabila tidak menepati janji ini, kami siap \
menerima sanksi sesuai peraturan perundang-undangan yang berlaku.";

const PROSEDUR: &str = "1. Pemohon menyampaikan surat permohonan dan persyaratan di loket \
atau anjungan mandiri Dinas.\n2. Petugas memeriksa kelengkapan berkas; berkas yang belum \
lengkap dikembalikan dengan keterangan kekurangannya.\n3. Verifikator menerbitkan Surat \
Rekomendasi dan mendaftarkan permohonan pada sistem BSrE.\n4. BSrE memverifikasi permohonan; \
bila sesuai, sertifikat elektronik diterbitkan, diperbarui, diubah atau dicabut.\n5. Bila \
tidak sesuai, permohonan ditolak dan Dinas memberitahukan pemohon secara tertulis.";

const PROSEDUR_PERUBAHAN: &str = "1. Pemohon mengajukan permohonan perubahan data dengan \
formulir perubahan dan dokumen pendukungnya.\n2. Petugas memeriksa kelengkapan berkas.\n3. \
Verifikator mengajukan perubahan data pada sistem BSrE.\n4. BSrE memverifikasi: bila sesuai, \
data diubah; bila tidak sesuai, permohonan ditolak dan dapat diajukan ulang.\n5. Bila pemohon \
memiliki sertifikat elektronik aktif, sertifikat tersebut dicabut dengan alasan identitas \
berubah lalu diterbitkan kembali.";

const PENGADUAN: &str = "1. Langsung kepada petugas loket; bila belum selesai, diteruskan \
kepada pejabat pengaduan Dinas.\n2. Secara tertulis kepada Kepala Dinas.\n3. Melalui SP4N \
LAPOR! (lapor.go.id).";

const DASAR_HUKUM: &str = "1. Undang-Undang Nomor 11 Tahun 2008 tentang Informasi dan \
Transaksi Elektronik beserta perubahannya.\n2. Undang-Undang Nomor 25 Tahun 2009 tentang \
Pelayanan Publik.\n3. Peraturan Pemerintah Nomor 71 Tahun 2019 tentang Penyelenggaraan \
Sistem dan Transaksi Elektronik.\n4. Peraturan Menteri PANRB Nomor 15 Tahun 2014 tentang \
Pedoman Standar Pelayanan.";

fn service(layanan: Layanan) -> ServiceStandard {
    let perubahan = layanan == Layanan::PerubahanData;
    let produk = match layanan {
        Layanan::Penerbitan => {
            "Surat Rekomendasi Pendaftaran dan sertifikat elektronik yang diterbitkan BSrE."
        }
        Layanan::Pembaruan => {
            "Surat Rekomendasi Pembaruan dan sertifikat elektronik yang diperbarui BSrE."
        }
        Layanan::PerubahanData => {
            "Data pemohon sertifikat elektronik yang diubah pada sistem BSrE."
        }
        Layanan::Pencabutan => {
            "Surat Rekomendasi Pencabutan dan sertifikat elektronik yang dicabut BSrE."
        }
    };
    ServiceStandard {
        layanan,
        hari_kerja: if perubahan { 5 } else { 3 },
        hari_kerja_min: None,
        mulai: ClockStart::BerkasLengkap,
        jeda_bsre: true,
        akhir_tenggat: AkhirTenggat::JamLayanan,
        prosedur: (if perubahan {
            PROSEDUR_PERUBAHAN
        } else {
            PROSEDUR
        })
        .into(),
        biaya: "Tidak dipungut biaya.".into(),
        produk: produk.into(),
        pengaduan: PENGADUAN.into(),
        dasar_hukum: DASAR_HUKUM.into(),
        sarana: "Komputer, printer, jaringan internet, surel dinas, telepon, anjungan mandiri."
            .into(),
        kompetensi: "Menguasai penggunaan komputer dan sistem BSrE; memahami alur penerbitan, \
pembaruan, perubahan data dan pencabutan sertifikat elektronik."
            .into(),
        pengawasan: "Pengawasan langsung oleh pimpinan atau atasan langsung pelaksana.".into(),
        jumlah_pelaksana: "2 (dua) orang.".into(),
        jaminan_pelayanan: "Maklumat Pelayanan.".into(),
        jaminan_keamanan: "Data pemohon dijaga kerahasiaannya; lingkungan pelayanan aman dan \
nyaman."
            .into(),
        evaluasi: "Dilaksanakan setiap tiga bulan sekali oleh pimpinan; Survei Kepuasan \
Masyarakat."
            .into(),
    }
}

/// The standard Loket starts from.
pub fn standard() -> Standard {
    Standard {
        nomor_sk: String::new(),
        maklumat: MAKLUMAT.into(),
        pejabat_pengaduan: String::new(),
        aturan_dipilih: false,
        layanan: Layanan::ALL.into_iter().map(service).collect(),
    }
}
