"""``manage.py fold_record_tallies``: fold the record counts' running rows into sums.

Run it daily from cron. Every import that touches a resident adds rows to their record
tally (``citizenpass.records.tally``); folding keeps reading them quick, and clears
the rows of accounts deleted without the deletion handlers. The counts read are the
same before and after.
"""

from django.core.management.base import BaseCommand

from citizenpass.records.tally import FOLD_ABOVE, fold_tallies


class Command(BaseCommand):
    help = "Fold each resident's record tally rows into one row per domain and source."

    def add_arguments(self, parser):
        parser.add_argument(
            "--above",
            type=int,
            default=FOLD_ABOVE,
            help=f"Fold residents with more rows than this (default: {FOLD_ABOVE}).",
        )

    def handle(self, *args, **options):
        removed = fold_tallies(options["above"])
        self.stdout.write(f"{removed} record tally row(s) folded away.")
