"""Webhook payloads: references and statuses, never a resident's personal data.

The receiving system reads details through the API (``GET /api/v1/requests/{ref}``),
which writes the resident's access log.
"""

from django.utils import timezone

from .event_types import WebhookEvent


def envelope(event_type: str, data: dict) -> dict:
    return {"type": event_type, "created_at": timezone.now().isoformat(), "data": data}


def request_data(service_request) -> dict:
    return {
        "reference": service_request.reference,
        "service": service_request.service.slug,
        "status": service_request.status,
        "channel": service_request.channel,
    }


def request_submitted(service_request) -> dict:
    return envelope(WebhookEvent.REQUEST_SUBMITTED, request_data(service_request))


def request_status_changed(service_request, from_status: str, to_status: str) -> dict:
    data = {**request_data(service_request), "from_status": from_status}
    data["status"] = to_status
    return envelope(WebhookEvent.REQUEST_STATUS_CHANGED, data)


def request_message_posted(service_request, message) -> dict:
    data = {**request_data(service_request), "from_agent": message.from_agent}
    return envelope(WebhookEvent.REQUEST_MESSAGE_POSTED, data)


def resident_paired(link) -> dict:
    """The organisation's own identifier for the resident, now paired."""
    return envelope(
        WebhookEvent.RESIDENT_PAIRED,
        {"resident": link.identifier, "paired_at": link.paired_at.isoformat()},
    )


def import_finished(report) -> dict:
    return envelope(
        WebhookEvent.IMPORT_FINISHED,
        {
            "connector": report.connector.name,
            "status": report.status,
            "received": report.received,
            "created": report.created,
            "updated": report.updated,
            "waiting_for_pairing": report.waiting,
            "bad_lines": len(report.errors),
        },
    )


def test_event() -> dict:
    return envelope(WebhookEvent.TEST, {"message": "This is a test event."})
