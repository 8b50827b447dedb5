"""Login asks for the second factor after the password, as an allauth stage."""

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from citizenpass.accounts import two_factor
from citizenpass.accounts.models import SecurityEvent
from tests.citizenpass.accounts.conftest import RESIDENT_PASSWORD, app_code

pytestmark = pytest.mark.django_db

LOGIN = "/fr/account/login/"
STAGE = "/fr/account/two-factor/authenticate/"


def _password_step(client, user, password=RESIDENT_PASSWORD):
    return client.post(LOGIN, {"login": user.email, "password": password})


@pytest.fixture
def enrolled(resident):
    device = TOTPDevice.objects.create(user=resident, name="app", confirmed=True)
    codes = two_factor.new_backup_codes(resident)
    return device, codes


def test_password_alone_leads_to_the_code_step_not_to_a_session(client, enrolled):
    response = _password_step(client, enrolled[0].user)
    assert response.status_code == 302
    assert response["Location"] == STAGE
    assert "_auth_user_id" not in client.session


def test_app_code_completes_the_login_with_a_verified_session(client, enrolled):
    device, _ = enrolled
    _password_step(client, device.user)
    response = client.post(STAGE, {"code": app_code(device)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(device.user.pk)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id


def test_backup_code_works_once(client, enrolled):
    device, codes = enrolled
    _password_step(client, device.user)
    assert client.post(STAGE, {"code": codes[0].upper()}).status_code == 302
    assert SecurityEvent.objects.filter(
        user=device.user, kind=SecurityEvent.Kind.BACKUP_CODE_USED
    ).exists()
    client.post("/fr/account/logout/")
    _password_step(client, device.user)
    response = client.post(STAGE, {"code": codes[0]})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_used_app_code_is_refused(client, enrolled):
    device, _ = enrolled
    code = app_code(device)
    _password_step(client, device.user)
    client.post(STAGE, {"code": code})
    client.post("/fr/account/logout/")
    _password_step(client, device.user)
    response = client.post(STAGE, {"code": code})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_wrong_code_throttles_the_next_attempt(client, enrolled):
    device, _ = enrolled
    _password_step(client, device.user)
    client.post(STAGE, {"code": "000000" if app_code(device) != "000000" else "111111"})
    response = client.post(STAGE, {"code": app_code(device)})
    assert response.status_code == 200
    assert "Wait a few seconds" in str(response.context["form"].errors) or (
        "Patientez" in str(response.context["form"].errors)
    )
    assert "_auth_user_id" not in client.session


def test_session_key_changes_at_login(client, resident):
    client.get(LOGIN)
    client.session.save()
    before = client.session.session_key
    _password_step(client, resident)
    assert client.session["_auth_user_id"] == str(resident.pk)
    assert client.session.session_key != before


def test_after_logout_the_old_cookie_is_anonymous(client, resident):
    _password_step(client, resident)
    old_cookie = client.cookies["sessionid"].value
    client.post("/fr/account/logout/")
    client.cookies["sessionid"] = old_cookie
    response = client.get("/fr/account/security/")
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]
