"""The HTTP API under ``/api/v1/`` (django-ninja): one function per operation, thin.

Authentication: ``Authorization: Bearer <token>``. Each operation names the scope it
needs. Errors are problem details (RFC 9457). Objects of another organisation answer
404, as missing ones do.
"""

import logging

import jsonschema
from django.core.exceptions import ObjectDoesNotExist, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Status
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer

from citizenpass.records.access_log import log_access
from citizenpass.records.actions import RecordInput
from citizenpass.records.models import AccessEvent, DataSource, RecordKind
from services.requests.actions import do_change_status
from services.requests.models import ServiceRequest

from . import actions, ingest, selectors
from .calls import api_call
from .models import ApiToken, Scope
from .problems import (
    PROBLEM_SCHEMA,
    ApiProblem,
    from_problem,
    not_found,
    problem_response,
    validation_failed,
)
from .schemas import (
    IngestOut,
    KindIn,
    KindOut,
    PairingCodeIn,
    PairingCodeOut,
    RecordCorrectionIn,
    RecordLine,
    RecordOut,
    RequestOut,
    ServiceIn,
    ServiceOut,
    ServicePatch,
    SourceIn,
    SourceOut,
    StatusChangeIn,
)
from .tokens import request_token

logger = logging.getLogger(__name__)

PURPOSE = "Processing by the organisation's information system"


class TokenAuth(HttpBearer):
    """``Authorization: Bearer cp_…``: a token of the caller's organisation."""

    def authenticate(self, request, token):
        return request_token(request)


api = NinjaAPI(
    title="CitizenPass API",
    version="1.0.0",
    description=(
        "API for communes and public-service operators: publish services, declare "
        "data sources, push residents' records in bulk, pair residents, follow "
        "requests. Authenticate with `Authorization: Bearer <token>`; errors are "
        "problem details (RFC 9457). See docs/api-client/ for an example client."
    ),
    auth=TokenAuth(),
    urls_namespace="api_v1",
    docs_url="/docs",
)
api.add_decorator(api_call, mode="view")


def _problem_responses(*codes: int) -> dict:
    return {
        code: {
            "description": "Problem details",
            "content": {"application/problem+json": {"schema": PROBLEM_SCHEMA}},
        }
        for code in codes
    }


def _openapi(*codes: int, **extra) -> dict:
    return {"responses": _problem_responses(401, 403, 429, *codes), **extra}


# --- errors -------------------------------------------------------------------------


@api.exception_handler(ApiProblem)
def _on_problem(request, exc: ApiProblem):
    return from_problem(exc)


@api.exception_handler(AuthenticationError)
def _on_authentication(request, exc):
    return problem_response(
        401,
        "unauthenticated",
        _("Authentication required"),
        _("Send a valid token: Authorization: Bearer <token>."),
        headers={"WWW-Authenticate": 'Bearer realm="citizenpass"'},
    )


@api.exception_handler(NinjaValidationError)
def _on_validation(request, exc: NinjaValidationError):
    errors = [
        {
            "field": "/".join(
                str(part) for part in error.get("loc", ()) if part not in ("body",)
            ),
            "reason": error.get("msg", ""),
        }
        for error in exc.errors
    ]
    return from_problem(validation_failed(errors))


@api.exception_handler(DjangoValidationError)
def _on_model_validation(request, exc: DjangoValidationError):
    if hasattr(exc, "error_dict"):
        errors = [
            {"field": field, "reason": str(message)}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        errors = [{"field": "", "reason": str(message)} for message in exc.messages]
    return from_problem(validation_failed(errors))


@api.exception_handler(Http404)
def _on_404(request, exc):
    return from_problem(not_found())


@api.exception_handler(ObjectDoesNotExist)
def _on_missing(request, exc):
    return from_problem(not_found())


@api.exception_handler(RequestDataTooBig)
def _on_too_big(request, exc):
    return problem_response(413, "payload-too-large", _("Request too large"))


@api.exception_handler(HttpError)
def _on_http_error(request, exc: HttpError):
    return problem_response(exc.status_code, "http-error", str(exc))


@api.exception_handler(Exception)
def _on_error(request, exc):
    logger.exception("API error on %s", request.resolver_match.route)
    return problem_response(500, "server-error", _("Server error"))


def _require(request: HttpRequest, scope: Scope, *or_scopes: Scope) -> ApiToken:
    """The request's token if it holds ``scope`` (or one of ``or_scopes``: a write
    scope also lets its holder read), else a 403 problem naming ``scope``."""
    token: ApiToken = request.auth
    if not {scope, *or_scopes} & set(token.scopes):
        raise ApiProblem(
            403,
            "missing-scope",
            _("Missing scope"),
            _("This token lacks the scope %(scope)s.") % {"scope": scope.value},
        )
    return token


# --- services -----------------------------------------------------------------------


@api.get(
    "/services",
    response=list[ServiceOut],
    tags=["services"],
    openapi_extra=_openapi(),
)
def list_services(request):
    """Services of my organisation."""
    token = _require(request, Scope.CATALOGUE_WRITE)
    return list(selectors.services_of(token.organisation_id))


@api.post(
    "/services",
    response={201: ServiceOut},
    tags=["services"],
    openapi_extra=_openapi(409, 422),
)
def create_service(request, body: ServiceIn):
    """Publish a service of my organisation."""
    token = _require(request, Scope.CATALOGUE_WRITE)
    service = actions.save_service(
        organisation=token.organisation, slug=body.slug, fields=body.dict()
    )
    return Status(201, service)


@api.get(
    "/services/{slug}",
    response=ServiceOut,
    tags=["services"],
    openapi_extra=_openapi(404),
)
def get_service(request, slug: str):
    """One service of my organisation."""
    token = _require(request, Scope.CATALOGUE_WRITE)
    return selectors.service_of(token.organisation_id, slug)


@api.patch(
    "/services/{slug}",
    response=ServiceOut,
    tags=["services"],
    openapi_extra=_openapi(404, 422),
)
def update_service(request, slug: str, body: ServicePatch):
    """Change a service of my organisation (only the fields sent)."""
    token = _require(request, Scope.CATALOGUE_WRITE)
    service = selectors.service_of(token.organisation_id, slug)
    return actions.save_service(
        organisation=token.organisation,
        slug=service.slug,
        fields=body.dict(exclude_none=True),
    )


# --- sources and kinds --------------------------------------------------------------


def _source_out(source: DataSource) -> dict:
    return {
        "slug": source.slug,
        "domain": source.domain,
        "name_en": source.name_en,
        "name_fr": source.name_fr,
        "legal_basis": source.legal_basis,
        "retention_months": source.retention_months,
        "kinds": list(source.kinds.all()),
    }


@api.get(
    "/sources", response=list[SourceOut], tags=["sources"], openapi_extra=_openapi()
)
def list_sources(request):
    """Data sources of my organisation, with their record kinds."""
    token = _require(request, Scope.SOURCES_WRITE)
    return [
        _source_out(source) for source in selectors.sources_of(token.organisation_id)
    ]


@api.post(
    "/sources",
    response={201: SourceOut},
    tags=["sources"],
    openapi_extra=_openapi(409, 422),
)
def create_source(request, body: SourceIn):
    """Declare a data source of my organisation."""
    token = _require(request, Scope.SOURCES_WRITE)
    source = actions.create_source(organisation=token.organisation, fields=body.dict())
    return Status(201, _source_out(source))


@api.get(
    "/sources/{slug}",
    response=SourceOut,
    tags=["sources"],
    openapi_extra=_openapi(404),
)
def get_source(request, slug: str):
    """One data source of my organisation."""
    token = _require(request, Scope.SOURCES_WRITE)
    return _source_out(selectors.source_of(token.organisation_id, slug))


@api.put(
    "/sources/{slug}/kinds/{code}",
    response=KindOut,
    tags=["sources"],
    openapi_extra=_openapi(404, 422),
)
def put_kind(request, slug: str, code: str, body: KindIn):
    """Declare or change a record kind and the JSON Schema of its payload."""
    token = _require(request, Scope.SOURCES_WRITE)
    source = selectors.source_of(token.organisation_id, slug)
    try:
        jsonschema.Draft202012Validator.check_schema(body.payload_schema)
    except jsonschema.SchemaError as error:
        raise validation_failed(
            [{"field": "payload_schema", "reason": error.message}]
        ) from None
    return actions.save_kind(source=source, code=code, fields=body.dict())


# --- records ------------------------------------------------------------------------

BULK_BODY = {
    "required": True,
    "description": (
        "Up to 50,000 records: NDJSON (`application/x-ndjson`, one record a line) "
        "or a JSON array. All or nothing: one bad line rejects the batch, and the "
        "answer lists every bad line."
    ),
    "content": {
        "application/x-ndjson": {"schema": {"type": "string"}},
        "application/json": {
            "schema": {
                "type": "array",
                "maxItems": ingest.MAX_LINES,
                "items": RecordLine.model_json_schema(),
            }
        },
    },
}


@api.post(
    "/sources/{slug}/records",
    response={200: IngestOut},
    tags=["records"],
    openapi_extra=_openapi(404, 409, 413, 422, requestBody=BULK_BODY),
)
def push_records(request, slug: str):
    """Push records in bulk; upserted by ``(source, external_id)``.

    Records for a resident identifier nobody paired yet wait and attach on pairing.
    Send ``Idempotency-Key`` to make a retry safe.
    """
    token = _require(request, Scope.RECORDS_WRITE)
    source = selectors.source_of(token.organisation_id, slug)
    try:
        result = ingest.ingest(source=source, body=request.body)
    except ingest.TooManyLines:
        raise ApiProblem(
            413,
            "too-many-lines",
            _("Too many records"),
            _("Send at most %(count)s records a call.") % {"count": ingest.MAX_LINES},
        ) from None
    except ingest.IngestRejected as rejected:
        raise validation_failed(rejected.errors) from None
    logger.info("Bulk push to source %s: %s records", source.pk, result.received)
    return result.as_dict()


def _record_out(record, waiting: bool) -> dict:
    return {
        "external_id": record.external_id,
        "kind": record.kind.code,
        "occurred_on": record.occurred_on,
        "period_end": record.period_end,
        "title": record.title,
        "value": float(record.value) if record.value is not None else None,
        "unit": record.unit,
        "payload": record.payload,
        "waiting_for_pairing": waiting,
    }


@api.get(
    "/sources/{slug}/records/{external_id}",
    response=RecordOut,
    tags=["records"],
    openapi_extra=_openapi(404),
)
@transaction.atomic
def get_record(request, slug: str, external_id: str):
    """One record of my source (the read shows in the resident's access log)."""
    token = _require(request, Scope.RECORDS_READ, Scope.RECORDS_WRITE)
    source = selectors.source_of(token.organisation_id, slug)
    record, waiting = selectors.record_of(source, external_id)
    if not waiting:
        log_access(
            resident=record.resident,
            role=AccessEvent.Role.API_CLIENT,
            what=f"{source.name_en}: {record.kind.label_en}",
            purpose=PURPOSE,
            organisation=token.organisation,
            api_client_label=token.name,
        )
    return _record_out(record, waiting)


@api.put(
    "/sources/{slug}/records/{external_id}",
    response=RecordOut,
    tags=["records"],
    openapi_extra=_openapi(404, 422),
)
def correct_record(request, slug: str, external_id: str, body: RecordCorrectionIn):
    """Correct one record; its history keeps what the correction replaced."""
    token = _require(request, Scope.RECORDS_WRITE)
    source = selectors.source_of(token.organisation_id, slug)
    kind = RecordKind.objects.filter(source=source, code=body.kind).first()
    if kind is None:
        raise validation_failed(
            [{"field": "kind", "reason": _("Unknown kind for this source.")}]
        )
    data = RecordInput(
        external_id=external_id,
        kind=kind,
        occurred_on=body.occurred_on,
        period_end=body.period_end,
        title=body.title,
        value=None if body.value is None else actions.to_decimal(body.value),
        unit=body.unit,
        payload=body.payload,
    )
    record = actions.correct_record(
        source=source, external_id=external_id, data=data, reason=body.reason
    )
    return _record_out(record, waiting=not hasattr(record, "resident_id"))


@api.delete(
    "/sources/{slug}/records/{external_id}",
    response={204: None},
    tags=["records"],
    openapi_extra=_openapi(404),
)
def delete_record(request, slug: str, external_id: str):
    """Delete one record."""
    token = _require(request, Scope.RECORDS_WRITE)
    source = selectors.source_of(token.organisation_id, slug)
    if not actions.delete_record(source=source, external_id=external_id):
        raise not_found()
    return Status(204, None)


# --- pairing ------------------------------------------------------------------------


@api.post(
    "/pairing-codes",
    response={201: PairingCodeOut},
    tags=["pairing"],
    openapi_extra=_openapi(422),
)
def issue_pairing_code(request, body: PairingCodeIn):
    """A one-time code to give the resident (print it on a bill or a letter).

    The resident enters it in their account; your identifier is then paired with
    them, and the records waiting for it attach. The code is shown only here.
    """
    token = _require(request, Scope.RECORDS_WRITE)
    pairing_code, code = actions.issue_pairing_code(
        organisation=token.organisation, identifier=body.resident
    )
    return Status(201, {"code": code, "expires_at": pairing_code.expires_at})


# --- requests -----------------------------------------------------------------------


def _request_out(service_request: ServiceRequest, identifiers: dict) -> dict:
    return {
        "reference": service_request.reference,
        "service": service_request.service.slug,
        "status": service_request.status,
        "channel": service_request.channel,
        "submitted_at": service_request.submitted_at,
        "status_changed_at": service_request.status_changed_at,
        "resident": identifiers.get(service_request.resident_id),
        "answers": service_request.data,
    }


def _log_request_reads(token: ApiToken, requests: list[ServiceRequest]) -> None:
    for service_request in requests:
        log_access(
            resident=service_request.resident,
            role=AccessEvent.Role.API_CLIENT,
            what=f"Request {service_request.reference}",
            purpose=PURPOSE,
            organisation=token.organisation,
            api_client_label=token.name,
        )


@api.get(
    "/requests",
    response=list[RequestOut],
    tags=["requests"],
    openapi_extra=_openapi(422),
)
@transaction.atomic
def list_requests(
    request, status: str = "", service: str = "", page: int = 1, page_size: int = 50
):
    """Requests to my organisation's services, newest first (reads are logged)."""
    token = _require(request, Scope.REQUESTS_READ)
    if page < 1 or not 1 <= page_size <= 200:
        raise validation_failed(
            [{"field": "page", "reason": _("page ≥ 1 and 1 ≤ page_size ≤ 200.")}]
        )
    requests = selectors.requests_of(
        token.organisation_id,
        status=status,
        service=service,
        page=page,
        page_size=page_size,
    )
    _log_request_reads(token, requests)
    identifiers = selectors.identifiers_of(token.organisation_id, requests)
    return [_request_out(item, identifiers) for item in requests]


@api.get(
    "/requests/{reference}",
    response=RequestOut,
    tags=["requests"],
    openapi_extra=_openapi(404),
)
@transaction.atomic
def get_request(request, reference: str):
    """One request to my organisation's services (the read is logged)."""
    token = _require(request, Scope.REQUESTS_READ)
    service_request = selectors.request_of(token.organisation_id, reference)
    _log_request_reads(token, [service_request])
    identifiers = selectors.identifiers_of(token.organisation_id, [service_request])
    return _request_out(service_request, identifiers)


@api.post(
    "/requests/{reference}/status",
    response=RequestOut,
    tags=["requests"],
    openapi_extra=_openapi(404, 422),
)
@transaction.atomic
def change_request_status(request, reference: str, body: StatusChangeIn):
    """Move a request along the workflow, with the back office's rules."""
    token = _require(request, Scope.REQUESTS_WRITE)
    service_request = selectors.request_of(token.organisation_id, reference)
    service_request = do_change_status(
        request=service_request,
        to_status=body.status,
        comment=body.comment,
        acting_user=None,
    )
    _log_request_reads(token, [service_request])
    identifiers = selectors.identifiers_of(token.organisation_id, [service_request])
    return _request_out(service_request, identifiers)
