import pytest

TASKS = "/api/v1/accounts/ada/tasks"


@pytest.fixture
def task(client, headers):
    body = {"name": "  Buy milk  ", "note": "2 litres", "due_date": "2026-11-22T18:00:00+01:00"}
    response = client.post(TASKS, headers=headers, json=body)
    assert response.status_code == 201
    return response.json


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


def test_another_accounts_task_is_404(client, auth, task):
    bobs_headers = auth.login("bob")
    url = f"/api/v1/accounts/bob/tasks/{task['id']}"
    assert client.get(url, headers=bobs_headers).status_code == 404


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
