"""Signals sent once a pairing is committed (webhooks listen to them).

``resident_paired``: ``link`` (a :class:`~services.api.models.ResidentLink`).
"""

from django.dispatch import Signal

resident_paired = Signal()
