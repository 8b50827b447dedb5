import datetime

import pytest

from citizenpass.records.models import Domain
from tests.citizenpass.records.factories import (
    DataSourceFactory,
    MandateFactory,
    PersonalRecordFactory,
    RecordKindFactory,
    RelationshipFactory,
    ResidentFactory,
)


class World:
    """A resident with water and culture records, a guardian of a minor, helpers."""


@pytest.fixture
def world(db):
    w = World()
    w.resident = ResidentFactory(first_name="Rose")
    w.other = ResidentFactory(first_name="Other")
    w.water_kind = RecordKindFactory(source=DataSourceFactory(domain=Domain.WATER))
    w.culture_kind = RecordKindFactory(
        source=DataSourceFactory(domain=Domain.CULTURE),
        unit="loans",
        payload_schema={"type": "object"},
    )
    w.water_record = PersonalRecordFactory(resident=w.resident, kind=w.water_kind)
    w.culture_record = PersonalRecordFactory(
        resident=w.resident, kind=w.culture_kind, payload={}
    )
    w.helper_water = ResidentFactory(first_name="Helper")
    w.helper_culture_only = ResidentFactory(first_name="Helper2")
    w.mandate = MandateFactory(
        resident=w.resident, helper=w.helper_water, domains=[Domain.WATER.value]
    )
    MandateFactory(
        resident=w.resident,
        helper=w.helper_culture_only,
        domains=[Domain.CULTURE.value],
    )
    w.minor = ResidentFactory(first_name="Kid", birth_date=datetime.date(2015, 4, 1))
    w.guardian = ResidentFactory(first_name="Parent")
    RelationshipFactory(guardian=w.guardian, minor=w.minor)
    w.minor_record = PersonalRecordFactory(resident=w.minor, kind=w.water_kind)
    w.agent = ResidentFactory(first_name="Agent", is_staff=True)
    return w
