"""The import rules hold for every format: a valid file imports, the same file again
changes nothing, and a broken file (structurally or in one offer) changes nothing."""

import io
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from leerwerk.catalogue.ingest import FORMATS, get_reader
from leerwerk.catalogue.models import Offer, Run
from leerwerk.catalogue.services import Source, import_offers
from leerwerk.catalogue.tests.factories import ProviderFactory

pytestmark = pytest.mark.django_db
FILES = Path(__file__).parent / "files"


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.worksheets[0].append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _valid(format: str) -> bytes:
    return {
        "csv": lambda: (FILES / "spreadsheet" / "valid.csv").read_bytes(),
        "xlsx": lambda: _xlsx(
            [
                ["eigen_id", "titel", "niveau", "startdatum", "gemeente"],
                ["A1", "Kok", "MBO 2", "2027-01-01", "Oss"],
                ["A2", "Bakker", "MBO 2", "2027-01-01", "Oss"],
            ]
        ),
        "edudex": lambda: (FILES / "edudex" / "bulk_drie_programmas.json").read_bytes(),
        "ooapi": lambda: (FILES / "ooapi" / "courses_page.json").read_bytes(),
    }[format]()


def _with_a_bad_offer(format: str) -> bytes:
    if format == "csv":
        return (FILES / "spreadsheet" / "valid.csv").read_bytes().replace(b";MBO 3;", b";MBO 9;")
    if format == "xlsx":
        return _xlsx(
            [
                ["eigen_id", "titel", "niveau", "startdatum", "gemeente"],
                ["A1", "Kok", "MBO 2", "2027-01-01", "Oss"],
                ["A2", "Bakker", "MBO 9", "2027-01-01", "Oss"],
            ]
        )
    document = json.loads(_valid(format))
    items = document["programs"] if format == "edudex" and isinstance(document, dict) else document
    if format == "ooapi":
        items = document["items"]
    first = items[0] if isinstance(items, list) else items
    if format == "edudex":
        first["programDescriptions"]["programName"] = {"nl": ""}
    else:
        first["name"] = [{"language": "nl-NL", "value": ""}]
    return json.dumps(document).encode()


def _truncated(format: str) -> bytes:
    data = _valid(format)
    if format == "csv":  # cut off inside a quoted value; a cut between rows cannot be seen in CSV
        return data[: data.index(b'"1.2') + 4]
    return data[: len(data) // 2]


def _run(provider, format: str, data: bytes, **options):
    return import_offers(
        provider=provider,
        format=format,
        sources=[Source(f"bestand.{format}", lambda: data)],
        read=get_reader(format),
        source_name=f"bestand.{format}",
        **options,
    )


def _state(provider):
    return (
        list(
            Offer.objects.filter(provider=provider)
            .order_by("pk")
            .values_list("pk", "content_hash", "status", "last_changed_at")
        ),
        list(Run.objects.filter(offer__provider=provider).order_by("pk").values_list("pk", "offer_id")),
    )


@pytest.mark.parametrize("format", FORMATS)
def test_a_valid_file_imports_and_the_same_file_again_changes_nothing(format):
    provider = ProviderFactory()
    first = _run(provider, format, _valid(format))
    assert first.outcome == "applied", (first.structural_error, first.row_errors)
    assert first.new_count >= 2
    before = _state(provider)

    again = _run(provider, format, _valid(format))

    assert (again.new_count, again.changed_count, again.unchanged_count) == (0, 0, first.new_count)
    assert _state(provider) == before


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("breakage", [_with_a_bad_offer, _truncated], ids=["bad offer", "truncated"])
def test_a_rejected_import_changes_nothing(format, breakage):
    provider = ProviderFactory()
    _run(provider, format, _valid(format))
    before = _state(provider)

    rejected = _run(provider, format, breakage(format), is_snapshot=True)

    assert rejected.outcome == "rejected"
    assert rejected.structural_error or rejected.row_errors
    assert _state(provider) == before
