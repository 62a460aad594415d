"""Test mode: load each step's test.py, run its tests in order, stop at the first failure."""

from __future__ import annotations

import traceback
from dataclasses import dataclass

from codealong.failures import AuthoringError, TestFailure
from codealong.testing import TestCase, TestContext, tests_in

from .messages import MEMORY_ADVICE
from .payload import StepTests
from .program import Exit
from .session import Session

COURSE_BUG = "This is a problem in the course, not in your code; please report it."


@dataclass
class Outcome:
    """What the result event says about a whole run."""

    status: str
    message: str


def load_step(step: StepTests) -> list[TestCase]:
    """Execute a step's test.py and return its @test functions in definition order."""
    filename = f"{step.step}/test.py"
    namespace = {"__name__": f"codealong_step_{step.step}", "__file__": filename}
    try:
        exec(compile(step.source, filename, "exec"), namespace)
    except Exception as exc:
        raise AuthoringError(f"the tests of step {step.step} could not be loaded: {_where(exc)}") from None
    cases = tests_in(namespace)
    if not cases:
        raise AuthoringError(f"step {step.step}'s test.py defines no @test functions")
    for case in cases:
        case.step = step.step
    return cases


def run(session: Session) -> Outcome:
    steps = session.payload.tests
    total = 0
    for index, step in enumerate(steps):
        try:
            cases = load_step(step)
        except AuthoringError as exc:
            return Outcome("error", f"The tests could not run: {exc}. {COURSE_BUG}")
        for number, case in enumerate(cases):
            session.later_tests_follow = index < len(steps) - 1 or number < len(cases) - 1
            summary, crash = run_case(session, case)
            if summary is None:  # the supervisor took over (deadline)
                return Outcome("timeout", "")
            total += 1
            if summary["status"] != "pass":
                return _failure_outcome(summary, crash, earlier_step=index < len(steps) - 1)
    last = steps[-1]
    span = f"step {last.step}" if len(steps) == 1 else f"steps {steps[0].step} to {last.step}"
    return Outcome("pass", f"All {total} tests passed ({span}). Well done: on to the next step!")


def run_case(session: Session, case: TestCase) -> tuple[dict | None, Exit | None]:
    context = TestContext(session, case)
    session.begin_test(context)
    status, message, hint = "pass", None, None
    try:
        case.function(context)
        session.settle_running_watch(last=not session.later_tests_follow)
    except TestFailure as failure:
        status, message, hint = "fail", failure.message, failure.hint or case.hint
    except AssertionError as failure:
        status, message, hint = "fail", str(failure) or f"A check failed ({_where(failure)}).", case.hint
    except AuthoringError as exc:
        status, message = "error", f"This test could not run: {exc}. {COURSE_BUG}"
    except Exception as exc:  # a bug in the test itself
        status, message = "error", f"The test crashed: {_where(exc)}. {COURSE_BUG}"
        context.log(traceback.format_exc(limit=-3).rstrip())
    crash = None
    if status != "pass":
        # Checked while the test's connections are still open: closing them can itself
        # crash a fragile server (a reset connection), which is not what this test found.
        crash = session.learner_crash()
    context.close_connections()
    if status != "pass":
        if crash is not None:
            status = "error"
            if crash.describe() not in message:
                message = f"{message} Your program {crash.describe()}."
            tail = session.stderr.tail()
            if crash.out_of_memory:
                hint = "Keep memory use bounded: look for a buffer that is never emptied or a list that only grows."
            elif tail:
                message += f"\nThe end of its error output:\n{tail}"
                hint = "The last lines of the error output name the line of your program that failed, and why."
        if context.random_used:
            message = f"{message} (random seed {session.seed})"
    return session.end_test(status, message, hint), crash


def _failure_outcome(summary: dict, crash: Exit | None, earlier_step: bool) -> Outcome:
    name, step = summary["name"], summary["step"]
    if crash is not None and crash.out_of_memory:
        return Outcome(
            "error",
            f'Your program {crash.describe()} during the test "{name}". {MEMORY_ADVICE}',
        )
    if crash is not None:
        return Outcome(
            "error",
            f'Your program crashed during the test "{name}": it {crash.describe()}. The end of its error '
            "output is shown with the test; fix that error and run the tests again.",
        )
    if summary["status"] == "error":
        return Outcome("error", summary["message"])
    if earlier_step:
        return Outcome(
            "fail",
            f'The test "{name}" from the earlier step {step} fails now: a change broke something that '
            "used to work. Fix it first; its message and hint say what went wrong.",
        )
    return Outcome("fail", f'The test "{name}" failed. Read its message and hint, change your code and run the tests again.')


def _where(exc: BaseException) -> str:
    """'NameError: name x is not defined (02-ping/test.py, line 7)'."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith("/test.py")]
    if isinstance(exc, SyntaxError) and exc.filename and exc.filename.endswith("/test.py"):
        return f"SyntaxError: {exc.msg} ({exc.filename}, line {exc.lineno})"
    place = f" ({frames[-1].filename}, line {frames[-1].lineno})" if frames else ""
    return f"{type(exc).__name__}: {exc}{place}"
