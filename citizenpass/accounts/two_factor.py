"""Two-factor devices of a person (django-otp): TOTP apps and single-use backup codes."""

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.contrib.auth.base_user import AbstractBaseUser
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from citizenpass import per_user_cache

BACKUP_CODE_COUNT = 10
TOTP_DEVICE_NAME = "authenticator"
BACKUP_DEVICE_NAME = "backup"


HAS_TWO_FACTOR = per_user_cache.fact("has-two-factor")


def has_two_factor(user: AbstractBaseUser) -> bool:
    """Whether ``user`` has a confirmed authenticator app (cached, see signals)."""
    return per_user_cache.remember(
        HAS_TWO_FACTOR,
        user.pk,
        lambda: TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
    )


def must_use_two_factor_in_backoffice(user: AbstractBaseUser) -> bool:
    """Staff, administrators and anyone allowed in the Wagtail admin need a second factor."""
    return bool(
        user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")
    )


def pending_totp_device(user: AbstractBaseUser) -> TOTPDevice:
    """The unconfirmed authenticator being enrolled, created on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=TOTP_DEVICE_NAME, confirmed=False
        )
    return device


def key_as_text(device: TOTPDevice) -> str:
    """The secret in base32, grouped by four, as authenticator apps accept it typed."""
    key = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[index : index + 4] for index in range(0, len(key), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The provisioning address as an inline SVG QR code (drawn here, no request out)."""
    image = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8
    )
    return image.to_string(encoding="unicode")


def new_backup_codes(user: AbstractBaseUser) -> list[str]:
    """Replace the person's backup codes with ten new single-use ones."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=code) for code in codes
    )
    return codes


def is_totp_format(code: str) -> bool:
    """Six digits is an app code; anything else is tried as a backup code."""
    return len(code) == 6 and code.isdigit()


def normalise_code(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def verify_second_factor(user: AbstractBaseUser, code: str):
    """The device that accepts ``code`` (app code or backup code), or ``None``.

    Replays are refused (TOTP keeps the last step used; a backup code is deleted when
    used) and failures are throttled by django-otp, exponentially per device.
    """
    code = normalise_code(code)
    if not code:
        return None
    if is_totp_format(code):
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    else:
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
    for device in devices:
        if device.verify_token(code):
            return device
    return None


def is_throttled(user: AbstractBaseUser, code: str) -> bool:
    """Whether the devices ``code`` would be checked against are waiting after failures."""
    model = TOTPDevice if is_totp_format(normalise_code(code)) else StaticDevice
    return any(
        not device.verify_is_allowed()[0]
        for device in model.objects.filter(user=user, confirmed=True)
    )


def remove_two_factor(user: AbstractBaseUser) -> None:
    """Delete every device of ``user``."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
