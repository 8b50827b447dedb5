"""Reads of requests with a permission check: 404 for anything the user may not see."""

from django.http import Http404

from .models import Attachment, ServiceRequest


def agent_requests(user):
    """The requests an agent may handle: those of their organisation's services."""
    queryset = ServiceRequest.objects.exclude(status=ServiceRequest.Status.DRAFT)
    if user.is_superuser:
        return queryset
    if not user.is_staff or user.organisation_id is None:
        return queryset.none()
    return queryset.filter(organisation_id=user.organisation_id)


def access_request_for_resident(user, pk: int) -> ServiceRequest:
    """The resident's own request, or 404."""
    try:
        return ServiceRequest.objects.select_related(
            "service", "service__owner", "filed_by"
        ).get(pk=pk, resident_id=user.pk)
    except ServiceRequest.DoesNotExist:
        raise Http404 from None


def access_request_for_agent(user, pk: int) -> ServiceRequest:
    """A request of the agent's organisation, or 404."""
    try:
        return (
            agent_requests(user)
            .select_related(
                "service", "resident", "assignee", "organisation", "filed_by"
            )
            .get(pk=pk)
        )
    except ServiceRequest.DoesNotExist:
        raise Http404 from None


def access_attachment(user, request_pk: int, pk: int, *, as_agent: bool) -> Attachment:
    """An attachment of a request the user may see, or 404."""
    if as_agent:
        service_request = access_request_for_agent(user, request_pk)
    else:
        service_request = access_request_for_resident(user, request_pk)
    try:
        return service_request.attachments.get(pk=pk)
    except Attachment.DoesNotExist:
        raise Http404 from None
