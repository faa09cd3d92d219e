"""`make demo` (tools/demo.py) against each implementation: a dozen tasks, and a second run
changes nothing."""

import subprocess
import sys

import requests
from harness import ROOT, startable


def run_demo(base_url):
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "demo.py"), "--url", base_url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@startable
def test_the_demo_account_gets_a_dozen_tasks_once(running):
    first = run_demo(running.base_url)
    second = run_demo(running.base_url)
    assert "12 task(s) added" in first
    assert "0 task(s) added" in second
    login = {"username": "demo", "password": "demo password"}
    token = requests.post(f"{running.base_url}/api/v1/accounts/login", json=login, timeout=30)
    headers = {"Authorization": f"Bearer {token.json()['token']}"}
    page = requests.get(
        f"{running.base_url}/api/v1/accounts/demo/tasks?limit=100", headers=headers, timeout=30
    ).json()
    assert page["total"] == 12
    assert sum(task["completed"] for task in page["tasks"]) == 3
