"""Signed download links: they name one export and stop working when it expires."""

from django.core import signing
from django.utils import timezone

from citizenpass.exports.models import ExportJob

SALT = "citizenpass.exports.download"


class LinkExpired(Exception):
    """The link was genuine but its export is past its 24 hours."""


def download_token(job: ExportJob) -> str:
    """Token for the download link of a finished export, valid until it expires."""
    # No timestamp inside: the same export always gets the same link; its expiry is
    # part of the signed content.
    return signing.Signer(salt=SALT).sign_object(
        {"job": job.pk, "until": int(job.expires_at.timestamp())}
    )


def read_token(token: str) -> tuple[int, int]:
    """``(job id, expiry timestamp)`` of a genuine token; ``BadSignature`` otherwise."""
    data = signing.Signer(salt=SALT).unsign_object(token)
    if not isinstance(data, dict):
        raise signing.BadSignature("unexpected content")
    try:
        return int(data["job"]), int(data["until"])
    except (KeyError, TypeError, ValueError) as error:
        raise signing.BadSignature("unexpected content") from error


def check_not_expired(job: ExportJob, until: int) -> None:
    """Raise :class:`LinkExpired` unless the link and its export are still valid."""
    now = timezone.now()
    if (
        until < now.timestamp()
        or not job.is_downloadable
        or int(job.expires_at.timestamp()) != until
    ):
        raise LinkExpired
