"""Data for export tests: a resident with records in two domains, requests and a log."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from citizenpass.records.models import Domain
from tests.citizenpass.records.factories import (
    DataSourceFactory,
    PersonalRecordFactory,
    RecordKindFactory,
    ResidentFactory,
)

SCHEMA = json.loads(
    (
        Path(__file__).resolve().parents[3]
        / "citizenpass"
        / "exports"
        / "schemas"
        / "export-v1.json"
    ).read_text()
)


def assert_valid_export(document: dict) -> None:
    """The document follows the published JSON Schema (formats checked too)."""
    jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(document)


@pytest.fixture
def resident(db):
    return ResidentFactory(first_name="Camille", last_name="Martin")


@pytest.fixture
def water_kind(db):
    source = DataSourceFactory(domain=Domain.WATER, slug="water-utility")
    return RecordKindFactory(source=source, code="meter_reading")


@pytest.fixture
def energy_kind(db):
    source = DataSourceFactory(
        domain=Domain.ENERGY, slug="energy-utility", legal_basis="contract"
    )
    return RecordKindFactory(
        source=source, code="bill", measure="bill", unit="EUR", label_en="Bill"
    )


@pytest.fixture
def records(resident, water_kind, energy_kind):
    """Two years of monthly water readings and energy bills."""
    made = []
    for month in range(24):
        day = datetime.date(2024 + month // 12, month % 12 + 1, 1)
        made.append(
            PersonalRecordFactory(
                resident=resident,
                kind=water_kind,
                occurred_on=day,
                value=Decimal("7.25") + month,
                title=f"Water {day:%m/%Y}",
            )
        )
        made.append(
            PersonalRecordFactory(
                resident=resident,
                kind=energy_kind,
                occurred_on=day,
                value=Decimal("51.30"),
                unit="EUR",
                payload={"meter": "E-1"},
                title=f"Bill {day:%m/%Y}",
            )
        )
    return made
