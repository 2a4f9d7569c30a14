//! A kiosk PC on its own PostgreSQL role (`loket kiosk-role`): everything the
//! kiosk's screens do works through it, and what an attacker holding the
//! kiosk PC's database address tries (reading cases, people, operators,
//! settings, the audit log; changing anything) the server refuses.

use loket_core::Error;
use loket_core::auth::rules;
use loket_core::kiosk::inbox::KioskSubmission;
use loket_core::kiosk::post::{self, KioskPost};
use loket_core::kiosk::role::{self, Granted};
use loket_core::kiosk::{events, info, slip, status};
use loket_core::lifecycle::vocabulary::Layanan;
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

/// The kiosk's time: the real clock, as a kiosk PC's (the role's rows must
/// carry times near the server's).
fn clock() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Local::now().fixed_offset()
}

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
            || e.to_string().contains("row-level security")
            || e.to_string().contains("di luar jangkauan kiosk"),
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
        let Granted::Created(first) = role::grant(&t.db, &admin, &name, false, &mut OsRng)
            .await
            .unwrap()
        else {
            panic!("a new role is created");
        };
        // Run again (after an upgrade): the same grants, the password kept.
        assert_eq!(
            role::grant(&t.db, &admin, &name, false, &mut OsRng)
                .await
                .unwrap(),
            Granted::Renewed
        , "granting again after an upgrade renews the grants and keeps the password");
        assert!(matches!(
            role::grant(
                &t.db,
                &admin,
                "x\"; drop table cases; --",
                false,
                &mut OsRng
            )
            .await,
            Err(Error::Invalid { .. })
        ), "a role name that smuggles SQL is refused");
        // The desks' own login, or a role with server powers, never becomes
        // a kiosk's: their rights would be cut to the kiosk's, or be more.
        let me = scalar(&t.db, "select current_user::text").await;
        let powerful = format!("{name}_super");
        t.db.execute_unprepared(&format!("create role {powerful} createrole"))
            .await
            .unwrap();
        let staff_login = format!("{name}_staf");
        t.db.execute_unprepared(&format!(
            "create role {staff_login} login; grant select, update on cases to {staff_login}"
        ))
        .await
        .unwrap();
        let asleep = format!("{name}_tidur");
        t.db.execute_unprepared(&format!("create role {asleep} nologin"))
            .await
            .unwrap();
        for who in [
            me.as_str(),
            powerful.as_str(),
            staff_login.as_str(),
            asleep.as_str(),
            "public",
            "pg_monitor",
            "postgres",
        ] {
            let e = role::grant(&t.db, &admin, who, false, &mut OsRng)
                .await
                .unwrap_err();
            assert!(matches!(e, Error::Invalid { .. }), "{who}: {e:?}");
        }
        assert!(
            scalar(&t.db, "select count(*)::text from cases").await == "1",
            "the desk's login keeps its rights"
        );
        // While every login may create in `public` (PostgreSQL before 15),
        // a function running as the owner could be led to the kiosk's own
        // operator: refused until the server takes that right back.
        t.db.execute_unprepared("grant create on schema public to public")
            .await
            .unwrap();
        let e = role::grant(&t.db, &admin, &name, false, &mut OsRng)
            .await
            .unwrap_err();
        assert!(e.to_string().contains("REVOKE CREATE ON SCHEMA public FROM PUBLIC"), "{e}");
        t.db.execute_unprepared("revoke create on schema public from public")
            .await
            .unwrap();
        // A lost password: a new one, the grants kept.
        let Granted::NewPassword(password) = role::grant(&t.db, &admin, &name, true, &mut OsRng)
            .await
            .unwrap()
        else {
            panic!("a new password");
        };
        assert_ne!(first, password, "a lost password is replaced by a new one");
        let url = as_login(&t.url, &name, &password);

        // The kiosk, as a paired kiosk PC opens it with that address.
        let ring = OsKeyring::with_service(&format!(
            "id.go.loket.test.kioskrole.{}",
            std::process::id()
        ));
        post::pin(&ring, &t.key.kiosk_key().to_hex()).unwrap();
        let kiosk = KioskPost::open(&url, &ring).await.unwrap();
        let _ = ring.delete(post::PINNED_KEY_ENTRY);
        assert!(!kiosk.status(clock()).await.unwrap().setup_needed, "the kiosk on its own role sees a desk already set up");
        let pw = Password::from("kata-sandi-uji-1");
        // Staff accounts are closed to it: the same answer as a wrong password.
        let staff = kiosk
            .sign_in(None, &mut OsRng, clock(), "ayu", &pw)
            .await
            .unwrap_err();
        let signed = kiosk
            .sign_in(None, &mut OsRng, clock(), "kios1", &pw)
            .await
            .unwrap();
        assert_eq!(signed.username, "kios1", "the kiosk account signs in through the kiosk role");
        assert!(matches!(staff, Error::Invalid { .. }), "{staff:?}");

        // What the screens show is what the desk would show.
        assert_eq!(
            info::services(&kiosk.db, *now().offset()).await.unwrap(),
            info::services(&t.db, *now().offset()).await.unwrap()
        , "the kiosk's service screens show what the desk would show");
        assert_eq!(
            questionnaire::questionnaire(&kiosk.db).await.unwrap(),
            questionnaire::questionnaire(&t.db).await.unwrap()
        , "the kiosk's survey shows what the desk would show");
        let actor = kiosk
            .authorize(rules::KIOSK, clock())
            .await
            .unwrap();
        let submission = KioskSubmission {
            layanan: Some(Layanan::Penerbitan),
            applicant: ayu().applicant,
            form: Default::default(),
            persetujuan_privasi: true,
        };
        let receipt = kiosk
            .submit(&actor, clock(), &mut OsRng, &submission)
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
        , "the kiosk's receipt is the one the desk would print");
        assert!(
            receipt.pengaduan.contains("uji kiosk"),
            "{}",
            receipt.pengaduan
        );
        slip::printed(&kiosk.db, &receipt).await.unwrap();

        // Status checks: the submission, the desk's case, a wrong digit.
        let mine = status::check(&kiosk.db, clock(), &receipt.nomor, &ayu().applicant.nik[12..])
            .await
            .unwrap();
        assert_eq!(mine.tahap, "Menunggu petugas", "the applicant is told the submission waits for the desk");
        let theirs = status::check(&kiosk.db, clock(), &case.nomor, &NIK[12..])
            .await
            .unwrap();
        assert_eq!(theirs.layanan, Layanan::Penerbitan, "the desk's case is told by its number and digits through the kiosk role");
        assert!(
            status::check(&kiosk.db, clock(), &case.nomor, "9999")
                .await
                .is_err()
        , "a wrong digit gets no answer through the kiosk role");
        // The survey for the case, once.
        let answers = SurveyAnswers {
            nilai: vec![Some(4); 9],
            umur: Some("36-45".into()),
            jenis_kelamin: Some("Perempuan".into()),
            pendidikan: Some("S1".into()),
            pekerjaan: Some("PNS".into()),
            saran: String::new(),
        };
        responses::kiosk_ticket(&kiosk.db, clock(), &case.nomor, &NIK[12..])
            .await
            .unwrap();
        responses::record_kiosk(&kiosk.db, clock(), Some((&case.nomor, &NIK[12..])), &answers)
            .await
            .unwrap();
        assert!(
            responses::record_kiosk(&kiosk.db, clock(), Some((&case.nomor, &NIK[12..])), &answers)
                .await
                .is_err(),
            "one response per case"
        );
        responses::record_kiosk(&kiosk.db, clock(), None, &answers)
            .await
            .unwrap();

        // Petugas: the kiosk account signed in here closes it; a staff
        // account it cannot check is refused as a wrong password.
        assert!(
            kiosk
                .release(None, &mut OsRng, clock() + chrono::Duration::seconds(600), "ayu", &pw)
                .await
                .is_err()
        , "a staff account the kiosk cannot check is refused as a wrong password");
        assert_eq!(
            kiosk
                .release(None, &mut OsRng, clock() + chrono::Duration::seconds(1200), "kios1", &pw)
                .await
                .unwrap(),
            "kios1"
        , "the kiosk account signed in here takes the kiosk out of service");
        // The desk takes in the attempts and the submission.
        let moved = events::collect(&t.db, &t.op()).await.unwrap();
        assert_eq!(moved, 4, "the desk collects the kiosk's sign-ins and releases, failed and not");
        let last = audit_log::Entity::find()
            .order_by_desc(audit_log::Column::Seq)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (last.action.as_str(), last.actor.as_str()),
            ("kiosk.release", "kios1")
        , "the release is logged under the kiosk account's name");
        assert_eq!(
            loket_core::kiosk::inbox::list(&t.db, false).await.unwrap()[0].nomor,
            receipt.nomor
        , "the desk finds the submission the kiosk role sealed under its receipt number");

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
        for table in ["settings", "operators", "kiosk_inbox"] {
            refused(&raw, &format!("drop policy \"loket_{name}\" on {table}")).await;
        }
        // What it may read is the kiosk's: its accounts, the settings its
        // screens print; the mail server and staff are not there for it.
        assert_eq!(
            column(&raw, "select username from operators").await,
            ["kios1"]
        , "the kiosk role reads only its own kiosk accounts, not staff");
        assert!(
            column(&raw, "select key from settings where key = 'surel'")
                .await
                .is_empty()
        , "the kiosk role cannot read the mail server's settings");
        for key in column(&raw, "select key from settings").await {
            assert!(
                role::SETTINGS.contains(&key.as_str())
                    || role::SETTING_PREFIXES.iter().any(|p| key.starts_with(p)),
                "{key}"
            );
        }
        // Its writes are the kiosk's own, bounded: no counter moved by hand,
        // no row locked, no planted id, no row the desk would take for its
        // own, no number not issued, nothing huge, no wait without end.
        let counters_before = column(
            &t.db,
            "select name || '=' || value from counters order by name",
        )
        .await;
        let year = clock().format("%Y").to_string();
        let sealed = "decode(repeat('ab', 100), 'hex')";
        let when = "now()";
        let inbox = |cols: &str, vals: &str| {
            format!("insert into kiosk_inbox (nomor, layanan, kiosk, received_at, sealed, status{cols}) values ({vals})")
        };
        let next = format!("REG-{year}-99999");
        for sql in [
            format!("update counters set value = 0 where name = 'registrasi/{year}'"),
            "insert into counters (name, value) values ('registrasi/2099', 99999)".to_string(),
            "do $$ begin lock table counters in access exclusive mode; end $$".to_string(),
            "select id from cases for update".to_string(),
            "update cases set skm_diisi = true".to_string(),
            inbox(", id", &format!("'{}', 'penerbitan', 'k', {when}, {sealed}, 'baru', 900000", receipt.nomor)),
            inbox("", &format!("'{next}', 'penerbitan', 'k', {when}, {sealed}, 'baru'")),
            inbox("", &format!("'{}', 'bukan_layanan', 'k', {when}, {sealed}, 'baru'", receipt.nomor)),
            inbox(", handled_by, case_id", &format!("'{}', 'penerbitan', 'k', {when}, {sealed}, 'diterima', 'kepala', 1", receipt.nomor)),
            inbox("", &format!("'{}', 'penerbitan', 'k', now() + interval '1 year', {sealed}, 'baru'", receipt.nomor)),
            "insert into kiosk_events (id, sealed, received_at) values (900000, 'x', now())".to_string(),
            "insert into kiosk_events (sealed, received_at) values (decode(repeat('ab', 5000), 'hex'), now())".to_string(),
            inbox("", &format!("'REG-{year}-000001', 'penerbitan', 'k', {when}, {sealed}, 'baru'")),
            inbox("", &format!("'REG-{year}-00000', 'penerbitan', 'k', {when}, {sealed}, 'baru'")),
            "select loket_next_registration(2099)".to_string(),
            "do $$ begin lock table audit_log in share row exclusive mode; end $$".to_string(),
            "create function public.kiosk_own() returns int language sql as 'select 1'".to_string(),
            "create operator public.||| (leftarg = text, rightarg = integer, function = pg_catalog.repeat)".to_string(),
            "insert into skm_responses (tanggal, sumber) values (current_date, 'kertas')".to_string(),
            "insert into skm_responses (tanggal, sumber, saran) values (current_date, 'anjungan_anonim', repeat('x', 3000))".to_string(),
            format!("insert into status_attempts (nomor, failed, last_failed_at) values ('{}', 5, now() + interval '100 years')", case.nomor),
        ] {
            refused(&raw, &sql).await;
        }
        // Marking a case's survey answered takes its number and digits.
        let wrong = scalar(
            &raw,
            &format!("select coalesce(loket_survey_mark('{}', '9999')::text, 'tidak')", case.nomor),
        )
        .await;
        assert_eq!(wrong, "tidak", "a case's survey is not marked answered without the NIK's right digits");
        assert_eq!(
            column(&t.db, "select name || '=' || value from counters order by name").await,
            counters_before
        , "the kiosk role moved no counter");
        raw.close().await.unwrap();
        // The desk still reads its whole state, untouched.
        assert!(matches!(
            loket_core::audit::verify(&t.db, &t.key).await.unwrap(),
            loket_core::audit::Verdict::Intact { .. }
        ), "the desk's audit chain is untouched by the kiosk role");
    });
}
