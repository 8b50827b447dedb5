"""Queries on export jobs."""

from citizenpass import per_user_cache
from citizenpass.exports.models import ExportJob


def recent_export_jobs(*, resident, limit: int = 10) -> list[ExportJob]:
    """The resident's latest export jobs, newest first."""
    return list(ExportJob.objects.filter(resident=resident)[:limit])


UNSEEN_READY_EXPORT = per_user_cache.fact("unseen-ready-export")


def has_unseen_ready_export(*, user) -> bool:
    """Whether an export the user asked for is ready and not yet seen (cached)."""
    return per_user_cache.remember(
        UNSEEN_READY_EXPORT,
        user.pk,
        lambda: ExportJob.objects.filter(
            requested_by=user, status=ExportJob.Status.READY, seen_at__isnull=True
        ).exists(),
    )
