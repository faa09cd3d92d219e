"""One task: GET, PUT, PATCH and DELETE /api/v1/accounts/{username}/tasks/{id}."""

import pytest
from sqlalchemy import delete, select

from todo_flask.models import Account, Task

TASKS = "/api/v1/accounts/ada/tasks"


def test_put_replaces_the_whole_task(client, headers, task):
    response = client.put(task["url"], headers=headers, json={"name": "Buy tea"})
    assert response.status_code == 200
    assert response.json == {**task, "name": "Buy tea", "note": "", "due_date": None}


def test_put_requires_a_name(client, headers, task):
    response = client.put(task["url"], headers=headers, json={"completed": True})
    assert response.status_code == 422
    assert response.json["errors"] == [{"field": "name", "message": "This field is required."}]


def test_patch_changes_only_the_given_fields(client, headers, task):
    response = client.patch(task["url"], headers=headers, json={"completed": True})
    assert response.json == {**task, "completed": True}
    assert client.patch(task["url"], headers=headers, json={}).json == response.json


def test_delete(client, headers, task):
    assert client.delete(task["url"], headers=headers).status_code == 204
    assert client.get(task["url"], headers=headers).status_code == 404


@pytest.mark.parametrize("task_id", ["abc", "-1", "1.5", "\u0661", "\uff11"])
def test_an_id_that_is_not_ascii_digits_is_an_unknown_path(client, task_id):
    response = client.get(f"{TASKS}/{task_id}")  # no token: routing answers first
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


@pytest.mark.parametrize("task_id", ["999", "0", "00", "2147483648", "9" * 20, "9" * 10000])
def test_digits_that_name_no_task_are_404_after_authentication(client, headers, task_id):
    assert client.delete(f"{TASKS}/{task_id}").status_code == 401
    response = client.delete(f"{TASKS}/{task_id}", headers=headers)
    assert response.status_code == 404
    assert response.json["detail"] == "The task was not found."


def test_ids_are_canonical(client, headers, task):
    response = client.get(f"{TASKS}/0{task['id']}", headers=headers)
    assert response.status_code == 404
    assert response.json["detail"] == "The task was not found."


@pytest.mark.parametrize(
    ("due_date", "shown"),
    [("0098-12-31T19:00:00Z", "0098-12-31T19:00:00Z"),
     ("0001-01-01T00:30:00-00:30", "0001-01-01T01:00:00Z"),
     ("9999-12-31T23:59:59+00:00", "9999-12-31T23:59:59Z")],
)  # fmt: skip
def test_years_are_shown_with_four_digits(client, headers, task, due_date, shown):
    response = client.patch(task["url"], headers=headers, json={"due_date": due_date})
    assert response.json["due_date"] == shown
    assert client.get(task["url"], headers=headers).json["due_date"] == shown


def test_a_task_deleted_just_after_its_update_answers_the_update(
    client, headers, task, after_commit
):
    """The task goes (a racing DELETE) between the commit and the response: the response
    shows what was written, instead of reading the deleted row back (a 500)."""
    after_commit(delete(Task).where(Task.id == task["id"]))
    response = client.patch(task["url"], headers=headers, json={"completed": True})
    assert response.status_code == 200
    assert response.json == {**task, "completed": True}
    assert client.get(task["url"], headers=headers).status_code == 404


def lock_adas_account(racing):
    """What a racing write of Ada's does first (auth.presented_token)."""
    racing.execute(select(Account.id).where(Account.username == "ada").with_for_update())


def racing_task(postgresql_app, headers):
    client = postgresql_app.test_client()
    return client.post(TASKS, headers=headers, json={"name": "raced"}).json


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
def test_a_write_racing_the_deletion_of_its_task_is_404(
    postgresql_app, postgresql_headers, race, method
):
    """A DELETE of the task is under way: the write waits, then finds no task (not an UPDATE
    of no row: 500; nor a DELETE that answers 204 twice)."""
    task = racing_task(postgresql_app, postgresql_headers)

    def delete_the_task(racing):
        lock_adas_account(racing)
        racing.execute(delete(Task).where(Task.id == task["id"]))

    response = race(
        delete_the_task,
        lambda client: client.open(
            task["url"], method=method, headers=postgresql_headers, json={"name": "x"}
        ),
    )
    assert response.status_code == 404
    assert response.json["detail"] == "The task was not found."


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
def test_a_write_racing_the_deletion_of_its_account_is_401(
    postgresql_app, postgresql_headers, race, method
):
    task = racing_task(postgresql_app, postgresql_headers)
    response = race(
        lambda racing: racing.execute(delete(Account).where(Account.username == "ada")),
        lambda client: client.open(
            task["url"], method=method, headers=postgresql_headers, json={"name": "x"}
        ),
    )
    assert response.status_code == 401


def test_another_accounts_task_is_404(client, auth, task):
    bobs_headers = auth.login("bob")
    url = f"/api/v1/accounts/bob/tasks/{task['id']}"
    assert client.get(url, headers=bobs_headers).status_code == 404
