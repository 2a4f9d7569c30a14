//! Reports: a quarter of known cases (received, completed on time and late,
//! waiting, rejected, cancelled, revoked, left open) whose figures are
//! checked exactly; the workbook read back by openpyxl, the CSV by a CSV
//! reader, the PDF by pdftotext (and kept as pictures to look at).

use super::support::*;
use chrono::DateTime;
use loket_core::cases::checklist;
use loket_core::cases::transitions;
use loket_core::lifecycle::flow::Action;
use loket_core::lifecycle::vocabulary::{Layanan, RevocationReason};
use loket_core::reports::figures::{self, Report};
use loket_core::reports::period::{JenisPeriode, ReportQuery};
use loket_core::reports::{export, table, workbook};

fn at(s: &str) -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2026-{s}:00+08:00")).unwrap()
}

/// Takes `actions` on case `id` at the moments given, as `who`.
async fn walk(t: &TestDesk, id: i64, who: &str, steps: &[(Action, &str)]) {
    for (a, when) in steps {
        transitions::transition(&t.db, &t.at(who, at(when)), id, &step(*a))
            .await
            .unwrap_or_else(|e| panic!("{a:?} at {when}: {e}"));
    }
}

async fn intake(t: &TestDesk, who: &NewPenerbitan, by: &str, when: &str) -> i64 {
    let row = open_penerbitan(&t.db, &t.at(by, at(when)), who)
        .await
        .unwrap();
    for r in t.case(row.id).await.requirements.iter().filter(|r| r.wajib) {
        checklist::check_requirement(&t.db, &t.at(by, at(when)), row.id, &r.code, true)
            .await
            .unwrap();
    }
    row.id
}

/// The fourth quarter of 2026, built through the desk's own steps.
async fn quarter(t: &TestDesk) -> Report {
    use Action::*;
    // Left open from the quarter before: backlog, not received.
    intake(t, &pegawai(6, "Kadek Lama"), "Petugas A", "09-30T09:00").await;
    // A: complete Monday 05/10 09:30, waits on the applicant from 11:00 and
    // then on BSrE; done Wednesday 07/10: on time, one working day used.
    let a = intake(t, &budi(), "Petugas A", "10-05T09:00").await;
    walk(
        t,
        a,
        "Verifikator V",
        &[
            (BerkasLengkap, "10-05T09:30"),
            (TerbitkanRekomendasi, "10-05T10:00"),
            (AjukanAms, "10-05T10:30"),
            (TungguPemohon, "10-05T11:00"),
            (TungguBsre, "10-06T09:00"),
            (Selesai, "10-07T09:00"),
        ],
    )
    .await;
    // B: complete Tuesday 06/10 09:00, the desk sits on it until Monday
    // 12/10: due Thursday 08/10 15:45, done Tuesday 13/10, five days used.
    let b = intake(t, &ayu(), "Petugas A", "10-06T09:00").await;
    walk(
        t,
        b,
        "Verifikator V",
        &[
            (BerkasLengkap, "10-06T09:00"),
            (TerbitkanRekomendasi, "10-12T09:00"),
            (AjukanAms, "10-12T09:30"),
            (TungguBsre, "10-12T10:00"),
            (Selesai, "10-13T09:00"),
        ],
    )
    .await;
    // C: rejected before the file was complete.
    let c = intake(t, &pegawai(3, "Ketut Tolak"), "Petugas B", "10-07T09:00").await;
    walk(
        t,
        c,
        "Verifikator V",
        &[(BerkasKurang, "10-07T09:30"), (Tolak, "10-09T09:00")],
    )
    .await;
    // D: cancelled.
    let d = intake(t, &pegawai(4, "Komang Batal"), "Petugas B", "10-08T09:00").await;
    walk(t, d, "Verifikator V", &[(Batalkan, "10-08T10:00")]).await;
    // G: Budi's certificate revoked after a transfer (mutasi: RFC 5280 code 3).
    let budi_id = t.case(a).await.applicant_id;
    let cert = t.case(a).await.certificates[0].id;
    let g = t
        .open_for_at(
            budi_id,
            Layanan::Pencabutan,
            revocation(RevocationReason::Mutasi, vec![cert]),
            at("11-02T09:00"),
        )
        .await;
    for r in t.case(g).await.requirements.iter().filter(|r| r.wajib) {
        checklist::check_requirement(
            &t.db,
            &t.at("Petugas A", at("11-02T09:00")),
            g,
            &r.code,
            true,
        )
        .await
        .unwrap();
    }
    walk(
        t,
        g,
        "Verifikator V",
        &[
            (BerkasLengkap, "11-02T09:00"),
            (TerbitkanRekomendasi, "11-02T09:10"),
            (AjukanAms, "11-02T09:20"),
            (TungguBsre, "11-02T09:30"),
            (Selesai, "11-03T09:00"),
        ],
    )
    .await;
    // E: complete on 28/12 and still open at the quarter's end.
    let e = intake(t, &pegawai(5, "Wayan Terbuka"), "Petugas B", "12-28T09:00").await;
    walk(t, e, "Verifikator V", &[(BerkasLengkap, "12-28T09:30")]).await;

    let q = ReportQuery::triwulan(2026, 4);
    figures::report(&t.db, &q, at("12-31T16:00")).await.unwrap()
}

#[tokio::test]
async fn a_quarter_of_known_cases_gives_exactly_its_figures() {
    exact_figures(&TestDesk::sqlite().await).await;
}

#[tokio::test]
async fn a_quarter_on_postgresql_gives_the_same_figures() {
    exact_figures(&TestDesk::postgres("report").await).await;
}

/// The fixture's quarter, every figure checked (both backends count in the
/// database: the same grouped query must give the same lines).
async fn exact_figures(t: &TestDesk) {
    let r = quarter(t).await;
    assert_eq!(
        r.periode.nama, "Triwulan IV 2026",
        "the report names its quarter"
    );
    let p = &r.layanan[0];
    assert_eq!(
        p.layanan,
        Some(Layanan::Penerbitan),
        "the first line is the issuance service"
    );
    assert_eq!(
        (p.diterima, p.selesai, p.ditolak, p.dibatalkan, p.tunggakan),
        (5, 2, 1, 1, 2),
        "{p:?}"
    );
    assert_eq!(
        (p.tepat_waktu, p.dinilai, p.persen_tepat),
        (1, 2, Some(50.0)),
        "of the two issuances judged, one was done on time"
    );
    assert_eq!(
        (p.median_hari, p.p90_hari),
        (Some(3.0), Some(5)),
        "issuances took a median of 3 working days, the slowest 5"
    );
    let c = &r.layanan[3];
    assert_eq!(
        c.layanan,
        Some(Layanan::Pencabutan),
        "the fourth line is the revocation service"
    );
    assert_eq!(
        (c.diterima, c.selesai, c.persen_tepat, c.median_hari),
        (1, 1, Some(100.0), Some(1.0)),
        "the one revocation was received and done on time in one working day"
    );
    let total = r.layanan.last().unwrap();
    assert_eq!(
        total.layanan, None,
        "the last line is the total over the services"
    );
    assert_eq!(
        (total.diterima, total.selesai, total.tunggakan),
        (6, 3, 2),
        "the total counts six received, three done, two left open"
    );
    assert_eq!(
        (total.persen_tepat, total.median_hari, total.p90_hari),
        (Some(66.7), Some(1.0), Some(5)),
        "the total's time figures cover all three done"
    );
    assert_eq!(r.penolakan.len(), 1, "the one rejection reason is listed");
    assert_eq!(
        (r.penolakan[0].kode.as_str(), r.penolakan[0].jumlah),
        ("data_tidak_sesuai", 1),
        "the rejection is counted under its catalogue code"
    );
    assert_eq!(
        r.penolakan[0].alasan, "Data tidak sesuai dengan dokumen",
        "the rejection reason is shown in the catalogue's words"
    );
    assert_eq!(r.pencabutan.len(), 1, "the one revocation reason is listed");
    assert_eq!(
        (
            r.pencabutan[0].alasan.as_str(),
            r.pencabutan[0].kode_rfc5280,
            r.pencabutan[0].jumlah
        ),
        ("Mutasi / pindah instansi", 3, 1),
        "the transfer is counted under RFC 5280 code 3"
    );
    let v = r
        .petugas
        .iter()
        .find(|p| p.nama == "Verifikator V")
        .unwrap();
    assert_eq!(
        v.selesai, 3,
        "the verifikator is credited with the three cases done"
    );
    let a = r.petugas.iter().find(|p| p.nama == "Petugas A").unwrap();
    assert_eq!(
        a.diterima, 3,
        "A, B and the revocation in the quarter (not the one from September)"
    );
    assert_eq!(
        r.instansi.iter().map(|g| g.diterima).sum::<u64>(),
        6,
        "the agencies add up to the six received"
    );
    let trend: Vec<(String, u64, u64)> = r
        .tren
        .iter()
        .map(|x| (x.label.clone(), x.diterima, x.selesai))
        .collect();
    assert_eq!(
        trend,
        [
            ("Okt 2026".into(), 4, 2),
            ("Nov 2026".into(), 1, 1),
            ("Des 2026".into(), 1, 0)
        ],
        "the monthly trend counts the cases received and done each month"
    );
    assert_eq!(
        r.tanpa_tenggat, 0,
        "every case in the quarter has a deadline"
    );
}

#[tokio::test]
async fn the_quarter_exports_as_a_workbook_a_table_and_a_letterhead_pdf() {
    let t = TestDesk::sqlite().await;
    t.with_letter_settings().await;
    let r = quarter(&t).await;
    let dir = t.dir.path();

    let (name, bytes) = workbook::workbook(&r).unwrap();
    assert_eq!(
        name, "Laporan-Triwulan-IV-2026.xlsx",
        "the workbook is named after the quarter"
    );
    let xlsx = dir.join(&name);
    std::fs::write(&xlsx, &bytes).unwrap();
    let python =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/pytools/bin/python");
    assert!(
        python.exists(),
        "run `make setup` (installs openpyxl into target/pytools)"
    );
    let (ok, out) = tool(
        python.to_str().unwrap(),
        &[
            "-c",
            "import json, sys, openpyxl\n\
             wb = openpyxl.load_workbook(sys.argv[1])\n\
             ws = wb['Ringkasan']\n\
             rows = [[c.value for c in r] for r in ws.iter_rows(min_row=1, max_row=6)]\n\
             print(json.dumps({'sheets': wb.sheetnames, 'rows': rows, 'charts': len(ws._charts),\n\
                 'types': [ws.cell(2, c).data_type for c in (1, 3, 9)]}))",
            xlsx.to_str().unwrap(),
        ],
    );
    assert!(ok, "{out}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(
        v["sheets"],
        serde_json::json!([
            "Ringkasan",
            "Tren",
            "Instansi",
            "Unit kerja",
            "Petugas",
            "Penolakan",
            "Pencabutan",
            "Pengaduan",
            "Bantuan"
        ]),
        "the workbook holds every part of the report, in order"
    );
    assert_eq!(
        v["rows"][1][0], "Layanan Penerbitan",
        "the summary's first line is the issuance service"
    );
    assert_eq!(v["rows"][1][2], 5.0, "received, a number cell");
    assert_eq!(v["rows"][1][8], 50.0, "on time %");
    assert_eq!(
        v["rows"][5][0], "Jumlah",
        "the summary's last line is the total"
    );
    assert_eq!(v["rows"][5][3], 3.0, "the total counts three cases done");
    assert_eq!(
        v["types"],
        serde_json::json!(["s", "n", "n"]),
        "the workbook's labels are text and its figures number cells"
    );
    assert_eq!(v["charts"], 1, "the summary sheet carries its chart");

    let (name, bytes) = table::table(&t.db, &r, *now().offset()).await.unwrap();
    assert_eq!(
        name, "Laporan-Triwulan-IV-2026.csv",
        "the table is named after the quarter"
    );
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a byte order mark for spreadsheets"
    );
    let mut rd = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 6, "the cases received or ended in the quarter");
    let late = rows.iter().find(|r| &r[8] == "tidak").unwrap();
    assert_eq!(
        (&late[9], &late[7]),
        ("5", "08/10/2026 15:45"),
        "the late case shows its due time and five working days used"
    );
    assert!(
        rows.iter()
            .any(|r| &r[11] == "Mutasi / pindah instansi" && &r[12] == "3"),
        "the revocation's reason and its RFC 5280 code are in the table"
    );
    let head = String::from_utf8_lossy(&bytes);
    assert!(!head.contains("5171"), "no NIK in the table");

    let refused = export::export(&t.db, &t.as_("Kepala Dinas"), &r, "docx").await;
    assert_eq!(
        field_of(refused.unwrap_err()),
        "format",
        "a format the desk does not export is refused at the format"
    );
    let (name, bytes) = export::export(&t.db, &t.as_("Kepala Dinas"), &r, "pdf")
        .await
        .unwrap();
    assert_eq!(
        scalar(
            &t.db,
            "select count(*) from audit_log where action = 'report.export'"
        )
        .await,
        "1",
        "the export is in the audit log"
    );
    assert_eq!(
        name, "Laporan-Triwulan-IV-2026.pdf",
        "the PDF is named after the quarter"
    );
    let pdf = dir.join(&name);
    std::fs::write(&pdf, &bytes).unwrap();
    let p = pdf.to_str().unwrap();
    let (ok, out) = tool("qpdf", &["--check", p]);
    assert!(ok, "{out}");
    let (ok, text) = tool("pdftotext", &["-layout", p, "-"]);
    assert!(ok, "{text}");
    for want in [
        "LAPORAN EVALUASI KINERJA PELAYANAN SERTIFIKAT ELEKTRONIK",
        "TRIWULAN IV 2026",
        "B. Ketepatan waktu terhadap standar",
        "Tepat waktu (%)",
        "50,0",
        "66,7",
        "Mutasi / pindah instansi",
        "Data tidak sesuai dengan dokumen",
        "I. Pengaduan, saran dan masukan",
        "SP4N-LAPOR!",
        "J. Bantuan penggunaan sertifikat",
        "K. Temuan dan tindak lanjut pimpinan",
        "Okt 2026",
    ] {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }
    if let Ok(keep) = std::env::var("LOKET_KEEP_PDF") {
        std::fs::copy(&pdf, std::path::Path::new(&keep).join(&name)).unwrap();
    }
}

#[tokio::test]
async fn a_crafted_instansi_stays_text_in_the_csv_and_the_workbook() {
    let t = TestDesk::sqlite().await;
    let mut who = budi();
    who.applicant.instansi = "=HYPERLINK(\"http://contoh.invalid\",\"klik\")".into();
    intake(&t, &who, "Petugas A", "10-05T09:00").await;
    let q = ReportQuery {
        jenis: JenisPeriode::Bulan,
        tahun: 2026,
        ke: 10,
        dari: String::new(),
        sampai: String::new(),
    };
    let r = figures::report(&t.db, &q, at("10-31T16:00")).await.unwrap();
    let (_, bytes) = table::table(&t.db, &r, *now().offset()).await.unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("'=HYPERLINK"), "{text}");
    let (name, bytes) = workbook::workbook(&r).unwrap();
    let xlsx = t.dir.path().join(name);
    std::fs::write(&xlsx, bytes).unwrap();
    let python =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/pytools/bin/python");
    let (ok, out) = tool(
        python.to_str().unwrap(),
        &[
            "-c",
            "import sys, openpyxl\nws = openpyxl.load_workbook(sys.argv[1])['Instansi']\nprint(ws.cell(2, 1).data_type, ws.cell(2, 1).value)",
            xlsx.to_str().unwrap(),
        ],
    );
    assert!(ok, "{out}");
    assert!(
        out.starts_with("s =HYPERLINK"),
        "a string cell, not a formula: {out}"
    );
}
