"""Calls to the live grader, each checked against docs/openapi.yaml: the status is documented
for the operation and the body validates against its schema."""

import json
import urllib.error
import urllib.request
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parents[2]
SPEC = yaml.safe_load((ROOT / "docs" / "openapi.yaml").read_text())
REGISTRY = Registry().with_resource("spec", DRAFT202012.create_resource(SPEC))
SOLUTION = (ROOT / "content/courses/build-your-own-valkey/02-ping/solution/python/main.py").read_text()


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
