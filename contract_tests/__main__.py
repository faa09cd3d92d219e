"""todo-contract: the contract suite against a server that is already running, in any language.

    todo-contract [--spec PATH] [--token-ttl SECONDS] URL [pytest options such as -k, -x, -v]
    python -m contract_tests URL ...          the same without the console script

Installed on its own with `pip install ./contract_tests` (README.md): none of the four frameworks
is needed. Exits 0 when every test run passed.
"""

import argparse
import os
from pathlib import Path

import pytest
import requests

SUITE = Path(__file__).resolve().parent


def find_spec():
    """shared_spec/openapi.yaml in the current folder or one above it, else beside the suite."""
    for folder in [Path.cwd(), *Path.cwd().parents, SUITE.parent]:
        spec = folder / "shared_spec" / "openapi.yaml"
        if spec.is_file():
            return spec
    return None


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="todo-contract",
        allow_abbrev=False,  # a pytest option must never be read as an abbreviation of ours
        description="Run the To-Do List API contract suite against a running server.",
        epilog="Options it does not know go to pytest: -k accounts, -x, -v, --tb=short...",
    )
    parser.add_argument("url", help="the server's root, e.g. http://127.0.0.1:9000 (no /api/v1)")
    parser.add_argument(
        "--spec",
        type=Path,
        default=os.environ.get("CONTRACT_SPEC"),
        help="the contract's openapi.yaml (default: shared_spec/openapi.yaml found from the "
        "current folder upwards)",
    )
    parser.add_argument(
        "--token-ttl",
        type=int,
        default=int(os.environ.get("CONTRACT_TOKEN_TTL_SECONDS", "604800")),
        help="the server's TOKEN_TTL_SECONDS (default 604800, the contract's default)",
    )
    args, pytest_args = parser.parse_known_args(argv)
    url = args.url.rstrip("/")
    if not url.startswith(("http://", "https://")) or url.endswith("/api/v1"):
        parser.error(f"{args.url!r}: give the server's root URL, e.g. http://127.0.0.1:9000")
    spec = args.spec or find_spec()
    if spec is None:
        parser.error("shared_spec/openapi.yaml is not here or above: pass --spec PATH to it")
    if not Path(spec).is_file():
        parser.error(f"--spec {spec}: no such file")
    try:
        requests.get(f"{url}/api/v1/health", timeout=10)
    except requests.RequestException as exc:
        parser.error(f"no server answers at {url}: {exc}")
    os.environ.update(
        CONTRACT_BASE_URL=url,
        CONTRACT_SPEC=str(Path(spec).resolve()),
        CONTRACT_TOKEN_TTL_SECONDS=str(args.token_ttl),
    )
    here = [str(SUITE), "-c", str(SUITE / "pytest.ini"), "--rootdir", str(SUITE)]
    # test_spec.py checks the document itself, not a server.
    return pytest.main([*here, "--ignore", str(SUITE / "test_spec.py"), *pytest_args])


if __name__ == "__main__":
    raise SystemExit(main())
