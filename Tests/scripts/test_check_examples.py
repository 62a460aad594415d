"""scripts/check_examples.py: which blocks are examples, and what running one on the real server reports."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))
SPEC = importlib.util.spec_from_file_location("check_examples", REPO / "scripts" / "check_examples.py")
checker = importlib.util.module_from_spec(SPEC)
sys.modules["check_examples"] = checker  # dataclasses look their module up there
SPEC.loader.exec_module(checker)


@pytest.fixture
def page(tmp_path, monkeypatch):
    monkeypatch.setattr(checker, "REPO", tmp_path)
    path = tmp_path / "content" / "commands" / "INCR.md"
    path.parent.mkdir(parents=True)
    return path


@pytest.fixture(scope="module")
def port():
    with checker.running_server(checker.valkey_server_binary()) as client:
        yield client.port


def test_only_runnable_standalone_valkey_blocks_are_examples(page):
    page.write_text("Text.\n\n```valkey run\nSET a 1\n```\n\n```valkey\nNOPE\n```\n\n"
                    "~~~valkey run valkey=cluster\nCLUSTER SLOTS\n~~~\n\n````valkey run\nGET a\n````\n")
    examples = checker.examples_in_markdown(page)
    assert [(example.first_line, example.lines) for example in examples] == [(4, ["SET a 1"]), (16, ["GET a"])]


def test_an_unexpected_error_is_reported_at_its_line_and_an_expected_one_is_not(page, port):
    page.write_text("```valkey run\nSET name ada\n# expect an error\nINCR name\nLLEN name\n```\n")
    [example] = checker.examples_in_markdown(page)
    problems = checker.problems_of(example, port)
    assert len(problems) == 1
    assert problems[0].startswith("content/commands/INCR.md:5: the server replied '(error) WRONGTYPE")


def test_an_example_that_blocks_is_stopped_and_reported(page, port, monkeypatch):
    monkeypatch.setattr(checker, "BLOCK_SECONDS", 0.3)
    page.write_text("```valkey run\nBLPOP nothing 0\n```\n")
    [example] = checker.examples_in_markdown(page)
    assert checker.problems_of(example, port) == [
        "content/commands/INCR.md:2: the example did not finish within 0.3 s (a blocking command without a timeout?)"]
