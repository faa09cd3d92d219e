"""Races: requests that change the same thing at the same moment (contract 1.1.0).

Whatever the interleaving, every request is answered (no 5xx: the client checks each response),
what a 2xx said happened did happen, a deleted thing stays deleted, and nothing is half done.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

from client import Api
from conftest import PASSWORD, unique_username

ROUNDS = 15


def at_once(running, *requests):
    """Send each (method, path, kwargs) from its own thread and connection, released together."""
    barrier = threading.Barrier(len(requests))

    def send(request):
        method, path, kwargs = request
        api = Api(running.base_url)
        barrier.wait()
        return api.request(method, path, **kwargs)

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        return list(pool.map(send, requests))


def test_a_task_write_racing_its_delete_never_brings_it_back(running, api, account):
    for round_number in range(ROUNDS):
        method = ("PATCH", "PUT")[round_number % 2]
        task = api.post(account.tasks_path, token=account.token, json={"name": "doomed"}).json()
        path = f"{account.tasks_path}/{task['id']}"
        write = {"token": account.token, "json": {"name": "changed", "completed": True}}
        deleted, written = at_once(
            running, ("DELETE", path, {"token": account.token}), (method, path, write)
        )
        assert deleted.status_code == 204
        assert written.status_code in (200, 404), written.text
        assert api.get(path, token=account.token).status_code == 404, f"round {round_number}"
    assert api.get(account.tasks_path, token=account.token).json()["total"] == 0


def test_task_writes_racing_the_accounts_delete_leave_nothing_behind(running, make_account):
    for round_number in range(ROUNDS // 3):
        account = make_account()
        api = Api(running.base_url)
        task = api.post(account.tasks_path, token=account.token, json={"name": "old"}).json()
        auth = {"token": account.token}
        requests = [("DELETE", account.path, auth)]
        requests += [
            ("POST", account.tasks_path, {**auth, "json": {"name": f"new {n}"}}) for n in range(6)
        ]
        requests += [
            ("PATCH", f"{account.tasks_path}/{task['id']}", {**auth, "json": {"note": "x"}})
        ]
        requests += [("PATCH", account.path, {**auth, "json": {"email": "new@example.com"}})]
        deleted, *writes = at_once(running, *requests)
        assert deleted.status_code == 204, f"round {round_number}: {deleted.text}"
        for write in writes:
            assert write.status_code in (200, 201, 401, 404), write.text
        # The account is gone with its token and every task, including any created meanwhile.
        assert api.get(account.path, token=account.token).status_code == 401
        again = {"username": account.username, "email": "again@example.com", "password": PASSWORD}
        assert api.post("/api/v1/accounts", json=again).status_code == 201
        login = {"username": account.username, "password": PASSWORD}
        token = api.post("/api/v1/accounts/login", json=login).json()["token"]
        assert api.get(account.path, token=token).json()["task_count"] == 0
        assert api.get(account.tasks_path, token=token).json()["total"] == 0


def test_concurrent_registrations_of_one_name_make_one_account(running):
    username = unique_username()
    body = {"username": username, "password": PASSWORD}
    requests = [
        ("POST", "/api/v1/accounts", {"json": {**body, "email": f"{n}@example.com"}})
        for n in range(12)
    ]
    statuses = sorted(response.status_code for response in at_once(running, *requests))
    assert statuses == [201] + [409] * 11


def test_many_concurrent_logins_and_logouts(running, api, account):
    credentials = {"username": account.username, "password": account.password}
    logins = at_once(running, *[("POST", "/api/v1/accounts/login", {"json": credentials})] * 12)
    assert [login.status_code for login in logins] == [200] * 12
    tokens = [login.json()["token"] for login in logins]
    assert len(set(tokens)) == 12

    # Every token logs out at once, the first one twice: each answer is 204, or 401 for the
    # second logout of a token that the first already revoked.
    logouts = at_once(
        running,
        *[("POST", "/api/v1/accounts/logout", {"token": token}) for token in [tokens[0], *tokens]],
    )
    assert all(logout.status_code in (204, 401) for logout in logouts)
    assert [logout.status_code for logout in logouts[1:]].count(204) >= 11
    for token in tokens:
        assert api.get(account.path, token=token).status_code == 401
    assert api.get(account.path, token=account.token).status_code == 200
