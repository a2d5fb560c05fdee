"""The demo catalogue: every provider of `data/providers.csv` with its offers, as the
`OfferRecord`s that the readers produce, ready for the demo seed and for judging search.

The offers, their descriptions, prices and runs are invented demo content built on real
names: the providers are real public institutions; the programmes of universities and
universities of applied sciences carry real CROHO names and codes; MBO offers carry the
real SBB qualification names and crebo codes of `data/kwalificaties_overzicht.csv` or a
common qualification name without a code; the runs take place in the real municipalities
of the five Brabant labour-market regions. None of it says what a provider offers,
costs or schedules. `data/README.md` gives the source and licence of every file.

Public surface: `demo_catalogue()` and `DemoProvider` (and `DATA_DIR`, where the data
files are). Pure: no database, and the same seed and date give the same output.

The modules, from the bottom up:
- `codes`, `files`: the vocabulary's plain-string codes; the data files and `normalise`;
- `registers`: CROHO programmes and SBB qualifications; `providers`: the providers, the
  Brabant municipalities and the reference data read once;
- `texts`: description sentences; `courses`: the short-course table;
- `builder`: `Builder`, one provider's offers, places, dates and runs;
- `mbo`, `higher_education`, `private_trainers` (with `course_offers`): the offers per kind
  of provider; `catalogue`: `demo_catalogue` itself."""

from leerwerk.demo.catalogue_content.catalogue import demo_catalogue
from leerwerk.demo.catalogue_content.files import DATA_DIR
from leerwerk.demo.catalogue_content.providers import DemoProvider

__all__ = ["DATA_DIR", "DemoProvider", "demo_catalogue"]
