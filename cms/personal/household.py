"""What the home page knows of a signed-in resident: their commune and household stages.

The commune is the one the resident chose on the home page (``ResidentCommune``). The
household is the resident and, when the records app is installed, the minors they are
guardian of; each person's stage is the service audience (``services.catalogue``'s
``LifeStage``) matching their age today.
"""

from datetime import date

from django.apps import apps
from django.utils import timezone

from cms.personal.models import ResidentCommune
from services.catalogue.models import LifeStage

# First age (in whole years) of each audience stage of the service catalogue.
_STAGE_START_AGES = [
    (LifeStage.EARLY_CHILDHOOD, 0),
    (LifeStage.SCHOOL, 3),
    (LifeStage.YOUTH, 15),
    (LifeStage.ADULT, 26),
    (LifeStage.SENIOR, 62),
]


def audience_stage(birth_date: date, on: date) -> LifeStage:
    """The catalogue's life stage of someone born on ``birth_date``, on a given day."""
    age = (
        on.year
        - birth_date.year
        - ((on.month, on.day) < (birth_date.month, birth_date.day))
    )
    stage = LifeStage.EARLY_CHILDHOOD
    for candidate, start_age in _STAGE_START_AGES:
        if age >= start_age:
            stage = candidate
    return stage


def resident_commune(user):
    """The commune the resident chose, or None."""
    if not user.is_authenticated:
        return None
    chosen = (
        ResidentCommune.objects.filter(resident=user).select_related("commune").first()
    )
    return chosen.commune if chosen else None


def household_birth_dates(user) -> list[date]:
    """Birth dates of the resident and of the minors in their care, when known."""
    dates = [user.birth_date] if user.birth_date else []
    if apps.is_installed("citizenpass.records"):
        relationship = apps.get_model("records", "Relationship")
        dates += [
            born
            for born in relationship.objects.in_force()
            .filter(guardian=user)
            .values_list("minor__birth_date", flat=True)
            if born
        ]
    return dates


def household_life_stages(user) -> list[str]:
    """Life stage codes of the resident's household today, in life order, no repeats."""
    if not user.is_authenticated:
        return []
    today = timezone.localdate()
    found = {audience_stage(born, today) for born in household_birth_dates(user)}
    return [code for code in LifeStage.values if code in found]
