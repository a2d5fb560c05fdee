"""Reader of EDU-DEX program JSON: the program body of `PUT /suppliers/{orgUnitId}/programs/
{programId}` in the EDU-DEX Data API 1.0.2 (schema `program_in`).

Public surface: `read_edudex(data, *, limits, context)`, a `Reader` (see records.py) that
yields one `ParsedRow` per program, in file order, positioned "programma 1", "programma 2", …

The file holds one program object, a JSON array of programs, or an object with a `programs`
array. The items of `programs` may also be the entries of the API's `programs_bulk_response`
(`{"orgUnitId", "programId", "clientId", "data": <program>}`, or `"error"` instead of `data`,
which becomes a row error). Field names in row errors are EDU-DEX paths, such as
`programSchedule.programRun[0].location.city` (run numbers from 0, as in JSON).

How the program maps onto an offer (the tables are in `edudex_fields`):
- external_id: `programClassification.programId` (the id in the API's URL; `clientId` is the
  client organisation, not an id of the program, so it is no fallback);
- title, description, url: `programDescriptions.programName`, `.programDescriptionText`
  (else the HTML text, else the summary), `.webLink`; Dutch text first;
- level: `programClassification.programLevel`, else the NLQF/EQF registration, else the degree;
- programme code: `creboCode` or `crohoCode` of the classification, else of the first CREBO or
  CROHO registration; learning path from the CREBO registration, else the programme form;
- delivery: `programBasicProfile.location`, else `fullyOnline` or the programme forms;
- sector: the theme, else the SBI section of the target sector, else "other";
- study load: `programCurriculum.studyLoad`, else ECTS credits × 28 hours;
- runs: `programSchedule.programRun` without the cancelled ones; a program without runs
  that has a generic run, is studied at one's own pace or starts by agreement gets one
  start-anytime run;
- price: the required costs (plus VAT) of the first run that has costs, else of the
  generic run; a price of 0 means funding "free";
- publish: `inPublication` (false keeps the offer a draft)."""

import json
from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from leerwerk.catalogue.ingest import edudex_fields as edudex
from leerwerk.catalogue.ingest import fields
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
from leerwerk.catalogue.vocabulary import FundingOption

# Raise when the mapping changes: the next import then parses every program again.
READER_VERSION = "edudex/1"

# A JSON object with one of these keys is a program (a program has no key "programs").
_PROGRAM_KEYS = frozenset(
    {
        "programClassification",
        "programDescriptions",
        "programSchedule",
        "programCurriculum",
        "programAdmission",
        "programContacts",
    }
)
_STARTS_ANYTIME = frozenset({"own pace", "agreed dates", "direct start", "agreed starting date"})
_CHECK_RUN_FIELDS = {"startdatum": "startDate", "einddatum": "endDate"}  # fields.check_run's names


def read_edudex(data: bytes, *, limits: Limits, context: ReaderContext) -> Iterator[ParsedRow]:
    if len(data) > limits.max_bytes:
        raise StructuralError(
            _("The file is %(size)s MB; at most %(maximum)s MB is accepted. Split it into smaller files.")
            % {"size": round(len(data) / 1_000_000, 1), "maximum": round(limits.max_bytes / 1_000_000, 1)}
        )
    entries = _programs(_load(data))
    if len(entries) > limits.max_rows:
        raise StructuralError(
            _("The file has more than %(maximum)s programs. Split it into smaller files.")
            % {"maximum": limits.max_rows}
        )
    label = _("program %(number)s")  # translated once: gettext costs more than reading a field
    for number, entry in enumerate(entries, start=1):
        yield _read_entry(entry, label % {"number": number}, context)


def _load(data: bytes) -> Any:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise StructuralError(
            _("The file is not UTF-8 text, which EDU-DEX JSON always is (a wrong byte at position %(position)s).")
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


def _programs(document: Any) -> list[Any]:
    """The programs in the file's top level (see the module's docstring)."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict) and "programs" in document:
        if isinstance(document["programs"], list):
            return document["programs"]
        raise StructuralError(_("“programs” must be a list of programs."))
    if isinstance(document, dict) and _PROGRAM_KEYS & document.keys():
        return [document]
    raise StructuralError(
        _("This is not EDU-DEX program data: expected a program, a list of programs or an object with “programs”.")
    )


def _read_entry(entry: Any, position: str, context: ReaderContext) -> ParsedRow:
    if not isinstance(entry, dict):
        return ParsedRow(position, "", errors=(FieldError("program", _("A program must be a JSON object {…}.")),))
    if _PROGRAM_KEYS & entry.keys() or not {"data", "error"} & entry.keys():
        return _read_or_skip(entry, position, context)
    # An entry of programs_bulk_response.
    wrapped_id = entry.get("programId")
    fallback_id = wrapped_id.strip() if isinstance(wrapped_id, str) else ""
    if isinstance(entry.get("data"), dict):
        return _read_or_skip(entry["data"], position, context, fallback_id=fallback_id)
    message = _("EDU-DEX gave no program here: %(error)s") % {"error": entry.get("error") or "-"}
    return ParsedRow(position, fallback_id, errors=(FieldError("error", message),))


def _read_or_skip(program: dict[str, Any], position: str, context: ReaderContext, fallback_id: str = "") -> ParsedRow:
    """An unchanged program (the same JSON as last time) is not parsed again."""
    classification = program.get("programClassification")
    raw_id = classification.get("programId") if isinstance(classification, dict) else None
    external_id = raw_id.strip() if isinstance(raw_id, str) and raw_id.strip() else fallback_id
    hash_ = source_hash(READER_VERSION, program)
    if context.is_unchanged(external_id, hash_):
        return ParsedRow(position, external_id, source_hash=hash_, unchanged=True)
    row = _read_program(program, position, context, fallback_id)
    row.source_hash = hash_
    return row


def _read_program(program: dict[str, Any], position: str, context: ReaderContext, fallback_id: str = "") -> ParsedRow:
    errors = fields.Collector()
    check = errors.check
    classification = _object(program, "programClassification", errors)
    descriptions = _object(program, "programDescriptions", errors)
    curriculum = _object(program, "programCurriculum", errors)
    profile = _object(program, "programBasicProfile", errors)
    schedule = _object(program, "programSchedule", errors)
    acknowledgements = _object(program, "programExternalAcknowledgements", errors)
    admission = _object(program, "programAdmission", errors)
    program_forms = _list(classification, "programForm", "programClassification.programForm", errors)
    crebo_registrations = _list(
        acknowledgements, "creboRegistration", "programExternalAcknowledgements.creboRegistration", errors
    )

    where = "programClassification.programId"
    raw_id = check(where, edudex.text, classification.get("programId"), default="").strip() or fallback_id
    external_id = check(where, fields.clean_external_id, raw_id, default=raw_id)
    title = check("programDescriptions.programName", edudex.title, descriptions.get("programName"), default="")
    register, code = _programme_code(classification, crebo_registrations, acknowledgements, errors)
    no_duration: tuple[int | None, str] = (None, "")
    duration_value, duration_unit = check(
        "programClassification.programDuration",
        edudex.duration,
        classification.get("programDuration"),
        default=no_duration,
    )
    study_load = _object(curriculum, "studyLoad", errors, "programCurriculum.studyLoad")
    study_load_hours = check(
        "programCurriculum.studyLoad.program", fields.parse_whole_number, study_load.get("program"), default=None
    ) or check("programClassification.credits", edudex.credit_hours, classification.get("credits"), default=None)
    delivery = check(
        "programBasicProfile.location",
        edudex.delivery,
        profile.get("location"),
        classification.get("fullyOnline"),
        program_forms,
        default="classroom",
    )
    runs, costs, cost_path = _runs(schedule, profile, admission, errors, context, online=delivery == "online")
    price_cents, price_includes = edudex.price(costs, cost_path, errors)
    record = OfferRecord(
        external_id=external_id,
        title=title,
        description=_description(descriptions, errors),
        level=check(
            "programClassification.programLevel",
            edudex.level,
            classification.get("programLevel"),
            acknowledgements.get("nlqfRegistration"),
            classification.get("degree"),
            default="none",
        ),
        sector=edudex.sector(classification.get("theme"), classification.get("targetSector")),
        programme_register=register,
        programme_code=code,
        learning_path=edudex.learning_path(crebo_registrations, program_forms),
        delivery=delivery,
        language=check(
            "programCurriculum.instructionLanguage",
            edudex.language,
            curriculum.get("instructionLanguage"),
            default="nl",
        ),
        duration_value=duration_value,
        duration_unit=duration_unit,
        study_load_hours=study_load_hours,
        hours_per_week=check(
            "programCurriculum.studyLoad.week",
            fields.parse_whole_number,
            study_load.get("week"),
            maximum=100,
            default=None,
        ),
        price_cents=price_cents,
        price_includes=price_includes,
        funding_options=(str(FundingOption.FREE),) if price_cents == 0 else (),
        url=check("programDescriptions.webLink", edudex.web_link, descriptions.get("webLink"), default=""),
        publish=check("inPublication", edudex.flag, program.get("inPublication"), True, default=True),
        runs=tuple(runs),
    )
    if errors.errors:
        return ParsedRow(position=position, external_id=external_id, errors=tuple(errors.errors))
    return ParsedRow(position=position, external_id=external_id, record=record)


def _description(descriptions: dict[str, Any], errors: fields.Collector) -> str:
    where = "programDescriptions.programDescriptionText"
    text = errors.check(where, edudex.localized, descriptions.get("programDescriptionText"), default="")
    if not text.strip():
        where = "programDescriptions.programDescriptionHtml"
        text = errors.check(where, edudex.html_text, descriptions.get("programDescriptionHtml"), default="")
    if not text.strip():
        where = "programDescriptions.programSummaryText"
        text = errors.check(where, edudex.localized, descriptions.get("programSummaryText"), default="")
    return errors.check(where, fields.clean_text, text, field="description", maximum=fields.MAX_DESCRIPTION, default="")


def _programme_code(
    classification: dict[str, Any],
    crebo_registrations: list[Any],
    acknowledgements: dict[str, Any],
    errors: fields.Collector,
) -> tuple[str, str]:
    """The CREBO or CROHO code: the classification's, else that of the first registration."""
    candidates = [
        ("programClassification.creboCode", classification.get("creboCode"), "crebo"),
        ("programClassification.crohoCode", classification.get("crohoCode"), "croho"),
    ]
    where = "programExternalAcknowledgements.crohoRegistration"
    croho_registrations = _list(acknowledgements, "crohoRegistration", where, errors)
    for register, registrations in (("crebo", crebo_registrations), ("croho", croho_registrations)):
        if registrations and isinstance(registrations[0], dict):
            where = f"programExternalAcknowledgements.{register}Registration[0].{register}Code"
            candidates.append((where, registrations[0].get(f"{register}Code"), register))
    for where, value, register in candidates:
        if value is not None and value != "":
            code = errors.check(where, edudex.programme_code, value, register, default="")
            return (register, code) if code else ("", "")
    return "", ""


def _runs(
    schedule: dict[str, Any],
    profile: dict[str, Any],
    admission: dict[str, Any],
    errors: fields.Collector,
    context: ReaderContext,
    *,
    online: bool,
) -> tuple[list[RunRecord], list[Any], str]:
    """The runs (those of a program that is online as a whole have no place), and the costs
    that make the price with their path."""
    runs: list[RunRecord] = []
    costs: list[Any] = []
    cost_path = ""
    scheduled = _list(schedule, "programRun", "programSchedule.programRun", errors)
    generic = _object(schedule, "genericProgramRun", errors, "programSchedule.genericProgramRun")
    for index, run in enumerate(scheduled):
        where = f"programSchedule.programRun[{index}]"
        if not isinstance(run, dict):
            errors.add(where, _("Expected a JSON object {…} here."))
            continue
        if run.get("status") == "canceled":
            continue
        runs.append(_read_run(run, where, errors, context, start_anytime=False, online=online))
        run_costs = _list(run, "cost", f"{where}.cost", errors)
        if run_costs and not costs:
            costs, cost_path = run_costs, f"{where}.cost"
    indications = (profile.get("schedule"), admission.get("startDateDetermination"))
    anytime = any(isinstance(value, str) and value in _STARTS_ANYTIME for value in indications)
    if not scheduled and (generic or anytime):
        generic_where = "programSchedule.genericProgramRun"
        runs.append(_read_run(generic, generic_where, errors, context, start_anytime=True, online=online))
    if not costs:
        cost_path = "programSchedule.genericProgramRun.cost"
        costs = _list(generic, "cost", cost_path, errors)
    return runs, costs, cost_path


def _read_run(
    run: dict[str, Any],
    where: str,
    errors: fields.Collector,
    context: ReaderContext,
    *,
    start_anytime: bool,
    online: bool,
) -> RunRecord:
    check = errors.check
    location = _object(run, "location", errors, f"{where}.location")
    online = online or run.get("fullyOnline") is True
    record = RunRecord(
        starts_on=None
        if start_anytime
        else check(f"{where}.startDate", edudex.run_date, run.get("startDate"), default=None),
        ends_on=None if start_anytime else check(f"{where}.endDate", edudex.run_date, run.get("endDate"), default=None),
        start_anytime=start_anytime,
        municipality_code=""
        if online
        else check(f"{where}.location.city", edudex.municipality, location.get("city"), context, default=""),
        address=check(f"{where}.location.address", edudex.address, location.get("address"), default=""),
        seats=check(
            f"{where}.maxNumberOfParticipants",
            fields.parse_whole_number,
            run.get("maxNumberOfParticipants"),
            maximum=100_000,
            default=None,
        )
        or None,
        schedule=check(f"{where}.contactHoursPartOfDay", edudex.schedule, run.get("contactHoursPartOfDay"), default=""),
    )
    reported = {error.field for error in errors.errors}
    for error in fields.check_run(record):
        field = f"{where}.{_CHECK_RUN_FIELDS.get(error.field, error.field)}"
        if field not in reported:  # a date that could not be read is reported once
            errors.add(field, error.message)
    return record


def _object(parent: dict[str, Any], key: str, errors: fields.Collector, where: str = "") -> dict[str, Any]:
    """parent[key] when it is an object; {} when it is missing, with an error when it is something else."""
    value = parent.get(key)
    if isinstance(value, dict):
        return value
    if value is not None:
        errors.add(where or key, _("Expected a JSON object {…} here."))
    return {}


def _list(parent: dict[str, Any], key: str, where: str, errors: fields.Collector) -> list[Any]:
    value = parent.get(key)
    if isinstance(value, list):
        return value
    if value is not None:
        errors.add(where, _("Expected a list […] here."))
    return []
