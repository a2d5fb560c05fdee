"""The spreadsheet template providers download from their workspace: the columns of
`spreadsheet.COLUMNS` with an example offer that has two runs, as CSV and as XLSX (with an
explanation sheet and drop-down lists for the columns that take fixed values)."""

import csv
import io

from django.utils.translation import gettext as _

from leerwerk.catalogue.ingest.spreadsheet import COLUMNS
from leerwerk.catalogue.vocabulary import Delivery, LearningPath, Level, Schedule, Sector

_DROPDOWNS = {
    "niveau": ["MBO 1", "MBO 2", "MBO 3", "MBO 4", "Associate degree", "Bachelor", "Master", "geen"],
    "sector": None,  # filled from the vocabulary below
    "leerweg": ["BOL", "BBL", "voltijd", "deeltijd", "duaal"],
    "lesvorm": ["online", "klassikaal", "blended"],
    "dagdeel": ["overdag", "avond", "weekend"],
    "publiceren": ["ja", "nee"],
    "altijd_starten": ["ja", "nee"],
}


def _example_rows() -> list[list[str]]:
    first = [column.example for column in COLUMNS]
    second = [
        column.example_next_run if column.belongs_to_run or column.name == "eigen_id" else "" for column in COLUMNS
    ]
    return [first, second]


def csv_template() -> bytes:
    """UTF-8 with a byte-order mark, so that Excel opens the accents correctly; `;` as separator."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.name for column in COLUMNS])
    writer.writerows(_example_rows())
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_template() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = "Opleidingen"
    sheet.append([column.name for column in COLUMNS])
    for row in _example_rows():
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sector_labels = [str(label) for _code, label in Sector.choices]
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(14, min(40, len(column.example) + 4))
        values = _DROPDOWNS.get(column.name, []) if column.name != "sector" else sector_labels
        if values:
            validation = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
            validation.error = _("Choose a value from the list.")
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}5000")

    help_sheet = workbook.create_sheet("Toelichting")
    help_sheet.append([_("Column"), _("Required"), _("What to fill in"), _("Example")])
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        help_sheet.append([column.name, _("yes") if column.required else _("no"), str(column.help), column.example])
    help_sheet.append([])
    help_sheet.append(
        [
            _(
                "An offer with more start dates: repeat its eigen_id on the rows directly below, with only "
                "the columns of the run (startdatum … dagdeel) filled in."
            )
        ]
    )
    help_sheet.append([_("Allowed levels: %(values)s") % {"values": ", ".join(str(v) for _c, v in Level.choices)}])
    help_sheet.append(
        [_("Allowed learning paths: %(values)s") % {"values": ", ".join(str(v) for _c, v in LearningPath.choices)}]
    )
    help_sheet.append([_("Allowed forms: %(values)s") % {"values": ", ".join(str(v) for _c, v in Delivery.choices)}])
    help_sheet.append(
        [_("Allowed parts of the day: %(values)s") % {"values": ", ".join(str(v) for _c, v in Schedule.choices)}]
    )
    help_sheet.column_dimensions["A"].width = 22
    help_sheet.column_dimensions["C"].width = 90
    help_sheet.column_dimensions["D"].width = 40
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
