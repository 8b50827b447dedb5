"""Signals sent after a request's change is committed, for webhooks and integrations.

Receivers get ``request`` (a ``ServiceRequest``) and, for status changes, ``from_status``,
``to_status`` and ``comment``; ``message`` for ``message_posted``.
"""

from django.dispatch import Signal

request_submitted = Signal()
request_status_changed = Signal()
message_posted = Signal()
