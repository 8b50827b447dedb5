"""Browser fixtures: Debian's Chromium driven by Playwright, axe-core on every page.

Every document the browser loads in the main frame is scanned by axe-core as soon as it
has loaded; a page left before its scan finished is opened again at the end of the test
and scanned then. Any violation tagged WCAG 2.0/2.1 A or AA fails the test.
"""

import json
import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the tests still call the ORM.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def _scan_script() -> str:
    return (
        _axe_source()
        + """
;(() => {
  if (window.top !== window) return;
  window.addEventListener("load", async () => {
    const results = await axe.run(document, {runOnly: {type: "tag", values: AXE_TAGS}});
    window.__axeReport(location.href, results.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5)})));
  });
})();
""".replace("AXE_TAGS", json.dumps(AXE_TAGS))
    )


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium; a missing browser is a failure, never a skip."""
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's chromium package."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class AxeAudit:
    """Collects axe-core results for every document the browser context loads."""

    def __init__(self, context):
        self.context = context
        self.scanned: dict[str, list] = {}
        self.visited: list[str] = []

    def record(self, source, url, violations):
        self.scanned[url] = violations

    def on_navigation(self, frame):
        if frame.parent_frame is None and frame.url.startswith("http"):
            self.visited.append(frame.url)

    def scan_again_what_was_left_early(self):
        """Open each page left before its scan finished and scan it now."""
        for url in dict.fromkeys(self.visited):
            if url in self.scanned:
                continue
            page = self.context.new_page()
            try:
                page.goto(url)
                for _ in range(100):
                    if page.url in self.scanned:
                        break
                    page.wait_for_timeout(50)
                else:
                    pytest.fail(f"axe-core did not finish scanning {url}")
                self.scanned[url] = self.scanned[page.url]
            finally:
                page.close()

    def violations(self) -> dict[str, list]:
        return {url: found for url, found in self.scanned.items() if found}


@pytest.fixture
def new_browser_page(browser, live_server):
    """Open a new audited browser context (a fresh visitor) and return its first page."""
    contexts = []

    def open_page(locale="fr-FR", color_scheme="light"):
        context = browser.new_context(
            base_url=live_server.url, locale=locale, color_scheme=color_scheme
        )
        context.set_default_timeout(10_000)
        audit = AxeAudit(context)
        context.expose_binding("__axeReport", audit.record)
        context.add_init_script(_scan_script())
        page = context.new_page()
        page.on("framenavigated", audit.on_navigation)
        contexts.append((context, audit))
        return page

    yield open_page
    failures = {}
    for context, audit in contexts:
        audit.scan_again_what_was_left_early()
        failures.update(audit.violations())
        context.close()
    assert not failures, "axe-core found accessibility violations:\n" + json.dumps(
        failures, indent=2, ensure_ascii=False
    )


@pytest.fixture
def page(new_browser_page):
    """A browser page for one visitor, audited by axe-core."""
    return new_browser_page()
