"""Offers of a short course (`courses.COURSES`): in a town by day, evening or weekend,
online in your own time, live online or blended, with its duration, price and ways of
paying. Private trainers and the general MBO schools use them."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import timedelta

from leerwerk.catalogue.ingest.records import RunRecord
from leerwerk.catalogue.vocabulary import DurationUnit
from leerwerk.demo.catalogue_content.builder import Builder
from leerwerk.demo.catalogue_content.codes import (
    BASIC_SKILLS,
    BLENDED,
    CARE,
    CLASSROOM,
    CONSTRUCTION,
    DAYTIME,
    EMPLOYER,
    EVENING,
    FREE,
    HOSPITALITY,
    LOGISTICS,
    MUNICIPALITY,
    NO_LEVEL,
    ONLINE,
    OTHER,
    OWN_BUDGET,
    SAFETY,
    SECTOR_FUND,
    TECHNOLOGY,
    UWV,
    WEEKEND,
)
from leerwerk.demo.catalogue_content.courses import Course


def _course_shape(course: Course) -> tuple[int, str, int, int]:
    """Duration value and unit, days from the first to the last lesson, hours a week."""
    if course.hours <= 8:
        return 1, DurationUnit.DAYS.value, 0, course.hours
    if course.hours <= 16:
        return 2, DurationUnit.DAYS.value, 7, 8
    if course.hours <= 60:
        weeks = math.ceil(course.hours / 4)
        return weeks, DurationUnit.WEEKS.value, (weeks - 1) * 7, 4
    months = math.ceil(course.hours / 26)
    return months, DurationUnit.MONTHS.value, months * 30, 6


def _course_price(builder: Builder, course: Course) -> tuple[int, tuple[str, ...]]:
    rng = builder.rng
    low, high = course.price
    funding = {OWN_BUDGET}
    if low == 0 and rng.random() < 0.4:
        return 0, tuple(sorted({FREE, MUNICIPALITY} if rng.random() < 0.6 else {FREE}))
    euros = rng.randrange(max(low, 25), high + 1, 5)
    cents = euros * 100 - (5 if rng.random() < 0.4 else 0)
    if rng.random() < 0.8:
        funding.add(EMPLOYER)
    if course.sector in (SAFETY, LOGISTICS, TECHNOLOGY, CARE, HOSPITALITY, CONSTRUCTION, OTHER) and rng.random() < 0.5:
        funding.add(SECTOR_FUND)
    if rng.random() < 0.2:
        funding.add(UWV)
    if course.sector == BASIC_SKILLS and rng.random() < 0.6:
        funding.add(MUNICIPALITY)
    return cents, tuple(sorted(funding))


_INCLUDES_EXAM = ("examen en certificaat", "lesmateriaal, examen en certificaat", "lesmateriaal, lunch en examen")
_INCLUDES = ("lesmateriaal", "lesmateriaal en koffie en thee", "online lesmateriaal en begeleiding door een docent")


def _course_record(
    builder: Builder, course: Course, title: str, runs: Sequence[RunRecord], delivery: str, way: str
) -> None:
    rng = builder.rng
    duration, unit, _span, per_week = _course_shape(course)
    price, funding = _course_price(builder, course)
    exam = any(word in course.after.lower() for word in ("examen", "diploma", "certificaat"))
    description = " ".join(
        (
            f"In de cursus {course.title} leer je {course.learn}.",
            way,
            f"De cursus is voor je als {course.who}.",
            course.after,
        )
    )
    builder.add(
        title,
        runs,
        description=description,
        level=NO_LEVEL,
        sector=course.sector,
        delivery=delivery,
        language=course.language,
        duration_value=duration,
        duration_unit=unit,
        study_load_hours=course.hours,
        hours_per_week=per_week,
        price_cents=price,
        price_includes=rng.choice(_INCLUDES_EXAM if exam else _INCLUDES),
        funding_options=funding,
    )


def course_in_town(builder: Builder, course: Course, code: str, schedule: str, *, with_town: bool = True) -> None:
    """A classroom course in one town; MBO schools, teaching in their own town, leave the town
    out of the title."""
    rng = builder.rng
    town = builder.town_name(code)
    title = f"{course.title} in {town}" if with_town else course.title
    if schedule != DAYTIME:
        title += {EVENING: " (avond)", WEEKEND: " (weekend)"}[schedule]
    _duration, _unit, span, _per_week = _course_shape(course)
    runs = [
        builder.run(day, day + timedelta(days=span), code, schedule)
        for day in builder.course_dates(rng.randint(1, 3), schedule)
    ]
    way = {
        DAYTIME: f"Je leert in een kleine groep in {town}, samen met een ervaren docent.",
        EVENING: f"De lessen zijn 's avonds in {town}, dus je kunt overdag gewoon werken.",
        WEEKEND: f"De lessen zijn op zaterdag in {town}, dus doordeweeks houd je je handen vrij.",
    }[schedule]
    _course_record(builder, course, title, runs, CLASSROOM, way)


def course_online(builder: Builder, course: Course) -> None:
    runs = [RunRecord(start_anytime=True)]
    way = "Je leert online, in je eigen tempo, en je kunt elke dag beginnen."
    _course_record(builder, course, f"{course.title} (online)", runs, ONLINE, way)


def course_live_online(builder: Builder, course: Course) -> None:
    rng = builder.rng
    _duration, _unit, span, _per_week = _course_shape(course)
    runs = [
        builder.run(day, day + timedelta(days=span), "", EVENING)
        for day in builder.course_dates(rng.randint(1, 3), EVENING)
    ]
    way = "Je volgt de lessen 's avonds live online, met een docent en een kleine groep."
    _course_record(builder, course, f"{course.title} (live online, avond)", runs, ONLINE, way)


def course_blended(builder: Builder, course: Course) -> None:
    rng = builder.rng
    _duration, _unit, span, _per_week = _course_shape(course)
    code = builder.towns(1)[0]
    schedule = rng.choice((DAYTIME, EVENING, WEEKEND))
    runs = [
        builder.run(day, day + timedelta(days=span), code, schedule)
        for day in builder.course_dates(rng.randint(1, 3), schedule)
    ]
    way = f"Je leert online en komt een paar keer samen in {builder.town_name(code)} voor de praktijk."
    _course_record(builder, course, f"{course.title} (online en in {builder.town_name(code)})", runs, BLENDED, way)
