//! The JavaScript engine's settings for a kiosk (Linux, WebKitGTK).
//!
//! The kiosk loads a fresh page for every applicant (the last one's page is
//! discarded whole). WebKit's engine collects discarded pages only in its
//! full collections, which a generational engine runs seldom while pages come
//! and go quickly: the kiosk's web process would swell by hundreds of
//! megabytes between them. With the generational collector off every
//! collection is a full one, and a kiosk taking applications all day stays
//! the size it was after its first hundred (`make bench`, kiosk soak).
//!
//! WebKit reads the setting from the environment its web process inherits;
//! Loket forbids unsafe code, so instead of changing its own environment the
//! kiosk starts itself once more with the setting added (`exec`: same process,
//! same arguments). A setting already present (chosen by whoever started
//! Loket) is kept as it is.

/// The environment variable WebKit's engine reads, and Loket's value.
pub const GENERATIONAL_GC: (&str, &str) = ("JSC_useGenerationalGC", "0");

/// Starts Loket again with the kiosk's engine settings when they are missing;
/// returns only when they are already there, or when starting again failed
/// (then the kiosk runs with WebKit's defaults, and says so).
#[cfg(target_os = "linux")]
pub fn ensure() {
    use std::os::unix::process::CommandExt;
    let (name, value) = GENERATIONAL_GC;
    if std::env::var_os(name).is_some() {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        eprintln!(
            "Kiosk: program Loket tidak ditemukan untuk memulai ulang; pengaturan memori WebKit bawaan dipakai."
        );
        return;
    };
    let error = std::process::Command::new(exe)
        .args(std::env::args_os().skip(1))
        .env(name, value)
        .exec();
    eprintln!(
        "Kiosk: memulai ulang dengan pengaturan memori gagal ({error}); pengaturan WebKit bawaan dipakai."
    );
}

/// Other systems use their own web engine: nothing to set.
#[cfg(not(target_os = "linux"))]
pub fn ensure() {}
