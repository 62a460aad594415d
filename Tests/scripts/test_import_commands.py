"""scripts/import_commands.py: from the server's COMMAND DOCS/INFO replies to facts.json, the file's layout,
the differences --check reports, and the committed file against the real bundled valkey-server."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SPEC = importlib.util.spec_from_file_location("import_commands", REPO / "scripts" / "import_commands.py")
importer = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(importer)

# What the server answers, trimmed to two commands: COMMAND DOCS (a map) and COMMAND (an array of
# [name, arity, flags, first key, last key, step, acl categories, tips, key specs, subcommands]).
DOCS = {
    "get": {"summary": "Returns the string value of a key.", "since": "1.0.0", "group": "string",
            "complexity": "O(1)", "arguments": [{"name": "key", "type": "key", "display_text": "key"}]},
    "client": {"summary": "A container for client connection commands.", "since": "2.4.0",
               "group": "connection", "complexity": "Depends on subcommand.",
               "subcommands": {"client|kill": {
                   "summary": "Terminates open connections.", "since": "2.4.0", "group": "connection",
                   "complexity": "O(N)", "history": [["2.8.12", "Added new filter format."]],
                   "arguments": [{"name": "filter", "type": "oneof", "arguments": [
                       {"name": "old-format", "type": "string", "display_text": "ip:port",
                        "flags": ["optional"]},
                       {"name": "id", "type": "integer", "token": "ID", "flags": ["multiple"]}]}]}}},
}
INFO = [
    ["get", 2, ["readonly", "fast"], 1, 1, 1, ["@read", "@string", "@fast"], [], [], []],
    ["client", -2, [], 0, 0, 0, ["@slow"], [], [], [
        ["client|kill", -3, ["admin"], 0, 0, 0, ["@admin", "@slow", "@dangerous", "@connection"], [], [], []]]],
]


def test_every_command_and_subcommand_is_collected_by_its_display_name():
    commands = importer.collect(DOCS, INFO)
    assert list(commands) == ["CLIENT", "CLIENT KILL", "GET"]
    assert commands["GET"] == {
        "group": "string", "since": "1.0.0", "complexity": "O(1)", "summary": "Returns the string value of a key.",
        "arity": 2, "acl_categories": ["read", "string", "fast"], "flags": ["fast", "readonly"],
        "arguments": [{"name": "key", "type": "key"}]}
    kill = commands["CLIENT KILL"]
    assert kill["container"] == "CLIENT" and kill["arity"] == -3
    assert kill["history"] == [["2.8.12", "Added new filter format."]]
    alternatives = kill["arguments"][0]["arguments"]
    assert alternatives[0] == {"name": "old-format", "type": "string", "display": "ip:port", "optional": True}
    assert alternatives[1] == {"name": "id", "type": "integer", "token": "ID", "multiple": True}


def test_an_argument_flag_the_importer_does_not_know_stops_the_import():
    with pytest.raises(importer.ImportProblem, match="flags the importer does not know"):
        importer.argument_facts({"name": "x", "type": "string", "flags": ["optional", "sometimes"]})


def test_the_file_reads_back_and_each_command_has_its_own_line():
    document = {"format": 1, "generated_by": importer.GENERATED_BY, "server": "valkey-server 9.1.2",
                "commands": importer.collect(DOCS, INFO)}
    text = importer.render(document)
    assert json.loads(text) == document
    lines = importer.command_lines(text)
    assert set(lines) == {"CLIENT", "CLIENT KILL", "GET"}
    assert text.splitlines()[lines["GET"] - 1] == '    "GET": {'


def test_check_names_the_file_line_command_and_field():
    current = {"server": "valkey-server 9.1.2", "commands": importer.collect(DOCS, INFO)}
    committed = json.loads(json.dumps(current))
    committed["commands"]["GET"]["arity"] = 3
    committed["commands"]["GETT"] = committed["commands"]["GET"]
    del committed["commands"]["CLIENT KILL"]
    problems = importer.differences(committed, current, "facts.json", {"GET": 40, "GETT": 50})
    assert problems == [
        "facts.json:50: GETT: the server does not know this command any more",
        "facts.json:1: CLIENT KILL: the server has this command, the file does not",
        "facts.json:40: GET: field 'arity': the file has 3, the server says 2",
    ]


def test_the_committed_facts_match_the_bundled_server(capsys):
    """The real valkey-server, started on 127.0.0.1 by the script itself (about half a second)."""
    assert importer.main(["--check"]) == 0, capsys.readouterr().err
    assert "matches valkey-server" in capsys.readouterr().out
