# AlpOSS site. `make run` serves the demo, `make test` runs the whole suite.
.DEFAULT_GOAL := help
SHELL := /bin/bash
PORT ?= 8000
export PORT  # dev settings build the links in e-mails from it
VENV := .venv
VENV_PY := $(VENV)/bin/python

# A Python 3.12+ interpreter: PYTHON=..., else python3.13, python3.12, pyenv's, python3.
PYTHON ?= $(shell for p in python3.13 python3.12 $(wildcard $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python3) python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then echo $$p; break; fi; done)

.PHONY: help run serve test messages compilemessages ci clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(VENV_PY):
	@if [ -z "$(PYTHON)" ]; then \
		echo "No Python 3.12 or newer found. Install one (for example 'pyenv install 3.13'," \
		     "or your system's python3.13 package) or run: make run PYTHON=/path/to/python3.12"; exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(VENV_PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(VENV_PY)
	$(VENV_PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(VENV_PY)
	$(VENV_PY) -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed-run

CATALOGUE := locale/fr/LC_MESSAGES/django

compilemessages: $(CATALOGUE).mo ## Compile the translations (.po -> .mo) when the .po changed

# A file target: compiled again only when the catalogue changed, so that two test runs side by
# side (CI) never write the file the other is reading.
$(CATALOGUE).mo: $(CATALOGUE).po | $(VENV)/.installed-run
	@if command -v msgfmt >/dev/null 2>&1; then \
		$(VENV_PY) manage.py compilemessages --ignore=.venv -v 0; \
	else \
		$(VENV)/bin/pybabel compile -d locale -D django --statistics; \
	fi
	@touch $@

messages: $(VENV)/.installed-run ## Extract the strings to translate into locale/fr
	$(VENV_PY) manage.py makemessages -l fr --ignore=.venv --ignore=tests --ignore=bench --ignore=static --ignore=media --no-obsolete --add-location=file

run: $(VENV)/.installed-run compilemessages ## Install, migrate, load the demo and serve on http://127.0.0.1:$(PORT)
	$(VENV_PY) manage.py migrate --noinput -v 0
	$(VENV_PY) manage.py load_demo_data
	$(VENV_PY) manage.py ensure_admin
	$(VENV_PY) manage.py ensure_volunteer
	$(VENV_PY) manage.py runserver 127.0.0.1:$(PORT)

serve: $(VENV)/.installed-run ## Production settings: gunicorn + db_worker (env from .env or ALPOSS_ENV_FILE; docs/deploy.md)
	deploy/serve

test: $(VENV)/.installed-dev compilemessages ## Lint, then run the whole test suite (DATABASE_URL picks the database)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV_PY) -m pytest $(PYTEST_ARGS)

clean: ## Remove the virtualenv, the SQLite database and media
	rm -rf $(VENV) db.sqlite3 media var
