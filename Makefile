# Loket: two commands for a fresh Debian/Ubuntu machine.
#   make run    installs what is missing and opens Loket on its embedded SQLite database
#   make test   runs the whole test suite (what CI runs)
# Also: make package (the .deb and .rpm staff install), make bench (figures,
# not pass/fail), make docs (the manual as a site), make setup (installs only).

FEATURES := --features loket-app/custom-protocol

.PHONY: run test bench setup ui package docs

setup:
	@scripts/setup.sh

ui: setup
	npm --prefix ui run build

run: ui
	cargo run -p loket-app $(FEATURES)

test: setup
	scripts/test.sh

package: setup
	scripts/package.sh

bench: setup
	scripts/bench.sh

docs: setup
	scripts/docs.sh
