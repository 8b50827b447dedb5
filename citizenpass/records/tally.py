"""How many records a resident has, per domain and source.

On PostgreSQL the counts come from :class:`~citizenpass.records.models.RecordTally`,
which triggers keep in step with every write to the records (migration
``records.0006``): reading a resident's counts reads a few rows instead of counting
their records. Elsewhere, and for a period (the tally counts all dates), the records
are counted.
"""

import datetime
import logging

from django.db import DatabaseError, connection, transaction
from django.db.models import Count

from citizenpass.records.models import PersonalRecord, RecordTally

logger = logging.getLogger(__name__)

# Past this many tally rows for one resident, reading them also folds them into one
# row per (domain, source): a resident gets a row for every import that touches them.
FOLD_ABOVE = 64

_FOLD = (
    "WITH folded AS (DELETE FROM {tally} WHERE resident_id = %s "
    "RETURNING domain, source_id, delta) "
    "INSERT INTO {tally} (resident_id, domain, source_id, delta) "
    "SELECT %s, domain, source_id, sum(delta) FROM folded "
    "GROUP BY domain, source_id HAVING sum(delta) <> 0"
)


def counts_by_source(
    resident_id: int,
    domains: list[str],
    *,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> dict[tuple[str, int], int]:
    """``(domain, source id) → records`` of the resident in ``domains`` (and the
    period from ``start`` to ``end``, both included, when given); none left out."""
    if connection.vendor != "postgresql" or start or end:
        return _counted(resident_id, domains, start, end)
    rows = list(
        RecordTally.objects.filter(resident_id=resident_id).values_list(
            "domain", "source_id", "delta"
        )
    )
    if len(rows) > FOLD_ABOVE and not connection.in_atomic_block:
        _fold(resident_id)
    wanted = set(domains)
    counts: dict[tuple[str, int], int] = {}
    for domain, source_id, delta in rows:
        if domain in wanted:
            counts[(domain, source_id)] = counts.get((domain, source_id), 0) + delta
    return {key: count for key, count in counts.items() if count}


def _counted(resident_id, domains, start, end) -> dict[tuple[str, int], int]:
    records = PersonalRecord.objects.filter(resident_id=resident_id, domain__in=domains)
    if start:
        records = records.filter(occurred_on__gte=start)
    if end:
        records = records.filter(occurred_on__lte=end)
    return {
        (domain, source_id): count
        for domain, source_id, count in records.order_by()
        .values_list("domain", "source_id")
        .annotate(count=Count("id"))
    }


def _fold(resident_id: int) -> None:
    """Replace the resident's tally rows by their sums, in one statement.

    Rows written meanwhile are not seen, so they stay; a fold running at the same
    time finds the rows gone and adds nothing. Outside any caller's transaction only,
    so that the rows are not held locked while the caller goes on; a fold that fails
    is left for the next read."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                _FOLD.format(tally=RecordTally._meta.db_table),
                [resident_id, resident_id],
            )
    except DatabaseError as error:  # the class only: the message may name the person
        logger.warning("Record tally not folded: %s", type(error).__name__)
