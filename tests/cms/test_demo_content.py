"""The demo public site: both languages, guides with services and data, editors, search."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowPage

from citizenpass.accounts.models import User
from citizenpass.demo.seeding import SeedReport
from citizenpass.organisations.models import Organisation
from cms.catalogue.selectors import start_request_url
from cms.models import LifeEventPage, SearchDocument, ServicePage, StandardPage
from services.catalogue.models import Service

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db):
    from citizenpass.accounts import demo as accounts_demo
    from citizenpass.organisations import demo as organisations_demo
    from cms import demo as cms_demo

    report = SeedReport()
    for seed in (organisations_demo.seed, accounts_demo.seed, cms_demo.seed):
        seed(report)
    return report


def test_demo_site_in_both_languages_with_guides_services_and_editors(seeded):
    for code in ("fr", "en"):
        guides = LifeEventPage.objects.live().filter(locale__language_code=code)
        assert guides.count() == 5
        for guide in guides:
            assert guide.related_service_pages()
            assert guide.data_held_by_domain()
        standard = StandardPage.objects.live().filter(locale__language_code=code)
        assert {page.slug for page in standard} == {
            "legal-notice",
            "privacy",
            "accessibility",
            "terms",
        }
        assert all(page.body for page in standard)
    privacy_en = StandardPage.objects.get(slug="privacy", locale__language_code="en")
    assert "access log" in privacy_en.body and "Self Data" in privacy_en.body
    assert ServicePage.objects.filter(locale__language_code="en").count() == (
        Service.objects.filter(is_active=True).count()
    )
    assert WorkflowPage.objects.filter(workflow__name="Editorial review").count() == 2
    lyon_editor = User.objects.get(email="editor.lyon@demo.citizenpass.fr")
    assert lyon_editor.groups.filter(name="Editors · Lyon").exists()
    assert SearchDocument.objects.filter(kind="guide").count() == 10
    assert any(role == "editor (Lyon)" for role, _email, _pw in seeded.logins)


def test_start_button_follows_the_service_mode(public_site):
    owner = Organisation.objects.get(slug="lyon")
    online = Service(slug="en-ligne", owner=owner)
    assert start_request_url(online) == reverse(
        "service_requests:apply", kwargs={"slug": "en-ligne"}
    )
    closed = Service(slug="fermee", owner=owner, is_active=False)
    assert start_request_url(closed) is None
    appointment = Service(slug="rdv", owner=owner, mode=Service.Mode.APPOINTMENT)
    assert start_request_url(appointment) is None
    external = Service(
        slug="ailleurs",
        owner=owner,
        mode=Service.Mode.EXTERNAL_LINK,
        external_url="https://www.service-public.fr/",
    )
    assert start_request_url(external) == "https://www.service-public.fr/"
