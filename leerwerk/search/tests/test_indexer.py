"""The index follows the database: what changed is applied, a missing or outdated index is
rebuilt, and only one process writes."""

import datetime
import io
import json
import logging
from unittest.mock import Mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from leerwerk.catalogue.models import Offer, Provider
from leerwerk.catalogue.services.offers import edit_offer, withdraw_offer
from leerwerk.catalogue.services.providers import admit_provider, suspend_provider
from leerwerk.catalogue.tests.factories import OfferFactory, ProviderFactory, RunFactory
from leerwerk.regions.models import Municipality
from leerwerk.search import engine
from leerwerk.search.management.commands import run_search_indexer as indexer_command
from leerwerk.search.selectors import search_offers
from leerwerk.search.services import SAFETY_WINDOW, rebuild_index, update_index


def titles(text=""):
    return sorted(hit.title for hit in search_offers(text=text, page_size=100).hits)


@pytest.fixture
def indexed(db):
    provider = ProviderFactory(name="Zuidwest College")
    OfferFactory(provider=provider, title="Heftruck rijden")
    OfferFactory(provider=provider, title="Lassen voor beginners")
    rebuild_index()
    return provider


def test_update_adds_new_offers(indexed):
    OfferFactory(title="Barista")
    report = update_index()
    assert (report.rebuilt, report.indexed, report.removed) == (False, 1, 0)
    assert titles() == ["Barista", "Heftruck rijden", "Lassen voor beginners"]


def test_update_applies_changes_and_withdrawals(indexed):
    heftruck = indexed.offers.get(title="Heftruck rijden")
    edit_offer(offer=heftruck, changes={"title": "Reachtruck rijden"})
    withdraw_offer(offer=indexed.offers.get(title="Lassen voor beginners"))
    report = update_index()
    assert (report.indexed, report.removed) == (1, 1)
    assert titles() == ["Reachtruck rijden"]
    assert titles("heftruck") == []


def test_a_new_run_place_is_searchable_after_an_update(indexed):
    offer = indexed.offers.get(title="Heftruck rijden")
    place = Municipality.objects.get(code="GM0796")
    RunFactory(offer=offer, municipality=place)
    edit_offer(offer=offer, changes={})  # the offer's runs changed: the offer is saved
    update_index()
    hit = search_offers(text="heftruck").hits[0]
    assert [run.place for run in hit.runs] == ["'s-Hertogenbosch"]


def test_a_suspended_provider_leaves_the_search_and_comes_back_when_admitted(indexed):
    OfferFactory(title="Barista")
    update_index()
    suspend_provider(provider=indexed)
    assert update_index().removed == 2
    assert titles() == ["Barista"]
    admit_provider(provider=indexed)
    assert update_index().indexed == 2
    assert titles() == ["Barista", "Heftruck rijden", "Lassen voor beginners"]


def test_an_update_without_changes_indexes_nothing(indexed):
    OfferFactory(title="Barista")
    assert update_index().indexed == 1
    # The offer is still inside the safety window, but it was indexed as it is now.
    assert update_index().indexed == 0


def test_without_an_index_the_update_builds_one(db):
    OfferFactory(title="Barista")
    assert engine.current_build() is None
    report = update_index()
    assert report.rebuilt
    assert titles() == ["Barista"]


@pytest.mark.parametrize("change", [{"schema_version": 0}, {"year": 1999}])
def test_an_index_of_another_schema_or_year_is_rebuilt(indexed, change):
    build = engine.current_build()
    assert build is not None
    build.meta.update(change)
    (build.path / engine.META).write_text(json.dumps(build.meta), encoding="utf-8")
    engine.reader.forget()
    assert update_index().rebuilt
    assert engine.current_build().name != build.name
    assert titles() == ["Heftruck rijden", "Lassen voor beginners"]


def test_only_one_process_writes(indexed):
    with engine.writer_lock(wait=False), pytest.raises(engine.WriterBusyError):
        update_index()


def test_a_rebuild_switches_at_once_and_keeps_a_previous_build(indexed):
    first = engine.current_name()
    OfferFactory(title="Barista")
    rebuild_index()
    second = engine.current_name()
    rebuild_index()
    builds = sorted(path.name for path in (engine.root() / "builds").iterdir())
    assert first not in builds
    assert builds == sorted([second, engine.current_name()])
    meta = json.loads((engine.root() / "builds" / engine.current_name() / engine.META).read_text())
    assert meta["schema_version"] == engine.SCHEMA_VERSION


def test_the_indexer_command_catches_up_once(db, caplog):
    OfferFactory(title="Barista")
    with caplog.at_level(logging.INFO, logger="leerwerk.search"):
        call_command("run_search_indexer", "--once", stdout=io.StringIO())
    assert titles() == ["Barista"]
    assert "Search index caught up in" in caplog.text


def test_the_indexer_command_does_not_say_it_caught_up_while_a_rebuild_writes(db, caplog, monkeypatch):
    monkeypatch.setattr(indexer_command, "update_index", Mock(side_effect=engine.WriterBusyError))
    with caplog.at_level(logging.INFO, logger="leerwerk.search"):
        call_command("run_search_indexer", "--once", stdout=io.StringIO())
    assert "caught up" not in caplog.text


def test_the_rebuild_command_reports_what_it_built(indexed):
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "2" in out.getvalue()
    assert titles() == ["Heftruck rijden", "Lassen voor beginners"]


def test_on_a_new_day_offers_whose_next_start_passed_are_indexed_again(db):
    today = timezone.localdate()
    soon_and_later = OfferFactory(title="Heftruck rijden")
    RunFactory(offer=soon_and_later, starts_on=today + datetime.timedelta(days=10))
    RunFactory(offer=soon_and_later, starts_on=today + datetime.timedelta(days=60))
    RunFactory(offer=OfferFactory(title="Lassen"), starts_on=today + datetime.timedelta(days=70))
    # Without a dated start (the index holds engine.NO_START): nothing passes, nothing to redo.
    RunFactory(offer=OfferFactory(title="Koken"), anytime=True)
    rebuild_index()
    later = today + datetime.timedelta(days=40)

    def within_three_months():
        facets = search_offers(today=later).facets["start"]
        return next(item.count for item in facets if item.value == "three_months")

    assert within_three_months() == 1  # the index still holds the start of day 10
    report = update_index(today=later)
    assert (report.indexed, report.removed) == (1, 0)
    assert within_three_months() == 2
    assert update_index(today=later).indexed == 0  # once a day


def test_the_indexer_keeps_its_build_open_and_sees_its_own_commits_on_a_new_day(indexed):
    today = timezone.localdate()
    update_index(today=today)  # the build is now open for writing, and stays open
    offer = OfferFactory(title="Barista")
    RunFactory(offer=offer, starts_on=today + datetime.timedelta(days=10))
    RunFactory(offer=offer, starts_on=today + datetime.timedelta(days=60))
    assert update_index(today=today).indexed == 1
    later = today + datetime.timedelta(days=40)
    # The next start of day 10 has passed: found among the writer's own commit, and redone.
    assert update_index(today=later).indexed == 1
    facets = search_offers(text="barista", today=later).facets["start"]
    assert next(item.count for item in facets if item.value == "three_months") == 1


def test_after_a_rebuild_the_indexer_writes_to_the_new_build(indexed):
    update_index()  # the indexer holds the build open
    rebuild_index()  # another process builds aside and switches
    OfferFactory(title="Barista")
    assert update_index().indexed == 1
    assert titles() == ["Barista", "Heftruck rijden", "Lassen voor beginners"]


def test_a_round_without_changes_writes_nothing(indexed):
    OfferFactory(title="Barista")
    update_index()
    state = engine.root() / "builds" / engine.current_name() / engine.STATE
    written = state.stat().st_ino  # a write replaces the file
    assert update_index().indexed == 0
    assert state.stat().st_ino == written


def state():
    return json.loads((engine.root() / "builds" / engine.current_name() / engine.STATE).read_text())


def test_a_change_saved_before_the_last_read_but_committed_after_it_is_found(indexed):
    update_index()
    watermark = datetime.datetime.fromisoformat(state()["watermark"])
    late = OfferFactory(provider=indexed, title="Barista")
    # Saved (updated_at) before the indexer read, committed only now: inside the window.
    Offer.objects.filter(pk=late.pk).update(updated_at=watermark - SAFETY_WINDOW / 2)
    Provider.objects.filter(pk=indexed.pk).update(updated_at=watermark - 2 * SAFETY_WINDOW)
    assert update_index().indexed == 1
    assert "Barista" in titles()


def test_after_the_indexer_was_down_a_change_is_indexed_once(indexed):
    update_index()
    build = engine.build_for_writing()
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    build.write_state({**state(), "watermark": an_hour_ago.isoformat(), "recent": {}})
    earlier = OfferFactory(provider=indexed, title="Barista")
    ten_minutes_ago = timezone.now() - datetime.timedelta(minutes=10)
    Offer.objects.filter(pk=earlier.pk).update(updated_at=ten_minutes_ago)
    Offer.objects.exclude(pk=earlier.pk).update(updated_at=an_hour_ago - 2 * SAFETY_WINDOW)
    Provider.objects.filter(pk=indexed.pk).update(updated_at=an_hour_ago - 2 * SAFETY_WINDOW)
    assert update_index().indexed == 1
    assert update_index().indexed == 0


def test_once_the_window_has_passed_a_round_reads_no_offer_again(indexed, monkeypatch):
    OfferFactory(title="Barista")
    update_index()
    assert len(state()["recent"]) == 3  # the offers of the last half minute, held as they are
    later = timezone.now() + SAFETY_WINDOW + datetime.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert update_index().indexed == 0
    assert state()["recent"] == {}
    assert datetime.datetime.fromisoformat(state()["watermark"]) == later


def test_the_generation_moves_on_only_when_searches_may_see_other_documents(indexed):
    """What is kept per generation (the facet counts of filters) lasts until a commit (of
    the indexer, another process) or another build, not merely until the reader looks again."""
    first = engine.reader.snapshot().generation
    engine.reader.checked = 0.0  # the reader looks again
    assert engine.reader.snapshot().generation == first
    build = engine.open_build(engine.current_name())
    writer = build.index.writer(heap_size=50_000_000, num_threads=1)
    engine.delete_documents(writer, build, list(indexed.offers.values_list("pk", flat=True)[:1]))
    writer.commit()
    writer.wait_merging_threads()
    engine.reader.checked = 0.0
    after_commit = engine.reader.snapshot().generation
    assert after_commit != first
    assert len(titles()) == 1
    rebuild_index()
    assert engine.reader.snapshot().generation != after_commit


def test_a_build_of_an_earlier_schema_is_not_opened_but_rebuilt(indexed, monkeypatch):
    """tantivy does not open an index with other fields: the indexer rebuilds it."""
    name = engine.current_name()
    monkeypatch.setattr(engine, "SCHEMA_VERSION", engine.SCHEMA_VERSION + 1)
    monkeypatch.setattr(engine, "FILTER_FIELDS", (*engine.FILTER_FIELDS, "new_field"))
    assert engine.open_build(name) is None
    assert update_index().rebuilt
    assert engine.current_name() != name
