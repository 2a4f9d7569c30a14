#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests and prints the lines to
# eval: `eval "$(scripts/pg.sh start)"` sets LOKET_TEST_POSTGRES_URL and
# LOKET_PG_DIR; `scripts/pg.sh stop "$LOKET_PG_DIR"` stops and removes it.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ]; then echo "PostgreSQL tidak terpasang (jalankan scripts/setup.sh)" >&2; exit 1; fi
as_pg=()
if [ "$(id -u)" -eq 0 ]; then as_pg=(runuser -u postgres --); fi

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/loket-pg.XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "${as_pg[@]}" "$bin/initdb" -D "$dir/data" -U loket --auth=trust --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1
    "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-k $dir -p $port -c listen_addresses=127.0.0.1" start >/dev/null
    "${as_pg[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U loket loket_test
    echo "export LOKET_PG_DIR=$dir"
    echo "export LOKET_TEST_POSTGRES_URL=postgres://loket@127.0.0.1:$port/loket_test"
    ;;
  stop)
    dir=${2:?folder}
    timeout 90 "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
