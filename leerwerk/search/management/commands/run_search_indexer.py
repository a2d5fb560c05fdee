import logging
import signal
import time
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from leerwerk.search.engine import WriterBusyError
from leerwerk.search.services import update_index

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Keep the search index in step with the database: catch up at start (or build the index when there is "
        "none), then apply changes four times a second. Run exactly one per host."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=float, default=0.25, help="seconds between looks at the database")
        parser.add_argument("--once", action="store_true", help="catch up once and stop")

    def handle(self, *args: Any, **options: Any) -> None:
        stopping = False

        def stop(signum: int, frame: FrameType | None) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        started: float | None = time.monotonic()
        while not stopping:
            try:
                report = update_index()
                if report.rebuilt or report.indexed or report.removed:
                    logger.info("Search index: %s", report)
                if started is not None:
                    # From now on a change is findable within a round or two (for an operator,
                    # and for bench/search.py, which waits for this line).
                    logger.info("Search index caught up in %.2f s", time.monotonic() - started)
                    started = None
            except WriterBusyError:
                pass  # a rebuild is writing; the next round catches up
            except Exception:
                logger.exception("Updating the search index failed; trying again")
            if options["once"]:
                break
            time.sleep(options["interval"])
            close_old_connections()  # a connection the database dropped is opened anew
