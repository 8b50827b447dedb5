"""``manage.py purge_detached_records``: erase records of deleted accounts past retention.

Run it daily from cron. ``--today YYYY-MM-DD`` computes as if on another day (tests,
catching up after an outage).
"""

import datetime

from django.core.management.base import BaseCommand

from citizenpass.records.deletion import purge_detached_records


class Command(BaseCommand):
    help = (
        "Erase the records detached from deleted accounts whose retention period "
        "is over."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="Compute retention as on this day (YYYY-MM-DD); default: today.",
        )

    def handle(self, *args, **options):
        erased = purge_detached_records(today=options["today"])
        self.stdout.write(f"{erased} detached record(s) erased.")
