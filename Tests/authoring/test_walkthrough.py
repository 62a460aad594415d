"""docs/authoring.md's walk-through, followed to the letter: every `$ command` of its console
blocks runs in a copy of content/, every file it shows (`<!-- file: path -->` above a code
block) is written, and the output it shows must come out of the tool, in order (`…` stands
for anything; whitespace runs count as one). A block that ends with `(exit status N)` must
end that way; any other must succeed. So when the guide and the tool drift apart, this fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "authoring.md"
SITEGEN = ROOT / ".build" / "debug" / "sitegen"
SECTION = "## From scaffold to a passing verify"


@dataclass
class Command:
    text: str
    shown: list[str]
    status: int = 0


@dataclass
class Console:
    """One ```console block: its commands, with the output and exit status of each."""
    line: int
    commands: list[Command]


@dataclass
class File:
    line: int
    path: str
    text: str


def walkthrough() -> list[Console | File]:
    text = GUIDE.read_text()
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    section = text[start:end if end != -1 else len(text)]
    first_line = text[:start].count("\n") + 1
    blocks: list[Console | File] = []
    fence = re.compile(r"(?:<!-- file: (?P<path>\S+) -->\n)?```(?P<kind>\w*)\n(?P<body>.*?)```", re.S)
    for match in fence.finditer(section):
        line = first_line + section[:match.start()].count("\n")
        if match["path"]:
            blocks.append(File(line, match["path"], match["body"]))
        elif match["kind"] == "console":
            commands: list[Command] = []
            for row in match["body"].splitlines():
                if row.startswith("$ "):
                    commands.append(Command(row[2:], []))
                    continue
                assert commands, f"authoring.md:{line}: output before any command"
                if (exit := re.fullmatch(r"\(exit status (\d+)\)", row)):
                    commands[-1].status = int(exit[1])
                else:
                    commands[-1].shown.append(row)
            blocks.append(Console(line, commands))
    return blocks


def _pattern(shown: str) -> re.Pattern:
    words = re.split(r"\s+", shown.strip())
    parts = [r".*".join(re.escape(piece) for piece in word.split("…")) for word in words]
    return re.compile(r"\s+".join(parts))


def expect_in_order(shown: list[str], output: str, where: str) -> None:
    """Each shown line matches a later line of the output than the one before it."""
    lines = output.splitlines()
    position = 0
    for row in shown:
        if row.strip() in ("", "…"):
            continue
        pattern = _pattern(row)
        while position < len(lines) and not pattern.search(lines[position]):
            position += 1
        assert position < len(lines), f"{where}: the guide shows\n  {row}\nbut the tool printed:\n{output}"
        position += 1


@pytest.fixture
def project(tmp_path):
    if not SITEGEN.exists():
        pytest.fail(f"{SITEGEN} is missing: run `swift build` first (make test does)")
    shutil.copytree(ROOT / "content", tmp_path / "content")
    (tmp_path / "theme").symlink_to(ROOT / "theme")
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "sitegen").symlink_to(SITEGEN)
    return tmp_path


def test_the_guide_has_a_walkthrough_that_scaffolds_fills_checks_and_verifies():
    blocks = walkthrough()
    commands = [command.text for block in blocks if isinstance(block, Console) for command in block.commands]
    assert any(c.startswith("sitegen new course") for c in commands)
    assert any(c.startswith("sitegen new step") for c in commands)
    assert "sitegen check" in commands
    assert sum(c.startswith("sitegen check --verify --only") for c in commands) >= 2
    assert any(isinstance(block, File) and block.path.endswith("test.py") for block in blocks)


def test_the_walkthrough_does_what_the_guide_says(project):
    env = {**os.environ, "PATH": f"{project / 'bin'}:{os.environ['PATH']}"}
    for block in walkthrough():
        if isinstance(block, File):
            target = project / block.path
            assert target.exists(), f"authoring.md:{block.line}: {block.path} should exist by now (scaffolded)"
            target.write_text(block.text)
            continue
        for command in block.commands:
            done = subprocess.run(["bash", "-c", command.text], cwd=project, env=env, capture_output=True, text=True,
                                  timeout=300)
            output = done.stdout + done.stderr
            where = f"authoring.md:{block.line}: $ {command.text}"
            assert done.returncode == command.status, (
                f"{where}: exit status {done.returncode}, not {command.status}:\n{output}")
            expect_in_order(command.shown, output, where)
