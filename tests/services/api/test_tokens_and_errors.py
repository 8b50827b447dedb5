"""Tokens, scopes, quotas, idempotency and problem details."""

import logging

import pytest
from django.core.management import call_command

from services.api.actions import revoke_token
from services.api.models import ApiToken, Scope

from .factories import line, make_commune, make_source, make_token

pytestmark = pytest.mark.django_db


def test_without_a_token_the_answer_is_401_problem_details(make_api_client, source):
    response = make_api_client(None).get("/sources")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")
    body = response.json()
    assert body["status"] == 401 and body["type"] and body["title"]


def test_a_revoked_token_is_401(make_api_client, commune):
    secret = make_token(commune)
    revoke_token(token=ApiToken.objects.get())
    assert make_api_client(secret).get("/sources").status_code == 401


def test_tokens_are_stored_hashed(commune):
    secret = make_token(commune)
    token = ApiToken.objects.get()
    assert secret not in (token.digest, token.prefix)
    assert secret.startswith(token.prefix)


def test_a_token_without_the_scope_gets_403(make_api_client, commune, source):
    client = make_api_client(make_token(commune, scopes=[Scope.REQUESTS_READ]))
    response = client.post(f"/sources/{source.slug}/records", [line(1)])
    assert response.status_code == 403
    assert "records:write" in response.json()["detail"]


def test_a_read_only_token_reads_records_but_cannot_change_them(
    make_api_client, commune, source
):
    writer = make_api_client(make_token(commune, scopes=[Scope.RECORDS_WRITE]))
    assert writer.post(f"/sources/{source.slug}/records", [line(1)]).status_code == 200
    record_url = f"/sources/{source.slug}/records/{line(1)['external_id']}"
    reader = make_api_client(make_token(commune, scopes=[Scope.RECORDS_READ]))
    assert reader.get(record_url).status_code == 200
    assert writer.get(record_url).status_code == 200
    for refused in (
        reader.post(f"/sources/{source.slug}/records", [line(2)]),
        reader.delete(record_url),
    ):
        assert refused.status_code == 403
        assert "records:write" in refused.json()["detail"]
    neither = make_api_client(make_token(commune, scopes=[Scope.REQUESTS_READ]))
    response = neither.get(record_url)
    assert response.status_code == 403
    assert "records:read" in response.json()["detail"]


def test_objects_of_another_organisation_are_404(api, db):
    other_source = make_source(make_commune())
    response = api.post(f"/sources/{other_source.slug}/records", [line(1)])
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert api.get(f"/sources/{other_source.slug}").status_code == 404


def test_over_quota_the_answer_is_429_with_retry_after(make_api_client, commune):
    client = make_api_client(make_token(commune, calls_per_minute=2))
    assert client.get("/sources").status_code == 200
    assert client.get("/sources").status_code == 200
    response = client.get("/sources")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60


def test_an_idempotent_replay_returns_the_stored_answer(api, source, commune):
    path = f"/sources/{source.slug}/records"
    first = api.post(path, [line(1)], **{"Idempotency-Key": "k-1"})
    again = api.post(path, [line(1)], **{"Idempotency-Key": "k-1"})
    assert first.status_code == again.status_code == 200
    assert first.content == again.content
    assert again["Idempotent-Replayed"] == "true"
    other_body = api.post(path, [line(2)], **{"Idempotency-Key": "k-1"})
    assert other_body.status_code == 422


def test_a_key_still_running_is_409(api, source, commune):
    from services.api.idempotency import request_digest
    from services.api.models import IdempotencyKey

    class FakeRequest:
        method = "POST"
        path = f"/api/v1/sources/{source.slug}/records"

    body = b'[{"a": 1}]'
    IdempotencyKey.objects.create(
        organisation=commune,
        key="k-2",
        request_digest=request_digest(FakeRequest, body),
    )
    response = api.post(
        FakeRequest.path.removeprefix("/api/v1"), body, **{"Idempotency-Key": "k-2"}
    )
    assert response.status_code == 409


def test_extra_fields_in_a_body_are_refused(api):
    response = api.post(
        "/services",
        {"slug": "permis", "title_fr": "Permis", "owner": 1, "is_staff": True},
    )
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert {"owner", "is_staff"} <= fields


def test_services_are_created_listed_and_changed(api):
    response = api.post("/services", {"slug": "cantine", "title_fr": "Cantine"})
    assert response.status_code == 201, response.content
    assert [item["slug"] for item in api.get("/services").json()] == ["cantine"]
    response = api.patch("/services/cantine", {"title_en": "School canteen"})
    assert response.json()["title_en"] == "School canteen"


def test_sources_and_kinds_are_declared(api):
    response = api.post(
        "/sources",
        {
            "slug": "canteen-bills",
            "domain": "education",
            "name_en": "Canteen bills",
            "name_fr": "Factures de cantine",
            "description_en": "Monthly bills.",
            "description_fr": "Factures mensuelles.",
            "legal_basis": "public_task",
            "retention_months": 24,
        },
    )
    assert response.status_code == 201, response.content
    response = api.put(
        "/sources/canteen-bills/kinds/bill",
        {
            "label_en": "Bill",
            "label_fr": "Facture",
            "measure": "bill",
            "unit": "EUR",
            "payload_schema": {
                "type": "object",
                "properties": {"meals": {"type": "integer"}},
            },
        },
    )
    assert response.status_code == 200, response.content
    bad = api.put(
        "/sources/canteen-bills/kinds/bad",
        {"label_en": "B", "label_fr": "B", "payload_schema": {"type": 12}},
    )
    assert bad.status_code == 422


def test_every_call_is_logged_without_personal_data(api, source, commune, caplog):
    with caplog.at_level(logging.INFO, logger="citizenpass.api.calls"):
        api.post(f"/sources/{source.slug}/records", [line(1, resident="SECRET-ID")])
    (record,) = [r for r in caplog.records if r.name == "citizenpass.api.calls"]
    message = record.getMessage()
    assert "method=POST" in message
    assert "route=api/v1/sources/<slug>/records" in message
    assert "status=200" in message
    assert f"organisation={commune.pk}" in message
    assert "SECRET-ID" not in message and source.slug not in message


def test_the_management_command_creates_and_revokes_tokens(commune, capsys):
    call_command(
        "api_token", "create", commune.slug, "billing", "--scope", "records:write"
    )
    secret = capsys.readouterr().out.strip()
    token = ApiToken.objects.get()
    assert token.scopes == ["records:write"] and secret.startswith(token.prefix)
    call_command("api_token", "revoke", token.prefix)
    token.refresh_from_db()
    assert not token.is_active


def test_the_openapi_document_and_the_docs_are_public(client):
    document = client.get("/api/v1/openapi.json")
    assert document.status_code == 200
    paths = document.json()["paths"]
    assert "/api/v1/sources/{slug}/records" in paths
    assert client.get("/api/v1/docs").status_code == 200
