import io

import pytest
from django.core.management import CommandError, call_command

from leerwerk.skills.models import Occupation
from leerwerk.skills.sources import BUNDLED_FILE, read_occupations

pytestmark = pytest.mark.django_db


def test_the_bundled_file_holds_the_esco_occupations_with_dutch_labels():
    records = read_occupations(BUNDLED_FILE)
    assert len(records) == 3039
    by_label = {record.preferred_label: record for record in records}
    assert "inspiciënt" in by_label
    assert "toneelmeester" in by_label["inspiciënt"].alt_labels


def test_loading_twice_changes_nothing_the_second_time():
    first = io.StringIO()
    call_command("load_occupations", stdout=first)
    assert "3039 created" in first.getvalue()
    second = io.StringIO()
    call_command("load_occupations", stdout=second)
    assert "3039 unchanged" in second.getvalue()
    assert Occupation.objects.count() == 3039


def test_a_file_without_the_columns_is_refused(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="missing columns"):
        call_command("load_occupations", file=path, stdout=io.StringIO())
