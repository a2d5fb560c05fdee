"""The programme registers: the CROHO programmes of universities and universities of
applied sciences (`croho_opleidingen.csv`, grouped by HO sector in `programme-names.yml`),
each with a catalogue sector, level and language, and SBB's MBO qualifications
(`kwalificaties_overzicht.csv`)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass

import yaml

from leerwerk.demo.catalogue_content.codes import (
    AGRICULTURE,
    ASSOCIATE_DEGREE,
    BACHELOR,
    BUSINESS,
    CARE,
    CONSTRUCTION,
    CREATIVE,
    EDUCATION,
    HOSPITALITY,
    ICT,
    LOGISTICS,
    MASTER,
    OTHER,
    RETAIL,
    SAFETY,
    TECHNOLOGY,
)
from leerwerk.demo.catalogue_content.files import CROHO_FILE, PROGRAMME_NAMES_FILE, SBB_FILE, normalise

# HO sector of programme-names.yml (normalised: lower case, "&" as "en") → catalogue sector.
HO_SECTORS = {
    "economie": BUSINESS,
    "techniek": TECHNOLOGY,
    "onderwijs": EDUCATION,  # the YAML's list also holds the arts and humanities: see _ho_sector
    "gezondheidszorg": CARE,
    "gedrag en maatschappij": OTHER,
    "recht": BUSINESS,
    "taal en cultuur": CREATIVE,
    "landbouw en natuurlijke omgeving": AGRICULTURE,
    "natuur": TECHNOLOGY,  # the natural sciences and mathematics
    "sectoroverstijgend": OTHER,
}
# A programme's name says more than its HO sector: the first pattern that matches wins.
_NAME_SECTORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), sector)
    for pattern, sector in (
        (r"leraar|docent|pabo|onderwijsondersteuner|kinderopvang|pedagog|onderwijs(kunde|wetenschap)", EDUCATION),
        (
            r"\bict\b|informati(ca|ekunde)|computer|software|\bdata\b|artificial intelligence|kunstmatige intelligentie"
            r"|information (systems|management|science|studies)|business it|\bgame",
            ICT,
        ),
        (r"logisti|supply chain|transport|aviation|mobiliteit", LOGISTICS),
        (r"bouw|civiele|civil engineering|built environment|vastgoed|stedenbouw", CONSTRUCTION),
        (r"hotel|toeris|leisure|vrijetijd|event|hospitality|recreati", HOSPITALITY),
        (r"retail|\bsales\b|e-commerce", RETAIL),
        (r"zorg|verpleeg|nursing|social work|maatschappelijk werk|jeugd|welzijn|fysiothera|logopedie|ergothera", CARE),
        (r"veiligheid|security|\bsport|policing|police|politie", SAFETY),
    )
)
MASTER_NAME = re.compile(r"\bmaster\b|\bmsc\b|\bmfa\b|^m ", re.IGNORECASE)
_ENGLISH_NAME = re.compile(
    r"\b(and|of|the|for|science|sciences|studies|engineering|law|business|international|economics|health"
    r"|applied|technology)\b",
    re.IGNORECASE,
)
# The leading digit of a CROHO code as the register numbers them: 3 HBO bachelor, 4 and 7
# HBO master, 8 associate degree, 5 WO bachelor, 6 WO master (0: programmes no longer offered).
HBO_LEVELS = {"3": BACHELOR, "8": ASSOCIATE_DEGREE, "4": MASTER, "7": MASTER}
WO_LEVELS = {"5": BACHELOR, "6": MASTER}
# SBB's occupational group → sector; the dossier Pedagogisch Werk is education.
_SBB_SECTORS = {"Welzijn": CARE, "Zorg": CARE, "Facilitaire dienstverlening": OTHER, "Sport": SAFETY}


@dataclass(frozen=True)
class Programme:
    name: str  # as in the register
    code: str
    level: str
    sector: str
    ho_sector: str
    language: str


@dataclass(frozen=True)
class Qualification:
    name: str
    level: int
    sector: str
    crebo: str = ""
    study_load_hours: int | None = None
    core: bool = False  # every general ROC offers it, BOL and BBL
    learn: str = ""  # what you learn, when the sector's general phrases do not fit


@dataclass(frozen=True)
class Register:
    codes: dict[str, list[str]]  # CROHO programme name → codes
    sectors: dict[str, list[str]]  # HO sector → programme names


def read_register() -> Register:
    codes: dict[str, list[str]] = {}
    with CROHO_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            codes.setdefault(row["opleidingsnaam"].strip(), []).append(row["crohocode"].strip())
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when it is there
    with PROGRAMME_NAMES_FILE.open(encoding="utf-8") as handle:
        sectors: dict[str, list[str]] = yaml.load(handle, Loader=loader)  # noqa: S506  (a safe loader)
    return Register(codes=codes, sectors=sectors)


def register_programmes(register: Register, levels: dict[str, str]) -> Iterable[Programme]:
    """One programme per (name, level) for which the register has a code of this kind of
    institution; names in programme-names.yml without such a code are left out."""
    codes = register.codes
    seen: set[str] = set()
    for ho_sector, names in register.sectors.items():
        key = normalise(ho_sector.replace("&", "en"))
        if key not in HO_SECTORS:
            raise ValueError(f"{PROGRAMME_NAMES_FILE.name}: unknown HO sector {ho_sector!r}")
        for name in names:
            spelling = normalise(name.replace("&", "en"))  # "Communicatie- & …" is "Communicatie- en …"
            if spelling in seen:
                continue
            seen.add(spelling)
            by_level: dict[str, str] = {}
            for code in sorted(codes.get(name, ())):
                level = levels.get(code[:1])
                if level is None:
                    continue
                if MASTER_NAME.search(name):
                    level = MASTER
                by_level.setdefault(level, code)
            for level, code in by_level.items():
                yield Programme(
                    name=name,
                    code=code,
                    level=level,
                    sector=_ho_sector(name, key),
                    ho_sector=key,
                    language="en" if _ENGLISH_NAME.search(name) else "nl",
                )


def _ho_sector(name: str, ho_sector: str) -> str:
    for pattern, sector in _NAME_SECTORS:
        if pattern.search(name):
            return sector
    if ho_sector == "onderwijs":  # not a teacher's programme: arts, languages, humanities
        return CREATIVE
    return HO_SECTORS[ho_sector]


def read_sbb() -> Iterable[Qualification]:
    with SBB_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            sector = EDUCATION if row["dossier_titel"].strip() == "Pedagogisch Werk" else None
            yield Qualification(
                name=row["kwalificatie"].strip(),
                level=int(row["niveau"]),
                sector=sector or _SBB_SECTORS.get(row["beroepsgroep"].strip(), CARE),
                crebo=row["kwalificatie_crebo"].strip(),
                study_load_hours=int(row["sbu"]),
                core=row["kwalificatie"].strip() == "Pedagogisch medewerker kinderopvang",
            )
