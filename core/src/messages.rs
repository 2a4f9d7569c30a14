//! English for the core's messages.
//!
//! Loket's messages are written in Indonesian where they are raised, and that
//! text is the message's identity, as gettext keys a message by its
//! source-language text: a template below matches it, its `{holes}` taking
//! the values the Indonesian text carries (a count, a year, a field's name),
//! and gives the English with the same values. The desk shows the English
//! when its staff chose English; a message without a template stays in
//! Indonesian, the default. A hole named `label` holds a field's name, which
//! is put into English too.

/// Indonesian template, English template.
const ENGLISH: &[(&str, &str)] = &[
    // Every refused form.
    (
        "Periksa kembali isian yang ditandai.",
        "Check the marked fields again.",
    ),
    ("Wajib diisi.", "Required."),
    ("{label} wajib diisi.", "{label} is required."),
    (
        "{label} paling panjang {max} karakter.",
        "{label} is at most {max} characters long.",
    ),
    (
        "{label} memuat karakter tersembunyi atau karakter kendali (U+{code}). Ketik ulang isinya, jangan menyalin-tempel.",
        "{label} holds a hidden or control character (U+{code}). Type it again instead of pasting it.",
    ),
    (
        "Tulis tanggal sebagai hh/bb/tttt.",
        "Write the date as dd/mm/yyyy.",
    ),
    // The working-day calendar.
    (
        "Tanggal ini bukan di tahun {year}.",
        "This date is not in {year}.",
    ),
    (
        "Tanggal ini sudah ada di daftar.",
        "This date is already in the list.",
    ),
    ("Isi keterangannya.", "Fill in what the day is."),
    ("Tahun 2000 sampai 2100.", "A year from 2000 to 2100."),
    // A person: the intake form, the kiosk, a data change's new values.
    (
        "Nama tidak boleh berisi angka.",
        "A name cannot contain digits.",
    ),
    ("NIK wajib diisi.", "The NIK is required."),
    (
        "NIK hanya boleh berisi angka.",
        "The NIK may hold digits only.",
    ),
    (
        "NIK harus 16 digit (terisi {n} digit).",
        "The NIK has 16 digits ({n} typed).",
    ),
    (
        "Kode provinsi pada NIK (2 digit pertama) tidak valid.",
        "The province code of the NIK (its first 2 digits) is not valid.",
    ),
    (
        "Tanggal lahir pada NIK (digit 7-8) bernilai {v}: harus 01-31, atau 41-71 untuk perempuan.",
        "The day of birth in the NIK (digits 7-8) is {v}: it must be 01-31, or 41-71 for a woman.",
    ),
    (
        "Bulan lahir pada NIK (digit 9-10) bernilai {v}: harus 01-12.",
        "The month of birth in the NIK (digits 9-10) is {v}: it must be 01-12.",
    ),
    (
        "Nomor urut pada NIK (4 digit terakhir) tidak boleh 0000.",
        "The serial of the NIK (its last 4 digits) cannot be 0000.",
    ),
    (
        "Tanggal lahir pada NIK ({date}) tidak ada di kalender.",
        "The date of birth in the NIK ({date}) does not exist.",
    ),
    (
        "NIK ulangan tidak sama dengan NIK. Ketik ulang dari KTP.",
        "The NIK typed again differs from the NIK. Type it again from the KTP.",
    ),
    (
        "Kode wilayah {code} pada NIK tidak ada di tabel wilayah. Periksa kembali dengan KTP (tabel wilayah belum lengkap).",
        "The region code {code} of the NIK is not in the region table. Check it against the KTP (the table is not complete).",
    ),
    (
        "Menurut NIK, pemohon berumur {age} tahun. Periksa kembali.",
        "By the NIK the applicant is {age} years old. Check again.",
    ),
    (
        "NIP hanya boleh berisi angka.",
        "The NIP may hold digits only.",
    ),
    (
        "NIP harus 18 digit (terisi {n} digit).",
        "The NIP has 18 digits ({n} typed).",
    ),
    (
        "Tanggal lahir pada NIP (8 digit pertama, TTTTBBHH) tidak valid.",
        "The date of birth in the NIP (its first 8 digits, YYYYMMDD) is not valid.",
    ),
    (
        "Tahun pengangkatan pada NIP (digit 9-12) tidak masuk akal untuk tanggal lahirnya.",
        "The year of appointment in the NIP (digits 9-12) does not fit its date of birth.",
    ),
    (
        "Bulan pengangkatan pada NIP (digit 13-14) harus 01-12.",
        "The month of appointment in the NIP (digits 13-14) must be 01-12.",
    ),
    (
        "Digit ke-13 NIP harus 0 atau 1 (PNS) atau 2 (PPPK).",
        "Digit 13 of the NIP must be 0 or 1 (PNS) or 2 (PPPK).",
    ),
    (
        "Digit ke-14 NIP PPPK (frekuensi) harus 1-9.",
        "Digit 14 of a PPPK NIP (the round) must be 1-9.",
    ),
    (
        "Digit ke-15 NIP (jenis kelamin) harus 1 atau 2.",
        "Digit 15 of the NIP (sex) must be 1 or 2.",
    ),
    (
        "Nomor urut NIP (3 digit terakhir) tidak boleh 000.",
        "The serial of the NIP (its last 3 digits) cannot be 000.",
    ),
    (
        "Tanggal lahir pada NIP ({a}) berbeda dengan pada NIK ({b}). Periksa kembali.",
        "The date of birth in the NIP ({a}) differs from the NIK's ({b}). Check again.",
    ),
    (
        "Jenis kelamin pada NIP berbeda dengan pada NIK. Periksa kembali.",
        "The sex in the NIP differs from the NIK's. Check again.",
    ),
    ("E-mail wajib diisi.", "The e-mail is required."),
    (
        "Alamat e-mail tidak valid (contoh: nama@denpasarkota.go.id).",
        "The e-mail address is not valid (for example: nama@denpasarkota.go.id).",
    ),
    (
        "E-mail terlalu panjang (paling banyak 254 karakter, 64 sebelum @).",
        "The e-mail is too long (at most 254 characters, 64 before the @).",
    ),
    (
        "Sertifikat diterbitkan ke e-mail dinas; alamat ini bukan @{domain}.",
        "Certificates are issued to the official e-mail; this address is not @{domain}.",
    ),
    ("Nomor HP wajib diisi.", "The mobile number is required."),
    (
        "Nomor HP harus 10-15 digit.",
        "The mobile number has 10-15 digits.",
    ),
    (
        "Nomor HP harus diawali 08 atau +62 dan hanya berisi angka.",
        "The mobile number starts with 08 or +62 and holds digits only.",
    ),
    // The service's own part of a form.
    ("Pilih layanan.", "Choose the service."),
    (
        "Pastikan dulu data pemohon di AMS tidak berubah. Bila berubah, ajukan perubahan data.",
        "First make sure the applicant's data in AMS has not changed. If it has, apply for a data change.",
    ),
    (
        "Nyatakan bahwa data Anda tidak berubah. Bila berubah, pilih layanan Perubahan data.",
        "State that your data has not changed. If it has, choose the data change service.",
    ),
    (
        "Pilih alasan pencabutan.",
        "Choose the reason for the revocation.",
    ),
    (
        "Isi tanggal mulai berlakunya pencabutan (hh/bb/tttt).",
        "Fill in the day the revocation applies from (dd/mm/yyyy).",
    ),
    (
        "Isi pernyataan pemohon.",
        "Fill in the applicant's statement.",
    ),
    ("Isi pernyataan Anda.", "Fill in your statement."),
    (
        "Tuliskan alasan perubahan data.",
        "Write why the data changes.",
    ),
    ("Isi data yang baru.", "Fill in the new data."),
    (
        "Ubah paling sedikit satu data pada kolom data baru.",
        "Change at least one value in the new data.",
    ),
    (
        "Pilih sertifikat yang diperbarui.",
        "Choose the certificate renewed.",
    ),
    (
        "Pilih sertifikat yang dicabut.",
        "Choose the certificate revoked.",
    ),
    (
        "Pembaruan untuk satu sertifikat.",
        "A renewal is for one certificate.",
    ),
    (
        "Sertifikat ini sudah dicabut atau digantikan; pilih sertifikat yang masih tercatat.",
        "This certificate was revoked or superseded; choose one still on record.",
    ),
    (
        "Hanya sertifikat aktif milik pemohon ini yang dapat dicabut.",
        "Only this applicant's active certificates can be revoked.",
    ),
    (
        "Pemohon belum memiliki sertifikat yang tercatat di Loket. Catat dulu sertifikat yang dimilikinya (tercatat dari luar Loket): tanggal berlaku dan nomor seri bila ada.",
        "The applicant has no certificate on record in Loket. Record the one they hold first (from outside Loket): its validity and its serial if known.",
    ),
    // At the kiosk.
    (
        "Isian belum benar; permohonan belum dikirim.",
        "Some fields are not right yet; the application was not sent.",
    ),
    (
        "Baca pemberitahuan privasi dan setujui sebelum mengisi.",
        "Read the privacy notice and agree before filling in.",
    ),
    // Sessions and rights.
    (
        "Peran Anda tidak mengizinkan tindakan ini.",
        "Your role does not allow this.",
    ),
];

/// Field names as messages name them, in English.
const LABELS: &[(&str, &str)] = &[
    ("Nama", "The name"),
    ("Jabatan", "The position"),
    ("Unit kerja", "The work unit"),
    ("Instansi", "The agency"),
    ("Alasan", "The reason"),
    ("Keterangan", "The description"),
    ("Catatan", "The note"),
    ("Dasar", "The basis"),
];

/// The English of an Indonesian message, when the catalogue has it.
pub fn english(text: &str) -> Option<String> {
    // A message written out whole wins over a template it also fits
    // ("NIK wajib diisi." over "{label} wajib diisi.").
    if let Some((_, en)) = ENGLISH.iter().find(|(id, _)| *id == text) {
        return Some(en.to_string());
    }
    ENGLISH.iter().find_map(|(id, en)| {
        let values = matched(id, text)?;
        Some(filled(en, &values))
    })
}

/// The values of `template`'s holes in `text`, if `text` is the template
/// with its holes filled.
fn matched<'a>(template: &'a str, text: &str) -> Option<Vec<(&'a str, String)>> {
    let mut values = Vec::new();
    let mut rest = text;
    let mut tpl = template;
    loop {
        let Some(open) = tpl.find('{') else {
            return (rest == tpl).then_some(values);
        };
        let literal = &tpl[..open];
        rest = rest.strip_prefix(literal)?;
        let close = open + tpl[open..].find('}')?;
        let name = &tpl[open + 1..close];
        tpl = &tpl[close + 1..];
        // The hole takes text up to the next literal (the end, if none).
        let next = tpl.find('{').map_or(tpl, |i| &tpl[..i]);
        let end = if next.is_empty() {
            rest.len()
        } else if tpl.len() == next.len() {
            rest.rfind(next)?
        } else {
            rest.find(next)?
        };
        if end == 0 {
            return None;
        }
        values.push((name, rest[..end].to_string()));
        rest = &rest[end..];
    }
}

fn filled(template: &str, values: &[(&str, String)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        let value = match *name {
            "label" => LABELS
                .iter()
                .find(|(id, _)| id == value)
                .map_or(value.clone(), |(_, en)| en.to_string()),
            _ => value.clone(),
        };
        out = out.replace(&format!("{{{name}}}"), &value);
    }
    out
}

/// Every message of `map` that has English, under the same keys.
pub fn english_of(
    map: &std::collections::BTreeMap<String, String>,
) -> std::collections::BTreeMap<String, String> {
    map.iter()
        .filter_map(|(k, v)| english(v).map(|e| (k.clone(), e)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_with_values_is_put_into_english_with_the_same_values() {
        assert_eq!(
            english("NIK harus 16 digit (terisi 15 digit).").as_deref(),
            Some("The NIK has 16 digits (15 typed).")
        );
        assert_eq!(
            english("Jabatan wajib diisi.").as_deref(),
            Some("The position is required.")
        );
        assert_eq!(
            english("Tanggal lahir pada NIP (10-11-1967) berbeda dengan pada NIK (11-10-1967). Periksa kembali.").as_deref(),
            Some("The date of birth in the NIP (10-11-1967) differs from the NIK's (11-10-1967). Check again.")
        );
        assert_eq!(
            english("Pilih layanan.").as_deref(),
            Some("Choose the service.")
        );
    }

    #[test]
    fn a_message_not_in_the_catalogue_has_no_english() {
        assert_eq!(english("Pesan yang tidak dikenal."), None);
        assert_eq!(english("Pilih layanan. Dan lagi."), None, "no prefix match");
        assert_eq!(
            english(" wajib diisi."),
            None,
            "a hole takes at least one character"
        );
    }

    #[test]
    fn every_template_names_the_same_holes_in_both_languages() {
        let holes = |t: &str| {
            let mut h: Vec<String> = t
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string()))
                .collect();
            h.sort();
            h
        };
        for (id, en) in ENGLISH {
            assert_eq!(holes(id), holes(en), "{id}");
            assert_ne!(id, en, "{id} is not put into English");
        }
        let mut ids: Vec<&str> = ENGLISH.iter().map(|(id, _)| *id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), ENGLISH.len(), "one template per message");
    }
}
