from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from leerwerk.advice.services.rights import apply_retention


class Command(BaseCommand):
    help = (
        "Erase the personal data of people whose cases all closed longer ago than their region's "
        "retention period (24 months unless set), and of people who withdrew their advice request. "
        "Keeps the anonymous facts the indicators count. Run it daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count whom the rule would erase; change nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        report = apply_retention(dry_run=options["dry_run"])
        if report.dry_run:
            self.stdout.write(_("Dry run: nothing was erased."))
            headline = _(
                "Would erase %(people)s people (%(on_request)s on request), %(cases)s cases, %(documents)s documents."
            )
        else:
            headline = _(
                "Erased %(people)s people (%(on_request)s on request), %(cases)s cases, %(documents)s documents."
            )
        self.stdout.write(
            headline
            % {
                "people": report.people_erased,
                "on_request": report.people_on_request,
                "cases": report.cases_erased,
                "documents": report.documents_deleted,
            }
        )
        for region_code, counts in sorted(report.per_region.items()):
            self.stdout.write(
                _(
                    "%(region)s: %(people)s people (%(on_request)s on request), "
                    "%(cases)s cases, %(documents)s documents."
                )
                % {"region": region_code, **counts}
            )
