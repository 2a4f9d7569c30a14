//! The subcommands of the same binary, without a window: `loket check`,
//! `loket audit-verify`, `loket verify-pdf`, `loket recover`, the backup's
//! (`loket restore`, `loket backup-noted`, in [`crate::cli_backup`]), `loket recover-admin`, and pairing a kiosk PC with the
//! office (`loket kiosk-key` and `loket kiosk-role` at a desk, `loket pair-kiosk` at the kiosk).

use std::path::PathBuf;
use std::process::ExitCode;

use loket_core::desk::{Desk, Seat};
use loket_core::kiosk::post::{self, KioskPost, fingerprint};
use loket_core::operators::accounts::NewOperator;
use loket_core::operators::roles::Role;
use loket_core::secrets::OsKeyring;

use crate::state::{AppStatus, database_url, describe, now, start};

/// Tauri identifier; also the app-data folder name.
pub const IDENTIFIER: &str = "id.go.loket";

/// The subcommands, as `loket --help` lists them.
pub const HELP: &str = "loket            membuka aplikasi Loket\n\
loket --kiosk    membuka kiosk pemohon (layar penuh, hanya akun kiosk)\n\
loket --kiosk-screen N  membuka jendela petugas dan kiosk pemohon di layar ke-N\n\
loket check      memeriksa basis data dan keyring tanpa membuka jendela\n\
loket audit-verify [--checkpoint BERKAS]  memeriksa keutuhan log audit (juga terhadap titik periksa)\n\
loket audit-checkpoint [BERKAS]  menyimpan titik periksa log audit (untuk disimpan di tempat lain)\n\
loket forget-checkpoint  melupakan titik periksa di keyring (setelah basis data dipulihkan dari cadangan)\n\
loket verify-pdf BERKAS [--trust SERTIFIKAT]...  memeriksa tanda tangan elektronik PDF\n\
loket restore BERKAS  memulihkan basis data dari berkas cadangan (setelah semua pemeriksaan lolos)\n\
loket backup-noted  (PostgreSQL) mencatat bahwa pg_dump kantor baru saja berhasil\n\
loket --version  mencetak versi Loket\n\
loket recover    memulihkan kunci data ke keyring dengan kunci pemulihan\n\
loket recover-admin  membuat admin baru dengan kunci pemulihan bila tidak ada lagi admin aktif\n\
loket kiosk-key  (di meja layanan) mencetak kunci publik kantor untuk memasangkan PC kiosk\n\
loket kiosk-role [NAMA] [--sandi-baru]  (di meja layanan, PostgreSQL) membuat login basis data khusus PC kiosk\n\
loket pair-kiosk KUNCI  (di PC kiosk) menyimpan kunci publik kantor di keyring PC ini\n\
loket unpair-kiosk  (di PC kiosk) menghapus kunci kantor dari keyring PC ini";

/// Same folder Tauri's `app_data_dir` gives.
fn data_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join(IDENTIFIER)
}

/// The database URL a desk here opens, or the exit after saying why there is none.
fn desk_url() -> Result<String, ExitCode> {
    database_url(&data_dir()).map_err(|problem| {
        eprintln!("{problem}");
        ExitCode::FAILURE
    })
}

/// Runs the subcommand named by the first of `args` (the program name
/// skipped), or `None` when it names none (the desktop window opens).
pub fn run(args: &[String]) -> Option<ExitCode> {
    Some(match args.get(1)?.as_str() {
        "check" => check(),
        "audit-verify" => audit_verify(&args[2..]),
        "audit-checkpoint" => audit_checkpoint(args.get(2).map(String::as_str)),
        "forget-checkpoint" => forget_checkpoint(),
        "verify-pdf" => verify_pdf(&args[2..]),
        "recover" => recover(),
        "recover-admin" => recover_admin(),
        "kiosk-key" => kiosk_key(),
        "kiosk-role" => kiosk_role(&args[2..]),
        "restore" => match desk_url() {
            Ok(url) => crate::cli_backup::restore(&url, args.get(2).map(String::as_str)),
            Err(code) => code,
        },
        "backup-noted" => match desk_url() {
            Ok(url) => crate::cli_backup::noted(&url),
            Err(code) => code,
        },
        "--version" | "-V" => {
            println!("loket {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        "pair-kiosk" => pair_kiosk(args.get(2).map(String::as_str)),
        "unpair-kiosk" => unpair_kiosk(),
        "--help" | "-h" | "help" => {
            println!("{HELP}");
            ExitCode::SUCCESS
        }
        _ => return None,
    })
}

/// `loket check`: opens the database and the keyring as the app would, and says
/// whether Loket can start. Exit code 0 when it can.
fn check() -> ExitCode {
    if let Ok(Some(_)) = post::pinned(&OsKeyring::new()) {
        return check_kiosk_pc();
    }
    let status = tauri::async_runtime::block_on(async {
        start(&data_dir(), false)
            .await
            .status(loket_core::auth::rules::PUBLIC, Seat::Desk)
            .await
    });
    match status {
        AppStatus {
            ready: true,
            database,
            ..
        } => {
            println!("Loket siap. Basis data: {database}");
            ExitCode::SUCCESS
        }
        AppStatus {
            problem, database, ..
        } => {
            eprintln!(
                "Loket tidak dapat dibuka. Basis data: {database}\n{}",
                problem.unwrap_or_default()
            );
            ExitCode::FAILURE
        }
    }
}

/// `loket check` on a kiosk PC (paired): whether the kiosk opens, and if
/// not, the whole reason (the kiosk's own screen says only "call staff").
fn check_kiosk_pc() -> ExitCode {
    let url = match desk_url() {
        Ok(url) => url,
        Err(code) => return code,
    };
    let opened =
        tauri::async_runtime::block_on(async { KioskPost::open(&url, &OsKeyring::new()).await });
    match opened {
        Ok(_) => {
            println!(
                "PC kiosk siap (dipasangkan dengan kantor). Basis data: {}",
                describe(&url)
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "Kiosk tidak dapat dibuka. Basis data: {}\n{}",
                describe(&url),
                message(&e)
            );
            ExitCode::FAILURE
        }
    }
}

/// `loket audit-verify [--checkpoint FILE]`: walks the audit log's hash chain
/// and reports the first entry that was edited, removed, inserted or
/// reordered, then holds the log against the keyring's checkpoint and the
/// checkpoint file given. Exit code 0 when intact, 2 when broken.
fn audit_verify(args: &[String]) -> ExitCode {
    let file = match args {
        [] => None,
        [flag, path] if flag == "--checkpoint" => match std::fs::read(path) {
            Ok(b) => Some(b),
            Err(e) => {
                eprintln!("{path}: {e}");
                return ExitCode::FAILURE;
            }
        },
        _ => {
            eprintln!("Pemakaian: loket audit-verify [--checkpoint BERKAS]");
            return ExitCode::FAILURE;
        }
    };
    let url = match desk_url() {
        Ok(url) => url,
        Err(code) => return code,
    };
    // The chain is keyed with the data key, so verifying needs the keyring
    // too; so do the rows' seals and every person's NIK against its row.
    let report = tauri::async_runtime::block_on(async {
        let desk = open_desk(&url).await?;
        let log = desk.verify_audit(file.as_deref()).await?;
        let mut rows =
            loket_core::integrity::rows(&desk.db, &desk.key, loket_core::integrity::Depth::Deep)
                .await?;
        if let Some(m) = loket_core::integrity::missing_mark(&desk.db).await? {
            rows.push(m);
        }
        Ok::<_, loket_core::Error>((log, rows))
    });
    match report {
        Ok((r, rows)) => {
            if r.intact {
                println!(
                    "Log audit utuh: {} entri diperiksa ({}).",
                    r.entries,
                    describe(&url)
                );
            } else {
                eprintln!(
                    "Log audit RUSAK mulai entri nomor {}: {}.",
                    r.broken_seq.unwrap_or_default(),
                    r.reason.unwrap_or_default()
                );
            }
            if rows.is_empty() {
                println!(
                    "Semua baris bersegel utuh (pengaturan, operator, token, kotak keluar, NIK)."
                );
            }
            for row in &rows {
                eprintln!(
                    "Baris diubah di luar Loket: {} {}: {}.",
                    row.tabel, row.baris, row.keterangan
                );
            }
            if r.intact && rows.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            }
        }
        Err(e) => {
            eprintln!("Log audit tidak dapat diperiksa: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `loket verify-pdf FILE [--trust CERT]...`: verifies the newest signature
/// of a PDF against the trust anchors named (PEM or DER files; the office's
/// imported anchors are not read: this needs no database and no keyring).
/// Prints the verdict; exit code 0 only for a valid signature chained to one
/// of the anchors, 2 for any other verdict, 1 when it cannot run.
fn verify_pdf(args: &[String]) -> ExitCode {
    let usage = || {
        eprintln!("Pemakaian: loket verify-pdf BERKAS.pdf [--trust SERTIFIKAT]...");
        ExitCode::FAILURE
    };
    let mut file = None;
    let mut anchors = vec![];
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--trust" => {
                let Some(path) = it.next() else {
                    return usage();
                };
                let read = std::fs::read(path)
                    .map_err(|e| e.to_string())
                    .and_then(|b| loket_core::pdfsig::parse_certificates(&b));
                match read {
                    Ok(certs) => anchors.extend(certs),
                    Err(e) => {
                        eprintln!("{path}: {e}");
                        return ExitCode::FAILURE;
                    }
                }
            }
            _ if file.is_none() => file = Some(a),
            _ => return usage(),
        }
    }
    let Some(file) = file else { return usage() };
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::FAILURE;
        }
    };
    // The file is read by the confined reader, as at the desk: a crafted PDF
    // is refused within its limits instead of hanging this command.
    let checked = tauri::async_runtime::block_on(loket_core::pdfsig::verify_confined(
        &bytes,
        &anchors,
        now().timestamp(),
    ));
    let v = match checked {
        Ok(v) => v,
        Err(refusal) => {
            println!("Status: DITOLAK\nAlasan: {}", refusal.message());
            return ExitCode::from(2);
        }
    };
    use loket_core::pdfsig::SignatureStatus::*;
    let status = match v.status {
        Valid => "SAH",
        Untrusted => "TIDAK TEPERCAYA",
        Invalid => "TIDAK SAH",
        NotSigned => "TIDAK BERTANDA TANGAN",
    };
    println!("Status: {status}\nAlasan: {}", v.reason);
    let line = |label: &str, value: &Option<String>| {
        if let Some(value) = value {
            println!("{label}: {value}");
        }
    };
    line("Penanda tangan", &v.signer);
    line("Nomor pada sertifikat", &v.signer_number);
    line("Penerbit", &v.issuer);
    line("Akar tepercaya", &v.anchor);
    line(
        "Waktu tanda tangan (menurut penanda tangan)",
        &v.signing_time,
    );
    line("Hash", &v.hash);
    line("Mekanisme", &v.mechanism);
    if v.signatures > 0 {
        println!(
            "Mencakup seluruh berkas: {}",
            if v.covers_whole_file { "ya" } else { "tidak" }
        );
    }
    if v.status == Valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

/// `loket audit-checkpoint [FILE]`: writes the audit log's checkpoint (its
/// head, with a MAC under the data key) to FILE, or to standard output. Meant
/// for a daily job whose files are kept away from the database.
fn audit_checkpoint(path: Option<&str>) -> ExitCode {
    let url = match desk_url() {
        Ok(url) => url,
        Err(code) => return code,
    };
    let made = tauri::async_runtime::block_on(async {
        let desk = open_desk(&url).await?;
        desk.export_checkpoint(now()).await
    });
    let bytes = match made {
        Ok((_, bytes)) => bytes,
        Err(e) => {
            eprintln!("Titik periksa tidak dapat dibuat: {e}");
            return ExitCode::from(2);
        }
    };
    let written = match path {
        Some(p) => std::fs::write(p, &bytes),
        None => std::io::Write::write_all(&mut std::io::stdout(), &bytes),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Titik periksa tidak dapat ditulis: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `loket forget-checkpoint`: an admin accepts the database as it is, after
/// a restore or after looking at what the desk found changed outside Loket:
/// the findings are printed, the admin signs in (user name, then password,
/// on standard input) and types YA; the rows are sealed again, the log's
/// checkpoint starts again at its head, and both are recorded in the log
/// under the admin's name. Until then the desk stays read-only.
fn forget_checkpoint() -> ExitCode {
    let url = match desk_url() {
        Ok(url) => url,
        Err(code) => return code,
    };
    let ask = |prompt: &str| {
        eprintln!("{prompt}");
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .map(|_| line.trim().to_string())
    };
    let done = tauri::async_runtime::block_on(async {
        let desk = open_desk(&url).await?;
        let found = desk.integrity();
        let cp =
            loket_core::checkpoint::read(&*desk.keys, &loket_core::checkpoint::database_id(&url))?;
        match &cp {
            Some(cp) => println!("Titik periksa mencatat log audit sampai entri {}.", cp.seq),
            None => println!("Keyring ini tidak menyimpan titik periksa untuk basis data ini."),
        }
        if found.intact() {
            println!("Tidak ada yang ditemukan diubah di luar Loket.");
        } else {
            if let Some(log) = &found.log {
                println!("Log audit: {log}");
            }
            for r in &found.baris {
                println!("- {} {}: {}", r.tabel, r.baris, r.keterangan);
            }
        }
        let user = ask("Nama pengguna admin:").unwrap_or_default();
        let password = ask("Kata sandi:").unwrap_or_default();
        let session = desk
            .sign_in(
                now(),
                &mut rand::rngs::OsRng,
                &user,
                &loket_core::operators::passwords::Password::from(password.as_str()),
                false,
            )
            .await?;
        if !session.roles.contains(&Role::Admin) {
            return Err(loket_core::Error::Forbidden(
                "Hanya admin yang dapat menerima keadaan basis data.".into(),
            ));
        }
        let confirm = ask(
            "Terima basis data ini apa adanya (baris di atas disegel ulang, titik periksa mulai \
             lagi dari ujung log)? Lakukan hanya setelah memeriksanya, atau setelah memulihkan \
             cadangan. Ketik YA lalu Enter:",
        )
        .unwrap_or_default();
        if confirm != "YA" {
            return Ok(None);
        }
        let rows = desk.accept_integrity(now(), &session.username).await?;
        if let Some(old) = cp {
            desk.unsigned(now())
                .as_actor(loket_core::Actor::named(session.username.clone()))
                .log(
                    &desk.db,
                    loket_core::audit::Entry::new(
                        "audit.checkpoint_forgotten",
                        "audit",
                        old.seq,
                        serde_json::json!({ "seq": old.seq, "hash": old.hash }),
                    ),
                )
                .await?;
        }
        Ok(Some(rows.len()))
    });
    match done {
        Ok(Some(n)) => {
            println!(
                "Keadaan basis data diterima ({n} baris disegel ulang); titik periksa dilupakan \
                 dan dicatat di log audit."
            );
            ExitCode::SUCCESS
        }
        Ok(None) => {
            eprintln!("Dibatalkan; tidak ada yang diubah.");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("Tidak dapat diterima: {}", message(&e));
            ExitCode::FAILURE
        }
    }
}

/// `loket recover`: puts the data key back into this desk's keyring from the
/// recovery key shown at first run (read from standard input).
fn recover() -> ExitCode {
    let url = match desk_url() {
        Ok(url) => url,
        Err(code) => return code,
    };
    eprintln!("Ketik kunci pemulihan lalu tekan Enter:");
    let mut line = String::new();
    if std::io::stdin().read_line(&mut line).is_err() {
        eprintln!("Kunci pemulihan tidak terbaca.");
        return ExitCode::FAILURE;
    }
    let result = tauri::async_runtime::block_on(async {
        let db = loket_core::store::open(&url).await?;
        loket_core::operators::recovery::recover(&db, &OsKeyring::new(), line.trim()).await
    });
    match result {
        Ok(()) => {
            println!("Kunci data dipulihkan ke keyring. Loket dapat dibuka kembali.");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("Pemulihan gagal: {}", message(&e));
            ExitCode::FAILURE
        }
    }
}

/// `loket recover-admin`: on a desk with no active admin left, makes a new
/// admin with the recovery key shown at the first run. Reads, one per line
/// from standard input: the recovery key, the new admin's user name, full
/// name, and password twice. Audited (`recovery.admin`).
fn recover_admin() -> ExitCode {
    let url = match desk_url() {
        Ok(url) => url,
        Err(code) => return code,
    };
    let mut lines = std::io::stdin().lines();
    let mut ask = |prompt: &str| {
        eprintln!("{prompt}");
        lines.next().and_then(|l| l.ok()).unwrap_or_default()
    };
    let recovery_key = ask("Ketik kunci pemulihan lalu tekan Enter:");
    let username = ask("Nama pengguna admin baru:");
    let nama = ask("Nama lengkap admin baru:");
    let password = ask("Kata sandi admin baru:");
    let again = ask("Ulangi kata sandi:");
    let input = NewOperator {
        username,
        nama,
        roles: vec![Role::Admin],
        password: password.as_str().into(),
        password_ulang: again.as_str().into(),
    };
    let result = tauri::async_runtime::block_on(async {
        let desk = open_desk(&url).await?;
        desk.recover_admin(now(), &mut rand::rngs::OsRng, recovery_key.trim(), &input)
            .await
    });
    match result {
        Ok(admin) => {
            println!(
                "Admin baru {} dibuat (tercatat di log audit). Masuk dengan akun itu di Loket.",
                admin.username
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("Admin baru tidak dibuat: {}", message(&e));
            ExitCode::FAILURE
        }
    }
}

/// The desk at `url` with this computer's keyring, as the app opens it.
pub(crate) async fn open_desk(url: &str) -> loket_core::Result<Desk> {
    Desk::open(
        url,
        Box::new(OsKeyring::new()),
        &mut rand::rngs::OsRng,
        now(),
    )
    .await
}

/// The data key a desk of `db` holds in this PC's keyring, read as a desk
/// reads it (without signing anyone in).
async fn desk_key(
    db: &sea_orm::DatabaseConnection,
) -> Result<loket_core::secrets::DataKey, loket_core::Error> {
    let Some(check) =
        loket_core::store::setting(db, loket_core::store::SETTING_DATA_KEY_CHECK).await?
    else {
        return Err(loket_core::Error::Unusable(
            "Basis data ini belum pernah dibuka sebagai meja layanan; buka Loket dulu.".into(),
        ));
    };
    let (key, _) = loket_core::secrets::open_data_key(
        &OsKeyring::new(),
        Some(&check),
        &mut rand::rngs::OsRng,
    )?;
    Ok(key)
}

/// `loket kiosk-key`: prints the office's public key for kiosk submissions,
/// to pair a kiosk PC with (it is public: it can seal, not open). It reads
/// the data key as a desk would, without signing anyone in.
fn kiosk_key() -> ExitCode {
    let url = match desk_url() {
        Ok(url) => url,
        Err(code) => return code,
    };
    let key = tauri::async_runtime::block_on(async {
        let db = loket_core::store::open(&url).await?;
        let key = desk_key(&db).await?;
        // Published as a desk's start does, for the kiosk's check at pairing.
        post::publish(&db, &key).await?;
        Ok(key.kiosk_key().to_hex())
    });
    match key {
        Ok(key) => {
            println!("{key}");
            eprintln!(
                "Kunci publik kantor (sidik {}). Di PC kiosk jalankan: loket pair-kiosk {key}",
                fingerprint(&key)
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("Kunci kantor tidak dapat dibaca: {}", message(&e));
            ExitCode::FAILURE
        }
    }
}

/// `loket kiosk-role [NAMA]`: makes the kiosk PCs' own PostgreSQL login (or
/// gives an existing one its grants again, after an upgrade) and prints the
/// address a kiosk PC connects with. Run at a desk: it needs the desks'
/// owner login and the data key (the grant is in the audit log).
fn kiosk_role(args: &[String]) -> ExitCode {
    use loket_core::kiosk::role::{self, Granted};
    let new_password = args.iter().any(|a| a == "--sandi-baru");
    let names: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| *a != "--sandi-baru")
        .collect();
    let name = match names.as_slice() {
        [] => role::DEFAULT_ROLE,
        [one] if !one.starts_with('-') => one,
        _ => {
            eprintln!("Pemakaian: loket kiosk-role [NAMA] [--sandi-baru]");
            return ExitCode::FAILURE;
        }
    };
    let url = match desk_url() {
        Ok(url) => url,
        Err(code) => return code,
    };
    if !url.starts_with("postgres") {
        eprintln!(
            "Peran kiosk hanya untuk PostgreSQL: kiosk di PC lain selalu memakai basis data PostgreSQL kantor (LOKET_DATABASE_URL di sini: SQLite)."
        );
        return ExitCode::FAILURE;
    }
    let done = tauri::async_runtime::block_on(async {
        let db = loket_core::store::open(&url).await?;
        let key = desk_key(&db).await?;
        let act = loket_core::audit::Acting::new(
            &key,
            loket_core::audit::Actor::named("loket kiosk-role"),
            now(),
        );
        role::grant(&db, &act, name, new_password, &mut rand::rngs::OsRng).await
    });
    match done {
        Ok(Granted::Created(password) | Granted::NewPassword(password)) => {
            let address = tauri::Url::parse(&url).ok().and_then(|mut u| {
                u.set_username(name).ok()?;
                u.set_password(Some(&password)).ok()?;
                Some(u.to_string())
            });
            println!(
                "{}",
                address.unwrap_or_else(|| format!("peran {name}, kata sandi {password}"))
            );
            eprintln!(
                "Peran {name} siap. Pakai alamat di atas sebagai LOKET_DATABASE_URL di PC kiosk \
                 (kata sandinya hanya dicetak sekali; `loket kiosk-role {name} --sandi-baru` \
                 memberi sandi baru). Jalankan `loket kiosk-role {name}` lagi setiap kali Loket \
                 diperbarui."
            );
            ExitCode::SUCCESS
        }
        Ok(Granted::Renewed) => {
            println!(
                "Hak peran {name} diperbarui; kata sandinya tetap. Alamat untuk PC kiosk: alamat \
                 basis data meja layanan dengan {name} dan sandinya sebagai pengguna dan sandi \
                 (`loket kiosk-role {name} --sandi-baru` memberi sandi baru dan mencetak alamatnya)."
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("Peran kiosk tidak dibuat: {}", message(&e));
            ExitCode::FAILURE
        }
    }
}

/// `loket pair-kiosk KUNCI`: pins the office's public key in this PC's
/// keyring, and says whether the database's desks publish the same key.
fn pair_kiosk(key: Option<&str>) -> ExitCode {
    let Some(key) = key else {
        eprintln!(
            "Tulis kunci kantor: loket pair-kiosk KUNCI (cetak dengan `loket kiosk-key` di meja layanan)."
        );
        return ExitCode::FAILURE;
    };
    let url = match database_url(&data_dir()) {
        Ok(url) => url,
        Err(problem) => {
            eprintln!("{problem}");
            return ExitCode::FAILURE;
        }
    };
    let paired =
        tauri::async_runtime::block_on(async { post::pair(&url, &OsKeyring::new(), key).await });
    match paired {
        Ok(k) => {
            println!(
                "Kunci kantor disimpan di keyring PC ini (sidik {}). Basis data kantor memakai kunci yang sama: kiosk siap dibuka dengan `loket --kiosk`.",
                fingerprint(&k.to_hex())
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "Kiosk belum dipasangkan (tidak ada yang disimpan): {}",
                message(&e)
            );
            ExitCode::FAILURE
        }
    }
}

/// `loket unpair-kiosk`: forgets the office's key on this PC (it no longer
/// opens as a kiosk PC).
fn unpair_kiosk() -> ExitCode {
    use loket_core::secrets::KeyStore;
    match OsKeyring::new().delete(post::PINNED_KEY_ENTRY) {
        Ok(true) => {
            println!("Kunci kantor dihapus dari keyring PC ini.");
            ExitCode::SUCCESS
        }
        Ok(false) => {
            println!("PC ini tidak dipasangkan sebagai kiosk.");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("Keyring tidak dapat dibuka: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A core error in words for the person at the terminal.
fn message(e: &loket_core::Error) -> String {
    match e {
        loket_core::Error::Invalid { fields, .. } => {
            fields.values().cloned().collect::<Vec<_>>().join(" ")
        }
        other => other.to_string(),
    }
}
