"""The root README's quickstart, run as printed against each implementation (only its base URL
changed), so that what a newcomer pastes first cannot rot."""

import json
import re
import subprocess

from harness import ROOT, startable

PRINTED_API = "API=http://127.0.0.1:8888/api/v1"


def quickstart_block():
    """The first ```sh block after the README's "### Quickstart" heading."""
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### Quickstart") :]
    return re.search(r"```sh\n(.*?)```", section, re.DOTALL).group(1)


def test_the_block_is_where_the_test_looks():
    assert quickstart_block().startswith(PRINTED_API + "\n")


@startable
def test_the_readme_quickstart_works_as_printed(running):
    script = quickstart_block().replace(PRINTED_API, f"API={running.base_url}/api/v1", 1)
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    # One line per answer (Flask ends its JSON with a newline of its own, hence the blank lines).
    lines = [line for line in result.stdout.splitlines() if line]
    registered, plumber, completed, open_tasks, deleted = lines
    assert json.loads(registered)["username"] == "ada"
    assert json.loads(plumber)["name"] == "Call the plumber"
    assert json.loads(completed)["completed"] is True
    assert [task["name"] for task in json.loads(open_tasks)["tasks"]] == ["Call the plumber"]
    assert deleted == "204"
