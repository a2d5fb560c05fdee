"""Reader of the ESCO occupations export (data/esco/README.md)."""

import csv
from dataclasses import dataclass
from pathlib import Path

BUNDLED_FILE = Path(__file__).resolve().parent / "data" / "esco" / "occupations_nl.csv"
COLUMNS = ("conceptUri", "code", "iscoGroup", "preferredLabel", "altLabels", "description")


class SourceFileError(ValueError):
    pass


@dataclass(frozen=True)
class OccupationRecord:
    uri: str
    code: str
    isco_group: str
    preferred_label: str
    alt_labels: tuple[str, ...]
    description: str


def read_occupations(path: Path) -> list[OccupationRecord]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = set(COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise SourceFileError(f"{path.name}: missing columns {', '.join(sorted(missing))}")
        return [
            OccupationRecord(
                uri=row["conceptUri"].strip(),
                code=row["code"].strip(),
                isco_group=row["iscoGroup"].strip(),
                preferred_label=row["preferredLabel"].strip(),
                alt_labels=tuple(label.strip() for label in row["altLabels"].splitlines() if label.strip()),
                description=row["description"].strip(),
            )
            for row in reader
            if row["conceptUri"].strip()
        ]
