//! `make bench` (crafted files): for each file of Loket's crafted corpus
//! (`tests/crafted/make.py`), how long the desk takes to refuse it and the
//! peak memory of the confined reader that parsed it, beside an ordinary
//! letter signed by a real signer (pyHanko) going through the same path.
//! Targets: refused in under 2 s and under 256 MB each. Each file runs in a
//! fresh process of this bench, so the peak (the reader's `ru_maxrss`, also
//! for a reader that was killed) is that file's alone. Prints; fails nothing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark stops at the first failure"
)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use loket_core::import::sheet;
use loket_core::pdfsig::{self, SignatureStatus};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// One file in this process: `took_ms \t peak_kib \t outcome`.
async fn one(file: &Path, trust: Option<&Path>) {
    let bytes = std::fs::read(file).unwrap();
    let name = file.file_name().unwrap().to_string_lossy().to_string();
    let anchors = trust
        .map(|t| pdfsig::parse_certificates(&std::fs::read(t).unwrap()).unwrap())
        .unwrap_or_default();
    let started = Instant::now();
    let outcome = if name.ends_with(".pdf") {
        match pdfsig::verify_confined(&bytes, &anchors, chrono::Utc::now().timestamp()).await {
            Ok(v) if v.status == SignatureStatus::Valid => "SAH (diterima)".to_string(),
            Ok(v) => format!("ditolak: {}", v.reason),
            Err(r) => r.message(),
        }
    } else {
        match sheet::read(&name, &bytes).await {
            Ok(s) => format!("dibaca ({} baris)", s.rows.len()),
            Err(loket_core::Error::Invalid { fields, message }) => {
                fields.into_values().next().unwrap_or(message)
            }
            Err(e) => e.to_string(),
        }
    };
    let took = started.elapsed();
    #[cfg(unix)]
    let peak = nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN)
        .map(|u| u.max_rss())
        .unwrap_or(0);
    #[cfg(not(unix))]
    let peak = 0;
    println!(
        "{:.1}\t{peak}\t{}",
        took.as_secs_f64() * 1000.0,
        outcome.replace('\t', " ")
    );
}

/// An ordinary roster of `n` staff, as CSV or as an XLSX workbook.
fn roster(n: u32, xlsx: bool) -> Vec<u8> {
    let header = [
        "Nama",
        "NIK",
        "NIP",
        "Email",
        "Jabatan",
        "Unit Kerja",
        "Instansi",
    ];
    let row = |i: u32| {
        [
            format!("Pegawai {i}"),
            format!("5171{:02}0101900{:03}", i % 60, i % 1000),
            format!("19900101201503{:04}", i % 10_000),
            format!("p{i}@denpasarkota.go.id"),
            "Staf".to_string(),
            format!("Bidang {}", i % 7),
            format!("Dinas {}", i % 40),
        ]
    };
    if !xlsx {
        let mut s = header.join(",") + "\n";
        for i in 0..n {
            s.push_str(&row(i).join(","));
            s.push('\n');
        }
        return s.into_bytes();
    }
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for i in 0..n {
        for (c, v) in row(i).iter().enumerate() {
            ws.write_string(i + 1, c as u16, v).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    loket_core::confined::use_program(env!("CARGO_BIN_EXE_loket-periksa").into(), vec![]);
    if let Some(i) = args.iter().position(|a| a == "--one") {
        let trust = args.get(i + 2).map(PathBuf::from);
        tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(one(Path::new(&args[i + 1]), trust.as_deref()));
        return;
    }
    let corpus = root().join("target/crafted");
    let made = std::process::Command::new("python3")
        .arg(root().join("tests/crafted/make.py"))
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    let names: Vec<String> = String::from_utf8_lossy(&made.stdout)
        .lines()
        .map(str::to_string)
        .collect();

    // The reference: the letters bench's electronic letter, signed by pyHanko.
    let signed = root().join("target/bench-data/signed");
    let letter =
        root().join("target/bench-data/letters-pdf/rekomendasi-pendaftaran-elektronik.pdf");
    let mut rows: Vec<(String, PathBuf, Option<PathBuf>)> = Vec::new();
    if letter.exists() && root().join("target/pytools/bin/python").exists() {
        std::fs::create_dir_all(&signed).unwrap();
        let ok = std::process::Command::new(root().join("target/pytools/bin/python"))
            .arg(root().join("tests/pdfsig/fixtures.py"))
            .arg(&letter)
            .arg(&signed)
            .args(["Dr. I Gusti Ngurah Rai, S.Kom., M.T.", "197001011995031001"])
            .arg(&letter)
            .status()
            .unwrap()
            .success();
        if ok {
            rows.push((
                "pembanding: surat ber-TTE asli (pyHanko, RSA-3072)".into(),
                signed.join("rsa.pdf"),
                Some(signed.join("ca.pem")),
            ));
        }
    }
    if rows.is_empty() {
        println!("(pembanding surat ber-TTE dilewati: jalankan bench surat dan make setup dulu)");
    }
    // The references for spreadsheets: an office's ordinary roster, as large
    // as Loket reads.
    let sheets = root().join("target/bench-data/sheets");
    std::fs::create_dir_all(&sheets).unwrap();
    for (rows_n, ext) in [(50_000u32, "xlsx"), (200_000, "csv")] {
        let path = sheets.join(format!("pegawai-{rows_n}.{ext}"));
        if !path.exists() {
            std::fs::write(&path, roster(rows_n, ext == "xlsx")).unwrap();
        }
        rows.push((
            format!("pembanding: daftar pegawai {rows_n} baris ({ext})"),
            path,
            None,
        ));
    }
    for n in &names {
        rows.push((n.clone(), corpus.join(n), None));
    }

    println!(
        "\nBerkas buatan penyerang: waktu sampai ditolak dan memori puncak pembaca terkurung \
         (build release; target < 2 s dan < 256 MB)"
    );
    println!(
        "{:<52} {:>9} {:>10} {:>9}  hasil",
        "berkas", "byte", "ms", "MB"
    );
    let me = std::env::current_exe().unwrap();
    for (label, path, trust) in rows {
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let mut cmd = std::process::Command::new(&me);
        cmd.arg("--one").arg(&path);
        if let Some(t) = &trust {
            cmd.arg(t);
        }
        let out = cmd.output().unwrap();
        let line = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let mut parts = line.splitn(3, '\t');
        let (ms, kib, what) = (
            parts.next().unwrap_or("-"),
            parts
                .next()
                .and_then(|k| k.parse::<f64>().ok())
                .unwrap_or(f64::NAN),
            parts.next().unwrap_or("(tidak ada jawaban)"),
        );
        let what: String = what.chars().take(90).collect();
        println!(
            "{label:<52} {size:>9} {ms:>10} {:>9.1}  {what}",
            kib / 1024.0
        );
    }
}
