"""Back-office screens: tokens shown once and revoked, test event, run now, scoping."""

import pytest
from django.contrib.auth import get_user_model

from services.api.models import ApiToken
from services.connectors.models import Connector, WebhookDelivery, WebhookEndpoint
from tests.services.api.factories import make_commune, make_source
from tests.support.logins import log_in

from .receiver import WebhookReceiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client):
    organisation = make_commune()
    user = get_user_model().objects.create_superuser(
        email="admin@example.org", password="a long password 123"
    )
    user.organisation = organisation
    user.save()
    log_in(client, user)
    return user


def test_a_token_is_shown_once_then_revoked(client, admin):
    response = client.post(
        "/backoffice/api-tokens/",
        {
            "create_token": "1",
            "name": "billing",
            "scopes": ["records:write"],
            "calls_per_minute": "600",
        },
    )
    assert response.status_code == 200, response.content[:500]
    token = ApiToken.objects.get()
    page = response.content.decode()
    assert token.prefix in page and "cp_" in page
    assert "no-store" in response["Cache-Control"]
    assert token.prefix + "…" in client.get("/backoffice/api-tokens/").content.decode()
    client.post(f"/backoffice/api-tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert not token.is_active


def test_a_pairing_code_is_issued_at_the_counter(client, admin):
    response = client.post(
        "/backoffice/api-tokens/", {"issue_code": "1", "identifier": "C-42"}
    )
    assert response.status_code == 200
    assert admin.organisation.pairing_codes.get().identifier == "C-42"


def test_the_test_event_button_delivers_a_signed_event(
    client, admin, django_capture_on_commit_callbacks
):
    with WebhookReceiver() as receiver:
        endpoint = WebhookEndpoint.objects.create(
            organisation=admin.organisation, url=receiver.url, event_types=[]
        )
        index = client.get("/backoffice/webhooks/")
        assert index.status_code == 200
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/backoffice/webhooks/{endpoint.pk}/test/")
    assert response.status_code == 302
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    assert len(receiver.received) == 1
    assert client.get("/backoffice/webhook-deliveries/").status_code == 200


def test_connectors_and_reports_screens_list_and_run(client, admin, tmp_path):
    connector = Connector.objects.create(
        name="eau",
        kind=Connector.Kind.WATER_METER,
        source=make_source(admin.organisation),
        config={"folder": str(tmp_path)},
    )
    assert client.get("/backoffice/connectors/").status_code == 200
    response = client.post(f"/backoffice/connectors/{connector.pk}/run/")
    assert response.status_code == 302
    assert client.get("/backoffice/import-reports/").status_code == 200
    report = connector.reports.get()
    assert (
        client.get(f"/backoffice/import-reports/inspect/{report.pk}/").status_code
        == 200
    )
