"""Account emails sign with CitizenPass and its public address, never Django's
default "example.com" site (which reads like phishing)."""

import pytest
from django.contrib.sites.models import Site
from django.core import mail
from django.core.management import call_command

from tests.citizenpass.records.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def test_a_password_reset_email_comes_from_citizenpass(client, settings):
    ResidentFactory(email="camille@example.test")
    client.post("/fr/account/password/reset/", {"email": "camille@example.test"})
    (email,) = mail.outbox
    assert email.subject.startswith("[CitizenPass] ")
    assert "CitizenPass" in email.body
    assert "example.com" not in email.subject + email.body


def test_migrating_sets_the_site_to_the_public_address(settings):
    settings.PUBLIC_BASE_URL = "https://compte.metropole.example"
    call_command("migrate", verbosity=0)
    site = Site.objects.get(pk=settings.SITE_ID)
    assert (site.name, site.domain) == ("CitizenPass", "compte.metropole.example")
