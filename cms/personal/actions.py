"""Changes to what the public site remembers about a resident."""

from django.db import transaction

from citizenpass.organisations.models import Organisation
from cms.personal.models import ResidentCommune


@transaction.atomic
def set_resident_commune(*, resident, commune: Organisation) -> ResidentCommune:
    """Remember the commune the resident lives in (replacing any earlier choice)."""
    if commune.kind != Organisation.Kind.COMMUNE:
        raise ValueError("Only a commune can be a place of residence.")
    chosen, _created = ResidentCommune.objects.update_or_create(
        resident=resident, defaults={"commune": commune}
    )
    return chosen
