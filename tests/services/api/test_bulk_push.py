"""Bulk push: validation per line, all or nothing, upsert, waiting for pairing."""

import orjson
import pytest

from citizenpass.records.models import PersonalRecord, RecordCorrection
from services.api import ingest
from services.api.models import PendingRecord

from .factories import line, pair

pytestmark = pytest.mark.django_db


def ndjson(items) -> bytes:
    return b"\n".join(orjson.dumps(item) for item in items) + b"\n"


def push(api, source, items, as_array=False, **headers):
    if as_array:
        return api.post(f"/sources/{source.slug}/records", items, **headers)
    return api.post(
        f"/sources/{source.slug}/records",
        ndjson(items),
        content_type="application/x-ndjson",
        **headers,
    )


def test_records_of_a_paired_resident_are_created_then_updated(api, source, commune):
    resident = pair(commune, "C-1")
    response = push(api, source, [line(1), line(2)])
    assert response.status_code == 200, response.content
    assert response.json() == {
        "received": 2,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "waiting_for_pairing": 0,
    }
    record = PersonalRecord.objects.get(external_id="R-1")
    assert record.resident == resident
    assert record.domain == "water"
    assert record.unit == "m3"
    assert str(record.value) == "12.500"

    response = push(api, source, [line(1, value=13), line(2)], as_array=True)
    assert response.json()["updated"] == 1
    assert response.json()["unchanged"] == 1
    record.refresh_from_db()
    assert str(record.value) == "13.000"
    correction = RecordCorrection.objects.get(record=record)
    assert correction.previous["value"] == "12.500"


def test_one_bad_line_rejects_the_batch_and_every_bad_line_is_reported(
    api, source, commune
):
    pair(commune, "C-1")
    items = [
        line(1),
        line(2, payload={"index_m3": "many"}),
        line(3, occurred_on="31/01/2026"),
        line(4, kind="nope"),
        line(5, is_staff=True),
        line(1),
    ]
    body = ndjson(items[:2]) + b"{not json\n" + ndjson(items[2:])
    response = api.post(
        f"/sources/{source.slug}/records", body, content_type="application/x-ndjson"
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    errors = response.json()["errors"]
    assert [(error["line"], error["field"]) for error in errors] == [
        (2, "payload/index_m3"),
        (3, ""),
        (4, "occurred_on"),
        (5, "kind"),
        (6, "is_staff"),
        (7, "external_id"),
    ]
    assert all(error["reason"] for error in errors)
    assert not PersonalRecord.objects.exists()
    assert not PendingRecord.objects.exists()


def test_records_of_an_unpaired_identifier_wait_keyed_by_it(api, source):
    response = push(api, source, [line(1, resident="C-9")])
    assert response.json()["waiting_for_pairing"] == 1
    pending = PendingRecord.objects.get()
    assert pending.identifier == "C-9"
    assert not PersonalRecord.objects.exists()


def test_an_identifier_of_another_resident_cannot_take_a_record(api, source, commune):
    pair(commune, "C-1")
    pair(commune, "C-2")
    push(api, source, [line(1, resident="C-1")])
    response = push(api, source, [line(1, resident="C-2")])
    assert response.status_code == 422
    assert response.json()["errors"][0]["line"] == 1
    assert (
        PersonalRecord.objects.get().resident.organisation_links.get().identifier
        == ("C-1")
    )


def test_an_import_interrupted_midway_leaves_no_rows(api, source, commune, monkeypatch):
    pair(commune, "C-1")
    items = [line(n) for n in range(1, 50)] + [line(100, resident="C-9")]
    original = PendingRecord.objects.bulk_create
    real_execute = None

    def fail(*args, **kwargs):
        raise RuntimeError("the process died")

    from django.db import connection

    if connection.vendor == "postgresql":
        from django.db.backends.utils import CursorWrapper

        real_execute = CursorWrapper.execute

        def execute(self, sql, params=None):
            if "INSERT INTO api_pendingrecord" in sql:
                fail()
            return real_execute(self, sql, params)

        monkeypatch.setattr(CursorWrapper, "execute", execute)
    else:
        monkeypatch.setattr(PendingRecord.objects, "bulk_create", fail)
    with pytest.raises(RuntimeError):
        ingest.ingest(source=source, body=ndjson(items))
    assert original is not None
    assert not PersonalRecord.objects.exists()
    assert not PendingRecord.objects.exists()


def test_more_than_50000_lines_is_413(api, source, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_LINES", 3)
    response = push(api, source, [line(n) for n in range(1, 5)])
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"


def test_a_body_over_the_size_limit_is_413(api, source, settings):
    settings.CITIZENPASS_API_MAX_BODY_BYTES = 100
    response = push(api, source, [line(n) for n in range(1, 5)])
    assert response.status_code == 413


def test_records_are_corrected_and_deleted(api, source, commune):
    pair(commune, "C-1")
    push(api, source, [line(1)])
    path = f"/sources/{source.slug}/records/R-1"
    response = api.put(
        path,
        {
            "kind": "meter_reading",
            "occurred_on": "2026-01-31",
            "title": "Corrected reading",
            "value": 11,
            "payload": {"index_m3": 1001},
            "reason": "meter misread",
        },
    )
    assert response.status_code == 200, response.content
    record = PersonalRecord.objects.get()
    assert record.title == "Corrected reading"
    assert record.corrections.get().reason == "meter misread"
    assert api.delete(path).status_code == 204
    assert not PersonalRecord.objects.exists()
    assert api.delete(path).status_code == 404


def test_a_waiting_record_pushed_again_once_paired_moves_to_the_resident(
    api, source, commune
):
    push(api, source, [line(1, resident="C-9")])
    resident = pair(commune, "C-9")
    response = push(api, source, [line(1, resident="C-9")])
    assert response.json()["created"] == 1
    assert PersonalRecord.objects.get().resident == resident
    assert not PendingRecord.objects.exists()
