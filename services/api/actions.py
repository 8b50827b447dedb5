"""Changes made through the API or for it: tokens, pairing, record corrections."""

import datetime
import hashlib
import logging
import secrets
from decimal import Decimal

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from citizenpass.records.actions import (
    RecordInput,
    upsert_record,
    validate_record_input,
)
from citizenpass.records.freshness import records_changed
from citizenpass.records.models import DataSource, PersonalRecord, RecordKind
from services.catalogue.models import Service

from . import signals
from .models import ApiToken, PairingCode, PendingRecord, ResidentLink, Scope
from .tokens import digest, new_token

logger = logging.getLogger(__name__)

# Crockford's base32 without I, L, O, U: read aloud or from paper without confusion.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12  # 60 bits
PAIRING_CODE_LIFETIME = datetime.timedelta(days=90)
PAIRING_ATTEMPTS = 5
PAIRING_WINDOW_SECONDS = 15 * 60


@transaction.atomic
def create_token(
    *,
    organisation,
    name: str,
    scopes: list[str],
    created_by=None,
    calls_per_minute: int = 600,
) -> tuple[ApiToken, str]:
    """Make a token; returns it and its secret, which is shown once and never stored."""
    unknown = set(scopes) - set(Scope.values)
    if unknown or not scopes:
        raise ValidationError({"scopes": _("Choose at least one known scope.")})
    secret = new_token()
    token = ApiToken.objects.create(
        organisation=organisation,
        name=name,
        prefix=secret[:10],
        digest=digest(secret),
        scopes=[code for code in Scope.values if code in set(scopes)],
        created_by=created_by,
        calls_per_minute=calls_per_minute,
    )
    logger.info("API token %s created for organisation %s", token.pk, organisation.pk)
    return token, secret


@transaction.atomic
def revoke_token(*, token: ApiToken) -> ApiToken:
    """Stop a token at once (a second call changes nothing)."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        logger.info("API token %s revoked", token.pk)
    return token


def normalise_code(code: str) -> str:
    """Upper case, without spaces and dashes; O→0, I and L→1 as people mistype them."""
    cleaned = "".join(code.split()).replace("-", "").upper()
    return cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


def code_digest(code: str) -> str:
    return hashlib.sha256(f"pairing:{normalise_code(code)}".encode()).hexdigest()


def format_code(code: str) -> str:
    """``ABCD-EFGH-JKMN``: easier to copy from paper."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


@transaction.atomic
def issue_pairing_code(*, organisation, identifier: str) -> tuple[PairingCode, str]:
    """A one-time code pairing a resident with ``identifier``; returns it and the code."""
    identifier = identifier.strip()
    if not identifier or len(identifier) > 64:
        raise ValidationError({"resident": _("Give the resident's identifier.")})
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    pairing_code = PairingCode.objects.create(
        organisation=organisation,
        identifier=identifier,
        digest=code_digest(code),
        expires_at=timezone.now() + PAIRING_CODE_LIFETIME,
    )
    return pairing_code, format_code(code)


class TooManyAttempts(Exception):
    """Too many pairing attempts for this account; wait before the next one."""


def _count_attempt(resident) -> None:
    key = f"pairing-attempts:{resident.pk}"
    cache.add(key, 0, timeout=PAIRING_WINDOW_SECONDS)
    try:
        attempts = cache.incr(key)
    except ValueError:
        cache.add(key, 1, timeout=PAIRING_WINDOW_SECONDS)
        attempts = 1
    if attempts > PAIRING_ATTEMPTS:
        raise TooManyAttempts


def redeem_pairing_code(*, resident, code: str) -> ResidentLink:
    """Pair ``resident`` with the identifier a code was issued for, and attach the
    records waiting for it. Attempts are limited per account (5 per 15 minutes)."""
    _count_attempt(resident)
    return _pair(resident=resident, code=code)


@transaction.atomic
def _pair(*, resident, code: str) -> ResidentLink:
    pairing_code = (
        PairingCode.objects.select_for_update()
        .select_related("organisation")
        .filter(digest=code_digest(code), used_at__isnull=True)
        .first()
    )
    if pairing_code is None or pairing_code.expires_at <= timezone.now():
        raise ValidationError(_("This code is not valid or was already used."))
    organisation = pairing_code.organisation
    existing = ResidentLink.objects.filter(
        organisation=organisation, identifier=pairing_code.identifier
    ).first()
    if existing is not None and existing.resident_id != resident.pk:
        raise ValidationError(
            _("This file is already paired with another account. Ask %(name)s.")
            % {"name": organisation}
        )
    if existing is None:
        try:
            with transaction.atomic():
                existing = ResidentLink.objects.create(
                    organisation=organisation,
                    identifier=pairing_code.identifier,
                    resident=resident,
                )
        except IntegrityError:
            raise ValidationError(
                _("Your account is already paired with another file of %(name)s.")
                % {"name": organisation}
            ) from None
    pairing_code.used_at = timezone.now()
    pairing_code.save(update_fields=["used_at"])
    attached = attach_waiting_records(link=existing)
    logger.info(
        "Resident paired with organisation %s (%s records attached)",
        organisation.pk,
        attached,
    )
    transaction.on_commit(
        lambda: signals.resident_paired.send(sender=ResidentLink, link=existing)
    )
    return existing


def attach_waiting_records(*, link: ResidentLink) -> int:
    """Move the records waiting for a paired identifier to the resident."""
    waiting = PendingRecord.objects.filter(
        source__organisation_id=link.organisation_id, identifier=link.identifier
    ).select_related("source")
    records = [
        PersonalRecord(
            resident_id=link.resident_id,
            source=pending.source,
            kind_id=pending.kind_id,
            domain=pending.source.domain,
            occurred_on=pending.occurred_on,
            period_end=pending.period_end,
            title=pending.title,
            value=pending.value,
            unit=pending.unit,
            payload=pending.payload,
            external_id=pending.external_id,
            created_at=pending.received_at,
        )
        for pending in waiting
    ]
    PersonalRecord.objects.bulk_create(records, batch_size=500)
    records_changed([link.resident_id])
    waiting.delete()
    return len(records)


@transaction.atomic
def correct_record(
    *, source: DataSource, external_id: str, data: RecordInput, reason: str
) -> PersonalRecord | PendingRecord:
    """Correct one record (the history keeps what it replaced)."""
    validate_record_input(source=source, data=data)
    record = (
        PersonalRecord.objects.select_related("resident")
        .filter(source=source, external_id=external_id, resident__isnull=False)
        .first()
    )
    if record is not None:
        updated, _created = upsert_record(
            resident=record.resident, source=source, data=data, reason=reason
        )
        return updated
    pending = PendingRecord.objects.filter(
        source=source, external_id=external_id
    ).first()
    if pending is None:
        raise PersonalRecord.DoesNotExist
    for name in ("occurred_on", "period_end", "title", "value", "payload"):
        setattr(pending, name, getattr(data, name))
    pending.kind = data.kind
    pending.unit = data.unit or data.kind.unit
    pending.payload = data.payload or {}
    pending.save()
    return pending


@transaction.atomic
def delete_record(*, source: DataSource, external_id: str) -> bool:
    """Delete one record of a source, paired or waiting; False when there is none."""
    records = PersonalRecord.objects.filter(source=source, external_id=external_id)
    records_changed(records.values_list("resident_id", flat=True))
    deleted, _ = records.delete()
    waiting, _ = PendingRecord.objects.filter(
        source=source, external_id=external_id
    ).delete()
    return bool(deleted or waiting)


def to_decimal(value: float) -> Decimal:
    """A JSON number as stored (three decimals)."""
    return Decimal(repr(value)).quantize(Decimal("0.001"))


@transaction.atomic
def save_service(*, organisation, slug: str, fields: dict) -> Service:
    """Create or change a service of ``organisation`` (another's slug is refused)."""
    service = Service.objects.filter(slug=slug).first()
    if service is not None and service.owner_id != organisation.pk:
        raise ValidationError({"slug": _("This short name is already taken.")})
    if service is None:
        service = Service(owner=organisation, slug=slug)
    for name, value in fields.items():
        if name != "slug":
            setattr(service, name, value)
    service.full_clean(exclude=["communes"])
    service.save()
    return service


@transaction.atomic
def create_source(*, organisation, fields: dict) -> DataSource:
    """Declare a data source of ``organisation``."""
    if DataSource.objects.filter(slug=fields["slug"]).exists():
        raise ValidationError({"slug": _("This short name is already taken.")})
    source = DataSource(organisation=organisation, **fields)
    source.full_clean()
    source.save()
    return source


@transaction.atomic
def save_kind(*, source: DataSource, code: str, fields: dict) -> RecordKind:
    """Declare or change a record kind of ``source`` and its payload schema."""
    kind = RecordKind.objects.filter(source=source, code=code).first() or RecordKind(
        source=source, code=code
    )
    for name, value in fields.items():
        setattr(kind, name, value)
    kind.full_clean()
    kind.save()
    return kind
