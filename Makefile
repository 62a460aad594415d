# CodeAlong: `make run` starts the whole site locally; `make test` runs every suite.
# Both install what is missing first (scripts/setup.sh) and are safe to repeat.

SWIFT       ?= swift
BUILD_DIR   := .build
BIN         := $(BUILD_DIR)/debug
PYTHON      := .venv/bin/python
HOST        ?= 127.0.0.1
PORT        ?= 8080

.PHONY: lane-docker lane-cpu soak run test-authoring serve test setup image build build-tests site check verify test-swift test-js test-runner test-e2e test-security test-load test-faults bench screenshots clean

run: image site
	@echo "CodeAlong on http://localhost:$(PORT)/ (Ctrl-C stops it)"
	$(BIN)/grader --host $(HOST) --port $(PORT) --content content --public public

# Two lanes in parallel (2 cores): Docker-bound suites beside CPU-bound ones. Timing-sensitive
# suites (runner step tests, load) are kept apart from each other.
test: image site build-tests
	$(MAKE) -k -j2 lane-docker lane-cpu

lane-docker:
	$(MAKE) -k verify test-faults test-security test-e2e test-authoring

lane-cpu:
	$(MAKE) -k check test-js test-runner test-swift test-load

# Author preview with live reload (no grader: Run buttons need `make run`).
serve: build
	$(BIN)/sitegen serve --content content --theme theme --output public

setup:
	@scripts/setup.sh

image: setup
	@runner/build-image.sh

# One build configuration for everything: `swift build` and `swift build --build-tests`
# compile the dependencies differently (testability), so alternating them rebuilt
# Hummingbird and the rest each time `make run` followed `make test`.
build: setup
	$(SWIFT) build --build-tests

build-tests: build

site: build
	$(BIN)/sitegen build --content content --theme theme --output public

# Content validation, internal links and anchors; then, against the bundled valkey-server started on 127.0.0.1
# (about a second each): the command reference's facts (COMMAND DOCS/INFO vs facts.json) and every runnable
# Valkey example of the content.
check: build
	$(BIN)/sitegen check --content content --theme theme
	$(PYTHON) scripts/import_commands.py --check
	$(PYTHON) scripts/check_examples.py

# Every step's solution passes and every starter fails, through the real runner image.
verify: image build
	$(BIN)/sitegen check --content content --theme theme --verify

# The process stress test runs alone in its own process: it counts the descriptors and
# threads of the whole process, which other suites running beside it would change.
test-swift: build-tests
	$(SWIFT) test --skip-build --skip ProcessStressTests
	$(SWIFT) test --skip-build --filter ProcessStressTests

# The theme's pure JavaScript modules (run flow, event stream, results, progress), with Node's own runner.
test-js: setup
	node --test Tests/js/*.test.mjs

test-runner: setup
	$(PYTHON) -m pytest -q -n 3 runner/tests
	$(PYTHON) -m pytest -q Tests/scripts

# End to end against a live grader: the API contract (docs/openapi.yaml), hostile requests,
# schemathesis, and real Chromium.
test-e2e: site
	$(PYTHON) -m pytest -q Tests/api Tests/browser

# docs/authoring.md's walk-through, followed command by command (scaffold, fill, check, verify).
test-authoring: build
	$(PYTHON) -m pytest -q Tests/authoring

# Programs that try to forge their verdict, through the live grader and real Docker.
test-security: site
	$(PYTHON) -m pytest -q Tests/security

# 200 submissions at concurrency 16 (bench/load.py runs 1,000 and the soak).
test-load: site
	$(PYTHON) -m pytest -q Tests/load

# Engine stopped and hung, grader killed, out of memory (a private dockerd of their own).
test-faults: site
	$(PYTHON) -m pytest -q Tests/faults

# Benchmarks (figures go in docs/PERFORMANCE.md; never part of `make test`).
bench: image site
	swift build -c release --scratch-path .build-bench --product grader
	$(PYTHON) bench/grader_bench.py
	$(PYTHON) bench/load.py --runs 1000 --concurrency 16
	python3 bench/sitegen/bench.py

# Thousands of mixed runs (passing, failing, hostile, standalone, cluster): RSS and threads flat.
soak: image site
	swift build -c release --scratch-path .build-bench --product grader
	$(PYTHON) bench/load.py --soak --runs 4000 --concurrency 16

# docs/screenshots/ in real Chromium against a local grader.
screenshots: image site
	$(PYTHON) scripts/screenshots.py

clean:
	rm -rf $(BUILD_DIR) public
