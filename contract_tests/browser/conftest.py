"""The browser suite: a real headless Chromium, driven by Playwright, against the site every
implementation serves beside its API (shared_spec/ui.md).

It runs on the contract suite's legs and fixtures (../conftest.py: `running`, `api`,
`make_account`), so `make ui`, `make ui-flask` and `CONTRACT_BASE_URL=http://host:port make ui`
choose servers the way `make contract` does. The browser is Debian's `chromium` (or the one
`CHROMIUM` names): Playwright's own browser download is never used, since machines here reach only
the package registries. Every test gets a new browser context, so no cookie leaks between tests.
"""

import pytest
from browsing import launch_chromium
from playwright.sync_api import Page, sync_playwright


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        try:
            browser = launch_chromium(playwright)
        except LookupError as error:
            pytest.exit(str(error), returncode=4)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser, running):
    """Open a fresh browser context (its own cookies) on the leg's site; closed after the test."""
    contexts = []

    def make():
        context = browser.new_context(base_url=running.base_url)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context) -> Page:
    return new_context().new_page()
