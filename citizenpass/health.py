"""``GET /healthz``: is the database reachable, is the job queue moving."""

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _database_status() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return {"status": "down"}
    return {"status": "ok", "vendor": connection.vendor}


def _task_queue_status() -> dict:
    from django_tasks_db.models import DBTaskResult

    try:
        waiting = DBTaskResult.objects.ready()
        oldest = (
            waiting.order_by("enqueued_at")
            .values_list("enqueued_at", flat=True)
            .first()
        )
        failed = DBTaskResult.objects.failed().count()
        return {
            "status": "ok",
            "waiting": waiting.count(),
            "oldest_waiting_seconds": (
                round((timezone.now() - oldest).total_seconds()) if oldest else 0
            ),
            "failed": failed,
        }
    except DatabaseError:
        return {"status": "unknown"}


@require_GET
@never_cache
def healthz(request):
    """Report the database and task-queue status; 503 when the database is down."""
    database = _database_status()
    queue = (
        _task_queue_status() if database["status"] == "ok" else {"status": "unknown"}
    )
    healthy = database["status"] == "ok"
    return JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            "database": database,
            "tasks": queue,
        },
        status=200 if healthy else 503,
    )
