"""Re-seal the access log so that its hashes cover a salted digest of ``actor_label``.

Before, an event's hash covered ``actor_label`` itself, so a deleted account's name
could not be replaced without breaking the chain. Each event now gets a random salt and
``actor_label_digest`` = SHA-256(salt + label), and the hash covers the digest instead.

A resident's chain is re-sealed only if it verifies under the old rule: a chain that was
already broken (tampered with) keeps its old hashes, so ``verify_access_log`` still
reports it. The hashing rules are frozen here, as they were when this ran.
"""

import datetime
import hashlib
import json
import secrets
from itertools import groupby

from django.db import migrations

GENESIS_HASH = "0" * 64


def _hash(previous_hash: str, content: dict) -> str:
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"{previous_hash}\n{canonical}".encode()).hexdigest()


def _label_digest(salt: str, label: str) -> str:
    return hashlib.sha256(f"{salt}\n{label}".encode()).hexdigest()


def _content(event, label_key: str, label_value: str) -> dict:
    return {
        "resident": event.resident_ref,
        "sequence": event.sequence,
        "actor": event.actor_ref,
        label_key: label_value,
        "role": event.role,
        "organisation": event.organisation_id,
        "organisation_label": event.organisation_label,
        "api_client": event.api_client_label,
        "what": event.what,
        "purpose": event.purpose,
        "at": event.created_at.astimezone(datetime.UTC).isoformat(),
    }


def _old_content(event) -> dict:
    return _content(event, "actor_label", event.actor_label)


def _new_content(event) -> dict:
    return _content(event, "actor_label_digest", event.actor_label_digest)


def _intact(events, content) -> bool:
    previous_hash = GENESIS_HASH
    for expected, event in enumerate(events, start=1):
        if event.sequence != expected or event.previous_hash != previous_hash:
            return False
        if _hash(event.previous_hash, content(event)) != event.hash:
            return False
        previous_hash = event.hash
    return True


def _reseal(apps, *, old_content, new_content, add_salt: bool) -> None:
    AccessEvent = apps.get_model("records", "AccessEvent")
    # The historical model's manager is a plain one: these writes are the migration's.
    events = AccessEvent._base_manager.order_by("resident_ref", "sequence")
    for _resident, chain in groupby(events.iterator(), key=lambda e: e.resident_ref):
        chain = list(chain)
        intact = _intact(chain, old_content)
        previous_hash = GENESIS_HASH
        for event in chain:
            if add_salt:
                event.actor_label_salt = secrets.token_hex(16)
                event.actor_label_digest = _label_digest(
                    event.actor_label_salt, event.actor_label
                )
            if intact:
                event.previous_hash = previous_hash
                event.hash = _hash(previous_hash, new_content(event))
                previous_hash = event.hash
        AccessEvent._base_manager.bulk_update(
            chain,
            ["actor_label_salt", "actor_label_digest", "previous_hash", "hash"],
            batch_size=1000,
        )


def forwards(apps, schema_editor):
    _reseal(apps, old_content=_old_content, new_content=_new_content, add_salt=True)


def backwards(apps, schema_editor):
    _reseal(apps, old_content=_new_content, new_content=_old_content, add_salt=False)


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0002_detached_records_and_access_label_digest"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
