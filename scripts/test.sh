#!/usr/bin/env bash
# The whole test suite, as CI runs it (`make test`). Every step must pass;
# nothing here hides a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

FEATURES=(--features loket-app/custom-protocol)
# Each step says when it starts (seconds since the suite began), so a slow or
# stuck step shows in the log.
# The inner run (in the session) counts from the same start.
: "${LOKET_TEST_START:=$(date +%s)}"
export LOKET_TEST_START
step() { printf '\n==> %s (detik ke-%d)\n' "$1" "$(($(date +%s) - LOKET_TEST_START))"; }

# In CI every build is fresh: incremental caches only cost disk there.
if [ "${CI:-}" = true ]; then
  export CARGO_INCREMENTAL=0
fi

if [ -z "${LOKET_IN_SESSION:-}" ]; then
  step "Format (cargo fmt --check)"
  cargo fmt --all -- --check

  step "Antarmuka: build (vite)"
  npm --prefix ui run build

  step "PostgreSQL sementara untuk tes"
  eval "$(scripts/pg.sh start)"
  trap 'scripts/pg.sh stop "$LOKET_PG_DIR"' EXIT
  echo "server: $LOKET_TEST_POSTGRES_URL"

  step "Antrean cetak CUPS (cups-pdf) untuk tes"
  eval "$(scripts/cups.sh)"
  trap 'scripts/pg.sh stop "$LOKET_PG_DIR"; [ "$LOKET_CUPSD_STARTED" = 1 ] && scripts/cups.sh stop' EXIT
  echo "antrean: $PRINTER, berkas cetak di $LOKET_TEST_PRINT_DIR"

  # The rest runs under Xvfb with a real, unlocked Secret Service.
  status=0
  LOKET_IN_SESSION=1 scripts/in-session.sh "$0" "$@" || status=$?
  step "Selesai: status $status"
  exit "$status"
fi

# ts-rs and the shell's tests rewrite ui/src/lib/bindings (types and command
# wrappers), and the shell's build writes the desk window's capability and one
# permission file per command (removing those of commands that are gone), while
# the tests run: a fingerprint from before tells whether what is in the tree
# (in CI: the commit) was current.
bindings_fingerprint() {
  { find ui/src/lib/bindings src-tauri/permissions -type f \( -name '*.ts' -o -name '*.toml' \) -print0; printf '%s\0' src-tauri/capabilities/main.json; } |
    sort -z | xargs -0 sha256sum | sha256sum
}
before=$(bindings_fingerprint)
marker=$(mktemp)

step "Tes Rust: core (SQLite, PostgreSQL, keyring) dan app"
cargo test --workspace "${FEATURES[@]}"

step "Tipe TypeScript, pembungkus perintah dan capability hasil generate sudah mutakhir"
if [ "$before" != "$(bindings_fingerprint)" ]; then
  git status --short -- ui/src/lib/bindings src-tauri/capabilities src-tauri/permissions 2>/dev/null || true
  echo "ui/src/lib/bindings, src-tauri/capabilities/main.json atau src-tauri/permissions tidak sesuai dengan kode Rust; hasil generate baru sudah ditulis: commit." >&2
  exit 1
fi
# Every binding is rewritten by the test run; one that was not is left from a
# type that no longer exists.
stale=$(find ui/src/lib/bindings -type f -name '*.ts' ! -newer "$marker")
rm -f "$marker"
if [ -n "$stale" ]; then
  echo "Tipe ini tidak lagi ada di kode Rust; hapus berkasnya: $stale" >&2
  exit 1
fi

step "Antarmuka: type-check (svelte-check)"
npm --prefix ui run check

step "Antarmuka: unit test (vitest)"
npm --prefix ui test

step "Clippy"
cargo clippy --workspace --all-targets "${FEATURES[@]}" -- -D warnings

if [ "${CI:-}" = true ]; then
  # A CI machine's disk is small: the debug build's work is done (the
  # end-to-end tests run the release build below), so its space goes back
  # before the release build takes its own.
  step "CI: target/debug dihapus sebelum build rilis (ruang disk)"
  rm -rf target/debug
fi

step "Paket Linux (make package): .deb dan .rpm rilis, lalu .deb dibuka dengan dpkg -x dan dijalankan"
scripts/package.sh
scripts/package-check.sh

step "Tes end-to-end: aplikasi rilis yang dipaketkan, di WebKit (tauri-driver)"
# The release binary the packages carry is the one staff run, so the
# end-to-end tests drive it. A time limit turns a hang into a failure that
# names this step.
# The TAP stream goes to the log as it runs; the same run is also written in
# the spec reporter's form, whose closing list of failing tests with their
# errors is printed again at the end when something failed, so the reason is
# in the log's last lines.
mkdir -p target/e2e
spec=target/e2e/spec.txt
LOKET_APP="$PWD/target/release/loket" timeout --kill-after=30s 40m node --test --test-concurrency=1 \
  --test-reporter=tap --test-reporter-destination=stdout \
  --test-reporter=spec --test-reporter-destination="$spec" tests/e2e/ || {
  status=$?
  [ "$status" -eq 124 ] && echo "Tes end-to-end tidak selesai dalam 40 menit." >&2
  if grep -q 'failing tests:' "$spec" 2>/dev/null; then
    echo "Tes end-to-end yang gagal, dengan galatnya:" >&2
    sed -n '/failing tests:/,$p' "$spec" | sed 's/\x1b\[[0-9;]*m//g' | head -c 20000 >&2
  fi
  exit "$status"
}

step "Panduan: situs mdBook, tautan, dan gambar yang diambil tes ini"
mdbook build docs
node scripts/docs-check.mjs --fresh
