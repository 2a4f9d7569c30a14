//! What an admin configures about letters (setting `surat`, JSON): the
//! office's identity (see [`super::identity`]: letterhead and signatories),
//! the place, numbering, addressees and the templates, checked field by
//! field before anything is saved.

use std::collections::BTreeMap;

use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::identity::{Kop, Penandatangan};
use super::kinds::Jenis;
use super::{numbering, template};
use crate::audit::{Acting, Entry};
use crate::error::to_json;

use crate::{Error, Result, store};

/// The templates, one per letter kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Templat {
    pub rekomendasi_pendaftaran: String,
    pub rekomendasi_pembaruan: String,
    pub rekomendasi_pencabutan: String,
    pub penolakan: String,
    pub tanda_terima: String,
}

impl Templat {
    /// The template of a letter kind.
    pub fn of(&self, j: Jenis) -> &str {
        match j {
            Jenis::RekomendasiPendaftaran => &self.rekomendasi_pendaftaran,
            Jenis::RekomendasiPembaruan => &self.rekomendasi_pembaruan,
            Jenis::RekomendasiPencabutan => &self.rekomendasi_pencabutan,
            Jenis::Penolakan => &self.penolakan,
            Jenis::TandaTerima => &self.tanda_terima,
        }
    }
}

/// Everything about letters an admin configures (setting `surat`, JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct LetterSettings {
    pub kop: Kop,
    /// Place printed before the date ("Denpasar").
    pub tempat: String,
    /// Signatories; a letter names one of them (the first is the default).
    pub penandatangan: Vec<Penandatangan>,
    pub tembusan: Vec<String>,
    /// Number pattern, for example `{klasifikasi}/{urut}/{unit}/{tahun}`.
    pub pola_nomor: String,
    /// Kode klasifikasi arsip for recommendations and for rejection notices.
    pub klasifikasi_rekomendasi: String,
    pub klasifikasi_penolakan: String,
    pub kode_unit: String,
    /// Addressee lines of a recommendation (BSrE).
    pub tujuan_rekomendasi: Vec<String>,
    pub templat: Templat,
    /// Footer of the electronic form.
    pub catatan_kaki_tte: String,
}

const REKOMENDASI_PENUTUP: &str =
    "Demikian surat rekomendasi ini dibuat untuk dapat dipergunakan sebagaimana mestinya.";

impl Default for LetterSettings {
    fn default() -> Self {
        let rek = |aksi: &str| {
            format!(
                "Berdasarkan surat permohonan dari {{instansi}}, setelah dilakukan verifikasi \
                 terhadap persyaratan yang ditetapkan, dengan ini {{dinas}} memberikan \
                 rekomendasi {aksi} Sertifikat Elektronik kepada:\n\n{}\n\n\
                 Sertifikat Elektronik tersebut diterbitkan oleh Balai Besar Sertifikasi \
                 Elektronik (BSrE), Badan Siber dan Sandi Negara, untuk keperluan kedinasan.\n\n\
                 {REKOMENDASI_PENUTUP}",
                template::DATA_BLOCK
            )
        };
        LetterSettings {
            kop: Kop {
                pemerintah: "Pemerintah Kota Denpasar".into(),
                dinas: "Dinas Komunikasi, Informatika dan Statistik".into(),
                alamat: "Gedung Graha Sewakadarma Lt. III, Jalan Majapahit Nomor 1, Denpasar 80231"
                    .into(),
                telepon: "(0361) 431229".into(),
                laman: "www.kominfostatistik.denpasarkota.go.id".into(),
                email: "kominfo@denpasarkota.go.id".into(),
            },
            tempat: "Denpasar".into(),
            penandatangan: vec![Penandatangan {
                jabatan: "Kepala Dinas Komunikasi, Informatika dan Statistik Kota Denpasar".into(),
                ..Default::default()
            }],
            tembusan: vec![],
            pola_nomor: "{klasifikasi}/{urut}/{unit}/{tahun}".into(),
            // No office's codes ship with Loket: the office types its own
            // (Pengaturan > Surat); until then a number leaves them out.
            klasifikasi_rekomendasi: String::new(),
            klasifikasi_penolakan: String::new(),
            kode_unit: String::new(),
            tujuan_rekomendasi: vec![
                "Kepala Balai Besar Sertifikasi Elektronik".into(),
                "Badan Siber dan Sandi Negara".into(),
                "di Jakarta".into(),
            ],
            templat: Templat {
                rekomendasi_pendaftaran: rek("pendaftaran"),
                rekomendasi_pembaruan: rek("pembaruan"),
                rekomendasi_pencabutan: rek("pencabutan"),
                penolakan: "Menindaklanjuti permohonan {layanan} Sertifikat Elektronik \
                    Saudara dengan nomor registrasi {nomor_registrasi} tanggal \
                    {tanggal_permohonan}, dengan ini kami sampaikan bahwa permohonan tersebut \
                    belum dapat kami proses dengan alasan:\n\n{alasan}\n\n\
                    Saudara dapat mengajukan permohonan kembali setelah melengkapi atau \
                    memperbaiki hal tersebut.\n\n\
                    Demikian kami sampaikan, atas perhatian Saudara diucapkan terima kasih."
                    .into(),
                tanda_terima: "Berkas permohonan {layanan} Sertifikat Elektronik atas nama \
                    {nama} telah kami terima dengan nomor registrasi {nomor_registrasi}. \
                    Simpan tanda terima ini untuk menanyakan perkembangan permohonan."
                    .into(),
            },
            catatan_kaki_tte: "Dokumen ini telah ditandatangani secara elektronik menggunakan \
                sertifikat elektronik yang diterbitkan oleh Balai Besar Sertifikasi Elektronik \
                (BSrE), BSSN."
                .into(),
        }
    }
}

/// The setting's key.
pub const SETTING_LETTERS: &str = "surat";

/// The letter settings, defaults filled in.
pub async fn settings(db: &impl ConnectionTrait) -> Result<LetterSettings> {
    Ok(match store::setting(db, SETTING_LETTERS).await? {
        Some(v) => serde_json::from_str(&v).map_err(|e| Error::setting(SETTING_LETTERS, e))?,
        None => LetterSettings::default(),
    })
}

fn required(fields: &mut BTreeMap<String, String>, key: &str, value: &str, label: &str) {
    match crate::text::lines(value, label, 300) {
        Ok(v) if v.is_empty() => {
            fields.insert(key.into(), format!("{label} wajib diisi."));
        }
        Ok(_) => {}
        Err(m) => {
            fields.insert(key.into(), m);
        }
    }
}

/// Checks settings; every problem is reported next to its field.
pub fn check_settings(s: &LetterSettings) -> Result<()> {
    let mut f = BTreeMap::new();
    required(
        &mut f,
        "kop.pemerintah",
        &s.kop.pemerintah,
        "Nama pemerintah daerah",
    );
    required(&mut f, "kop.dinas", &s.kop.dinas, "Nama dinas");
    required(&mut f, "kop.alamat", &s.kop.alamat, "Alamat");
    required(&mut f, "tempat", &s.tempat, "Tempat surat");
    // A code is asked for when the number pattern prints it.
    if s.pola_nomor.contains("{unit}") {
        required(&mut f, "kode_unit", &s.kode_unit, "Kode unit");
    }
    if s.pola_nomor.contains("{klasifikasi}") {
        required(
            &mut f,
            "klasifikasi_rekomendasi",
            &s.klasifikasi_rekomendasi,
            "Kode klasifikasi",
        );
        required(
            &mut f,
            "klasifikasi_penolakan",
            &s.klasifikasi_penolakan,
            "Kode klasifikasi",
        );
    }
    if let Err(e) = numbering::check_pattern(&s.pola_nomor) {
        f.insert("pola_nomor".into(), e);
    }
    if s.penandatangan.is_empty() {
        f.insert(
            "penandatangan".into(),
            "Isi sedikitnya satu penandatangan.".into(),
        );
    }
    for (i, p) in s.penandatangan.iter().enumerate() {
        required(
            &mut f,
            &format!("penandatangan.{i}.jabatan"),
            &p.jabatan,
            "Jabatan",
        );
        required(&mut f, &format!("penandatangan.{i}.nama"), &p.nama, "Nama");
        let nip_ok = p.nip.len() == 18 && p.nip.bytes().all(|b| b.is_ascii_digit());
        if !p.nip.is_empty() && !nip_ok {
            f.insert(
                format!("penandatangan.{i}.nip"),
                "NIP terdiri atas 18 angka.".into(),
            );
        }
    }
    for j in Jenis::ALL {
        if let Err(e) = template::check(s.templat.of(j)) {
            f.insert(format!("templat.{}", j.as_str()), e);
        }
    }
    Error::fields(f)
}

/// Saves the letter settings (checked first) with an audit entry.
pub async fn save_settings(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    s: &LetterSettings,
) -> Result<LetterSettings> {
    check_settings(s)?;
    act.set_setting(
        db,
        SETTING_LETTERS,
        &to_json(s)?,
        Entry::new(
            "settings.letters",
            "setting",
            SETTING_LETTERS,
            serde_json::json!({ "pola_nomor": s.pola_nomor }),
        ),
    )
    .await?;
    Ok(s.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_settings_ask_for_the_signatory_name_and_the_offices_own_codes() {
        let mut s = LetterSettings::default();
        let Err(Error::Invalid { fields, .. }) = check_settings(&s) else {
            panic!("an empty signatory name must be refused");
        };
        assert_eq!(
            fields.keys().collect::<Vec<_>>(),
            [
                "klasifikasi_penolakan",
                "klasifikasi_rekomendasi",
                "kode_unit",
                "penandatangan.0.nama"
            ],
            "Loket ships no office's codes: the pattern prints them, so they are asked for"
        );
        s.penandatangan[0].nama = "Nama Kepala".into();
        // A pattern that prints no codes asks for none.
        s.pola_nomor = "{urut}/{tahun}".into();
        check_settings(&s).unwrap();
        s.pola_nomor = "{tahun}".into();
        s.templat.penolakan = "Halo {naam}".into();
        let Err(Error::Invalid { fields, .. }) = check_settings(&s) else {
            panic!()
        };
        assert!(fields.contains_key("pola_nomor") && fields.contains_key("templat.penolakan"));
    }
}
