"""bench/synthetic.py: deterministic, always marked as synthetic, and its CSV reads back
through the spreadsheet reader to the same records (no database)."""

import importlib.util
from datetime import date
from pathlib import Path

import pytest

from leerwerk.catalogue.ingest import fields
from leerwerk.catalogue.ingest.records import Limits, ReaderContext
from leerwerk.catalogue.ingest.spreadsheet import read_csv
from leerwerk.catalogue.vocabulary import Delivery, FundingOption, LearningPath, Level, Schedule, Sector
from leerwerk.regions.sources.cbs import BUNDLED_FILE, read_municipalities

ROOT = Path(__file__).resolve().parents[3]
TODAY = date(2026, 11, 23)


def _load_synthetic():
    spec = importlib.util.spec_from_file_location("bench_synthetic", ROOT / "bench" / "synthetic.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


synthetic = _load_synthetic()


@pytest.fixture(scope="module")
def records():
    return list(synthetic.synthetic_records(1000, seed=3, today=TODAY))


def _context() -> ReaderContext:
    municipalities = read_municipalities(BUNDLED_FILE)  # names without " (gemeente)"
    return ReaderContext(
        municipality_codes=frozenset(m.code for m in municipalities),
        municipality_by_name={fields.normalise(m.name): m.code for m in municipalities},
    )


def test_the_same_seed_gives_the_same_records(records):
    assert list(synthetic.synthetic_records(1000, seed=3, today=TODAY)) == records
    assert list(synthetic.synthetic_records(1000, seed=4, today=TODAY)) != records


def test_every_record_is_marked_as_synthetic(records):
    assert all(record.title.startswith("[synthetisch] ") for record in records)
    assert [record.external_id for record in records[:2]] == ["SYN-000001", "SYN-000002"]
    assert len({record.external_id for record in records}) == len(records)
    assert all(record.url.startswith("https://synthetisch.leerwerk.test/") for record in records)


def test_every_value_occurs(records):
    assert {record.level for record in records} == set(Level.values)
    assert {record.sector for record in records} == set(Sector.values)
    assert {record.delivery for record in records} == set(Delivery.values)
    assert {record.learning_path for record in records} == {*LearningPath.values, ""}
    assert {option for record in records for option in record.funding_options} == set(FundingOption.values)
    assert {run.schedule for record in records for run in record.runs} == {*Schedule.values, ""}
    assert {len(record.runs) for record in records} == {0, 1, 2, 3}
    prices = [record.price_cents for record in records]
    assert None in prices
    assert 0 in prices
    assert any(price and price > 300_000 for price in prices)
    assert all(200 <= len(record.description) <= 600 for record in records)


def test_the_csv_reads_back_to_the_same_records(records, tmp_path):
    path = tmp_path / "offers.csv"
    rows = synthetic.write_csv(records, path)
    assert rows == sum(max(1, len(record.runs)) for record in records)
    assert path.read_text(encoding="utf-8").splitlines()[0].startswith("eigen_id;titel;omschrijving;")
    parsed = list(
        read_csv(path.read_bytes(), limits=Limits(max_bytes=50_000_000, max_rows=100_000), context=_context())
    )
    assert [row.errors for row in parsed if row.errors] == []
    assert [row.external_id for row in parsed] == [record.external_id for record in records]
    by_id = {row.external_id: row.record for row in parsed}
    for record in records[::5]:  # a sample of 200
        assert by_id[record.external_id] == record
