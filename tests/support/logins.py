"""Sign a user in for a test without going through the login pages.

Tests of other features use these so that they keep working whatever the sign-in journey
asks (email verification, two-factor): the journey itself has its own browser tests.
Staff (and anyone who already has an authenticator) get a TOTP device if missing and a
session whose second factor is verified, as after the two-factor step.
"""

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore


def _mark_email_verified(user) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


def _verified_second_factor(user) -> str | None:
    """The persistent id of the user's TOTP device, created for staff if missing."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from citizenpass.accounts.two_factor import must_use_two_factor_in_backoffice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None and must_use_two_factor_in_backoffice(user):
        device = TOTPDevice.objects.create(
            user=user, name="authenticator", confirmed=True
        )
    return device.persistent_id if device else None


def _signed_in_session(user) -> SessionStore:
    from django_otp import DEVICE_ID_SESSION_KEY

    _mark_email_verified(user)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = (
        "citizenpass.accounts.authentication.CachedModelBackend"
    )
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    device_id = _verified_second_factor(user)
    if device_id:
        session[DEVICE_ID_SESSION_KEY] = device_id
    session.save()
    return session


def log_in(client, user):
    """Sign ``user`` in on a Django test client, as after a complete sign-in."""
    session = _signed_in_session(user)
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return client


def log_in_browser(context, live_server, user):
    """Sign ``user`` in on a Playwright browser context, as after a complete sign-in."""
    session = _signed_in_session(user)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "url": live_server.url,
                "httpOnly": True,
                "sameSite": "Lax",
            }
        ]
    )
    return context
