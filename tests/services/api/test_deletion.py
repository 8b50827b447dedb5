"""Account deletion unpairs the resident; the API no longer reaches detached records."""

import pytest

from citizenpass.accounts.actions import do_delete_account
from citizenpass.records.models import PersonalRecord
from services.api.models import PendingRecord, ResidentLink

from .factories import line, pair

pytestmark = pytest.mark.django_db


def test_deletion_unpairs_and_later_records_wait(api, commune, source):
    resident = pair(commune, "C-1")
    response = api.post(f"/sources/{source.slug}/records", [line(1)])
    assert response.status_code == 200, response.content
    assert PersonalRecord.objects.filter(resident=resident).count() == 1

    do_delete_account(user=resident)

    assert not ResidentLink.objects.exists()
    # The record is still under retention: detached, out of the API's reach.
    assert PersonalRecord.objects.filter(resident__isnull=True).count() == 1
    assert api.get(f"/sources/{source.slug}/records/R-1").status_code == 404
    # A new record for the identifier reaches nobody: it waits for a pairing.
    response = api.post(f"/sources/{source.slug}/records", [line(2)])
    assert response.status_code == 200, response.content
    assert PendingRecord.objects.filter(identifier="C-1").count() == 1
