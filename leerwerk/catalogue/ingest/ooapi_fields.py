"""OOAPI v6 values in the catalogue's terms, for `leerwerk.catalogue.ingest.ooapi`.

Public surface: the tables `LEVELS`, `MODES_OF_STUDY`, `MODES_OF_DELIVERY`, `ISCED_FIELDS`,
`ISO_639_2` and the parsers `text`, `array`, `localised`, `plain_text`, `title`, `link`,
`level`, `programme_register`, `learning_path`, `delivery`, `sector`, `duration`,
`study_load_hours`, `language`, `moment`, `seats`, `address` and `cost_cents`. Each parser
raises `fields.FieldValueError` for a value it cannot use; the mapping is explained at each
table. The enumerations are those of the Open Education API 6.0 (`oeapi.yaml`); their
`x-…` extensions say nothing to the catalogue and are passed over."""

import html
import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from leerwerk.catalogue.ingest import fields
from leerwerk.catalogue.ingest.fields import FieldValueError
from leerwerk.catalogue.vocabulary import Delivery, DurationUnit, LearningPath, Level, Sector

# level. None: the value names no level of the catalogue; `levelOfQualification` then
# decides, and without it the level is "none" (pre-vocational, MBO without its level,
# doctorates, NT2 programmes I and II, "undefined").
LEVELS: dict[str, str | None] = {
    "pre_vocational": None,
    "secondary_vocational_education": None,
    "secondary_vocational_education_1": Level.MBO_1,
    "secondary_vocational_education_2": Level.MBO_2,
    "secondary_vocational_education_3": Level.MBO_3,
    "secondary_vocational_education_4": Level.MBO_4,
    "associate_degree": Level.ASSOCIATE_DEGREE,
    "bachelor": Level.BACHELOR,
    "master": Level.MASTER,
    "doctoral": None,
    "post_doctoral": None,
    "undefined": None,
    "undivided": Level.MASTER,  # an undivided programme ends at master level (EQF 7)
    "nt2_1": None,
    "nt2_2": None,
}
# modeOfStudy: (learning path for MBO levels, for other levels). Self-paced study is no
# learning path of the catalogue.
MODES_OF_STUDY: dict[str, tuple[str, str]] = {
    "full_time": (LearningPath.BOL, LearningPath.FULL_TIME),
    "part_time": (LearningPath.PART_TIME, LearningPath.PART_TIME),
    "dual_training": (LearningPath.BBL, LearningPath.DUAL),
    "self_paced": ("", ""),
}
# modeOfDelivery: online, in person, both, or nothing about where the learning happens.
ONLINE, IN_PERSON, BOTH = "online", "in person", "both"
MODES_OF_DELIVERY: dict[str, str | None] = {
    "online": ONLINE,
    "coil": ONLINE,  # collaborative online international learning
    "presential": IN_PERSON,
    "work_based": IN_PERSON,
    "research_lab_based": IN_PERSON,
    "blended": BOTH,
    "hybrid": BOTH,
    "joint_delivery": None,  # who teaches, not where
    "project_based": None,  # how, not where
}
# fieldsOfStudy: ISCED-F 2013 codes; the longest matching prefix decides.
ISCED_FIELDS: dict[str, str] = {
    "00": Sector.OTHER,  # generic programmes
    "001": Sector.BASIC_SKILLS,  # basic programmes
    "002": Sector.BASIC_SKILLS,  # literacy and numeracy
    "01": Sector.EDUCATION,
    "02": Sector.CREATIVE,  # arts and humanities
    "0231": Sector.BASIC_SKILLS,  # language acquisition (NT2, languages for work)
    "03": Sector.OTHER,  # social and behavioural sciences
    "032": Sector.CREATIVE,  # journalism and information
    "04": Sector.BUSINESS,  # business, administration and law
    "0416": Sector.RETAIL,  # wholesale and retail sales
    "05": Sector.OTHER,  # natural sciences, mathematics and statistics
    "052": Sector.AGRICULTURE,  # environment
    "06": Sector.ICT,
    "07": Sector.TECHNOLOGY,  # engineering and manufacturing
    "0721": Sector.AGRICULTURE,  # food processing
    "073": Sector.CONSTRUCTION,  # architecture and construction
    "08": Sector.AGRICULTURE,  # agriculture, forestry, fisheries and veterinary
    "09": Sector.CARE,  # health and welfare
    "10": Sector.OTHER,  # services
    "1013": Sector.HOSPITALITY,  # hotels, restaurants and catering
    "1014": Sector.SAFETY,  # sports
    "1015": Sector.HOSPITALITY,  # travel, tourism and leisure
    "1022": Sector.SAFETY,  # occupational health and safety
    "103": Sector.SAFETY,  # security services
    "104": Sector.LOGISTICS,  # transport services
}
# Three-letter language codes (ISO 639-2/B and /T, ISO 639-3) of the languages taught most.
ISO_639_2: dict[str, str] = {
    "nld": "nl",
    "dut": "nl",
    "eng": "en",
    "deu": "de",
    "ger": "de",
    "fra": "fr",
    "fre": "fr",
    "spa": "es",
    "ita": "it",
    "por": "pt",
    "ara": "ar",
    "tur": "tr",
    "pol": "pl",
    "ukr": "uk",
    "rus": "ru",
    "fry": "fy",
}
HOURS_PER_CREDIT = 28  # ECTS and Dutch studiepunten (sp): 28 hours a credit
_STUDY_LOAD_HOURS = frozenset({"hour", "sbu"})  # contact_time is not the whole load
_STUDY_LOAD_CREDITS = frozenset({"ects", "sp"})
_DURATION = re.compile(
    r"P(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?"
)
_EQF = re.compile(r"(?:eqf_)?([0-8])")
_PARAGRAPH_END = re.compile(r"</(?:p|div|h[1-6]|ul|ol|table)>", re.IGNORECASE)
_LINE_END = re.compile(r"<br\s*/?>|</(?:li|tr)>", re.IGNORECASE)
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_LINE_START = re.compile(r"^ {0,3}(?:#{1,6} +|> ?)", re.MULTILINE)
_MARKDOWN_EMPHASIS = re.compile(r"\*\*|__|~~|`")


def text(value: Any) -> str:
    """A JSON string (or a whole number, which some exports write for ids and codes)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise FieldValueError(_("Expected text here, not a list, object or true/false."))


def array(value: Any) -> list[Any]:
    """A JSON array; null or missing is an empty one."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    raise FieldValueError(_("Expected a list […] here."))


def localised(value: Any) -> str:
    """An array of LanguageTypedString ({"language": "nl-NL", "value": …}): the Dutch text,
    else the first one. A plain string (as older exports write) is taken as it is."""
    if not isinstance(value, list):
        return text(value)
    texts: list[tuple[str, str]] = []
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("value"), str):
            raise FieldValueError(_("Expected texts with their language here, for example {“language”: “nl-NL”, …}."))
        texts.append((text(item.get("language")).lower(), item["value"]))
    dutch = [written for language, written in texts if language.split("-")[0] == "nl" and written.strip()]
    given = [written for _language, written in texts if written.strip()]
    return (dutch or given or [""])[0]


def plain_text(value: Any) -> str:
    """A description without its markup: HTML tags and the spec's limited Markdown (links,
    headings, quotes, emphasis) removed, entities resolved; paragraphs kept."""
    markup = _LINE_END.sub("\n", _PARAGRAPH_END.sub("\n\n", localised(value)))
    plain = html.unescape(strip_tags(markup))
    plain = _MARKDOWN_EMPHASIS.sub("", _MARKDOWN_LINE_START.sub("", _MARKDOWN_LINK.sub(r"\1", plain)))
    paragraphs, lines = [], []
    for line in [*plain.splitlines(), ""]:
        if line.strip():
            lines.append(" ".join(line.split()))
        elif lines:
            paragraphs.append("\n".join(lines))
            lines = []
    return fields.clean_text("\n\n".join(paragraphs), field="description", maximum=fields.MAX_DESCRIPTION)


def title(value: Any) -> str:
    return fields.clean_text(
        localised(value), field="title", maximum=fields.MAX_TITLE, minimum=fields.MIN_TITLE, required=True
    )


def link(value: Any) -> str:
    return fields.parse_url(text(value))


def level(value: Any, qualification: Any) -> str:
    """`level` when it names a level of the catalogue; else `levelOfQualification` (eqf_1 to
    eqf_7 through the NLQF table; eqf_0, nlqf_4plus and eqf_8 have no level here); else "none"."""
    name = text(value).strip()
    code: str | None = None
    if name in LEVELS:
        code = LEVELS[name]
    elif name and not name.startswith("x-"):
        try:
            code = fields.parse_level(name)  # "MBO 3" and the like, as in a spreadsheet
        except FieldValueError:
            raise FieldValueError(
                _("“%(value)s” is not a level of OOAPI; use one of: %(values)s.")
                % {"value": name, "values": ", ".join(LEVELS)}
            ) from None
    if code is not None and code != Level.NONE:
        return str(code)
    qualification_name = text(qualification).strip()
    match = _EQF.fullmatch(qualification_name)
    if match:
        return fields.level_from_nlqf(int(match.group(1)))
    if (
        qualification_name
        and qualification_name not in ("nlqf_4plus", "4+")
        and not qualification_name.startswith("x-")
    ):
        raise FieldValueError(
            _("“%(value)s” is not a levelOfQualification; use eqf_0 to eqf_8 or nlqf_4plus.")
            % {"value": qualification_name}
        )
    return str(Level.NONE)


def programme_register(level: str) -> str:
    """CREBO codes are MBO qualifications, CROHO codes higher-education programmes; both
    have five digits, so the level tells them apart (as in the spreadsheet)."""
    return "crebo" if level.startswith("mbo") or level == Level.NONE else "croho"


def learning_path(value: Any, level: str) -> str:
    name = text(value).strip()
    if not name or name.startswith("x-"):
        return ""
    if name in MODES_OF_STUDY:
        for_mbo, for_others = MODES_OF_STUDY[name]
        return str(for_mbo if level.startswith("mbo") else for_others)
    try:
        return fields.parse_learning_path(name)
    except FieldValueError:
        raise FieldValueError(
            _("“%(value)s” is not a modeOfStudy; use one of: %(values)s.")
            % {"value": name, "values": ", ".join(MODES_OF_STUDY)}
        ) from None


def delivery(modes: Iterable[Any]) -> str | None:
    """Several modesOfDelivery together: online only, in person only, or blended (both, or
    blended/hybrid itself); None when none of them says where the learning happens."""
    found: set[str] = set()
    for mode in modes:
        name = text(mode).strip()
        if not name or name.startswith("x-"):
            continue
        if name not in MODES_OF_DELIVERY:
            raise FieldValueError(
                _("“%(value)s” is not a modeOfDelivery; use one of: %(values)s.")
                % {"value": name, "values": ", ".join(MODES_OF_DELIVERY)}
            )
        kind = MODES_OF_DELIVERY[name]
        if kind is not None:
            found.add(kind)
    if not found:
        return None
    if found == {ONLINE}:
        return str(Delivery.ONLINE)
    if found == {IN_PERSON}:
        return str(Delivery.CLASSROOM)
    return str(Delivery.BLENDED)


def sector(value: Any) -> str:
    code = text(value).strip()
    if not code:
        return str(Sector.OTHER)
    if not (code.isascii() and code.isdigit() and 2 <= len(code) <= 6):
        raise FieldValueError(
            _("“%(value)s” is not an ISCED-F field of study; write 2 to 6 digits, for example “0732”.")
            % {"value": code}
        )
    for length in range(len(code), 1, -1):
        if code[:length] in ISCED_FIELDS:
            return str(ISCED_FIELDS[code[:length]])
    return str(Sector.OTHER)


def duration(value: Any) -> tuple[int | None, str]:
    """An ISO 8601 duration in one unit: P3Y, P6M, P10W, P5D, PT40H. Years with months become
    months (P1Y6M: 18 months), whole hours in minutes or seconds become hours (PT90M is not
    whole); other mixtures have no unit of the catalogue. A zero duration counts as not given."""
    written = text(value).strip()
    if not written:
        return None, ""
    match = _DURATION.fullmatch(written.upper())
    parts = {key: Decimal(number) for key, number in match.groupdict().items() if number} if match else {}
    if not match or not parts or written.upper().endswith("T"):
        raise FieldValueError(
            _("“%(value)s” is not an ISO 8601 duration; write for example P3Y, P6M, P10W, P5D or PT40H.")
            % {"value": written}
        )
    given = {key for key, number in parts.items() if number}
    number: Decimal
    if not given:
        return None, ""
    if given <= {"hours", "minutes", "seconds"}:
        zero = Decimal(0)
        seconds = parts.get("hours", zero) * 3600 + parts.get("minutes", zero) * 60 + parts.get("seconds", zero)
        number, unit = seconds / 3600, DurationUnit.HOURS
    elif given == {"years", "months"}:
        number, unit = parts["years"] * 12 + parts["months"], DurationUnit.MONTHS
    elif len(given) == 1:
        key = given.pop()
        number, unit = parts[key], DurationUnit(key)
    else:
        raise FieldValueError(_("Give the duration in one unit, for example P18M rather than P1Y6M2D, or PT40H."))
    if number != number.to_integral_value():
        raise FieldValueError(_("Give the duration in whole hours, days, weeks, months or years."))
    return fields.parse_whole_number(int(number)), str(unit)


def study_load_hours(value: Any) -> int | None:
    """The first StudyLoadDescriptor in hours (`hour`, `sbu`), else the first in credits
    (`ects`, `sp`: 28 hours each); `contact_time` and others are no total load. Rounded. A
    single descriptor (OOAPI 5) is taken as a list of one."""
    descriptors = [value] if isinstance(value, dict) else array(value)
    in_hours: list[Any] = []
    in_credits: list[Any] = []
    for descriptor in descriptors:
        if not isinstance(descriptor, dict):
            raise FieldValueError(_("Expected a JSON object {…} here."))
        unit = text(descriptor.get("studyLoadUnit")).strip()
        if unit in _STUDY_LOAD_HOURS:
            in_hours.append(descriptor.get("value"))
        elif unit in _STUDY_LOAD_CREDITS:
            in_credits.append(descriptor.get("value"))
    if not in_hours and not in_credits:
        return None
    factor, amount = (1, in_hours[0]) if in_hours else (HOURS_PER_CREDIT, in_credits[0])
    number = _decimal(amount)
    if number is None or number < 0:
        raise FieldValueError(_("Give the study load as a number, for example 60."))
    return fields.parse_whole_number(int((number * factor).to_integral_value(ROUND_HALF_UP)))


def language(value: Any) -> str:
    """The first of teachingLanguages (RFC 4647: "nl", "nl-NL", or ISO 639-2 "nld"); Dutch
    when none is given. A single language (OOAPI 5 `teachingLanguage`) is a list of one."""
    values = [value] if isinstance(value, str) else array(value)
    if not values:
        return "nl"
    tag = text(values[0]).strip()
    primary = tag.split("-")[0].lower()
    if len(primary) == 3:
        if primary not in ISO_639_2:
            raise FieldValueError(
                _("“%(value)s” is not a language we know; write for example “nl” or “nld”.") % {"value": tag}
            )
        return ISO_639_2[primary]
    return fields.parse_language(primary)


def moment(value: Any) -> date | None:
    """An RFC 3339 date-time (or date) as the date written in it, without moving it to
    another time zone: 2027-09-01T08:30:00+02:00 is 1 September 2027."""
    written = text(value).strip()
    if not written:
        return None
    try:
        return datetime.fromisoformat(written).date()
    except ValueError:
        return fields.parse_date(written)


def seats(value: Any) -> int | None:
    """maxNumberStudents; 0 counts as not given."""
    number = value if isinstance(value, int | float) and not isinstance(value, bool) else text(value)
    return fields.parse_whole_number(number, maximum=100_000) or None


def address(street: Any, number: Any) -> str:
    return fields.clean_text(f"{text(street).strip()} {text(number).strip()}", field="address", maximum=300)


def cost_cents(cost: dict[str, Any]) -> int | None:
    """One Cost in cents including VAT: `amount` (the total), else `amountWithoutVat` plus
    `vatAmount`; None when it gives neither."""
    currency = text(cost.get("currency")).strip().upper() or "EUR"
    if currency != "EUR":
        raise FieldValueError(_("Only amounts in euros (EUR) can be shown, not %(currency)s.") % {"currency": currency})
    if cost.get("amount") is not None:
        return fields.parse_price(_amount(cost["amount"]))
    if cost.get("amountWithoutVat") is not None and cost.get("vatAmount") is not None:
        without = fields.parse_price(_amount(cost["amountWithoutVat"])) or 0
        return without + (fields.parse_price(_amount(cost["vatAmount"])) or 0)
    return None


def _amount(value: Any) -> str | int | float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return text(value)


def _decimal(value: Any) -> Decimal | None:
    """A JSON number (or a number written as text)."""
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
    return number
