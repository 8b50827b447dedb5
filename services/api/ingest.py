# The SQL below is assembled from this module's constants only; values go as params.
# ruff: noqa: S608
"""Bulk push of records: parse, validate every line, then write all of it or nothing.

A batch is NDJSON (one record a line) or a JSON array. Each record::

    {"external_id": "R-1", "resident": "ID-42", "kind": "meter_reading",
     "occurred_on": "2026-01-31", "period_end": null, "title": "Meter reading",
     "value": 12.5, "unit": "m3", "payload": {...}}

``resident`` is the identifier the organisation gives the resident. Records of a
paired identifier are upserted into :class:`~citizenpass.records.models.PersonalRecord`
by ``(source, external_id)`` (a change keeps what it replaced as a correction); records
of an identifier nobody paired yet wait in :class:`~services.api.models.PendingRecord`
and attach on pairing.

Every line is checked before anything is written; one bad line rejects the batch with
the list of every bad line. The writes run in one transaction. On PostgreSQL the rows
are COPied into a temporary table and merged with ``INSERT … ON CONFLICT``; elsewhere
the ORM writes them in batches.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import jsonschema_rs
import orjson
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from citizenpass.records.freshness import records_changed
from citizenpass.records.models import (
    DataSource,
    PersonalRecord,
    RecordCorrection,
    RecordKind,
)

from .models import PendingRecord, ResidentLink

MAX_LINES = 50_000
ALLOWED_FIELDS = frozenset(
    {
        "external_id",
        "resident",
        "kind",
        "occurred_on",
        "period_end",
        "title",
        "value",
        "unit",
        "payload",
    }
)
REQUIRED_FIELDS = ("external_id", "resident", "kind", "occurred_on", "title")
MAX_VALUE = 10**11  # numeric(14, 3)
CORRECTION_REASON = "bulk import"
CHUNK = 500


class TooManyLines(Exception):
    """More lines than :data:`MAX_LINES`."""


class IngestRejected(Exception):
    """The batch has bad lines; nothing was written."""

    def __init__(self, errors: list[dict]):
        super().__init__(f"{len(errors)} bad lines")
        self.errors = errors


@dataclass(frozen=True)
class IngestResult:
    """What a batch did."""

    received: int
    created: int
    updated: int
    unchanged: int
    waiting: int

    def as_dict(self) -> dict:
        return {
            "received": self.received,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "waiting_for_pairing": self.waiting,
        }


@dataclass(frozen=True, slots=True)
class Row:
    """One checked line, ready to write."""

    line: int
    external_id: str
    identifier: str
    kind_id: int
    occurred_on: str
    period_end: str | None
    title: str
    value: str | None
    unit: str
    payload: str  # JSON text


# Validators compiled once per kind and schema, shared by every batch of a process.
_validators: dict[tuple[int, bytes], object] = {}


def kind_validator(kind: RecordKind):
    key = (kind.pk, orjson.dumps(kind.payload_schema, option=orjson.OPT_SORT_KEYS))
    validator = _validators.get(key)
    if validator is None:
        if len(_validators) > 1000:
            _validators.clear()
        validator = jsonschema_rs.validator_for(kind.payload_schema)
        _validators[key] = validator
    return validator


def parse_batch(body: bytes) -> tuple[list[tuple[int, object]], list[dict]]:
    """``[(line number, parsed value)]`` and the lines that are not JSON."""
    stripped = body.lstrip()
    errors: list[dict] = []
    if stripped.startswith(b"["):
        try:
            items = orjson.loads(stripped)
        except orjson.JSONDecodeError:
            return [], [{"line": 1, "field": "", "reason": _("Not valid JSON.")}]
        if not isinstance(items, list):
            return [], [{"line": 1, "field": "", "reason": _("Not a JSON array.")}]
        if len(items) > MAX_LINES:
            raise TooManyLines
        return list(enumerate(items, start=1)), errors
    lines = body.split(b"\n")
    if len(lines) > MAX_LINES + 1 and sum(1 for line in lines if line.strip()) > (
        MAX_LINES
    ):
        raise TooManyLines
    parsed = []
    loads = orjson.loads
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            parsed.append((number, loads(line)))
        except orjson.JSONDecodeError:
            errors.append({"line": number, "field": "", "reason": _("Not valid JSON.")})
    return parsed, errors


def _text(item: dict, name: str, max_length: int, required: bool) -> str:
    value = item.get(name)
    if value is None:
        if required:
            raise _LineError(name, _("This field is required."))
        return ""
    if type(value) is not str:
        raise _LineError(name, _("Must be a string."))
    if required and not value.strip():
        raise _LineError(name, _("Must not be empty."))
    if len(value) > max_length:
        raise _LineError(
            name, _("At most %(count)s characters.") % {"count": max_length}
        )
    if "\x00" in value:
        raise _LineError(name, _("Must not contain NUL characters."))
    return value


def _date(item: dict, name: str, required: bool) -> str | None:
    value = item.get(name)
    if value is None:
        if required:
            raise _LineError(name, _("This field is required."))
        return None
    if type(value) is not str or len(value) != 10 or value[4] != "-":
        raise _LineError(name, _("Must be a date as YYYY-MM-DD."))
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise _LineError(name, _("Must be a date as YYYY-MM-DD.")) from None
    return value


class _LineError(Exception):
    def __init__(self, field: str, reason: str):
        self.field = field
        self.reason = reason


def check_lines(
    source: DataSource, parsed: list[tuple[int, object]]
) -> tuple[list[Row], list[dict]]:
    """Rows for every good line and one ``{line, field, reason}`` per bad one."""
    kinds = {kind.code: kind for kind in source.kinds.all()}
    validators = {code: kind_validator(kind) for code, kind in kinds.items()}
    rows: list[Row] = []
    errors: list[dict] = []
    seen: set[str] = set()
    dumps = orjson.dumps
    for number, item in parsed:
        try:
            if type(item) is not dict:
                raise _LineError("", _("Each line must be a JSON object."))
            unknown = item.keys() - ALLOWED_FIELDS
            if unknown:
                raise _LineError(sorted(unknown)[0], _("Unknown field."))
            external_id = _text(item, "external_id", 120, True)
            identifier = _text(item, "resident", 64, True)
            code = item.get("kind")
            kind = kinds.get(code) if type(code) is str else None
            if kind is None:
                raise _LineError("kind", _("Unknown kind for this source."))
            occurred_on = _date(item, "occurred_on", True)
            period_end = _date(item, "period_end", False)
            if period_end is not None and period_end < occurred_on:
                raise _LineError("period_end", _("The period ends before it starts."))
            title = _text(item, "title", 255, True)
            value = item.get("value")
            if value is not None:
                if type(value) not in (int, float) or not -MAX_VALUE < value < (
                    MAX_VALUE
                ):
                    raise _LineError("value", _("Must be a number below 10^11."))
                value = repr(value)
            unit = _text(item, "unit", 20, False) or kind.unit
            payload = item.get("payload")
            if payload is None:
                payload = {}
            elif type(payload) is not dict:
                raise _LineError("payload", _("Must be a JSON object."))
            validator = validators[code]
            if not validator.is_valid(payload):
                error = next(iter(validator.iter_errors(payload)))
                path = "/".join(str(part) for part in error.instance_path)
                raise _LineError(
                    f"payload/{path}" if path else "payload", error.message
                )
            payload_text = dumps(payload)
            if b"\\u0000" in payload_text:
                raise _LineError("payload", _("Must not contain NUL characters."))
            if external_id in seen:
                raise _LineError("external_id", _("Appears twice in this batch."))
            seen.add(external_id)
        except _LineError as error:
            errors.append(
                {"line": number, "field": error.field, "reason": str(error.reason)}
            )
            continue
        rows.append(
            Row(
                number,
                external_id,
                identifier,
                kind.pk,
                occurred_on,
                period_end,
                title,
                value,
                unit,
                payload_text.decode(),
            )
        )
    return rows, errors


def ingest(*, source: DataSource, body: bytes) -> IngestResult:
    """Check and write one batch; raise :class:`IngestRejected` with every bad line."""
    parsed, errors = parse_batch(body)
    rows, line_errors = check_lines(source, parsed)
    errors = sorted(errors + line_errors, key=lambda error: error["line"])
    if errors:
        raise IngestRejected(errors)
    return write_rows(source=source, rows=rows)


def ingest_items(*, source: DataSource, items: list[dict]) -> IngestResult:
    """The same as :func:`ingest` for records already parsed (connectors)."""
    if len(items) > MAX_LINES:
        raise TooManyLines
    rows, errors = check_lines(source, list(enumerate(items, start=1)))
    if errors:
        raise IngestRejected(errors)
    return write_rows(source=source, rows=rows)


@transaction.atomic
def write_rows(*, source: DataSource, rows: list[Row]) -> IngestResult:
    """Write checked rows in one transaction (all or nothing)."""
    if not rows:
        return IngestResult(0, 0, 0, 0, 0)
    if connection.vendor == "postgresql":
        return _write_postgresql(source, rows)
    return _write_portable(source, rows)


# --- PostgreSQL: COPY into a temporary table, then merge -----------------------------

_COMPARED = "kind_id, occurred_on, period_end, title, value, unit, payload"
_T_COMPARED = ", ".join(f"t.{name.strip()}" for name in _COMPARED.split(","))
_R_COMPARED = ", ".join(f"r.{name.strip()}" for name in _COMPARED.split(","))
_EXCLUDED_COMPARED = ", ".join(
    f"EXCLUDED.{name.strip()}" for name in _COMPARED.split(",")
)


def _resident_ids(source: DataSource, rows: list[Row]) -> dict[str, int]:
    """``{identifier: resident id}`` of the batch's paired identifiers, in one query."""
    identifiers = list({row.identifier for row in rows})
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT identifier, resident_id FROM api_residentlink "
            "WHERE organisation_id = %s AND identifier = ANY(%s)",
            [source.organisation_id, identifiers],
        )
        return dict(cursor.fetchall())


def copy_rows(cursor, rows: list[Row], residents: dict[str, int]) -> None:
    """COPY checked rows into the session's ``api_ingest`` temporary table."""
    cursor.execute("DROP TABLE IF EXISTS api_ingest")
    cursor.execute("DROP TABLE IF EXISTS api_existing")
    cursor.execute(
        "CREATE TEMP TABLE api_ingest (line integer, external_id text, "
        "identifier text, resident_id bigint, kind_id bigint, occurred_on date, "
        "period_end date, title text, value numeric(14, 3), unit text, "
        "payload jsonb) ON COMMIT DROP"
    )
    get_resident = residents.get
    with cursor.cursor.copy("COPY api_ingest FROM STDIN") as copy:
        write_row = copy.write_row
        for row in rows:
            write_row(
                (
                    row.line,
                    row.external_id,
                    row.identifier,
                    get_resident(row.identifier),
                    row.kind_id,
                    row.occurred_on,
                    row.period_end,
                    row.title,
                    row.value,
                    row.unit,
                    row.payload,
                )
            )
    cursor.execute("ANALYZE api_ingest")


def _write_postgresql(source: DataSource, rows: list[Row]) -> IngestResult:
    params = {
        "source": source.pk,
        "domain": source.domain,
        "now": timezone.now(),
        "reason": CORRECTION_REASON,
    }
    residents = _resident_ids(source, rows)
    waiting = sum(1 for row in rows if row.identifier not in residents)
    with connection.cursor() as cursor:
        copy_rows(cursor, rows, residents)
        # The records this batch touches, found once.
        cursor.execute(
            "CREATE TEMP TABLE api_existing ON COMMIT DROP AS "
            "SELECT t.line, r.id, r.resident_id AS old_resident, "
            "t.resident_id AS new_resident, "
            f"({_R_COMPARED}) IS DISTINCT FROM ({_T_COMPARED}) AS changed "
            "FROM api_ingest t JOIN records_personalrecord r "
            "ON r.source_id = %(source)s AND r.external_id = t.external_id",
            params,
        )
        cursor.execute(
            "SELECT line FROM api_existing "
            "WHERE old_resident IS DISTINCT FROM new_resident ORDER BY line"
        )
        taken = [line for (line,) in cursor.fetchall()]
        if taken:
            raise IngestRejected([_taken_error(line) for line in taken])
        cursor.execute(
            "INSERT INTO records_recordcorrection "
            "(record_id, corrected_at, previous, reason) "
            "SELECT r.id, %(now)s, jsonb_build_object("
            "'occurred_on', r.occurred_on::text, 'period_end', r.period_end::text, "
            "'title', r.title, 'value', r.value::text, 'unit', r.unit, "
            "'payload', r.payload), %(reason)s "
            "FROM api_existing e JOIN records_personalrecord r ON r.id = e.id "
            "WHERE e.changed",
            params,
        )
        created = updated = 0
        if waiting < len(rows):
            cursor.execute(
                "WITH upserted AS ("
                "INSERT INTO records_personalrecord AS r (resident_id, source_id, "
                "kind_id, domain, occurred_on, period_end, title, value, unit, "
                "payload, external_id, created_at, updated_at) "
                "SELECT t.resident_id, %(source)s, t.kind_id, %(domain)s, "
                "t.occurred_on, t.period_end, t.title, t.value, t.unit, t.payload, "
                "t.external_id, %(now)s, NULL FROM api_ingest t "
                "WHERE t.resident_id IS NOT NULL "
                "ON CONFLICT (source_id, external_id) DO UPDATE SET "
                "kind_id = EXCLUDED.kind_id, occurred_on = EXCLUDED.occurred_on, "
                "period_end = EXCLUDED.period_end, title = EXCLUDED.title, "
                "value = EXCLUDED.value, unit = EXCLUDED.unit, "
                "payload = EXCLUDED.payload, updated_at = %(now)s "
                f"WHERE ({_R_COMPARED}) IS DISTINCT FROM ({_EXCLUDED_COMPARED}) "
                "RETURNING (xmax = 0) AS inserted) "
                "SELECT count(*) FILTER (WHERE inserted), "
                "count(*) FILTER (WHERE NOT inserted) FROM upserted",
                params,
            )
            created, updated = cursor.fetchone()
            # A record that waited under an identifier now paired moves.
            if PendingRecord.objects.filter(source=source).exists():
                cursor.execute(
                    "DELETE FROM api_pendingrecord p USING api_ingest t "
                    "WHERE p.source_id = %(source)s AND p.external_id = t.external_id "
                    "AND t.resident_id IS NOT NULL",
                    params,
                )
        if waiting:
            cursor.execute(
                "INSERT INTO api_pendingrecord AS p (source_id, kind_id, identifier, "
                "external_id, occurred_on, period_end, title, value, unit, payload, "
                "received_at) "
                "SELECT %(source)s, t.kind_id, t.identifier, t.external_id, "
                "t.occurred_on, t.period_end, t.title, t.value, t.unit, t.payload, "
                "%(now)s FROM api_ingest t WHERE t.resident_id IS NULL "
                "ON CONFLICT (source_id, external_id) DO UPDATE SET "
                "kind_id = EXCLUDED.kind_id, identifier = EXCLUDED.identifier, "
                "occurred_on = EXCLUDED.occurred_on, "
                "period_end = EXCLUDED.period_end, title = EXCLUDED.title, "
                "value = EXCLUDED.value, unit = EXCLUDED.unit, "
                "payload = EXCLUDED.payload, received_at = EXCLUDED.received_at",
                params,
            )
        cursor.execute("DROP TABLE api_existing")
        cursor.execute("DROP TABLE api_ingest")
    records_changed(residents.values())
    paired = len(rows) - waiting
    return IngestResult(
        len(rows), created, updated, paired - created - updated, waiting
    )


def _taken_error(line: int) -> dict:
    return {
        "line": line,
        "field": "external_id",
        "reason": str(_("This identifier already belongs to another resident.")),
    }


# --- Any database: the ORM in batches ---------------------------------------------


def _chunks(values: list, size: int = CHUNK):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _snapshot(record: PersonalRecord) -> dict:
    return {
        "occurred_on": str(record.occurred_on),
        "period_end": str(record.period_end) if record.period_end else None,
        "title": record.title,
        "value": str(record.value) if record.value is not None else None,
        "unit": record.unit,
        "payload": record.payload,
    }


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.001"))


def _record_fields(row: Row) -> dict:
    return {
        "kind_id": row.kind_id,
        "occurred_on": datetime.date.fromisoformat(row.occurred_on),
        "period_end": datetime.date.fromisoformat(row.period_end)
        if row.period_end
        else None,
        "title": row.title,
        "value": _decimal(row.value),
        "unit": row.unit,
        "payload": orjson.loads(row.payload),
    }


_FIELDS = ["kind_id", "occurred_on", "period_end", "title", "value", "unit", "payload"]


def _differs(record, fields: dict) -> bool:
    return any(getattr(record, name) != value for name, value in fields.items())


def _write_portable(source: DataSource, rows: list[Row]) -> IngestResult:
    identifiers = sorted({row.identifier for row in rows})
    links: dict[str, int] = {}
    for chunk in _chunks(identifiers):
        links.update(
            ResidentLink.objects.filter(
                organisation_id=source.organisation_id, identifier__in=chunk
            ).values_list("identifier", "resident_id")
        )
    existing: dict[str, PersonalRecord] = {}
    for chunk in _chunks([row.external_id for row in rows]):
        existing.update(
            (record.external_id, record)
            for record in PersonalRecord.objects.filter(
                source=source, external_id__in=chunk
            )
        )
    taken = [
        row.line
        for row in rows
        if row.external_id in existing
        and existing[row.external_id].resident_id != links.get(row.identifier)
    ]
    if taken:
        raise IngestRejected([_taken_error(line) for line in taken])
    now = timezone.now()
    to_create, to_update, corrections, waiting = [], [], [], []
    unchanged = 0
    for row in rows:
        fields = _record_fields(row)
        resident_id = links.get(row.identifier)
        if resident_id is None:
            waiting.append(
                PendingRecord(
                    source=source,
                    identifier=row.identifier,
                    external_id=row.external_id,
                    received_at=now,
                    **fields,
                )
            )
            continue
        record = existing.get(row.external_id)
        if record is None:
            to_create.append(
                PersonalRecord(
                    resident_id=resident_id,
                    source=source,
                    domain=source.domain,
                    external_id=row.external_id,
                    created_at=now,
                    **fields,
                )
            )
        elif _differs(record, fields):
            corrections.append(
                RecordCorrection(
                    record=record,
                    corrected_at=now,
                    previous=_snapshot(record),
                    reason=CORRECTION_REASON,
                )
            )
            for name, value in fields.items():
                setattr(record, name, value)
            record.updated_at = now
            to_update.append(record)
        else:
            unchanged += 1
    PersonalRecord.objects.bulk_create(to_create, batch_size=CHUNK)
    PersonalRecord.objects.bulk_update(
        to_update, [*_FIELDS, "updated_at"], batch_size=CHUNK
    )
    RecordCorrection.objects.bulk_create(corrections, batch_size=CHUNK)
    PendingRecord.objects.bulk_create(
        waiting,
        batch_size=CHUNK,
        update_conflicts=True,
        unique_fields=["source", "external_id"],
        update_fields=[*_FIELDS, "identifier", "received_at"],
    )
    paired_ids = [row.external_id for row in rows if row.identifier in links]
    for chunk in _chunks(paired_ids):
        PendingRecord.objects.filter(source=source, external_id__in=chunk).delete()
    records_changed(links.values())
    return IngestResult(
        len(rows), len(to_create), len(to_update), unchanged, len(waiting)
    )
