# The README's two commands: `make run` (set up + run the main job) and `make test`
# (set up + run every test). `.ci/run` calls `make test`.
SHELL := /bin/bash
CARGO ?= cargo
SAMPLE ?= samples/food-plant.json
OUT ?= out

.PHONY: run test setup fmt-check clippy doc cargo-test

setup:
	scripts/setup-system.sh core
	@command -v $(CARGO) >/dev/null || { echo "cargo not found: install Rust (rustup)"; exit 1; }

run: setup
	$(CARGO) build --bin otzone
	mkdir -p $(OUT)
	target/debug/otzone check $(SAMPLE)
	target/debug/otzone convert $(SAMPLE) $(OUT)/sample.otz
	target/debug/otzone analyze $(OUT)/sample.otz
	target/debug/otzone export $(OUT)/sample.otz -o $(OUT)/sample.xlsx

fmt-check:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

doc:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --no-deps -p otzone-models

cargo-test:
	$(CARGO) test --workspace

test: setup fmt-check clippy doc cargo-test
