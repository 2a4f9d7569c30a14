//! The application forms of the four services as printed pages, in the
//! office's letterhead and fonts: blank for an applicant who fills one in by
//! hand, or filled from a case for the applicant to check and sign.

use crate::applicants::changes::PersonData;
use crate::cases::forms::ServiceForm;
use crate::catalogue::RequirementSpec;
use crate::document::content::{Block, LetterContent, tanggal};
use crate::entities::certificates as certificate_rows;
use crate::lifecycle::vocabulary::{Layanan, RevocationReason};
use crate::office::identity::Penandatangan;
use crate::office::settings::LetterSettings;
use chrono::NaiveDate;

/// Dotted space to write in by hand.
const BLANK: &str = "..............................................";
/// A shorter blank, for two or three on one line.
const SHORT: &str = "........................";

fn title(l: Layanan) -> &'static str {
    match l {
        Layanan::Penerbitan => "FORMULIR PERMOHONAN PENERBITAN SERTIFIKAT ELEKTRONIK",
        Layanan::Pembaruan => {
            "FORMULIR PERMOHONAN PEMBARUAN/PERPANJANGAN MASA BERLAKU SERTIFIKAT ELEKTRONIK"
        }
        Layanan::PerubahanData => "FORMULIR PERMOHONAN PERUBAHAN DATA SERTIFIKAT ELEKTRONIK",
        Layanan::Pencabutan => "FORMULIR PERMOHONAN PENCABUTAN SERTIFIKAT ELEKTRONIK",
    }
}

fn request(l: Layanan) -> &'static str {
    match l {
        Layanan::Penerbitan => {
            "dengan ini mengajukan permohonan penerbitan Sertifikat Elektronik untuk keperluan \
             kedinasan, dengan data sebagai berikut:"
        }
        Layanan::Pembaruan => {
            "dengan ini mengajukan pembaruan masa berlaku Sertifikat Elektronik (penggantian \
             pasangan kunci) atas sertifikat berikut:"
        }
        Layanan::PerubahanData => {
            "dengan ini mengajukan perubahan data pada Sertifikat Elektronik saya sebagai berikut:"
        }
        Layanan::Pencabutan => {
            "dengan ini mengajukan pencabutan Sertifikat Elektronik saya sebagai berikut:"
        }
    }
}

/// The labels of a person's data, in the order the forms print them.
pub(crate) const PERSON_LABELS: [(&str, &str); 7] = [
    ("nama", "Nama"),
    ("nip", "NIP"),
    ("jabatan", "Jabatan"),
    ("unit_kerja", "Unit Kerja"),
    ("instansi", "Instansi"),
    ("email", "E-mail dinas"),
    ("telepon", "Nomor HP"),
];

fn value<'a>(p: &'a PersonData, field: &str) -> &'a str {
    match field {
        "nama" => &p.nama,
        "nip" => &p.nip,
        "jabatan" => &p.jabatan,
        "unit_kerja" => &p.unit_kerja,
        "instansi" => &p.instansi,
        "email" => &p.email,
        _ => &p.telepon,
    }
}

/// What a filled form is made from.
pub(crate) struct Filled<'a> {
    pub nomor: &'a str,
    pub person: &'a PersonData,
    pub nik: &'a str,
    pub form: Option<&'a ServiceForm>,
    /// The certificates the form names (renewed or revoked).
    pub certificates: &'a [certificate_rows::Model],
    pub received: NaiveDate,
}

fn certificate_line(c: &certificate_rows::Model) -> String {
    let serial = c
        .serial
        .as_deref()
        .map(|s| format!(", nomor seri {s}"))
        .unwrap_or_default();
    format!(
        "berlaku {} s.d. {}{serial}",
        tanggal(c.valid_from),
        tanggal(c.valid_to)
    )
}

/// The desk's words for a revocation reason, as the forms and letters print it.
pub(crate) fn reason_label(r: RevocationReason) -> &'static str {
    match r {
        RevocationReason::Mutasi => "Mutasi / pindah instansi",
        RevocationReason::Pensiun => "Pensiun, berhenti atau meninggal",
        RevocationReason::KunciBocor => "Passphrase atau kunci privat bocor",
        RevocationReason::DataBerubah => "Data pemohon berubah",
        RevocationReason::Lainnya => "Lainnya",
    }
}

/// The service's own rows: filled from the form, or dotted to write in.
fn service_blocks(l: Layanan, filled: Option<&Filled<'_>>) -> Vec<Block> {
    let certs = || match filled {
        Some(f) if !f.certificates.is_empty() => f
            .certificates
            .iter()
            .map(certificate_line)
            .collect::<Vec<_>>()
            .join("; "),
        _ => format!("berlaku {SHORT} s.d. {SHORT}, nomor seri {SHORT}"),
    };
    match l {
        Layanan::Penerbitan => vec![],
        Layanan::Pembaruan => vec![Block::Data(vec![
            ("Sertifikat".into(), certs()),
            (
                "Data di AMS".into(),
                match filled {
                    Some(_) => "tidak berubah (dikonfirmasi petugas)".into(),
                    None => "[  ] tidak berubah    [  ] berubah (ajukan perubahan data)".into(),
                },
            ),
        ])],
        Layanan::PerubahanData => {
            let (rows, alasan) = match filled.and_then(|f| f.form.map(|form| (f, form))) {
                Some((f, ServiceForm::PerubahanData { perubahan, alasan })) => {
                    let mut rows: Vec<(String, String)> = PERSON_LABELS
                        .iter()
                        .filter_map(|(field, label)| {
                            perubahan.fields.get(*field).map(|baru| {
                                (
                                    label.to_string(),
                                    format!("semula {} menjadi {baru}", value(f.person, field)),
                                )
                            })
                        })
                        .collect();
                    if let Some(nik) = &perubahan.nik {
                        rows.push(("NIK".into(), format!("dikoreksi menjadi {}", nik.masked)));
                    }
                    (rows, alasan.clone())
                }
                _ => (
                    PERSON_LABELS
                        .iter()
                        .map(|(_, label)| {
                            (label.to_string(), format!("semula {SHORT} menjadi {SHORT}"))
                        })
                        .collect(),
                    BLANK.to_string(),
                ),
            };
            vec![
                Block::Data(rows),
                Block::Data(vec![("Alasan perubahan".into(), alasan)]),
            ]
        }
        Layanan::Pencabutan => {
            let (reason, from, statement) = match filled.and_then(|f| f.form) {
                Some(ServiceForm::Pencabutan {
                    alasan,
                    berlaku_mulai,
                    pernyataan,
                    ..
                }) => (
                    format!(
                        "{} (kode RFC 5280: {})",
                        reason_label(*alasan),
                        alasan.rfc5280_code()
                    ),
                    tanggal(*berlaku_mulai),
                    pernyataan.clone(),
                ),
                _ => (
                    "[  ] mutasi  [  ] pensiun/berhenti/meninggal  [  ] kunci bocor  \
                     [  ] data berubah  [  ] lainnya"
                        .into(),
                    BLANK.into(),
                    BLANK.into(),
                ),
            };
            vec![
                Block::Data(vec![
                    ("Sertifikat".into(), certs()),
                    ("Alasan pencabutan".into(), reason),
                    ("Berlaku mulai".into(), from),
                ]),
                Block::Teks(format!("Pernyataan pemohon: {statement}")),
            ]
        }
    }
}

/// The form of `l`: blank when `filled` is `None`.
pub(crate) fn compose(
    s: &LetterSettings,
    l: Layanan,
    requirements: &[RequirementSpec],
    filled: Option<&Filled<'_>>,
    today: NaiveDate,
) -> LetterContent {
    let person: Vec<(String, String)> = std::iter::once(("Nama", "nama"))
        .chain([("NIK", "nik")])
        .chain(PERSON_LABELS.iter().skip(1).map(|(f, l)| (*l, *f)))
        .map(|(label, field)| {
            let v = match filled {
                None => BLANK.to_string(),
                Some(f) if field == "nik" => f.nik.to_string(),
                Some(f) => match value(f.person, field) {
                    "" => "-".to_string(),
                    v => v.to_string(),
                },
            };
            (label.to_string(), v)
        })
        .collect();
    let mut isi = vec![
        Block::Teks("Yang bertanda tangan di bawah ini:".into()),
        Block::Data(person),
        Block::Teks(request(l).into()),
    ];
    isi.extend(service_blocks(l, filled));
    if !requirements.is_empty() {
        isi.push(Block::Teks("Berkas yang dilampirkan:".into()));
        isi.push(Block::Daftar(
            requirements
                .iter()
                .map(|r| {
                    let wajib = if r.wajib { "" } else { " (bila ada)" };
                    format!("[  ] {}{wajib}", r.label)
                })
                .collect(),
        ));
    }
    isi.push(Block::Teks(
        "Demikian permohonan ini saya buat dengan sebenarnya. Saya tidak akan memberikan \
         passphrase Sertifikat Elektronik saya kepada siapa pun, termasuk petugas."
            .into(),
    ));
    let nama = filled
        .map(|f| f.person.nama.clone())
        .unwrap_or_else(|| format!("( {BLANK} )"));
    LetterContent {
        kop: s.kop.clone(),
        tempat: s.tempat.clone(),
        tanggal: filled.map(|f| f.received).unwrap_or(today),
        nomor: filled.map(|f| f.nomor.to_string()),
        sifat: String::new(),
        hal: title(l).into(),
        tujuan: vec![],
        isi,
        lampiran: None,
        penandatangan: Penandatangan {
            jabatan: "Pemohon".into(),
            nama,
            pangkat: String::new(),
            nip: filled.map(|f| f.person.nip.clone()).unwrap_or_default(),
        },
        tembusan: vec![],
        judul: Some(title(l).into()),
        isian_kosong: filled.is_none(),
    }
}

/// The form's file name.
pub(crate) fn file_name(l: Layanan, nomor: Option<&str>) -> String {
    let kind = match l {
        Layanan::Penerbitan => "Penerbitan",
        Layanan::Pembaruan => "Pembaruan",
        Layanan::PerubahanData => "Perubahan-Data",
        Layanan::Pencabutan => "Pencabutan",
    };
    match nomor {
        Some(n) => format!("Formulir-{kind}-{n}.pdf"),
        None => format!("Formulir-{kind}-kosong.pdf"),
    }
}
