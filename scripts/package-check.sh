#!/usr/bin/env bash
# Checks the .deb `make package` built, as a staff member's machine would
# see it: unpacked into a temporary root (dpkg -x), its files only under
# /usr (the office's data lives in the user's app-data folder, which no
# package touches), a desktop entry that starts `loket`, icons, the binary
# answering --version and `check` (database and keyring) on a fresh data
# folder, and the size under 15 MB. Needs a session keyring (make test).
set -euo pipefail
cd "$(dirname "$0")/.."
deb=$(ls -t target/release/bundle/deb/*.deb | head -1)
rpm=$(ls -t target/release/bundle/rpm/*.rpm | head -1)
fail() { echo "Pemeriksaan paket gagal: $*" >&2; exit 1; }

size=$(stat -c %s "$deb")
printf 'Ukuran .deb: %s bita (%.1f MiB; batas 15 MB)\n' "$size" "$(awk "BEGIN { print $size / 1048576 }")"
[ "$size" -lt 15000000 ] || fail ".deb $size bita, lebih dari 15 MB"
[ -s "$rpm" ] || fail "tidak ada .rpm"
printf 'Ukuran .rpm: %s bita\n' "$(stat -c %s "$rpm")"

dpkg-deb -f "$deb" Package Version Depends
outside=$(dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's|^\./||' | grep -Ev '^(usr|usr/.*|)$' || true)
[ -z "$outside" ] || fail "paket memasang berkas di luar /usr: $outside"

root=$(mktemp -d)
home=$(mktemp -d)
trap 'rm -rf "$root" "$home"' EXIT
dpkg -x "$deb" "$root"
bin="$root/usr/bin/loket"
[ -x "$bin" ] || fail "usr/bin/loket tidak ada"
entry=$(ls "$root"/usr/share/applications/*.desktop | head -1)
[ -f "$entry" ] || fail "entri desktop tidak ada"
grep -q '^Exec=loket' "$entry" || fail "entri desktop tidak menjalankan loket: $(grep ^Exec "$entry")"
grep -q '^Name=Loket' "$entry" || fail "nama di menu bukan Loket"
ls "$root"/usr/share/icons/hicolor/*/apps/loket.png >/dev/null || fail "ikon tidak ada"
echo "Entri menu: $(grep -E '^(Name|Exec|Icon|Categories)=' "$entry" | tr '\n' ' ')"

version=$("$bin" --version)
echo "$version"
[ "$version" = "loket $(dpkg-deb -f "$deb" Version)" ] || fail "--version ($version) tidak sama dengan versi paket"
# `check` on a fresh user's data folder: the database is created there, the
# keyring answers.
HOME="$home" XDG_DATA_HOME="$home/.local/share" LOKET_DATABASE_URL= "$bin" check
[ -f "$home/.local/share/id.go.loket/loket.sqlite3" ] || fail "data tidak di folder app-data pengguna"
echo "Paket lolos pemeriksaan."
