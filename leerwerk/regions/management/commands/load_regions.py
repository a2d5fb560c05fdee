from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from leerwerk.regions.services import load_composition
from leerwerk.regions.sources.cbs import BUNDLED_FILE, BUNDLED_FIRST_YEAR, SourceFileError, read_municipalities


class Command(BaseCommand):
    help = (
        "Load the municipalities and labour-market regions of one year from a CBS table "
        "(default: the bundled table, valid from 2023). Idempotent; prints what changed."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--file", type=Path, help="CBS table (see leerwerk/regions/data/cbs/README.md)")
        parser.add_argument("--year", type=int, help="first year the file's composition applies to")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path | None = options["file"]
        year: int | None = options["year"]
        if path is not None and year is None:
            raise CommandError("--year is required with --file: from which year does this composition apply?")
        try:
            records = read_municipalities(path or BUNDLED_FILE)
        except (OSError, SourceFileError) as error:
            raise CommandError(str(error)) from error
        report = load_composition(records=records, year=year or BUNDLED_FIRST_YEAR)
        for line in report.lines():
            self.stdout.write(line)
        if not report.has_changes:
            self.stdout.write(self.style.SUCCESS("Nothing changed."))
