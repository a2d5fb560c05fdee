"""Search relevance on the demo catalogue: nDCG@10 and the zero-result rate of the judged
queries of leerwerk/search/data/relevance.json, for the search and, in the same run, for a
plain baseline, with their ratio.

The demo catalogue (seed 2026, about 2,600 offers) is seeded into a fresh temporary SQLite
database and indexed; every judged query is run for its first ten results. Baseline: no
analysis at all — the offers whose title contains every word of the query (a database
`icontains`, so no stemming, compounds, synonyms or typo tolerance), sorted by title.

    .venv/bin/python bench/relevance.py            # the figures
    .venv/bin/python bench/relevance.py --verbose  # and each query's first ten, graded
"""

import argparse
import io
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="leerwerk-relevance-"))
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings_test"
# Seeding the demo sends its advice confirmations: kept in memory, not printed among the figures.
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"

import logging  # noqa: E402

import django  # noqa: E402

django.setup()
logging.getLogger("django_tasks").setLevel(logging.WARNING)  # nor a line per task it runs

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db.models import Q  # noqa: E402

from leerwerk.catalogue.selectors import public_offers  # noqa: E402
from leerwerk.demo.services import seed_demo  # noqa: E402
from leerwerk.search.relevance import (  # noqa: E402
    JudgedQuery,
    K,
    Offer,
    QueryScore,
    load_judged_queries,
    score_query,
    summarise,
    unmatched_judgements,
)
from leerwerk.search.selectors import search_offers  # noqa: E402
from leerwerk.search.services import rebuild_index  # noqa: E402

WORST = 10  # how many of the worst queries to explain


def prepare() -> None:
    settings.SEARCH_INDEX_DIR = str(WORK / "search")
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_regions", stdout=io.StringIO())
    call_command("load_occupations", stdout=io.StringIO())
    report = seed_demo()
    rebuild_index()
    print(f"Seeded and indexed {report.offers_new} demo offers in {time.perf_counter() - start:.1f} s")


def catalogue() -> list[Offer]:
    return list(public_offers().values_list("provider__name", "title"))


def search(text: str) -> tuple[list[Offer], int]:
    results = search_offers(text=text, page_size=K)
    return [(hit.provider, hit.title) for hit in results.hits], results.total


def baseline(text: str) -> tuple[list[Offer], int]:
    condition = Q()
    for word in text.split():
        condition &= Q(title__icontains=word)
    found = public_offers().filter(condition).order_by("title", "pk")
    return list(found.values_list("provider__name", "title")[:K]), found.count()


def explain(judged: JudgedQuery, score: QueryScore, ranked: Sequence[Offer], offers: Sequence[Offer]) -> None:
    best = max(judgement.grade for judgement in judged.judgements)
    expected = next(
        (offer for offer in offers if judged.grade(*offer) == best and offer not in ranked[:1]),
        None,
    )
    first = f"{ranked[0][1]} ({ranked[0][0]}), grade {score.grades[0]}" if ranked else "nothing"
    print(f"  {judged.query!r} [{judged.kind}] nDCG {score.ndcg:.3f}, {score.results} results")
    print(f"      first: {first}; grades of the top {K}: {' '.join(map(str, score.grades)) or '-'}")
    if expected is not None:
        print(f"      expected first (grade {best}): {expected[1]} ({expected[0]})")


def show(judged: JudgedQuery, ranked: Sequence[Offer]) -> None:
    print(f"\n## {judged.query!r} [{judged.kind}]")
    for provider, title in ranked:
        print(f"   {judged.grade(provider, title)}  {title}  ({provider})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--verbose", action="store_true", help="print each query's first ten results, graded")
    arguments = parser.parse_args()
    try:
        prepare()
        offers = catalogue()
        judged_queries = load_judged_queries()
        for query, judgement in unmatched_judgements(judged_queries, offers):
            print(f"STALE: the judgement {judgement.describe()} of {query!r} matches no offer")
        runs: dict[str, list[tuple[JudgedQuery, QueryScore, list[Offer]]]] = {"search": [], "baseline": []}
        timings = {"search": 0.0, "baseline": 0.0}
        for judged in judged_queries:
            for name, run in (("search", search), ("baseline", baseline)):
                start = time.perf_counter()
                ranked, total = run(judged.query)
                timings[name] += time.perf_counter() - start
                runs[name].append((judged, score_query(judged, ranked, total, offers), ranked))
        if arguments.verbose:
            for judged, _score, ranked in runs["search"]:
                show(judged, ranked)
        report(runs, offers, timings)
    finally:
        shutil.rmtree(WORK, ignore_errors=True)


def report(
    runs: dict[str, list[tuple[JudgedQuery, QueryScore, list[Offer]]]],
    offers: Sequence[Offer],
    timings: dict[str, float],
) -> None:
    print(f"\n{'query':28} {'kind':12} {'nDCG@10':>8} {'results':>8} {'baseline':>9} {'results':>8}")
    for (judged, score, _ranked), (_same, plain, _plain_ranked) in zip(runs["search"], runs["baseline"], strict=True):
        print(
            f"{judged.query[:28]:28} {judged.kind:12} {score.ndcg:8.3f} {score.results:8d} "
            f"{plain.ndcg:9.3f} {plain.results:8d}"
        )
    summaries = {name: summarise([score for _judged, score, _ranked in run]) for name, run in runs.items()}
    search_summary, plain_summary = summaries["search"], summaries["baseline"]
    print(f"\n{search_summary.queries} judged queries over {len(offers)} offers")
    print(f"{'':28} {'mean nDCG@10':>13} {'zero results':>13} {'ms/query':>9}")
    for name, summary in summaries.items():
        milliseconds = 1000 * timings[name] / max(1, summary.queries)
        print(f"{name:28} {summary.mean_ndcg:13.3f} {summary.zero_result_rate:13.1%} {milliseconds:9.1f}")
    ratio = search_summary.mean_ndcg / plain_summary.mean_ndcg if plain_summary.mean_ndcg else float("inf")
    print(f"{'search / baseline':28} {ratio:13.2f}")
    kinds = sorted({judged.kind for judged, _score, _ranked in runs["search"]})
    print(f"\n{'per kind':28} {'search':>13} {'baseline':>13}")
    for kind in kinds:
        values = {
            name: summarise([score for judged, score, _ranked in run if judged.kind == kind])
            for name, run in runs.items()
        }
        print(f"{kind:28} {values['search'].mean_ndcg:13.3f} {values['baseline'].mean_ndcg:13.3f}")
    print(f"\nThe {WORST} worst queries of the search:")
    for judged, score, ranked in sorted(runs["search"], key=lambda item: item[1].ndcg)[:WORST]:
        explain(judged, score, ranked, offers)


if __name__ == "__main__":
    main()
