"""What every reader produces: one `ParsedRow` per offer in the input, holding either a
complete, valid `OfferRecord` or the list of what is wrong with it (in Dutch, per field).

A reader raises `StructuralError` when the input as a whole cannot be read (unreadable,
wrong format, a required column missing, over a limit); the import then changes nothing.
Readers never touch the database: the import service
(`leerwerk.catalogue.services.import_offers`) does, for every format alike."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, Protocol

from django.utils.functional import Promise


class _Compact:
    """Pickled as (class, field values): a large import sends its rows from the process
    that reads to the one that writes, and this unpickles 2.5 times faster than the
    default pickling of slotted dataclasses (11 µs instead of 29 µs per offer)."""

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return (self.__class__, tuple(getattr(self, name) for name in _field_names(type(self))))


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(item.name for item in fields(cls))
    return names


class StructuralError(Exception):
    """The whole input is refused. `message` is for the provider, in Dutch."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(str(message))
        self.message = str(message)


@dataclass(slots=True)
class FieldError(_Compact):  # records are not frozen: frozen dataclasses are slow to make (11 µs an offer)
    field: str
    message: str


@dataclass(slots=True)
class RunRecord(_Compact):
    starts_on: date | None = None
    ends_on: date | None = None
    start_anytime: bool = False
    municipality_code: str = ""
    address: str = ""
    seats: int | None = None
    schedule: str = ""


@dataclass(slots=True)
class OfferRecord(_Compact):
    """One offer in the catalogue's own terms (codes from `leerwerk.catalogue.vocabulary`).
    Amounts are whole cents including VAT; durations and loads are whole numbers."""

    external_id: str
    title: str
    description: str = ""
    level: str = "none"
    sector: str = "other"
    programme_register: str = ""
    programme_code: str = ""
    learning_path: str = ""
    delivery: str = "classroom"
    language: str = "nl"
    duration_value: int | None = None
    duration_unit: str = ""
    study_load_hours: int | None = None
    hours_per_week: int | None = None
    price_cents: int | None = None
    price_includes: str = ""
    funding_options: tuple[str, ...] = ()
    url: str = ""
    publish: bool = True
    runs: tuple[RunRecord, ...] = ()

    def content_hash(self) -> str:
        """Equal for records with equal content: re-importing an unchanged offer is found
        out without comparing field by field. (Readers of files hash what they read
        instead, see `source_hash`; this is for records made in code: the API, the demo.)"""
        runs = tuple(
            (run.starts_on, run.ends_on, run.start_anytime, run.municipality_code, run.address, run.seats, run.schedule)
            for run in self.runs
        )
        values = (
            self.external_id,
            self.title,
            self.description,
            self.level,
            self.sector,
            self.programme_register,
            self.programme_code,
            self.learning_path,
            self.delivery,
            self.language,
            self.duration_value,
            self.duration_unit,
            self.study_load_hours,
            self.hours_per_week,
            self.price_cents,
            self.price_includes,
            tuple(sorted(self.funding_options)),
            self.url,
            self.publish,
            runs,
        )
        return hashlib.sha256(("record/1\x00" + repr(values)).encode("utf-8")).hexdigest()


def source_hash(reader_version: str, payload: object) -> str:
    """The hash of what a reader read for one offer (a program's JSON, the rows of a
    spreadsheet), with the reader's version: when it is the hash stored with the offer, the
    offer is unchanged and needs no parsing. Raise the version when a reader maps anything
    differently, so that the next import parses every offer again. A string payload is
    hashed as it is (the caller made it canonical); anything else by its repr."""
    # repr of parsed JSON is canonical enough: the same bytes give the same repr, and it is
    # four times faster than json.dumps(sort_keys=True).
    encoded = payload if isinstance(payload, str) else repr(payload)
    return hashlib.sha256(f"{reader_version}\x00{encoded}".encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(slots=True)
class ParsedRow(_Compact):
    """`position` tells the provider where the offer is in their file ("rij 12",
    "programma 3"). Exactly one of `record` and `errors` is set, unless `unchanged`."""

    position: str
    external_id: str
    record: OfferRecord | None = None
    errors: tuple[FieldError, ...] = field(default_factory=tuple)
    # The hash of what was read (`source_hash`); `unchanged` when it equals the stored one
    # (then neither `record` nor `errors` is set: the reader did not parse it).
    source_hash: str = ""
    unchanged: bool = False


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_rows: int


class Reader(Protocol):
    def __call__(self, data: bytes, *, limits: Limits, context: ReaderContext) -> Iterator[ParsedRow]: ...


@dataclass(frozen=True)
class ReaderContext:
    """What readers may look up without the database: municipality codes by code and by
    (normalised) name, and the source hashes of the offers the provider has, loaded once
    per import."""

    municipality_codes: frozenset[str]
    municipality_by_name: dict[str, str]
    # External id → the source hash stored with the provider's current offers.
    known_hashes: Mapping[str, str] = field(default_factory=dict)

    def is_unchanged(self, external_id: str, hash_: str) -> bool:
        return bool(external_id) and self.known_hashes.get(external_id) == hash_
