# DockerDeployer developer commands.
PYTHON ?= python3
VENV   := .venv
VPY    := $(VENV)/bin/python

.PHONY: venv dev run test bench lint

venv:  ## create .venv and install the runtime requirements
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
		|| { echo "$(PYTHON) 3.10 or newer is required (make PYTHON=python3.x ...)"; exit 1; }
	@test -x $(VPY) || $(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install -q --disable-pip-version-check -r requirements.txt

dev: venv  ## also install the test and lint tools
	$(VPY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt

run: venv  ## start the app (see DEPLOYER_* environment variables)
	$(VPY) app.py

test:  ## full test suite against a real Docker engine (started privately if needed, as root)
	bash scripts/test.sh

bench:  ## benchmarks against a real Docker engine
	bash scripts/bench.sh

lint: dev  ## ruff on everything, mypy on deployer/ (settings in pyproject.toml)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
