"""The spreadsheet template readers (CSV and XLSX), without the database."""

import datetime
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from leerwerk.catalogue.ingest import fields
from leerwerk.catalogue.ingest.fields import normalise
from leerwerk.catalogue.ingest.records import Limits, OfferRecord, ReaderContext, RunRecord, StructuralError
from leerwerk.catalogue.ingest.spreadsheet import COLUMN_NAMES, read_csv, read_xlsx
from leerwerk.catalogue.ingest.template import csv_template, xlsx_template

FILES = Path(__file__).parent / "files" / "spreadsheet"
CONTEXT = ReaderContext(
    municipality_codes=frozenset({"GM0828", "GM0796", "GM0772"}),
    municipality_by_name={
        normalise("Oss"): "GM0828",
        normalise("'s-Hertogenbosch"): "GM0796",
        normalise("Eindhoven"): "GM0772",
    },
)
LIMITS = Limits(max_bytes=1_000_000, max_rows=1000)


def _csv(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


def _rows(data: bytes, limits: Limits = LIMITS):
    return list(read_csv(data, limits=limits, context=CONTEXT))


HEADER = "eigen_id;titel;niveau;prijs;startdatum;gemeente"


def test_a_valid_file_gives_complete_records_with_all_their_runs():
    rows = _rows((FILES / "valid.csv").read_bytes())
    assert [row.errors for row in rows] == [(), ()]
    care, excel = rows[0].record, rows[1].record
    assert care == OfferRecord(
        external_id="VIG-2027",
        title="Verzorgende IG (BBL)",
        description="Je leert zorgen voor ouderen in een verpleeghuis of thuis, terwijl je werkt en betaald krijgt.",
        level="mbo3",
        sector="care",
        programme_register="crebo",
        programme_code="25491",
        learning_path="bbl",
        delivery="classroom",
        language="nl",
        duration_value=3,
        duration_unit="years",
        study_load_hours=2400,
        hours_per_week=8,
        price_cents=125_000,
        price_includes="lesmateriaal en examen",
        funding_options=("employer", "sector_fund"),
        url="https://www.voorbeeld.nl/vig",
        publish=True,
        runs=(
            RunRecord(
                datetime.date(2027, 9, 1),
                datetime.date(2030, 7, 1),
                False,
                "GM0828",
                "Onderwijsboulevard 3",
                20,
                "daytime",
            ),
            RunRecord(datetime.date(2028, 2, 1), None, False, "GM0796", "", 16, "evening"),
        ),
    )
    assert rows[0].position == "rijen 2–3"
    assert (excel.level, excel.delivery, excel.price_cents, excel.funding_options) == (
        "none",
        "online",
        29_500,
        ("own_budget",),
    )
    assert excel.runs == (RunRecord(start_anytime=True, schedule="evening"),)


@pytest.mark.parametrize("separator", [";", ",", "\t"])
def test_the_separator_is_recognised(separator):
    text = f"{HEADER}\nA1;Kok;MBO 2;100;2027-01-01;Oss\n".replace(";", separator)
    rows = _rows(_csv(text))
    assert rows[0].record.title == "Kok"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_utf8_with_or_without_bom_and_windows_1252_are_read(encoding):
    rows = _rows(_csv(f"{HEADER}\nA1;Coördinator café;;€ 10;2027-01-01;Oss\n", encoding))
    assert rows[0].record.title == "Coördinator café"
    assert rows[0].record.price_cents == 1000


def test_a_utf16_file_is_refused_as_a_whole():
    with pytest.raises(StructuralError, match="UTF-16"):
        _rows(f"{HEADER}\nA1;Kok;;;2027-01-01;Oss\n".encode("utf-16"))


def test_a_missing_required_column_is_refused_as_a_whole():
    with pytest.raises(StructuralError, match="titel"):
        _rows(_csv("eigen_id;niveau\nA1;MBO 2\n"))


def test_an_unknown_column_is_refused_with_a_suggestion():
    with pytest.raises(StructuralError, match="prijs"):
        _rows(_csv("eigen_id;titel;prjs\nA1;Kok;10\n"))


def test_an_empty_file_is_refused():
    with pytest.raises(StructuralError):
        _rows(b"")


def test_an_oversized_file_is_refused_before_reading():
    with pytest.raises(StructuralError, match="MB"):
        _rows(_csv(HEADER + "\n" + "A;B;;;;\n" * 10), Limits(max_bytes=50, max_rows=1000))


def test_too_many_rows_are_refused():
    text = HEADER + "\n" + "".join(f"A{n};Kok;;;2027-01-01;Oss\n" for n in range(6))
    with pytest.raises(StructuralError, match="5"):
        _rows(_csv(text), Limits(max_bytes=1_000_000, max_rows=5))


def test_wrong_values_are_listed_per_field_in_dutch():
    rows = _rows(_csv(f"{HEADER}\nA1;X;MBO 9;abc;31-31-2027;Atlantis\nA2;Kok;MBO 2;10;2027-01-01;Oss\n"))
    fields = {error.field for error in rows[0].errors}
    assert fields == {"titel", "niveau", "prijs", "startdatum", "gemeente"}
    assert any("Atlantis" in error.message for error in rows[0].errors)
    assert rows[0].record is None
    assert rows[1].record is not None


@pytest.mark.parametrize("price", ["NaN", "sNaN", "Infinity", "-inf"])
def test_a_price_that_is_not_a_number_is_a_row_error(price):
    rows = _rows(_csv(f"{HEADER}\nA1;Kok;MBO 2;{price};2027-01-01;Oss\n"))
    assert [error.field for error in rows[0].errors] == ["prijs"]
    assert rows[0].record is None


@pytest.mark.parametrize("parse", [fields.parse_price, fields.parse_whole_number])
@pytest.mark.parametrize("value", ["NaN", "sNaN", "Infinity", "-inf"])
def test_numbers_that_are_not_finite_are_field_errors(parse, value):
    with pytest.raises(fields.FieldValueError):
        parse(value)


def test_a_repeated_id_that_is_not_directly_below_is_an_error():
    rows = _rows(_csv(f"{HEADER}\nA1;Kok;;;2027-01-01;Oss\nA2;Bakker;;;2027-01-01;Oss\nA1;Kok;;;2027-02-01;Oss\n"))
    assert rows[2].errors[0].field == "eigen_id"
    assert "rij 2" in rows[2].errors[0].message


def test_a_run_row_that_changes_the_offer_is_an_error():
    rows = _rows(_csv(f"{HEADER}\nA1;Kok;MBO 2;;2027-01-01;Oss\nA1;Bakker;;;2027-02-01;Oss\n"))
    assert [error.field for error in rows[0].errors] == ["titel"]


def test_a_separator_inside_a_value_is_explained():
    rows = _rows(_csv(f"{HEADER}\nA1;Kok;MBO 2;10;2027-01-01;Oss;extra\n"))
    assert "aanhalingstekens" in rows[0].errors[0].message


def test_a_run_must_end_after_it_starts():
    rows = _rows(_csv("eigen_id;titel;startdatum;einddatum\nA1;Kok;2027-02-01;2027-01-01\n"))
    assert [error.field for error in rows[0].errors] == ["einddatum"]


def test_the_csv_template_reads_back_without_errors():
    rows = list(read_csv(csv_template(), limits=LIMITS, context=CONTEXT))
    assert len(rows) == 1
    assert rows[0].errors == ()
    assert len(rows[0].record.runs) == 2


def test_the_xlsx_template_reads_back_without_errors_and_explains_the_columns():
    data = xlsx_template()
    rows = list(read_xlsx(data, limits=LIMITS, context=CONTEXT))
    assert rows[0].errors == ()
    assert rows[0].record.title == "Verzorgende IG (BBL)"
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Opleidingen", "Toelichting"]
    assert [cell.value for cell in workbook["Opleidingen"][1]] == list(COLUMN_NAMES)


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_cells_may_hold_numbers_and_dates():
    data = _xlsx(
        [
            ["eigen_id", "titel", "prijs", "startdatum", "gemeente", "plaatsen"],
            [101, "Lassen", 1250.5, datetime.datetime(2027, 3, 1), "Eindhoven", 12.0],
        ]
    )
    record = next(read_xlsx(data, limits=LIMITS, context=CONTEXT)).record
    assert (record.external_id, record.price_cents, record.runs[0].starts_on, record.runs[0].seats) == (
        "101",
        125_050,
        datetime.date(2027, 3, 1),
        12,
    )


def test_a_file_that_is_not_an_xlsx_is_refused():
    with pytest.raises(StructuralError):
        list(read_xlsx(b"this is not a spreadsheet", limits=LIMITS, context=CONTEXT))


def test_a_truncated_xlsx_is_refused():
    data = _xlsx([["eigen_id", "titel"], ["A1", "Kok"]])
    with pytest.raises(StructuralError):
        list(read_xlsx(data[: len(data) // 2], limits=LIMITS, context=CONTEXT))


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol4;</t></is></c></row></sheetData></worksheet>"""


def test_an_xlsx_with_entity_expansion_is_refused():
    original = _xlsx([["eigen_id", "titel"], ["A1", "Kok"]])
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = BILLION_LAUGHS.encode()
            target.writestr(item, content)
    with pytest.raises(StructuralError):
        list(read_xlsx(buffer.getvalue(), limits=LIMITS, context=CONTEXT))


# --- Property-based: whatever a provider types, the reader answers with rows or a
# structural error, never with an exception; and values survive a round trip. ---------

_text = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(cells=st.lists(st.lists(_text, min_size=1, max_size=8), min_size=1, max_size=6))
def test_arbitrary_content_never_crashes_the_reader(cells):
    lines = [HEADER] + [";".join(cell.replace("\n", " ").replace("\r", " ") for cell in row) for row in cells]
    try:
        rows = _rows("\n".join(lines).encode("utf-8"))
    except StructuralError:
        return
    for row in rows:
        assert (row.record is None) != (row.errors == ())


_titles = (
    st.text(
        alphabet=st.characters(categories=["Lu", "Ll", "Nd", "Zs"], max_codepoint=0x24F),
        min_size=3,
        max_size=60,
    )
    .map(str.strip)
    .filter(lambda value: len(value) >= 3)
)


@settings(max_examples=100, deadline=None)
@given(
    title=_titles,
    cents=st.integers(min_value=0, max_value=10_000_000),
    start=st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2035, 12, 31)),
    seats=st.none() | st.integers(min_value=1, max_value=500),
    separator=st.sampled_from([";", ","]),
)
def test_written_values_are_read_back_unchanged(title, cents, start, seats, separator):
    price = f"{cents // 100},{cents % 100:02d}"
    row = ["Q1", title, price, start.strftime("%d-%m-%Y"), "Oss", "" if seats is None else str(seats)]
    buffer = io.StringIO()
    import csv

    csv.writer(buffer, delimiter=separator).writerows(
        [["eigen_id", "titel", "prijs", "startdatum", "gemeente", "plaatsen"], row]
    )
    record = _rows(buffer.getvalue().encode("utf-8"))[0].record
    assert record is not None
    assert " ".join(record.title.split()) == " ".join(title.split())
    assert record.price_cents == cents
    assert record.runs[0].starts_on == start
    assert record.runs[0].seats == seats


def test_excel_files_are_parsed_with_defusedxml():
    """openpyxl uses defusedxml only when it is installed; the import relies on it."""
    from openpyxl import xml

    assert xml.DEFUSEDXML is True
