"""The providers of `data/providers.csv` in the municipalities of the five Brabant
labour-market regions (CBS), and the reference data read once for the whole catalogue:
providers, municipalities, programmes and qualifications. `DemoProvider` is what the
catalogue gives per provider."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from leerwerk.catalogue.ingest.records import OfferRecord
from leerwerk.demo.catalogue_content.files import PROVIDERS_FILE, normalise
from leerwerk.demo.catalogue_content.registers import (
    HBO_LEVELS,
    WO_LEVELS,
    Programme,
    Qualification,
    read_register,
    read_sbb,
    register_programmes,
)
from leerwerk.regions.sources.cbs import BUNDLED_FILE, read_municipalities

# The five labour-market regions of Noord-Brabant (the keys of `leerwerk.demo.services.BRABANT`).
BRABANT_REGION_CODES = ("AM25", "AM26", "AM27", "AM28", "AM32")
DEMO_DOMAIN = "demo.leerwerk.test"

# Provider.Kind values (`leerwerk.catalogue.models`), by the kind column of providers.csv.
PROVIDER_KINDS = {
    "mbo": "mbo_school",
    "hbo": "university_of_applied_sciences",
    "wo": "university",
    "private": "private_trainer",
}


@dataclass(frozen=True)
class DemoProvider:
    key: str  # a stable slug of the name, e.g. "koning-willem-i-college"
    name: str
    kind: str  # a Provider.Kind value
    places: str
    website: str
    records: tuple[OfferRecord, ...]


@dataclass(frozen=True)
class ProviderRow:
    name: str
    kind: str
    places: str
    place_codes: tuple[str, ...]  # empty for providers that work nationwide


@dataclass(frozen=True)
class Reference:
    providers: tuple[ProviderRow, ...]
    municipality_names: dict[str, str]  # code → name, Brabant regions only
    municipality_codes: dict[str, str]  # name → code, Brabant regions only
    region_of: dict[str, str]  # municipality code → region code
    hbo: tuple[Programme, ...]
    wo: tuple[Programme, ...]
    sbb: tuple[Qualification, ...]


def slug(value: str) -> str:
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def brabant_municipality_codes() -> frozenset[str]:
    return frozenset(load_reference().municipality_names)


@cache
def load_reference() -> Reference:
    municipalities = [m for m in read_municipalities(BUNDLED_FILE) if m.region_code in BRABANT_REGION_CODES]
    names = {m.code: m.name for m in municipalities}
    by_name = {normalise(m.name): m.code for m in municipalities}
    by_name["den bosch"] = by_name[normalise("'s-Hertogenbosch")]
    register = read_register()
    return Reference(
        providers=tuple(_read_providers(by_name)),
        municipality_names=names,
        municipality_codes={name: code for code, name in names.items()},
        region_of={m.code: m.region_code for m in municipalities},
        hbo=tuple(register_programmes(register, HBO_LEVELS)),
        wo=tuple(register_programmes(register, WO_LEVELS)),
        sbb=tuple(read_sbb()),
    )


def _read_providers(by_name: dict[str, str]) -> Iterable[ProviderRow]:
    with PROVIDERS_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            kind = PROVIDER_KINDS[row["kind"].strip()]
            shown: list[str] = []
            codes: list[str] = []
            for place in (part.strip() for part in row["main_places"].split(";")):
                if place.startswith("nationwide"):
                    shown.append(place.replace("nationwide", "landelijk"))
                    continue
                bare = place.removesuffix(" (study centres)")
                code = by_name.get(normalise(bare))
                if code is None:
                    raise ValueError(f"{PROVIDERS_FILE.name}: {place!r} is not a municipality in Brabant")
                codes.append(code)
                shown.append("'s-Hertogenbosch" if bare == "Den Bosch" else bare)
            yield ProviderRow(row["name"].strip(), kind, ", ".join(shown), tuple(codes))
