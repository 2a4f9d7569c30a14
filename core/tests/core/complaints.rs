//! The complaints register: deadlines from the working-day engine (and in
//! calendar days, said so, where a year has no calendar), the way from
//! diterima to selesai with its audit entries, refusals that save nothing,
//! the service report's counts, and the complaints officer printed where
//! applicants look.

use super::support::*;
use chrono::DateTime;
use loket_core::audit;
use loket_core::calendar::days::{JenisLibur, TypedDay, TypedYear};
use loket_core::complaints::fix::{self, ComplaintFix};
use loket_core::complaints::register::{self, ComplaintStep, NewComplaint, StatusPengaduan};
use loket_core::reports::figures;
use loket_core::reports::period::ReportQuery;

fn at(s: &str) -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("{s}:00+08:00")).unwrap()
}

fn complaint(kanal: &str, kategori: &str) -> NewComplaint {
    NewComplaint {
        kanal: kanal.into(),
        nomor_lapor: String::new(),
        anonim: false,
        nama: "Ni Luh Ayu".into(),
        kontak: "081234567891".into(),
        nomor_registrasi: String::new(),
        kategori: kategori.into(),
        isi: "Surel dari BSrE belum saya terima setelah tiga hari.".into(),
        petugas: "Petugas A".into(),
        diterima: String::new(),
    }
}

fn finish(tanggapan: &str) -> ComplaintStep {
    ComplaintStep {
        status: StatusPengaduan::Selesai,
        petugas: "Petugas A".into(),
        tanggapan: tanggapan.into(),
    }
}

/// Wednesday 23/12/2026 10:00. Ringan (2 hari kerja): the 23rd is day one;
/// 24/12 (cuti bersama), 25/12 (Natal) and the weekend do not count; day two
/// is Monday 28/12, due at its closing (15:45). Normatif (5): 23, 28, 29, 30
/// and Thursday 31/12. Tidak berkadar pengawasan (14) reaches into 2027,
/// whose calendar this desk does not have: no deadline yet, never a count
/// in calendar days.
#[tokio::test]
async fn a_complaint_is_due_in_the_working_days_of_its_category() {
    let t = TestDesk::sqlite().await;
    let act = t.at("Petugas A", at("2026-12-23T10:00"));
    let ringan = register::register(&t.db, &act, &complaint("tatap_muka", "ringan"))
        .await
        .unwrap();
    assert_eq!(
        ringan.nomor, "ADU-2026-0001",
        "complaints are numbered per year from 0001"
    );
    assert_eq!(
        ringan.tenggat_at,
        Some(at("2026-12-28T15:45")),
        "a light complaint is due at closing on its second working day, the holidays not counted"
    );
    let normatif = register::register(&t.db, &act, &complaint("surel", "normatif"))
        .await
        .unwrap();
    assert_eq!(
        normatif.nomor, "ADU-2026-0002",
        "the next complaint takes the next number"
    );
    assert_eq!(
        normatif.tenggat_at,
        Some(at("2026-12-31T15:45")),
        "a normative complaint is due at closing on its fifth working day"
    );
    let long = register::register(&t.db, &act, &complaint("telepon", "tidak_berkadar"))
        .await
        .unwrap();
    assert_eq!(
        long.tenggat_at, None,
        "no 2027 calendar: the deadline cannot be counted yet, and is not guessed"
    );
    assert!(
        !long.terlambat,
        "a complaint without a deadline is not late"
    );
    assert_eq!(
        long.kategori_nama, "Tidak berkadar pengawasan",
        "the complaint carries its category's name"
    );
    assert_eq!(
        long.hari_kerja, 14,
        "the category's term of 14 working days is kept with the complaint"
    );
}

/// The year's turn, with the figures of the office's own check: a
/// 2-working-day complaint received Thursday 31/12/2026 10:00 and a
/// 14-working-day one from Monday 14/12/2026 10:00 reach into 2027. Without
/// 2027's calendar they were once counted in calendar days (Saturday
/// 02/01/2027 and 28/12/2026) and stayed so. Now they wait, the dashboard
/// says so, and saving 2027 (with 1 January) counts them in working days in
/// the same transaction: Monday 04/01/2027 and Tuesday 05/01/2027, each at
/// closing.
#[tokio::test]
async fn complaints_past_the_years_turn_wait_for_its_calendar_and_are_counted_when_it_is_saved() {
    let t = TestDesk::sqlite().await;
    let ringan = register::register(
        &t.db,
        &t.at("Petugas A", at("2026-12-31T10:00")),
        &complaint("tatap_muka", "ringan"),
    )
    .await
    .unwrap();
    let long = register::register(
        &t.db,
        &t.at("Petugas A", at("2026-12-14T10:00")),
        &complaint("surel", "tidak_berkadar"),
    )
    .await
    .unwrap();
    assert_eq!(
        (ringan.tenggat_at, long.tenggat_at),
        (None, None),
        "both reach 2027, whose calendar is missing: no deadline yet"
    );
    let board = loket_core::dashboard::dashboard(&t.db, &t.key, at("2026-12-31T11:00"))
        .await
        .unwrap();
    assert!(
        board
            .peringatan
            .iter()
            .any(|w| w.starts_with("2 pengaduan dengan tenggat belum dapat dihitung")),
        "the dashboard tells the admin: {:?}",
        board.peringatan
    );

    let saved = loket_core::recount::save_year(
        &t.db,
        &t.at("admin", at("2026-12-31T11:30")),
        &TypedYear {
            tahun: 2027,
            dasar: "SKB 3 Menteri tentang hari libur nasional dan cuti bersama 2027".into(),
            hari: vec![TypedDay {
                tanggal: "01/01/2027".into(),
                jenis: JenisLibur::Nasional,
                keterangan: "Tahun Baru 2027 Masehi".into(),
            }],
        },
    )
    .await
    .unwrap();
    assert_eq!(saved.pengaduan, 2, "both complaints got their deadline");
    let rows = register::list(&t.db, at("2026-12-31T11:30"), false, 10)
        .await
        .unwrap();
    let due = |nomor: &str| rows.iter().find(|r| r.nomor == nomor).unwrap().tenggat_at;
    assert_eq!(
        due(&ringan.nomor),
        Some(at("2027-01-04T15:45")),
        "31/12 is day one; 1 January is a holiday and 2-3 January a weekend: Monday 04/01"
    );
    assert_eq!(
        due(&long.nomor),
        Some(at("2027-01-05T15:45")),
        "twelve working days in December (24 and 25 off), then 4 and 5 January"
    );
    let entry = scalar(
        &t.db,
        "SELECT detail FROM audit_log WHERE action = 'deadlines.recount'",
    )
    .await;
    assert!(
        entry.contains(r#""pengaduan":2"#) && entry.contains(r#""tahun":2027"#),
        "the recount is audited with what it moved: {entry}"
    );
    let board = loket_core::dashboard::dashboard(&t.db, &t.key, at("2026-12-31T12:00"))
        .await
        .unwrap();
    assert!(
        !board.peringatan.iter().any(|w| w.contains("pengaduan")),
        "nothing waits any more: {:?}",
        board.peringatan
    );
}

/// Next year's calendar is asked for from 1 October: a quarter ahead of the
/// turn, when the last cases and the complaints' sixty days reach into it.
#[tokio::test]
async fn the_dashboard_asks_for_next_years_calendar_from_the_first_of_october() {
    let t = TestDesk::sqlite().await;
    let warned = |b: &loket_core::dashboard::Dashboard| {
        b.peringatan
            .iter()
            .any(|w| w.starts_with("Kalender kerja 2027 belum ada"))
    };
    let september = loket_core::dashboard::dashboard(&t.db, &t.key, at("2026-09-30T09:00"))
        .await
        .unwrap();
    assert!(!warned(&september), "{:?}", september.peringatan);
    let october = loket_core::dashboard::dashboard(&t.db, &t.key, at("2026-10-01T09:00"))
        .await
        .unwrap();
    assert!(warned(&october), "{:?}", october.peringatan);
}

#[tokio::test]
async fn bad_complaints_name_their_fields_and_save_nothing() {
    let t = TestDesk::sqlite().await;
    let mut c = complaint("sp4n_lapor", "tidak-ada");
    c.isi = "  ".into();
    c.nomor_registrasi = "REG-2026-09999".into();
    let e = register::register(&t.db, &t.op(), &c).await.unwrap_err();
    assert_eq!(
        field_of(e),
        "isi,kategori,nomor_lapor,nomor_registrasi",
        "each bad field is named: text, category, LAPOR ticket and unknown case number"
    );
    let mut none = complaint("lainnya", "ringan");
    none.kanal = String::new();
    assert_eq!(
        field_of(register::register(&t.db, &t.op(), &none).await.unwrap_err()),
        "kanal",
        "a complaint without a channel is refused at the channel"
    );
    let mut named = complaint("tatap_muka", "ringan");
    named.nama = String::new();
    assert_eq!(
        field_of(
            register::register(&t.db, &t.op(), &named)
                .await
                .unwrap_err()
        ),
        "nama",
        "a named complaint without a name is refused at the name"
    );
    assert_eq!(
        t.count("complaints").await,
        0,
        "refused complaints save nothing"
    );
    assert_eq!(
        scalar(&t.db, "select count(*) from counters").await,
        "0",
        "no number taken by a refused complaint"
    );

    // Anonymous, by SP4N-LAPOR! with its ticket, about a case.
    let case = t.intake(&budi()).await;
    let mut ok = complaint("sp4n_lapor", "ringan");
    ok.anonim = true;
    ok.nama = "ignored".into();
    ok.nomor_lapor = "LAPOR-4471".into();
    ok.nomor_registrasi = case.nomor.to_lowercase();
    let row = register::register(&t.db, &t.op(), &ok).await.unwrap();
    assert_eq!(
        row.pengadu, "Anonim",
        "an anonymous complaint shows no name"
    );
    assert_eq!(
        row.nomor_lapor.as_deref(),
        Some("LAPOR-4471"),
        "the SP4N-LAPOR ticket is kept"
    );
    assert_eq!(
        row.nomor_registrasi.as_deref(),
        Some(case.nomor.as_str()),
        "the case number is kept as the desk writes it"
    );
    assert_eq!(
        scalar(&t.db, "select coalesce(nama, 'kosong') from complaints").await,
        "kosong",
        "an anonymous complaint stores no name"
    );
}

#[tokio::test]
async fn a_complaint_moves_from_received_to_answered_with_its_audit_entries() {
    let t = TestDesk::sqlite().await;
    let c = register::register(
        &t.db,
        &t.at("Petugas A", at("2026-12-23T10:00")),
        &complaint("tatap_muka", "ringan"),
    )
    .await
    .unwrap();
    let later = t.at("Petugas B", at("2026-12-28T09:00"));
    // Finishing needs the response; nothing changes without it.
    let e = register::step(&t.db, &later, c.id, &finish(" "))
        .await
        .unwrap_err();
    assert_eq!(
        field_of(e),
        "tanggapan",
        "finishing without a response is refused at the response"
    );
    assert_eq!(
        scalar(&t.db, "select status from complaints").await,
        "diterima",
        "a refused step leaves the complaint received"
    );
    let follow = register::step(
        &t.db,
        &later,
        c.id,
        &ComplaintStep {
            status: StatusPengaduan::Ditindaklanjuti,
            petugas: "Kepala Bidang".into(),
            tanggapan: String::new(),
        },
    )
    .await
    .unwrap();
    assert_eq!(
        follow.status,
        StatusPengaduan::Ditindaklanjuti,
        "the complaint moves on to followed up"
    );
    assert_eq!(
        follow.petugas, "Kepala Bidang",
        "the step records the officer now handling it"
    );
    let done = register::step(
        &t.db,
        &t.at("Kepala Bidang", at("2026-12-28T14:00")),
        c.id,
        &finish("Surel BSrE dikirim ulang; pemohon sudah menerimanya."),
    )
    .await
    .unwrap();
    assert_eq!(
        done.status,
        StatusPengaduan::Selesai,
        "the response finishes the complaint"
    );
    assert_eq!(
        done.ditanggapi_at,
        Some(at("2026-12-28T14:00")),
        "the time of the response is recorded"
    );
    assert!(!done.terlambat, "answered before 28/12 15:45");
    let again = register::step(&t.db, &later, c.id, &finish("lagi"))
        .await
        .unwrap_err();
    assert_eq!(
        field_of(again),
        "status",
        "a finished complaint takes no further step"
    );
    assert_eq!(
        scalar(
            &t.db,
            "select group_concat(action, ',') from (select action from audit_log where entity = 'complaint' order by seq)"
        )
        .await,
        "complaint.create,complaint.step,complaint.step"
    , "the complaint's creation and each step are audited in order");
    assert!(
        matches!(
            audit::verify(&t.db, &t.key).await.unwrap(),
            audit::Verdict::Intact { .. }
        ),
        "the audit chain still verifies after the complaint's steps"
    );
}

/// The quarter's complaints in the service report: per channel, per
/// category, answered on time, and still open past the deadline.
#[tokio::test]
async fn the_service_report_counts_complaints_by_channel_category_and_time() {
    let t = TestDesk::sqlite().await;
    let received = t.at("Petugas A", at("2026-12-23T10:00"));
    let on_time = register::register(&t.db, &received, &complaint("tatap_muka", "ringan"))
        .await
        .unwrap();
    let late = register::register(&t.db, &received, &complaint("surel", "ringan"))
        .await
        .unwrap();
    register::register(&t.db, &received, &complaint("surel", "normatif"))
        .await
        .unwrap();
    register::step(
        &t.db,
        &t.at("Petugas A", at("2026-12-28T10:00")),
        on_time.id,
        &finish("Sudah dijelaskan."),
    )
    .await
    .unwrap();
    register::step(
        &t.db,
        &t.at("Petugas A", at("2026-12-29T10:00")),
        late.id,
        &finish("Maaf, terlambat."),
    )
    .await
    .unwrap();
    let r = figures::report(
        &t.db,
        &ReportQuery::triwulan(2026, 4),
        at("2027-01-04T08:00"),
    )
    .await
    .unwrap();
    let p = &r.pengaduan;
    let line = |name: &str| {
        p.per_kanal
            .iter()
            .chain(&p.per_kategori)
            .find(|l| l.nama == name)
            .map(|l| (l.diterima, l.selesai, l.tepat_waktu, l.terlambat_terbuka))
            .unwrap()
    };
    assert_eq!(
        line("Tatap muka / tertulis"),
        (1, 1, 1, 0),
        "the face-to-face complaint counts as received, answered and on time"
    );
    assert_eq!(
        line("Surel"),
        (2, 1, 0, 1),
        "of two e-mail complaints one was answered late and one is open past its deadline"
    );
    assert_eq!(
        line("Telepon"),
        (0, 0, 0, 0),
        "a channel with no complaint counts zero"
    );
    assert_eq!(
        line("Ringan"),
        (2, 2, 1, 0),
        "both light complaints are answered, one on time"
    );
    assert_eq!(line("Normatif"), (1, 0, 0, 1), "due 31/12, still open");
    assert_eq!(
        (
            p.jumlah.diterima,
            p.jumlah.selesai,
            p.jumlah.tepat_waktu,
            p.jumlah.terlambat_terbuka
        ),
        (3, 2, 1, 1),
        "the quarter's totals add up the channels"
    );
    // The register lists the late ones as late.
    let rows = register::list(&t.db, at("2027-01-04T08:00"), false, 50)
        .await
        .unwrap();
    let late_ones: Vec<&str> = rows
        .iter()
        .filter(|r| r.terlambat)
        .map(|r| r.nomor.as_str())
        .collect();
    assert_eq!(
        late_ones,
        ["ADU-2026-0003", "ADU-2026-0002"],
        "the register marks the late-answered and the overdue open complaint as late"
    );
    let open = register::list(&t.db, at("2027-01-04T08:00"), true, 50)
        .await
        .unwrap();
    assert_eq!(open.len(), 1, "only the normative complaint is still open");
}

/// The complaints officer and the channels on the desk's receipt, the
/// kiosk's information screen and the printed Standar Pelayanan.
#[tokio::test]
async fn the_complaints_officer_is_printed_where_applicants_look() {
    use loket_core::kiosk::info;
    use loket_core::standard::{document, keep};
    let t = TestDesk::sqlite().await;
    t.with_letter_settings().await;
    let mut s = keep::standard(&t.db).await.unwrap();
    s.pejabat_pengaduan = "Meidy Prasetyo Utomo, S.Kom, HP 0856-4381-2110".into();
    s.aturan_dipilih = true;
    keep::save(&t.db, &t.op(), &s).await.unwrap();

    let kiosk = info::services(&t.db, *now().offset()).await.unwrap();
    assert!(
        kiosk.iter().all(|i| i.pengaduan.contains("SP4N")
            && i.pengaduan
                .ends_with("Pejabat pengaduan: Meidy Prasetyo Utomo, S.Kom, HP 0856-4381-2110")),
        "{kiosk:?}"
    );
    let case = t.intake(&budi()).await;
    let (_, receipt) = loket_core::letters::export::receipt(&t.db, &t.op(), case.id)
        .await
        .unwrap();
    let (_, standard) = document::pdf(&t.db, &t.op()).await.unwrap();
    for (what, pdf) in [("receipt", receipt), ("standard", standard)] {
        let path = t.dir.path().join(format!("{what}.pdf"));
        std::fs::write(&path, &pdf).unwrap();
        let (ok, text) = tool("pdftotext", &[path.to_str().unwrap(), "-"]);
        assert!(ok, "{text}");
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("Pejabat pengaduan: Meidy Prasetyo Utomo, S.Kom, HP 0856-4381-2110"),
            "{what}: {flat}"
        );
        assert!(flat.contains("SP4N"), "{what}: {flat}");
    }
}

/// A complaint that came in before it was recorded (a letter opened on
/// Monday, a call taken on Friday afternoon) is kept at the moment it came
/// in, and its deadlines run from then: received Friday 20/11/2026 14:00,
/// after Friday's closing (11:00), its clock starts on Monday 23/11 and a
/// normatif complaint (5 working days) is due at Friday 27/11's closing,
/// 11:00, though it was recorded on Tuesday. A moment still to come, or one
/// that is no date, is refused at its field and nothing is saved.
#[tokio::test]
async fn a_complaint_keeps_the_moment_it_came_in_and_its_deadlines_run_from_it() {
    let t = TestDesk::sqlite().await;
    let act = t.at("Petugas A", at("2026-11-24T09:00"));
    for (typed, why) in [
        ("24/11/2026 10:00", "belum terjadi"),
        ("31/11/2026 10:00", "hh/bb/tttt"),
    ] {
        let e = register::register(
            &t.db,
            &act,
            &NewComplaint {
                diterima: typed.into(),
                ..complaint("surel", "normatif")
            },
        )
        .await
        .unwrap_err();
        let loket_core::Error::Invalid { fields, .. } = e else {
            panic!("not by field")
        };
        assert!(fields["diterima"].contains(why), "{fields:?}");
    }
    assert_eq!(t.count("complaints").await, 0, "nothing saved");
    let c = register::register(
        &t.db,
        &act,
        &NewComplaint {
            diterima: "20/11/2026 14:00".into(),
            ..complaint("surel", "normatif")
        },
    )
    .await
    .unwrap();
    assert_eq!(c.diterima_at, at("2026-11-20T14:00"));
    assert_eq!(c.tenggat_at, Some(at("2026-11-27T11:00")));
    assert_eq!(
        c.jawab_tenggat_at,
        Some(at("2026-11-27T11:00")),
        "normatif: answer in 5 days too"
    );
}

fn fix(
    versi: &str,
    (kanal, tiket): (&str, &str),
    kategori: &str,
    diterima: &str,
    alasan: &str,
) -> ComplaintFix {
    ComplaintFix {
        kanal: kanal.into(),
        nomor_lapor: tiket.into(),
        kategori: kategori.into(),
        diterima: diterima.into(),
        alasan: alasan.into(),
        versi: versi.into(),
    }
}

/// A complaint recorded under the wrong channel, category and moment is put
/// right with a reason: its deadlines are counted again from the corrected
/// moment by the corrected category, the old and new values are in the
/// audit log; a correction without a reason, without the ticket the new
/// channel gives, or changing nothing is refused and writes nothing.
#[tokio::test]
async fn a_complaint_recorded_wrongly_is_corrected_with_its_deadlines_counted_again() {
    let t = TestDesk::sqlite().await;
    let act = t.at("Petugas A", at("2026-11-23T10:00"));
    let c = register::register(&t.db, &act, &complaint("telepon", "normatif"))
        .await
        .unwrap();
    assert_eq!(c.tenggat_at, Some(at("2026-11-27T11:00")));
    let later = t.at("Petugas B", at("2026-11-23T11:00"));
    let e = fix::correct(
        &t.db,
        &later,
        c.id,
        &fix(
            &c.versi,
            ("sp4n_lapor", ""),
            "ringan",
            "20/11/2026 09:00",
            "",
        ),
    )
    .await
    .unwrap_err();
    let loket_core::Error::Invalid { fields, .. } = e else {
        panic!("not by field")
    };
    assert_eq!(
        fields.keys().collect::<Vec<_>>(),
        ["alasan", "nomor_lapor"],
        "no reason, no ticket for SP4N-LAPOR!"
    );
    let same = fix::correct(
        &t.db,
        &later,
        c.id,
        &fix(
            &c.versi,
            ("telepon", ""),
            "normatif",
            "23/11/2026 10:00",
            "Salah.",
        ),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&same, loket_core::Error::Invalid { message, fields } if message == "Tidak ada yang berubah." && fields.is_empty()),
        "nothing changed, said of the whole form: {same:?}"
    );
    assert_eq!(
        scalar(
            &t.db,
            "select count(*) from audit_log where action = 'complaint.correct'"
        )
        .await,
        "0"
    );

    // Received Friday 20/11 09:00 through SP4N-LAPOR!, a light complaint: day
    // one is that Friday, day two Monday 23/11, due at its closing.
    let fixed = fix::correct(
        &t.db,
        &later,
        c.id,
        &fix(
            &c.versi,
            ("sp4n_lapor", "LAPOR-7781"),
            "ringan",
            "20/11/2026 09:00",
            "Dicatat dari telepon; aslinya laporan SP4N-LAPOR! hari Jumat.",
        ),
    )
    .await
    .unwrap();
    assert_eq!(fixed.kanal, "sp4n_lapor");
    assert_eq!(fixed.nomor_lapor.as_deref(), Some("LAPOR-7781"));
    assert_eq!((fixed.kategori.as_str(), fixed.hari_kerja), ("ringan", 2));
    assert_eq!(fixed.diterima_at, at("2026-11-20T09:00"));
    assert_eq!(fixed.tenggat_at, Some(at("2026-11-23T15:45")));
    assert_eq!(fixed.jawab_tenggat_at, Some(at("2026-11-23T15:45")));
    assert_eq!(fixed.nomor, c.nomor, "the number stays");
    let logged = scalar(
        &t.db,
        "select detail from audit_log where action = 'complaint.correct'",
    )
    .await;
    assert!(
        logged.contains("\"lama\"") && logged.contains("normatif") && logged.contains("ringan"),
        "{logged}"
    );
}

async fn two_desks_correcting(t: &TestDesk) {
    let c = register::register(&t.db, &t.op(), &complaint("telepon", "normatif"))
        .await
        .unwrap();
    let second = loket_core::store::open(&t.url).await.unwrap();
    let (a, b) = (t.as_("desk-a"), t.as_("desk-b"));
    let came = loket_core::clock::when(c.diterima_at.with_timezone(now().offset()));
    // Both desks opened the form on the same reading of the complaint.
    let to_ringan = fix(
        &c.versi,
        ("telepon", ""),
        "ringan",
        &came,
        "Kategori keliru.",
    );
    let to_surel = fix(&c.versi, ("surel", ""), "normatif", &came, "Kanal keliru.");
    let (one, other) = tokio::join!(
        fix::correct(&t.db, &a, c.id, &to_ringan),
        fix::correct(&second, &b, c.id, &to_surel)
    );
    assert_eq!(
        [&one, &other].iter().filter(|r| r.is_ok()).count(),
        1,
        "the second correction, made on an older reading, is refused: {one:?} / {other:?}"
    );
    let won = if one.is_ok() {
        "telepon,ringan"
    } else {
        "surel,normatif"
    };
    let refused = if one.is_ok() { other } else { one }.unwrap_err();
    assert_eq!(field_of(refused), "status");
    assert_eq!(
        scalar(
            &t.db,
            "select count(*) from audit_log where action = 'complaint.correct'"
        )
        .await,
        "1"
    );
    let state = scalar(
        &t.db,
        &format!(
            "select kanal || ',' || kategori from complaints where id = {}",
            c.id
        ),
    )
    .await;
    assert_eq!(state, won, "the refused correction wrote nothing");
}

/// A settled complaint is not corrected (its lateness was judged), and a
/// complaint cannot be made to come in after it was handled.
#[tokio::test]
async fn a_correction_cannot_move_a_complaint_past_its_handling() {
    let t = TestDesk::sqlite().await;
    let act = t.at("Petugas A", at("2026-11-23T10:00"));
    let c = register::register(&t.db, &act, &complaint("telepon", "normatif"))
        .await
        .unwrap();
    let later = t.at("Petugas A", at("2026-11-24T10:00"));
    let followed = register::step(
        &t.db,
        &later,
        c.id,
        &ComplaintStep {
            status: StatusPengaduan::Ditindaklanjuti,
            petugas: "Petugas A".into(),
            tanggapan: String::new(),
        },
    )
    .await
    .unwrap();
    // Followed up only: a correction still holds, within the handling.
    let after = t.at("Petugas A", at("2026-11-25T10:00"));
    let e = fix::correct(
        &t.db,
        &after,
        c.id,
        &fix(
            &followed.versi,
            ("telepon", ""),
            "normatif",
            "24/11/2026 11:00",
            "Salah jam.",
        ),
    )
    .await;
    assert!(e.is_ok(), "no answer, escalation or settlement yet: {e:?}");
    let row = e.unwrap();
    let answered = register::step(&t.db, &after, c.id, &finish("Sudah ditangani."))
        .await
        .unwrap();
    let settled = fix::correct(
        &t.db,
        &after,
        c.id,
        &fix(
            &answered.versi,
            ("telepon", ""),
            "ringan",
            "24/11/2026 11:00",
            "Kategori keliru.",
        ),
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(settled), "status", "settled: not corrected");
    assert_ne!(row.versi, answered.versi, "each write is a new version");
    // A stale version is refused even before the status is looked at.
    let stale = fix::correct(
        &t.db,
        &after,
        c.id,
        &fix(
            &c.versi,
            ("telepon", ""),
            "ringan",
            "24/11/2026 11:00",
            "Lama.",
        ),
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(stale), "status");
}

#[tokio::test]
async fn two_desks_correcting_one_complaint_on_sqlite() {
    two_desks_correcting(&TestDesk::sqlite().await).await;
}

#[tokio::test]
async fn two_desks_correcting_one_complaint_on_postgresql() {
    two_desks_correcting(&TestDesk::postgres("complaint_fix").await).await;
}
