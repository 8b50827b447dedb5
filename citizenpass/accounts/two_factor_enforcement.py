"""No signed-in session reaches a page without the second factor it owes.

- Back office (Wagtail admin, Django admin): anyone allowed there must have verified a
  second factor in this session; without a device they are sent to enrolment first.
- Everywhere else: a person who turned two-factor on and signed in through a form that
  did not ask for the code (the back-office login form, for instance) is asked for it.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse

from citizenpass.accounts import two_factor

# Pages a half-signed-in person must still reach: the code and enrolment pages,
# signing out, and static assets.
_ALWAYS_ALLOWED_URL_NAMES = (
    "account_two_factor_verify",
    "account_two_factor_setup",
    "account_logout",
)


def _is_backoffice(path: str) -> bool:
    return path.startswith(tuple(settings.STAFF_TWO_FACTOR_PATH_PREFIXES))


def _is_always_allowed(request: HttpRequest) -> bool:
    path = request.path_info
    if path.startswith((settings.STATIC_URL, "/backoffice/logout/", "/healthz")):
        return True
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name in _ALWAYS_ALLOWED_URL_NAMES


def _redirect(url_name: str, request: HttpRequest) -> HttpResponseRedirect:
    query = urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(f"{reverse(url_name)}?{query}")


class TwoFactorRequiredMiddleware:
    """Redirect sessions that have not verified the second factor they need."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if _is_always_allowed(request):
            return None
        if _is_backoffice(request.path_info) and (
            two_factor.must_use_two_factor_in_backoffice(user)
        ):
            if two_factor.has_two_factor(user):
                return _redirect("account_two_factor_verify", request)
            return _redirect("account_two_factor_setup", request)
        if two_factor.has_two_factor(user):
            return _redirect("account_two_factor_verify", request)
        return None
