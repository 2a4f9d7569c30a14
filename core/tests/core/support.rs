//! What the tests share: a test desk (a real database with the real
//! migrations, the data key and the acting operator), the two applicants the
//! stories are about, and the steps many tests take (complete a file, walk a
//! case, draft and number a letter, run a PDF tool).

use chrono::{DateTime, FixedOffset};
use loket_core::applicants::check::ApplicantInput;
use loket_core::case_page::{self, CaseDetail};
use loket_core::cases::checklist;
use loket_core::cases::forms::ServiceFormInput;
use loket_core::cases::intake::{self, NewService};
use loket_core::cases::record::CaseRow;
use loket_core::cases::transitions::{self, TransitionInput};
use loket_core::letters::register::{self, LetterRow, NewLetter};
use loket_core::lifecycle::flow::Action;
use loket_core::lifecycle::vocabulary::{Kanal, Layanan, Pihak, RevocationReason};
use loket_core::office::kinds::Jenis;
use loket_core::office::settings::{self, LetterSettings};
use loket_core::operators::accounts::NewOperator;
use loket_core::operators::passwords::Password;
use loket_core::operators::roles::Role;
use loket_core::secrets::{DataKey, Secret};
use loket_core::{Acting, Actor, Error, store};
use rand::rngs::OsRng;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

/// Budi's NIK (a man born 10 November 1967 in Denpasar).
pub const NIK: &str = "5171011011670001";

/// The tests' clock: a working morning in Denpasar.
pub fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T09:15:00+08:00").unwrap()
}

/// `seconds` after [`now`].
pub fn at(seconds: i64) -> DateTime<FixedOffset> {
    now() + chrono::Duration::seconds(seconds)
}

/// Files from outside are read by the confined reader: in these tests the
/// `loket-periksa` program this crate builds (the desk uses its own binary).
pub fn confine() {
    loket_core::confined::use_program(env!("CARGO_BIN_EXE_loket-periksa").into(), vec![]);
}

/// The tests' data key (a fixed one, so copies of a database stay readable).
/// Every test takes it, so it also names the confined reader ([`confine`]).
pub fn key() -> DataKey {
    confine();
    DataKey::from_master(&Secret::new(vec![42; 32])).unwrap()
}

/// A real database with the real migrations, the data key, and a temp folder
/// that lives as long as the desk.
pub struct TestDesk {
    pub dir: tempfile::TempDir,
    pub url: String,
    pub db: DatabaseConnection,
    pub key: DataKey,
}

impl TestDesk {
    /// A new SQLite file in a temp folder.
    pub async fn sqlite() -> TestDesk {
        let dir = tempfile::tempdir().unwrap();
        let url = store::sqlite_url(dir.path());
        let db = store::open(&url).await.unwrap();
        // A database Loket makes is sealed from its start.
        loket_core::integrity::mark_new(&db, &key()).await.unwrap();
        TestDesk {
            dir,
            url,
            db,
            key: key(),
        }
    }

    /// A new, empty database on the test PostgreSQL server (`make test` starts
    /// it), so this test shares no rows with the others running at the same time.
    pub async fn postgres(tag: &str) -> TestDesk {
        let url = new_postgres_database(tag).await;
        let db = store::open(&url).await.unwrap();
        loket_core::integrity::mark_new(&db, &key()).await.unwrap();
        TestDesk {
            dir: tempfile::tempdir().unwrap(),
            url,
            db,
            key: key(),
        }
    }

    /// The desk's operator "op" acting now.
    pub fn op(&self) -> Acting<'_> {
        self.as_("op")
    }

    /// `name` acting now.
    pub fn as_(&self, name: &str) -> Acting<'_> {
        self.at(name, now())
    }

    /// `name` acting at `t`.
    pub fn at(&self, name: &str, t: DateTime<FixedOffset>) -> Acting<'_> {
        Acting::new(&self.key, Actor::named(name), t)
    }

    /// Rows in `table`.
    pub async fn count(&self, table: &str) -> i64 {
        count(&self.db, table).await
    }

    /// Opens a penerbitan for `who` at the counter.
    pub async fn intake(&self, who: &NewPenerbitan) -> CaseRow {
        open_penerbitan(&self.db, &self.op(), who).await.unwrap()
    }

    /// The case page of a case.
    pub async fn case(&self, id: i64) -> CaseDetail {
        case_page::get_case(&self.db, id, now().date_naive())
            .await
            .unwrap()
    }

    /// Ticks every required item of a case's checklist.
    pub async fn tick_all(&self, case_id: i64) {
        for r in self
            .case(case_id)
            .await
            .requirements
            .iter()
            .filter(|r| r.wajib)
        {
            checklist::check_requirement(&self.db, &self.op(), case_id, &r.code, true)
                .await
                .unwrap();
        }
    }

    /// Moves a case through `actions` as the verifikator.
    pub async fn walk(&self, case_id: i64, actions: &[Action]) {
        for a in actions {
            transitions::transition(&self.db, &self.as_("verifikator"), case_id, &step(*a))
                .await
                .unwrap_or_else(|e| panic!("{a:?}: {e}"));
        }
    }

    /// Budi's penerbitan taken to its certificate; returns the case id.
    pub async fn issued(&self) -> i64 {
        let row = self.intake(&budi()).await;
        self.tick_all(row.id).await;
        self.walk(row.id, &ISSUE).await;
        row.id
    }

    /// A penerbitan for `who` with its file complete; returns the case id.
    pub async fn complete_case(&self, who: &NewPenerbitan) -> i64 {
        let row = self.intake(who).await;
        self.tick_all(row.id).await;
        self.walk(row.id, &[Action::BerkasLengkap]).await;
        row.id
    }

    /// Opens `layanan` at the counter for a person on record, with the
    /// service's form.
    pub async fn open_for(
        &self,
        applicant_id: i64,
        layanan: Layanan,
        form: ServiceFormInput,
    ) -> loket_core::Result<CaseRow> {
        self.open_as(&self.op(), applicant_id, layanan, form).await
    }

    /// Opens `layanan` for a person on record at `t`, as "Petugas A"; returns the case id.
    pub async fn open_for_at(
        &self,
        applicant_id: i64,
        layanan: Layanan,
        form: ServiceFormInput,
        t: DateTime<FixedOffset>,
    ) -> i64 {
        let act = self.at("Petugas A", t);
        self.open_as(&act, applicant_id, layanan, form)
            .await
            .unwrap()
            .id
    }

    async fn open_as(
        &self,
        act: &Acting<'_>,
        applicant_id: i64,
        layanan: Layanan,
        form: ServiceFormInput,
    ) -> loket_core::Result<CaseRow> {
        intake::open_service(
            &self.db,
            act,
            &mut OsRng,
            &NewService {
                pemberitahuan_privasi: true,
                layanan: Some(layanan),
                applicant_id: Some(applicant_id),
                form,
                ..Default::default()
            },
        )
        .await
    }

    /// Saves [`letter_settings`] as the admin.
    pub async fn with_letter_settings(&self) {
        settings::save_settings(&self.db, &self.as_("admin"), &letter_settings())
            .await
            .unwrap();
    }

    /// Drafts a letter of `jenis` for `case_ids`; returns its id.
    pub async fn draft(&self, jenis: Jenis, case_ids: Vec<i64>) -> i64 {
        register::create_draft(
            &self.db,
            &self.op(),
            &NewLetter {
                jenis: Some(jenis),
                case_ids,
                penandatangan: 0,
            },
        )
        .await
        .unwrap()
        .id
    }

    /// Numbers a draft as the verifikator.
    pub async fn issue(&self, id: i64) -> LetterRow {
        register::issue(&self.db, &self.as_("verifikator"), id)
            .await
            .unwrap()
    }
}

/// The first column of the first row `sql` returns, as text (numbers too).
pub async fn scalar(db: &DatabaseConnection, sql: &str) -> String {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<String>(0)
        .or_else(|_| row.try_get_by_index::<i64>(0).map(|n| n.to_string()))
        .unwrap()
}

/// Rows in `table` of `db`.
pub async fn count(db: &DatabaseConnection, table: &str) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            format!("select count(*) from {table}"),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

/// A new, empty database on the test PostgreSQL server; its URL.
pub async fn new_postgres_database(tag: &str) -> String {
    let server = postgres_url();
    let admin = sea_orm::Database::connect(&server).await.unwrap();
    let name = format!("loket_{tag}_{}", std::process::id());
    admin
        .execute_unprepared(&format!("drop database if exists {name}"))
        .await
        .unwrap();
    admin
        .execute_unprepared(&format!("create database {name}"))
        .await
        .unwrap();
    let (base, _) = server.rsplit_once('/').unwrap();
    match server.split_once('?') {
        Some((_, query)) => format!("{base}/{name}?{query}"),
        None => format!("{base}/{name}"),
    }
}

/// A penerbitan for a person new to Loket, opened the way the desk's
/// "Layanan baru" form opens it.
/// A walk-in for a penerbitan at the desk, as the tests write one.
#[derive(Debug, Clone)]
pub struct NewPenerbitan {
    pub applicant: ApplicantInput,
    pub kanal: Kanal,
}

pub async fn open_penerbitan(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    who: &NewPenerbitan,
) -> loket_core::Result<CaseRow> {
    let input = NewService {
        pemberitahuan_privasi: true,
        layanan: Some(Layanan::Penerbitan),
        kanal: who.kanal,
        applicant_id: None,
        applicant: Some(who.applicant.clone()),
        sertifikat_luar: None,
        form: ServiceFormInput::default(),
        note: String::new(),
    };
    intake::open_service(db, act, &mut OsRng, &input).await
}

/// The URL of the test PostgreSQL server. Without it the test fails rather
/// than pretend: `make test` starts the server and sets it.
pub fn postgres_url() -> String {
    std::env::var("LOKET_TEST_POSTGRES_URL").expect(
        "LOKET_TEST_POSTGRES_URL is not set: run the suite with `make test`, which starts PostgreSQL",
    )
}

/// I Made Budi Santoso, applying at the counter.
pub fn budi() -> NewPenerbitan {
    NewPenerbitan {
        applicant: ApplicantInput {
            nama: "I Made Budi Santoso".into(),
            nik: NIK.into(),
            nik_ulang: NIK.into(),
            nip: "196711101992031001".into(),
            email: "budi@denpasarkota.go.id".into(),
            telepon: "081234567890".into(),
            jabatan: "Analis Persandian".into(),
            unit_kerja: "Bidang Persandian".into(),
            instansi: "Dinas Kominfo dan Statistik".into(),
        },
        kanal: Kanal::Loket,
    }
}

/// Ni Luh Ayu, a colleague of Budi's.
pub fn ayu() -> NewPenerbitan {
    let mut n = budi();
    n.applicant.nama = "Ni Luh Ayu".into();
    n.applicant.nik = "5171015203950002".into();
    n.applicant.nik_ulang = "5171015203950002".into();
    n.applicant.nip = "199503122020122001".into();
    n.applicant.email = "ayu@denpasarkota.go.id".into();
    n
}

/// An applicant numbered `n` (distinct NIK and NIP, same birth date and instansi).
pub fn pegawai(n: u32, nama: &str) -> NewPenerbitan {
    let mut p = budi();
    p.applicant.nama = nama.into();
    p.applicant.nik = format!("517101101167{n:04}");
    p.applicant.nik_ulang = p.applicant.nik.clone();
    p.applicant.nip = format!("196711101992031{n:03}");
    p.applicant.email = format!("pegawai{n}@denpasarkota.go.id");
    p
}

/// A serial no other certificate of the test process carries.
pub fn fresh_serial() -> String {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    format!(
        "SN-UJI-{:06}",
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    )
}

/// The input of one action, with every field an action may need filled in
/// (a finished issuance gets a serial of its own).
pub fn step(action: Action) -> TransitionInput {
    TransitionInput {
        action: Some(action),
        note: "catatan".into(),
        ams_ref: "AMS-2026-0042".into(),
        reason_code: "data_tidak_sesuai".into(),
        rejected_by: Some(Pihak::Dinas),
        valid_from: "2026-11-25".into(),
        valid_to: "2028-11-25".into(),
        serial: fresh_serial(),
    }
}

/// The way of a penerbitan from a complete file to its certificate.
pub const ISSUE: [Action; 6] = [
    Action::BerkasLengkap,
    Action::TerbitkanRekomendasi,
    Action::AjukanAms,
    Action::TungguPemohon,
    Action::TungguBsre,
    Action::Selesai,
];

/// A renewal's form: the desk checked the data in AMS.
pub fn renewal() -> ServiceFormInput {
    ServiceFormInput {
        data_dikonfirmasi: true,
        ..Default::default()
    }
}

/// A revocation's form for `certificate_ids`.
pub fn revocation(reason: RevocationReason, certificate_ids: Vec<i64>) -> ServiceFormInput {
    ServiceFormInput {
        certificate_ids,
        revocation_reason: Some(reason),
        berlaku_mulai: "25/11/2026".into(),
        pernyataan: "Saya memohon sertifikat elektronik saya dicabut.".into(),
        ..Default::default()
    }
}

/// The fields a refusal names, comma-separated.
pub fn field_of(e: Error) -> String {
    match e {
        Error::Invalid { fields, .. } => fields.keys().cloned().collect::<Vec<_>>().join(","),
        other => panic!("expected a field error, got {other:?}"),
    }
}

/// Letter settings with a signatory, as an office fills them in.
pub fn letter_settings() -> LetterSettings {
    let mut s = LetterSettings::default();
    s.penandatangan[0].nama = "Dr. I Gusti Ngurah Rai, S.Kom., M.T.".into();
    s.penandatangan[0].pangkat = "Pembina Utama Muda (IV/c)".into();
    s.penandatangan[0].nip = "197001011995031001".into();
    s.tembusan = vec!["Wali Kota Denpasar (sebagai laporan)".into()];
    // The test office's own codes (Loket ships none).
    s.klasifikasi_rekomendasi = "000.8.3.3".into();
    s.klasifikasi_penolakan = "000.8.3.3".into();
    s.kode_unit = "DKIS".into();
    s
}

/// A new operator with `roles` and `password` (typed twice alike).
pub fn new_operator(username: &str, roles: &[Role], password: &str) -> NewOperator {
    NewOperator {
        username: username.into(),
        nama: format!("Nama {username}"),
        roles: roles.to_vec(),
        password: Password::from(password),
        password_ulang: Password::from(password),
    }
}

/// Runs a tool and returns whether it succeeded, with its output.
pub fn tool(cmd: &str, args: &[&str]) -> (bool, String) {
    let out = std::process::Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} must be installed (make setup): {e}"));
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr),
    )
}

/// Writes a PDF into `dir` and reads its text back with pdftotext, with runs
/// of white space as one space (a table cell may wrap its words).
pub fn pdf_words(dir: &std::path::Path, file: &str, bytes: &[u8]) -> String {
    let path = dir.join(file);
    std::fs::write(&path, bytes).unwrap();
    render(&path, file.trim_end_matches(".pdf"));
    let (ok, text) = tool("pdftotext", &[path.to_str().unwrap(), "-"]);
    assert!(ok, "{text}");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Renders `pdf` to `target/test-shots/{stem}-N.png` to be looked at.
pub fn render(pdf: &std::path::Path, stem: &str) {
    let shots = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/test-shots");
    std::fs::create_dir_all(&shots).unwrap();
    let (ok, out) = tool(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "60",
            pdf.to_str().unwrap(),
            shots.join(stem).to_str().unwrap(),
        ],
    );
    assert!(ok, "{out}");
}

/// A correction of `field` of `target` from the value `lama` to `baru`,
/// with a reason, made from no particular case page.
pub fn value_fix(
    target: loket_core::cases::values::Target,
    id: i64,
    field: &str,
    lama: &str,
    baru: &str,
) -> loket_core::cases::values::ValueCorrection {
    loket_core::cases::values::ValueCorrection {
        case_id: None,
        target: Some(target),
        target_id: id,
        field: field.into(),
        lama: lama.into(),
        baru: baru.into(),
        reason: "Salah ketik dari surel BSrE.".into(),
        periksa: false,
    }
}

/// Mail switched on towards a port nobody listens on: messages are queued
/// (and wait), which is what a test then reads.
pub async fn mail_on_without_server(t: &TestDesk) {
    loket_core::notices::settings::save(
        &t.db,
        &t.as_("admin"),
        &loket_core::notices::settings::MailSettings {
            aktif: true,
            host: "127.0.0.1".into(),
            port: 9,
            keamanan: loket_core::notices::settings::Keamanan::Polos,
            nama_pengirim: "Diskominfos Kota Denpasar".into(),
            alamat_pengirim: "layanan@denpasarkota.go.id".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
}

/// Records on the person's page a certificate held from outside Loket,
/// with a serial of its own; returns its id.
pub async fn record_outside(
    t: &TestDesk,
    applicant: i64,
    from: &str,
    to: &str,
) -> loket_core::Result<i64> {
    loket_core::certificates::record_external(
        &t.db,
        &t.op(),
        applicant,
        &loket_core::certificates::Validity {
            valid_from: from.into(),
            valid_to: to.into(),
            serial: fresh_serial(),
        },
    )
    .await
    .map(|c| c.id)
}
