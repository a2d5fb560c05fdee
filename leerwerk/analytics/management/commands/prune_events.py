"""Delete measurement events older than the retention period.

Retention: events are kept 400 days by default, long enough to compare a campaign with
the same month a year earlier, and then deleted. They hold no personal data (no address,
no identifier; the visitor hash cannot be linked to anyone once its day's salt is gone,
which is the day after tomorrow), so the limit is about keeping the table small and
purposeful, not about the GDPR's storage limitation. Run it daily (cron or the task
worker's schedule); it is idempotent."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from leerwerk.analytics.services import prune_events

DEFAULT_DAYS = 400


class Command(BaseCommand):
    help = "Delete measurement events older than --days days (default 400) and print how many were deleted."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--days", type=int, default=DEFAULT_DAYS, help="keep the events of this many days")

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"]
        if days < 1:
            raise CommandError("--days must be at least 1.")
        deleted = prune_events(days=days)
        self.stdout.write(f"Deleted {deleted} events older than {days} days.")
