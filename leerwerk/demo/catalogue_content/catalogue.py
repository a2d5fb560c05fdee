"""`demo_catalogue`: every provider with the offers built for its kind."""

from __future__ import annotations

import random
from datetime import date

from leerwerk.demo.catalogue_content.builder import Builder
from leerwerk.demo.catalogue_content.higher_education import build_university, build_university_of_applied_sciences
from leerwerk.demo.catalogue_content.mbo import build_mbo_school
from leerwerk.demo.catalogue_content.private_trainers import build_private_trainer
from leerwerk.demo.catalogue_content.providers import DEMO_DOMAIN, DemoProvider, load_reference, slug


def demo_catalogue(*, seed: int = 2026, today: date) -> list[DemoProvider]:
    """Every provider of data/providers.csv with its invented offers, in the file's order."""
    reference = load_reference()
    rng = random.Random(seed)  # noqa: S311  (demo content, not security)
    providers = []
    for row in reference.providers:
        key = slug(row.name)
        builder = Builder(row=row, key=key, rng=rng, today=today, reference=reference)
        if row.kind == "mbo_school":
            build_mbo_school(builder)
        elif row.kind == "university_of_applied_sciences":
            build_university_of_applied_sciences(builder)
        elif row.kind == "university":
            build_university(builder)
        else:
            build_private_trainer(builder)
        providers.append(
            DemoProvider(
                key=key,
                name=row.name,
                kind=row.kind,
                places=row.places,
                website=f"https://{key}.{DEMO_DOMAIN}",
                records=tuple(builder.records),
            )
        )
    return providers
