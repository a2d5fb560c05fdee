"""Judging search quality: the judged queries of `data/relevance.json` and how a ranking
scores against them. Pure functions and a loader: no database and no index, so the
benchmark (bench/relevance.py) and the test (tests/test_relevance.py) score alike.

An offer is named by its provider's name and its title, never by its database id, so that
the judgements hold for every seed of the demo catalogue. The file's format is described
in the file itself (its "format" entry) and checked by `load_judged_queries`.

Public surface:
- `load_judged_queries(path=RELEVANCE_FILE) -> list[JudgedQuery]`: the judged queries,
  validated (ValueError on a malformed file);
- `Judgement` (`matches(provider, title)`) and `JudgedQuery` (`grade(provider, title)`:
  the highest grade of the judgements the offer matches, 0 when none);
- `gain(grade)`, `dcg(grades, k)`, `ndcg(ranked_grades, all_grades, k)`: graded nDCG with
  gain 2^grade − 1 and the ideal ranking taken from every judged offer of the catalogue;
- `score_query(judged, ranked, total, catalogue, k) -> QueryScore`: one query's nDCG@k,
  number of results, and relevant offers in the top k;
- `summarise(scores) -> Summary`: the mean nDCG@k and the zero-result rate;
- `unmatched_judgements(judged_queries, catalogue)`: the judgements that no offer of the
  catalogue matches (a judged file gone stale when the demo catalogue changed);
- `KINDS`, `GRADES`, `RELEVANCE_FILE`, `K`.

An `Offer` here is a `(provider name, title)` pair; a catalogue is an iterable of them."""

import json
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RELEVANCE_FILE = Path(__file__).resolve().parent / "data" / "relevance.json"
K = 10
GRADES = (1, 2, 3)  # 3: exactly what was asked, 2: very relevant, 1: somewhat relevant
KINDS = ("word", "inflection", "compound", "typo", "abbreviation", "multiword", "place")
_CRITERIA = ("title", "title_contains", "title_matches")
_JUDGEMENT_KEYS = {*_CRITERIA, "provider", "grade"}
_QUERY_KEYS = {"query", "kind", "note", "relevant"}

Offer = tuple[str, str]  # (provider name, title)


def _without_accents(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _fold(text: str) -> str:
    """Lower case without accents, so that judgements need not spell "Coördinator"."""
    return _without_accents(text).casefold()


@dataclass(frozen=True)
class Judgement:
    """Offers of one grade: every given criterion must hold (case and accents ignored,
    except for the provider's name, which is compared exactly)."""

    grade: int
    title: str | None = None  # the whole title
    title_contains: tuple[str, ...] = ()  # each of these occurs in the title
    title_matches: str | None = None  # a regular expression found in the title
    provider: str | None = None

    def matches(self, provider: str, title: str) -> bool:
        if self.provider is not None and provider != self.provider:
            return False
        folded = _fold(title)
        if self.title is not None and folded != _fold(self.title):
            return False
        if any(_fold(part) not in folded for part in self.title_contains):
            return False
        if self.title_matches is None:
            return True
        return re.search(_without_accents(self.title_matches), folded, flags=re.IGNORECASE) is not None

    def describe(self) -> str:
        if self.title is not None:
            what = repr(self.title)
        elif self.title_contains:
            what = " + ".join(repr(part) for part in self.title_contains)
        else:
            what = f"/{self.title_matches}/"
        return f"{what} of {self.provider}" if self.provider else what


@dataclass(frozen=True)
class JudgedQuery:
    query: str
    kind: str
    judgements: tuple[Judgement, ...]
    note: str = ""

    def grade(self, provider: str, title: str) -> int:
        return max((j.grade for j in self.judgements if j.matches(provider, title)), default=0)


@dataclass(frozen=True)
class QueryScore:
    query: str
    kind: str
    ndcg: float
    results: int  # how many offers the search found in all
    relevant_in_top: int  # judged offers (any grade) among the first K
    grades: tuple[int, ...] = field(default=())  # the grade of each of the first K


@dataclass(frozen=True)
class Summary:
    queries: int
    mean_ndcg: float
    zero_result_rate: float


def gain(grade: int) -> float:
    return float(2**grade - 1)


def dcg(grades: Sequence[int], k: int = K) -> float:
    return sum(gain(grade) / math.log2(rank + 2) for rank, grade in enumerate(grades[:k]))


def ndcg(ranked_grades: Sequence[int], all_grades: Iterable[int], k: int = K) -> float:
    """nDCG@k of a ranking, given the grades of its offers in order and the grades of every
    offer of the catalogue (the ideal ranking puts the best of these first); 0.0 when
    nothing in the catalogue is relevant."""
    ideal = dcg(sorted((grade for grade in all_grades if grade > 0), reverse=True), k)
    return dcg(ranked_grades, k) / ideal if ideal > 0 else 0.0


def score_query(
    judged: JudgedQuery, ranked: Sequence[Offer], total: int, catalogue: Iterable[Offer], k: int = K
) -> QueryScore:
    grades = tuple(judged.grade(provider, title) for provider, title in ranked[:k])
    value = ndcg(grades, (judged.grade(provider, title) for provider, title in catalogue), k)
    return QueryScore(
        query=judged.query,
        kind=judged.kind,
        ndcg=value,
        results=total,
        relevant_in_top=sum(1 for grade in grades if grade > 0),
        grades=grades,
    )


def summarise(scores: Sequence[QueryScore]) -> Summary:
    if not scores:
        return Summary(queries=0, mean_ndcg=0.0, zero_result_rate=0.0)
    return Summary(
        queries=len(scores),
        mean_ndcg=sum(score.ndcg for score in scores) / len(scores),
        zero_result_rate=sum(1 for score in scores if score.results == 0) / len(scores),
    )


def unmatched_judgements(
    judged_queries: Iterable[JudgedQuery], catalogue: Iterable[Offer]
) -> list[tuple[str, Judgement]]:
    offers = list(catalogue)
    return [
        (judged.query, judgement)
        for judged in judged_queries
        for judgement in judged.judgements
        if not any(judgement.matches(provider, title) for provider, title in offers)
    ]


def load_judged_queries(path: Path = RELEVANCE_FILE) -> list[JudgedQuery]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("queries"), list):
        raise ValueError(f"{path}: expected an object with a list of queries")
    judged = [_judged_query(item) for item in data["queries"]]
    seen: set[str] = set()
    for query in judged:
        if _fold(query.query) in seen:
            raise ValueError(f"{path}: the query {query.query!r} is judged twice")
        seen.add(_fold(query.query))
    return judged


def _judged_query(item: Any) -> JudgedQuery:
    if not isinstance(item, dict) or not _QUERY_KEYS.issuperset(item) or not isinstance(item.get("query"), str):
        raise ValueError(f"a query must be an object with the keys {sorted(_QUERY_KEYS)}: {item!r}")
    query = item["query"]
    if item.get("kind") not in KINDS:
        raise ValueError(f"{query!r}: the kind must be one of {KINDS}")
    relevant = item.get("relevant")
    if not isinstance(relevant, list) or not relevant:
        raise ValueError(f"{query!r}: judge at least one relevant offer")
    return JudgedQuery(
        query=query,
        kind=item["kind"],
        judgements=tuple(_judgement(query, entry) for entry in relevant),
        note=str(item.get("note", "")),
    )


def _judgement(query: str, entry: Any) -> Judgement:
    if not isinstance(entry, dict) or not _JUDGEMENT_KEYS.issuperset(entry):
        raise ValueError(f"{query!r}: a judgement has only the keys {sorted(_JUDGEMENT_KEYS)}: {entry!r}")
    if entry.get("grade") not in GRADES:
        raise ValueError(f"{query!r}: the grade must be one of {GRADES}: {entry!r}")
    if sum(1 for name in _CRITERIA if name in entry) != 1:
        raise ValueError(f"{query!r}: a judgement has exactly one of {_CRITERIA}: {entry!r}")
    contains = entry.get("title_contains", ())
    contains = (contains,) if isinstance(contains, str) else tuple(contains)
    strings = [entry.get("title"), entry.get("title_matches"), entry.get("provider"), *contains]
    if not all(value is None or (isinstance(value, str) and value) for value in strings):
        raise ValueError(f"{query!r}: the criteria are non-empty strings: {entry!r}")
    if "title_contains" in entry and not contains:
        raise ValueError(f"{query!r}: title_contains is empty: {entry!r}")
    if entry.get("title_matches") is not None:
        try:
            re.compile(entry["title_matches"])
        except re.error as error:
            raise ValueError(f"{query!r}: not a regular expression: {entry!r}") from error
    return Judgement(
        grade=entry["grade"],
        title=entry.get("title"),
        title_contains=contains,
        title_matches=entry.get("title_matches"),
        provider=entry.get("provider"),
    )
