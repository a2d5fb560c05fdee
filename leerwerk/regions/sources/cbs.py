"""Reader of the CBS municipality → labour-market region table (see data/cbs/README.md)."""

import csv
import re
from dataclasses import dataclass
from pathlib import Path

BUNDLED_FILE = Path(__file__).resolve().parent.parent / "data" / "cbs" / "gemeenten_arbeidsmarktregio.csv"
# The bundled file describes the composition from this year on (data/cbs/README.md).
BUNDLED_FIRST_YEAR = 2023
COLUMNS = (
    "gemeentecode",
    "gemeentenaam",
    "provinciecode",
    "provincienaam",
    "arbeidsmarktregiocode",
    "arbeidsmarktregionaam",
)
_NAME_SUFFIX = " (gemeente)"
_MUNICIPALITY_CODE = re.compile(r"GM\d{4}")
_REGION_CODE = re.compile(r"AM\d{2}")


class SourceFileError(ValueError):
    """The file is not a CBS municipality table this reader understands."""


@dataclass(frozen=True)
class MunicipalityRecord:
    code: str
    name: str
    province_code: str
    province_name: str
    region_code: str
    region_name: str


def read_municipalities(path: Path) -> list[MunicipalityRecord]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = set(COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise SourceFileError(f"{path.name}: missing columns {', '.join(sorted(missing))}")
        records = [
            MunicipalityRecord(
                code=row["gemeentecode"].strip(),
                name=row["gemeentenaam"].strip().removesuffix(_NAME_SUFFIX),
                province_code=row["provinciecode"].strip(),
                province_name=row["provincienaam"].strip(),
                region_code=row["arbeidsmarktregiocode"].strip(),
                region_name=row["arbeidsmarktregionaam"].strip(),
            )
            for row in reader
        ]
    _check(path.name, records)
    return records


def _check(file_name: str, records: list[MunicipalityRecord]) -> None:
    seen: set[str] = set()
    region_names: dict[str, str] = {}
    for line, record in enumerate(records, start=2):
        if not _MUNICIPALITY_CODE.fullmatch(record.code):
            raise SourceFileError(f"{file_name}, line {line}: {record.code!r} is not a municipality code")
        if not _REGION_CODE.fullmatch(record.region_code):
            raise SourceFileError(f"{file_name}, line {line}: {record.region_code!r} is not a region code")
        if record.code in seen:
            raise SourceFileError(f"{file_name}, line {line}: {record.code} occurs twice")
        seen.add(record.code)
        known_name = region_names.setdefault(record.region_code, record.region_name)
        if known_name != record.region_name:
            raise SourceFileError(
                f"{file_name}, line {line}: {record.region_code} is called both {known_name!r} "
                f"and {record.region_name!r}"
            )
