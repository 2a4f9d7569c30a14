//! The English of messages about forms, people, sessions, applications and collective applications.
//! Indonesian template, English template, in the order they are tried (see
//! [`super::english`]).

pub(super) const ENGLISH: &[(&str, &str)] = &[
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
    // Every refused form: the form as a whole, dates, a field's value.
    ("Isian belum benar.", "Some fields are not right yet."),
    (
        "Data pemohon belum benar; tidak ada yang disimpan.",
        "The applicant's data is not right yet; nothing was saved.",
    ),
    (
        "Data baru belum benar; tidak ada yang disimpan.",
        "The new data is not right yet; nothing was saved.",
    ),
    (
        "{n} baris belum benar; tidak ada yang disimpan.",
        "Rows not right yet: {n}; nothing was saved.",
    ),
    (
        "Tanggal tidak valid (hh/bb/tttt).",
        "The date is not valid (dd/mm/yyyy).",
    ),
    ("Tanggal tidak valid.", "The date is not valid."),
    (
        "Tanggal akhir sebelum tanggal awal.",
        "The end date is before the start date.",
    ),
    (
        "Tanggal di luar kalender.",
        "The date is outside the calendar.",
    ),
    (
        "{label} wajib diisi dengan tanggal yang benar (hh/bb/tttt).",
        "{label} needs a real date (dd/mm/yyyy).",
    ),
    ("Isi nilainya.", "Fill in the value."),
    ("Paling banyak 120 huruf.", "At most 120 characters."),
    // Signing in, sessions and accounts.
    (
        "Masuk dulu dengan akun Anda.",
        "Sign in with your account first.",
    ),
    (
        "Akun Anda tidak ada lagi; hubungi admin.",
        "Your account no longer exists; contact the admin.",
    ),
    (
        "Akun Anda telah dinonaktifkan oleh admin.",
        "The admin has deactivated your account.",
    ),
    (
        "Akun Anda terkunci; minta admin membukanya.",
        "Your account is locked; ask the admin to unlock it.",
    ),
    (
        "Kata sandi akun Anda telah diganti; masuk kembali dengan kata sandi yang baru.",
        "Your password was changed; sign in again with the new password.",
    ),
    (
        "Sesi berakhir setelah {hours} jam; masuk kembali.",
        "The session ended after {hours} hours; sign in again.",
    ),
    (
        "Layar terkunci setelah {minutes} menit tanpa aktivitas; masukkan kata sandi {username} untuk melanjutkan.",
        "The screen locked after {minutes} minutes without activity; enter the password of {username} to go on.",
    ),
    (
        "Akun terkunci setelah {n} kali gagal masuk; minta admin membukanya.",
        "The account is locked after {n} failed sign-ins; ask the admin to unlock it.",
    ),
    (
        "Akun terkunci setelah berkali-kali gagal masuk; minta admin membukanya.",
        "The account is locked after repeated failed sign-ins; ask the admin to unlock it.",
    ),
    (
        "Nama pengguna atau kata sandi salah.",
        "Wrong username or password.",
    ),
    (
        "Terlalu banyak percobaan gagal. Tunggu {seconds} detik lalu coba lagi.",
        "Too many failed attempts. Wait {seconds} seconds and try again.",
    ),
    (
        "Akun ini sudah dinonaktifkan.",
        "This account is deactivated.",
    ),
    (
        "Akun kiosk hanya dapat masuk di jendela kiosk, bukan di meja layanan.",
        "A kiosk account signs in only at the kiosk window, not at the service desk.",
    ),
    (
        "Tidak ada layar yang terkunci; masuk dengan akun Anda.",
        "No screen is locked; sign in with your account.",
    ),
    (
        "Tidak ada layar yang terkunci; masuk dengan akun kiosk.",
        "No screen is locked; sign in with the kiosk account.",
    ),
    ("Isi nama pengguna.", "Fill in the username."),
    ("Isi kata sandi.", "Fill in the password."),
    (
        "Terlalu banyak percobaan yang salah di kiosk ini. Tunggu {seconds} detik, lalu coba lagi.",
        "Too many wrong attempts at this kiosk. Wait {seconds} seconds, then try again.",
    ),
    (
        "Token \"ingat saya\" #{id} diubah di luar Loket; tidak dipakai.",
        "The \"remember me\" token #{id} was changed outside Loket; it is not used.",
    ),
    (
        "Akun \"{username}\" diubah di luar Loket (peran, status atau kata sandinya); Loket tidak memakainya sampai admin memeriksanya.",
        "The account \"{username}\" was changed outside Loket (its roles, status or password); Loket does not use it until the admin checks it.",
    ),
    (
        "Harus ada sedikitnya satu admin aktif.",
        "There must be at least one active admin.",
    ),
    ("Kata sandi lama salah.", "The old password is wrong."),
    (
        "Nama pengguna 3 karakter atau lebih: huruf kecil, angka, titik atau garis bawah.",
        "A username has 3 characters or more: lowercase letters, digits, dots or underscores.",
    ),
    (
        "Nama pengguna ini sudah dipakai.",
        "This username is taken.",
    ),
    (
        "Kata sandi paling sedikit 10 karakter.",
        "A password has at least 10 characters.",
    ),
    (
        "Kata sandi tidak boleh sama dengan nama pengguna.",
        "The password cannot be the same as the username.",
    ),
    ("Kedua kata sandi tidak sama.", "The two passwords differ."),
    ("Pilih sedikitnya satu peran.", "Choose at least one role."),
    (
        "Akun kiosk tidak boleh memegang peran lain.",
        "A kiosk account cannot hold another role.",
    ),
    (
        "Kata sandi tidak dapat disimpan: {reason}",
        "The password cannot be saved: {reason}",
    ),
    (
        "Perhitungan kata sandi terhenti: {reason}",
        "Computing the password stopped: {reason}",
    ),
    // The first admin and the recovery key.
    (
        "Basis data ini sudah pernah dipakai; penyiapan awal hanya untuk basis data baru. Bila tidak ada lagi admin, buat admin baru dengan `loket recover-admin` dan kunci pemulihan.",
        "This database has been used before; the first setup is for a new database only. If no admin is left, make a new admin with `loket recover-admin` and the recovery key.",
    ),
    (
        "Akun pertama harus memegang peran Admin.",
        "The first account must hold the Admin role.",
    ),
    (
        "Akun ini harus memegang peran Admin.",
        "This account must hold the Admin role.",
    ),
    (
        "Masih ada admin aktif; admin baru dibuat olehnya di layar Operator.",
        "There is still an active admin; they make a new admin on the Operators screen.",
    ),
    (
        "Basis data ini belum memiliki kunci pemulihan.",
        "This database has no recovery key yet.",
    ),
    ("Kunci pemulihan salah.", "The recovery key is wrong."),
    (
        "Kunci pemulihan ini bukan milik basis data ini.",
        "This recovery key does not belong to this database.",
    ),
    (
        "Kunci pemulihan ini bukan milik kunci data desk ini.",
        "This recovery key does not belong to this desk's data key.",
    ),
    (
        "Kunci pemulihan tidak dapat diturunkan: {reason}",
        "The recovery key cannot be derived: {reason}",
    ),
    // A person's record, its corrections and data changes.
    (
        "NIK ini sudah terdaftar atas nama {name}: buka datanya.",
        "This NIK is already registered to {name}: open their record.",
    ),
    (
        "NIK ini sudah terdaftar atas nama {name}.",
        "This NIK is already registered to {name}.",
    ),
    (
        "Orang ini sudah terdaftar; buka datanya.",
        "This person is already registered; open their record.",
    ),
    (
        "NIK ini sudah terdaftar. Silakan menghubungi petugas di loket.",
        "This NIK is already registered. Please contact the staff at the desk.",
    ),
    (
        "Data pribadi orang ini sudah dianonimkan menurut jadwal retensi.",
        "This person's personal data was anonymised under the retention schedule.",
    ),
    (
        "NIK orang #{id} tidak cocok dengan barisnya: diubah di luar Loket (misalnya ditukar dengan NIK orang lain). Admin perlu memeriksanya.",
        "The NIK of person #{id} does not match its row: it was changed outside Loket (for example swapped with another person's NIK). The admin needs to check it.",
    ),
    (
        "Tidak ada data yang berubah: isi nilai baru pada kolom yang berubah.",
        "Nothing changed: fill in the new value in the fields that change.",
    ),
    (
        "Data pemohon sudah diubah oleh operator lain pada {when}; muat ulang lalu ulangi perubahan.",
        "The applicant's data was changed by another operator at {when}; reload and make the change again.",
    ),
    (
        "Data pemohon sudah diubah oleh {who} pada {when}; muat ulang lalu ulangi perubahan.",
        "The applicant's data was changed by {who} at {when}; reload and make the change again.",
    ),
    (
        "Tuliskan alasan koreksi.",
        "Write the reason for the correction.",
    ),
    (
        "Tanggal berakhir harus sesudah tanggal mulai berlaku.",
        "The end date must be after the start date.",
    ),
    // Applications: intake, documents, steps.
    (
        "Cari pemohon yang sudah terdaftar, atau isi data pemohon baru.",
        "Find a registered applicant, or fill in a new applicant's data.",
    ),
    (
        "Hanya permohonan yang ditolak yang dapat diajukan kembali.",
        "Only a rejected application can be submitted again.",
    ),
    (
        "Masih ada permohonan {nomor} yang berjalan untuk pemohon ini.",
        "Application {nomor} is still open for this applicant.",
    ),
    (
        "Pemohon masih memegang sertifikat aktif sampai {date}; gunakan layanan pembaruan.",
        "The applicant still holds a certificate active until {date}; use the renewal service.",
    ),
    ("Pilih tindakan.", "Choose an action."),
    (
        "Permohonan ini berjalan setelah {nomor} ({service}) selesai.",
        "This application goes on once {nomor} ({service}) is done.",
    ),
    (
        "Tindakan ini tidak berlaku untuk permohonan {service} berstatus {status}.",
        "This action does not apply to an application for {service} with the status {status}.",
    ),
    (
        "Tuliskan berkas apa yang kurang.",
        "Write which documents are missing.",
    ),
    (
        "Tuliskan alasan pembatalan.",
        "Write the reason for the cancellation.",
    ),
    (
        "Persyaratan belum lengkap: {missing}.",
        "Requirements still missing: {missing}.",
    ),
    (
        "Isi nomor/referensi pengajuan di AMS.",
        "Fill in the number/reference of the AMS submission.",
    ),
    (
        "Pilih alasan penolakan.",
        "Choose the reason for the rejection.",
    ),
    ("Pilih siapa yang menolak.", "Choose who rejected it."),
    (
        "Tuliskan alasan penolakan.",
        "Write the reason for the rejection.",
    ),
    (
        "Persyaratan hanya dapat diubah sebelum berkas dinyatakan lengkap.",
        "Requirements can be changed only before the documents are declared complete.",
    ),
    (
        "Foto KTP harus berupa gambar JPEG atau PNG.",
        "The KTP photo must be a JPEG or PNG image.",
    ),
    (
        "Permohonan sudah ditutup; berkas tidak dapat ditambahkan.",
        "The application is closed; no documents can be added.",
    ),
    (
        "Pilih jenis berkas dari persyaratan permohonan ini.",
        "Choose the document type from this application's requirements.",
    ),
    (
        "Berkas \"{name}\" tidak cocok dengan catatannya (diubah, atau dipindahkan dari permohonan lain) dan tidak dibuka.",
        "The file \"{name}\" does not match its record (changed, or moved from another application) and is not opened.",
    ),
    // What was asked for and is not there.
    ("Pemohon tidak ditemukan.", "Applicant not found."),
    ("pemohon tidak ditemukan.", "Applicant not found."),
    (
        "Sertifikat pemohon ini tidak ditemukan.",
        "This applicant's certificate was not found.",
    ),
    ("Permohonan tidak ditemukan.", "Application not found."),
    (
        "Sampaikan pemberitahuan privasi kepada pemohon, lalu centang bahwa sudah disampaikan.",
        "Give the applicant the privacy notice, then tick that it was given.",
    ),
    (
        "Permintaan bantuan tidak ditemukan.",
        "Help request not found.",
    ),
    ("permohonan tidak ditemukan.", "Application not found."),
    (
        "Permohonan kolektif tidak ditemukan.",
        "Collective application not found.",
    ),
    ("Persyaratan tidak ditemukan.", "Requirement not found."),
    ("Berkas tidak ditemukan.", "File not found."),
    ("Surat tidak ditemukan.", "Letter not found."),
    (
        "Salinan bertanda tangan tidak ditemukan.",
        "Signed copy not found.",
    ),
    ("Akar tepercaya tidak ditemukan.", "Trust anchor not found."),
    (
        "Kiriman kiosk tidak ditemukan.",
        "Kiosk submission not found.",
    ),
    ("Operator tidak ditemukan.", "Operator not found."),
    ("Pengaduan tidak ditemukan.", "Complaint not found."),
    ("Insiden tidak ditemukan.", "Incident not found."),
    ("Permintaan tidak ditemukan.", "Request not found."),
    (
        "Catatan pemusnahan tidak ditemukan.",
        "Destruction record not found.",
    ),
    ("surel tidak ditemukan.", "E-mail not found."),
    ("waktu tidak ditemukan.", "Time not found."),
    // Collective applications.
    (
        "Permohonan kolektif hanya untuk penerbitan atau pembaruan.",
        "A collective application is for issuance or renewal only.",
    ),
    (
        "Isi nama instansi (OPD) pemohon.",
        "Fill in the applying agency (OPD).",
    ),
    (
        "Isi nomor surat permohonan dari OPD.",
        "Fill in the number of the OPD's request letter.",
    ),
    (
        "Tanggal surat ditulis hh/bb/tttt, misalnya 02/12/2026.",
        "Write the letter's date as dd/mm/yyyy, for example 02/12/2026.",
    ),
    (
        "Pastikan dulu data para pegawai di AMS tidak berubah. Bila berubah, ajukan perubahan data per orang.",
        "First make sure the employees' data in AMS has not changed. If it has, apply for a data change per person.",
    ),
    (
        "Isi sedikitnya satu pegawai.",
        "Fill in at least one employee.",
    ),
    (
        "Paling banyak {max} pegawai dalam satu permohonan kolektif; bagi dalam beberapa permohonan.",
        "At most {max} employees in one collective application; split it into several.",
    ),
    (
        "NIK sama dengan baris {row}.",
        "The NIK is the same as in row {row}.",
    ),
    (
        "NIK ini terdaftar di Loket atas nama {name}; periksa NIK atau nama.",
        "This NIK is registered in Loket to {name}; check the NIK or the name.",
    ),
    (
        "Terdaftar di Loket untuk instansi {agency}; ajukan perubahan data orang ini dulu.",
        "Registered in Loket for the agency {agency}; apply for a data change for this person first.",
    ),
    (
        "Kolom nama dan NIK tidak ditemukan: beri judul kolom \"Nama\" dan \"NIK\" di baris pertama tabel.",
        "The name and NIK columns were not found: head the columns \"Nama\" and \"NIK\" in the table's first row.",
    ),
    (
        "Berkas berisi {rows} baris; satu permohonan kolektif paling banyak {max} pegawai.",
        "The file has {rows} rows; a collective application has at most {max} employees.",
    ),
    (
        "Belum ada permohonan dalam daftar ini yang berkasnya lengkap dan belum bersurat.",
        "No application in this list has complete documents and no letter yet.",
    ),
    (
        "Surat rekomendasi sudah dibuat.",
        "The Surat Rekomendasi has been made.",
    ),
    // Corrections, steps taken back, and what keeps a person's cases apart.
    (
        "Masih ada permohonan {nomor} yang berjalan untuk pemohon ini ({service}, {status}). Satu pemohon satu layanan berjalan: selesaikan, tolak atau batalkan permohonan itu lebih dulu.",
        "Application {nomor} is still open for this applicant ({service}, {status}). One applicant, one running service: finish, reject or cancel that application first.",
    ),
    (
        "Sertifikat nomor seri {serial} sudah {status} (oleh {by}); permohonan {nomor} tidak dapat dilanjutkan. Tolak atau batalkan permohonan ini.",
        "Certificate serial {serial} is already {status} (by {by}); application {nomor} cannot go on. Reject or cancel this application.",
    ),
    (
        "Pemohon akan memegang lebih dari satu sertifikat aktif ({list}). Cabut atau perbarui yang lama lebih dulu.",
        "The applicant would hold more than one active certificate ({list}). Revoke or renew the old one first.",
    ),
    (
        "Isi nomor seri sertifikat (tertera di surel BSrE).",
        "Fill in the certificate's serial number (it is in BSrE's e-mail).",
    ),
    (
        "Nomor seri {serial} sudah tercatat pada sertifikat {holder}.",
        "Serial {serial} is already recorded on {holder}'s certificate.",
    ),
    (
        "Tuliskan mengapa langkah ini dimundurkan.",
        "Write why this step is taken back.",
    ),
    (
        "Status permohonan sudah berubah menjadi \"{now}\" (halaman menampilkan \"{seen}\"). Muat ulang halaman lalu periksa lagi.",
        "The application's status has changed to \"{now}\" (the page shows \"{seen}\"). Reload the page and check again.",
    ),
    (
        "Belum ada langkah yang dapat dimundurkan: permohonan baru diterima.",
        "There is no step to take back yet: the application was only just received.",
    ),
    (
        "Permohonan yang sudah selesai tidak dapat dimundurkan: BSrE sudah bertindak. Nilai yang tercatat keliru (sertifikat, data) dikoreksi di bawah ini.",
        "A finished application cannot be taken back: BSrE has acted. A value recorded wrongly (certificate, data) is corrected below.",
    ),
    (
        "Surat nomor {nomor} terbit dari langkah ini. Batalkan surat itu lebih dulu (nomornya tetap tercatat sebagai batal), lalu mundurkan langkahnya.",
        "Letter {nomor} was issued from this step. Void that letter first (its number stays in the register as void), then take the step back.",
    ),
    (
        "Permohonan ini sudah diajukan kembali sebagai {nomor}: lanjutkan permohonan itu.",
        "This application was already submitted again as {nomor}: go on with that one.",
    ),
    (
        "Nilai ini tidak dapat dikoreksi di sini.",
        "This value cannot be corrected here.",
    ),
    ("Sertifikat tidak ditemukan.", "Certificate not found."),
    (
        "Pilih nilai yang dikoreksi.",
        "Choose the value to correct.",
    ),
    ("Koreksi tidak ditemukan.", "Correction not found."),
    (
        "Pilih format: xlsx atau pdf.",
        "Choose the format: xlsx or pdf.",
    ),
    (
        "Buku kerja daftar koreksi tidak dapat dibuat: {reason}",
        "The register of corrections' workbook cannot be made: {reason}",
    ),
    (
        "{label} sudah diubah orang lain sejak halaman dibuka: sekarang \"{now}\", halaman menampilkan \"{seen}\". Muat ulang dan periksa lagi sebelum mengoreksi.",
        "{label} was changed by someone else since the page was opened: now \"{now}\", the page shows \"{seen}\". Reload and check again before correcting.",
    ),
    (
        "Nilai baru sama dengan nilai yang tercatat.",
        "The new value is the same as the recorded one.",
    ),
    (
        "Tuliskan alasan koreksi (misalnya: salah ketik dari surel BSrE).",
        "Write the reason for the correction (for example: mistyped from BSrE's e-mail).",
    ),
    (
        "Paling cepat 1 hari kerja dan kurang dari jangka waktu; kosongkan bila bukan rentang.",
        "At least 1 working day and less than the time limit; leave empty when it is no range.",
    ),
    (
        "Tulis nama domain seperti denpasarkota.go.id (huruf, angka, tanda hubung dan titik), atau kosongkan.",
        "Write a domain name like denpasarkota.go.id (letters, digits, hyphens and dots), or leave it empty.",
    ),
    (
        "{label}: tanggal tidak valid (hh/bb/tttt), misalnya 21/11/2027.",
        "{label}: not a valid date (dd/mm/yyyy), for example 21/11/2027.",
    ),
    (
        "Isi referensi pengajuan di AMS.",
        "Fill in the submission's reference in AMS.",
    ),
    (
        "Pilih kanal: loket, kiosk atau myasn.",
        "Choose the channel: loket, kiosk or myasn.",
    ),
    (
        "Berlaku sampai ({to}) harus sesudah berlaku mulai ({from}).",
        "Valid to ({to}) must be after valid from ({from}).",
    ),
    (
        "Pilih status: aktif, digantikan atau dicabut.",
        "Choose the status: aktif, digantikan or dicabut.",
    ),
    (
        "Pencabutan adalah layanan, bukan koreksi: buka permohonan pencabutan. Koreksi status hanya untuk status yang tercatat keliru.",
        "A revocation is a service, not a correction: open a revocation application. A status is corrected only when it was recorded wrongly.",
    ),
    (
        "Tanggal diterima ({date}) belum tiba; berkas tidak dapat diterima di masa depan.",
        "The received date ({date}) has not come yet; documents cannot be received in the future.",
    ),
    (
        "Tanggal diterima ({date}) sebelum permohonan {nomor} dibuka ({opened}).",
        "The received date ({date}) is before application {nomor} was opened ({opened}).",
    ),
    (
        "Koreksi #{id} diubah di luar Loket; tidak dapat disetujui.",
        "Correction #{id} was changed outside Loket; it cannot be approved.",
    ),
    (
        "Koreksi ini sudah diputuskan (disetujui atau ditolak).",
        "This correction has already been decided (approved or refused).",
    ),
    (
        "Koreksi yang Anda ajukan sendiri harus disetujui petugas lain.",
        "A correction you asked for yourself must be approved by another member of staff.",
    ),
    (
        "Pengaturan \"{name}\" dihapus di luar Loket; koreksi tidak disimpan sampai admin menyimpan pengaturan empat mata lagi.",
        "The setting \"{name}\" was deleted outside Loket; no correction is saved until the admin saves the four-eyes setting again.",
    ),
    (
        "Nilai ini bukan milik permohonan yang dibuka.",
        "This value does not belong to the open application.",
    ),
    (
        "Permohonan {nomor} tidak lagi ditolak (status kini {status}): surat penolakan ini tidak dapat diberi nomor. Batalkan drafnya.",
        "Application {nomor} is no longer rejected (status now {status}): this rejection notice cannot be numbered. Void the draft.",
    ),
    (
        "Status sertifikat ini dicatat oleh layanan di Loket (terbit, diperbarui atau dicabut lewat permohonan): tidak dikoreksi. Yang berubah di BSrE dicatat dengan layanannya.",
        "This certificate's status was recorded by a service in Loket (issued, renewed or revoked through an application): it is not corrected. What changed at BSrE is recorded with its service.",
    ),
    (
        "Tahun di luar 2000 sampai 2100: periksa tanggalnya.",
        "A year outside 2000 to 2100: check the date.",
    ),
    (
        "Nomor seri sertifikat paling panjang 100 karakter.",
        "The certificate's serial is at most 100 characters.",
    ),
    (
        "Nomor seri hanya berisi huruf, angka dan - _ . / : (ada \"{char}\").",
        "A serial holds only letters, digits and - _ . / : (found \"{char}\").",
    ),
    (
        "Tulis alamat surel atau nomor telepon yang dapat dihubungi masyarakat.",
        "Write an e-mail address or a telephone number the public can reach.",
    ),
    (
        "Isi tanggal penilaian dampak (hh/bb/tttt).",
        "Fill in the day of the impact assessment (dd/mm/yyyy).",
    ),
    (
        "Tanggal penilaian dampak tidak boleh setelah hari ini.",
        "The day of the impact assessment cannot be after today.",
    ),
    (
        "\"{tanggal}\" bukan tanggal (hh/bb/tttt).",
        "\"{tanggal}\" is not a day (dd/mm/yyyy).",
    ),
    (
        "Permintaan akses dijawab dengan ekspor data pribadi orang ini (tombol di halaman ini).",
        "An access request is answered by exporting this person's data (the button on this page).",
    ),
];
