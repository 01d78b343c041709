# SupportGym: `make run` installs everything into .venv and frontend/node_modules, builds
# the dashboard and starts the server; `make test` installs and runs every test; `make dist`
# builds the sdist and the wheel.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PYTHON ?= python3
FRONTEND_STAMP := frontend/node_modules/.installed-stamp
DASHBOARD := frontend/dist/index.html
DASHBOARD_SOURCES := $(shell find frontend/src frontend/public -type f 2>/dev/null) \
	frontend/index.html frontend/vite.config.ts frontend/tsconfig.app.json
# The README's pictures, as the browser tests save them (frontend/e2e/screenshots/).
SCREENSHOTS := playground training-run analytics scenarios data explain deployments
# The browser tests use Debian's Chromium (scripts/install-chromium.sh), never a download.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: install frontend chromium postgres dashboard dist run test e2e screenshots results bench lint format clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[train,postgres,data,serving,dev]'
	touch $(STAMP)

install: $(STAMP)

$(FRONTEND_STAMP): frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $(FRONTEND_STAMP)

frontend: $(FRONTEND_STAMP)

# Debian's Chromium for the browser tests (installed once; nothing else downloads a browser).
chromium:
	scripts/install-chromium.sh

$(DASHBOARD): $(FRONTEND_STAMP) $(DASHBOARD_SOURCES)
	cd frontend && npm run build

dashboard: $(DASHBOARD)

# The sdist and the wheel in dist/, the wheel carrying the built dashboard: installed
# anywhere, `supportgym serve` serves it (scripts/build-dist.sh builds from a copy).
dist: install dashboard
	rm -rf dist
	PYTHON=$(PY) scripts/build-dist.sh dist

# Debian's PostgreSQL server binaries: the store and real-server tests run on SQLite and
# on a throwaway PostgreSQL cluster of their own (installed once).
postgres:
	scripts/install-postgres.sh

run: install dashboard
	$(VENV)/bin/supportgym serve

# The headline table: every algorithm x 3 seeds per industry vs the playbook (trains what
# is missing, about 1 minute per PPO run on 2 cores; completed runs are reused).
results: install
	$(VENV)/bin/supportgym compare --preset headline --episodes 4000

# Speed and memory against gymnasium and SB3 reference set-ups, as ratios measured in the
# same run (4–10 minutes on 2 cores, with the load; `supportgym bench --quick` takes about a minute).
bench: install
	$(VENV)/bin/supportgym bench

test: install lint frontend postgres dashboard
	$(PY) -m pytest -n 2
	cd frontend && npm run check:client && npm run typecheck && npm run lint && npm run test
	$(MAKE) --no-print-directory e2e

# The dashboard in Debian's headless Chromium against a real server (about 3 minutes).
e2e: install dashboard chromium
	cd frontend && npm run e2e

# Refreshes docs/img/ from a new run of the browser tests.
screenshots: install dashboard chromium
	rm -rf frontend/e2e/screenshots
	cd frontend && npm run e2e
	mkdir -p docs/img
	for name in $(SCREENSHOTS); do cp frontend/e2e/screenshots/$$name.png docs/img/; done

lint: install
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/ruff format --check src tests

format: install
	$(VENV)/bin/ruff check --fix src tests
	$(VENV)/bin/ruff format src tests

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis dist build
	rm -rf frontend/node_modules frontend/dist frontend/test-results frontend/playwright-report \
		frontend/e2e/screenshots
