"""The access log: who read or exported a resident's data, and why.

Every read of a resident's data by anyone other than the resident calls
:func:`log_access` inside the transaction that reads the data, so that the read and its
log row are committed together or not at all.

Each resident's events are chained: an event's hash covers its content and the previous
event's hash. Concurrent writers for one resident are serialised by a transaction-level
advisory lock on PostgreSQL (SQLite serialises writers already: the project opens its
transactions with ``BEGIN IMMEDIATE``); the unique ``(resident_ref, sequence)`` pair
refuses a fork in any case.

**Pseudonymisation.** An event shows who read the data (``actor_label``: a helper's,
guardian's or agent's name). When that person deletes their account, the name must go
while the chain stays verifiable. So the hash never covers the label itself but
``actor_label_digest`` = SHA-256(``actor_label_salt`` + label), with a random salt per
event: verification recomputes the digest from salt and label (an edited label is
caught), and :func:`pseudonymise_actor` replaces the label with "Deleted account
#<short id>" (in the language of the log's resident) and forgets the salt. The digest
left in the chain then cannot be matched against a list of names, and a pseudonymised
label is checked against the pseudonyms its ``actor_ref`` can have. A keyed digest
(HMAC with a server key) was not chosen: every chain would depend on a key nobody
could ever rotate. Ids (``resident_ref``, ``actor_ref``) stay: they identify nobody
once the account is gone. Events logged before this rule were re-sealed by migration
``records.0003`` only where their chain was intact; a broken chain stays broken.
"""

import datetime
import hashlib
import json
import secrets
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.utils import timezone, translation
from django.utils.translation import gettext as _

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


def label_digest(salt: str, label: str) -> str:
    """What the hash covers of ``actor_label``: SHA-256 of the salt and the label."""
    return hashlib.sha256(f"{salt}\n{label}".encode()).hexdigest()


def actor_pseudonym(actor_ref: int, language: str) -> str:
    """The name shown for a deleted account, e.g. "Deleted account #3f9a1c2e".

    The short id derives from the actor id (kept in the row anyway): the reader can tell
    two deleted accounts apart, and nothing else about the person remains.
    """
    short_id = hashlib.sha256(f"access-log-actor:{actor_ref}".encode()).hexdigest()[:8]
    with translation.override(language):
        return _("Deleted account #%(id)s") % {"id": short_id}


def hashed_content(event: AccessEvent) -> dict:
    """The fields of an event its hash covers (the label only through its digest)."""
    return {
        "resident": event.resident_ref,
        "sequence": event.sequence,
        "actor": event.actor_ref,
        "actor_label_digest": event.actor_label_digest,
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
) -> AccessEvent | None:
    """Append one event to ``resident``'s access log, in the caller's transaction.

    ``role`` is an :class:`AccessEvent.Role`; ``what`` says which data was read (no
    personal data in it beyond what the resident sees anyway; never someone's name),
    ``purpose`` why. Data detached from a deleted account (``resident`` is ``None``)
    belongs to nobody's log: nothing is written and ``None`` is returned.
    """
    if not connection.in_atomic_block:
        raise AccessLogOutsideTransaction(
            "log_access must run inside the transaction that reads the data."
        )
    if resident is None:
        return None
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
    actor_label = (str(actor) if actor is not None else "")[:200]
    salt = secrets.token_hex(16)
    event = AccessEvent(
        resident=resident,
        resident_ref=resident.pk,
        sequence=sequence,
        actor=actor,
        actor_ref=actor.pk if actor is not None else None,
        actor_label=actor_label,
        actor_label_salt=salt,
        actor_label_digest=label_digest(salt, actor_label),
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
        if not _label_holds(event):
            yield BrokenLink(
                event.resident_ref,
                event.sequence,
                event.pk,
                "actor label does not match its digest",
            )
        if event_hash(event.previous_hash, hashed_content(event)) != event.hash:
            yield BrokenLink(
                event.resident_ref,
                event.sequence,
                event.pk,
                "content does not match its hash",
            )
        expected_sequence, previous_hash = event.sequence + 1, event.hash


def _label_holds(event: AccessEvent) -> bool:
    """The shown label is the one the chain covers, or the actor's pseudonym."""
    if event.actor_label_salt:
        return (
            label_digest(event.actor_label_salt, event.actor_label)
            == event.actor_label_digest
        )
    return event.actor_ref is not None and event.actor_label in {
        actor_pseudonym(event.actor_ref, code) for code, _name in settings.LANGUAGES
    }


def pseudonymise_actor(actor_ref: int) -> int:
    """Replace a deleted account's name in every event it appears in as the actor.

    Each event gets the pseudonym in its resident's language (the language of the
    site when that resident is gone too); returns how many events changed. This is
    the only update the access log allows; the chains still verify afterwards.
    """
    changed = 0
    events = AccessEvent.objects.filter(actor_ref=actor_ref)
    for code, _name in settings.LANGUAGES:
        changed += events.filter(
            resident__preferred_language=code
        ).pseudonymise_actor_label(
            actor_ref=actor_ref, pseudonym=actor_pseudonym(actor_ref, code)
        )
    changed += events.pseudonymise_actor_label(
        actor_ref=actor_ref,
        pseudonym=actor_pseudonym(actor_ref, settings.LANGUAGE_CODE),
    )
    return changed
