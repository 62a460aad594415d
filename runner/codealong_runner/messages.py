"""What the learner is told about running out of time or memory (``runner/messages.json``, which
the grader's ``LearnerMessages`` must equal: it says the same when the runner cannot)."""

from __future__ import annotations

import json
from pathlib import Path

MESSAGES = json.loads((Path(__file__).resolve().parent.parent / "messages.json").read_text())
MEMORY_ADVICE: str = MESSAGES["memoryAdvice"]
