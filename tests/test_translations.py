"""The interface is Dutch first: every translatable text has a Dutch translation, and
the compiled catalogue that Django reads is the one in the repository's .po file."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

PO_FILE = settings.BASE_DIR / "locale" / "nl" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")


def test_the_dutch_catalogue_is_complete():
    catalogue = polib.pofile(str(PO_FILE))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


def test_the_compiled_catalogue_matches_the_po_file():
    source = {(e.msgctxt, e.msgid): (e.msgstr or e.msgstr_plural) for e in polib.pofile(str(PO_FILE)) if e.translated()}
    compiled = {(e.msgctxt, e.msgid): (e.msgstr or e.msgstr_plural) for e in polib.mofile(str(MO_FILE))}
    compiled.pop((None, ""), None)  # the header
    assert compiled == source, "run `make messages` to compile locale/nl"


def test_every_text_in_the_code_is_in_the_catalogue(tmp_path: Path):
    """Extract the texts afresh (as `make messages` does) in a copy of the project and
    check that nothing appears that the Dutch catalogue does not translate."""
    if shutil.which("xgettext") is None:
        pytest.fail("xgettext is missing: `make test` installs Debian's gettext package")
    for name in ("leerwerk", "config", "locale"):
        shutil.copytree(settings.BASE_DIR / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(settings.BASE_DIR / "manage.py", tmp_path)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "nl", "--no-obsolete", "-v", "0"],
        cwd=tmp_path,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_test"},
    )
    fresh = polib.pofile(str(tmp_path / "locale" / "nl" / "LC_MESSAGES" / "django.po"))
    assert [entry.msgid for entry in fresh.untranslated_entries()] == []
