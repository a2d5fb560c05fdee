"""The one import service behind every way offers come in (files, feeds, uploads, the API).

Rules (the catalogue issue, point 3):
- upsert by (provider, external id); re-importing the same content changes nothing;
- a structural error rejects the whole import and changes nothing;
- row errors are reported per row and field; the valid rows are applied only when the
  provider asked for that (`apply_valid_rows`), otherwise nothing changes;
- a snapshot withdraws the provider's offers that the input no longer contains;
  nothing is ever deleted;
- every import is kept as an `ImportRun` with its counts and report.
"""

import hashlib
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerwerk.accounts.models import User
from leerwerk.catalogue.ingest import reader_version
from leerwerk.catalogue.ingest.fields import normalise
from leerwerk.catalogue.ingest.records import (
    FieldError,
    Limits,
    OfferRecord,
    ParsedRow,
    ReaderContext,
    StructuralError,
)
from leerwerk.catalogue.models import ImportedSource, ImportRun, Offer, Provider
from leerwerk.catalogue.services import writer
from leerwerk.catalogue.services.background_reading import BackgroundReading, readers, worth_it
from leerwerk.regions.models import Municipality

logger = logging.getLogger(__name__)

CHUNK = 1000
MAX_REPORTED_ERRORS = 1000
ReadFunction = Callable[..., Iterator[ParsedRow]]


@dataclass(frozen=True)
class Source:
    """One input of an import: a name for the report and how to get its bytes (loaded
    only when its turn comes, so a folder of a thousand files is not held in memory)."""

    name: str
    load: Callable[[], bytes]
    size: int = 0  # in bytes, when known before loading: large imports read in a second process


class _RejectedError(Exception):
    """Raised inside the import's transaction to roll it back."""


@dataclass
class _Outcome:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    withdrawn: int = 0
    rejected: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)
    error_total: int = 0

    def reject(self, row: ParsedRow) -> None:
        self.rejected += 1
        for error in row.errors:
            self.error_total += 1
            if len(self.errors) < MAX_REPORTED_ERRORS:
                self.errors.append(
                    {
                        "position": row.position,
                        "external_id": row.external_id,
                        "field": error.field,
                        "message": error.message,
                    }
                )


def import_limits() -> Limits:
    return Limits(max_bytes=settings.CATALOGUE_IMPORT_MAX_BYTES, max_rows=settings.CATALOGUE_IMPORT_MAX_ROWS)


def reader_context() -> ReaderContext:
    pairs = list(Municipality.objects.values_list("code", "name"))
    return ReaderContext(
        municipality_codes=frozenset(code for code, _name in pairs),
        municipality_by_name={normalise(name): code for code, name in pairs},
    )


def import_offers(
    *,
    provider: Provider,
    format: str,
    sources: Sequence[Source],
    read: ReadFunction,
    source_name: str,
    is_snapshot: bool = False,
    apply_valid_rows: bool = False,
    started_by: User | None = None,
    offer_source: str | None = None,
    allow_mass_withdrawal: bool = False,
) -> ImportRun:
    """Import everything `read` finds in `sources` for `provider`. Returns the kept
    `ImportRun`; its `outcome` says whether anything changed."""
    started = time.perf_counter()
    outcome = _Outcome()
    structural_error = ""
    try:
        with transaction.atomic():
            existing = _existing(provider)
            known = {
                external_id: hash_
                for external_id, (_pk, hash_, status) in existing.items()
                if hash_ and status != Offer.Status.WITHDRAWN
            }
            context = replace(reader_context(), known_hashes=known)
            digests = _Digests(provider, format)
            limits = import_limits()
            background = None
            if worth_it(sum(source.size for source in sources)):
                groups = [sources[start :: readers(len(sources))] for start in range(readers(len(sources)))]
                background = BackgroundReading(
                    [partial(_read_all, group, read, limits, context, digests) for group in groups],
                    lambda: digests.seen,
                )
                rows = _at_most(background.rows(), limits.max_rows)
            else:
                rows = _read_all(sources, read, limits, context, digests)
            _apply(
                provider,
                rows,
                existing,
                outcome,
                is_snapshot=is_snapshot,
                source=offer_source or format,
                allow_mass_withdrawal=allow_mass_withdrawal,
            )
            if outcome.rejected and not apply_valid_rows:
                raise _RejectedError
            if background is not None:
                digests.seen = {digest: entries for result in background.results for digest, entries in result.items()}
            if not outcome.rejected:
                digests.keep()
    except StructuralError as error:
        structural_error = error.message
    except _RejectedError:
        pass
    return _keep(
        provider,
        format,
        source_name,
        outcome,
        structural_error,
        started,
        is_snapshot=is_snapshot,
        apply_valid_rows=apply_valid_rows,
        started_by=started_by,
    )


def _keep(
    provider: Provider,
    format: str,
    source_name: str,
    outcome: _Outcome,
    structural_error: str,
    started: float,
    *,
    is_snapshot: bool,
    apply_valid_rows: bool,
    started_by: User | None,
) -> ImportRun:
    rejected_all = bool(structural_error) or (outcome.rejected > 0 and not apply_valid_rows)
    if rejected_all:
        kind = ImportRun.Outcome.REJECTED
        counts = {"new_count": 0, "changed_count": 0, "unchanged_count": 0, "withdrawn_count": 0}
    else:
        kind = ImportRun.Outcome.PARTLY_APPLIED if outcome.rejected else ImportRun.Outcome.APPLIED
        counts = {
            "new_count": outcome.new,
            "changed_count": outcome.changed,
            "unchanged_count": outcome.unchanged,
            "withdrawn_count": outcome.withdrawn,
        }
    return ImportRun.objects.create(
        provider=provider,
        format=format,
        source_name=source_name[:500],
        is_snapshot=is_snapshot,
        apply_valid_rows=apply_valid_rows,
        started_by=started_by,
        outcome=kind,
        rejected_count=outcome.rejected,
        structural_error=structural_error,
        row_errors=outcome.errors,
        row_error_total=outcome.error_total,
        duration_ms=int((time.perf_counter() - started) * 1000),
        **counts,
    )


class _Digests:
    """The provider's completely imported sources by digest (see `ImportedSource`), and the
    digests and entries of this import's sources, kept when the import applies in full."""

    def __init__(self, provider: Provider, format: str) -> None:
        self.provider = provider
        self.prefix = f"{format}:{reader_version(format)}:"
        self.known = dict(ImportedSource.objects.filter(provider=provider).values_list("digest", "entries"))
        self.seen: dict[str, list[list[str]]] = {}

    def digest(self, data: bytes) -> str:
        return hashlib.sha256(self.prefix.encode() + data).hexdigest()

    def keep(self) -> None:
        ImportedSource.objects.filter(provider=self.provider).exclude(digest__in=list(self.seen)).delete()
        ImportedSource.objects.bulk_create(
            [
                ImportedSource(provider=self.provider, digest=d, entries=e)
                for d, e in self.seen.items()
                if d not in self.known
            ],
            batch_size=100,
        )


def _read_all(
    sources: Sequence[Source], read: ReadFunction, limits: Limits, context: ReaderContext, digests: _Digests
) -> Iterator[ParsedRow]:
    total = 0
    for source in sources:
        data = source.load()
        digest = digests.digest(data)
        entries = digests.known.get(digest)
        if entries is not None and all(context.is_unchanged(external_id, hash_) for external_id, hash_ in entries):
            rows: Iterable[ParsedRow] = (
                ParsedRow(source.name, external_id, source_hash=hash_, unchanged=True) for external_id, hash_ in entries
            )
        else:
            rows = read(data, limits=limits, context=context)
        collected: list[list[str]] | None = []
        for row in rows:
            if collected is not None:
                if row.errors or not row.source_hash:
                    collected = None
                else:
                    collected.append([row.external_id, row.source_hash])
            total += 1
            if total > limits.max_rows:
                raise StructuralError(
                    _("The import holds more than %(maximum)s offers. Split it up.") % {"maximum": limits.max_rows}
                )
            if len(sources) > 1:
                row.position = f"{source.name}: {row.position}"
            yield row
        if collected is not None:
            digests.seen[digest] = collected


def _at_most(rows: Iterator[ParsedRow], maximum: int) -> Iterator[ParsedRow]:
    """The import's row limit over rows read by several processes."""
    for count, row in enumerate(rows, start=1):
        if count > maximum:
            raise StructuralError(
                _("The import holds more than %(maximum)s offers. Split it up.") % {"maximum": maximum}
            )
        yield row


def _is_mass_withdrawal(missing: int, before: int) -> bool:
    """A snapshot that would withdraw most of a sizeable catalogue is more likely a cut-off
    or wrong file than a provider ending most of its offers."""
    return before >= settings.CATALOGUE_SNAPSHOT_GUARD_MIN_OFFERS and missing > before * 0.5


def _apply(
    provider: Provider,
    rows: Iterable[ParsedRow],
    existing: dict[str, tuple[int, str, str]],
    outcome: _Outcome,
    *,
    is_snapshot: bool,
    source: str,
    allow_mass_withdrawal: bool,
) -> None:
    municipality_ids = dict(Municipality.objects.values_list("code", "pk"))
    seen: set[str] = set()
    chunk: list[tuple[OfferRecord, str]] = []
    for row in rows:
        if row.external_id and row.external_id in seen:
            outcome.reject(_duplicate(row))
            continue
        if row.unchanged:
            seen.add(row.external_id)
            outcome.unchanged += 1
            continue
        if row.record is None:
            outcome.reject(row)
            continue
        seen.add(row.external_id)
        chunk.append((row.record, row.source_hash or row.record.content_hash()))
        if len(chunk) >= CHUNK:
            _write_chunk(provider, chunk, existing, municipality_ids, outcome, source)
            chunk = []
    if chunk:
        _write_chunk(provider, chunk, existing, municipality_ids, outcome, source)
    if is_snapshot:
        _withdraw_missing(existing, seen, outcome, allow_mass_withdrawal=allow_mass_withdrawal)


def _withdraw_missing(
    existing: dict[str, tuple[int, str, str]], seen: set[str], outcome: _Outcome, *, allow_mass_withdrawal: bool
) -> None:
    current = [
        (external_id, pk) for external_id, (pk, _hash, status) in existing.items() if status != Offer.Status.WITHDRAWN
    ]
    missing = [pk for external_id, pk in current if external_id not in seen]
    if not allow_mass_withdrawal and _is_mass_withdrawal(len(missing), len(current)):
        raise StructuralError(
            _(
                "This complete list would withdraw %(missing)s of the provider's %(total)s offers. Is the file "
                "complete? If so, ask an administrator to import it with mass withdrawal allowed."
            )
            % {"missing": len(missing), "total": len(current)}
        )
    now = timezone.now()
    for start in range(0, len(missing), 500):
        Offer.objects.filter(pk__in=missing[start : start + 500]).update(
            status=Offer.Status.WITHDRAWN, last_changed_at=now, updated_at=now
        )
    outcome.withdrawn = len(missing)


@dataclass(frozen=True)
class Counts:
    new: int
    changed: int
    unchanged: int


def upsert_records(*, provider: Provider, records: Sequence[OfferRecord], source: str) -> Counts:
    """Create or replace valid records by their external id, by the import's rules (one
    record from the provider API, or the demo seed's records). Call inside a transaction."""
    ids = [record.external_id for record in records]
    existing = _existing(provider, external_ids=ids if len(ids) <= 500 else None)
    outcome = _Outcome()
    municipality_ids = dict(Municipality.objects.values_list("code", "pk"))
    for start in range(0, len(records), CHUNK):
        chunk = [(record, record.content_hash()) for record in records[start : start + CHUNK]]
        _write_chunk(provider, chunk, existing, municipality_ids, outcome, source)
    return Counts(new=outcome.new, changed=outcome.changed, unchanged=outcome.unchanged)


def _existing(provider: Provider, external_ids: list[str] | None = None) -> dict[str, tuple[int, str, str]]:
    """External id → (pk, content hash, status) of the provider's offers (of these ids only, when given)."""
    offers = Offer.objects.filter(provider=provider)
    if external_ids is not None:
        offers = offers.filter(external_id__in=external_ids)
    rows = offers.values_list("pk", "external_id", "content_hash", "status")
    return {external_id: (pk, content_hash, status) for pk, external_id, content_hash, status in rows}


def _duplicate(row: ParsedRow) -> ParsedRow:
    message = _("This id occurs earlier in the import already; every offer needs an id of its own.")
    return ParsedRow(position=row.position, external_id=row.external_id, errors=(FieldError("id", message),))


def _target_status(record: OfferRecord) -> str:
    return str(Offer.Status.PUBLISHED if record.publish else Offer.Status.DRAFT)


def _write_chunk(
    provider: Provider,
    chunk: list[tuple[OfferRecord, str]],
    existing: dict[str, tuple[int, str, str]],
    municipality_ids: dict[str, int],
    outcome: _Outcome,
    source: str,
) -> None:
    rows = writer.OfferRows(provider_id=provider.pk, source=source, now=timezone.now())
    new: list[tuple[OfferRecord, writer.OfferRow]] = []
    changed: list[tuple[OfferRecord, int, writer.OfferRow]] = []
    for record, content_hash in chunk:
        status = _target_status(record)
        known = existing.get(record.external_id)
        if known is not None and known[1] == content_hash and known[2] == status:
            outcome.unchanged += 1
            continue
        row = rows.row(record, status=status, content_hash=content_hash)
        if known is None:
            new.append((record, row))
        else:
            changed.append((record, known[0], row))
        existing[record.external_id] = (known[0] if known else 0, content_hash, status)
    if new:
        ids = writer.allocate_ids(len(new))
        writer.insert_offers([row for _record, row in new], ids)
        for (record, _row), pk in zip(new, ids, strict=True):
            existing[record.external_id] = (pk, *existing[record.external_id][1:])
        outcome.new += len(new)
    if changed:
        writer.update_offers([(pk, row) for _record, pk, row in changed])
        outcome.changed += len(changed)
    writer.replace_runs(
        [(existing[record.external_id][0], record.runs) for record, _row in new]
        + [(pk, record.runs) for record, pk, _row in changed],
        municipality_ids,
        had_runs=[pk for _record, pk, _row in changed],
    )
