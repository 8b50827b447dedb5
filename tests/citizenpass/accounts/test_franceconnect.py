"""FranceConnect v2 against a fake provider that signs with a key made in the test."""

import json
import time
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from allauth.socialaccount.models import SocialAccount
from cryptography.hazmat.primitives.asymmetric import rsa
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from citizenpass.accounts.models import User

pytestmark = pytest.mark.django_db

ISSUER = "https://fc.example.test/api/v2"
CLIENT_ID = "citizenpass-client"
CLIENT_SECRET = "client-secret-known-to-both-sides-0123456789"
KID = "test-key"


class FakeResponse:
    def __init__(self, body, status=200):
        self.status_code = status
        self.text = body if isinstance(body, str) else json.dumps(body)
        self.headers = {"content-type": "application/json"}
        self.content = self.text.encode()

    def json(self):
        return json.loads(self.text)

    def raise_for_status(self):
        assert self.status_code < 400


class FakeFranceConnect:
    """The provider's endpoints, answering from memory with a fresh RSA key."""

    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        self.jwks = {"keys": [{**public, "kid": KID, "alg": "RS256", "use": "sig"}]}
        self.nonce = None
        self.id_token_changes = {}
        self.id_token_encoder = None
        self.token_requests = []

    def claims(self, **changes):
        now = int(time.time())
        claims = {
            "iss": ISSUER,
            "aud": CLIENT_ID,
            "sub": "fc-sub-123",
            "iat": now,
            "exp": now + 60,
            "nonce": self.nonce,
            "acr": "eidas1",
        }
        claims.update(changes)
        return {k: v for k, v in claims.items() if v is not None}

    def sign(self, claims):
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": KID})

    def id_token(self):
        claims = self.claims(**self.id_token_changes)
        if self.id_token_encoder:
            return self.id_token_encoder(claims)
        return self.sign(claims)

    # requests.Session look-alike -------------------------------------------
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def get(self, url, headers=None, **kwargs):
        if url.endswith("/.well-known/openid-configuration"):
            return FakeResponse(
                {
                    "issuer": ISSUER,
                    "authorization_endpoint": f"{ISSUER}/authorize",
                    "token_endpoint": f"{ISSUER}/token",
                    "userinfo_endpoint": f"{ISSUER}/userinfo",
                    "jwks_uri": f"{ISSUER}/jwks",
                    "end_session_endpoint": f"{ISSUER}/session/end",
                    "token_endpoint_auth_methods_supported": ["client_secret_post"],
                }
            )
        if url.endswith("/jwks"):
            return FakeResponse(self.jwks)
        if url.endswith("/userinfo"):
            assert headers["Authorization"] == "Bearer access-token-1"
            return FakeResponse(
                self.sign(
                    self.claims(
                        nonce=None,
                        acr=None,
                        given_name="Nour",
                        family_name="Haddad",
                        email="nour.fc@example.fr",
                    )
                )
            )
        raise AssertionError(url)

    def request(self, method, url, data=None, auth=None, **kwargs):
        assert url.endswith("/token")
        self.token_requests.append({"data": data, "auth": auth})
        return FakeResponse(
            {
                "access_token": "access-token-1",
                "token_type": "Bearer",
                "expires_in": 60,
                "id_token": self.id_token(),
            }
        )

    post = request


@pytest.fixture
def provider(settings, monkeypatch):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "franceconnect": {
            "APPS": [
                {
                    "client_id": CLIENT_ID,
                    "secret": CLIENT_SECRET,
                    "settings": {"server_url": ISSUER},
                }
            ]
        }
    }
    fake = FakeFranceConnect()
    from allauth.socialaccount.adapter import DefaultSocialAccountAdapter

    monkeypatch.setattr(
        DefaultSocialAccountAdapter, "get_requests_session", lambda self: fake
    )
    return fake


def _start(client, provider):
    response = client.post("/fr/account/franceconnect/login/")
    assert response.status_code == 302
    query = parse_qs(urlparse(response["Location"]).query)
    provider.nonce = query["nonce"][0]
    return query


def _callback(client, query):
    return client.get(
        "/fr/account/franceconnect/login/callback/",
        {"code": "auth-code-1", "state": query["state"][0]},
    )


def test_authorization_request_sends_a_long_random_nonce_and_eidas1(client, provider):
    first = _start(client, provider)
    second = _start(client, provider)
    assert len(first["nonce"][0]) >= 22
    assert first["nonce"] != second["nonce"]
    assert first["acr_values"] == ["eidas1"]
    assert first["client_id"] == [CLIENT_ID]


def test_successful_sign_in_creates_an_account_keyed_on_issuer_and_sub(
    client, provider
):
    query = _start(client, provider)
    response = _callback(client, query)
    assert response.status_code == 302
    account = SocialAccount.objects.get(provider="franceconnect")
    assert account.uid == f"{ISSUER}|fc-sub-123"
    assert account.user.first_name == "Nour"
    assert client.session["_auth_user_id"] == str(account.user_id)
    # client_secret_post: the secret travels in the body, not in Basic auth.
    request = provider.token_requests[-1]
    assert request["data"]["client_secret"] == CLIENT_SECRET
    assert request["auth"] is None


def test_existing_account_with_the_same_email_is_not_linked(client, provider):
    User.objects.create_user(email="nour.fc@example.fr", password="x" * 16)
    query = _start(client, provider)
    _callback(client, query)
    assert not SocialAccount.objects.exists()
    assert "_auth_user_id" not in client.session


def test_logout_goes_through_the_end_session_endpoint(client, provider):
    query = _start(client, provider)
    _callback(client, query)
    id_token = client.session["franceconnect_id_token"]
    response = client.post("/fr/account/logout/")
    location = urlparse(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == (
        f"{ISSUER}/session/end"
    )
    assert parse_qs(location.query)["id_token_hint"] == [id_token]
    assert "_auth_user_id" not in client.session


def _unsigned(claims):
    return jwt.encode(claims, None, algorithm="none", headers={"kid": KID})


def _hs256(claims):
    return jwt.encode(claims, CLIENT_SECRET, algorithm="HS256", headers={"kid": KID})


def _no_signature(claims):
    return ".".join(_unsigned(claims).split(".")[:2]) + "."


MISMATCH = "This FranceConnect answer does not match your sign-in. Please try again."
BAD_SIGNATURE = "FranceConnect sent an answer that is not properly signed."
NOT_FOR_US = "This FranceConnect answer was not meant for CitizenPass."
EXPIRED = "Your FranceConnect sign-in has expired. Please try again."
TOO_WEAK = "The identity provider you chose is not secure enough for CitizenPass."


def _shown(message: str) -> str:
    """The message as the French page shows it (HTML-escaped)."""
    with translation.override("fr"):
        return escape(gettext(message))


REFUSALS = {
    "wrong nonce": ({"nonce": "another-nonce-0123456789abcdef"}, None, MISMATCH),
    "unsigned": ({}, _no_signature, BAD_SIGNATURE),
    "alg none": ({}, _unsigned, BAD_SIGNATURE),
    "hs256": ({}, _hs256, BAD_SIGNATURE),
    "wrong issuer": ({"iss": "https://evil.example"}, None, NOT_FOR_US),
    "wrong audience": ({"aud": "someone-else"}, None, NOT_FOR_US),
    "expired": ({"exp": int(time.time()) - 3600}, None, EXPIRED),
    "no acr": ({"acr": None}, None, TOO_WEAK),
}


@pytest.mark.parametrize("case", REFUSALS)
def test_bad_id_token_is_refused_with_no_account_nor_session(client, provider, case):
    changes, encoder, message = REFUSALS[case]
    provider.id_token_changes = changes
    provider.id_token_encoder = encoder
    query = _start(client, provider)
    if "nonce" in changes:
        provider.nonce = None
    response = _callback(client, query)
    assert response.status_code == 401
    assert _shown(message) in response.content.decode()
    assert not SocialAccount.objects.exists()
    assert not User.objects.exists()
    assert "_auth_user_id" not in client.session


def test_lower_acr_than_requested_is_refused(client, provider, settings):
    settings.FRANCECONNECT_ACR = "eidas2"
    query = _start(client, provider)
    assert query["acr_values"] == ["eidas2"]
    response = _callback(client, query)
    assert _shown(TOO_WEAK) in response.content.decode()
    assert not User.objects.exists()
