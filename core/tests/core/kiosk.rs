//! The kiosk inbox: submissions sealed to the office's key, opened, accepted
//! and discarded only at the desk.

use loket_core::Error;
use loket_core::audit::{self, Verdict};
use loket_core::auth::rules;
use loket_core::cases::forms::ServiceFormInput;
use loket_core::entities::{audit_log, certificates, kiosk_inbox};
use loket_core::kiosk::inbox::{self, InboxStatus, KioskSubmission};
use loket_core::lifecycle::vocabulary::{Kanal, Layanan, RevocationReason};
use loket_core::secrets::{DataKey, KioskKey, Secret};
use rand::rngs::OsRng;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

use super::support::*;

/// A submission of `layanan` as an applicant completes it at the kiosk,
/// with the service's own part filled in.
fn at_kiosk(who: &NewPenerbitan, layanan: Layanan) -> KioskSubmission {
    let a = &who.applicant;
    let form = match layanan {
        Layanan::Penerbitan => ServiceFormInput::default(),
        Layanan::Pembaruan => ServiceFormInput {
            data_dikonfirmasi: true,
            ..Default::default()
        },
        Layanan::Pencabutan => ServiceFormInput {
            revocation_reason: Some(RevocationReason::Mutasi),
            berlaku_mulai: "22/11/2026".into(),
            pernyataan: "Saya pindah ke instansi lain.".into(),
            ..Default::default()
        },
        Layanan::PerubahanData => ServiceFormInput {
            data_baru: Some(loket_core::applicants::changes::PersonData {
                nama: a.nama.clone(),
                nip: a.nip.clone(),
                email: a.email.clone(),
                telepon: a.telepon.clone(),
                jabatan: "Kepala Seksi Persandian".into(),
                unit_kerja: a.unit_kerja.clone(),
                instansi: a.instansi.clone(),
            }),
            alasan: "Promosi jabatan.".into(),
            ..Default::default()
        },
    };
    KioskSubmission {
        layanan: Some(layanan),
        applicant: a.clone(),
        form,
        persetujuan_privasi: true,
    }
}

/// What a kiosk holds: the office's public key, as text from its keyring.
fn kiosk_key(t: &TestDesk) -> KioskKey {
    KioskKey::from_hex(&t.key.kiosk_key().to_hex()).unwrap()
}

async fn submit(t: &TestDesk, s: &KioskSubmission) -> loket_core::Result<inbox::KioskReceipt> {
    inbox::submit(&t.db, &kiosk_key(t), "kios1", now(), &mut OsRng, s).await
}

fn field_errors(e: Error) -> Vec<String> {
    match e {
        Error::Invalid { fields, .. } => fields.into_keys().collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

#[tokio::test]
async fn a_kiosk_submission_is_sealed_until_a_desk_accepts_it_under_the_receipts_number() {
    let t = TestDesk::sqlite().await;
    let receipt = submit(&t, &at_kiosk(&budi(), Layanan::Penerbitan))
        .await
        .unwrap();
    assert_eq!(
        receipt.nomor, "REG-2026-00001",
        "the kiosk's receipt takes the first number of the register"
    );
    assert_eq!(
        inbox::waiting(&t.db).await.unwrap(),
        1,
        "the submission waits in the inbox"
    );
    assert_eq!(t.count("applicants").await, 0, "nothing is registered yet");
    assert_eq!(
        t.count("cases").await,
        0,
        "no case is opened before a desk accepts"
    );
    // A walk-in at the counter meanwhile takes the next number of the same register.
    let desk = t.intake(&ayu()).await;
    assert_eq!(
        desk.nomor, "REG-2026-00002",
        "a walk-in meanwhile takes the next number of the same register"
    );

    // The database file holds neither the name nor the NIK of the submission.
    t.db.execute_unprepared("pragma wal_checkpoint(truncate)")
        .await
        .unwrap();
    for entry in std::fs::read_dir(t.dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        for clear in [NIK, "Budi Santoso", "budi@denpasarkota.go.id"] {
            assert!(
                !bytes.windows(clear.len()).any(|w| w == clear.as_bytes()),
                "{} contains {clear:?} in clear",
                path.display()
            );
        }
    }

    let item = &inbox::list(&t.db, false).await.unwrap()[0];
    let opened = inbox::open(&t.db, &t.op(), item.id).await.unwrap();
    assert_eq!(
        serde_json::to_value(&opened.submission).unwrap(),
        serde_json::to_value(at_kiosk(&budi(), Layanan::Penerbitan)).unwrap(),
        "the desk reads what the applicant typed"
    );
    assert_eq!(
        opened.pemohon_terdaftar, None,
        "a new person is matched to no one on record"
    );

    let case = inbox::accept(&t.db, &t.op(), &mut OsRng, item.id, None)
        .await
        .unwrap();
    assert_eq!(case.nomor, "REG-2026-00001", "the number on the receipt");
    assert_eq!(
        case.kanal,
        Kanal::Kiosk,
        "the case records that it came through the kiosk"
    );
    assert_eq!(
        case.nama, "I Made Budi Santoso",
        "the case is of the person who submitted at the kiosk"
    );
    let row = kiosk_inbox::Entity::find_by_id(item.id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, "diterima", "the inbox row is marked accepted");
    assert_eq!(
        row.case_id,
        Some(case.id),
        "the inbox row points to the case it became"
    );
    assert_eq!(
        row.handled_by.as_deref(),
        Some("op"),
        "the inbox row names the officer who accepted it"
    );
    assert_eq!(
        inbox::waiting(&t.db).await.unwrap(),
        0,
        "nothing is left waiting in the inbox"
    );
    let actions: Vec<String> = audit_log::Entity::find()
        .order_by_asc(audit_log::Column::Seq)
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(
        actions.ends_with(&[
            "kiosk.open".into(),
            "case.open".into(),
            "case.privacy_notice".into(),
            "kiosk.accept".into()
        ]),
        "{actions:?}"
    );
    assert!(
        matches!(
            audit::verify(&t.db, &t.key).await.unwrap(),
            Verdict::Intact { .. }
        ),
        "the audit chain still verifies after the kiosk's submission is accepted"
    );

    // Accepting it twice is refused and opens nothing more.
    let e = inbox::accept(&t.db, &t.op(), &mut OsRng, item.id, None)
        .await
        .unwrap_err();
    assert_eq!(
        field_errors(e),
        vec!["status"],
        "a submission is accepted only once"
    );
    assert_eq!(t.count("cases").await, 2, "the second accept opens no case");
}

#[tokio::test]
async fn an_incomplete_kiosk_form_is_refused_field_by_field_and_keeps_nothing() {
    let t = TestDesk::sqlite().await;
    let mut s = at_kiosk(&budi(), Layanan::Penerbitan);
    s.layanan = None;
    s.persetujuan_privasi = false;
    s.applicant.nik_ulang = "5171011011670009".into();
    let e = submit(&t, &s).await.unwrap_err();
    assert_eq!(
        field_errors(e),
        vec!["layanan", "nik_ulang", "persetujuan_privasi"],
        "the service, the NIK typed again and the privacy consent are each refused"
    );
    assert_eq!(
        t.count("kiosk_inbox").await,
        0,
        "a refused kiosk form keeps nothing"
    );
    // Each service's own part, left empty, is refused at its fields.
    for (layanan, fields) in [
        (Layanan::Pembaruan, vec!["data_dikonfirmasi"]),
        (
            Layanan::Pencabutan,
            vec!["berlaku_mulai", "pernyataan", "revocation_reason"],
        ),
        (Layanan::PerubahanData, vec!["alasan", "baru.nama"]),
    ] {
        let mut s = at_kiosk(&budi(), layanan);
        s.form = ServiceFormInput::default();
        assert_eq!(
            field_errors(submit(&t, &s).await.unwrap_err()),
            fields,
            "{layanan:?}"
        );
    }
    // A corrected NIK is typed twice alike; the new values are checked as
    // the intake form checks a person, at their fields.
    let mut s = at_kiosk(&budi(), Layanan::PerubahanData);
    s.form.data_baru.as_mut().unwrap().email = "budi@".into();
    assert_eq!(
        field_errors(submit(&t, &s).await.unwrap_err()),
        vec!["baru.email"],
        "the new e-mail is checked as the intake form checks it, at its field"
    );
    let mut s = at_kiosk(&budi(), Layanan::PerubahanData);
    s.form.nik_baru = "5171011011670009".into();
    s.form.nik_baru_ulang = "5171011011670008".into();
    assert_eq!(
        field_errors(submit(&t, &s).await.unwrap_err()),
        vec!["baru.nik_ulang"],
        "the new NIK typed twice unalike is refused at its field"
    );
    assert_eq!(
        t.count("kiosk_inbox").await,
        0,
        "refused kiosk forms keep nothing"
    );
    // Each service's own part, filled in, goes through.
    for layanan in [
        Layanan::Pembaruan,
        Layanan::Pencabutan,
        Layanan::PerubahanData,
    ] {
        let mut s = at_kiosk(&budi(), layanan);
        s.applicant.nik = format!("51710110116700{}", 10 + layanan as u8);
        s.applicant.nik_ulang = s.applicant.nik.clone();
        assert!(submit(&t, &s).await.is_ok(), "{layanan:?}");
    }
    t.db.execute_unprepared("delete from kiosk_inbox")
        .await
        .unwrap();
    t.db.execute_unprepared("delete from counters")
        .await
        .unwrap();
    // No registration number was used up by the refusal.
    let receipt = submit(&t, &at_kiosk(&budi(), Layanan::Penerbitan))
        .await
        .unwrap();
    assert_eq!(
        receipt.nomor, "REG-2026-00001",
        "refused kiosk forms used up no registration number"
    );
}

#[tokio::test]
async fn only_the_data_key_opens_a_submission_and_an_edited_or_moved_one_is_refused() {
    let t = TestDesk::sqlite().await;
    submit(&t, &at_kiosk(&budi(), Layanan::Penerbitan))
        .await
        .unwrap();
    submit(&t, &at_kiosk(&ayu(), Layanan::Penerbitan))
        .await
        .unwrap();
    // Another office's key (or a key a kiosk could make up) opens nothing.
    let other = DataKey::from_master(&Secret::new(vec![7; 32])).unwrap();
    let stranger = loket_core::Acting::new(&other, loket_core::Actor::named("x"), now());
    assert!(
        matches!(
            inbox::open(&t.db, &stranger, 1).await,
            Err(Error::Tampered(_))
        ),
        "another office's key opens no submission"
    );
    // A colleague with the file open in sqlite3 moves Ayu's sealed box onto
    // Budi's receipt number, then relabels a service: both are refused.
    t.db.execute_unprepared(
        "update kiosk_inbox set sealed = (select sealed from kiosk_inbox where id = 2) where id = 1",
    )
    .await
    .unwrap();
    assert!(
        matches!(
            inbox::open(&t.db, &t.op(), 1).await,
            Err(Error::Tampered(_))
        ),
        "a sealed box moved onto another receipt number is refused as tampered"
    );
    t.db.execute_unprepared("update kiosk_inbox set layanan = 'pencabutan' where id = 2")
        .await
        .unwrap();
    assert!(
        matches!(
            inbox::accept(&t.db, &t.op(), &mut OsRng, 2, None).await,
            Err(Error::Tampered(_))
        ),
        "a submission relabelled to another service is refused as tampered"
    );
    assert_eq!(
        t.count("cases").await,
        0,
        "nothing opened from an edited row"
    );
    // A kiosk's key is a public key: its text form round-trips, and garbage is refused.
    assert_eq!(
        kiosk_key(&t),
        t.key.kiosk_key(),
        "the kiosk key's text form reads back as the same key"
    );
    assert!(
        KioskKey::from_hex("zz").is_none(),
        "text that is no key is refused"
    );
}

#[tokio::test]
async fn a_known_person_is_reused_with_the_desks_choice_of_certificate() {
    let t = TestDesk::sqlite().await;
    t.issued().await;
    let applicants_before = t.count("applicants").await;
    let mut s = at_kiosk(&budi(), Layanan::Pencabutan);
    s.applicant.nama = "Nama Lain Dari Kiosk".into();
    s.form = ServiceFormInput {
        revocation_reason: Some(RevocationReason::KunciBocor),
        berlaku_mulai: "25/11/2026".into(),
        pernyataan: "Passphrase saya diketahui orang lain.".into(),
        ..Default::default()
    };
    let receipt = submit(&t, &s).await.unwrap();
    let opened = inbox::open(&t.db, &t.op(), 1).await.unwrap();
    assert!(opened.pemohon_terdaftar.is_some(), "matched by NIK");

    // The applicant could not pick the certificate: accepting as sent is
    // refused at that field, and nothing is saved.
    let e = inbox::accept(&t.db, &t.op(), &mut OsRng, 1, None)
        .await
        .unwrap_err();
    assert!(
        field_errors(e).contains(&"certificate_ids".to_string()),
        "the applicant's request is refused until the desk picks the certificate"
    );
    assert_eq!(
        inbox::waiting(&t.db).await.unwrap(),
        1,
        "the refused accept leaves the submission waiting"
    );

    let cert = certificates::Entity::find()
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    let mut form = s.form.clone();
    form.certificate_ids = vec![cert.id];
    let case = inbox::accept(&t.db, &t.op(), &mut OsRng, 1, Some(&form))
        .await
        .unwrap();
    assert_eq!(
        case.nomor, receipt.nomor,
        "the case keeps the number on the kiosk's receipt"
    );
    assert_eq!(
        case.layanan,
        Layanan::Pencabutan,
        "the case is the revocation the applicant asked for"
    );
    assert_eq!(
        case.nama, "I Made Budi Santoso",
        "the record, not the kiosk's spelling"
    );
    assert_eq!(
        t.count("applicants").await,
        applicants_before,
        "the known person is reused, not recorded again"
    );
}

#[tokio::test]
async fn a_discarded_submission_needs_a_reason_and_cannot_be_accepted_afterwards() {
    let t = TestDesk::sqlite().await;
    submit(&t, &at_kiosk(&budi(), Layanan::Penerbitan))
        .await
        .unwrap();
    let e = inbox::discard(&t.db, &t.op(), 1, "   ").await.unwrap_err();
    assert_eq!(
        field_errors(e),
        vec!["alasan"],
        "a discard without a reason is refused at the reason"
    );
    inbox::discard(
        &t.db,
        &t.op(),
        1,
        "Pemohon mengisi dua kali; yang kedua dipakai.",
    )
    .await
    .unwrap();
    let all = inbox::list(&t.db, true).await.unwrap();
    assert_eq!(
        all[0].status,
        InboxStatus::Dibuang,
        "the submission is marked discarded"
    );
    assert_eq!(
        all[0].alasan.as_deref(),
        Some("Pemohon mengisi dua kali; yang kedua dipakai."),
        "the discard keeps its reason"
    );
    assert!(
        inbox::list(&t.db, false).await.unwrap().is_empty(),
        "a discarded submission no longer waits in the inbox"
    );
    let e = inbox::accept(&t.db, &t.op(), &mut OsRng, 1, None)
        .await
        .unwrap_err();
    assert_eq!(
        field_errors(e),
        vec!["status"],
        "a discarded submission cannot be accepted"
    );
    assert_eq!(
        t.count("cases").await,
        0,
        "a discarded submission opens no case"
    );
    assert!(
        matches!(
            audit::verify(&t.db, &t.key).await.unwrap(),
            Verdict::Intact { .. }
        ),
        "the audit chain still verifies after the discard"
    );
}

#[tokio::test]
async fn kiosk_submissions_work_on_postgresql() {
    let t = TestDesk::postgres("kiosk").await;
    let receipt = submit(&t, &at_kiosk(&budi(), Layanan::Penerbitan))
        .await
        .unwrap();
    let id = inbox::list(&t.db, false).await.unwrap()[0].id;
    let case = inbox::accept(&t.db, &t.op(), &mut OsRng, id, None)
        .await
        .unwrap();
    assert_eq!(
        case.nomor, receipt.nomor,
        "the case keeps the number on the kiosk's receipt on PostgreSQL"
    );
    assert!(
        matches!(
            audit::verify(&t.db, &t.key).await.unwrap(),
            Verdict::Intact { .. }
        ),
        "the audit chain verifies on PostgreSQL"
    );
}

#[tokio::test]
async fn the_kiosk_tells_each_service_from_the_offices_settings() {
    let t = TestDesk::sqlite().await;
    let info = loket_core::kiosk::info::services(&t.db, *now().offset())
        .await
        .unwrap();
    assert_eq!(
        info.iter().map(|s| s.layanan).collect::<Vec<_>>(),
        [
            Layanan::Penerbitan,
            Layanan::Pembaruan,
            Layanan::PerubahanData,
            Layanan::Pencabutan
        ],
        "the kiosk shows the four services in the office's order"
    );
    let penerbitan = &info[0];
    assert!(
        penerbitan.persyaratan.iter().any(|p| p.contains("KTP")),
        "the checklist's items: {:?}",
        penerbitan.persyaratan
    );
    assert_eq!(
        penerbitan.hari_kerja, 3,
        "the kiosk shows the standard's service time for an issue"
    );
    assert_eq!(
        penerbitan.biaya, "Tidak dipungut biaya.",
        "the kiosk shows the standard's fee"
    );
    // What the office's standard says is what the kiosk says.
    let mut std = loket_core::standard::keep::standard(&t.db).await.unwrap();
    for s in &mut std.layanan {
        s.biaya = "Gratis.".into();
    }
    std.layanan[2].hari_kerja = 7;
    std.aturan_dipilih = true;
    loket_core::standard::keep::save(&t.db, &t.op(), &std)
        .await
        .unwrap();
    loket_core::store::set_setting(
        &t.db,
        &t.key,
        "persyaratan.pembaruan",
        r#"[{"code":"surat","label":"Surat dari atasan","wajib":true}]"#,
    )
    .await
    .unwrap();
    let info = loket_core::kiosk::info::services(&t.db, *now().offset())
        .await
        .unwrap();
    assert_eq!(
        info[1].persyaratan,
        ["Surat dari atasan"],
        "the kiosk shows the requirements the office set for renewal"
    );
    assert!(
        info.iter().all(|s| s.biaya == "Gratis."),
        "the kiosk shows the fee the office's standard now says"
    );
    assert_eq!(
        info[2].hari_kerja, 7,
        "the kiosk shows the service time the office's standard now says"
    );
    assert!(
        info[2]
            .jangka_waktu
            .starts_with("7 hari kerja sejak berkas lengkap"),
        "the kiosk says the service time counts from a complete file"
    );
}

/// A kiosk PC: its keyring holds the office's public key, pinned at pairing,
/// and nothing else. It signs its kiosk account in and seals submissions the
/// desk reads; it cannot open the desk, it seals what happens at it for the
/// audit log it cannot key (the next desk appends it), no failure there
/// counts toward an account's lock-out, and a PC paired
/// with another office's key, or never paired, does not open at all.
#[test]
fn a_kiosk_pc_holds_only_the_offices_public_key_and_seals_what_it_cannot_read() {
    use loket_core::desk::Desk;
    use loket_core::kiosk::post::{self, KioskPost};
    use loket_core::operators::accounts;
    use loket_core::operators::passwords::Password;
    use loket_core::operators::roles::Role;
    use loket_core::secrets::{DATA_KEY_ENTRY, KeyStore, OsKeyring};
    use loket_core::{Acting, Actor, store};

    let _turn = super::keyring::KEYRING
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let url = store::sqlite_url(dir.path());
        let desk_service = format!("id.go.loket.test.desk.{}", std::process::id());
        let kiosk_service = format!("id.go.loket.test.kioskpc.{}", std::process::id());
        let desk_ring = OsKeyring::with_service(&desk_service);
        let kiosk_ring = OsKeyring::with_service(&kiosk_service);
        let desk = Desk::open(&url, Box::new(desk_ring.clone()), &mut OsRng, now())
            .await
            .unwrap();
        let admin = Acting::new(&desk.key, Actor::named("admin"), now());
        for (name, role) in [
            ("kios1", Role::Kiosk),
            ("kios2", Role::Kiosk),
            ("ayu", Role::Operator),
        ] {
            accounts::create(
                &desk.db,
                &admin,
                &mut OsRng,
                &new_operator(name, &[role], "kata-sandi-uji-1"),
            )
            .await
            .unwrap();
        }

        // Never paired: refused, with the way to pair.
        let e = KioskPost::open(&url, &kiosk_ring).await.err().unwrap();
        assert!(e.to_string().contains("loket pair-kiosk"), "{e}");
        // A mistyped key is refused before anything is stored.
        let e = post::pin(&kiosk_ring, "bukan-kunci").unwrap_err();
        assert!(matches!(e, Error::Invalid { .. }), "{e:?}");
        assert!(
            post::pinned(&kiosk_ring).unwrap().is_none(),
            "a mistyped key is not stored"
        );
        // Another office's key: the kiosk would seal what this office cannot
        // open. Pairing refuses it and stores nothing.
        let other = DataKey::from_master(&Secret::new(vec![7; 32])).unwrap();
        let e = post::pair(&url, &kiosk_ring, &other.kiosk_key().to_hex())
            .await
            .unwrap_err();
        assert!(e.to_string().contains("tidak sama"), "{e}");
        assert!(
            post::pinned(&kiosk_ring).unwrap().is_none(),
            "pairing with another office's key stores nothing"
        );
        // Pinned some other way, the kiosk still refuses to open.
        post::pin(&kiosk_ring, &other.kiosk_key().to_hex()).unwrap();
        let e = KioskPost::open(&url, &kiosk_ring).await.err().unwrap();
        assert!(e.to_string().contains("tidak sama"), "{e}");

        // Paired with this office's key, as `loket kiosk-key` prints it.
        post::pair(&url, &kiosk_ring, &desk.key.kiosk_key().to_hex())
            .await
            .unwrap();
        let kiosk = KioskPost::open(&url, &kiosk_ring).await.unwrap();
        assert!(
            kiosk_ring.get(DATA_KEY_ENTRY).unwrap().is_none(),
            "the kiosk PC's keyring holds no data key"
        );
        // The kiosk's keyring cannot open the desk: the data key is not there,
        // and a new one is never made for a database that has one.
        assert!(
            Desk::open(&url, Box::new(kiosk_ring.clone()), &mut OsRng, now())
                .await
                .is_err(),
            "a kiosk-only keyring opens no desk"
        );

        let entries_before = audit_log::Entity::find().all(&desk.db).await.unwrap().len();
        let password = Password::from("kata-sandi-uji-1");
        let wrong = Password::from("bukan-sandinya");
        // A staff account's right password is refused as a wrong one.
        let staff = kiosk
            .sign_in(None, &mut OsRng, now(), "ayu", &password)
            .await
            .unwrap_err();
        let bad = kiosk
            .sign_in(None, &mut OsRng, now(), "kios1", &wrong)
            .await
            .unwrap_err();
        assert_eq!(
            format!("{staff:?}"),
            format!("{bad:?}"),
            "a staff account's right password at the kiosk is refused as a wrong one"
        );
        let counted = accounts::find_by_username(&desk.db, "kios1")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            counted.failed_count, 0,
            "a failure at the kiosk counts toward no account's lock-out"
        );
        kiosk
            .sign_in(None, &mut OsRng, now(), "kios1", &password)
            .await
            .unwrap();
        let actor = kiosk.authorize(rules::KIOSK, now()).await.unwrap();
        assert!(
            matches!(
                kiosk.authorize(rules::DESK, now()).await,
                Err(Error::Forbidden(_))
            ),
            "a kiosk account opens no desk work"
        );
        let receipt = kiosk
            .submit(
                &actor,
                now(),
                &mut OsRng,
                &at_kiosk(&budi(), Layanan::Penerbitan),
            )
            .await
            .unwrap();
        assert_eq!(
            audit_log::Entity::find().all(&desk.db).await.unwrap().len(),
            entries_before,
            "the kiosk PC wrote no audit entry itself"
        );

        // Only staff take the kiosk out of service, with their own password
        // or (at a kiosk PC) the kiosk account's signed in there, which staff
        // hold; another kiosk account is refused as a wrong password is.
        let e = kiosk
            .release(None, &mut OsRng, now(), "kios2", &password)
            .await
            .unwrap_err();
        assert_eq!(
            format!("{e:?}"),
            format!("{bad:?}"),
            "another kiosk account is refused as a wrong password is"
        );
        assert!(
            kiosk
                .release(
                    None,
                    &mut OsRng,
                    now() + chrono::Duration::minutes(10),
                    "ayu",
                    &wrong
                )
                .await
                .is_err(),
            "a wrong password does not take the kiosk out of service"
        );
        assert_eq!(
            kiosk
                .release(
                    None,
                    &mut OsRng,
                    now() + chrono::Duration::minutes(20),
                    "ayu",
                    &password
                )
                .await
                .unwrap(),
            "ayu",
            "staff with their own password take the kiosk out of service"
        );
        // What happened at the kiosk PC reaches the audit log through the
        // next desk, in order, under the accounts' names.
        let moved = loket_core::kiosk::events::collect(&desk.db, &desk.unsigned(now()))
            .await
            .unwrap();
        assert_eq!(
            moved, 6,
            "the next desk collects every event sealed at the kiosk PC"
        );
        let recorded: Vec<(String, String)> = audit_log::Entity::find()
            .order_by_asc(audit_log::Column::Seq)
            .all(&desk.db)
            .await
            .unwrap()
            .into_iter()
            .skip(entries_before)
            .map(|e| (e.action, e.actor))
            .collect();
        let expected = [
            ("kiosk.signin_failed", "ayu"),
            ("kiosk.signin_failed", "kios1"),
            ("kiosk.signin", "kios1"),
            ("kiosk.release_failed", "kios2"),
            ("kiosk.release_failed", "ayu"),
            ("kiosk.release", "ayu"),
        ];
        assert_eq!(
            recorded
                .iter()
                .map(|(a, b)| (a.as_str(), b.as_str()))
                .collect::<Vec<_>>(),
            expected,
            "the kiosk PC's events reach the log in order under the accounts' names"
        );
        assert!(
            matches!(
                audit::verify(&desk.db, &desk.key).await.unwrap(),
                Verdict::Intact { .. }
            ),
            "the audit chain still verifies with the kiosk PC's events"
        );
        // Beside a desk the release is in the audit log under the staff name.
        let audit_ctx = desk.unsigned(now());
        desk.kiosk
            .release(Some(&audit_ctx), &mut OsRng, now(), "ayu", &password)
            .await
            .unwrap();
        let last = audit_log::Entity::find()
            .order_by_desc(audit_log::Column::Seq)
            .one(&desk.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (last.action.as_str(), last.actor.as_str()),
            ("kiosk.release", "ayu"),
            "beside a desk the release is logged under the staff name"
        );

        // The desk opens and accepts what the kiosk PC sealed.
        let item = &inbox::list(&desk.db, false).await.unwrap()[0];
        assert_eq!(
            item.nomor, receipt.nomor,
            "the desk finds the submission the kiosk PC sealed under its receipt number"
        );
        let staff = Acting::new(&desk.key, Actor::named("ayu"), now());
        let opened = inbox::open(&desk.db, &staff, item.id).await.unwrap();
        assert_eq!(
            opened.submission.applicant.nik,
            budi().applicant.nik,
            "the desk opens what the kiosk PC sealed"
        );

        for (ring, name) in [
            (&desk_ring, DATA_KEY_ENTRY),
            (&kiosk_ring, post::PINNED_KEY_ENTRY),
        ] {
            let _ = ring.delete(name);
        }
    });
}

/// The kiosk's status check answers the stage to whoever holds the number and
/// the NIK's last four digits, before and after the desk accepts; a wrong
/// number and wrong digits get the same answer; five failures make the number
/// wait; a check value copied to another submission's row does not open it.
#[tokio::test]
async fn the_kiosk_tells_the_stage_only_to_the_holder_of_the_number_and_the_niks_last_digits() {
    use loket_core::kiosk::status::{self, WAIT_MINUTES};
    let t = TestDesk::sqlite().await;
    let bad = |e: Error| field_errors(e);
    // Malformed input is refused field by field, and counts as no attempt.
    assert_eq!(
        bad(status::check(&t.db, now(), "12345", "12")
            .await
            .unwrap_err()),
        vec!["nik_akhir", "nomor"],
        "malformed number and digits are refused field by field"
    );
    assert_eq!(
        t.count("status_attempts").await,
        0,
        "malformed input counts as no attempt"
    );

    let budi_receipt = submit(&t, &at_kiosk(&budi(), Layanan::Penerbitan))
        .await
        .unwrap();
    let ayu_receipt = submit(&t, &at_kiosk(&ayu(), Layanan::Pembaruan))
        .await
        .unwrap();
    let seen = status::check(&t.db, now(), &budi_receipt.nomor.to_lowercase(), " 0001 ")
        .await
        .unwrap();
    assert_eq!(
        seen.tahap, "Menunggu petugas",
        "the holder is told the submission waits for the desk"
    );
    assert_eq!(
        seen.layanan,
        Layanan::Penerbitan,
        "the holder is told which service was asked for"
    );
    let shown = serde_json::to_string(&seen).unwrap();
    for personal in [NIK, "Budi", "budi@"] {
        assert!(!shown.contains(personal), "{shown}");
    }

    let wrong_digits = status::check(&t.db, now(), &budi_receipt.nomor, "0002")
        .await
        .unwrap_err()
        .to_string()
        + "";
    let unknown = status::check(&t.db, now(), "REG-2026-09999", "0001")
        .await
        .unwrap_err()
        .to_string();
    assert_eq!(
        wrong_digits, unknown,
        "the kiosk does not tell numbers apart"
    );

    // A check value copied from Budi's row onto Ayu's opens neither with Budi's digits.
    t.db.execute_unprepared(&format!(
        "update kiosk_inbox set status_check = (select status_check from kiosk_inbox where nomor = '{}') where nomor = '{}'",
        budi_receipt.nomor, ayu_receipt.nomor
    ))
    .await
    .unwrap();
    assert!(
        status::check(&t.db, now(), &ayu_receipt.nomor, "0001")
            .await
            .is_err(),
        "a check value copied onto another row opens it to no one"
    );

    // Accepted at the desk: the case's stage, from the masked NIK the desk keeps.
    let item = inbox::list(&t.db, false)
        .await
        .unwrap()
        .into_iter()
        .find(|i| i.nomor == budi_receipt.nomor)
        .unwrap();
    inbox::accept(&t.db, &t.op(), &mut OsRng, item.id, None)
        .await
        .unwrap();
    let seen = status::check(&t.db, now(), &budi_receipt.nomor, "0001")
        .await
        .unwrap();
    assert_eq!(
        seen.tahap, "Diterima",
        "once accepted, the holder is told the case's stage"
    );
    // A walk-in at the counter can ask too.
    let walk_in = t.intake(&ayu()).await;
    assert!(
        status::check(&t.db, now(), &walk_in.nomor, "0002")
            .await
            .is_ok(),
        "a walk-in at the counter can check the stage too"
    );

    // Guessing: the fifth failure makes the number wait, even for the right digits.
    for guess in ["1111", "2222", "3333", "4444", "5555"] {
        status::check(&t.db, now(), &budi_receipt.nomor, guess)
            .await
            .unwrap_err();
    }
    let e = status::check(&t.db, now(), &budi_receipt.nomor, "0001")
        .await
        .unwrap_err();
    assert!(format!("{e:?}").contains("Terlalu banyak"), "{e:?}");
    let later = now() + chrono::Duration::minutes(WAIT_MINUTES + 1);
    assert!(
        status::check(&t.db, later, &budi_receipt.nomor, "0001")
            .await
            .is_ok(),
        "after the wait the holder gets the answer"
    );
    assert!(
        loket_core::entities::status_attempts::Entity::find_by_id(budi_receipt.nomor.clone())
            .one(&t.db)
            .await
            .unwrap()
            .is_none(),
        "success clears the number's count"
    );
    assert_eq!(
        t.count("status_attempts").await,
        2,
        "the unknown number's and the moved row's failures stay counted"
    );
}

/// The printed receipt is a valid one-page A6 PDF that real tools read: the
/// number and what to bring as text, the QR code as the number, and nothing
/// personal.
#[tokio::test]
async fn the_printed_receipt_reads_back_with_its_number_and_qr_code_and_nothing_personal() {
    let t = TestDesk::sqlite().await;
    let receipt = submit(&t, &at_kiosk(&budi(), Layanan::Penerbitan))
        .await
        .unwrap();
    let pdf = loket_core::kiosk::slip::printed(&t.db, &receipt)
        .await
        .unwrap();
    let path = t.dir.path().join("tanda-terima.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let p = path.to_str().unwrap();
    let (ok, check) = tool("qpdf", &["--check", p]);
    assert!(ok, "{check}");
    let (_, info) = tool("pdfinfo", &[p]);
    assert!(info.contains("Pages:           1"), "{info}");
    assert!(info.contains("297.64 x 419.53 pts"), "A6: {info}");
    let (_, text) = tool("pdftotext", &["-layout", p, "-"]);
    assert!(text.contains(&receipt.nomor), "{text}");
    assert!(text.contains("TANDA TERIMA PERMOHONAN"), "{text}");
    assert!(text.contains("Foto KTP"), "what to bring: {text}");
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("Biaya: Tidak dipungut biaya."),
        "the fee, from the standard: {text}"
    );
    assert!(words.contains("Jam layanan:"), "the service hours: {text}");
    assert!(
        words.contains("Diterima: 22/11/2026 09.15 WITA"),
        "when it came in, with the desk's time zone: {text}"
    );
    for personal in [NIK, "Budi", "budi@"] {
        assert!(!text.contains(personal), "{personal} printed: {text}");
    }
    let png = t.dir.path().join("tanda-terima");
    let (ok, out) = tool(
        "pdftoppm",
        &["-r", "200", "-png", "-singlefile", p, png.to_str().unwrap()],
    );
    assert!(ok, "{out}");
    let (ok, scanned) = tool(
        "zbarimg",
        &[
            "--quiet",
            "--raw",
            "--nodbus",
            &format!("{}.png", png.display()),
        ],
    );
    assert!(ok, "{scanned}");
    assert_eq!(
        scanned.trim(),
        receipt.nomor,
        "the printed QR code is the number"
    );
}

/// A revocation may apply from a day already past (the transfer came before
/// the applicant did). The kiosk once refused it while the desk took it: one
/// check now decides for both, and the desk accepts the kiosk's submission
/// with the day as stated.
#[tokio::test]
async fn a_back_dated_revocation_is_taken_at_the_kiosk_as_at_the_desk() {
    let t = TestDesk::sqlite().await;
    t.issued().await;
    let mut s = at_kiosk(&budi(), Layanan::Pencabutan);
    s.form.berlaku_mulai = "01/11/2026".into(); // three weeks before the tests' today
    let receipt = submit(&t, &s).await.expect("taken at the kiosk");
    let cert = certificates::Entity::find()
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    let mut form = s.form.clone();
    form.certificate_ids = vec![cert.id];
    let case = inbox::accept(&t.db, &t.op(), &mut OsRng, 1, Some(&form))
        .await
        .expect("taken at the desk");
    assert_eq!(
        case.nomor, receipt.nomor,
        "the case keeps the number on the kiosk's receipt"
    );
    let detail = t.case(case.id).await;
    let view = detail.form.expect("the form kept with the case");
    assert_eq!(
        view.berlaku_mulai.as_deref(),
        Some("2026-11-01"),
        "the back-dated day is kept as stated"
    );
}

/// The service's own part is judged by one rule at the desk and the kiosk:
/// for every input below both readers are refused at the same fields (only
/// the wording differs, "pemohon" for staff and "Anda" for the applicant).
#[tokio::test]
async fn the_desk_and_the_kiosk_refuse_a_service_part_at_the_same_fields() {
    use loket_core::cases::forms::{Reader, check_typed};
    let t = TestDesk::sqlite().await;
    let today = now().date_naive();
    let mut cases: Vec<(Layanan, ServiceFormInput)> = vec![];
    for layanan in [
        Layanan::Penerbitan,
        Layanan::Pembaruan,
        Layanan::Pencabutan,
        Layanan::PerubahanData,
    ] {
        cases.push((layanan, ServiceFormInput::default()));
        cases.push((layanan, at_kiosk(&budi(), layanan).form));
    }
    let mut odd = at_kiosk(&budi(), Layanan::Pencabutan).form;
    odd.berlaku_mulai = "31/02/2026".into();
    odd.pernyataan = "   ".into();
    cases.push((Layanan::Pencabutan, odd));
    let mut odd = at_kiosk(&budi(), Layanan::PerubahanData).form;
    odd.data_baru.as_mut().unwrap().telepon = "12".into();
    odd.nik_baru = "5171011011670009".into();
    odd.nik_baru_ulang = "5171011011670008".into();
    odd.alasan = "x".repeat(600);
    cases.push((Layanan::PerubahanData, odd));
    let mut refused = 0;
    for (layanan, form) in &cases {
        let desk = check_typed(&t.db, *layanan, form, NIK, today, Reader::Desk)
            .await
            .unwrap();
        let kiosk = check_typed(&t.db, *layanan, form, NIK, today, Reader::Applicant)
            .await
            .unwrap();
        assert_eq!(
            desk.keys().collect::<Vec<_>>(),
            kiosk.keys().collect::<Vec<_>>(),
            "{layanan:?} {form:?}"
        );
        refused += usize::from(!desk.is_empty());
    }
    assert_eq!(
        refused, 5,
        "the empty forms of three services and the two odd ones"
    );
}
