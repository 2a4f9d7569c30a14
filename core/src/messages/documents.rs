//! The English of messages about letters, signatures, files, imports, the kiosk, the survey and reports.
//! Indonesian template, English template, in the order they are tried (see
//! [`super::english`]).

pub(super) const ENGLISH: &[(&str, &str)] = &[
    // Letters: the register, exports and signed copies.
    ("Pilih jenis surat.", "Choose the letter type."),
    (
        "Tanda terima dicetak langsung dari halaman permohonan; tidak masuk buku agenda.",
        "A receipt is printed straight from the application's page; it does not go into the register.",
    ),
    (
        "Pilih sedikitnya satu permohonan.",
        "Choose at least one application.",
    ),
    ("Pilih penandatangan.", "Choose the signatory."),
    (
        "Nama penandatangan belum diisi di Pengaturan Surat.",
        "The signatory's name is not filled in under Letter settings.",
    ),
    (
        "{nomor} bukan permohonan {service}.",
        "{nomor} is not an application for {service}.",
    ),
    (
        "{nomor}: surat rekomendasi dibuat setelah berkas lengkap (status kini {status}).",
        "{nomor}: the Surat Rekomendasi is made once the documents are complete (status now {status}).",
    ),
    (
        "Surat kolektif hanya untuk pegawai dari satu instansi.",
        "A collective letter is for employees of one agency only.",
    ),
    (
        "Permohonan ini sudah memiliki surat rekomendasi; batalkan surat itu dulu bila perlu diganti.",
        "This application already has a Surat Rekomendasi; void that letter first if it must be replaced.",
    ),
    (
        "Surat penolakan untuk satu permohonan.",
        "A rejection letter is for one application.",
    ),
    (
        "Permohonan ini sudah memiliki surat pemberitahuan penolakan.",
        "This application already has a rejection notice.",
    ),
    (
        "Surat pemberitahuan penolakan dibuat untuk permohonan yang ditolak.",
        "A rejection notice is made for a rejected application.",
    ),
    (
        "Hanya draf yang dapat diberi nomor.",
        "Only a draft can be numbered.",
    ),
    (
        "Tuliskan alasan pembatalan surat.",
        "Write the reason for voiding the letter.",
    ),
    (
        "Surat ini sudah dibatalkan.",
        "This letter is already void.",
    ),
    ("Surat ini dibatalkan.", "This letter is void."),
    (
        "Surat ini dibatalkan dan tidak dapat diekspor.",
        "This letter is void and cannot be exported.",
    ),
    (
        "Beri nomor surat dulu: draf tidak disiapkan untuk tanda tangan elektronik.",
        "Number the letter first: a draft is not prepared for electronic signing.",
    ),
    (
        "Beri nomor surat dulu sebelum melampirkan salinan bertanda tangan.",
        "Number the letter before attaching its signed copy.",
    ),
    (
        "Salinan bertanda tangan surat ini sudah tersimpan.",
        "This letter's signed copy is already saved.",
    ),
    (
        "Salinan surat tidak dapat dibuka: isinya telah diubah.",
        "The letter's copy cannot be opened: its content was changed.",
    ),
    (
        "Salinan surat tidak cocok dengan sidik SHA-256-nya.",
        "The letter's copy does not match its SHA-256 fingerprint.",
    ),
    (
        "PDF ini tidak bertanda tangan elektronik. Jika ini pindaian surat bertanda tangan basah, pilih \"Pindaian tanda tangan basah\".",
        "This PDF has no electronic signature. If it is a scan of a letter with a wet signature, choose \"Scan of the wet signature\".",
    ),
    (
        "Gambar hanya dapat dilampirkan sebagai pindaian tanda tangan basah.",
        "An image can be attached only as a scan of the wet signature.",
    ),
    (
        "Tanda tangan sah, tetapi yang ditandatangani bukan berkas TTE surat ini. Tanda tangani berkas \"Unduh untuk TTE\" surat ini tanpa mengubahnya.",
        "The signature is valid, but what was signed is not this letter's e-signature file. Sign this letter's \"Export for e-signature\" file without changing it.",
    ),
    (
        "Tanda tangan sah, tetapi penanda tangannya bukan yang tercantum di surat ini: sertifikat atas nama \"{signer}, surat atas nama \"{named} (NIP pada sertifikat berbeda).",
        "The signature is valid, but its signer is not the one this letter names: the certificate is in the name of \"{signer}, the letter in the name of \"{named} (the NIP on the certificate differs).",
    ),
    (
        "Tanda tangan sah, tetapi penanda tangannya bukan yang tercantum di surat ini: sertifikat atas nama \"{signer}, surat atas nama \"{named} (nama tidak sama setelah gelar dilepas).",
        "The signature is valid, but its signer is not the one this letter names: the certificate is in the name of \"{signer}, the letter in the name of \"{named} (the names differ once titles are left out).",
    ),
    (
        "Tanda tangan ditolak: {message}",
        "Signature refused: {message}",
    ),
    (
        "{message} Belum ada akar tepercaya: admin mengimpor rantai sertifikat BSrE di Pengaturan Surat.",
        "{message} There is no trust anchor yet: the admin imports BSrE's certificate chain in Letter settings.",
    ),
    (
        "Huruf surat tidak dapat disiapkan: {reason}",
        "The letter's fonts cannot be prepared: {reason}",
    ),
    (
        "Huruf surat tidak dapat dibaca: {reason}",
        "The letter's fonts cannot be read: {reason}",
    ),
    (
        "Surat tidak dapat dibuat: {reason}",
        "The letter cannot be made: {reason}",
    ),
    (
        "Surat tidak dapat disusun: {reason}",
        "The letter cannot be laid out: {reason}",
    ),
    (
        "Surat tidak dapat disimpan: {reason}",
        "The letter cannot be saved: {reason}",
    ),
    (
        "Kotak tanda tangan tidak ditemukan pada surat.",
        "The signature box was not found on the letter.",
    ),
    (
        "Folder {path} tidak dapat dibuat: {reason}",
        "The folder {path} cannot be created: {reason}",
    ),
    // An electronic signature as checked (inside "Tanda tangan ditolak: ...").
    (
        "Berkas PDF tidak terbaca: {reason}.",
        "The PDF file cannot be read: {reason}.",
    ),
    (
        "Berkas ini tidak bertanda tangan elektronik.",
        "This file has no electronic signature.",
    ),
    (
        "Rentang bita tanda tangan tidak menunjuk tepat ke isi tanda tangannya.",
        "The signature's byte range does not point exactly at its signature content.",
    ),
    (
        "Rentang bita tanda tangan berada di luar berkas.",
        "The signature's byte range lies outside the file.",
    ),
    (
        "Rentang bita tanda tangan tidak berakhir di akhir sebuah revisi PDF.",
        "The signature's byte range does not end at the end of a PDF revision.",
    ),
    (
        "Jenis tanda tangan \"{kind}\" tidak didukung.",
        "The signature type \"{kind}\" is not supported.",
    ),
    (
        "Algoritma hash {oid} tidak diterima (hanya SHA-256, SHA-384, SHA-512).",
        "The hash algorithm {oid} is not accepted (only SHA-256, SHA-384, SHA-512).",
    ),
    (
        "Sertifikat penanda tangan tidak disertakan dalam tanda tangan.",
        "The signer's certificate is not included in the signature.",
    ),
    (
        "Isi berkas tidak cocok dengan sidik yang ditandatangani: berkas diubah setelah ditandatangani.",
        "The file's content does not match the signed fingerprint: the file was changed after signing.",
    ),
    (
        "Tanda tangan tidak cocok dengan kunci pada sertifikat penanda tangan.",
        "The signature does not match the key on the signer's certificate.",
    ),
    (
        "Tanda tangan tidak dapat diperiksa: {what} tidak didukung.",
        "The signature cannot be checked: {what} is not supported.",
    ),
    (
        "Berkas diubah atau ditambah setelah ditandatangani: tanda tangan hanya mencakup {signed} dari {total} bita.",
        "The file was changed or added to after signing: the signature covers only {signed} of {total} bytes.",
    ),
    (
        "Isi tanda tangan (CMS) tidak terbaca: {what}.",
        "The signature's content (CMS) cannot be read: {what}.",
    ),
    (
        "Sertifikat penanda tangan tidak untuk menandatangani dokumen (penggunaan kunci yang diperluas: {usages}).",
        "The signer's certificate is not for signing documents (extended key usage: {usages}).",
    ),
    (
        "Penggunaan kunci yang diperluas pada sertifikat penanda tangan tidak terbaca.",
        "The extended key usage on the signer's certificate cannot be read.",
    ),
    (
        "Sertifikat \"{name}\" tidak berlaku pada hari ini (berlaku {validity}).",
        "The certificate \"{name}\" is not valid today (valid {validity}).",
    ),
    (
        "Sertifikat \"{name}\" tidak berlaku pada waktu penandatanganan ({when}) (berlaku {validity}).",
        "The certificate \"{name}\" was not valid when signing ({when}) (valid {validity}).",
    ),
    (
        "Sertifikat penanda tangan tidak untuk tanda tangan.",
        "The signer's certificate is not for signatures.",
    ),
    (
        "Penggunaan kunci pada sertifikat penanda tangan tidak terbaca.",
        "The key usage on the signer's certificate cannot be read.",
    ),
    (
        "Sertifikat \"{name}\" memuat ekstensi kritis yang tidak dikenal Loket ({oid}); sertifikat seperti ini tidak diterima.",
        "The certificate \"{name}\" holds a critical extension Loket does not know ({oid}); such a certificate is not accepted.",
    ),
    (
        "Rantai sertifikat tidak sampai ke akar tepercaya yang diimpor (penerbit: {issuer}).",
        "The certificate chain does not reach an imported trust anchor (issuer: {issuer}).",
    ),
    (
        "Penerbit \"{name}\" bukan otoritas sertifikat.",
        "The issuer \"{name}\" is not a certificate authority.",
    ),
    (
        "Rantai sertifikat terlalu panjang.",
        "The certificate chain is too long.",
    ),
    // Trust anchors.
    (
        "Berkas tidak berisi sertifikat.",
        "The file holds no certificate.",
    ),
    (
        "Berkas bukan sertifikat X.509 (PEM atau DER).",
        "The file is not an X.509 certificate (PEM or DER).",
    ),
    (
        "Sertifikat tidak dapat dibaca.",
        "The certificate cannot be read.",
    ),
    (
        "Sertifikat ini sudah diimpor.",
        "This certificate is already imported.",
    ),
    // Files and images.
    ("Berkas kosong (0 byte).", "The file is empty (0 bytes)."),
    (
        "Berkas PDF terpotong atau rusak (penanda akhir %%EOF tidak ada).",
        "The PDF file is cut off or damaged (its end marker %%EOF is missing).",
    ),
    (
        "Gambar rusak atau terpotong (penanda akhir gambar tidak ada).",
        "The image is damaged or cut off (its end marker is missing).",
    ),
    (
        "Jenis berkas tidak diterima: hanya PDF, JPEG atau PNG (dibaca dari isinya, bukan dari nama berkas).",
        "File type not accepted: only PDF, JPEG or PNG (read from the content, not the file name).",
    ),
    (
        "Gambar rusak atau terpotong dan tidak dapat dibaca ({reason}).",
        "The image is damaged or cut off and cannot be read ({reason}).",
    ),
    (
        "Gambar terlalu besar: {width} x {height} piksel, paling besar {max} piksel per sisi. Perkecil fotonya lalu unggah lagi.",
        "The image is too large: {width} x {height} pixels, at most {max} pixels a side. Make the photo smaller and upload it again.",
    ),
    (
        "Gambar terlalu besar untuk dibuka: {width} x {height} piksel memerlukan lebih dari {mb} MB memori. Perkecil fotonya lalu unggah lagi.",
        "The image is too large to open: {width} x {height} pixels need more than {mb} MB of memory. Make the photo smaller and upload it again.",
    ),
    (
        "Berkas terlalu besar: {size} MB, batasnya {limit} MB.",
        "The file is too large: {size} MB, the limit is {limit} MB.",
    ),
    (
        "Hanya gambar yang dapat diekspor sebagai JPEG.",
        "Only an image can be exported as JPEG.",
    ),
    (
        "Gambar tidak dapat diperkecil sampai batas ukuran BSrE tanpa menjadi tidak terbaca.",
        "The image cannot be made small enough for BSrE's size limit without becoming unreadable.",
    ),
    (
        "Gambar tidak dapat disimpan: pengolahan gambar terhenti: {reason}",
        "The image cannot be saved: processing it stopped: {reason}",
    ),
    (
        "Logo harus berupa gambar PNG atau JPEG.",
        "The logo must be a PNG or JPEG image.",
    ),
    (
        "Berkas ditolak: pemeriksaannya tidak selesai dalam {seconds} detik (isinya terlalu rumit, atau dibuat untuk melumpuhkan pembaca berkas).",
        "File refused: checking it did not finish within {seconds} seconds (its content is too complex, or made to cripple file readers).",
    ),
    (
        "Berkas ditolak: pemeriksaannya melebihi {seconds} detik waktu prosesor (isinya terlalu rumit, atau dibuat untuk melumpuhkan pembaca berkas).",
        "File refused: checking it took more than {seconds} seconds of processor time (its content is too complex, or made to cripple file readers).",
    ),
    (
        "Berkas ditolak: membacanya memerlukan lebih dari {mb} MB memori (terlalu besar, atau dibuat untuk melumpuhkan pembaca berkas).",
        "File refused: reading it needs more than {mb} MB of memory (too large, or made to cripple file readers).",
    ),
    (
        "Berkas ditolak: susunan isinya bersarang terlalu dalam untuk dibaca (berkas rusak atau dibuat untuk melumpuhkan pembaca).",
        "File refused: its content is nested too deep to read (a damaged file, or one made to cripple readers).",
    ),
    (
        "Berkas ditolak: isinya mengembang menjadi lebih dari {mb} MB saat dibaca (dibuat untuk membebani Loket, atau terlalu besar).",
        "File refused: its content grows to more than {mb} MB when read (made to overload Loket, or too large).",
    ),
    (
        "Berkas ditolak: pembaca berkas berhenti tanpa jawaban ({how}).",
        "File refused: the file reader stopped without an answer ({how}).",
    ),
    // Imports: the file, the sheet, the column mapping.
    (
        "Pilih berkas CSV atau XLSX terlebih dahulu.",
        "Choose a CSV or XLSX file first.",
    ),
    ("Berkas kosong.", "The file is empty."),
    (
        "Berkas ini bukan teks CSV (berisi data biner). Pilih berkas .csv atau .xlsx.",
        "This file is not CSV text (it holds binary data). Choose a .csv or .xlsx file.",
    ),
    (
        "Berkas ini bukan buku kerja yang dapat dibaca (rusak atau bukan Excel/ODS).",
        "This file is not a readable workbook (damaged, or not Excel/ODS).",
    ),
    (
        "Buku kerja tidak dapat dibaca: {reason}.",
        "The workbook cannot be read: {reason}.",
    ),
    (
        "Buku kerja berisi {parts} bagian; Loket membaca paling banyak {max}.",
        "The workbook has {parts} parts; Loket reads at most {max}.",
    ),
    (
        "Buku kerja rusak (bagian {part}): {reason}.",
        "The workbook is damaged (part {part}): {reason}.",
    ),
    (
        "Bagian \"{part}\" buku kerja ini terurai menjadi lebih dari {mb} MB (berkasnya {kb} KB); Loket membaca paling banyak {max} MB per bagian.",
        "Part \"{part}\" of this workbook unpacks to more than {mb} MB (the file is {kb} KB); Loket reads at most {max} MB a part.",
    ),
    (
        "Buku kerja ini terurai menjadi lebih dari {mb} MB; Loket membaca paling banyak {max} MB.",
        "This workbook unpacks to more than {mb} MB; Loket reads at most {max} MB.",
    ),
    (
        "Buku kerja tidak berisi lembar kerja.",
        "The workbook has no worksheet.",
    ),
    (
        "Lembar \"{sheet}\" tidak dapat dibaca: {reason}.",
        "The sheet \"{sheet}\" cannot be read: {reason}.",
    ),
    (
        "Lembar ini berisi data sampai kolom {column} ({columns} kolom, sel {cell}); Loket membaca paling banyak {max} kolom. Hapus kolom yang tidak dipakai atau salin tabelnya ke lembar baru.",
        "This sheet has data up to column {column} ({columns} columns, cell {cell}); Loket reads at most {max} columns. Delete the unused columns or copy the table to a new sheet.",
    ),
    (
        "Lembar ODS ini meminta {cells} sel (baris atau kolom yang diulang); Loket membaca paling banyak {max} sel.",
        "This ODS sheet asks for {cells} cells (repeated rows or columns); Loket reads at most {max} cells.",
    ),
    (
        "Sel gabungan lembar ini mencakup lebih dari {max} sel; pisahkan gabungannya atau salin tabelnya ke lembar baru.",
        "This sheet's merged cells cover more than {max} cells; unmerge them or copy the table to a new sheet.",
    ),
    (
        "Lembar ini berisi lebih dari {max} sel; bagi menjadi beberapa berkas.",
        "This sheet has more than {max} cells; split it into several files.",
    ),
    (
        "Sel {cell} berisi {n} karakter; Loket membaca paling banyak {max} karakter per sel.",
        "Cell {cell} holds {n} characters; Loket reads at most {max} characters a cell.",
    ),
    (
        "CSV tidak terbaca di baris {line}: {reason}.",
        "The CSV cannot be read at line {line}: {reason}.",
    ),
    (
        "Baris {line} CSV ini berisi {columns} kolom; Loket membaca paling banyak {max} kolom. Periksa pemisah kolomnya.",
        "Line {line} of this CSV has {columns} columns; Loket reads at most {max} columns. Check its column separator.",
    ),
    (
        "Berkas berisi lebih dari {max} baris ({rows}); bagi menjadi beberapa berkas.",
        "The file has more than {max} rows ({rows}); split it into several files.",
    ),
    (
        "Berkas tidak berisi baris judul kolom maupun data.",
        "The file has neither a header row nor data.",
    ),
    (
        "Pemetaan kolom belum lengkap.",
        "The column mapping is not complete.",
    ),
    (
        "Pilih kolom untuk {label}: wajib ada.",
        "{label}: choose its column; it is required.",
    ),
    (
        "Kolom \"{column}\" tidak ada di berkas.",
        "The column \"{column}\" is not in the file.",
    ),
    (
        "Kolom \"{column}\" sudah dipakai untuk {label}.",
        "The column \"{column}\" is already in use. {label} uses it.",
    ),
    (
        "Sertifikat dicatat dengan kedua tanggalnya: pilih juga kolom ini, atau kosongkan kolom sertifikat lainnya.",
        "A certificate is recorded with both its dates: choose this column too, or clear the other certificate columns.",
    ),
    (
        "Daftar baris yang ditolak tidak dapat dibuat: {reason}",
        "The list of refused rows cannot be made: {reason}",
    ),
    // The kiosk and its pairing with the office.
    (
        "Kiriman {nomor} sudah ditangani ({status}).",
        "Submission {nomor} was already handled ({status}).",
    ),
    (
        "Kiriman {nomor} baru saja ditangani di meja lain.",
        "Submission {nomor} was just handled at another desk.",
    ),
    (
        "Tulis alasan kiriman ini dibuang.",
        "Write why this submission is discarded.",
    ),
    ("kiriman kiosk {nomor}", "kiosk submission {nomor}"),
    (
        "Nomor registrasi dan 4 angka terakhir NIK tidak cocok dengan permohonan mana pun.",
        "The registration number and the last 4 digits of the NIK match no application.",
    ),
    (
        "Tulis nomor registrasi seperti pada tanda terima, misalnya REG-2026-00001.",
        "Write the registration number as on the receipt, for example REG-2026-00001.",
    ),
    (
        "Tulis 4 angka terakhir NIK Anda.",
        "Write the last 4 digits of your NIK.",
    ),
    (
        "Terlalu banyak percobaan untuk nomor ini. Coba lagi {minutes} menit lagi, atau tanyakan di loket.",
        "Too many attempts for this number. Try again in {minutes} minutes, or ask at the desk.",
    ),
    (
        "Kunci kantor harus {n} digit heksadesimal, seperti yang dicetak `loket kiosk-key` di meja layanan.",
        "The office key has {n} hexadecimal digits, as `loket kiosk-key` prints it at the service desk.",
    ),
    (
        "Kunci kantor di keyring kiosk ini rusak; pasangkan ulang dengan `loket pair-kiosk`.",
        "The office key in this kiosk's keyring is damaged; pair again with `loket pair-kiosk`.",
    ),
    (
        "Kiosk ini belum dipasangkan dengan kantor: jalankan `loket kiosk-key` di PC meja layanan, lalu `loket pair-kiosk KUNCI` di PC kiosk ini.",
        "This kiosk is not paired with the office yet: run `loket kiosk-key` on the service desk PC, then `loket pair-kiosk KEY` on this kiosk PC.",
    ),
    (
        "Basis data ini belum pernah dibuka oleh meja layanan; buka Loket di meja layanan dulu.",
        "This database has never been opened by the service desk; open Loket at the service desk first.",
    ),
    (
        "Basis data ini belum pernah dibuka oleh meja layanan Loket.",
        "This database has never been opened by a Loket service desk.",
    ),
    (
        "Kunci kantor yang dipasangkan di kiosk ini ({paired}) tidak sama dengan kunci kantor basis data ini ({published}). Pasangkan ulang dengan `loket pair-kiosk`.",
        "The office key paired at this kiosk ({paired}) differs from this database's office key ({published}). Pair again with `loket pair-kiosk`.",
    ),
    (
        "Peran kiosk hanya untuk PostgreSQL: kiosk di PC lain selalu memakai basis data PostgreSQL kantor.",
        "A kiosk role is for PostgreSQL only: a kiosk on another PC always uses the office's PostgreSQL database.",
    ),
    (
        "Nama peran: huruf kecil, angka dan _, diawali huruf, paling banyak 40 karakter, bukan pg_… atau postgres.",
        "Role name: lowercase letters, digits and _, starting with a letter, at most 40 characters, not pg_… or postgres.",
    ),
    (
        "{role} adalah login yang dipakai meja layanan (yang menjalankan perintah ini); kiosk memerlukan peran sendiri, misalnya {example}.",
        "{role} is the login the service desk uses (the one running this command); the kiosk needs a role of its own, for example {example}.",
    ),
    (
        "Peran {role} punya wewenang server (superuser, membuat peran atau basis data, melewati row-level security); pilih nama lain untuk kiosk.",
        "The role {role} has server powers (superuser, creating roles or databases, bypassing row-level security); choose another name for the kiosk.",
    ),
    (
        "Peran {role} memiliki tabel, skema atau basis data, atau punya hak di basis data lain; pilih nama lain untuk kiosk.",
        "The role {role} owns tables, schemas or databases, or has rights in another database; choose another name for the kiosk.",
    ),
    (
        "Peran {role} anggota peran lain dan mewarisi haknya; pilih nama lain untuk kiosk.",
        "The role {role} is a member of another role and inherits its rights; choose another name for the kiosk.",
    ),
    (
        "Peran {role} tidak dapat masuk (NOLOGIN); minta pengelola server menjalankan ALTER ROLE {role} LOGIN, atau pilih nama lain.",
        "The role {role} cannot sign in (NOLOGIN); ask the server's administrator to run ALTER ROLE {role} LOGIN, or choose another name.",
    ),
    (
        "Peran {role} sudah punya hak atas tabel basis data ini dan bukan buatan `loket kiosk-role` (mungkin login petugas); pilih nama lain untuk kiosk.",
        "The role {role} already has rights on this database's tables and was not made by `loket kiosk-role` (perhaps a staff login); choose another name for the kiosk.",
    ),
    (
        "Peran {role} tidak dapat dibuat dengan login ini ({reason}). Minta pengelola server PostgreSQL membuatnya: CREATE ROLE {role} LOGIN PASSWORD '…'; lalu jalankan `loket kiosk-role {role}` lagi.",
        "The role {role} cannot be created with this login ({reason}). Ask the PostgreSQL server's administrator to create it: CREATE ROLE {role} LOGIN PASSWORD '…'; then run `loket kiosk-role {role}` again.",
    ),
    (
        "Peran {role} masih dapat membuat objek di skema public (hak yang diberikan kepada semua login). Jalankan sebagai pemilik basis data: REVOKE CREATE ON SCHEMA public FROM PUBLIC; lalu jalankan `loket kiosk-role {role}` lagi.",
        "The role {role} can still create objects in the public schema (a right every login has). As the database's owner, run: REVOKE CREATE ON SCHEMA public FROM PUBLIC; then run `loket kiosk-role {role}` again.",
    ),
    (
        "Kode QR tidak dapat dibuat: {reason}",
        "The QR code cannot be made: {reason}",
    ),
    (
        "Tanda terima tidak dapat dibuat: {reason}",
        "The receipt cannot be made: {reason}",
    ),
    (
        "Tanda terima tidak dapat ditulis: {reason}",
        "The receipt cannot be written: {reason}",
    ),
    // The satisfaction survey (IKM).
    (
        "Permohonan ini masih menunggu petugas. Survei dapat diisi setelah Anda dilayani di loket.",
        "This application is still waiting for the staff. The survey can be filled in after you are served at the desk.",
    ),
    (
        "Survei untuk permohonan ini sudah diisi. Terima kasih atas penilaian Anda.",
        "The survey for this application has been filled in. Thank you for your rating.",
    ),
    (
        "Jawaban harus untuk sembilan unsur.",
        "The answers must be for nine elements.",
    ),
    (
        "Kuesioner harus memuat sembilan unsur.",
        "The questionnaire must hold nine elements.",
    ),
    (
        "Setiap pertanyaan memiliki empat pilihan jawaban.",
        "Each question has four answer choices.",
    ),
    (
        "Tulis tanggal formulir sebagai hh/bb/tttt.",
        "Write the form's date as dd/mm/yyyy.",
    ),
    (
        "Tanggal formulir belum lewat.",
        "The form's date has not come yet.",
    ),
    (
        "Tanggal formulir terlalu lama.",
        "The form's date is too long ago.",
    ),
    ("Pilih salah satu: {choices}.", "Choose one of: {choices}."),
    ("Nilai 1 sampai 4.", "A value from 1 to 4."),
    (
        "Jawab paling sedikit satu pertanyaan.",
        "Answer at least one question.",
    ),
    ("Pilih XLSX atau PDF.", "Choose XLSX or PDF."),
    (
        "Buku kerja IKM tidak dapat dibuat: {reason}",
        "The IKM workbook cannot be made: {reason}",
    ),
    // Reports and their periods.
    ("Pilih XLSX, CSV atau PDF.", "Choose XLSX, CSV or PDF."),
    (
        "Periode paling panjang tiga tahun.",
        "A period is at most three years long.",
    ),
    ("Pilih bulan 1 sampai 12.", "Choose a month from 1 to 12."),
    (
        "Pilih triwulan 1 sampai 4.",
        "Choose a quarter from 1 to 4.",
    ),
    ("Pilih semester 1 atau 2.", "Choose half-year 1 or 2."),
    (
        "Tabel laporan tidak dapat dibuat: {reason}",
        "The report table cannot be made: {reason}",
    ),
    (
        "Buku kerja laporan tidak dapat dibuat: {reason}",
        "The report workbook cannot be made: {reason}",
    ),
];
