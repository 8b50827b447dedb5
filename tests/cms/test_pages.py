"""Public pages: home sections, service facts, guides, translations and hreflang links."""

import re

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from services.catalogue.models import Theme

pytestmark = pytest.mark.django_db


def test_home_shows_search_popular_services_guides_and_news(client, public_site):
    public_site.pages["news"].save()
    response = client.get("/fr/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'action="/fr/search/"' in html
    assert [p.title for p in response.context["popular_services"]] == [
        "Badge de déchèterie",
        "Cantine du collège",
    ]
    assert [g.title for g in response.context["guides"]] == ["Une naissance"]
    assert "Le pass est ouvert" in html


def test_service_page_shows_who_documents_time_owner_communes(client, public_site):
    response = client.get("/fr/demarches/creche-villeurbanne/")
    html = response.content.decode()
    assert response.status_code == 200
    for fact in (
        "Villeurbanne",
        "12",
        "Justificatif de domicile",
        "Pièce d&#x27;identité",
    ):
        assert fact in html
    assert response.context["communes"] == ["Villeurbanne"]
    assert [g.title for g in response.context["guides"]] == ["Une naissance"]


def test_service_page_button_starts_the_online_request(client, public_site):
    service = public_site.pages["cantine-college"].service
    try:
        apply_url = reverse("service_requests:apply", kwargs={"slug": service.slug})
    except NoReverseMatch:
        pytest.fail("The counter's apply URL is missing")
    response = client.get("/fr/demarches/cantine-college/")
    assert f'href="{apply_url}"' in response.content.decode()


def test_guide_in_english_lists_the_english_service_pages(client, public_site):
    response = client.get("/en/life-events/a-birth/")
    assert response.status_code == 200
    assert [p.title for p in response.context["services"]] == [
        "Birth registration",
        "Nursery place",
    ]
    assert response.context["data_held"][0]["held"] == "Vaccinations"


def test_pages_link_their_translations_with_hreflang(client, public_site):
    html = client.get("/fr/demarches/cantine-college/").content.decode()
    assert (
        '<link rel="alternate" hreflang="en" '
        'href="http://localhost/en/services/cantine-college-en/">' in html
    )
    assert re.search(r'hreflang="x-default" href="http://localhost/fr/demarches/', html)


def test_search_page_links_its_english_version_with_hreflang(client, public_site):
    html = client.get("/fr/search/?q=badge").content.decode()
    assert 'hreflang="en" href="http://testserver/en/search/?q=badge"' in html


def test_language_switcher_leads_to_the_same_page_in_english(client, public_site):
    html = client.get("/fr/moments/naissance/").content.decode()
    assert 'href="/en/life-events/a-birth/" hreflang="en"' in html


def test_service_index_groups_services_by_theme(client, public_site):
    response = client.get("/fr/demarches/")
    themes = dict(response.context["themes"])
    with translation.override("fr"):
        education = str(Theme.EDUCATION.label)
    assert [p.title for p in themes[education]] == [
        "Cantine du collège",
        "Place en crèche",
    ]
