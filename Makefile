# Crier: the two set-up commands of the README are `make run` and `make test`.
# Each installs the Debian packages it needs when run as root, and otherwise prints the command.

SWIFT ?= swift
CONFIG ?= config/quickstart.toml
# What building and running needs, and what the tests need on top (compressors for fixtures, a
# real MediaWiki for the wiki connector's tests).
DEB_PACKAGES = libcurl4-openssl-dev libxml2-dev libsqlite3-dev pkg-config zlib1g-dev
DEB_TEST_PACKAGES = gzip brotli zstd mediawiki php-sqlite3 php-cli chromium chromium-driver python3-venv
# Python test tools live in a venv (Debian's python3 is "externally managed").
PY_VENV = .build/pyenv

.PHONY: run test deps test-deps build release check bench clean-state

## deps: install the C libraries Crier builds against (Debian 12).
deps:
	@$(MAKE) --no-print-directory install-debs PACKAGES="$(DEB_PACKAGES)"
	@command -v $(SWIFT) >/dev/null || { echo "Swift 6 is required (https://www.swift.org/install/linux/)"; exit 1; }

## test-deps: what the tests need on top.
test-deps: deps
	@$(MAKE) --no-print-directory install-debs PACKAGES="$(DEB_TEST_PACKAGES)"

install-debs:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "missing Debian packages; run:  sudo apt-get install -y --no-install-recommends$$missing"; exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build --product crier

release: deps
	$(SWIFT) build -c release --product crier

## run: the quickstart — sample feeds into groups of the embedded hub at http://127.0.0.1:8470
run: build
	$(SWIFT) run crier run --config $(CONFIG)

## check: validate a config (exit 78 on problems)
check: build
	$(SWIFT) run crier check --config $(CONFIG)

## test: the whole test suite
$(PY_VENV)/bin/pytest:
	python3 -m venv $(PY_VENV)
	$(PY_VENV)/bin/pip install -q selenium pytest Mastodon.py

test: test-deps $(PY_VENV)/bin/pytest
	$(SWIFT) test
	$(SWIFT) build --product crier
	$(PY_VENV)/bin/python -m pytest -q Tests/Clients Tests/Browser

## bench: the benchmarks of Benchmarks/README.md (release builds)
bench: test-deps
	@$(MAKE) --no-print-directory install-debs PACKAGES="wrk"
	$(SWIFT) run -c release FormatsBenchmark
	$(SWIFT) run -c release PollBenchmark
	$(SWIFT) build -c release --scratch-path .build-release --product crier
	python3 Benchmarks/RelayLatency/relay_latency.py --crier .build-release/release/crier
	python3 Benchmarks/HubBenchmark/hub_benchmark.py

## clean-state: forget what the quickstart posted (its state and hub databases)
clean-state:
	rm -rf .state
