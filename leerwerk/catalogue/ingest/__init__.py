"""Readers of the formats offers come in, one module per format. Each turns bytes into
`ParsedRow`s (see records.py) and never touches the database; the import service does."""

from collections.abc import Callable, Iterator
from importlib import import_module

from leerwerk.catalogue.ingest.records import ParsedRow

_READERS = {
    "csv": ("leerwerk.catalogue.ingest.spreadsheet", "read_csv"),
    "xlsx": ("leerwerk.catalogue.ingest.spreadsheet", "read_xlsx"),
    "edudex": ("leerwerk.catalogue.ingest.edudex", "read_edudex"),
    "ooapi": ("leerwerk.catalogue.ingest.ooapi", "read_ooapi"),
}
FORMATS = tuple(_READERS)


def reader_version(format: str) -> str:
    """The version of a format's reader: what it reads is hashed together with it."""
    version: str = getattr(import_module(_READERS[format][0]), "READER_VERSION")  # noqa: B009
    return version


def get_reader(format: str) -> Callable[..., Iterator[ParsedRow]]:
    """The reader of a format (csv, xlsx, edudex, ooapi); KeyError for another."""
    module_name, function_name = _READERS[format]
    reader: Callable[..., Iterator[ParsedRow]] = getattr(import_module(module_name), function_name)
    return reader
