#!/usr/bin/env python3
"""Load and soak against a live grader, from loopback only.

Many learners at once: `--runs` submissions at `--concurrency`, each simulated client on its
own loopback address (127.0.0.2, 127.0.0.3, …) so per-client limits apply as they would to
real people. The mix is passing and failing lesson submissions, playground programs and raw
Valkey commands; `--soak` adds hostile programs (descriptor walks, floods) and cluster runs.
While it runs, a sampler asks `/api/health` every 100 ms and reads the grader's RSS and
thread count every 2 s.

Every request must be answered: a result (200) or 429. Afterwards no container of the
grader's may be left. Figures go to bench/results/load-<timestamp>.json and docs/PERFORMANCE.md.

Usage (release build; `make bench` builds it):
    .venv/bin/python bench/load.py --runs 1000 --concurrency 16
    .venv/bin/python bench/load.py --soak --runs 4000 --concurrency 16
Tests/load/test_load.py runs the same code with 200 runs inside `make test`.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.client
import json
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STEPS = ROOT / "content" / "courses" / "build-your-own-valkey"
sys.path.insert(0, str(ROOT / "Tests"))

from livegrader import LiveGrader, containers_with_label, start_grader  # noqa: E402


def _step_file(step: str, kind: str) -> str:
    return (STEPS / step / kind / "python" / "main.py").read_text()


def workloads(soak: bool) -> dict[str, dict]:
    """The kinds of submission, by name: each is a request body."""
    lesson = "build-your-own-valkey/02-ping"
    mix = {
        "pass": {"lesson": lesson, "language": "python", "code": _step_file("02-ping", "solution")},
        "fail": {"lesson": lesson, "language": "python", "code": _step_file("02-ping", "starter")},
        "playground": {"language": "python", "code": "import sys\nprint('hello')\nprint('oops', file=sys.stderr)\n"},
        "standalone": {"language": "valkey", "code": "SET greeting hello\nINCR visits\nZADD board +inf top\nGET greeting"},
    }
    if soak:
        sys.path.insert(0, str(ROOT / "Tests" / "security"))
        import test_forgers  # the same hostile programs as the security suite

        mix["hostile-fd-walk"] = {"lesson": lesson, "language": "python", "code": test_forgers.FORGERS["proc-fd-walk"]}
        mix["hostile-flood"] = {"lesson": lesson, "language": "python", "code": test_forgers.FORGERS["flood"]}
        mix["cluster"] = {"language": "valkey", "valkey": "cluster", "code": "SET {user}:1 a\nSET {user}:2 b\nCLUSTER KEYSLOT x"}
    return mix


# What each kind must come back as (a 429 is always acceptable).
EXPECTED = {"pass": {"pass"}, "fail": {"fail"}, "playground": {"pass"}, "standalone": {"pass"},
            "hostile-fd-walk": {"fail", "error"}, "hostile-flood": {"fail", "error", "timeout"}, "cluster": {"pass"}}


@dataclass
class Sample:
    kind: str
    http: int
    status: str | None
    seconds: float


@dataclass
class Report:
    runs: int
    concurrency: int
    soak: bool
    wall_seconds: float = 0.0
    by_http: dict = field(default_factory=dict)
    by_status: dict = field(default_factory=dict)
    unexpected: list = field(default_factory=list)
    unanswered: int = 0
    latency_ms: dict = field(default_factory=dict)
    health_ms: dict = field(default_factory=dict)
    health_failures: int = 0
    rss_mib: list = field(default_factory=list)
    threads: list = field(default_factory=list)
    leftover_containers: int = -1


def percentiles(values: list[float]) -> dict:
    if not values:
        return {}
    ordered = sorted(values)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return {"p50": round(pick(0.50), 1), "p95": round(pick(0.95), 1), "p99": round(pick(0.99), 1),
            "max": round(ordered[-1], 1), "mean": round(statistics.fmean(ordered), 1)}


def post(url: str, body: dict, source: str, timeout: float = 120) -> tuple[int, dict | None]:
    parsed = urllib.parse.urlparse(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=timeout, source_address=(source, 0))
    try:
        connection.request("POST", "/api/run-code", body=json.dumps(body).encode(),
                           headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        data = response.read()
        return response.status, json.loads(data) if data else None
    finally:
        connection.close()


class Sampler(threading.Thread):
    """Health latency every 100 ms; RSS and threads every 2 s."""

    def __init__(self, grader: LiveGrader):
        super().__init__(daemon=True)
        self.grader = grader
        self.stop = threading.Event()
        self.health: list[float] = []
        self.failures = 0
        self.rss: list[float] = []
        self.threads: list[int] = []

    def run(self) -> None:
        last_memory = 0.0
        parsed = urllib.parse.urlparse(self.grader.url)
        while not self.stop.is_set():
            started = time.perf_counter()
            try:
                connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=5)
                connection.request("GET", "/api/health")
                response = connection.getresponse()
                response.read()
                connection.close()
                if response.status != 200:
                    self.failures += 1
            except OSError:
                self.failures += 1
            self.health.append((time.perf_counter() - started) * 1000)
            if time.monotonic() - last_memory >= 2:
                last_memory = time.monotonic()
                self.rss.append(round(self.grader.rss_kib() / 1024, 1))
                self.threads.append(self.grader.threads())
            self.stop.wait(0.1)


def run_load(grader: LiveGrader, runs: int, concurrency: int, soak: bool = False, progress: bool = False) -> Report:
    mix = workloads(soak)
    kinds = list(mix)
    report = Report(runs=runs, concurrency=concurrency, soak=soak)
    sampler = Sampler(grader)
    sampler.start()
    samples: list[Sample] = []
    lock = threading.Lock()

    def one(index: int) -> None:
        kind = kinds[index % len(kinds)]
        source = f"127.0.0.{2 + index % concurrency}"
        started = time.perf_counter()
        try:
            http_status, body = post(grader.url, mix[kind], source)
        except OSError as exc:
            http_status, body = 0, {"error": str(exc)}
        sample = Sample(kind, http_status, (body or {}).get("status"), time.perf_counter() - started)
        with lock:
            samples.append(sample)
            if progress and len(samples) % 100 == 0:
                print(f"  {len(samples)}/{runs}  rss {grader.rss_kib() // 1024} MiB  threads {grader.threads()}", flush=True)

    began = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(one, range(runs)))
    report.wall_seconds = round(time.perf_counter() - began, 1)
    sampler.stop.set()
    sampler.join()

    for sample in samples:
        report.by_http[str(sample.http)] = report.by_http.get(str(sample.http), 0) + 1
        if sample.http == 200:
            key = f"{sample.kind}:{sample.status}"
            report.by_status[key] = report.by_status.get(key, 0) + 1
            if sample.status not in EXPECTED[sample.kind]:
                report.unexpected.append(asdict(sample))
        elif sample.http != 429:
            report.unanswered += 1
    report.latency_ms = percentiles([s.seconds * 1000 for s in samples if s.http == 200])
    report.health_ms = percentiles(sampler.health)
    report.health_failures = sampler.failures
    report.rss_mib = sampler.rss
    report.threads = sampler.threads
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--soak", action="store_true", help="add hostile programs and cluster runs")
    parser.add_argument("--grader-concurrency", type=int, default=4, help="the grader's own --concurrency")
    parser.add_argument("--debug", action="store_true", help="use the debug build instead of .build-bench/release")
    args = parser.parse_args()

    binary = None if args.debug else ROOT / ".build-bench" / "release" / "grader"
    pool = "none=2,standalone=1,cluster=1" if args.soak else "none=2,standalone=1"
    grader = start_grader("--pool", pool, "--concurrency", str(args.grader_concurrency), "--queue-size", "64",
                          "--rate-limit", "0", "--log-level", "warning", name="load", binary=binary)
    try:
        report = run_load(grader, args.runs, args.concurrency, args.soak, progress=True)
    finally:
        grader.stop(check_clean=False)
    report.leftover_containers = len(containers_with_label(grader.instance))
    out = ROOT / "bench" / "results" / f"{'soak' if args.soak else 'load'}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(asdict(report), indent=2) + "\n")
    summary = {k: v for k, v in asdict(report).items() if k not in ("rss_mib", "threads")}
    summary["rss_mib"] = {"first": report.rss_mib[:1], "last": report.rss_mib[-1:], "max": max(report.rss_mib, default=0)}
    summary["threads"] = {"first": report.threads[:1], "last": report.threads[-1:], "max": max(report.threads, default=0)}
    print(json.dumps(summary, indent=2))
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
