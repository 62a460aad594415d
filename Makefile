# CodeAlong: `make run` starts the whole site locally; `make test` runs every suite.
# Both install what is missing first (scripts/setup.sh) and are safe to repeat.

SWIFT       ?= swift
BUILD_DIR   := .build
BIN         := $(BUILD_DIR)/debug
PYTHON      := .venv/bin/python
HOST        ?= 127.0.0.1
PORT        ?= 8080

.PHONY: run serve test setup image build build-tests site check verify test-swift test-runner test-e2e bench clean

run: image site
	@echo "CodeAlong on http://localhost:$(PORT)/ (Ctrl-C stops it)"
	$(BIN)/grader --host $(HOST) --port $(PORT) --content content --public public

test: image site build-tests
	$(MAKE) -k check verify test-swift test-runner test-e2e

# Author preview with live reload (no grader: Run buttons need `make run`).
serve: build
	$(BIN)/sitegen serve --content content --theme theme --output public

setup:
	@scripts/setup.sh

image: setup
	@runner/build-image.sh

build: setup
	$(SWIFT) build

build-tests: setup
	$(SWIFT) build --build-tests

site: build
	$(BIN)/sitegen build --content content --theme theme --output public

# Content validation, internal links and anchors.
check: build
	$(BIN)/sitegen check --content content --theme theme

# Every step's solution passes and every starter fails, through the real runner image.
verify: image build
	$(BIN)/sitegen check --content content --theme theme --verify

test-swift: build-tests
	$(SWIFT) test --skip-build

test-runner: setup
	$(PYTHON) -m pytest -q runner/tests

# End to end against a live grader: the API contract (docs/openapi.yaml) and real Chromium.
test-e2e: site
	$(PYTHON) -m pytest -q Tests/api Tests/browser

# Benchmarks (figures go in docs/PERFORMANCE.md; never part of `make test`).
bench: image build
	swift build -c release --scratch-path .build-bench --product grader
	$(PYTHON) bench/grader_bench.py
	python3 bench/sitegen/bench.py

clean:
	rm -rf $(BUILD_DIR) public
