#!/usr/bin/env bash
# `make package`: a release Loket and its Linux packages (.deb and .rpm),
# built by the Tauri bundler from src-tauri/tauri.conf.json. Both build
# offline. The packages land in target/release/bundle/{deb,rpm}/.
set -euo pipefail
cd "$(dirname "$0")/.."
# The release profile (Cargo.toml) keeps the package small: thin LTO, one codegen unit, symbols stripped.
CI=true ui/node_modules/.bin/tauri build --ci --bundles deb,rpm
for f in target/release/bundle/deb/*.deb target/release/bundle/rpm/*.rpm; do
  printf 'Paket: %s (%s bita, %s MiB)\n' "$f" "$(stat -c %s "$f")" \
    "$(awk "BEGIN { printf \"%.1f\", $(stat -c %s "$f") / 1048576 }")"
done
