"""Synthetic training offers for benchmarks: any number of `OfferRecord`s, deterministic
for a seed and fast, with Dutch-looking titles and descriptions built from word lists.

Synthetic data must never be mistaken for real offers (or for the demo catalogue): every
title starts with the marker "[synthetisch] ", the web addresses are on
synthetisch.leerwerk.test, and programme codes are made up (9xxxx). Every level, sector,
learning path, form of teaching, schedule, way of paying and price band occurs; runs take
place in any of the 342 municipalities of the CBS table.

A benchmark script puts the repository root on `sys.path` and imports this module; run
on its own, it writes the spreadsheet template's CSV (the format of
`leerwerk.catalogue.ingest.spreadsheet`):

    .venv/bin/python bench/synthetic.py --count 100000 --csv /tmp/offers.csv
"""

import argparse
import bisect
import csv
import itertools
import random
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import TypeVar

if __name__ == "__main__":  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from leerwerk.catalogue.ingest.records import OfferRecord, RunRecord
from leerwerk.catalogue.ingest.spreadsheet import COLUMN_NAMES
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
from leerwerk.regions.sources.cbs import BUNDLED_FILE, read_municipalities

MARKER = "[synthetisch] "
URL_BASE = "https://synthetisch.leerwerk.test/aanbod/"

# --- Word lists ----------------------------------------------------------------------------

OCCUPATIONS = (
    "medewerker",
    "monteur",
    "verpleegkundige",
    "chauffeur",
    "kok",
    "verkoper",
    "beveiliger",
    "administrateur",
    "planner",
    "operator",
    "lasser",
    "timmerman",
    "schilder",
    "begeleider",
    "assistent",
    "coördinator",
    "teamleider",
    "specialist",
    "technicus",
    "adviseur",
    "ontwikkelaar",
    "beheerder",
    "hovenier",
    "kapper",
    "docent",
    "consulent",
    "inspecteur",
    "verzorgende",
)
# Words that make compounds with an occupation ("zorg" + "medewerker") and that name a field.
DOMAINS = (
    "zorg",
    "thuiszorg",
    "ouderenzorg",
    "logistiek",
    "magazijn",
    "transport",
    "heftruck",
    "excel",
    "boekhouden",
    "salarisadministratie",
    "ict",
    "netwerk",
    "software",
    "data",
    "bouw",
    "installatie",
    "elektrotechniek",
    "werktuigbouw",
    "metaal",
    "lassen",
    "horeca",
    "keuken",
    "retail",
    "verkoop",
    "kinderopvang",
    "onderwijs",
    "welzijn",
    "groen",
    "voeding",
    "schoonmaak",
    "beveiliging",
    "veiligheid",
    "sport",
    "marketing",
    "communicatie",
    "personeelszaken",
    "facilitair",
    "klantenservice",
)
COMPOUND_PARTS = (
    "zorg",
    "thuiszorg",
    "magazijn",
    "transport",
    "installatie",
    "elektro",
    "metaal",
    "keuken",
    "verkoop",
    "groen",
    "schoonmaak",
    "beveiligings",
    "sport",
    "netwerk",
    "bouw",
    "logistiek",
    "salaris",
    "heftruck",
    "klantenservice",
    "horeca",
)
COURSES = (
    "Heftruckcertificaat",
    "Vorkheftruck en reachtruck",
    "Excel voor beginners",
    "Excel gevorderd",
    "VCA Basis",
    "VCA VOL",
    "BHV basis",
    "BHV herhaling",
    "EHBO",
    "Boekhouden (PDB)",
    "Basis boekhouden",
    "NT2 A2",
    "NT2 B1",
    "Digitale vaardigheden",
    "Projectmanagement",
    "Leidinggeven",
    "Python programmeren",
    "Sociale hygiëne",
    "Code 95",
    "Rijbewijs C",
)
SUFFIXES = (
    " (BBL)",
    " (BOL)",
    " (deeltijd)",
    " (voltijd)",
    " – avond",
    " – online",
    " – weekend",
    " niveau 2",
    " niveau 3",
    " niveau 4",
    " voor zij-instromers",
    " in de praktijk",
)
SKILLS = (
    "veilig werken",
    "plannen en organiseren",
    "klanten helpen",
    "samenwerken in een team",
    "rapporteren",
    "problemen oplossen",
    "werken met de computer",
    "de voorraad bijhouden",
    "storingen verhelpen",
    "gesprekken voeren",
    "zorg verlenen",
    "goederen verzenden",
    "een administratie bijhouden",
    "machines bedienen",
    "onderhoud uitvoeren",
    "lesgeven",
    "koken volgens recept",
    "hygiënisch werken",
    "werken met Excel",
    "boekhouden",
    "leidinggeven",
    "adviseren",
)
AUDIENCES = (
    "werkzoekenden",
    "mensen die willen omscholen",
    "medewerkers die verder willen groeien",
    "starters op de arbeidsmarkt",
    "zij-instromers",
    "ervaren vakmensen",
    "jongeren vanaf 18 jaar",
    "iedereen die meer wil weten over @D",
)
OUTCOMES = (
    "aan de slag als @O",
    "doorstromen naar een vervolgopleiding",
    "zelfstandig werken in de @D",
    "een erkend certificaat halen",
    "meer verantwoordelijkheid nemen op je werk",
    "solliciteren bij bedrijven in de regio",
)
WHEN = (
    "overdag",
    "'s avonds",
    "in het weekend",
    "online en op locatie",
    "op maandag en donderdag",
    "in je eigen tempo",
)
SUPPORT = (
    "persoonlijke begeleiding van een docent",
    "een eigen studiecoach",
    "lesmateriaal en oefenopdrachten",
    "toegang tot een online leeromgeving",
    "hulp bij het vinden van een stageplek",
)
PRACTICE = (
    "echte opdrachten van bedrijven",
    "situaties uit de praktijk",
    "moderne machines en apparatuur",
    "rollenspellen",
    "casussen uit de @D",
)
FINISH = ("een praktijkexamen", "een theorie-examen", "een portfolio", "een eindopdracht", "een diploma")
FOCUS = (
    "veiligheid",
    "communicatie",
    "kwaliteit",
    "duurzaamheid",
    "digitale vaardigheden",
    "klantgerichtheid",
    "samenwerken",
)
# Each sentence: a format string with positional slots, and the word list of each slot.
# The longest possible sentence is under 110 characters (see _description).
SENTENCES: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = (
    ("Je leert {} en {}.", (SKILLS, SKILLS)),
    ("De opleiding is bedoeld voor {}.", (AUDIENCES,)),
    ("Na afloop kun je {}.", (OUTCOMES,)),
    ("De lessen zijn {}.", (WHEN,)),
    ("Je krijgt {}.", (SUPPORT,)),
    ("In de praktijk oefen je met {}.", (PRACTICE,)),
    ("Je sluit af met {}.", (FINISH,)),
    ("Er is veel aandacht voor {} en {}.", (FOCUS, FOCUS)),
)
# The filled-in sentences, built once, 48 of each template (a fixed sample of the larger
# ones, the smaller ones repeated): one draw picks a sentence, which is what makes
# 100,000 descriptions fast.
_SENTENCES_EACH = 48
SENTENCE_POOL: tuple[str, ...] = tuple(
    sentence
    for template, slots in SENTENCES
    for filled in [[template.format(*words) for words in itertools.product(*slots)]]
    for sentence in (
        random.Random(0).sample(filled, _SENTENCES_EACH)  # noqa: S311  (a fixed sample)
        if len(filled) > _SENTENCES_EACH
        else [filled[index % len(filled)] for index in range(_SENTENCES_EACH)]
    )
)
STREETS = ("Voorbeeldstraat", "Teststraat", "Lesweg", "Cursuslaan", "Oefenplein", "Leerpad")

# Weights: (choices, weights); every value occurs.
LEVELS = (tuple(Level.values), (8, 12, 12, 10, 5, 8, 5, 40))
SECTORS = tuple(Sector.values)
DELIVERIES = (tuple(Delivery.values), (25, 55, 20))
SCHEDULES = (*Schedule.values, "")
FUNDING = tuple(FundingOption.values)
UNITS = tuple(DurationUnit.values)
LANGUAGES = (("nl", "en", "de", "pl", "ar"), (90, 7, 1, 1, 1))
# Price bands in euros; None is "no price given".
PRICE_BANDS: tuple[tuple[int, int] | None, ...] = (None, (0, 0), (1, 99), (100, 499), (500, 1499), (1500, 2999))
PRICE_WEIGHTS = (5, 8, 15, 30, 22, 12)
_HIGH_BAND = (3000, 9999)
_PATHS = {
    "mbo1": ("bol", "bbl", ""),
    "mbo2": ("bol", "bbl", ""),
    "mbo3": ("bol", "bbl", ""),
    "mbo4": ("bol", "bbl", ""),
    "associate_degree": ("full_time", "part_time", "dual", ""),
    "bachelor": ("full_time", "part_time", "dual", ""),
    "master": ("full_time", "part_time", ""),
    "none": ("", "", "", "part_time"),
}

# --- Dutch labels for the template (read back by leerwerk.catalogue.ingest.fields) -----------

LEVEL_LABELS = {
    Level.MBO_1.value: "MBO 1",
    Level.MBO_2.value: "MBO 2",
    Level.MBO_3.value: "MBO 3",
    Level.MBO_4.value: "MBO 4",
    Level.ASSOCIATE_DEGREE.value: "Associate degree",
    Level.BACHELOR.value: "Bachelor",
    Level.MASTER.value: "Master",
    Level.NONE.value: "",
}
SECTOR_LABELS = {
    Sector.CARE.value: "Zorg en welzijn",
    Sector.TECHNOLOGY.value: "Techniek",
    Sector.ICT.value: "ICT",
    Sector.LOGISTICS.value: "Logistiek",
    Sector.CONSTRUCTION.value: "Bouw en infra",
    Sector.BUSINESS.value: "Economie",
    Sector.EDUCATION.value: "Onderwijs en kinderopvang",
    Sector.HOSPITALITY.value: "Horeca",
    Sector.RETAIL.value: "Handel en verkoop",
    Sector.AGRICULTURE.value: "Groen",
    Sector.CREATIVE.value: "Kunst",
    Sector.SAFETY.value: "Veiligheid en sport",
    Sector.BASIC_SKILLS.value: "Taal en basisvaardigheden",
    Sector.OTHER.value: "Overig",
}
LEARNING_PATH_LABELS = {
    LearningPath.BOL.value: "BOL",
    LearningPath.BBL.value: "BBL",
    LearningPath.FULL_TIME.value: "voltijd",
    LearningPath.PART_TIME.value: "deeltijd",
    LearningPath.DUAL.value: "duaal",
    "": "",
}
DELIVERY_LABELS = {
    Delivery.ONLINE.value: "online",
    Delivery.CLASSROOM.value: "klassikaal",
    Delivery.BLENDED.value: "blended",
}
UNIT_LABELS = {
    DurationUnit.HOURS.value: "uren",
    DurationUnit.DAYS.value: "dagen",
    DurationUnit.WEEKS.value: "weken",
    DurationUnit.MONTHS.value: "maanden",
    DurationUnit.YEARS.value: "jaren",
    "": "",
}
FUNDING_LABELS = {
    FundingOption.FREE.value: "gratis",
    FundingOption.EMPLOYER.value: "werkgever",
    FundingOption.SECTOR_FUND.value: "sectorfonds",
    FundingOption.MUNICIPALITY.value: "gemeente",
    FundingOption.UWV.value: "UWV",
    FundingOption.OWN_BUDGET.value: "eigen budget",
}
SCHEDULE_LABELS = {
    Schedule.DAYTIME.value: "overdag",
    Schedule.EVENING.value: "avond",
    Schedule.WEEKEND.value: "weekend",
    "": "",
}


@cache
def municipality_names() -> dict[str, str]:
    """CBS code → name (without " (gemeente)"), all 342 municipalities."""
    return {record.code: record.name for record in read_municipalities(BUNDLED_FILE)}


# --- Records -------------------------------------------------------------------------------


T = TypeVar("T")


def _picker(rng: random.Random) -> Callable[[Sequence[T]], T]:
    """`pick(sequence)`: a uniform choice, faster than `Random.choice` (one float per pick)."""
    draw = rng.random

    def pick(sequence: Sequence[T]) -> T:
        return sequence[int(draw() * len(sequence))]

    return pick


def _weighted(rng: random.Random, values: Sequence[T], weights: Sequence[int]) -> Callable[[], T]:
    """A function that draws one of `values` with the given weights."""
    draw = rng.random
    cumulative = list(itertools.accumulate(weights))
    total = cumulative[-1]

    def choose() -> T:
        return values[bisect.bisect(cumulative, draw() * total)]

    return choose


def _title(pick: Callable[[Sequence[str]], str], draw: Callable[[], float]) -> tuple[str, str, str]:
    """A title and the field and occupation it is about."""
    domain, occupation = pick(DOMAINS), pick(OCCUPATIONS)
    shape = int(draw() * 10)
    if shape == 0:
        title = pick(COMPOUND_PARTS).capitalize() + occupation
    elif shape == 1:
        title = f"{occupation.capitalize()} {domain}"
    elif shape == 2:
        title = f"Eerste {occupation} {domain}"
    elif shape == 3:
        title = f"Allround {pick(COMPOUND_PARTS)}{occupation}"
    elif shape == 4:
        title = f"{occupation.capitalize()} in de {domain}"
    elif shape == 5:
        title = f"Cursus {domain} voor beginners"
    elif shape == 6:
        title = f"{domain.capitalize()} gevorderd"
    elif shape == 7:
        title = f"Praktijkdiploma {domain}"
    elif shape == 8:
        title = pick(COURSES)
    else:
        title = f"{domain.capitalize()} voor {pick(COMPOUND_PARTS)}{occupation}s"
    if draw() < 0.3:
        title += pick(SUFFIXES)
    return MARKER + title, domain, occupation


def _description(pick: Callable[[Sequence[str]], str], draw: Callable[[], float], domain: str, occupation: str) -> str:
    """200 to 600 characters: sentences are added until a target of 200–490 characters is
    reached, and no sentence is longer than 110 characters."""
    target = 200 + int(draw() * 291)
    parts: list[str] = []
    length = -1
    pool, size = SENTENCE_POOL, len(SENTENCE_POOL)
    while length < target:
        sentence = pool[int(draw() * size)]
        if "@" in sentence:
            sentence = sentence.replace("@D", domain).replace("@O", occupation)
        parts.append(sentence)
        length += len(sentence) + 1
    return " ".join(parts)


def _price(draw: Callable[[], float], band: tuple[int, int] | None) -> int | None:
    if band is None:
        return None
    low, high = band
    cents = (low + int(draw() * (high - low + 1))) * 100
    if cents and draw() < 0.3:
        cents -= (1, 5, 50)[int(draw() * 3)]
    return cents


def synthetic_records(count: int, *, seed: int = 1, today: date) -> Iterator[OfferRecord]:
    """`count` synthetic offers, ids "SYN-000001" onwards; the same arguments give the
    same records."""
    rng = random.Random(seed)  # noqa: S311  (benchmark data, not security)
    draw = rng.random
    pick: Callable[[Sequence[str]], str] = _picker(rng)
    level_of = _weighted(rng, *LEVELS)
    delivery_of = _weighted(rng, *DELIVERIES)
    language_of = _weighted(rng, *LANGUAGES)
    band_of = _weighted(rng, (*PRICE_BANDS, _HIGH_BAND), (*PRICE_WEIGHTS, 3))
    run_count_of = _weighted(rng, (0, 1, 2, 3), (10, 45, 30, 15))
    codes = sorted(municipality_names())
    dates = [today + timedelta(days=offset) for offset in range(-60, 366)]
    durations = [timedelta(days=days) for days in range(401)]
    includes = ("", "lesmateriaal", "lesmateriaal en examen", "examen en certificaat")
    crebo, croho = ProgrammeRegister.CREBO.value, ProgrammeRegister.CROHO.value
    free = FundingOption.FREE.value
    for number in range(1, count + 1):
        external_id = f"SYN-{number:06d}"
        title, domain, occupation = _title(pick, draw)
        level = level_of()
        delivery = delivery_of()
        online = delivery == "online"
        register = code = ""
        if level != "none" and draw() < 0.6:
            register = crebo if level.startswith("mbo") else croho
            code = f"9{int(draw() * 10000):04d}"
        duration_value: int | None = None
        unit = ""
        if draw() < 0.9:
            duration_value, unit = 1 + int(draw() * 52), pick(UNITS)
        price = _price(draw, band_of())
        funding = [option for option in FUNDING if draw() < 0.25]
        if price == 0 and free not in funding:
            funding.append(free)
        runs: list[RunRecord] = []
        run_count = run_count_of()
        if run_count and draw() < 0.12:
            runs.append(RunRecord(start_anytime=True, municipality_code="" if online else pick(codes)))
        else:
            for _ in range(run_count):
                starts_on = dates[int(draw() * len(dates))]
                place = "" if online or draw() < 0.1 else pick(codes)
                runs.append(
                    RunRecord(
                        starts_on=starts_on,
                        ends_on=None if draw() < 0.3 else starts_on + durations[int(draw() * 401)],
                        municipality_code=place,
                        address=f"{pick(STREETS)} {1 + int(draw() * 250)}" if place and draw() < 0.8 else "",
                        seats=None if draw() < 0.3 else 8 + int(draw() * 33),
                        schedule=pick(SCHEDULES),
                    )
                )
        yield OfferRecord(
            external_id=external_id,
            title=title,
            description=_description(pick, draw, domain, occupation),
            level=level,
            sector=pick(SECTORS),
            programme_register=register,
            programme_code=code,
            learning_path=pick(_PATHS[level]),
            delivery=delivery,
            language=language_of(),
            duration_value=duration_value,
            duration_unit=unit,
            study_load_hours=None if draw() < 0.2 else 4 + int(draw() * 6717),
            hours_per_week=None if draw() < 0.2 else 1 + int(draw() * 40),
            price_cents=price,
            price_includes=pick(includes),
            funding_options=tuple(sorted(funding)),
            url=URL_BASE + external_id.lower(),
            publish=True,
            runs=tuple(runs),
        )


# --- The template's CSV --------------------------------------------------------------------

_COLUMN = {name: index for index, name in enumerate(COLUMN_NAMES)}


def _euros(cents: int | None) -> str:
    return "" if cents is None else f"{cents // 100},{cents % 100:02d}"


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def write_csv(records: Iterable[OfferRecord], path: Path) -> int:
    """Writes the records in the spreadsheet template's CSV format (`;`, UTF-8): one row per
    run, the offer's own columns on its first row only, and one row with empty run columns
    for an offer without runs. Returns the number of rows written, the header not counted."""
    names = municipality_names()
    width = len(COLUMN_NAMES)
    offer_columns = [
        _COLUMN[name]
        for name in (
            "titel",
            "omschrijving",
            "niveau",
            "sector",
            "crebo_croho",
            "leerweg",
            "lesvorm",
            "taal",
            "duur",
            "duur_eenheid",
            "studiebelasting_uren",
            "uren_per_week",
            "prijs",
            "prijs_inclusief",
            "financiering",
            "url",
            "publiceren",
        )
    ]
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(COLUMN_NAMES)
        for record in records:
            offer_values = (
                record.title,
                record.description,
                LEVEL_LABELS[record.level],
                SECTOR_LABELS[record.sector],
                record.programme_code,
                LEARNING_PATH_LABELS[record.learning_path],
                DELIVERY_LABELS[record.delivery],
                record.language,
                _number(record.duration_value),
                UNIT_LABELS[record.duration_unit],
                _number(record.study_load_hours),
                _number(record.hours_per_week),
                _euros(record.price_cents),
                record.price_includes,
                "; ".join(FUNDING_LABELS[option] for option in record.funding_options),
                record.url,
                "ja" if record.publish else "nee",
            )
            for index, run in enumerate(record.runs or (None,)):
                row = [""] * width
                row[_COLUMN["eigen_id"]] = record.external_id
                if index == 0:
                    for column, value in zip(offer_columns, offer_values, strict=True):
                        row[column] = value
                if run is not None:
                    row[_COLUMN["startdatum"]] = run.starts_on.isoformat() if run.starts_on else ""
                    row[_COLUMN["einddatum"]] = run.ends_on.isoformat() if run.ends_on else ""
                    row[_COLUMN["altijd_starten"]] = "ja" if run.start_anytime else "nee"
                    row[_COLUMN["gemeente"]] = names[run.municipality_code] if run.municipality_code else ""
                    row[_COLUMN["adres"]] = run.address
                    row[_COLUMN["plaatsen"]] = _number(run.seats)
                    row[_COLUMN["dagdeel"]] = SCHEDULE_LABELS[run.schedule]
                writer.writerow(row)
                rows += 1
    return rows


_EDUDEX_LEVELS = {
    "mbo1": "mbo niveau 1",
    "mbo2": "mbo niveau 2",
    "mbo3": "mbo niveau 3",
    "mbo4": "mbo niveau 4",
    "associate_degree": "associate",
    "bachelor": "bachelor",
    "master": "master",
    "none": "none",
}
_EDUDEX_FORMS = {"full_time": "fulltime", "part_time": "parttime", "dual": "dual", "bol": "fulltime", "bbl": "dual"}
_EDUDEX_PARTS_OF_DAY = {"daytime": "day", "evening": "evening", "weekend": "weekend"}
_EDUDEX_LOCATIONS = {"online": "fully online", "blended": "blended", "classroom": "fixed location"}


def edudex_program(record: OfferRecord, names: dict[str, str]) -> dict[str, object]:
    """The record as an EDU-DEX program (the body of PUT /suppliers/{id}/programs/{id})."""
    classification: dict[str, object] = {
        "orgUnitId": "synthetisch",
        "programId": record.external_id,
        "programType": "regular",
        "programLevel": _EDUDEX_LEVELS[record.level],
        "programForm": [_EDUDEX_FORMS.get(record.learning_path, "fulltime")],
        "programDuration": {record.duration_unit: record.duration_value} if record.duration_value else {"hours": 0},
        "programLocation": [],
        "degree": "certificate of participation",
    }
    if record.programme_register == "crebo":
        classification["creboCode"] = record.programme_code
    elif record.programme_register == "croho":
        classification["crohoCode"] = record.programme_code
    cost = (
        [
            {
                "id": "prijs",
                "costType": "tuition fee",
                "amount": f"{record.price_cents / 100:.2f}",
                "currency": "EUR",
                "isRequiredCost": True,
                "amountIsFinal": True,
            }
        ]
        if record.price_cents is not None
        else []
    )
    runs = []
    for number, run in enumerate(record.runs):
        if run.start_anytime or run.starts_on is None:
            continue
        entry: dict[str, object] = {
            "id": f"{record.external_id}-{number}",
            "startDate": {"date": run.starts_on.isoformat()},
        }
        if run.ends_on:
            entry["endDate"] = {"date": run.ends_on.isoformat()}
        if run.municipality_code:
            entry["location"] = {"city": names[run.municipality_code], "address": run.address}
        if run.seats is not None:
            entry["maxNumberOfParticipants"] = run.seats
        if run.schedule:
            entry["contactHoursPartOfDay"] = [_EDUDEX_PARTS_OF_DAY[run.schedule]]
        entry["cost"] = cost
        runs.append(entry)
    schedule: dict[str, object] = {"programRun": runs} if runs else {"genericProgramRun": {"cost": cost}}
    return {
        "editor": "synthetisch",
        "format": "2.0",
        "generator": "bench/synthetic.py",
        "lastEdited": "2026-01-01T00:00:00Z",
        "inPublication": record.publish,
        "programClassification": classification,
        "programDescriptions": {
            "programName": {"nl": record.title},
            "programSummaryText": {"nl": record.title},
            "programDescriptionText": {"nl": record.description},
            **({"webLink": {"nl": record.url}} if record.url else {}),
        },
        "programAdmission": {},
        "programContacts": {},
        "programCurriculum": {"studyLoad": {"program": record.study_load_hours}} if record.study_load_hours else {},
        "programBasicProfile": {"location": _EDUDEX_LOCATIONS[record.delivery]},
        "programSchedule": schedule,
    }


def write_edudex(records: Iterable[OfferRecord], folder: Path, *, per_file: int = 1000) -> int:
    """Bulk files of `per_file` programs each ({"programs": [...]}), named part-00001.json …
    Returns the number of files."""
    import json

    names = municipality_names()
    folder.mkdir(parents=True, exist_ok=True)
    files = 0
    batch: list[dict[str, object]] = []
    for record in records:
        batch.append(edudex_program(record, names))
        if len(batch) == per_file:
            files += 1
            (folder / f"part-{files:05d}.json").write_text(json.dumps({"programs": batch}, ensure_ascii=False))
            batch = []
    if batch:
        files += 1
        (folder / f"part-{files:05d}.json").write_text(json.dumps({"programs": batch}, ensure_ascii=False))
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description="Write synthetic offers as the spreadsheet template's CSV.")
    parser.add_argument("--count", type=int, default=10_000, help="number of offers (default 10,000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, default=None, help="reference date (default today)")
    parser.add_argument("--csv", type=Path, required=True, help="the file to write")
    arguments = parser.parse_args()
    today = arguments.today or date.today()
    start = time.perf_counter()
    rows = write_csv(synthetic_records(arguments.count, seed=arguments.seed, today=today), arguments.csv)
    seconds = time.perf_counter() - start
    size = arguments.csv.stat().st_size / 1_000_000
    print(f"{arguments.count} offers, {rows} rows, {size:.1f} MB written to {arguments.csv} in {seconds:.1f} s")


if __name__ == "__main__":
    main()
