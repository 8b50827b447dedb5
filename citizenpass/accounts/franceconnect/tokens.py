"""Strict checks of the JWTs FranceConnect v2 signs: ID token and userinfo.

Only asymmetric signatures from the provider's JWKS are accepted: an unsigned token,
``alg=none`` or an HMAC token (which anyone holding the client secret could forge) is
refused, as are a wrong issuer or audience, an expired token, a wrong nonce and an
eIDAS level lower than the one requested.
"""

import hmac

import jwt
from django.utils.translation import gettext_lazy as _

ALLOWED_ALGORITHMS = ["RS256", "ES256"]
EIDAS_LEVELS = ["eidas1", "eidas2", "eidas3"]


class FranceConnectRefused(Exception):
    """A FranceConnect answer we refuse; ``message`` is shown to the person."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _signing_key(token: str, jwks: dict):
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as error:
        raise FranceConnectRefused(
            _("FranceConnect sent an unreadable answer.")
        ) from error
    if header.get("alg") not in ALLOWED_ALGORITHMS:
        raise FranceConnectRefused(
            _("FranceConnect sent an answer that is not properly signed.")
        )
    keys = [key for key in jwks.get("keys", []) if key.get("kid") == header.get("kid")]
    if not keys:
        raise FranceConnectRefused(
            _("FranceConnect sent an answer signed with an unknown key.")
        )
    return jwt.PyJWK(keys[0]).key, header["alg"]


def decode_signed(token: str, *, jwks: dict, issuer: str, client_id: str) -> dict:
    """Verify signature, issuer, audience and expiry of a JWT from FranceConnect."""
    key, algorithm = _signing_key(token, jwks)
    try:
        return jwt.decode(
            token,
            key=key,
            algorithms=[algorithm],
            issuer=issuer,
            audience=client_id,
            options={"require": ["iss", "aud", "sub"]},
            leeway=30,
        )
    except jwt.ExpiredSignatureError as error:
        raise FranceConnectRefused(
            _("Your FranceConnect sign-in has expired. Please try again.")
        ) from error
    except (jwt.InvalidIssuerError, jwt.InvalidAudienceError) as error:
        raise FranceConnectRefused(
            _("This FranceConnect answer was not meant for CitizenPass.")
        ) from error
    except jwt.PyJWTError as error:
        raise FranceConnectRefused(
            _("FranceConnect sent an answer that is not properly signed.")
        ) from error


def verify_id_token(
    token: str,
    *,
    jwks: dict,
    issuer: str,
    client_id: str,
    nonce: str | None,
    required_acr: str,
) -> dict:
    """The claims of a valid ID token, or :class:`FranceConnectRefused`."""
    claims = decode_signed(token, jwks=jwks, issuer=issuer, client_id=client_id)
    if "exp" not in claims:
        raise FranceConnectRefused(
            _("Your FranceConnect sign-in has expired. Please try again.")
        )
    if not nonce or not hmac.compare_digest(str(claims.get("nonce", "")), nonce):
        raise FranceConnectRefused(
            _(
                "This FranceConnect answer does not match your sign-in. Please try again."
            )
        )
    acr = claims.get("acr")
    if acr not in EIDAS_LEVELS or EIDAS_LEVELS.index(acr) < EIDAS_LEVELS.index(
        required_acr
    ):
        raise FranceConnectRefused(
            _("The identity provider you chose is not secure enough for CitizenPass.")
        )
    return claims
