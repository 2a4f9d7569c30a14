//! The windows Loket opens: the staff window (`main`); with `--kiosk` the
//! applicant-facing kiosk window (`kiosk`) alone: full screen, without frame,
//! that the applicant cannot close and that never leaves Loket's own pages;
//! with `--kiosk-screen N` both, the kiosk window on the PC's N-th screen (one
//! PC with a second, applicant-facing screen). The kiosk window's capability
//! (`capabilities/kiosk.json`) grants only the kiosk's commands, and it signs
//! in apart from the staff window.

use tauri::{App, Url, WebviewUrl, WebviewWindowBuilder, WindowEvent};

/// The windows of a start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The staff window.
    Desk,
    /// The kiosk window alone (`--kiosk`).
    Kiosk,
    /// The staff window, and the kiosk window on this screen (1 is the first).
    DeskAndKiosk(usize),
}

/// The mode the arguments ask for; a `--kiosk-screen` without a screen
/// number from 1 up is refused with a message.
pub fn mode(args: &[String]) -> Result<Mode, String> {
    let mut rest = args.iter().skip(1);
    let mut mode = Mode::Desk;
    while let Some(a) = rest.next() {
        let screen = match a.as_str() {
            "--kiosk" => {
                mode = Mode::Kiosk;
                continue;
            }
            "--kiosk-screen" => rest.next().map(String::as_str),
            other => match other.strip_prefix("--kiosk-screen=") {
                Some(n) => Some(n),
                None => continue,
            },
        };
        match screen.and_then(|n| n.trim().parse::<usize>().ok()) {
            Some(n) if n >= 1 => mode = Mode::DeskAndKiosk(n),
            _ => {
                return Err(
                    "--kiosk-screen perlu nomor layar, mulai dari 1 (misalnya --kiosk-screen 2)."
                        .into(),
                );
            }
        }
    }
    Ok(mode)
}

/// The label of the kiosk window (its capability and its sign-in seat follow it).
pub const KIOSK: &str = "kiosk";

/// Whether `url` is one of Loket's own pages: the app's protocol, or the
/// development server in a development build.
pub fn is_own_page(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => {
            url.host_str() == Some("tauri.localhost")
                || (tauri::is_dev() && url.host_str() == Some("localhost"))
        }
        _ => false,
    }
}

/// Whether `url` is the kiosk's own page: Loket's page with `#kiosk`. The
/// kiosk window goes nowhere else, not even to Loket's other pages (the
/// desk's sign-in has no place in front of the public).
pub fn is_kiosk_page(url: &Url) -> bool {
    is_own_page(url) && matches!(url.path(), "/" | "/index.html") && url.fragment() == Some("kiosk")
}

/// Opens the windows of the mode Loket was started in.
pub fn open(app: &mut App, mode: Mode) -> tauri::Result<()> {
    match mode {
        Mode::Kiosk => open_kiosk(app, None),
        Mode::Desk => open_desk(app).map(|_| ()),
        Mode::DeskAndKiosk(screen) => {
            let desk = open_desk(app)?;
            // Closing the staff window ends Loket, the kiosk window with it.
            let handle = app.handle().clone();
            desk.on_window_event(move |event| {
                if let WindowEvent::CloseRequested { .. } = event {
                    handle.exit(0);
                }
            });
            let monitors = app.available_monitors()?;
            match monitors.get(screen - 1) {
                Some(m) => open_kiosk(app, Some(m)),
                None => {
                    // The staff window still opens; the kiosk waits for its screen.
                    eprintln!(
                        "Layar {screen} untuk kiosk tidak ada (PC ini punya {} layar); jendela kiosk tidak dibuka.",
                        monitors.len()
                    );
                    Ok(())
                }
            }
        }
    }
}

fn open_desk(app: &App) -> tauri::Result<tauri::WebviewWindow> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == "main")
        .cloned()
        .ok_or_else(|| tauri::Error::WindowNotFound)?;
    WebviewWindowBuilder::from_config(app.handle(), &config)?
        .on_navigation(is_own_page)
        .build()
}

/// The kiosk window, full screen on `screen` (the current one when `None`).
fn open_kiosk(app: &App, screen: Option<&tauri::Monitor>) -> tauri::Result<()> {
    let mut builder =
        WebviewWindowBuilder::new(app, KIOSK, WebviewUrl::App("index.html#kiosk".into()))
            .title("Loket — Kiosk Pemohon")
            .fullscreen(true)
            .decorations(false)
            .resizable(false)
            .focused(screen.is_none())
            .on_navigation(is_kiosk_page);
    if let Some(m) = screen {
        // Placed and sized on that screen first, so full screen is taken there.
        let scale = m.scale_factor();
        let (pos, size) = (m.position(), m.size());
        builder = builder
            .position(f64::from(pos.x) / scale, f64::from(pos.y) / scale)
            .inner_size(
                f64::from(size.width) / scale,
                f64::from(size.height) / scale,
            );
    }
    let window = builder.build()?;
    // The applicant cannot close the kiosk (Alt+F4, the window manager).
    window.on_window_event(|event| {
        if let WindowEvent::CloseRequested { api, .. } = event {
            api.prevent_close();
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loket_pages_are_its_own() {
        for own in [
            "tauri://localhost/index.html#kiosk",
            "http://tauri.localhost/",
        ] {
            assert!(is_own_page(&own.parse().unwrap()), "{own}");
        }
        for other in [
            "https://example.org/",
            "file:///etc/passwd",
            "tauri://evil.example/",
            "http://tauri.localhost.evil.example/",
            "data:text/html,hai",
        ] {
            assert!(!is_own_page(&other.parse().unwrap()), "{other}");
        }
    }

    #[test]
    fn the_kiosk_window_goes_only_to_the_kiosk_page() {
        for kiosk in [
            "tauri://localhost/index.html#kiosk",
            "http://tauri.localhost/index.html#kiosk",
            "http://tauri.localhost/#kiosk",
        ] {
            assert!(is_kiosk_page(&kiosk.parse().unwrap()), "{kiosk}");
        }
        for other in [
            "tauri://localhost/index.html",
            "http://tauri.localhost/",
            "http://tauri.localhost/index.html#",
            "http://tauri.localhost/other.html#kiosk",
            "https://example.org/#kiosk",
        ] {
            assert!(!is_kiosk_page(&other.parse().unwrap()), "{other}");
        }
    }

    #[test]
    fn the_windows_are_read_from_the_arguments() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(mode(&args(&["loket", "--kiosk"])), Ok(Mode::Kiosk));
        assert_eq!(mode(&args(&["loket"])), Ok(Mode::Desk));
        assert_eq!(
            mode(&args(&["--kiosk"])),
            Ok(Mode::Desk),
            "the program name is not a flag"
        );
        assert_eq!(
            mode(&args(&["loket", "--kiosk-screen", "2"])),
            Ok(Mode::DeskAndKiosk(2))
        );
        assert_eq!(
            mode(&args(&["loket", "--kiosk-screen=1"])),
            Ok(Mode::DeskAndKiosk(1))
        );
        for bad in [
            &["loket", "--kiosk-screen"][..],
            &["loket", "--kiosk-screen", "0"],
            &["loket", "--kiosk-screen=dua"],
        ] {
            assert!(mode(&args(bad)).is_err(), "{bad:?}");
        }
    }
}
