#!/usr/bin/env bash
# Runs a command the way Loket runs on a desk, without a desk: under Xvfb, in a
# private D-Bus session with a fresh gnome-keyring unlocked (the real Secret
# Service), so tests use the real keyring and the real webview.
#
# Whatever the session started (gnome-keyring, the accessibility bus, helpers
# that D-Bus activated, a FUSE folder of a desktop portal) is stopped and
# unmounted afterwards, each step with a time limit, so a daemon that outlives
# the session can neither keep this script waiting nor hold the caller's
# output open.
set -euo pipefail
session_home=$(mktemp -d /tmp/loket-session.XXXXXX)
# A fresh keyring folder: a stale keyring with another password would make
# gnome-keyring wait for a password prompt nobody can answer.
export XDG_DATA_HOME="$session_home/data"
export XDG_RUNTIME_DIR="$session_home/run"
export XDG_CONFIG_HOME="$session_home/config"
export XDG_CACHE_HOME="$session_home/cache"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$session_home/Unduhan"
# Exports (letters, KTP) go to this session's own Downloads folder.
printf 'XDG_DOWNLOAD_DIR="%s"\n' "$session_home/Unduhan" >"$XDG_CONFIG_HOME/user-dirs.dirs"
chmod 700 "$XDG_RUNTIME_DIR"
# Less memory and no GPU surprises under Xvfb.
export WEBKIT_DISABLE_COMPOSITING_MODE=1
export LIBGL_ALWAYS_SOFTWARE=1
# No FUSE folder for GIO's virtual file systems where a machine has gvfs.
export GVFS_DISABLE_FUSE=1
# Marks every process of this session (it is inherited), so cleanup finds
# the ones that daemonized themselves out of the process tree.
export LOKET_SESSION_TAG="$session_home"

session_pids() {
  local env_file pid
  for env_file in /proc/[0-9]*/environ; do
    pid=${env_file#/proc/}
    pid=${pid%/environ}
    [ "$pid" = "$$" ] && continue
    { tr '\0' '\n' <"$env_file" | grep -qxF "LOKET_SESSION_TAG=$session_home"; } 2>/dev/null && echo "$pid"
  done
  return 0
}

cleanup() {
  local pids mnt
  pids=$(session_pids || true)
  if [ -n "$pids" ]; then
    echo "in-session: menghentikan proses sesi yang tersisa: $(echo $pids)" >&2
    kill -TERM $pids 2>/dev/null || true
    sleep 2
    pids=$(session_pids || true)
    [ -n "$pids" ] && kill -KILL $pids 2>/dev/null || true
  fi
  # Mounts under the session folder (a portal's or gvfs's FUSE folder):
  # detach them lazily so removing the folder never waits on their server.
  while read -r mnt; do
    timeout 10 fusermount3 -uz "$mnt" 2>/dev/null || timeout 10 fusermount -uz "$mnt" 2>/dev/null ||
      timeout 10 umount -l "$mnt" 2>/dev/null || true
  done < <(awk -v p="$session_home/" 'index($5, p) == 1 { print $5 }' /proc/self/mountinfo 2>/dev/null | sort -r)
  timeout 60 rm -rf "$session_home" 2>/dev/null || echo "in-session: $session_home tidak dapat dihapus" >&2
}
trap cleanup EXIT

# The session runs in its own process group. The command's exit status is
# written to a file the moment it ends; if Xvfb, D-Bus or a daemon they
# started then keeps the session from ending within a minute, the group is
# stopped and the command's own status stands.
status_file="$session_home/status"
setsid xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash -c '
  printf %s loket-session | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
  status=0
  "$@" || status=$?
  echo "$status" >"$LOKET_SESSION_TAG/status"
  exit "$status"' session "$@" &
session_pid=$!
trap 'kill -TERM -- -"$session_pid" 2>/dev/null; exit 130' INT TERM
while kill -0 "$session_pid" 2>/dev/null && [ ! -s "$status_file" ]; do sleep 1; done
for _ in $(seq 60); do kill -0 "$session_pid" 2>/dev/null || break; sleep 1; done
if kill -0 "$session_pid" 2>/dev/null; then
  echo "in-session: sesi tidak berakhir 60 detik setelah perintahnya selesai; dihentikan" >&2
  kill -TERM -- -"$session_pid" 2>/dev/null || true
  sleep 2
  kill -KILL -- -"$session_pid" 2>/dev/null || true
fi
session_status=0
wait "$session_pid" || session_status=$?
if [ -s "$status_file" ]; then exit "$(cat "$status_file")"; fi
# The command never finished (the session itself failed or was stopped).
exit $((session_status == 0 ? 1 : session_status))
