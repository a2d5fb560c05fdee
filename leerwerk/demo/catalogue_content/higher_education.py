"""The offers of universities and universities of applied sciences: CROHO programmes chosen
per institution, full-time, part-time or dual, with titles, runs and descriptions."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from leerwerk.catalogue.vocabulary import DurationUnit, ProgrammeRegister
from leerwerk.demo.catalogue_content.builder import Builder
from leerwerk.demo.catalogue_content.codes import (
    ASSOCIATE_DEGREE,
    BACHELOR,
    BLENDED,
    CLASSROOM,
    DAYTIME,
    DUAL,
    EMPLOYER,
    EVENING,
    FULL_TIME,
    MASTER,
    ONLINE,
    OWN_BUDGET,
    PART_TIME,
)
from leerwerk.demo.catalogue_content.registers import MASTER_NAME, Programme
from leerwerk.demo.catalogue_content.texts import HO_LEARN, HO_WORK, LEVEL_WORDS, PATH_SENTENCES, SECTOR_TEXTS

# Programme names that the register spells the old way, shown by their current public name.
DISPLAY_NAMES = {
    "Opleiding tot Verpleegkundige": "Verpleegkunde",
    "Opleiding tot Fysiotherapeut": "Fysiotherapie",
    "Opleiding voor Logopedie": "Logopedie",
    "Opleiding voor Ergotherapie": "Ergotherapie",
    "Opleiding Podotherapie": "Podotherapie",
    "Opleiding tot Oefentherapeut-Mensendieck": "Oefentherapie Mensendieck",
    "Opleiding tot leraar Basisonderwijs": "Leraar basisonderwijs (pabo)",
}

# Which programmes each institution offers: a filter on the register's programmes, and how
# many of those it takes (all that match when None). Names in `must` are always offered,
# full-time and part-time, so that search can be judged on them.
_AGRI = "landbouw en natuurlijke omgeving"


@dataclass(frozen=True)
class _HoProfile:
    pattern: re.Pattern[str] | None = None
    ho_sectors: frozenset[str] | None = None
    exclude_ho_sectors: frozenset[str] = frozenset()
    exclude: re.Pattern[str] | None = None
    count: int | None = None
    must: tuple[str, ...] = ()
    distance: bool = False

    def matches(self, programme: Programme) -> bool:
        if programme.ho_sector in self.exclude_ho_sectors:
            return False
        if self.exclude is not None and self.exclude.search(programme.name):
            return False
        if self.ho_sectors is not None and programme.ho_sector not in self.ho_sectors:
            return False
        return self.pattern is None or bool(self.pattern.search(programme.name))


def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE)


_MUST_HBO = (
    "Opleiding tot Verpleegkundige",
    "HBO-ICT",
    "Elektrotechniek",
    "Logistiek en Economie",
    "Pedagogisch Management Kinderopvang",
)
HO_PROFILES = {
    "fontys-hogescholen": _HoProfile(exclude_ho_sectors=frozenset({_AGRI}), count=200, must=_MUST_HBO),
    "avans-hogeschool": _HoProfile(exclude_ho_sectors=frozenset({_AGRI}), count=170, must=_MUST_HBO),
    "has-green-academy": _HoProfile(ho_sectors=frozenset({_AGRI})),
    "breda-university-of-applied-sciences": _HoProfile(
        pattern=_pattern(
            r"hotel|toeris|leisure|vrijetijd|event|\bgame|media|logisti|supply chain|built environment|ruimtelijk"
            r"|verkeer|facility|hospitality|tourism|mobiliteit"
        )
    ),
    "design-academy-eindhoven": _HoProfile(
        pattern=_pattern(r"design|vormgev|styling|interieur|fashion|autonome beeldende kunst"),
        exclude=_pattern(r"geo|docent|leraar|game"),
    ),
    "technische-universiteit-eindhoven": _HoProfile(ho_sectors=frozenset({"techniek", "natuur"}), count=120),
    "tilburg-university": _HoProfile(
        ho_sectors=frozenset(
            {"economie", "recht", "gedrag en maatschappij", "taal en cultuur", "sectoroverstijgend", "onderwijs"}
        ),
        count=140,
    ),
    "jheronimus-academy-of-data-science": _HoProfile(
        pattern=_pattern(
            r"\bdata\b|analytics|artificial|kunstmatige|information|informatie|entrepreneur|econometr|business it"
        )
    ),
    "open-universiteit": _HoProfile(
        pattern=_pattern(
            r"psycholog|rechtsgeleerdheid|rechten|bedrijfskunde|management|informatica|computer|onderwijswetenschap"
            r"|cultuurwetenschap|milieu|business|economie|gezondheid"
        ),
        count=45,
        distance=True,
    ),
}


def build_university_of_applied_sciences(builder: Builder) -> None:
    _higher_education(builder, builder.reference.hbo, university=False)


def build_university(builder: Builder) -> None:
    _higher_education(builder, builder.reference.wo, university=True)


def _higher_education(builder: Builder, programmes: Sequence[Programme], *, university: bool) -> None:
    rng = builder.rng
    profile = HO_PROFILES.get(builder.key, _HoProfile(count=60))
    chosen = [programme for programme in programmes if profile.matches(programme)]
    must = [programme for programme in programmes if programme.name in profile.must]
    if profile.count is not None and len(chosen) > profile.count:
        chosen = rng.sample(chosen, profile.count)
    chosen = must + [programme for programme in chosen if programme not in must]
    for programme in chosen:
        required = programme in must
        for path in _ho_paths(rng, programme.level, university=university, distance=profile.distance):
            _ho_offer(builder, programme, path, distance=profile.distance)
        if required:
            for path in (FULL_TIME, PART_TIME):
                _ho_offer(builder, programme, path, distance=profile.distance)


def _ho_paths(rng: random.Random, level: str, *, university: bool, distance: bool) -> list[str]:
    if distance:
        return [PART_TIME]
    if university:
        chances = {BACHELOR: (1.0, 0.05, 0.0), MASTER: (1.0, 0.15, 0.0)}[level]
    else:
        chances = {BACHELOR: (1.0, 0.35, 0.2), ASSOCIATE_DEGREE: (0.5, 0.6, 0.35), MASTER: (0.4, 0.8, 0.0)}[level]
    paths = [path for path, chance in zip((FULL_TIME, PART_TIME, DUAL), chances, strict=True) if rng.random() < chance]
    return paths or [PART_TIME]


def _display_name(programme: Programme) -> str:
    return DISPLAY_NAMES.get(programme.name, programme.name[:1].upper() + programme.name[1:])


def _ho_title(programme: Programme, path: str) -> str:
    name = _display_name(programme)
    notes = []
    if programme.level == ASSOCIATE_DEGREE:
        name = f"Associate degree {name}"
    elif programme.level == MASTER and not MASTER_NAME.search(name):
        notes.append("master")
    if path != FULL_TIME:
        notes.append({PART_TIME: "deeltijd", DUAL: "duaal"}[path])
    return f"{name} ({', '.join(notes)})" if notes else name


def _ho_offer(builder: Builder, programme: Programme, path: str, *, distance: bool) -> None:
    rng = builder.rng
    title = _ho_title(programme, path)
    if title.lower() in builder.titles:
        return
    university = builder.row.kind == "university"
    if programme.level == BACHELOR:
        ects = 180 if university else 240
    elif programme.level == ASSOCIATE_DEGREE:
        ects = 120
    else:  # masters: two years at the technical university and JADS, one year elsewhere
        ects = 120 if builder.key.startswith(("technische", "jheronimus")) else 60
    years = max(1, ects // 60) + (1 if path == PART_TIME and programme.level != MASTER else 0)
    starts = [builder.next_date(9)]
    if rng.random() < (0.2 if path == FULL_TIME else 0.5):
        starts.append(builder.next_date(2))
    if distance:
        starts = sorted({builder.first_of_month() for _ in range(rng.randint(1, 3))})
    online = distance and rng.random() < 0.5  # the distance-learning university: online, or with a study centre
    runs = []
    for starts_on in sorted(starts):
        code = "" if online else builder.main_place()
        schedule = DAYTIME if path != PART_TIME else (EVENING if rng.random() < 0.7 else DAYTIME)
        ends_on = date(starts_on.year + years, starts_on.month, 1) - timedelta(days=rng.choice((1, 31, 60)))
        runs.append(builder.run(starts_on, ends_on, code, schedule))
    delivery = CLASSROOM
    if distance:
        delivery = ONLINE if online else BLENDED
    elif path == PART_TIME and rng.random() < 0.3:
        delivery = BLENDED
    level_word = LEVEL_WORDS[programme.level]
    kind_word = "Associate degree-opleiding" if programme.level == ASSOCIATE_DEGREE else f"{level_word}opleiding"
    text = SECTOR_TEXTS[programme.sector]
    learn = rng.choice(HO_LEARN[programme.sector])
    path_sentence = PATH_SENTENCES[path]
    if programme.language == "en":
        path_sentence = path_sentence.removesuffix(".") + ", en de lessen zijn in het Engels."
    if distance:
        path_sentence = "Je studeert op afstand, in deeltijd: online en met bijeenkomsten in een studiecentrum."
    description = " ".join(
        (
            f"In de {kind_word} {_display_name(programme)} leer je {learn}.",
            path_sentence,
            f"De opleiding past bij je als {rng.choice(text.who)} en je graag verder wilt leren.",
            f"Na je {level_word} kun je aan de slag {rng.choice(HO_WORK[programme.sector])}.",
        )
    )
    funding = {FULL_TIME: (OWN_BUDGET,), PART_TIME: (EMPLOYER, OWN_BUDGET), DUAL: (EMPLOYER,)}[path]
    builder.add(
        title,
        runs,
        description=description,
        level=programme.level,
        sector=programme.sector,
        programme_register=ProgrammeRegister.CROHO.value,
        programme_code=programme.code,
        learning_path=path,
        delivery=delivery,
        language=programme.language,
        duration_value=years,
        duration_unit=DurationUnit.YEARS.value,
        study_load_hours=ects * 28,
        hours_per_week={FULL_TIME: 40, PART_TIME: rng.choice((16, 18, 20)), DUAL: 32}[path],
        price_cents=260_100,
        price_includes="collegegeld per studiejaar",
        funding_options=tuple(sorted(funding)),
    )
