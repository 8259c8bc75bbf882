"""gunicorn settings for `make serve` (production): sync workers, graceful shutdown.

A SIGTERM stops the accept loop and lets every request in flight finish (up to
``graceful_timeout``) before a worker exits, so a webhook is either answered and committed or never
started; Vapi's retry plan resends what the shutdown refused. docs/performance.md has the
measurements behind the worker class and count.
"""

from __future__ import annotations

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# CPU-bound work (redaction, sealing) in short requests: two processes per core keep the cores busy
# while others wait on PostgreSQL or Redis.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
worker_class = "sync"
# Longer than TOOL_TIMEOUT_SECONDS: a tool call is the slowest request there is.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Recycle workers now and then, staggered, so a slow leak never builds up.
max_requests = 20_000
max_requests_jitter = 2_000
# No access log: the request id and the Django log lines are enough, and a path is all they hold.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
