"""Faults under the production servers: slow clients, short bodies, killed workers, a database
that goes away and comes back (contract 1.1.0). Run by `make faults` (part of `make test`).

Every test here works on an instance of its own (running.start_another), since it breaks it on
purpose. What must hold: the server keeps answering or comes back by itself within seconds, every
HTTP answer is a 2xx or a clean problem+json (503 with Retry-After while the database is away),
and nothing a 2xx reported is lost.
"""

import os
import socket
import subprocess
import threading
import time
from urllib.parse import urlsplit

import pytest
import requests
from client import Api
from conftest import PASSWORD, unique_username
from harness import Database, Server, only_legs

production = only_legs(lambda leg: leg.startable and leg.server == "prod")
RECOVERY_SECONDS = 20


def connect(base_url):
    parts = urlsplit(base_url)
    return socket.create_connection((parts.hostname, parts.port), timeout=30)


def health_seconds(base_url):
    started = time.monotonic()
    response = requests.get(f"{base_url}/api/v1/health", timeout=5)
    assert response.status_code == 200, response.text
    return time.monotonic() - started


def health_timings(base_url, count, pause):
    """Ask for health `count` times, `pause` seconds apart; the seconds each answer took."""
    timings = []
    for _ in range(count):
        time.sleep(pause)
        timings.append(health_seconds(base_url))
    return timings


def wait_until_healthy(base_url, seconds=RECOVERY_SECONDS):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{base_url}/api/v1/health", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.25)
    pytest.fail(f"{base_url} did not answer health with 200 within {seconds}s")


def register(api):
    username = unique_username("fault")
    body = {"username": username, "email": f"{username}@example.com", "password": PASSWORD}
    assert api.post("/api/v1/accounts", json=body).status_code == 201
    login = {"username": username, "password": PASSWORD}
    token = api.post("/api/v1/accounts/login", json=login).json()["token"]
    return f"/api/v1/accounts/{username}", token


@pytest.fixture
def instance(running):
    server = running.start_another()
    yield server
    server.stop()


@production
def test_slow_clients_do_not_stop_the_server(instance):
    """Six clients each send a request one byte every two seconds; health stays under 1 s."""
    request = b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    stop = threading.Event()

    def dribble():
        with connect(instance.base_url) as sock:
            for byte in request[:6]:  # 12 s at most, then the test is over anyway
                if stop.wait(2):
                    return
                sock.sendall(bytes([byte]))

    slow = [threading.Thread(target=dribble) for _ in range(6)]
    for thread in slow:
        thread.start()
    try:
        time.sleep(1)
        timings = health_timings(instance.base_url, 6, pause=1)
    finally:
        stop.set()
        for thread in slow:
            thread.join()
    assert max(timings) < 1.0, timings


@production
def test_bodies_shorter_than_their_length_do_not_stop_the_server(instance):
    """Six clients announce 1000 bytes and send 10; health stays under 1 s meanwhile."""
    head = (
        "POST /api/v1/accounts HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
    )
    sockets = [connect(instance.base_url) for _ in range(6)]
    try:
        for sock in sockets:
            sock.sendall(head.encode() + b'{"usernam')
        timings = health_timings(instance.base_url, 5, pause=0.5)
    finally:
        for sock in sockets:
            sock.close()
    assert max(timings) < 1.0, timings
    wait_until_healthy(instance.base_url, 5)


@production
def test_a_killed_worker_is_replaced_and_nothing_is_lost(instance):
    api = Api(instance.base_url)
    account_path, token = register(api)
    created, statuses, errors = [], [], []

    def create_tasks(worker):
        session_api = Api(instance.base_url)
        for number in range(25):
            try:
                response = session_api.post(
                    f"{account_path}/tasks", token=token, json={"name": f"w{worker} n{number}"}
                )
            except requests.RequestException:  # the connection the killed worker held
                continue
            except AssertionError as error:  # check_response refused the answer (a 500, say)
                errors.append(str(error))
                continue
            statuses.append(response.status_code)
            if response.status_code == 201:
                created.append(response.json()["id"])

    load = [threading.Thread(target=create_tasks, args=(n,)) for n in range(4)]
    for thread in load:
        thread.start()
    time.sleep(0.3)
    workers = instance.worker_pids()
    assert workers, "no server process found"
    os.kill(workers[0], 9)
    for thread in load:
        thread.join()
    wait_until_healthy(instance.base_url)
    assert errors == []
    assert set(statuses) <= {201, 503}, statuses
    page = api.get(f"{account_path}/tasks?limit=100", token=token).json()
    assert set(created) <= {task["id"] for task in page["tasks"]}
    assert api.post(f"{account_path}/tasks", token=token, json={"name": "after"}).status_code == 201


def immutable(folder, flag):
    """chattr the folder and the SQLite files in it. A server that closes its connections after
    each request lets SQLite delete the -wal and -shm files, so each file goes on its own and one
    that is gone meanwhile is no error; the folder goes first (+i) or last (-i)."""
    files = [
        folder / name
        for name in ("contract.sqlite3", "contract.sqlite3-wal", "contract.sqlite3-shm")
    ]
    for path in [folder, *files] if flag == "+i" else [*files, folder]:
        if path.exists():
            subprocess.run(["chattr", flag, str(path)], check=False, capture_output=True)


def outage_answers(api, account_path, token):
    """Try a read and a write; return their statuses (None: no HTTP answer at all)."""
    statuses = []
    for method, path, body in (
        ("GET", account_path, None),
        ("POST", f"{account_path}/tasks", {"name": "during the outage"}),
        ("GET", "/api/v1/health", None),
    ):
        try:
            statuses.append(api.request(method, path, token=token, json=body).status_code)
        except requests.RequestException:
            statuses.append(None)
    return statuses


@production
def test_a_database_that_goes_away_and_comes_back(running):
    database = Database(running.leg.db, f"{running.leg.id}-outage")
    server = Server(running.leg, database.url, database.workdir / "server.log").start()
    try:
        api = Api(server.base_url)
        account_path, token = register(api)
        before = api.post(f"{account_path}/tasks", token=token, json={"name": "before"}).json()
        if running.leg.db == "postgres":
            database.make_unavailable()
            statuses = outage_answers(api, account_path, token)
            # PostgreSQL refusing connections is always visible: 503 on every route using it.
            assert statuses == [503, 503, 503], statuses
            database.make_available()
        else:
            if os.geteuid() != 0:
                pytest.skip("making the SQLite file immutable needs root (chattr +i)")
            immutable(database.workdir, "+i")
            try:
                # A process may die of SIGBUS on the read-only shared memory and be restarted;
                # whatever answers must be a clean 503 (or a read that still works).
                for status in outage_answers(api, account_path, token):
                    assert status in (None, 200, 503), status
            finally:
                immutable(database.workdir, "-i")
        wait_until_healthy(server.base_url)
        deadline = time.monotonic() + RECOVERY_SECONDS
        while True:  # writes work again by themselves, without a restart
            try:
                after = api.post(f"{account_path}/tasks", token=token, json={"name": "after"})
                if after.status_code == 201:
                    break
            except requests.RequestException:
                pass
            assert time.monotonic() < deadline, "writes did not recover"
            time.sleep(0.5)
        names = [t["name"] for t in api.get(f"{account_path}/tasks", token=token).json()["tasks"]]
        assert names[0] == before["name"] and names[-1] == "after", names
    finally:
        server.stop()
        database.drop()
