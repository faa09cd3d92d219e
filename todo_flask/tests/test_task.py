"""One task: GET, PUT, PATCH and DELETE /api/v1/accounts/{username}/tasks/{id}."""

import pytest

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


@pytest.mark.parametrize("task_id", ["999", "abc", "2147483648", "99999999999999999999", "-1"])
def test_unknown_task_ids_are_404(client, headers, task_id):
    response = client.get(f"{TASKS}/{task_id}", headers=headers)
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


@pytest.mark.parametrize("task_id", ["999", "2147483648"])
def test_a_missing_task_is_reported_as_such(client, headers, task_id):
    response = client.get(f"{TASKS}/{task_id}", headers=headers)
    assert response.json["detail"] == "The task was not found."


def test_another_accounts_task_is_404(client, auth, task):
    bobs_headers = auth.login("bob")
    url = f"/api/v1/accounts/bob/tasks/{task['id']}"
    assert client.get(url, headers=bobs_headers).status_code == 404
