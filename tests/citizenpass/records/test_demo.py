import pytest
from django.db import transaction

from citizenpass.accounts import demo as accounts_demo
from citizenpass.demo.seeding import SeedReport
from citizenpass.organisations import demo as organisations_demo
from citizenpass.records import demo as records_demo
from citizenpass.records.access import find_grant
from citizenpass.records.models import DataSource, Domain, PersonalRecord

pytestmark = pytest.mark.django_db


def _seed(**options):
    report = SeedReport(options=options)
    with transaction.atomic():
        organisations_demo.seed(report)
        accounts_demo.seed(report)
        records_demo.seed(report)
    return report


def test_demo_households_cover_every_domain_and_a_second_run_adds_nothing():
    _seed()
    assert set(DataSource.objects.values_list("domain", flat=True)) == set(
        Domain.values
    )
    count = PersonalRecord.objects.count()
    assert count > 500
    report = _seed()
    assert PersonalRecord.objects.count() == count
    assert not report.created.get("personal record")


def test_the_demo_resident_is_a_parent_and_the_senior_has_a_helper():
    from citizenpass.accounts.models import User

    _seed()
    camille = User.objects.get(email=records_demo.DEMO_RESIDENT_EMAIL)
    lea = User.objects.get(email="lea.martin@demo.citizenpass.fr")
    assert find_grant(camille, lea).role == "guardian"
    jeanne = User.objects.get(email="jeanne.dupuis@demo.citizenpass.fr")
    nadia = User.objects.get(email="nadia.haddad@demo.citizenpass.fr")
    grant = find_grant(nadia, jeanne)
    assert grant.role == "helper" and not grant.allows("health")


def test_scale_mode_adds_residents_with_their_records():
    _seed(residents=3, records_per_resident=250)
    bench = PersonalRecord.objects.filter(resident__email__startswith="bench.resident")
    assert bench.count() == 750
