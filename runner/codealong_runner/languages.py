"""How each language's program is launched, from the table in runner/languages.json."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

TABLE = Path(__file__).resolve().parent.parent / "languages.json"


@dataclass(frozen=True)
class Language:
    """One row of languages.json.

    ``command`` is the argv, with ``{main}`` replaced by the main file name and
    ``{valkey-server}`` by the server binary; ``builtin`` names a language the runner
    executes itself (``valkey-cli``) instead of a command.
    """

    name: str
    main: str | None
    command: tuple[str, ...] = ()
    builtin: str | None = None
    env: dict[str, str] = field(default_factory=dict)
    internal: bool = False
    needs_server: bool = False  # its code goes to a Valkey server: it gets one even when the payload says none


def _load() -> dict[str, Language]:
    rows = json.loads(TABLE.read_text())
    return {
        name: Language(
            name=name,
            main=row.get("main"),
            command=tuple(row.get("command", ())),
            builtin=row.get("builtin"),
            env=dict(row.get("env", {})),
            internal=bool(row.get("internal")),
            needs_server=bool(row.get("needsServer")),
        )
        for name, row in rows.items()
        if not name.startswith("_")
    }


LANGUAGES = _load()
