"""The advisers' workspace with 200,000 cases over the 35 regions: the queue page and a
case page, in-process and under load.

    .venv/bin/python bench/workspace.py [--cases 200000] [--requests 200] [--seconds 10]

1. Seeds (bulk inserts, in batches) people and cases spread over the 35 regions, with
   target groups, a few notes and contact moments, and on some cases a trajectory with
   outcomes; first 1,000 cases, then the rest.
2. In-process with Django's test client, logged in as an adviser of Noordoost-Brabant
   (AM27): the queue `/werkplek/advies/` (default view, with a filter, page 50) and a
   case page. The database queries per page (CaptureQueriesContext) with 1,000 cases and
   with all of them: they must be equal. Then p50/p95 over `--requests` requests each.
   Baseline in the same run: /health. Target: queue page p95 under 50 ms.
3. Load: gunicorn with 2 workers (production settings) and `wrk` at concurrency 16 with
   the adviser's session cookie, on the queue and the case page, against the trivial
   page of the search bench (a provider page listing 20 offers from the database).
   Ratio: workspace page / trivial page requests per second.

Runs on SQLite in a temporary folder. Every name is synthetic."""

import argparse
import datetime
import io
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from loadtest import Load, gunicorn, production, wrk

if TYPE_CHECKING:
    from leerwerk.accounts.models import User

ROOT = Path(__file__).resolve().parent.parent
TODAY = datetime.datetime.now(ZoneInfo("Europe/Amsterdam")).date()
# The production processes of the load test use this key; the session made here must be theirs.
SECRET_KEY = "bench-only-" + "x" * 40
REGION = "AM27"
BATCH = 10_000
FIRST = 1_000
QUEUE_TARGET_MS = 50

STATUSES = ["new"] * 3 + ["in_progress"] * 2 + ["waiting"] + ["closed"] * 4
GOALS = ["learn", "other_work", "work_again"]
SITUATIONS = ["employed", "job_seeker", "threatened_with_dismissal", "self_employed", "student", "other"]
GROUPS = ["young", "fifty_plus", "threatened_with_dismissal", "self_employed", "on_benefits", "status_holder"]
FIRST_NAMES = ["Anna", "Bas", "Chantal", "Dirk", "Eva", "Fatima", "Gijs", "Hanna", "Ivo", "Jamal", "Kim", "Lars"]
LAST_NAMES = ["Bakker", "Claassen", "de Groot", "Hermans", "Jansen", "Kuipers", "Martens", "van Dijk", "Willems"]


def _setup(folder: Path) -> dict[str, str]:
    environment = {"DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}", "VAR_DIR": str(folder)}
    os.environ.update(environment)
    os.environ["SECRET_KEY"] = SECRET_KEY
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    import django

    django.setup()
    return environment


def _reference_data(folder: Path) -> None:
    """Migrate, the regions, and one provider with 200 synthetic offers (the trivial page)."""
    from django.core.management import call_command
    from synthetic import synthetic_records, write_csv

    from leerwerk.catalogue.ingest import get_reader
    from leerwerk.catalogue.models import Provider
    from leerwerk.catalogue.services import Source, import_offers

    call_command("migrate", verbosity=0)
    call_command("load_regions", stdout=io.StringIO())
    provider = Provider.objects.create(name="Synthetische opleider", kind="mbo_school", admission="admitted")
    path = folder / "offers.csv"
    write_csv(list(synthetic_records(200, seed=1, today=TODAY)), path)
    source = Source(path.name, path.read_bytes, size=path.stat().st_size)
    run = import_offers(
        provider=provider, format="csv", sources=[source], read=get_reader("csv"), source_name=path.name
    )
    assert run.outcome == "applied", run.structural_error


def _adviser() -> "User":
    """An adviser of the municipality of 's-Hertogenbosch, for Noordoost-Brabant."""
    from django.contrib.auth.hashers import make_password

    from leerwerk.accounts.models import Organisation, Role
    from leerwerk.accounts.services import create_organisation, create_user, grant_membership
    from leerwerk.regions.models import LabourMarketRegion, Municipality

    user = create_user(
        email="adviseur@bench.test", password_hash=make_password(None), full_name="Bench Adviseur", email_verified=True
    )
    desk = create_organisation(
        name="Gemeente 's-Hertogenbosch",
        kind=Organisation.Kind.MUNICIPALITY,
        municipality=Municipality.objects.get(code="GM0796"),
    )
    grant_membership(
        user=user, role=Role.ADVISER, organisation=desk, regions=[LabourMarketRegion.objects.get(code=REGION)]
    )
    return user


def _seed(count: int, adviser_id: int, rng: random.Random) -> None:
    """`count` more people with a case each, spread over the 35 regions, in batches."""
    from django.db import transaction
    from django.utils import timezone

    from leerwerk.advice.models import Case, CaseTargetGroup, ContactMoment, Note, Outcome, Person, Trajectory
    from leerwerk.regions.selectors import current_year, list_municipalities

    municipalities: dict[str, list[int]] = {}
    in_year = list_municipalities(year=current_year())
    for pk, code in in_year.values_list("pk", "region_code"):  # type: ignore[misc]  # an annotation of the selector
        municipalities.setdefault(code, []).append(pk)
    codes = sorted(municipalities)
    now = timezone.now()
    for start in range(0, count, BATCH):
        size = min(BATCH, count - start)
        with transaction.atomic():
            regions = [codes[rng.randrange(len(codes))] for _ in range(size)]
            people = Person.objects.bulk_create(
                Person(
                    region_code=code,
                    name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                    email=f"persoon{start + number}@bench.test",
                    phone="0612345678",
                    municipality_id=rng.choice(municipalities[code]),
                    contact_by="email",
                    consent_version="advice-1",
                    consented_at=now,
                )
                for number, code in enumerate(regions)
            )
            cases = []
            for person in people:
                status = rng.choice(STATUSES)
                received = now - datetime.timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
                taken = status != "new"
                cases.append(
                    Case(
                        region_code=person.region_code,
                        person_id=person.pk,
                        status=status,
                        goal=rng.choice(GOALS),
                        situation=rng.choice(SITUATIONS),
                        source="form",
                        question="Synthetische vraag om advies.",
                        assigned_to_id=adviser_id if taken and person.region_code == REGION else None,
                        received_at=received,
                        taken_at=received + datetime.timedelta(days=2) if taken else None,
                        closed_at=received + datetime.timedelta(days=60) if status == "closed" else None,
                    )
                )
            cases = Case.objects.bulk_create(cases)
            CaseTargetGroup.objects.bulk_create(
                CaseTargetGroup(case_id=case.pk, group=group)
                for case in cases
                for group in rng.sample(GROUPS, rng.choice((0, 1, 1, 2)))
            )
            worked = [case for case in cases if case.status != "new" and rng.random() < 0.1]
            Note.objects.bulk_create(Note(case_id=case.pk, text="Synthetische notitie.") for case in worked)
            ContactMoment.objects.bulk_create(
                ContactMoment(case_id=case.pk, happened_at=case.received_at, channel="phone", summary="Gesprek.")
                for case in worked
            )
            closed = [case for case in cases if case.status == "closed" and rng.random() < 0.1]
            trajectories = Trajectory.objects.bulk_create(
                Trajectory(case_id=case.pk, region_code=case.region_code, kind="training", started_on=TODAY)
                for case in closed
            )
            Outcome.objects.bulk_create(
                Outcome(trajectory_id=trajectory.pk, kind=kind, on_date=TODAY)
                for trajectory in trajectories
                for kind in ("training_started", "training_completed")
            )


def _case_page_case() -> int:
    """A case of the adviser's region with notes, contact moments and a trajectory."""
    from leerwerk.advice.models import Case

    case = Case.objects.filter(region_code=REGION, trajectories__isnull=False).order_by("pk").first()
    assert case is not None
    return case.pk


def _pages(case_id: int) -> list[tuple[str, str]]:
    return [
        ("/health", "baseline: one trivial query"),
        ("/werkplek/advies/", "queue, default view"),
        ("/werkplek/advies/?status=all&situation=job_seeker&sort=oldest", "queue, filtered"),
        ("/werkplek/advies/?status=all&page=50", "queue, page 50"),
        (f"/werkplek/advies/zaken/{case_id}/", "case page"),
        ("/api/v1/advice/cases", "API: list of cases"),
    ]


def _queries(client, path: str) -> int:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(context)


def _timings(client, path: str, requests: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    for _ in range(10):
        client.get(path)
    durations = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(path)
        durations.append(time.perf_counter() - start)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(durations) * 1000, statistics.quantiles(durations, n=100)[94] * 1000


def _wrk(url: str, paths: list[str], seconds: int, folder: Path, cookie: str) -> Load:
    """`loadtest.wrk` with the adviser's session cookie; every answer must be 2xx."""
    load = wrk(url, paths, seconds, folder, headers=[f"Cookie: {cookie}"])
    if load.non_2xx:
        raise RuntimeError(f"{load.non_2xx} answers were not 2xx")
    return load


def _measure_load(environment: dict[str, str], cookie: str, case_id: int, seconds: int, folder: Path) -> None:
    from leerwerk.catalogue.models import Offer

    if shutil.which("wrk") is None:
        print("Load: skipped, wrk is not installed (make bench installs it: apt-get install wrk).")
        return
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        check=True,
        env=production(environment),
    )
    provider = Offer.objects.values_list("provider_id", flat=True)[0]
    pages = math.ceil(Offer.objects.filter(provider_id=provider).count() / 20)
    trivial_paths = [f"/aanbieders/{provider}/?page={page}" for page in range(1, pages + 1)]
    queue_paths = [f"/werkplek/advies/?page={page}" for page in range(1, 21)]
    case_paths = [f"/werkplek/advies/zaken/{case_id}/"]
    with gunicorn(production(environment)) as url:
        _wrk(url, trivial_paths + queue_paths, 3, folder, cookie)  # warm up
        trivial = _wrk(url, trivial_paths, seconds, folder, cookie).rate
        queue = _wrk(url, queue_paths, seconds, folder, cookie).rate
        case = _wrk(url, case_paths, seconds, folder, cookie).rate
    print(f"Load (gunicorn 2 workers, wrk concurrency 16, {seconds} s each):")
    print(f"  provider page listing 20 offers (trivial) {trivial:7.0f} req/s")
    print(f"  queue page (pages 1-20)                    {queue:7.0f} req/s  ratio {queue / trivial:.2f}")
    print(f"  case page                                  {case:7.0f} req/s  ratio {case / trivial:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=10, help="length of each load run")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="leerwerk-workspace-") as temporary:
        folder = Path(temporary)
        environment = _setup(folder)
        from django.conf import settings
        from django.test import Client

        _reference_data(folder)
        adviser = _adviser()
        rng = random.Random(6)  # noqa: S311  (benchmark data)
        _seed(FIRST, adviser.pk, rng)
        client = Client()
        client.force_login(adviser)
        case_id = _case_page_case()
        pages = _pages(case_id)
        few = {path: _queries(client, path) for path, _label in pages}

        start = time.perf_counter()
        _seed(options.cases - FIRST, adviser.pk, rng)
        print(f"Seeded {options.cases} cases over 35 regions in {time.perf_counter() - start:.0f} s")
        many = {path: _queries(client, path) for path, _label in pages}

        print(f"In-process, adviser of {REGION}, {options.requests} requests each:")
        print(f"{'page':58} {'p50 ms':>7} {'p95 ms':>7} {'queries':>8} {'at 1,000':>8}")
        for path, label in pages:
            p50, p95 = _timings(client, path, options.requests)
            target = f"  (target: p95 < {QUEUE_TARGET_MS} ms)" if path.startswith("/werkplek/advies/?") else ""
            if path == "/werkplek/advies/":
                target = f"  (target: p95 < {QUEUE_TARGET_MS} ms)"
            print(f"{label + ' ' + path[:38]:58} {p50:7.1f} {p95:7.1f} {many[path]:8} {few[path]:8}{target}")
        changed = [path for path in many if many[path] != few[path]]
        print(
            "Queries per page equal at 1,000 and at "
            f"{options.cases} cases: {'yes' if not changed else 'NO: ' + ', '.join(changed)}"
        )
        cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        _measure_load(environment, cookie, case_id, options.seconds, folder)


if __name__ == "__main__":
    main()
