#!/usr/bin/env python3
"""Runs every runnable Valkey example of the content against the real valkey-server: each line of each
```valkey run block (command pages, steps, free pages, template READMEs) and each template's .valkey file.

    .venv/bin/python scripts/check_examples.py   # exit 1 naming file:line of each unexpected error reply

`sitegen check` already holds each line to the facts (a command the server knows, its arity); this finds what
only the server can: a wrong option, a value of the wrong type, a script that does not compile. Each block runs
on a fresh keyspace (FLUSHALL), the way the page's Run button runs it on a fresh server, through the runner's own
valkey-cli emulation. A reply that is an error on purpose is marked by a comment line just above the command:

    # expect an error
    INCR greeting

Examples marked `valkey=cluster` need a cluster and are skipped (the step's own verify runs those).
"""

from __future__ import annotations

import re
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "runner"))
sys.path.insert(0, str(REPO / "scripts"))

from codealong_runner.servers import valkey_server_binary  # noqa: E402
from codealong_runner.valkeycli import run_script  # noqa: E402
from import_commands import ImportProblem, running_server  # noqa: E402

CONTENT = REPO / "content"
EXPECT_ERROR = "# expect an error"
BLOCK_SECONDS = 15.0
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")


@dataclass
class Example:
    """A run of commands: `lines[i]` is at line `first_line + i` of `path`."""
    path: Path
    first_line: int
    lines: list[str]

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(REPO)}:{self.first_line}"


def examples_in_markdown(path: Path) -> list[Example]:
    found: list[Example] = []
    lines = path.read_text().splitlines()
    index = 0
    while index < len(lines):
        match = FENCE.match(lines[index])
        index += 1
        if not match:
            continue
        marker, words = match[2], match[3].split()
        body_start = index
        while index < len(lines) and not (
            lines[index].strip().startswith(marker) and lines[index].strip().strip(marker[0]) == ""
        ):
            index += 1
        body = lines[body_start:index]
        index += 1
        if words[:1] == ["valkey"] and "run" in words[1:] and "valkey=cluster" not in words:
            found.append(Example(path, body_start + 1, body))
    return found


def all_examples() -> list[Example]:
    markdown = [
        *sorted((CONTENT / "commands").glob("*.md")),
        *sorted((CONTENT / "pages").glob("*.md")),
        *sorted((CONTENT / "courses").glob("*/*/step.md")),
        *sorted((CONTENT / "templates").glob("*/README.md")),
    ]
    examples = [example for path in markdown for example in examples_in_markdown(path)]
    for path in sorted((CONTENT / "templates").glob("*/*.valkey")):
        examples.append(Example(path, 1, path.read_text().splitlines()))
    return examples


def problems_of(example: Example, port: int) -> list[str]:
    """Runs one example on a flushed server; each unexpected error reply, as `file:line: …`."""
    commands: list[tuple[int, bool]] = []  # (line in the file, an error is expected)
    expect_error = False
    for offset, raw in enumerate(example.lines):
        line = raw.strip()
        if line == EXPECT_ERROR:
            expect_error = True
        elif line and not line.startswith("#"):
            commands.append((example.first_line + offset, expect_error))
            expect_error = False

    problems: list[str] = []
    current = -1
    prompt = f"127.0.0.1:{port}> "
    where = example.path.relative_to(REPO)

    def write(chunk: str) -> None:
        nonlocal current
        if chunk.startswith(prompt):
            current += 1
        elif chunk.startswith("(error)") and 0 <= current < len(commands):
            line, expected = commands[current]
            if not expected:
                problems.append(f"{where}:{line}: the server replied {chunk.strip()!r}; fix the example, or put "
                                f"'{EXPECT_ERROR}' on the line above when the error is the point")
        elif chunk.startswith("Invalid argument") and 0 <= current < len(commands):
            problems.append(f"{where}:{commands[current][0]}: valkey-cli cannot split the line (quotes)")

    outcome: list = []
    runner = threading.Thread(
        target=lambda: outcome.append(run_script("\n".join(example.lines), port, write, cluster=False)), daemon=True)
    runner.start()
    runner.join(BLOCK_SECONDS)
    if runner.is_alive():
        problems.append(f"{example.where}: the example did not finish within {BLOCK_SECONDS:g} s "
                        "(a blocking command without a timeout?)")
    elif outcome and outcome[0].failure:
        problems.append(f"{example.where}: {outcome[0].failure}")
    return problems


def main() -> int:
    examples = all_examples()
    problems: list[str] = []
    try:
        with running_server(valkey_server_binary()) as client:
            port = client.port
            for example in examples:
                client.call("FLUSHALL")
                problems += problems_of(example, port)
    except ImportProblem as exc:
        print(f"check_examples: {exc}", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem, file=sys.stderr)
    commands = sum(1 for example in examples for line in example.lines if line.strip()[:1] not in ("", "#"))
    if problems:
        print(f"check_examples: {len(problems)} problem(s) in {len(examples)} examples", file=sys.stderr)
        return 1
    print(f"check_examples: {len(examples)} examples, {commands} commands, no unexpected error")
    return 0


if __name__ == "__main__":
    sys.exit(main())
