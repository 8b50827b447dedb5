"""``Idempotency-Key``: a replay gets the stored answer, never a second effect.

The key is claimed in its own short transaction before the call runs, so two
concurrent calls with one key cannot both run: the second one gets 409. The same key
with another method, path or body gets 422. Answers of 5xx are not kept, so that the
client may try again.
"""

import hashlib

from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import IdempotencyKey
from .problems import problem_response

MAX_KEY_LENGTH = 255


def request_digest(request, body: bytes) -> str:
    digest = hashlib.sha256()
    digest.update(request.method.encode())
    digest.update(b"\0")
    digest.update(request.path.encode())
    digest.update(b"\0")
    digest.update(body)
    return digest.hexdigest()


def claim(request, organisation_id: int, key: str, body: bytes):
    """(claimed key, None) to run the call, or (None, answer) to send at once."""
    if not key or len(key) > MAX_KEY_LENGTH:
        return None, problem_response(
            422,
            "invalid-idempotency-key",
            _("Invalid Idempotency-Key"),
            _("The key must have 1 to 255 characters."),
        )
    fingerprint = request_digest(request, body)
    try:
        with transaction.atomic():
            claimed = IdempotencyKey.objects.create(
                organisation_id=organisation_id, key=key, request_digest=fingerprint
            )
        return claimed, None
    except IntegrityError:
        pass
    stored = IdempotencyKey.objects.filter(
        organisation_id=organisation_id, key=key
    ).first()
    if stored is None:  # released in the meantime (its call failed): try again
        return claim(request, organisation_id, key, body)
    if stored.request_digest != fingerprint:
        return None, problem_response(
            422,
            "idempotency-key-reused",
            _("Idempotency-Key already used"),
            _("This key was used for another request."),
        )
    if stored.completed_at is None:
        return None, problem_response(
            409,
            "idempotency-key-in-progress",
            _("Request still running"),
            _("A request with this key is still running; try again later."),
            headers={"Retry-After": "5"},
        )
    replay = HttpResponse(
        bytes(stored.response_body),
        status=stored.response_status,
        content_type=stored.response_content_type,
    )
    replay["Idempotent-Replayed"] = "true"
    return None, replay


def complete(claimed: IdempotencyKey, response) -> None:
    """Keep the answer of a finished call, or release the key after a server error."""
    if response.status_code >= 500 or getattr(response, "streaming", False):
        IdempotencyKey.objects.filter(pk=claimed.pk).delete()
        return
    IdempotencyKey.objects.filter(pk=claimed.pk).update(
        completed_at=timezone.now(),
        response_status=response.status_code,
        response_content_type=response.get("Content-Type", ""),
        response_body=response.content,
    )
