"""The task list: GET and POST /api/v1/accounts/{username}/tasks, through the whole app
(WebTest) and with dummy requests."""

import pytest
from pyramid_retry import IRetryableError
from sqlalchemy import delete
from webob.multidict import MultiDict

from todo_pyramid.models import Account, Task, Vanished
from todo_pyramid.security import REJECTED_CREDENTIALS
from todo_pyramid.validation import ValidationError
from todo_pyramid.views import tasks

from .conftest import create, json_request
from .databases import racing


def test_create_returns_the_task_with_defaults_and_location(testapp, owner):
    response = create(testapp, owner, name="  Buy milk  ")
    task = response.json
    assert response.headers["Location"] == task["url"]
    assert task["url"] == f"http://example.com{owner[0]}/{task['id']}"
    assert task["name"] == "Buy milk"
    assert (task["note"], task["completed"], task["due_date"]) == ("", False, None)


def test_due_date_is_normalised_to_utc_without_the_fraction(testapp, owner):
    task = create(testapp, owner, due_date="2026-11-22t18:00:00.75+01:00").json
    assert task["due_date"] == "2026-11-22T17:00:00Z"


@pytest.mark.parametrize(
    "fields",
    [
        {"name": "   "},
        {"name": "x" * 201},
        {"note": None},
        {"completed": "true"},
        {"completed": 1},
        {"due_date": "2026-11-22T18:00:00"},
        {"due_date": "2026-02-30T18:00:00Z"},
        {"id": 5},
        {"name": "nul\x00byte"},
        {"note": "nul\x00byte"},
    ],
)
def test_create_rejects_bad_fields(testapp, owner, fields):
    response = create(testapp, owner, status=422, **fields)
    assert [error["field"] for error in response.json["errors"]] == list(fields)


def test_list_filters_and_links_the_pages(testapp, owner):
    for number in range(5):
        create(testapp, owner, name=f"task {number}", completed=number % 2 == 0)
    url, headers = owner
    page = testapp.get(url, {"completed": "true", "limit": "2"}, headers=headers).json
    assert page["total"] == 3
    assert [task["name"] for task in page["tasks"]] == ["task 0", "task 2"]
    assert page["next"] == f"http://example.com{url}?completed=true&limit=2&offset=2"
    assert page["previous"] is None
    last = testapp.get(page["next"], headers=headers).json
    assert [task["name"] for task in last["tasks"]] == ["task 4"]
    assert last["next"] is None
    assert last["previous"] == f"http://example.com{url}?completed=true&limit=2&offset=0"


@pytest.mark.parametrize(
    "query",
    ["limit=abc", "limit=0", "limit=101", "limit=", "offset=-1", "completed=True", "limit=%FF"],
)
def test_list_rejects_bad_query_parameters(testapp, owner, query):
    url, headers = owner
    response = testapp.get(f"{url}?{query}", headers=headers, status=400)
    assert response.json["title"] == "Bad Request"


@pytest.mark.parametrize(
    ("query", "detail"),
    [
        ("completed=1", "The query parameter completed must be true or false."),
        ("limit=abc", "The query parameter limit must be an integer from 1 to 100."),
        ("limit=101", "The query parameter limit must be an integer from 1 to 100."),
        ("offset=-1", "The query parameter offset must be a non-negative integer."),
    ],
)
def test_bad_query_parameters_say_which_and_why(testapp, owner, query, detail):
    url, headers = owner
    assert testapp.get(f"{url}?{query}", headers=headers, status=400).json["detail"] == detail


def test_an_offset_past_the_end_is_an_empty_page(testapp, owner):
    url, headers = owner
    page = testapp.get(f"{url}?offset=99999999999999999999", headers=headers).json
    assert page["tasks"] == []


def test_create_task_belongs_to_the_caller(ada, dummy_request, dbsession):
    task = tasks.create_task(json_request(dummy_request, {"name": "Buy milk"}))
    assert dbsession.get(Task, task["id"]).account_id == ada.id


def test_create_task_reports_field_errors(ada, dummy_request):
    with pytest.raises(ValidationError) as raised:
        tasks.create_task(json_request(dummy_request, {"note": 5}))
    assert {error["field"] for error in raised.value.errors} == {"name", "note"}


def test_task_list_pages(ada, dummy_request, dbsession):
    dbsession.add_all([Task(account_id=ada.id, name=f"t{number}") for number in range(3)])
    dbsession.flush()
    dummy_request.GET = MultiDict({"limit": "2", "offset": "1"})
    page = tasks.task_list(dummy_request)
    assert (page["total"], len(page["tasks"]), page["next"]) == (3, 2, None)
    assert page["previous"] == "http://example.com/api/v1/accounts/ada/tasks?limit=2&offset=0"


def test_a_task_created_under_an_account_deleted_meanwhile_is_401_on_postgresql(
    postgresql_app, postgresql_engine, postgresql_owner
):
    # The INSERT breaks the foreign key (IntegrityError); the retry finds the token gone.
    with racing(postgresql_engine, "DELETE FROM accounts", before="INSERT INTO tasks"):
        response = create(postgresql_app, postgresql_owner, status=401)
    assert response.json["detail"] == REJECTED_CREDENTIALS


def test_a_task_created_under_a_vanished_account_is_retried(ada, dummy_request, dbsession):
    statement = delete(Account).where(Account.id == ada.id)
    dbsession.execute(statement, execution_options={"synchronize_session": False})
    with pytest.raises(Vanished) as raised:
        tasks.create_task(json_request(dummy_request, {"name": "Buy milk"}))
    assert IRetryableError.providedBy(raised.value)


@pytest.mark.parametrize(
    ("due_date", "stored"),
    [
        ("0099-01-01T01:00:00+02:00", "0098-12-31T23:00:00Z"),
        ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"),
        ("9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"),
        ("0999-06-01T12:00:00-00:30", "0999-06-01T12:30:00Z"),
    ],
)
def test_every_year_has_four_digits(testapp, owner, due_date, stored):
    assert create(testapp, owner, due_date=due_date).json["due_date"] == stored


@pytest.mark.parametrize(
    "due_date",
    [
        "0000-06-01T00:00:00Z",  # year 0000 as written
        "0001-01-01T00:30:00+01:00",  # year 0000 in UTC
        "9999-12-31T23:30:00-01:00",  # year 10000 in UTC
        "\u0662\u0660\u0662\u0666-01-01T00:00:00Z",  # digits of another script
        "2026-01-01T00:00:00+24:00",
    ],
)
def test_due_dates_outside_years_1_to_9999_are_422(testapp, owner, due_date):
    response = create(testapp, owner, status=422, due_date=due_date)
    assert response.json["errors"][0]["field"] == "due_date"


@pytest.mark.parametrize("name", ["limit", "offset", "completed"])
def test_a_query_parameter_given_twice_is_400_even_with_equal_values(testapp, owner, name):
    url, headers = owner
    value = "true" if name == "completed" else "5"
    response = testapp.get(f"{url}?{name}={value}&{name}={value}", headers=headers, status=400)
    assert response.json["detail"] == f"The query parameter {name} must be given at most once."


def test_any_number_of_unknown_query_parameters_is_ignored(testapp, owner):
    url, headers = owner
    page = testapp.get(f"{url}?{'a=1&' * 1500}limit=5", headers=headers, status=200).json
    assert page["limit"] == 5


def test_an_offset_past_ints_digit_limit_is_400_not_500(testapp, owner):
    url, headers = owner
    testapp.get(f"{url}?offset={'9' * 4300}", headers=headers, status=200)
    response = testapp.get(f"{url}?offset={'9' * 4301}", headers=headers, status=400)
    assert response.json["detail"] == "The query parameter offset must be a non-negative integer."
