#!/usr/bin/env python3
"""Grader latency and throughput, all measured in one run so the ratios are fair.

For a passing step-2 submission it measures, interleaved round by round:
  warm   - POST /api/run-code to a grader with a warm pool
  cold   - POST /api/run-code to a grader with no pool (docker run per submission)
  docker - a plain `docker run` of the runner image doing the same work (payload on stdin)
then throughput of the warm grader at several concurrencies.

Usage: .venv/bin/python bench/grader_bench.py [--rounds 30] [--throughput-runs 40]
Talks to loopback only. Writes bench/results/grader-<timestamp>.json and prints a table.
"""

import argparse
import concurrent.futures
import json
import os
import signal
import socket
import statistics
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GRADER = ROOT / ".build-bench" / "release" / "grader"  # swift build -c release --scratch-path .build-bench --product grader
STEP = ROOT / "content" / "courses" / "build-your-own-valkey" / "02-ping"
LESSON = "build-your-own-valkey/02-ping"
IMAGE = "codealong-runner:latest"
# The grader's own flags (runner/sandbox-flags.json, kept equal to DockerSettings.swift by a test).
DOCKER_FLAGS = [flag for flag in json.loads((ROOT / "runner" / "sandbox-flags.json").read_text())["flags"]
                if flag not in ("-i", "--rm")] + ["--env", "CODEALONG_VALKEY=none"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Grader:
    def __init__(self, pool, concurrency, log=None):
        """``log``: a file for the grader's JSON log at level info (one line per run, with its
        stages); without it the grader logs only warnings, to nowhere."""
        self.port = free_port()
        self.instance = f"bench-{uuid.uuid4().hex[:6]}"
        self.proc = subprocess.Popen(
            [str(GRADER), "--port", str(self.port), "--public", "", "--instance", self.instance,
             "--pool", pool, "--concurrency", str(concurrency), "--queue-size", "256", "--rate-limit", "0", "--runs-per-client", "0",
             "--log-level", "info" if log else "warning"],
            cwd=ROOT, stdout=log or subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/api/health", timeout=5) as r:
                    health = json.load(r)
                    if health["status"] == "ok":
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("grader did not start")

    def wait_warm(self, profile="none", size=1):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with urllib.request.urlopen(self.url + "/api/health", timeout=5) as r:
                if json.load(r)["docker"]["pool"].get(profile, 0) >= size:
                    return
            time.sleep(0.1)

    def submit(self, code, language="python"):
        body = json.dumps({"lesson": LESSON, "language": language, "code": code}).encode()
        request = urllib.request.Request(self.url + "/api/run-code", data=body,
                                         headers={"Content-Type": "application/json"})
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=120) as r:
            result = json.load(r)
        return time.perf_counter() - started, result["status"]

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=60)


def plain_docker_run(payload):
    name = f"bench-plain-{uuid.uuid4().hex[:8]}"
    started = time.perf_counter()
    out = subprocess.run(["docker", "run", "-i", "--rm", "--name", name, *DOCKER_FLAGS, IMAGE],
                         input=payload, capture_output=True, timeout=120)
    elapsed = time.perf_counter() - started
    status = "error"
    for line in out.stdout.splitlines():
        event = json.loads(line)
        if event.get("event") == "result":
            status = event["status"]
    return elapsed, status


def percentiles(samples):
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]
    return {"p50": pick(0.50), "p95": pick(0.95), "p99": pick(0.99), "mean": statistics.mean(ordered), "n": len(ordered)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--throughput-runs", type=int, default=40)
    parser.add_argument("--concurrencies", default="1,2,4,8")
    args = parser.parse_args()

    solution = (STEP / "solution" / "python" / "main.py").read_text()
    tests = []
    for step in ("01-bind", "02-ping"):
        tests.append({"step": step, "title": step, "source": (STEP.parent / step / "test.py").read_text()})
    payload = json.dumps({"language": "python", "files": {"main.py": solution}, "tests": tests,
                          "mode": "test", "valkey": "none", "timeout": 10}).encode() + b"\n"

    warm = Grader(pool="none=2,standalone=0,cluster=0", concurrency=2)
    cold = Grader(pool="0", concurrency=2)
    samples = {"warm": [], "cold": [], "docker": []}
    failures = {"warm": 0, "cold": 0, "docker": 0}
    try:
        for _ in range(3):  # warm-up: page cache, image layers
            cold.submit(solution)
            plain_docker_run(payload)
        for _ in range(args.rounds):
            warm.wait_warm()
            elapsed, status = warm.submit(solution)
            samples["warm"].append(elapsed); failures["warm"] += status != "pass"
            elapsed, status = cold.submit(solution)
            samples["cold"].append(elapsed); failures["cold"] += status != "pass"
            elapsed, status = plain_docker_run(payload)
            samples["docker"].append(elapsed); failures["docker"] += status != "pass"
        cold.stop()
        cold = None

        throughput = []
        for concurrency in map(int, args.concurrencies.split(",")):
            warm.wait_warm(size=2)
            started = time.perf_counter()
            statuses = []
            with concurrent.futures.ThreadPoolExecutor(max_workers=concurrency) as executor:
                for _, status in executor.map(lambda _: warm.submit(solution), range(args.throughput_runs)):
                    statuses.append(status)
            elapsed = time.perf_counter() - started
            throughput.append({"concurrency": concurrency, "runs": len(statuses),
                               "seconds": elapsed, "per_second": len(statuses) / elapsed,
                               "errors": sum(s != "pass" for s in statuses)})
    finally:
        warm.stop()
        if cold:
            cold.stop()

    latency = {k: percentiles(v) for k, v in samples.items()}
    report = {"when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "cores": os.cpu_count(),
              "rounds": args.rounds, "latency_seconds": latency, "failures": failures,
              "warm_p50_over_docker_p50": latency["warm"]["p50"] / latency["docker"]["p50"],
              "throughput": throughput}
    out = ROOT / "bench" / "results" / f"grader-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")

    print(f"| path | p50 | p95 | p99 | failures (of {args.rounds}) |\n|---|---|---|---|---|")
    for name in ("warm", "cold", "docker"):
        l = latency[name]
        print(f"| {name} | {l['p50']*1000:.0f} ms | {l['p95']*1000:.0f} ms | {l['p99']*1000:.0f} ms | {failures[name]} |")
    print(f"\nwarm p50 / plain docker run p50 = {report['warm_p50_over_docker_p50']:.2f}\n")
    print("| concurrency | runs | seconds | runs/s | errors |\n|---|---|---|---|---|")
    for t in throughput:
        print(f"| {t['concurrency']} | {t['runs']} | {t['seconds']:.1f} | {t['per_second']:.2f} | {t['errors']} |")
    print(f"\nwritten to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
