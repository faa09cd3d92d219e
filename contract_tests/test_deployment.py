"""Several instances on one database, shutting down, and losing the database."""

import signal

import pytest
import requests
from client import Api
from harness import Database, Server, on_postgres, startable


@startable
def test_instances_sharing_a_database_behave_as_one(running, api, account):
    other = running.start_another()
    try:
        second = Api(other.base_url)
        # A token issued by the first instance works on the second.
        assert second.get(account.path, token=account.token).status_code == 200
        # A task created through one is listed through the other, with the other's URLs.
        task = api.post(account.tasks_path, token=account.token, json={"name": "shared"}).json()
        listed = second.get(account.tasks_path, token=account.token).json()["tasks"]
        assert [t["id"] for t in listed] == [task["id"]]
        assert listed[0]["url"] == f"{other.base_url}{account.tasks_path}/{task['id']}"
        # A token issued by the second and revoked there is revoked on the first.
        login = {"username": account.username, "password": account.password}
        token = second.post("/api/v1/accounts/login", json=login).json()["token"]
        assert api.get(account.path, token=token).status_code == 200
        assert second.post("/api/v1/accounts/logout", token=token).status_code == 204
        assert api.get(account.path, token=token).status_code == 401
    finally:
        other.stop()


@startable
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_the_server_stops_promptly_on_a_signal(running, sig):
    server = running.start_another()
    seconds = server.stop(sig)
    assert seconds < 10, f"still running {seconds}s after {sig.name}:\n{server.log_tail()}"
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{server.base_url}/api/v1/health", timeout=2)


@on_postgres
def test_health_is_unavailable_without_the_database(running):
    database = Database("postgres", f"{running.leg.id}-gone")
    server = Server(running.leg, database.url, database.workdir / "server.log").start()
    try:
        database.make_unavailable()
        response = Api(server.base_url).get("/api/v1/health")
        assert response.status_code == 503
        assert response.json()["detail"]
    finally:
        server.stop()
        database.drop()


@startable
def test_behind_a_trusted_proxy_urls_follow_the_forwarded_scheme_and_host(running, account):
    proxied = running.start_another(
        TRUST_PROXY_HEADERS="true", ALLOWED_HOSTS="api.example,127.0.0.1"
    )
    try:
        api = Api(proxied.base_url)
        forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "api.example"}
        response = api.get(account.path, token=account.token, headers=forwarded)
        assert response.json()["url"] == f"https://api.example{account.path}"
        task = api.post(
            account.tasks_path, token=account.token, headers=forwarded, json={"name": "proxied"}
        )
        assert (
            task.headers["Location"]
            == f"https://api.example{account.tasks_path}/{task.json()['id']}"
        )
        # The forwarded host is the one ALLOWED_HOSTS judges.
        evil = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example"}
        assert api.get(account.path, token=account.token, headers=evil).status_code == 400
    finally:
        proxied.stop()
