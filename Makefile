# The README's two commands: `make run` (set up + run the main job) and `make test`
# (set up + run every test). `.ci/run` calls `make test`.
SHELL := /bin/bash
CARGO ?= cargo
SAMPLE ?= samples/food-plant.json
OUT ?= out

# The desktop app embeds ui/dist; every cargo build/test/clippy uses the same features so the
# Tauri crate is compiled once.
FEATURES := --features otzone-studio/custom-protocol

.PHONY: run test setup ui app release package fuzz fmt-check clippy doc ui-test cargo-test e2e

setup:
	scripts/setup-system.sh app
	@command -v $(CARGO) >/dev/null || { echo "cargo not found: install Rust (rustup)"; exit 1; }
	@command -v npm >/dev/null || { echo "npm not found: install Node.js 20.19+ and npm"; exit 1; }
	cd ui && npm ci --no-audit --no-fund

ui:
	cd ui && npm run build

app: ui
	$(CARGO) build --workspace $(FEATURES)

# The app and the CLI as a user runs them: a release build, without the e2e test's hooks.
release: ui
	$(CARGO) build --release -p otzone-studio -p otzone-cli $(FEATURES)

# Installers: the release app and the Linux .deb built with the Tauri CLI, then the .deb
# installed on this machine, opened on a sample as a file association opens it (screenshot
# under Xvfb), the installed CLI exporting a workbook, and the package removed
# (docs/platforms.md). Not part of `make test` (a release build takes long on 2 cores).
package: setup
	scripts/package.sh --bundles deb
	tests/package/check-deb.sh

# Main job: the CLI on the sample (check, store, analyse, Excel) and the desktop app opened on
# the same sample (under Xvfb with a screenshot when there is no display).
run: setup release
	mkdir -p $(OUT)
	target/release/otzone check $(SAMPLE)
	target/release/otzone convert $(SAMPLE) $(OUT)/sample.otz
	target/release/otzone analyze $(OUT)/sample.otz
	target/release/otzone export $(OUT)/sample.otz -o $(OUT)/sample.xlsx
	@if [ -n "$${DISPLAY:-}" ]; then target/release/otzone-studio $(OUT)/sample.otz; \
	else xvfb-run -a -s "-screen 0 1280x800x24" bash -c 'target/release/otzone-studio $(OUT)/sample.otz & app=$$!; sleep 15; import -window root $(OUT)/app.png; kill $$app'; \
	echo "no display: the app ran under Xvfb; screenshot in $(OUT)/app.png"; fi

fmt-check:
	$(CARGO) fmt --all -- --check

clippy: ui
	$(CARGO) clippy --workspace --all-targets $(FEATURES) -- -D warnings

doc:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --no-deps -p otzone-models

ui-test:
	cd ui && npm run --silent format:check && npx tsc --noEmit && npx vitest run

cargo-test: ui
	$(CARGO) test --workspace $(FEATURES)

e2e: ui
	tests/e2e/run.sh

# Coverage-guided fuzzing of one reader (not part of `make test`; docs/reliability.md).
TARGET ?= ledger
SECONDS ?= 1800
fuzz:
	fuzz/run.sh $(TARGET) $(SECONDS)

# A one-off build keeps no incremental caches (1.4 GB on a clean clone).
test: export CARGO_INCREMENTAL = 0
test: setup fmt-check ui-test clippy doc cargo-test e2e
