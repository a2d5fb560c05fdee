"""`Builder` collects one provider's offers: unique titles and ids, places in Brabant,
made-up addresses, start dates and runs, all drawn from the catalogue's one random
generator."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from leerwerk.catalogue.ingest.records import OfferRecord, RunRecord
from leerwerk.demo.catalogue_content.codes import WEEKEND
from leerwerk.demo.catalogue_content.providers import DEMO_DOMAIN, ProviderRow, Reference, slug

# Towns where providers that work nationwide teach in Brabant (with how often).
_BRABANT_TOWNS = {
    "Eindhoven": 8,
    "Tilburg": 7,
    "Breda": 7,
    "'s-Hertogenbosch": 7,
    "Helmond": 4,
    "Oss": 3,
    "Roosendaal": 3,
    "Bergen op Zoom": 2,
    "Oosterhout": 2,
    "Waalwijk": 2,
    "Veldhoven": 2,
    "Etten-Leur": 1,
    "Maashorst": 1,
    "Meierijstad": 1,
    "Land van Cuijk": 1,
    "Geldrop-Mierlo": 1,
    "Boxtel": 1,
}
_STREETS = (
    "Onderwijsboulevard",
    "Campuslaan",
    "Kennisweg",
    "Leerpad",
    "Stationsplein",
    "Schoolstraat",
    "Opleidingsweg",
    "Vakmanschapstraat",
    "Beroepenplein",
    "Parklaan",
    "Industrieweg",
    "Marktstraat",
)


@dataclass
class Builder:
    """Collects one provider's offers: unique titles and ids, its places and addresses."""

    row: ProviderRow
    key: str
    rng: random.Random
    today: date
    reference: Reference
    records: list[OfferRecord] = field(default_factory=list)
    titles: set[str] = field(default_factory=set)
    addresses: dict[str, str] = field(default_factory=dict)

    # Places -------------------------------------------------------------------------------

    def main_place(self) -> str:
        if self.row.place_codes:
            return self.rng.choice(self.row.place_codes)
        return self.town()

    def town(self) -> str:
        """A town in Brabant for providers that work nationwide, the big ones most often."""
        names = list(_BRABANT_TOWNS)
        name = self.rng.choices(names, weights=list(_BRABANT_TOWNS.values()))[0]
        return self._code(name)

    def nearby(self) -> str:
        """Mostly a main place; sometimes another municipality of the same region."""
        code = self.main_place()
        if self.rng.random() < 0.8:
            return code
        region = self.reference.region_of[code]
        others = sorted(c for c, r in self.reference.region_of.items() if r == region)
        return self.rng.choice(others)

    def towns(self, count: int) -> list[str]:
        chosen: list[str] = []
        for _ in range(count * 4):
            code = self.town() if not self.row.place_codes or self.rng.random() < 0.5 else self.main_place()
            if code not in chosen:
                chosen.append(code)
            if len(chosen) == count:
                break
        return chosen

    def address(self, code: str) -> str:
        if code not in self.addresses:
            self.addresses[code] = f"{self.rng.choice(_STREETS)} {self.rng.randint(1, 120)}"
        return self.addresses[code]

    def _code(self, name: str) -> str:
        return self.reference.municipality_codes[name]

    def town_name(self, code: str) -> str:
        return self.reference.municipality_names[code]

    # Dates --------------------------------------------------------------------------------

    def next_date(self, month: int, day: int = 1) -> date:
        candidate = date(self.today.year, month, day)
        return candidate if candidate > self.today else date(self.today.year + 1, month, day)

    def first_of_month(self) -> date:
        months = self.rng.randint(1, 12)
        year, month = divmod(self.today.month - 1 + months, 12)
        return date(self.today.year + year, month + 1, 1)

    def course_dates(self, count: int, schedule: str) -> list[date]:
        offsets = sorted(self.rng.sample(range(7, 358), count))
        dates = []
        for offset in offsets:
            day = self.today + timedelta(days=offset)
            if schedule == WEEKEND:
                day += timedelta(days=(5 - day.weekday()) % 7)
            elif day.weekday() >= 5:
                day += timedelta(days=7 - day.weekday())
            dates.append(day)
        return dates

    # Records ------------------------------------------------------------------------------

    def add(self, title: str, runs: Sequence[RunRecord], **values: Any) -> bool:
        """Adds the offer unless the provider has one by this title already. About 3% of
        the offers with dated runs get start dates in the past only."""
        if title.lower() in self.titles:
            return False
        self.titles.add(title.lower())
        if runs and not runs[0].start_anytime and self.rng.random() < 0.03:
            runs = self._in_the_past(runs)
        number = len(self.records) + 1
        self.records.append(
            OfferRecord(
                external_id=f"DEMO-{number:05d}",
                title=title,
                url=f"https://{self.key}.{DEMO_DOMAIN}/opleidingen/{slug(title)}",
                publish=True,
                runs=tuple(runs),
                **values,
            )
        )
        return True

    def _in_the_past(self, runs: Sequence[RunRecord]) -> list[RunRecord]:
        moved = []
        for run in runs:
            starts_on = self.today - timedelta(days=self.rng.randint(14, 300))
            ends_on = None
            if run.ends_on is not None and run.starts_on is not None:
                ends_on = starts_on + (run.ends_on - run.starts_on)
            moved.append(
                RunRecord(
                    starts_on=starts_on,
                    ends_on=ends_on,
                    municipality_code=run.municipality_code,
                    address=run.address,
                    seats=run.seats,
                    schedule=run.schedule,
                )
            )
        return sorted(moved, key=lambda run: run.starts_on or self.today)

    def run(self, starts_on: date, ends_on: date | None, code: str, schedule: str) -> RunRecord:
        return RunRecord(
            starts_on=starts_on,
            ends_on=ends_on,
            municipality_code=code,
            address=self.address(code) if code else "",
            seats=self.rng.randint(8, 30),
            schedule=schedule,
        )
