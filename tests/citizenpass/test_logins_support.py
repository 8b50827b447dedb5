"""The test sign-in helper gives a session the portal accepts."""

import pytest

from citizenpass.accounts.models import User
from tests.support.logins import log_in

pytestmark = pytest.mark.django_db


def test_log_in_helper_makes_the_client_authenticated(client):
    user = User.objects.create_user(email="someone@example.fr", password="x" * 14)
    log_in(client, user)
    response = client.get("/fr/")
    assert response.wsgi_request.user == user
