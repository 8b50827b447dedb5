import datetime
import itertools

import pytest

from citizenpass.records.life_stages import (
    LifeStage,
    age_on,
    is_minor,
    life_stage,
    stage_periods,
)

BORN = datetime.date(2010, 6, 15)


@pytest.mark.parametrize(
    ("on", "stage"),
    [
        (datetime.date(2010, 6, 15), LifeStage.EARLY_CHILDHOOD),
        (datetime.date(2013, 6, 14), LifeStage.EARLY_CHILDHOOD),
        (datetime.date(2013, 6, 15), LifeStage.NURSERY_SCHOOL),
        (datetime.date(2016, 9, 1), LifeStage.PRIMARY_SCHOOL),
        (datetime.date(2022, 1, 1), LifeStage.COLLEGE),
        (datetime.date(2026, 1, 1), LifeStage.LYCEE),
        (datetime.date(2028, 6, 15), LifeStage.YOUNG_ADULT),
        (datetime.date(2040, 1, 1), LifeStage.ADULT),
        (datetime.date(2072, 6, 15), LifeStage.SENIOR),
    ],
)
def test_life_stage_comes_from_age_at_the_record_date(on, stage):
    assert life_stage(BORN, on) == stage


def test_no_birth_date_means_no_stage():
    assert life_stage(None, datetime.date(2020, 1, 1)) is None


def test_a_record_before_birth_is_early_childhood():
    assert life_stage(BORN, datetime.date(2010, 1, 1)) == LifeStage.EARLY_CHILDHOOD


def test_age_counts_whole_years_and_29_february():
    assert age_on(datetime.date(2012, 2, 29), datetime.date(2030, 2, 28)) == 17
    assert age_on(datetime.date(2012, 2, 29), datetime.date(2030, 3, 1)) == 18
    assert is_minor(datetime.date(2012, 2, 29), datetime.date(2030, 2, 28))


def test_stage_periods_follow_each_other_without_gaps():
    periods = stage_periods(BORN)
    assert [p.stage for p in periods] == list(LifeStage)
    for before, after in itertools.pairwise(periods):
        assert before.end == after.start
    assert periods[0].start is None and periods[-1].end is None
