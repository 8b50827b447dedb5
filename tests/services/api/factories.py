"""Sources, kinds, tokens and paired residents for the API's tests."""

import itertools

from citizenpass.records.models import DataSource, RecordKind
from services.api.actions import create_token
from services.api.models import ResidentLink, Scope
from tests.services.requests.factories import make_commune, make_resident

_numbers = itertools.count(1)

METER_SCHEMA = {
    "type": "object",
    "properties": {
        "index_m3": {"type": "number", "minimum": 0},
        "index": {"type": "number"},
        "meter": {"type": "string"},
    },
    "additionalProperties": False,
}


def make_source(organisation, **fields) -> DataSource:
    number = next(_numbers)
    source = DataSource.objects.create(
        organisation=organisation,
        slug=fields.pop("slug", f"source-{number}"),
        domain=fields.pop("domain", "water"),
        name_en="Water meter readings",
        name_fr="Relevés de compteur d'eau",
        description_en="Monthly readings.",
        description_fr="Relevés mensuels.",
        legal_basis="contract",
        retention_months=60,
        **fields,
    )
    RecordKind.objects.create(
        source=source,
        code="meter_reading",
        label_en="Meter reading",
        label_fr="Relevé",
        measure="quantity",
        unit="m3",
        payload_schema=METER_SCHEMA,
    )
    return source


def make_token(organisation, scopes=None, **options) -> str:
    _token, secret = create_token(
        organisation=organisation,
        name=f"system {next(_numbers)}",
        scopes=scopes or list(Scope.values),
        **options,
    )
    return secret


def pair(organisation, identifier: str, resident=None):
    resident = resident or make_resident()
    ResidentLink.objects.create(
        organisation=organisation, identifier=identifier, resident=resident
    )
    return resident


def line(number: int, resident: str = "C-1", **fields) -> dict:
    item = {
        "external_id": f"R-{number}",
        "resident": resident,
        "kind": "meter_reading",
        "occurred_on": "2026-01-31",
        "title": "Meter reading",
        "value": 12.5,
        "payload": {"index_m3": 1000 + number},
    }
    item.update(fields)
    return item


__all__ = ["make_commune", "make_resident"]
