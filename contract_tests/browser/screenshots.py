"""make screenshots: every page of the browser app, in every implementation, as PNG files.

    python contract_tests/browser/screenshots.py [--impl flask] [--out screenshots] [--readme]

Starts each implementation's development server on a fresh SQLite file (harness.py, as the suites
do), gives it make demo's account and tasks (tools/demo.py), and photographs each page of
shared_spec/ui.md in Debian's chromium: screenshots/<impl>-<page>.png (git-ignored). --readme also
copies each task list to docs/screenshots/ui-<impl>-tasks.png, the pictures the README shows.
"""

import argparse
import shutil
import sys
from pathlib import Path

from browsing import click, follow, launch_chromium
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from harness import IMPLEMENTATIONS, ROOT, Database, Leg, Server

sys.path.insert(0, str(ROOT / "tools"))
import demo  # make demo's account and tasks (tools/demo.py)


def photograph(browser, base_url, impl, out):
    """One PNG per page; returns the paths written."""
    context = browser.new_context(base_url=base_url, viewport={"width": 960, "height": 720})
    page = context.new_page()
    written = []

    def shot(name):
        path = out / f"{impl}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        written.append(path)

    page.goto("/login")
    shot("login")
    page.goto("/signup")
    form = page.get_by_test_id("signup-form")
    form.locator('[name="username"]').fill("a b")
    form.locator('[name="password"]').fill("short")
    click(page, form.locator('button[type="submit"]'))
    shot("signup-errors")
    page.goto("/login")
    form = page.get_by_test_id("login-form")
    form.locator('[name="username"]').fill(demo.USERNAME)
    form.locator('[name="password"]').fill(demo.PASSWORD)
    click(page, form.locator('button[type="submit"]'))
    shot("tasks")
    follow(page, page.get_by_test_id("edit").nth(1))
    shot("edit")
    page.goto("/account")
    shot("account")
    page.goto("/no/such/page")
    shot("not-found")
    context.close()
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--impl", action="append", choices=IMPLEMENTATIONS)
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--readme", action="store_true", help="update docs/screenshots/ui-*.png")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for impl in args.impl or IMPLEMENTATIONS:
            database = Database("sqlite", f"screenshots-{impl}")
            server = Server(Leg(impl), database.url, database.workdir / "server.log")
            try:
                server.start()
                demo.seed(server.base_url)
                for path in photograph(browser, server.base_url, impl, args.out):
                    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
                if args.readme:
                    shutil.copy(
                        args.out / f"{impl}-tasks.png",
                        ROOT / "docs" / "screenshots" / f"ui-{impl}-tasks.png",
                    )
            finally:
                server.stop()
                database.drop()
        browser.close()


if __name__ == "__main__":
    main()
