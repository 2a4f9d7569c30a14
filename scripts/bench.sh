#!/usr/bin/env bash
# `make bench`: figures, not pass/fail. Builds release binaries of Loket and of
# a bare Tauri window, then measures both the same way under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
npm --prefix ui run build
cargo build --release -p loket-app -p loket-bench-bare --features loket-app/custom-protocol,loket-bench-bare/custom-protocol
LOKET_APP="$PWD/target/release/loket" BARE_APP="$PWD/target/release/loket-bench-bare" \
  scripts/in-session.sh node bench/launch.mjs
# The kiosk soak: 1,000 applications through the kiosk window of the release app.
LOKET_APP="$PWD/target/release/loket" scripts/in-session.sh node bench/kiosk-soak.mjs
# Case search on 1,000,000 cases (the data set is generated once under target/).
cargo bench -p loket-core --bench search
# The dashboard and the deadline lists on that file, beside the same counts in SQL.
cargo bench -p loket-core --bench dashboard
# A backup and a restore of that file, by phase, beside a plain copy.
cargo bench -p loket-core --bench backup
# Importing a 50,000-row spreadsheet: rows per second, beside plain SQL INSERTs.
cargo bench -p loket-core --bench import
# A list page through the real app's IPC on that file.
LOKET_APP="$PWD/target/release/loket" scripts/in-session.sh node bench/ipc.mjs
# Images: refusing a decompression bomb (time, peak memory) beside an ordinary photo.
cargo bench -p loket-core --bench images
# The seals checked before every command, beside the same rows read plainly.
cargo bench -p loket-core --bench seals
# Sign-in: one Argon2id password check with Loket's parameters.
cargo bench -p loket-core --bench signin
# Letters: ms and bytes per letter type from the core, then the same letters
# (equivalent HTML written by that bench) through LibreOffice headless.
cargo bench -p loket-core --bench letters
# Crafted files (PDFs and spreadsheets made to hang or exhaust a reader): time
# to refusal and the confined reader's peak memory, beside a signed letter.
cargo bench -p loket-core --bench crafted
if ! command -v soffice >/dev/null 2>&1; then
  echo "==> Memasang LibreOffice Writer (hanya untuk perbandingan benchmark)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends libreoffice-writer-nogui
fi
python3 bench/libreoffice.py target/bench-data/letters-html
