"""The request collection (http/*.http) sent by httpyac against each implementation: every
request's checks pass, so the files a reader opens in an editor are known to be true."""

import fcntl
import shutil
import subprocess

import pytest
from harness import ROOT, startable

HTTP = ROOT / "http"
HTTPYAC = HTTP / "node_modules" / ".bin" / "httpyac"


@pytest.fixture(scope="session")
def httpyac():
    """The pinned runner, installed once (npm ci) however many workers ask at the same time."""
    if shutil.which("npm") is None:
        pytest.fail("npm is needed to run the request collection (node and npm, any recent)")
    with open(HTTP / "package-lock.json") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not HTTPYAC.exists():
            subprocess.run(
                ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                cwd=HTTP,
                check=True,
                timeout=600,
            )
    return HTTPYAC


@startable
@pytest.mark.parametrize("collection", sorted(path.name for path in HTTP.glob("*.http")))
def test_every_request_of_the_collection_passes_its_checks(running, httpyac, collection):
    result = subprocess.run(
        [str(httpyac), "send", collection, "--all", "--var", f"baseUrl={running.base_url}",
         "--output", "short", "--output-failed", "response"],
        cwd=HTTP,
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "failed" not in result.stdout.splitlines()[-1], result.stdout[-4000:]
