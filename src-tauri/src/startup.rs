//! Where a start's time goes, for `make bench`: with `LOKET_STARTUP_LOG`
//! set, Loket appends one JSON line per start to that file, each phase as
//! milliseconds since `main()`: Tauri's set-up reached, each part of opening
//! the desk (database, keyring), the window created, and the UI's first
//! call (with `main()`'s wall-clock time, so the bench can place the
//! page's own marks beside them). Without the variable it records nothing and writes nothing.

use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

static START: OnceLock<Instant> = OnceLock::new();
/// `main()`'s moment as milliseconds since 1970, to place the page's own
/// marks (`performance.timeOrigin`) on the same line.
static START_EPOCH_MS: OnceLock<f64> = OnceLock::new();
static MARKS: Mutex<Vec<(String, f64)>> = Mutex::new(Vec::new());
static WRITTEN: OnceLock<()> = OnceLock::new();

fn enabled() -> bool {
    std::env::var_os("LOKET_STARTUP_LOG").is_some()
}

/// The moment `main()` began (call first thing).
pub fn begin() {
    START.get_or_init(Instant::now);
    START_EPOCH_MS.get_or_init(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0)
    });
}

fn since_start() -> f64 {
    START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
}

/// Records that `phase` ended now.
pub fn mark(phase: &str) {
    if enabled() {
        let at = since_start();
        MARKS
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((phase.to_string(), at));
    }
}

/// Records parts that ran one after another, ending now, by their durations
/// (the desk's own timing of its opening).
pub fn mark_parts(parts: &[(&'static str, Duration)]) {
    if !enabled() {
        return;
    }
    let end = since_start();
    let total: f64 = parts.iter().map(|(_, d)| d.as_secs_f64() * 1000.0).sum();
    let mut at = end - total;
    let mut marks = MARKS.lock().unwrap_or_else(|e| e.into_inner());
    for (name, d) in parts {
        at += d.as_secs_f64() * 1000.0;
        marks.push(((*name).to_string(), at));
    }
}

/// The UI's first call arrived: the phases are written once, as a JSON line.
pub fn first_call() {
    if !enabled() || WRITTEN.set(()).is_err() {
        return;
    }
    mark("first IPC call (app_status)");
    let Some(path) = std::env::var_os("LOKET_STARTUP_LOG") else {
        return;
    };
    let marks = MARKS.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let line = serde_json::json!({
        "main_epoch_ms": START_EPOCH_MS.get().copied().unwrap_or(0.0),
        "marks": marks,
    })
    .to_string();
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, format!("{line}\n").as_bytes()));
    if let Err(e) = written {
        eprintln!("LOKET_STARTUP_LOG tidak dapat ditulis: {e}");
    }
}
