"""A resident's record counts per domain and source: the tally PostgreSQL keeps must
always equal counting the records, whatever wrote them."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection

from citizenpass.accounts.actions import do_delete_account
from citizenpass.records import tally
from citizenpass.records.models import Domain, PersonalRecord, RecordTally
from citizenpass.records.tally import counts_by_source
from tests.citizenpass.records.factories import (
    DataSourceFactory,
    PersonalRecordFactory,
    RecordKindFactory,
    ResidentFactory,
)

pytestmark = pytest.mark.django_db

ALL_DOMAINS = list(Domain.values)
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the tally is kept by PostgreSQL's triggers: needs DATABASE_URL",
)


def _counted(resident) -> dict:
    """What counting the records gives: the truth the tally must match."""
    return tally._counted(resident.pk, ALL_DOMAINS, None, None)


@pytest.fixture
def water():
    return RecordKindFactory(source=DataSourceFactory(domain=Domain.WATER))


@pytest.fixture
def energy():
    return RecordKindFactory(source=DataSourceFactory(domain=Domain.ENERGY))


@on_postgresql
def test_the_tally_follows_every_kind_of_write(water, energy):
    camille, dominique = ResidentFactory(), ResidentFactory()
    PersonalRecordFactory.create_batch(3, resident=camille, kind=water)
    PersonalRecord.objects.bulk_create(
        [
            PersonalRecord(
                resident=camille,
                source=energy.source,
                kind=energy,
                domain=Domain.ENERGY,
                occurred_on=datetime.date(2025, 1, day),
                title="Bill",
                external_id=f"bulk-{day}",
            )
            for day in range(1, 6)
        ]
    )
    water_key, energy_key = (
        (Domain.WATER, water.source_id),
        (Domain.ENERGY, energy.source_id),
    )
    assert counts_by_source(camille.pk, ALL_DOMAINS) == {water_key: 3, energy_key: 5}

    energy_ids = list(
        PersonalRecord.objects.filter(kind=energy).values_list("pk", flat=True)
    )
    # A bulk update moving two records to another person, one to another domain.
    PersonalRecord.objects.filter(pk__in=energy_ids[:2]).update(resident=dominique)
    PersonalRecord.objects.filter(pk=energy_ids[2]).update(domain=Domain.HOUSING)
    # One that changes nothing counted, one deletion, one detached record.
    PersonalRecord.objects.filter(kind=water).update(title="Reading")
    PersonalRecord.objects.filter(kind=water).first().delete()
    PersonalRecord.objects.filter(pk=energy_ids[3]).update(
        resident=None, detached_at=datetime.datetime.now(datetime.UTC)
    )

    assert (
        counts_by_source(camille.pk, ALL_DOMAINS)
        == _counted(camille)
        == {
            water_key: 2,
            energy_key: 1,
            (Domain.HOUSING, energy.source_id): 1,
        }
    )
    assert (
        counts_by_source(dominique.pk, ALL_DOMAINS)
        == _counted(dominique)
        == {energy_key: 2}
    )
    assert counts_by_source(camille.pk, [Domain.WATER]) == {water_key: 2}


@on_postgresql
def test_an_upsert_is_tallied_once(water):
    """The import's INSERT … ON CONFLICT DO UPDATE: new rows count, updated ones not."""
    camille = ResidentFactory()
    existing = PersonalRecordFactory(resident=camille, kind=water, external_id="a")
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO records_personalrecord AS r (resident_id, source_id, kind_id, "
            "domain, occurred_on, title, unit, payload, external_id, created_at) "
            "SELECT %s, %s, %s, 'water', '2025-02-01', 'Reading', '', '{}', e, now() "
            "FROM unnest(%s::text[]) AS e "
            "ON CONFLICT (source_id, external_id) DO UPDATE SET title = 'Corrected'",
            [camille.pk, water.source_id, water.pk, ["a", "b", "c"]],
        )
    existing.refresh_from_db()
    assert existing.title == "Corrected"
    assert counts_by_source(camille.pk, ALL_DOMAINS) == {
        (Domain.WATER, water.source_id): 3
    }


@on_postgresql
def test_folding_the_tally_keeps_the_counts(water, energy):
    camille, dominique = ResidentFactory(), ResidentFactory()
    for _ in range(4):
        PersonalRecordFactory(resident=camille, kind=water)
        PersonalRecordFactory(resident=camille, kind=energy)
    PersonalRecord.objects.filter(kind=energy).first().delete()
    PersonalRecordFactory(resident=dominique, kind=water)
    assert RecordTally.objects.filter(resident_id=camille.pk).count() == 9

    out = io.StringIO()
    call_command("fold_record_tallies", "--above", "3", stdout=out)

    assert out.getvalue() == "7 record tally row(s) folded away.\n"
    assert RecordTally.objects.filter(resident_id=camille.pk).count() == 2
    assert (
        counts_by_source(camille.pk, ALL_DOMAINS)
        == _counted(camille)
        == {
            (Domain.WATER, water.source_id): 4,
            (Domain.ENERGY, energy.source_id): 3,
        }
    )
    # Below the threshold, a resident's rows are left as they are.
    assert RecordTally.objects.filter(resident_id=dominique.pk).count() == 1


def test_a_period_is_counted_from_the_records(water):
    camille = ResidentFactory()
    for day in (1, 15, 28):
        PersonalRecordFactory(
            resident=camille, kind=water, occurred_on=datetime.date(2025, 2, day)
        )
    counts = counts_by_source(
        camille.pk,
        ALL_DOMAINS,
        start=datetime.date(2025, 2, 10),
        end=datetime.date(2025, 2, 28),
    )
    assert counts == {(Domain.WATER, water.source_id): 2}


def test_a_deleted_account_leaves_no_tally(water):
    camille = ResidentFactory()
    PersonalRecordFactory.create_batch(2, resident=camille, kind=water)
    do_delete_account(user=camille)
    assert not RecordTally.objects.filter(resident_id=camille.pk).exists()


@on_postgresql
def test_folding_clears_the_tally_of_an_account_deleted_by_other_means(water):
    """Deleted from the Django admin, say: the records go by cascade, the triggers
    leave rows summing to zero, the fold removes them."""
    camille = ResidentFactory()
    PersonalRecordFactory.create_batch(2, resident=camille, kind=water)
    camille_id = camille.pk
    camille.delete()
    assert RecordTally.objects.filter(resident_id=camille_id).exists()
    tally.fold_tallies()
    assert not RecordTally.objects.filter(resident_id=camille_id).exists()
