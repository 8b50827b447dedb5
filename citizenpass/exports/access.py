"""Who may see an export job or download its file: 404 for everyone else."""

from django.http import Http404

from citizenpass.exports.models import ExportJob
from citizenpass.records.access import AccessGrant, find_grant


def access_export_job(viewer, job_id: int) -> tuple[AccessGrant, ExportJob]:
    """The job and the viewer's grant on its resident's data, covering its domains.

    The resident, a guardian of the minor, or a helper whose mandate covers every
    domain of the export; anyone else gets 404.
    """
    job = ExportJob.objects.select_related("resident").filter(pk=job_id).first()
    if job is None:
        raise Http404
    grant = find_grant(viewer, job.resident)
    if grant is None or not all(grant.allows(code) for code in job.domains):
        raise Http404
    return grant, job
