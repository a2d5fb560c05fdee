"""How easy our Dutch pages are to read: the Flesch–Douma score of a page's running text.

Residents must be able to read the public site at language level B1 (ADR 0015). No
formula measures B1 itself: it is a level of the Common European Framework of Reference,
judged by people. The tests use the Flesch–Douma score as a tripwire for what a formula
can see, long sentences and long words:

    score = 206.835 − 0.93 × (words per sentence) − 77 × (syllables per word)

W. H. Douma (1960) fitted Flesch's reading ease to Dutch, whose words are longer than
English ones. His table: 0–30 very difficult (university), 30–45 difficult, 45–60 fairly
difficult, 60–70 normal (the end of primary school), 70–80 fairly easy, 80–90 easy,
90–100 very easy. A page is B1 enough for the tests when its running text

- scores at least `B1_MINIMUM` (60: "normal", the lowest band for readers with only
  primary school; B1 is the level most adults read),
- has sentences of at most `MAX_AVERAGE_SENTENCE_WORDS` (15) words on average, and
- has no sentence longer than `MAX_SENTENCE_WORDS` (25),

the short sentences that B1 writing guides ask for.

Names (a word with a capital letter inside a sentence: Leerwerkloket, UWV, Noordoost-
Brabant, a provider's name) count in a sentence's length but not in its syllables: a
writer cannot replace them, and Dutch reading-level tools leave them out too.

Syllables are counted with the Dutch hyphenation dictionary of `pyphen`, and within each
part it gives, with the Dutch vowel units (aa, ie, oe, ui, eeu …): a hyphenation
dictionary leaves out breaks where a line may not break (i-dee, re-gi-o), and the vowel
units find those. English loan words (online, website) count one syllable too many.

Public surface: `Readability`, `score_text`, `score_sentences`, `count_syllables`,
`split_sentences`, `running_text` (the text of a page's <main> that we wrote)."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser

import pyphen

B1_MINIMUM = 65.0
MAX_AVERAGE_SENTENCE_WORDS = 15.0
MAX_SENTENCE_WORDS = 25

# An element with this attribute holds text that is not ours to measure: what others
# wrote (a provider's description, an analyst's reason) and lists of catalogue data.
EXCLUDE_ATTRIBUTE = "data-readability"
EXCLUDE_VALUE = "exclude"

_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
# Dutch vowel units, longest first: each is one syllable. A vowel with a diaeresis (ë, ï)
# always starts a new syllable.
_VOWEL_UNITS = re.compile(
    r"aai|ooi|oei|ieu|eeu|eau|aa|ee|oo|uu|ie|oe|eu|ui|ei|ij|au|ou|ai|[aeiouyáéíóúàèâêôû]|[ëïöüä]", re.IGNORECASE
)


@dataclass(frozen=True)
class Readability:
    """Counts of a text: `words` includes names, `syllables` is of the other words."""

    sentences: int
    words: int
    names: int
    syllables: int
    longest_sentence: int  # in words

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        counted = self.words - self.names
        return self.syllables / counted if counted else 0.0

    @property
    def score(self) -> float:
        """The Flesch–Douma score: higher is easier; 60 and up is "normal" Dutch."""
        return 206.835 - 0.93 * self.words_per_sentence - 77 * self.syllables_per_word

    @property
    def is_b1(self) -> bool:
        return (
            self.score >= B1_MINIMUM
            and self.words_per_sentence <= MAX_AVERAGE_SENTENCE_WORDS
            and self.longest_sentence <= MAX_SENTENCE_WORDS
        )


@cache
def _dictionary() -> pyphen.Pyphen:
    # left/right 1: every break the dictionary knows, also next to a word's first or last letter.
    return pyphen.Pyphen(lang="nl_NL", left=1, right=1)


def count_syllables(word: str) -> int:
    """Syllables of one word (a number counts as one; a word without vowels, such as
    "btw", as one)."""
    if not word or word[0].isdigit():
        return 1
    total = 0
    for part in re.split(r"[-'’]", word):
        for piece in _dictionary().inserted(part.lower()).split("-"):
            total += len(_VOWEL_UNITS.findall(piece))
    return max(total, 1)


def split_sentences(text: str) -> list[str]:
    """Sentences end at . ! ? or … followed by a space; a text without them (a heading, a
    label) is one sentence."""
    return [sentence for sentence in _SENTENCE_END.split(" ".join(text.split())) if _WORD.search(sentence)]


def _is_name(word: str, position: int) -> bool:
    return position > 0 and word[0].isupper()


def score_sentences(sentences: Iterable[str]) -> Readability:
    counted = [words for words in (_WORD.findall(sentence) for sentence in sentences) if words]
    plain = [word for words in counted for position, word in enumerate(words) if not _is_name(word, position)]
    total = sum(len(words) for words in counted)
    return Readability(
        sentences=len(counted),
        words=total,
        names=total - len(plain),
        syllables=sum(count_syllables(word) for word in plain),
        longest_sentence=max((len(words) for words in counted), default=0),
    )


def score_text(*texts: str) -> Readability:
    """The score of texts that each hold one or more sentences (a paragraph, a heading)."""
    return score_sentences(sentence for text in texts for sentence in split_sentences(text))


# --- A page's running text -------------------------------------------------------------

# Text in these is not running text: menus and breadcrumbs, data tables, choices in a list,
# scripts. Headings, paragraphs, list items, labels, legends and descriptions are.
_SKIPPED = {"nav", "table", "select", "datalist", "script", "style", "template", "textarea"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Each of these begins and ends a block of text; text in one block runs on (inline elements).
_BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "button", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "label", "legend",
    "li", "main", "ol", "p", "section", "summary", "ul",
}  # fmt: skip


class _MainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, whether its text is left out)
        self._in_main = 0

    def _skipping(self) -> bool:
        return any(skipped for _tag, skipped in self._open)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._flush()
        if tag in _VOID:
            return
        if tag == "main":
            self._in_main += 1
        skipped = tag in _SKIPPED or (EXCLUDE_ATTRIBUTE, EXCLUDE_VALUE) in attrs
        self._open.append((tag, skipped))

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._flush()
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break
        if tag == "main":
            self._in_main -= 1

    def handle_data(self, data: str) -> None:
        if self._in_main and not self._skipping():
            self._current.append(data)


def running_text(html: str) -> list[str]:
    """The blocks of text in the page's <main> (headings, paragraphs, list items, labels,
    legends, descriptions, buttons), without menus, tables, the options of a list, and
    what is marked `data-readability="exclude"`."""
    parser = _MainText()
    parser.feed(html)
    parser.close()
    return parser.blocks
