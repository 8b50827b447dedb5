"""The back office works under its own content security policy, with no violation."""

import re

import pytest
from playwright.sync_api import expect

from citizenpass.accounts.models import User
from tests.support.logins import log_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _collect_csp_errors(page) -> list[str]:
    errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_backoffice_login_page_renders_without_csp_errors(page, live_server):
    errors = _collect_csp_errors(page)
    response = page.goto("/backoffice/login/")
    assert "'unsafe-inline'" in response.headers["content-security-policy"]
    expect(
        page.get_by_role("button", name=re.compile("Sign in|Se connecter"))
    ).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert errors == []


def test_backoffice_dashboard_and_page_explorer_work_without_csp_errors(
    page, live_server, demo_site
):
    admin = User.objects.create_superuser(
        email="admin@example.fr", password="a-long-admin-password"
    )
    log_in_browser(page.context, live_server, admin)
    errors = _collect_csp_errors(page)
    page.goto("/backoffice/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.wait_for_load_state("networkidle")
    page.goto("/backoffice/pages/")
    page.wait_for_load_state("networkidle")
    expect(page.locator("main")).to_be_visible()
    assert errors == []
