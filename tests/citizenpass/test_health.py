"""``/healthz`` tells a load balancer whether the portal can serve."""

from unittest import mock

import pytest
from django.db import DatabaseError

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_task_queue(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["status"] == "ok"
    assert body["tasks"]["status"] == "ok"
    assert set(body["tasks"]) >= {"waiting", "oldest_waiting_seconds", "failed"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_answers_503_when_the_database_is_down(client):
    with mock.patch(
        "citizenpass.health.connection.cursor", side_effect=DatabaseError("down")
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"]["status"] == "down"


def test_root_redirects_to_the_french_site(client):
    response = client.get("/", headers={"accept-language": "en"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


def test_an_unknown_backoffice_address_is_not_found_without_a_language_redirect(
    client,
):
    from tests.citizenpass.records.factories import ResidentFactory
    from tests.support.logins import log_in

    agent = ResidentFactory(is_staff=True, is_superuser=True)
    log_in(client, agent)
    response = client.get("/backoffice/no-such-screen/")
    assert response.status_code == 404
