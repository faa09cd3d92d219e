"""One task: GET, PUT, PATCH and DELETE /api/v1/accounts/{username}/tasks/{id}, through the
whole app (WebTest) and with dummy requests."""

import pytest
from pyramid.httpexceptions import HTTPNotFound

from todo_pyramid.views import tasks

from .conftest import create


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
