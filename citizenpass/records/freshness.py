"""When a resident's records last changed, so that summaries of them can be cached.

Every code path that writes, corrects, attaches or deletes personal records calls
:func:`records_changed` with the residents it touched, in the same transaction. It
stamps ``User.records_changed_at``, which comes along with the user row every page
loads anyway: a summary cached under :func:`records_version` is never served once the
records behind it have changed, and checking costs no query.
"""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.utils import timezone

from citizenpass.accounts.authentication import forget_users


def records_changed(resident_ids: Iterable[int | None]) -> None:
    """Mark the records of these residents as changed (one UPDATE for all of them)."""
    ids = {resident_id for resident_id in resident_ids if resident_id is not None}
    if ids:
        get_user_model().objects.filter(pk__in=ids).update(
            records_changed_at=timezone.now()
        )
        forget_users(ids)


def records_version(resident) -> str:
    """A token that changes whenever the resident's records change."""
    changed_at = resident.records_changed_at
    return changed_at.isoformat() if changed_at else "never"
