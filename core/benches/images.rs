//! `make bench` (images part): how fast and with how much memory Loket
//! refuses an image that would decode to gigabytes (a "decompression bomb":
//! a PNG of a few dozen bytes announcing 50,000 x 50,000 pixels, and one
//! within the side limit whose 16-bit pixels need 648 MB), next to an
//! ordinary 12-megapixel photo going through the same upload path. Peak
//! memory is the process's high-water mark (VmHWM). Prints; fails nothing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark stops at the first failure"
)]

use std::time::Instant;

use loket_core::files::{self, Mime};

fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn main() {
    println!("\nGambar: penolakan bom dekompresi (build release)");
    println!("  memori puncak proses di awal: {:.1} MB", peak_mb());
    for (what, bomb) in [
        (
            "PNG 50.000 x 50.000 RGBA (10 GB bila dibuka)",
            files::png_header_only(50_000, 50_000, 6, false),
        ),
        (
            "PNG 9.000 x 9.000 RGBA 16-bit (648 MB bila dibuka)",
            files::png_header_only(9_000, 9_000, 6, true),
        ),
    ] {
        let t0 = Instant::now();
        let refused = files::normalise(&bomb, Mime::Png).is_err();
        let took = t0.elapsed();
        println!(
            "  {what}, {} byte: {} dalam {:.3} ms; memori puncak {:.1} MB",
            bomb.len(),
            if refused { "ditolak" } else { "DITERIMA" },
            took.as_secs_f64() * 1000.0,
            peak_mb()
        );
    }
    // The reference: an ordinary 4,000 x 3,000 photo, decoded and re-encoded.
    let photo = image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(4000, 3000, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, ((x + y) % 239) as u8])
    }));
    let jpeg = files::encode_jpeg(&photo, 85).unwrap();
    drop(photo);
    let t0 = Instant::now();
    let stored = files::normalise(&jpeg, Mime::Jpeg).unwrap();
    println!(
        "  pembanding: foto JPEG 4.000 x 3.000 ({:.1} MB) dibuka dan disimpan ulang ({:.1} MB) dalam {:.0} ms; memori puncak {:.1} MB",
        jpeg.len() as f64 / 1_048_576.0,
        stored.len() as f64 / 1_048_576.0,
        t0.elapsed().as_secs_f64() * 1000.0,
        peak_mb()
    );
}
