"""The guide's own Sphinx directives: the four implementations' code for one concern, and the
tables computed from the same sources.

Every listing comes from a concern's YAML file (concerns/<concern>.yaml, beside its page), which
names, for each framework, the files and the parts of them (a function or class by name, or a
stretch between two lines of text) to show. The directives hand those to Sphinx's own
`literalinclude`, so a renamed function or a moved file is a warning, and the strict build
(`-W`) makes it an error.
"""

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import yaml
from docutils import nodes
from docutils.statemachine import StringList
from sphinx.directives.code import LiteralIncludeReader
from sphinx.util.docutils import SphinxDirective

DOCS = Path(__file__).resolve().parent.parent
ROOT = DOCS.parent
CONCERNS = DOCS / "concerns"
IMPLS = {"flask": "Flask", "django": "Django", "pyramid": "Pyramid", "tornado": "Tornado"}
# A concern YAML's keys for the parts of a file, and the literalinclude options they become.
PART_OPTIONS = {
    "object": "pyobject",
    "start-at": "start-at",
    "start-after": "start-after",
    "end-before": "end-before",
    "end-at": "end-at",
    "lines": "lines",
}
LANGUAGES = {".py": "python", ".ini": "ini", ".toml": "toml", ".yml": "yaml", ".yaml": "yaml"}


def concerns():
    """Every concern's YAML, by name, in the order of the guide (each file's `order`)."""
    loaded = {path.stem: yaml.safe_load(path.read_text()) for path in CONCERNS.glob("*.yaml")}
    return dict(sorted(loaded.items(), key=lambda item: item[1]["order"]))


def language(path):
    if Path(path).name in ("Dockerfile", "Makefile"):
        return Path(path).name.lower()
    return LANGUAGES.get(Path(path).suffix, "text")


def include_options(part):
    options = {PART_OPTIONS[key]: str(value) for key, value in part.items() if key in PART_OPTIONS}
    options["language"] = part.get("language", language(part["file"]))
    return options


def listing(part):
    """MyST lines: a link to the file, then the part of it, included at build time."""
    title = part["file"] + (f" · {part['object']}" if "object" in part else "")
    lines = [
        f"{{download}}`{title} </../{part['file']}>`",
        "",
        f"```{{literalinclude}} /../{part['file']}",
    ]
    lines += [f":{name}: {value}" for name, value in include_options(part).items()]
    return [*lines, "```", ""]


def fenced(name, argument, options, body, colons):
    """A MyST directive in a colon fence (`colons` of them, more than any fence it contains)."""
    fence = ":" * colons
    return [f"{fence}{{{name}}} {argument}".rstrip(), *options, "", *body, fence, ""]


class Compare(SphinxDirective):
    """`compare <concern>`: tabs (one per framework) and a 2x2 grid of the same listings."""

    required_arguments = 1
    has_content = False

    def run(self):
        name = self.arguments[0]
        path = CONCERNS / f"{name}.yaml"
        if not path.is_file():
            raise self.error(f"compare: no concerns/{name}.yaml")
        concern = yaml.safe_load(path.read_text())  # this page's file only, not every concern's
        self.env.note_dependency(str(path))
        tabs, cells = [], []
        for impl, label in IMPLS.items():
            body = []
            for part in concern[impl]:
                self.env.note_dependency(str(ROOT / part["file"]))
                body += listing(part)
            tabs += fenced("tab-item", label, [f":sync: {impl}"], body, 4)
            cells += fenced(
                "grid-item", "", [":class: compare-cell"], [f"**{label}**", "", *body], 4
            )
        markup = fenced("tab-set", "", [":class: compare-tabs", ":sync-group: impl"], tabs, 5)
        markup += fenced(
            "grid", "1 1 2 2", [":class-container: compare-grid", ":gutter: 2"], cells, 5
        )
        container = nodes.container(classes=["compare"])
        self.state.nested_parse(StringList(markup, source=self.get_source_info()[0]), 0, container)
        return [container]


def counted_lines(part, config):
    """The lines `literalinclude` shows for `part`, less blank and comment-only lines."""
    options = include_options(part)
    options.pop("language")
    text, _ = LiteralIncludeReader(str(ROOT / part["file"]), options, config).read()
    return sum(1 for line in text.splitlines() if line.strip() and not line.strip().startswith("#"))


def table_node(header, rows):
    table = nodes.table(classes=["generated"])
    group = nodes.tgroup(cols=len(header))
    table += group
    group.extend(nodes.colspec(colwidth=1) for _ in header)
    for cells, parent in ([header], nodes.thead()), (rows, nodes.tbody()):
        for cell_texts in cells:
            row = nodes.row()
            for text in cell_texts:
                row += nodes.entry("", nodes.paragraph(text=str(text)))
            parent += row
        group += parent
    return table


class LinesOfCode(SphinxDirective):
    """`.. lines-of-code::`: per concern and framework, the lines the guide shows."""

    def run(self):
        for path in CONCERNS.glob("*.yaml"):
            self.env.note_dependency(str(path))
        rows, totals = [], dict.fromkeys(IMPLS, 0)
        for concern in concerns().values():
            if concern["order"] >= 100:  # the journey's stages: the same code again, by stage
                continue
            counts = []
            for impl in IMPLS:
                count = sum(counted_lines(part, self.config) for part in concern[impl])
                totals[impl] += count
                counts.append(count)
            rows.append([concern["title"], *counts])
        rows.append(["all of the above", *totals.values()])
        return [table_node(["concern", *IMPLS.values()], rows)]


def requirement_names(path):
    names = []
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            names.append(line)
    return names


class Dependencies(SphinxDirective):
    """`.. dependencies::`: what each folder asks for, and what that installs in all."""

    def run(self):
        rows = []
        for impl, label in IMPLS.items():
            folder = ROOT / f"todo_{impl}"
            direct = requirement_names(folder / "requirements.txt")
            pinned = requirement_names(folder / "constraints.txt")
            self.env.note_dependency(str(folder / "requirements.txt"))
            self.env.note_dependency(str(folder / "constraints.txt"))
            rows.append([label, ", ".join(direct), len(direct), len(pinned)])
        header = ["framework", "requirements.txt", "asked for", "installed (constraints.txt)"]
        return [table_node(header, rows)]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def seconds_to_healthy(impl, workdir):
    """Start `make run-<impl>` on a fresh SQLite file; seconds until its health route answers."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    env.update(PORT=str(port), DATABASE_URL=f"sqlite:///{workdir}/{impl}.sqlite3")
    began = time.monotonic()
    process = subprocess.Popen(
        ["make", "--no-print-directory", "-s", f"run-{impl}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while time.monotonic() - began < 120:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=2):
                    return time.monotonic() - began
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"make run-{impl} was not healthy after 120 s")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


class StartupTimes(SphinxDirective):
    """`.. startup-times::`: measured while the guide is built, so it is this machine's figure."""

    def run(self):
        if not self.config.sidebyside_measure_startup:  # docs/tests: a build that must fail anyway
            return [nodes.paragraph(text="Not measured in this build.")]
        workdir = Path(self.env.app.outdir).parent / "startup"
        workdir.mkdir(parents=True, exist_ok=True)
        rows = []
        for impl, label in IMPLS.items():
            first = seconds_to_healthy(impl, workdir)  # migrations run on the new file
            second = seconds_to_healthy(impl, workdir)
            rows.append([label, f"make run-{impl}", f"{first:.1f} s", f"{second:.1f} s"])
        header = ["framework", "command", "to healthy, new database", "again, migrated"]
        return [table_node(header, rows)]


def copy_api_page(app):
    """The contract's OpenAPI document in Swagger UI, from swagger-ui-dist (docs/package.json)."""
    dist = DOCS / "node_modules" / "swagger-ui-dist"
    if not dist.is_dir():
        raise RuntimeError("docs/node_modules is missing: run `make docs` (it runs npm ci)")
    out = Path(app.outdir) / "api"
    out.mkdir(parents=True, exist_ok=True)
    for name in ("swagger-ui-bundle.js", "swagger-ui.css"):
        (out / name).write_bytes((dist / name).read_bytes())
    spec = yaml.safe_load((ROOT / "shared_spec" / "openapi.yaml").read_text())
    page = (DOCS / "_templates" / "api.html").read_text()
    # Inline, so the page also works opened from disk (file://), where a fetch of the spec fails.
    spec_json = json.dumps(spec).replace("</", "<\\/")
    (out / "index.html").write_text(page.replace("__SPEC__", spec_json))


def on_build_finished(app, exception):
    if exception is None and app.builder.format == "html":
        copy_api_page(app)


def setup(app):
    app.add_config_value("sidebyside_measure_startup", True, "env", bool)
    app.add_directive("compare", Compare)
    app.add_directive("lines-of-code", LinesOfCode)
    app.add_directive("dependencies", Dependencies)
    app.add_directive("startup-times", StartupTimes)
    app.connect("build-finished", on_build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
