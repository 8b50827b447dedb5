"""Turn committed changes (requests, pairings, imports) into webhook deliveries."""

from django.dispatch import receiver

from services.api.signals import resident_paired
from services.requests import signals as request_signals

from . import payloads
from .event_types import WebhookEvent
from .tasks import enqueue_event


@receiver(request_signals.request_submitted)
def _on_request_submitted(sender, request, **kwargs):
    enqueue_event(
        organisation_id=request.organisation_id,
        event_type=WebhookEvent.REQUEST_SUBMITTED,
        payload=payloads.request_submitted(request),
    )


@receiver(request_signals.request_status_changed)
def _on_status_changed(sender, request, from_status, to_status, **kwargs):
    enqueue_event(
        organisation_id=request.organisation_id,
        event_type=WebhookEvent.REQUEST_STATUS_CHANGED,
        payload=payloads.request_status_changed(request, from_status, to_status),
    )


@receiver(request_signals.message_posted)
def _on_message_posted(sender, request, message, **kwargs):
    enqueue_event(
        organisation_id=request.organisation_id,
        event_type=WebhookEvent.REQUEST_MESSAGE_POSTED,
        payload=payloads.request_message_posted(request, message),
    )


@receiver(resident_paired)
def _on_resident_paired(sender, link, **kwargs):
    enqueue_event(
        organisation_id=link.organisation_id,
        event_type=WebhookEvent.RESIDENT_PAIRED,
        payload=payloads.resident_paired(link),
    )
