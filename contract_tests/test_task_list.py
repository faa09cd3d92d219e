"""GET /accounts/{username}/tasks: filtering, ordering and pagination links."""

import pytest


@pytest.fixture
def five_tasks(make_task):
    """Five tasks; the 2nd and 4th are completed."""
    return [make_task(name=f"task {n}", completed=n in (2, 4)) for n in range(1, 6)]


def test_an_empty_list(api, account):
    response = api.get(account.tasks_path, token=account.token)
    assert response.status_code == 200
    assert response.json() == {
        "username": account.username,
        "tasks": [],
        "total": 0,
        "limit": 20,
        "offset": 0,
        "next": None,
        "previous": None,
    }


def test_lists_every_task_in_id_order(api, account, five_tasks):
    page = api.get(account.tasks_path, token=account.token).json()
    assert page["tasks"] == five_tasks
    assert page["total"] == 5


def test_lists_only_the_callers_tasks(api, account, five_tasks, make_account):
    other = make_account()
    api.post(other.tasks_path, token=other.token, json={"name": "not yours"})
    page = api.get(account.tasks_path, token=account.token).json()
    assert [task["id"] for task in page["tasks"]] == [task["id"] for task in five_tasks]


@pytest.mark.parametrize(("flag", "expected"), [("true", [2, 4]), ("false", [1, 3, 5])])
def test_filters_on_completed(api, account, five_tasks, flag, expected):
    page = api.get(f"{account.tasks_path}?completed={flag}", token=account.token).json()
    assert [task["name"] for task in page["tasks"]] == [f"task {n}" for n in expected]
    assert page["total"] == len(expected)


def test_pages_link_to_each_other(api, account, five_tasks):
    first = api.get(f"{account.tasks_path}?limit=2", token=account.token).json()
    assert (first["limit"], first["offset"], first["total"]) == (2, 0, 5)
    assert first["previous"] is None
    assert first["tasks"] == five_tasks[:2]
    second = api.get(first["next"], token=account.token).json()
    assert (second["limit"], second["offset"]) == (2, 2)
    assert second["tasks"] == five_tasks[2:4]
    third = api.get(second["next"], token=account.token).json()
    assert third["tasks"] == five_tasks[4:]
    assert third["next"] is None
    back = api.get(third["previous"], token=account.token).json()
    assert back["tasks"] == second["tasks"]
    assert first["next"].startswith(f"{api.base_url}{account.tasks_path}?")


def test_links_keep_the_filter(api, account, five_tasks):
    url = f"{account.tasks_path}?completed=false&limit=1&offset=1"
    page = api.get(url, token=account.token).json()
    assert [task["name"] for task in page["tasks"]] == ["task 3"]
    following = api.get(page["next"], token=account.token).json()
    assert [task["name"] for task in following["tasks"]] == ["task 5"]
    assert following["next"] is None
    earlier = api.get(page["previous"], token=account.token).json()
    assert [task["name"] for task in earlier["tasks"]] == ["task 1"]
    assert earlier["previous"] is None


def test_previous_never_goes_below_zero(api, account, five_tasks):
    page = api.get(f"{account.tasks_path}?limit=3&offset=1", token=account.token).json()
    previous = api.get(page["previous"], token=account.token).json()
    assert previous["offset"] == 0
    assert previous["tasks"] == five_tasks[:3]


def test_an_offset_past_the_end_is_an_empty_page(api, account, five_tasks):
    page = api.get(f"{account.tasks_path}?offset=50&limit=10", token=account.token).json()
    assert page["tasks"] == []
    assert page["total"] == 5
    assert page["next"] is None
    assert api.get(page["previous"], token=account.token).json()["offset"] == 40


def test_an_offset_beyond_any_database_integer_is_an_empty_page(api, account, five_tasks):
    offset = 10**30  # more than PostgreSQL's bigint and SQLite's integer hold
    page = api.get(f"{account.tasks_path}?offset={offset}&limit=10", token=account.token).json()
    assert (page["tasks"], page["total"], page["offset"], page["next"]) == ([], 5, offset, None)
    assert api.get(page["previous"], token=account.token).json()["offset"] == offset - 10


def test_unknown_query_parameters_are_ignored(api, account, five_tasks):
    page = api.get(f"{account.tasks_path}?sort=name&limit=5", token=account.token).json()
    assert page["tasks"] == five_tasks


@pytest.mark.parametrize(
    "query",
    [
        "limit=abc",
        "limit=0",
        "limit=101",
        "limit=",
        "limit=1.5",
        "offset=-1",
        "offset=x",
        "offset=" + "9" * 4301,  # the contract's limit: 4,300 digits
        "limit=" + "0" * 4300 + "5",
        "completed=maybe",
        "completed=True",
        "completed=1",
    ],
)
def test_a_bad_query_parameter_is_a_bad_request(api, account, query):
    assert api.get(f"{account.tasks_path}?{query}", token=account.token).status_code == 400


@pytest.mark.parametrize("limit", ["1", "100"])
def test_limits_at_the_edges_are_accepted(api, account, limit):
    page = api.get(f"{account.tasks_path}?limit={limit}", token=account.token).json()
    assert page["limit"] == int(limit)
