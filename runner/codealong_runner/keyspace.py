"""A JSON snapshot of what a run left in Valkey, for the results panel.

Each entry is ``{"key", "type", "ttl", "value"}`` (+ ``"truncated": true`` when the value
was cut). ``ttl`` is in milliseconds (PTTL), -1 when the key does not expire. Values:
string -> str; list -> [str]; hash -> {field: value}; set -> sorted [str];
zset -> [[member, score]] by rank (score "inf"/"-inf" when infinite); stream -> [{"id", "fields"}]. Binary data is shown
with backslash escapes.
"""

from __future__ import annotations

import math

from .client import Client

MAX_KEYS = 100
MAX_ITEMS = 100  # elements per collection
MAX_STRING = 1024  # characters per string value
MAX_STREAM_ENTRIES = 20


def _text(data: bytes) -> str:
    return data.decode("utf-8", "backslashreplace")


def _score(raw: bytes) -> float | str:
    """A sorted-set score: a number, or "inf" / "-inf", which JSON has no number for."""
    score = float(raw)
    return score if math.isfinite(score) else ("inf" if score > 0 else "-inf")


def _cap(text: str) -> tuple[str, bool]:
    return (text[:MAX_STRING], True) if len(text) > MAX_STRING else (text, False)


def snapshot(ports: tuple[int, ...]) -> tuple[list[dict], bool]:
    """Scan every primary; return (entries sorted by key, whether keys were left out)."""
    entries: list[dict] = []
    more = False
    for port in ports:
        with Client(port, timeout=2.0) as client:
            cursor = b"0"
            while True:
                cursor, keys = client.call("SCAN", cursor, "COUNT", 1000)
                for key in keys:
                    if len(entries) >= MAX_KEYS:
                        more = True
                        break
                    entry = _entry(client, key)
                    if entry:
                        entries.append(entry)
                if cursor == b"0" or more:
                    break
    entries.sort(key=lambda e: e["key"])
    return entries, more


def _entry(client: Client, key: bytes) -> dict | None:
    kind = client.call("TYPE", key)
    if kind == "none":  # expired between SCAN and now
        return None
    entry: dict = {"key": _text(key), "type": str(kind), "ttl": client.call("PTTL", key)}
    value, truncated = _value(client, key, str(kind))
    entry["value"] = value
    if truncated:
        entry["truncated"] = True
    return entry


def _value(client: Client, key: bytes, kind: str) -> tuple[object, bool]:
    if kind == "string":
        data = client.call("GETRANGE", key, 0, MAX_STRING * 4)
        text, cut = _cap(_text(data))
        return text, cut or client.call("STRLEN", key) > MAX_STRING * 4 + 1
    if kind == "list":
        items = client.call("LRANGE", key, 0, MAX_ITEMS - 1)
        return [_cap(_text(i))[0] for i in items], client.call("LLEN", key) > MAX_ITEMS
    if kind == "hash":
        fields = _scan_collection(client, "HSCAN", key, pairs=True)
        value = {_text(f): _cap(_text(v))[0] for f, v in fields[:MAX_ITEMS]}
        return value, client.call("HLEN", key) > MAX_ITEMS
    if kind == "set":
        members = _scan_collection(client, "SSCAN", key, pairs=False)
        value = sorted(_text(m) for m in members)[:MAX_ITEMS]
        return value, client.call("SCARD", key) > MAX_ITEMS
    if kind == "zset":
        flat = client.call("ZRANGE", key, 0, MAX_ITEMS - 1, "WITHSCORES")
        value = [[_text(flat[i]), _score(flat[i + 1])] for i in range(0, len(flat), 2)]
        return value, client.call("ZCARD", key) > MAX_ITEMS
    if kind == "stream":
        entries = client.call("XRANGE", key, "-", "+", "COUNT", MAX_STREAM_ENTRIES)
        value = [
            {"id": _text(entry_id), "fields": {_text(fields[i]): _text(fields[i + 1]) for i in range(0, len(fields), 2)}}
            for entry_id, fields in entries
        ]
        return value, client.call("XLEN", key) > MAX_STREAM_ENTRIES
    return None, False


def _scan_collection(client: Client, command: str, key: bytes, pairs: bool) -> list:
    """HSCAN/SSCAN until done or enough items; works for any size without blocking the server."""
    found: list = []
    cursor = b"0"
    while True:
        cursor, flat = client.call(command, key, cursor, "COUNT", MAX_ITEMS)
        if pairs:
            found.extend(zip(flat[0::2], flat[1::2]))
        else:
            found.extend(flat)
        if cursor == b"0" or len(found) > MAX_ITEMS * 2:
            return found
