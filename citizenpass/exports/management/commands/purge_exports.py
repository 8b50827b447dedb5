"""``manage.py purge_exports``: delete expired export files and interrupted leftovers."""

from django.core.management.base import BaseCommand

from citizenpass.exports.actions import purge_expired_exports


class Command(BaseCommand):
    help = "Delete the files of expired data exports and files no export points to."

    def handle(self, *args, **options):
        removed = purge_expired_exports()
        self.stdout.write(f"{removed} export file(s) removed.")
