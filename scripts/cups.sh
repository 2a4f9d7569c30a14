#!/usr/bin/env bash
# A real CUPS print queue for the tests: starts the CUPS scheduler if it is
# not running and adds the queue LoketPDF (Debian's cups-pdf), which writes
# each job as a PDF into target/cups-pdf/ of this checkout. Prints the
# variables the tests read: PRINTER (the queue, which `lp` takes as the
# default) and LOKET_TEST_PRINT_DIR (where the jobs land).
# Needs root or sudo, as `make setup` does. `scripts/cups.sh stop` ends a
# scheduler this script started (LOKET_CUPSD_STARTED=1 says it did).
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if [ "${1:-}" = stop ]; then
  $SUDO pkill -x cupsd || true
  exit 0
fi
out="$PWD/target/cups-pdf"
mkdir -p "$out"
chmod 0777 "$out"
started=0
# `lpstat -r` exits 0 either way; its words tell.
running() { LC_ALL=C lpstat -r 2>/dev/null | grep -q 'scheduler is running'; }
if ! running; then
  # In the foreground of a session of its own (its self-daemonising start
  # fails in a container without an init), with its output closed: a daemon
  # holding this script's output open would keep whoever reads it waiting.
  $SUDO setsid cupsd -f </dev/null >/dev/null 2>&1 &
  started=1
  for _ in $(seq 1 50); do running && break; sleep 0.2; done
fi
running || { echo "Penjadwal CUPS tidak berjalan." >&2; exit 1; }
# cups-pdf reads the settings of device cups-pdf:/NAME from cups-pdf-NAME.conf.
printf 'Out %s\nAnonDirName %s\nLabel 0\nTitlePref 1\n' "$out" "$out" |
  $SUDO tee /etc/cups/cups-pdf-LoketPDF.conf >/dev/null
if ! lpstat -p LoketPDF >/dev/null 2>&1; then
  ppd=$(find /usr/share/ppd/cups-pdf -name 'CUPS-PDF_noopt.ppd' | head -n 1)
  $SUDO lpadmin -p LoketPDF -E -v cups-pdf:/LoketPDF -P "$ppd" 2>/dev/null
fi
$SUDO cupsenable LoketPDF
$SUDO cupsaccept LoketPDF
echo "export PRINTER=LoketPDF"
echo "export LOKET_TEST_PRINT_DIR=$out"
echo "export LOKET_CUPSD_STARTED=$started"
