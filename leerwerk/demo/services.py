"""Demo data for `make run`: the five Brabant regions served, their partners, a user for
every role (all with the password `leerwerk-demo`; an adviser and a team lead per region),
the demo catalogue, each region's promising occupations (when the ESCO occupations are
loaded), and each region's advice requests and cases in every state (`advice_cases`).

Public surface: `seed_demo()`. Built on the domain services, idempotent, and refused
where settings.DEMO_DATA_ENABLED is off (production). Every person and employer here is
invented; the schools and municipalities are real public names."""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from leerwerk.accounts.models import Organisation, Role, User
from leerwerk.accounts.selectors import get_organisation, get_user_by_email
from leerwerk.accounts.services import create_organisation, create_user, grant_membership
from leerwerk.catalogue.models import Offer, Provider
from leerwerk.catalogue.selectors import get_provider_by_name
from leerwerk.catalogue.services import admit_provider, create_provider, upsert_records
from leerwerk.demo.advice_cases import AdviceCasesReport, seed_advice_cases
from leerwerk.demo.catalogue_content import DemoProvider, demo_catalogue
from leerwerk.demo.promising_occupations import DEMO_SOURCE, PROMISING_OCCUPATIONS
from leerwerk.regions.models import LabourMarketRegion, Municipality
from leerwerk.regions.services import set_served_regions
from leerwerk.skills.selectors import get_occupation_by_label
from leerwerk.skills.services import set_promising_occupation

DEMO_PASSWORD = "leerwerk-demo"  # noqa: S105  (the published demo password; demo data is refused in production)
DEMO_EMAIL_DOMAIN = "demo.leerwerk.test"

# The five labour-market regions of Noord-Brabant with their lead municipality (centrumgemeente).
BRABANT = {
    "AM25": "GM0758",  # West-Brabant: Breda
    "AM26": "GM0855",  # Midden-Brabant: Tilburg
    "AM27": "GM0796",  # Noordoost-Brabant: 's-Hertogenbosch
    "AM28": "GM0772",  # Zuidoost-Brabant: Eindhoven
    "AM32": "GM0794",  # Helmond-De Peel: Helmond
}


class DemoDataDisabledError(RuntimeError):
    pass


class ReferenceDataMissingError(RuntimeError):
    pass


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    scope: str


@dataclass
class DemoReport:
    users_created: int = 0
    logins: list[DemoLogin] = field(default_factory=list)
    providers: int = 0
    offers_new: int = 0
    offers_changed: int = 0
    offers_unchanged: int = 0
    promising_created: int = 0
    promising_updated: int = 0
    promising_unchanged: int = 0
    promising_missing: list[str] = field(default_factory=list)  # occupations not loaded
    advice: AdviceCasesReport = field(default_factory=AdviceCasesReport)


@dataclass(frozen=True)
class _Person:
    local_part: str
    full_name: str
    role: Role
    organisation: tuple[str, Organisation.Kind] | None
    region_codes: tuple[str, ...]


def _people() -> list[_Person]:
    pact = ("Pact Brabant (demo)", Organisation.Kind.PARTNERSHIP)
    people = [
        _Person("beheerder", "Bram Beheer", Role.ADMINISTRATOR, pact, tuple(BRABANT)),
        _Person("secretariaat", "Sophie Secretaris", Role.SECRETARIAT, pact, tuple(BRABANT)),
        _Person("analist", "Anouk Analist", Role.ANALYST, pact, tuple(BRABANT)),
        _Person(
            "opleider",
            "Omar Opleider",
            Role.PROVIDER_EDITOR,
            ("Koning Willem I College", Organisation.Kind.SCHOOL),
            ("AM27",),
        ),
        _Person(
            "werkgever",
            "Wim Werkgever",
            Role.EMPLOYER_CONTACT,
            ("Bakkerij De Korenschoof (demo)", Organisation.Kind.EMPLOYER),
            ("AM27",),
        ),
        _Person("uwv", "Ula UWV", Role.ADVISER, ("UWV", Organisation.Kind.UWV), tuple(BRABANT)),
    ]
    adviser_names = ["Wendy Westerhout", "Mehmet Middelkoop", "Noor van Oss", "Zeynep Zuidema", "Hans Hendriks"]
    lead_names = ["Tineke Timmermans", "Ruud van Rijswijk", "Esther Evers", "Joris Jacobs", "Lieke Lammers"]
    for code, full_name, lead_name in zip(BRABANT, adviser_names, lead_names, strict=True):
        municipality_organisation = (f"Gemeente {code}", Organisation.Kind.MUNICIPALITY)
        people.append(_Person(f"adviseur.{code.lower()}", full_name, Role.ADVISER, municipality_organisation, (code,)))
        people.append(
            _Person(f"teamleider.{code.lower()}", lead_name, Role.TEAM_LEAD, municipality_organisation, (code,))
        )
    people.append(_Person("inwoner", "Ilse Inwoner", Role.RESIDENT, None, ("AM27",)))
    return people


@transaction.atomic
def seed_demo() -> DemoReport:
    if not settings.DEMO_DATA_ENABLED:
        raise DemoDataDisabledError("Demo data is disabled here (DEMO_DATA_ENABLED is off).")
    regions = {region.code: region for region in LabourMarketRegion.objects.filter(code__in=BRABANT)}
    if len(regions) != len(BRABANT):
        raise ReferenceDataMissingError("Load the regions first: manage.py load_regions")
    set_served_regions(codes=BRABANT)
    lead = {municipality.code: municipality for municipality in Municipality.objects.filter(code__in=BRABANT.values())}
    for code, region in regions.items():
        if region.lead_municipality_id is None:
            region.lead_municipality = lead[BRABANT[code]]
            region.save(update_fields=["lead_municipality", "updated_at"])

    report = DemoReport()
    password_hash = make_password(DEMO_PASSWORD)
    advisers: dict[str, User] = {}
    for person in _people():
        user = _user(person, report, password_hash)
        organisation = _organisation(person, regions, lead)
        grant_membership(
            user=user,
            role=person.role,
            organisation=organisation,
            regions=[regions[code] for code in person.region_codes],
        )
        scope = ", ".join(regions[code].name for code in person.region_codes)
        report.logins.append(DemoLogin(email=user.email, role=str(person.role.label), scope=scope))
        if person.local_part.startswith("adviseur."):
            advisers[person.region_codes[0]] = user
    _seed_catalogue(report)
    _seed_promising_occupations(report, regions)
    # After the catalogue and the occupations: the plans link to offers and occupations.
    report.advice = seed_advice_cases(advisers=advisers, today=timezone.localdate())
    return report


# The demo provider editor works for this school, whose offers they manage in the workspace.
EDITOR_SCHOOL = "Koning Willem I College"


def _seed_catalogue(report: DemoReport) -> None:
    """The demo catalogue: the Brabant providers, admitted, with their invented offers."""
    school = get_organisation(name=EDITOR_SCHOOL, kind=Organisation.Kind.SCHOOL)
    for demo in demo_catalogue(today=timezone.localdate()):
        provider = _provider(demo, school if demo.name == EDITOR_SCHOOL else None)
        counts = upsert_records(provider=provider, records=demo.records, source=Offer.Source.DEMO)
        report.providers += 1
        report.offers_new += counts.new
        report.offers_changed += counts.changed
        report.offers_unchanged += counts.unchanged


def _seed_promising_occupations(report: DemoReport, regions: dict[str, LabourMarketRegion]) -> None:
    """Each region's promising occupations; those whose occupation is not loaded (before
    `manage.py load_occupations`) are left out and named in the report."""
    for code, entries in PROMISING_OCCUPATIONS.items():
        for position, (label, reason) in enumerate(entries, start=1):
            occupation = get_occupation_by_label(preferred_label=label)
            if occupation is None:
                report.promising_missing.append(label)
                continue
            outcome = set_promising_occupation(
                region=regions[code], occupation=occupation, reason=reason, source=DEMO_SOURCE, position=position
            )
            if outcome == "created":
                report.promising_created += 1
            elif outcome == "updated":
                report.promising_updated += 1
            else:
                report.promising_unchanged += 1


def _provider(demo: DemoProvider, organisation: Organisation | None) -> Provider:
    provider = get_provider_by_name(name=demo.name)
    if provider is None:
        provider = create_provider(
            name=demo.name,
            kind=Provider.Kind(demo.kind),
            website=demo.website,
            places=demo.places,
            organisation=organisation,
            is_demo=True,
        )
    if not provider.is_admitted:
        admit_provider(provider=provider)
    return provider


def _user(person: _Person, report: DemoReport, password_hash: str) -> User:
    email = f"{person.local_part}@{DEMO_EMAIL_DOMAIN}"
    user = get_user_by_email(email=email)
    if user is None:
        user = create_user(email=email, password_hash=password_hash, full_name=person.full_name, email_verified=True)
        report.users_created += 1
    return user


def _organisation(
    person: _Person, regions: dict[str, LabourMarketRegion], lead: dict[str, Municipality]
) -> Organisation | None:
    if person.organisation is None:
        return None
    name, kind = person.organisation
    municipality = None
    if kind == Organisation.Kind.MUNICIPALITY:
        # "Gemeente AM27" stands for the region's lead municipality.
        code = name.removeprefix("Gemeente ")
        municipality = lead[BRABANT[code]]
        name = f"Gemeente {municipality.name}"
    organisation = get_organisation(name=name, kind=kind)
    if organisation is None:
        organisation = create_organisation(name=name, kind=kind, municipality=municipality)
    return organisation
