from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from leerwerk.skills.services import load_occupations
from leerwerk.skills.sources import BUNDLED_FILE, SourceFileError, read_occupations


class Command(BaseCommand):
    help = "Load the ESCO occupations in Dutch (default: the bundled ESCO v1.2.0 export). Idempotent."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--file", type=Path, default=BUNDLED_FILE)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            records = read_occupations(options["file"])
        except (OSError, SourceFileError) as error:
            raise CommandError(str(error)) from error
        report = load_occupations(records=records)
        self.stdout.write(
            f"Occupations: {report.created} created, {report.updated} updated, {report.unchanged} unchanged"
        )
