"""Every step of Build your own Valkey, run against servers written independently of the
course's solutions (see README.md): each must pass every step.

The step tests should judge what clients depend on — reply types, RESP framing, values, the
error code (first word of an error) — and not incidental details such as an error's wording
or one implementation's structure. These servers use their own error wording and their own
designs, so a failure here is either a bug in one of them or a test that asks for more than
Valkey's clients can rely on; the failure message shows which test and why.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # conftest.py of runner/tests

from conftest import run_runner, step_names, step_payload  # noqa: E402

# server name -> (language, the learner's main file, the source file here)
SERVERS = {
    "asyncio": ("python", "main.py", "asyncio_server.py"),
    "node": ("javascript", "main.js", "node_server.js"),
    "threads": ("python", "main.py", "threaded_server.py"),
}
STEPS = step_names()


def describe_failures(result: dict) -> str:
    """The failing tests, with everything needed to see why."""
    lines = [f"status {result.get('status')!r}: {result.get('message', '')}"]
    for test in result.get("tests", []):
        if test.get("status") == "pass":
            continue
        lines += [
            "",
            f"--- {test.get('step')} / {test.get('name')}: {test.get('status')}",
            f"message: {test.get('message')}",
            f"hint:    {test.get('hint')}",
            "output:",
            str(test.get("output", "")).rstrip(),
        ]
    if result.get("stdout"):
        lines += ["", "program output:", str(result["stdout"])[-3000:]]
    return "\n".join(lines)


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("server", list(SERVERS))
def test_independent_server_passes_step(server, step):
    language, main_file, source = SERVERS[server]
    path = HERE / source
    if not path.exists():
        pytest.skip(f"{source} not written")
    run = run_runner(step_payload(step, language, {main_file: path.read_text()}), timeout=180)
    result = run.result
    assert result["status"] == "pass", describe_failures(result)
    assert all(t["status"] == "pass" for t in run.tests()), describe_failures(result)
    assert {t["step"] for t in run.tests()} == {s for s in STEPS if s <= step}, "earlier steps must run too"
