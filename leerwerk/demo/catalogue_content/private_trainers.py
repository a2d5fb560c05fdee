"""The offers of private trainers: the courses of `courses.COURSES` that each gives, in the
ways (towns, online, evenings, weekends) that suit its style."""

from __future__ import annotations

from dataclasses import dataclass

from leerwerk.demo.catalogue_content.builder import Builder
from leerwerk.demo.catalogue_content.codes import DAYTIME, EVENING, WEEKEND
from leerwerk.demo.catalogue_content.course_offers import (
    course_blended,
    course_in_town,
    course_live_online,
    course_online,
)
from leerwerk.demo.catalogue_content.courses import COURSES


@dataclass(frozen=True)
class _PrivateStyle:
    cities: tuple[int, int]  # how many towns it teaches a classroom course in
    online: float  # chance of a self-study online version (always 1 for the distance-learning schools)
    live_online: float  # chance of a live online version (evenings)
    blended: float
    evening: float  # chance of an evening version in a town
    weekend: float  # chance of a weekend version in a town


PRIVATE_STYLES = {
    "ncoi": _PrivateStyle(cities=(3, 6), online=0.2, live_online=0.4, blended=0.3, evening=0.6, weekend=0.25),
    "loi": _PrivateStyle(cities=(0, 2), online=1.0, live_online=0.4, blended=0.5, evening=0.3, weekend=0.1),
    "nti": _PrivateStyle(cities=(1, 3), online=1.0, live_online=0.5, blended=0.5, evening=0.4, weekend=0.1),
    "soma": _PrivateStyle(cities=(4, 7), online=0.1, live_online=0.1, blended=0.2, evening=0.5, weekend=0.5),
    "schoevers": _PrivateStyle(cities=(3, 5), online=0.1, live_online=0.5, blended=0.2, evening=0.7, weekend=0.1),
}
_DEFAULT_STYLE = PRIVATE_STYLES["ncoi"]


def build_private_trainer(builder: Builder) -> None:
    rng = builder.rng
    alias = builder.key.split("-")[0]
    style = PRIVATE_STYLES.get(alias, _DEFAULT_STYLE)
    courses = [course for course in COURSES if alias in course.providers] or list(COURSES)
    for course in courses:
        online = not course.practical and rng.random() < style.online
        if online:
            course_online(builder, course)
        if not course.practical and rng.random() < style.live_online:
            course_live_online(builder, course)
        if rng.random() < style.blended or (course.practical and style.online == 1.0):
            course_blended(builder, course)
        towns = rng.randint(*style.cities)
        if course.practical or not online:
            towns = max(towns, 1)
        for code in builder.towns(towns):
            course_in_town(builder, course, code, DAYTIME)
        evening = course.evening or rng.random() < style.evening
        if evening:
            course_in_town(builder, course, builder.towns(1)[0], EVENING)
        if rng.random() < style.weekend:
            course_in_town(builder, course, builder.towns(1)[0], WEEKEND)
