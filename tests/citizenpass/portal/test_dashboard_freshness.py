"""The dashboard's cards are cached, yet show every write to the records at once."""

import dataclasses
import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from citizenpass.records.actions import RecordInput, upsert_record
from services.api import actions as api_actions
from services.api.ingest import ingest_items
from services.api.models import PendingRecord, ResidentLink
from tests.services.api.factories import line, make_commune, make_source, pair
from tests.support.logins import log_in

pytestmark = pytest.mark.django_db(transaction=True)

DASHBOARD = reverse("portal:dashboard")


@pytest.fixture
def water(db):
    commune = make_commune()
    source = make_source(commune)
    resident = pair(commune, "C-1")
    return commune, source, resident


def _dashboard(client) -> str:
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    return response.content.decode()


def test_records_pushed_through_the_api_show_at_once(client, water):
    _commune, source, resident = water
    log_in(client, resident)
    assert "Pas encore de données" in _dashboard(client)  # cached empty water card

    ingest_items(source=source, items=[line(1, title="Relevé de janvier", value=12.5)])
    assert "12,5" in _dashboard(client)

    ingest_items(source=source, items=[line(1, title="Relevé corrigé", value=14)])
    page = _dashboard(client)
    assert "14" in page and "12,5" not in page

    api_actions.delete_record(source=source, external_id="R-1")
    assert "12,5" not in _dashboard(client) and "Pas encore de données" in _dashboard(
        client
    )


def test_records_waiting_for_pairing_show_once_paired(client, water):
    commune, source, _resident = water
    ingest_items(source=source, items=[line(7, resident="C-9", value=31)])
    assert PendingRecord.objects.filter(identifier="C-9").exists()
    resident = pair(commune, "C-9")
    log_in(client, resident)
    assert "31" not in _dashboard(client)
    api_actions.attach_waiting_records(link=ResidentLink.objects.get(identifier="C-9"))
    assert "31" in _dashboard(client)


def test_a_correction_through_the_records_actions_shows_at_once(client, water):
    _commune, source, resident = water
    kind = source.kinds.get(code="meter_reading")
    data = RecordInput(
        external_id="X-1",
        kind=kind,
        occurred_on=datetime.date(2026, 2, 28),
        title="Relevé",
        value=Decimal(40),
        payload={"index_m3": 1040},
    )
    upsert_record(resident=resident, source=source, data=data)
    log_in(client, resident)
    assert "40" in _dashboard(client)
    corrected = dataclasses.replace(data, value=Decimal(41))
    upsert_record(resident=resident, source=source, data=corrected, reason="erreur")
    assert "41" in _dashboard(client)
