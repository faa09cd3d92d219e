import pytest

from todo_flask import validation

TASKS = "/api/v1/accounts/ada/tasks"


def test_authentication_comes_before_the_task_lookup_and_the_media_type(client, headers):
    assert client.put(f"{TASKS}/1", data="x", content_type="text/plain").status_code == 401
    response = client.put(f"{TASKS}/1", headers=headers, data="x", content_type="text/plain")
    assert response.status_code == 404


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/merge-patch+json"])
def test_other_media_types_are_415(client, headers, content_type):
    response = client.post(TASKS, headers=headers, data='{"name": "x"}', content_type=content_type)
    assert response.status_code == 415
    assert response.json["title"] == "Unsupported Media Type"


@pytest.mark.parametrize(
    "content_type",
    ["Application/JSON; charset=utf-8", 'application/json; CHARSET="UTF-8"', "application/json"],
)
def test_the_media_type_is_case_insensitive_and_may_have_a_utf8_charset(
    client, headers, content_type
):
    response = client.post(TASKS, headers=headers, data='{"name": "x"}', content_type=content_type)
    assert response.status_code == 201


@pytest.mark.parametrize("charset", ["latin-1", '"utf-16"', "utf8", "us-ascii"])
def test_another_charset_is_415(client, headers, charset):
    content_type = f"application/json; charset={charset}"
    response = client.post(TASKS, headers=headers, data='{"name": "x"}', content_type=content_type)
    assert response.status_code == 415
    assert response.json["detail"] == "The request body must be encoded as UTF-8."


@pytest.mark.parametrize(
    ("encoding", "status"), [("gzip", 415), ("br, gzip", 415), ("Identity", 201)]
)
def test_a_content_encoding_is_415(client, headers, encoding, status):
    headers = {**headers, "Content-Encoding": encoding}
    response = client.post(TASKS, headers=headers, json={"name": "x"})
    assert response.status_code == status
    if status == 415:
        assert response.json["detail"] == "The request body must not have a Content-Encoding."


def test_media_type_errors_come_after_the_task_lookup(client, headers):
    headers = {**headers, "Content-Encoding": "gzip"}
    assert client.patch(f"{TASKS}/999", headers=headers, json={}).status_code == 404


@pytest.mark.parametrize(
    "data",
    [b"", b"{", b"[1]", b'"name"', '{"name": "x"}'.encode("utf-16"), b"[" * 60000,
     b'{"name": "\\ud800"}', b'{"\\udfff": 1}', b'{"name": "\xff"}', b'{"completed": NaN}',
     b'{"note": Infinity}', b'{"note": -Infinity}', b'{"a":' * 13000],
)  # fmt: skip
def test_a_body_that_is_not_a_utf8_json_object_is_400(client, headers, data):
    response = client.post(TASKS, headers=headers, data=data, content_type="application/json")
    assert response.status_code == 400
    assert response.json["title"] == "Bad Request"


@pytest.mark.parametrize(
    "data",
    [b'{"name": "a", "name": "b"}', b'{"name": "a", "note": {"x": [{"y": 1, "y": 1}]}}',
     b'{"name": "a", "n\\u0061me": "b"}'],
)  # fmt: skip
def test_a_repeated_member_name_is_400(client, headers, data):
    response = client.post(TASKS, headers=headers, data=data, content_type="application/json")
    assert response.status_code == 400
    assert response.json["detail"] == "The request body repeats a member name."


def test_clean_lists_missing_fields_first_then_the_body_in_its_order():
    with pytest.raises(validation.ValidationError) as raised:
        validation.clean({"url": "x", "completed": "yes"}, validation.TASK, required=["name"])
    assert raised.value.errors == [
        {"field": "name", "message": "This field is required."},
        {"field": "url", "message": "This field is not allowed here."},
        {"field": "completed", "message": "Must be true or false."},
    ]


def test_field_errors_list_every_field(client, headers):
    body = {"name": " ", "note": None, "completed": "true", "due_date": "tomorrow", "url": "x"}
    response = client.post(TASKS, headers=headers, json=body)
    assert response.status_code == 422
    assert response.json["title"] == "Unprocessable Content"
    assert response.json["detail"] == "The request body has invalid fields."
    assert [error["field"] for error in response.json["errors"]] == list(body)


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        ("2026-11-22T18:00:00Z", "2026-11-22 18:00:00"),
        ("2026-11-22t18:00:00.999z", "2026-11-22 18:00:00"),
        ("2026-11-22T18:00:00-05:30", "2026-11-22 23:30:00"),
        ("0001-01-01T00:00:00-01:00", "0001-01-01 01:00:00"),
        ("9999-12-31T23:59:59Z", "9999-12-31 23:59:59"),
        (None, "None"),
    ],
)
def test_due_dates_are_stored_in_utc(value, stored):
    assert str(validation.due_date(value)) == stored


@pytest.mark.parametrize(
    "value",
    ["2026-11-22", "2026-11-22T18:00:00", "2026-11-22 18:00:00Z", "2026-02-30T10:00:00Z",
     "2026-11-22T18:00:00+24:00", "0001-01-01T00:00:00+01:00", 1700000000, "",
     "0000-06-01T00:00:00Z", "9999-12-31T23:59:59-00:01", "10000-01-01T00:00:00Z",
     "\uff12\uff10\uff12\uff16-11-22T18:00:00Z", "2026-11-22T18:00:00.\u0665Z"],
)  # fmt: skip
def test_bad_due_dates(value):
    with pytest.raises(validation.Invalid):
        validation.due_date(value)


@pytest.mark.parametrize("value", ["a@b", "x" * 64 + "@example.com"])
def test_good_emails(value):
    assert validation.email(value) == value


@pytest.mark.parametrize("value", ["ab", "a@@b", "@b", "a@", "a b@c", "a@b@c", 5, "a@" + "b" * 253])
def test_bad_emails(value):
    with pytest.raises(validation.Invalid):
        validation.email(value)


@pytest.mark.parametrize("value", ["ab", "a" * 33, "ada!", "ada\n", "ädä", 123, "login", "logout"])
def test_bad_usernames(value):
    with pytest.raises(validation.Invalid):
        validation.username(value)


@pytest.mark.parametrize("validator", [validation.email, validation.name, validation.note])
def test_strings_cannot_hold_nul(validator):
    with pytest.raises(validation.Invalid, match="U\\+0000"):
        validator("a\x00@b")


@pytest.mark.parametrize("value", [1, 0, None, "true"])
def test_completed_is_a_json_boolean(value):
    with pytest.raises(validation.Invalid):
        validation.completed(value)


def test_whitespace_is_json_schemas():
    json_schema_s = "".join(
        ["\t\n\x0b\x0c\r \u00a0\u1680", *map(chr, range(0x2000, 0x200B)),
         "\u2028\u2029\u202f\u205f\u3000\ufeff"]
    )  # fmt: skip
    assert json_schema_s == validation.WHITESPACE


@pytest.mark.parametrize(
    ("value", "stored"),
    [("\ufeff\u3000 milk\u00a0\t", "milk"), ("\x1fmilk\x85", "\x1fmilk\x85"),
     ("\u200bmilk", "\u200bmilk")],
)  # fmt: skip
def test_names_are_trimmed_of_that_whitespace_only(value, stored):
    assert validation.name(value) == stored


@pytest.mark.parametrize("value", ["\ufeff", "\u2028\u3000"])
def test_a_name_of_whitespace_only_is_invalid(value):
    with pytest.raises(validation.Invalid):
        validation.name(value)


@pytest.mark.parametrize(
    ("value", "valid"),
    [("a\ufeff@b", False), ("a\u00a0@b", False), ("a\x1c@b", True), ("a\x85@b", True)],
)
def test_emails_hold_no_whitespace(value, valid):
    if valid:
        assert validation.email(value) == value
    else:
        with pytest.raises(validation.Invalid):
            validation.email(value)
