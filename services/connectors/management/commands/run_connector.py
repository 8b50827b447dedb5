"""``manage.py run_connector NAME``: run one connector now and print its report."""

from django.core.management.base import BaseCommand, CommandError

from services.connectors.importers import run_connector
from services.connectors.models import Connector


class Command(BaseCommand):
    help = "Run one connector now (by name) and print what it imported."

    def add_arguments(self, parser):
        parser.add_argument("name")

    def handle(self, *args, name, **options):
        connector = Connector.objects.select_related("source").filter(name=name).first()
        if connector is None:
            raise CommandError(f"No connector named {name!r}.")
        failed = False
        for report in run_connector(connector):
            self.stdout.write(
                f"{report.origin or connector.name}: {report.status} "
                f"received={report.received} created={report.created} "
                f"updated={report.updated} waiting={report.waiting} "
                f"bad_lines={len(report.errors)} {report.message}".rstrip()
            )
            for error in report.errors[:20]:
                self.stdout.write(
                    f"  line {error['line']} {error['field']}: {error['reason']}"
                )
            failed = failed or report.status != report.Status.SUCCEEDED
        if failed:
            raise CommandError("The import did not succeed: nothing was imported.")
