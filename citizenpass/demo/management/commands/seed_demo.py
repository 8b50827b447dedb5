"""``manage.py seed_demo``: fill the database with the demo metropolis (idempotent)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from citizenpass.demo.seeding import seed_all


class Command(BaseCommand):
    help = "Create demo organisations, users, pages and data. A second run changes nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--residents", type=int, default=0, help="Extra residents for benchmarks."
        )
        parser.add_argument(
            "--records-per-resident",
            type=int,
            default=0,
            help="Records for each extra resident.",
        )
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Seed even though DEBUG is off (benchmarks on production-like settings).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_without_debug"]:
            raise CommandError(
                "Demo data is for development: run with DEBUG on, or pass --allow-without-debug."
            )
        report = seed_all(
            residents=options["residents"],
            records_per_resident=options["records_per_resident"],
        )
        created = ", ".join(
            f"{count} {kind}" for kind, count in sorted(report.created.items()) if count
        )
        self.stdout.write(f"Demo data ready ({created or 'nothing new'}).")
        self.stdout.write("Demo logins:")
        for role, email, password in report.logins:
            self.stdout.write(f"  {role:<10} {email:<45} {password}")
