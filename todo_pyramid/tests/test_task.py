"""One task: GET, PUT, PATCH and DELETE /api/v1/accounts/{username}/tasks/{id}, through the
whole app (WebTest) and with dummy requests."""

import pytest
from pyramid.httpexceptions import HTTPNotFound
from pyramid_retry import IRetryableError
from sqlalchemy import delete

from todo_pyramid.models import Task, Vanished
from todo_pyramid.views import tasks

from .conftest import create, json_request
from .databases import racing


def test_put_replaces_the_whole_task(testapp, owner):
    _, headers = owner
    task = create(testapp, owner, note="n", completed=True).json
    replaced = testapp.put_json(task["url"], {"name": "New"}, headers=headers).json
    assert (replaced["name"], replaced["note"], replaced["completed"]) == ("New", "", False)


def test_patch_keeps_the_fields_it_is_not_given(testapp, owner):
    _, headers = owner
    task = create(testapp, owner, note="keep me").json
    patched = testapp.patch_json(task["url"], {"completed": True}, headers=headers).json
    assert (patched["note"], patched["completed"]) == ("keep me", True)
    assert testapp.patch_json(task["url"], {}, headers=headers).json == patched


def test_delete_removes_the_task(testapp, owner):
    _, headers = owner
    task = create(testapp, owner).json
    testapp.delete(task["url"], headers=headers, status=204)
    testapp.get(task["url"], headers=headers, status=404)


@pytest.mark.parametrize("task_id", ["abc", "1.5", "-1"])
def test_an_id_that_is_not_digits_is_an_unknown_path_even_without_a_token(testapp, task_id):
    testapp.get(f"/api/v1/accounts/ada/tasks/{task_id}", status=404)


@pytest.mark.parametrize("task_id", ["0", "99999999999999999999", "2147483648"])
def test_ids_that_name_no_task_are_404(testapp, owner, task_id):
    url, headers = owner
    response = testapp.get(f"{url}/{task_id}", headers=headers, status=404)
    assert response.content_type == "application/problem+json"
    assert response.json["detail"] == "The task was not found."


def test_another_accounts_task_is_404(testapp, owner, make_account, auth):
    task = create(testapp, owner).json
    username, token = make_account("eve")
    other_url = f"/api/v1/accounts/{username}/tasks/{task['id']}"
    testapp.get(other_url, headers=auth(token), status=404)


def test_task_detail_of_a_missing_task_is_not_found(ada, dummy_request):
    dummy_request.matchdict["id"] = "12"
    with pytest.raises(HTTPNotFound):
        tasks.task_detail(dummy_request)


@pytest.mark.parametrize("task_id", ["9" * 10000, "9" * 11])
def test_an_id_of_any_number_of_digits_is_404_not_500(testapp, owner, task_id):
    url, headers = owner
    response = testapp.get(f"{url}/{task_id}", headers=headers, status=404)
    assert response.json["detail"] == "The task was not found."


def test_ids_are_canonical_so_a_leading_zero_names_no_task(testapp, owner):
    url, headers = owner
    task = create(testapp, owner).json
    testapp.get(f"{url}/{task['id']}", headers=headers, status=200)
    for task_id in (f"0{task['id']}", f"00{task['id']}", "00"):
        testapp.get(f"{url}/{task_id}", headers=headers, status=404)
    testapp.get(f"{url}/0{task['id']}", status=401)  # after authentication


def vanish(dbsession, task):
    """Delete the task behind the session's back, as a request that committed meanwhile would."""
    statement = delete(Task).where(Task.id == task.id)
    dbsession.execute(statement, execution_options={"synchronize_session": False})


@pytest.mark.parametrize("view", [tasks.update_task, tasks.replace_task, tasks.delete_task])
def test_a_write_to_a_task_deleted_meanwhile_is_retried(ada, dummy_request, dbsession, view):
    task = Task(account_id=ada.id, name="Buy milk")
    dbsession.add(task)
    dbsession.flush()
    dummy_request.matchdict["id"] = str(task.id)
    json_request(dummy_request, {"name": "Buy bread"})
    real_find_task = tasks.find_task

    def find_then_vanish(request):
        found = real_find_task(request)
        vanish(dbsession, found)
        return found

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tasks, "find_task", find_then_vanish)
        with pytest.raises(Vanished) as raised:
            view(dummy_request)
    # pyramid_retry runs the request again, and that run no longer finds the task: 404.
    assert IRetryableError.providedBy(raised.value)


@pytest.mark.parametrize(
    ("method", "first_statement"),
    [("PATCH", "UPDATE tasks"), ("PUT", "UPDATE tasks"), ("DELETE", "DELETE FROM tasks")],
)
def test_a_task_deleted_by_a_racing_request_is_404_on_postgresql(
    postgresql_app, postgresql_engine, postgresql_owner, method, first_statement
):
    task = create(postgresql_app, postgresql_owner).json
    send = getattr(postgresql_app, f"{method.lower()}_json")
    racer = "DELETE FROM tasks WHERE id = :id"
    with racing(postgresql_engine, racer, before=first_statement, id=task["id"]):
        response = send(task["url"], {"name": "Buy bread"}, headers=postgresql_owner[1], status=404)
    assert response.json["detail"] == "The task was not found."


def test_a_task_write_whose_account_was_deleted_meanwhile_is_401_on_postgresql(
    postgresql_app, postgresql_engine, postgresql_owner
):
    task = create(postgresql_app, postgresql_owner).json
    headers = postgresql_owner[1]
    with racing(postgresql_engine, "DELETE FROM accounts", before="UPDATE tasks"):
        postgresql_app.patch_json(task["url"], {"completed": True}, headers=headers, status=401)
