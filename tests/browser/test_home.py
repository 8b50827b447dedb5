"""Browser journey: the home page in both languages, switching language, keyboard access."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_in_french_then_english_keeps_the_page_and_lang(
    page, live_server, demo_site
):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/fr/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Bienvenue sur CitizenPass"
    )

    page.get_by_role("link", name="Accessibilité : partiellement conforme").click()
    expect(page).to_have_url(re.compile(r"/fr/accessibility/$"))

    page.get_by_role("navigation", name="Langue").get_by_role(
        "link", name="English"
    ).click()
    expect(page).to_have_url(re.compile(r"/en/accessibility/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility statement")


def test_keyboard_user_reaches_main_content_with_the_skip_link(
    page, live_server, demo_site
):
    page.goto("/en/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main-content$"))
    expect(page.locator("#main-content")).to_be_focused()
