"""The tantivy index on disk: its schema, its builds, which build is current, and the one
writer. Only the search app uses this module, and only the search app imports tantivy.

Layout of settings.SEARCH_INDEX_DIR:
    builds/<name>/      a complete index, with leerwerk.json (schema version, vocabulary
                        and regional year: written once) and indexer.json (what the
                        indexer has applied: its watermark, the day; rewritten by updates)
    CURRENT             the name of the build that searches use (replaced atomically)
    writer.lock         held by whoever writes (the indexer, a rebuild): one at a time

Web processes open the current build read-only and notice within a quarter of a second when
CURRENT changes (after a rebuild) or the build gets a new commit (after an update)."""

import fcntl
import functools
import json
import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import tantivy
from django.conf import settings

from leerwerk.search import analysis
from leerwerk.search.documents import NONE, SearchDocument
from leerwerk.search.vocabulary import Vocabulary

SCHEMA_VERSION = 12
# Filters are term queries on these fields (raw values; several per offer where it has several).
FILTER_FIELDS = (
    "level",
    "sector",
    "delivery",
    "funding",
    "schedule",
    "provider_kind",
    "region",
    "municipality",
    "price_band",
    "anytime",
)
# Facet counts are terms aggregations on fast fields with ONE value per offer: over a
# multi-valued fast field they are ten to twenty times slower. So the several values of an
# offer are kept as the set in one value ("employer+uwv"; funding and schedule have few
# sets), or, for places, as pairs of a municipality and a region (each of the offer's
# regions once, beside one of its municipalities: "GM0796|AM27"): the first pair, and the
# others in one multi-valued field (a quarter of the offers have them). An aggregation
# costs about the same per offer for every fast field it reads, and per value it returns:
# a search that counts every facet over many offers reads the facets of few values
# together, as one value per offer ("mbo2|classroom|free|no") (docs/adr/0012, 2026-11-24).
SINGLE_FACETS = ("level", "sector", "delivery", "provider_kind", "price_band", "anytime")
SET_FACETS = ("funding", "schedule")
PLACE_COLUMNS = ("place_1", "place_rest")  # the first pair, and the others (multi-valued)
# Fast fields holding several facets of an offer as one value: field -> its parts.
COMBINED_COLUMNS = {
    "profile": ("level", "delivery", "price_band", "anytime"),
    "provider": ("sector", "provider_kind"),
}
# The next start of an offer without a dated one (only "start anytime", or none): a day far
# beyond every period asked about. Every offer has a value, because a range aggregation over
# a column with a value for every offer takes half the time of one with gaps (ADR 0012).
NO_START = 2**31
PART = "|"
SEPARATOR = "+"
META = "leerwerk.json"
STATE = "indexer.json"
RECHECK_SECONDS = 0.25
_KEEP_OLD_BUILDS = 2
_CARD = json.JSONEncoder(separators=(",", ":"))


class WriterBusyError(RuntimeError):
    """Someone else holds the writer lock."""


def root() -> Path:
    path = Path(settings.SEARCH_INDEX_DIR)
    (path / "builds").mkdir(parents=True, exist_ok=True)
    return path


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    builder.add_text_field("title", tokenizer_name=analysis.TEXT)
    builder.add_text_field("body", tokenizer_name=analysis.TEXT)
    builder.add_text_field("title_plain", tokenizer_name=analysis.PLAIN)
    builder.add_text_field("title_sort", tokenizer_name="raw", fast=True)
    for name in FILTER_FIELDS:
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic", fast=name in SINGLE_FACETS)
    for name in (*(f"{facet}_set" for facet in SET_FACETS), *PLACE_COLUMNS, *COMBINED_COLUMNS):
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic", fast=True)
    builder.add_integer_field("next_start", indexed=True, fast=True)  # days since 1970-01-01, or NO_START
    builder.add_integer_field("price", indexed=True, fast=True)
    builder.add_bytes_field("card", stored=True, indexed=False)
    return builder.build()


@dataclass
class Build:
    """One build of the index, open for reading (and writing, for the one writer)."""

    name: str
    path: Path
    index: tantivy.Index
    meta: dict[str, Any]
    vocabulary: Vocabulary
    analyzer: tantivy.TextAnalyzer
    course_terms: frozenset[str] | None = None  # query._course_terms, made once per build

    @property
    def schema(self) -> tantivy.Schema:
        return self.index.schema

    def read_state(self) -> dict[str, Any]:
        """What the indexer has applied to this build (small: read on every round)."""
        return dict(json.loads((self.path / STATE).read_text(encoding="utf-8")))

    def write_state(self, state: dict[str, Any]) -> None:
        _write_json(self.path / STATE, state)


def _write_json(path: Path, content: dict[str, Any]) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(content), encoding="utf-8")
    os.replace(temporary, path)


def _open(name: str, path: Path) -> Build:
    meta = json.loads((path / META).read_text(encoding="utf-8"))
    vocabulary = Vocabulary.from_json(meta.get("vocabulary", {}))
    index = tantivy.Index(build_schema(), path=str(path), reuse=True)
    analyzer = analysis.text_analyzer(vocabulary.compound_parts)
    index.register_tokenizer(analysis.TEXT, analyzer)
    index.register_tokenizer(analysis.PLAIN, analysis.plain_analyzer())
    return Build(name=name, path=path, index=index, meta=meta, vocabulary=vocabulary, analyzer=analyzer)


def current_name() -> str | None:
    try:
        return (root() / "CURRENT").read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None


def build_for_writing() -> Build | None:
    """The current build for the one writer, kept open from one round of the indexer to the
    next while it stays current and its leerwerk.json unchanged: opening a build reads its
    vocabulary and makes its analyzer, which takes longer than applying a change."""
    name = current_name()
    if name is None:
        return None
    path = root() / "builds" / name
    return _kept_open(path, _file_mark(path / META))


@functools.lru_cache(maxsize=1)
def _kept_open(path: Path, mark: tuple[int, int, int] | None) -> Build | None:
    build = open_build(path.name) if mark is not None else None
    if build is not None:
        # Not reloaded on every commit in the background: the writer seldom searches.
        build.index.config_reader(reload_policy="manual")
    return build


def open_build(name: str) -> Build | None:
    """None when there is no such build, or when it has fields other than this code's (a
    build of an earlier schema version: tantivy will not open it with this schema, and the
    indexer rebuilds, ADR 0012)."""
    path = root() / "builds" / name
    if not (path / META).exists():
        return None
    try:
        return _open(name, path)
    except ValueError:
        if json.loads((path / META).read_text(encoding="utf-8")).get("schema_version") != SCHEMA_VERSION:
            return None
        raise


class _Reader:
    """The current build for searching, per process; looks at CURRENT (and for new commits)
    at most every RECHECK_SECONDS.

    The generation moves on only when searches may see other documents: another build, or
    a new commit of this one (tantivy rewrites the build's meta.json on every commit). The
    reader reloads by hand (tantivy's own reload on commit would change the documents under
    a generation), so everything kept per generation (the facet counts in selectors) stays
    valid until the documents change, not merely for a quarter of a second."""

    def __init__(self) -> None:
        self.build: Build | None = None
        self.checked = 0.0
        self.commit: tuple[int, int, int] | None = None  # the meta.json the build was loaded from
        self.generation = 0  # moves on whenever searches may see other documents
        self.lock = threading.Lock()

    def get(self) -> Build | None:
        now = time.monotonic()
        if self.build is not None and now - self.checked < RECHECK_SECONDS:
            return self.build
        with self.lock:
            self.checked = now
            name = current_name()
            if name is None:
                if self.build is not None:
                    self.generation += 1
                self.build = None
            elif self.build is None or self.build.name != name:
                # The mark before opening: a commit in between makes the next look reload
                # once more (harmless), never keeps newer documents under an older mark.
                self.commit = _file_mark(root() / "builds" / name / "meta.json")
                self.build = open_build(name)
                if self.build is not None:
                    self.build.index.config_reader(reload_policy="manual")
                self.generation += 1
            else:
                commit = _file_mark(self.build.path / "meta.json")
                if commit != self.commit:
                    self.commit = commit
                    self.build.index.reload()  # the indexer's commits since the last look
                    self.generation += 1
            return self.build

    def snapshot(self) -> "Snapshot | None":
        """The current build with a searcher and the generation it belongs to, together."""
        self.get()
        with self.lock:
            if self.build is None:
                return None
            return Snapshot(self.build, self.build.index.searcher(), self.generation)

    def forget(self) -> None:
        with self.lock:
            self.build = None
            self.checked = 0.0
            self.commit = None
            self.generation += 1


def _file_mark(path: Path) -> tuple[int, int, int] | None:
    """Which version of a file this is: tantivy replaces a build's meta.json (a new file) on
    each commit, and we replace our own files the same way."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return (status.st_ino, status.st_mtime_ns, status.st_size)


@dataclass(frozen=True)
class Snapshot:
    """What one search reads: the documents do not change under it. Results computed from
    a snapshot may be kept for others of the same generation (selectors' facet cache)."""

    build: Build
    searcher: tantivy.Searcher
    generation: int


reader = _Reader()


def current_build() -> Build | None:
    return reader.get()


@contextmanager
def writer_lock(*, wait: bool) -> Iterator[None]:
    """The one writer: raises WriterBusyError when someone else writes (unless `wait`)."""
    handle = (root() / "writer.lock").open("w")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError as error:
            raise WriterBusyError("Another process is writing the search index.") from error
        yield
    finally:
        handle.close()


def add_document(writer: tantivy.IndexWriter, document: SearchDocument) -> None:
    item = tantivy.Document()
    item.add_unsigned("id", document.id)
    item.add_text("title", analysis.prepare(document.title))
    # The body holds the title too: a word is found through one term (fast to intersect
    # with other words), and the title field only adds to the score.
    item.add_text("body", analysis.prepare(f"{document.title}\n{document.body}"))
    item.add_text("title_plain", document.title)
    item.add_text("title_sort", analysis.fold(document.title)[:200])
    values = {
        "level": document.level,
        "sector": document.sector,
        "delivery": document.delivery,
        "provider_kind": document.provider_kind,
        "price_band": document.price_band,
        "anytime": "yes" if document.anytime else "no",
    }
    for name, value in values.items():
        item.add_text(name, value)
    for name, parts in COMBINED_COLUMNS.items():
        item.add_text(name, PART.join(values[part] for part in parts))
    for name in ("funding", "schedule", "region", "municipality"):
        for value in getattr(document, name):
            item.add_text(name, value)
    for name in SET_FACETS:
        item.add_text(f"{name}_set", SEPARATOR.join(getattr(document, name)) or NONE)
    for number, (municipality, region) in enumerate(document.places):
        item.add_text(PLACE_COLUMNS[min(number, 1)], f"{municipality}{PART}{region}")
    next_start = document.next_start
    item.add_integer("next_start", day_number(next_start) if next_start is not None else NO_START)
    item.add_integer("price", document.price_cents if document.price_cents is not None else 2**62)
    item.add_bytes("card", _CARD.encode({"id": document.id, **document.card}).encode())
    writer.add_document(item)


def delete_documents(writer: tantivy.IndexWriter, build: Build, offer_ids: list[int]) -> None:
    # By query: tantivy's delete by term does not match the value of an unsigned field.
    writer.delete_documents_by_query(tantivy.Query.term_set_query(build.schema, "id", offer_ids))


def new_build(vocabulary: Vocabulary, *, year: int, state: dict[str, Any]) -> tuple[Build, tantivy.IndexWriter]:
    name = datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%S%f")
    path = root() / "builds" / name
    path.mkdir(parents=True)
    _write_json(path / META, {"schema_version": SCHEMA_VERSION, "year": year, "vocabulary": vocabulary.to_json()})
    _write_json(path / STATE, state)
    build = _open(name, path)
    # One indexing thread with a heap that holds the whole catalogue: one segment, which
    # makes facet counts about twice as fast as the eight a thread per core leaves, and
    # builds as fast (the Python side feeds the writer slower than one thread indexes).
    return build, build.index.writer(heap_size=settings.SEARCH_WRITER_HEAP_BYTES, num_threads=1)


def make_current(build: Build) -> None:
    """Searches switch to `build` (atomically), and builds older than the previous one go."""
    temporary = root() / "CURRENT.tmp"
    temporary.write_text(build.name, encoding="utf-8")
    os.replace(temporary, root() / "CURRENT")
    reader.forget()
    builds = sorted(path for path in (root() / "builds").iterdir() if path.is_dir())
    for old in builds[:-_KEEP_OLD_BUILDS]:
        if old.name != build.name:
            shutil.rmtree(old, ignore_errors=True)


def is_usable(build: Build | None, *, year: int) -> bool:
    return bool(build and build.meta.get("schema_version") == SCHEMA_VERSION and build.meta.get("year") == year)


def offers_starting_before(build: Build, value: date) -> list[int]:
    """The offers in `build` whose next start lies before `value`."""
    query = tantivy.Query.range_query(build.schema, "next_start", tantivy.FieldType.Integer, 0, day_number(value) - 1)
    build.index.reload()  # the writer's build may be kept open: see its latest commit
    searcher = build.index.searcher()
    count = int(getattr(searcher.search(query, 1, count=True), "count", 0) or 0)
    if not count:
        return []
    return [int(searcher.doc(address)["id"][0]) for _score, address in searcher.search(query, count).hits]


def day_number(value: date) -> int:
    """How the index holds a date: days since 1970-01-01."""
    return (value - _EPOCH).days


_EPOCH = date(1970, 1, 1)
