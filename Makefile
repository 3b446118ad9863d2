# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BROWSER := /usr/bin/chromedriver
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: install demo test eval bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: install
	$(BIN)/fabula read --out out

# The report's tests render it in headless Chromium: Debian's chromium and chromium-driver.
$(BROWSER):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver

test: install $(BROWSER)
	$(BIN)/pytest

eval: install
	$(BIN)/fabula eval pdnc ../shared/data/pdnc-dev

bench: install
	$(BIN)/python benchmarks/bench_read.py

clean:
	rm -rf $(VENV) out build src/*.egg-info
