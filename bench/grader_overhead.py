#!/usr/bin/env python3
"""What the grader adds to a learner's own program, for learner programs of several styles.

For each program (the course's step-2 solution, and three servers written independently of
the course: asyncio streams, a thread per client, Node.js `net`), measured round by round:

  own    - the program alone inside an identical sandbox (same image, same flags), timed from
           starting it to its first +PONG, polling the port every millisecond: what the
           learner's program itself needs;
  grader - POST /api/run-code for step 2 (its tests and step 1's) to a grader with a warm pool;
  docker - a plain sandboxed `docker run` of the runner image doing the same work.

Overhead = grader p50 - own p50 (issue 14's target: <= 40 ms). The grader's own log gives
each run's stages (queue, hand-off, learner start, tests, result); their medians say where
the rest goes.

Usage: .venv/bin/python bench/grader_overhead.py [--rounds 15]
Needs the release grader (make bench builds it). Talks to loopback only. Writes
bench/results/overhead-<timestamp>.json and prints a table.
"""

import argparse
import json
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from grader_bench import DOCKER_FLAGS, IMAGE, ROOT, STEP, Grader, percentiles, plain_docker_run

INDEPENDENT = ROOT / "runner" / "tests" / "independent"
PROGRAMS = {
    "course solution (threads)": ("python", (STEP / "solution" / "python" / "main.py").read_text()),
    "asyncio": ("python", (INDEPENDENT / "asyncio_server.py").read_text()),
    "thread per client": ("python", (INDEPENDENT / "threaded_server.py").read_text()),
    "node net": ("javascript", (INDEPENDENT / "node_server.js").read_text()),
}
MAIN = {"python": ("main.py", ["python3", "main.py"]), "javascript": ("main.js", ["node", "main.js"])}

# Runs inside the sandbox in place of the runner: starts the program as the runner would (in
# its own work folder) and times it to the first +PONG.
PROBE = r"""
import os, socket, subprocess, sys, tempfile, time
name, argv, source = sys.argv[1], sys.argv[2:], sys.stdin.read()
work = tempfile.mkdtemp()
with open(os.path.join(work, name), "w") as f:
    f.write(source)
started = time.perf_counter()
program = subprocess.Popen(argv, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
while True:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as c:
            c.sendall(b"*1\r\n$4\r\nPING\r\n")
            if c.recv(16).startswith(b"+PONG"):
                break
    except OSError:
        time.sleep(0.001)
print((time.perf_counter() - started) * 1000)
program.kill()
"""


def own_start_to_pong(language, source):
    """Milliseconds from starting the program to its first +PONG, inside the sandbox."""
    name, argv = MAIN[language]
    flags = list(DOCKER_FLAGS)
    flags[flags.index("--user") + 1] = "1000:1000"  # as an unprivileged user, like the learner's program
    out = subprocess.run(
        ["docker", "run", "-i", "--rm", *flags, "--entrypoint", "python3", IMAGE,
         "-c", PROBE, name, *argv],
        input=source.encode(), capture_output=True, timeout=60)
    if out.returncode != 0:
        raise RuntimeError(f"probe failed: {out.stderr.decode()[-500:]}")
    return float(out.stdout.decode().strip().splitlines()[-1]) / 1000


def payload(language, source):
    name, _ = MAIN[language]
    tests = [{"step": step, "title": step, "source": (STEP.parent / step / "test.py").read_text()}
             for step in ("01-bind", "02-ping")]
    return json.dumps({"language": language, "files": {name: source}, "tests": tests,
                       "mode": "test", "valkey": "none", "timeout": 10}).encode() + b"\n"


def stage_medians(log_path, since):
    stages = {}
    for line in Path(log_path).read_text().splitlines()[since:]:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        fields = entry.get("metadata", entry)
        if entry.get("message") != "run":
            continue
        for key in ("queueMs", "handoffMs", "learner_startMs", "testsMs", "resultMs"):
            if key in fields:
                stages.setdefault(key, []).append(float(fields[key]))
    return {key: statistics.median(values) for key, values in stages.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()

    log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)
    grader = Grader(pool="none=2,standalone=0,cluster=0", concurrency=2, log=log)
    report = {"when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "rounds": args.rounds, "programs": {}}
    try:
        for name, (language, source) in PROGRAMS.items():
            work = payload(language, source)
            for _ in range(2):  # warm-up: page cache, the interpreter's files
                own_start_to_pong(language, source)
                grader.wait_warm(size=2)
                grader.submit(source, language)
            lines_before = len(Path(log.name).read_text().splitlines())
            samples = {"own": [], "grader": [], "docker": []}
            failures = 0
            for _ in range(args.rounds):
                samples["own"].append(own_start_to_pong(language, source))
                grader.wait_warm(size=2)
                elapsed, status = grader.submit(source, language)
                samples["grader"].append(elapsed)
                failures += status != "pass"
                elapsed, status = plain_docker_run(work)
                samples["docker"].append(elapsed)
                failures += status != "pass"
            latency = {k: percentiles(v) for k, v in samples.items()}
            report["programs"][name] = {
                "latency_seconds": latency, "failures": failures,
                "overhead_ms": (latency["grader"]["p50"] - latency["own"]["p50"]) * 1000,
                "grader_over_docker": latency["grader"]["p50"] / latency["docker"]["p50"],
                "stage_medians_ms": stage_medians(log.name, lines_before),
            }
    finally:
        grader.stop()

    out = ROOT / "bench" / "results" / f"overhead-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print("| program | own start→PONG p50 | grader p50 | overhead | plain docker run p50 | grader / docker | failures |")
    print("|---|---|---|---|---|---|---|")
    for name, r in report["programs"].items():
        l = r["latency_seconds"]
        print(f"| {name} | {l['own']['p50']*1000:.0f} ms | {l['grader']['p50']*1000:.0f} ms | {r['overhead_ms']:.0f} ms "
              f"| {l['docker']['p50']*1000:.0f} ms | {r['grader_over_docker']:.2f} | {r['failures']} |")
    print("\nstage medians (ms), from the grader's log:")
    for name, r in report["programs"].items():
        print(f"  {name}: " + ", ".join(f"{k[:-2]} {v:.0f}" for k, v in r["stage_medians_ms"].items()))
    print(f"\nwritten to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
