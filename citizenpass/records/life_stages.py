"""Life stages, derived from a resident's birth date and the date of a record.

A stage is never typed in: it is the resident's age in whole years on the record's date.

==================  ===========  ======================================================
stage               age (years)  what it covers in France
==================  ===========  ======================================================
early_childhood     0 - 2        crèche, child health visits (PMI), first vaccinations
nursery_school      3 - 5        école maternelle (compulsory from 3)
primary_school      6 - 10       école élémentaire: canteen, after-school activities
college             11 - 14      collège
lycee               15 - 17      lycée, first transit passes of one's own
young_adult         18 - 25      studies, first home, first job
adult               26 - 61
senior              62 and over  legal retirement age; elderly allowances (APA)
==================  ===========  ======================================================

Ages follow the usual school ages; a child born late in the year may sit one school
year apart from the stage shown, which is why the page speaks of "stage of life" and
not of school class. A record dated before birth (a pregnancy follow-up) is in
``early_childhood``; without a birth date there is no stage.
"""

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _


class LifeStage(models.TextChoices):
    """Stages of life, in order."""

    EARLY_CHILDHOOD = "early_childhood", _("Early childhood")
    NURSERY_SCHOOL = "nursery_school", _("Nursery school")
    PRIMARY_SCHOOL = "primary_school", _("Primary school")
    COLLEGE = "college", _("Collège (lower secondary)")
    LYCEE = "lycee", _("Lycée (upper secondary)")
    YOUNG_ADULT = "young_adult", _("Young adult")
    ADULT = "adult", _("Adult")
    SENIOR = "senior", _("Senior")


# First age (in whole years) of each stage, in order.
STAGE_START_AGES: list[tuple[LifeStage, int]] = [
    (LifeStage.EARLY_CHILDHOOD, 0),
    (LifeStage.NURSERY_SCHOOL, 3),
    (LifeStage.PRIMARY_SCHOOL, 6),
    (LifeStage.COLLEGE, 11),
    (LifeStage.LYCEE, 15),
    (LifeStage.YOUNG_ADULT, 18),
    (LifeStage.ADULT, 26),
    (LifeStage.SENIOR, 62),
]
AGE_OF_MAJORITY = 18


def age_on(birth_date: date, on: date) -> int:
    """Age in whole years on a date (0 before the first birthday, and before birth)."""
    years = (
        on.year
        - birth_date.year
        - ((on.month, on.day) < (birth_date.month, birth_date.day))
    )
    return max(years, 0)


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def life_stage(birth_date: date | None, on: date) -> LifeStage | None:
    """The stage of life of someone born on ``birth_date`` on the date ``on``."""
    if birth_date is None:
        return None
    age = age_on(birth_date, on)
    current = LifeStage.EARLY_CHILDHOOD
    for stage, start_age in STAGE_START_AGES:
        if age >= start_age:
            current = stage
    return current


@dataclass(frozen=True)
class StagePeriod:
    """One stage of life with its dates for one person (``end`` excluded)."""

    stage: LifeStage
    start: date | None
    end: date | None

    def contains(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (
            self.end is None or day < self.end
        )


def stage_periods(birth_date: date) -> list[StagePeriod]:
    """Every stage of life with its start and end dates for someone born then."""
    periods = []
    for index, (stage, start_age) in enumerate(STAGE_START_AGES):
        start = None if index == 0 else add_years(birth_date, start_age)
        end = (
            add_years(birth_date, STAGE_START_AGES[index + 1][1])
            if index + 1 < len(STAGE_START_AGES)
            else None
        )
        periods.append(StagePeriod(stage, start, end))
    return periods


def is_minor(birth_date: date | None, on: date) -> bool:
    """Whether someone born then is under 18 on that date (unknown birth date: no)."""
    return birth_date is not None and age_on(birth_date, on) < AGE_OF_MAJORITY
