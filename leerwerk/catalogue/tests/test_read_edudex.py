"""The EDU-DEX reader: programs in the shapes of the EDU-DEX Data API become offers, wrong
values become row errors named by their EDU-DEX path, and a file that cannot be read as a
whole is refused. No database: the municipalities come from a hand-made context."""

import copy
import json
from datetime import date
from pathlib import Path

import pytest
from django.utils.translation import gettext as _

from leerwerk.catalogue.ingest.edudex import read_edudex
from leerwerk.catalogue.ingest.fields import normalise
from leerwerk.catalogue.ingest.records import Limits, OfferRecord, ReaderContext, RunRecord, StructuralError

FILES = Path(__file__).parent / "files" / "edudex"
MUNICIPALITIES = {"GM0828": "Oss", "GM0796": "'s-Hertogenbosch", "GM0772": "Eindhoven"}
CONTEXT = ReaderContext(
    municipality_codes=frozenset(MUNICIPALITIES),
    municipality_by_name={normalise(name): code for code, name in MUNICIPALITIES.items()},
)
LIMITS = Limits(max_bytes=1_000_000, max_rows=100)


def read(data, limits=LIMITS):
    return list(read_edudex(data, limits=limits, context=CONTEXT))


def fixture(name):
    return (FILES / name).read_bytes()


def program(name="verzorgende_ig_bbl.json"):
    return json.loads(fixture(name))


def encode(document):
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def position(number):
    return _("program %(number)s") % {"number": number}


def test_a_single_program_becomes_one_offer_with_exactly_these_values():
    rows = read(fixture("verzorgende_ig_bbl.json"))

    assert len(rows) == 1
    assert rows[0].position == position(1)
    assert rows[0].external_id == "VIG-BBL-2027"
    assert rows[0].errors == ()
    assert rows[0].record == OfferRecord(
        external_id="VIG-BBL-2027",
        title="Verzorgende IG (BBL)",
        description=(
            "Je leert zorgen voor cliënten in de ouderenzorg, terwijl je werkt en betaald krijgt. "
            "Eén dag per week ga je naar school."
        ),
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
        # Required costs only: tuition 1302.00 (no VAT) + study material 400.00 + 36.00 VAT;
        # the optional excursion is left out.
        price_cents=173_800,
        price_includes="lesgeld (per jaar), lesmateriaal",
        funding_options=(),
        url="https://www.kw1c.nl/opleidingen/verzorgende-ig-bbl",
        publish=True,
        # The cancelled third run is left out.
        runs=(
            RunRecord(
                starts_on=date(2027, 9, 1),
                ends_on=date(2030, 7, 1),
                municipality_code="GM0828",
                address="Oude Molenstraat 5",
                seats=20,
                schedule="daytime",
            ),
            RunRecord(
                starts_on=date(2028, 2, 1),
                ends_on=date(2031, 1, 31),
                municipality_code="GM0796",
                address="Onderwijsboulevard 3",
                seats=16,
                schedule="evening",
            ),
        ),
    )


def test_a_course_without_level_at_ones_own_pace_starts_anytime_online():
    (row,) = read(fixture("excel_gevorderden_online.json"))

    record = row.record
    assert record is not None
    assert record.level == "none"
    assert record.delivery == "online"
    assert record.sector == "ict"
    assert record.learning_path == ""
    assert (record.duration_value, record.duration_unit) == (12, "hours")
    assert record.runs == (RunRecord(start_anytime=True),)
    assert record.price_cents == 35_695  # 295.00 plus 61.95 VAT, from the generic run
    assert record.price_includes == "lesgeld"
    # No plain-text description: the HTML one, without its tags and entities.
    assert record.description == "Werk sneller met draaitabellen & formules.\n12 lessen\nCertificaat van deelname"


def test_a_bulk_file_gives_one_row_per_program_in_file_order():
    rows = read(fixture("bulk_drie_programmas.json"))

    assert [row.position for row in rows] == [position(1), position(2), position(3)]
    assert [row.external_id for row in rows] == ["AD-LOG-DT", "NT2-OSS-A2", "ICT-BOL-4"]
    assert all(row.errors == () for row in rows)
    associate, language_course, software = (row.record for row in rows)
    assert (associate.level, associate.programme_register, associate.programme_code) == (
        "associate_degree",
        "croho",
        "80039",
    )
    assert associate.study_load_hours == 120 * 28  # ECTS credits
    assert associate.learning_path == "part_time"
    assert associate.runs[0].municipality_code == "GM0772"
    assert language_course.publish is False
    assert language_course.price_cents == 0
    assert language_course.funding_options == ("free",)
    assert language_course.runs == (
        RunRecord(start_anytime=True, municipality_code="GM0828", address="Raadhuislaan 10", schedule="daytime"),
    )
    # programLevel "mbo" names no level; the degree "mbo niveau 4" does.
    assert (software.level, software.learning_path, software.sector) == ("mbo4", "bol", "ict")
    assert software.price_cents == 60_500  # 500.00 plus 21% VAT


def test_a_bare_array_of_programs_is_read_like_a_bulk_file():
    programs = json.loads(fixture("bulk_drie_programmas.json"))["programs"]

    rows = read(encode(programs))

    assert [row.external_id for row in rows] == ["AD-LOG-DT", "NT2-OSS-A2", "ICT-BOL-4"]
    assert all(row.record is not None for row in rows)


def test_entries_of_a_bulk_response_are_unwrapped_and_their_errors_reported():
    rows = read(fixture("bulk_response.json"))

    assert len(rows) == 2
    assert rows[0].record is not None
    assert rows[0].record.delivery == "online"
    assert rows[0].record.runs[0].municipality_code == ""
    assert rows[1].record is None
    assert rows[1].external_id == "POWERPOINT"
    assert [error.field for error in rows[1].errors] == ["error"]
    assert "Program not found" in rows[1].errors[0].message


def wrong_values():
    good = program()
    unknown_city = copy.deepcopy(good)
    unknown_city["programClassification"]["programId"] = "VIG-ROSMALEN"
    unknown_city["programSchedule"]["programRun"][1]["location"]["city"] = "Rosmalen"
    bad_date = copy.deepcopy(good)
    bad_date["programClassification"]["programId"] = "VIG-FEBRUARI"
    bad_date["programSchedule"]["programRun"][0]["startDate"]["date"] = "2027-02-31"
    no_name = copy.deepcopy(good)
    no_name["programClassification"]["programId"] = "VIG-NAAMLOOS"
    del no_name["programDescriptions"]["programName"]
    return [good, unknown_city, bad_date, no_name]


def test_wrong_values_are_row_errors_naming_the_field_and_the_other_programs_are_fine():
    rows = read(encode(wrong_values()))

    assert len(rows) == 4
    assert rows[0].record is not None
    assert rows[0].errors == ()
    fields_by_id = {row.external_id: [error.field for error in row.errors] for row in rows[1:]}
    assert fields_by_id == {
        "VIG-ROSMALEN": ["programSchedule.programRun[1].location.city"],
        "VIG-FEBRUARI": ["programSchedule.programRun[0].startDate"],
        "VIG-NAAMLOOS": ["programDescriptions.programName"],
    }
    assert all(row.record is None for row in rows[1:])
    assert "Rosmalen" in rows[1].errors[0].message


def test_the_runs_of_a_fully_online_program_have_no_municipality_even_with_a_city():
    document = program("excel_gevorderden_online.json")
    document["programSchedule"]["genericProgramRun"]["location"] = {"city": "Rosmalen"}  # the provider's office

    (row,) = read(encode(document))

    assert row.errors == ()
    assert row.record.runs == (RunRecord(start_anytime=True),)


def test_a_program_without_its_id_is_refused_with_the_field_named():
    document = program()
    del document["programClassification"]["programId"]

    (row,) = read(encode(document))

    assert row.record is None
    assert [error.field for error in row.errors] == ["programClassification.programId"]


def test_an_id_that_cannot_be_part_of_an_address_is_refused():
    document = program()
    document["programClassification"]["programId"] = "zorg/VIG-BBL"  # the spec allows /, we do not

    (row,) = read(encode(document))

    assert [error.field for error in row.errors] == ["programClassification.programId"]


def test_a_program_that_is_not_an_object_is_a_row_error_and_each_program_gives_one_row():
    rows = read(encode([program(), 42, "VIG-BBL-2027"]))

    assert len(rows) == 3
    assert rows[0].record is not None
    assert [error.field for error in rows[1].errors] == ["program"]
    assert [error.field for error in rows[2].errors] == ["program"]


@pytest.mark.parametrize(
    ("program_level", "level"),
    [
        ("mbo niveau 1", "mbo1"),
        ("mbo niveau 4", "mbo4"),
        ("associate", "associate_degree"),
        ("propedeuse", "bachelor"),
        ("academic bachelor", "bachelor"),
        ("academic master", "master"),
        ("post-hbo", "none"),
        ("havo", "none"),
        ("PhD", "none"),
        ("MBO 2", "mbo2"),  # not in the spec's list, but our own spelling
    ],
)
def test_each_program_level_maps_to_a_level_of_the_catalogue(program_level, level):
    document = program("excel_gevorderden_online.json")
    document["programClassification"]["programLevel"] = program_level

    (row,) = read(encode(document))

    assert row.record.level == level


def test_an_nlqf_registration_gives_the_level_when_the_program_level_names_none():
    document = program("excel_gevorderden_online.json")
    document["programExternalAcknowledgements"] = {
        "nlqfRegistration": [{"nlqfLevel": "4+", "eqfLevel": "4", "nlqfRegisterCode": "12-345"}]
    }

    (row,) = read(encode(document))

    assert row.record.level == "mbo4"


def test_an_amount_in_another_currency_is_a_row_error_on_that_cost():
    document = program("excel_gevorderden_online.json")
    document["programSchedule"]["genericProgramRun"]["cost"][0]["currency"] = "USD"

    (row,) = read(encode(document))

    assert [error.field for error in row.errors] == ["programSchedule.genericProgramRun.cost[0]"]


def test_a_truncated_file_is_refused_as_a_whole():
    data = fixture("bulk_drie_programmas.json")

    with pytest.raises(StructuralError) as refused:
        read(data[: len(data) // 2])

    assert "line" in refused.value.message or "regel" in refused.value.message


def test_invalid_json_is_refused_with_its_line_and_column():
    with pytest.raises(StructuralError) as refused:
        read(b'{"programs": [\n  {"programClassification": {}},,\n]}')

    assert "2" in refused.value.message  # line 2
    assert "33" in refused.value.message  # column 33


def test_a_file_that_is_not_utf8_is_refused_as_a_whole():
    data = fixture("verzorgende_ig_bbl.json").decode("utf-8").encode("cp1252")

    with pytest.raises(StructuralError):
        read(data)


@pytest.mark.parametrize("document", [b"42", b'"Verzorgende IG"', b"null", b"true", b"{}", b'{"programs": 3}'])
def test_top_level_json_of_the_wrong_type_is_refused(document):
    with pytest.raises(StructuralError):
        read(document)


def test_an_empty_file_is_refused():
    with pytest.raises(StructuralError):
        read(b"  \n")


def test_nan_is_not_accepted_as_json():
    document = fixture("verzorgende_ig_bbl.json").replace(b'"maxNumberOfParticipants": 20', b'"x": NaN', 1)

    with pytest.raises(StructuralError):
        read(document)


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed():
    garbage = b"\xff" * 2_000  # neither UTF-8 nor JSON: parsing would fail differently

    with pytest.raises(StructuralError) as refused:
        read(garbage, limits=Limits(max_bytes=1_000, max_rows=100))

    assert "MB" in refused.value.message


def test_more_programs_than_the_row_limit_are_refused_as_a_whole():
    with pytest.raises(StructuralError):
        read(fixture("bulk_drie_programmas.json"), limits=Limits(max_bytes=1_000_000, max_rows=2))


def test_as_many_programs_as_the_row_limit_are_read():
    rows = read(fixture("bulk_drie_programmas.json"), limits=Limits(max_bytes=1_000_000, max_rows=3))

    assert len(rows) == 3


def test_reading_the_same_file_twice_gives_the_same_content_hash():
    data = fixture("bulk_drie_programmas.json")

    first = [row.record.content_hash() for row in read(data)]
    second = [row.record.content_hash() for row in read(data)]

    assert first == second
    assert len(set(first)) == 3
