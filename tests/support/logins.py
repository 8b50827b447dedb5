"""Sign a user in for a test without going through the login pages.

Tests of other features use these so that they keep working whatever the sign-in journey
asks (email verification, two-factor): the journey itself has its own browser tests.
"""

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore


def _mark_email_verified(user) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


def _signed_in_session(user) -> SessionStore:
    _mark_email_verified(user)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
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
