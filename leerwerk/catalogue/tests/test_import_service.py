"""The import rules, on the database: upsert by external id, unchanged re-imports, snapshots,
and a rejected import that changes nothing."""

import io
import threading
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from leerwerk.catalogue.ingest import get_reader
from leerwerk.catalogue.models import ImportRun, Offer, Run
from leerwerk.catalogue.services import Source, import_offers
from leerwerk.catalogue.tests.factories import OfferFactory, ProviderFactory

pytestmark = pytest.mark.django_db

FILES = Path(__file__).parent / "files" / "spreadsheet"
HEADER = "eigen_id;titel;niveau;prijs;startdatum;gemeente\n"


def _import(provider, text: str, **options) -> ImportRun:
    data = text.encode("utf-8")
    return import_offers(
        provider=provider,
        format="csv",
        sources=[Source("aanbod.csv", lambda: data)],
        read=get_reader("csv"),
        source_name="aanbod.csv",
        **options,
    )


def _state(provider):
    offers = list(
        Offer.objects.filter(provider=provider)
        .order_by("pk")
        .values_list("pk", "external_id", "title", "status", "content_hash", "last_changed_at")
    )
    runs = list(Run.objects.filter(offer__provider=provider).order_by("pk").values_list("pk", "offer_id", "starts_on"))
    return offers, runs


def test_a_first_import_creates_offers_with_their_runs():
    provider = ProviderFactory()
    run = import_offers(
        provider=provider,
        format="csv",
        sources=[Source("valid.csv", (FILES / "valid.csv").read_bytes)],
        read=get_reader("csv"),
        source_name="valid.csv",
    )
    assert (run.outcome, run.new_count, run.changed_count, run.unchanged_count) == ("applied", 2, 0, 0)
    offer = Offer.objects.get(provider=provider, external_id="VIG-2027")
    assert offer.status == Offer.Status.PUBLISHED
    assert offer.source == "csv"
    assert [r.municipality.code for r in offer.runs.order_by("starts_on")] == ["GM0828", "GM0796"]


def test_importing_the_same_file_again_changes_nothing():
    provider = ProviderFactory()
    text = HEADER + "A1;Kok;MBO 2;100;2027-01-01;Oss\nA2;Bakker;MBO 2;100;2027-01-01;Oss\n"
    _import(provider, text)
    before = _state(provider)

    run = _import(provider, text)

    assert (run.new_count, run.changed_count, run.unchanged_count) == (0, 0, 2)
    assert _state(provider) == before


def test_a_changed_offer_is_replaced_with_its_runs():
    provider = ProviderFactory()
    _import(provider, HEADER + "A1;Kok;MBO 2;100;2027-01-01;Oss\n")
    run = _import(provider, HEADER + "A1;Kok;MBO 3;100;2027-03-01;Eindhoven\n")
    offer = Offer.objects.get(provider=provider, external_id="A1")
    assert (run.changed_count, offer.level) == (1, "mbo3")
    assert [(r.starts_on.month, r.municipality.code) for r in offer.runs.all()] == [(3, "GM0772")]


def test_a_snapshot_withdraws_what_is_missing_and_deletes_nothing():
    provider = ProviderFactory()
    _import(provider, HEADER + "A1;Kok;;;2027-01-01;Oss\nA2;Bakker;;;2027-01-01;Oss\n")

    run = _import(provider, HEADER + "A1;Kok;;;2027-01-01;Oss\n", is_snapshot=True)

    assert run.withdrawn_count == 1
    assert dict(Offer.objects.filter(provider=provider).values_list("external_id", "status")) == {
        "A1": "published",
        "A2": "withdrawn",
    }
    again = _import(provider, HEADER + "A1;Kok;;;2027-01-01;Oss\nA2;Bakker;;;2027-01-01;Oss\n")
    assert again.changed_count == 1
    assert Offer.objects.get(provider=provider, external_id="A2").status == "published"


def test_without_a_snapshot_missing_offers_stay():
    provider = ProviderFactory()
    _import(provider, HEADER + "A1;Kok;;;2027-01-01;Oss\nA2;Bakker;;;2027-01-01;Oss\n")
    run = _import(provider, HEADER + "A1;Kok;;;2027-01-01;Oss\n")
    assert run.withdrawn_count == 0
    assert Offer.objects.filter(provider=provider, status="published").count() == 2


def test_row_errors_reject_the_whole_import_unless_valid_rows_are_asked_for():
    provider = ProviderFactory()
    _import(provider, HEADER + "A1;Kok;;;2027-01-01;Oss\n")
    before = _state(provider)
    text = HEADER + "A1;Kok;MBO 4;;2027-01-01;Oss\nA2;Bakker;MBO 9;;2027-01-01;Oss\n"

    rejected = _import(provider, text)

    assert rejected.outcome == "rejected"
    assert (rejected.new_count, rejected.changed_count, rejected.rejected_count) == (0, 0, 1)
    assert rejected.row_errors == [
        {"position": "rij 3", "external_id": "A2", "field": "niveau", "message": rejected.row_errors[0]["message"]}
    ]
    assert _state(provider) == before

    partly = _import(provider, text, apply_valid_rows=True)
    assert (partly.outcome, partly.changed_count, partly.rejected_count) == ("partly_applied", 1, 1)
    assert not Offer.objects.filter(provider=provider, external_id="A2").exists()


def test_a_structural_error_changes_nothing_and_is_kept_in_the_history():
    provider = ProviderFactory()
    _import(provider, HEADER + "A1;Kok;;;2027-01-01;Oss\n")
    before = _state(provider)

    run = _import(provider, "eigen_id;niveau\nA1;MBO 2\n", is_snapshot=True, apply_valid_rows=True)

    assert run.outcome == "rejected"
    assert "titel" in run.structural_error
    assert _state(provider) == before
    assert list(provider.imports.values_list("outcome", flat=True)) == ["rejected", "applied"]


def test_the_same_id_in_two_files_of_one_import_is_a_row_error():
    provider = ProviderFactory()
    one = (HEADER + "A1;Kok;;;2027-01-01;Oss\n").encode()
    two = (HEADER + "A1;Bakker;;;2027-01-01;Oss\n").encode()
    run = import_offers(
        provider=provider,
        format="csv",
        sources=[Source("een.csv", lambda: one), Source("twee.csv", lambda: two)],
        read=get_reader("csv"),
        source_name="map",
    )
    assert run.outcome == "rejected"
    assert run.row_errors[0]["position"] == "twee.csv: rij 2"
    assert not Offer.objects.filter(provider=provider).exists()


def test_draft_rows_are_kept_as_drafts():
    provider = ProviderFactory()
    _import(provider, "eigen_id;titel;publiceren;altijd_starten\nA1;Kok;nee;ja\n")
    assert Offer.objects.get(provider=provider).status == "draft"


def test_the_command_prints_the_counts_and_fails_on_a_rejected_import(tmp_path):
    provider = ProviderFactory()
    good = tmp_path / "goed.csv"
    good.write_text(HEADER + "A1;Kok;;;2027-01-01;Oss\n", encoding="utf-8")
    out = io.StringIO()
    call_command("import_offers", str(good), provider=provider.pk, format="csv", stdout=out)
    assert "1 nieuw" in out.getvalue() or "1 new" in out.getvalue()

    bad = tmp_path / "fout.csv"
    bad.write_text(HEADER + "A1;Kok;MBO 9;;2027-01-01;Oss\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_offers", str(bad), provider=provider.pk, format="csv", stdout=io.StringIO())


def test_the_command_reads_every_file_of_a_folder(tmp_path):
    provider = ProviderFactory()
    for number in range(3):
        (tmp_path / f"deel{number}.csv").write_text(HEADER + f"A{number};Kok {number};;;2027-01-01;Oss\n")
    call_command("import_offers", str(tmp_path), provider=provider.pk, format="csv", stdout=io.StringIO())
    assert Offer.objects.filter(provider=provider).count() == 3


class _FeedHandler(BaseHTTPRequestHandler):
    body = b""
    delay = threading.Event()

    def do_GET(self):
        if self.path == "/traag":
            self.delay.wait(5)
        if self.path == "/weg":
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def feed_server():
    _FeedHandler.body = (HEADER + "A1;Kok;;;2027-01-01;Oss\n").encode()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FeedHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    _FeedHandler.delay.set()
    server.shutdown()
    _FeedHandler.delay.clear()


def test_a_feed_address_is_fetched_and_imported(feed_server):
    provider = ProviderFactory()
    call_command("import_offers", feed_server + "/aanbod.csv", provider=provider.pk, format="csv", stdout=io.StringIO())
    assert Offer.objects.filter(provider=provider).count() == 1


@pytest.mark.parametrize(("path", "message"), [("/traag", "seconden"), ("/weg", "404")])
def test_a_feed_that_is_slow_or_gone_is_refused(feed_server, settings, path, message):
    settings.CATALOGUE_FEED_TIMEOUT_SECONDS = 1
    provider = ProviderFactory()
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_offers", feed_server + path, provider=provider.pk, format="csv", stdout=out)
    run = provider.imports.get()
    assert run.outcome == "rejected"
    assert message in run.structural_error


def test_a_complete_list_that_would_withdraw_most_offers_is_refused(settings):
    settings.CATALOGUE_SNAPSHOT_GUARD_MIN_OFFERS = 4
    provider = ProviderFactory()
    _import(provider, HEADER + "".join(f"A{n};Kok {n};;;2027-01-01;Oss\n" for n in range(6)))
    before = _state(provider)

    run = _import(provider, HEADER + "A1;Kok 1;;;2027-01-01;Oss\n", is_snapshot=True)

    assert run.outcome == "rejected"
    assert "5" in run.structural_error
    assert _state(provider) == before
    allowed = import_offers(
        provider=provider,
        format="csv",
        sources=[Source("a.csv", lambda: (HEADER + "A1;Kok 1;;;2027-01-01;Oss\n").encode())],
        read=get_reader("csv"),
        source_name="a.csv",
        is_snapshot=True,
        allow_mass_withdrawal=True,
    )
    assert allowed.withdrawn_count == 5


def test_offers_made_after_an_import_get_fresh_ids():
    provider = ProviderFactory()
    _import(provider, HEADER + "A1;Kok;;;2027-01-01;Oss\nA2;Bakker;;;2027-01-01;Oss\n")
    imported = set(Offer.objects.values_list("pk", flat=True))
    made = OfferFactory(provider=provider)
    assert made.pk not in imported
    again = _import(ProviderFactory(), HEADER + "B1;Kok;;;2027-01-01;Oss\n")
    assert again.new_count == 1
    assert Offer.objects.count() == 4


@pytest.fixture
def read_in_background(settings):
    settings.CATALOGUE_IMPORT_READ_IN_BACKGROUND = True
    settings.CATALOGUE_IMPORT_BACKGROUND_MIN_BYTES = 0


def _sources(*texts: str) -> list[Source]:
    return [Source(f"deel{n}.csv", partial(str.encode, text), size=len(text)) for n, text in enumerate(texts)]


def test_large_imports_read_in_other_processes_with_the_same_result(read_in_background):
    provider = ProviderFactory()
    texts = [HEADER + "".join(f"P{part}-{n};Kok {n};;;2027-01-01;Oss\n" for n in range(50)) for part in range(3)]
    run = import_offers(
        provider=provider, format="csv", sources=_sources(*texts), read=get_reader("csv"), source_name="map"
    )
    assert (run.outcome, run.new_count) == ("applied", 150)
    again = import_offers(
        provider=provider, format="csv", sources=_sources(*texts), read=get_reader("csv"), source_name="map"
    )
    assert (again.new_count, again.unchanged_count) == (0, 150)


def test_a_structural_error_in_a_reading_process_changes_nothing(read_in_background):
    provider = ProviderFactory()
    _import(provider, HEADER + "A1;Kok;;;2027-01-01;Oss\n")
    before = _state(provider)
    run = import_offers(
        provider=provider,
        format="csv",
        sources=_sources(HEADER + "B1;Kok;;;2027-01-01;Oss\n", "eigen_id;prjs\nB2;10\n"),
        read=get_reader("csv"),
        source_name="map",
    )
    assert run.outcome == "rejected"
    assert "prijs" in run.structural_error
    assert _state(provider) == before


def test_the_row_limit_holds_over_all_reading_processes(read_in_background, settings):
    settings.CATALOGUE_IMPORT_MAX_ROWS = 5
    provider = ProviderFactory()
    texts = [HEADER + "".join(f"P{part}-{n};Kok;;;2027-01-01;Oss\n" for n in range(3)) for part in range(2)]
    run = import_offers(
        provider=provider, format="csv", sources=_sources(*texts), read=get_reader("csv"), source_name="map"
    )
    assert run.outcome == "rejected"
    assert "5" in run.structural_error
