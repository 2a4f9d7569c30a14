//! A kiosk PC on its own PostgreSQL role (`loket kiosk-role`): everything the
//! kiosk's screens do works through it, and what an attacker holding the
//! kiosk PC's database address tries (reading cases, people, operators,
//! settings, the audit log; changing anything) the server refuses.

use loket_core::Error;
use loket_core::cases::vocabulary::Layanan;
use loket_core::kiosk::inbox::KioskSubmission;
use loket_core::kiosk::post::{self, KioskPost};
use loket_core::kiosk::role::{self, Granted};
use loket_core::kiosk::{events, info, slip, status};
use loket_core::operators::accounts;
use loket_core::operators::passwords::Password;
use loket_core::operators::roles::Role;
use loket_core::secrets::{KeyStore, OsKeyring};
use loket_core::survey::questionnaire;
use loket_core::survey::responses::{self, SurveyAnswers};
use loket_core::{entities::audit_log, store};
use rand::RngCore;
use rand::rngs::OsRng;
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, QueryOrder, Statement};

use super::support::*;

/// `url` with the user and password replaced.
fn as_login(url: &str, user: &str, password: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap();
    let host = rest.split_once('@').map_or(rest, |(_, h)| h);
    format!("{scheme}://{user}:{password}@{host}")
}

async fn refused(db: &DatabaseConnection, sql: &str) {
    let r = db.execute_unprepared(sql).await;
    let e = r
        .err()
        .unwrap_or_else(|| panic!("the kiosk role was allowed: {sql}"));
    assert!(
        e.to_string().contains("permission denied")
            || e.to_string().contains("must be owner")
            || e.to_string().contains("row-level security"),
        "{sql}: {e}"
    );
}

async fn column(db: &DatabaseConnection, sql: &str) -> Vec<String> {
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get_by_index::<String>(0).unwrap())
        .collect()
}

#[test]
fn a_kiosk_pc_on_its_own_role_serves_applicants_and_reads_nothing_else() {
    let _turn = super::keyring::KEYRING
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let t = TestDesk::postgres("kioskrole").await;
        let admin = t.as_("admin");
        for (name, r) in [
            ("kios1", Role::Kiosk),
            ("ayu", Role::Operator),
            ("admin2", Role::Admin),
        ] {
            accounts::create(
                &t.db,
                &admin,
                &mut OsRng,
                &new_operator(name, &[r], "kata-sandi-uji-1"),
            )
            .await
            .unwrap();
        }
        // The office's own settings, so an answer the kiosk could only give
        // from a default would differ.
        t.with_letter_settings().await;
        for (k, v) in [
            ("kiosk_biaya", "Tidak dipungut biaya (uji kiosk)"),
            ("kiosk_pengaduan", "Loket pengaduan lantai 2 (uji kiosk)"),
            ("surel", r#"{"host":"smtp.kantor.test"}"#),
        ] {
            store::set_setting(&t.db, &t.key, k, v).await.unwrap();
        }
        post::publish(&t.db, &t.key).await.unwrap();
        let case = t.intake(&budi()).await;

        let name = format!("kiosk_{}_{}", std::process::id(), OsRng.next_u32() % 10_000);
        let Granted::Created(password) =
            role::grant(&t.db, &admin, &name, &mut OsRng).await.unwrap()
        else {
            panic!("a new role is created");
        };
        // Run again (after an upgrade): the same grants, the password kept.
        assert_eq!(
            role::grant(&t.db, &admin, &name, &mut OsRng).await.unwrap(),
            Granted::Renewed
        );
        assert!(matches!(
            role::grant(&t.db, &admin, "x\"; drop table cases; --", &mut OsRng).await,
            Err(Error::Invalid { .. })
        ));
        let url = as_login(&t.url, &name, &password);

        // The kiosk, as a paired kiosk PC opens it with that address.
        let ring = OsKeyring::with_service(&format!(
            "id.go.loket.test.kioskrole.{}",
            std::process::id()
        ));
        post::pin(&ring, &t.key.kiosk_key().to_hex()).unwrap();
        let kiosk = KioskPost::open(&url, &ring).await.unwrap();
        let _ = ring.delete(post::PINNED_KEY_ENTRY);
        assert!(!kiosk.status(now()).await.unwrap().setup_needed);
        let pw = Password::from("kata-sandi-uji-1");
        // Staff accounts are closed to it: the same answer as a wrong password.
        let staff = kiosk
            .sign_in(None, &mut OsRng, now(), "ayu", &pw)
            .await
            .unwrap_err();
        let signed = kiosk
            .sign_in(None, &mut OsRng, now(), "kios1", &pw)
            .await
            .unwrap();
        assert_eq!(signed.username, "kios1");
        assert!(matches!(staff, Error::Invalid { .. }), "{staff:?}");

        // What the screens show is what the desk would show.
        assert_eq!(
            info::services(&kiosk.db).await.unwrap(),
            info::services(&t.db).await.unwrap()
        );
        assert_eq!(
            questionnaire::questionnaire(&kiosk.db).await.unwrap(),
            questionnaire::questionnaire(&t.db).await.unwrap()
        );
        let actor = kiosk
            .authorize("submit_kiosk_application", now())
            .await
            .unwrap();
        let submission = KioskSubmission {
            layanan: Some(Layanan::Penerbitan),
            applicant: ayu().applicant,
            form: Default::default(),
            persetujuan_privasi: true,
        };
        let receipt = kiosk
            .submit(&actor, now(), &mut OsRng, &submission)
            .await
            .unwrap();
        assert_eq!(
            receipt,
            loket_core::kiosk::receipt::receipt(
                &t.db,
                receipt.nomor.clone(),
                receipt.layanan,
                receipt.diterima
            )
            .await
            .unwrap()
        );
        assert!(
            receipt.pengaduan.contains("uji kiosk"),
            "{}",
            receipt.pengaduan
        );
        slip::printed(&kiosk.db, &receipt).await.unwrap();

        // Status checks: the submission, the desk's case, a wrong digit.
        let mine = status::check(&kiosk.db, now(), &receipt.nomor, &ayu().applicant.nik[12..])
            .await
            .unwrap();
        assert_eq!(mine.tahap, "Menunggu petugas");
        let theirs = status::check(&kiosk.db, now(), &case.nomor, &NIK[12..])
            .await
            .unwrap();
        assert_eq!(theirs.layanan, Layanan::Penerbitan);
        assert!(
            status::check(&kiosk.db, now(), &case.nomor, "9999")
                .await
                .is_err()
        );
        // The survey for the case, once.
        let answers = SurveyAnswers {
            nilai: vec![Some(4); 9],
            umur: Some("36-45".into()),
            jenis_kelamin: Some("Perempuan".into()),
            pendidikan: Some("S1".into()),
            pekerjaan: Some("PNS".into()),
            saran: String::new(),
        };
        responses::kiosk_ticket(&kiosk.db, now(), &case.nomor, &NIK[12..])
            .await
            .unwrap();
        responses::record_kiosk(&kiosk.db, now(), Some((&case.nomor, &NIK[12..])), &answers)
            .await
            .unwrap();
        assert!(
            responses::record_kiosk(&kiosk.db, now(), Some((&case.nomor, &NIK[12..])), &answers)
                .await
                .is_err(),
            "one response per case"
        );
        responses::record_kiosk(&kiosk.db, now(), None, &answers)
            .await
            .unwrap();

        // Petugas: the kiosk account signed in here closes it; a staff
        // account it cannot check is refused as a wrong password.
        assert!(
            kiosk
                .release(None, &mut OsRng, at(600), "ayu", &pw)
                .await
                .is_err()
        );
        assert_eq!(
            kiosk
                .release(None, &mut OsRng, at(1200), "kios1", &pw)
                .await
                .unwrap(),
            "kios1"
        );
        // The desk takes in the attempts and the submission.
        let moved = events::collect(&t.db, &t.op()).await.unwrap();
        assert_eq!(moved, 4);
        let last = audit_log::Entity::find()
            .order_by_desc(audit_log::Column::Seq)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (last.action.as_str(), last.actor.as_str()),
            ("kiosk.release", "kios1")
        );
        assert_eq!(
            loket_core::kiosk::inbox::list(&t.db, false).await.unwrap()[0].nomor,
            receipt.nomor
        );

        // The attacker with the kiosk PC's address, in SQL.
        let raw = sea_orm::Database::connect(&url).await.unwrap();
        for sql in [
            "select * from cases",
            "select * from applicants",
            "select nama from applicants",
            "select nik_cipher from applicants",
            "select * from applicant_history",
            "select * from certificates",
            "select * from letters",
            "select * from documents",
            "select * from audit_log",
            "select * from outbox",
            "select * from operator_tokens",
            "select * from complaints",
            "select sealed from kiosk_inbox",
            "select * from kiosk_events",
            "select * from skm_responses",
            "update operators set roles = 'admin'",
            "update operators set password_hash = 'x' where username = 'kios1'",
            "insert into operators (username) values ('baru')",
            "update settings set value = 'x' where key = 'kiosk_biaya'",
            "insert into settings (key, value) values ('surel', 'x')",
            "delete from settings",
            "update cases set status = 'selesai'",
            "update applicants set nama = 'x'",
            "update kiosk_inbox set status = 'dibuang'",
            "delete from kiosk_inbox",
            "delete from kiosk_events",
            "insert into audit_log (seq) values (1000)",
            "delete from audit_log",
            "create table curian (a int)",
            "alter table settings disable row level security",
            "set role loket",
            "truncate counters",
        ] {
            refused(&raw, sql).await;
        }
        for table in ["settings", "operators", "counters"] {
            refused(&raw, &format!("drop policy \"loket_{name}\" on {table}")).await;
        }
        // What it may read is the kiosk's: its accounts, the settings its
        // screens print; the mail server and staff are not there for it.
        assert_eq!(
            column(&raw, "select username from operators").await,
            ["kios1"]
        );
        assert!(
            column(&raw, "select key from settings where key = 'surel'")
                .await
                .is_empty()
        );
        for key in column(&raw, "select key from settings").await {
            assert!(
                role::SETTINGS.contains(&key.as_str())
                    || role::SETTING_PREFIXES.iter().any(|p| key.starts_with(p)),
                "{key}"
            );
        }
        // Counters other than the registration number are out of its reach.
        let letters_before = column(
            &t.db,
            "select name || '=' || value from counters order by name",
        )
        .await;
        let changed = raw
            .execute_unprepared("update counters set value = 0 where name not like 'registrasi/%'")
            .await
            .unwrap();
        assert_eq!(changed.rows_affected(), 0);
        assert!(
            raw.execute_unprepared("insert into counters (name, value) values ('surat/2026', 0)")
                .await
                .is_err()
        );
        assert_eq!(
            column(
                &t.db,
                "select name || '=' || value from counters order by name"
            )
            .await,
            letters_before
        );
        raw.close().await.unwrap();
        // The desk still reads its whole state, untouched.
        assert!(matches!(
            loket_core::audit::verify(&t.db, &t.key).await.unwrap(),
            loket_core::audit::Verdict::Intact { .. }
        ));
    });
}
