"""Background jobs of the exports queue."""

from django_tasks import task


@task(queue_name="exports")
def generate_export(job_id: int) -> None:
    """Generate the file of one export job (progress kept on the job)."""
    from citizenpass.exports.generation import generate

    generate(job_id)
