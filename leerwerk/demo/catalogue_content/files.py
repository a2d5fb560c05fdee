"""The data files in `leerwerk/demo/data/` that the demo catalogue is built on
(`data/README.md` gives the source and licence of each), and `normalise`, how the names
in them are compared."""

import unicodedata
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PROVIDERS_FILE = DATA_DIR / "providers.csv"
CROHO_FILE = DATA_DIR / "croho_opleidingen.csv"
PROGRAMME_NAMES_FILE = DATA_DIR / "programme-names.yml"
SBB_FILE = DATA_DIR / "kwalificaties_overzicht.csv"


def normalise(value: str) -> str:
    """Lower case, no accents, single spaces (as `leerwerk.catalogue.ingest.fields.normalise`)."""
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return " ".join(folded.lower().replace("_", " ").replace("-", " ").split())
