"""Pages shown to a signed-in person are never stored; public ones may be."""

import re

import pytest

from citizenpass.accounts.models import User
from tests.support.logins import log_in

pytestmark = pytest.mark.django_db

SIGNED_IN_PAGES = [
    "/fr/account/security/",
    "/fr/account/security/sessions/",
    "/fr/account/two-factor/setup/",
    "/fr/account/email/",
    "/fr/account/password/change/",
]


@pytest.fixture
def resident():
    return User.objects.create_user(
        email="camille@example.fr", password="correct horse battery staple"
    )


@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_signed_in_pages_are_no_store(client, resident, path):
    log_in(client, resident)
    response = client.get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_signed_in_pages_load_nothing_from_another_host(client, resident, path):
    log_in(client, resident)
    html = client.get(path).content.decode()
    external = re.findall(r'(?:src|href|action)="(?:https?:)?//[^"]+"', html)
    assert external == []
