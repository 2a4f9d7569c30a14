//! Collective requests: an OPD's roster of 30 opens 30 cases of their own
//! and, once their files are complete, one collective Surat Rekomendasi
//! whose attachment lists all 30 (read back with pdftotext); a roster with
//! refused rows saves nothing and names each row; a renewal roster serves
//! people on record by their NIK.

use super::support::*;
use loket_core::Error;
use loket_core::audit::{self, Verdict};
use loket_core::collective::follow;
use loket_core::collective::open::{self, NewCollective};
use loket_core::collective::roster::RosterRow;
use loket_core::document::pdf::Form;
use loket_core::letters::export;
use loket_core::lifecycle::flow::Action;
use loket_core::lifecycle::vocabulary::{Layanan, Status};
use rand::rngs::OsRng;

const OPD: &str = "Dinas Kominfo dan Statistik";

/// Thirty distinct names (a name holds no digits).
fn name_of(n: u32) -> String {
    const FIRST: [&str; 10] = [
        "I Wayan",
        "Ni Wayan",
        "I Made",
        "Ni Made",
        "I Nyoman",
        "Ni Nyoman",
        "I Ketut",
        "Ni Ketut",
        "Putu",
        "Kadek",
    ];
    const LAST: [&str; 3] = ["Sudarsana", "Ariani", "Pramana"];
    let i = (n - 1) as usize;
    format!("{} {}", FIRST[i % 10], LAST[i / 10 % 3])
}

fn row_of(n: u32) -> RosterRow {
    let p = pegawai(n, &name_of(n)).applicant;
    RosterRow {
        nama: p.nama,
        nik: p.nik,
        nip: p.nip,
        jabatan: p.jabatan,
        unit_kerja: p.unit_kerja,
        email: p.email,
        telepon: p.telepon,
    }
}

fn request(layanan: Layanan, rows: Vec<RosterRow>) -> NewCollective {
    NewCollective {
        layanan: Some(layanan),
        instansi: OPD.into(),
        surat_nomor: "800/123/DISKOMINFOS/2026".into(),
        surat_tanggal: "01/12/2026".into(),
        data_dikonfirmasi: false,
        rows,
    }
}

fn fields(e: Error) -> Vec<(String, String)> {
    match e {
        Error::Invalid { fields, .. } => fields.into_iter().collect(),
        other => panic!("not refused by field: {other}"),
    }
}

#[tokio::test]
async fn thirty_employees_make_thirty_cases_and_one_letter_listing_them_all() {
    let t = TestDesk::sqlite().await;
    t.with_letter_settings().await;
    let rows: Vec<RosterRow> = (1..=30).map(row_of).collect();
    let head = open::open(
        &t.db,
        &t.op(),
        &mut OsRng,
        &request(Layanan::Penerbitan, rows),
    )
    .await
    .unwrap();
    assert_eq!(
        head.nomor,
        format!("KOLEKTIF-{}-0001", now().format("%Y")),
        "the first collective request of the year is numbered 0001"
    );
    assert_eq!(
        (head.jumlah, head.siap_surat, head.berakhir),
        (30, 0, 0),
        "all 30 rows are in the request, none ready for a letter or finished yet"
    );
    assert_eq!(
        t.count("cases").await,
        30,
        "the roster opens one case for each of the 30 people"
    );
    assert_eq!(
        t.count("applicants").await,
        30,
        "each of the 30 people is recorded as an applicant"
    );
    let d = follow::detail(&t.db, head.id).await.unwrap();
    let numbers: std::collections::BTreeSet<_> = d.cases.iter().map(|c| &c.nomor).collect();
    assert_eq!(numbers.len(), 30, "each case has its own number");
    assert_eq!(
        d.cases[0].nama, "I Wayan Sudarsana",
        "the cases follow the roster's order"
    );
    assert_eq!(
        d.cases[29].nama, "Kadek Pramana",
        "the cases follow the roster's order"
    );
    assert!(
        d.cases
            .iter()
            .all(|c| c.status == Status::Diterima && c.instansi == OPD),
        "every case is received and carries the OPD"
    );
    // One audit entry for the request besides each case's own.
    assert_eq!(
        scalar(
            &t.db,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'collective.open'"
        )
        .await,
        "1",
        "the request itself is audited once, besides each case's own entries"
    );

    // No file complete yet: no letter.
    let none = follow::draft_letter(&t.db, &t.op(), head.id, 0).await;
    assert_eq!(
        field_of(none.unwrap_err()),
        "case_ids",
        "no letter is drafted while no file is complete"
    );
    // Each case is still its own: checked and completed one by one.
    for c in &d.cases {
        t.tick_all(c.id).await;
        t.walk(c.id, &[Action::BerkasLengkap]).await;
    }
    assert_eq!(
        follow::list(&t.db).await.unwrap()[0].siap_surat,
        30,
        "all 30 completed files are ready for the letter"
    );
    let letter = follow::draft_letter(&t.db, &t.op(), head.id, 0)
        .await
        .unwrap();
    assert_eq!(
        letter.cases.len(),
        30,
        "the one collective letter names all 30 cases"
    );
    let issued = t.issue(letter.id).await;
    let d = follow::detail(&t.db, head.id).await.unwrap();
    assert!(
        d.siap_surat.is_empty(),
        "after the letter is issued no case waits for one"
    );
    assert_eq!(
        d.surat.len(),
        1,
        "the request carries its one issued letter"
    );
    assert!(
        d.cases
            .iter()
            .all(|c| c.status == Status::RekomendasiTerbit),
        "every case moves on to recommendation issued"
    );

    let (file, bytes) = export::export(&t.db, &t.op(), issued.id, Form::Basah)
        .await
        .unwrap();
    // A name may wrap inside its cell: compared with single spaces.
    let flat = pdf_words(t.dir.path(), &file, &bytes);
    let text = &flat;
    for n in 1..=30 {
        let r = row_of(n);
        assert!(
            flat.contains(&r.nip),
            "NIP of row {n} missing from the attachment:\n{text}"
        );
        assert!(
            flat.contains(&r.nama),
            "{} missing from the attachment:\n{text}",
            r.nama
        );
    }
    assert_eq!(flat.matches("196711101992031").count(), 30, "{text}");
    assert!(
        matches!(
            audit::verify(&t.db, &t.key).await.unwrap(),
            Verdict::Intact { .. }
        ),
        "the audit chain still verifies after the collective request"
    );
}

#[tokio::test]
async fn a_roster_with_refused_rows_saves_nothing_and_names_each_row() {
    let t = TestDesk::sqlite().await;
    // Someone on record under this NIK with another name.
    t.intake(&pegawai(4, "I Ketut Lain")).await;
    let before = (t.count("cases").await, t.count("applicants").await);
    let mut rows: Vec<RosterRow> = (1..=6).map(row_of).collect();
    rows[2].nik = "51710110116700".into(); // too short
    rows[4].nik = rows[0].nik.clone(); // the same NIK as row 1
    rows[5].email = "bukan-email".into();
    let e = open::open(
        &t.db,
        &t.op(),
        &mut OsRng,
        &request(Layanan::Penerbitan, rows),
    )
    .await
    .unwrap_err();
    let got = fields(e);
    let keys: Vec<&str> = got.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        ["rows.2.nik", "rows.3.nama", "rows.4.nik", "rows.5.email"],
        "{got:?}"
    );
    assert!(got[1].1.contains("I Ketut Lain"), "{got:?}");
    assert!(got[2].1.contains("baris 1"), "{got:?}");
    assert_eq!(
        (t.count("cases").await, t.count("applicants").await),
        before,
        "a roster with refused rows opens no case and records no person"
    );
    assert_eq!(
        t.count("collectives").await,
        0,
        "a refused roster records no request"
    );
    assert_eq!(
        t.count("collective_cases").await,
        0,
        "a refused roster links no case to a request"
    );

    // The request's own fields are refused before any row is looked at.
    let mut bad = request(Layanan::Pencabutan, vec![]);
    bad.surat_nomor = " ".into();
    bad.surat_tanggal = "31/02/2026".into();
    let got = fields(
        open::open(&t.db, &t.op(), &mut OsRng, &bad)
            .await
            .unwrap_err(),
    );
    let keys: Vec<&str> = got.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        ["layanan", "rows", "surat_nomor", "surat_tanggal"],
        "the request's own fields are each refused: service, rows, letter number and date"
    );

    // Mended, the same roster opens, and a second request for the same people is refused
    // (their penerbitan is still running).
    let rows: Vec<RosterRow> = [1, 2, 3, 5].into_iter().map(row_of).collect();
    open::open(
        &t.db,
        &t.op(),
        &mut OsRng,
        &request(Layanan::Penerbitan, rows.clone()),
    )
    .await
    .unwrap();
    let again = fields(
        open::open(
            &t.db,
            &t.op(),
            &mut OsRng,
            &request(Layanan::Penerbitan, rows),
        )
        .await
        .unwrap_err(),
    );
    assert_eq!(again.len(), 4, "{again:?}");
    assert!(again[0].1.contains("Masih ada permohonan"), "{again:?}");
    assert_eq!(
        t.count("collectives").await,
        1,
        "the second request for people still being served saves nothing"
    );
}

async fn renewal_roster_on(t: TestDesk) {
    t.with_letter_settings().await;
    // Two holders with an active certificate, one person without any.
    let mut holders = vec![];
    for n in [7, 8] {
        let id = t.complete_case(&pegawai(n, &name_of(n))).await;
        let l = t
            .draft(
                loket_core::office::kinds::Jenis::RekomendasiPendaftaran,
                vec![id],
            )
            .await;
        t.issue(l).await;
        t.walk(id, &ISSUE[2..]).await;
        holders.push(id);
    }
    t.intake(&pegawai(9, &name_of(9))).await;
    let cases_before = t.count("cases").await;
    let mut req = request(Layanan::Pembaruan, vec![row_of(7), row_of(8)]);
    let got = fields(
        open::open(&t.db, &t.op(), &mut OsRng, &req)
            .await
            .unwrap_err(),
    );
    assert_eq!(
        got[0].0, "data_dikonfirmasi",
        "a renewal roster is refused until the data is confirmed as on record"
    );
    req.data_dikonfirmasi = true;
    req.rows.push(row_of(9));
    let got = fields(
        open::open(&t.db, &t.op(), &mut OsRng, &req)
            .await
            .unwrap_err(),
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(
        got[0].0, "rows.2.nama",
        "a person with no active certificate is refused for renewal at their row"
    );
    assert_eq!(
        t.count("cases").await,
        cases_before,
        "a refused renewal roster opens no case"
    );
    req.rows.pop();
    let head = open::open(&t.db, &t.op(), &mut OsRng, &req).await.unwrap();
    let d = follow::detail(&t.db, head.id).await.unwrap();
    assert_eq!(
        d.cases.len(),
        2,
        "the renewal roster opens a case for each holder"
    );
    assert!(
        d.cases.iter().all(|c| c.layanan == Layanan::Pembaruan),
        "every case of the renewal roster is a renewal"
    );
    // Served as recorded: no new person.
    assert_eq!(
        t.count("applicants").await,
        3,
        "holders are served as recorded: no new person"
    );
    assert!(
        matches!(
            audit::verify(&t.db, &t.key).await.unwrap(),
            Verdict::Intact { .. }
        ),
        "the audit chain still verifies after the renewal roster"
    );
}

#[tokio::test]
async fn a_renewal_roster_serves_holders_by_their_nik_on_sqlite() {
    renewal_roster_on(TestDesk::sqlite().await).await;
}

#[tokio::test]
async fn a_renewal_roster_serves_holders_by_their_nik_on_postgres() {
    renewal_roster_on(TestDesk::postgres("collective").await).await;
}
