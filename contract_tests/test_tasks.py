"""Creating, reading, replacing, updating and deleting tasks."""

from datetime import UTC, datetime, timedelta

import pytest
from client import error_fields, parse_timestamp


class TestCreate:
    def test_applies_defaults_and_returns_the_location(self, api, account):
        before = datetime.now(UTC).replace(microsecond=0)
        response = api.post(account.tasks_path, token=account.token, json={"name": "Buy milk"})
        assert response.status_code == 201
        task = response.json()
        assert task["name"] == "Buy milk"
        assert task["note"] == ""
        assert task["completed"] is False
        assert task["due_date"] is None
        created = parse_timestamp(task["creation_date"])
        assert before - timedelta(seconds=5) <= created <= datetime.now(UTC) + timedelta(seconds=5)
        assert task["url"] == f"{api.base_url}{account.tasks_path}/{task['id']}"
        assert response.headers["Location"] == task["url"]

    def test_stores_every_given_field(self, api, account):
        due = "2030-01-02T03:04:05Z"
        body = {"name": "n", "note": "a note", "completed": True, "due_date": due}
        task = api.post(account.tasks_path, token=account.token, json=body).json()
        assert {key: task[key] for key in body} == body

    def test_the_url_fetches_the_same_task(self, api, account, make_task):
        task = make_task(note="see url")
        response = api.get(task["url"], token=account.token)
        assert response.status_code == 200
        assert response.json() == task

    def test_ids_are_distinct_and_increasing(self, make_task):
        ids = [make_task()["id"] for _ in range(3)]
        assert ids == sorted(set(ids))

    def test_name_is_stored_trimmed(self, make_task):
        assert make_task(name="  \t spaced out \n ")["name"] == "spaced out"

    @pytest.mark.parametrize(
        ("given", "stored"),
        [
            ("2030-06-01T12:00:00+02:00", "2030-06-01T10:00:00Z"),
            ("2030-06-01T12:00:00-05:30", "2030-06-01T17:30:00Z"),
            ("2030-06-01T12:00:00.987654Z", "2030-06-01T12:00:00Z"),
            ("2030-06-01t12:00:00z", "2030-06-01T12:00:00Z"),
            ("2030-12-31T23:30:00-01:00", "2031-01-01T00:30:00Z"),
        ],
    )
    def test_due_date_is_normalised_to_utc(self, make_task, given, stored):
        assert make_task(due_date=given)["due_date"] == stored

    def test_name_is_required(self, api, account):
        response = api.post(account.tasks_path, token=account.token, json={"note": "x"})
        assert response.status_code == 422
        assert error_fields(response) == ["name"]
        assert response.json()["errors"][0]["message"] == "This field is required."

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("name", ""),
            ("name", "   "),
            ("name", "x" * 201),
            ("name", None),
            ("name", 42),
            ("name", "nul\u0000byte"),
            ("note", "nul\u0000byte"),
            ("note", "x" * 2001),
            ("note", None),
            ("note", ["x"]),
            ("completed", "true"),
            ("completed", 1),
            ("completed", 0),
            ("completed", None),
            ("due_date", "2030-06-01T12:00:00"),
            ("due_date", "2030-06-01"),
            ("due_date", "2030-13-01T12:00:00Z"),
            ("due_date", "2030-02-30T12:00:00Z"),
            ("due_date", "tomorrow"),
            ("due_date", 1893456000),
            ("due_date", "2030-06-01 12:00:00Z"),
        ],
    )
    def test_rejects_an_invalid_field(self, api, account, field, value):
        body = {"name": "valid", field: value}
        response = api.post(account.tasks_path, token=account.token, json=body)
        assert response.status_code == 422
        assert error_fields(response) == [field]

    def test_accepts_values_at_the_limits(self, make_task):
        task = make_task(name="x" * 200, note="y" * 2000)
        assert (len(task["name"]), len(task["note"])) == (200, 2000)

    @pytest.mark.parametrize("field", ["id", "url", "creation_date", "owner", "priority"])
    def test_rejects_read_only_and_unknown_fields_by_name(self, api, account, field):
        body = {"name": "valid", field: 1}
        response = api.post(account.tasks_path, token=account.token, json=body)
        assert response.status_code == 422
        assert error_fields(response) == [field]

    def test_reports_every_bad_field_at_once(self, api, account):
        body = {"name": "", "completed": "no", "due_date": "soon", "colour": "red"}
        response = api.post(account.tasks_path, token=account.token, json=body)
        assert response.status_code == 422
        assert error_fields(response) == ["colour", "completed", "due_date", "name"]

    def test_a_rejected_task_is_not_stored(self, api, account):
        api.post(account.tasks_path, token=account.token, json={"name": "", "note": "ghost"})
        assert api.get(account.tasks_path, token=account.token).json()["total"] == 0


class TestDetail:
    def test_get_returns_the_task(self, api, account, make_task):
        task = make_task(name="read me")
        response = api.get(f"{account.tasks_path}/{task['id']}", token=account.token)
        assert response.status_code == 200
        assert response.json() == task

    def test_put_replaces_the_whole_task(self, api, account, make_task):
        task = make_task(note="old", completed=True, due_date="2030-01-01T00:00:00Z")
        response = api.put(task["url"], token=account.token, json={"name": "replaced"})
        assert response.status_code == 200
        replaced = response.json()
        assert replaced == {
            **task,
            "name": "replaced",
            "note": "",
            "completed": False,
            "due_date": None,
        }
        assert api.get(task["url"], token=account.token).json() == replaced

    def test_put_requires_a_name(self, api, account, make_task):
        task = make_task()
        response = api.put(task["url"], token=account.token, json={"completed": True})
        assert response.status_code == 422
        assert error_fields(response) == ["name"]

    def test_patch_changes_only_the_given_fields(self, api, account, make_task):
        task = make_task(note="keep me", due_date="2030-01-01T00:00:00Z")
        response = api.patch(task["url"], token=account.token, json={"completed": True})
        assert response.status_code == 200
        assert response.json() == {**task, "completed": True}
        assert api.get(task["url"], token=account.token).json() == {**task, "completed": True}

    def test_patch_can_clear_the_due_date(self, api, account, make_task):
        task = make_task(due_date="2030-01-01T00:00:00Z")
        response = api.patch(task["url"], token=account.token, json={"due_date": None})
        assert response.json()["due_date"] is None

    def test_empty_patch_changes_nothing(self, api, account, make_task):
        task = make_task(note="same")
        response = api.patch(task["url"], token=account.token, json={})
        assert response.status_code == 200
        assert response.json() == task

    @pytest.mark.parametrize("method", ["PUT", "PATCH"])
    def test_updates_are_validated_and_leave_the_task_alone(self, api, account, make_task, method):
        task = make_task(name="untouched")
        body = {"name": " ", "id": 99, "creation_date": "2030-01-01T00:00:00Z"}
        response = api.request(method, task["url"], token=account.token, json=body)
        assert response.status_code == 422
        assert error_fields(response) == ["creation_date", "id", "name"]
        assert api.get(task["url"], token=account.token).json() == task

    def test_delete_removes_the_task(self, api, account, make_task):
        task = make_task()
        assert api.delete(task["url"], token=account.token).status_code == 204
        assert api.get(task["url"], token=account.token).status_code == 404
        assert api.delete(task["url"], token=account.token).status_code == 404
        assert api.get(account.path, token=account.token).json()["task_count"] == 0

    @pytest.mark.parametrize(
        ("method", "task_id"),
        [("GET", task_id) for task_id in ["abc", "1.5", "-1", "0", "424242", "2147483648"]]
        + [(method, "99999999999999999999") for method in ["GET", "PUT", "PATCH", "DELETE"]],
    )
    def test_an_id_that_is_no_task_is_not_found(self, api, account, method, task_id):
        body = {"name": "x"} if method in ("PUT", "PATCH") else None
        url = f"{account.tasks_path}/{task_id}"
        assert api.request(method, url, token=account.token, json=body).status_code == 404

    @pytest.mark.parametrize(("task_id", "status"), [("abc", 404), ("-1", 404), ("424242", 401)])
    def test_an_id_that_is_not_digits_is_an_unknown_path(self, api, account, task_id, status):
        """Routing (404) comes before authentication (401); a digit run needs a token first."""
        assert api.get(f"{account.tasks_path}/{task_id}").status_code == status

    def test_another_accounts_task_id_is_not_found_under_mine(self, api, account, make_account):
        other = make_account()
        theirs = api.post(other.tasks_path, token=other.token, json={"name": "theirs"}).json()
        url = f"{account.tasks_path}/{theirs['id']}"
        assert api.get(url, token=account.token).status_code == 404
        assert api.delete(url, token=account.token).status_code == 404
        assert api.get(theirs["url"], token=other.token).status_code == 200
