#!/usr/bin/env bash
# The whole test suite, as CI runs it (`make test`). Every step must pass;
# nothing here hides a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

FEATURES=(--features loket-app/custom-protocol)
step() { printf '\n==> %s\n' "$1"; }

if [ -z "${LOKET_IN_SESSION:-}" ]; then
  step "Format (cargo fmt --check)"
  cargo fmt --all -- --check

  step "Antarmuka: build (vite)"
  npm --prefix ui run build

  step "PostgreSQL sementara untuk tes"
  eval "$(scripts/pg.sh start)"
  trap 'scripts/pg.sh stop "$LOKET_PG_DIR"' EXIT
  echo "server: $LOKET_TEST_POSTGRES_URL"

  # The rest runs under Xvfb with a real, unlocked Secret Service.
  LOKET_IN_SESSION=1 scripts/in-session.sh "$0" "$@"
  exit $?
fi

# ts-rs rewrites ui/src/lib/bindings while the tests run: a fingerprint from
# before tells whether the types in the tree (in CI: the commit) were current.
bindings_fingerprint() {
  find ui/src/lib/bindings -type f -name '*.ts' -print0 | sort -z | xargs -0 sha256sum | sha256sum
}
before=$(bindings_fingerprint)

step "Tes Rust: core (SQLite, PostgreSQL, keyring) dan app"
cargo test --workspace "${FEATURES[@]}"

step "Tipe TypeScript hasil generate sudah mutakhir"
if [ "$before" != "$(bindings_fingerprint)" ]; then
  git status --short -- ui/src/lib/bindings 2>/dev/null || true
  echo "ui/src/lib/bindings tidak sesuai dengan tipe Rust; hasil generate baru ada di folder itu: commit." >&2
  exit 1
fi

step "Antarmuka: type-check (svelte-check)"
npm --prefix ui run check

step "Antarmuka: unit test (vitest)"
npm --prefix ui test

step "Clippy"
cargo clippy --workspace --all-targets "${FEATURES[@]}" -- -D warnings

step "Build aplikasi (debug)"
cargo build -p loket-app "${FEATURES[@]}"

step "Tes end-to-end: aplikasi asli di WebKit (tauri-driver)"
LOKET_APP="$PWD/target/debug/loket" node --test --test-concurrency=1 tests/e2e/
