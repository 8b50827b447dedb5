"""Signed webhooks: events from requests and pairings, retries, the delivery log."""

import orjson
import pytest

from services.api import actions as api_actions
from services.connectors import tasks
from services.connectors.event_types import WebhookEvent
from services.connectors.models import WebhookDelivery, WebhookEndpoint
from services.connectors.signing import SIGNATURE_HEADER, sign, verify
from services.requests.actions import do_change_status, do_file_request
from tests.services.requests.factories import make_commune, make_resident, make_service

from .receiver import WebhookReceiver

pytestmark = pytest.mark.django_db


def endpoint_for(organisation, url, events=None):
    return WebhookEndpoint.objects.create(
        organisation=organisation,
        url=url,
        event_types=events or list(WebhookEvent.values),
    )


def test_the_signature_covers_timestamp_and_body():
    header = sign("s3cret", b'{"a":1}', timestamp=1_700_000_000)
    assert verify("s3cret", b'{"a":1}', header, now=1_700_000_010)
    assert not verify("s3cret", b'{"a":2}', header, now=1_700_000_010)
    assert not verify("other", b'{"a":1}', header, now=1_700_000_010)
    assert not verify("s3cret", b'{"a":1}', header, now=1_700_009_999)


def test_submitted_and_status_changed_requests_reach_the_commune_signed(
    django_capture_on_commit_callbacks,
):
    commune = make_commune()
    resident = make_resident()
    with WebhookReceiver() as receiver:
        endpoint = endpoint_for(commune, receiver.url)
        with django_capture_on_commit_callbacks(execute=True):
            service_request = do_file_request(
                resident=resident,
                service=make_service(commune, with_file=False),
                data={"last_name": "Martin"},
                acting_user=resident,
            )
        service_request.refresh_from_db()
        with django_capture_on_commit_callbacks(execute=True):
            do_change_status(
                request=service_request, to_status="in_review", acting_user=None
            )
    events = [orjson.loads(body) for _headers, body in receiver.received]
    assert [event["type"] for event in events] == [
        "request.submitted",
        "request.status_changed",
    ]
    assert events[1]["data"]["reference"] == service_request.reference
    assert events[1]["data"]["from_status"] == "submitted"
    assert b"Martin" not in receiver.received[0][1]  # no personal data
    headers, body = receiver.received[1]
    assert verify(endpoint.secret, body, headers[SIGNATURE_HEADER])
    assert (
        WebhookDelivery.objects.filter(status=WebhookDelivery.Status.DELIVERED).count()
        == 2
    )


def test_a_failed_delivery_is_retried_with_exponential_delays_then_given_up():
    commune = make_commune()
    with WebhookReceiver(statuses=[500] * 20) as receiver:
        endpoint = endpoint_for(commune, receiver.url)
        delivery = WebhookDelivery.objects.create(
            endpoint=endpoint, event_type="webhook.test", payload={"type": "x"}
        )
        for _ in range(tasks.MAX_ATTEMPTS):
            tasks.attempt_delivery(delivery)
        delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.attempts == tasks.MAX_ATTEMPTS
    assert delivery.last_status_code == 500
    assert [tasks.retry_delay(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
    assert len(receiver.received) == tasks.MAX_ATTEMPTS


def test_a_delivery_that_failed_once_succeeds_on_retry():
    commune = make_commune()
    with WebhookReceiver(statuses=[503]) as receiver:
        endpoint = endpoint_for(commune, receiver.url)
        delivery = tasks.send_test_event(endpoint=endpoint)
        tasks.deliver_webhook.call(delivery.pk)
        delivery.refresh_from_db()
        assert delivery.status == WebhookDelivery.Status.RETRYING
        assert delivery.next_attempt_at is not None
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            next_attempt_at=delivery.created_at
        )
        assert tasks.retry_due_deliveries() == 1
        delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    assert delivery.attempts == 2


def test_pairing_sends_resident_paired_with_the_commune_identifier(
    django_capture_on_commit_callbacks,
):
    commune = make_commune()
    with WebhookReceiver() as receiver:
        endpoint_for(commune, receiver.url, events=["resident.paired"])
        _pairing, code = api_actions.issue_pairing_code(
            organisation=commune, identifier="C-5"
        )
        with django_capture_on_commit_callbacks(execute=True):
            api_actions.redeem_pairing_code(resident=make_resident(), code=code)
    (event,) = [orjson.loads(body) for _h, body in receiver.received]
    assert event["type"] == "resident.paired"
    assert event["data"]["resident"] == "C-5"
