"""Request bodies and query strings: 413, 415, 400 and 422, and where they come in the contract's
order of checks (WebTest); clean() itself."""

import io

import pytest
import webtest
from webob import Request

from todo_pyramid import bodysize, validation

from .conftest import PROBLEM_MEMBERS, assert_problem, create

JSON = "application/json"


def test_an_oversized_body_is_413_before_authentication(testapp):
    body = b'{"name": "' + b"x" * 65536 + b'"}'
    response = testapp.post(
        "/api/v1/accounts/ada/tasks", body, content_type="application/json", status=413
    )
    assert_problem(response, 413, "Content Too Large")


def test_authentication_comes_before_the_task_lookup(testapp):
    testapp.get("/api/v1/accounts/ada/tasks/999", status=401)


def test_the_task_lookup_comes_before_the_media_type(testapp, make_account, auth):
    username, token = make_account()
    url = f"/api/v1/accounts/{username}/tasks/999"
    testapp.patch(url, b"{}", headers=auth(token), status=404)


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded"])
def test_a_body_that_is_not_declared_json_is_415(testapp, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    response = testapp.post("/api/v1/accounts", b"{}", headers=headers, status=415)
    assert_problem(response, 415, "Unsupported Media Type")


def test_the_media_type_is_case_insensitive_and_may_carry_a_charset(testapp):
    content_type = "Application/JSON; charset=utf-8"
    testapp.post("/api/v1/accounts", b"{}", content_type=content_type, status=422)


@pytest.mark.parametrize(
    "body",
    [b"{", b"[1, 2]", b'"text"', b"\xff\xfe{}", b"", b"NaN", b'{"name": "\\ud800"}', b"[" * 60000],
)
def test_a_body_that_is_not_a_json_object_is_400(testapp, body):
    response = testapp.post("/api/v1/accounts", body, content_type="application/json", status=400)
    assert_problem(response, 400, "Bad Request")


def test_field_errors_are_422_with_errors(testapp):
    response = testapp.post_json("/api/v1/accounts", {"username": "ada"}, status=422)
    assert response.content_type == "application/problem+json"
    assert set(response.json) == PROBLEM_MEMBERS | {"errors"}
    assert response.json["title"] == "Unprocessable Content"


def test_clean_lists_missing_fields_first_then_the_body_in_its_order():
    with pytest.raises(validation.ValidationError) as raised:
        validation.clean({"url": "x", "completed": "yes"}, validation.TASK, required=["name"])
    assert raised.value.errors == [
        {"field": "name", "message": "This field is required."},
        {"field": "url", "message": "This field is not allowed here."},
        {"field": "completed", "message": "Must be true or false."},
    ]


@pytest.mark.parametrize("validator", [validation.email, validation.name, validation.note])
def test_strings_cannot_hold_nul(validator):
    with pytest.raises(validation.Invalid, match="U\\+0000"):
        validator("a\x00@b")


@pytest.mark.parametrize(
    "body", [b'{"name": "a", "name": "b"}', b'{"name": "a", "note": {"x": 1, "x": 1}}']
)
def test_a_member_name_given_twice_at_any_depth_is_400(testapp, owner, body):
    url, headers = owner
    response = testapp.post(url, body, headers=headers, content_type=JSON, status=400)
    assert response.json["detail"] == "The request body repeats a member name."


@pytest.mark.parametrize(
    "body", [b'{"name": NaN}', b'{"name": "a", "note": -Infinity}', b"[" * 30000 + b"]" * 30000]
)
def test_nan_infinity_and_deep_nesting_are_not_json(testapp, body):
    # Registration needs no token: deep nesting is a 400 for anyone.
    response = testapp.post("/api/v1/accounts", body, content_type=JSON, status=400)
    assert response.json["detail"] == "The request body is not valid UTF-8 JSON."


@pytest.mark.parametrize(
    ("content_type", "status"),
    [
        ("application/json; charset=latin-1", 415),
        ("application/json; charset=utf8", 415),
        ('application/json; charset="UTF-8"', 422),
        ("application/json;charset=Utf-8", 422),
    ],
)
def test_a_charset_other_than_utf8_is_415(testapp, content_type, status):
    response = testapp.post("/api/v1/accounts", b"{}", content_type=content_type, status=status)
    if status == 415:
        assert response.json["detail"] == "The request body must be encoded as UTF-8."


@pytest.mark.parametrize(("encoding", "status"), [("gzip", 415), ("br", 415), ("identity", 422)])
def test_a_content_encoding_other_than_identity_is_415(testapp, encoding, status):
    headers = {"Content-Encoding": encoding}
    response = testapp.post(
        "/api/v1/accounts", b"{}", headers=headers, content_type=JSON, status=status
    )
    if status == 415:
        assert response.json["detail"] == "The request body must not have a Content-Encoding."


def chunked(testapp, path, body, headers=(), status=None):
    """POST `body` as gunicorn hands a chunked one over: no CONTENT_LENGTH, a terminated input."""
    environ = {
        **testapp.extra_environ,  # do_request() does not add them itself
        "REQUEST_METHOD": "POST",
        "CONTENT_TYPE": JSON,
        "HTTP_TRANSFER_ENCODING": "chunked",
        "wsgi.input": io.BytesIO(body),
        "wsgi.input_terminated": True,
    }
    request = webtest.TestRequest.blank(path, environ, headers=dict(headers))
    return testapp.do_request(request, status=status)


def test_a_chunked_body_over_the_limit_is_413_before_authentication(testapp):
    response = chunked(testapp, "/api/v1/accounts/ada/tasks", b" " * 80000, status=413)
    assert_problem(response, 413, "Content Too Large")


def test_a_small_chunked_body_is_read_like_any_other(testapp, owner):
    url, headers = owner
    response = chunked(testapp, url, b'{"name": "chunked"}', headers.items(), status=201)
    assert response.json["name"] == "chunked"


def test_a_body_over_the_limit_is_read_no_further_and_never_retried():
    body = io.BytesIO(b" " * 10_000_000)  # sent chunked: no Content-Length says how long
    environ = {"REQUEST_METHOD": "POST", "wsgi.input": body, "wsgi.input_terminated": True}
    request = Request.blank("/", environ)
    assert bodysize.retry_attempts(request) == 1
    assert request.content_length == validation.MAX_BODY_BYTES + 1
    assert body.tell() == validation.MAX_BODY_BYTES + 1


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("\ufeff\u3000milk\u2028", "milk"),  # JSON Schema's \s includes U+FEFF and U+3000
        ("\x1cmilk\x85", "\x1cmilk\x85"),  # str.strip() would take these; \s does not
    ],
)
def test_name_is_trimmed_of_json_schemas_whitespace_only(testapp, owner, name, stored):
    assert create(testapp, owner, name=name).json["name"] == stored


@pytest.mark.parametrize(("email", "valid"), [("a\ufeffb@c", False), ("a\x85b@c", True)])
def test_email_whitespace_is_json_schemas_whitespace(email, valid):
    if valid:
        assert validation.email(email) == email
    else:
        with pytest.raises(validation.Invalid):
            validation.email(email)
