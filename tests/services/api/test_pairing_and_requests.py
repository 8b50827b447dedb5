"""Resident pairing by one-time code, and requests read and moved through the API."""

import pytest
from django.core.exceptions import ValidationError

from citizenpass.records.models import AccessEvent, PersonalRecord
from services.api import actions
from services.api.models import PendingRecord, ResidentLink
from services.requests.actions import do_file_request
from services.requests.models import RequestStatus, StatusChange
from tests.services.requests.factories import make_service
from tests.support.logins import log_in

from .factories import line, make_resident

pytestmark = pytest.mark.django_db


def test_waiting_records_attach_when_the_resident_enters_the_code(api, source, commune):
    api.post(f"/sources/{source.slug}/records", [line(1, resident="C-7")])
    response = api.post("/pairing-codes", {"resident": "C-7"})
    assert response.status_code == 201
    code = response.json()["code"]
    resident = make_resident()
    link = actions.redeem_pairing_code(resident=resident, code=code.lower())
    assert link.identifier == "C-7"
    assert PersonalRecord.objects.get().resident == resident
    assert not PendingRecord.objects.exists()
    # Later pushes for the identifier go straight to the resident.
    response = api.post(f"/sources/{source.slug}/records", [line(2, resident="C-7")])
    assert response.json()["created"] == 1


def test_a_code_works_once(commune):
    _code, code = actions.issue_pairing_code(organisation=commune, identifier="C-1")
    actions.redeem_pairing_code(resident=make_resident(), code=code)
    with pytest.raises(ValidationError):
        actions.redeem_pairing_code(resident=make_resident(), code=code)


def test_code_attempts_are_throttled(commune):
    resident = make_resident()
    _code, code = actions.issue_pairing_code(organisation=commune, identifier="C-1")
    for _ in range(actions.PAIRING_ATTEMPTS):
        with pytest.raises(ValidationError):
            actions.redeem_pairing_code(resident=resident, code="WRONG-CODE-0000")
    with pytest.raises(actions.TooManyAttempts):
        actions.redeem_pairing_code(resident=resident, code=code)
    assert not ResidentLink.objects.exists()


def test_the_resident_pairs_on_the_portal_page(client, commune):
    resident = make_resident()
    log_in(client, resident)
    _code, code = actions.issue_pairing_code(organisation=commune, identifier="C-3")
    page = client.get("/en/account/pairing/")
    assert page.status_code == 200
    response = client.post("/en/account/pairing/", {"code": code}, follow=True)
    assert response.status_code == 200
    assert commune.name in response.content.decode()
    assert ResidentLink.objects.get().resident == resident
    wrong = client.post("/en/account/pairing/", {"code": "AAAA-BBBB-CCCC"})
    assert "not valid" in wrong.content.decode()


@pytest.fixture
def submitted(commune):
    service = make_service(commune, with_file=False)
    resident = make_resident()
    service_request = do_file_request(
        resident=resident,
        service=service,
        data={"last_name": "Martin"},
        acting_user=resident,
    )
    service_request.refresh_from_db()
    return service_request


def test_requests_are_listed_and_each_read_is_in_the_access_log(api, submitted):
    response = api.get("/requests")
    assert response.status_code == 200, response.content
    assert [item["reference"] for item in response.json()] == [submitted.reference]
    event = AccessEvent.objects.get(resident=submitted.resident)
    assert event.role == AccessEvent.Role.API_CLIENT
    assert submitted.reference in event.what


def test_a_request_moves_with_the_back_office_rules(api, submitted):
    path = f"/requests/{submitted.reference}/status"
    response = api.post(path, {"status": "in_review"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "in_review"
    assert StatusChange.objects.filter(
        request=submitted, to_status=RequestStatus.IN_REVIEW
    ).exists()
    refused = api.post(path, {"status": "draft"})
    assert refused.status_code == 422
    no_comment = api.post(path, {"status": "waiting_resident"})
    assert no_comment.status_code == 422


def test_a_request_of_another_organisation_is_404(make_api_client, submitted):
    from .factories import make_commune, make_token

    other = make_api_client(make_token(make_commune()))
    assert other.get(f"/requests/{submitted.reference}").status_code == 404
    assert (
        other.post(
            f"/requests/{submitted.reference}/status", {"status": "in_review"}
        ).status_code
        == 404
    )
