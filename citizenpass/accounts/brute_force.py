"""Which login forms django-axes guards.

allauth's own rate limits (``ACCOUNT_RATE_LIMITS``) guard the portal's login; axes guards
every other form, i.e. the back-office login, with a cool-off rather than a lock.
"""

from django.conf import settings


def is_left_to_allauth_rate_limits(request, credentials=None) -> bool:
    """``AXES_WHITELIST_CALLABLE``: true outside the back office."""
    path = getattr(request, "path_info", "") or ""
    return not path.startswith(tuple(settings.STAFF_TWO_FACTOR_PATH_PREFIXES))
