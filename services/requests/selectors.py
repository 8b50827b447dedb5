"""Plain queries on requests and notifications, with their joins."""

from datetime import timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from citizenpass import per_user_cache

from .models import Notification, RequestStatus, ServiceRequest


def resident_requests(user) -> QuerySet[ServiceRequest]:
    """A resident's requests, newest first, with their service."""
    return (
        ServiceRequest.objects.filter(resident=user)
        .select_related("service")
        .order_by("-created_at")
    )


def request_timeline(service_request: ServiceRequest):
    """Status changes of a request, oldest first, with who made them."""
    return service_request.status_changes.select_related("acting_user").order_by(
        "created_at", "pk"
    )


def request_thread(service_request: ServiceRequest):
    """Messages of a request, oldest first, with their attachments."""
    return service_request.messages.select_related("author").prefetch_related(
        "attachments"
    )


UNREAD_NOTIFICATIONS = per_user_cache.fact("unread-notifications")


def unread_notification_count(user) -> int:
    """How many notifications the user has not read (cached: actions forget it)."""
    return per_user_cache.remember(
        UNREAD_NOTIFICATIONS,
        user.pk,
        lambda: Notification.objects.filter(user=user, read_at__isnull=True).count(),
    )


def user_notifications(user, limit: int = 50):
    """A user's latest notifications with their request."""
    return Notification.objects.filter(user=user).select_related("request")[:limit]


OPEN_STATUSES = [
    RequestStatus.SUBMITTED,
    RequestStatus.IN_REVIEW,
    RequestStatus.WAITING_RESIDENT,
]


def backoffice_summary(requests: QuerySet[ServiceRequest]) -> dict:
    """Counts per status and ageing of open requests, in one query."""
    now = timezone.now()
    week, month = now - timedelta(days=7), now - timedelta(days=30)
    open_q = Q(status__in=OPEN_STATUSES)
    return requests.aggregate(
        submitted=Count("pk", filter=Q(status=RequestStatus.SUBMITTED)),
        in_review=Count("pk", filter=Q(status=RequestStatus.IN_REVIEW)),
        waiting_resident=Count("pk", filter=Q(status=RequestStatus.WAITING_RESIDENT)),
        open_under_7_days=Count("pk", filter=open_q & Q(submitted_at__gte=week)),
        open_7_to_30_days=Count(
            "pk", filter=open_q & Q(submitted_at__lt=week, submitted_at__gte=month)
        ),
        open_over_30_days=Count("pk", filter=open_q & Q(submitted_at__lt=month)),
        unassigned=Count("pk", filter=open_q & Q(assignee__isnull=True)),
    )


def labelled_answers(service_request) -> list[tuple[str, str]]:
    """The request's answers under their question's label, in the form's order; an
    answer to a question removed from the form since keeps its key as label."""
    answers = service_request.data
    questions = list(service_request.service.form_fields.all())
    asked = {field.name for field in questions}
    return [
        (field.label, answers[field.name])
        for field in questions
        if field.name in answers
    ] + [(key, value) for key, value in answers.items() if key not in asked]
