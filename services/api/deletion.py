"""What account deletion does to pairings with organisations (``ACCOUNT_DELETION_HANDLERS``).

The link between the person and the identifier an organisation knows them by is deleted:
records the organisation pushes later for that identifier wait unpaired
(``PendingRecord``) like those of anyone who never paired, and reach nobody. Records
already received follow the retention rule of :mod:`citizenpass.records.deletion`.
"""

from services.api.models import ResidentLink


def unpair_resident(*, user) -> None:
    """Delete every pairing of the person with an organisation's identifier."""
    ResidentLink.objects.filter(resident=user).delete()
