//! The windows Loket opens: the staff window (`main`), or with `--kiosk` the
//! applicant-facing kiosk window (`kiosk`): full screen, without frame, that
//! the applicant cannot close and that never leaves Loket's own pages. The
//! kiosk window's capability (`capabilities/kiosk.json`) grants only the
//! kiosk's commands, and it signs in apart from the staff window.

use tauri::{App, Url, WebviewUrl, WebviewWindowBuilder, WindowEvent};

/// The label of the kiosk window (its capability and its sign-in seat follow it).
pub const KIOSK: &str = "kiosk";

/// Whether Loket was started as a kiosk (`loket --kiosk`).
pub fn kiosk_requested(args: &[String]) -> bool {
    args.iter().skip(1).any(|a| a == "--kiosk")
}

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

/// Opens the windows of the mode Loket was started in.
pub fn open(app: &mut App, kiosk: bool) -> tauri::Result<()> {
    if kiosk {
        let window =
            WebviewWindowBuilder::new(app, KIOSK, WebviewUrl::App("index.html#kiosk".into()))
                .title("Loket — Kiosk Pemohon")
                .fullscreen(true)
                .decorations(false)
                .resizable(false)
                .focused(true)
                .on_navigation(is_own_page)
                .build()?;
        // The applicant cannot close the kiosk (Alt+F4, the window manager).
        window.on_window_event(|event| {
            if let WindowEvent::CloseRequested { api, .. } = event {
                api.prevent_close();
            }
        });
    } else {
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
            .build()?;
    }
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
    fn the_kiosk_flag_is_read_from_the_arguments() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(kiosk_requested(&args(&["loket", "--kiosk"])));
        assert!(!kiosk_requested(&args(&["loket"])));
        assert!(
            !kiosk_requested(&args(&["--kiosk"])),
            "the program name is not a flag"
        );
    }
}
