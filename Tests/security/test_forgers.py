"""Programs that try to forge their verdict instead of earning it (docs/SECURITY.md).

Each one is submitted in test mode through the live grader and the real Docker sandbox, to
a step it does not solve. Whatever it does — write forged results into every descriptor of
every process it can see, signal every process, ptrace the runner, read its memory, plant
files, connect to sockets, print protocol-shaped lines, flood, starve the runner — the
verdict must be `fail`, `timeout` or `error`, never `pass`. Each forger also reports what
it managed to reach, and nothing outside its own processes may be reachable.
"""

from __future__ import annotations

import json
import re
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from livegrader import start_grader

FORGED = {"event": "result", "status": "pass", "message": "forged", "tests": [], "stdout": "", "stderr": "",
          "truncated": False, "durationMs": 1}

# Shared by the Python forgers: forged lines in several encodings, and the report line.
PRELUDE = r'''
import json, os, signal, socket, sys, time
FORGED = %s
LINES = []
for extra in ({}, {"key": "0" * 32}, {"key": "k" * 64}):
    text = json.dumps({**FORGED, **extra})
    LINES += [(text + "\n").encode(), ("\r\n" + text + "\r\n").encode(), (text + "\n").encode("utf-16"),
              ("\n" + json.dumps({"event": "accepted", **extra}) + "\n" + text + "\n").encode()]
ME = os.getpid()
MINE = {ME}
def foreign_pids():
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) not in MINE:
            try:
                if os.stat(f"/proc/{entry}").st_uid != os.getuid():
                    found.append(int(entry))
            except OSError:
                pass
    return found
def report(**facts):
    print("FORGER " + json.dumps(facts), flush=True)
''' % repr(FORGED)

FORGERS = {
    # Every pipe, socket or tty descriptor of every process in sight, then our own.
    "proc-fd-walk": PRELUDE + r'''
reached, written = 0, 0
for pid in foreign_pids():
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        continue
    for fd in fds:
        reached += 1
        for line in LINES:
            try:
                handle = os.open(f"/proc/{pid}/fd/{fd}", os.O_WRONLY | os.O_NONBLOCK)
                os.write(handle, line)
                os.close(handle)
                written += 1
            except OSError:
                pass
for fd in range(0, 64):
    for line in LINES:
        try:
            os.write(fd, line)
        except OSError:
            pass
report(foreign=len(foreign_pids()), foreign_fds=reached, foreign_writes=written)
time.sleep(1)
''',
    # Stop, kill or confuse every other process.
    "signals": PRELUDE + r'''
delivered = 0
for pid in foreign_pids():
    for sig in (signal.SIGSTOP, signal.SIGTERM, signal.SIGINT, signal.SIGUSR1, signal.SIGKILL):
        try:
            os.kill(pid, sig)
            delivered += 1
        except OSError:
            pass
for target in (-1, 0):
    try:
        os.kill(target, signal.SIGCONT)
    except OSError:
        pass
report(foreign=len(foreign_pids()), foreign_signals=delivered)
time.sleep(1)
''',
    # ptrace, /proc/<pid>/mem and environ of the runner and the launcher.
    "ptrace-and-memory": PRELUDE + r'''
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
attached, read = 0, 0
for pid in foreign_pids():
    if libc.ptrace(16, pid, 0, 0) == 0:  # PTRACE_ATTACH
        attached += 1
    for name in ("mem", "environ", "maps", "fd", "cwd/..", "root/tmp"):
        try:
            with open(f"/proc/{pid}/{name}", "rb") as f:
                f.read(64)
                read += 1
        except OSError:
            pass
report(foreign=len(foreign_pids()), foreign_ptrace=attached, foreign_reads=read)
''',
    # Files the runner might read, sockets it might listen on, ttys it might own.
    "files-sockets-ttys": PRELUDE + r'''
planted, connected, listed = 0, 0, 0
for path in ("/tmp/codealong/private/x", "/tmp/codealong/result", "/tmp/codealong/x", "/tmp/codealong/private/valkey-6379/x"):
    try:
        with open(path, "w") as f:
            f.write(json.dumps(FORGED))
        planted += 1
    except OSError:
        pass
for path in ("/tmp/codealong", "/tmp/codealong/private"):
    try:
        os.listdir(path)
        listed += 1
    except OSError:
        pass
with open("/proc/net/unix") as f:
    for line in f.readlines()[1:]:
        fields = line.split()
        if len(fields) >= 8:
            name = fields[7]
            address = "\0" + name[1:] if name.startswith("@") else name
            for kind in (socket.SOCK_STREAM, socket.SOCK_SEQPACKET, socket.SOCK_DGRAM):
                try:
                    s = socket.socket(socket.AF_UNIX, kind)
                    s.connect(address)
                    s.send(LINES[0])
                    connected += 1
                except OSError:
                    pass
for tty in ("/dev/tty", "/dev/console", "/dev/pts/0", "/proc/1/fd/1"):
    try:
        with open(tty, "wb") as f:
            f.write(LINES[0])
        planted += 1
    except OSError:
        pass
report(planted=planted, unix_connects=connected, private_listings=listed)
''',
    # Protocol-shaped lines on our own stdout and stderr, raw and in other encodings.
    "fake-events-on-stdio": PRELUDE + r'''
for line in LINES:
    sys.stdout.buffer.write(line)
    sys.stderr.buffer.write(line)
sys.stdout.buffer.write(b"\x1b[2K\r" + LINES[0])
sys.stdout.flush()
sys.stderr.flush()
report(printed=len(LINES))
''',
    # As many event-shaped lines as it can write, on both streams, for four seconds.
    "flood": PRELUDE + r'''
line = LINES[1] * 64
end = time.monotonic() + 4
count = 0
while time.monotonic() < end:
    os.write(1, line)
    os.write(2, line)
    count += 1
''',
    # Take the CPU and memory the runner needs, then forge.
    "starve": PRELUDE + r'''
children = []
for _ in range(40):
    pid = os.fork()
    if pid == 0:
        while True:
            pass
    children.append(pid)
hog = []
try:
    for _ in range(200):
        hog.append(bytearray(1 << 20))
except MemoryError:
    pass
sys.stdout.buffer.write(LINES[0])
sys.stdout.flush()
time.sleep(30)
''',
}

NODE_FORGER = r'''
const fs = require("fs");
const forged = JSON.stringify(%s);
let reached = 0, written = 0;
for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p) && +p !== process.pid)) {
  let fds = [];
  try { fds = fs.readdirSync(`/proc/${pid}/fd`); } catch { continue; }
  for (const fd of fds) {
    reached++;
    for (const line of [forged + "\n", "\r\n" + forged + "\r\n"]) {
      try { fs.writeFileSync(`/proc/${pid}/fd/${fd}`, line); written++; } catch {}
    }
  }
}
for (const [name, sig] of [["SIGSTOP", "SIGSTOP"], ["SIGKILL", "SIGKILL"]]) {
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p) && +p !== process.pid)) {
    try { process.kill(+pid, sig); } catch {}
  }
}
console.log(forged);
console.error(forged);
console.log("FORGER " + JSON.stringify({ node: true }));
''' % json.dumps(FORGED)

STEPS = ["build-your-own-valkey/02-ping", "build-your-own-valkey/16-persistence"]


def submit(grader_url: str, lesson: str, language: str, code: str) -> dict:
    body = json.dumps({"lesson": lesson, "language": language, "code": code}).encode()
    request = urllib.request.Request(f"{grader_url}/api/run-code", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        assert response.status == 200
        return json.load(response)


def facts(result: dict) -> dict:
    """The forger's own report of what it reached, from its output."""
    found = re.search(r"FORGER (\{.*?\})", result.get("stdout", ""))
    return json.loads(found.group(1)) if found else {}


@pytest.fixture(scope="module")
def security_grader():
    live = start_grader("--pool", "none=2", "--rate-limit", "0", "--runs-per-client", "0", "--concurrency", "3",
                        name="security")
    yield live
    live.stop()


CASES = [(name, "python", code, lesson) for name, code in FORGERS.items() for lesson in STEPS] + \
        [("node-fd-walk-and-signals", "javascript", NODE_FORGER, lesson) for lesson in STEPS]


@pytest.fixture(scope="module")
def verdicts(security_grader):
    """Every forger against every step, submitted concurrently as a real crowd would."""
    with ThreadPoolExecutor(max_workers=6) as pool:
        futures = {(name, lesson): pool.submit(submit, security_grader.url, lesson, language, code)
                   for name, language, code, lesson in CASES}
        return {case: future.result() for case, future in futures.items()}


@pytest.mark.parametrize("name,lesson", [(name, lesson) for name, _, _, lesson in CASES])
def test_forger_never_passes(verdicts, name, lesson):
    result = verdicts[(name, lesson)]
    assert result["status"] in ("fail", "timeout", "error"), json.dumps(result)[:2000]
    assert result["message"] != "forged"
    assert all(test["message"] != "forged" for test in result["tests"])
    print(f"{name} on {lesson}: {result['status']}: {result['message'][:160]}")


@pytest.mark.parametrize("lesson", STEPS)
def test_nothing_outside_the_learners_processes_is_reachable(verdicts, lesson):
    reports = {name: facts(verdicts[(name, lesson)]) for name in FORGERS}
    walk, signals, ptrace, files = (reports[n] for n in ("proc-fd-walk", "signals", "ptrace-and-memory", "files-sockets-ttys"))
    assert walk.get("foreign", 0) >= 2, f"the runner and its launcher should be visible, not reachable: {walk}"
    assert walk["foreign_fds"] == 0 and walk["foreign_writes"] == 0, walk
    assert signals["foreign_signals"] == 0, signals
    assert ptrace["foreign_ptrace"] == 0 and ptrace["foreign_reads"] == 0, ptrace
    assert files["planted"] == 0 and files["unix_connects"] == 0 and files["private_listings"] == 0, files


def test_flood_leaves_the_graders_memory_flat(security_grader, verdicts):
    """After the whole family (floods included) has run, ten more floods cost no memory."""
    before = security_grader.rss_kib()
    for _ in range(10):
        result = submit(security_grader.url, STEPS[0], "python", FORGERS["flood"])
        assert result["status"] != "pass"
        assert result["truncated"] is True
    after = security_grader.rss_kib()
    assert after - before < 20 * 1024, f"grader RSS grew from {before} KiB to {after} KiB"
