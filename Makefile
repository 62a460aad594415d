# CodeAlong: `make run` starts the whole site locally; `make test` runs every suite.
# Both install what is missing first (scripts/setup.sh) and are safe to repeat.

SWIFT       ?= swift
BUILD_DIR   := .build
BIN         := $(BUILD_DIR)/debug
PYTHON      := .venv/bin/python
HOST        ?= 127.0.0.1
PORT        ?= 8080

.PHONY: run test setup image build build-tests site test-swift test-runner test-e2e clean

run: image site
	@echo "CodeAlong on http://localhost:$(PORT)/ (Ctrl-C stops it)"
	$(BIN)/grader --host $(HOST) --port $(PORT) --content content --public public

test: image site build-tests
	$(MAKE) -k test-swift test-runner test-e2e

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

test-swift: build-tests
	$(SWIFT) test --skip-build

test-runner: setup
	$(PYTHON) -m pytest -q runner/tests

# End to end against a live grader: the API contract (docs/openapi.yaml) and real Chromium.
test-e2e: site
	$(PYTHON) -m pytest -q Tests/api Tests/browser

clean:
	rm -rf $(BUILD_DIR) public
