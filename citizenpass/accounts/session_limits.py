"""Sessions end after a while idle and after a maximum length, shorter for staff."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest
from django.utils.translation import gettext as _

SIGNED_IN_AT = "citizenpass_signed_in_at"
LAST_SEEN_AT = "citizenpass_last_seen_at"


def limits_for(user) -> tuple[int, int]:
    """(idle, absolute) limits in seconds for ``user``."""
    if user.is_staff or user.is_superuser:
        return settings.STAFF_SESSION_IDLE_TIMEOUT, settings.STAFF_SESSION_MAX_AGE
    return settings.RESIDENT_SESSION_IDLE_TIMEOUT, settings.RESIDENT_SESSION_MAX_AGE


class SessionLimitsMiddleware:
    """Sign out a session idle too long or older than its maximum age."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            signed_in_at = session.setdefault(SIGNED_IN_AT, now)
            last_seen_at = session.get(LAST_SEEN_AT, now)
            idle_limit, absolute_limit = limits_for(user)
            if now - last_seen_at > idle_limit or now - signed_in_at > absolute_limit:
                logout(request)
                messages.info(
                    request, _("Your session has ended. Please sign in again.")
                )
            elif now - last_seen_at >= 60 or LAST_SEEN_AT not in session:
                # Written at most once a minute so that every page is not a write.
                session[LAST_SEEN_AT] = now
        return self.get_response(request)
