"""The submission the grader writes to the runner's stdin, parsed and checked."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .languages import LANGUAGES

MODES = ("test", "run")
VALKEY_MODES = ("none", "standalone", "cluster")
# One rule for the grader, sitegen and the runner (Sources/Content/SubmissionRules.swift is
# checked against this file by a test).
_RULES = json.loads((Path(__file__).resolve().parent.parent / "submission-rules.json").read_text())
MAX_FILES = _RULES["maxFiles"]
MAX_TOTAL_BYTES = _RULES["maxTotalBytes"]
DEFAULT_TIMEOUT = float(_RULES["defaultTimeoutSeconds"])
BUSY_MACHINE_CREDIT = float(_RULES["busyMachineCredit"])  # a factor of the limit (cpu_pressure.py)
_FILE_NAME = re.compile(_RULES["fileName"]["pattern"])
_FORBIDDEN_IN_NAME = _RULES["fileName"]["mustNotContain"]
_KEY = re.compile(r"^[A-Za-z0-9_-]{16,128}$")


class PayloadError(ValueError):
    """The payload is malformed; the message names the field and what is allowed."""


@dataclass
class StepTests:
    step: str
    title: str
    source: str


@dataclass
class Payload:
    language: str
    files: dict[str, str]
    mode: str
    valkey: str
    timeout: float
    tests: list[StepTests] = field(default_factory=list)
    seed: int = 0
    key: str | None = None  # the run's key: every event after the payload carries it


def parse(raw: bytes, default_valkey: str = "none") -> Payload:
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PayloadError(f"stdin is not a JSON payload ({exc})") from None
    if not isinstance(data, dict):
        raise PayloadError("the payload must be a JSON object")

    language = data.get("language")
    if language not in LANGUAGES:
        raise PayloadError(f"language must be one of {', '.join(sorted(LANGUAGES))}, not {language!r}")

    files = data.get("files", {})
    if not isinstance(files, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
        raise PayloadError("files must be an object mapping file names to their text")
    if len(files) > MAX_FILES:
        raise PayloadError(f"at most {MAX_FILES} files are allowed, got {len(files)}")
    for name in files:
        if not _FILE_NAME.fullmatch(name) or _FORBIDDEN_IN_NAME in name:
            raise PayloadError(
                f"file name {name!r} is not allowed: use a plain name such as main.py "
                "(letters, digits, _ . -; no folders, no '..')"
            )
    if sum(len(v.encode()) for v in files.values()) > MAX_TOTAL_BYTES:
        raise PayloadError(f"the files add up to more than {MAX_TOTAL_BYTES // 1024} KiB")

    mode = data.get("mode", "test")
    if mode not in MODES:
        raise PayloadError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")

    valkey = data.get("valkey", default_valkey)
    if valkey not in VALKEY_MODES:
        raise PayloadError(f"valkey must be one of {', '.join(VALKEY_MODES)}, not {valkey!r}")

    timeout = data.get("timeout", DEFAULT_TIMEOUT)
    if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or not 1 <= timeout <= 600:
        raise PayloadError(f"timeout must be a number of seconds between 1 and 600, not {timeout!r}")

    tests = []
    raw_tests = data.get("tests", [])
    if not isinstance(raw_tests, list):
        raise PayloadError("tests must be a list of {step, title, source}")
    for index, item in enumerate(raw_tests):
        if not isinstance(item, dict) or not isinstance(item.get("source"), str) or not isinstance(item.get("step"), str):
            raise PayloadError(f"tests[{index}] must be an object with string fields step, title and source")
        tests.append(StepTests(step=item["step"], title=str(item.get("title") or item["step"]), source=item["source"]))
    if mode == "test" and not tests:
        raise PayloadError("mode test needs at least one entry in tests")

    seed = data.get("seed")
    if seed is None:
        seed = int.from_bytes(os.urandom(4), "big") & 0x7FFFFFFF
    elif not isinstance(seed, int) or isinstance(seed, bool):
        raise PayloadError(f"seed must be an integer, not {seed!r}")

    key = data.get("key")
    if key is not None and (not isinstance(key, str) or not _KEY.match(key)):
        raise PayloadError("key must be 16 to 128 letters, digits, '_' or '-'")

    return Payload(language=language, files=files, mode=mode, valkey=valkey, timeout=float(timeout),
                   tests=tests, seed=seed, key=key)
