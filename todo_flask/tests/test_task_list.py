"""The task list: GET and POST /api/v1/accounts/{username}/tasks."""

import pytest
from sqlalchemy import delete

from todo_flask.models import Account

TASKS = "/api/v1/accounts/ada/tasks"


def test_create(client, headers, task):
    assert set(task) == {"id", "name", "note", "completed", "due_date", "creation_date", "url"}
    assert task["name"] == "Buy milk"
    assert task["completed"] is False
    assert task["due_date"] == "2026-11-22T17:00:00Z"
    assert task["url"] == f"http://localhost{TASKS}/{task['id']}"
    assert client.get(task["url"], headers=headers).json == task


def test_create_with_defaults(client, headers):
    response = client.post(TASKS, headers=headers, json={"name": "x"})
    assert response.headers["Location"] == response.json["url"]
    assert (response.json["note"], response.json["due_date"]) == ("", None)


def test_list_pages(client, headers):
    for number in range(5):
        client.post(TASKS, headers=headers, json={"name": f"t{number}", "completed": number < 2})
    page = client.get(f"{TASKS}?limit=2&offset=2", headers=headers).json
    assert [task["name"] for task in page["tasks"]] == ["t2", "t3"]
    assert (page["total"], page["limit"], page["offset"]) == (5, 2, 2)
    assert page["next"] == f"http://localhost{TASKS}?limit=2&offset=4"
    assert page["previous"] == f"http://localhost{TASKS}?limit=2&offset=0"
    last = client.get(page["next"], headers=headers).json
    assert ([task["name"] for task in last["tasks"]], last["next"]) == (["t4"], None)


def test_list_filters_on_completed(client, headers):
    for number in range(3):
        client.post(TASKS, headers=headers, json={"name": f"t{number}", "completed": number == 0})
    page = client.get(f"{TASKS}?completed=false&limit=1", headers=headers).json
    assert (page["total"], page["tasks"][0]["name"]) == (2, "t1")
    assert page["next"] == f"http://localhost{TASKS}?completed=false&limit=1&offset=1"
    assert page["previous"] is None


def test_an_offset_past_the_end_is_an_empty_page(client, headers):
    page = client.get(f"{TASKS}?offset=99999999999999999999", headers=headers).json
    assert (page["tasks"], page["total"], page["next"]) == ([], 0, None)


@pytest.mark.parametrize(
    "query",
    ["limit=abc", "limit=0", "limit=101", "limit=", "limit=+5", "offset=-1", "completed=True"],
)
def test_bad_query_parameters_are_400(client, headers, query):
    response = client.get(f"{TASKS}?{query}", headers=headers)
    assert response.status_code == 400
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
def test_bad_query_parameters_say_which_and_why(client, headers, query, detail):
    assert client.get(f"{TASKS}?{query}", headers=headers).json["detail"] == detail


@pytest.mark.parametrize(
    ("query", "name"),
    [("limit=5&limit=6", "limit"), ("offset=0&offset=0", "offset"),
     ("completed=true&completed=false", "completed"), ("limit=abc&limit=5", "limit")],
)  # fmt: skip
def test_a_query_parameter_given_twice_is_400(client, headers, query, name):
    response = client.get(f"{TASKS}?{query}", headers=headers)
    assert response.status_code == 400
    assert response.json["detail"] == f"The query parameter {name} must be given at most once."


def test_any_number_of_unknown_query_parameters_is_ignored(client, headers):
    query = "&".join(f"p{number}=x" for number in range(5000))
    response = client.get(f"{TASKS}?{query}&limit=5", headers=headers)
    assert response.status_code == 200
    assert response.json["limit"] == 5


@pytest.mark.parametrize("parameter", ["limit", "offset"])
def test_a_number_of_10000_digits_is_400(client, headers, parameter):
    response = client.get(f"{TASKS}?{parameter}={'9' * 10000}", headers=headers)
    assert response.status_code == 400


def test_a_task_created_just_before_its_account_is_deleted_is_201(client, headers, after_commit):
    """The account goes (a racing DELETE) between the commit and the response: the response
    shows what was written, instead of reading the deleted rows back (a 500)."""
    after_commit(delete(Account).where(Account.username == "ada"))
    response = client.post(TASKS, headers=headers, json={"name": "x"})
    assert response.status_code == 201
    assert response.json["name"] == "x"
    assert client.get(TASKS, headers=headers).status_code == 401


def test_a_create_racing_the_deletion_of_its_account_is_401(race, postgresql_headers):
    """A DELETE of the account is under way when the create comes: it waits, then finds its
    token gone (not an INSERT the foreign key refuses: 500)."""
    response = race(
        lambda racing: racing.execute(delete(Account).where(Account.username == "ada")),
        lambda client: client.post(TASKS, headers=postgresql_headers, json={"name": "x"}),
    )
    assert response.status_code == 401
