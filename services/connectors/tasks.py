"""Webhook delivery by background jobs on the ``webhooks`` queue, with retries.

A failed attempt (network error, timeout, an answer other than 2xx) is tried again
after 30 s, 1 min, 2 min, 4 min… (doubling, at most :data:`MAX_ATTEMPTS` attempts),
then given up. Every attempt updates the delivery log.
"""

import datetime
import logging

import orjson
import requests
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from . import payloads
from .models import WebhookDelivery, WebhookEndpoint
from .signing import SIGNATURE_HEADER, sign

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_RETRY_SECONDS = 30
TIMEOUT = (5, 10)  # connect, read


def retry_delay(attempts: int) -> datetime.timedelta:
    """Exponential back-off after ``attempts`` failed attempts."""
    return datetime.timedelta(seconds=FIRST_RETRY_SECONDS * 2 ** (attempts - 1))


def enqueue_event(*, organisation_id: int, event_type: str, payload: dict) -> int:
    """Log one delivery per active endpoint subscribed to the event, then send them."""
    endpoints = WebhookEndpoint.objects.filter(
        organisation_id=organisation_id, is_active=True
    )
    deliveries = [
        WebhookDelivery.objects.create(
            endpoint=endpoint, event_type=event_type, payload=payload
        )
        for endpoint in endpoints
        if event_type in endpoint.event_types
    ]
    for delivery in deliveries:
        transaction.on_commit(lambda pk=delivery.pk: deliver_webhook.enqueue(pk))
    return len(deliveries)


def send_test_event(*, endpoint: WebhookEndpoint) -> WebhookDelivery:
    """The back office's "send a test event" button."""
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event_type=payloads.WebhookEvent.TEST,
        payload=payloads.test_event(),
    )
    transaction.on_commit(lambda: deliver_webhook.enqueue(delivery.pk))
    return delivery


def attempt_delivery(delivery: WebhookDelivery) -> bool:
    """POST the signed event once; record the outcome; True when delivered."""
    body = orjson.dumps({"id": str(delivery.event_id), **delivery.payload})
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "CitizenPass-Webhooks/1",
        "CitizenPass-Event": delivery.event_type,
        "CitizenPass-Delivery": str(delivery.event_id),
        SIGNATURE_HEADER: sign(delivery.endpoint.secret, body),
    }
    delivery.attempts += 1
    try:
        response = requests.post(
            delivery.endpoint.url,
            data=body,
            headers=headers,
            timeout=TIMEOUT,
            allow_redirects=False,
        )
        delivery.last_status_code = response.status_code
        delivery.last_error = "" if response.ok else f"HTTP {response.status_code}"
        delivered = 200 <= response.status_code < 300
    except requests.RequestException as error:
        delivery.last_status_code = None
        delivery.last_error = type(error).__name__
        delivered = False
    now = timezone.now()
    if delivered:
        delivery.status = WebhookDelivery.Status.DELIVERED
        delivery.delivered_at = now
        delivery.next_attempt_at = None
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = WebhookDelivery.Status.FAILED
        delivery.next_attempt_at = None
    else:
        delivery.status = WebhookDelivery.Status.RETRYING
        delivery.next_attempt_at = now + retry_delay(delivery.attempts)
    delivery.save()
    logger.info(
        "Webhook delivery %s attempt %s: %s",
        delivery.pk,
        delivery.attempts,
        delivery.status,
    )
    return delivered


@task(queue_name="webhooks")
def deliver_webhook(delivery_id: int) -> str:
    """Deliver one event; schedule the next attempt when it fails."""
    delivery = (
        WebhookDelivery.objects.select_related("endpoint")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None or delivery.status in (
        WebhookDelivery.Status.DELIVERED,
        WebhookDelivery.Status.FAILED,
    ):
        return "skipped"
    attempt_delivery(delivery)
    if delivery.status == WebhookDelivery.Status.RETRYING:
        _schedule_retry(delivery)
    return delivery.status


def _schedule_retry(delivery: WebhookDelivery) -> None:
    # Backends that cannot defer (the in-process one of the tests) leave the delivery
    # "retrying" with its next attempt time: ``retry_due_webhooks`` picks it up.
    if default_task_backend.supports_defer:
        deliver_webhook.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)


def retry_due_deliveries() -> int:
    """Attempt every delivery whose next attempt is due (the schedule's safety net)."""
    due = WebhookDelivery.objects.filter(
        status=WebhookDelivery.Status.RETRYING, next_attempt_at__lte=timezone.now()
    ).values_list("pk", flat=True)
    count = 0
    for pk in due:
        deliver_webhook.enqueue(pk)
        count += 1
    return count
