"""Tasks: the list with its filter and pages, and each task, through the whole app (WebTest)."""

import pytest


@pytest.fixture
def owner(make_account, auth):
    username, token = make_account()
    return f"/api/v1/accounts/{username}/tasks", auth(token)


def create(testapp, owner, status=201, **fields):
    url, headers = owner
    return testapp.post_json(url, {"name": "Buy milk", **fields}, headers=headers, status=status)


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


def test_an_offset_past_the_end_is_an_empty_page(testapp, owner):
    url, headers = owner
    page = testapp.get(f"{url}?offset=99999999999999999999", headers=headers).json
    assert page["tasks"] == []


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


def test_another_accounts_task_is_404(testapp, owner, make_account, auth):
    task = create(testapp, owner).json
    username, token = make_account("eve")
    other_url = f"/api/v1/accounts/{username}/tasks/{task['id']}"
    testapp.get(other_url, headers=auth(token), status=404)
