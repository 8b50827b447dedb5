"""Queries of the API, each limited to the caller's organisation (404 otherwise)."""

from citizenpass.records.models import DataSource, PersonalRecord
from services.catalogue.models import Service
from services.requests.models import RequestStatus, ServiceRequest

from .models import PendingRecord, ResidentLink
from .problems import not_found


def services_of(organisation_id: int):
    return Service.objects.filter(owner_id=organisation_id).order_by("slug")


def service_of(organisation_id: int, slug: str) -> Service:
    service = services_of(organisation_id).filter(slug=slug).first()
    if service is None:
        raise not_found()
    return service


def sources_of(organisation_id: int):
    return (
        DataSource.objects.filter(organisation_id=organisation_id)
        .prefetch_related("kinds")
        .order_by("slug")
    )


def source_of(organisation_id: int, slug: str) -> DataSource:
    source = sources_of(organisation_id).filter(slug=slug).first()
    if source is None:
        raise not_found()
    return source


def record_of(source: DataSource, external_id: str):
    """``(record, waiting for pairing)`` of a source, or 404.

    Records detached from a deleted account are out of reach: the portal erases them
    when their retention is over (``purge_detached_records``).
    """
    record = (
        PersonalRecord.objects.select_related("kind", "resident")
        .filter(source=source, external_id=external_id, resident__isnull=False)
        .first()
    )
    if record is not None:
        return record, False
    pending = (
        PendingRecord.objects.select_related("kind")
        .filter(source=source, external_id=external_id)
        .first()
    )
    if pending is None:
        raise not_found()
    return pending, True


def requests_of(
    organisation_id: int, *, status: str, service: str, page: int, page_size: int
) -> list[ServiceRequest]:
    """Submitted requests to the organisation's services, newest first."""
    queryset = (
        ServiceRequest.objects.filter(organisation_id=organisation_id)
        .exclude(status=RequestStatus.DRAFT)
        .select_related("service", "resident")
        .order_by("-submitted_at", "-pk")
    )
    if status:
        queryset = queryset.filter(status=status)
    if service:
        queryset = queryset.filter(service__slug=service)
    start = (page - 1) * page_size
    return list(queryset[start : start + page_size])


def request_of(organisation_id: int, reference: str) -> ServiceRequest:
    service_request = (
        ServiceRequest.objects.filter(organisation_id=organisation_id)
        .exclude(status=RequestStatus.DRAFT)
        .select_related("service", "resident")
        .filter(reference=reference)
        .first()
    )
    if service_request is None:
        raise not_found()
    return service_request


def identifiers_of(organisation_id: int, requests: list[ServiceRequest]) -> dict:
    """``{resident id: identifier}`` for residents paired with the organisation."""
    return dict(
        ResidentLink.objects.filter(
            organisation_id=organisation_id,
            resident_id__in={item.resident_id for item in requests},
        ).values_list("resident_id", "identifier")
    )
