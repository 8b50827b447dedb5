"""Authentication backends that read the signed-in person from the shared cache.

Every signed-in page loads its user by id from the session. These backends keep that
row in the shared cache (``citizenpass.per_user_cache``) and drop it whenever the row
changes: on every save or delete (signals in ``citizenpass.accounts.signals``) and in
the few bulk updates that bypass them (``citizenpass.records.freshness`` and the
account deletion). Deactivating an account or changing its password is a save, so
a session can never outlive either through the cache.
"""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth.backends import ModelBackend

from citizenpass import per_user_cache

SIGNED_IN_USER = per_user_cache.fact("signed-in-user")


class CachedUserMixin:
    def get_user(self, user_id):
        return per_user_cache.remember(
            SIGNED_IN_USER,
            user_id,
            lambda: super(CachedUserMixin, self).get_user(user_id),
        )


class CachedModelBackend(CachedUserMixin, ModelBackend):
    """Django's password backend (back-office login form), cached user."""


class CachedAccountBackend(CachedUserMixin, AuthenticationBackend):
    """allauth's backend (the resident login and sign-up), cached user."""


def forget_user(user_id: int | None) -> None:
    per_user_cache.forget(SIGNED_IN_USER, user_id)


def forget_users(user_ids) -> None:
    per_user_cache.forget_many(SIGNED_IN_USER, user_ids)
