"""Dutch stemmers compared on real vocabulary: tantivy's built-in Dutch stemmer (Snowball
"dutch", as rust-stemmers ships it) against PyStemmer's classic `dutch_porter`.

Vocabulary: the words of the demo catalogue (real CROHO and SBB names, descriptions written
for the demo) and of the 3,039 Dutch ESCO occupation labels. Figures:
- inflection pairs from our domain that should end on one stem (recall);
- pairs of unrelated words that should not (collisions);
- how many words each stemmer folds together (stems per 100 words).
Baseline: no stemming (every word its own stem).

    .venv/bin/python bench/stemmers.py
"""

import os
import re
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

import django  # noqa: E402

django.setup()

import Stemmer  # noqa: E402
import tantivy  # noqa: E402

from leerwerk.demo.catalogue_content import demo_catalogue  # noqa: E402
from leerwerk.search.analysis import fold, keep_ge  # noqa: E402
from leerwerk.skills.sources import BUNDLED_FILE, read_occupations  # noqa: E402

SHOULD_MEET = [
    ("medewerker", "medewerkers"),
    ("verpleegkundige", "verpleegkundigen"),
    ("verpleegkunde", "verpleegkundige"),
    ("opleiding", "opleidingen"),
    ("heftruck", "heftrucks"),
    ("monteur", "monteurs"),
    ("logistiek", "logistieke"),
    ("technisch", "technische"),
    ("boekhouden", "boekhouding"),
    ("cursus", "cursussen"),
    ("werken", "werkt"),
    ("chauffeur", "chauffeurs"),
    ("kapper", "kappers"),
    ("schoonmaak", "schoonmaken"),
    ("installatie", "installaties"),
    ("begeleider", "begeleiders"),
    ("begeleiding", "begeleiden"),
    ("verkoper", "verkopers"),
    ("leren", "leert"),
    ("zorg", "zorgen"),
    ("beveiliger", "beveiligers"),
    ("lasser", "lassers"),
    ("kinderopvang", "kinderopvangen"),
    ("assistent", "assistenten"),
    ("administratief", "administratieve"),
    ("coördinator", "coördinatoren"),
    ("pedagogisch", "pedagogische"),
    ("elektricien", "elektriciens"),
    ("vakkracht", "vakkrachten"),
    ("gemeente", "gemeenten"),
]
SHOULD_NOT_MEET = [
    ("begeleiding", "beleid"),
    ("begeleider", "beleider"),
    ("gemeente", "gemeen"),
    ("gemeente", "menen"),
    ("bezorger", "zorg"),
    ("verzorgende", "zorgen"),
    ("beveiliging", "veilig"),
    ("geleider", "leider"),
    ("bewaking", "waken"),
    ("verkoop", "koop"),
    ("bestuurder", "sturen"),
    ("gewicht", "wicht"),
    ("geluid", "lui"),
    ("gebouw", "bouw"),
    ("gezondheid", "zondig"),
    ("vergunning", "gunnen"),
]


def vocabulary() -> list[str]:
    texts: list[str] = []
    for provider in demo_catalogue(today=date(2026, 11, 23)):
        texts.extend(f"{record.title} {record.description}" for record in provider.records)
    for occupation in read_occupations(BUNDLED_FILE):
        texts.append(" ".join((occupation.preferred_label, *occupation.alt_labels)))
    return sorted({word for text in texts for word in re.findall(r"[^\W\d_]{3,}", text.lower())})


def main() -> None:
    words = vocabulary()
    analyzer = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.raw()).filter(tantivy.Filter.stemmer("dutch")).build()
    porter = Stemmer.Stemmer("dutch_porter")
    stemmers = {
        "none (baseline)": lambda word: word,
        "tantivy dutch (Snowball)": lambda word: analyzer.analyze(word)[0],
        "tantivy dutch, ge- kept": lambda word: fold(analyzer.analyze(keep_ge(word))[0]),
        "PyStemmer dutch_porter": porter.stemWord,
    }
    print(f"{len(words)} distinct words of three letters or more")
    print(f"{'stemmer':26} {'stems/100 words':>16} {'inflections met':>16} {'collisions':>11}")
    for name, stem in stemmers.items():
        groups: dict[str, set[str]] = defaultdict(set)
        for word in words:
            groups[stem(word)].add(word)
        met = sum(stem(a) == stem(b) for a, b in SHOULD_MEET)
        collided = [f"{a}/{b}" for a, b in SHOULD_NOT_MEET if stem(a) == stem(b)]
        print(
            f"{name:26} {100 * len(groups) / len(words):16.1f} {met:>9}/{len(SHOULD_MEET):<6} "
            f"{len(collided):>5}/{len(SHOULD_NOT_MEET)}  {', '.join(collided)}"
        )


if __name__ == "__main__":
    main()
