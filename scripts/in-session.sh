#!/usr/bin/env bash
# Runs a command the way Loket runs on a desk, without a desk: under Xvfb, in a
# private D-Bus session with a fresh gnome-keyring unlocked (the real Secret
# Service), so tests use the real keyring and the real webview.
set -euo pipefail
session_home=$(mktemp -d /tmp/loket-session.XXXXXX)
# A fresh keyring folder: a stale keyring with another password would make
# gnome-keyring wait for a password prompt nobody can answer.
export XDG_DATA_HOME="$session_home/data"
export XDG_RUNTIME_DIR="$session_home/run"
export XDG_CONFIG_HOME="$session_home/config"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" "$XDG_CONFIG_HOME" "$session_home/Unduhan"
# Exports (letters, KTP) go to this session's own Downloads folder.
printf 'XDG_DOWNLOAD_DIR="%s"\n' "$session_home/Unduhan" >"$XDG_CONFIG_HOME/user-dirs.dirs"
chmod 700 "$XDG_RUNTIME_DIR"
# Less memory and no GPU surprises under Xvfb.
export WEBKIT_DISABLE_COMPOSITING_MODE=1
export LIBGL_ALWAYS_SOFTWARE=1
# The desktop portal WebKit starts mounts a FUSE folder in the runtime dir;
# unmount it (best effort) before removing the session's folders.
cleanup() {
  local doc="$XDG_RUNTIME_DIR/doc"
  if mountpoint -q "$doc" 2>/dev/null; then
    fusermount3 -u "$doc" 2>/dev/null || fusermount -u "$doc" 2>/dev/null || umount -l "$doc" 2>/dev/null || true
  fi
  rm -rf "$session_home" 2>/dev/null || true
}
trap cleanup EXIT
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash -c '
  printf %s loket-session | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
  exec "$@"' session "$@"
