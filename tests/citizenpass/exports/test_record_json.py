"""The records' JSON, built by the database: the same document on every database.

The records of an export are turned into JSON by the database itself, with one SQL form
per database (:func:`citizenpass.exports.document._record_json_sql`). Whichever database
runs the suite, its form must give exactly the values an encoder of the model instances
gives, keys in the schema's order; on PostgreSQL the fast form must also match
``json_build_object``, the form it replaced.
"""

import datetime
from decimal import Decimal

import orjson
import pytest
from django.db import connection

from citizenpass.exports.document import ExportBuilder, ExportFilters
from citizenpass.exports.json_export import render_json
from citizenpass.records.access import AccessGrant
from citizenpass.records.models import Domain, PersonalRecord
from tests.citizenpass.exports.conftest import assert_valid_export
from tests.citizenpass.records.factories import DataSourceFactory, PersonalRecordFactory

pytestmark = pytest.mark.django_db

PARIS = datetime.timezone(datetime.timedelta(hours=2))
KEYS = [
    "id",
    "source",
    "legal_basis",
    "kind",
    "occurred_on",
    "period_end",
    "title",
    "value",
    "unit",
    "payload",
    "external_id",
    "received_at",
    "corrected_at",
]


def _utc(value):
    if value is None:
        return None
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _expected(record: PersonalRecord) -> dict:
    """The record as the export describes it, from the model instance."""
    return {
        "id": record.pk,
        "source": record.source.slug,
        "legal_basis": record.source.legal_basis,
        "kind": record.kind.code,
        "occurred_on": record.occurred_on.isoformat(),
        "period_end": record.period_end.isoformat() if record.period_end else None,
        "title": record.title,
        "value": float(record.value) if record.value is not None else None,
        "unit": record.unit,
        "payload": record.payload,
        "external_id": record.external_id,
        "received_at": _utc(record.created_at),
        "corrected_at": _utc(record.updated_at),
    }


@pytest.fixture
def awkward_records(resident, water_kind, energy_kind):
    """Records with what JSON encoders trip on: decimals, nulls, escapes, unicode."""
    made = [
        PersonalRecordFactory(
            resident=resident,
            kind=water_kind,
            occurred_on=datetime.date(2025, 1, 31),
            period_end=datetime.date(2025, 2, 27),
            title='Relevé « février » \\ "compteur"\nligne 2\ttab \u0001',
            value=Decimal("1234567.125"),
            unit="m³",
            payload={
                "meter": "M-é\u00e9\u2603\U0001f600",
                "quote": 'a "b" \\ c',
                "nested": {"list": [1, 2.5, None, True, "x\ny"], "empty": {}},
                "big": 12345678901234,
                "neg": -0.001,
            },
            external_id='ext-"1"\\',
            created_at=datetime.datetime(2025, 3, 1, 0, 30, 15, 987654, tzinfo=PARIS),
            updated_at=datetime.datetime(2025, 3, 2, 23, 59, 59, 999999, tzinfo=PARIS),
        ),
        PersonalRecordFactory(
            resident=resident,
            kind=water_kind,
            occurred_on=datetime.date(2025, 1, 1),
            title="Event without a value",
            value=None,
            unit="",
            payload={},
            created_at=datetime.datetime(2024, 12, 31, 23, 0, tzinfo=datetime.UTC),
        ),
        PersonalRecordFactory(
            resident=resident,
            kind=water_kind,
            occurred_on=datetime.date(2025, 1, 1),
            title="Zero",
            value=Decimal("0.000"),
            payload={"n": 0},
        ),
        PersonalRecordFactory(
            resident=resident,
            kind=energy_kind,
            occurred_on=datetime.date(1999, 12, 31),
            period_end=datetime.date(2000, 1, 30),
            title="Bill",
            value=Decimal("-51.300"),
            unit="EUR",
            payload={"lines": [{"label": "Électricité", "amount": 51.3}]},
            updated_at=datetime.datetime(2026, 1, 5, 8, 0, 1, tzinfo=datetime.UTC),
        ),
        PersonalRecordFactory(
            resident=resident,
            kind=energy_kind,
            occurred_on=datetime.date(2024, 6, 15),
            title="Small",
            value=Decimal("0.001"),
            unit="kWh",
        ),
        # Nothing JSON escapes (DEL and non-ASCII are written as they are): strings
        # quoted without ``to_json`` on PostgreSQL.
        PersonalRecordFactory(
            resident=resident,
            kind=energy_kind,
            occurred_on=datetime.date(2023, 3, 1),
            title="DEL \x7f, é ☃ \U0001f600 / <b>&amp;</b> 'single'",
            unit="",
            external_id="plain-é-\x7f",
            created_at=datetime.datetime(2023, 3, 1, 12, 0, 0, 1, tzinfo=PARIS),
        ),
        # One string to escape, for one reason each: a quote, a backslash, a control.
        PersonalRecordFactory(
            resident=resident,
            kind=energy_kind,
            occurred_on=datetime.date(2023, 3, 2),
            title="Unit to escape",
            unit='k"Wh',
        ),
        PersonalRecordFactory(
            resident=resident,
            kind=energy_kind,
            occurred_on=datetime.date(2023, 3, 2),
            title="External id to escape",
            external_id="C:\\meters\\",
        ),
        PersonalRecordFactory(
            resident=resident,
            kind=energy_kind,
            occurred_on=datetime.date(2023, 3, 3),
            title="Title\x1fto escape",
        ),
    ]
    # As stored (the database rounds nothing here, but reload to compare like with like).
    return list(
        PersonalRecord.objects.filter(pk__in=[r.pk for r in made]).select_related(
            "source", "kind"
        )
    )


def _document_records(resident, **filters) -> dict[str, list[dict]]:
    builder = ExportBuilder(
        grant=AccessGrant(resident, resident),
        filters=ExportFilters(**filters),
        language="en",
    )
    document = orjson.loads(b"".join(render_json(builder.parts())))
    assert_valid_export(document)
    return {d["domain"]: d["records"] for d in document["domains"]}


def test_records_json_equals_the_models_values(resident, awkward_records):
    by_domain = _document_records(resident)
    expected: dict[str, list[dict]] = {}
    for record in sorted(awkward_records, key=lambda r: (r.occurred_on, r.pk)):
        expected.setdefault(record.domain, []).append(_expected(record))
    assert by_domain == expected
    for records in by_domain.values():
        for record in records:
            assert list(record) == KEYS


def test_records_json_with_a_period(resident, awkward_records):
    by_domain = _document_records(
        resident, start=datetime.date(2025, 1, 1), end=datetime.date(2025, 1, 31)
    )
    assert [r["title"] for r in by_domain["water"]] == [
        "Event without a value",
        "Zero",
        awkward_records[0].title,
    ]
    assert "energy" not in by_domain


def test_records_json_comes_in_batches(resident, awkward_records, monkeypatch):
    from citizenpass.exports import document as document_module

    monkeypatch.setattr(document_module, "BATCH_ROWS", 2)
    builder = ExportBuilder(grant=AccessGrant(resident, resident), language="en")
    water = next(p for p in builder.parts() if p.key == "domain")
    batches = list(water.batches)
    assert len(batches) == 2
    records = orjson.loads(b"[" + b",".join(batches) + b"]")
    assert [r["title"] for r in records] == [
        "Event without a value",
        "Zero",
        awkward_records[0].title,
    ]


def test_records_json_of_records_outside_their_sources_domain(
    resident, awkward_records
):
    """A record whose domain is no longer its source's (the source moved, or the record
    was written without ``save``) still names its source and kind: in a domain with
    other sources, and in one with none."""
    to_energy, to_mobility = awkward_records[1], awkward_records[2]
    PersonalRecord.objects.filter(pk=to_energy.pk).update(domain=Domain.ENERGY)
    PersonalRecord.objects.filter(pk=to_mobility.pk).update(domain=Domain.MOBILITY)
    by_domain = _document_records(resident)
    assert _expected(to_energy) in by_domain["energy"]
    assert by_domain["mobility"] == [_expected(to_mobility)]
    assert [r["id"] for r in by_domain["water"]] == [awkward_records[0].pk]


def test_records_json_of_a_record_whose_kind_is_not_its_sources(
    resident, awkward_records
):
    """A record written around ``PersonalRecord.clean`` with the kind of another source
    of its domain still names its own source and its own kind."""
    other_source = DataSourceFactory(
        domain=Domain.WATER, slug="water-network", legal_basis="legal_obligation"
    )
    odd = awkward_records[0]
    PersonalRecord.objects.filter(pk=odd.pk).update(source=other_source)
    odd.refresh_from_db()
    records = _document_records(resident)["water"]
    assert _expected(odd) in records
    assert next(r for r in records if r["id"] == odd.pk)["source"] == "water-network"
    assert [r["source"] for r in records if r["id"] != odd.pk] == ["water-utility"] * 2


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="compares with PostgreSQL's json_build_object: needs DATABASE_URL on PostgreSQL",
)
def test_postgresql_fast_form_equals_json_build_object(resident, awkward_records):

    reference = (
        "SELECT json_build_object("
        "'id', r.id, 'source', s.slug, 'legal_basis', s.legal_basis, "
        "'kind', k.code, 'occurred_on', r.occurred_on, "
        "'period_end', r.period_end, 'title', r.title, 'value', r.value, "
        "'unit', r.unit, 'payload', r.payload, 'external_id', r.external_id, "
        "'received_at', to_char(r.created_at AT TIME ZONE 'UTC', "
        '\'YYYY-MM-DD"T"HH24:MI:SS"Z"\'), '
        "'corrected_at', to_char(r.updated_at AT TIME ZONE 'UTC', "
        '\'YYYY-MM-DD"T"HH24:MI:SS"Z"\'))::text '
        "FROM records_personalrecord r "
        "JOIN records_datasource s ON s.id = r.source_id "
        "JOIN records_recordkind k ON k.id = r.kind_id "
        "WHERE r.resident_id = %s AND r.domain = %s "
        "ORDER BY r.occurred_on, r.id"
    )
    for domain in ("water", "energy"):
        with connection.cursor() as cursor:
            # Whatever the session's date style, the fast form writes ISO dates.
            cursor.execute("SET LOCAL datestyle TO 'SQL, DMY'")
            cursor.execute(reference, [resident.pk, domain])
            expected = [orjson.loads(row[0]) for row in cursor.fetchall()]
        builder = ExportBuilder(grant=AccessGrant(resident, resident), language="en")
        batches = list(builder._domain_batches(domain))
        fast = orjson.loads(b"[" + b",".join(batches) + b"]")
        assert fast == expected
        assert [list(r) for r in fast] == [KEYS] * len(fast)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL's trigger-kept record JSON: needs DATABASE_URL on PostgreSQL",
)
def test_postgresql_record_json_follows_a_bulk_update_under_any_date_style(
    resident, awkward_records
):
    record = awkward_records[0]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL datestyle TO 'SQL, DMY'")
    PersonalRecord.objects.filter(pk=record.pk).update(
        title='Relevé "corrigé"\\', value=Decimal("7.50"), occurred_on="2024-02-29"
    )
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL datestyle TO 'ISO, MDY'")  # for psycopg to read
    record.refresh_from_db()
    records = _document_records(resident)[record.domain]
    assert _expected(record) in records
    assert next(r for r in records if r["id"] == record.pk)["occurred_on"] == (
        "2024-02-29"
    )


def _other_connection():
    """A second connection to the test database, as an import running meanwhile."""
    import psycopg

    settings = connection.settings_dict
    return psycopg.connect(
        dbname=settings["NAME"],
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"] or None,
        autocommit=True,
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="a second PostgreSQL connection changes records: needs DATABASE_URL",
)
@pytest.mark.django_db(transaction=True)
def test_a_record_moved_during_a_postgresql_download_is_written_once(
    resident, awkward_records, monkeypatch
):
    from citizenpass.exports import document as document_module

    monkeypatch.setattr(document_module, "BATCH_ROWS", 2)
    builder = ExportBuilder(grant=AccessGrant(resident, resident), language="en")
    water = next(p for p in builder.parts() if p.key == "domain")
    batches = iter(water.batches)
    first = orjson.loads(b"[" + next(batches) + b"]")
    with _other_connection() as other:  # the record moves to the end meanwhile
        other.execute(
            "UPDATE records_personalrecord SET occurred_on = '2030-01-01' WHERE id = %s",
            [first[0]["id"]],
        )
    rest = orjson.loads(b"[" + b",".join(batches) + b"]")
    ids = [record["id"] for record in first + rest]
    assert len(ids) == len(set(ids))
    assert sorted(ids) == sorted(
        r.pk for r in awkward_records if r.domain == Domain.WATER
    )


def _planner_settings() -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_sort'), current_setting('enable_bitmapscan')"
        )
        return cursor.fetchone()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL's streamed records: needs DATABASE_URL on PostgreSQL",
)
def test_a_postgresql_download_inside_a_transaction_leaves_its_plans_alone(
    resident, awkward_records, monkeypatch
):
    """The PDF job reads the records inside its own transaction: once a domain is
    written, the planner is back as it was for what the job does next."""
    from citizenpass.exports import document as document_module

    monkeypatch.setattr(document_module, "BATCH_ROWS", 2)
    before = _planner_settings()
    builder = ExportBuilder(grant=AccessGrant(resident, resident), language="en")
    water = next(p for p in builder.parts() if p.key == "domain")
    assert len(list(water.batches)) > 1
    assert _planner_settings() == before == ("on", "on")
    assert PersonalRecord.objects.filter(resident=resident).count() == len(
        awkward_records
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL's streamed records: needs DATABASE_URL on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_a_postgresql_download_stopped_midway_leaves_the_connection_usable(
    resident, awkward_records, monkeypatch
):
    """A resident who closes the tab mid-download: the server stops reading, and the
    connection serves the next request with the planner as usual."""
    from citizenpass.exports import document as document_module

    monkeypatch.setattr(document_module, "BATCH_ROWS", 1)
    builder = ExportBuilder(grant=AccessGrant(resident, resident), language="en")
    chunks = render_json(builder.parts())
    written = b""
    while b'"records":[{' not in written:
        written += next(chunks)
    chunks.close()
    assert not connection.in_atomic_block
    assert _planner_settings() == ("on", "on")
    assert PersonalRecord.objects.filter(resident=resident).count() == len(
        awkward_records
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL's record tally: needs DATABASE_URL on PostgreSQL",
)
def test_a_postgresql_export_reads_its_counts_from_the_tally(resident, awkward_records):
    from django.test.utils import CaptureQueriesContext

    builder = ExportBuilder(grant=AccessGrant(resident, resident), language="en")
    with CaptureQueriesContext(connection) as queries:
        counts = builder.record_counts()
    assert counts == {"water": 3, "energy": 6}
    assert [q for q in queries if "records_personalrecord" in q["sql"]] == []
    # A period is counted from the records (the tally counts all dates).
    builder = ExportBuilder(
        grant=AccessGrant(resident, resident),
        filters=ExportFilters(start=datetime.date(2025, 1, 1)),
        language="en",
    )
    assert builder.record_counts() == {"water": 3}


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="a second PostgreSQL connection adds a record: needs DATABASE_URL",
)
@pytest.mark.django_db(transaction=True)
def test_a_postgresql_download_holds_the_records_it_counts_while_an_import_runs(
    resident, awkward_records
):
    builder = ExportBuilder(grant=AccessGrant(resident, resident), language="en")
    parts = builder.parts()
    header = next(parts)
    assert header.value["record_count"] == len(awkward_records)
    with _other_connection() as other:  # an import adds a record meanwhile
        other.execute(
            "INSERT INTO records_personalrecord (resident_id, source_id, kind_id, "
            "domain, occurred_on, period_end, title, value, unit, payload, "
            "external_id, created_at, updated_at) "
            "SELECT resident_id, source_id, kind_id, domain, occurred_on, period_end, "
            "title, value, unit, payload, 'imported', now(), NULL "
            "FROM records_personalrecord WHERE id = %s",
            [awkward_records[0].pk],
        )
    records = []
    for part in parts:
        if part.key == "domain":
            records += orjson.loads(b"[" + b",".join(part.batches) + b"]")
    assert len(records) == header.value["record_count"] == len(awkward_records)
    # The next download has it.
    assert (
        ExportBuilder(
            grant=AccessGrant(resident, resident), language="en"
        ).record_count()
        == len(awkward_records) + 1
    )
