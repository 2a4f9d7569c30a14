//! The messages the desk sends, one per event, in Indonesian, each an
//! editable template with placeholders (`{nama}`, `{nomor}`, …) that each
//! office may switch off. Values are inserted as plain text into a plain-text
//! message: nothing an applicant typed can become markup or a header.

use std::collections::BTreeMap;

use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::settings::one_line;
use crate::audit::{Acting, Entry};
use crate::error::to_json;
use crate::{Error, Result, store};

/// The setting's key.
pub const SETTING: &str = "surel_templat";

/// What a message tells the applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Peristiwa {
    /// The application was received (the receipt attached).
    Diterima,
    /// Documents are missing (which ones).
    BerkasKurang,
    /// BSrE's e-mail will ask the applicant to confirm their identity and set a passphrase.
    MenungguPemohon,
    /// Rejected (the numbered rejection letter attached).
    Ditolak,
    /// The certificate was issued or renewed.
    Selesai,
    /// The certificate was revoked.
    Dicabut,
    /// The certificate's data were changed.
    DataBerubah,
    /// The certificate ends in 30 days.
    KedaluwarsaH30,
    /// The certificate ends in 7 days.
    KedaluwarsaH7,
    /// The certificate ends today.
    KedaluwarsaHariIni,
    /// A message sent earlier about a step no longer holds: the step was
    /// taken back.
    Koreksi,
    /// The person's data were destroyed under the retention schedule
    /// (UU 27/2022 Pasal 44 ayat (1) huruf a; the notice is Pasal 45's).
    Pemusnahan,
    /// The written answer to a complaint (UU 25/2009 Pasal 50 ayat (5)).
    JawabanPengaduan,
}

impl Peristiwa {
    pub const ALL: [Peristiwa; 13] = [
        Peristiwa::Diterima,
        Peristiwa::BerkasKurang,
        Peristiwa::MenungguPemohon,
        Peristiwa::Ditolak,
        Peristiwa::Selesai,
        Peristiwa::Dicabut,
        Peristiwa::DataBerubah,
        Peristiwa::KedaluwarsaH30,
        Peristiwa::KedaluwarsaH7,
        Peristiwa::KedaluwarsaHariIni,
        Peristiwa::Koreksi,
        Peristiwa::Pemusnahan,
        Peristiwa::JawabanPengaduan,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Peristiwa::Diterima => "diterima",
            Peristiwa::BerkasKurang => "berkas_kurang",
            Peristiwa::MenungguPemohon => "menunggu_pemohon",
            Peristiwa::Ditolak => "ditolak",
            Peristiwa::Selesai => "selesai",
            Peristiwa::Dicabut => "dicabut",
            Peristiwa::DataBerubah => "data_berubah",
            Peristiwa::KedaluwarsaH30 => "kedaluwarsa_h30",
            Peristiwa::KedaluwarsaH7 => "kedaluwarsa_h7",
            Peristiwa::KedaluwarsaHariIni => "kedaluwarsa_hari_ini",
            Peristiwa::Koreksi => "koreksi",
            Peristiwa::Pemusnahan => "pemusnahan",
            Peristiwa::JawabanPengaduan => "jawaban_pengaduan",
        }
    }

    pub fn parse(s: &str) -> Option<Peristiwa> {
        Peristiwa::ALL.into_iter().find(|p| p.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Peristiwa::Diterima => "Permohonan diterima",
            Peristiwa::BerkasKurang => "Berkas kurang",
            Peristiwa::MenungguPemohon => "Menunggu tindakan pemohon",
            Peristiwa::Ditolak => "Permohonan ditolak",
            Peristiwa::Selesai => "Sertifikat terbit",
            Peristiwa::Dicabut => "Sertifikat dicabut",
            Peristiwa::DataBerubah => "Data sertifikat diubah",
            Peristiwa::KedaluwarsaH30 => "Sertifikat akan berakhir (pemberitahuan pertama)",
            Peristiwa::KedaluwarsaH7 => "Sertifikat akan berakhir (pemberitahuan kedua)",
            Peristiwa::KedaluwarsaHariIni => "Sertifikat berakhir hari ini",
            Peristiwa::Koreksi => "Koreksi pemberitahuan",
            Peristiwa::Pemusnahan => "Data pribadi dimusnahkan",
            Peristiwa::JawabanPengaduan => "Jawaban pengaduan",
        }
    }

    /// The placeholders this event fills: the person's and the office's,
    /// the case's (except for an expiry notice, which is about a
    /// certificate), and the event's own.
    pub fn placeholders(self) -> Vec<&'static str> {
        const PERSON: [&str; 4] = ["nama", "instansi", "kantor", "telepon_kantor"];
        const CASE: [&str; 2] = ["nomor", "layanan"];
        let (case, own): (bool, &[&str]) = match self {
            Peristiwa::Diterima => (true, &["perkiraan_selesai"]),
            Peristiwa::BerkasKurang => (true, &["berkas_kurang", "catatan"]),
            Peristiwa::MenungguPemohon => (true, &[]),
            Peristiwa::Ditolak => (true, &["alasan", "nomor_surat"]),
            Peristiwa::Selesai => (true, &["berlaku_dari", "berlaku_sampai"]),
            Peristiwa::DataBerubah => (true, &[]),
            Peristiwa::Dicabut => (true, &["alasan"]),
            Peristiwa::Koreksi => (true, &["pemberitahuan", "status", "alasan"]),
            Peristiwa::Pemusnahan => (
                false,
                &[
                    "tanggal_pemusnahan",
                    "yang_dimusnahkan",
                    "nomor_berita_acara",
                ],
            ),
            Peristiwa::KedaluwarsaH30
            | Peristiwa::KedaluwarsaH7
            | Peristiwa::KedaluwarsaHariIni => {
                (false, &["berlaku_sampai", "nomor_seri", "sisa_hari"])
            }
            Peristiwa::JawabanPengaduan => {
                (false, &["nomor_pengaduan", "tanggal_pengaduan", "jawaban"])
            }
        };
        let case: &[&str] = if case { &CASE } else { &[] };
        // A destruction notice names no one: it would bring back what the
        // run removed. Only the office's own placeholders, and its own.
        // A complainant is no applicant: a name (or "Bapak/Ibu" for an
        // anonymous one), no instansi.
        let person: &[&str] = if self == Peristiwa::Pemusnahan {
            &PERSON[2..]
        } else if self == Peristiwa::JawabanPengaduan {
            &["nama", "kantor", "telepon_kantor"]
        } else {
            &PERSON
        };
        person.iter().chain(case).chain(own).copied().collect()
    }
}

/// One event's message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Template {
    pub peristiwa: Peristiwa,
    /// Off: nothing is queued for this event.
    pub aktif: bool,
    pub subjek: String,
    pub isi: String,
}

fn t(p: Peristiwa, subjek: &str, isi: &str) -> Template {
    Template {
        peristiwa: p,
        aktif: true,
        subjek: subjek.into(),
        isi: isi.into(),
    }
}

const SALAM: &str = "Yth. {nama}\n{instansi}\n\n";
const PENUTUP: &str = "\n\nPesan ini dikirim otomatis oleh {kantor}. Pertanyaan dapat disampaikan dengan membalas surel ini atau melalui telepon {telepon_kantor}.\nPetugas tidak pernah meminta passphrase sertifikat elektronik Anda; jangan berikan kepada siapa pun.";

/// The templates an office starts with.
pub fn defaults() -> Vec<Template> {
    let body = |s: &str| format!("{SALAM}{s}{PENUTUP}");
    vec![
        t(
            Peristiwa::Diterima,
            "Permohonan {layanan} nomor {nomor} telah diterima",
            &body(
                "Permohonan {layanan} sertifikat elektronik Anda telah kami terima dengan nomor registrasi {nomor}.\nPerkiraan selesai: {perkiraan_selesai}.\n\nTanda terima terlampir. Simpan nomor registrasi untuk menanyakan perkembangan permohonan.",
            ),
        ),
        t(
            Peristiwa::BerkasKurang,
            "Berkas permohonan {nomor} belum lengkap",
            &body(
                "Berkas permohonan {layanan} nomor {nomor} belum lengkap. Yang perlu dilengkapi:\n{berkas_kurang}\n\nCatatan petugas: {catatan}\n\nWaktu penyelesaian dihitung setelah berkas lengkap.",
            ),
        ),
        t(
            Peristiwa::MenungguPemohon,
            "Langkah Anda: periksa surel dari BSrE untuk permohonan {nomor}",
            &body(
                "Permohonan {layanan} nomor {nomor} telah kami daftarkan ke Balai Besar Sertifikasi Elektronik (BSrE).\n\nDalam waktu dekat Anda menerima surel dari BSrE berisi tautan untuk memverifikasi identitas (foto wajah dan KTP) dan membuat passphrase Anda sendiri. Ikuti tautan itu dari alamat surel ini. Passphrase hanya Anda yang tahu: jangan kirimkan kepada petugas atau siapa pun.",
            ),
        ),
        t(
            Peristiwa::Ditolak,
            "Permohonan {nomor} tidak dapat diproses",
            &body(
                "Dengan menyesal kami sampaikan bahwa permohonan {layanan} nomor {nomor} tidak dapat diproses.\nAlasan: {alasan}\n\nSurat pemberitahuan nomor {nomor_surat} terlampir. Anda dapat mengajukan permohonan baru setelah memperbaiki hal di atas, dengan formulir dan berkas yang lengkap.",
            ),
        ),
        t(
            Peristiwa::Selesai,
            "Sertifikat elektronik Anda telah terbit ({nomor})",
            &body(
                "Permohonan {layanan} nomor {nomor} telah selesai. Sertifikat elektronik Anda berlaku dari {berlaku_dari} sampai {berlaku_sampai}.\n\nGunakan passphrase yang Anda buat sendiri untuk menandatangani. Ajukan pembaruan sebelum masa berlakunya habis.",
            ),
        ),
        t(
            Peristiwa::Dicabut,
            "Sertifikat elektronik Anda telah dicabut ({nomor})",
            &body(
                "Permohonan pencabutan nomor {nomor} telah selesai: sertifikat elektronik Anda telah dicabut dan tidak dapat dipakai lagi untuk menandatangani.\nAlasan: {alasan}",
            ),
        ),
        t(
            Peristiwa::DataBerubah,
            "Data sertifikat elektronik Anda telah diubah ({nomor})",
            &body(
                "Permohonan perubahan data nomor {nomor} telah selesai: data Anda pada layanan sertifikat elektronik telah diubah. Bila perubahan ini memerlukan sertifikat baru, Anda menerima surel tersendiri ketika sertifikat itu terbit.",
            ),
        ),
        t(
            Peristiwa::KedaluwarsaH30,
            "Sertifikat elektronik Anda berakhir pada {berlaku_sampai}",
            &body(
                "Sertifikat elektronik Anda (nomor seri {nomor_seri}) habis masa berlakunya pada {berlaku_sampai}, {sisa_hari} hari lagi.\n\nAgar tetap dapat menandatangani, ajukan pembaruan sertifikat ke layanan kami sebelum tanggal itu.",
            ),
        ),
        t(
            Peristiwa::KedaluwarsaH7,
            "{sisa_hari} hari lagi sertifikat elektronik Anda berakhir",
            &body(
                "Sertifikat elektronik Anda (nomor seri {nomor_seri}) habis masa berlakunya pada {berlaku_sampai}, {sisa_hari} hari lagi.\n\nSegera ajukan pembaruan sertifikat ke layanan kami.",
            ),
        ),
        t(
            Peristiwa::KedaluwarsaHariIni,
            "Sertifikat elektronik Anda berakhir hari ini",
            &body(
                "Sertifikat elektronik Anda (nomor seri {nomor_seri}) habis masa berlakunya hari ini, {berlaku_sampai}. Sejak besok sertifikat itu tidak dapat dipakai untuk menandatangani.\n\nAjukan pembaruan sertifikat ke layanan kami; sertifikat yang telah berakhir tetap dapat diperbarui.",
            ),
        ),
        t(
            Peristiwa::Koreksi,
            "Koreksi: pemberitahuan permohonan {nomor}",
            &body(
                "Pemberitahuan \"{pemberitahuan}\" yang kami kirim untuk permohonan {layanan} nomor {nomor} tidak berlaku: langkah itu kami koreksi.\nStatus permohonan Anda sekarang: {status}.\nAlasan koreksi: {alasan}\n\nMohon maaf atas kekeliruan ini. Kami memberi tahu Anda kembali pada langkah berikutnya.",
            ),
        ),
        t(
            Peristiwa::Pemusnahan,
            "Pemberitahuan pemusnahan data pribadi Anda",
            // No name: the notice outlives the data it tells of until it
            // is sent, and it should not bring the name back.
            &format!(
                "Yth. Bapak/Ibu,\n\n{}{PENUTUP}",
                "Sesuai jadwal retensi arsip kantor, pada {tanggal_pemusnahan} kami telah memusnahkan data pribadi Anda berikut ini: {yang_dimusnahkan}.\n\nPemusnahan ini dilaksanakan berdasarkan Pasal 44 ayat (1) huruf a dan diberitahukan kepada Anda sesuai Pasal 45 Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi, dengan berita acara nomor {nomor_berita_acara}.",
            ),
        ),
        t(
            Peristiwa::JawabanPengaduan,
            "Jawaban atas pengaduan nomor {nomor_pengaduan}",
            &format!(
                "Yth. {{nama}}\n\n{}{PENUTUP}",
                "Terima kasih atas pengaduan Anda yang kami terima pada {tanggal_pengaduan} dengan nomor {nomor_pengaduan}. Jawaban kami:\n\n{jawaban}",
            ),
        ),
    ]
}

/// The templates in force: the stored ones, with the defaults for any event
/// an office has not saved yet.
pub async fn templates(db: &impl ConnectionTrait) -> Result<Vec<Template>> {
    let stored: Vec<Template> = match store::setting(db, SETTING).await? {
        Some(json) => serde_json::from_str(&json).map_err(|e| Error::setting(SETTING, e))?,
        None => Vec::new(),
    };
    Ok(defaults()
        .into_iter()
        .map(|d| {
            stored
                .iter()
                .find(|s| s.peristiwa == d.peristiwa)
                .cloned()
                .unwrap_or(d)
        })
        .collect())
}

/// The template of one event.
pub async fn template(db: &impl ConnectionTrait, p: Peristiwa) -> Result<Template> {
    templates(db)
        .await?
        .into_iter()
        .chain(defaults())
        .find(|t| t.peristiwa == p)
        .ok_or_else(|| Error::Corrupt(format!("templat surel {p:?} tidak ada")))
}

/// The placeholders in `text` (`{name}`), in order.
fn placeholders_in(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        match after.find('}') {
            Some(j) => {
                out.push(&after[..j]);
                rest = &after[j + 1..];
            }
            None => break,
        }
    }
    out
}

/// Checks templates: a subject and a body each, and only the placeholders
/// the event fills. Field names are `<event>.subjek` and `<event>.isi`.
pub fn check(list: &[Template]) -> Result<Vec<Template>> {
    let mut f = BTreeMap::new();
    let mut out = Vec::new();
    for p in Peristiwa::ALL {
        let Some(t) = list.iter().find(|t| t.peristiwa == p) else {
            f.insert(
                format!("{}.isi", p.as_str()),
                "Templat tidak dikirim.".into(),
            );
            continue;
        };
        let subjek = one_line(&t.subjek);
        let isi = t.isi.replace("\r\n", "\n").trim().to_string();
        let key = |x: &str| format!("{}.{x}", p.as_str());
        if subjek.is_empty() {
            f.insert(key("subjek"), "Isi subjek surel.".into());
        } else if subjek.chars().count() > 200 {
            f.insert(key("subjek"), "Subjek paling banyak 200 huruf.".into());
        }
        if isi.is_empty() {
            f.insert(key("isi"), "Isi pesan surel.".into());
        } else if isi.chars().count() > 5000 {
            f.insert(key("isi"), "Pesan paling banyak 5.000 huruf.".into());
        }
        for (field, text) in [("subjek", &subjek), ("isi", &isi)] {
            if let Some(bad) = placeholders_in(text)
                .into_iter()
                .find(|n| !p.placeholders().contains(n))
            {
                f.insert(
                    key(field),
                    format!(
                        "{{{bad}}} tidak dikenal untuk pesan ini. Yang tersedia: {}.",
                        p.placeholders()
                            .iter()
                            .map(|n| format!("{{{n}}}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            }
        }
        out.push(Template {
            peristiwa: p,
            aktif: t.aktif,
            subjek,
            isi,
        });
    }
    Error::fields(f)?;
    Ok(out)
}

/// Saves the templates (admin), with the audit entry.
pub async fn save(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    list: &[Template],
) -> Result<Vec<Template>> {
    let clean = check(list)?;
    let off: Vec<&str> = clean
        .iter()
        .filter(|t| !t.aktif)
        .map(|t| t.peristiwa.as_str())
        .collect();
    act.set_setting(
        db,
        SETTING,
        &to_json(&clean)?,
        Entry::new(
            "settings.mail_templates",
            "setting",
            SETTING,
            serde_json::json!({ "nonaktif": off }),
        ),
    )
    .await?;
    Ok(clean)
}

/// Fills `text` with `values` in one pass: a value is inserted as it is and
/// never read again for placeholders, so an applicant's `{nomor}` in their
/// name stays text. A value for a subject is kept to one line.
pub fn fill(text: &str, values: &BTreeMap<&str, String>, one: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.find('}') {
            Some(j) => {
                let name = &after[..j];
                match values.get(name) {
                    Some(v) if one => out.push_str(&one_line(v)),
                    Some(v) => out.push_str(v),
                    None => out.push_str(&rest[i..i + j + 2]),
                }
                rest = &after[j + 1..];
            }
            None => {
                out.push_str(&rest[i..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    if one { one_line(&out) } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_pass_their_check_and_never_ask_for_a_passphrase() {
        let d = defaults();
        assert_eq!(check(&d).unwrap(), d);
        for t in &d {
            assert!(t.isi.contains("jangan berikan"), "{:?}", t.peristiwa);
            assert!(!t.isi.to_lowercase().contains("kirimkan passphrase"));
        }
    }

    #[test]
    fn a_destruction_notice_cannot_be_made_to_name_the_person() {
        let mut d = defaults();
        let notice = d
            .iter_mut()
            .find(|t| t.peristiwa == Peristiwa::Pemusnahan)
            .unwrap();
        assert!(!notice.isi.contains("{nama}"), "the default names no one");
        notice.isi = format!("Yth. {{nama}}, {{instansi}}\n{}", notice.isi);
        assert!(
            check(&d).is_err(),
            "an office's edit that would bring the name back is refused"
        );
    }

    #[test]
    fn values_are_inserted_once_and_subjects_stay_on_one_line() {
        let v = BTreeMap::from([
            ("nama", "Budi {nomor}\r\nBcc: x@y.test".to_string()),
            ("nomor", "REG-1".to_string()),
        ]);
        assert_eq!(
            fill("{nama} / {nomor} / {lain}", &v, false),
            "Budi {nomor}\r\nBcc: x@y.test / REG-1 / {lain}"
        );
        assert_eq!(
            fill("Untuk {nama}", &v, true),
            "Untuk Budi {nomor} Bcc: x@y.test"
        );
        assert_eq!(fill("kurung { terbuka", &v, false), "kurung { terbuka");
    }

    #[test]
    fn an_unknown_placeholder_is_named_next_to_its_field() {
        let mut d = defaults();
        d[0].subjek = "Halo {nik}".into();
        let Err(Error::Invalid { fields, .. }) = check(&d) else {
            panic!("accepted")
        };
        assert!(fields["diterima.subjek"].contains("{nik}"));
    }
}
