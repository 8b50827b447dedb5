"""How many records a resident has, per domain and source.

On PostgreSQL the counts come from :class:`~citizenpass.records.models.RecordTally`,
which triggers keep in step with every write to the records (migration
``records.0006``): reading a resident's counts reads a few rows instead of counting
their records. Elsewhere, and for a period (the tally counts all dates), the records
are counted.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count

from citizenpass.records.models import PersonalRecord, RecordTally

# Residents with more tally rows than this get them folded into one row per (domain,
# source) by ``manage.py fold_record_tallies``: each import that touches a resident
# adds rows. The rows of accounts deleted without the deletion handlers (their records
# went by cascade: the rows sum to zero) are folded away too.
FOLD_ABOVE = 16

_FOLD = (
    "WITH crowded AS (SELECT t.resident_id FROM {tally} t GROUP BY t.resident_id "
    "HAVING count(*) > %s "
    "OR NOT EXISTS (SELECT 1 FROM {accounts} a WHERE a.id = t.resident_id)), "
    "folded AS (DELETE FROM {tally} t USING crowded c "
    "WHERE t.resident_id = c.resident_id "
    "RETURNING t.resident_id, t.domain, t.source_id, t.delta), "
    "summed AS (INSERT INTO {tally} (resident_id, domain, source_id, delta) "
    "SELECT resident_id, domain, source_id, sum(delta) FROM folded "
    "GROUP BY 1, 2, 3 HAVING sum(delta) <> 0 RETURNING 1) "
    "SELECT (SELECT count(*) FROM folded) - (SELECT count(*) FROM summed)"
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


def fold_tallies(above: int = FOLD_ABOVE) -> int:
    """Replace the tally rows of residents with more than ``above``, or without an
    account any more, by their sums (none when zero), in one statement; returns how
    many rows went.

    Rows written meanwhile are not seen, so they stay; a fold running at the same time
    finds the rows gone and adds nothing for them. The counts read are the same before
    and after."""
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            _FOLD.format(
                tally=RecordTally._meta.db_table,
                accounts=get_user_model()._meta.db_table,
            ),
            [above],
        )
        return cursor.fetchone()[0]
