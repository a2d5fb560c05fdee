"""The words the search knows besides the offers' own: the dictionary of compound-word
parts, the synonyms and abbreviations a query may be widened with, and the names of the
municipalities a query may end with ("bhv den bosch").

Both are built when an index is built (from `data/`, the catalogue's titles and the Dutch
ESCO occupation labels) and kept with that index, so that a query is analysed exactly as
its offers were.

Public surface: `Vocabulary`, `build_vocabulary`."""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from leerwerk.search.analysis import SHORTEST_PART, fold, words

DATA = Path(__file__).resolve().parent / "data"
MIN_PART = 4  # shorter words split too much ("de", "en", "tand", …)
_LETTERS = re.compile(r"[^\W\d_]+")
_ADDITION = re.compile(r"\s*\(.*\)\s*$")


def _lines(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


@dataclass
class Vocabulary:
    compound_parts: list[str] = field(default_factory=list)
    # A folded word or phrase → the other phrases of its group.
    synonyms: dict[str, list[str]] = field(default_factory=dict)
    # A municipality's name as a query may have it (folded words) → [code, region code,
    # name] of each municipality of that name.
    places: dict[str, list[list[str]]] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {"compound_parts": self.compound_parts, "synonyms": self.synonyms, "places": self.places}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> "Vocabulary":
        parts = data.get("compound_parts", [])
        synonyms = data.get("synonyms", {})
        places = data.get("places", {})
        return cls(
            compound_parts=list(parts) if isinstance(parts, list) else [],
            synonyms=dict(synonyms) if isinstance(synonyms, dict) else {},
            places=dict(places) if isinstance(places, dict) else {},
        )

    def widen(self, phrase: str) -> list[str]:
        return self.synonyms.get(_key(phrase), [])


def _key(phrase: str) -> str:
    return " ".join(words(phrase))


def _parts(text: str) -> set[str]:
    """The words of a text that may be part of a compound, as written (lower case) and folded."""
    found = {word for word in _LETTERS.findall(text.lower()) if len(word) >= MIN_PART}
    return found | {fold(word) for word in found}


def _is_compound(word: str, parts: set[str]) -> bool:
    """Whether `word` consists of two or more other parts. Such a word must not be in the
    dictionary itself: the splitter takes the longest match, so "zorgmedewerker" would
    stay whole and never find "medewerker in de zorg"."""
    # can_end[i]: word[:i] is a sequence of parts (the whole word itself not counted).
    # Parts as short as the analyzer splits off: "lastechniek" is las + techniek.
    can_end = [True] + [False] * len(word)
    for end in range(SHORTEST_PART, len(word) + 1):
        for start in range(0, end - SHORTEST_PART + 1):
            if can_end[start] and (start, end) != (0, len(word)) and word[start:end] in parts:
                can_end[end] = True
                break
    return can_end[len(word)]


def _place_names(name: str) -> set[str]:
    """A municipality's name as people write it: without CBS's addition ("Utrecht
    (gemeente)", "Bergen (NH.)"), and without "'s-" ("Hertogenbosch")."""
    plain = _ADDITION.sub("", name)
    names = {_key(plain)}
    if plain.lower().startswith("'s-"):
        names.add(_key(plain[3:]))
    return names - {""}


def _places(municipalities: Iterable[tuple[str, str, str]]) -> dict[str, list[list[str]]]:
    """The names of the municipalities (code, name, region code), and the names people use
    for some (data/place_names.txt), → the municipalities of that name."""
    places: dict[str, list[list[str]]] = defaultdict(list)
    for code, name, region in sorted(municipalities):
        for key in _place_names(name):
            places[key].append([code, region, name])
    for line in _lines("place_names.txt"):
        alias, official = (part.strip() for part in line.split("|"))
        named = [item for key in sorted(_place_names(official)) for item in places.get(key, [])]
        places[_key(alias)] = [item for number, item in enumerate(named) if item not in named[:number]]
    return {key: value for key, value in sorted(places.items()) if value}


def build_vocabulary(
    *,
    titles: Iterable[str],
    occupation_labels: Iterable[tuple[str, list[str]]],
    municipalities: Iterable[tuple[str, str, str]] = (),
) -> Vocabulary:
    parts: set[str] = {part + ending for part in _lines("compound_parts.txt") for ending in ("", "e", "en", "s", "n")}
    groups: list[list[str]] = [[_key(item) for item in line.split("|")] for line in _lines("synonyms.txt")]
    # Each title once: a catalogue repeats many ("VCA Basis" at every provider; the
    # synthetic one of bench/ has a quarter as many titles as offers).
    for title in set(titles):
        parts.update(_parts(title))
    for preferred, alternatives in occupation_labels:
        labels = [preferred, *alternatives]
        for label in labels:
            parts.update(_parts(label))
        # ESCO's one-word names for an occupation are synonyms of each other ("kapper",
        # "haarstylist"); longer labels would widen a query too far.
        single = sorted({_key(label) for label in labels if len(words(label)) == 1})
        if len(single) > 1:
            groups.append(single)
    synonyms: dict[str, set[str]] = defaultdict(set)
    for group in groups:
        for member in group:
            synonyms[member].update(other for other in group if other != member)
    parts |= {fold(part) for part in parts}
    return Vocabulary(
        compound_parts=sorted(part for part in parts if not _is_compound(part, parts)),
        synonyms={key: sorted(values) for key, values in sorted(synonyms.items())},
        places=_places(municipalities),
    )
