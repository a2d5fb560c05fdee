"""Reading an import's files in a second process while this one writes to the database.

Parsing offers is CPU-bound Python and so is preparing their rows; on one core they take
turns, on two they can overlap. A large import therefore reads in a forked child process
that sends the parsed rows back in batches, and the import service writes them as they
come. The child only parses: it never touches the database (it exits with `os._exit`, as
multiprocessing's forked children do, so the parent's database connection is left alone).
"""

import multiprocessing
import os
import traceback
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any

from django.conf import settings

from leerwerk.catalogue.ingest.records import ParsedRow, StructuralError

BATCH = 500


def readers(sources: int) -> int:
    """How many processes read: one, or two when there are several files and cores to
    spare (the importing process writes meanwhile)."""
    return 2 if sources > 1 and (os.cpu_count() or 1) > 1 else 1


def worth_it(total_bytes: int) -> bool:
    """Forking costs a few milliseconds; only large imports on a machine with two or more
    cores gain from it."""
    return (
        bool(settings.CATALOGUE_IMPORT_READ_IN_BACKGROUND)
        and (os.cpu_count() or 1) > 1
        and total_bytes >= settings.CATALOGUE_IMPORT_BACKGROUND_MIN_BYTES
    )


class BackgroundReading:
    """`rows()` yields the rows of the `jobs`, each run in a child process of its own
    (several jobs: the sources split between them, for a folder of feed files). When a
    job's rows are done, `finish()` runs in its child and the (picklable) results land in
    `results`: the caller's way to learn state that the jobs built over there. `rows()`
    raises what a child raised: StructuralError as itself, anything else as RuntimeError
    with the child's traceback. Rows of different jobs arrive interleaved."""

    def __init__(self, jobs: Sequence[Callable[[], Iterator[ParsedRow]]], finish: Callable[[], Any]) -> None:
        self.jobs = jobs
        self.finish = finish
        self.results: list[Any] = []

    def rows(self) -> Iterator[ParsedRow]:
        context = multiprocessing.get_context("fork")
        children = []
        receivers = []
        for job in self.jobs:
            receiver, sender = context.Pipe(duplex=False)
            child = context.Process(target=_child, args=(job, self.finish, sender), daemon=True)
            child.start()
            sender.close()
            children.append(child)
            receivers.append(receiver)
        try:
            open_receivers = list(receivers)
            while open_receivers:
                for ready in wait(open_receivers):
                    receiver = open_receivers[open_receivers.index(ready)]  # type: ignore[arg-type]
                    kind, payload = receiver.recv()
                    if kind == "rows":
                        yield from payload
                    elif kind == "finished":
                        self.results.append(payload)
                        open_receivers.remove(receiver)
                    elif kind == "structural":
                        raise StructuralError(payload)
                    else:
                        raise RuntimeError(f"Reading the import failed:\n{payload}")
        finally:
            for receiver in receivers:
                receiver.close()
            for child in children:
                child.join(timeout=5)
                if child.is_alive():
                    child.kill()
                    child.join()


def _child(produce: Callable[[], Iterator[ParsedRow]], finish: Callable[[], Any], sender: Connection) -> None:
    try:
        batch: list[ParsedRow] = []
        for row in produce():
            batch.append(row)
            if len(batch) >= BATCH:
                sender.send(("rows", batch))
                batch = []
        if batch:
            sender.send(("rows", batch))
        sender.send(("finished", finish()))
    except StructuralError as error:
        sender.send(("structural", error.message))
    except BaseException:
        sender.send(("error", traceback.format_exc()))
    finally:
        sender.close()
