//! A colleague with the database file (sqlite3 on it) or the PostgreSQL
//! owner's login (psql), but not the keyring: each attack of issue-sized
//! weight done as they would do it, through the database's own tool, outside
//! Loket. The state is sealed, not only logged: an operator made admin, a
//! "remember me" token pointed at an admin, the mail server or a message's
//! recipient redirected (a trigger keeping it so), two people's NIKs
//! swapped, the log's tail cut or an older copy put back: each is found,
//! never used, and turns the desk read-only until an admin accepts the state.

use std::net::TcpListener;
use std::time::Duration;

use super::keyring::TestKeyring;
use super::support::*;
use loket_core::applicants::registry;
use loket_core::auth::rules;
use loket_core::desk::Desk;
use loket_core::entities::{applicants, audit_log};
use loket_core::integrity::{self, Depth};
use loket_core::notices::outbox::{self, Keadaan};
use loket_core::notices::settings as mail_settings;
use loket_core::operators::accounts;
use loket_core::operators::passwords::Password;
use loket_core::operators::roles::Role;
use loket_core::secrets::{KeyStore, OsKeyring, Secret};
use loket_core::{Error, store};
use rand::rngs::OsRng;
use sea_orm::{EntityTrait, QueryOrder};

/// Runs `sql` on the test's database with the database's own tool, as a
/// colleague would: `sqlite3` on the file, `psql` on the server.
fn outside(t: &TestDesk, sql: &str) {
    let (ok, out) = match t.url.strip_prefix("sqlite:") {
        Some(rest) => {
            let path = rest.split('?').next().unwrap();
            tool("sqlite3", &[path, sql])
        }
        None => tool("psql", &["-v", "ON_ERROR_STOP=1", "-q", &t.url, "-c", sql]),
    };
    assert!(ok, "{sql}: {out}");
}

/// A desk on the test database with the OS keyring (its own service name,
/// holding the tests' data key).
async fn desk_on(t: &TestDesk, service: &str) -> Desk {
    let ring = OsKeyring::with_service(service);
    ring.set(
        loket_core::secrets::DATA_KEY_ENTRY,
        &Secret::new(vec![42; 32]),
    )
    .unwrap();
    Desk::open(&t.url, Box::new(ring), &mut OsRng, now())
        .await
        .unwrap()
}

fn forget_ring(service: &str) {
    let ring = OsKeyring::with_service(service);
    for entry in [
        loket_core::secrets::DATA_KEY_ENTRY,
        loket_core::checkpoint::CHECKPOINT_ENTRY,
        loket_core::operators::tokens::REMEMBER_ENTRY,
    ] {
        let _ = ring.delete(entry);
    }
}

async fn staff(t: &TestDesk) {
    for (name, role, password) in [
        ("kepala", Role::Admin, "kata-sandi-kepala-1"),
        ("ayu", Role::Operator, "kata-sandi-ayu-1"),
    ] {
        accounts::create(
            &t.db,
            &t.as_("admin"),
            &mut OsRng,
            &new_operator(name, &[role], password),
        )
        .await
        .unwrap();
    }
}

fn tampered(e: &Error) -> bool {
    format!("{e:?}").contains("diubah di luar Loket")
}

/// The attack on operators, on either backend.
async fn an_operator_made_admin_outside_loket_is_never_used(t: TestDesk, service: &str) {
    staff(&t).await;
    let desk = desk_on(&t, service).await;
    assert!(desk.integrity().intact(), "{:?}", desk.integrity());
    desk.sign_in(
        now(),
        &mut OsRng,
        "ayu",
        &Password::from("kata-sandi-ayu-1"),
        false,
    )
    .await
    .unwrap();
    assert!(
        matches!(
            desk.authorize(rules::ADMIN, now()).await,
            Err(Error::Forbidden(_))
        ),
        "an operator is refused admin work before the attack"
    );

    outside(
        &t,
        "update operators set roles = 'admin,operator' where username = 'ayu'",
    );

    // Her next command: the session ends, and the row is never read as admin.
    let e = desk.authorize(rules::ADMIN, now()).await.unwrap_err();
    assert!(matches!(e, Error::SignedOut(_)) && tampered(&e), "{e:?}");
    let e = desk
        .sign_in(
            now(),
            &mut OsRng,
            "ayu",
            &Password::from("kata-sandi-ayu-1"),
            false,
        )
        .await
        .unwrap_err();
    assert!(tampered(&e), "{e:?}");
    // The desk is read-only for everyone: the admin reads, but saves nothing.
    desk.sign_in(
        now(),
        &mut OsRng,
        "kepala",
        &Password::from("kata-sandi-kepala-1"),
        false,
    )
    .await
    .unwrap();
    let found = desk.integrity();
    assert!(
        found
            .baris
            .iter()
            .any(|r| r.tabel == "operator" && r.baris == "ayu"),
        "{found:?}"
    );
    assert!(
        desk.authorize(rules::ADMIN, now()).await.is_ok(),
        "reading goes on"
    );
    let act = desk.authorize(rules::ADMIN, now()).await.unwrap();
    let e = accounts::create(
        &desk.db,
        &act,
        &mut OsRng,
        &new_operator("baru", &[Role::Operator], "kata-sandi-baru-1"),
    )
    .await
    .unwrap_err();
    assert!(matches!(e, Error::Tampered(_)), "{e:?}");
    assert!(
        accounts::find_by_username(&t.db, "baru")
            .await
            .unwrap()
            .is_none(),
        "nothing saved half way"
    );

    // The admin looked and accepts the state: it is sealed again, on the record.
    let again = desk.accept_integrity(now(), "kepala").await.unwrap();
    assert!(
        again.iter().any(|r| r.baris == "ayu"),
        "the admin's acceptance names ayu's row"
    );
    assert!(
        desk.integrity().intact(),
        "the accepted state is sealed again"
    );
    let act = desk.authorize(rules::ADMIN, now()).await.unwrap();
    accounts::create(
        &desk.db,
        &act,
        &mut OsRng,
        &new_operator("baru", &[Role::Operator], "kata-sandi-baru-1"),
    )
    .await
    .unwrap();
    let accepted = audit_log::Entity::find()
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.action == "integrity.accepted")
        .expect("the acceptance is in the log");
    assert_eq!(
        accepted.actor, "kepala",
        "the acceptance is logged under the admin who accepted"
    );
    assert!(accepted.detail.contains("ayu"), "{}", accepted.detail);
    forget_ring(service);
}

#[test]
fn an_operator_made_admin_with_sqlite3_is_never_used() {
    let keys = TestKeyring::new("sealed.ops");
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let service = keys.service.clone();
        an_operator_made_admin_outside_loket_is_never_used(TestDesk::sqlite().await, &service)
            .await;
    });
}

#[test]
fn an_operator_made_admin_with_psql_is_never_used() {
    let keys = TestKeyring::new("sealed.opspg");
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let service = keys.service.clone();
        an_operator_made_admin_outside_loket_is_never_used(
            TestDesk::postgres("sealed_ops").await,
            &service,
        )
        .await;
    });
}

/// "Remember me" pointed at the admin in the file: the restart signs nobody
/// in, and a changed password hash asking for gigabytes is never computed.
#[test]
fn a_remembered_token_pointed_at_an_admin_signs_nobody_in() {
    let keys = TestKeyring::new("sealed.token");
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let t = TestDesk::sqlite().await;
        let service = keys.service.clone();
        staff(&t).await;
        let desk = desk_on(&t, &service).await;
        desk.sign_in(now(), &mut OsRng, "ayu", &Password::from("kata-sandi-ayu-1"), true)
            .await
            .unwrap();
        drop(desk);
        // Restarted as it is: ayu, remembered.
        let desk = desk_on(&t, &service).await;
        assert_eq!(desk.session(now()).unwrap().username, "ayu", "an untouched token resumes the remembered operator");
        drop(desk);

        outside(
            &t,
            "update operator_tokens set operator_id = (select id from operators where username = 'kepala')",
        );
        let desk = desk_on(&t, &service).await;
        assert!(desk.session(now()).is_none(), "nobody is signed in by an edited token");
        assert!(
            desk.integrity().baris.iter().any(|r| r.tabel == "token ingat saya"),
            "{:?}",
            desk.integrity()
        );
        drop(desk);

        // The admin's hash rewritten to ask Argon2 for 4 GiB: never computed.
        outside(
            &t,
            "update operators set password_hash = replace(password_hash, 'm=65536', 'm=4194304') where username = 'kepala'",
        );
        let desk = desk_on(&t, &service).await;
        let started = std::time::Instant::now();
        let e = desk
            .sign_in(now(), &mut OsRng, "kepala", &Password::from("kata-sandi-kepala-1"), false)
            .await
            .unwrap_err();
        assert!(tampered(&e), "{e:?}");
        assert!(started.elapsed() < Duration::from_secs(5), "a password hash asking for gigabytes is refused at once, never computed");
        forget_ring(&service);
    });
}

/// The mail server redirected in the settings row: nothing is sent anywhere.
/// A message's recipient redirected (and a trigger that keeps it so): that
/// message is refused, never handed to any server.
async fn mail_redirected_outside_loket_goes_nowhere(t: TestDesk, service: &str) {
    let trap = TcpListener::bind("127.0.0.1:0").unwrap();
    trap.set_nonblocking(true).unwrap();
    let port = trap.local_addr().unwrap().port();
    // The office's own server, set as the admin sets it: here the trap too,
    // so any message that left would knock on it.
    let mut s = mail_settings::settings(&t.db).await.unwrap();
    s.aktif = true;
    s.host = "127.0.0.1".into();
    s.port = port;
    s.keamanan = mail_settings::Keamanan::Polos;
    s.alamat_pengirim = "loket@denpasarkota.go.id".into();
    s.nama_pengirim = "Loket".into();
    mail_settings::save(&t.db, &t.as_("admin"), &s)
        .await
        .unwrap();
    let case = t.intake(&budi()).await;
    let queued = outbox::for_case(&t.db, case.id).await.unwrap();
    assert!(!queued.is_empty(), "the receipt's message waits");

    // One message's recipient changed, and a trigger keeps it changed.
    let trigger = if t.url.starts_with("sqlite:") {
        "create trigger keep after update on outbox begin \
         update outbox set penerima = 'penyadap@contoh.org' where id = new.id and penerima <> 'penyadap@contoh.org'; end;"
    } else {
        "create function keep() returns trigger language plpgsql as $$ begin new.penerima := 'penyadap@contoh.org'; return new; end $$; \
         create trigger keep before update on outbox for each row execute function keep();"
    };
    outside(
        &t,
        &format!("update outbox set penerima = 'penyadap@contoh.org'; {trigger}"),
    );
    let desk = desk_on(&t, service).await;
    // Found at start: the desk sends nothing at all.
    assert!(
        desk.send_mail(now()).await.is_err(),
        "a desk that found a redirected message sends no mail at all"
    );
    // Even a sender that never looked at the desk's findings (a server's
    // `loket-surel`) refuses the message itself.
    let pass = loket_core::mail::sender::deliver_due(&t.db, &t.key, None, now())
        .await
        .unwrap();
    assert_eq!(pass.terkirim, 0, "{pass:?}");
    assert!(trap.accept().is_err(), "no connection reached any server");
    let after = outbox::for_case(&t.db, case.id).await.unwrap();
    assert!(
        after.iter().all(|m| m.keadaan != Keadaan::Terkirim),
        "{after:?}"
    );

    // The server itself redirected in the settings row: the sender stops
    // before it opens any connection.
    let evil = format!(
        "{{\"aktif\":true,\"host\":\"127.0.0.1\",\"port\":{port},\"keamanan\":\"polos\",\"alamat_pengirim\":\"x@contoh.org\",\"nama_pengirim\":\"x\",\"pengguna\":\"loket\"}}"
    );
    outside(
        &t,
        &format!("update settings set value = '{evil}' where key = 'surel'"),
    );
    let e = loket_core::mail::sender::deliver_due(&t.db, &t.key, Some("rahasia"), now())
        .await
        .unwrap_err();
    assert!(tampered(&e), "{e:?}");
    assert!(
        trap.accept().is_err(),
        "the office's password went to no server"
    );
    forget_ring(service);
}

#[test]
fn mail_redirected_with_sqlite3_goes_nowhere() {
    let keys = TestKeyring::new("sealed.mail");
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let service = keys.service.clone();
        mail_redirected_outside_loket_goes_nowhere(TestDesk::sqlite().await, &service).await;
    });
}

#[test]
fn mail_redirected_with_psql_goes_nowhere() {
    let keys = TestKeyring::new("sealed.mailpg");
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let service = keys.service.clone();
        mail_redirected_outside_loket_goes_nowhere(
            TestDesk::postgres("sealed_mail").await,
            &service,
        )
        .await;
    });
}

/// Two people's NIK ciphertexts (and their blind indexes) swapped: neither
/// opens in the other's row.
async fn swapped_niks_open_nowhere(t: TestDesk) {
    let a = t.intake(&budi()).await;
    let b = t.intake(&ayu()).await;
    let ids: Vec<i64> = applicants::Entity::find()
        .order_by_asc(applicants::Column::Id)
        .all(&t.db)
        .await
        .unwrap()
        .iter()
        .map(|p| p.id)
        .collect();
    let (x, y) = (ids[0], ids[1]);
    // Both the ciphertext and its blind index, so each row still finds "its"
    // NIK by index: only the binding to the row can tell.
    outside(
        &t,
        &format!(
            "create temp table tukar as select id, nik_cipher, nik_index from applicants where id in ({x}, {y}); \
             update applicants set nik_index = 'tukar-' || id where id in ({x}, {y}); \
             update applicants set nik_cipher = (select nik_cipher from tukar where tukar.id = {y}), \
               nik_index = (select nik_index from tukar where tukar.id = {y}) where id = {x}; \
             update applicants set nik_cipher = (select nik_cipher from tukar where tukar.id = {x}), \
               nik_index = (select nik_index from tukar where tukar.id = {x}) where id = {y};"
        ),
    );
    for id in [x, y] {
        let e = registry::reveal(&t.db, &t.op(), id).await.unwrap_err();
        assert!(tampered(&e), "{e:?}");
    }
    let found = integrity::rows(&t.db, &t.key, Depth::Deep).await.unwrap();
    for id in [x, y] {
        assert!(
            found
                .iter()
                .any(|r| r.tabel == "pemohon" && r.baris == format!("#{id}")),
            "{found:?} (cases {} and {})",
            a.id,
            b.id
        );
    }
}

#[tokio::test]
async fn swapped_niks_with_sqlite3_open_nowhere() {
    swapped_niks_open_nowhere(TestDesk::sqlite().await).await;
}

#[tokio::test]
async fn swapped_niks_with_psql_open_nowhere() {
    swapped_niks_open_nowhere(TestDesk::postgres("sealed_nik").await).await;
}

/// The log's tail cut (and its head row set to match) while the desk is
/// closed, or while it runs: the desk is read-only, for every operator.
#[test]
fn a_cut_tail_turns_the_desk_read_only_at_start_and_while_it_runs() {
    let keys = TestKeyring::new("sealed.cut");
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let t = TestDesk::sqlite().await;
        let service = keys.service.clone();
        staff(&t).await;
        for p in [budi(), ayu()] {
            t.intake(&p).await;
        }
        let desk = desk_on(&t, &service).await;
        assert!(desk.integrity().intact(), "{:?}", desk.integrity());
        drop(desk);
        let cut = "delete from audit_log where seq > (select max(seq) - 2 from audit_log); \
                   update settings set value = (select seq || ':' || hash from audit_log order by seq desc limit 1) where key = 'audit_head';";
        outside(&t, cut);
        let desk = desk_on(&t, &service).await;
        let found = desk.integrity();
        assert!(found.log.as_deref().is_some_and(|l| l.contains("hilang")), "{found:?}");
        desk.sign_in(now(), &mut OsRng, "ayu", &Password::from("kata-sandi-ayu-1"), false)
            .await
            .unwrap();
        let act = desk.authorize(rules::DESK, now()).await.unwrap();
        let e = open_penerbitan(&desk.db, &act, &pegawai(7, "Made Baru"))
            .await
            .unwrap_err();
        assert!(matches!(e, Error::Tampered(_)), "{e:?}");
        desk.accept_integrity(now(), "kepala").await.unwrap();
        assert!(desk.integrity().intact(), "the accepted state is sealed again");

        // While it runs: the checkpoint's keeper finds the cut within its pass.
        for p in [pegawai(8, "Ketut Satu"), pegawai(9, "Ketut Dua")] {
            t.intake(&p).await;
        }
        desk.keep_checkpoint().await.unwrap();
        outside(&t, cut);
        desk.keep_checkpoint().await.unwrap();
        assert!(desk.integrity().log.is_some(), "{:?}", desk.integrity());
        forget_ring(&service);
    });
}

/// A setting edited in the file (the standard's working days, the backup
/// folder) is found at the next command and the desk turns read-only; its
/// value is refused where it is read sealed.
#[tokio::test]
async fn an_edited_setting_is_found_at_the_next_command() {
    let t = TestDesk::sqlite().await;
    let folder = t.dir.path().join("cadangan");
    std::fs::create_dir_all(&folder).unwrap();
    store::set_setting(&t.db, &t.key, "cadangan_folder", &folder.to_string_lossy())
        .await
        .unwrap();
    assert!(
        integrity::rows(&t.db, &t.key, Depth::Commands)
            .await
            .unwrap()
            .is_empty(),
        "the untouched settings are all sealed"
    );
    outside(
        &t,
        "update settings set value = '/tmp/folder-penyerang' where key = 'cadangan_folder'",
    );
    let found = integrity::rows(&t.db, &t.key, Depth::Commands)
        .await
        .unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].baris, "cadangan_folder",
        "the finding names the edited backup folder"
    );
    let e = store::sealed_setting(&t.db, &t.key, "cadangan_folder")
        .await
        .unwrap_err();
    assert!(tampered(&e), "{e:?}");
    // A row slipped in without a seal is found the same way.
    outside(
        &t,
        "insert into settings (key, value) values ('ingat_saya_hari', '90')",
    );
    let found = integrity::rows(&t.db, &t.key, Depth::Commands)
        .await
        .unwrap();
    assert!(
        found
            .iter()
            .any(|r| r.baris == "ingat_saya_hari" && r.keterangan.contains("segel")),
        "a setting slipped in without a seal is found"
    );
}

/// The folder for exports of personal data: chosen by the admin (a full
/// path Loket can write to), audited; pointed elsewhere in the file, it is
/// never written to.
#[tokio::test]
async fn the_personal_data_export_folder_is_the_admins_choice_only() {
    use loket_core::privacy::exports::{self, ExportFolder};
    let t = TestDesk::sqlite().await;
    assert_eq!(
        exports::folder(&t.db, &t.key).await.unwrap(),
        None,
        "Downloads until chosen"
    );
    let e = exports::save(
        &t.db,
        &t.as_("admin"),
        &ExportFolder {
            folder: "relatif/saja".into(),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(
        field_of(e),
        "folder",
        "a folder that is not a full path is refused"
    );
    let chosen = t.dir.path().join("ekspor-pribadi");
    exports::save(
        &t.db,
        &t.as_("admin"),
        &ExportFolder {
            folder: chosen.to_string_lossy().into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(
        exports::folder(&t.db, &t.key).await.unwrap(),
        Some(chosen),
        "the admin's chosen folder is the export folder"
    );
    outside(
        &t,
        "update settings set value = '/tmp/folder-penyerang' where key = 'folder_ekspor_pribadi'",
    );
    let e = exports::folder(&t.db, &t.key).await.unwrap_err();
    assert!(tampered(&e), "{e:?}");
}

/// The sealing's own mark removed, and an admin slipped in unsealed: the
/// log says this database was sealed (its first run wrote so), so nothing is
/// sealed again; the missing mark and the row are found, and the slipped-in
/// admin never signs in.
#[test]
fn a_removed_mark_never_seals_again_what_was_slipped_in() {
    let keys = TestKeyring::new("sealed.mark");
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let url = store::sqlite_url(dir.path());
        let service = keys.service.clone();
        let open = || async {
            Desk::open(&url, Box::new(OsKeyring::with_service(&service)), &mut OsRng, now())
                .await
                .unwrap()
        };
        let desk = open().await;
        desk.first_run(
            now(),
            &mut OsRng,
            &new_operator("kepala", &[Role::Admin], "kata-sandi-kepala-1"),
        )
        .await
        .unwrap();
        let hash = scalar(&desk.db, "select password_hash from operators where username = 'kepala'").await;
        drop(desk);
        let t = TestDesk {
            dir,
            url: url.clone(),
            db: store::open(&url).await.unwrap(),
            key: key(),
        };
        outside(
            &t,
            &format!(
                "insert into operators (username, nama, roles, password_hash, active, failed_count, locked, created_at, updated_at) \
                 values ('mallory', 'Mallory', 'admin', '{hash}', 1, 0, 0, '2026-12-01 09:00:00+08:00', '2026-12-01 09:00:00+08:00'); \
                 delete from settings where key = 'segel_sejak';"
            ),
        );
        let desk = open().await;
        let found = desk.integrity();
        assert!(found.baris.iter().any(|r| r.baris == "mallory"), "{found:?}");
        assert!(
            found.baris.iter().any(|r| r.baris == integrity::SETTING_SEALED),
            "{found:?}"
        );
        let e = desk
            .sign_in(now(), &mut OsRng, "mallory", &Password::from("kata-sandi-kepala-1"), false)
            .await
            .unwrap_err();
        assert!(tampered(&e), "{e:?}");
        let sealings = audit_log::Entity::find()
            .all(&desk.db)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.action == integrity::SEALED_ACTION)
            .count();
        assert_eq!(sealings, 1, "only the first run's");
        forget_ring(&service);
    });
}

/// While the desk is read-only the daily backup makes nothing (its folder
/// and how many to keep may be the attacker's, and rotating would delete the
/// good backups a restore needs).
#[test]
fn a_desk_found_changed_makes_no_backup() {
    let keys = TestKeyring::new("sealed.backup");
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let t = TestDesk::sqlite().await;
        let service = keys.service.clone();
        staff(&t).await;
        let folder = t.dir.path().join("cadangan");
        loket_core::backup::settings::save_settings(
            &t.db,
            &t.as_("admin"),
            loket_core::backup::settings::BackupSettings {
                folder: Some(folder.to_string_lossy().into()),
                simpan: 7,
            },
        )
        .await
        .unwrap();
        let desk = desk_on(&t, &service).await;
        outside(
            &t,
            "update settings set value = '1' where key = 'cadangan_simpan'",
        );
        let e = desk.scheduled_backup(now()).await.unwrap_err();
        assert!(matches!(e, Error::Tampered(_)), "{e:?}");
        assert_eq!(
            std::fs::read_dir(&folder).map(|d| d.count()).unwrap_or(0),
            0,
            "no backup written, none rotated"
        );
        forget_ring(&service);
    });
}

/// Anyone can seal to the office's public key: an "event" claiming another
/// action or another name is recorded as refused, never as what it claims.
#[tokio::test]
async fn a_forged_kiosk_event_is_recorded_as_refused() {
    use loket_core::kiosk::events::{self, KioskEvent};
    let t = TestDesk::sqlite().await;
    staff(&t).await;
    let kepala = accounts::find_by_username(&t.db, "kepala")
        .await
        .unwrap()
        .unwrap();
    for forged in [
        KioskEvent {
            action: "operator.roles".into(),
            operator_id: Some(kepala.id),
            username: Some("kepala".into()),
            at: now(),
            failures: 0,
        },
        KioskEvent {
            action: "kiosk.release".into(),
            operator_id: Some(kepala.id),
            username: Some("orang-lain".into()),
            at: now(),
            failures: 0,
        },
    ] {
        events::record(&t.db, None, &t.key.kiosk_key(), &mut OsRng, &forged)
            .await
            .unwrap();
    }
    assert_eq!(
        events::collect(&t.db, &t.op()).await.unwrap(),
        2,
        "both forged events are collected"
    );
    let actions: Vec<String> = audit_log::Entity::find()
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions
            .iter()
            .filter(|a| *a == "kiosk.event_refused")
            .count(),
        2,
        "{actions:?}"
    );
    assert!(
        !actions
            .iter()
            .any(|a| a == "operator.roles" || a == "kiosk.release"),
        "a forged event is never recorded as the action it claims"
    );
}
