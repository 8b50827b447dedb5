"""Fixtures of the account tests: a resident with a verified email, codes from an app."""

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django_otp.oath import TOTP

from citizenpass.accounts.models import User

RESIDENT_PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _empty_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def resident(db):
    user = User.objects.create_user(
        email="camille@example.fr", password=RESIDENT_PASSWORD, first_name="Camille"
    )
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    return user


def app_code(device, offset_steps: int = 0) -> str:
    """The code an authenticator app shows now (or ``offset_steps`` steps later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = totp.time + offset_steps * device.step
    return f"{totp.token():06d}"
