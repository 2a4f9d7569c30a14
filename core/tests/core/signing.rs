//! A letter signed by a real signer (pyHanko) comes back intact; bytes appended after signing are refused.

use super::support::*;
use loket_core::audit;
use loket_core::audit::Verdict;
use loket_core::letters;
use loket_core::letters::export;
use loket_core::letters::kinds::Jenis;
use loket_core::letters::kinds::LetterStatus;
use loket_core::letters::pdf::Form;
use loket_core::letters::register;
use loket_core::letters::register::LetterQuery;
use loket_core::letters::signature;
use loket_core::letters::signed;
use loket_core::letters::signed::SignedUpload;
use rand::rngs::OsRng;

/// pyHanko (from PyPI, installed by `make setup` into target/pytools).
fn pyhanko() -> std::path::PathBuf {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/pytools/bin/pyhanko");
    assert!(
        p.exists(),
        "pyHanko is missing: run `make setup` (installs it into target/pytools)"
    );
    p
}

#[tokio::test]
async fn an_electronically_signed_letter_is_recognised_intact_and_appending_breaks_it() {
    let t = TestDesk::sqlite().await;
    let db = t.db.clone();
    t.with_letter_settings().await;
    let work = tempfile::tempdir().unwrap();
    let w = |n: &str| work.path().join(n).to_str().unwrap().to_string();
    let mut ids = vec![];
    for (n, nama) in [(1, "I Wayan Sudarma"), (2, "Ni Made Sari")] {
        let c = t.complete_case(&pegawai(n, nama)).await;
        let id = t.draft(Jenis::RekomendasiPendaftaran, vec![c]).await;
        t.issue(id).await;
        ids.push(id);
    }
    // A throwaway signing certificate.
    let (ok, out) = tool(
        "openssl",
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=Penandatangan Uji Loket",
            "-keyout",
            &w("key.pem"),
            "-out",
            &w("cert.pem"),
        ],
    );
    assert!(ok, "{out}");
    let (_, bytes) = export::export(&db, &t.as_("verifikator"), ids[0], Form::Elektronik)
        .await
        .unwrap();
    std::fs::write(w("surat.pdf"), &bytes).unwrap();
    assert!(
        !signature::inspect(&bytes).present,
        "handed to the signer unsigned"
    );
    let hanko = pyhanko();
    let (ok, out) = tool(
        hanko.to_str().unwrap(),
        &[
            "sign",
            "addsig",
            "--field",
            letters::pdf::SIGNATURE_FIELD,
            "pemder",
            "--key",
            &w("key.pem"),
            "--cert",
            &w("cert.pem"),
            "--no-pass",
            &w("surat.pdf"),
            &w("surat-ttd.pdf"),
        ],
    );
    assert!(ok, "pyHanko could not sign the empty field: {out}");
    let (ok, out) = tool(
        hanko.to_str().unwrap(),
        &[
            "sign",
            "validate",
            "--pretty-print",
            "--trust-replace",
            "--trust",
            &w("cert.pem"),
            &w("surat-ttd.pdf"),
        ],
    );
    assert!(
        ok && out.contains("The signature is cryptographically sound.")
            && out.contains("The signature covers the entire file.")
            && out.contains("The signature is judged VALID."),
        "pyHanko validation: {out}"
    );
    let signed = std::fs::read(w("surat-ttd.pdf")).unwrap();
    let filed = signed::attach_signed(
        &db,
        &t.as_("verifikator"),
        &mut OsRng,
        &SignedUpload {
            letter_id: ids[0],
            filename: "surat-ttd.pdf",
            bytes: &signed,
        },
    )
    .await
    .unwrap();
    let check = filed.check.unwrap();
    assert!(check.present && check.covers_whole_file, "{check:?}");
    assert!(
        filed.matches_export,
        "the signed file starts with Loket's export"
    );
    assert_eq!(filed.letter.status, LetterStatus::Final);
    assert_eq!(filed.letter.signed_kind.as_deref(), Some("elektronik"));
    let (_, _, back) = signed::read_signed(&db, &t.as_("verifikator"), ids[0])
        .await
        .unwrap();
    assert_eq!(back, signed);

    // Bytes appended after signing: recognised, and the copy is refused.
    let mut tampered = signed.clone();
    tampered.extend_from_slice(b"\n% ditambahkan setelah ditandatangani\n");
    let c = signature::inspect(&tampered);
    assert!(c.present && !c.covers_whole_file, "{c:?}");
    let refused = signed::attach_signed(
        &db,
        &t.as_("verifikator"),
        &mut OsRng,
        &SignedUpload {
            letter_id: ids[1],
            filename: "x.pdf",
            bytes: &tampered,
        },
    )
    .await;
    assert_eq!(field_of(refused.unwrap_err()), "file");
    let row = &register::list(&db, &LetterQuery::default()).await.unwrap();
    assert!(
        row.iter()
            .any(|r| r.id == ids[1] && r.status == LetterStatus::Terbit),
        "nothing saved"
    );
    assert!(matches!(
        audit::verify(&db, &key()).await.unwrap(),
        Verdict::Intact { .. }
    ));
}
