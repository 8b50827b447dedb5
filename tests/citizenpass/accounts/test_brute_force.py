"""Failed logins: allauth's limit on the portal, axes with a cool-off on the back office."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Permission
from django.utils import timezone

from citizenpass.accounts.models import User
from tests.citizenpass.accounts.conftest import RESIDENT_PASSWORD

pytestmark = pytest.mark.django_db


def test_sixth_failed_portal_login_on_one_account_is_refused(client, resident):
    for _ in range(5):
        response = client.post(
            "/fr/account/login/", {"login": resident.email, "password": "wrong one 123"}
        )
        assert response.status_code == 200
    response = client.post(
        "/fr/account/login/", {"login": resident.email, "password": RESIDENT_PASSWORD}
    )
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


def test_backoffice_login_locks_after_five_failures_then_cools_off(client):
    agent = User.objects.create_user(
        email="agent@example.fr", password="a-long-agent-password", is_staff=True
    )
    agent.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for _ in range(5):
        client.post(
            "/backoffice/login/", {"username": agent.email, "password": "wrong one 12"}
        )
    response = client.post(
        "/backoffice/login/",
        {"username": agent.email, "password": "a-long-agent-password"},
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session

    # After the cool-off (15 minutes) the right password works again.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = client.post(
        "/backoffice/login/",
        {"username": agent.email, "password": "a-long-agent-password"},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(agent.pk)
