//! The Standar Pelayanan and the working-day calendar as data: what the
//! admin saves is what deadlines, receipts and the kiosk count with, a
//! corrected calendar recomputes existing cases, an import is previewed
//! before anything changes, and the standard prints in the letterhead.

use super::support::*;
use loket_core::audit::{self, Verdict};
use loket_core::calendar::days::{self as calendar, JenisLibur};
use loket_core::calendar::hours;
use loket_core::calendar::import;
use loket_core::cases::due;
use loket_core::standard::document;
use loket_core::standard::keep as standard;

#[tokio::test]
async fn the_standard_sets_each_services_time_and_a_change_recomputes_open_cases() {
    let t = TestDesk::sqlite().await;
    let case = t.complete_case(&budi()).await;
    // Complete on Sunday 22/11/2026 09:15: the clock starts Monday 08:00 and
    // three working days end on Wednesday at closing.
    let d = due::of_case(&t.db, case, now()).await.unwrap();
    assert_eq!(
        d.tenggat.as_deref(),
        Some("2026-11-25T15:45:00"),
        "three working days from Monday 08:00 end Wednesday at closing"
    );
    assert_eq!(
        d.dihitung.phrase(),
        "sejak berkas lengkap",
        "the deadline says it counts from the complete file"
    );

    let mut std = standard::standard(&t.db).await.unwrap();
    std.layanan[0].hari_kerja = 5;
    std.nomor_sk = "188.4/342/DKIS/2023".into();
    std.aturan_dipilih = true;
    standard::save(&t.db, &t.as_("admin"), &std).await.unwrap();
    let d = due::of_case(&t.db, case, now()).await.unwrap();
    assert_eq!(
        d.tenggat.as_deref(),
        Some("2026-11-27T11:00:00"),
        "Friday closes at 11:00"
    );

    // A local holiday on Thursday 26/11 moves it to Monday.
    let mut y = calendar::year(&t.db, 2026).await.unwrap().unwrap();
    y.hari.push(calendar::HariLibur {
        tanggal: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        jenis: JenisLibur::Daerah,
        keterangan: "Hari jadi kota".into(),
    });
    calendar::save_year(&t.db, &t.as_("admin"), &y)
        .await
        .unwrap();
    let d = due::of_case(&t.db, case, now()).await.unwrap();
    assert_eq!(
        d.tenggat.as_deref(),
        Some("2026-11-30T15:45:00"),
        "a local holiday on Thursday moves the deadline to Monday"
    );

    // Shorter Fridays all year: 08:00-10:00.
    let mut h = hours::hours(&t.db).await.unwrap();
    h.minggu[4] = Some(hours::Jam {
        buka: "08:00".into(),
        tutup: "10:00".into(),
        ..Default::default()
    });
    // And a noon break Monday to Thursday.
    for day in h.minggu.iter_mut().take(4).flatten() {
        day.istirahat_mulai = "12:00".into();
        day.istirahat_selesai = "13:00".into();
    }
    hours::save_hours(&t.db, &t.as_("admin"), &h).await.unwrap();
    let view = standard::view(&t.db, *now().offset()).await.unwrap();
    assert_eq!(
        view.rincian.len(),
        4,
        "the standard covers the four services"
    );
    assert!(
        view.rincian.iter().all(|s| s.komponen.len() == 14),
        "each service has the fourteen components"
    );
    assert!(
        view.rincian[0].komponen[2]
            .uraian
            .contains("5 hari kerja sejak berkas lengkap"),
        "{:?}",
        view.rincian[0].komponen[2]
    );
    assert!(
        view.rincian[0].komponen[2]
            .uraian
            .contains("Senin-Kamis 08.00-15.45 (istirahat 12.00-13.00), Jumat 08.00-10.00 WITA"),
        "the service time shows the noon break, the shorter Friday hours and the zone"
    );
    // Component 1 is the catalogue's checklist, not a second list.
    assert!(
        view.rincian[0].komponen[0].uraian.contains("Foto KTP"),
        "component 1 is the catalogue's checklist"
    );

    // A bad save changes nothing.
    let mut bad = std.clone();
    bad.layanan[3].hari_kerja = 0;
    assert_eq!(
        field_of(
            standard::save(&t.db, &t.as_("admin"), &bad)
                .await
                .unwrap_err()
        ),
        "layanan.3.hari_kerja",
        "a service time of zero days is refused at its field"
    );
    assert_eq!(
        standard::standard(&t.db).await.unwrap().layanan[3].hari_kerja,
        3,
        "the refused save leaves the service time as it was"
    );
    assert!(
        matches!(
            audit::verify(&t.db, &t.key).await.unwrap(),
            Verdict::Intact { .. }
        ),
        "the audit chain still verifies after the standard's changes"
    );
}

#[tokio::test]
async fn a_year_is_imported_only_after_its_preview_and_then_deadlines_reach_into_it() {
    let t = TestDesk::sqlite().await;
    // Complete on Wednesday 30/12/2026 at 09:00: three days reach into 2027,
    // which has no calendar yet.
    let case = t.complete_case(&budi()).await;
    let late = chrono::DateTime::parse_from_rfc3339("2026-12-30T09:00:00+08:00").unwrap();
    sea_orm::ConnectionTrait::execute_unprepared(
        &t.db,
        &format!(
            "update case_events set at = '{}' where case_id = {case}",
            late.to_rfc3339()
        ),
    )
    .await
    .unwrap();
    let d = due::of_case(&t.db, case, late).await.unwrap();
    assert!(
        d.masalah.as_deref().is_some_and(|m| m.contains("2027")),
        "{d:?}"
    );
    assert_eq!(d.tenggat, None, "never guessed");

    let csv = "Tanggal;Jenis;Keterangan\n01/01/2027;nasional;Tahun Baru 2027 Masehi\n\
               2027-01-04;tutup;Kantor tutup\n31/13/2027;nasional;salah ketik\n";
    let p = import::preview(&t.db, "libur-2027.csv", csv.as_bytes(), None)
        .await
        .unwrap();
    assert_eq!(
        p.kalender.tahun, 2027,
        "the preview reads the year from the file"
    );
    assert_eq!(
        p.kalender.hari.len(),
        2,
        "only the two good rows become days of the year"
    );
    assert_eq!(p.ditambah.len(), 2, "the preview says which days are added");
    assert_eq!(p.masalah.len(), 1, "{:?}", p.masalah);
    assert_eq!(
        calendar::year(&t.db, 2027).await.unwrap(),
        None,
        "a preview saves nothing"
    );
    calendar::save_year(&t.db, &t.as_("admin"), &p.kalender)
        .await
        .unwrap();
    assert_eq!(
        calendar::years(&t.db).await.unwrap(),
        [2025, 2026, 2027],
        "the imported year joins the calendar"
    );
    // Wednesday 30/12 from 09:00 and Thursday 31/12 are days one and two;
    // Friday 01/01 is a holiday and Monday 04/01 the office is closed, so
    // day three is Tuesday 05/01.
    let d = due::of_case(&t.db, case, late).await.unwrap();
    assert_eq!(d.tenggat.as_deref(), Some("2027-01-05T15:45:00"), "{d:?}");

    // Importing 2026 again from an iCalendar file keeps the office's own days.
    let mut y = calendar::year(&t.db, 2026).await.unwrap().unwrap();
    y.hari.push(calendar::HariLibur {
        tanggal: chrono::NaiveDate::from_ymd_opt(2026, 12, 28).unwrap(),
        jenis: JenisLibur::Daerah,
        keterangan: "Libur daerah".into(),
    });
    calendar::save_year(&t.db, &t.as_("admin"), &y)
        .await
        .unwrap();
    let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//k//k//ID\r\nBEGIN:VEVENT\r\nUID:a\r\n\
DTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261225\r\nSUMMARY:Hari Raya Natal\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";
    let p = import::preview(&t.db, "natal.ics", ics.as_bytes(), Some(2026))
        .await
        .unwrap();
    let days: Vec<String> = p
        .kalender
        .hari
        .iter()
        .map(|h| h.tanggal.format("%d/%m").to_string())
        .collect();
    assert_eq!(
        days,
        ["25/12", "28/12"],
        "national days replaced, local kept"
    );
    assert_eq!(p.dihapus.len(), 25 - 1, "the preview says what goes");

    // A year whose days are outside it, or twice, is refused whole.
    let mut wrong = p.kalender.clone();
    wrong.hari[0].tanggal = chrono::NaiveDate::from_ymd_opt(2025, 12, 25).unwrap();
    assert_eq!(
        field_of(
            calendar::save_year(&t.db, &t.as_("admin"), &wrong)
                .await
                .unwrap_err()
        ),
        "hari.0.tanggal",
        "a day outside its year is refused at that day"
    );
    assert!(
        matches!(
            audit::verify(&t.db, &t.key).await.unwrap(),
            Verdict::Intact { .. }
        ),
        "the audit chain still verifies after the calendar imports"
    );
}

#[tokio::test]
async fn the_standard_prints_in_the_letterhead_with_fourteen_components_per_service() {
    let t = TestDesk::sqlite().await;
    t.with_letter_settings().await;
    let mut std = standard::standard(&t.db).await.unwrap();
    std.layanan[2].biaya = "Gratis, tanpa pungutan apa pun.".into();
    std.maklumat = "Kami sanggup melayani sesuai standar ini.".into();
    std.aturan_dipilih = true;
    standard::save(&t.db, &t.as_("admin"), &std).await.unwrap();
    let (name, bytes) = document::pdf(&t.db, &t.as_("pimpinan")).await.unwrap();
    assert!(
        name.starts_with("Standar-Pelayanan-") && name.ends_with(".pdf"),
        "the printed standard is named as the Standar Pelayanan"
    );
    let path = t.dir.path().join(&name);
    std::fs::write(&path, &bytes).unwrap();
    let p = path.to_str().unwrap();
    let (ok, out) = tool("qpdf", &["--check", p]);
    assert!(ok, "{out}");
    let (ok, text) = tool("pdftotext", &["-layout", p, "-"]);
    assert!(ok, "{text}");
    for want in [
        "STANDAR PELAYANAN PENGGUNAAN SERTIFIKAT ELEKTRONIK",
        "I. LAYANAN PENERBITAN SERTIFIKAT ELEKTRONIK",
        "IV. LAYANAN PENCABUTAN SERTIFIKAT ELEKTRONIK",
        "KOMPONEN",
        "Evaluasi kinerja pelaksana",
        "Gratis, tanpa pungutan apa pun.",
        "MAKLUMAT PELAYANAN",
        "Kami sanggup melayani sesuai standar ini.",
        "5 hari kerja sejak berkas lengkap",
    ] {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }
    // Fourteen numbered rows per service.
    assert_eq!(text.matches("Jaminan pelayanan").count(), 4, "{text}");
    let (ok, info) = tool("pdfinfo", &[p]);
    assert!(ok && info.contains("Pages:"), "{info}");
    if let Ok(dir) = std::env::var("LOKET_KEEP_PDF") {
        std::fs::copy(&path, std::path::Path::new(&dir).join(&name)).unwrap();
    }
}

#[tokio::test]
async fn the_dashboard_counts_what_its_lists_show_and_follows_a_corrected_calendar() {
    use loket_core::cases::search::{self, CaseQuery, Kelompok};
    use loket_core::dashboard;
    use loket_core::lifecycle::flow::Action;
    let t = TestDesk::sqlite().await;
    let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    // Complete on Sunday 22/11 09:15: due Wednesday 25/11 at 15:45.
    let running = t.complete_case(&budi()).await;
    let waiting = t.intake(&ayu()).await;
    t.walk(waiting.id, &[Action::BerkasKurang]).await;
    let fresh = t.intake(&pegawai(3, "Ketut Arsana")).await;

    let group = |k: Kelompok, now| {
        let q = CaseQuery {
            kelompok: Some(k),
            per_page: 25,
            ..Default::default()
        };
        let t = &t;
        async move { search::list_cases(&t.db, &t.key, &q, now).await.unwrap() }
    };
    let ids = |p: &search::CasePage| p.items.iter().map(|r| r.id).collect::<Vec<_>>();

    let wednesday = at("2026-11-25T10:00:00+08:00");
    let d = dashboard::dashboard(&t.db, &t.key, wednesday)
        .await
        .unwrap();
    assert_eq!(
        (
            d.jatuh_tempo_hari_ini,
            d.terlambat,
            d.menunggu_pemohon,
            d.baru
        ),
        (1, 0, 1, 1),
        "the dashboard counts one due today, none late, one waiting on the applicant, one new"
    );
    let today = group(Kelompok::JatuhTempoHariIni, wednesday).await;
    assert_eq!(
        ids(&today),
        [running],
        "the due-today list holds the running case"
    );
    assert_eq!(
        today.items[0].sisa_hari_kerja,
        Some(0),
        "a case due today has no working day left"
    );
    assert_eq!(
        today.items[0].tenggat.as_deref(),
        Some("2026-11-25T15:45:00+08:00"),
        "the list shows the deadline at today's closing"
    );
    assert_eq!(
        ids(&group(Kelompok::MenungguPemohon, wednesday).await),
        [waiting.id],
        "the waiting list holds the case waiting on the applicant"
    );
    assert_eq!(
        ids(&group(Kelompok::Baru, wednesday).await),
        [fresh.id],
        "the new list holds the case just received"
    );
    assert!(
        d.peringatan.iter().any(|p| p.contains("2027")),
        "November with no 2027 calendar: {:?}",
        d.peringatan
    );

    // Thursday morning it is overdue by one working day.
    let thursday = at("2026-11-26T10:00:00+08:00");
    let d = dashboard::dashboard(&t.db, &t.key, thursday).await.unwrap();
    assert_eq!(
        (d.jatuh_tempo_hari_ini, d.terlambat),
        (0, 1),
        "a day past its deadline the case is late, no longer due today"
    );
    let late = group(Kelompok::Terlambat, thursday).await;
    assert_eq!(
        ids(&late),
        [running],
        "the late list holds the overdue case"
    );
    assert_eq!(
        late.items[0].sisa_hari_kerja,
        Some(-1),
        "the overdue case is one working day late"
    );

    // The office had forgotten a local holiday on Tuesday 24/11: once it is
    // entered, the same case is due Thursday and no longer overdue.
    let mut y = calendar::year(&t.db, 2026).await.unwrap().unwrap();
    y.hari.push(calendar::HariLibur {
        tanggal: chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        jenis: JenisLibur::Daerah,
        keterangan: "Hari raya daerah".into(),
    });
    calendar::save_year(&t.db, &t.as_("admin"), &y)
        .await
        .unwrap();
    let d = dashboard::dashboard(&t.db, &t.key, thursday).await.unwrap();
    assert_eq!(
        (d.jatuh_tempo_hari_ini, d.terlambat),
        (1, 0),
        "after the holiday is entered the case is due today, not late"
    );
    // The kept column agrees with the deadline computed from the history.
    let on_read = due::of_case(&t.db, running, thursday).await.unwrap();
    assert_eq!(
        on_read.tenggat.as_deref(),
        Some("2026-11-26T15:45:00"),
        "the deadline computed from the history is Thursday at closing"
    );
    assert_eq!(
        ids(&group(Kelompok::JatuhTempoHariIni, thursday).await),
        [running],
        "the due-today list follows the corrected calendar"
    );

    // Sorted by deadline, the one case with a running clock comes first,
    // newest first it comes last (it was opened first).
    let sorted = |urut_tenggat| {
        let q = CaseQuery {
            urut_tenggat,
            per_page: 25,
            ..Default::default()
        };
        let t = &t;
        async move {
            search::list_cases(&t.db, &t.key, &q, thursday)
                .await
                .unwrap()
        }
    };
    assert_eq!(
        ids(&sorted(true).await)[0],
        running,
        "sorted by deadline, the case with a running clock comes first"
    );
    assert_eq!(
        ids(&sorted(false).await).last(),
        Some(&running),
        "newest first, the case opened first comes last"
    );

    // Waiting on the applicant stops the clock: out of both groups.
    t.walk(running, &[Action::BerkasKurang]).await;
    let d = dashboard::dashboard(&t.db, &t.key, thursday).await.unwrap();
    assert_eq!(
        (d.jatuh_tempo_hari_ini, d.terlambat, d.menunggu_pemohon),
        (0, 0, 2),
        "waiting on the applicant stops the clock: neither due nor late"
    );
    t.walk(running, &[Action::Batalkan]).await;
    assert_eq!(
        scalar(
            &t.db,
            "select count(*) from cases where tenggat_at is not null"
        )
        .await,
        "0",
        "an ended case keeps no deadline"
    );
}

/// The two rules that decide whether the office keeps its promise are its
/// own knowing choice: until the standard is saved from its screen the
/// dashboard asks for them; once saved, both are printed in the jangka
/// waktu, the audit entry records them, and a case's deadline follows them
/// (the office's Friday afternoon: due at 11:00 at the closing of the
/// service hours, at the day's end when the office chose so).
#[tokio::test]
async fn the_office_chooses_the_deadline_rules_and_the_standard_prints_them() {
    let t = TestDesk::sqlite().await;
    let asks = |d: &loket_core::dashboard::Dashboard| {
        d.peringatan
            .iter()
            .any(|w| w.starts_with("Aturan tenggat belum dipilih kantor"))
    };
    let d = loket_core::dashboard::dashboard(&t.db, &t.key, now())
        .await
        .unwrap();
    assert!(asks(&d), "{:?}", d.peringatan);
    assert!(!standard::standard(&t.db).await.unwrap().aturan_dipilih);

    let mut std = standard::standard(&t.db).await.unwrap();
    for s in &mut std.layanan {
        s.jeda_bsre = false;
        s.akhir_tenggat = loket_core::standard::model::AkhirTenggat::AkhirHari;
    }
    assert_eq!(
        field_of(
            standard::save(&t.db, &t.as_("admin"), &std)
                .await
                .unwrap_err()
        ),
        "aturan",
        "a save without the rules picked on the screen is refused at them"
    );
    std.aturan_dipilih = true;
    let saved = standard::save(&t.db, &t.as_("admin"), &std).await.unwrap();
    assert!(saved.aturan_dipilih, "the choice is kept");
    let d = loket_core::dashboard::dashboard(&t.db, &t.key, now())
        .await
        .unwrap();
    assert!(!asks(&d), "{:?}", d.peringatan);
    let text = &standard::view(&t.db, *now().offset())
        .await
        .unwrap()
        .rincian[0]
        .komponen[2]
        .uraian;
    assert!(
        text.contains("waktu proses BSrE ikut dihitung")
            && text.contains("tenggat berakhir pada akhir hari kerja terakhir"),
        "{text}"
    );
    let entry = scalar(
        &t.db,
        "SELECT detail FROM audit_log WHERE action = 'settings.standard'",
    )
    .await;
    assert!(
        entry.contains(r#""akhir_tenggat":"akhir_hari""#) && entry.contains(r#""jeda_bsre":false"#),
        "{entry}"
    );
    // Complete on Sunday 22/11/2026 09:15: three working days end on
    // Wednesday, now at the end of that day.
    let case = t.complete_case(&budi()).await;
    let due = due::of_case(&t.db, case, now()).await.unwrap();
    assert_eq!(due.tenggat.as_deref(), Some("2026-11-25T23:59:59"));
}

/// A service time promised as a range ("1 s.d. 3 hari kerja") is counted by
/// its upper bound and printed with both; a lower bound not below the upper
/// is refused at its field.
#[tokio::test]
async fn a_range_is_promised_by_its_upper_bound() {
    let t = TestDesk::sqlite().await;
    let mut std = standard::standard(&t.db).await.unwrap();
    std.aturan_dipilih = true;
    std.layanan[0].hari_kerja_min = Some(3);
    assert_eq!(
        field_of(
            standard::save(&t.db, &t.as_("admin"), &std)
                .await
                .unwrap_err()
        ),
        "layanan.0.hari_kerja_min"
    );
    std.layanan[0].hari_kerja_min = Some(1);
    standard::save(&t.db, &t.as_("admin"), &std).await.unwrap();
    let case = t.complete_case(&budi()).await;
    let d = due::of_case(&t.db, case, now()).await.unwrap();
    assert_eq!(
        d.tenggat.as_deref(),
        Some("2026-11-25T15:45:00"),
        "three working days from Monday 08:00, as without the range"
    );
    let p = due::promise(
        &t.db,
        loket_core::lifecycle::vocabulary::Layanan::Penerbitan,
        now().naive_local(),
    )
    .await
    .unwrap();
    assert_eq!(p.dasar, "1 s.d. 3 hari kerja sejak berkas lengkap");
    let view = standard::view(&t.db, *now().offset()).await.unwrap();
    assert!(
        view.rincian[0].komponen[2]
            .uraian
            .starts_with("1 s.d. 3 hari kerja sejak berkas lengkap"),
        "{}",
        view.rincian[0].komponen[2].uraian
    );
}
