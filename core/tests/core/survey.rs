//! The satisfaction survey: responses from the kiosk (once per case, or
//! without a number) and from paper forms; the IKM computed from them as
//! PermenPANRB 14/2017 says, checked against hand arithmetic; the report
//! read back from its XLSX by openpyxl and from its PDF by pdftotext; and
//! what a colleague with the database file can and cannot learn.

use super::support::*;
use chrono::DateTime;
use loket_core::audit;
use loket_core::reports::period::{JenisPeriode, ReportQuery};
use loket_core::survey::ikm::Mutu;
use loket_core::survey::report::{self, SurveyReport};
use loket_core::survey::responses::{self, SurveyAnswers};
use loket_core::survey::{export, workbook};

fn answers(scores: &[u8], saran: &str) -> SurveyAnswers {
    SurveyAnswers {
        nilai: scores.iter().map(|&s| (s > 0).then_some(s)).collect(),
        umur: Some("36-45".into()),
        jenis_kelamin: Some("Perempuan".into()),
        pendidikan: Some("S1".into()),
        pekerjaan: Some("PNS".into()),
        saran: saran.into(),
    }
}

fn semester() -> ReportQuery {
    ReportQuery {
        jenis: JenisPeriode::Semester,
        tahun: 2026,
        ke: 2,
        dari: String::new(),
        sampai: String::new(),
    }
}

async fn survey_report(t: &TestDesk) -> SurveyReport {
    let p = semester().period().unwrap();
    report::report(&t.db, &p, *now().offset()).await.unwrap()
}

fn on(day: &str) -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("{day}T10:00:00+08:00")).unwrap()
}

/// Four respondents, one of whom left U4 blank: NRR U4 uses its own n (3).
/// By hand: sums per element (U1..U9) 13 12 11 12 10 14 16 9 8, answers 4
/// except U4 (3). NRR 3,25 3,00 2,75 4,00 2,50 3,50 4,00 2,25 2,00; their
/// sum 27,25; IKM = 25 x 27,25 / 9 = 75,69 (C, Kurang Baik).
async fn four_respondents(t: &TestDesk) {
    let op = t.at("Petugas A", on("2026-11-23"));
    for (scores, saran) in [
        ([4, 3, 3, 4, 3, 4, 4, 2, 2], "Ruang tunggu panas."),
        ([3, 3, 2, 4, 2, 3, 4, 2, 2], ""),
        ([3, 3, 3, 0, 2, 3, 4, 3, 2], "Petugas ramah."),
    ] {
        responses::record_paper(&t.db, &op, "20/11/2026", &answers(&scores, saran))
            .await
            .unwrap();
    }
    // The fourth at the kiosk, without a number.
    responses::record_kiosk(
        &t.db,
        on("2026-11-24"),
        None,
        &answers(&[3, 3, 3, 4, 3, 4, 4, 2, 2], ""),
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn the_index_is_computed_as_the_regulation_says_from_paper_and_kiosk_responses() {
    let t = TestDesk::sqlite().await;
    four_respondents(&t).await;
    // A response outside the semester does not count.
    responses::record_paper(
        &t.db,
        &t.op(),
        "30/06/2026",
        &answers(&[1, 1, 1, 1, 1, 1, 1, 1, 1], ""),
    )
    .await
    .unwrap();
    let r = survey_report(&t).await;
    assert_eq!(
        r.periode.nama, "Semester II 2026",
        "the report names its semester"
    );
    assert_eq!(
        r.responden, 4,
        "four respondents in the semester; the one from June does not count"
    );
    let nrr: Vec<String> = r
        .unsur
        .iter()
        .map(|u| format!("{:.2}", u.nrr.unwrap()))
        .collect();
    assert_eq!(
        nrr,
        [
            "3.25", "3.00", "2.75", "4.00", "2.50", "3.50", "4.00", "2.25", "2.00"
        ],
        "each element's NRR is its sum over its own answers, as worked by hand"
    );
    assert_eq!(r.unsur[3].dijawab, 3, "U4's own n");
    assert_eq!(
        r.unsur[0].sebaran,
        vec![0, 0, 3, 1],
        "U1's answers spread as three 3s and one 4"
    );
    assert_eq!(
        format!("{:.2}", r.ikm.unwrap()),
        "75.69",
        "IKM is 25 x the NRR sum / 9: 75.69 by hand"
    );
    assert_eq!(r.mutu, Some(Mutu::C), "an IKM of 75.69 is quality band C");
    assert_eq!(
        r.kinerja.as_deref(),
        Some("Kurang Baik"),
        "band C reads as Kurang Baik"
    );
    // Weighted NRR: NRR / 9, not x 0.111.
    assert!(
        (r.unsur[0].nrr_tertimbang.unwrap() - 3.25 / 9.0).abs() < 1e-12,
        "the weighted NRR is NRR / 9, not x 0.111"
    );
    let lowest: Vec<&str> = r
        .unsur
        .iter()
        .filter(|u| u.terendah)
        .map(|u| u.kode.as_str())
        .collect();
    assert_eq!(lowest, ["U9"], "U9 is marked as the lowest element");
    let by_source: Vec<u64> = r.sumber.iter().map(|s| s.jumlah).collect();
    assert_eq!(by_source, [0, 1, 3], "by number, without a number, paper");
    assert_eq!(r.profil[1].baris[1].jumlah, 4, "four women");
    let saran: Vec<&str> = r.saran.iter().map(|s| s.saran.as_str()).collect();
    assert_eq!(
        saran,
        ["Ruang tunggu panas.", "Petugas ramah."],
        "only the suggestions given are listed, in order"
    );
}

#[tokio::test]
async fn the_sample_size_follows_the_applicants_served_in_the_period() {
    let t = TestDesk::sqlite().await;
    let names = [
        "Ayu", "Bagus", "Citra", "Dewa", "Eka", "Fajar", "Gede", "Hana", "Indra", "Jaya", "Komang",
        "Lestari",
    ];
    for (n, name) in (1..).zip(names) {
        open_for_at_day(&t, n, name, "2026-11-20").await;
    }
    let r = survey_report(&t).await;
    assert_eq!(
        r.populasi, 12,
        "the population is the twelve applicants served in the semester"
    );
    assert_eq!(
        r.sampel, 14,
        "the table's row for 15, the first at or above 12"
    );
    assert_eq!(r.ikm, None, "no responses, no index");
}

async fn open_for_at_day(t: &TestDesk, n: u32, name: &str, day: &str) -> i64 {
    open_penerbitan(&t.db, &t.at("Petugas A", on(day)), &pegawai(n, name))
        .await
        .unwrap()
        .id
}

/// One response per case at the kiosk: proved by the number and the NIK's
/// last four digits, refused the second time, and refused to one of two
/// kiosks answering for the same case at the same moment.
async fn once_per_case(t: &TestDesk) {
    let case = t.intake(&budi()).await;
    let nomor = case.nomor.clone();
    let ticket = responses::kiosk_ticket(&t.db, now(), &nomor, "0001")
        .await
        .unwrap();
    assert_eq!(
        ticket.nomor, nomor,
        "the ticket is for the case whose number was typed"
    );
    // Wrong digits: the status check's own sentence and count.
    let wrong = responses::kiosk_ticket(&t.db, now(), &nomor, "0002")
        .await
        .unwrap_err();
    assert_eq!(
        field_of(wrong),
        "nik_akhir",
        "the status check's own refusal"
    );
    let a = answers(&[4, 4, 4, 4, 4, 4, 4, 4, 4], "");
    let (one, two) = tokio::join!(
        responses::record_kiosk(&t.db, now(), Some((&nomor, "0001")), &a),
        responses::record_kiosk(&t.db, now(), Some((&nomor, "0001")), &a),
    );
    assert!(
        one.is_ok() != two.is_ok(),
        "exactly one of two kiosks answers: {one:?} {two:?}"
    );
    let again = responses::record_kiosk(&t.db, now(), Some((&nomor, "0001")), &a)
        .await
        .unwrap_err();
    assert_eq!(
        field_of(again),
        "nomor",
        "a case answers the survey only once"
    );
    let late_ticket = responses::kiosk_ticket(&t.db, now(), &nomor, "0001")
        .await
        .unwrap_err();
    assert_eq!(
        field_of(late_ticket),
        "nomor",
        "a case that answered gets no new ticket"
    );
    assert_eq!(
        t.count("skm_responses").await,
        1,
        "only one response is kept for the case"
    );
}

#[tokio::test]
async fn a_case_answers_the_survey_once_on_sqlite() {
    once_per_case(&TestDesk::sqlite().await).await;
}

#[tokio::test]
async fn a_case_answers_the_survey_once_on_postgresql() {
    once_per_case(&TestDesk::postgres("survey_once").await).await;
}

/// A colleague with the database file open in sqlite3 finds the responses
/// without any name, NIK, case or time of day, and nothing that joins one
/// to the case that gave it; resetting the case's flag is the only way to
/// answer twice, and that needs write access to the file, which also lets
/// one type responses in directly (the reference, docs/src/rujukan/desk.md, says so).
#[tokio::test]
async fn a_response_holds_nothing_that_leads_back_to_its_applicant() {
    let t = TestDesk::sqlite().await;
    let case = t.intake(&budi()).await;
    responses::record_kiosk(
        &t.db,
        now(),
        Some((&case.nomor, "0001")),
        &answers(&[4, 3, 4, 4, 3, 4, 4, 3, 3], "Sudah baik"),
    )
    .await
    .unwrap();
    let columns = scalar(
        &t.db,
        "select group_concat(name, ',') from pragma_table_info('skm_responses')",
    )
    .await;
    assert_eq!(
        columns,
        "id,tanggal,sumber,u1,u2,u3,u4,u5,u6,u7,u8,u9,umur,jenis_kelamin,pendidikan,pekerjaan,saran",
        "a response's row has no column that leads back to a person or case"
    );
    let row = scalar(
        &t.db,
        "select id || '|' || tanggal || '|' || sumber || '|' || coalesce(saran, '') from skm_responses",
    )
    .await;
    for personal in [NIK, "0001", "Budi", &case.nomor] {
        assert!(!row.contains(personal), "{personal} in {row}");
    }
    assert!(row.contains("|2026-11-22|"), "the day only: {row}");
    // The case holds only that it answered, not what.
    assert_eq!(
        scalar(
            &t.db,
            &format!("select skm_diisi from cases where id = {}", case.id)
        )
        .await,
        "1",
        "the case holds only that it answered"
    );
}

#[tokio::test]
async fn a_bad_paper_form_names_its_field_and_saves_nothing_and_a_good_one_is_audited() {
    let t = TestDesk::sqlite().await;
    let mut bad = answers(&[4, 5, 3, 4, 3, 4, 4, 3, 3], "");
    bad.umur = Some("17 tahun".into());
    let e = responses::record_paper(&t.db, &t.op(), "20/11/2026", &bad)
        .await
        .unwrap_err();
    assert_eq!(
        field_of(e),
        "nilai.1,umur",
        "a score out of range and an unknown age group are each refused"
    );
    let blank = responses::record_paper(&t.db, &t.op(), "20/11/2026", &answers(&[0; 9], ""))
        .await
        .unwrap_err();
    assert_eq!(
        field_of(blank),
        "nilai",
        "a form with no score at all is refused"
    );
    let future = responses::record_paper(
        &t.db,
        &t.op(),
        "23/11/2026",
        &answers(&[4, 4, 4, 4, 4, 4, 4, 4, 4], ""),
    )
    .await
    .unwrap_err();
    assert_eq!(
        field_of(future),
        "tanggal",
        "a paper form dated after today is refused at the date"
    );
    let spoof = responses::record_paper(
        &t.db,
        &t.op(),
        "20/11/2026",
        &answers(&[4, 4, 4, 4, 4, 4, 4, 4, 4], "a\u{202e}gnirts"),
    )
    .await
    .unwrap_err();
    assert_eq!(
        field_of(spoof),
        "saran",
        "a suggestion with hidden characters is refused"
    );
    assert_eq!(
        t.count("skm_responses").await,
        0,
        "refused forms save nothing"
    );

    let saved = responses::record_paper(
        &t.db,
        &t.op(),
        "20/11/2026",
        &answers(&[4, 4, 4, 4, 4, 4, 4, 4, 4], ""),
    )
    .await
    .unwrap();
    assert_eq!(
        saved.sehari, 1,
        "the saved form is counted among that day's responses"
    );
    assert_eq!(
        scalar(
            &t.db,
            "select count(*) from audit_log where action = 'skm.paper'"
        )
        .await,
        "1",
        "entering a paper form is audited"
    );
    assert!(
        matches!(
            audit::verify(&t.db, &t.key).await.unwrap(),
            audit::Verdict::Intact { .. }
        ),
        "the audit chain still verifies after the paper forms"
    );
}

/// The report as an office publishes it: the workbook read by openpyxl,
/// the PDF by pdftotext (and rendered to pictures under target/ to look at).
#[tokio::test]
async fn the_ikm_report_is_exported_as_xlsx_and_pdf() {
    let t = TestDesk::sqlite().await;
    t.with_letter_settings().await;
    four_respondents(&t).await;
    let r = survey_report(&t).await;
    let dir = t.dir.path();

    let (name, bytes) = workbook::workbook(&r).unwrap();
    assert_eq!(
        name, "IKM-Semester-II-2026.xlsx",
        "the workbook is named after the semester"
    );
    let xlsx = dir.join(&name);
    std::fs::write(&xlsx, &bytes).unwrap();
    let python =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/pytools/bin/python");
    assert!(python.exists(), "run `make setup` (installs openpyxl)");
    let (ok, out) = tool(
        python.to_str().unwrap(),
        &[
            "-c",
            "import json, sys, openpyxl\n\
             wb = openpyxl.load_workbook(sys.argv[1])\n\
             ws = wb['IKM']\n\
             rows = [[c.value for c in r] for r in ws.iter_rows(min_row=1, max_row=16)]\n\
             print(json.dumps({'sheets': wb.sheetnames, 'rows': rows,\n\
                 'saran': [c.value for c in wb['Saran']['B']]}))",
            xlsx.to_str().unwrap(),
        ],
    );
    assert!(ok, "{out}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(
        v["sheets"],
        serde_json::json!(["IKM", "Profil", "Saran"]),
        "the workbook holds the index, the profile and the suggestions"
    );
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows[1][0], "U1", "the first row is element U1");
    assert_eq!(rows[1][5], 1.0, "one answered U1 with 4");
    assert_eq!(rows[1][8], 3.25, "NRR U1 as a number");
    assert_eq!(rows[4][6], 3.0, "U4 answered thrice");
    // Below the elements: the weighted sum, then the IKM and its band.
    assert_eq!(rows[12][1], "IKM", "the IKM row follows the elements");
    assert_eq!(rows[12][9], 75.69, "the workbook gives the IKM as a number");
    assert_eq!(rows[13][9], "C", "the workbook gives the quality band");
    assert_eq!(
        rows[14][9], "Kurang Baik",
        "the workbook gives the performance in words"
    );
    assert_eq!(
        v["saran"],
        serde_json::json!(["Saran", "Ruang tunggu panas.", "Petugas ramah."]),
        "the suggestions sheet lists the suggestions given"
    );

    let (pdf_name, pdf) = export::export(&t.db, &t.op(), &r, "pdf").await.unwrap();
    assert_eq!(
        pdf_name, "IKM-Semester-II-2026.pdf",
        "the PDF is named after the semester"
    );
    let path = dir.join(&pdf_name);
    std::fs::write(&path, &pdf).unwrap();
    let (ok, text) = tool("pdftotext", &["-layout", path.to_str().unwrap(), "-"]);
    assert!(ok, "{text}");
    for expected in [
        "SURVEI KEPUASAN MASYARAKAT",
        "SEMESTER II 2026",
        "75,69",
        "Kurang Baik",
        "(terendah)",
        "3,25",
        "0,361",
        "88,31 - 100,00",
        "Ruang tunggu panas.",
        "Profil responden",
    ] {
        assert!(text.contains(expected), "{expected} missing:\n{text}");
    }
    let shots = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/test-shots");
    std::fs::create_dir_all(&shots).unwrap();
    let (ok, out) = tool(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "60",
            path.to_str().unwrap(),
            shots.join("ikm-report").to_str().unwrap(),
        ],
    );
    assert!(ok, "{out}");
    assert_eq!(
        scalar(
            &t.db,
            "select count(*) from audit_log where action = 'skm.export'"
        )
        .await,
        "1",
        "the export is audited"
    );
    let refused = export::export(&t.db, &t.op(), &r, "docx")
        .await
        .unwrap_err();
    assert_eq!(
        field_of(refused),
        "format",
        "a format the desk does not export is refused at the format"
    );
}
