"""Reads of a person's own security data."""

from dataclasses import dataclass
from datetime import datetime

from django_otp.plugins.otp_static.models import StaticToken

from citizenpass.accounts.models import SecurityEvent
from citizenpass.accounts.request_origin import approximate_place, describe_browser

SECURITY_HISTORY_LENGTH = 50


def security_history(user) -> list[SecurityEvent]:
    """The latest entries of the person's security history, newest first."""
    return list(
        SecurityEvent.objects.filter(user=user).order_by("-created_at", "-pk")[
            :SECURITY_HISTORY_LENGTH
        ]
    )


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@dataclass
class SessionRow:
    browser: str
    place: str
    last_seen_at: datetime
    is_current: bool


def describe_sessions(sessions) -> list[SessionRow]:
    """Sessions as the person sees them: browser, network, last seen; no key, no IP."""
    return [
        SessionRow(
            browser=describe_browser(session.user_agent),
            place=approximate_place(session.ip),
            last_seen_at=session.last_seen_at,
            is_current=session.is_current(),
        )
        for session in sessions
    ]
