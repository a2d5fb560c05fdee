"""Field parsers shared by the readers: they turn what providers write (codes, Dutch
labels, the standards' own terms) into the catalogue's values, or raise `FieldValueError`
with a message that tells the provider what to write instead.

Every reader uses these, so "MBO 2", "mbo2" and "niveau 2" mean the same in every format."""

import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache, wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leerwerk.catalogue.ingest.records import FieldError, ReaderContext, RunRecord
from leerwerk.catalogue.vocabulary import (
    Delivery,
    DurationUnit,
    FundingOption,
    LearningPath,
    Level,
    Schedule,
    Sector,
)

MAX_TITLE = 300
MIN_TITLE = 3
MAX_DESCRIPTION = 20_000
MAX_EXTERNAL_ID = 200
MAX_PRICE_CENTS = 100_000_000  # a million euros: anything above is a typo
T = TypeVar("T")
# Control characters except tab, newline and carriage return, removed from text.
_CONTROL_CHARACTERS = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_PLAIN_AMOUNT = re.compile(r"(\d{1,9})(?:[,.](\d{1,2}))?")
_PLAIN_URL = re.compile(r"https?://[a-zA-Z0-9.-]+(?::\d+)?(?:/[^\s]*)?")


def _memo(function: Callable[..., T]) -> Callable[..., T]:
    """Remember a parser's answers: the same values come back on row after row (levels,
    places, dates, prices), and an import reads a hundred thousand rows. Refusals are not
    remembered (their message depends on the language), nor are answers for values that
    cannot be remembered (a list or object where a feed should have had a value)."""
    cached = lru_cache(maxsize=8192)(function)

    @wraps(function)
    def parse(*args: Any, **kwargs: Any) -> T:
        try:
            return cached(*args, **kwargs)
        except TypeError:  # an unhashable value: parse it without the memory
            return function(*args, **kwargs)

    return parse


class FieldValueError(ValueError):
    """A value that cannot be used; the message says why, for the provider."""


@lru_cache(maxsize=4096)
def normalise(value: str) -> str:
    """Lower case, no accents, single spaces: the form in which labels are compared."""
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return " ".join(folded.lower().replace("_", " ").replace("-", " ").split())


def _lookup(table: dict[str, str], choices: Iterable[tuple[str, object]]) -> Callable[[], dict[str, str]]:
    """A mapping built on first use: each code and its label in every language of the
    site, normalised, maps to the code; plus the extra spellings in `table`."""
    pairs = list(choices)

    @cache
    def build() -> dict[str, str]:
        mapping = {normalise(key): str(code) for key, code in table.items()}
        for code, label in pairs:
            mapping[normalise(str(code))] = str(code)
            for language, _name in settings.LANGUAGES:
                with translation.override(language):
                    mapping[normalise(str(label))] = str(code)
        return mapping

    return build


_LEVELS = _lookup(
    {
        "mbo 1": Level.MBO_1,
        "mbo niveau 1": Level.MBO_1,
        "niveau 1": Level.MBO_1,
        "entree": Level.MBO_1,
        "entreeopleiding": Level.MBO_1,
        "mbo 2": Level.MBO_2,
        "mbo niveau 2": Level.MBO_2,
        "niveau 2": Level.MBO_2,
        "mbo 3": Level.MBO_3,
        "mbo niveau 3": Level.MBO_3,
        "niveau 3": Level.MBO_3,
        "mbo 4": Level.MBO_4,
        "mbo niveau 4": Level.MBO_4,
        "niveau 4": Level.MBO_4,
        "ad": Level.ASSOCIATE_DEGREE,
        "hbo ad": Level.ASSOCIATE_DEGREE,
        "associate degree": Level.ASSOCIATE_DEGREE,
        "bachelor": Level.BACHELOR,
        "hbo bachelor": Level.BACHELOR,
        "wo bachelor": Level.BACHELOR,
        "master": Level.MASTER,
        "hbo master": Level.MASTER,
        "wo master": Level.MASTER,
        "geen": Level.NONE,
        "geen niveau": Level.NONE,
        "cursus": Level.NONE,
        "zonder niveau": Level.NONE,
        "zonder formeel niveau": Level.NONE,
        "overig": Level.NONE,
    },
    Level.choices,
)
_NLQF_LEVELS = {
    1: Level.MBO_1,
    2: Level.MBO_2,
    3: Level.MBO_3,
    4: Level.MBO_4,
    5: Level.ASSOCIATE_DEGREE,
    6: Level.BACHELOR,
    7: Level.MASTER,
}
_SECTORS = _lookup(
    {
        "zorg": Sector.CARE,
        "zorg en welzijn": Sector.CARE,
        "gezondheidszorg": Sector.CARE,
        "welzijn": Sector.CARE,
        "techniek": Sector.TECHNOLOGY,
        "techniek en productie": Sector.TECHNOLOGY,
        "ict": Sector.ICT,
        "it": Sector.ICT,
        "logistiek": Sector.LOGISTICS,
        "transport en logistiek": Sector.LOGISTICS,
        "bouw": Sector.CONSTRUCTION,
        "bouw en infra": Sector.CONSTRUCTION,
        "economie": Sector.BUSINESS,
        "administratie": Sector.BUSINESS,
        "economie administratie en management": Sector.BUSINESS,
        "management": Sector.BUSINESS,
        "onderwijs": Sector.EDUCATION,
        "onderwijs en kinderopvang": Sector.EDUCATION,
        "horeca": Sector.HOSPITALITY,
        "horeca toerisme en recreatie": Sector.HOSPITALITY,
        "toerisme": Sector.HOSPITALITY,
        "handel": Sector.RETAIL,
        "handel en verkoop": Sector.RETAIL,
        "retail": Sector.RETAIL,
        "groen": Sector.AGRICULTURE,
        "landbouw": Sector.AGRICULTURE,
        "groen landbouw en voedsel": Sector.AGRICULTURE,
        "voedsel": Sector.AGRICULTURE,
        "kunst": Sector.CREATIVE,
        "cultuur": Sector.CREATIVE,
        "kunst media en cultuur": Sector.CREATIVE,
        "media": Sector.CREATIVE,
        "veiligheid": Sector.SAFETY,
        "sport": Sector.SAFETY,
        "veiligheid en sport": Sector.SAFETY,
        "taal": Sector.BASIC_SKILLS,
        "basisvaardigheden": Sector.BASIC_SKILLS,
        "taal en basisvaardigheden": Sector.BASIC_SKILLS,
        "nt2": Sector.BASIC_SKILLS,
        "overig": Sector.OTHER,
        "gedrag en maatschappij": Sector.OTHER,
        "recht": Sector.BUSINESS,
        "natuur": Sector.AGRICULTURE,
        "landbouw en natuurlijke omgeving": Sector.AGRICULTURE,
        "taal en cultuur": Sector.CREATIVE,
        "sectoroverstijgend": Sector.OTHER,
    },
    Sector.choices,
)
_LEARNING_PATHS = _lookup(
    {
        "bol": LearningPath.BOL,
        "bbl": LearningPath.BBL,
        "voltijd": LearningPath.FULL_TIME,
        "deeltijd": LearningPath.PART_TIME,
        "duaal": LearningPath.DUAL,
    },
    LearningPath.choices,
)
_DELIVERIES = _lookup(
    {
        "online": Delivery.ONLINE,
        "afstandsonderwijs": Delivery.ONLINE,
        "e learning": Delivery.ONLINE,
        "klassikaal": Delivery.CLASSROOM,
        "op locatie": Delivery.CLASSROOM,
        "fysiek": Delivery.CLASSROOM,
        "blended": Delivery.BLENDED,
        "online en klassikaal": Delivery.BLENDED,
        "gemengd": Delivery.BLENDED,
    },
    Delivery.choices,
)
_DURATION_UNITS = _lookup(
    {
        "uur": DurationUnit.HOURS,
        "uren": DurationUnit.HOURS,
        "dag": DurationUnit.DAYS,
        "dagen": DurationUnit.DAYS,
        "week": DurationUnit.WEEKS,
        "weken": DurationUnit.WEEKS,
        "maand": DurationUnit.MONTHS,
        "maanden": DurationUnit.MONTHS,
        "jaar": DurationUnit.YEARS,
        "jaren": DurationUnit.YEARS,
    },
    DurationUnit.choices,
)
_FUNDING = _lookup(
    {
        "gratis": FundingOption.FREE,
        "kosteloos": FundingOption.FREE,
        "werkgever": FundingOption.EMPLOYER,
        "sectorfonds": FundingOption.SECTOR_FUND,
        "o&o fonds": FundingOption.SECTOR_FUND,
        "opleidingsfonds": FundingOption.SECTOR_FUND,
        "gemeente": FundingOption.MUNICIPALITY,
        "uwv": FundingOption.UWV,
        "eigen budget": FundingOption.OWN_BUDGET,
        "zelf betalen": FundingOption.OWN_BUDGET,
        "eigen bijdrage": FundingOption.OWN_BUDGET,
    },
    FundingOption.choices,
)
_SCHEDULES = _lookup(
    {
        "overdag": Schedule.DAYTIME,
        "dag": Schedule.DAYTIME,
        "avond": Schedule.EVENING,
        "s avonds": Schedule.EVENING,
        "weekend": Schedule.WEEKEND,
        "zaterdag": Schedule.WEEKEND,
        "zondag": Schedule.WEEKEND,
    },
    Schedule.choices,
)
_LEVEL = gettext_lazy("level")
_SECTOR = gettext_lazy("sector")
_LEARNING_PATH = gettext_lazy("learning path")
_FORM = gettext_lazy("form of teaching")
_UNIT = gettext_lazy("unit of time")
_PART_OF_DAY = gettext_lazy("part of the day")
_WAY_OF_PAYING = gettext_lazy("way of paying")
_TRUE = {"ja", "j", "yes", "y", "true", "waar", "1", "x"}
_FALSE = {"nee", "n", "no", "false", "onwaar", "0", ""}


def _choose(value: str, mapping: Callable[[], dict[str, str]], what: Promise, allowed: type[models.Choices]) -> str:
    """The code `value` stands for. The message (and the list of allowed labels) is only
    built when the value is unknown: this runs for every field of every imported offer."""
    code = mapping().get(normalise(value))
    if code is None:
        labels = ", ".join(str(label) for _code, label in allowed.choices)
        raise FieldValueError(
            _("“%(value)s” is not a %(what)s we know. Use one of: %(labels)s.")
            % {"value": value, "what": what, "labels": labels}
        )
    return code


@_memo
def parse_level(value: str) -> str:
    if not value.strip():
        return str(Level.NONE)
    return _choose(value, _LEVELS, _LEVEL, Level)


def level_from_nlqf(number: int) -> str:
    """The level for an NLQF/EQF number 1–7; 8 (doctorate) and others have no level here."""
    return str(_NLQF_LEVELS.get(number, Level.NONE))


@_memo
def parse_sector(value: str) -> str:
    if not value.strip():
        return str(Sector.OTHER)
    return _choose(value, _SECTORS, _SECTOR, Sector)


@_memo
def parse_learning_path(value: str) -> str:
    return "" if not value.strip() else _choose(value, _LEARNING_PATHS, _LEARNING_PATH, LearningPath)


@_memo
def parse_delivery(value: str) -> str:
    if not value.strip():
        return str(Delivery.CLASSROOM)
    return _choose(value, _DELIVERIES, _FORM, Delivery)


@_memo
def parse_duration_unit(value: str) -> str:
    return "" if not value.strip() else _choose(value, _DURATION_UNITS, _UNIT, DurationUnit)


@_memo
def parse_schedule(value: str) -> str:
    return "" if not value.strip() else _choose(value, _SCHEDULES, _PART_OF_DAY, Schedule)


@_memo
def parse_funding_options(value: str) -> tuple[str, ...]:
    """A list separated by ; , or |, for example "werkgever; sectorfonds"."""
    parts = [part for part in re.split(r"[;,|]", value) if part.strip()]
    codes = [_choose(part, _FUNDING, _WAY_OF_PAYING, FundingOption) for part in parts]
    return tuple(sorted(set(codes)))


@_memo
def parse_bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise FieldValueError(_("Write “ja” or “nee”, not “%(value)s”.") % {"value": value})


@_memo
def parse_whole_number(value: str | int | float | None, *, maximum: int = 1_000_000) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise FieldValueError(_("Write a whole number."))
    if (isinstance(value, str) and value.isdigit() and value.isascii()) or type(value) is int:
        number_ = int(value)  # the common case, without Decimal
        if number_ <= maximum:
            return number_
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation as error:
        raise FieldValueError(_("“%(value)s” is not a number.") % {"value": value}) from error
    if not number.is_finite():  # Decimal reads "NaN" and "Infinity" too
        raise FieldValueError(_("“%(value)s” is not a number.") % {"value": value})
    if number != number.to_integral_value():
        raise FieldValueError(_("Write a whole number, not “%(value)s”.") % {"value": value})
    if number < 0 or number > maximum:
        raise FieldValueError(_("Write a number from 0 to %(maximum)s.") % {"maximum": maximum})
    return int(number)


@_memo
def parse_price(value: str | int | float | None) -> int | None:
    """Euros including VAT ("€ 1.250,50", "1250.5", "gratis") to whole cents."""
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = repr(value)
    else:
        text = str(value).strip().lower().replace("€", "").replace("eur", "").replace(" ", "")
    if not text:
        return None
    if text in {"gratis", "0", "kosteloos"}:
        return 0
    plain = _PLAIN_AMOUNT.fullmatch(text)
    if plain:  # the common case: 1250 or 1250,50 (or 1250.50), without Decimal
        whole_cents = int(plain[1]) * 100 + int((plain[2] or "00").ljust(2, "0"))
        if whole_cents <= MAX_PRICE_CENTS:
            return whole_cents
    if "," in text:  # Dutch notation: 1.250,50
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", text):  # 1.250 or 12.500.000: dots group thousands
        text = text.replace(".", "")
    try:
        euros = Decimal(text)
    except InvalidOperation as error:
        raise FieldValueError(_("“%(value)s” is not an amount in euros.") % {"value": value}) from error
    if not euros.is_finite():  # Decimal reads "NaN" and "Infinity" too
        raise FieldValueError(_("“%(value)s” is not an amount in euros.") % {"value": value})
    cents = euros * 100
    if euros < 0 or cents != cents.to_integral_value() or cents > MAX_PRICE_CENTS:
        raise FieldValueError(_("“%(value)s” is not an amount in euros with at most two decimals.") % {"value": value})
    return int(cents)


@_memo
def parse_date(value: str | date | datetime | None) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = value.strip()
    if not text:
        return None
    if len(text) == 10 and text[4] == "-":
        try:
            return date.fromisoformat(text)  # the common case, ten times faster than strptime
        except ValueError:
            pass
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%SZ"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise FieldValueError(_("“%(value)s” is not a date; write it as 2027-09-01 or 01-09-2027.") % {"value": value})


def parse_url(value: str) -> str:
    text = value.strip()
    if not text:
        return ""
    if _PLAIN_URL.fullmatch(text) and len(text) <= 500:
        return text  # the common case, without urlsplit
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in text or len(text) > 500:
        raise FieldValueError(_("“%(value)s” is not a web address starting with https://.") % {"value": value})
    return text


@_memo
def parse_language(value: str) -> str:
    names = {
        "nederlands": "nl",
        "engels": "en",
        "duits": "de",
        "frans": "fr",
        "arabisch": "ar",
        "pools": "pl",
        "turks": "tr",
        "oekraiens": "uk",
        "dutch": "nl",
        "english": "en",
    }
    text = normalise(value)
    if not text:
        return "nl"
    code = names.get(text, text.split("-")[0].split(" ")[0])
    if not re.fullmatch(r"[a-z]{2}", code):
        raise FieldValueError(
            _("“%(value)s” is not a language; write for example “nl” or “Nederlands”.") % {"value": value}
        )
    return code


def parse_municipality(value: str, context: ReaderContext) -> str:
    """A municipality by its CBS code (GM0796) or its name ('s-Hertogenbosch)."""
    text = value.strip()
    if not text:
        return ""
    if text.upper() in context.municipality_codes:
        return text.upper()
    code = context.municipality_by_name.get(normalise(text))
    if code is None:
        raise FieldValueError(
            _("“%(value)s” is not a Dutch municipality; write its name or its CBS code (GM0796).") % {"value": value}
        )
    return code


def clean_text(value: str, *, field: str, maximum: int, required: bool = False, minimum: int = 0) -> str:
    text = (value if value.isprintable() else value.translate(_CONTROL_CHARACTERS)).strip()
    if required and not text:
        raise FieldValueError(_("This is required."))
    if text and len(text) < minimum:
        raise FieldValueError(_("Write at least %(minimum)s characters.") % {"minimum": minimum})
    if len(text) > maximum:
        raise FieldValueError(
            _("At most %(maximum)s characters; this has %(length)s.") % {"maximum": maximum, "length": len(text)}
        )
    return text


def clean_external_id(value: str) -> str:
    text = clean_text(value, field="external_id", maximum=MAX_EXTERNAL_ID, required=True)
    if any(character in text for character in "/\\?#"):
        raise FieldValueError(_("An id cannot contain / \\ ? or #."))
    return text


def check_run(run: RunRecord) -> list[FieldError]:
    """What is wrong with a run as a whole (its fields were parsed already)."""
    errors = []
    if run.starts_on is None and not run.start_anytime:
        errors.append(FieldError("startdatum", _("Give a start date, or say that one can start anytime.")))
    if run.starts_on and run.ends_on and run.ends_on < run.starts_on:
        errors.append(FieldError("einddatum", _("The end date lies before the start date.")))
    return errors


class Collector:
    """Collects the problems of one offer while a reader parses its fields:

    errors = Collector()
    title = errors.check("titel", clean_text, raw, field="title", maximum=300)
    """

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def check(self, where: str, parse: Callable[..., T], /, *args: Any, default: T, **kwargs: Any) -> T:
        """`parse(*args, **kwargs)`, or `default` with the problem recorded against field `where`."""
        try:
            return parse(*args, **kwargs)
        except FieldValueError as problem:
            self.errors.append(FieldError(where, str(problem)))
            return default

    def add(self, field: str, message: str) -> None:
        self.errors.append(FieldError(field, message))
