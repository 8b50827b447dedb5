"""Browser journeys of the public site: from a life event to an online request, and search."""

import re

import pytest
from playwright.sync_api import expect

from citizenpass.accounts.models import User
from tests.cms.public_site import build_public_site
from tests.support.logins import log_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

JOURNEYS = {
    "fr": {
        "guide": "Une naissance",
        "service": "Déclaration de naissance",
        "start": "Commencer la demande en ligne",
        "services_heading": "Les démarches à faire",
    },
    "en": {
        "guide": "A birth",
        "service": "Birth registration",
        "start": "Start the online request",
        "services_heading": "Services to use",
    },
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_resident_goes_from_a_life_event_to_the_online_request(
    page, live_server, language
):
    build_public_site()
    resident = User.objects.create_user(
        email="resident@example.org", password="a-long-pass-phrase", first_name="Léa"
    )
    log_in_browser(page.context, live_server, resident)
    words = JOURNEYS[language]

    page.goto(f"/{language}/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.get_by_role("link", name=words["guide"], exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["guide"])
    services = page.get_by_role("region", name=words["services_heading"])
    services.get_by_role("link", name=words["service"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["service"])
    expect(page.locator('link[rel="alternate"][hreflang="fr"]')).to_have_count(1)
    page.get_by_role("link", name=words["start"]).click()
    expect(page).to_have_url(
        re.compile(rf"/{language}/services/etat-civil-lyon/apply/$")
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text(words["service"])


def test_search_finds_the_same_services_with_and_without_accents(page, live_server):
    build_public_site()
    found = []
    for words in ("déchèterie", "decheterie"):
        page.goto("/fr/")
        page.get_by_label("Que recherchez-vous ?").fill(words)
        page.get_by_role("button", name="Rechercher").click()
        expect(page).to_have_url(re.compile(r"/fr/search/\?q="))
        results = page.locator(".results h3")
        expect(results.first).to_be_visible()
        found.append(results.all_inner_texts())
    assert found[0] == found[1] == ["Badge de déchèterie"]


def test_search_filters_by_commune_in_english(page, live_server):
    build_public_site()
    page.goto("/en/search/")
    page.get_by_label("Commune").select_option(label="Villeurbanne")
    page.get_by_label("Theme").select_option(label="Education")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".results h3")).to_have_text(
        ["Collège canteen", "Nursery place", "A birth"]
    )
