"""Reader of Open Education API (OOAPI/OEAPI) 6.0 JSON: courses and programmes with their
offerings, as the API returns them.

Public surface: `read_ooapi(data, *, limits, context)`, a `Reader` (see records.py) that
yields one `ParsedRow` per course or programme in document order, positioned "item 1",
"item 2", … (the item's number in the document, from 1).

The document is a course or programme (`GET /courses/{id}`); an offering with its course or
programme expanded (`GET /course-offerings/{id}?expand=course`); or a page as the list
endpoints return it (`{"pageSize", "pageNumber", "hasPreviousPage", "hasNextPage", "items"}`)
of courses, programmes and offerings, mixed. OOAPI 6 cannot expand a course's offerings
(only the course inside an offering), but an `offerings` array in a course or programme is
accepted, as exports of one course with its offerings do that. A separate offering belongs to
the course or programme of its `courseId`/`programmeId` (or of its expanded `course`/
`programme`) in the same document; if only its expansion has it, the expansion becomes the
offer, positioned at the offering. An offering whose course or programme is in neither place
is a row error of its own at its position: a course and its offerings come in one document.
So is an item that is no object, or no course, programme or offering.

Field names in row errors are OOAPI paths from the item at the row's position (`name`,
`offerings[2].startDateTime`, `course.name` in an offering); separate offerings are named from
the top of the document (`items[4].startDateTime`). Indices count from 0, as in JSON.

How a course or programme maps onto an offer (the value tables are in `ooapi_fields`):
- external_id: `courseId`/`programmeId`, the API's stable id that offerings refer to
  (`primaryCode` is a human-readable code that need not be unique or fit an id);
- title, description, url: `name`, `description` (without HTML and Markdown), `link`; the
  Dutch text (`nl`, `nl-NL`, …) first, else the first;
- level: `level`, else `levelOfQualification` (EQF through the NLQF table), else "none";
- programme code: the first `primaryCode`/`otherCodes` entry of codeType `programme_code`
  (OOAPI 6: the RIO code, for accredited programmes the CREBO/CROHO code) or
  `crohoCreboCode` (OOAPI 5) with five digits; CREBO for MBO levels and "none", else CROHO;
- learning path: `modeOfStudy` (programmes only); delivery: `modesOfDelivery`, else those of
  the offerings, else classroom; sector: `fieldsOfStudy` (ISCED-F), else "other";
- language: the first of `teachingLanguages`; duration: `duration` (ISO 8601); study load:
  `studyLoad` in hours, else in ECTS/sp × 28;
- runs: the offerings but the cancelled and concept ones; dates from `startDateTime`/
  `endDateTime`; no start but a flexible entry period: start anytime; place: the offering's
  (else the course's) teaching address, else visit address, else another that is not postal,
  invoicing or deliveries (its `city` must be a municipality); seats: `maxNumberStudents`;
  no schedule (OOAPI has no part of the day);
- price: the `total_costs` (else first) cost of the first offering with `priceInformation`,
  including VAT; a price of 0 means funding "free";
- publish: always (a course or programme has no state; `validFrom`/`validTo` are not used)."""

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from leerwerk.catalogue.ingest import fields
from leerwerk.catalogue.ingest import ooapi_fields as ooapi
from leerwerk.catalogue.ingest.records import (
    FieldError,
    Limits,
    OfferRecord,
    ParsedRow,
    ReaderContext,
    RunRecord,
    StructuralError,
    source_hash,
)
from leerwerk.catalogue.vocabulary import Delivery, FundingOption

# Raise when the mapping changes: the next import then parses every course again.
READER_VERSION = "ooapi/1"

_ID_KEYS = {"course": "courseId", "programme": "programmeId"}
# The key that makes an object an offering of a course or programme, or one of those.
_KINDS = (
    ("courseOfferingId", "course", True),
    ("programmeOfferingId", "programme", True),
    ("programmeId", "programme", False),
    ("courseId", "course", False),
)
_PROGRAMME_CODE_TYPES = frozenset({"programme_code", "crohoCreboCode"})
_SKIPPED_STATES = frozenset({"cancelled", "concept"})
_ADDRESS_RANKS = {"teaching": 0, "visit": 1}  # then any other address but these:
_NO_PLACES = frozenset({"postal", "invoicing", "deliveries"})
_MISSING_COURSE = gettext_noop("The file holds no course with this id; give a course and its offerings in one file.")
_MISSING_PROGRAMME = gettext_noop(
    "The file holds no programme with this id; give a programme and its offerings in one file."
)
_CHECK_RUN_FIELDS = {"startdatum": "startDateTime", "einddatum": "endDateTime"}  # fields.check_run's names


@dataclass
class _Offer:
    """A course or programme (`kind`) found at item `number`; `prefix` is its path from that item."""

    kind: str
    item: dict[str, Any]
    number: int
    prefix: str = ""
    offerings: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # listed separately


@dataclass(frozen=True)
class _Problem:
    """An item that gives no offer."""

    number: int
    external_id: str
    field: str
    message: str


def read_ooapi(data: bytes, *, limits: Limits, context: ReaderContext) -> Iterator[ParsedRow]:
    if len(data) > limits.max_bytes:
        raise StructuralError(
            _("The file is %(size)s MB; at most %(maximum)s MB is accepted. Split it into smaller files.")
            % {"size": round(len(data) / 1_000_000, 1), "maximum": round(limits.max_bytes / 1_000_000, 1)}
        )
    items, root = _items(_load(data))
    entries = _gather(items, root)
    if len(entries) > limits.max_rows:
        raise StructuralError(
            _("The file has more than %(maximum)s courses and programmes. Split it into smaller files.")
            % {"maximum": limits.max_rows}
        )
    label = _("item %(number)s")  # translated once: gettext costs more than reading a field
    for entry in entries:
        position = label % {"number": entry.number}
        if isinstance(entry, _Problem):
            yield ParsedRow(position, entry.external_id, errors=(FieldError(entry.field, entry.message),))
        else:
            yield _read_or_skip(entry, position, context)


def _load(data: bytes) -> Any:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise StructuralError(
            _("The file is not UTF-8 text, which OOAPI JSON always is (a wrong byte at position %(position)s).")
            % {"position": error.start}
        ) from error
    if not text.strip():
        raise StructuralError(_("The file is empty."))
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        where = {"line": error.lineno, "column": error.colno, "error": error.msg}
        if not text[error.pos :].strip() or error.msg.startswith("Unterminated"):
            raise StructuralError(
                _("The JSON stops at line %(line)s, column %(column)s before it is complete; is the file cut off?")
                % where
            ) from error
        raise StructuralError(
            _("The file is not valid JSON: %(error)s at line %(line)s, column %(column)s.") % where
        ) from error
    except (ValueError, RecursionError) as error:  # NaN, a number too long, nesting too deep
        raise StructuralError(_("The file is not valid JSON: %(error)s.") % {"error": error}) from error


def _refuse_constant(name: str) -> None:
    raise ValueError(_("%(name)s is not a number in JSON") % {"name": name})


def _items(document: Any) -> tuple[list[Any], str]:
    """The items of the document, and the path of their list ("" for a single object)."""
    if isinstance(document, dict) and "items" in document:
        if isinstance(document["items"], list):
            return document["items"], "items"
        raise StructuralError(_("“items” must be a list of courses, programmes or offerings."))
    if isinstance(document, dict) and _kind(document) is not None:
        return [document], ""
    raise StructuralError(
        _(
            "This is not OOAPI data: expected a course, a programme, an offering, or a page of them "
            "(an object with “items”)."
        )
    )


def _kind(item: dict[str, Any]) -> tuple[str, bool] | None:
    """("course" or "programme", whether it is an offering of one), or None."""
    for key, kind, is_offering in _KINDS:
        if key in item:
            return kind, is_offering
    return None


def _gather(items: list[Any], root: str) -> list[_Offer | _Problem]:
    """The offers and problems of the document in item order, offerings attached."""
    entries: list[_Offer | _Problem] = []
    offers: dict[tuple[str, str], _Offer] = {}
    offerings: list[tuple[int, str, str, dict[str, Any]]] = []
    for index, item in enumerate(items):
        number, path = index + 1, f"{root}[{index}]" if root else ""
        kind = _kind(item) if isinstance(item, dict) else None
        if not isinstance(item, dict):
            entries.append(_Problem(number, "", path, _("Expected a JSON object {…} here.")))
        elif kind is None:
            message = _(
                "This is no course, programme or offering: it has no courseId, programmeId, courseOfferingId "
                "or programmeOfferingId."
            )
            entries.append(_Problem(number, "", path, message))
        elif kind[1]:
            offerings.append((number, path, kind[0], item))
        else:
            entries.append(_register(_Offer(kind[0], item, number), offers))
    for number, path, base, offering in offerings:
        expanded = offering.get(base)
        reference = _reference(offering.get(_ID_KEYS[base]))
        if not reference and isinstance(expanded, dict):
            reference = _reference(expanded.get(_ID_KEYS[base]))
        offer = offers.get((base, reference)) if reference else None
        if offer is None and isinstance(expanded, dict):
            if reference and _ID_KEYS[base] not in expanded:  # the offering's courseId beside its course
                expanded = {**expanded, _ID_KEYS[base]: reference}
            offer = _register(_Offer(base, expanded, number, _join(path, base)), offers)
            entries.append(offer)
        if offer is None:
            message = _MISSING_COURSE if base == "course" else _MISSING_PROGRAMME
            entries.append(_Problem(number, reference, _join(path, _ID_KEYS[base]), _(message)))
        else:
            offer.offerings.append((path, offering))
    entries.sort(key=lambda entry: entry.number)
    return entries


def _register(offer: _Offer, offers: dict[tuple[str, str], _Offer]) -> _Offer:
    """Make `offer` findable by its id; offerings go to the first of equal ids."""
    reference = _reference(offer.item.get(_ID_KEYS[offer.kind]))
    if reference:
        offers.setdefault((offer.kind, reference), offer)
    return offer


def _reference(value: Any) -> str:
    return str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else ""


def _name(value: Any) -> str:
    """An enumeration value, or "" for anything that is no text."""
    return value if isinstance(value, str) else ""


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def _key(item: dict[str, Any], name: str, older_name: str) -> str:
    """`name`, or the OOAPI 5 name of the same property when only that is given."""
    return older_name if name not in item and older_name in item else name


def _read_or_skip(offer: _Offer, position: str, context: ReaderContext) -> ParsedRow:
    """An unchanged course or programme (the same JSON, with the same offerings, as last
    time) is not parsed again."""
    raw_id = offer.item.get(_ID_KEYS[offer.kind])
    external_id = raw_id.strip() if isinstance(raw_id, str) else ""
    hash_ = source_hash(READER_VERSION, [offer.kind, offer.item, [item for _path, item in offer.offerings]])
    if context.is_unchanged(external_id, hash_):
        return ParsedRow(position, external_id, source_hash=hash_, unchanged=True)
    row = _read_offer(offer, position, context)
    row.source_hash = hash_
    return row


def _read_offer(offer: _Offer, position: str, context: ReaderContext) -> ParsedRow:
    errors = fields.Collector()
    check = errors.check
    item, at = offer.item, partial(_join, offer.prefix)
    id_key = _ID_KEYS[offer.kind]
    raw_id = check(at(id_key), ooapi.text, item.get(id_key), default="").strip()
    external_id = check(at(id_key), fields.clean_external_id, raw_id, default=raw_id)
    level = check(at("level"), ooapi.level, item.get("level"), item.get("levelOfQualification"), default="none")
    no_duration: tuple[int | None, str] = (None, "")
    duration_value, duration_unit = check(at("duration"), ooapi.duration, item.get("duration"), default=no_duration)
    runs, price_cents, run_deliveries = _runs(offer, errors, context)
    modes = _key(item, "modesOfDelivery", "modeOfDelivery")
    delivery = check(at(modes), ooapi.delivery, _list(item, modes, at(modes), errors), default=None)
    if delivery is None:
        delivery = run_deliveries.pop() if len(run_deliveries) == 1 else None
    if delivery is None:
        delivery = str(Delivery.BLENDED if run_deliveries else Delivery.CLASSROOM)
    languages = _key(item, "teachingLanguages", "teachingLanguage")
    register, code = _programme_code(item, at, level, errors)
    record = OfferRecord(
        external_id=external_id,
        title=check(at("name"), ooapi.title, item.get("name"), default=""),
        description=check(at("description"), ooapi.plain_text, item.get("description"), default=""),
        level=level,
        sector=check(at("fieldsOfStudy"), ooapi.sector, item.get("fieldsOfStudy"), default="other"),
        programme_register=register,
        programme_code=code,
        learning_path=check(at("modeOfStudy"), ooapi.learning_path, item.get("modeOfStudy"), level, default=""),
        delivery=delivery,
        language=check(at(languages), ooapi.language, item.get(languages), default="nl"),
        duration_value=duration_value,
        duration_unit=duration_unit,
        study_load_hours=check(at("studyLoad"), ooapi.study_load_hours, item.get("studyLoad"), default=None),
        price_cents=price_cents,
        funding_options=(str(FundingOption.FREE),) if price_cents == 0 else (),
        url=check(at("link"), ooapi.link, item.get("link"), default=""),
        publish=True,
        runs=tuple(runs),
    )
    if errors.errors:
        return ParsedRow(position=position, external_id=external_id, errors=tuple(errors.errors))
    return ParsedRow(position=position, external_id=external_id, record=record)


def _programme_code(
    item: dict[str, Any], at: Callable[[str], str], level: str, errors: fields.Collector
) -> tuple[str, str]:
    entries = [(at("primaryCode"), item.get("primaryCode"))]
    entries += [
        (at(f"otherCodes[{index}]"), entry)
        for index, entry in enumerate(_list(item, "otherCodes", at("otherCodes"), errors))
    ]
    for where, entry in entries:
        if not isinstance(entry, dict):
            if entry is not None:
                errors.add(where, _("Expected a JSON object {…} here."))
            continue
        code_type = entry.get("codeType")
        if not isinstance(code_type, str) or code_type not in _PROGRAMME_CODE_TYPES:
            continue
        code = errors.check(f"{where}.code", ooapi.text, entry.get("code"), default="").strip()
        if len(code) == 5 and code.isascii() and code.isdigit():
            return ooapi.programme_register(level), code
        if code_type == "crohoCreboCode":  # programme_code may be an own code ("BIO")
            errors.add(f"{where}.code", _("A CREBO or CROHO code has five digits."))
    return "", ""


def _runs(
    offer: _Offer, errors: fields.Collector, context: ReaderContext
) -> tuple[list[RunRecord], int | None, set[str]]:
    """The runs, the price (of the first offering that has one) and the offerings' deliveries."""
    at = partial(_join, offer.prefix)
    embedded = _list(offer.item, "offerings", at("offerings"), errors)
    offerings: list[tuple[str, Any]] = [(at(f"offerings[{index}]"), value) for index, value in enumerate(embedded)]
    offerings += offer.offerings
    fallback = (at("addresses"), offer.item.get("addresses"))
    runs: list[RunRecord] = []
    deliveries: set[str] = set()
    price: int | None = None
    for path, offering in offerings:
        if not isinstance(offering, dict):
            errors.add(path, _("Expected a JSON object {…} here."))
            continue
        if _name(offering.get("state")) in _SKIPPED_STATES:
            continue
        runs.append(_read_run(offering, path, fallback, errors, context))
        modes = _join(path, "modesOfDelivery")
        delivery = errors.check(modes, ooapi.delivery, _list(offering, "modesOfDelivery", modes, errors), default=None)
        if delivery is not None:
            deliveries.add(delivery)
        if price is None:
            price = _price(offering, path, errors)
    return runs, price, deliveries


def _read_run(
    offering: dict[str, Any],
    path: str,
    fallback: tuple[str, Any],
    errors: fields.Collector,
    context: ReaderContext,
) -> RunRecord:
    check, at = errors.check, partial(_join, path)
    starts_on = check(at("startDateTime"), ooapi.moment, offering.get("startDateTime"), default=None)
    flexible_key = "flexibleEntryPeriodStartDateTime"
    flexible = check(at(flexible_key), ooapi.moment, offering.get(flexible_key), default=None)
    where, addresses = (at("addresses"), offering.get("addresses")) if offering.get("addresses") else fallback
    municipality_code, address = _place(check(where, ooapi.array, addresses, default=[]), where, errors, context)
    run = RunRecord(
        starts_on=starts_on,
        ends_on=check(at("endDateTime"), ooapi.moment, offering.get("endDateTime"), default=None),
        start_anytime=starts_on is None and flexible is not None,
        municipality_code=municipality_code,
        address=address,
        seats=check(at("maxNumberStudents"), ooapi.seats, offering.get("maxNumberStudents"), default=None),
    )
    reported = {error.field for error in errors.errors}
    for error in fields.check_run(run):
        name = at(_CHECK_RUN_FIELDS.get(error.field, error.field))
        if name not in reported:  # a date that could not be read is reported once
            errors.add(name, error.message)
    return run


def _place(addresses: list[Any], where: str, errors: fields.Collector, context: ReaderContext) -> tuple[str, str]:
    """The municipality code and street address of the first teaching address, else visit
    address, else other address (not postal, invoicing or deliveries); ("", "") without one."""
    found = []
    for index, value in enumerate(addresses):
        if not isinstance(value, dict):
            errors.add(f"{where}[{index}]", _("Expected a JSON object {…} here."))
        elif _name(value.get("addressType")) not in _NO_PLACES:
            found.append((index, value))
    if not found:
        return "", ""
    index, chosen = min(found, key=lambda pair: _ADDRESS_RANKS.get(_name(pair[1].get("addressType")), 2))
    at = partial(_join, f"{where}[{index}]")
    city = errors.check(at("city"), ooapi.text, chosen.get("city"), default="")
    return (
        errors.check(at("city"), fields.parse_municipality, city, context, default=""),
        errors.check(at("street"), ooapi.address, chosen.get("street"), chosen.get("streetNumber"), default=""),
    )


def _price(offering: dict[str, Any], path: str, errors: fields.Collector) -> int | None:
    """Cents including VAT of the offering's `total_costs`, else of its first cost with an amount."""
    where = _join(path, "priceInformation")
    costs = list(enumerate(_list(offering, "priceInformation", where, errors)))
    costs.sort(key=lambda pair: not (isinstance(pair[1], dict) and pair[1].get("costType") == "total_costs"))
    for index, cost in costs:
        if not isinstance(cost, dict):
            errors.add(f"{where}[{index}]", _("Expected a JSON object {…} here."))
            continue
        cents = errors.check(f"{where}[{index}]", ooapi.cost_cents, cost, default=None)
        if cents is not None:
            return cents
    return None


def _list(parent: dict[str, Any], key: str, where: str, errors: fields.Collector) -> list[Any]:
    value = parent.get(key)
    if isinstance(value, list):
        return value
    if value is not None:
        errors.add(where, _("Expected a list […] here."))
    return []
