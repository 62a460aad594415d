"""What step tests need to know about a Valkey cluster: which slot a key hashes to, which
node serves a slot now, and a failover the test drives (``t.failover``).

The runner owns the sandbox's servers; these helpers only talk to them over TCP, like any
client would, and never through the learner's program.
"""

from __future__ import annotations

import socket
import time

from . import resp
from .failures import TestFailure

SLOTS = 16384


def _crc16(data: bytes) -> int:
    """CRC16-CCITT (XMODEM), the hash Valkey's cluster uses for key slots."""
    crc = 0
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def key_slot(key: str | bytes) -> int:
    """The hash slot of ``key``: CRC16 of the key, or of its ``{hash tag}`` when it has a
    non-empty one, modulo 16384 (what ``CLUSTER KEYSLOT`` answers)."""
    data = key.encode() if isinstance(key, str) else bytes(key)
    start = data.find(b"{")
    if start != -1:
        end = data.find(b"}", start + 1)
        if end > start + 1:
            data = data[start + 1:end]
    return _crc16(data) % SLOTS


def call(port: int, *args: object, timeout: float = 2.0) -> object:
    """One command to 127.0.0.1:``port`` on a short-lived connection, its reply parsed
    (errors come back as ``ErrorReply``). For the tester's own questions to the cluster,
    which do not belong in a test's transcript."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(resp.encode_command(*args))
        buffer = b""
        while True:
            try:
                value, _ = resp.parse(buffer)
                return value
            except resp.Incomplete:
                chunk = sock.recv(65536)
                if not chunk:
                    raise OSError(f"127.0.0.1:{port} closed the connection") from None
                buffer += chunk
            except resp.ProtocolError as exc:
                raise OSError(f"127.0.0.1:{port} sent something that is not RESP: {exc.message}") from None


def _info(port: int, section: str) -> dict[str, str]:
    text = call(port, "INFO", section)
    text = text.decode() if isinstance(text, bytes) else str(text)
    return dict(line.split(":", 1) for line in text.split("\r\n") if ":" in line)


def slot_owner(ports: tuple[int, ...], slot: int) -> int:
    """The port of the primary that serves ``slot`` now, asking the first node that answers."""
    problems = []
    for port in ports:
        try:
            ranges = call(port, "CLUSTER", "SLOTS")
        except OSError as exc:
            problems.append(f"127.0.0.1:{port}: {exc}")
            continue
        if isinstance(ranges, resp.ErrorReply):
            problems.append(f"127.0.0.1:{port}: {ranges}")
            continue
        for first, last, primary, *_ in ranges:
            if first <= slot <= last:
                return int(primary[1])
        problems.append(f"127.0.0.1:{port}: no node serves slot {slot}")
    raise TestFailure(
        f"No node of the cluster could say which primary serves slot {slot} ({'; '.join(problems)}).",
        "Did your program change the cluster's configuration (CLUSTER RESET, FLUSHALL on a replica...)? "
        "Lessons leave the cluster's set-up as it is.",
    )


def role(port: int) -> str:
    """'master' or 'slave' (ROLE's first word), or 'down' when the node does not answer."""
    try:
        reply = call(port, "ROLE", timeout=1.0)
    except OSError:
        return "down"
    return reply[0].decode() if isinstance(reply, list) and reply else "unknown"


def replicas_of(port: int) -> list[int]:
    """The ports of the replicas attached to the primary on ``port`` (ROLE)."""
    reply = call(port, "ROLE")
    if not isinstance(reply, list) or not reply or reply[0] != b"master":
        return []
    return [int(entry[1]) for entry in reply[2]]


def failover(primary: int, nodes: tuple[int, ...], *, timeout: float = 10.0) -> tuple[int, float]:
    """Make a replica of the primary on ``primary`` take its place with ``CLUSTER FAILOVER``
    (the coordinated failover an operator starts: no write is lost) and wait until the
    replica is a primary, the old primary follows it, and every node of ``nodes`` that
    answers knows the new primary serves those slots (so a client is sent to it from
    anywhere). Returns (the new primary's port, seconds it took)."""
    started = time.monotonic()
    deadline = started + timeout
    try:
        replicas = replicas_of(primary)
        if not replicas:
            raise TestFailure(
                f"127.0.0.1:{primary} has no replica to take over from it.",
                "Lessons leave the cluster's set-up as it is: three primaries, each with a replica.",
            )
        replica = replicas[0]
        while _info(replica, "replication").get("master_link_status") != "up":
            _until(deadline, f"the replica 127.0.0.1:{replica} to be in sync with 127.0.0.1:{primary}", timeout)
        reply = call(replica, "CLUSTER", "FAILOVER")
        if reply != "OK":
            raise TestFailure(f"127.0.0.1:{replica} refused CLUSTER FAILOVER: {reply}.")
        while role(replica) != "master" or role(primary) != "slave":
            _until(deadline, f"127.0.0.1:{replica} to take over from 127.0.0.1:{primary}", timeout)
        while _cluster_state(replica) != "ok" or any(primary in _primaries_seen_by(port) for port in nodes):
            _until(deadline, f"every node to know 127.0.0.1:{replica} took over from 127.0.0.1:{primary}", timeout)
    except OSError as exc:
        raise TestFailure(f"During the failover of 127.0.0.1:{primary}, a node did not answer: {exc}.") from None
    return replica, time.monotonic() - started


def _primaries_seen_by(port: int) -> set[int]:
    """The ports ``port`` names as slot owners (CLUSTER SLOTS); empty when it does not answer."""
    try:
        ranges = call(port, "CLUSTER", "SLOTS", timeout=1.0)
    except OSError:
        return set()
    if isinstance(ranges, resp.ErrorReply):
        return set()
    return {int(owner[1]) for _first, _last, owner, *_ in ranges}


def _cluster_state(port: int) -> str:
    text = call(port, "CLUSTER", "INFO")
    text = text.decode() if isinstance(text, bytes) else str(text)
    fields = dict(line.split(":", 1) for line in text.split("\r\n") if ":" in line)
    return fields.get("cluster_state", "?")


def _until(deadline: float, what: str, timeout: float) -> None:
    if time.monotonic() > deadline:
        raise TestFailure(f"Waited {timeout:g} s for {what}, in vain.")
    time.sleep(0.02)
