"""Pull connectors: CSV file drop (the water utility's readings) and HTTP JSON."""

import orjson
import pytest
from django.core.management import CommandError, call_command

from citizenpass.records.models import PersonalRecord
from services.api.models import PendingRecord
from services.connectors.importers import due_connectors, run_connector
from services.connectors.models import Connector, ImportReport
from tests.services.api.factories import make_commune, make_source, pair

from .receiver import WebhookReceiver

pytestmark = pytest.mark.django_db

READINGS = """contrat;releve;compteur;date_releve;index_m3;consommation_m3
C-1;REL-1;EGL-1;2026-01-31;1012;12,5
C-2;REL-2;EGL-2;2026-01-31;2040;9
"""


@pytest.fixture
def water(db):
    organisation = make_commune()
    source = make_source(organisation)
    pair(organisation, "C-1")
    return source


def water_connector(source, folder) -> Connector:
    return Connector.objects.create(
        name="eau-releves",
        kind=Connector.Kind.WATER_METER,
        source=source,
        config={"folder": str(folder)},
    )


def test_the_water_connector_imports_meter_readings_and_moves_the_file(
    water, tmp_path, capsys
):
    (tmp_path / "2026-01.csv").write_text(READINGS, encoding="utf-8")
    water_connector(water, tmp_path)
    call_command("run_connector", "eau-releves")
    record = PersonalRecord.objects.get()
    assert record.external_id == "REL-1"
    assert str(record.value) == "12.500"
    assert record.payload == {"meter": "EGL-1", "index": 1012}
    assert PendingRecord.objects.get().identifier == "C-2"
    report = ImportReport.objects.get()
    assert report.status == ImportReport.Status.SUCCEEDED
    assert (report.received, report.created, report.waiting) == (2, 1, 1)
    assert (tmp_path / "done" / "2026-01.csv").exists()
    assert "succeeded" in capsys.readouterr().out


def test_csv_cells_take_the_type_the_kinds_schema_gives_them(water, tmp_path):
    """A meter number of digits stays text (leading zero kept); an index is a number."""
    (tmp_path / "2026-02.csv").write_text(
        "contrat;releve;compteur;date_releve;index_m3;consommation_m3\n"
        "C-1;REL-9;0012345;2026-02-28;1012,5;3\n",
        encoding="utf-8",
    )
    water_connector(water, tmp_path)
    call_command("run_connector", "eau-releves")
    assert PersonalRecord.objects.get().payload == {"meter": "0012345", "index": 1012.5}


def test_a_file_with_a_bad_line_imports_nothing_and_the_report_says_why(
    water, tmp_path
):
    (tmp_path / "bad.csv").write_text(
        READINGS + "C-3;REL-3;EGL-3;31/01/2026;1;1\n", encoding="utf-8"
    )
    water_connector(water, tmp_path)
    with pytest.raises(CommandError):
        call_command("run_connector", "eau-releves")
    assert not PersonalRecord.objects.exists()
    report = ImportReport.objects.get()
    assert report.status == ImportReport.Status.REJECTED
    ((line, field, reason),) = [
        (error["line"], error["field"], error["reason"]) for error in report.errors
    ]
    assert (line, field) == (3, "occurred_on")
    assert "YYYY-MM-DD" in reason or "AAAA-MM-JJ" in reason
    assert (tmp_path / "bad.csv").exists()


def test_the_http_connector_fetches_json_with_a_timeout(water):
    with WebhookReceiver() as remote:
        remote.get_body = orjson.dumps(
            {
                "items": [
                    {
                        "id": "H-1",
                        "contract": "C-1",
                        "date": "2026-02-28",
                        "title": "Relevé",
                        "index_m3": 1030,
                    }
                ]
            }
        )
        connector = Connector.objects.create(
            name="http-releves",
            kind=Connector.Kind.HTTP_JSON,
            source=water,
            config={
                "url": remote.url,
                "items": "items",
                "kind": "meter_reading",
                "fields": {
                    "external_id": "id",
                    "resident": "contract",
                    "occurred_on": "date",
                },
                "payload_keys": ["index_m3"],
                "timeout": 5,
            },
        )
        (report,) = run_connector(connector)
    assert report.status == ImportReport.Status.SUCCEEDED, report.errors
    assert PersonalRecord.objects.get().payload == {"index_m3": 1030}


def test_an_unreachable_endpoint_fails_cleanly(water):
    connector = Connector.objects.create(
        name="down",
        kind=Connector.Kind.HTTP_JSON,
        source=water,
        config={"url": "http://127.0.0.1:9/", "timeout": 2},
    )
    (report,) = run_connector(connector)
    assert report.status == ImportReport.Status.FAILED
    assert "ConnectionError" in report.message


def test_scheduled_connectors_run_when_due(water, tmp_path):
    connector = water_connector(water, tmp_path)
    connector.every_minutes = 60
    connector.save()
    assert list(due_connectors()) == [connector]
    call_command("run_scheduled_connectors")
    connector.refresh_from_db()
    assert connector.next_run_at is not None
    assert list(due_connectors()) == []
