"""``manage.py run_scheduled_connectors``: the schedule; run it from cron every minute.

Runs every active connector whose next run is due, and re-sends webhook deliveries
whose retry is due (for job backends that cannot defer a job).
"""

from django.core.management.base import BaseCommand

from services.connectors.importers import due_connectors, run_connector
from services.connectors.tasks import retry_due_deliveries


class Command(BaseCommand):
    help = "Run the connectors whose scheduled time has come, and due webhook retries."

    def handle(self, *args, **options):
        for connector in due_connectors():
            reports = run_connector(connector)
            self.stdout.write(
                f"{connector.name}: {', '.join(r.status for r in reports)}"
            )
        retried = retry_due_deliveries()
        if retried:
            self.stdout.write(f"{retried} webhook deliveries retried")
