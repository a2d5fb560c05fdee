"""Keeping the search index in step with the database, which stays the only source of truth.

Public surface:
- `rebuild_index()`: build a complete new index aside and switch searches to it at once
  (`manage.py rebuild_search_index`);
- `update_index()`: apply what changed in the catalogue since the last update, or build
  from scratch when there is no usable index (a new host, a new schema, a new year's
  regions). The search indexer (`manage.py run_search_indexer`) calls it four times a second.

Only one process writes: both take the writer lock. The catalogue does not call the
search: every change to an offer or a provider moves its `updated_at`, and the indexer
picks up everything that moved since its watermark (docs/adr/0012)."""

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from leerwerk.catalogue.models import Offer, Provider
from leerwerk.regions.selectors import current_year, list_places
from leerwerk.search import engine
from leerwerk.search.documents import documents_for
from leerwerk.search.vocabulary import build_vocabulary
from leerwerk.skills.selectors import list_occupation_labels

logger = logging.getLogger(__name__)

# Changes are looked for from this long before the watermark (when the indexer last read
# them): a transaction that saved an offer before that read but committed after it is not
# missed. It also covers clocks of the hosts that save offers running behind the indexer's.
SAFETY_WINDOW = timedelta(seconds=30)


@dataclass
class UpdateReport:
    rebuilt: bool = False
    indexed: int = 0
    removed: int = 0


def rebuild_index() -> UpdateReport:
    """Build aside, then switch: searches keep using the old index until the new one is done."""
    with engine.writer_lock(wait=True):
        return _rebuild(timezone.localdate())


def _rebuild(today: date) -> UpdateReport:
    watermark = timezone.now()  # before reading anything
    year = current_year()
    vocabulary = build_vocabulary(
        titles=Offer.objects.filter(status=Offer.Status.PUBLISHED).values_list("title", flat=True).iterator(),
        occupation_labels=list_occupation_labels(),
        municipalities=[(code, name, region) for code, (name, region, _region_name) in list_places(year=year).items()],
    )
    build, writer = engine.new_build(
        vocabulary,
        year=year,
        state={"day": today.isoformat(), "watermark": watermark.isoformat(), "recent": _recent(watermark)},
    )
    count = 0
    for document in documents_for(today=today):
        engine.add_document(writer, document)
        count += 1
    writer.commit()
    writer.wait_merging_threads()
    engine.make_current(build)
    logger.info("Search index rebuilt: %s offers in build %s", count, build.name)
    return UpdateReport(rebuilt=True, indexed=count)


def update_index(*, today: date | None = None) -> UpdateReport:
    """Raises engine.WriterBusyError when a rebuild (or another indexer) is writing."""
    today = today or timezone.localdate()
    with engine.writer_lock(wait=False):
        build = engine.build_for_writing()
        if not engine.is_usable(build, year=current_year()):
            return _rebuild(today)
        assert build is not None  # noqa: S101  (is_usable says so)
        return _apply_changes(build, today)


def _apply_changes(build: engine.Build, today: date) -> UpdateReport:
    state = build.read_state()
    since = datetime.fromisoformat(state["watermark"]) - SAFETY_WINDOW
    recent: dict[str, str] = state["recent"]
    read_at = timezone.now()  # before reading: what is saved later, the next round finds
    moved = _moved(since)
    todo = [pk for pk, updated in moved.items() if recent.get(str(pk)) != updated.isoformat()]
    if state["day"] != today.isoformat():
        # A new day: offers whose next start has passed get their following one.
        todo = sorted({*todo, *engine.offers_starting_before(build, today)})
    report = UpdateReport()
    if todo:
        writer = build.index.writer(heap_size=50_000_000, num_threads=1)
        engine.delete_documents(writer, build, todo)
        documents = list(documents_for(todo, today=today))
        for document in documents:
            engine.add_document(writer, document)
        writer.commit()
        writer.wait_merging_threads()
        engine.reader.forget()  # this process sees its own changes at once
        report.indexed, report.removed = len(documents), len(todo) - len(documents)
    # The watermark is when this round read, not the latest change it saw: after an import,
    # the offers of its last half minute are read again for half a minute, not until the
    # next change.
    watermark = max(datetime.fromisoformat(state["watermark"]), read_at)
    applied = {
        "day": today.isoformat(),
        "watermark": watermark.isoformat(),
        "recent": {
            str(pk): updated.isoformat() for pk, updated in moved.items() if updated >= watermark - SAFETY_WINDOW
        },
    }
    if todo or {**applied, "watermark": state["watermark"]} != state:
        # Something was indexed, or changed besides the time. When nothing did, the next
        # round reads from the older watermark and finds the same: nothing to do.
        build.write_state(applied)
    return report


def _recent(watermark: datetime) -> dict[str, str]:
    """The offers a build already holds as they are, among those the next update looks at
    again (inside the safety window): it need not index them a second time. A rebuild
    reads every offer after taking the watermark, so it holds at least that version."""
    return {str(pk): updated.isoformat() for pk, updated in _moved(watermark - SAFETY_WINDOW).items()}


def _moved(since: datetime) -> dict[int, datetime]:
    """Offers that changed since then, or whose provider did (admitted, suspended,
    renamed), with the later of the two moments."""
    moved = dict(Offer.objects.filter(updated_at__gte=since).values_list("pk", "updated_at"))
    providers = Provider.objects.filter(updated_at__gte=since).values_list("pk", "updated_at")
    for provider_id, provider_updated in providers:
        for pk in Offer.objects.filter(provider_id=provider_id).values_list("pk", flat=True):
            moved[pk] = max(moved.get(pk, provider_updated), provider_updated)
    return moved
