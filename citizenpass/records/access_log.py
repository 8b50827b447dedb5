"""The access log: who read or exported a resident's data, and why.

Every read of a resident's data by anyone other than the resident calls
:func:`log_access` inside the transaction that reads the data, so that the read and its
log row are committed together or not at all.

Each resident's events are chained: an event's hash covers its content and the previous
event's hash. Concurrent writers for one resident are serialised by a transaction-level
advisory lock on PostgreSQL (SQLite serialises writers already: the project opens its
transactions with ``BEGIN IMMEDIATE``); the unique ``(resident_ref, sequence)`` pair
refuses a fork in any case.
"""

import datetime
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from citizenpass.records.models import AccessEvent

GENESIS_HASH = "0" * 64
# First key of PostgreSQL's two-key advisory locks taken by the access log.
_ADVISORY_LOCK_NAMESPACE = 0x0ACC


class AccessLogOutsideTransaction(RuntimeError):
    """``log_access`` was called outside the transaction that reads the data."""


def event_hash(previous_hash: str, content: dict) -> str:
    """SHA-256 of the previous hash and the event's content in canonical JSON."""
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"{previous_hash}\n{canonical}".encode()).hexdigest()


def hashed_content(event: AccessEvent) -> dict:
    """The fields of an event its hash covers."""
    return {
        "resident": event.resident_ref,
        "sequence": event.sequence,
        "actor": event.actor_ref,
        "actor_label": event.actor_label,
        "role": event.role,
        "organisation": event.organisation_id,
        "organisation_label": event.organisation_label,
        "api_client": event.api_client_label,
        "what": event.what,
        "purpose": event.purpose,
        "at": event.created_at.astimezone(datetime.UTC).isoformat(),
    }


def _lock_resident_chain(resident_id: int) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)",
                [_ADVISORY_LOCK_NAMESPACE, resident_id % 2_147_483_647],
            )


def log_access(
    *,
    resident,
    actor=None,
    role: str,
    what: str,
    purpose: str,
    organisation=None,
    api_client_label: str = "",
) -> AccessEvent:
    """Append one event to ``resident``'s access log, in the caller's transaction.

    ``role`` is an :class:`AccessEvent.Role`; ``what`` says which data was read (no
    personal data in it beyond what the resident sees anyway), ``purpose`` why.
    """
    if not connection.in_atomic_block:
        raise AccessLogOutsideTransaction(
            "log_access must run inside the transaction that reads the data."
        )
    role = AccessEvent.Role(role)
    if organisation is None and actor is not None:
        organisation = getattr(actor, "organisation", None)
    _lock_resident_chain(resident.pk)
    last = (
        AccessEvent.objects.filter(resident_ref=resident.pk)
        .order_by("-sequence")
        .values_list("sequence", "hash")
        .first()
    )
    sequence, previous_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    event = AccessEvent(
        resident=resident,
        resident_ref=resident.pk,
        sequence=sequence,
        actor=actor,
        actor_ref=actor.pk if actor is not None else None,
        actor_label=(str(actor) if actor is not None else "")[:200],
        role=role,
        organisation=organisation,
        organisation_label=str(organisation)[:200] if organisation else "",
        api_client_label=api_client_label[:200],
        what=what[:300],
        purpose=purpose[:300],
        # Microseconds are dropped so that every database gives back the hashed value.
        created_at=timezone.now().replace(microsecond=0),
        previous_hash=previous_hash,
    )
    event.hash = event_hash(previous_hash, hashed_content(event))
    event.save()
    return event


@dataclass(frozen=True)
class BrokenLink:
    """One place where a resident's chain does not hold."""

    resident_ref: int
    sequence: int
    event_id: int | None
    problem: str


def verify_chain() -> Iterator[BrokenLink]:
    """Every broken link of every resident's chain (nothing when the log is intact)."""
    events = AccessEvent.objects.order_by("resident_ref", "sequence").iterator(
        chunk_size=5000
    )
    current_resident = None
    expected_sequence, previous_hash = 1, GENESIS_HASH
    for event in events:
        if event.resident_ref != current_resident:
            current_resident = event.resident_ref
            expected_sequence, previous_hash = 1, GENESIS_HASH
        if event.sequence != expected_sequence:
            yield BrokenLink(
                event.resident_ref,
                expected_sequence,
                None,
                f"events {expected_sequence} to {event.sequence - 1} are missing",
            )
        if event.previous_hash != previous_hash:
            yield BrokenLink(
                event.resident_ref,
                event.sequence,
                event.pk,
                "does not point to the previous event",
            )
        if event_hash(event.previous_hash, hashed_content(event)) != event.hash:
            yield BrokenLink(
                event.resident_ref,
                event.sequence,
                event.pk,
                "content does not match its hash",
            )
        expected_sequence, previous_hash = event.sequence + 1, event.hash
