"""Resident pages: apply, drafts, my requests, a request, notifications, downloads."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from services.requests import actions
from services.requests.models import Attachment, RequestStatus, ServiceRequest
from tests.support.logins import log_in

from .factories import (
    PDF_BYTES,
    make_agent,
    make_commune,
    make_resident,
    make_service,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def commune():
    return make_commune("lyon")


@pytest.fixture
def service(commune):
    return make_service(commune, slug="bulky-waste")


@pytest.fixture
def resident():
    return make_resident(last_name="Martin")


def _apply(client, service, **data):
    return client.post(
        reverse("service_requests:apply", args=[service.slug]),
        {"last_name": "Martin", "action": "submit", **data},
    )


def test_the_form_is_pre_filled_from_the_profile(client, service, resident):
    log_in(client, resident)
    response = client.get(reverse("service_requests:apply", args=[service.slug]))
    assert response.status_code == 200
    assert 'value="Martin"' in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_a_resident_submits_with_a_pdf(client, service, resident):
    log_in(client, resident)
    response = _apply(client, service, proof=SimpleUploadedFile("scan.pdf", PDF_BYTES))
    service_request = ServiceRequest.objects.get()
    assert response.status_code == 302
    assert service_request.status == RequestStatus.SUBMITTED
    page = client.get(response["Location"]).content.decode()
    assert service_request.reference in page


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("fake.pdf", b"MZ\x90\x00 not a pdf at all", "not an accepted type"),
        ("big.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024), "too big"),
    ],
)
def test_a_bad_upload_is_refused_and_nothing_is_saved(
    client, service, resident, name, content, error, settings
):
    settings.LANGUAGE_CODE = "en"
    log_in(client, resident)
    response = client.post(
        "/en" + reverse("service_requests:apply", args=[service.slug])[3:],
        {
            "last_name": "Martin",
            "action": "submit",
            "proof": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not ServiceRequest.objects.exists()
    assert not Attachment.objects.exists()


def test_a_draft_is_saved_then_submitted(client, service, resident):
    log_in(client, resident)
    client.post(
        reverse("service_requests:apply", args=[service.slug]),
        {"last_name": "", "action": "draft"},
    )
    draft = ServiceRequest.objects.get()
    assert draft.status == RequestStatus.DRAFT
    response = client.post(
        reverse("service_requests:edit_draft", args=[draft.pk]),
        {
            "last_name": "Martin",
            "action": "submit",
            "proof": SimpleUploadedFile("scan.pdf", PDF_BYTES),
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == RequestStatus.SUBMITTED


def test_another_residents_request_is_not_found(client, service, resident):
    service_request = actions.do_file_request(
        resident=resident,
        service=service,
        data={"last_name": "Martin"},
        acting_user=resident,
    )
    attachment_url = reverse(
        "service_requests:attachment", args=[service_request.pk, 1]
    )
    log_in(client, make_resident())
    for url in [
        reverse("service_requests:detail", args=[service_request.pk]),
        reverse("service_requests:edit_draft", args=[service_request.pk]),
        attachment_url,
    ]:
        assert client.get(url).status_code == 404
    assert (
        client.post(
            reverse("service_requests:withdraw", args=[service_request.pk])
        ).status_code
        == 404
    )


def test_a_document_is_served_as_a_download(client, service, resident):
    log_in(client, resident)
    _apply(client, service, proof=SimpleUploadedFile("scan.pdf", PDF_BYTES))
    attachment = Attachment.objects.get()
    response = client.get(
        reverse(
            "service_requests:attachment",
            args=[attachment.request_id, attachment.pk],
        )
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_the_header_shows_unread_notifications(client, service, resident):
    log_in(client, resident)
    _apply(client, service, proof=SimpleUploadedFile("scan.pdf", PDF_BYTES))
    page = client.get(reverse("service_requests:list")).content.decode()
    assert 'class="badge">1' in page
    client.post(reverse("service_requests:notifications"))
    page = client.get(reverse("service_requests:list")).content.decode()
    assert 'class="badge"' not in page


def _list_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("service_requests:list")).status_code == 200
    return len(queries)


def test_my_requests_runs_a_constant_number_of_queries(
    client, commune, service, resident
):
    log_in(client, resident)
    other_service = make_service(commune, with_file=False)
    actions.do_file_request(
        resident=resident,
        service=service,
        data={"last_name": "M"},
        acting_user=resident,
    )
    _list_queries(client)  # the first request of a session records the session
    # Filing a request notifies the resident: the next page counts unread ones again.
    actions.do_file_request(
        resident=resident,
        service=other_service,
        data={"last_name": "M"},
        acting_user=resident,
    )
    few = _list_queries(client)
    for target in [service, other_service] * 5:
        actions.do_file_request(
            resident=resident,
            service=target,
            data={"last_name": "M"},
            acting_user=resident,
        )
    assert _list_queries(client) == few


def test_withdrawing_a_request(client, service, resident):
    service_request = actions.do_file_request(
        resident=resident,
        service=service,
        data={"last_name": "Martin"},
        acting_user=resident,
    )
    log_in(client, resident)
    client.post(reverse("service_requests:withdraw", args=[service_request.pk]))
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.WITHDRAWN


def test_an_agent_filing_at_the_counter_is_shown_to_the_resident(
    client, commune, service, resident
):
    service_request = actions.do_file_request(
        resident=resident,
        service=service,
        data={"last_name": "Martin"},
        acting_user=make_agent(commune),
        channel="counter",
    )
    log_in(client, resident)
    page = client.get(
        reverse("service_requests:detail", args=[service_request.pk])
    ).content.decode()
    assert "Agent Lyon" in page
