"""``manage.py verify_access_log``: check every resident's access-log hash chain."""

from django.core.management.base import BaseCommand, CommandError

from citizenpass.records.access_log import verify_chain
from citizenpass.records.models import AccessEvent


class Command(BaseCommand):
    help = "Recompute the access log's hash chains and report every broken link."

    def handle(self, *args, **options):
        broken = 0
        for link in verify_chain():
            broken += 1
            self.stdout.write(
                f"BROKEN resident={link.resident_ref} sequence={link.sequence} "
                f"event={link.event_id or '-'}: {link.problem}"
            )
        total = AccessEvent.objects.count()
        if broken:
            raise CommandError(f"{broken} broken link(s) in {total} access events.")
        self.stdout.write(f"Access log intact: {total} events verified.")
