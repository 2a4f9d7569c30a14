//! Files from outside Loket (a signed letter coming back, an office's
//! spreadsheet) are read in a child process of Loket under limits the desk
//! sets, never in the desk's own process: a crafted file that would make a
//! parser loop, recurse past its stack or allocate gigabytes kills only the
//! child, and the desk answers with a refusal next to the file's field.
//!
//! Why a child process rather than parsers with bounds of their own: the
//! parsers Loket uses (lopdf, calamine, the zip and XML readers under them,
//! the certificate decoders) are large and not Loket's; a bound added inside
//! one covers the faults known today, while a process limit covers every
//! fault of every parser, including the ones nobody has found yet. Inside the
//! child the readers still check what they can cheaply (a sheet's extent,
//! a zip's sizes) so an ordinary oversized file gets a precise message.
//!
//! The child is this same program started again with [`SUBCOMMAND`] (the desk
//! binary `loket`, or `loket-periksa` for the core's tests and benchmarks).
//! It reads one request on its standard input (a JSON line, then the file's
//! bytes), lowers its own limits before reading the file (CPU time, private
//! memory, no file writing, no new processes), does the job and writes one
//! JSON answer. The desk kills it when the wall-clock limit passes. On
//! Windows and macOS the memory limit is not enforced by the OS (only the
//! time limit is); Loket's release builds run the tests on Linux.

use std::io::{BufRead, Read, Write};
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The argument that makes Loket's binary a confined reader.
pub const SUBCOMMAND: &str = "periksa-berkas";

/// The most bytes of a file sent to a reader (Loket's upload limit is
/// lower; this only bounds the child's own read).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// The most bytes of an answer the desk reads back: sixteen times the file,
/// at least 16 MiB. A small file that would unpack into a huge answer (one
/// long string referenced by many cells) is refused, never held by the desk.
fn answer_cap(file: usize) -> u64 {
    (file as u64).saturating_mul(16).max(16 * 1024 * 1024)
}

/// How many readers run at once: a burst of uploads waits its turn instead
/// of starting a process each.
const AT_ONCE: usize = 2;

/// The limits of one job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Wall-clock time before the desk kills the child, in milliseconds.
    pub wall_ms: u64,
    /// CPU time the child may use, in seconds (the OS stops it after).
    pub cpu_seconds: u64,
    /// Private memory the child may take for its work (heap), in MiB, on
    /// top of what the program holds when it starts.
    pub memory_mib: u64,
}

impl Limits {
    /// Reading a returned signed letter: a genuine one takes milliseconds.
    pub const PDF: Limits = Limits {
        wall_ms: 1_500,
        cpu_seconds: 1,
        memory_mib: 256,
    };
    /// Reading an office's spreadsheet: up to 200,000 rows take seconds.
    pub const SHEET: Limits = Limits {
        wall_ms: 30_000,
        cpu_seconds: 25,
        memory_mib: 256,
    };
}

/// Why a confined reader gave no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Still working when its time was up.
    TimedOut(Duration),
    /// Ran out of its CPU time.
    CpuTime(u64),
    /// Needed more memory than its limit.
    Memory(u64),
    /// Recursed past its stack (nesting too deep).
    Nesting,
    /// Its answer grew past what the desk reads for a file this size.
    Answer(u64),
    /// Stopped in another way (a signal or an exit without an answer).
    Died(String),
}

impl Refusal {
    /// The refusal as staff read it next to the file's field.
    pub fn message(&self) -> String {
        match self {
            Refusal::TimedOut(d) => format!(
                "Berkas ditolak: pemeriksaannya tidak selesai dalam {:.1} detik (isinya terlalu \
                 rumit, atau dibuat untuk melumpuhkan pembaca berkas).",
                d.as_secs_f64()
            ),
            Refusal::CpuTime(s) => format!(
                "Berkas ditolak: pemeriksaannya melebihi {s} detik waktu prosesor (isinya terlalu \
                 rumit, atau dibuat untuk melumpuhkan pembaca berkas)."
            ),
            Refusal::Memory(mib) => format!(
                "Berkas ditolak: membacanya memerlukan lebih dari {mib} MB memori (terlalu besar, \
                 atau dibuat untuk melumpuhkan pembaca berkas)."
            ),
            Refusal::Nesting => "Berkas ditolak: susunan isinya bersarang terlalu dalam untuk \
                                 dibaca (berkas rusak atau dibuat untuk melumpuhkan pembaca)."
                .into(),
            Refusal::Answer(mib) => format!(
                "Berkas ditolak: isinya mengembang menjadi lebih dari {mib} MB saat dibaca \
                 (dibuat untuk membebani Loket, atau terlalu besar)."
            ),
            Refusal::Died(how) => {
                format!("Berkas ditolak: pembaca berkas berhenti tanpa jawaban ({how}).")
            }
        }
    }
}

/// Where the confined reader is: a program and the arguments before
/// [`SUBCOMMAND`]'s work. By default this binary with [`SUBCOMMAND`].
#[derive(Debug, Clone)]
pub struct Program {
    pub path: PathBuf,
    pub args: Vec<String>,
}

static PROGRAM: OnceLock<Program> = OnceLock::new();

/// Names the reader program (tests and benchmarks: `loket-periksa`). The
/// first call wins; later calls are ignored.
pub fn use_program(path: PathBuf, args: Vec<String>) {
    let _ = PROGRAM.set(Program { path, args });
}

fn program() -> std::io::Result<Program> {
    if let Some(p) = PROGRAM.get() {
        return Ok(p.clone());
    }
    Ok(Program {
        path: std::env::current_exe()?,
        args: vec![SUBCOMMAND.into()],
    })
}

fn turns() -> &'static tokio::sync::Semaphore {
    static TURNS: OnceLock<tokio::sync::Semaphore> = OnceLock::new();
    TURNS.get_or_init(|| tokio::sync::Semaphore::new(AT_ONCE))
}

/// The request line.
#[derive(Debug, Serialize, Deserialize)]
struct Request {
    job: String,
    limits: Limits,
    header: serde_json::Value,
    length: usize,
}

/// The answer's last line; the job's result (JSON, one line) comes before it.
#[derive(Debug, Serialize, Deserialize)]
struct Answer {
    /// The job's own refusal (an unreadable file, an oversized sheet).
    #[serde(default)]
    refused: Option<String>,
    /// The child's peak resident memory in KiB, when it could read it.
    #[serde(default)]
    peak_kib: Option<u64>,
}

/// What a job answered.
#[derive(Debug)]
pub struct Done {
    /// The job's result (JSON), or its own refusal message.
    pub result: std::result::Result<Vec<u8>, String>,
    /// The child's peak resident memory in KiB (Linux), for `make bench`.
    pub peak_kib: Option<u64>,
    /// How long it took, start to answer.
    pub took: Duration,
}

impl Done {
    /// The result read as `T`.
    pub fn read<T: serde::de::DeserializeOwned>(
        self,
    ) -> std::result::Result<std::result::Result<T, String>, Refusal> {
        match self.result {
            Ok(json) => serde_json::from_slice(&json)
                .map(Ok)
                .map_err(|e| Refusal::Died(format!("jawaban tidak terbaca: {e}"))),
            Err(refused) => Ok(Err(refused)),
        }
    }
}

/// Runs `job` on `bytes` in a confined child under `limits`. `Err` means the
/// child gave no answer (see [`Refusal`]); a failure to start the child is
/// `Err(Refusal::Died)` too, with the reason.
pub async fn run(
    job: &str,
    header: serde_json::Value,
    bytes: &[u8],
    limits: Limits,
) -> std::result::Result<Done, Refusal> {
    let _turn = turns()
        .acquire()
        .await
        .map_err(|e| Refusal::Died(e.to_string()))?;
    let started = Instant::now();
    let program = program().map_err(|e| Refusal::Died(format!("tidak dapat dijalankan: {e}")))?;
    let request = Request {
        job: job.into(),
        limits,
        header,
        length: bytes.len(),
    };
    let mut line =
        serde_json::to_vec(&request).map_err(|e| Refusal::Died(format!("permintaan: {e}")))?;
    line.push(b'\n');
    let mut child = tokio::process::Command::new(&program.path)
        .args(&program.args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| Refusal::Died(format!("tidak dapat dijalankan: {e}")))?;
    let (Some(mut stdin), Some(stdout), Some(stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        return Err(Refusal::Died("tanpa saluran masukan/keluaran".into()));
    };
    let body = bytes.to_vec();
    // The child reads the whole request before it answers; a child that dies
    // early closes its input, and the write's error is then not the story.
    let writer = tokio::spawn(async move {
        let _ = stdin.write_all(&line).await;
        let _ = stdin.write_all(&body).await;
        let _ = stdin.shutdown().await;
    });
    let cap = answer_cap(bytes.len());
    let reader = tokio::spawn(async move {
        let mut out = Vec::new();
        let _ = stdout.take(cap + 1).read_to_end(&mut out).await;
        out
    });
    let errors = tokio::spawn(async move {
        let mut out = Vec::new();
        let _ = stderr.take(64 * 1024).read_to_end(&mut out).await;
        out
    });
    let wall = Duration::from_millis(limits.wall_ms);
    let status = match tokio::time::timeout(wall, child.wait()).await {
        Ok(status) => status.map_err(|e| Refusal::Died(e.to_string()))?,
        Err(_) => {
            let _ = child.kill().await;
            writer.abort();
            return Err(Refusal::TimedOut(wall));
        }
    };
    let _ = writer.await;
    let out = reader.await.unwrap_or_default();
    if out.len() as u64 > cap {
        return Err(Refusal::Answer(cap / (1024 * 1024)));
    }
    let err = errors.await.unwrap_or_default();
    let took = started.elapsed();
    if !status.success() {
        return Err(why_it_died(status, &err, limits));
    }
    let unreadable = || {
        Refusal::Died(format!(
            "jawaban tidak terbaca{}",
            first_line(&err)
                .map(|l| format!(": {l}"))
                .unwrap_or_default()
        ))
    };
    let trimmed = out.strip_suffix(b"\n").unwrap_or(&out);
    let split = trimmed
        .iter()
        .rposition(|&b| b == b'\n')
        .ok_or_else(unreadable)?;
    let answer: Answer = serde_json::from_slice(&trimmed[split + 1..]).map_err(|_| unreadable())?;
    let result = match answer.refused {
        Some(refused) => Err(refused),
        None => {
            let mut out = out;
            out.truncate(split);
            Ok(out)
        }
    };
    Ok(Done {
        result,
        peak_kib: answer.peak_kib,
        took,
    })
}

fn first_line(bytes: &[u8]) -> Option<String> {
    String::from_utf8_lossy(bytes)
        .lines()
        .find(|l| !l.trim().is_empty())
        .map(|l| l.chars().take(200).collect())
}

fn why_it_died(status: std::process::ExitStatus, stderr: &[u8], limits: Limits) -> Refusal {
    let text = String::from_utf8_lossy(stderr);
    if text.contains("overflowed its stack") {
        return Refusal::Nesting;
    }
    if text.contains("memory allocation of") || text.contains("capacity overflow") {
        return Refusal::Memory(limits.memory_mib);
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        match status.signal() {
            // SIGXCPU: the CPU limit.
            Some(24) => return Refusal::CpuTime(limits.cpu_seconds),
            // SIGSEGV without Rust's message: a guard page hit outside Rust.
            Some(11) => return Refusal::Nesting,
            Some(sig) => return Refusal::Died(format!("sinyal {sig}")),
            None => {}
        }
    }
    Refusal::Died(format!(
        "{status}{}",
        first_line(stderr)
            .map(|l| format!(": {l}"))
            .unwrap_or_default()
    ))
}

/// The child's side: reads one request from standard input, lowers its
/// limits, runs `work` on the file and writes the answer. Returns the exit
/// code. `work` writes the job's result (JSON on one line) into the writer
/// it is given, or returns its own refusal.
pub fn serve(
    work: impl FnOnce(
        &str,
        &serde_json::Value,
        &[u8],
        &mut dyn Write,
    ) -> std::result::Result<(), String>,
) -> std::process::ExitCode {
    let mut input = std::io::stdin().lock();
    let mut line = Vec::new();
    if input
        .by_ref()
        .take(4 * 1024 * 1024)
        .read_until(b'\n', &mut line)
        .is_err()
    {
        return std::process::ExitCode::from(3);
    }
    let Ok(request) = serde_json::from_slice::<Request>(&line) else {
        eprintln!("permintaan tidak terbaca");
        return std::process::ExitCode::from(3);
    };
    if request.length > MAX_FILE_BYTES {
        return trailer(
            std::io::stdout().lock(),
            Some(format!(
                "Berkas terlalu besar untuk diperiksa ({} MB).",
                request.length / (1024 * 1024)
            )),
        );
    }
    if let Err(e) = lower_limits(&request.limits) {
        eprintln!("batas proses tidak dapat dipasang: {e}");
        return std::process::ExitCode::from(4);
    }
    let mut bytes = vec![0u8; request.length];
    if input.read_exact(&mut bytes).is_err() {
        eprintln!("berkas tidak terkirim utuh");
        return std::process::ExitCode::from(3);
    }
    drop(line);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let outcome = work(&request.job, &request.header, &bytes, &mut out);
    drop(bytes);
    trailer(out, outcome.err())
}

/// Ends the answer: a line break after the result, then the [`Answer`] line.
fn trailer(mut out: impl Write, refused: Option<String>) -> std::process::ExitCode {
    let head = Answer {
        refused,
        peak_kib: peak_kib(),
    };
    let written = out
        .write_all(b"\n")
        .and_then(|()| serde_json::to_writer(&mut out, &head).map_err(std::io::Error::other))
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    if written.is_err() {
        return std::process::ExitCode::from(5);
    }
    std::process::ExitCode::SUCCESS
}

/// The private memory this process already holds (Linux `VmData`), in bytes:
/// the budget of a job comes on top of what the program itself maps.
fn private_memory_now() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmData:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or(0, |kib| kib * 1024)
}

#[cfg(unix)]
fn lower_limits(l: &Limits) -> std::io::Result<()> {
    use rlimit::Resource;
    let memory = private_memory_now() + l.memory_mib * 1024 * 1024;
    Resource::CPU.set(l.cpu_seconds, l.cpu_seconds + 1)?;
    // Private memory (heap, anonymous mappings): what a parser's allocation
    // grows. Address space would also count the shared libraries mapped.
    #[cfg(target_os = "linux")]
    Resource::DATA.set(memory, memory)?;
    #[cfg(not(target_os = "linux"))]
    let _ = memory;
    // Nothing to write to disk, no process to start.
    Resource::FSIZE.set(0, 0)?;
    Resource::NPROC.set(0, 0)?;
    Ok(())
}

#[cfg(not(unix))]
fn lower_limits(_: &Limits) -> std::io::Result<()> {
    Ok(())
}

/// The process's peak resident memory (Linux: `VmHWM`), in KiB.
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_says_the_file_was_refused() {
        for r in [
            Refusal::TimedOut(Duration::from_millis(1500)),
            Refusal::CpuTime(1),
            Refusal::Memory(256),
            Refusal::Nesting,
            Refusal::Answer(16),
            Refusal::Died("sinyal 9".into()),
        ] {
            assert!(r.message().starts_with("Berkas ditolak"), "{r:?}");
        }
        assert!(
            Refusal::TimedOut(Duration::from_millis(1500))
                .message()
                .contains("1.5 detik")
        );
        assert!(Refusal::Memory(256).message().contains("256 MB"));
    }
}
