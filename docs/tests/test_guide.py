"""The guide's promises: it is built from the source, so a broken reference fails the build, and
the root README's where-to-look table names the files the guide shows."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent
ROOT = DOCS.parent
IMPLS = ("flask", "django", "pyramid", "tornado")
sys.path.insert(0, str(DOCS / "_ext"))

from sidebyside import concerns  # noqa: E402


def where_to_look():
    """The root README's where-to-look table: {concern: {impl: cell text}}."""
    text = (ROOT / "README.md").read_text()
    section = text.split("## Where to look", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0] not in ("concern", "---"):
            rows[cells[0]] = dict(zip(IMPLS, cells[1:], strict=True))
    return rows


FILE = re.compile(r"[\w./-]+\.(py|ini|toml|yml|yaml)|[\w./-]*Dockerfile")


@pytest.mark.parametrize("name", [name for name, c in concerns().items() if "readme" in c])
def test_the_readme_table_names_only_files_the_guide_shows(name):
    """Each file the README's row names for a framework is one the concern's page includes
    (the README may give a path from the folder or from the package: it is matched as a suffix)."""
    concern = concerns()[name]
    row = where_to_look()[concern["readme"]]
    for impl in IMPLS:
        shown = [part["file"] for part in concern[impl]]
        for named in re.findall(r"`([^`]+)`", row[impl]):
            if FILE.fullmatch(named):
                assert any(f"/{path}".endswith(f"/{named}") for path in shown), (
                    f"README row {concern['readme']!r}, {impl}: {named} is not on the page"
                )


def test_every_concern_page_is_in_the_guide():
    index = (DOCS / "index.md").read_text()
    for name in concerns():
        if not name.startswith("journey"):
            assert f"concerns/{name}\n" in index, f"concerns/{name} is not in index.md's toctree"
            assert (DOCS / "concerns" / f"{name}.md").is_file()


def test_a_renamed_function_fails_the_build(tmp_path):
    """Rename a function the guide shows, in a copy of the repository: the strict build fails
    and says which listing broke."""
    ignore = shutil.ignore_patterns("_build", "var", "__pycache__", ".venv", "*.egg-info")
    for folder in ("docs", "shared_spec", *(f"todo_{impl}" for impl in IMPLS)):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=ignore, symlinks=True)
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    factory = tmp_path / "todo_tornado" / "todo_tornado" / "app.py"
    factory.write_text(factory.read_text().replace("def make_app(", "def build_app("))
    sphinx = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html"]
    build = subprocess.run(
        [
            *sphinx,
            "-D",
            "sidebyside_measure_startup=0",
            str(tmp_path / "docs"),
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode != 0
    assert "make_app" in build.stderr, build.stderr[-3000:]


def test_the_yaml_files_name_real_parts():
    keys = {"file", "object", "start-at", "start-after", "end-before", "end-at", "lines"}
    keys |= {"language"}
    for name, concern in concerns().items():
        assert {"title", "order", *IMPLS} <= concern.keys(), name
        for impl in IMPLS:
            for part in concern[impl]:
                assert part.keys() <= keys, (name, impl, part)
                assert (ROOT / part["file"]).is_file(), (name, impl, part["file"])
