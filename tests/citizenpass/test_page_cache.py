"""Public pages are cached for anonymous visitors and refreshed as soon as an editor publishes."""

import pytest

from cms.models import HomePage
from tests.support.logins import log_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()


def test_second_anonymous_visit_is_served_from_the_cache(client, demo_site):
    first = client.get("/fr/")
    second = client.get("/fr/")
    assert first.status_code == second.status_code == 200
    assert "X-Page-Cache" not in first
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_publishing_a_page_shows_the_new_content_at_once(client, demo_site):
    client.get("/fr/")
    home = HomePage.objects.get(locale__language_code="fr")
    home.introduction = "Nouvelle introduction publiée"
    home.save_revision().publish()
    response = client.get("/fr/")
    assert "X-Page-Cache" not in response
    assert "Nouvelle introduction publiée" in response.content.decode()


def test_signed_in_visitors_are_never_served_a_cached_page(client, demo_site):
    from citizenpass.accounts.models import User

    client.get("/fr/")
    log_in(client, User.objects.get(email="camille.martin@demo.citizenpass.fr"))
    response = client.get("/fr/")
    assert "X-Page-Cache" not in response
    assert "Camille" in response.content.decode()
