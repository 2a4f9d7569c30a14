//! Files made to hurt a reader (`tests/crafted/make.py`: a cross-reference
//! that points at itself, 200,000 nested arrays, an object stream behind
//! three layers of compression, a sheet with a cell at XFD1048576, merges
//! over the whole sheet, zip bombs honest and lying, a CSV line of a million
//! columns, an ODS row repeated across the sheet), given to Loket where the
//! desk reads files from outside: a returned signed letter, the import's
//! file, a collective roster. Each is refused next to the file's field in
//! bounded time, and the desk answers its next query at once. Without the
//! confined reader the nested arrays abort this whole test binary (stack
//! overflow) and the self-referencing PDF never returns.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use super::support::*;
use loket_core::collective::roster;
use loket_core::confined::{self, Refusal};
use loket_core::entities::cases;
use loket_core::import::{ImportMapping, run as import_run, sheet};
use loket_core::letters::register;
use loket_core::letters::signed::{self, SignedUpload};
use loket_core::office::kinds::{Jenis, LetterStatus};
use loket_core::pdfsig::{self, SignatureStatus};
use proptest::prelude::*;
use rand::rngs::OsRng;
use sea_orm::{EntityTrait, PaginatorTrait};

/// The corpus, written once per build folder (the script skips what exists).
fn corpus() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/crafted");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/crafted/make.py");
        let (ok, out) = tool(
            "python3",
            &[script.to_str().unwrap(), dir.to_str().unwrap()],
        );
        assert!(ok, "the crafted files could not be written: {out}");
        dir
    })
}

fn crafted(name: &str) -> Vec<u8> {
    std::fs::read(corpus().join(name)).unwrap()
}

const PDFS: [&str; 8] = [
    "prev-loop.pdf",
    "prev-cycle.pdf",
    "deep-arrays.pdf",
    "deep-dictionaries.pdf",
    "objstm-bomb.pdf",
    "truncated-xref.pdf",
    "huge-length.pdf",
    "deep-signature.pdf",
];

/// The desk's next query answers within a second.
async fn still_answers(t: &TestDesk, after: &str) {
    let asked =
        tokio::time::timeout(Duration::from_secs(1), cases::Entity::find().count(&t.db)).await;
    assert!(
        matches!(asked, Ok(Ok(_))),
        "after {after} the desk did not answer its next query within a second"
    );
}

fn file_message(e: loket_core::Error, field: &str) -> String {
    match e {
        loket_core::Error::Invalid { fields, .. } => fields
            .get(field)
            .cloned()
            .unwrap_or_else(|| panic!("no message on {field}: {fields:?}")),
        other => panic!("expected a message next to the {field} field, got {other:?}"),
    }
}

#[tokio::test]
async fn every_crafted_pdf_returned_as_a_signed_letter_is_refused_and_the_desk_answers() {
    let t = TestDesk::sqlite().await;
    t.with_letter_settings().await;
    let case = t.complete_case(&budi()).await;
    let letter = t.draft(Jenis::RekomendasiPendaftaran, vec![case]).await;
    t.issue(letter).await;
    for name in PDFS {
        let bytes = crafted(name);
        let started = Instant::now();
        let refused = signed::attach_signed(
            &t.db,
            &t.as_("verifikator"),
            &mut OsRng,
            &SignedUpload {
                letter_id: letter,
                filename: name,
                bytes: &bytes,
                as_scan: false,
            },
        )
        .await
        .expect_err(name);
        let took = started.elapsed();
        let message = file_message(refused, "file");
        println!("{name} ({took:?}): {message}");
        assert!(!message.is_empty(), "{name}");
        // The reader's wall-clock limit is 1.5 s; five is a hang, not a slow machine.
        assert!(
            took < Duration::from_secs(5),
            "{name} took {took:?}: {message}"
        );
        still_answers(&t, name).await;
    }
    let all = register::list(&t.db, &register::LetterQuery::default())
        .await
        .unwrap();
    let l = all.iter().find(|l| l.id == letter).unwrap();
    assert_eq!(
        l.status,
        LetterStatus::Terbit,
        "no crafted file made the letter final"
    );
}

#[tokio::test]
async fn the_readers_limits_name_what_stopped_it() {
    let _ = key();
    // The self-referencing cross-reference loops forever in the PDF parser;
    // the nested arrays overflow its stack; the bomb needs gigabytes.
    for (name, fits) in [
        (
            "prev-loop.pdf",
            &(|r: &Refusal| matches!(r, Refusal::TimedOut(_) | Refusal::CpuTime(_)))
                as &dyn Fn(&Refusal) -> bool,
        ),
        ("deep-arrays.pdf", &|r: &Refusal| *r == Refusal::Nesting),
    ] {
        match pdfsig::verify_confined(&crafted(name), &[], 0).await {
            Err(r) => assert!(fits(&r), "{name}: {r:?}"),
            Ok(v) => panic!("{name} gave a verdict instead of a refusal: {v:?}"),
        }
    }
    for name in PDFS {
        if let Ok(v) = pdfsig::verify_confined(&crafted(name), &[], 0).await {
            assert_ne!(v.status, SignatureStatus::Valid, "{name}");
        }
    }
    // An unknown job is the reader's own refusal, not a crash.
    let done = confined::run(
        "no-such-job",
        serde_json::json!({}),
        b"x",
        confined::Limits::PDF,
    )
    .await
    .unwrap();
    assert!(
        done.read::<()>()
            .unwrap()
            .unwrap_err()
            .contains("tidak dikenal"),
        "an unknown job is the confined reader's own refusal, not a crash"
    );
}

#[tokio::test]
async fn every_crafted_spreadsheet_is_refused_with_its_size_and_the_desk_answers() {
    let t = TestDesk::sqlite().await;
    for (name, says) in [
        ("far-corner.xlsx", "XFD"),
        ("many-merges.xlsx", "gabungan"),
        ("zip-bomb.xlsx", "MB"),
        ("lying-zip-bomb.xlsx", "rusak"),
        ("wide.csv", "kolom"),
        ("long-string.xlsx", "karakter per sel"),
        ("amplified.xlsx", "mengembang"),
        ("repeat.ods", "sel"),
        ("repeat-under-cap.ods", "memori"),
    ] {
        let bytes = crafted(name);
        let started = Instant::now();
        let e = import_run::preview(&t.db, name, &bytes)
            .await
            .expect_err(name);
        let took = started.elapsed();
        let message = file_message(e, "berkas");
        println!("{name} ({took:?}): {message}");
        assert!(message.contains(says), "{name}: {message}");
        assert!(took < Duration::from_secs(40), "{name} took {took:?}");
        // The roster of a collective request reads files the same way.
        let e = roster::read(name, &bytes, &ImportMapping::default())
            .await
            .expect_err(name);
        assert!(
            file_message(e, "berkas").contains(says),
            "{name} as a roster"
        );
        still_answers(&t, name).await;
    }
    // A merge reaching column XFD and row 1048576 covers no more than the
    // table: the sheet is read as its three rows.
    let wide = sheet::read("wide-merge.xlsx", &crafted("wide-merge.xlsx"))
        .await
        .unwrap();
    assert_eq!(
        wide.headers,
        ["Nama", "NIK"],
        "a merge over the whole sheet covers only the table's headers"
    );
    assert_eq!(
        wide.rows.len(),
        1,
        "a merge over the whole sheet covers only the table's one data row"
    );
    assert!(wide.rows.iter().all(|r| r.cells.len() <= 2), "{wide:?}");
    let far = file_message(
        sheet::read("far-corner.xlsx", &crafted("far-corner.xlsx"))
            .await
            .unwrap_err(),
        "berkas",
    );
    assert!(
        far.contains("16.384 kolom") && far.contains("XFD1048576"),
        "{far}"
    );
}

fn pdf_tokens() -> impl Strategy<Value = Vec<u8>> {
    let token = prop_oneof![
        Just(b"[".to_vec()),
        Just(b"]".to_vec()),
        Just(b"<<".to_vec()),
        Just(b">>".to_vec()),
        Just(b"(".to_vec()),
        Just(b"/Prev 9 ".to_vec()),
        Just(b"/Length 99999999 ".to_vec()),
        Just(b"1 0 obj ".to_vec()),
        Just(b"endobj\n".to_vec()),
        Just(b"stream\n".to_vec()),
        Just(b"xref\n0 1\n".to_vec()),
        Just(b"trailer ".to_vec()),
        Just(b"startxref\n9\n%%EOF\n".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..16),
    ];
    proptest::collection::vec((token, 1usize..400), 0..40).prop_map(|parts| {
        let mut out = b"%PDF-1.7\n".to_vec();
        for (t, n) in parts {
            for _ in 0..n {
                out.extend_from_slice(&t);
            }
        }
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    // Random PDF structure (nesting, loops in /Prev, huge lengths) through the
    // confined reader: a verdict that is never "valid", or a refusal; never a
    // hang past the limit.
    #[test]
    fn arbitrary_pdf_structure_is_never_valid_and_never_hangs(pdf in pdf_tokens()) {
        let _ = key();
        let rt = tokio::runtime::Runtime::new().unwrap();
        let started = Instant::now();
        if let Ok(v) = rt.block_on(pdfsig::verify_confined(&pdf, &[], 0)) {
            prop_assert_ne!(v.status, SignatureStatus::Valid, "a random PDF structure is never a valid signature");
        }
        prop_assert!(started.elapsed() < Duration::from_secs(5), "a random PDF structure never hangs the reader past the limit");
    }

    // Random bytes as a workbook or a CSV: read, or refused on the file's
    // field; never another kind of error.
    #[test]
    fn arbitrary_spreadsheet_bytes_are_read_or_refused_on_the_field(
        zip in any::<bool>(),
        tail in proptest::collection::vec(any::<u8>(), 0..4096),
    ) {
        let _ = key();
        let mut bytes = if zip { b"PK\x03\x04".to_vec() } else { Vec::new() };
        bytes.extend_from_slice(&tail);
        let rt = tokio::runtime::Runtime::new().unwrap();
        match rt.block_on(sheet::read(if zip { "a.xlsx" } else { "a.csv" }, &bytes)) {
            Ok(_) => {}
            Err(loket_core::Error::Invalid { fields, .. }) => prop_assert!(fields.contains_key("berkas"), "bytes that are no workbook are refused at the file's field: {fields:?}"),
            Err(other) => prop_assert!(false, "{other:?}"),
        }
    }
}
