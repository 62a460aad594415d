"""Every step of Build your own Valkey: the solutions pass, the starters fail with a useful
message, and the real valkey-server passes (the tests are faithful to Valkey)."""

from __future__ import annotations

import pytest
from conftest import needs_valkey, run_runner, step_files, step_names, step_payload

LANGUAGES = ["python", "javascript"]
STEPS = step_names()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("step", STEPS)
def test_solution_passes(step, language):
    run = run_runner(step_payload(step, language, step_files(step, "solution", language)))
    assert run.result["status"] == "pass", run.explain()
    ran_steps = {t["step"] for t in run.tests()}
    assert ran_steps == {s for s in STEPS if s <= step}, "earlier steps must run too"
    assert all(t["status"] == "pass" for t in run.tests())


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("step", STEPS)
def test_starter_fails_in_its_own_step(step, language):
    run = run_runner(step_payload(step, language, step_files(step, "starter", language)))
    assert run.result["status"] == "fail", run.result
    failed = run.failed()
    assert failed["step"] == step, "a starter should pass the earlier steps and fail this one"
    assert failed["message"] and failed["hint"]
    assert "next step" not in run.result["message"]


@needs_valkey
@pytest.mark.parametrize("step", STEPS)
def test_real_valkey_server_passes(step):
    run = run_runner(step_payload(step, "valkey-server", {}))
    assert run.result["status"] == "pass", run.explain()
    assert len(run.tests("pass")) == len(run.tests())


def test_step_two_starter_shows_expected_reply():
    run = run_runner(step_payload("02-ping", "python", step_files("02-ping", "starter", "python")))
    failed = run.failed()
    assert failed["name"] == "responds to PING with +PONG"
    assert failed["message"] == 'After PING, expected "+PONG\\r\\n" but client 1 received nothing within 2 s.'
    assert 'client 1 sent PING  "*1\\r\\n$4\\r\\nPING\\r\\n"' in failed["output"]


def test_step_one_starter_says_program_exited():
    run = run_runner(step_payload("01-bind", "javascript", step_files("01-bind", "starter", "javascript")))
    failed = run.failed()
    assert failed["message"] == "Your program exited with code 0 without listening on port 6379."
    assert "Nothing listens on port 6379 yet" in run.result["stdout"]
