"""Request bodies and query strings: 413, 415, 400 and 422, and where they come in the contract's
order of checks (WebTest); clean() itself."""

import pytest

from todo_pyramid import validation

from .conftest import PROBLEM_MEMBERS, assert_problem


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
