//! The backup subcommands of the same binary: `loket restore FILE` (the
//! restore, with every check of the drill first) and `loket backup-noted`
//! (the office's `pg_dump` routine tells Loket it succeeded).

use std::path::Path;
use std::process::ExitCode;

use loket_core::audit::{Acting, Actor};
use loket_core::backup::{self, Progress, restore};
use loket_core::secrets::{DATA_KEY_ENTRY, DataKey, KeyStore, OsKeyring};

use crate::state::{describe, lock_database, now};

fn fail(text: impl std::fmt::Display) -> ExitCode {
    eprintln!("{text}");
    ExitCode::FAILURE
}

/// Who ran a subcommand, for the audit log: the OS account.
fn os_user(what: &str) -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "?".into());
    format!("{what} (akun OS {user})")
}

/// `loket restore FILE`: checks the backup (decrypted in a temporary place:
/// SQLite's integrity, the data key's check value, the audit chain), shows
/// what it holds, asks for "PULIHKAN", and only then replaces the live
/// database, keeping the replaced file. Loket must be closed on this PC.
pub fn restore(url: &str, file: Option<&str>) -> ExitCode {
    let Some(file) = file else {
        return fail("Pakai: loket restore BERKAS.loketbak");
    };
    let live = match restore::live_path(url) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    // Held until the restore is done: the app cannot hold the database meanwhile.
    let Some(_lock) = lock_database(url) else {
        return fail(
            "Loket sedang terbuka di komputer ini. Tutup Loket (jendela petugas dan kiosk) lalu \
             ulangi.",
        );
    };
    let ring = OsKeyring::new();
    let key = match ring.get(DATA_KEY_ENTRY) {
        Ok(Some(master)) => match DataKey::from_master(&master) {
            Ok(k) => k,
            Err(e) => return fail(e),
        },
        Ok(None) => {
            return fail(
                "Kunci data tidak ada di keyring komputer ini, jadi cadangan tidak dapat dibuka. \
                 Pulihkan cadangan di komputer desk yang membuatnya (atau pulihkan dulu kunci \
                 datanya ke keyring).",
            );
        }
        Err(e) => return fail(e),
    };
    let progress = Progress::default();
    tauri::async_runtime::block_on(async {
        let checked = match restore::check(Path::new(file), url, &key, &progress).await {
            Ok(c) => c,
            Err(e) => return fail(e),
        };
        let r = &checked.report;
        println!(
            "Cadangan {} dibuat {}: {} permohonan, {} entri log audit, basis data {} bita.",
            r.berkas, r.dibuat, r.permohonan, r.entri_audit, r.ukuran_basis_data
        );
        for line in &r.pemeriksaan {
            println!("  lolos: {line}");
        }
        eprintln!(
            "Basis data {} akan diganti isi cadangan ini (yang lama disimpan di sebelahnya). \
             Ketik PULIHKAN lalu Enter untuk melanjutkan:",
            live.display()
        );
        let mut line = String::new();
        if std::io::stdin().read_line(&mut line).is_err() || line.trim() != "PULIHKAN" {
            return fail("Dibatalkan; basis data tidak diubah.");
        }
        let acting = Acting::new(&key, Actor::named(os_user("loket restore")), now());
        match restore::replace(checked, url, &ring, &acting).await {
            Ok(done) => {
                if let Some(kept) = done.disimpan {
                    println!("Basis data yang diganti disimpan sebagai {kept}.");
                }
                println!(
                    "Dipulihkan ke {}. Pemulihan dicatat di log audit; Loket dapat dibuka.",
                    describe(url)
                );
                ExitCode::SUCCESS
            }
            Err(e) => fail(format!("Pemulihan gagal: {e}")),
        }
    })
}

/// `loket backup-noted`: the PostgreSQL office's backup routine calls this
/// after `pg_dump` succeeded; the backup screen shows the time.
pub fn noted(url: &str) -> ExitCode {
    tauri::async_runtime::block_on(async {
        let desk = match crate::cli::open_desk(url).await {
            Ok(d) => d,
            Err(e) => return fail(e),
        };
        let acting = Acting::new(&desk.key, Actor::named(os_user("pg_dump")), now());
        match backup::note_pg_dump(&desk.db, &acting).await {
            Ok(()) => {
                println!(
                    "Dicatat: cadangan pg_dump berhasil pada {}.",
                    acting.now().format("%d/%m/%Y %H:%M")
                );
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        }
    })
}
