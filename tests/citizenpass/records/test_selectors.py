import datetime
from decimal import Decimal

import pytest

from citizenpass.records import selectors
from citizenpass.records.life_stages import LifeStage
from citizenpass.records.models import Domain, RecordKind
from tests.citizenpass.records.factories import (
    DataSourceFactory,
    PersonalRecordFactory,
    RecordKindFactory,
    ResidentFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


def test_monthly_series_adds_up_each_month_and_fills_gaps_with_zero():
    resident, kind = ResidentFactory(), RecordKindFactory()
    for day, value in (
        ((2026, 5, 1), "3"),
        ((2026, 5, 20), "2.5"),
        ((2026, 3, 1), "4"),
    ):
        PersonalRecordFactory(
            resident=resident,
            kind=kind,
            occurred_on=datetime.date(*day),
            value=Decimal(value),
        )
    (series,) = selectors.monthly_series(
        resident, domain=Domain.WATER, months=4, today=TODAY
    )
    assert series.measure == RecordKind.Measure.QUANTITY
    assert [(m.month, v) for m, v in series.points] == [
        (3, Decimal("4")),
        (4, Decimal("0")),
        (5, Decimal("5.5")),
        (6, Decimal("0")),
    ]


def test_dashboard_card_shows_the_latest_record_its_trend_and_next_due_date():
    resident, kind = ResidentFactory(), RecordKindFactory(recurrence_months=3)
    PersonalRecordFactory(
        resident=resident, kind=kind, occurred_on=datetime.date(2026, 1, 1), value=5
    )
    latest = PersonalRecordFactory(
        resident=resident, kind=kind, occurred_on=datetime.date(2026, 4, 1), value=7
    )
    PersonalRecordFactory(kind=kind, occurred_on=datetime.date(2026, 5, 1))  # other
    cards = {
        card.domain: card
        for card in selectors.dashboard_cards(resident, domains=["water", "health"])
    }
    assert cards["water"].latest.pk == latest.pk
    assert cards["water"].trend == "up"
    assert cards["water"].next_due == datetime.date(2026, 7, 1)
    assert cards["health"].latest is None


def test_timeline_counts_records_per_life_stage_and_domain():
    resident = ResidentFactory(birth_date=datetime.date(2010, 6, 15))
    kind = RecordKindFactory(source=DataSourceFactory(domain=Domain.EDUCATION))
    for day in (datetime.date(2017, 1, 1), datetime.date(2018, 1, 1)):
        PersonalRecordFactory(resident=resident, kind=kind, occurred_on=day)
    PersonalRecordFactory(
        resident=resident, kind=kind, occurred_on=datetime.date(2022, 1, 1)
    )
    stages = {
        s.period.stage: s
        for s in selectors.life_stage_timeline(resident, domains=["education"])
    }
    assert stages[LifeStage.PRIMARY_SCHOOL].counts == {"education": 2}
    assert stages[LifeStage.COLLEGE].counts == {"education": 1}
    assert LifeStage.ADULT not in stages  # not reached yet
