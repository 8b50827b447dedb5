"""Pull imports: fetch records, map them to the bulk format, and push them in one batch.

Each connector kind is a class that documents its configuration (``fields``) and turns
what it fetches into items of the bulk format (see :mod:`services.api.ingest`). The
write is the bulk API's: every line checked, all or nothing, in one transaction.
"""

import csv
import datetime
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import requests
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from services.api import ingest

from . import payloads
from .models import Connector, ImportReport
from .tasks import enqueue_event

logger = logging.getLogger(__name__)

RECORD_FIELDS = ("external_id", "resident", "occurred_on", "period_end", "title")
MAX_HTTP_BYTES = 64 * 1024 * 1024


class ConnectorError(Exception):
    """The connector could not fetch or read its data (nothing was imported)."""


@dataclass
class Batch:
    """Items fetched from one origin (a file, an address)."""

    origin: str
    items: list[dict]
    done: object = None  # called once the batch is imported (moves a file away)


def _number(text: str):
    text = (text or "").strip().replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return text  # the line check reports it


def _payload_value(text: str, schema: dict):
    """A CSV cell as the kind's JSON Schema types it: a meter number "012345" stays
    text; only a property typed number or integer becomes a number."""
    types = schema.get("type", "string")
    types = types if isinstance(types, list) else [types]
    if "number" in types or "integer" in types:
        value = _number(text)
        if "integer" in types and isinstance(value, float) and value.is_integer():
            return int(value)
        return value
    text = (text or "").strip()
    return text or None


class CsvDrop:
    """CSV files dropped in a folder; each file is one batch, then moved to ``done/``.

    Configuration: ``folder``, ``delimiter`` (default ``;``), ``kind``, ``columns``
    (``{"external_id": "column", "resident": …, "occurred_on": …, "title": …,
    "value": …, "unit": …}``) and ``payload_columns`` (``{"payload key": "column"}``).
    """

    fields = ("folder", "delimiter", "kind", "columns", "payload_columns")

    def __init__(self, connector: Connector):
        self.connector = connector
        self.config = connector.config

    def batches(self) -> Iterator[Batch]:
        folder = Path(self.config.get("folder", ""))
        if not folder.is_dir():
            raise ConnectorError(f"Folder not found: {folder}")
        for path in sorted(folder.glob("*.csv")):
            yield Batch(
                origin=path.name,
                items=self.read(path.read_text(encoding="utf-8-sig")),
                done=lambda path=path: self._move(path),
            )

    def _move(self, path: Path) -> None:
        done = path.parent / "done"
        done.mkdir(exist_ok=True)
        path.rename(done / path.name)

    def read(self, text: str) -> list[dict]:
        reader = csv.DictReader(
            io.StringIO(text), delimiter=self.config.get("delimiter", ";")
        )
        return [self.item(row) for row in reader]

    def item(self, row: dict) -> dict:
        columns = self.config.get("columns", {})
        item = {"kind": self.config.get("kind", "")}
        for field in (*RECORD_FIELDS, "unit"):
            column = columns.get(field)
            if column and row.get(column):
                item[field] = row[column].strip()
        if columns.get("value"):
            item["value"] = _number(row.get(columns["value"], ""))
        properties = self._payload_properties()
        item["payload"] = {
            key: _payload_value(row.get(column, ""), properties.get(key, {}))
            for key, column in self.config.get("payload_columns", {}).items()
        }
        return item

    def _payload_properties(self) -> dict:
        """The payload properties of the configured kind, by name (read once)."""
        if not hasattr(self, "_properties"):
            kind = self.connector.source.kinds.filter(
                code=self.config.get("kind", "")
            ).first()
            schema = kind.payload_schema if kind else {}
            self._properties = schema.get("properties", {})
        return self._properties


class WaterMeterReadings(CsvDrop):
    """The water utility's monthly meter readings export (a CSV file drop).

    Columns: ``contrat;releve;compteur;date_releve;index_m3;consommation_m3`` (the
    contract number is the utility's identifier for the resident). Configuration:
    ``folder``.
    """

    fields = ("folder",)

    def __init__(self, connector: Connector):
        super().__init__(connector)
        self.config = {
            "delimiter": ";",
            "kind": "meter_reading",
            "columns": {
                "external_id": "releve",
                "resident": "contrat",
                "occurred_on": "date_releve",
                "value": "consommation_m3",
            },
            "payload_columns": {"meter": "compteur", "index": "index_m3"},
            **connector.config,
        }

    def item(self, row: dict) -> dict:
        item = super().item(row)
        item["title"] = "Relevé de compteur d'eau"
        item["unit"] = "m³"
        item["payload"] = {k: v for k, v in item["payload"].items() if v is not None}
        return item


class HttpJson:
    """An HTTP endpoint answering a JSON list (or an object holding one).

    Configuration: ``url``, ``items`` (key of the list; empty when the answer is the
    list), ``kind``, ``fields`` (``{"external_id": "key", …}``; keys absent are taken
    as named), ``payload_keys`` (keys copied into the payload), ``timeout`` (seconds,
    default 20), ``headers`` (e.g. an API key of the remote system).
    """

    fields = ("url", "items", "kind", "fields", "payload_keys", "timeout", "headers")

    def __init__(self, connector: Connector):
        self.connector = connector
        self.config = connector.config

    def batches(self) -> Iterator[Batch]:
        url = self.config.get("url", "")
        timeout = float(self.config.get("timeout", 20))
        try:
            response = requests.get(
                url,
                headers=self.config.get("headers", {}),
                timeout=(min(timeout, 10), timeout),
                stream=True,
            )
            response.raise_for_status()
            content = response.raw.read(MAX_HTTP_BYTES + 1, decode_content=True)
        except requests.RequestException as error:
            raise ConnectorError(f"{type(error).__name__} from {url}") from None
        if len(content) > MAX_HTTP_BYTES:
            raise ConnectorError("The answer is too large.")
        try:
            data = requests.models.complexjson.loads(content)
        except ValueError:
            raise ConnectorError("The answer is not JSON.") from None
        key = self.config.get("items", "")
        items = data.get(key) if key and isinstance(data, dict) else data
        if not isinstance(items, list):
            raise ConnectorError("The answer holds no list of records.")
        yield Batch(origin=url, items=[self.item(entry) for entry in items])

    def item(self, entry) -> dict:
        if not isinstance(entry, dict):
            return entry  # the line check reports it
        names = self.config.get("fields", {})
        item = {"kind": self.config.get("kind", "")}
        for field in (*RECORD_FIELDS, "value", "unit"):
            key = names.get(field, field)
            if entry.get(key) is not None:
                item[field] = entry[key]
        item["payload"] = {
            key: entry[key]
            for key in self.config.get("payload_keys", [])
            if key in entry
        }
        return item


IMPORTERS = {
    Connector.Kind.CSV_DROP: CsvDrop,
    Connector.Kind.HTTP_JSON: HttpJson,
    Connector.Kind.WATER_METER: WaterMeterReadings,
}


def _report(connector, origin: str, started) -> ImportReport:
    return ImportReport(connector=connector, origin=origin[:300], started_at=started)


def _import_batch(connector: Connector, batch: Batch) -> ImportReport:
    report = _report(connector, batch.origin, timezone.now())
    report.received = len(batch.items)
    try:
        result = ingest.ingest_items(source=connector.source, items=batch.items)
    except ingest.IngestRejected as rejected:
        report.status = ImportReport.Status.REJECTED
        report.errors = rejected.errors
        report.message = f"{len(rejected.errors)} bad lines"
    except ingest.TooManyLines:
        report.status = ImportReport.Status.REJECTED
        report.message = f"More than {ingest.MAX_LINES} records in one batch"
    else:
        report.status = ImportReport.Status.SUCCEEDED
        report.created, report.updated = result.created, result.updated
        report.waiting = result.waiting
        if batch.done is not None:
            batch.done()
    return report


def run_connector(connector: Connector) -> list[ImportReport]:
    """Run one connector now: one report per batch (or one for a failure)."""
    started = timezone.now()
    importer = IMPORTERS[connector.kind](connector)
    reports = []
    try:
        for batch in importer.batches():
            reports.append(_import_batch(connector, batch))
    except ConnectorError as error:
        report = _report(connector, "", started)
        report.status = ImportReport.Status.FAILED
        report.message = str(error)[:500]
        reports.append(report)
    if not reports:
        report = _report(connector, "", started)
        report.status = ImportReport.Status.SUCCEEDED
        report.message = "Nothing to import"
        reports.append(report)
    with transaction.atomic():
        for report in reports:
            report.finished_at = timezone.now()
            report.save()
            enqueue_event(
                organisation_id=connector.source.organisation_id,
                event_type=payloads.WebhookEvent.IMPORT_FINISHED,
                payload=payloads.import_finished(report),
            )
        if connector.every_minutes:
            connector.next_run_at = timezone.now() + datetime.timedelta(
                minutes=connector.every_minutes
            )
            connector.save(update_fields=["next_run_at"])
    logger.info(
        "Connector %s ran: %s",
        connector.pk,
        ", ".join(report.status for report in reports),
    )
    return reports


def due_connectors():
    """Active scheduled connectors whose next run is due."""
    return Connector.objects.filter(
        Q(next_run_at__isnull=True) | Q(next_run_at__lte=timezone.now()),
        is_active=True,
        every_minutes__isnull=False,
    ).select_related("source")
