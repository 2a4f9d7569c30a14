//! The English of messages about deadlines, complaints, personal data, e-mail, settings, backups, the audit log, the database and stored data; the general forms of the core's errors last.
//! Indonesian template, English template, in the order they are tried (see
//! [`super::english`]).

pub(super) const ENGLISH: &[(&str, &str)] = &[
    // Deadlines, office hours and holiday files.
    (
        "Jangka waktu paling sedikit 1 hari kerja.",
        "The time limit is at least 1 working day.",
    ),
    (
        "Jeda terlalu panjang: tenggat lebih dari lima tahun.",
        "The pauses are too long: the deadline is more than five years away.",
    ),
    (
        "Tidak ada hari kerja dalam setahun.",
        "There is no working day within a year.",
    ),
    (
        "Isi jam untuk ketujuh hari.",
        "Fill in the hours for all seven days.",
    ),
    (
        "Jam tutup harus sesudah jam buka.",
        "The closing time must be after the opening time.",
    ),
    (
        "Tulis jam sebagai JJ:MM, misalnya 08:00.",
        "Write the time as HH:MM, for example 08:00.",
    ),
    (
        "Sedikitnya satu hari harus buka.",
        "At least one day must be open.",
    ),
    (
        "Berkas lebih dari 1 MB: bukan daftar hari libur setahun.",
        "The file is larger than 1 MB: not a year's list of holidays.",
    ),
    (
        "Berkas bukan teks UTF-8. Simpan ulang dari lembar kerja sebagai \"CSV UTF-8\".",
        "The file is not UTF-8 text. Save it again from the spreadsheet as \"CSV UTF-8\".",
    ),
    (
        "Berkas memuat terlalu banyak tanggal.",
        "The file holds too many dates.",
    ),
    ("Tidak ada tanggal yang terbaca.", "No date could be read."),
    (
        "Tidak ada tanggal yang terbaca. {message}",
        "No date could be read. {message}",
    ),
    (
        "Baris {line}: tidak terbaca ({reason}).",
        "Line {line}: cannot be read ({reason}).",
    ),
    (
        "Baris {line}: \"{text}\" bukan tanggal (tulis dd/mm/yyyy atau yyyy-mm-dd).",
        "Line {line}: \"{text}\" is not a date (write dd/mm/yyyy or yyyy-mm-dd).",
    ),
    (
        "Berkas iCalendar tidak terbaca: {reason}",
        "The iCalendar file cannot be read: {reason}",
    ),
    (
        "Acara {n}: tanpa tanggal mulai.",
        "Event {n}: no start date.",
    ),
    // Complaints, the requirements list and the service standard.
    (
        "Pilih kategori pengaduan.",
        "Choose the complaint category.",
    ),
    ("Pilih kanal pengaduan.", "Choose the complaint channel."),
    (
        "Tulis nomor registrasi seperti REG-2026-00001, atau kosongkan.",
        "Write the registration number like REG-2026-00001, or leave it empty.",
    ),
    (
        "Tidak ada permohonan dengan nomor ini.",
        "There is no application with this number.",
    ),
    (
        "Pengaduan ini sudah selesai ditanggapi.",
        "This complaint has already been resolved.",
    ),
    (
        "Langkah ini tidak dapat dilakukan.",
        "This step cannot be taken.",
    ),
    ("Paling sedikit satu kategori.", "At least one category."),
    ("Paling sedikit satu kanal.", "At least one channel."),
    ("Isi 1 sampai 180 hari.", "Fill in 1 to 180 days."),
    (
        "Pemberitahuan pertama harus lebih awal dari yang kedua.",
        "The first notice must come before the second.",
    ),
    (
        "Pilih kedua aturan tenggat kantor: apakah waktu menunggu BSrE dihitung, dan kapan tenggat berakhir.",
        "Choose both of the office's deadline rules: whether time waiting on BSrE counts, and when a deadline ends.",
    ),
    (
        "Jawaban tertulis tidak boleh lebih lama dari penyelesaian.",
        "The written answer may not take longer than the settlement.",
    ),
    (
        "Pilih cara menyampaikan jawaban.",
        "Choose how the answer is sent.",
    ),
    (
        "Jawaban tertulis sudah disampaikan pada {x}.",
        "The written answer was already sent on {x}.",
    ),
    (
        "Pengadu tidak meninggalkan alamat surel yang sah; cetak jawaban sebagai surat.",
        "The complainant left no valid e-mail address; print the answer as a letter.",
    ),
    (
        "Pengiriman surel kantor belum aktif (atau pesan Jawaban pengaduan dimatikan); cetak jawaban sebagai surat.",
        "The office's e-mail sending is off (or the Jawaban pengaduan message is switched off); print the answer as a letter.",
    ),
    (
        "Pengaduan ini sudah diteruskan kepada {x} pada {y}.",
        "This complaint was already escalated to {x} on {y}.",
    ),
    (
        "Jawaban pengaduan {x} telah diubah di luar Loket; surat tidak dibuat.",
        "The answer to complaint {x} was changed outside Loket; no letter is made.",
    ),
    (
        "Pengaduan ini baru saja diubah di meja lain; buka kembali untuk melihat keadaannya.",
        "This complaint was just changed at another desk; open it again to see where it stands.",
    ),
    (
        "Belum ada jawaban tertulis untuk dicetak.",
        "There is no written answer to print yet.",
    ),
    (
        "Kode: huruf kecil, angka atau garis bawah, paling panjang 40.",
        "Code: lowercase letters, digits or underscores, at most 40 long.",
    ),
    ("Kode ini sudah dipakai.", "This code is taken."),
    (
        "Jangka waktu 1 sampai 365 hari kerja.",
        "A time limit of 1 to 365 working days.",
    ),
    (
        "Kode: huruf kecil, angka atau garis bawah (misalnya surat_permohonan).",
        "Code: lowercase letters, digits or underscores (for example surat_permohonan).",
    ),
    (
        "Kode ini sudah dipakai di daftar yang sama.",
        "This code is already used in the same list.",
    ),
    ("Isi nama persyaratan.", "Fill in the requirement's name."),
    (
        "Isi sedikitnya satu alasan penolakan.",
        "Fill in at least one rejection reason.",
    ),
    ("Isi alasannya.", "Fill in the reason."),
    (
        "Standar harus memuat keempat layanan, masing-masing sekali.",
        "The standard must hold all four services, each once.",
    ),
    (
        "Isi 1 sampai 60 hari kerja.",
        "Fill in 1 to 60 working days.",
    ),
    // Personal data: incidents, requests, retention.
    (
        "Insiden belum dapat dicatat; periksa kolom yang ditandai.",
        "The incident cannot be recorded yet; check the marked fields.",
    ),
    (
        "Isi jumlah orang yang terdampak (0 bila belum diketahui).",
        "Fill in how many people are affected (0 if not known yet).",
    ),
    (
        "Isi tanggal dan jam (hh/bb/tttt jj:mm).",
        "Fill in the date and time (dd/mm/yyyy hh:mm).",
    ),
    (
        "Tanggal dan jam ini tidak ada.",
        "This date and time does not exist.",
    ),
    ("Waktu ini belum terjadi.", "This time has not come yet."),
    (
        "Pemberitahuan tidak mungkin sebelum insiden ditemukan.",
        "A notice cannot come before the incident was found.",
    ),
    (
        "Pemberitahuan ini sudah dicatat.",
        "This notice is already recorded.",
    ),
    (
        "Tuliskan data yang diminta dikoreksi dan alasannya.",
        "Write which data is to be corrected and why.",
    ),
    (
        "Permintaan ini sudah dijawab.",
        "This request has already been answered.",
    ),
    (
        "Belum ada koreksi data orang ini sejak permintaan diterima; koreksi dulu datanya di halaman ini.",
        "This person's data has not been corrected since the request came in; correct it on this page first.",
    ),
    (
        "Tuliskan alasan permintaan tidak dipenuhi.",
        "Write why the request is not granted.",
    ),
    ("Tidak ada yang berubah.", "Nothing changed."),
    (
        "Pengaduan yang sudah selesai tidak dikoreksi lagi.",
        "A settled complaint is not corrected any more.",
    ),
    (
        "Pengaduan ini sudah ditangani pada {x}; waktu diterima tidak boleh sesudahnya.",
        "This complaint was already handled on {x}; it cannot have come in after that.",
    ),
    (
        "Data orang ini sudah dianonimkan menurut jadwal retensi; permintaan bantuan tidak dicatat untuknya.",
        "This person's data was anonymised under the retention schedule; no help request is recorded for them.",
    ),
    (
        "Waktu ini lebih dari setahun yang lalu; periksa tahunnya.",
        "This moment is more than a year ago; check the year.",
    ),
    // Help with using a certificate.
    (
        "Pilih hal yang dimintakan bantuan.",
        "Choose what the person needs help with.",
    ),
    (
        "Permintaan bantuan ini sudah selesai.",
        "This help request is already closed.",
    ),
    (
        "Permintaan bantuan ini sudah diteruskan ke BSrE.",
        "This help request has already been passed to BSrE.",
    ),
    (
        "Permintaan bantuan ini baru saja diubah di meja lain; muat ulang halaman.",
        "This help request was just changed at another desk; reload the page.",
    ),
    (
        "Pilih sedikitnya satu data yang dimusnahkan.",
        "Choose at least one item to destroy.",
    ),
    (
        "Data yang dipilih tidak lagi jatuh tempo; muat ulang daftarnya.",
        "The chosen data is no longer due; reload the list.",
    ),
    (
        "Isi antara {min} dan {max} tahun.",
        "Fill in {min} to {max} years.",
    ),
    (
        "Isi antara {min} dan {max} bulan.",
        "Fill in {min} to {max} months.",
    ),
    (
        "Isi antara {min} dan {max} hari.",
        "Fill in {min} to {max} days.",
    ),
    // E-mail: the server, the outbox, templates.
    (
        "Alamat surel tujuan tidak sah.",
        "The recipient's e-mail address is not valid.",
    ),
    (
        "Isi alamat surel pengirim.",
        "Fill in the sender's e-mail address.",
    ),
    (
        "Pesan uji tidak dapat disusun: {reason}",
        "The test message cannot be put together: {reason}",
    ),
    (
        "Server surel menjawab: Server surel tidak menjawab dalam {seconds} detik.",
        "The mail server did not answer within {seconds} seconds.",
    ),
    (
        "Server surel menjawab: {reason}",
        "The mail server answered: {reason}",
    ),
    (
        "Alamat surel pemohon masih tidak sah. Perbaiki data pemohon lebih dulu.",
        "The applicant's e-mail address is still not valid. Correct the applicant's data first.",
    ),
    (
        "Hanya surel yang gagal yang dapat dikirim ulang.",
        "Only a failed e-mail can be sent again.",
    ),
    (
        "Nomor telepon pemohon bukan nomor seluler (08…); tautan WhatsApp tidak dapat dibuat.",
        "The applicant's phone number is not a mobile number (08…); no WhatsApp link can be made.",
    ),
    (
        "Pesan ini tidak terkait permohonan.",
        "This message is not tied to an application.",
    ),
    (
        "Sertifikat CA tidak terbaca: {reason}",
        "The CA certificate cannot be read: {reason}",
    ),
    (
        "TLS untuk server surel tidak dapat disiapkan: {reason}",
        "TLS for the mail server cannot be set up: {reason}",
    ),
    (
        "Tanpa enkripsi hanya boleh ke server di komputer ini.",
        "Without encryption, only to a server on this computer.",
    ),
    (
        "Tanpa enkripsi hanya boleh ke server di komputer ini (localhost); pilih STARTTLS atau TLS.",
        "Without encryption, only to a server on this computer (localhost); choose STARTTLS or TLS.",
    ),
    (
        "Isi nama server surel (SMTP).",
        "Fill in the mail server's name (SMTP).",
    ),
    ("Nama server tidak sah.", "The server name is not valid."),
    (
        "Isi port antara 1 dan 65535.",
        "Fill in a port from 1 to 65535.",
    ),
    ("Nama pengguna tidak sah.", "The username is not valid."),
    (
        "Alamat surel tidak sah (contoh: layanan@kominfo.go.id).",
        "The e-mail address is not valid (for example: layanan@kominfo.go.id).",
    ),
    (
        "Sertifikat CA tidak terbaca; tempel berkas PEM (-----BEGIN CERTIFICATE-----).",
        "The CA certificate cannot be read; paste a PEM file (-----BEGIN CERTIFICATE-----).",
    ),
    ("Templat tidak dikirim.", "The template was not sent."),
    ("Isi subjek surel.", "Fill in the e-mail's subject."),
    (
        "Subjek paling banyak 200 huruf.",
        "The subject is at most 200 characters.",
    ),
    ("Isi pesan surel.", "Fill in the e-mail's message."),
    (
        "Pesan paling banyak 5.000 huruf.",
        "The message is at most 5,000 characters.",
    ),
    (
        "{placeholder} tidak dikenal untuk pesan ini. Yang tersedia: {available}.",
        "{placeholder} is not known for this message. Available: {available}.",
    ),
    // Letter settings: signatories, numbering, texts; keyring credentials.
    (
        "Isi sedikitnya satu penandatangan.",
        "Fill in at least one signatory.",
    ),
    ("NIP terdiri atas 18 angka.", "A NIP has 18 digits."),
    (
        "Bagian {part} tidak dikenal. Yang dapat dipakai: {available}.",
        "The part {part} is not known. Usable: {available}.",
    ),
    (
        "Pola nomor wajib memuat {urut}.",
        "The number pattern must hold {urut}.",
    ),
    (
        "Isian {field} tidak dikenal. Yang dapat dipakai: {available}.",
        "The field {field} is not known. Usable: {available}.",
    ),
    (
        "Teks surat tidak boleh kosong.",
        "The letter text cannot be empty.",
    ),
    (
        "{label} belum tersimpan di keyring.",
        "{label} is not saved in the keyring yet.",
    ),
    // Backups and folders.
    (
        "Basis data kantor ini PostgreSQL: cadangkan dengan pg_dump di server (lihat panduan, Running on PostgreSQL), lalu catat dengan `loket backup-noted`.",
        "This office's database is PostgreSQL: back it up with pg_dump on the server (see the manual, Running on PostgreSQL), then record it with `loket backup-noted`.",
    ),
    (
        "Basis data kantor ini PostgreSQL: pulihkan dengan pg_restore di server (lihat panduan, Running on PostgreSQL).",
        "This office's database is PostgreSQL: restore it with pg_restore on the server (see the manual, Running on PostgreSQL).",
    ),
    (
        "Pilih folder cadangan dulu (misalnya diska USB atau folder jaringan).",
        "Choose the backup folder first (for example a USB drive or a network folder).",
    ),
    (
        "Pencadangan atau pemeriksaan cadangan sedang berjalan; tunggu sampai selesai.",
        "A backup or a backup check is running; wait until it is done.",
    ),
    ("Isi 1 sampai 365 cadangan.", "Fill in 1 to 365 backups."),
    (
        "Pilih folder (misalnya diska USB atau folder jaringan).",
        "Choose a folder (for example a USB drive or a network folder).",
    ),
    (
        "Tulis alamat folder lengkap (diawali / atau huruf diska seperti D:\\).",
        "Write the folder's full path (starting with / or a drive letter like D:\\).",
    ),
    (
        "Folder tidak dapat dibuat: {reason}",
        "The folder cannot be created: {reason}",
    ),
    (
        "Loket tidak dapat menulis ke folder ini: {reason}",
        "Loket cannot write to this folder: {reason}",
    ),
    ("enkripsi cadangan gagal", "encrypting the backup failed"),
    (
        "pencadangan berhenti tiba-tiba",
        "the backup stopped suddenly",
    ),
    (
        "pembukaan cadangan berhenti tiba-tiba",
        "opening the backup stopped suddenly",
    ),
    (
        "Cadangan ditolak: ini bukan berkas cadangan Loket",
        "Backup refused: this is not a Loket backup file",
    ),
    (
        "Cadangan ditolak: kepala berkas tidak terbaca",
        "Backup refused: the file's header cannot be read",
    ),
    (
        "Cadangan ditolak: berkas terpotong (kepalanya pun tidak utuh)",
        "Backup refused: the file is cut off (even its header is incomplete)",
    ),
    (
        "Cadangan ditolak: format {format} tidak dikenal versi Loket ini",
        "Backup refused: this Loket version does not know the format {format}",
    ),
    (
        "Cadangan ditolak: cadangan ini dibuat dengan kunci data lain (dari instalasi atau kantor lain), bukan kunci data desk ini",
        "Backup refused: this backup was made with another data key (from another installation or office), not this desk's data key",
    ),
    (
        "Cadangan ditolak: isi berkas telah diubah atau rusak (tidak lolos pemeriksaan enkripsi)",
        "Backup refused: the file's content was changed or is damaged (it fails the encryption check)",
    ),
    (
        "Cadangan ditolak: berkas terpotong: bagian akhirnya hilang (disalin tidak sampai selesai?)",
        "Backup refused: the file is cut off: its end is missing (copied only in part?)",
    ),
    (
        "Cadangan ditolak: berkas terpotong atau diubah: bagian akhirnya tidak utuh (disalin tidak sampai selesai?)",
        "Backup refused: the file is cut off or changed: its end is incomplete (copied only in part?)",
    ),
    (
        "Cadangan ditolak: ukuran isi tidak sama dengan yang dicatat kepalanya",
        "Backup refused: the content's size differs from the size its header records",
    ),
    (
        "Cadangan ditolak: berkas {file} tidak dapat dibuka: {reason}",
        "Backup refused: the file {file} cannot be opened: {reason}",
    ),
    (
        "Cadangan ditolak: isinya bukan basis data SQLite yang utuh ({reason})",
        "Backup refused: its content is not a whole SQLite database ({reason})",
    ),
    (
        "Cadangan ditolak: pemeriksaan keutuhan SQLite gagal: {reason}",
        "Backup refused: the SQLite integrity check failed: {reason}",
    ),
    (
        "Cadangan ditolak: isinya bukan basis data Loket ({reason})",
        "Backup refused: its content is not a Loket database ({reason})",
    ),
    (
        "Cadangan ditolak: basis data di dalamnya milik kunci data lain (bukan basis data desk ini)",
        "Backup refused: the database inside belongs to another data key (not this desk's database)",
    ),
    (
        "Cadangan ditolak: log audit di dalamnya tidak utuh pada entri {seq}: {message}",
        "Backup refused: the audit log inside is broken at entry {seq}: {message}",
    ),
    (
        "Cadangan ditolak: ujung log audit tidak sama dengan yang dicatat saat pencadangan",
        "Backup refused: the end of the audit log differs from the one recorded at backup time",
    ),
    ("Cadangan ditolak: {reason}", "Backup refused: {reason}"),
    (
        "berkas cadangan tidak dapat ditulis: {reason}",
        "The backup file cannot be written: {reason}",
    ),
    (
        "berkas cadangan tidak dapat dibaca: {reason}",
        "The backup file cannot be read: {reason}",
    ),
    (
        "salinan basis data tidak dapat dibaca: {reason}",
        "The database copy cannot be read: {reason}",
    ),
    (
        "salinan sementara tidak dapat ditulis: {reason}",
        "The temporary copy cannot be written: {reason}",
    ),
    // The audit log, its checkpoints, a database changed outside Loket.
    (
        "Berkas ini bukan titik periksa log audit Loket.",
        "This file is not a Loket audit log checkpoint.",
    ),
    (
        "Titik periksa ini telah diubah atau dibuat dengan kunci data lain.",
        "This checkpoint was changed or made with another data key.",
    ),
    (
        "Titik periksa ini milik basis data lain.",
        "This checkpoint belongs to another database.",
    ),
    (
        "Log audit rusak mulai entri {seq} ({message}); titik periksa tidak dibuat.",
        "The audit log is broken from entry {seq} ({message}); no checkpoint was made.",
    ),
    (
        "entri nomor {seq} hilang (berikutnya {next})",
        "entry {seq} is missing (the next is {next})",
    ),
    ("entri nomor {seq} hilang", "entry {seq} is missing"),
    (
        "tidak tersambung dengan entri sebelumnya",
        "not linked to the entry before it",
    ),
    ("isi entri telah diubah", "the entry's content was changed"),
    (
        "log audit kosong, padahal basis data berisi {cases} permohonan dan {operators} operator: entrinya dihapus",
        "the audit log is empty, yet the database holds {cases} applications and {operators} operators: its entries were deleted",
    ),
    (
        "entri terakhir tidak cocok dengan kepala rantai (entri di ujung log hilang atau kepala rantai diubah)",
        "the last entry does not match the chain's head (entries at the end of the log are missing, or the chain's head was changed)",
    ),
    (
        "Basis data ini kosong, padahal keyring desk ini mencatat log audit sampai entri {seq}. Basis data telah dikosongkan atau diganti; Loket tidak membuka penyiapan awal. Pulihkan basis data dari cadangan, atau hubungi admin.",
        "This database is empty, yet this desk's keyring records the audit log up to entry {seq}. The database was emptied or replaced; Loket does not open the first setup. Restore the database from a backup, or contact the admin.",
    ),
    (
        "Basis data diubah di luar Loket: {what}. Loket hanya-baca (tidak ada yang disimpan atau dikirim) sampai admin memeriksanya (admin melihat daftar barisnya di sini) lalu menerimanya dengan `loket forget-checkpoint`, atau memulihkan cadangan.",
        "The database was changed outside Loket: {what}. Loket is read-only (nothing is saved or sent) until the admin checks it (the admin sees the list of rows here) and then accepts it with `loket forget-checkpoint`, or restores a backup.",
    ),
    // Opening the database and the keyring.
    (
        "Basis data ini belum diperbarui untuk versi Loket ini: buka Loket versi ini di meja layanan dulu.",
        "This database is not updated for this Loket version yet: open this version of Loket at the service desk first.",
    ),
    (
        "Basis data ini sudah dipakai Loket yang lebih baru: perbarui Loket di PC ini.",
        "A newer Loket already uses this database: update Loket on this PC.",
    ),
    (
        "Alamat basis data tidak dikenal: harus diawali sqlite: atau postgres:// (diberikan: {given})",
        "Unknown database address: it must start with sqlite: or postgres:// (given: {given})",
    ),
    (
        "SQLite tidak menjawab versinya.",
        "SQLite does not tell its version.",
    ),
    (
        "Versi SQLite {version} terlalu lama: Loket memerlukan SQLite {needed} atau lebih baru (versi lama dapat kehilangan data yang sudah tersimpan dalam mode WAL). Loket tidak dibuka.",
        "SQLite {version} is too old: Loket needs SQLite {needed} or newer (an older version can lose data already saved in WAL mode). Loket does not open.",
    ),
    (
        "Pengaturan \"{name}\" diubah di luar Loket; Loket tidak memakainya sampai admin memeriksanya.",
        "The setting \"{name}\" was changed outside Loket; Loket does not use it until the admin checks it.",
    ),
    (
        "Keyring sistem operasi tidak dapat digunakan: kunci yang baru disimpan tidak dapat dibaca kembali. Loket menyimpan kunci data di keyring; pastikan layanan keyring berjalan dan tidak terkunci, lalu buka Loket kembali.",
        "The operating system's keyring cannot be used: a key just saved cannot be read back. Loket keeps the data key in the keyring; make sure the keyring service runs and is not locked, then open Loket again.",
    ),
    (
        "Keyring sistem operasi tidak dapat digunakan: {reason}. Loket menyimpan kunci data di keyring; pastikan layanan keyring berjalan dan tidak terkunci, lalu buka Loket kembali.",
        "The operating system's keyring cannot be used: {reason}. Loket keeps the data key in the keyring; make sure the keyring service runs and is not locked, then open Loket again.",
    ),
    (
        "Keyring sistem operasi tidak menjawab dalam {seconds} detik; kemungkinan keyring terkunci. Buka kunci keyring (misalnya dengan masuk ulang ke sesi desktop atau mengetik kata sandi keyring pada jendela yang muncul), lalu buka Loket kembali.",
        "The operating system's keyring did not answer within {seconds} seconds; it is probably locked. Unlock the keyring (for example by signing in to the desktop session again or typing the keyring's password in the window that appears), then open Loket again.",
    ),
    (
        "Kunci data Loket tidak ditemukan di keyring sistem operasi, padahal basis data ini sudah berisi data terenkripsi. Loket tidak dibuka agar data tidak rusak. Pulihkan kunci dengan kunci pemulihan, atau hubungi admin.",
        "Loket's data key is not in the operating system's keyring, yet this database already holds encrypted data. Loket does not open, so that no data is damaged. Restore the key with the recovery key, or contact the admin.",
    ),
    (
        "Kunci data di keyring tidak cocok dengan basis data ini. Loket tidak dibuka agar data tidak rusak; hubungi admin.",
        "The data key in the keyring does not match this database. Loket does not open, so that no data is damaged; contact the admin.",
    ),
    (
        "Data terenkripsi rusak atau bukan milik catatan ini.",
        "The encrypted data is damaged or does not belong to this record.",
    ),
    (
        "Kalender hari libur tahun {year} belum dimuat; tenggat tidak dapat dihitung. Tambahkan tahun {year} di layar Kalender kerja: impor hari libur nasional dan cuti bersama {year} (SKB 3 Menteri) dari berkas CSV atau iCalendar, atau isi sendiri.",
        "The holiday calendar of {year} is not loaded; the deadline cannot be computed. Add {year} on the Working calendar screen: import the national holidays and joint leave days of {year} (SKB 3 Menteri) from a CSV or iCalendar file, or fill them in yourself.",
    ),
    // Stored data Loket cannot read (Error::Corrupt); the general form last.
    (
        "Data tersimpan tidak terbaca: pemegang sertifikat #{id} hilang. Hubungi admin.",
        "Stored data cannot be read: the holder of certificate #{id} is missing. Contact the admin.",
    ),
    (
        "Data tersimpan tidak terbaca: pemohon permohonan {nomor} hilang. Hubungi admin.",
        "Stored data cannot be read: the applicant of application {nomor} is missing. Contact the admin.",
    ),
    (
        "Data tersimpan tidak terbaca: titik periksa log audit di keyring rusak: {reason}. Hubungi admin.",
        "Stored data cannot be read: the audit log checkpoint in the keyring is damaged: {reason}. Contact the admin.",
    ),
    (
        "Data tersimpan tidak terbaca: NIK baru yang tersegel. Hubungi admin.",
        "Stored data cannot be read: the sealed new NIK. Contact the admin.",
    ),
    (
        "Data tersimpan tidak terbaca: perubahan kolom tak dikenal {field}. Hubungi admin.",
        "Stored data cannot be read: a change of an unknown field {field}. Contact the admin.",
    ),
    (
        "Data tersimpan tidak terbaca: riwayat data pemohon #{id} ({reason}). Hubungi admin.",
        "Stored data cannot be read: the applicant's data history #{id} ({reason}). Contact the admin.",
    ),
    (
        "Data tersimpan tidak terbaca: formulir permohonan {nomor} ({reason}). Hubungi admin.",
        "Stored data cannot be read: the form of application {nomor} ({reason}). Contact the admin.",
    ),
    (
        "Data tersimpan tidak terbaca: penghitung registrasi tidak memberi nilai. Hubungi admin.",
        "Stored data cannot be read: the registration counter gave no value. Contact the admin.",
    ),
    (
        "Data tersimpan tidak terbaca: penghitung {name} tidak memberi nilai. Hubungi admin.",
        "Stored data cannot be read: the counter {name} gave no value. Contact the admin.",
    ),
    (
        "Data tersimpan tidak terbaca: isi surat #{id} ({reason}). Hubungi admin.",
        "Stored data cannot be read: the content of letter #{id} ({reason}). Contact the admin.",
    ),
    (
        "Data tersimpan tidak terbaca: lampiran surel #{id} tanpa sumber. Hubungi admin.",
        "Stored data cannot be read: the attachment of e-mail #{id} has no source. Contact the admin.",
    ),
    (
        "Data tersimpan tidak terbaca: templat surel {name} tidak ada. Hubungi admin.",
        "Stored data cannot be read: the e-mail template {name} does not exist. Contact the admin.",
    ),
    (
        "Data tersimpan tidak terbaca: awal minggu/bulan {day} tidak jelas. Hubungi admin.",
        "Stored data cannot be read: the start of the week/month {day} is unclear. Contact the admin.",
    ),
    (
        "Data tersimpan tidak terbaca: pengaturan retensi ({reason}). Hubungi admin.",
        "Stored data cannot be read: the retention settings ({reason}). Contact the admin.",
    ),
    (
        "Data tersimpan tidak terbaca: catatan retensi {nomor} ({reason}). Hubungi admin.",
        "Stored data cannot be read: the retention record {nomor} ({reason}). Contact the admin.",
    ),
    (
        "Data tersimpan tidak terbaca: basis data ini tidak punya berkas. Hubungi admin.",
        "Stored data cannot be read: this database has no file. Contact the admin.",
    ),
    (
        "Data tersimpan tidak terbaca: letak berkas basis data tidak diketahui. Hubungi admin.",
        "Stored data cannot be read: the database file's location is not known. Contact the admin.",
    ),
    (
        "Data tersimpan tidak terbaca: nilai tidak dapat ditulis sebagai JSON ({reason}). Hubungi admin.",
        "Stored data cannot be read: a value cannot be written as JSON ({reason}). Contact the admin.",
    ),
    (
        "Data tersimpan tidak terbaca: {what}: pemohon tidak ada. Hubungi admin.",
        "Stored data cannot be read: {what}: the applicant does not exist. Contact the admin.",
    ),
    (
        "Data tersimpan tidak terbaca: {what} bernilai \"{value}\". Hubungi admin.",
        "Stored data cannot be read: {what} has the value \"{value}\". Contact the admin.",
    ),
    (
        "Data tersimpan tidak terbaca: {detail}. Hubungi admin.",
        "Stored data cannot be read: {detail}. Contact the admin.",
    ),
    // The general forms of the core's errors (error.rs): after every specific message above.
    (
        "Pengaturan {key} tidak terbaca: \"{value}\" bukan bilangan bulat",
        "The setting {key} cannot be read: \"{value}\" is not a whole number",
    ),
    (
        "Pengaturan {key} tidak terbaca: \"{value}\" bukan tanggal",
        "The setting {key} cannot be read: \"{value}\" is not a date",
    ),
    (
        "Pengaturan {key} tidak terbaca: {days} hari di luar 1-90",
        "The setting {key} cannot be read: {days} days is outside 1-90",
    ),
    (
        "Pengaturan {key} tidak terbaca: {reason}",
        "The setting {key} cannot be read: {reason}",
    ),
    ("Kesalahan basis data: {reason}", "Database error: {reason}"),
    (
        "Gambar tidak dapat disimpan: {reason}",
        "The image cannot be saved: {reason}",
    ),
    (
        "{path} tidak dapat dibuat: 999 berkas bernama sama sudah ada",
        "{path} cannot be created: 999 files of the same name already exist",
    ),
    (
        "{path} tidak dapat dibuat: {reason}",
        "{path} cannot be created: {reason}",
    ),
    (
        "{path} tidak dapat ditulis: {reason}",
        "{path} cannot be written: {reason}",
    ),
    (
        "{path} tidak dapat dibaca: {reason}",
        "{path} cannot be read: {reason}",
    ),
    (
        "{path} tidak dapat dipindahkan: {reason}",
        "{path} cannot be moved: {reason}",
    ),
];
