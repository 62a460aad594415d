"""The live grader answers as docs/openapi.yaml says: every documented endpoint is called,
and each answer's status is documented and its body validates against the schema."""

import json

import pytest

from contract import SOLUTION, SPEC, check, validator


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
    schemas = SPEC["components"]["schemas"]["ServerSentEvent"]["x-events"]
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


def test_every_documented_path_answers_as_documented(grader):
    documented = {(method.upper(), path) for path, item in SPEC["paths"].items() for method in item}
    assert documented == {("POST", "/api/run-code"), ("GET", "/api/health"), ("GET", "/metrics")}, \
        "a new endpoint needs a test here"
    check(grader, "GET", "/api/health", expect=200)
    check(grader, "GET", "/metrics", expect=200)
    check(grader, "POST", "/api/run-code", {"language": "python", "code": "print(1)"}, expect=200)


def test_infinite_scores_reach_the_page_as_a_result(grader):
    result = check(grader, "POST", "/api/run-code",
                   {"language": "valkey", "code": "ZADD z +inf top -inf bottom 1.5 middle"}, expect=200)
    assert result["status"] == "pass", result
    [entry] = result["keyspace"]
    assert entry["value"] == [["bottom", "-inf"], ["middle", 1.5], ["top", "inf"]]
