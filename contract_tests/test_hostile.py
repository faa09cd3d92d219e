"""Hostile input, one table run against every implementation (contract 1.1.0).

Each row sends one request a careful client would never send and says what the contract answers.
Rows that `requests` cannot express (duplicate headers, a chunked body, a raw path or Host) go
through http.client and are checked by check_raw; the rest go through the checking Api client.
"""

import http.client
import json
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from client import TITLES

JSON = {"Content-Type": "application/json"}
LIMIT = 65536


@dataclass
class Raw:
    """The parts of a response check_raw and the table rows look at."""

    status_code: int
    headers: dict
    content: bytes

    def json(self):
        return json.loads(self.content)


def raw(base_url, method, path, headers=(), body=None, chunks=None):
    """One request sent as written: `headers` is a list of pairs, so a name may repeat."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        names = {name.lower() for name, _ in headers}
        if "host" not in names:
            connection.putheader("Host", parts.netloc)
        for name, value in headers:
            connection.putheader(name, value)
        if chunks is not None:
            connection.putheader("Transfer-Encoding", "chunked")
        elif body is not None:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders()
        try:
            if chunks is not None:  # one write, so the whole body is on its way at once
                framed = [b"%x\r\n%s\r\n" % (len(chunk), chunk) for chunk in chunks]
                connection.send(b"".join([*framed, b"0\r\n\r\n"]))
            elif body is not None:
                connection.send(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered (413, say) and closed before reading the rest: read it
        response = connection.getresponse()
        return Raw(response.status, dict(response.getheaders()), response.read())
    finally:
        connection.close()


def check_raw(response):
    """What client.check_response asserts of any error: problem+json with the right title."""
    if response.status_code < 400:
        return
    media_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    assert media_type == "application/problem+json", response.headers
    problem = response.json()
    assert (problem["status"], problem["title"]) == (
        response.status_code,
        TITLES[response.status_code],
    )


@dataclass
class Context:
    api: object
    account: object
    base_url: str

    def auth(self):
        return [("Authorization", f"Bearer {self.account.token}")]

    def task(self, **fields):
        body = {"name": "a task", **fields}
        response = self.api.post(self.account.tasks_path, token=self.account.token, json=body)
        assert response.status_code == 201, response.text
        return response.json()


@dataclass
class Case:
    id: str
    send: Callable  # Context -> response
    status: int
    body: Callable = lambda ctx: {}  # members the answer's JSON must have, with these values


def nested(depth):
    return b"[" * depth + b"]" * depth


CASES = [
    # Bodies.
    Case(
        "deeply nested JSON, unauthenticated",
        lambda c: c.api.post("/api/v1/accounts", data=nested(30000), headers=JSON),
        400,
    ),
    Case(
        "NaN is not JSON",
        lambda c: c.api.post(
            c.account.tasks_path, token=c.account.token, data=b'{"name": NaN}', headers=JSON
        ),
        400,
    ),
    Case(
        "Infinity is not JSON",
        lambda c: c.api.post(
            c.account.tasks_path, token=c.account.token, data=b'{"name": "a", "note": -Infinity}',
            headers=JSON,
        ),
        400,
    ),
    Case(
        "a repeated member name",
        lambda c: c.api.post(
            c.account.tasks_path, token=c.account.token, data=b'{"name": "a", "name": "b"}',
            headers=JSON,
        ),
        400,
    ),
    Case(
        "a repeated member name deeper down",
        lambda c: c.api.post(
            "/api/v1/accounts/login", data=b'{"username": "ada", "password": {"a": 1, "a": 2}}',
            headers=JSON,
        ),
        400,
    ),
    Case(
        "a charset other than utf-8",
        lambda c: c.api.post(
            c.account.tasks_path, token=c.account.token, data=b'{"name": "caf\xe9"}',
            headers={"Content-Type": "application/json; charset=latin-1"},
        ),
        415,
    ),
    Case(
        "charset utf-8, quoted and in capitals",
        lambda c: c.api.post(
            c.account.tasks_path, token=c.account.token, data=b'{"name": "a"}',
            headers={"Content-Type": 'application/json; charset="UTF-8"'},
        ),
        201,
    ),
    Case(
        "a compressed body",
        lambda c: c.api.post(
            c.account.tasks_path, token=c.account.token, data=b'{"name": "a"}',
            headers={**JSON, "Content-Encoding": "gzip"},
        ),
        415,
    ),
    Case(
        "a small chunked body",
        lambda c: raw(
            c.base_url, "POST", c.account.tasks_path, c.auth() + list(JSON.items()),
            chunks=[b'{"name": ', b'"chunked"}'],
        ),
        201,
        lambda c: {"name": "chunked"},
    ),
    Case(
        "a chunked body over 64 KiB",
        lambda c: raw(
            c.base_url, "POST", c.account.tasks_path, c.auth() + list(JSON.items()),
            chunks=[b" " * 40000, b" " * 40000, b'{"name": "a"}'],
        ),
        413,
    ),
    Case(
        "a chunked body over 64 KiB, unauthenticated",
        lambda c: raw(
            c.base_url, "POST", c.account.tasks_path, list(JSON.items()),
            chunks=[b" " * 40000, b" " * 40000],
        ),
        413,
    ),
    # Ids and paths.
    Case(
        # More digits than Python's int() takes (4300), within the 8 KiB request-target limit.
        "a 5,000-digit task id",
        lambda c: c.api.get(f"{c.account.tasks_path}/{'9' * 5000}", token=c.account.token),
        404,
    ),
    Case(
        "a task id with a leading zero",
        lambda c: c.api.get(f"{c.account.tasks_path}/0{c.task()['id']}", token=c.account.token),
        404,
    ),
    Case("an empty path segment", lambda c: raw(c.base_url, "GET", "/api/v1//health"), 404),
    # (A leading "//" is not in the table: Python's http.server, under Werkzeug's and Django's
    # development servers, folds it into "/" before the application sees the path.)
    # Query strings.
    Case(
        "1,500 unknown query parameters",
        lambda c: c.api.get(
            f"{c.account.tasks_path}?{'a=1&' * 1500}limit=5", token=c.account.token
        ),
        200,
    ),
    Case(
        "a repeated limit",
        lambda c: c.api.get(f"{c.account.tasks_path}?limit=5&limit=6", token=c.account.token),
        400,
    ),
    Case(
        "a repeated completed, even with equal values",
        lambda c: c.api.get(
            f"{c.account.tasks_path}?completed=true&completed=true", token=c.account.token
        ),
        400,
    ),
    # Dates and text.
    Case(
        "a year before 1000 comes back with four digits",
        lambda c: c.api.post(
            c.account.tasks_path, token=c.account.token,
            json={"name": "a", "due_date": "0099-01-01T01:00:00+02:00"},
        ),
        201,
        lambda c: {"due_date": "0098-12-31T23:00:00Z"},
    ),
    Case(
        "year 0000",
        lambda c: c.api.post(
            c.account.tasks_path, token=c.account.token,
            json={"name": "a", "due_date": "0000-06-01T00:00:00Z"},
        ),
        422,
    ),
    Case(
        "a date that is year 0 in UTC",
        lambda c: c.api.post(
            c.account.tasks_path, token=c.account.token,
            json={"name": "a", "due_date": "0001-01-01T00:30:00+01:00"},
        ),
        422,
    ),
    Case(
        "a date past 9999 in UTC",
        lambda c: c.api.post(
            c.account.tasks_path, token=c.account.token,
            json={"name": "a", "due_date": "9999-12-31T23:30:00-01:00"},
        ),
        422,
    ),
    Case(
        "digits of another script in a date",
        lambda c: c.api.post(
            c.account.tasks_path, token=c.account.token,
            json={"name": "a", "due_date": "٢٠٢٦-01-01T00:00:00Z"},
        ),
        422,
    ),
    Case(
        "U+FEFF and U+3000 around a name are whitespace",
        lambda c: c.api.post(
            c.account.tasks_path, token=c.account.token, json={"name": "\ufeff\u3000milk\u2028"}
        ),
        201,
        lambda c: {"name": "milk"},
    ),
    Case(
        "U+001C and U+0085 around a name are not whitespace",
        lambda c: c.api.post(
            c.account.tasks_path, token=c.account.token, json={"name": "\x1cmilk\x85"}
        ),
        201,
        lambda c: {"name": "\x1cmilk\x85"},
    ),
    Case(
        "U+0085 in an email is not whitespace",
        lambda c: c.api.patch(c.account.path, token=c.account.token, json={"email": "a\x85b@c"}),
        200,
    ),
    Case(
        "U+FEFF in an email is whitespace",
        lambda c: c.api.patch(
            c.account.path, token=c.account.token, json={"email": "a\ufeffb@c"}
        ),
        422,
    ),
    # Authorization.
    Case(
        "a tab between the scheme and the token",
        lambda c: raw(
            c.base_url, "GET", c.account.path, [("Authorization", f"Bearer\t{c.account.token}")]
        ),
        200,
    ),
    Case(
        "several spaces between the scheme and the token",
        lambda c: raw(
            c.base_url, "GET", c.account.path, [("Authorization", f"bearer   {c.account.token}")]
        ),
        200,
    ),
    Case(
        "two Authorization headers",
        lambda c: raw(c.base_url, "GET", c.account.path, c.auth() + c.auth()),
        401,
    ),
    Case(
        "two credentials in one header",
        lambda c: raw(
            c.base_url, "GET", c.account.path,
            [("Authorization", f"Bearer {c.account.token}, Bearer {c.account.token}")],
        ),
        401,
    ),
    # Hosts.
    Case(
        "a Host the server does not serve",
        lambda c: raw(c.base_url, "GET", "/api/v1", [("Host", "evil.example")]),
        400,
    ),
    Case(
        "a Host the server does not serve, on an unknown path",
        lambda c: raw(c.base_url, "GET", "/nowhere", [("Host", "evil.example:80")]),
        400,
    ),
    Case(
        "an allowed host on another port",
        lambda c: raw(c.base_url, "GET", c.account.path, [("Host", "localhost:1"), *c.auth()]),
        200,
        lambda c: {"url": f"http://localhost:1{c.account.path}"},
    ),
    Case(
        "forwarded headers from a proxy the server does not trust",
        lambda c: raw(
            c.base_url, "GET", c.account.path,
            [*c.auth(), ("X-Forwarded-Host", "evil.example"), ("X-Forwarded-Proto", "https")],
        ),
        200,
        lambda c: {"url": f"{c.base_url}{c.account.path}"},
    ),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_input(running, api, account, case):
    context = Context(api, account, running.base_url)
    response = case.send(context)
    check_raw(response)
    assert response.status_code == case.status, response.content[:500]
    expected = case.body(context)
    assert {name: response.json()[name] for name in expected} == expected
