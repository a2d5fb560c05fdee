"""EDU-DEX values in the catalogue's terms, for `leerwerk.catalogue.ingest.edudex`.

Public surface: the mapping tables (`PROGRAM_LEVELS`, `THEMES`, `SBI_SECTIONS`, `COST_TYPES`, …) and
the parsers `text`, `localized`, `html_text`, `title`, `web_link`, `level`, `programme_code`,
`learning_path`, `delivery`, `sector`, `duration`, `credit_hours`, `language`, `run_date`,
`municipality`, `address`, `schedule`, `flag`, `cost_amount` and `price`. Each parser raises
`fields.FieldValueError` for a value it cannot use; the mapping is explained at each table.
The enumerations are those of the EDU-DEX Data API 1.0.2 (schema `program_in`)."""

import html
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from leerwerk.catalogue.ingest import fields
from leerwerk.catalogue.ingest.fields import FieldValueError
from leerwerk.catalogue.ingest.records import ReaderContext
from leerwerk.catalogue.vocabulary import Delivery, DurationUnit, LearningPath, Level, Schedule, Sector

# ProgramLevelType. None: the value names no level of the catalogue (a school type, a kind of
# education without its level, post-initial courses, a doctorate); the NLQF/EQF registration
# or the degree then decides, and without those the level is "none".
PROGRAM_LEVELS: dict[str, str | None] = {
    "none": None,
    "propedeuse": Level.BACHELOR,  # the first year of a bachelor's programme
    "associate": Level.ASSOCIATE_DEGREE,
    "bachelor": Level.BACHELOR,
    "master": Level.MASTER,
    "post-hbo": None,
    "academic bachelor": Level.BACHELOR,
    "academic master": Level.MASTER,
    "PhD": None,  # NLQF 8: no level of the catalogue
    "post-academic": None,
    "mavo": None,
    "havo": None,
    "vwo": None,
    "vbo": None,
    "vmbo": None,
    "vmbo/mavo": None,
    "lbo": None,
    "mbo": None,  # MBO without its level
    "hbo": None,  # a course "at HBO level" is no bachelor's programme
    "wo": None,
    "mbo niveau 1": Level.MBO_1,
    "mbo niveau 2": Level.MBO_2,
    "mbo niveau 3": Level.MBO_3,
    "mbo niveau 4": Level.MBO_4,
    "mbo+": None,
}
# ProgramTheme: the subject of a programme, the closest the spec comes to our sectors.
THEMES: dict[str, str] = {
    "automation and it": Sector.ICT,
    "human resources": Sector.BUSINESS,
    "secretarial and office work": Sector.BUSINESS,
    "personal effectiveness": Sector.OTHER,
    "sales": Sector.RETAIL,
    "care and personal care": Sector.CARE,
    "health and safety": Sector.SAFETY,
    "communication": Sector.OTHER,
    "procurement and logistics": Sector.LOGISTICS,
    "marketing": Sector.BUSINESS,
    "manufacturing engineering and construction": Sector.TECHNOLOGY,
    "sports and vitality": Sector.SAFETY,
    "law": Sector.BUSINESS,
    "hobbies and leisure": Sector.OTHER,
    "finance": Sector.BUSINESS,
    "management": Sector.BUSINESS,
    "training and education": Sector.EDUCATION,
    "quality and project management": Sector.BUSINESS,
    "languages": Sector.BASIC_SKILLS,
    "internet and media": Sector.CREATIVE,
    "property and real estate": Sector.BUSINESS,
    "change management": Sector.BUSINESS,
    "personal development": Sector.OTHER,
    "leadership": Sector.BUSINESS,
    "entrepreneurship": Sector.BUSINESS,
    "coaching": Sector.OTHER,
    "government and non-profit": Sector.OTHER,
    "tourism, recreation and hospitality": Sector.HOSPITALITY,
}
# ProgramTargetSector: the SBI 2008 sections (A–U) of the learners' employers; used when
# no theme maps.
SBI_SECTIONS: dict[str, str] = {
    "A": Sector.AGRICULTURE,  # agriculture, forestry and fishing
    "B": Sector.TECHNOLOGY,  # mining and quarrying
    "C": Sector.TECHNOLOGY,  # manufacturing
    "D": Sector.TECHNOLOGY,  # energy supply
    "E": Sector.TECHNOLOGY,  # water supply and waste management
    "F": Sector.CONSTRUCTION,
    "G": Sector.RETAIL,  # wholesale and retail trade
    "H": Sector.LOGISTICS,  # transportation and storage
    "I": Sector.HOSPITALITY,  # accommodation and food service
    "J": Sector.ICT,  # information and communication
    "K": Sector.BUSINESS,  # financial services
    "L": Sector.BUSINESS,  # real estate
    "M": Sector.BUSINESS,  # professional, scientific and technical services
    "N": Sector.BUSINESS,  # administrative and support services
    "O": Sector.OTHER,  # public administration
    "P": Sector.EDUCATION,
    "Q": Sector.CARE,  # health and social work
    "R": Sector.CREATIVE,  # arts, entertainment and recreation
    "S": Sector.OTHER,
    "T": Sector.OTHER,
    "U": Sector.OTHER,
}
# ProgramCreboRegistration_learningPath; EX (exam only), ODT and OVO are no learning path here.
CREBO_PATHS: dict[str, str] = {"BOL": LearningPath.BOL, "BBL": LearningPath.BBL}
# ProgramProgramForm; evening education and the online forms are no learning path here.
PROGRAM_FORMS: dict[str, str] = {
    "dual": LearningPath.DUAL,
    "full-time": LearningPath.FULL_TIME,
    "part-time": LearningPath.PART_TIME,
}
ONLINE_FORMS = frozenset({"distance learning", "e-learning", "virtual classroom"})
# ProgramBasicProfile.location.
LOCATIONS: dict[str, str] = {
    "fully online": Delivery.ONLINE,
    "blended": Delivery.BLENDED,
    "fixed location": Delivery.CLASSROOM,
    "agreed location": Delivery.CLASSROOM,
}
# DurationType: an object with exactly one of these keys.
DURATION_UNITS: dict[str, str] = {
    "years": DurationUnit.YEARS,
    "months": DurationUnit.MONTHS,
    "weeks": DurationUnit.WEEKS,
    "days": DurationUnit.DAYS,
    "hours": DurationUnit.HOURS,
}
# ProgramContactHoursPartOfDay.
PARTS_OF_DAY: dict[str, str] = {
    "morning": Schedule.DAYTIME,
    "afternoon": Schedule.DAYTIME,
    "day": Schedule.DAYTIME,
    "evening": Schedule.EVENING,
    "night": Schedule.EVENING,
    "weekend": Schedule.WEEKEND,
}
# ProgramCostType and ProgramPeriodOptions, for `price_includes`. Stored content in Dutch, like
# what providers type in the spreadsheet, so not translated (the hash must not depend on the
# language active during an import).
COST_TYPES: dict[str, str] = {
    "certificate": "certificaat",
    "cost of living": "levensonderhoud",
    "examination": "examen",
    "excursions": "excursies",
    "housing": "huisvesting",
    "insurance": "verzekering",
    "location": "locatiekosten",
    "lunch": "lunch",
    "dinner": "diner",
    "registration fee": "inschrijfgeld",
    "study material": "lesmateriaal",
    "tuition fee": "lesgeld",
    "visa/permit": "visum of vergunning",
    "coaching": "coaching",
    "accommodation": "overnachting",
    "second accommodation": "tweede overnachting",
    "single payment discount": "korting bij betaling ineens",
}
PERIODS: dict[str, str] = {
    "1st year": "eerste jaar",
    "hour": "per uur",
    "day": "per dag",
    "week": "per week",
    "month": "per maand",
    "year": "per jaar",
}
HOURS_PER_ECTS = 28  # the Dutch norm (Wet op het hoger onderwijs: 28 hours a credit)
MAX_CREDITS = 420  # the spec's maximum
MAX_AMOUNT = fields.MAX_PRICE_CENTS // 100  # euros; anything above is a typo
_CREBO = re.compile(r"[A-Z0-9][0-9]{4}")
_CROHO = re.compile(r"[0-9]{5}")
_NLQF = re.compile(r"([1-8])\+?")
_BLOCK_END = re.compile(r"<br\s*/?>|</(?:p|div|li|h[1-6]|tr)>", re.IGNORECASE)


def text(value: Any) -> str:
    """A JSON string (or a whole number, which some exports write for ids and codes)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise FieldValueError(_("Expected text here, not a list, object or true/false."))


def localized(value: Any) -> str:
    """A localizedSet ({"nl": …, "en": …}): the Dutch text, else the first one given."""
    if not isinstance(value, dict):
        return text(value)
    if not all(isinstance(item, str) for item in value.values()):
        raise FieldValueError(_("Expected text per language here, for example {“nl”: “…”}."))
    for item in (value.get("nl", ""), *value.values()):
        if item.strip():
            return str(item)
    return ""


def html_text(value: Any) -> str:
    """A localizedSet of HTML as plain text: tags removed, entities resolved, one line per block."""
    markup = _BLOCK_END.sub("\n", localized(value))
    lines = (" ".join(line.split()) for line in html.unescape(strip_tags(markup)).splitlines())
    return "\n".join(line for line in lines if line)


def title(value: Any) -> str:
    name = localized(value)
    return fields.clean_text(name, field="title", maximum=fields.MAX_TITLE, minimum=fields.MIN_TITLE, required=True)


def web_link(value: Any) -> str:
    return fields.parse_url(localized(value))


def level(program_level: Any, nlqf_registrations: Any, degree: Any) -> str:
    """programLevel when it names a level; else the NLQF level (or EQF level) of the first
    registration ("4+" counts as 4); else the degree; else "none". A programLevel outside the
    spec's list goes through the shared parser, so "MBO 3" still works."""
    name = text(program_level).strip()
    code = PROGRAM_LEVELS[name] if name in PROGRAM_LEVELS else (fields.parse_level(name) if name else None)
    if code is not None and code != Level.NONE:
        return str(code)
    for registration in nlqf_registrations if isinstance(nlqf_registrations, list) else []:
        if not isinstance(registration, dict):
            continue
        for key in ("nlqfLevel", "eqfLevel"):
            match = _NLQF.fullmatch(str(registration.get(key, "")))
            if match:
                return fields.level_from_nlqf(int(match.group(1)))
    return _degree_level(degree) or str(Level.NONE)


def _degree_level(degree: Any) -> str | None:
    """ProgramDegree: the MBO diplomas and the Dutch higher-education degrees (Ad …, B …,
    BSc, LLB, Ing.; M …, MSc, LLM, Ir., Mr.). Certificates, PhD, DBA, PDEng: no level."""
    if not isinstance(degree, str):
        return None
    if degree in PROGRAM_LEVELS:
        code = PROGRAM_LEVELS[degree]
        return None if code is None else str(code)
    if degree.startswith("Ad"):
        return str(Level.ASSOCIATE_DEGREE)
    if degree == "Ing." or degree.startswith(("B", "LLB")):
        return str(Level.BACHELOR)
    if degree in ("Ir.", "Mr.") or degree.startswith(("M", "EM", "E.Ma", "LLM")):
        return str(Level.MASTER)
    return None


def programme_code(value: Any, register: str) -> str:
    code = text(value).strip()
    if register == "crebo" and not _CREBO.fullmatch(code):
        raise FieldValueError(_("A CREBO code has five characters: a digit or capital letter, then four digits."))
    if register == "croho" and not _CROHO.fullmatch(code):
        raise FieldValueError(_("A CROHO code has five digits."))
    return code


def learning_path(crebo_registrations: list[Any], program_forms: list[Any]) -> str:
    """BOL or BBL from the CREBO registration; else the first programme form that is a learning path."""
    for registration in crebo_registrations:
        path = registration.get("learningPath") if isinstance(registration, dict) else None
        if isinstance(path, str) and path in CREBO_PATHS:
            return str(CREBO_PATHS[path])
    for form in program_forms:
        if isinstance(form, str) and form in PROGRAM_FORMS:
            return str(PROGRAM_FORMS[form])
    return ""


def delivery(location: Any, fully_online: Any, program_forms: list[Any]) -> str:
    """programBasicProfile.location; else online when programClassification.fullyOnline is
    true or every programme form is an online one; else in a classroom."""
    name = text(location).strip()
    if name:
        return str(LOCATIONS[name]) if name in LOCATIONS else fields.parse_delivery(name)
    if fully_online is True or (
        program_forms and all(isinstance(form, str) and form in ONLINE_FORMS for form in program_forms)
    ):
        return str(Delivery.ONLINE)
    return str(Delivery.CLASSROOM)


def sector(themes: Any, target_sectors: Any) -> str:
    """The first theme, else the first SBI section, that says something about the sector; a
    value outside the spec's lists may be one of our own labels ("Zorg"). Never an error:
    these lists describe other things than our sectors, so "other" is a fair default."""
    for values, table in ((themes, THEMES), (target_sectors, SBI_SECTIONS)):
        for value in values if isinstance(values, list) else []:
            if not isinstance(value, str) or not value.strip():
                continue
            if value in table:
                return str(table[value])
            try:
                return fields.parse_sector(value)
            except FieldValueError:
                continue
    return str(Sector.OTHER)


def duration(value: Any) -> tuple[int | None, str]:
    """DurationType ({"months": 6}) to a number and a unit; 0 counts as not given."""
    if value is None:
        return None, ""
    if isinstance(value, dict):
        for key, unit in DURATION_UNITS.items():
            if key in value:
                number = fields.parse_whole_number(value[key])
                return (number, str(unit)) if number else (None, "")
    raise FieldValueError(_("Give the duration as years, months, weeks, days or hours, for example {“months”: 6}."))


def credit_hours(credits: Any) -> int | None:
    """The study load of the first ECTS credits (a missing system counts as ECTS), 28 hours each."""
    for item in credits if isinstance(credits, list) else []:
        if isinstance(item, dict) and item.get("system", "ECTS") == "ECTS":
            amount = _decimal(item.get("credits"), maximum=MAX_CREDITS)
            if amount is None or amount < 0:
                raise FieldValueError(_("Give the credits as a number, for example 60."))
            return int((amount * HOURS_PER_ECTS).to_integral_value(ROUND_HALF_UP))
    return None


def language(instruction_languages: Any) -> str:
    """The instruction language with the largest share; Dutch when none is given."""
    best, share = "", -1
    for item in instruction_languages if isinstance(instruction_languages, list) else []:
        if isinstance(item, dict):
            percentage = item.get("percentage")
            number = percentage if isinstance(percentage, int) and not isinstance(percentage, bool) else 0
            if number > share:
                best, share = text(item.get("languageCode")), number
    return fields.parse_language(best)


def run_date(value: Any) -> date | None:
    """ProgramDateOrEstimatedDate ({"date": "2027-09-01", "isFinal": true}); an estimated
    date is taken as it is. A plain date string is accepted too."""
    found = value.get("date") if isinstance(value, dict) else value
    return fields.parse_date(text(found))


def municipality(city: Any, context: ReaderContext) -> str:
    return fields.parse_municipality(text(city), context)


def address(value: Any) -> str:
    return fields.clean_text(text(value), field="address", maximum=300)


def schedule(parts_of_day: Any) -> str:
    """The first part of the day given; morning, afternoon and day are daytime, night is evening."""
    for part in parts_of_day if isinstance(parts_of_day, list) else [parts_of_day]:
        name = text(part).strip()
        if name:
            return str(PARTS_OF_DAY[name]) if name in PARTS_OF_DAY else fields.parse_schedule(name)
    return ""


def flag(value: Any, if_missing: bool) -> bool:
    """A JSON boolean (or "true"/"ja" written as text); `if_missing` when absent."""
    if value is None:
        return if_missing
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return fields.parse_bool(value)
    raise FieldValueError(_("Write true or false, not “%(value)s”.") % {"value": value})


def cost_amount(cost: dict[str, Any]) -> Decimal:
    """One ProgramCost including VAT. EDU-DEX gives `amount` without VAT and the VAT beside
    it: `amountVAT` (an amount), else `VATPercentage`; with neither, the amount has no VAT
    (most education is exempt). `VATExemptAmount(VAT)` and `VATCode` are not used."""
    currency = text(cost.get("currency")).strip() or "EUR"
    if currency != "EUR":
        raise FieldValueError(_("Only amounts in euros (EUR) can be shown, not %(currency)s.") % {"currency": currency})
    amount = _decimal(cost.get("amount"))
    if amount is None:
        raise FieldValueError(_("This is required."))
    vat = _decimal(cost.get("amountVAT"))
    if vat is None and cost.get("VATPercentage") is not None:
        percentage = fields.parse_whole_number(cost["VATPercentage"], maximum=100) or 0
        vat = (amount * percentage / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return amount + (vat or 0)


def price(costs: list[Any], where: str, errors: fields.Collector) -> tuple[int | None, str]:
    """The catalogue price (as EDU-DEX computes it: the required costs plus their VAT) in
    cents, and the Dutch names of those costs; (None, "") without costs."""
    if not costs:
        return None, ""
    total, labels = Decimal(0), []
    for index, cost in enumerate(costs):
        if not isinstance(cost, dict):
            errors.add(f"{where}[{index}]", _("Expected a JSON object {…} here."))
            continue
        if cost.get("isRequiredCost") is False:
            continue
        amount = errors.check(f"{where}[{index}]", cost_amount, cost, default=None)
        total += amount or 0
        cost_type, period = cost.get("costType"), cost.get("period")
        label = COST_TYPES.get(cost_type, "") if isinstance(cost_type, str) else ""
        if label and isinstance(period, str) and period in PERIODS:
            label = f"{label} ({PERIODS[period]})"
        if label and label not in labels:
            labels.append(label)
    if total < 0:
        errors.add(where, _("The required costs add up to less than zero."))
        return None, ""
    cents = errors.check(where, fields.parse_price, f"{total.quantize(Decimal('0.01'), ROUND_HALF_UP)}", default=None)
    return cents, ", ".join(labels)


def _decimal(value: Any, *, maximum: int = MAX_AMOUNT) -> Decimal | None:
    """A monetaryAmount ("1250.00") or a JSON number, at most `maximum` either way from 0."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise FieldValueError(_("“%(value)s” is not a number.") % {"value": value})
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation as error:
        raise FieldValueError(_("“%(value)s” is not a number.") % {"value": value}) from error
    if not number.is_finite():
        raise FieldValueError(_("“%(value)s” is not a number.") % {"value": value})
    if abs(number) > maximum:
        raise FieldValueError(_("Write a number from 0 to %(maximum)s.") % {"maximum": maximum})
    return number
