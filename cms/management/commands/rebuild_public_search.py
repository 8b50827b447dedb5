"""Rebuild the public search documents from every live page."""

from django.core.management.base import BaseCommand

from cms.search.indexing import rebuild_search_index


class Command(BaseCommand):
    help = "Index every live public page (and the services they present) for /<lang>/search/."

    def handle(self, *args, **options):
        count = rebuild_search_index()
        self.stdout.write(f"{count} search documents.")
