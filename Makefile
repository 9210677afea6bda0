# Two commands matter: `make run` serves the app, `make test` runs every check.
# Both install what is missing first (a .venv with the project and its test extra; system
# packages through apt-get when run as root); `make test` also the HTML checker from npm.
# `make serve` runs it in production (nginx in front of gunicorn), `make load` measures
# that under load.

VENV ?= .venv
PY := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.run-installed-stamp
STAMP := $(VENV)/.installed-stamp
LOAD_STAMP := $(VENV)/.load-installed-stamp
NPM_STAMP := node_modules/.installed-stamp
# What running the app needs (Pango for WeasyPrint, the fonts), then what only the tests
# and the production setup add. `make run` installs the first list, `make test` both.
RUN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fontconfig fonts-liberation fonts-dejavu-core \
	fonts-noto-core fonts-noto-cjk
SYSTEM_PACKAGES := $(RUN_PACKAGES) poppler-utils chromium zbar-tools openjdk-17-jre-headless \
	strace nginx
PACKAGES ?= $(SYSTEM_PACKAGES)
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: readability install translations messages system-deps run serve serve-gunicorn load load-batch test test-fast lint bench figures blind-sheet clean

install: $(STAMP) translations

# The app alone for `make run`; the test extra (pytest, Playwright, ruff...) for the rest.
$(RUN_STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --editable .
	touch $(RUN_STAMP)

$(STAMP): $(RUN_STAMP)
	$(PY) -m pip install --quiet --editable '.[test]'
	touch $(STAMP)

# Languages (README, "Adding a language"): the .po files are kept in git, the .mo files
# built from them here, never committed. `make messages` gathers the messages of the code
# and templates into messages.pot and merges it into every .po.
TRANSLATIONS := generator/translations
MO_FILES := $(patsubst %.po,%.mo,$(wildcard $(TRANSLATIONS)/*/LC_MESSAGES/messages.po))
BABEL_KEYWORDS := -k lazy_gettext -k lazy_format --add-comments=TRANSLATORS:

translations: $(MO_FILES)

$(TRANSLATIONS)/%/LC_MESSAGES/messages.mo: $(TRANSLATIONS)/%/LC_MESSAGES/messages.po $(RUN_STAMP)
	$(VENV)/bin/pybabel compile --statistics -d $(TRANSLATIONS) -l $* 2>&1 | tail -1

messages: $(RUN_STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg $(BABEL_KEYWORDS) --no-location \
		--sort-output --project hamstring-handout -o $(TRANSLATIONS)/messages.pot .
	$(VENV)/bin/pybabel update --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date \
		-i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS)

# The Nu Html Checker (vnu.jar) for the tests, from the npm registry at the locked version.
# --ignore-scripts: its postinstall would download a Java runtime; Java comes from Debian.
$(NPM_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm; } || \
		{ echo "npm is missing: install it as root (apt-get install npm)"; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --silent
	touch $(NPM_STAMP)

# locust for `make load` only: it brings gevent, which the test run does without.
$(LOAD_STAMP): $(STAMP)
	$(PY) -m pip install --quiet --editable '.[test,load]'
	touch $(LOAD_STAMP)

# apt-get only what is missing, and only as root; otherwise say what is missing.
system-deps:
	@missing=""; for pkg in $(PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "ok installed" || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
		else \
			echo "Missing system packages (install them as root):$$missing"; \
		fi; \
	fi

# `make run PORT=5001` (5000 is taken on many Macs); HOST=0.0.0.0 only behind a proxy
# (README, "Production serving").
run: PACKAGES = $(RUN_PACKAGES)
run: $(RUN_STAMP) translations system-deps
	$(VENV)/bin/flask --app app run --host $(HOST) --port $(PORT)

# Production: nginx on HANDOUT_BIND (default 127.0.0.1:8000) in front of gunicorn, 2 workers
# x 4 threads, on a local port (scripts/serve.py, deploy/nginx.conf; README says why).
serve: install system-deps
	$(PY) scripts/serve.py

# gunicorn alone on HANDOUT_BIND, for a machine with its own buffering proxy in front
# (README, "Production serving"): never exposed to clients directly.
serve-gunicorn: install system-deps
	$(VENV)/bin/gunicorn --config scripts/gunicorn.conf.py

# 50 users for 60 s against `make serve`'s configuration on a free 127.0.0.1 port.
load: install system-deps $(LOAD_STAMP)
	$(PY) scripts/load.py --users 50 --seconds 60

# A long batch (ROWS rows, default 10000) through `flask handout batch`, with memory figures.
ROWS ?= 10000
load-batch: install system-deps
	$(PY) scripts/batch_load.py --rows $(ROWS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: install system-deps $(NPM_STAMP) lint
	$(PY) -m pytest

test-fast: install
	$(PY) -m pytest -m "not slow"

# Figures for people, not pass/fail: the speed and size of the slow parts.
bench: install system-deps
	$(PY) scripts/bench.py

# Reading grade of every text a patient reads: median and worst per kind (PRODUCT.md 8).
readability: install
	$(PY) -c "from generator.readability import report; print(report())"

# One page with every figure of every exercise, for review at a glance.
figures: install system-deps
	mkdir -p out
	$(PY) scripts/contact_sheet.py out/figures.png --dpi 96
	$(PY) scripts/contact_sheet.py out/figures@2x.png --dpi 192
	@echo "Wrote out/figures.png (print size) and out/figures@2x.png (twice that)"

# A blind review kit: shuffled, unlabelled figures and the exercise list (key beside it).
SEED ?= 1
blind-sheet: install system-deps
	mkdir -p out
	$(PY) scripts/blind_sheet.py out/blind --seed $(SEED)
	@echo "Wrote out/blind/ for the reviewer; the key is out/blind.key.txt"

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info node_modules
