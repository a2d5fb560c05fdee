"""The OOAPI v6 reader, without the database."""

import datetime
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leerwerk.catalogue.ingest import get_reader, ooapi
from leerwerk.catalogue.ingest.fields import normalise
from leerwerk.catalogue.ingest.ooapi import read_ooapi
from leerwerk.catalogue.ingest.records import Limits, OfferRecord, ReaderContext, RunRecord, StructuralError

FILES = Path(__file__).parent / "files" / "ooapi"
CONTEXT = ReaderContext(
    municipality_codes=frozenset({"GM0772", "GM0855", "GM0828", "GM0796"}),
    municipality_by_name={
        normalise("Eindhoven"): "GM0772",
        normalise("Tilburg"): "GM0855",
        normalise("Oss"): "GM0828",
        normalise("'s-Hertogenbosch"): "GM0796",
    },
)
LIMITS = Limits(max_bytes=1_000_000, max_rows=1000)
COURSE_ID = "0b7c4d2e-6f1a-4b3c-9d8e-7f6a5b4c3d21"


def _read(document, limits: Limits = LIMITS):
    data = document if isinstance(document, bytes) else json.dumps(document).encode("utf-8")
    return list(read_ooapi(data, limits=limits, context=CONTEXT))


def _fixture(name: str):
    return _read((FILES / name).read_bytes())


def _course(**values):
    course = {
        "courseId": COURSE_ID,
        "primaryCode": {"codeType": "identifier", "code": "BHV-BAS"},
        "name": [{"language": "nl-NL", "value": "BHV basis"}],
    }
    course.update(values)
    return course


def _offering(**values):
    offering = {
        "courseOfferingId": "1d2e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6",
        "primaryCode": {"codeType": "offering_code", "code": "BHV-BAS-01"},
        "name": [{"language": "nl-NL", "value": "BHV basis, januari"}],
        "startDateTime": "2027-01-11T09:00:00+01:00",
        "courseId": COURSE_ID,
    }
    offering.update(values)
    return offering


def _page(*items):
    return {"pageSize": 10, "pageNumber": 1, "hasPreviousPage": False, "hasNextPage": False, "items": list(items)}


def _record(document):
    rows = _read(document)
    assert [row.errors for row in rows] == [()]
    return rows[0].record


def _fields(row) -> list[str]:
    return [error.field for error in row.errors]


def test_a_single_programme_gives_one_offer_with_its_offerings_as_runs():
    rows = _fixture("programme_hbo.json")
    assert [(row.position, row.external_id, row.errors) for row in rows] == [
        ("item 1", "3f1c2b7e-5a4d-4c1e-9b8f-2d6a7e9c0b11", ())
    ]
    assert rows[0].record == OfferRecord(
        external_id="3f1c2b7e-5a4d-4c1e-9b8f-2d6a7e9c0b11",
        title="HBO-ICT deeltijd",
        description=(
            "Voor wie\n\nJe werkt al in de ICT en wilt je bachelor halen naast je baan.\n\nLees meer op onze website."
        ),
        level="bachelor",
        sector="ict",
        programme_register="croho",
        programme_code="34479",
        learning_path="part_time",
        delivery="blended",
        language="nl",
        duration_value=4,
        duration_unit="years",
        study_load_hours=6720,
        hours_per_week=None,
        price_cents=260_100,
        price_includes="",
        funding_options=(),
        url="https://www.hogeschoolbrabant.example/hbo-ict-deeltijd",
        publish=True,
        runs=(
            RunRecord(
                starts_on=datetime.date(2026, 9, 1),
                ends_on=datetime.date(2030, 7, 10),
                municipality_code="GM0772",
                address="Rachelsmolen 1",
                seats=60,
            ),
            RunRecord(
                starts_on=datetime.date(2027, 2, 1),
                municipality_code="GM0855",
                address="Professor Goossenslaan 1",
                seats=30,
            ),
        ),
    )


def test_a_list_page_attaches_each_offering_to_its_own_course():
    rows = _fixture("courses_page.json")
    assert [(row.position, row.errors) for row in rows] == [("item 1", ()), ("item 2", ())]
    excel, forklift = rows[0].record, rows[1].record
    assert (excel.external_id, excel.title, excel.level, excel.sector) == (
        "5e6f7a8b-1c2d-4e3f-8a9b-0c1d2e3f4a51",
        "Excel voor gevorderden",
        "none",
        "business",
    )
    assert excel.description == "Draaitabellen, formules en grafieken.\n\nVoor wie dagelijks met cijfers werkt."
    assert (excel.delivery, excel.duration_value, excel.duration_unit, excel.study_load_hours) == (
        "online",
        6,
        "weeks",
        24,
    )
    assert excel.price_cents == 39_500
    assert excel.runs == (
        RunRecord(starts_on=datetime.date(2026, 10, 5), ends_on=datetime.date(2026, 11, 9), seats=16),
    )
    assert (forklift.sector, forklift.delivery, forklift.duration_value, forklift.duration_unit) == (
        "logistics",
        "classroom",
        2,
        "days",
    )
    assert forklift.price_cents == 54_450  # total_costs before stap_eligible: 450.00 + 94.50 VAT
    assert [(run.starts_on, run.municipality_code, run.address) for run in forklift.runs] == [
        (datetime.date(2026, 9, 14), "GM0828", "Kantsingel 14"),
        (datetime.date(2026, 11, 2), "GM0796", "Het Zuiderpark 2"),
    ]


def test_an_offering_with_its_course_expanded_gives_that_course_with_a_crebo_code():
    rows = _fixture("mbo_course_offering.json")
    assert [(row.position, row.external_id, row.errors) for row in rows] == [
        ("item 1", "e4fac5b6-2073-4c9e-b1bf-5a6c7d8e9fa4", ())
    ]
    record = rows[0].record
    assert (record.title, record.level, record.sector, record.programme_register, record.programme_code) == (
        "Verzorgende IG (BBL)",
        "mbo3",
        "care",
        "crebo",
        "25491",
    )
    assert (record.delivery, record.duration_value, record.duration_unit, record.study_load_hours) == (
        "classroom",
        3,
        "years",
        2400,
    )
    assert (record.price_cents, record.learning_path, record.language) == (125_000, "", "nl")
    assert record.runs == (
        RunRecord(
            starts_on=datetime.date(2026, 9, 1),
            ends_on=datetime.date(2029, 7, 1),
            municipality_code="GM0796",
            address="Onderwijsboulevard 3",
            seats=24,
        ),
    )


def test_offerings_of_several_items_with_the_same_expanded_course_become_runs_of_one_offer():
    course = _course()
    first = _offering(courseId=None, course=course)
    second = _offering(courseOfferingId="2", startDateTime="2027-03-01", course=course)
    rows = _read(_page(first, second))
    assert [(row.position, row.errors) for row in rows] == [("item 1", ())]
    assert [run.starts_on for run in rows[0].record.runs] == [datetime.date(2027, 1, 11), datetime.date(2027, 3, 1)]


def test_an_unknown_city_is_a_row_error_naming_the_field_while_other_items_are_fine():
    other_id = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a"
    wrong = _offering(addresses=[{"addressType": "teaching", "city": "Atlantis"}])
    rows = _read(_page(_course(), _course(courseId=other_id), wrong, _offering(courseId=other_id)))
    assert _fields(rows[0]) == ["items[2].addresses[0].city"]
    assert rows[0].record is None
    assert (rows[0].position, rows[0].external_id) == ("item 1", COURSE_ID)
    assert rows[1].errors == ()
    assert rows[1].record.runs == (RunRecord(starts_on=datetime.date(2027, 1, 11)),)


def test_a_bad_date_in_an_embedded_offering_is_a_row_error_naming_its_path():
    rows = _read(_page(_course(offerings=[_offering(), _offering(startDateTime="elf januari")]), _course(courseId="B")))
    assert _fields(rows[0]) == ["offerings[1].startDateTime"]
    assert rows[1].errors == ()


def test_an_end_before_the_start_is_a_row_error_of_the_end_date():
    rows = _read(_course(offerings=[_offering(endDateTime="2026-12-01T17:00:00+01:00")]))
    assert _fields(rows[0]) == ["offerings[0].endDateTime"]


def test_a_missing_name_is_a_row_error_while_other_items_are_fine():
    rows = _read(_page(_course(name=None), _course(courseId="B", name=[])))
    assert [_fields(row) for row in rows] == [["name"], ["name"]]
    rows = _read(_page(_course(courseId="A", name=[{"language": "nl"}]), _course(courseId="B")))
    assert _fields(rows[0]) == ["name"]
    assert rows[1].errors == ()


def test_an_item_without_an_id_is_a_row_error():
    nameless = {"name": [{"language": "nl", "value": "Zonder id"}]}
    rows = _read(_page(nameless, _course(courseId="")))
    assert [(row.position, _fields(row)) for row in rows] == [("item 1", ["items[0]"]), ("item 2", ["courseId"])]


def test_an_item_that_is_not_an_object_is_a_row_error():
    rows = _read(_page("BHV", _course()))
    assert [(row.position, _fields(row)) for row in rows] == [("item 1", ["items[0]"]), ("item 2", [])]


def test_an_offering_whose_course_is_not_in_the_file_is_a_row_error_of_its_own():
    rows = _read(_page(_course(), _offering(courseId="elders")))
    assert [(row.position, row.external_id, _fields(row)) for row in rows] == [
        ("item 1", COURSE_ID, []),
        ("item 2", "elders", ["items[1].courseId"]),
    ]
    assert rows[0].record.runs == ()


def test_cancelled_and_concept_offerings_are_no_runs():
    offerings = [_offering(state="cancelled"), _offering(state="concept", startDateTime="x"), _offering(state="active")]
    assert len(_record(_course(offerings=offerings)).runs) == 1


def test_an_offering_with_a_flexible_entry_period_and_no_start_starts_anytime():
    offering = _offering(startDateTime=None, flexibleEntryPeriodStartDateTime="2027-01-01T00:00:00+01:00")
    assert _record(_course(offerings=[offering])).runs == (RunRecord(start_anytime=True),)


def test_an_offering_without_an_address_takes_the_address_of_its_course():
    course = _course(addresses=[{"addressType": "visit", "city": "Oss"}], offerings=[_offering()])
    assert _record(course).runs[0].municipality_code == "GM0828"


def test_a_postal_address_is_no_place_of_a_run():
    addresses = [{"addressType": "postal", "street": "Postbus", "streetNumber": "90", "city": "Tilburg"}]
    assert _record(_course(addresses=addresses, offerings=[_offering()])).runs[0] == RunRecord(
        starts_on=datetime.date(2027, 1, 11)
    )


def test_an_expanded_course_without_its_id_takes_the_course_id_of_its_offering():
    course = _course()
    del course["courseId"]
    rows = _read(_offering(course=course))
    assert (rows[0].external_id, rows[0].errors) == (COURSE_ID, ())


def test_the_reader_is_registered_for_the_ooapi_format():
    assert get_reader("ooapi") is read_ooapi


@pytest.mark.parametrize(
    ("duration", "expected"),
    [
        ("P3Y", (3, "years")),
        ("P6M", (6, "months")),
        ("P10W", (10, "weeks")),
        ("P5D", (5, "days")),
        ("PT40H", (40, "hours")),
        ("P1Y6M", (18, "months")),
        ("PT120M", (2, "hours")),
        ("P0D", (None, "")),
        (None, (None, "")),
    ],
)
def test_iso_8601_durations_of_every_unit_are_read(duration, expected):
    record = _record(_course(duration=duration))
    assert (record.duration_value, record.duration_unit) == expected


@pytest.mark.parametrize("duration", ["P1Y2D", "PT90M", "P1DT2H", "3 jaar", "P", "PT", "-P1Y", 3])
def test_a_duration_that_is_not_whole_or_not_iso_8601_is_a_row_error(duration):
    assert _fields(_read(_course(duration=duration))[0]) == ["duration"]


@pytest.mark.parametrize(
    ("level", "qualification", "expected"),
    [
        ("secondary_vocational_education_1", None, "mbo1"),
        ("secondary_vocational_education_4", "eqf_4", "mbo4"),
        ("secondary_vocational_education", "eqf_2", "mbo2"),
        ("associate_degree", None, "associate_degree"),
        ("master", None, "master"),
        ("undivided", None, "master"),
        (None, "eqf_5", "associate_degree"),
        ("nt2_2", None, "none"),
        ("doctoral", "eqf_8", "none"),
        ("undefined", "nlqf_4plus", "none"),
        ("x-post-hbo", None, "none"),
    ],
)
def test_level_and_level_of_qualification_give_the_level(level, qualification, expected):
    assert _record(_course(level=level, levelOfQualification=qualification)).level == expected


def test_an_unknown_level_is_a_row_error():
    assert _fields(_read(_course(level="university"))[0]) == ["level"]
    assert _fields(_read(_course(levelOfQualification="eqf_9"))[0]) == ["level"]


@pytest.mark.parametrize(
    ("level", "mode", "expected"),
    [
        ("secondary_vocational_education_2", "full_time", "bol"),
        ("secondary_vocational_education_2", "dual_training", "bbl"),
        ("bachelor", "full_time", "full_time"),
        ("bachelor", "dual_training", "dual"),
        ("bachelor", "part_time", "part_time"),
        ("bachelor", "self_paced", ""),
    ],
)
def test_the_mode_of_study_gives_the_learning_path_by_level(level, mode, expected):
    programme = {"programmeId": "P1", "programmeType": "programme", "name": [{"language": "nl", "value": "Opleiding"}]}
    assert _record({**programme, "level": level, "modeOfStudy": mode}).learning_path == expected


@pytest.mark.parametrize(
    ("modes", "expected"),
    [
        (["online"], "online"),
        (["presential"], "classroom"),
        (["hybrid"], "blended"),
        (["online", "presential"], "blended"),
        (["joint_delivery"], "classroom"),
        (None, "classroom"),
    ],
)
def test_the_modes_of_delivery_give_the_delivery(modes, expected):
    assert _record(_course(modesOfDelivery=modes)).delivery == expected


def test_without_modes_of_delivery_of_its_own_an_offer_takes_those_of_its_offerings():
    offerings = [_offering(modesOfDelivery=["online"]), _offering(modesOfDelivery=["coil"])]
    assert _record(_course(offerings=offerings)).delivery == "online"
    offerings.append(_offering(modesOfDelivery=["presential"]))
    assert _record(_course(offerings=offerings)).delivery == "blended"


@pytest.mark.parametrize(
    ("load", "expected"),
    [
        ([{"studyLoadUnit": "ects", "value": 7.5}], 210),
        ([{"studyLoadUnit": "sp", "value": 60}], 1680),
        ([{"studyLoadUnit": "ects", "value": 3}, {"studyLoadUnit": "hour", "value": 80}], 80),
        ([{"studyLoadUnit": "contact_time", "value": 20}], None),
        ({"studyLoadUnit": "sbu", "value": 400}, 400),
    ],
)
def test_the_study_load_is_given_in_hours(load, expected):
    assert _record(_course(studyLoad=load)).study_load_hours == expected


@pytest.mark.parametrize(
    ("languages", "expected"), [(["nld"], "nl"), (["eng", "nld"], "en"), (["en-GB"], "en"), (None, "nl"), ("dut", "nl")]
)
def test_the_first_teaching_language_is_the_language(languages, expected):
    assert _record(_course(teachingLanguages=languages)).language == expected


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("0732", "construction"),
        ("0913", "care"),
        ("1013", "hospitality"),
        ("0231", "basic_skills"),
        ("02", "creative"),
        ("99", "other"),
    ],
)
def test_the_isced_field_of_study_gives_the_sector(field, expected):
    assert _record(_course(fieldsOfStudy=field)).sector == expected


def test_a_field_of_study_that_is_not_an_isced_code_is_a_row_error():
    assert _fields(_read(_course(fieldsOfStudy="Zorg"))[0]) == ["fieldsOfStudy"]


def test_a_price_in_another_currency_is_a_row_error():
    offering = _offering(priceInformation=[{"costType": "total_costs", "amount": "100.00", "currency": "USD"}])
    assert _fields(_read(_course(offerings=[offering]))[0]) == ["offerings[0].priceInformation[0]"]


def test_a_free_offering_means_funding_free():
    offering = _offering(priceInformation=[{"costType": "total_costs", "amount": "0"}])
    record = _record(_course(offerings=[offering]))
    assert (record.price_cents, record.funding_options) == (0, ("free",))


def test_a_crebo_code_that_is_not_five_digits_is_a_row_error_but_an_own_programme_code_is_passed_over():
    rows = _read(_course(otherCodes=[{"codeType": "crohoCreboCode", "code": "2549"}]))
    assert _fields(rows[0]) == ["otherCodes[0].code"]
    record = _record(_course(primaryCode={"codeType": "programme_code", "code": "BIO"}))
    assert (record.programme_register, record.programme_code) == ("", "")


def test_an_expanded_course_names_its_fields_from_the_offering():
    rows = _read(_offering(courseId=None, course=_course(name=None)))
    assert (rows[0].position, _fields(rows[0])) == ("item 1", ["course.name"])


def test_truncated_json_is_a_structural_error_that_says_where():
    data = (FILES / "courses_page.json").read_bytes()[:700]
    with pytest.raises(StructuralError) as error:
        _read(data)
    line = data.decode().count("\n") + 1
    assert str(line) in error.value.message


def test_invalid_json_is_a_structural_error_that_says_where():
    with pytest.raises(StructuralError) as error:
        _read(b'{"items": [\n  {"courseId": "A",}\n]}')
    assert "2" in error.value.message
    assert "20" in error.value.message


def test_data_that_is_not_utf8_is_a_structural_error():
    with pytest.raises(StructuralError):
        _read(
            json.dumps(_course(name=[{"language": "nl", "value": "Crème brûlée"}]), ensure_ascii=False).encode(
                "latin-1"
            )
        )


@pytest.mark.parametrize(
    "document", [[_course()], "course", 42, None, {"name": "Geen cursus"}, {"items": {"courseId": "A"}}]
)
def test_a_top_level_that_is_no_course_programme_offering_or_page_is_a_structural_error(document):
    with pytest.raises(StructuralError):
        _read(document)


def test_empty_data_is_a_structural_error():
    with pytest.raises(StructuralError):
        _read(b"  \n")


def test_oversized_data_is_a_structural_error_before_anything_is_parsed(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("parsed")

    monkeypatch.setattr(ooapi.json, "loads", refuse)
    data = json.dumps(_course()).encode("utf-8")
    with pytest.raises(StructuralError):
        _read(data, Limits(max_bytes=len(data) - 1, max_rows=1000))


def test_more_courses_than_the_row_limit_is_a_structural_error_before_any_row():
    items = [_course(courseId=str(number)) for number in range(4)]
    rows = read_ooapi(
        json.dumps(_page(*items)).encode(), limits=Limits(max_bytes=1_000_000, max_rows=3), context=CONTEXT
    )
    with pytest.raises(StructuralError):
        next(rows)
    assert len(_read(_page(*items[:3]), Limits(max_bytes=1_000_000, max_rows=3))) == 3


def test_offerings_do_not_count_against_the_row_limit():
    items = [_course(), *(_offering(courseOfferingId=str(number)) for number in range(5))]
    rows = _read(_page(*items), Limits(max_bytes=1_000_000, max_rows=1))
    assert len(rows[0].record.runs) == 5


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
COURSE_KEYS = [
    "courseId",
    "name",
    "description",
    "level",
    "levelOfQualification",
    "duration",
    "studyLoad",
    "teachingLanguages",
    "modesOfDelivery",
    "fieldsOfStudy",
    "otherCodes",
    "primaryCode",
    "link",
    "addresses",
    "offerings",
]
OFFERING_KEYS = [
    "startDateTime",
    "endDateTime",
    "flexibleEntryPeriodStartDateTime",
    "addresses",
    "priceInformation",
    "maxNumberStudents",
    "modesOfDelivery",
    "state",
    "courseId",
    "course",
]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.dictionaries(st.sampled_from(COURSE_KEYS), JSON_VALUES, max_size=4),
    st.dictionaries(st.sampled_from(OFFERING_KEYS), JSON_VALUES, max_size=4),
)
def test_any_json_values_give_rows_with_records_or_errors_and_never_crash(course_values, offering_values):
    course = _course(offerings=[_offering(**offering_values)])
    course.update(course_values)
    for row in _read(_page(course, _offering(**offering_values))):
        assert (row.record is None) == bool(row.errors)
