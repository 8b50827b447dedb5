"""Security history fed by sign-in, failure and account-change signals."""

import time

from allauth.account import signals as allauth_signals
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

from citizenpass import per_user_cache
from citizenpass.accounts import actions, two_factor
from citizenpass.accounts.authentication import (
    forget_user,
    forget_users,
    forget_verified_device,
)
from citizenpass.accounts.models import SecurityEvent, User
from citizenpass.accounts.session_limits import LAST_SEEN_AT, SIGNED_IN_AT


@receiver(user_logged_in, dispatch_uid="citizenpass_session_clock")
def start_session_clock(sender, request, user, **kwargs):
    """A new sign-in starts the idle and absolute session clocks."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN_AT] = now


@receiver(allauth_signals.user_logged_in, dispatch_uid="citizenpass_record_sign_in")
def record_sign_in(sender, request, user, **kwargs):
    actions.do_record_sign_in(user=user, request=request)


@receiver(user_login_failed, dispatch_uid="citizenpass_record_login_failure")
def record_login_failure(sender, credentials, request=None, **kwargs):
    login = credentials.get("email") or credentials.get("username") or ""
    user = User.objects.filter(email__iexact=login).first() if login else None
    if user is not None:
        actions.record_security_event(
            user=user, kind=SecurityEvent.Kind.LOGIN_FAILED, request=request
        )


def _recorder(kind):
    def record(sender, request, user, **kwargs):
        if "from_email_address" in kwargs and kwargs["from_email_address"] is None:
            return  # the first address being confirmed is not a change
        actions.record_security_event(user=user, kind=kind, request=request)

    return record


for signal, kind in [
    (allauth_signals.password_changed, SecurityEvent.Kind.PASSWORD_CHANGED),
    (allauth_signals.password_set, SecurityEvent.Kind.PASSWORD_CHANGED),
    (allauth_signals.password_reset, SecurityEvent.Kind.PASSWORD_RESET),
    (allauth_signals.email_changed, SecurityEvent.Kind.EMAIL_CHANGED),
]:
    signal.connect(
        _recorder(kind), dispatch_uid=f"citizenpass_record_{kind}", weak=False
    )


@receiver(post_save, sender=TOTPDevice, dispatch_uid="citizenpass_two_factor_saved")
@receiver(post_delete, sender=TOTPDevice, dispatch_uid="citizenpass_two_factor_deleted")
def forget_two_factor_state(sender, instance, **kwargs):
    """An authenticator added, confirmed or removed: the cached answer is stale."""
    per_user_cache.forget(two_factor.HAS_TWO_FACTOR, instance.user_id)


@receiver(post_save, sender=TOTPDevice, dispatch_uid="citizenpass_totp_device_saved")
@receiver(
    post_delete, sender=TOTPDevice, dispatch_uid="citizenpass_totp_device_deleted"
)
@receiver(post_save, sender=StaticDevice, dispatch_uid="citizenpass_static_saved")
@receiver(post_delete, sender=StaticDevice, dispatch_uid="citizenpass_static_deleted")
def forget_device(sender, instance, **kwargs):
    """A device's state changed (a code used, throttling, removal): read it afresh."""
    forget_verified_device(instance.user_id)


@receiver(post_save, sender=UserProfile, dispatch_uid="citizenpass_admin_profile_saved")
@receiver(
    post_delete, sender=UserProfile, dispatch_uid="citizenpass_admin_profile_deleted"
)
def forget_admin_profile(sender, instance, **kwargs):
    """The admin profile (language, time zone) is cached with the account row."""
    forget_user(instance.user_id)


def _members(group_ids) -> list[int]:
    return list(
        User.objects.filter(groups__in=list(group_ids)).values_list("pk", flat=True)
    )


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="citizenpass_groups")
@receiver(
    m2m_changed,
    sender=User.user_permissions.through,
    dispatch_uid="citizenpass_user_permissions",
)
def forget_permissions_of_users(sender, instance, action, reverse, pk_set, **kwargs):
    """A person's groups or own permissions changed: their cached row holds the old."""
    if not action.startswith(("post_", "pre_clear")):
        return
    if not reverse:
        forget_user(instance.pk)
    elif action == "pre_clear":
        # pk_set is None once cleared: read who had it before.
        forget_users(instance.user_set.values_list("pk", flat=True))
    elif pk_set:
        forget_users(pk_set)


@receiver(
    m2m_changed,
    sender=Group.permissions.through,
    dispatch_uid="citizenpass_group_perms",
)
def forget_permissions_of_groups(sender, instance, action, reverse, pk_set, **kwargs):
    """A group's permissions changed: each member's cached row holds the old ones."""
    if not action.startswith(("post_", "pre_clear")):
        return
    if not reverse:
        forget_users(_members([instance.pk]))
    elif action == "pre_clear":
        forget_users(_members(instance.group_set.values_list("pk", flat=True)))
    elif pk_set:
        forget_users(_members(pk_set))


@receiver(pre_delete, sender=Group, dispatch_uid="citizenpass_group_deleted")
def forget_permissions_of_deleted_group(sender, instance, **kwargs):
    forget_users(_members([instance.pk]))


@receiver(post_save, sender=User, dispatch_uid="citizenpass_user_saved")
@receiver(post_delete, sender=User, dispatch_uid="citizenpass_user_deleted")
def forget_cached_user(sender, instance, **kwargs):
    """The account changed (password, activation, profile): sessions read it afresh."""
    forget_user(instance.pk)
