"""shared_spec/openapi.yaml is valid, loads in openapi-core and agrees with its README."""

import re
import tomllib
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from openapi_core import OpenAPI
from openapi_spec_validator import validate
from referencing import Registry
from referencing.jsonschema import DRAFT202012

SPEC_DIR = Path(__file__).resolve().parent.parent / "shared_spec"
SPEC_PATH = SPEC_DIR / "openapi.yaml"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
BASE = "http://localhost:5000/api/v1/accounts/ada"

TASK = {
    "id": 1,
    "name": "Buy milk",
    "note": "",
    "completed": False,
    "due_date": "2026-11-22T17:00:00Z",
    "creation_date": "2026-11-21T09:31:12Z",
    "url": f"{BASE}/tasks/1",
}
ACCOUNT = {
    "username": "ada",
    "email": "ada@example.com",
    "date_joined": "2026-11-21T09:30:00Z",
    "task_count": 1,
    "url": BASE,
    "tasks_url": f"{BASE}/tasks",
}
PAGE = {
    "username": "ada",
    "tasks": [TASK],
    "total": 3,
    "limit": 1,
    "offset": 1,
    "next": f"{BASE}/tasks?limit=1&offset=2",
    "previous": f"{BASE}/tasks?limit=1&offset=0",
}
PROBLEM = {
    "type": "about:blank",
    "title": "Unprocessable Content",
    "status": 422,
    "detail": "The request body has invalid fields.",
    "errors": [{"field": "name", "message": "This field is required."}],
}


@pytest.fixture(scope="module")
def document():
    return yaml.safe_load(SPEC_PATH.read_text())


def schema_validator(document, name):
    """A JSON Schema validator for components/schemas/<name>, with the document's $refs resolved."""
    registry = Registry().with_resource("urn:spec", DRAFT202012.create_resource(document))
    return Draft202012Validator({"$ref": f"urn:spec#/components/schemas/{name}"}, registry=registry)


def test_document_is_valid_openapi_3_1(document):
    assert document["openapi"] == "3.1.0"
    validate(document)


def test_openapi_core_loads_the_document():
    assert OpenAPI.from_file_path(str(SPEC_PATH)).spec is not None


def test_routes_are_those_of_the_readme_and_of_info(document):
    readme = (SPEC_DIR / "README.md").read_text()
    table = re.findall(r"^\| (GET|POST|PUT|PATCH|DELETE) \| (/api/v1\S*) \|", readme, re.MULTILINE)
    readme_routes = [f"{method} {path}" for method, path in table]
    documented = {
        f"{method.upper()} {path}"
        for path, item in document["paths"].items()
        for method in item
        if method in METHODS
    }
    info_routes = document["components"]["schemas"]["Info"]["properties"]["routes"]["const"]
    assert len(readme_routes) == 14
    assert documented == set(readme_routes)
    assert info_routes == readme_routes


@pytest.mark.parametrize(
    ("name", "instance"),
    [
        ("Task", TASK),
        ("Task", {**TASK, "note": "2 litres", "completed": True, "due_date": None}),
        ("Account", ACCOUNT),
        ("TaskPage", PAGE),
        ("TaskPage", {**PAGE, "tasks": [], "offset": 0, "next": None, "previous": None}),
        ("Problem", PROBLEM),
        ("Problem", {key: PROBLEM[key] for key in ("type", "title", "status", "detail")}),
    ],
)
def test_a_valid_instance_passes(document, name, instance):
    schema_validator(document, name).validate(instance)


@pytest.mark.parametrize(
    ("name", "instance"),
    [
        ("Task", {**TASK, "owner": "ada"}),
        ("Task", {key: value for key, value in TASK.items() if key != "note"}),
        ("Task", {**TASK, "creation_date": "2026-11-21T09:31:12+00:00"}),
        ("Task", {**TASK, "due_date": "2026-11-22T17:00:00.5Z"}),
        ("Task", {**TASK, "completed": "true"}),
        ("Task", {**TASK, "name": " Buy milk"}),
        ("Task", {**TASK, "url": "/api/v1/accounts/ada/tasks/1"}),
        ("Account", {**ACCOUNT, "password": "correct horse"}),
        ("Account", {**ACCOUNT, "date_joined": "2026-11-21 09:30:00"}),
        ("TaskPage", {**PAGE, "limit": 101}),
        ("TaskPage", {key: value for key, value in PAGE.items() if key != "previous"}),
        ("Problem", {**PROBLEM, "traceback": "Traceback (most recent call last): ..."}),
        ("Problem", {key: PROBLEM[key] for key in ("type", "title", "status")}),
        ("Problem", {**PROBLEM, "errors": [{"field": "name"}]}),
    ],
)
def test_an_invalid_instance_fails(document, name, instance):
    assert not schema_validator(document, name).is_valid(instance)


def test_every_operation_documents_500_and_errors_are_problems(document):
    responses = document["components"]["responses"]
    for path, item in document["paths"].items():
        for method in set(item) & set(METHODS):
            documented = item[method]["responses"]
            assert "500" in documented, f"{method.upper()} {path}"
            for status, response in documented.items():
                if "$ref" in response:
                    response = responses[response["$ref"].rsplit("/", 1)[1]]
                media_types = set(response.get("content", {}))
                expected = {"application/problem+json"} if status >= "400" else {"application/json"}
                assert media_types == (set() if status == "204" else expected), f"{path} {status}"


def test_the_version_is_the_same_everywhere(document):
    version = document["info"]["version"]
    assert (
        document["components"]["schemas"]["Info"]["properties"]["api_version"]["const"] == version
    )
    assert f"(version {version})" in (SPEC_DIR / "README.md").read_text().splitlines()[0]
    changelog = (SPEC_DIR / "CHANGELOG.md").read_text()
    assert re.search(r"^## (\S+)", changelog, re.MULTILINE).group(1) == version
    assert f"(version {version})" in (SPEC_DIR / "ui.md").read_text().splitlines()[0]
    suite = tomllib.loads((SPEC_DIR.parent / "contract_tests" / "pyproject.toml").read_text())
    assert suite["project"]["version"] == version


def test_every_operation_that_needs_the_database_documents_503(document):
    for path, item in document["paths"].items():
        for method in set(item) & set(METHODS):
            if item[method]["operationId"] != "getInfo":
                assert "503" in item[method]["responses"], f"{method.upper()} {path}"


# The whitespace the prose defines (JSON Schema's \s), U+0000, and the year rules, as the schema
# patterns must say them, so a schema-driven client and the prose agree.
@pytest.mark.parametrize(
    ("name", "value", "valid"),
    [
        ("TaskName", "\ufeff\u3000milk\u2028", True),
        ("TaskName", "\x1cmilk\x85", True),
        ("TaskName", " \ufeff ", False),
        ("TaskName", "mi\x00lk", False),
        ("TaskName", " " + "x" * 200 + " ", True),
        ("TaskName", "x" * 201, False),
        ("TaskNote", "a\x00", False),
        ("Email", "a\x85b@c", True),
        ("Email", "a\ufeffb@c", False),
        ("Email", "a\x00b@c", False),
        ("Email", "a@b@c", False),
        ("TaskDueDate", "0001-01-01T00:00:00Z", True),
        ("TaskDueDate", "0000-06-01T00:00:00Z", False),
        ("TaskDueDate", "2026-11-22T18:00:00+24:00", False),
        ("TaskDueDate", "٢٠٢٦-01-01T00:00:00Z", False),
        ("Timestamp", "0098-12-31T19:00:00Z", True),
        ("Timestamp", "98-12-31T19:00:00Z", False),
    ],
)
def test_the_field_patterns_follow_the_prose(document, name, value, valid):
    assert schema_validator(document, name).is_valid(value) is valid
