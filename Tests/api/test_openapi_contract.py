"""The live grader answers as docs/openapi.yaml says: every documented endpoint is called,
and each answer's status is documented and its body validates against the schema."""

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parents[2]
SPEC = yaml.safe_load((ROOT / "docs" / "openapi.yaml").read_text())
REGISTRY = Registry().with_resource("spec", DRAFT202012.create_resource(SPEC))
SOLUTION = (ROOT / "content/courses/build-your-own-valkey/02-ping/solution/python/main.py").read_text()
EXERCISED = set()


def validator(ref: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": "spec" + ref}, registry=REGISTRY)


def call(grader, method, path, body=None, headers=None):
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    request = urllib.request.Request(grader + path, data=data, method=method,
                                     headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def check(grader, method, path, body=None, headers=None, expect=None):
    """Calls the endpoint and validates the answer against the spec; returns the parsed body."""
    status, response_headers, raw = call(grader, method, path, body, headers)
    if expect is not None:
        assert status == expect, raw[:500]
    operation = SPEC["paths"][path][method.lower()]
    assert str(status) in operation["responses"], f"{method} {path} answered {status}, which the spec does not list"
    EXERCISED.add((method, path, str(status)))
    content = operation["responses"][str(status)].get("content", {})
    media = response_headers.get("Content-Type", "").split(";")[0]
    assert media in content, f"{method} {path} {status}: {media} is not documented"
    schema = content[media].get("schema", {})
    if media == "application/json":
        document = json.loads(raw)
        if "$ref" in schema:
            validator(schema["$ref"]).validate(document)
        return document
    return raw.decode()


def test_grading_a_lesson(grader):
    result = check(grader, "POST", "/api/run-code",
                   {"lesson": "build-your-own-valkey/02-ping", "language": "python", "code": SOLUTION}, expect=200)
    assert result["status"] == "pass"


def test_playground_with_keyspace(grader):
    result = check(grader, "POST", "/api/run-code",
                   {"language": "valkey", "code": "SET greeting hello\nRPUSH queue a b\nGET greeting"}, expect=200)
    assert result["status"] == "pass", result
    assert {entry["key"] for entry in result["keyspace"]} == {"greeting", "queue"}


def test_streaming_events_validate(grader):
    text = check(grader, "POST", "/api/run-code",
                 {"lesson": "build-your-own-valkey/02-ping", "language": "python", "code": SOLUTION},
                 headers={"Accept": "text/event-stream"}, expect=200)
    events = [block for block in text.split("\n\n") if block.strip()]
    names = [block.split("\n")[0].removeprefix("event: ") for block in events]
    assert names[-1] == "result" and "test-start" in names and "test-end" in names
    schemas = SPEC["components"]["schemas"]["ServerSentEvents"]["x-events"]
    for block in events:
        name, data = block.split("\n", 1)
        name = name.removeprefix("event: ")
        validator(schemas[name]["$ref"]).validate(json.loads(data.removeprefix("data: ")))


@pytest.mark.parametrize("body, status", [
    (b"{not json", 400),
    ({"lesson": "build-your-own-valkey/02-ping", "language": "cobol", "code": ""}, 400),
    ({"language": "python", "code": "x", "mode": "fast"}, 400),
    ({"lesson": "build-your-own-valkey/99-nope", "language": "python", "code": ""}, 404),
    ({"language": "python", "code": "#" * (70 * 1024)}, 413),
])
def test_request_errors(grader, body, status):
    error = check(grader, "POST", "/api/run-code", body, expect=status)
    assert error["error"]["message"]


def test_health_and_metrics(grader):
    health = check(grader, "GET", "/api/health", expect=200)
    assert health["status"] == "ok"
    metrics = check(grader, "GET", "/metrics", expect=200)
    assert "codealong_runs_total" in metrics


def test_every_documented_path_was_called():
    called = {(method, path) for method, path, _ in EXERCISED}
    documented = {(method.upper(), path) for path, item in SPEC["paths"].items() for method in item}
    assert documented <= called, f"not exercised: {documented - called}"
