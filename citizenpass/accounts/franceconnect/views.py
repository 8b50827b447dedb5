"""OAuth2 adapter and views of FranceConnect v2."""

import secrets
from urllib.parse import urlencode

from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import (
    OAuth2CallbackView,
    OAuth2LoginView,
)
from allauth.socialaccount.providers.openid_connect.views import (
    OpenIDConnectOAuth2Adapter,
)
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from requests import RequestException

from citizenpass.accounts.franceconnect import tokens

ID_TOKEN_SESSION_KEY = "franceconnect_id_token"  # noqa: S105 - a session key name


class FranceConnectError(OAuth2Error):
    """Carries the translated reason of a refusal to the error page."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class FranceConnectOAuth2Adapter(OpenIDConnectOAuth2Adapter):
    expected_nonce: str | None = None

    def __init__(self, request):
        super().__init__(request, "franceconnect")

    @property
    def basic_auth(self):
        return False  # client_secret_post

    def get_callback_url(self, request, app):
        return request.build_absolute_uri(reverse("franceconnect_callback"))

    def _jwks(self) -> dict:
        with get_adapter().get_requests_session() as session:
            response = session.get(self.openid_config["jwks_uri"])
            response.raise_for_status()
            return response.json()

    def complete_login(self, request, app, token, **kwargs):
        raw_id_token = kwargs["response"].get("id_token")
        if not raw_id_token:
            raise FranceConnectError(_("FranceConnect did not send an identity."))
        jwks = self._jwks()
        issuer = self.openid_config["issuer"]
        try:
            id_claims = tokens.verify_id_token(
                raw_id_token,
                jwks=jwks,
                issuer=issuer,
                client_id=app.client_id,
                nonce=self.expected_nonce,
                required_acr=settings.FRANCECONNECT_ACR,
            )
            with get_adapter().get_requests_session() as session:
                response = session.get(
                    self.profile_url, headers={"Authorization": f"Bearer {token.token}"}
                )
                response.raise_for_status()
            userinfo = tokens.decode_signed(
                response.text.strip(), jwks=jwks, issuer=issuer, client_id=app.client_id
            )
        except tokens.FranceConnectRefused as refusal:
            raise FranceConnectError(refusal.message) from refusal
        if userinfo.get("sub") != id_claims["sub"]:
            raise FranceConnectError(
                _("FranceConnect sent identities that do not match.")
            )
        # Kept for the end-session logout (id_token_hint); never logged.
        request.session[ID_TOKEN_SESSION_KEY] = raw_id_token
        return self.get_provider().sociallogin_from_response(
            request, {"id_token": id_claims, "userinfo": userinfo}
        )


class FranceConnectCallbackView(OAuth2CallbackView):
    def _get_state(self, request, provider):
        state, response = super()._get_state(request, provider)
        if state:
            self.adapter.expected_nonce = state.get("nonce")
        return state, response


@login_not_required
def oauth2_login(request):
    return OAuth2LoginView.adapter_view(FranceConnectOAuth2Adapter(request))(request)


@login_not_required
def oauth2_callback(request):
    return FranceConnectCallbackView.adapter_view(FranceConnectOAuth2Adapter(request))(
        request
    )


def end_session_url(request, id_token: str) -> str | None:
    """FranceConnect's logout address with ``id_token_hint``, or ``None``."""
    try:
        endpoint = FranceConnectOAuth2Adapter(request).openid_config.get(
            "end_session_endpoint"
        )
    except (SocialApp.DoesNotExist, RequestException):
        return None
    if not endpoint:
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "state": secrets.token_urlsafe(16),
            "post_logout_redirect_uri": request.build_absolute_uri(
                reverse("account_login")
            ),
        }
    )
    return f"{endpoint}?{query}"
