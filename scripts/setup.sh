#!/usr/bin/env bash
# Installs what Loket needs on a Debian/Ubuntu machine and skips what is there:
# system packages (WebKitGTK, Xvfb, gnome-keyring, PostgreSQL, PDF tools, a QR reader),
# the Rust toolchain if missing, the UI's npm packages, tauri-driver, mdBook and pyHanko.
# Safe to run again; `make run` and `make test` call it first.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

packages=(
  build-essential pkg-config curl file ca-certificates python3
  libssl-dev libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev
  webkit2gtk-driver xvfb xauth x11-utils dbus-x11 gnome-keyring libsecret-tools
  postgresql sqlite3 qpdf poppler-utils imagemagick python3-venv openssl faketime zbar-tools
  cups printer-driver-cups-pdf
)
# Node.js: keep one that is already installed (Debian's, or a newer one); else Debian's.
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "==> Memasang paket sistem: ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The UI's tools (Vite 6, vitest 3) need Node.js 18 or newer.
node_major=$(node --version | sed -E 's/^v([0-9]+).*/\1/')
if [ "$node_major" -lt 18 ]; then
  echo "Node.js 18 atau lebih baru diperlukan (terpasang: $(node --version))." >&2
  exit 1
fi

# Rust: sea-orm 2 and Tauri 2.12 need a recent toolchain (1.94 or newer).
if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "==> Memasang Rust (rustup)"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c clippy,rustfmt
  export PATH="$HOME/.cargo/bin:$PATH"
fi
rust_minor=$(rustc --version | sed -E 's/^rustc 1\.([0-9]+).*/\1/')
if [ "$rust_minor" -lt 94 ]; then
  if command -v rustup >/dev/null 2>&1; then
    rustup update stable
  else
    echo "Rust 1.94 atau lebih baru diperlukan (terpasang: $(rustc --version))." >&2
    exit 1
  fi
fi

# UI packages at the locked versions. `npm install` rather than `npm ci`: npm 11
# records only this platform's optional packages (rollup, the Tauri CLI) in the
# lock, and `npm ci` then refuses the lock on every other platform.
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "==> Memasang paket npm antarmuka"
  npm install --prefix ui --no-audit --no-fund
fi

# tauri-driver drives the real app in the end-to-end tests.
if ! command -v tauri-driver >/dev/null 2>&1; then
  echo "==> Memasang tauri-driver"
  cargo install tauri-driver --version 2.1.0 --locked
fi

# mdBook builds the manual (make docs); make test builds and checks it.
if ! mdbook --version 2>/dev/null | grep -q '^mdbook v0\.5\.4$'; then
  echo "==> Memasang mdBook untuk panduan"
  cargo install mdbook --version 0.5.4 --locked
fi

# pyHanko (from PyPI) signs exported letters in the tests, as a signing tool would.
if [ ! -x target/pytools/bin/pyhanko ]; then
  echo "==> Memasang pyHanko untuk uji tanda tangan elektronik"
  python3 -m venv target/pytools
  target/pytools/bin/pip install --quiet --disable-pip-version-check pyhanko==0.38.0 pyhanko-cli==0.6.0
fi
# python-xlib asks the kiosk window to close the way a window manager does (end-to-end test).
if ! target/pytools/bin/python -c 'import Xlib' >/dev/null 2>&1; then
  echo "==> Memasang python-xlib untuk uji jendela kiosk"
  target/pytools/bin/pip install --quiet --disable-pip-version-check python-xlib==0.33
fi
# aiosmtpd is the real SMTP server on loopback the mail tests send to.
if ! target/pytools/bin/python -c 'import aiosmtpd' >/dev/null 2>&1; then
  echo "==> Memasang aiosmtpd untuk uji surel"
  target/pytools/bin/pip install --quiet --disable-pip-version-check aiosmtpd==1.4.6
fi
# openpyxl reads the reports' XLSX workbooks in the tests, as a reader Loket did not write.
if ! target/pytools/bin/python -c 'import openpyxl' >/dev/null 2>&1; then
  echo "==> Memasang openpyxl untuk uji buku kerja laporan"
  target/pytools/bin/pip install --quiet --disable-pip-version-check openpyxl==3.1.5
fi
