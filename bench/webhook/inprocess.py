"""CPU cost of one webhook request, measured in-process: the number that bounds throughput.

    .venv/bin/python -m bench.webhook.inprocess [--requests 2000] [--cases partials finals reports]
                                                [--profile CASE] [--top 30]

Runs on production settings with PostgreSQL (``vg_bench_webhook``, re-created) and Redis (db 5,
flushed), like ``python -m bench.webhook``, but calls the WSGI application directly in a loop, with
no HTTP server and no load generator. Every request is signed and distinct (none is a replay). For
each case it prints the process CPU time and the wall time per request; CPU time is robust to other
work on the machine, wall time includes the waits on PostgreSQL and Redis. The ``health`` case is the
floor: ``GET /health`` through the same middleware, a view that does nothing. ``--profile CASE`` runs
that case once more under cProfile and prints the functions with the most cumulative time.

On N cores, a server cannot serve more than about N / (CPU seconds per request) requests per
second, before counting the server's own work and the load generator's.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from bench.webhook.payloads import CALLS_PER_POOL, signed_requests
from bench.webhook.setup import SECRET, environment, flush_redis, prepare


def environ_for(signature: str, timestamp: str, body: bytes) -> dict[str, Any]:
    health = not body  # the "health" case: the same stack, a view that does nothing
    return {
        "REQUEST_METHOD": "GET" if health else "POST",
        "PATH_INFO": "/health" if health else "/webhook/vapi",
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_X_SIGNATURE": signature,
        "HTTP_X_TIMESTAMP": timestamp,
        "wsgi.input": io.BytesIO(body),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }


def drive(application: Callable[..., Iterable[bytes]], requests: list[tuple[str, str, bytes]]) -> None:
    statuses: list[str] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        statuses.append(status)

    for signature, timestamp, body in requests:
        result = application(environ_for(signature, timestamp, body), start_response)
        b"".join(result)
        close = getattr(result, "close", None)
        if close is not None:
            close()
        if not statuses[-1].startswith("200"):
            raise SystemExit(f"unexpected answer {statuses[-1]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=2000, help="measured requests per case (reports: a tenth)")
    parser.add_argument("--cases", nargs="+", default=["health", "partials", "finals", "reports"])
    parser.add_argument("--profile", choices=["partials", "finals", "reports"], help="profile this case with cProfile")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="vg-bench-inprocess-"))
    env = environment(workdir / "keyring.json")
    prepare(env)
    flush_redis()
    os.environ.update(env)
    from voiceguard.wsgi import application

    print(f"{'case':<9} {'requests':>8} {'CPU ms/req':>11} {'wall ms/req':>12} {'CPU-bound req/s on 2 cores':>27}")
    cases = list(args.cases) + ([args.profile] if args.profile else [])
    for i, case in enumerate(cases):
        profiling = args.profile is not None and i == len(cases) - 1
        count = max(args.requests // (10 if case == "reports" else 1), 20)
        # Warm-up: connections, and for partials and finals each call's first message (its row, its key).
        warmup = 20 if case == "reports" else CALLS_PER_POOL
        if case == "health":
            requests = [("", "", b"")] * (count + warmup)
        else:
            requests = list(signed_requests(case=case, count=count + warmup, secret=SECRET.encode()))
        drive(application, requests[:warmup])
        measured = requests[warmup:]
        profiler = cProfile.Profile(time.process_time) if profiling else None  # CPU, not waits
        cpu, wall = time.process_time(), time.perf_counter()
        if profiler is not None:
            profiler.enable()
        drive(application, measured)
        if profiler is not None:
            profiler.disable()
        cpu_ms = (time.process_time() - cpu) * 1000 / len(measured)
        wall_ms = (time.perf_counter() - wall) * 1000 / len(measured)
        label = f"{case} (profiled)" if profiling else case
        print(f"{label:<9} {len(measured):>8} {cpu_ms:>11.3f} {wall_ms:>12.3f} {2000 / cpu_ms:>27.0f}", flush=True)
        if profiler is not None:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(os.environ.get("VG_PROFILE_SORT", "cumulative")).print_stats(args.top)
            print(out.getvalue())


if __name__ == "__main__":
    main()
