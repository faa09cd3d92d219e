"""Many clients at once: no lost writes, no duplicates, no server errors."""

from concurrent.futures import ThreadPoolExecutor

from client import Api


def in_parallel(count, work):
    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(work, range(count)))


def test_fifty_parallel_creates_make_fifty_tasks(running, account):
    def create(n):
        api = Api(running.base_url)  # one connection per thread
        return api.post(account.tasks_path, token=account.token, json={"name": f"parallel {n}"})

    responses = in_parallel(50, create)
    assert [r.status_code for r in responses] == [201] * 50
    ids = {r.json()["id"] for r in responses}
    assert len(ids) == 50
    page = Api(running.base_url).get(f"{account.tasks_path}?limit=100", token=account.token)
    assert page.json()["total"] == 50
    assert {task["id"] for task in page.json()["tasks"]} == ids
