"""The export document: one builder, streamed as JSON that follows the schema."""

import datetime

import orjson
import pytest

from citizenpass.exports.document import ExportBuilder, ExportFilters
from citizenpass.exports.json_export import render_json
from citizenpass.records.access import AccessGrant, find_grant
from citizenpass.records.access_log import log_access
from citizenpass.records.actions import offer_mandate
from citizenpass.records.models import AccessEvent, Domain
from tests.citizenpass.exports.conftest import assert_valid_export
from tests.citizenpass.records.factories import (
    MandateFactory,
    PersonalRecordFactory,
    RelationshipFactory,
    ResidentFactory,
)

pytestmark = pytest.mark.django_db


def _export(grant, **filters) -> dict:
    builder = ExportBuilder(
        grant=grant, filters=ExportFilters(**filters), language="en"
    )
    return orjson.loads(b"".join(render_json(builder.parts())))


def test_export_of_records_follows_the_schema(resident, records):
    document = _export(AccessGrant(resident, resident))
    assert_valid_export(document)
    assert document["export"]["version"] == "1.1"
    assert document["export"]["record_count"] == 48
    assert [d["domain"] for d in document["domains"]] == ["water", "energy"]
    water = document["domains"][0]["records"]
    assert len(water) == 24
    assert water[0]["occurred_on"] == "2024-01-01"
    assert water[0]["value"] == 7.25
    assert water[0]["payload"] == {"meter": "M-1"}
    assert water[0]["legal_basis"] == "public_task"
    assert water[0]["received_at"].endswith("Z")
    sources = {s["slug"]: s for s in document["sources"]}
    assert sources["energy-utility"]["legal_basis"] == "contract"
    assert sources["water-utility"]["kinds"][0]["code"] == "meter_reading"


def test_empty_export_follows_the_schema(resident):
    document = _export(AccessGrant(resident, resident))
    assert_valid_export(document)
    assert document["domains"] == []
    assert document["export"]["record_count"] == 0


def test_domain_and_period_filters(resident, records):
    document = _export(
        AccessGrant(resident, resident),
        domains=("energy",),
        start=datetime.date(2025, 3, 1),
        end=datetime.date(2025, 5, 31),
    )
    assert_valid_export(document)
    assert [d["domain"] for d in document["domains"]] == ["energy"]
    days = [r["occurred_on"] for r in document["domains"][0]["records"]]
    assert days == ["2025-03-01", "2025-04-01", "2025-05-01"]
    assert document["export"]["filters"]["period"] == {
        "start": "2025-03-01",
        "end": "2025-05-31",
    }


def test_other_residents_records_stay_out(resident, records, water_kind):
    PersonalRecordFactory(kind=water_kind, title="Someone else's")
    document = _export(AccessGrant(resident, resident))
    titles = {r["title"] for d in document["domains"] for r in d["records"]}
    assert "Someone else's" not in titles


def test_family_links_mandates_and_access_log_are_included(resident, records):
    child = ResidentFactory(birth_date=datetime.date(2016, 1, 1))
    RelationshipFactory(guardian=resident, minor=child)
    helper = ResidentFactory()
    MandateFactory(resident=resident, helper=helper, domains=["water"])
    from django.db import transaction

    with transaction.atomic():
        log_access(
            resident=resident,
            actor=helper,
            role=AccessEvent.Role.HELPER,
            what="Water records",
            purpose="Helping with the bill",
        )
    document = _export(AccessGrant(resident, resident))
    assert_valid_export(document)
    assert document["family_links"][0]["role"] == "guardian_of"
    assert document["mandates"]["granted"][0]["domains"] == ["water"]
    assert document["mandates"]["granted"][0]["accepted_at"] is not None
    assert document["access_log"][0]["why"] == "Helping with the bill"
    assert document["access_log"][0]["sequence"] == 1


def test_a_mandate_still_offered_is_listed_with_the_address_invited(resident):
    offer_mandate(
        resident=resident,
        helper_email="nadia@example.test",
        domains=["energy"],
        valid_until=datetime.date.today() + datetime.timedelta(days=30),
    )
    document = _export(AccessGrant(resident, resident))
    assert_valid_export(document)
    (offered,) = document["mandates"]["granted"]
    assert offered["person"] == {"name": "", "email": "nadia@example.test"}
    assert offered["accepted_at"] is None


def test_helper_gets_only_mandated_domains_and_no_personal_sections(resident, records):
    helper = ResidentFactory()
    MandateFactory(resident=resident, helper=helper, domains=[Domain.WATER.value])
    grant = find_grant(helper, resident)
    document = _export(grant)
    assert_valid_export(document)
    assert [d["domain"] for d in document["domains"]] == ["water"]
    assert document["export"]["generated_for"] == "helper"
    assert document["access_log"] == []


def test_requests_with_history_and_messages_are_included(resident):
    from services.requests.models import Message, ServiceRequest, StatusChange
    from tests.services.requests.factories import make_commune, make_service

    service = make_service(make_commune(), with_file=False)
    request = ServiceRequest.objects.create(
        service=service,
        organisation=service.owner,
        resident=resident,
        reference="CP-2026-000001",
        status="in_review",
        data={"reason": "Moving"},
    )
    StatusChange.objects.create(
        request=request, from_status="draft", to_status="submitted"
    )
    Message.objects.create(request=request, body="Please send a bill.", from_agent=True)
    document = _export(AccessGrant(resident, resident))
    assert_valid_export(document)
    [item] = document["requests"]
    assert item["reference"] == "CP-2026-000001"
    assert item["history"][0]["to_status"] == "submitted"
    assert item["messages"][0] == {
        "at": item["messages"][0]["at"],
        "from": "agent",
        "body": "Please send a bill.",
    }


def test_json_comes_out_in_many_chunks(resident, records, monkeypatch):
    from citizenpass.exports import document as document_module

    monkeypatch.setattr(document_module, "BATCH_ROWS", 5)
    builder = ExportBuilder(grant=AccessGrant(resident, resident), language="fr")
    chunks = list(render_json(builder.parts()))
    assert len(chunks) > 10
    assert_valid_export(orjson.loads(b"".join(chunks)))
