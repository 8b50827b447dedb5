"""Readers logging at the same moment for one resident still form one unbroken chain.

Each thread has its own database connection and transaction, as gunicorn workers
and task workers do; on PostgreSQL an advisory lock per resident orders them. The test
runs on PostgreSQL (as CI does): SQLite's in-memory test database refuses concurrent
writers outright ("database table is locked") instead of queueing them.
"""

import threading

import pytest
from django.db import connection, transaction

from citizenpass.records.access_log import log_access, verify_chain
from citizenpass.records.models import AccessEvent
from tests.citizenpass.records.factories import ResidentFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL)"
    ),
]

THREADS = 6
EVENTS_PER_THREAD = 5


def test_concurrent_readers_append_to_one_unbroken_chain():
    resident = ResidentFactory()
    helpers = [ResidentFactory() for _ in range(THREADS)]
    start = threading.Barrier(THREADS)
    errors = []

    def read_as(helper):
        try:
            start.wait()
            for number in range(EVENTS_PER_THREAD):
                with transaction.atomic():
                    log_access(
                        resident=resident,
                        actor=helper,
                        role=AccessEvent.Role.HELPER,
                        what=f"water records, page {number}",
                        purpose="Help under a mandate",
                    )
        except Exception as error:  # reported below, with the thread's failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=read_as, args=(h,)) for h in helpers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    sequences = list(
        AccessEvent.objects.filter(resident_ref=resident.pk)
        .order_by("sequence")
        .values_list("sequence", flat=True)
    )
    assert sequences == list(range(1, THREADS * EVENTS_PER_THREAD + 1))
    assert list(verify_chain()) == []
