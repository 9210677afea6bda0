# Two commands matter: `make run` serves the app, `make test` runs every check.
# Both install what is missing first (a .venv with the project and its test extra; system
# packages through apt-get when run as root).

VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation fonts-dejavu-core \
	poppler-utils chromium zbar-tools

.PHONY: install system-deps run test test-fast lint bench figures clean

install: $(STAMP)

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --editable '.[test]'
	touch $(STAMP)

# apt-get only what is missing, and only as root; otherwise say what is missing.
system-deps:
	@missing=""; for pkg in $(SYSTEM_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "ok installed" || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
		else \
			echo "Missing system packages (install them as root):$$missing"; \
		fi; \
	fi

run: install system-deps
	$(VENV)/bin/flask --app app run --host 127.0.0.1 --port 5000

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: install system-deps lint
	$(PY) -m pytest

test-fast: install
	$(PY) -m pytest -m "not slow"

# Figures for people, not pass/fail: the speed and size of the slow parts.
bench: install system-deps
	$(PY) scripts/bench.py

# One page with every figure of every exercise, for review at a glance.
figures: install system-deps
	mkdir -p out
	$(PY) scripts/contact_sheet.py out/figures.png
	@echo "Wrote out/figures.png"

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
