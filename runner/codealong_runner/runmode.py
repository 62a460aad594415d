"""Run mode: run the learner's program once (or execute their Valkey commands), stream its
output, and report how it ended plus what it left in Valkey."""

from __future__ import annotations

from codealong.failures import TestFailure

from . import keyspace
from .messages import MEMORY_ADVICE
from .program import LaunchError
from .session import Session
from .suite import Outcome


def run(session: Session) -> Outcome:
    """Returns the outcome; also sets ``session.keyspace`` when a server is present."""
    session.activity = "running your program"
    try:
        outcome = _run_builtin(session) if session.language.builtin else _run_program(session)
    except TestFailure as failure:
        outcome = Outcome("error", failure.message + (f" {failure.hint}" if failure.hint else ""))
    if session.servers.primary_ports:
        session.activity = "reading the keyspace"
        session.keyspace, session.keyspace_truncated = keyspace.snapshot(session.servers.current_primaries())
    return outcome


def _run_builtin(session: Session) -> Outcome:
    session.activity = "running your commands"
    result = session.run_valkey_script(session.stdout.feed_text)
    if result.failure:
        return Outcome("error", f"Your commands could not all run: {result.failure}.")
    if result.commands == 0:
        return Outcome("pass", "There were no commands to run: write one command per line.")
    noun = "command" if result.commands == 1 else "commands"
    if result.errors:
        return Outcome("pass", f"Ran {result.commands} {noun}; {result.errors} returned an error (shown as (error) in the output).")
    return Outcome("pass", f"Ran {result.commands} {noun}.")


def _run_program(session: Session) -> Outcome:
    program = session.new_program()
    session.learner = program
    try:
        program.start()
    except LaunchError as exc:
        return Outcome("error", f"The sandbox could not start your program: {exc}. This is a problem on our side.")
    exit = program.wait()  # the supervisor's deadline bounds this
    if exit.out_of_memory:
        return Outcome(
            "error",
            f"Your program {exit.describe()}. {MEMORY_ADVICE}",
        )
    if exit.code == 0:
        return Outcome("pass", "Your program ran and exited normally.")
    return Outcome(
        "error",
        f"Your program {exit.describe()}. The end of its error output (stderr) says why; fix it and run again.",
    )
