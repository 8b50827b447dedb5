"""When a resident's records last changed, so that summaries of them can be cached.

Every code path that writes, corrects, attaches or deletes personal records calls
:func:`records_changed` with the residents it touched. Once the write commits, it
stamps ``User.records_changed_at``, which comes along with the user row every page
loads anyway: a summary cached under :func:`records_version` is never served once the
records behind it have changed, and checking costs no query.

The stamp waits for the commit so that an import holds no lock on the residents'
account rows while it runs (a 50,000-line batch takes seconds; signing in writes to
that row). A page drawn between the commit and the stamp, a moment later, may still
show a summary kept under the old stamp; the next one shows the new records.
"""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from citizenpass.accounts.authentication import forget_users


def records_changed(resident_ids: Iterable[int | None]) -> None:
    """Mark the records of these residents as changed once the transaction commits."""
    ids = {resident_id for resident_id in resident_ids if resident_id is not None}
    if ids:
        transaction.on_commit(lambda: _stamp(ids))


def _stamp(ids: set[int]) -> None:
    """One UPDATE for all the residents; their cached account rows are dropped."""
    get_user_model().objects.filter(pk__in=ids).update(
        records_changed_at=timezone.now()
    )
    forget_users(ids)


def records_version(resident) -> str:
    """A token that changes whenever the resident's records change."""
    changed_at = resident.records_changed_at
    return changed_at.isoformat() if changed_at else "never"
