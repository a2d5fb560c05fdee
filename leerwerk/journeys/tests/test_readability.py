"""Our Dutch pages read at B1: the Flesch–Douma measure itself on texts with known counts,
and the running text of each resident page of the journeys (in Dutch, the site's default)
with the demo catalogue. The thresholds and why: leerwerk/journeys/readability.py, ADR 0015."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings

from leerwerk.analytics.services import discard_events
from leerwerk.catalogue.models import Offer
from leerwerk.journeys.readability import (
    B1_MINIMUM,
    MAX_AVERAGE_SENTENCE_WORDS,
    MAX_SENTENCE_WORDS,
    count_syllables,
    running_text,
    score_text,
    split_sentences,
)
from leerwerk.search import engine
from leerwerk.search.services import rebuild_index

# --- The measure -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("de", 1),
        ("eeuw", 1),  # eeu is one vowel
        ("nieuw", 1),
        ("opleiding", 3),
        ("gemeente", 3),
        ("Leerwerkloket", 4),
        ("persoonsgegevens", 5),
        ("idee", 2),  # the dictionary does not break after the first letter; the vowels do
        ("regio", 3),  # re-gi-o: i and o are two syllables
        ("België", 3),  # a diaeresis starts a syllable
        ("geïnteresseerd", 5),
        ("e-mailadres", 4),
        ("Noordoost-Brabant", 4),
        ("2026", 1),
        ("UWV", 1),
    ],
)
def test_syllables_are_counted_the_dutch_way(word, syllables):
    assert count_syllables(word) == syllables


def test_sentences_end_at_a_full_stop_a_question_or_an_exclamation_mark():
    assert split_sentences("Kies je regio. Weet je die niet? Vul dan je postcode in!  Klaar") == [
        "Kies je regio.",
        "Weet je die niet?",
        "Vul dan je postcode in!",
        "Klaar",
    ]
    assert split_sentences("Het kost € 1.250,- per jaar.") == ["Het kost € 1.250,- per jaar."]
    assert split_sentences(" … ") == []


def test_a_short_plain_sentence_scores_by_the_formula():
    result = score_text("De kat zit op de mat.")
    assert (result.sentences, result.words, result.syllables) == (1, 6, 6)
    assert result.score == pytest.approx(206.835 - 0.93 * 6 - 77 * 1)
    assert result.is_b1


def test_officialese_is_not_b1():
    result = score_text("Wij verwerken persoonsgegevens overeenkomstig de toepasselijke wetgeving.")
    assert (result.words, result.syllables) == (7, 23)
    assert result.score == pytest.approx(206.835 - 0.93 * 7 - 77 * 23 / 7)
    assert result.score < B1_MINIMUM
    assert not result.is_b1


def test_names_count_in_the_sentence_but_not_in_the_syllables():
    result = score_text("Een adviseur van het Leerwerkloket helpt je.")
    assert (result.words, result.names, result.syllables) == (7, 1, 8)
    assert result.syllables_per_word == pytest.approx(8 / 6)


def test_a_long_sentence_is_not_b1_even_with_short_words():
    sentence = " ".join(["je"] * (MAX_SENTENCE_WORDS + 1)) + "."
    result = score_text(sentence, *["Dat is kort."] * 10)
    assert result.score >= B1_MINIMUM
    assert result.words_per_sentence <= MAX_AVERAGE_SENTENCE_WORDS
    assert not result.is_b1


def test_the_running_text_is_what_main_says_without_menus_tables_options_and_what_others_wrote():
    html = """<body><nav>Menu</nav><main>
      <nav>Home › Opleiding</nav>
      <h1 data-readability="exclude">Heftruckcertificaat</h1>
      <p>Door <b>Summa</b> College</p>
      <p data-readability="exclude">De beschrijving van de <i>opleider</i>.</p>
      <label for="x">Jouw gemeente</label><select id="x"><option>Oss</option></select>
      <dl><dt>Niveau</dt><dd>MBO niveau 2<br>Je leert praktisch werk.</dd></dl>
      <table><tr><td>8 maart</td></tr></table>
      <button>Verstuur</button><script>var x = 1;</script>
    </main><footer>Over deze site</footer></body>"""
    assert running_text(html) == [
        "Door Summa College",
        "Jouw gemeente",
        "Niveau",
        "MBO niveau 2",
        "Je leert praktisch werk.",
        "Verstuur",
    ]


# --- The pages ---------------------------------------------------------------------------

PAGES = [
    "residents",
    "search",
    "offer",
    "interest",
    "interest_done",
    "advice",
    "advice_done",
    "promising_regions",
    "promising_region",
    "login_link",
]


# The page tests read pages the module fixture fetched; the marker makes pytest-django set up
# the test database even when this module runs alone.
pages_test = pytest.mark.django_db


@pytest.fixture(scope="module")
def dutch_pages(django_db_setup, django_db_blocker, tmp_path_factory):
    """Each page's HTML in Dutch, fetched once for this module with the demo catalogue
    seeded and indexed; the database is rolled back and the index dropped after."""
    index = tmp_path_factory.mktemp("readability-index")
    pages: dict[str, str] = {}
    with django_db_blocker.unblock(), override_settings(SEARCH_INDEX_DIR=str(index)), transaction.atomic():
        engine.reader.forget()
        call_command("load_occupations", stdout=io.StringIO())
        call_command("seed_demo", stdout=io.StringIO())
        rebuild_index()
        offer = Offer.objects.filter(title__startswith="Heftruckcertificaat", description__gt="").earliest("pk")
        client = Client()
        urls = {
            "residents": "/leren-en-werken/",
            "search": "/zoeken/?q=heftruck",
            "offer": f"/opleidingen/{offer.pk}/",
            "interest": f"/opleidingen/{offer.pk}/interesse/",
            "advice": "/advies/",
            "promising_regions": "/kansrijke-beroepen/",
            "promising_region": "/kansrijke-beroepen/AM27/",
            "login_link": "/mijn/inloggen/",
        }
        contact = {"name": "Anna de Vries", "email": "anna@voorbeeld.test", "municipality": "GM0828", "consent": "on"}
        sent = client.post(urls["interest"], {**contact, "wants_help": "on"})
        assert sent.status_code == 302, sent.content.decode()
        urls["interest_done"] = sent["Location"]
        sent = client.post("/advies/", {**contact, "goal": "learn", "situation": "employed", "contact_by": "email"})
        assert sent.status_code == 302, sent.content.decode()
        urls["advice_done"] = sent["Location"]
        for name, url in urls.items():
            response = client.get(url)
            assert response.status_code == 200, url
            pages[name] = response.content.decode()
        transaction.set_rollback(True)
    engine.reader.forget()
    discard_events()
    return pages


@pages_test
@pytest.mark.parametrize("name", PAGES)
def test_the_page_reads_at_b1(dutch_pages, name):
    blocks = running_text(dutch_pages[name])
    result = score_text(*blocks)
    longest = sorted((sentence for block in blocks for sentence in split_sentences(block)), key=lambda s: -len(s))
    report = (
        f"{name}: Flesch–Douma {result.score:.1f} (at least {B1_MINIMUM}), "
        f"{result.words_per_sentence:.1f} words per sentence (at most {MAX_AVERAGE_SENTENCE_WORDS}), "
        f"longest {result.longest_sentence} words (at most {MAX_SENTENCE_WORDS}), "
        f"{result.syllables_per_word:.2f} syllables per word; the longest sentences: {longest[:3]}"
    )
    assert result.words >= 40, report  # enough text to measure
    assert result.is_b1, report


@pages_test
def test_the_offer_page_measures_our_words_not_the_providers(dutch_pages):
    blocks = running_text(dutch_pages["offer"])
    assert "Wat je leert en daarna kunt" in blocks
    assert not any("vorkheftruck" in block.lower() for block in blocks)  # the title and the description


@pages_test
def test_the_search_page_measures_its_own_words_not_the_results(dutch_pages):
    blocks = running_text(dutch_pages["search"])
    assert "Wat we vonden" in blocks
    assert "Niveau" in blocks  # a filter's legend, without its options
    assert not any("Heftruckcertificaat" in block for block in blocks)
