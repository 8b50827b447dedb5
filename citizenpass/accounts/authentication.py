"""Authentication backends that read the signed-in person from the shared cache.

Every signed-in page loads its user by id from the session. These backends keep that
row in the shared cache (``citizenpass.per_user_cache``) and drop it whenever the row
changes: on every save or delete (signals in ``citizenpass.accounts.signals``) and in
the few bulk updates that bypass them (``citizenpass.records.freshness`` and the
account deletion). Deactivating an account or changing its password is a save, so
a session can never outlive either through the cache.

A staff member's cached row carries what the back office reads on every page: their
permissions (Django's per-instance permission caches, dropped with the row when their
groups, their groups' permissions or their own change) and their Wagtail admin profile
(language, time zone; dropped when it is saved). :class:`CachedOTPMiddleware` likewise
keeps the authenticator that verified the session, dropped whenever it is saved.
"""

import contextlib
import functools

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ObjectDoesNotExist
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware

from citizenpass import per_user_cache

SIGNED_IN_USER = per_user_cache.fact("signed-in-user")
VERIFIED_DEVICE = per_user_cache.fact("verified-device")


class CachedUserMixin:
    def get_user(self, user_id):
        return per_user_cache.remember(
            SIGNED_IN_USER, user_id, functools.partial(self._load_user, user_id)
        )

    def _load_user(self, user_id):
        user = super().get_user(user_id)
        if user is not None and user.is_staff:
            # Cached on the instance (``_perm_cache`` and the like), so kept with it.
            self.get_all_permissions(user)
            with contextlib.suppress(ObjectDoesNotExist):
                user.wagtail_userprofile  # noqa: B018 (kept in the instance's cache)
        return user


class CachedModelBackend(CachedUserMixin, ModelBackend):
    """Django's password backend (back-office login form), cached user."""


class CachedAccountBackend(CachedUserMixin, AuthenticationBackend):
    """allauth's backend (the resident login and sign-up), cached user."""


def forget_user(user_id: int | None) -> None:
    per_user_cache.forget(SIGNED_IN_USER, user_id)


def forget_users(user_ids) -> None:
    per_user_cache.forget_many(SIGNED_IN_USER, user_ids)


class CachedOTPMiddleware(OTPMiddleware):
    """django-otp's middleware, with the session's verifying authenticator cached.

    The device is remembered with the persistent id the session holds; a session
    verified by another of the person's devices reads it from the database.
    """

    def _verify_user_sync(self, request, user):
        self._init_user_fields(user)
        if user.is_authenticated:
            persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
            device = None
            if persistent_id:
                cached = per_user_cache.remember(
                    VERIFIED_DEVICE,
                    user.pk,
                    lambda: (
                        persistent_id,
                        self._device_from_persistent_id(persistent_id),
                    ),
                )
                device = (
                    cached[1]
                    if cached[0] == persistent_id
                    else self._device_from_persistent_id(persistent_id)
                )
            user.otp_device = self._finalize_device(request, user, device)
        return user


def forget_verified_device(user_id: int | None) -> None:
    per_user_cache.forget(VERIFIED_DEVICE, user_id)
