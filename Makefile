# SupportGym: `make run` installs everything into .venv and starts the server;
# `make test` installs and runs every test.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PYTHON ?= python3

.PHONY: install run test results lint format clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[train,dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(VENV)/bin/supportgym serve

# The headline table: every algorithm x 3 seeds per industry vs the playbook (trains what
# is missing, about 1 minute per PPO run on 2 cores; completed runs are reused).
results: install
	$(VENV)/bin/supportgym compare --preset headline --episodes 4000

test: install lint
	$(PY) -m pytest -n 2

lint: install
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/ruff format --check src tests

format: install
	$(VENV)/bin/ruff check --fix src tests
	$(VENV)/bin/ruff format src tests

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
