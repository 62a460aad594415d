"""A minimal blocking RESP client for the runner's own use (cluster set-up, keyspace, the
``valkey`` language). Tests use ``codealong.connection.Connection`` instead, which records a
transcript and explains failures to learners.
"""

from __future__ import annotations

import socket

from codealong import resp


class ServerError(Exception):
    """The connection failed or the server sent something that is not RESP."""


class Client:
    def __init__(self, port: int, host: str = "127.0.0.1", timeout: float | None = 5.0):
        self.host, self.port = host, port
        self._sock = socket.create_connection((host, port), timeout=timeout)
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._buf = b""

    def settimeout(self, timeout: float | None) -> None:
        self._sock.settimeout(timeout)

    def send(self, *args: object) -> None:
        self._sock.sendall(resp.encode_command(*args))

    def read(self) -> object:
        while True:
            try:
                value, used = resp.parse(self._buf)
            except resp.Incomplete:
                chunk = self._sock.recv(65536)
                if not chunk:
                    raise ServerError(f"{self.host}:{self.port} closed the connection")
                self._buf += chunk
                continue
            except resp.ProtocolError as exc:
                raise ServerError(exc.message) from None
            self._buf = self._buf[used:]
            return value

    def call(self, *args: object) -> object:
        """Send one command and return its reply (an ``ErrorReply`` is returned, not raised)."""
        self.send(*args)
        return self.read()

    def close(self) -> None:
        try:
            self._sock.close()
        except OSError:
            pass

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
