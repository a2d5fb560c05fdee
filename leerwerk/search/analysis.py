"""How Dutch text becomes search terms, the same way for offers and for queries.

1. `prepare` (Python, before tantivy): mark a word-initial "ge" ("gebouw", "begeleiding")
   so that the Snowball stemmer does not strip it: it otherwise makes "begeleiding" and
   "beleid" (policy) one term, and "gemeente" and "menen" (bench/stemmers.py has the
   figures and docs/adr/0011 the choice).
2. tantivy's analyzer: words (letters and digits), lower case, split compounds with the
   dictionary (vocabulary.compound_parts: "zorgmedewerker" → "zorg" + "medewerker"),
   Dutch Snowball stemming, then accents folded (café = cafe, coördinator = coordinator).

The plain analyzer (no stemming, no compounds) feeds the suggestions and the spelling
correction, which need real words.

Public surface: `prepare`, `fold`, `keep_ge`, `text_analyzer`, `plain_analyzer`, `words`."""

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import tantivy

TEXT = "nl"
PLAIN = "nl_plain"
_WORD = re.compile(r"[^\W_]+")
SHORTEST_PART = 3  # the shortest part of a compound the analyzer splits off ("las" + "cursus")


def keep_ge(text: str) -> str:
    """ "Gebouw" → "gqbouw", "begeleiding" → "begqleiding" (in lower case): the marked
    prefix is no prefix to the stemmer. Applied alike to offers, queries and the compound
    dictionary. (A scan for "ge" rather than a regular expression: three times faster, and
    it runs over every offer's text when the index is built.)"""
    text = text.lower()
    marks = []
    position = text.find("ge")
    while position >= 0:
        if text[position + 2 : position + 3].isalpha() and (
            _starts_word(text, position) or (text[position - 2 : position] == "be" and _starts_word(text, position - 2))
        ):
            marks.append(position)
        position = text.find("ge", position + 2)
    if not marks:
        return text
    pieces = []
    start = 0
    for position in marks:
        pieces.append(text[start:position])
        pieces.append("gq")
        start = position + 2
    pieces.append(text[start:])
    return "".join(pieces)


def _starts_word(text: str, position: int) -> bool:
    return position == 0 or (position > 0 and not text[position - 1].isalnum())


def prepare(text: str) -> str:
    return keep_ge(text)


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case without accents: "Coördinator" → "coordinator"."""
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode("ascii").lower()


def words(text: str) -> list[str]:
    """The folded words of a text, as the plain analyzer sees them."""
    return [fold(word) for word in _WORD.findall(text)]


def text_analyzer(compound_parts: Iterable[str]) -> tantivy.TextAnalyzer:
    parts = sorted({keep_ge(part.lower()) for part in compound_parts if len(part) >= SHORTEST_PART})
    builder = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).filter(tantivy.Filter.lowercase())
    if parts:
        builder = builder.filter(tantivy.Filter.split_compound(parts))
    return builder.filter(tantivy.Filter.stemmer("dutch")).filter(tantivy.Filter.ascii_fold()).build()


def plain_analyzer() -> tantivy.TextAnalyzer:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )
