"""Load benchmark of the Vapi webhook: gunicorn and granian side by side, on production settings.

    .venv/bin/python -m bench.webhook [--duration 60] [--cases partials finals reports]
                                      [--servers gunicorn granian] [--connections 16]

For each case and server it starts the server on 127.0.0.1 (PostgreSQL database ``vg_bench_webhook``,
recreated; Redis db 5, flushed), and drives it with wrk from a separate process over loopback. Every
request is signed and distinct (a pre-generated pool, never wrapped), so none is answered as a replay.
Prints one line per run and the granian/gunicorn ratio per case, and writes var/bench-webhook.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench.webhook.payloads import write_pool
from bench.webhook.setup import ROOT, SECRET, environment, flush_redis, prepare

VENV_BIN = Path(sys.executable).parent
# Upper bounds of the rate per case, to size each pool so that wrk never runs out (and replays).
MAX_RATE = {"partials": 6000, "finals": 3000, "reports": 400}
CORES = os.cpu_count() or 2


def server_command(server: str, port: int) -> list[str]:
    if server == "gunicorn":
        return [
            str(VENV_BIN / "gunicorn"),
            "voiceguard.wsgi:application",
            "--config",
            str(ROOT / "voiceguard" / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(CORES * 2),
            "--worker-class",
            "sync",
        ]
    return [
        str(VENV_BIN / "granian"),
        "--interface",
        "wsgi",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(CORES),
        "--blocking-threads",
        "2",
        "--no-ws",
        "--log-level",
        "warning",
        "voiceguard.wsgi:application",
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server did not become ready")


def run_one(case: str, server: str, *, duration: int, connections: int, env: dict[str, str], workdir: Path) -> dict[str, Any]:
    pool = workdir / f"{case}-{server}.pool"
    count = MAX_RATE[case] * duration + 1000
    mean_bytes = write_pool(pool, case=case, count=count, secret=SECRET.encode())
    flush_redis()
    port = free_port()
    proc = subprocess.Popen(server_command(server, port), env=env, cwd=ROOT, start_new_session=True)
    try:
        wait_ready(port)
        wrk = subprocess.run(
            [
                "wrk",
                "-t1",
                f"-c{connections}",
                f"-d{duration}s",
                "--latency",
                "--timeout",
                "10s",
                "-s",
                str(Path(__file__).with_name("pool.lua")),
                f"http://127.0.0.1:{port}",
            ],
            env={**os.environ, "VG_POOL": str(pool)},
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # graceful: in-flight requests finish first
        proc.wait(timeout=60)
        pool.unlink(missing_ok=True)
    result = json.loads(wrk.stdout.strip().splitlines()[-1])
    result.update(
        case=case,
        server=server,
        mean_body_bytes=mean_bytes,
        pool=count,
        wrapped=result["requests"] > count,
        rps=round(result["requests"] / (result["duration_us"] / 1e6), 1),
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=60, help="seconds per case and server (default 60)")
    parser.add_argument("--cases", nargs="+", default=["partials", "finals", "reports"], choices=sorted(MAX_RATE))
    parser.add_argument("--servers", nargs="+", default=["gunicorn", "granian"], choices=["gunicorn", "granian"])
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install -y wrk)")
    load_start = os.getloadavg()  # the machine may be shared: say how busy it was
    workdir = Path(tempfile.mkdtemp(prefix="vg-bench-webhook-"))
    env = environment(workdir / "keyring.json")
    prepare(env)
    results = []
    print(f"{'case':<9} {'server':<9} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'body B':>7}")
    for case in args.cases:
        for server in args.servers:
            r = run_one(case, server, duration=args.duration, connections=args.connections, env=env, workdir=workdir)
            results.append(r)
            errors = r["status_errors"] + r["connect_errors"] + r["read_errors"] + r["timeouts"]
            print(
                f"{case:<9} {server:<9} {r['rps']:>8.0f} {r['p50_ms']:>8.2f} {r['p90_ms']:>8.2f} {r['p99_ms']:>8.2f} "
                f"{errors:>8} {r['mean_body_bytes']:>7}" + ("  (pool wrapped: replays!)" if r["wrapped"] else ""),
                flush=True,
            )
    by = {(r["case"], r["server"]): r for r in results}
    for case in args.cases:
        if (case, "gunicorn") in by and (case, "granian") in by:
            ratio = by[(case, "granian")]["rps"] / max(by[(case, "gunicorn")]["rps"], 1e-9)
            print(f"{case}: granian/gunicorn throughput ratio {ratio:.2f}")
    load_end = os.getloadavg()
    print(
        f"load average at start {load_start[0]:.2f} {load_start[1]:.2f} {load_start[2]:.2f}, "
        f"at end {load_end[0]:.2f} {load_end[1]:.2f} {load_end[2]:.2f}"
    )
    meta = {
        "duration_s": args.duration,
        "connections": args.connections,
        "cores": CORES,
        "load_average_start": load_start,
        "load_average_end": load_end,
        "results": results,
    }
    out = ROOT / "var" / "bench-webhook.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(meta, indent=2))
    print(f"written to {out}")
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
