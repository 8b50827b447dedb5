"""Every back-office URL needs a verified second factor; no login form bypasses it."""

import re
import time
import uuid

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Permission
from django.contrib.sessions.backends.db import SessionStore
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from citizenpass.accounts.models import User
from tests.support.logins import log_in

pytestmark = pytest.mark.django_db

_SAMPLES = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "path": "x/y",
    "uuid": str(uuid.uuid4()),
}


def _sample_route(pattern) -> str:
    """A concrete path for one URL pattern (route or regex)."""
    text = str(pattern.pattern)
    if hasattr(pattern.pattern, "_route"):
        return re.sub(
            r"<(?:(\w+):)?\w+>", lambda m: _SAMPLES.get(m.group(1) or "str", "1"), text
        )
    text = text.lstrip("^").rstrip("$").replace("\\Z", "")
    text = re.sub(r"\(\?P<\w+>[^)]*\)", "1", text)
    text = re.sub(r"\([^)]*\)[?*]?", "", text)
    return text.replace("\\", "").replace("?", "")


def _walk(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        route = prefix + _sample_route(pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern, route)
        elif isinstance(pattern, URLPattern):
            yield route


def backoffice_paths() -> list[str]:
    paths = []
    for route in _walk(get_resolver()):
        if route.startswith(("backoffice/", "django-admin/")):
            paths.append("/" + route)
    return sorted(set(paths))


def _password_only_session(client, user):
    """A session signed in with the password alone (as after the Wagtail login form)."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = (
        "citizenpass.accounts.authentication.CachedModelBackend"
    )
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    client.cookies["sessionid"] = session.session_key


@pytest.fixture
def staff_user():
    user = User.objects.create_user(
        email="agent@example.fr", password="a-long-agent-password", is_staff=True
    )
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_the_walk_covers_the_whole_back_office():
    paths = backoffice_paths()
    assert len(paths) > 150
    resolved = 0
    for path in paths:
        try:
            resolve(path)
            resolved += 1
        except Resolver404:
            pass
    assert resolved == len(paths)


def test_every_backoffice_url_sends_a_staff_user_without_device_to_enrolment(
    client, staff_user
):
    _password_only_session(client, staff_user)
    for path in backoffice_paths():
        if path.startswith("/backoffice/logout/"):
            continue
        response = client.get(path)
        assert response.status_code == 302, path
        assert "/account/two-factor/setup/" in response["Location"], path


def test_every_backoffice_url_asks_an_enrolled_staff_user_for_the_code(
    client, staff_user
):
    TOTPDevice.objects.create(user=staff_user, name="app", confirmed=True)
    _password_only_session(client, staff_user)
    for path in backoffice_paths():
        if path.startswith("/backoffice/logout/"):
            continue
        response = client.get(path)
        assert response.status_code == 302, path
        assert "/account/two-factor/verify/" in response["Location"], path


def test_wagtail_login_form_alone_does_not_open_the_back_office(client, staff_user):
    TOTPDevice.objects.create(user=staff_user, name="app", confirmed=True)
    response = client.post(
        "/backoffice/login/",
        {"username": staff_user.email, "password": "a-long-agent-password"},
    )
    assert response.status_code == 302
    response = client.get("/backoffice/")
    assert response.status_code == 302
    assert "/account/two-factor/verify/" in response["Location"]


def test_a_code_from_the_app_opens_the_back_office(client, staff_user, demo_site):
    device = TOTPDevice.objects.create(user=staff_user, name="app", confirmed=True)
    _password_only_session(client, staff_user)
    code = TOTP(device.bin_key, device.step, device.t0, device.digits).token()
    response = client.post(
        "/fr/account/two-factor/verify/",
        {"code": f"{code:06d}", "next": "/backoffice/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/backoffice/"
    assert client.get("/backoffice/").status_code == 200


def test_test_login_helper_gives_staff_a_verified_session(
    client, staff_user, demo_site
):
    log_in(client, staff_user)
    assert client.get("/backoffice/").status_code == 200
    assert TOTPDevice.objects.filter(user=staff_user, confirmed=True).exists()


def test_resident_with_two_factor_signed_in_elsewhere_is_asked_for_the_code(client):
    resident = User.objects.create_user(
        email="resident@example.fr", password="a-long-resident-password"
    )
    TOTPDevice.objects.create(user=resident, name="app", confirmed=True)
    _password_only_session(client, resident)
    response = client.get("/fr/account/security/")
    assert response.status_code == 302
    assert "/account/two-factor/verify/" in response["Location"]


def test_replayed_code_is_refused(client, staff_user):
    device = TOTPDevice.objects.create(user=staff_user, name="app", confirmed=True)
    code = f"{TOTP(device.bin_key).token():06d}"
    _password_only_session(client, staff_user)
    client.post("/fr/account/two-factor/verify/", {"code": code})
    client.post("/fr/account/logout/")
    time.sleep(0)
    _password_only_session(client, staff_user)
    response = client.post("/fr/account/two-factor/verify/", {"code": code})
    assert response.status_code == 200
    assert "code" in response.context["form"].errors
