"""Pages of the resident's security area and of the two-factor login step."""

from allauth.account.decorators import reauthentication_required
from allauth.account.internal.decorators import login_stage_required
from allauth.usersessions.internal import flows as usersessions_flows
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from citizenpass.accounts import actions, selectors, two_factor
from citizenpass.accounts.forms import EnrolmentForm, SecondFactorForm
from citizenpass.accounts.login_stage import TwoFactorStage
from citizenpass.accounts.models import SecurityEvent


def _safe_next(request: HttpRequest, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def _record_used_device(request: HttpRequest, user, device) -> None:
    if device.__class__.__name__ == "StaticDevice":
        actions.record_security_event(
            user=user, kind=SecurityEvent.Kind.BACKUP_CODE_USED, request=request
        )


def _record_failure(request: HttpRequest, user, form) -> None:
    if form.has_error("code", "invalid"):
        actions.record_security_event(
            user=user, kind=SecurityEvent.Kind.TWO_FACTOR_FAILED, request=request
        )


@login_stage_required(stage=TwoFactorStage.key, redirect_urlname="account_login")
@require_http_methods(["GET", "POST"])
def authenticate_login_stage(request: HttpRequest) -> HttpResponse:
    """Second step of the login: an app code or a backup code."""
    stage = request._login_stage
    user = stage.login.user
    form = SecondFactorForm(request.POST or None, user=user)
    if request.method == "POST":
        if form.is_valid():
            _record_used_device(request, user, form.device)
            # Kept through django.contrib.auth.login, which only rotates the key.
            request.session["otp_device_id"] = form.device.persistent_id
            return stage.exit()
        _record_failure(request, user, form)
    return render(request, "accounts/two_factor_authenticate.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def verify_second_factor(request: HttpRequest) -> HttpResponse:
    """Verify the second factor of a session opened by a form that did not ask for it."""
    next_url = _safe_next(request, settings.LOGIN_REDIRECT_URL)
    if request.user.is_verified():
        return HttpResponseRedirect(next_url)
    form = SecondFactorForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            _record_used_device(request, request.user, form.device)
            otp_login(request, form.device)
            return HttpResponseRedirect(next_url)
        _record_failure(request, request.user, form)
    return render(
        request,
        "accounts/two_factor_authenticate.html",
        {"form": form, "next": next_url},
    )


@login_required
@require_http_methods(["GET", "POST"])
def setup_two_factor(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: QR code, key as text, first code; then backup codes."""
    user = request.user
    if two_factor.has_two_factor(user) and not request.user.is_verified():
        return HttpResponseRedirect(reverse("account_two_factor_verify"))
    device = two_factor.pending_totp_device(user)
    form = EnrolmentForm(request.POST or None)
    next_url = _safe_next(request, reverse("account_security"))
    if request.method == "POST" and form.is_valid():
        codes = actions.do_confirm_totp_enrolment(
            user=user, device=device, code=form.cleaned_data["code"], request=request
        )
        if codes is not None:
            device.refresh_from_db()
            otp_login(request, device)
            # Shown once, on this response only: never stored in the session.
            return render(
                request,
                "accounts/backup_codes.html",
                {"codes": codes, "next": next_url},
            )
        form.add_error(
            "code",
            _("This code does not match. Check the clock of your phone and try again."),
        )
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_code_svg": two_factor.qr_code_svg(device),
            "key_as_text": two_factor.key_as_text(device),
            "next": next_url,
        },
    )


@login_required
@reauthentication_required
@require_http_methods(["GET", "POST"])
def disable_two_factor(request: HttpRequest) -> HttpResponse:
    """Turn two-factor off, after re-authentication; staff cannot."""
    if two_factor.must_use_two_factor_in_backoffice(request.user):
        messages.error(
            request, _("Staff accounts must keep two-factor authentication.")
        )
        return HttpResponseRedirect(reverse("account_security"))
    if request.method == "POST":
        actions.do_disable_two_factor(user=request.user, request=request)
        messages.success(request, _("Two-factor authentication is now off."))
        return HttpResponseRedirect(reverse("account_security"))
    return render(request, "accounts/two_factor_disable.html")


@login_required
@require_http_methods(["GET"])
def security_overview(request: HttpRequest) -> HttpResponse:
    """The security area: two-factor status, links, and the security history."""
    return render(
        request,
        "accounts/security.html",
        {
            "has_two_factor": two_factor.has_two_factor(request.user),
            "backup_codes_left": selectors.backup_codes_left(request.user),
            "events": selectors.security_history(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def active_sessions(request: HttpRequest) -> HttpResponse:
    """The person's open sessions, and signing out of all of them."""
    if request.method == "POST":
        usersessions_flows.sessions.end_other_sessions(request, request.user)
        actions.record_security_event(
            user=request.user,
            kind=SecurityEvent.Kind.SIGNED_OUT_EVERYWHERE,
            request=request,
        )
        logout(request)
        messages.success(request, _("You have been signed out on every device."))
        return HttpResponseRedirect(reverse("account_login"))
    sessions = sorted(
        UserSession.objects.purge_and_list(request.user),
        key=lambda session: session.last_seen_at,
        reverse=True,
    )
    return render(
        request,
        "accounts/sessions.html",
        {"sessions": selectors.describe_sessions(sessions)},
    )


def data_export_url() -> str | None:
    """Where residents download their data, once the export exists."""
    try:
        return reverse(settings.ACCOUNT_DATA_EXPORT_URL_NAME)
    except NoReverseMatch:
        return None


@login_required
@reauthentication_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    """Delete the account after re-authentication, offering the data download first."""
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        user = request.user
        logout(request)
        actions.do_delete_account(user=user)
        return HttpResponseRedirect(reverse("account_deleted"))
    return render(
        request,
        "accounts/delete_account.html",
        {"export_url": data_export_url()},
    )


@require_http_methods(["GET"])
def account_deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/account_deleted.html")
