"""The FranceConnect provider: nonce, acr_values, accounts keyed on issuer and sub."""

import secrets
from urllib.parse import urlencode

from allauth.account.models import EmailAddress
from allauth.socialaccount.providers.openid_connect.provider import (
    OpenIDConnectProvider,
)
from django.conf import settings
from django.urls import reverse

from citizenpass.accounts.franceconnect.views import FranceConnectOAuth2Adapter


class FranceConnectProvider(OpenIDConnectProvider):
    id = "franceconnect"
    name = "FranceConnect"
    oauth2_adapter_class = FranceConnectOAuth2Adapter

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.name = "FranceConnect"

    def get_login_url(self, request, **kwargs):
        url = reverse("franceconnect_login")
        return f"{url}?{urlencode(kwargs)}" if kwargs else url

    def get_callback_url(self):
        return reverse("franceconnect_callback")

    def get_oauth2_adapter(self, request):
        return self.oauth2_adapter_class(request)

    def get_default_scope(self):
        return ["openid", "given_name", "family_name", "email", "birthdate"]

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        # At least 22 characters (FranceConnect's rule): 43 here.
        nonce = secrets.token_urlsafe(32)
        auth_params = {
            **(kwargs.pop("auth_params", None) or self.get_auth_params()),
            "nonce": nonce,
            "acr_values": settings.FRANCECONNECT_ACR,
            "prompt": "login consent",
        }
        return super().redirect(
            request,
            process,
            next_url,
            data,
            auth_params=auth_params,
            nonce=nonce,
            **kwargs,
        )

    def extract_uid(self, data):
        """Issuer and ``sub``: never the email, which can change or be shared."""
        claims = data["id_token"]
        return f"{claims['iss']}|{claims['sub']}"

    def extract_common_fields(self, data):
        userinfo = data.get("userinfo") or {}
        return {
            "email": userinfo.get("email"),
            "first_name": userinfo.get("given_name", ""),
            "last_name": userinfo.get("family_name", ""),
        }

    def extract_email_addresses(self, data):
        # Verified by FranceConnect's identity provider. Never used to link to an
        # existing account (SOCIALACCOUNT_EMAIL_AUTHENTICATION is off): an address
        # already taken makes allauth ask for another one.
        email = (data.get("userinfo") or {}).get("email")
        return [EmailAddress(email=email, verified=True, primary=True)] if email else []


provider_classes = [FranceConnectProvider]
