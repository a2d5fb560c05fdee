"""The search document of each public offer, read from the database in bulk.

A document holds the text to search (title, and a body with the description, the
provider and the Dutch names of the offer's level, sector, form, parts of the day and
places, so that "excel cursus avond" or "heftruck oss" find what they mean) and the facet
values. Places and regions are those of the offer's runs in the current year's regional
composition; an offer without a located run counts as "online" (available anywhere).
Of the start dates only the next one counts (the first on or after the build's day): an
offer starts within a period from today exactly when its next start does. The indexer
indexes an offer again when its next start has passed (services.update_index).

Public surface: `SearchDocument`, `documents_for`, `place_pairs`, `PRICE_BANDS`, `price_band`."""

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, TypeVar

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Model, QuerySet
from django.utils import translation

from leerwerk.catalogue.models import Offer, Provider, Run
from leerwerk.catalogue.selectors import public_offers
from leerwerk.catalogue.vocabulary import Delivery, Level, Schedule, Sector
from leerwerk.regions.selectors import current_year, list_places

ONLINE = "online"
NONE = "-"  # no value (an empty set of funding options, the free side of a place pair)
PRICE_BANDS = ("free", "under_500", "500_2000", "over_2000", "unknown")
BATCH = 2000
_Row = TypeVar("_Row", bound=Model)


def price_band(cents: int | None) -> str:
    if cents is None:
        return "unknown"
    if cents == 0:
        return "free"
    if cents < 50_000:
        return "under_500"
    if cents <= 200_000:
        return "500_2000"
    return "over_2000"


@dataclass
class SearchDocument:
    id: int
    title: str
    body: str
    level: str
    sector: str
    delivery: str
    provider_kind: str
    price_band: str
    price_cents: int | None
    funding: list[str] = field(default_factory=list)
    schedule: list[str] = field(default_factory=list)
    region: list[str] = field(default_factory=list)
    municipality: list[str] = field(default_factory=list)
    places: list[tuple[str, str]] = field(default_factory=list)  # see place_pairs
    next_start: date | None = None
    anytime: bool = False
    # What a result shows, kept in the index so that a page of results needs no database.
    card: dict[str, object] = field(default_factory=dict)


def documents_for(offer_ids: Sequence[int] | None = None, *, today: date) -> Iterator[SearchDocument]:
    """The documents of the public offers among `offer_ids` (all public offers when None),
    as of `today`, a batch of 2,000 offers at a time in three queries."""
    places = list_places(year=current_year())
    offers = public_offers().order_by("pk")
    if offer_ids is not None:
        offers = offers.filter(pk__in=offer_ids)
    ids = list(offers.values_list("pk", flat=True))
    with translation.override("nl"):
        labels = {
            name: {str(code): str(label) for code, label in choices}
            for name, choices in (
                ("level", Level.choices),
                ("sector", Sector.choices),
                ("delivery", Delivery.choices),
                ("schedule", Schedule.choices),
            )
        }
    for start in range(0, len(ids), BATCH):
        yield from _batch(ids[start : start + BATCH], places, labels, today)


def place_pairs(municipalities: list[str], regions: list[str], region_of: dict[str, str]) -> list[tuple[str, str]]:
    """An offer's municipalities and regions as pairs, each of its values in exactly one
    pair (NONE fills a side): a region beside the first of its municipalities in it, so
    that an offer held in one municipality has one pair, the same as every other offer
    there (the facet counts read the pairs: engine.PLACE_COLUMNS); a region that no
    municipality claims ("online") takes the first free side."""
    left = list(regions)
    pairs: list[tuple[str, str]] = []
    for municipality in municipalities:
        region = region_of.get(municipality)
        if region is not None and region in left:
            left.remove(region)
            pairs.append((municipality, region))
        else:
            pairs.append((municipality, NONE))
    for region in left:
        free = next((number for number, pair in enumerate(pairs) if pair[1] == NONE), None)
        if free is None:
            pairs.append((NONE, region))
        else:
            pairs[free] = (pairs[free][0], region)
    return pairs


def _of_batch(rows: QuerySet[_Row], field: str, ids: Sequence[int]) -> QuerySet[_Row]:
    """The rows of the offers `ids` (sorted): by the range of their ids when they lie close
    together (a whole catalogue's batch: half the time of a list of 2,000 ids), else by the
    list. A range also holds offers that are not public; the caller skips those."""
    if ids and ids[-1] - ids[0] < 2 * len(ids):
        return rows.filter(**{f"{field}__gte": ids[0], f"{field}__lte": ids[-1]})
    return rows.filter(**{f"{field}__in": ids})


def _raw_rows(rows: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The rows of a values_list query as the database driver returns them, without
    Django's conversion of each value: reading a whole catalogue takes a third of the time.
    Django's database connections already give dates and booleans as such (on SQLite
    too); JSON comes as text (_funding_options)."""
    try:
        sql, params = rows.query.get_compiler(using=rows.db).as_sql()
    except EmptyResultSet:  # a filter that can match nothing (an empty list of ids)
        return []
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


@lru_cache(maxsize=1024)
def _funding_options(value: str | None) -> tuple[str, ...]:
    """The JSON list of funding options as the database returns it (text, on both): an
    offer's set, sorted; a catalogue holds few different sets."""
    return tuple(sorted(set(json.loads(value)))) if value else ()


def _run_order(run: tuple[date | None, bool, str | None, str]) -> tuple[bool, date]:
    return (run[1], run[0] or date.max)


def _batch(
    ids: Sequence[int], places: dict[str, tuple[str, str, str]], labels: dict[str, dict[str, str]], today: date
) -> Iterable[SearchDocument]:
    wanted = set(ids)
    offers = _of_batch(Offer.objects.all(), "pk", ids).values_list(
        "pk",
        "title",
        "description",
        "level",
        "sector",
        "delivery",
        "price_cents",
        "funding_options",
        "provider__name",
        "provider__kind",
        "provider_id",
    )
    runs: dict[int, list[tuple[date | None, bool, str | None, str]]] = defaultdict(list)
    for offer_id, starts_on, anytime, code, schedule in _raw_rows(
        _of_batch(Run.objects.all(), "offer_id", ids).values_list(
            "offer_id", "starts_on", "start_anytime", "municipality__code", "schedule"
        )
    ):
        runs[offer_id].append((starts_on, anytime, code, schedule))
    region_of = {code: region for code, (_name, region, _region_name) in places.items() if region}
    for pk, title, description, level, sector, delivery, cents, funding, provider, kind, provider_id in _raw_rows(
        offers
    ):
        if pk not in wanted:
            continue  # in the range of the batch, but not public
        offer_runs = runs.get(pk, [])
        codes = sorted({code for _start, _anytime, code, _schedule in offer_runs if code and code in places})
        regions = sorted({region for code in codes if (region := places[code][1])})
        schedules = sorted({schedule for *_rest, schedule in offer_runs if schedule})
        names = [places[code][0] for code in codes] + [name for code in codes if (name := places[code][2])]
        body = " ".join(
            [
                description,
                provider,
                labels["level"].get(level, ""),
                labels["sector"].get(sector, ""),
                labels["delivery"].get(delivery, ""),
                *(labels["schedule"].get(schedule, "") for schedule in schedules),
                *sorted(set(names)),
            ]
        )
        municipalities = codes or [ONLINE]
        regions = regions or [ONLINE]
        yield SearchDocument(
            id=pk,
            title=title,
            body=body,
            level=level,
            sector=sector,
            delivery=delivery,
            provider_kind=kind or Provider.Kind.PRIVATE_TRAINER,
            price_band=price_band(cents),
            price_cents=cents,
            funding=list(_funding_options(funding)),
            schedule=schedules,
            region=regions,
            municipality=municipalities,
            places=place_pairs(municipalities, regions, region_of),
            next_start=min((start for start, *_rest in offer_runs if start and start >= today), default=None),
            anytime=any(anytime for _start, anytime, _code, _schedule in offer_runs),
            card={
                "title": title,
                "provider": provider,
                "provider_id": provider_id,
                "level": level,
                "delivery": delivery,
                "price_cents": cents,
                "runs": [
                    [start.isoformat() if start else None, anytime, places[code][0] if code in places else "", schedule]
                    for start, anytime, code, schedule in sorted(offer_runs, key=_run_order)[:12]
                ],
            },
        )
