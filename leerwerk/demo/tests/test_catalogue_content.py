"""The demo catalogue's content, without a database: enough offers from every provider,
valid by the readers' rules, only in Brabant, the same for the same seed, and with offers
for the resident queries that search is judged on."""

import csv
import re
from datetime import date, timedelta

import pytest

from leerwerk.catalogue.ingest import fields
from leerwerk.catalogue.ingest.records import OfferRecord
from leerwerk.catalogue.models import Provider
from leerwerk.catalogue.vocabulary import (
    Delivery,
    DurationUnit,
    FundingOption,
    LearningPath,
    Level,
    ProgrammeRegister,
    Schedule,
    Sector,
)
from leerwerk.demo.catalogue_content import DATA_DIR, DemoProvider, demo_catalogue
from leerwerk.regions.sources.cbs import BUNDLED_FILE, read_municipalities

TODAY = date(2026, 11, 23)
BRABANT_REGIONS = {"AM25", "AM26", "AM27", "AM28", "AM32"}
KINDS = {
    "mbo": Provider.Kind.MBO_SCHOOL,
    "hbo": Provider.Kind.UNIVERSITY_OF_APPLIED_SCIENCES,
    "wo": Provider.Kind.UNIVERSITY,
    "private": Provider.Kind.PRIVATE_TRAINER,
}


def _has(*words):
    return lambda record: all(word in record.title.lower() for word in words)


def _evening_excel(record):
    return "excel" in record.title.lower() and any(run.schedule == Schedule.EVENING for run in record.runs)


# Each resident query with what makes an offer's title a match for it.
QUERIES = {
    "zorgmedewerker": lambda record: _has("zorgmedewerker")(record) or _has("zorg", "medewerker")(record),
    "heftruck": _has("heftruck"),
    "vorkheftruck": _has("vorkheftruck"),
    "vca": _has("vca"),
    "verpleegkunde": _has("verpleegkunde"),
    "excel cursus avond": _evening_excel,
    "bhv": _has("bhv"),
    "ehbo": _has("ehbo"),
    "ict": _has("ict"),
    "logistiek": _has("logistiek"),
    "kinderopvang": _has("kinderopvang"),
    "boekhouden": _has("boekhouden"),
    "nt2": _has("nt2"),
    "lasser": _has("lasser"),
    "lassen": _has("lassen"),
    "elektrotechniek": _has("elektrotechniek"),
    "chauffeur": _has("chauffeur"),
    "beveiliging": _has("beveiliging"),
    "schoonmaak": _has("schoonmaak"),
    "kok": _has("kok"),
    "kapper": _has("kapper"),
}


@pytest.fixture(scope="module")
def catalogue() -> list[DemoProvider]:
    return demo_catalogue(today=TODAY)


@pytest.fixture(scope="module")
def records(catalogue) -> list[OfferRecord]:
    return [record for provider in catalogue for record in provider.records]


def test_there_are_at_least_2400_published_offers(records):
    assert len(records) >= 2400
    assert all(record.publish for record in records)


def test_every_provider_of_the_csv_is_there_with_its_kind(catalogue):
    with (DATA_DIR / "providers.csv").open(encoding="utf-8", newline="") as handle:
        expected = {row["name"]: KINDS[row["kind"]] for row in csv.DictReader(handle)}
    assert {provider.name: provider.kind for provider in catalogue} == expected
    assert len({provider.key for provider in catalogue}) == len(catalogue)
    for provider in catalogue:
        assert provider.records, provider.name
        assert provider.kind in Provider.Kind.values
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", provider.key)
        assert provider.website == f"https://{provider.key}.demo.leerwerk.test"
        assert provider.places
        assert len(provider.places) <= 200


def test_each_kind_of_provider_has_its_kind_of_offers(catalogue):
    for provider in catalogue:
        levels = {record.level for record in provider.records}
        if provider.kind == Provider.Kind.MBO_SCHOOL:
            assert levels & {Level.MBO_1, Level.MBO_2, Level.MBO_3, Level.MBO_4}, provider.name
        elif provider.kind == Provider.Kind.PRIVATE_TRAINER:
            assert levels == {Level.NONE}, provider.name
        else:
            assert levels <= {Level.ASSOCIATE_DEGREE, Level.BACHELOR, Level.MASTER}, provider.name
            assert all(record.programme_register == ProgrammeRegister.CROHO for record in provider.records)


def test_external_ids_are_unique_per_provider_and_valid(catalogue):
    for provider in catalogue:
        ids = [record.external_id for record in provider.records]
        assert len(set(ids)) == len(ids), provider.name
        assert all(fields.clean_external_id(external_id) == external_id for external_id in ids)
        titles = [record.title.lower() for record in provider.records]
        assert len(set(titles)) == len(titles), provider.name  # no "likely duplicate" flags


def test_all_codes_are_members_of_the_vocabulary(records):
    for record in records:
        assert record.level in Level.values
        assert record.sector in Sector.values
        assert record.learning_path in (*LearningPath.values, "")
        assert record.delivery in Delivery.values
        assert record.duration_unit in DurationUnit.values
        assert record.programme_register in (*ProgrammeRegister.values, "")
        assert set(record.funding_options) <= set(FundingOption.values)
        assert list(record.funding_options) == sorted(set(record.funding_options))
        assert record.language in ("nl", "en")
        for run in record.runs:
            assert run.schedule in (*Schedule.values, "")


def test_programme_codes_follow_the_readers_rule(records):
    """Five digits; CREBO with MBO levels, CROHO with higher-education levels."""
    for record in records:
        if not record.programme_code:
            assert not record.programme_register
            continue
        assert re.fullmatch(r"\d{5}", record.programme_code)
        expected = "crebo" if record.level.startswith("mbo") or record.level == Level.NONE else "croho"
        assert record.programme_register == expected, record.title


def test_records_are_valid_by_the_readers_rules(records):
    for record in records:
        assert (
            fields.clean_text(record.title, field="titel", maximum=fields.MAX_TITLE, minimum=fields.MIN_TITLE)
            == record.title
        )
        assert fields.clean_text(record.description, field="omschrijving", maximum=2000) == record.description
        assert fields.parse_url(record.url) == record.url
        assert record.url.startswith("https://")
        assert ".demo.leerwerk.test/opleidingen/" in record.url
        assert record.price_cents is not None
        assert 0 <= record.price_cents <= fields.MAX_PRICE_CENTS
        assert record.duration_value
        assert record.duration_unit
        assert record.hours_per_week is None or 0 < record.hours_per_week <= 100
        assert len(record.price_includes) <= 500
        assert 1 <= len(record.runs) <= 3, record.title
        for run in record.runs:
            assert fields.check_run(run) == [], record.title
            assert run.seats is None or 8 <= run.seats <= 30


def test_runs_are_only_in_the_five_brabant_regions(records):
    brabant = {m.code for m in read_municipalities(BUNDLED_FILE) if m.region_code in BRABANT_REGIONS}
    places = {run.municipality_code for record in records for run in record.runs if run.municipality_code}
    assert places <= brabant
    assert len(places) > 20
    for record in records:
        for run in record.runs:
            if run.municipality_code:
                assert run.address, record.title
            elif record.delivery != Delivery.ONLINE:
                pytest.fail(f"{record.title}: a run without a place, taught {record.delivery}")


def test_start_dates_lie_in_the_coming_year_and_a_few_offers_are_past(records):
    past = 0
    for record in records:
        starts = [run.starts_on for run in record.runs if run.starts_on]
        assert all(TODAY - timedelta(days=366) <= start <= TODAY + timedelta(days=373) for start in starts)
        if starts and all(start < TODAY for start in starts) and not any(run.start_anytime for run in record.runs):
            past += 1
    assert 0.01 * len(records) < past < 0.06 * len(records)
    assert any(run.start_anytime for record in records for run in record.runs)


def test_the_same_seed_gives_the_same_catalogue(catalogue):
    assert demo_catalogue(today=TODAY) == catalogue
    assert demo_catalogue(seed=7, today=TODAY) != catalogue


@pytest.mark.parametrize("query", QUERIES)
def test_search_can_be_judged_on_each_resident_query(records, query):
    matches = [record.title for record in records if QUERIES[query](record)]
    assert len(matches) >= 3, (query, matches)


def test_descriptions_are_long_enough_and_plain(records):
    for record in records:
        assert len(record.description) >= 120, record.title
        assert " je " in f" {record.description} ", record.title
        assert 2 <= record.description.count(". ") + 1 <= 4, record.description


def test_every_data_file_is_described(records):
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    for path in DATA_DIR.iterdir():
        if path.name != "README.md":
            assert f"`{path.name}`" in readme
