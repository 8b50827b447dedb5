"""What account deletion does to personal data and to the access log.

Registered in ``ACCOUNT_DELETION_HANDLERS``; each handler is called with ``user=`` inside
the deletion transaction (:func:`citizenpass.accounts.actions.do_delete_account`), so a
failure anywhere leaves everything as it was.

**Retention rule for personal records** (on the day of the deletion):

- a record whose source relies on the resident's **consent** is erased at once: the
  deletion withdraws that consent, whatever the retention period;
- a record whose retention period is over (``retained_until`` before today) is erased;
- any other record is still needed by its source (legal obligation, public task,
  contract…): it is **detached** (``resident`` set to ``NULL``, ``detached_at`` set), so
  it is linked to no person any more and shows nowhere in the portal, and
  ``manage.py purge_detached_records`` (daily cron) erases it the day after its
  ``retained_until``.

Corrections of a record go with it, and so do the person's record counts. Family links, co-parent invitations sent by the
person and mandates they gave or received are removed with the account (their foreign
keys cascade); invitations addressed to their email, still unanswered, are removed too.

**Access log**: events about the person stay (the ids stay, the account link is set to
``NULL``); events where they read someone else's data as helper, guardian or agent keep
the id but their name is replaced by a pseudonym (see
:mod:`citizenpass.records.access_log`), and the chains still verify.
"""

import datetime

from django.db.models import Q
from django.utils import timezone

from citizenpass.records.access_log import pseudonymise_actor
from citizenpass.records.models import (
    CoParentInvitation,
    LegalBasis,
    PersonalRecord,
    RecordTally,
    retention_end,
)

_BATCH = 2000


def _erase(record_ids: list[int]) -> None:
    for start in range(0, len(record_ids), _BATCH):
        PersonalRecord.objects.filter(
            pk__in=record_ids[start : start + _BATCH]
        ).delete()


def erase_or_detach_records(*, user, today: datetime.date | None = None) -> None:
    """Erase the person's records that may go, detach the ones a source must keep."""
    today = today or timezone.localdate()
    erase, detach = [], []
    rows = PersonalRecord.objects.filter(resident=user).values_list(
        "pk",
        "occurred_on",
        "period_end",
        "source__retention_months",
        "source__legal_basis",
    )
    for pk, occurred_on, period_end, months, legal_basis in rows.iterator():
        if (
            legal_basis == LegalBasis.CONSENT
            or retention_end(period_end or occurred_on, months) < today
        ):
            erase.append(pk)
        else:
            detach.append(pk)
    _erase(erase)
    for start in range(0, len(detach), _BATCH):
        PersonalRecord.objects.filter(pk__in=detach[start : start + _BATCH]).update(
            resident=None, detached_at=timezone.now()
        )
    # What is left of the person's record counts: rows summing to nothing.
    RecordTally.objects.filter(resident_id=user.pk).delete()
    CoParentInvitation.objects.filter(
        email__iexact=user.email, accepted_at__isnull=True
    ).delete()


def pseudonymise_access_log(*, user) -> None:
    """Replace the person's name where they read someone else's data."""
    pseudonymise_actor(user.pk)


def purge_detached_records(*, today: datetime.date | None = None) -> int:
    """Erase detached records whose retention period is over; how many went."""
    today = today or timezone.localdate()
    rows = PersonalRecord.objects.filter(
        Q(resident__isnull=True) & Q(detached_at__isnull=False)
    ).values_list("pk", "occurred_on", "period_end", "source__retention_months")
    expired = [
        pk
        for pk, occurred_on, period_end, months in rows.iterator()
        if retention_end(period_end or occurred_on, months) < today
    ]
    _erase(expired)
    return len(expired)
