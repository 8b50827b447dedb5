"""The accessibility audit itself: it must catch a violation, or it proves nothing."""

import pytest

from tests.browser.conftest import AxeAudit, _scan_script

pytestmark = pytest.mark.browser


def test_audit_reports_an_image_without_text_alternative(browser):
    context = browser.new_context()
    audit = AxeAudit(context)
    context.expose_binding("__axeReport", audit.record)
    context.add_init_script(_scan_script())
    context.route(
        "http://audit.test/",
        lambda route: route.fulfill(
            content_type="text/html",
            body='<!doctype html><html lang="en"><title>t</title><main>'
            '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></html>',
        ),
    )
    page = context.new_page()
    page.on("framenavigated", audit.on_navigation)
    page.goto("http://audit.test/")
    audit.scan_again_what_was_left_early()
    context.close()
    violations = audit.violations()["http://audit.test/"]
    assert "image-alt" in {violation["id"] for violation in violations}
