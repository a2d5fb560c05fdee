"""Readers of the spreadsheet template (CSV and XLSX) that the provider workspace offers.

One row is one offer with one run. An offer with more runs repeats its `eigen_id` on the
rows directly below it, each with its own start date and place; the offer's other columns
are then left empty (or equal to the first row). The column list below is the template:
`leerwerk.catalogue.templates_download` writes it, the readers check against it."""

import codecs
import csv
import difflib
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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


@dataclass(frozen=True)
class Column:
    name: str
    help: Any  # a lazy translation
    example: str
    example_next_run: str = ""
    required: bool = False
    belongs_to_run: bool = False


COLUMNS: tuple[Column, ...] = (
    Column(
        "eigen_id",
        gettext_lazy("Your own unique code for the offer (letters, digits, - and _)."),
        "VP-2027-01",
        "VP-2027-01",
        required=True,
    ),
    Column("titel", gettext_lazy("The name of the offer, 3 to 300 characters."), "Verzorgende IG (BBL)", required=True),
    Column(
        "omschrijving",
        gettext_lazy("What you learn and can do afterwards, for whom, in plain Dutch."),
        "Je leert zorgen voor cliënten in de ouderenzorg, terwijl je werkt en betaald krijgt.",
    ),
    Column(
        "niveau", gettext_lazy("MBO 1 to MBO 4, Associate degree, Bachelor, Master, or empty for a course."), "MBO 3"
    ),
    Column("sector", gettext_lazy("For example Zorg en welzijn, Techniek, ICT, Logistiek."), "Zorg en welzijn"),
    Column("crebo_croho", gettext_lazy("The CREBO code (MBO) or CROHO code (higher education), if any."), "25491"),
    Column("leerweg", gettext_lazy("BOL, BBL, voltijd, deeltijd or duaal."), "BBL"),
    Column("lesvorm", gettext_lazy("Online, klassikaal or blended."), "klassikaal"),
    Column("taal", gettext_lazy("Language of teaching: nl, en, …"), "nl"),
    Column("duur", gettext_lazy("How long it takes, a whole number."), "3"),
    Column("duur_eenheid", gettext_lazy("uren, dagen, weken, maanden or jaren."), "jaren"),
    Column("studiebelasting_uren", gettext_lazy("Total study load in hours."), "2400"),
    Column("uren_per_week", gettext_lazy("Hours a week, lessons and self-study."), "8"),
    Column("prijs", gettext_lazy("Price in euros including VAT; 0 or “gratis” when free."), "1250,00"),
    Column(
        "prijs_inclusief",
        gettext_lazy("What the price includes, for example books and exam."),
        "lesmateriaal en examen",
    ),
    Column(
        "financiering",
        gettext_lazy("Who can pay, separated by ;: gratis, werkgever, sectorfonds, gemeente, UWV, eigen budget."),
        "werkgever; sectorfonds",
    ),
    Column(
        "url",
        gettext_lazy("The page about this offer on your website (https://…)."),
        "https://www.voorbeeld.nl/opleidingen/verzorgende-ig",
    ),
    Column("publiceren", gettext_lazy("ja to publish, nee to keep it as a draft; empty means ja."), "ja"),
    Column(
        "startdatum",
        gettext_lazy("First day of this run: 2027-09-01 or 01-09-2027."),
        "2027-09-01",
        "2028-02-01",
        belongs_to_run=True,
    ),
    Column("einddatum", gettext_lazy("Last day of this run, if known."), "2030-07-01", belongs_to_run=True),
    Column(
        "altijd_starten",
        gettext_lazy("ja when one can start anytime (then no start date is needed)."),
        "nee",
        "nee",
        belongs_to_run=True,
    ),
    Column(
        "gemeente",
        gettext_lazy("Municipality where the run takes place (name or CBS code); empty for online."),
        "'s-Hertogenbosch",
        "Oss",
        belongs_to_run=True,
    ),
    Column("adres", gettext_lazy("Street address of the location."), "Onderwijsboulevard 3", belongs_to_run=True),
    Column("plaatsen", gettext_lazy("Number of seats, if limited."), "20", "16", belongs_to_run=True),
    Column("dagdeel", gettext_lazy("overdag, avond or weekend."), "overdag", "avond", belongs_to_run=True),
)
COLUMN_NAMES = tuple(column.name for column in COLUMNS)
# Raise when the mapping changes: the next import then parses every row again.
READER_VERSION = "spreadsheet/1"
REQUIRED_COLUMNS = tuple(column.name for column in COLUMNS if column.required)
OFFER_COLUMNS = tuple(column.name for column in COLUMNS if not column.belongs_to_run and column.name != "eigen_id")


def read_csv(data: bytes, *, limits: Limits, context: ReaderContext) -> Iterator[ParsedRow]:
    if len(data) > limits.max_bytes:
        raise StructuralError(_too_large(len(data), limits))
    encoding = _encoding(data)
    end = data.find(b"\n")
    first_line = data[: end if end >= 0 else len(data)].decode(encoding, errors="replace")
    delimiter = max(";,\t", key=first_line.count)
    # Decoded as it is read, not as a whole: a 65 MB file would take 130 MB more as one string.
    text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    # strict: an unterminated quote (a file cut off inside a value) is an error, not data.
    reader = csv.reader(text, delimiter=delimiter, strict=True)
    try:
        rows: Iterable[tuple[int, Sequence[Any]]] = ((reader.line_num, row) for row in reader)
        yield from _read_rows(rows, limits=limits, context=context, text_cells=True)
    except csv.Error as error:
        raise StructuralError(
            _("The CSV file cannot be read at line %(line)s: %(error)s") % {"line": reader.line_num, "error": error}
        ) from error


def read_xlsx(data: bytes, *, limits: Limits, context: ReaderContext) -> Iterator[ParsedRow]:
    # openpyxl parses the workbook's XML with defusedxml when it is installed (it is a
    # dependency of Leerwerk), which refuses entity expansion ("billion laughs").
    from openpyxl import load_workbook

    if len(data) > limits.max_bytes:
        raise StructuralError(_too_large(len(data), limits))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise StructuralError(_("This is not an Excel file (.xlsx) that can be read.")) from error
    except Exception as error:  # defusedxml's refusals and XML syntax errors have no common base
        raise StructuralError(
            _("The Excel file cannot be read: %(error)s") % {"error": type(error).__name__}
        ) from error
    try:
        sheet = workbook["Opleidingen"] if "Opleidingen" in workbook.sheetnames else workbook.worksheets[0]
        rows = ((number, row) for number, row in enumerate(sheet.iter_rows(values_only=True), start=1))
        yield from _read_rows(rows, limits=limits, context=context)
    except StructuralError:
        raise
    except Exception as error:  # a sheet that breaks half-way (truncated or refused XML)
        raise StructuralError(
            _("The Excel file cannot be read: %(error)s") % {"error": type(error).__name__}
        ) from error
    finally:
        workbook.close()


def _encoding(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark) or Windows-1252, checked over the whole
    file a megabyte at a time, without keeping the text."""
    if b"\x00" in data[:4096]:
        raise StructuralError(
            _("The file is not text in UTF-8 or Windows-1252 (it looks like UTF-16). Save it as “CSV UTF-8”.")
        )
    for encoding in ("utf-8-sig", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            for start in range(0, len(data), 1 << 20):
                decoder.decode(data[start : start + (1 << 20)])
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    raise StructuralError(_("The file is neither UTF-8 nor Windows-1252 text. Save it as “CSV UTF-8”."))


def _too_large(size: int, limits: Limits) -> str:
    return _("The file is %(size)s MB; at most %(maximum)s MB is accepted. Split it into smaller files.") % {
        "size": round(size / 1_000_000, 1),
        "maximum": round(limits.max_bytes / 1_000_000, 1),
    }


def _header(values: Sequence[Any]) -> list[str]:
    names = [fields.normalise(str(value or "")).replace(" ", "_") for value in values]
    while names and not names[-1]:
        names.pop()
    missing = [name for name in REQUIRED_COLUMNS if name not in names]
    unknown = [name for name in names if name and name not in COLUMN_NAMES]
    if unknown:
        hints = []
        for name in unknown:
            close = difflib.get_close_matches(name, COLUMN_NAMES, n=1)
            hints.append(
                _("“%(name)s” (did you mean “%(close)s”?)") % {"name": name, "close": close[0]}
                if close
                else f"“{name}”"
            )
        raise StructuralError(
            _("Unknown columns: %(columns)s. Use the columns of the template.") % {"columns": ", ".join(hints)}
        )
    if missing:
        raise StructuralError(_("Required columns are missing: %(columns)s.") % {"columns": ", ".join(missing)})
    duplicates = sorted({name for name in names if name and names.count(name) > 1})
    if duplicates:
        raise StructuralError(_("These columns occur twice: %(columns)s.") % {"columns": ", ".join(duplicates)})
    return names


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _read_rows(
    rows: Iterable[tuple[int, Sequence[Any]]], *, limits: Limits, context: ReaderContext, text_cells: bool = False
) -> Iterator[ParsedRow]:
    """`text_cells`: the cells are strings already (CSV); otherwise they are converted (XLSX)."""
    iterator = iter(rows)
    try:
        _number, header_values = next(iterator)
    except StopIteration:
        raise StructuralError(_("The file is empty.")) from None
    names = _header(header_values)
    labels = (_("row %(row)s"), _("rows %(first)s–%(last)s"))  # translated once
    pending: _PendingOffer | None = None
    seen: dict[str, int] = {}
    count = 0
    for number, raw in iterator:
        values = raw if text_cells else [_cell(value) for value in raw]
        if not any(value.strip() for value in values):
            continue
        count += 1
        if count > limits.max_rows:
            raise StructuralError(
                _("The file has more than %(maximum)s rows. Split it into smaller files.")
                % {"maximum": limits.max_rows}
            )
        cells = {name: value for name, value in zip(names, values, strict=False) if name}
        overflow = len(values) > len(names) and any(value.strip() for value in values[len(names) :])
        external_id = cells.get("eigen_id", "").strip()
        if pending is not None and external_id and external_id == pending.external_id:
            pending.add_row(number, cells)
        else:
            if pending is not None:
                yield pending.finish(context, labels)
            pending = _PendingOffer(number, cells)
            if external_id in seen:
                message = _(
                    "This id is on row %(row)s already. Put the runs of one offer on the rows directly below "
                    "each other."
                )
                pending.problems.append(FieldError("eigen_id", message % {"row": seen[external_id]}))
            elif external_id:
                seen[external_id] = number
        if overflow:
            message = _(
                "Row %(row)s has more cells than the file has columns. Is there a separator inside a value? "
                "Put that value between double quotes."
            )
            pending.problems.append(FieldError("eigen_id", message % {"row": number}))
    if pending is not None:
        yield pending.finish(context, labels)


class _PendingOffer:
    """An offer being read: its first row, then the rows that add runs. It is parsed when
    complete, unless its rows are exactly those of last time (then it is unchanged)."""

    def __init__(self, number: int, cells: dict[str, str]) -> None:
        self.number = number
        self.cells = cells
        self.external_id = cells.get("eigen_id", "").strip()
        self.rows: list[tuple[int, dict[str, str]]] = [(number, cells)]
        self.problems: list[FieldError] = []  # found while grouping rows (a repeated id, too many cells)
        self.last_row = number

    def add_row(self, number: int, cells: dict[str, str]) -> None:
        self.rows.append((number, cells))
        self.last_row = number

    def finish(self, context: ReaderContext, labels: tuple[str, str]) -> ParsedRow:
        """`labels`: the translations of "row %(row)s" and "rows %(first)s–%(last)s"."""
        position = (
            labels[0] % {"row": self.number}
            if self.last_row == self.number
            else labels[1] % {"first": self.number, "last": self.last_row}
        )
        # The cells in column order, rows and cells separated by control characters.
        hash_ = source_hash(READER_VERSION, "\x1e".join("\x1f".join(cells.values()) for _number, cells in self.rows))
        if not self.problems and context.is_unchanged(self.external_id, hash_):
            return ParsedRow(position, self.external_id, source_hash=hash_, unchanged=True)
        self.collector = fields.Collector()
        for problem in self.problems:
            self.collector.add(problem.field, problem.message)
        self.external_id = self.collector.check(
            "eigen_id", fields.clean_external_id, self.cells.get("eigen_id", ""), default=self.external_id
        )
        self.runs: list[RunRecord] = []
        self._add_run(self.number, self.cells, context)
        for number, cells in self.rows[1:]:
            self._check_run_row(number, cells)
            self._add_run(number, cells, context)
        row = self._offer(position)
        row.source_hash = hash_
        return row

    def _check_run_row(self, number: int, cells: dict[str, str]) -> None:
        for name in OFFER_COLUMNS:
            value = cells.get(name, "").strip()
            if value and value != self.cells.get(name, "").strip():
                self.collector.add(
                    name,
                    _(
                        "Row %(row)s gives another value than row %(first)s of the same offer; "
                        "leave it empty on the rows of further runs."
                    )
                    % {"row": number, "first": self.number},
                )

    def _add_run(self, number: int, cells: dict[str, str], context: ReaderContext) -> None:
        if not any(cells.get(column.name, "").strip() for column in COLUMNS if column.belongs_to_run):
            return
        check = self.collector.check
        run = RunRecord(
            starts_on=check("startdatum", fields.parse_date, cells.get("startdatum", ""), default=None),
            ends_on=check("einddatum", fields.parse_date, cells.get("einddatum", ""), default=None),
            start_anytime=check("altijd_starten", fields.parse_bool, cells.get("altijd_starten", ""), default=False),
            municipality_code=check(
                "gemeente", fields.parse_municipality, cells.get("gemeente", ""), context, default=""
            ),
            address=check("adres", fields.clean_text, cells.get("adres", ""), field="adres", maximum=300, default=""),
            seats=check(
                "plaatsen", fields.parse_whole_number, cells.get("plaatsen", ""), maximum=100_000, default=None
            ),
            schedule=check("dagdeel", fields.parse_schedule, cells.get("dagdeel", ""), default=""),
        )
        for error in fields.check_run(run):
            self.collector.add(error.field, error.message)
        self.runs.append(run)

    def _offer(self, position: str) -> ParsedRow:
        cells, check = self.cells, self.collector.check
        code = cells.get("crebo_croho", "").strip()
        level = check("niveau", fields.parse_level, cells.get("niveau", ""), default="none")
        record = OfferRecord(
            external_id=self.external_id,
            title=check(
                "titel",
                fields.clean_text,
                cells.get("titel", ""),
                field="titel",
                maximum=fields.MAX_TITLE,
                minimum=fields.MIN_TITLE,
                required=True,
                default="",
            ),
            description=check(
                "omschrijving",
                fields.clean_text,
                cells.get("omschrijving", ""),
                field="omschrijving",
                maximum=fields.MAX_DESCRIPTION,
                default="",
            ),
            level=level,
            sector=check("sector", fields.parse_sector, cells.get("sector", ""), default="other"),
            programme_register=check("crebo_croho", _register, code, level, default=""),
            programme_code=code,
            learning_path=check("leerweg", fields.parse_learning_path, cells.get("leerweg", ""), default=""),
            delivery=check("lesvorm", fields.parse_delivery, cells.get("lesvorm", ""), default="classroom"),
            language=check("taal", fields.parse_language, cells.get("taal", ""), default="nl"),
            duration_value=check("duur", fields.parse_whole_number, cells.get("duur", ""), default=None),
            duration_unit=check("duur_eenheid", fields.parse_duration_unit, cells.get("duur_eenheid", ""), default=""),
            study_load_hours=check(
                "studiebelasting_uren", fields.parse_whole_number, cells.get("studiebelasting_uren", ""), default=None
            ),
            hours_per_week=check(
                "uren_per_week", fields.parse_whole_number, cells.get("uren_per_week", ""), maximum=100, default=None
            ),
            price_cents=check("prijs", fields.parse_price, cells.get("prijs", ""), default=None),
            price_includes=check(
                "prijs_inclusief",
                fields.clean_text,
                cells.get("prijs_inclusief", ""),
                field="prijs_inclusief",
                maximum=500,
                default="",
            ),
            funding_options=check(
                "financiering", fields.parse_funding_options, cells.get("financiering", ""), default=()
            ),
            url=check("url", fields.parse_url, cells.get("url", ""), default=""),
            publish=check("publiceren", fields.parse_bool, cells.get("publiceren", "") or "ja", default=True),
            runs=tuple(self.runs),
        )
        if record.duration_value is not None and not record.duration_unit:
            self.collector.add("duur_eenheid", _("Say in which unit the duration is (for example “maanden”)."))
        if self.collector.errors:
            return ParsedRow(position=position, external_id=self.external_id, errors=tuple(self.collector.errors))
        return ParsedRow(position=position, external_id=self.external_id, record=record)


def _register(code: str, level: str) -> str:
    """CREBO codes are MBO qualifications, CROHO codes higher-education programmes; both
    have five digits, so the level tells them apart."""
    if not code:
        return ""
    if not code.isdigit() or len(code) != 5:
        raise fields.FieldValueError(_("A CREBO or CROHO code has five digits."))
    return "crebo" if level.startswith("mbo") or level == "none" else "croho"
