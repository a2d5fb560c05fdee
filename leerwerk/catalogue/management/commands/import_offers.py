from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from leerwerk.catalogue.ingest import FORMATS, get_reader
from leerwerk.catalogue.ingest.feeds import fetch_feed
from leerwerk.catalogue.models import ImportRun, Provider
from leerwerk.catalogue.selectors import get_provider
from leerwerk.catalogue.services import Source, import_offers


class Command(BaseCommand):
    help = (
        "Import a provider's offers from a file, a folder of files, or a feed address. Prints the counts; "
        "exits non-zero when the import is rejected."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--provider", type=int, required=True, help="the provider's id")
        parser.add_argument("--format", choices=FORMATS, required=True)
        parser.add_argument("path", help="a file, a folder (every file in it, by name), or an https:// address")
        parser.add_argument("--snapshot", action="store_true", help="withdraw the provider's offers that are missing")
        parser.add_argument(
            "--apply-valid-rows", action="store_true", help="apply the valid offers when some are wrong"
        )
        parser.add_argument(
            "--allow-mass-withdrawal",
            action="store_true",
            help="with --snapshot: withdraw even when more than half of the provider's offers are missing",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            provider = get_provider(provider_id=options["provider"])
        except Provider.DoesNotExist as error:
            raise CommandError(f"There is no provider with id {options['provider']}.") from error
        sources = _sources(options["path"])
        run = import_offers(
            provider=provider,
            format=options["format"],
            sources=sources,
            read=get_reader(options["format"]),
            source_name=options["path"],
            is_snapshot=options["snapshot"],
            apply_valid_rows=options["apply_valid_rows"],
            allow_mass_withdrawal=options["allow_mass_withdrawal"],
        )
        self.stdout.write(
            f"{run.get_outcome_display()}: {run.new_count} new, {run.changed_count} changed, "
            f"{run.unchanged_count} unchanged, {run.withdrawn_count} withdrawn, {run.rejected_count} rejected "
            f"({run.duration_ms} ms)"
        )
        if run.structural_error:
            self.stdout.write(run.structural_error)
        for row_error in run.row_errors[:50]:
            self.stdout.write(
                f"  {row_error['position']} ({row_error['external_id']}) {row_error['field']}: {row_error['message']}"
            )
        if run.row_error_total > 50:
            self.stdout.write(f"  … and {run.row_error_total - 50} more")
        if run.outcome == ImportRun.Outcome.REJECTED:
            raise CommandError("The import was rejected; nothing changed.")


def _sources(path: str) -> list[Source]:
    if path.startswith(("http://", "https://")):
        return [Source(path, lambda: fetch_feed(path))]
    location = Path(path)
    if location.is_dir():
        files = sorted(item for item in location.iterdir() if item.is_file() and not item.name.startswith("."))
        return [Source(item.name, item.read_bytes, size=item.stat().st_size) for item in files]
    if not location.is_file():
        raise CommandError(f"{path} is neither a file, a folder nor a web address.")
    return [Source(location.name, location.read_bytes, size=location.stat().st_size)]
