//! Signed letters coming back, verified cryptographically. A real signer
//! (pyHanko) signs Loket's exports with a test CA's RSA-3072, RSA-PSS, ECDSA
//! P-256 and P-384 certificates; the attacker's files (a fake signature
//! object, an update after signing with a `/ByteRange` in a comment, a
//! flipped byte, an expired certificate, another letter, another signer, an
//! untrusted chain) are made from the same exports. Every verdict is checked
//! against `pyhanko sign validate` on the same file.

use std::path::{Path, PathBuf};

use super::support::*;
use loket_core::audit;
use loket_core::audit::Verdict;
use loket_core::document::pdf::Form;
use loket_core::letters::export;
use loket_core::letters::register::{self, LetterQuery};
use loket_core::letters::signed::{self, SignedUpload};
use loket_core::office::kinds::{Jenis, LetterStatus};
use loket_core::pdfsig::{self, SignatureStatus, anchors};
use rand::rngs::OsRng;

const SIGNER: &str = "Dr. I Gusti Ngurah Rai, S.Kom., M.T.";
const NIP: &str = "197001011995031001";

fn pytool(name: &str) -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/pytools/bin")
        .join(name);
    assert!(
        p.exists(),
        "{name} is missing: run `make setup` (installs pyHanko into target/pytools)"
    );
    p
}

/// pyHanko's judgment: `true` when it calls the signature valid and trusted
/// with `trust` as the only trust root (revocation not checked, as Loket).
fn pyhanko_valid(file: &Path, trust: &Path) -> (bool, String) {
    let out = std::process::Command::new(pytool("pyhanko"))
        .args([
            "sign",
            "validate",
            "--no-revocation-check",
            "--trust-replace",
            "--trust",
        ])
        .arg(trust)
        .arg("--executive-summary")
        .arg(file)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success() && text.contains(":VALID"), text)
}

/// Two issued letters, their TTE exports, and the signed variants.
struct Signed {
    t: TestDesk,
    letters: Vec<i64>,
    dir: tempfile::TempDir,
}

impl Signed {
    async fn new() -> Signed {
        let t = TestDesk::sqlite().await;
        t.with_letter_settings().await;
        let mut letters = vec![];
        for (n, nama) in [
            (1, "I Wayan Sudarma"),
            (2, "Ni Made Sari"),
            (3, "Ketut Arsa"),
            (4, "Made Tamu"),
        ] {
            let c = t.complete_case(&pegawai(n, nama)).await;
            let id = t.draft(Jenis::RekomendasiPendaftaran, vec![c]).await;
            t.issue(id).await;
            letters.push(id);
        }
        let dir = tempfile::tempdir().unwrap();
        for (i, id) in letters.iter().enumerate().take(2) {
            let (_, bytes) = export::export(&t.db, &t.as_("verifikator"), *id, Form::Elektronik)
                .await
                .unwrap();
            std::fs::write(dir.path().join(format!("surat-{i}.pdf")), bytes).unwrap();
        }
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/pdfsig/fixtures.py");
        let p = |n: &str| dir.path().join(n).to_str().unwrap().to_string();
        let (ok, out) = tool(
            pytool("python").to_str().unwrap(),
            &[
                script.to_str().unwrap(),
                &p("surat-0.pdf"),
                dir.path().to_str().unwrap(),
                SIGNER,
                NIP,
                &p("surat-1.pdf"),
            ],
        );
        assert!(ok, "the signer could not make the signed files: {out}");
        Signed { t, letters, dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).unwrap()
    }

    fn anchors(&self) -> Vec<x509_cert::Certificate> {
        pdfsig::parse_certificates(&self.read("ca.pem")).unwrap()
    }

    async fn attach(
        &self,
        letter: usize,
        name: &str,
        as_scan: bool,
    ) -> loket_core::Result<signed::SignedFiling> {
        let bytes = self.read(name);
        signed::attach_signed(
            &self.t.db,
            &self.t.at("verifikator", chrono::Utc::now().fixed_offset()),
            &mut OsRng,
            &SignedUpload {
                letter_id: self.letters[letter],
                filename: name,
                bytes: &bytes,
                as_scan,
            },
        )
        .await
    }
}

fn message_of(e: loket_core::Error) -> String {
    match e {
        loket_core::Error::Invalid { fields, .. } => {
            fields.get("file").cloned().unwrap_or_default()
        }
        other => panic!("expected a message next to the file field, got {other:?}"),
    }
}

#[tokio::test]
async fn every_verdict_agrees_with_pyhanko_on_the_same_file() {
    let s = Signed::new().await;
    let now = chrono::Utc::now().timestamp();
    let trusted = s.anchors();
    // An unrelated certificate as pyHanko's only root: nothing chains to it.
    let unrelated = s.path("other-signer.pem");
    use SignatureStatus::*;
    let cases: [(&str, bool, SignatureStatus); 12] = [
        ("rsa.pdf", true, Valid),
        ("ec.pdf", true, Valid),
        ("p384.pdf", true, Valid),
        ("pss.pdf", true, Valid),
        ("other.pdf", true, Valid),
        ("stranger.pdf", true, Valid),
        ("rsa.pdf", false, Untrusted),
        ("expired.pdf", true, Invalid),
        ("fake.pdf", true, Invalid),
        ("appended.pdf", true, Invalid),
        ("flipped.pdf", true, Invalid),
        ("surat-0.pdf", true, NotSigned),
    ];
    for (file, with_ca, expected) in cases {
        let anchors = if with_ca { trusted.clone() } else { vec![] };
        let v = pdfsig::verify(&s.read(file), &anchors, now);
        assert_eq!(v.status, expected, "{file} (CA imported: {with_ca}): {v:?}");
        let root = if with_ca {
            s.path("ca.pem")
        } else {
            unrelated.clone()
        };
        let (hanko, said) = pyhanko_valid(&s.path(file), &root);
        assert_eq!(
            hanko,
            v.status == Valid,
            "Loket and pyHanko disagree on {file}: Loket {v:?}, pyHanko: {said}"
        );
    }

    // What the report says about a good signature.
    let rsa = pdfsig::verify(&s.read("rsa.pdf"), &trusted, now);
    assert_eq!(
        rsa.signer.as_deref(),
        Some(SIGNER),
        "the report names the signatory from the certificate"
    );
    assert_eq!(
        rsa.signer_number.as_deref(),
        Some(NIP),
        "the report gives the signatory's NIP"
    );
    assert_eq!(
        rsa.issuer.as_deref(),
        Some("CA Uji Loket"),
        "the report names the authority that issued the certificate"
    );
    assert_eq!(
        rsa.mechanism.as_deref(),
        Some("RSA PKCS#1 v1.5"),
        "the report names the signature's mechanism"
    );
    assert!(
        rsa.covers_whole_file && rsa.signing_time.is_some() && rsa.hash.is_some(),
        "a good signature covers the whole file and carries its time and hash"
    );
    for (file, mechanism) in [
        ("ec.pdf", "ECDSA P-256"),
        ("p384.pdf", "ECDSA P-384"),
        ("pss.pdf", "RSA-PSS"),
    ] {
        assert_eq!(
            pdfsig::verify(&s.read(file), &trusted, now)
                .mechanism
                .as_deref(),
            Some(mechanism),
            "the report names the mechanism of {file}"
        );
    }

    // The update after signing: its comment's /ByteRange reaches the end of
    // the file (a text search would call it whole); Loket follows the
    // document's own structure and says what was added.
    let appended = s.read("appended.pdf");
    let tail = String::from_utf8_lossy(&appended[appended.len() - 60..]).into_owned();
    assert!(tail.contains("/ByteRange"), "{tail}");
    let v = pdfsig::verify(&appended, &trusted, now);
    assert!(
        !v.covers_whole_file && v.reason.contains("setelah ditandatangani"),
        "{v:?}"
    );
    assert_eq!(
        v.signer.as_deref(),
        Some(SIGNER),
        "the signature itself is intact"
    );
    // The flipped byte and the fake object fail on the cryptography.
    assert!(
        pdfsig::verify(&s.read("flipped.pdf"), &trusted, now)
            .reason
            .contains("sidik"),
        "a flipped byte fails on the document's digest"
    );
    assert!(
        pdfsig::verify(&s.read("fake.pdf"), &trusted, now)
            .reason
            .contains("CMS"),
        "a fake signature object fails on the CMS"
    );
    assert!(
        pdfsig::verify(&s.read("expired.pdf"), &trusted, now)
            .reason
            .contains("tidak berlaku"),
        "an expired certificate is reported as no longer valid"
    );
}

#[tokio::test]
async fn only_a_valid_trusted_signature_over_this_letters_export_files_it() {
    let s = Signed::new().await;
    let t = &s.t;
    // Before the office imports its anchors nothing electronic is filed.
    let e = message_of(s.attach(0, "rsa.pdf", false).await.unwrap_err());
    assert!(e.contains("akar tepercaya"), "{e}");
    let imported = anchors::import(&t.db, &t.as_("admin"), &s.read("ca.pem"))
        .await
        .unwrap();
    assert_eq!(imported.len(), 1, "the office's one CA is imported");
    assert!(
        imported[0].utuh && imported[0].nama == "CA Uji Loket",
        "the imported CA is intact and named"
    );

    for (file, says) in [
        ("fake.pdf", "CMS"),
        ("appended.pdf", "setelah ditandatangani"),
        ("flipped.pdf", "sidik"),
        ("expired.pdf", "tidak berlaku"),
        ("other.pdf", "bukan berkas TTE surat ini"),
        ("stranger.pdf", "Orang Lain Bukan Penandatangan"),
        ("surat-0.pdf", "tidak bertanda tangan elektronik"),
        // A piece of the signatory's name, without a number: once filed.
        ("lookalike.pdf", "\"NGURAH RAI\""),
        // The signatory's name with another person's NIP: once filed by name.
        ("other-nip.pdf", "198001012005011002"),
        // A web server's certificate, and one with a critical extension
        // nobody here knows.
        ("server-eku.pdf", "tidak untuk menandatangani dokumen"),
        ("critical.pdf", "ekstensi kritis"),
    ] {
        let e = message_of(s.attach(0, file, false).await.unwrap_err());
        assert!(e.contains(says), "{file}: {e}");
    }
    // The signatory by name alone (no titles, no number), and a certificate
    // whose extended key usage names document signing, are the signatory's.
    let signatory = loket_core::office::settings::settings(&t.db)
        .await
        .unwrap()
        .penandatangan[0]
        .clone();
    for file in ["by-name.pdf", "docsign-eku.pdf"] {
        let v = pdfsig::verify(&s.read(file), &s.anchors(), chrono::Utc::now().timestamp());
        assert_eq!(v.status, SignatureStatus::Valid, "{file}: {v:?}");
        assert_eq!(signed::signer_matches(&v, &signatory), Ok(()), "{file}");
    }
    let still = register::list(&t.db, &LetterQuery::default())
        .await
        .unwrap();
    assert!(
        still
            .iter()
            .any(|r| r.id == s.letters[0] && r.status == LetterStatus::Terbit),
        "nothing saved by a refusal"
    );

    let filed = s.attach(0, "rsa.pdf", false).await.unwrap();
    assert_eq!(
        filed.letter.status,
        LetterStatus::Final,
        "the validly signed letter is final"
    );
    assert_eq!(
        filed.letter.signed_kind.as_deref(),
        Some("elektronik"),
        "the letter is filed as electronically signed"
    );
    assert!(
        filed.matches_export,
        "the signed file is this letter's own export"
    );
    let v = filed.verdict.unwrap();
    assert_eq!(
        (v.status, v.signer.as_deref()),
        (SignatureStatus::Valid, Some(SIGNER)),
        "the filed verdict is valid, naming the signatory"
    );
    let (_, _, back) = signed::read_signed(&t.db, &t.as_("verifikator"), s.letters[0])
        .await
        .unwrap();
    assert_eq!(
        back,
        s.read("rsa.pdf"),
        "the signed file is kept byte for byte"
    );

    // An unsigned PDF is a scan only when staff say so.
    let scan = s.attach(2, "surat-0.pdf", true).await.unwrap();
    assert_eq!(
        scan.letter.signed_kind.as_deref(),
        Some("basah"),
        "an unsigned PDF filed as a scan is wet-signed"
    );
    assert!(
        scan.verdict.is_none(),
        "a scan carries no signature verdict"
    );

    // Letter 1's own export, signed validly, is filed for letter 1.
    assert!(
        s.attach(1, "other.pdf", false).await.is_ok(),
        "letter 1's own export, validly signed, is filed for letter 1"
    );

    // A colleague with the database file open adds an anchor (here: any
    // certificate) without the data key: its MAC cannot be right, it is
    // listed as tampered and never used.
    let value = loket_core::store::setting(&t.db, anchors::SETTING_ANCHORS)
        .await
        .unwrap()
        .unwrap();
    let mut list: serde_json::Value = serde_json::from_str(&value).unwrap();
    list[0]["mac"] = serde_json::json!("0".repeat(64));
    use sea_orm::ConnectionTrait;
    t.db.execute_raw(sea_orm::Statement::from_sql_and_values(
        t.db.get_database_backend(),
        "update settings set value = ? where key = ?",
        [list.to_string().into(), anchors::SETTING_ANCHORS.into()],
    ))
    .await
    .unwrap();
    let listed = anchors::list(&t.db, &key()).await.unwrap();
    assert!(!listed[0].utuh, "{listed:?}");
    assert!(
        anchors::certificates(&t.db, &key())
            .await
            .unwrap()
            .is_empty(),
        "an anchor whose seal is wrong is never used"
    );
    let e = message_of(s.attach(3, "rsa.pdf", false).await.unwrap_err());
    assert!(e.contains("akar tepercaya"), "{e}");

    assert!(
        matches!(
            audit::verify(&t.db, &key()).await.unwrap(),
            Verdict::Intact { .. }
        ),
        "the audit chain still verifies after the filings"
    );
}
