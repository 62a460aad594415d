"""CodeAlong's tester library: what a step's test.py imports.

    from codealong import test, hint

    @test("responds to PING with +PONG")
    def ping(t):
        c = t.connect()          # starts the learner's server once, waits for port 6379
        c.send_command("PING")   # *1\\r\\n$4\\r\\nPING\\r\\n
        c.expect(b"+PONG\\r\\n")  # byte-exact; failures show both sides with escapes

The guide, with every helper, is docs/runner.md.
"""

from .failures import TestFailure
from .resp import ErrorReply, SimpleString, encode, encode_command, show
from .testing import hint, test

__all__ = [
    "ErrorReply",
    "SimpleString",
    "TestFailure",
    "encode",
    "encode_command",
    "hint",
    "show",
    "test",
]
