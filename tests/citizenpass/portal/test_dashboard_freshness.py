"""The dashboard's cards are cached, yet show every write to the records at once."""

import dataclasses
import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from citizenpass.records.actions import RecordInput, upsert_record
from citizenpass.records.models import AccessEvent, Domain, Mandate
from services.api import actions as api_actions
from services.api.ingest import ingest_items
from services.api.models import PendingRecord, ResidentLink
from services.requests import actions as request_actions
from services.requests.models import RequestStatus
from tests.services.api.factories import line, make_commune, make_source, pair
from tests.services.requests.factories import make_agent, make_resident, make_service
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


# The whole page is kept rendered too (``rendered_pages``): what its layout shows.


def _dashboard_queries(client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        page = _dashboard(client)
    return page, len([q for q in queries if q["sql"] not in ("BEGIN", "COMMIT")])


def test_an_unchanged_dashboard_is_served_again_without_a_query(client, water):
    _commune, _source, resident = water
    log_in(client, resident)
    _dashboard(client)  # sets the CSRF cookie the kept page is tied to
    page, _queries = _dashboard_queries(client)
    assert _dashboard_queries(client) == (page, 0)


def test_a_new_notification_and_a_new_name_show_at_once(client, water):
    commune, _source, resident = water
    service_request = request_actions.do_file_request(
        resident=resident,
        service=make_service(commune, with_file=False),
        data={"last_name": "Martin"},
        uploads=[],
        acting_user=resident,
    )
    log_in(client, resident)
    request_actions.do_mark_notifications_read(user=resident)
    _dashboard(client)
    assert 'class="badge"' not in _dashboard(client)
    request_actions.do_change_status(
        request=service_request,
        to_status=RequestStatus.IN_REVIEW,
        comment="",
        acting_user=make_agent(commune),
    )
    assert '<span class="badge">1<' in _dashboard(client)
    resident.first_name = "Capucine"
    resident.save()
    assert "Capucine" in _dashboard(client)


def test_a_helper_reading_a_kept_dashboard_is_logged_each_time(client, water):
    _commune, _source, resident = water
    helper = make_resident()
    Mandate.objects.create(
        resident=resident,
        helper=helper,
        helper_email=helper.email,
        accepted_at=timezone.now(),
        domains=[Domain.WATER.value],
        valid_until=datetime.date.today() + datetime.timedelta(days=30),
    )
    log_in(client, helper)
    client.post(reverse("portal:start_acting_for"), {"resident": resident.pk})
    for _view in range(3):
        _dashboard(client)
    assert AccessEvent.objects.filter(resident=resident, actor=helper).count() == 3
