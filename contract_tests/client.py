"""The HTTP client every contract test uses, and the one place every response is checked.

Each response is checked against shared_spec/openapi.yaml (documented status, schema-valid body,
right media type) and against the contract-wide rules of shared_spec/README.md (problem titles,
`WWW-Authenticate` on 401, `Allow` on 405, empty 204 bodies), so no test can forget to.
"""

import os
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import requests
import yaml
from jsonschema import Draft202012Validator
from openapi_core import Config, OpenAPI
from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse
from openapi_core.deserializing.media_types.util import json_loads
from openapi_core.templating.paths.exceptions import PathError
from openapi_core.templating.responses.exceptions import ResponseNotFound
from referencing import Registry
from referencing.jsonschema import DRAFT202012

# In the repository the contract sits beside this folder; the installed tool says where it is.
SPEC_PATH = Path(
    os.environ.get("CONTRACT_SPEC")
    or Path(__file__).resolve().parent.parent / "shared_spec" / "openapi.yaml"
)
TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


# Answers the document cannot list on operations (an unknown path or method, a host the server
# does not serve: all decided before routing), checked against these shared responses.
ROUTING_RESPONSES = {400: "HostNotAllowed", 404: "NotFound", 405: "MethodNotAllowed"}


@cache
def openapi():
    # openapi-core parses only application/json by default; problem+json is JSON too.
    config = Config(extra_media_type_deserializers={"application/problem+json": json_loads})
    return OpenAPI.from_file_path(str(SPEC_PATH), config=config)


@cache
def routing_validator(status):
    document = yaml.safe_load(SPEC_PATH.read_text())
    registry = Registry().with_resource("urn:spec", DRAFT202012.create_resource(document))
    pointer = f"urn:spec#/components/responses/{ROUTING_RESPONSES[status]}"
    schema = {"$ref": f"{pointer}/content/application~1problem+json/schema"}
    return Draft202012Validator(schema, registry=registry)


def parse_timestamp(value):
    """A contract timestamp (RFC 3339, UTC, `Z`, whole seconds) as an aware datetime."""
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def error_fields(response):
    """The sorted field names of a 422 problem's `errors`."""
    return sorted(error["field"] for error in response.json()["errors"])


def media_type(response):
    return response.headers.get("Content-Type", "").split(";")[0].strip().lower()


def check_response(response):
    """Assert everything the contract says about any response; tests then check the specifics."""
    status = response.status_code
    where = f"{response.request.method} {response.request.url} -> {status}"
    assert status < 500 or status == 503, f"{where}: server error: {response.text[:500]}"
    if status == 204 or response.request.method == "HEAD":
        assert response.content == b"", f"{where}: expected an empty body"
        return
    if status >= 400:
        assert media_type(response) == "application/problem+json", f"{where}: {response.headers}"
        problem = response.json()
        assert problem.get("status") == status, f"{where}: {problem}"
        assert problem.get("title") == TITLES[status], f"{where}: {problem}"
        assert ("errors" in problem) == (status == 422), f"{where}: {problem}"
        if status == 401:
            challenge = response.headers.get("WWW-Authenticate", "")
            assert challenge.split(" ")[0].lower() == "bearer", f"{where}: {challenge!r}"
        if status == 405:
            assert response.headers.get("Allow"), f"{where}: no Allow header"
        if status == 503:
            retry = response.headers.get("Retry-After", "")
            assert retry.isdigit(), f"{where}: Retry-After {retry!r}"
    else:
        assert media_type(response) == "application/json", f"{where}: {response.headers}"
        charset = response.headers["Content-Type"].lower().partition("charset=")[2]
        assert charset in ("", "utf-8"), f"{where}: charset {charset!r}"
    try:
        openapi().validate_response(
            RequestsOpenAPIRequest(response.request), RequestsOpenAPIResponse(response)
        )
    except (PathError, ResponseNotFound):
        # An unknown path or an undocumented method: the contract's answer is a 404/405 problem.
        assert status in ROUTING_RESPONSES, f"{where}: undocumented path/method/status: {status}"
        routing_validator(status).validate(response.json())


class Api:
    """requests.Session bound to one server; relative paths join its base URL."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.session = requests.Session()

    def request(self, method, path, token=None, headers=None, **kwargs):
        url = path if path.startswith("http") else self.base_url + path
        headers = dict(headers or {})
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        response = self.session.request(method, url, headers=headers, timeout=60, **kwargs)
        check_response(response)
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, **kwargs):
        return self.request("POST", path, **kwargs)

    def put(self, path, **kwargs):
        return self.request("PUT", path, **kwargs)

    def patch(self, path, **kwargs):
        return self.request("PATCH", path, **kwargs)

    def delete(self, path, **kwargs):
        return self.request("DELETE", path, **kwargs)
