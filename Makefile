# VoiceGuard's developer and operator entry points. `make run` and `make test` are the two set-up
# commands; both create .venv on first use.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
BENCH_VENV := .venv-bench

.PHONY: run test lint serve serve-gunicorn worker beat migrate bench-redaction bench-keys bench-webhook bench-admin clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

$(BENCH_VENV)/.installed: requirements.txt requirements-bench.txt
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet -r requirements.txt -r requirements-bench.txt
	touch $@

## run: set up on the embedded defaults (SQLite, in-process tasks) and serve http://127.0.0.1:8000
run: $(VENV)/.installed
	$(MANAGE) init_keys
	$(MANAGE) migrate --no-input
	$(MANAGE) sync_roles
	@echo ""
	@echo "VoiceGuard is starting on http://127.0.0.1:8000  (admin: http://127.0.0.1:8000/admin/)"
	@echo "Create the first admin user in another terminal:  .venv/bin/python manage.py createsuperuser"
	@echo "then sign in and enrol an authenticator app when asked (two-factor login is required)."
	@echo ""
	$(MANAGE) runserver 127.0.0.1:8000

## test: the whole suite; on PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set
test: $(VENV)/.installed-dev
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .

migrate: $(VENV)/.installed
	$(MANAGE) migrate --no-input
	$(MANAGE) sync_roles

## serve: the production WSGI server, granian (production settings; needs the variables in docs/deploy.md).
## docs/performance.md says why granian and not gunicorn; `serve-gunicorn` is the measured alternative.
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2
THREADS ?= 2
serve: $(VENV)/.installed
	$(VENV)/bin/granian --interface wsgi --no-ws --host $(HOST) --port $(PORT) \
		--workers $(WORKERS) --blocking-threads $(THREADS) --workers-kill-timeout 30 voiceguard.wsgi:application

serve-gunicorn: $(VENV)/.installed
	$(VENV)/bin/gunicorn voiceguard.wsgi:application --config voiceguard/gunicorn.conf.py

## worker / beat: Celery processes (need CELERY_BROKER_URL)
worker: $(VENV)/.installed
	$(VENV)/bin/celery -A voiceguard worker --loglevel=INFO

beat: $(VENV)/.installed
	$(VENV)/bin/celery -A voiceguard beat --loglevel=INFO --schedule=var/celerybeat-schedule

## bench-*: benchmarks that print figures (recorded in docs/); never part of `make test`
bench-redaction: $(BENCH_VENV)/.installed
	$(BENCH_VENV)/bin/python -m bench.redaction $(BENCH_ARGS)

bench-keys: $(VENV)/.installed-dev
	$(PY) -m bench.keys $(BENCH_ARGS)

bench-webhook: $(VENV)/.installed-dev
	$(PY) -m bench.webhook $(BENCH_ARGS)

bench-admin: $(VENV)/.installed-dev
	$(PY) -m bench.admin $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(BENCH_VENV) var/static
