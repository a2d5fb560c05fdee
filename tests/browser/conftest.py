"""Browser tests: real pages in headless Chromium (Debian's /usr/bin/chromium, driven by
Playwright), with axe-core checking WCAG 2.1 A and AA on every page a test visits."""

import io
import os
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import Page

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run
# next to one unless told that this is intended (the test process is single-threaded).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SCRIPT = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # axe is injected as a script; the site's Content-Security-Policy would block it.
    return {**browser_context_args, "bypass_csp": True, "locale": "nl-NL"}


@pytest.fixture
def site(live_server: Any, transactional_db: None) -> str:
    """The live site with its reference data (the previous test's flush removed it)."""
    call_command("load_regions", stdout=io.StringIO())
    return str(live_server.url)


@pytest.fixture
def axe(page: Page) -> Callable[[], None]:
    """Run axe-core on the current page and fail with a readable list of violations."""

    def check() -> None:
        page.add_script_tag(path=str(AXE_SCRIPT))
        result = page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
        )
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes']][:3]}"
            for v in result["violations"]
        ]
        assert violations == [], f"axe found accessibility problems on {page.url}:\n" + "\n".join(violations)

    return check


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors
