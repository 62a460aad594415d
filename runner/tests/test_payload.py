"""The runner's checks of the payload the grader sends: file names, limits and the run's key."""

from __future__ import annotations

import json

import pytest

from codealong_runner import payload


def parse(**fields) -> payload.Payload:
    data = {"language": "python", "files": {"main.py": "print(1)"}, "mode": "run", **fields}
    return payload.parse(json.dumps(data).encode())


@pytest.mark.parametrize("name", ["main.py", "helper_2.py", "_x", "a.b.c", "x-y", "a" * 100])
def test_plain_names_are_accepted(name):
    assert name in parse(files={"main.py": "", name: ""}).files


# The same names the grader rejects (Tests/ContentTests/SubmissionRulesTests.swift).
@pytest.mark.parametrize("name", ["", ".hidden", "-rf", "a..b", "../etc/passwd", "a/b.py", "main.py\n", "é.py",
                                  "a b", "a" * 101])
def test_other_names_are_refused(name):
    with pytest.raises(payload.PayloadError, match="not allowed"):
        parse(files={"main.py": "", name: ""})


def test_the_file_limit_is_the_graders():
    files = {f"f{i}.py": "" for i in range(payload.MAX_FILES)}
    assert len(parse(files=files).files) == payload.MAX_FILES == 20
    with pytest.raises(payload.PayloadError, match="at most 20 files"):
        parse(files={**files, "one_more.py": ""})


def test_the_key_is_kept_and_checked():
    assert parse(key="a" * 32).key == "a" * 32
    assert parse().key is None
    for bad in ("short", "x" * 200, "with space" * 3, 42):
        with pytest.raises(payload.PayloadError, match="key"):
            parse(key=bad)
