//! Importing the office's spreadsheets: a workbook written by openpyxl (a
//! title above the table, merged cells, a date cell, an Excel serial and a
//! typed date, a NIK typed as a number, a bad NIK) and CSV files with every
//! kind of duplicate; the dry run judges as the run writes; the same file
//! twice adds nothing twice; a 50,000-row file cancelled midway keeps whole
//! batches only and the next run carries on; the audit chain verifies after
//! every run; the refused rows come back as a spreadsheet openpyxl reads.

use super::support::*;
use loket_core::audit::{self, Verdict};
use loket_core::import::mapping::{ImportField, ImportMapping};
use loket_core::import::run::{self, ImportReport};
use loket_core::import::{refused, sheet};
use loket_core::stopping::BatchStop;

fn python() -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/pytools/bin/python");
    assert!(p.exists(), "run `make setup` (installs openpyxl)");
    p.to_string_lossy().into_owned()
}

/// Runs a Python program with openpyxl; its last argument is `file`.
fn openpyxl(program: &str, file: &std::path::Path) -> String {
    let (ok, out) = tool(&python(), &["-c", program, file.to_str().unwrap()]);
    assert!(ok, "{out}");
    out
}

/// The mapping the preview suggests for `bytes`.
async fn suggested(t: &TestDesk, name: &str, bytes: &[u8]) -> ImportMapping {
    run::preview(&t.db, name, bytes).await.unwrap().pemetaan
}

fn counts(r: &ImportReport) -> [u32; 4] {
    [r.orang_baru, r.sertifikat_baru, r.sudah_ada, r.ditolak]
}

async fn intact(t: &TestDesk) {
    assert!(
        matches!(
            audit::verify(&t.db, &t.key).await.unwrap(),
            Verdict::Intact { .. }
        ),
        "audit chain"
    );
}

const WORKBOOK: &str = r#"
import sys, datetime, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Pemegang"
ws["A1"] = "DAFTAR PEMEGANG SERTIFIKAT ELEKTRONIK 2025"
ws.merge_cells("A1:L1")
ws.append(["No", "Nama Lengkap", "NIK", "NIP", "E-mail", "No. HP", "Jabatan", "Unit Kerja",
           "OPD", "Tgl Terbit", "Berlaku Sampai", "No Seri"])
rows = [
  (1, "I Gusti Ayu Sri", "5171014506900001", "199006152015032001", "sri@denpasarkota.go.id",
   81234567801, "Analis", "Bidang TI", "Dinas Kominfo", datetime.date(2025, 1, 6),
   datetime.date(2027, 1, 6), "SN-0001"),
  (2, "Made Wirawan", "5171011207880002", "", "wirawan@denpasarkota.go.id", "081234567802",
   "Pranata Komputer", "Bidang TI", None, 45663, 46393, "SN-0002"),
  (3, "Komang Ari", "5171012003850003", "", "ari@denpasarkota.go.id", "081234567803",
   "Sekretaris", "Sekretariat", None, "05/01/2025", "05/01/2027", ""),
  (4, "Nyoman Sukma", "5171010101800004", "", "sukma@denpasarkota.go.id", "081234567804",
   "Kepala Bidang", "Bidang TI", "Dinas Kesehatan", None, None, None),
  (5, "Wayan Salah", "517101010180000", "", "salah@denpasarkota.go.id", "081234567805",
   "Staf", "Umum", "Dinas Kesehatan", None, None, None),
  (6, "Ketut Angka", 5171010101800006, "", "angka@denpasarkota.go.id", "081234567806",
   "Staf", "Umum", "Dinas Kesehatan", None, None, None),
]
for r in rows:
    ws.append(list(r))
# "OPD" merged down the first three people (rows 3-5); 4-6 typed.
ws.merge_cells("I3:I5")
ws["J4"].number_format = "General"
wb.save(sys.argv[1])
"#;

/// A workbook written by openpyxl, as an office's own tool writes it.
#[tokio::test]
async fn a_workbook_from_another_tool_is_read_merged_cells_dates_and_all() {
    let t = TestDesk::sqlite().await;
    let path = t.dir.path().join("pemegang.xlsx");
    openpyxl(WORKBOOK, &path);
    let bytes = std::fs::read(&path).unwrap();

    let sheet = sheet::read("pemegang.xlsx", &bytes).await.unwrap();
    assert_eq!(
        sheet.headers[1], "Nama Lengkap",
        "the title above the table is passed over"
    );
    assert_eq!(
        sheet.rows.len(),
        6,
        "all six people under the table are read"
    );
    assert_eq!(
        sheet.rows[0].number, 3,
        "row numbers as the spreadsheet shows them"
    );

    let preview = run::preview(&t.db, "/home/ani/Unduhan/pemegang.xlsx", &bytes)
        .await
        .unwrap();
    assert_eq!(
        preview.berkas, "pemegang.xlsx",
        "the preview names the file without the folder it came from"
    );
    assert_eq!(preview.baris, 6, "the preview counts the six rows");
    assert_eq!(preview.pemetaan.columns.len(), 11, "{:?}", preview.pemetaan);
    assert_eq!(
        preview.contoh[0][9], "06/01/2025",
        "a date cell is shown as a day/month/year date"
    );
    assert_eq!(
        preview.contoh[1][8], "Dinas Kominfo",
        "merged cell filled down"
    );
    let map = preview.pemetaan;

    let dry = run::dry_run(
        &t.db,
        &t.key,
        now().date_naive(),
        "pemegang.xlsx",
        &bytes,
        &map,
        |_| {},
    )
    .await
    .unwrap();
    assert_eq!(counts(&dry), [4, 3, 0, 2], "{:?}", dry.ditolak_baris);
    assert_eq!(t.count("applicants").await, 0, "the dry run writes nothing");
    let why: Vec<_> = dry
        .ditolak_baris
        .iter()
        .map(|r| (r.baris, r.alasan.join(" ")))
        .collect();
    assert_eq!(
        why[0].0, 7,
        "the bad NIK is refused at its row as the spreadsheet numbers it"
    );
    assert!(why[0].1.contains("NIK"), "{why:?}");
    assert_eq!(
        why[1].0, 8,
        "the NIK typed as a number is refused at its row"
    );
    assert!(why[1].1.contains("sebagai angka"), "{why:?}");

    let stop = BatchStop::default();
    let out = run::run(&t.db, &t.op(), "pemegang.xlsx", &bytes, &map, &stop, |_| {})
        .await
        .unwrap();
    assert_eq!(
        counts(&out.laporan),
        counts(&dry),
        "the run does what the dry run said"
    );
    assert_eq!(out.run.status, "selesai", "the run finishes");
    assert_eq!(
        t.count("applicants").await,
        4,
        "only the four good people are recorded"
    );
    let rows = scalar(
        &t.db,
        "SELECT group_concat(a.nama || '|' || a.instansi || '|' || a.telepon || '|' || \
         coalesce(c.valid_from, '-') || '|' || coalesce(c.valid_to, '-') || '|' || \
         coalesce(c.source, '-') || '|' || coalesce(c.serial, '-'), ';') \
         FROM applicants a LEFT JOIN certificates c ON c.applicant_id = a.id",
    )
    .await;
    for expected in [
        "I Gusti Ayu Sri|Dinas Kominfo|081234567801|2025-01-06|2027-01-06|luar|SN-0001",
        "Made Wirawan|Dinas Kominfo|081234567802|2025-01-06|2027-01-06|luar|SN-0002",
        "Komang Ari|Dinas Kominfo|081234567803|2025-01-05|2027-01-05|luar|-",
        "Nyoman Sukma|Dinas Kesehatan|081234567804|-|-|-|-",
    ] {
        assert!(rows.contains(expected), "{expected} in {rows}");
    }
    let nik_in_clear = scalar(
        &t.db,
        "SELECT count(*) FROM applicants WHERE nik_cipher LIKE '%5171014506900001%'",
    )
    .await;
    assert_eq!(nik_in_clear, "0", "the NIK is stored only encrypted");
    intact(&t).await;

    // The same file again: nothing twice.
    let again = run::run(&t.db, &t.op(), "pemegang.xlsx", &bytes, &map, &stop, |_| {})
        .await
        .unwrap();
    assert_eq!(
        counts(&again.laporan),
        [0, 0, 4, 2],
        "the same file again adds nothing: the four are there, the two still refused"
    );
    assert_eq!(
        t.count("applicants").await,
        4,
        "the same file again adds no person"
    );
    assert_eq!(
        t.count("certificates").await,
        3,
        "the same file again adds no certificate"
    );
    let history = run::history(&t.db).await.unwrap();
    assert_eq!(history.len(), 2, "both runs are in the import history");
    assert_eq!(
        history[0].sha256, history[1].sha256,
        "the history knows both runs read the same file"
    );
    let second = run::preview(&t.db, "pemegang.xlsx", &bytes).await.unwrap();
    assert_eq!(
        second.sebelumnya.len(),
        2,
        "the preview says the file was imported before"
    );
    assert_eq!(second.pemetaan, map, "the mapping is remembered");
    let actions = scalar(&t.db, "SELECT group_concat(action, ',') FROM audit_log").await;
    assert_eq!(
        actions, "import.start,import.batch,import.finish,import.start,import.batch,import.finish",
        "each run is audited at its start, its batch and its finish"
    );
    intact(&t).await;

    // The refused rows as a spreadsheet, read back by openpyxl.
    let (name, xlsx) = refused::workbook(
        &t.db,
        &t.key,
        now().date_naive(),
        "pemegang.xlsx",
        &bytes,
        &map,
    )
    .await
    .unwrap();
    assert_eq!(
        name, "pemegang-ditolak.xlsx",
        "the refused rows are named after the file they came from"
    );
    let out_path = t.dir.path().join(&name);
    std::fs::write(&out_path, &xlsx).unwrap();
    let read = openpyxl(
        "import sys, json, openpyxl\n\
         ws = openpyxl.load_workbook(sys.argv[1]).active\n\
         print(json.dumps([[c.value for c in r] for r in ws.iter_rows()], default=str))",
        &out_path,
    );
    let v: serde_json::Value = serde_json::from_str(read.trim()).unwrap();
    let v = v.as_array().unwrap();
    assert_eq!(v.len(), 3, "header and two refused rows: {v:?}");
    assert_eq!(
        v[0][12], "Baris asal",
        "the refused rows say where they came from"
    );
    assert_eq!(
        v[0][13], "Alasan ditolak",
        "the refused rows say why they were refused"
    );
    assert_eq!(
        v[1][1], "Wayan Salah",
        "the refused row holds the person as typed"
    );
    assert_eq!(v[1][2], "517101010180000", "the NIK stays text");
    assert_eq!(
        v[1][12], 7,
        "the refused row names its row in the original file"
    );
    assert!(
        v[2][13].as_str().unwrap().contains("sebagai angka"),
        "the refused row says its NIK was typed as a number"
    );
}

fn csv(rows: &[&str]) -> Vec<u8> {
    let mut s = String::from(
        "Nama;NIK;NIP;Email;Telepon;Jabatan;Unit Kerja;Instansi;Berlaku Mulai;Berlaku Sampai;Nomor Seri\n",
    );
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s.into_bytes()
}

async fn duplicates_are_caught(t: TestDesk) {
    // Budi is in Loket already (with his certificate from a case).
    t.complete_case(&budi()).await;
    let budi_nip = "196711101992031001";
    let bytes = csv(&[
        // 2: Budi's NIK under another name: refused, naming whose it is.
        &format!(
            "I Made Budiman;{NIK};;budiman@denpasarkota.go.id;081234567890;Analis;TI;Kominfo;;;"
        ),
        // 3: Budi as Loket knows him, no certificate: nothing new.
        &format!(
            "I Made Budi Santoso;{NIK};{budi_nip};budi@denpasarkota.go.id;081234567890;Analis;TI;Kominfo;;;"
        ),
        // 4: a new person with a certificate.
        "Ni Kadek Rai;5171014807920005;;rai@denpasarkota.go.id;081234567811;Staf;TI;Kominfo;01/02/2024;01/02/2026;SN-9",
        // 5: the same row again: refused as a duplicate of row 4.
        "Ni Kadek Rai;5171014807920005;;rai@denpasarkota.go.id;081234567811;Staf;TI;Kominfo;01/02/2024;01/02/2026;SN-9",
        // 6: her renewed certificate: a second certificate for her.
        "Ni Kadek Rai;5171014807920005;;rai@denpasarkota.go.id;081234567811;Staf;TI;Kominfo;01/02/2026;01/02/2028;SN-10",
        // 7: her NIK under another name: refused.
        "Ni Kadek Ayu;5171014807920005;;kadek@denpasarkota.go.id;081234567812;Staf;TI;Kominfo;;;",
        // 8: Budi's NIP on someone else: refused.
        &format!(
            "Putu Lain;5171011506900007;{budi_nip};lain@denpasarkota.go.id;081234567813;Staf;TI;Kominfo;;;"
        ),
        // 9: her serial SN-9 on someone else: refused.
        "Gede Seri;5171011506900008;;seri@denpasarkota.go.id;081234567814;Staf;TI;Kominfo;01/02/2024;01/02/2026;SN-9",
        // 10: a certificate ending before it starts, and a bad e-mail: refused with both.
        "Gede Tanggal;5171011506900009;;bukan-surel;081234567815;Staf;TI;Kominfo;01/02/2026;01/02/2024;",
        // 11: one date only: refused.
        "Gede Separuh;5171011506900010;;separuh@denpasarkota.go.id;081234567816;Staf;TI;Kominfo;01/02/2026;;",
    ]);
    let map = suggested(&t, "roster.csv", &bytes).await;
    assert_eq!(
        map.columns.get(&ImportField::Telepon).map(String::as_str),
        Some("Telepon"),
        "the preview suggests the phone column by its header"
    );
    let dry = run::dry_run(
        &t.db,
        &t.key,
        now().date_naive(),
        "roster.csv",
        &bytes,
        &map,
        |_| {},
    )
    .await
    .unwrap();
    let reasons: Vec<(u32, String)> = dry
        .ditolak_baris
        .iter()
        .map(|r| (r.baris, r.alasan.join(" | ")))
        .collect();
    assert_eq!(counts(&dry), [1, 2, 1, 7], "{reasons:?}");
    let at = |n: u32| {
        reasons
            .iter()
            .find(|(b, _)| *b == n)
            .map(|(_, w)| w.clone())
            .unwrap_or_default()
    };
    assert!(
        at(2).contains("atas nama I Made Budi Santoso"),
        "{reasons:?}"
    );
    assert!(at(5).contains("sama dengan baris 4"), "{reasons:?}");
    assert!(
        at(7).contains("baris 4") && at(7).contains("namanya berbeda"),
        "{reasons:?}"
    );
    assert!(at(8).contains("NIP"), "{reasons:?}");
    assert!(at(9).contains("Nomor seri"), "{reasons:?}");
    assert!(
        at(10).contains("E-mail") && at(10).contains("sesudah tanggal mulai"),
        "{reasons:?}"
    );
    assert!(at(11).contains("kedua tanggal"), "{reasons:?}");

    let before = t.count("applicants").await;
    let out = run::run(
        &t.db,
        &t.op(),
        "roster.csv",
        &bytes,
        &map,
        &BatchStop::default(),
        |_| {},
    )
    .await
    .unwrap();
    assert_eq!(
        counts(&out.laporan),
        counts(&dry),
        "the run does what the dry run said"
    );
    assert_eq!(
        t.count("applicants").await,
        before + 1,
        "only the one new person is recorded"
    );
    let rai = scalar(
        &t.db,
        "SELECT count(*) FROM certificates c JOIN applicants a ON a.id = c.applicant_id \
         WHERE a.nama = 'Ni Kadek Rai' AND c.serial IN ('SN-9', 'SN-10') AND c.source = 'luar'",
    )
    .await;
    assert_eq!(rai, "2", "both of her certificates");
    let again = run::run(
        &t.db,
        &t.op(),
        "roster.csv",
        &bytes,
        &map,
        &BatchStop::default(),
        |_| {},
    )
    .await
    .unwrap();
    assert_eq!(counts(&again.laporan), [0, 0, 3, 7], "nothing twice");
    intact(&t).await;
}

#[tokio::test]
async fn duplicates_in_the_file_and_against_loket_are_refused_or_skipped_on_sqlite() {
    duplicates_are_caught(TestDesk::sqlite().await).await;
}

#[tokio::test]
async fn duplicates_in_the_file_and_against_loket_are_refused_or_skipped_on_postgres() {
    duplicates_are_caught(TestDesk::postgres("import_dups").await).await;
}

/// A name for person `i` (names hold no digits): its number in letters.
fn letters(mut i: u32) -> String {
    let mut s = String::new();
    loop {
        s.push((b'a' + (i % 26) as u8) as char);
        i /= 26;
        if i == 0 {
            return s;
        }
    }
}

/// `rows` people (unique NIKs: a birth date per 9,000 serials).
fn big_csv(rows: u32) -> Vec<u8> {
    let mut s = String::with_capacity(rows as usize * 120);
    s.push_str("Nama,NIK,Email,HP,Jabatan,Unit Kerja,Instansi\n");
    for i in 0..rows {
        let day = 1 + i / 9000;
        let serial = 1 + i % 9000;
        s.push_str(&format!(
            "Pegawai {name},517101{day:02}0190{serial:04},p{i}@denpasarkota.go.id,0812{i:08},Staf,Bidang {b},Dinas {d}\n",
            name = letters(i),
            b = i % 7,
            d = i % 40,
        ));
    }
    s.into_bytes()
}

#[tokio::test]
async fn a_large_file_cancelled_midway_keeps_whole_batches_and_the_next_run_carries_on() {
    let t = TestDesk::sqlite().await;
    let bytes = big_csv(50_000);
    let map = suggested(&t, "pegawai.csv", &bytes).await;
    let stop = BatchStop::default();
    let mut seen = Vec::new();
    let out = run::run(&t.db, &t.op(), "pegawai.csv", &bytes, &map, &stop, |p| {
        seen.push(p.diproses);
        if p.diproses >= 5_000 {
            stop.request();
        }
    })
    .await
    .unwrap();
    assert!(out.dibatalkan, "the stop cancels the run");
    assert_eq!(
        out.run.status, "dibatalkan",
        "the cancelled run is recorded as cancelled"
    );
    assert_eq!(
        seen,
        (1..=10).map(|b| b * 500).collect::<Vec<_>>(),
        "progress after each batch"
    );
    assert_eq!(
        out.laporan.orang_baru, 5_000,
        "the cancelled run reports the people of its whole batches"
    );
    assert_eq!(t.count("applicants").await, 5_000, "whole batches only");
    intact(&t).await;

    let rest = run::run(&t.db, &t.op(), "pegawai.csv", &bytes, &map, &stop, |_| {})
        .await
        .unwrap();
    assert!(
        !rest.dibatalkan,
        "a stop pressed before the run belongs to the earlier one"
    );
    assert_eq!(
        counts(&rest.laporan),
        [45_000, 0, 5_000, 0],
        "the next run adds the rest and skips the 5,000 already there"
    );
    assert_eq!(
        t.count("applicants").await,
        50_000,
        "every person of the file is recorded once"
    );
    let batches = scalar(
        &t.db,
        "SELECT count(*) FROM audit_log WHERE action = 'import.batch'",
    )
    .await;
    assert_eq!(batches, "110", "every batch of both runs is audited");
    intact(&t).await;
}
