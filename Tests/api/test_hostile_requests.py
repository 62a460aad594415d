"""Hostile requests get a JSON 4xx that says what is wrong, never a 5xx or a crash: malformed,
truncated and deeply nested JSON, invalid UTF-8, wrong types, huge and unknown fields,
path-like lesson ids and file names, unknown languages and modes, other content types,
foreign origins, slow-loris bodies and invented paths."""

from __future__ import annotations

import http.client
import json
import select
import socket
import time
import urllib.parse

import pytest

from contract import call, check

RUN = "/api/run-code"
LESSON = "build-your-own-valkey/02-ping"

MALFORMED = [
    b"", b"{not json", b'{"language":', b'{"language": "python", "code": "x', b"null", b"[]", b'"python"', b"123",
    b'{"language": "python", "code": "x"} trailing', b"\xef\xbb\xbf{}",
    b"[" * 20000 + b"]" * 20000,
    b'{"a":' * 5000 + b"1" + b"}" * 5000,
    b'{"language": "python", "code": "\xff\xfe\xfd"}',
    b'{"language": "python", "code": "\xed\xa0\x80"}',
    b'{"language": "pyth\xc3on", "code": "x"}',
]

WRONG_TYPES = [
    {"language": 5, "code": "x"}, {"language": "python", "code": ["x"]}, {"language": "python", "files": "main.py"},
    {"language": "python", "files": {"main.py": 5}}, {"language": "python", "code": "x", "mode": True},
    {"language": "python", "code": "x", "valkey": {}}, {"lesson": 2, "language": "python", "code": "x"},
    {"language": None, "code": "x"}, {"language": "python", "code": "x", "files": {"main.py": "x"}},
    {"language": "python", "files": {}}, {"language": "python", "files": {f"f{i}.py": "" for i in range(50)}},
]

UNKNOWN = [
    {"language": "cobol", "code": "x"}, {"language": "PYTHON", "code": "x"}, {"language": "", "code": "x"},
    {"language": "valkey-server", "code": "x"}, {"language": "python", "code": "x", "mode": "fast"},
    {"language": "python", "code": "x", "valkey": "sentinel"}, {"language": "python", "code": "x", "extra": 1},
    {"language": "python", "code": "x", "k" * 10000: 1}, {"language": "python", "code": "x", "__proto__": {}},
    {"lesson": LESSON, "language": "python", "code": "x", "mode": "run"},
    {"language": "python", "code": "x", "mode": "test"},
    {"language": "valkey", "code": "PING", "valkey": "none"},
]

PATH_LIKE_LESSONS = [
    "../../etc/passwd", "build-your-own-valkey/../../etc/passwd", "/etc/passwd", "build-your-own-valkey/02-ping/../03-x",
    "%2e%2e%2f%2e%2e", "build-your-own-valkey\\02-ping", "build-your-own-valkey/02-ping\u0000", "~root/.ssh",
    "build-your-own-valkey/" + "a" * 5000, "", "build-your-own-valkey", "build-your-own-valkey/02-ping/test.py",
]

PATH_LIKE_FILES = ["../x.py", "/etc/passwd", "a/b.py", "..", ".", "-rf", "a..b", "main.py\n", "\u0000",
                   "x" * 300, ".bashrc"]


def expect_json_4xx(status: int, headers, raw: bytes, allowed: set[int]) -> dict:
    assert status in allowed, (status, raw[:300])
    assert headers.get("Content-Type", "").startswith("application/json"), headers
    body = json.loads(raw)
    assert body["error"]["code"] and body["error"]["message"], body
    return body


@pytest.mark.parametrize("body", MALFORMED, ids=lambda b: repr(b[:24]))
def test_malformed_bodies(grader, body):
    check(grader, "POST", RUN, body, expect=400)


@pytest.mark.parametrize("body", WRONG_TYPES, ids=lambda b: json.dumps(b)[:40])
def test_wrong_types_name_the_field(grader, body):
    error = check(grader, "POST", RUN, body, expect=400)
    assert error["error"].get("field"), error


@pytest.mark.parametrize("body", UNKNOWN, ids=lambda b: json.dumps(b)[:40])
def test_unknown_values_list_what_is_allowed(grader, body):
    error = check(grader, "POST", RUN, body, expect=400)
    assert error["error"].get("field"), error


@pytest.mark.parametrize("lesson", PATH_LIKE_LESSONS)
def test_path_like_lessons_are_unknown(grader, lesson):
    error = check(grader, "POST", RUN, {"lesson": lesson, "language": "python", "code": "x"}, expect=404)
    assert error["error"]["code"] == "unknown_lesson"


@pytest.mark.parametrize("name", PATH_LIKE_FILES)
def test_path_like_file_names_are_refused(grader, name):
    error = check(grader, "POST", RUN, {"language": "python", "files": {"main.py": "x", name: "y"}}, expect=400)
    assert error["error"]["field"] == "files"


def test_huge_body_is_413(grader):
    check(grader, "POST", RUN, {"language": "python", "code": "#" * (200 * 1024)}, expect=413)


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                                          "application/jsonp"])
def test_only_json_bodies_are_read(grader, content_type):
    parsed = urllib.parse.urlparse(grader)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    connection.request("POST", RUN, body=json.dumps({"language": "python", "code": "x"}).encode(),
                       headers={"Content-Type": content_type} if content_type else {})
    response = connection.getresponse()
    body = expect_json_4xx(response.status, response.headers, response.read(), {415})
    assert body["error"]["code"] == "unsupported_media_type"
    connection.close()


def test_json_with_a_charset_is_fine(grader):
    check(grader, "POST", RUN, {"language": "cobol", "code": "x"},
          headers={"Content-Type": "application/json; charset=utf-8"}, expect=400)


def test_other_sites_cannot_make_browsers_run_code(grader):
    error = check(grader, "POST", RUN, {"language": "python", "code": "print(1)"},
                  headers={"Origin": "https://evil.example"}, expect=403)
    assert error["error"]["code"] == "origin_not_allowed"
    for origin in ("null", "http://127.0.0.1.evil.example", grader.replace("http://", "https://evil.")):
        check(grader, "POST", RUN, {"language": "python", "code": "print(1)"}, headers={"Origin": origin}, expect=403)


def test_the_site_itself_may(grader):
    result = check(grader, "POST", RUN, {"language": "python", "code": "print(1)"}, headers={"Origin": grader}, expect=200)
    assert result["status"] == "pass"


def _raw_exchange(grader: str, head: bytes, body_chunks: list[bytes], pause: float, read_timeout: float) -> bytes:
    parsed = urllib.parse.urlparse(grader)
    with socket.create_connection((parsed.hostname, parsed.port), timeout=read_timeout) as sock:
        sock.sendall(head)
        try:
            for chunk in body_chunks:
                sock.sendall(chunk)
                if select.select([sock], [], [], pause)[0]:
                    break  # the grader answered (or closed) before the body was complete
        except OSError:
            pass  # the grader gave up on us: its answer is below
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
                if b"\r\n\r\n" in answer and answer.split(b"\r\n\r\n", 1)[1].strip().endswith(b"}"):
                    break
        except OSError:
            pass
        return answer


def test_a_slow_loris_body_is_cut_off(grader):
    body = json.dumps({"language": "python", "code": "print(1)" + " " * 200}).encode()
    head = (f"POST {RUN} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode()
    started = time.monotonic()
    answer = _raw_exchange(grader, head, [body[i:i + 1] for i in range(len(body))], pause=0.5, read_timeout=40)
    elapsed = time.monotonic() - started
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert b'"body_timeout"' in answer
    assert elapsed < 25, elapsed


def test_invented_paths_do_not_make_new_metric_series(grader):
    for path in ("/api//health", "/api/health/", "/api/%2e%2e/health", "/api/" + "x" * 200, "/api/run-code/../health"):
        status, _, _ = call(grader, "GET", path)
        assert status < 500
    status, _, raw = call(grader, "GET", "/metrics")
    series = [line for line in raw.decode().splitlines() if line.startswith("codealong_http_requests_total{")]
    paths = {line.split('path="', 1)[1].split('"', 1)[0] for line in series}
    assert paths <= {"/api/run-code", "/api/health", "other"}, paths


def test_the_grader_is_still_healthy_afterwards(grader):
    health = check(grader, "GET", "/api/health", expect=200)
    assert health["status"] == "ok"
