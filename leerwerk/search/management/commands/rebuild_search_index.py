from typing import Any

from django.core.management.base import BaseCommand

from leerwerk.search.services import rebuild_index


class Command(BaseCommand):
    help = "Build the search index from the database aside, then switch searches to it (search stays online)."

    def handle(self, *args: Any, **options: Any) -> None:
        report = rebuild_index()
        self.stdout.write(f"Search index rebuilt: {report.indexed} offers.")
