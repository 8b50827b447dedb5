"""What signed-in pages read from the cache instead of the database stays truthful.

The account row, the "active sessions" record and the two-factor state are cached or
written sparingly (``authentication``, ``session_activity``, ``per_user_cache``); a
change to any of them must still take effect on the very next page.
"""

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.auth.models import Group, Permission
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

from citizenpass.accounts.models import User
from citizenpass.accounts.session_activity import TRACKED_AT
from tests.support.logins import log_in

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
CHROME = "Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"
PAGE = "/fr/account/security/"


def _usersession_writes(client, **headers) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(PAGE, **headers).status_code == 200
    return [
        query["sql"]
        for query in queries
        if "usersessions_usersession" in query["sql"]
        and query["sql"].startswith(("UPDATE", "INSERT"))
    ]


def test_session_activity_is_written_once_a_minute_or_when_the_browser_changes(
    client, resident
):
    log_in(client, resident)
    _usersession_writes(client, HTTP_USER_AGENT=FIREFOX)
    assert _usersession_writes(client, HTTP_USER_AGENT=FIREFOX) == []

    assert _usersession_writes(client, HTTP_USER_AGENT=CHROME) != []
    assert UserSession.objects.get(user=resident).user_agent == CHROME

    session = client.session
    session[TRACKED_AT] -= 61
    session.save()
    before = UserSession.objects.get(user=resident).last_seen_at
    assert _usersession_writes(client, HTTP_USER_AGENT=CHROME) != []
    assert UserSession.objects.get(user=resident).last_seen_at > before


def test_a_new_sign_in_is_listed_at_once(client, resident):
    log_in(client, resident)
    client.get(PAGE)
    log_in(client, resident)  # a new session key, same browser
    client.get(PAGE)
    assert UserSession.objects.filter(
        user=resident, session_key=client.session.session_key
    ).exists()


def test_a_deactivated_account_is_signed_out_on_its_next_page(client, resident):
    log_in(client, resident)
    assert client.get(PAGE).status_code == 200  # the account is now cached
    resident.is_active = False
    resident.save()
    assert client.get(PAGE).status_code == 302


def test_a_password_changed_elsewhere_signs_this_session_out(client, resident):
    log_in(client, resident)
    assert client.get(PAGE).status_code == 200
    resident.set_password("a completely different sentence")
    resident.save()
    assert client.get(PAGE).status_code == 302


def test_an_authenticator_added_elsewhere_is_asked_for_on_the_next_page(
    client, resident
):
    log_in(client, resident)
    assert client.get(PAGE).status_code == 200  # "no authenticator" is now cached
    TOTPDevice.objects.create(user=resident, name="authenticator", confirmed=True)
    response = client.get(PAGE)
    assert response.status_code == 302
    assert "two-factor" in response["Location"]


BACKOFFICE = "/backoffice/"


@pytest.fixture
def agent():
    from tests.services.requests.factories import make_agent, make_commune

    return make_agent(make_commune("lyon"))


def _access_admin() -> Permission:
    return Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )


def test_a_permission_taken_from_the_agents_group_is_refused_on_the_next_page(
    client, agent
):
    log_in(client, agent)
    assert client.get(BACKOFFICE).status_code == 200  # permissions now cached
    agent.groups.get().permissions.remove(_access_admin())
    assert client.get(BACKOFFICE).status_code != 200


def test_a_group_taken_from_a_permission_is_refused_on_the_next_page(client, agent):
    log_in(client, agent)
    assert client.get(BACKOFFICE).status_code == 200
    _access_admin().group_set.clear()
    assert client.get(BACKOFFICE).status_code != 200


def test_an_agent_added_to_a_group_gets_its_permissions_on_the_next_page(client):
    from tests.services.requests.factories import make_commune

    staff = User.objects.create_user(
        email="new.agent@example.org",
        password="a long password 123",
        is_staff=True,
        organisation=make_commune("bron"),
    )
    log_in(client, staff)
    assert client.get(BACKOFFICE).status_code != 200  # no access yet, and cached
    group = Group.objects.create(name="Back office")
    group.permissions.add(_access_admin())
    group.user_set.add(staff)
    assert client.get(BACKOFFICE).status_code == 200


def test_a_removed_authenticator_no_longer_verifies_the_session(client, agent):
    log_in(client, agent)
    assert client.get(BACKOFFICE).status_code == 200  # the device is now cached
    TOTPDevice.objects.filter(user=agent).delete()
    assert client.get(BACKOFFICE).status_code != 200


def test_an_admin_profile_language_applies_on_the_next_page(client, agent):
    log_in(client, agent)
    assert 'lang="fr"' in client.get(BACKOFFICE).content.decode()
    profile = UserProfile.get_for_user(agent)
    profile.preferred_language = "en"
    profile.save()
    assert 'lang="en"' in client.get(BACKOFFICE).content.decode()


def test_a_signed_in_page_reads_the_shared_cache_twice(client, resident, monkeypatch):
    """The session, then the person's facts with the public content's version."""
    log_in(client, resident)
    client.get(PAGE)
    client.get(PAGE)
    backend = caches["default"]
    reads, depth = [], [0]
    for method in ("get", "get_many"):
        original = getattr(backend, method)

        def counted(*args, _original=original, _method=method, **kwargs):
            if not depth[0]:  # not the gets a memory cache's get_many makes
                reads.append(_method)
            depth[0] += 1
            try:
                return _original(*args, **kwargs)
            finally:
                depth[0] -= 1

        monkeypatch.setattr(backend, method, counted)
    assert client.get(PAGE).status_code == 200
    assert reads == ["get", "get_many"]
