"""Changes to accounts: security events, two-factor enrolment, account deletion."""

import logging

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from citizenpass.accounts import two_factor
from citizenpass.accounts.authentication import forget_user
from citizenpass.accounts.models import KnownBrowser, SecurityEvent, User
from citizenpass.accounts.request_origin import (
    approximate_place,
    browser_fingerprint,
    client_ip,
    describe_browser,
)

logger = logging.getLogger(__name__)

# Events that warrant an email of our own (allauth already mails password and email
# changes when ACCOUNT_EMAIL_NOTIFICATIONS is on).
EMAILED_EVENTS = {
    SecurityEvent.Kind.SIGNED_IN_NEW_BROWSER,
    SecurityEvent.Kind.TWO_FACTOR_ENABLED,
    SecurityEvent.Kind.TWO_FACTOR_DISABLED,
    SecurityEvent.Kind.BACKUP_CODE_USED,
    SecurityEvent.Kind.SIGNED_OUT_EVERYWHERE,
}


def _send_security_email(*, user: User, event: SecurityEvent) -> None:
    with translation.override(user.preferred_language):
        context = {
            "user": user,
            "event": event,
            "event_label": event.get_kind_display(),
            "history_url": settings.PUBLIC_BASE_URL
            + f"/{user.preferred_language}/account/security/",
        }
        body = render_to_string("accounts/email/security_notice.txt", context)
        send_mail(
            _("CitizenPass: security activity on your account"),
            body,
            None,
            [user.email],
        )


@transaction.atomic
def record_security_event(
    *, user: AbstractBaseUser, kind: str, request: HttpRequest | None = None
) -> SecurityEvent:
    """Add an entry to the person's security history; email them when it matters."""
    event = SecurityEvent.objects.create(
        user=user,
        kind=kind,
        browser=describe_browser(request.META.get("HTTP_USER_AGENT", ""))
        if request
        else "",
        place=approximate_place(client_ip(request)) if request else "",
    )
    logger.info("security event %s for user %s", kind, user.pk)
    if kind in EMAILED_EVENTS:
        transaction.on_commit(lambda: _send_security_email(user=user, event=event))
    return event


@transaction.atomic
def do_record_sign_in(*, user: AbstractBaseUser, request: HttpRequest) -> SecurityEvent:
    """Record a sign-in; one from a browser never seen before for this person is mailed."""
    already_known = KnownBrowser.objects.filter(user=user).exists()
    try:
        with transaction.atomic():
            KnownBrowser.objects.create(
                user=user, fingerprint=browser_fingerprint(request)
            )
        is_new_browser = already_known
    except IntegrityError:
        is_new_browser = False
    kind = (
        SecurityEvent.Kind.SIGNED_IN_NEW_BROWSER
        if is_new_browser
        else SecurityEvent.Kind.SIGNED_IN
    )
    return record_security_event(user=user, kind=kind, request=request)


@transaction.atomic
def do_confirm_totp_enrolment(
    *, user: AbstractBaseUser, device: TOTPDevice, code: str, request: HttpRequest
) -> list[str] | None:
    """Confirm an authenticator with its first code; return ten new backup codes.

    Returns ``None`` (and changes nothing) when the code is wrong.
    """
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
    if device.confirmed or not device.verify_token(two_factor.normalise_code(code)):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = two_factor.new_backup_codes(user)
    record_security_event(
        user=user, kind=SecurityEvent.Kind.TWO_FACTOR_ENABLED, request=request
    )
    return codes


@transaction.atomic
def do_disable_two_factor(*, user: AbstractBaseUser, request: HttpRequest) -> None:
    """Remove every second factor of a resident (the view checks re-authentication)."""
    two_factor.remove_two_factor(user)
    record_security_event(
        user=user, kind=SecurityEvent.Kind.TWO_FACTOR_DISABLED, request=request
    )


def _send_deletion_email(*, email: str, language: str) -> None:
    with translation.override(language):
        send_mail(
            _("CitizenPass: your account has been deleted"),
            render_to_string("accounts/email/account_deleted.txt", {}),
            None,
            [email],
        )


@transaction.atomic
def do_delete_account(*, user: User) -> None:
    """Delete a person's account; other apps detach or erase their data first.

    Each dotted path in ``ACCOUNT_DELETION_HANDLERS`` is called with ``user=`` inside
    this transaction (records detach and erase per retention rules, the access log is
    pseudonymised). If something still protects the row, the account is emptied and
    deactivated instead: no personal data remains on it.
    """
    email, language, user_id = user.email, user.preferred_language, user.pk
    for path in settings.ACCOUNT_DELETION_HANDLERS:
        import_string(path)(user=user)
    two_factor.remove_two_factor(user)
    try:
        with transaction.atomic():
            User.objects.filter(pk=user_id).delete()
    except ProtectedError:
        User.objects.filter(pk=user_id).update(
            email=f"deleted-{user_id}@deleted.invalid",
            first_name="",
            last_name="",
            birth_date=None,
            is_active=False,
            password="!deleted",  # noqa: S106 - an unusable password hash
        )
        forget_user(user_id)
        SecurityEvent.objects.filter(user_id=user_id).delete()
        from allauth.account.models import EmailAddress

        EmailAddress.objects.filter(user_id=user_id).delete()
    logger.info("account %s deleted", user_id)
    transaction.on_commit(lambda: _send_deletion_email(email=email, language=language))
