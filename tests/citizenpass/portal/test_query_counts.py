"""The dashboard and "My data" pages run as many queries for 10 as for 10,000 records."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from citizenpass.records.freshness import records_changed
from citizenpass.records.models import Domain, PersonalRecord
from tests.citizenpass.records.factories import (
    DataSourceFactory,
    MandateFactory,
    RecordKindFactory,
    ResidentFactory,
)
from tests.support.logins import log_in

pytestmark = pytest.mark.django_db

PAGES = [
    reverse("portal:dashboard"),
    reverse("portal:domain_records", args=["water"]),
    reverse("portal:domain_records", args=["water"]) + "?page=2&date_from=2000-01-01",
    reverse("portal:timeline"),
]


def _add_records(resident, kinds, count, start=0):
    today = datetime.date.today()
    PersonalRecord.objects.bulk_create(
        [
            PersonalRecord(
                resident=resident,
                source=kinds[n % len(kinds)].source,
                kind=kinds[n % len(kinds)],
                domain=kinds[n % len(kinds)].source.domain,
                occurred_on=today - datetime.timedelta(days=n % 3000),
                title=f"Record {n}",
                value=Decimal(n % 50),
                unit="m³",
                payload={"meter": "M"},
                external_id=f"q-{resident.pk}-{n}",
            )
            for n in range(start, start + count)
        ],
        batch_size=2000,
    )


def _query_counts(client) -> list[int]:
    counts = []
    for url in PAGES:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts.append(len(queries))
    return counts


@pytest.mark.parametrize("as_helper", [False, True], ids=["resident", "helper"])
def test_pages_run_the_same_queries_for_10_and_10000_records(
    client, as_helper, django_capture_on_commit_callbacks
):
    resident = ResidentFactory()
    kinds = [
        RecordKindFactory(source=DataSourceFactory(domain=domain))
        for domain in (Domain.WATER, Domain.ENERGY, Domain.MOBILITY)
    ]
    kinds.append(RecordKindFactory(source=kinds[0].source))
    if as_helper:
        helper = ResidentFactory()
        MandateFactory(
            resident=resident, helper=helper, domains=["water", "energy", "mobility"]
        )
        log_in(client, helper)
        client.post(reverse("portal:start_acting_for"), {"resident": resident.pk})
    else:
        log_in(client, resident)
    _add_records(resident, kinds, 10)
    client.get(PAGES[0])  # warm the per-process caches (content types, sites)
    # As every write path does once it commits: the cards are drawn again, both times.
    with django_capture_on_commit_callbacks(execute=True):
        records_changed([resident.pk])
    with_10 = _query_counts(client)
    _add_records(resident, kinds, 9_990, start=10)
    with django_capture_on_commit_callbacks(execute=True):
        records_changed([resident.pk])
    with_10000 = _query_counts(client)
    assert with_10 == with_10000
