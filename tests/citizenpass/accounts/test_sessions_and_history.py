"""Session lengths, security history and its emails, turning 2FA off, deletion."""

import time

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice

from citizenpass.accounts import two_factor
from citizenpass.accounts.models import SecurityEvent, User
from citizenpass.accounts.session_limits import LAST_SEEN_AT, SIGNED_IN_AT
from tests.citizenpass.accounts.conftest import RESIDENT_PASSWORD
from tests.support.logins import log_in

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
CHROME = "Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"


def _age_session(client, *, idle: int, since_login: int) -> None:
    session = client.session
    now = int(time.time())
    session[LAST_SEEN_AT] = now - idle
    session[SIGNED_IN_AT] = now - since_login
    session.save()


def _is_signed_in(client) -> bool:
    return client.get("/fr/account/security/").status_code == 200


@pytest.mark.parametrize(
    ("is_staff", "idle", "since_login", "still_signed_in"),
    [
        (False, 29 * 60, 60 * 60, True),
        (False, 31 * 60, 60 * 60, False),
        (False, 60, 12 * 3600 + 60, False),
        (True, 14 * 60, 60 * 60, True),
        (True, 16 * 60, 60 * 60, False),
        (True, 60, 8 * 3600 + 60, False),
    ],
)
def test_sessions_end_after_idle_time_and_maximum_age(
    client, is_staff, idle, since_login, still_signed_in
):
    user = User.objects.create_user(
        email="someone@example.fr", password=RESIDENT_PASSWORD, is_staff=is_staff
    )
    log_in(client, user)
    client.get("/fr/account/security/")
    _age_session(client, idle=idle, since_login=since_login)
    assert _is_signed_in(client) is still_signed_in


def test_sign_in_from_a_new_browser_is_recorded_and_mailed(
    client, resident, django_capture_on_commit_callbacks
):
    client.post(
        "/fr/account/login/",
        {"login": resident.email, "password": RESIDENT_PASSWORD},
        HTTP_USER_AGENT=FIREFOX,
    )
    assert len(mail.outbox) == 0  # the very first browser is not news
    client.post("/fr/account/logout/")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/fr/account/login/",
            {"login": resident.email, "password": RESIDENT_PASSWORD},
            HTTP_USER_AGENT=CHROME,
        )
    kinds = list(
        SecurityEvent.objects.filter(user=resident).values_list("kind", flat=True)
    )
    assert SecurityEvent.Kind.SIGNED_IN_NEW_BROWSER in kinds
    assert mail.outbox[-1].to == [resident.email]
    assert "Chrome" in mail.outbox[-1].body


def test_failed_attempt_and_password_change_appear_in_the_history(client, resident):
    client.post(
        "/fr/account/login/", {"login": resident.email, "password": "nope nope"}
    )
    log_in(client, resident)
    client.post(
        "/fr/account/password/change/",
        {
            "oldpassword": RESIDENT_PASSWORD,
            "password1": "another long sentence to remember",
            "password2": "another long sentence to remember",
        },
    )
    log_in(client, User.objects.get(pk=resident.pk))
    page = client.get("/fr/account/security/").content.decode()
    assert "Tentative de connexion échouée" in page
    assert "Mot de passe modifié" in page


def test_two_factor_enrolment_sends_an_email(
    client, resident, django_capture_on_commit_callbacks
):
    log_in(client, resident)
    client.get("/fr/account/two-factor/setup/")
    device = TOTPDevice.objects.get(user=resident, confirmed=False)
    from tests.citizenpass.accounts.conftest import app_code

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/fr/account/two-factor/setup/", {"code": app_code(device)}
        )
    assert response.status_code == 200
    assert len(response.context["codes"]) == 10
    assert two_factor.has_two_factor(resident)
    assert mail.outbox[-1].to == [resident.email]


def test_turning_two_factor_off_needs_re_authentication(client, resident):
    TOTPDevice.objects.create(user=resident, name="app", confirmed=True)
    log_in(client, resident)
    response = client.post("/fr/account/two-factor/disable/")
    assert response.status_code == 302
    assert "/account/reauthenticate/" in response["Location"]
    assert two_factor.has_two_factor(resident)

    client.post("/fr/account/reauthenticate/", {"password": RESIDENT_PASSWORD})
    client.post("/fr/account/two-factor/disable/")
    assert not two_factor.has_two_factor(resident)
    assert SecurityEvent.objects.filter(
        user=resident, kind=SecurityEvent.Kind.TWO_FACTOR_DISABLED
    ).exists()


def test_account_deletion_needs_re_authentication_then_erases_the_account(
    client, resident, django_capture_on_commit_callbacks
):
    log_in(client, resident)
    response = client.post("/fr/account/delete/", {"confirm": "yes"})
    assert "/account/reauthenticate/" in response["Location"]
    assert User.objects.filter(pk=resident.pk).exists()

    client.post("/fr/account/reauthenticate/", {"password": RESIDENT_PASSWORD})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fr/account/delete/", {"confirm": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=resident.pk).exists()
    assert not EmailAddress.objects.filter(email=resident.email).exists()
    assert mail.outbox[-1].to == ["camille@example.fr"]
    assert client.get("/fr/account/security/").status_code == 302


def test_deletion_page_offers_the_data_download_when_it_exists(
    client, resident, settings
):
    settings.ACCOUNT_DATA_EXPORT_URL_NAME = "account_security"
    log_in(client, resident)
    client.post("/fr/account/reauthenticate/", {"password": RESIDENT_PASSWORD})
    page = client.get("/fr/account/delete/").content.decode()
    assert 'href="/fr/account/security/"' in page

    settings.ACCOUNT_DATA_EXPORT_URL_NAME = "no-such-url"
    assert client.get("/fr/account/delete/").status_code == 200
