"""Demo casework of the five Brabant advice desks: in every region, invented residents'
advice requests and cases in every state, and one case with a development plan for the
demo resident (inwoner@demo.leerwerk.test, Noordoost-Brabant), who sees it at
/mijn/ontwikkelplan/.

Public surface: `seed_advice_cases(advisers=…, today=…)` → `AdviceCasesReport`.

Built on the services: the resident's request (`journeys.services.request_advice`), the
desk's intake (`take_in_requests`), and the adviser's work (take, target groups, notes,
contact moments, appointments, plan, trajectories, outcomes, status), each logged in the
processing log as done "via a command". The one direct write: a request's arrival time
is moved back to the scenario's date before intake (the services stamp "now", and a
queue without history shows nothing of waiting times). Idempotent: a scenario whose
resident already asked (same e-mail address) is left as it is. Dates are relative to
`today`. Every name, address and phone number is invented."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

from leerwerk.accounts.models import User
from leerwerk.advice.models import Case, ContactMoment, Note, Outcome, PlanStep, TargetGroup, Trajectory
from leerwerk.advice.services.cases import (
    add_appointment,
    add_contact_moment,
    add_note,
    change_status,
    set_target_groups,
    take_case,
    take_in_requests,
)
from leerwerk.advice.services.plans import add_step, save_plan
from leerwerk.advice.services.trajectories import add_outcome, add_trajectory
from leerwerk.audit.services import Via
from leerwerk.catalogue.models import Offer
from leerwerk.catalogue.selectors import public_offers
from leerwerk.journeys.models import AdviceRequest
from leerwerk.journeys.services import Contact, Place, request_advice
from leerwerk.regions.selectors import current_year, list_municipalities
from leerwerk.skills.models import Occupation
from leerwerk.skills.selectors import get_occupation_by_label

EMAIL_DOMAIN = "demo.leerwerk.test"
VIA = Via.COMMAND

Goal = AdviceRequest.Goal
Situation = AdviceRequest.Situation


@dataclass
class AdviceCasesReport:
    created: int = 0
    unchanged: int = 0
    per_status: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Resident:
    name: str
    goal: str
    situation: str
    message: str
    groups: frozenset[str] = frozenset()


# Six residents per region, one per state (the order of STATES below).
RESIDENTS: dict[str, list[Resident]] = {
    "AM25": [
        Resident("Fleur van Dongen", Goal.LEARN, Situation.EMPLOYED, "Ik werk in een winkel en wil de zorg in."),
        Resident("Karim el Idrissi", Goal.WORK_AGAIN, Situation.JOB_SEEKER, "Ik zoek werk in de logistiek."),
        Resident(
            "Gerda Luijten",
            Goal.OTHER_WORK,
            Situation.THREATENED_WITH_DISMISSAL,
            "Mijn werkgever sluit de vestiging in Roosendaal.",
            frozenset({TargetGroup.FIFTY_PLUS, TargetGroup.THREATENED_WITH_DISMISSAL}),
        ),
        Resident(
            "Daan Verschuren",
            Goal.LEARN,
            Situation.STUDENT,
            "Ik ben gestopt met school en weet niet wat ik wil.",
            frozenset({TargetGroup.YOUNG}),
        ),
        Resident(
            "Samira Haddou",
            Goal.WORK_AGAIN,
            Situation.JOB_SEEKER,
            "Ik heb een uitkering en wil graag weer werken.",
            frozenset({TargetGroup.ON_BENEFITS}),
        ),
        Resident(
            "Piet Oomen",
            Goal.LEARN,
            Situation.SELF_EMPLOYED,
            "Als zzp'er wil ik mijn vak bijhouden.",
            frozenset({TargetGroup.SELF_EMPLOYED}),
        ),
    ],
    "AM26": [
        Resident("Lotte Biemans", Goal.LEARN, Situation.EMPLOYED, "Ik wil een mbo-diploma halen naast mijn werk."),
        Resident("Tarik Bouzid", Goal.WORK_AGAIN, Situation.JOB_SEEKER, "Wie helpt mij aan werk in een magazijn?"),
        Resident(
            "Marianne van Gorp",
            Goal.OTHER_WORK,
            Situation.THREATENED_WITH_DISMISSAL,
            "Er vallen ontslagen bij ons bedrijf in Waalwijk.",
            frozenset({TargetGroup.FIFTY_PLUS, TargetGroup.THREATENED_WITH_DISMISSAL}),
        ),
        Resident(
            "Yara Smulders",
            Goal.LEARN,
            Situation.OTHER,
            "Ik wil beter leren lezen en schrijven.",
            frozenset({TargetGroup.LIMITED_LITERACY}),
        ),
        Resident(
            "Abel Tesfaye Gebremariam",
            Goal.WORK_AGAIN,
            Situation.JOB_SEEKER,
            "Ik heb een verblijfsvergunning en zoek werk als kok.",
            frozenset({TargetGroup.STATUS_HOLDER}),
        ),
        Resident(
            "Joost Hendrikx",
            Goal.OTHER_WORK,
            Situation.EMPLOYED,
            "Ik wil weg uit de schoonmaak.",
            frozenset({TargetGroup.ON_BENEFITS}),
        ),
    ],
    "AM27": [
        Resident("Iris van de Ven", Goal.LEARN, Situation.EMPLOYED, "Ik wil doorgroeien naar verzorgende IG."),
        Resident("Bram Schellekens", Goal.WORK_AGAIN, Situation.JOB_SEEKER, "Ik zoek werk als heftruckchauffeur."),
        Resident(
            "Henk van Lieshout",
            Goal.OTHER_WORK,
            Situation.THREATENED_WITH_DISMISSAL,
            "Na 30 jaar bij de drukkerij moet ik iets anders.",
            frozenset({TargetGroup.FIFTY_PLUS, TargetGroup.THREATENED_WITH_DISMISSAL}),
        ),
        Resident(
            "Noa Pennings",
            Goal.LEARN,
            Situation.STUDENT,
            "Ik wil een opleiding in de techniek.",
            frozenset({TargetGroup.YOUNG}),
        ),
        Resident(
            "Ahmad Rahimi",
            Goal.WORK_AGAIN,
            Situation.JOB_SEEKER,
            "Ik was monteur in Afghanistan en zoek werk in de techniek.",
            frozenset({TargetGroup.STATUS_HOLDER}),
        ),
        Resident(
            "Ria Kuijpers",
            Goal.LEARN,
            Situation.OTHER,
            "Ik wil de computer beter leren gebruiken.",
            frozenset({TargetGroup.FIFTY_PLUS, TargetGroup.LIMITED_LITERACY}),
        ),
    ],
    "AM28": [
        Resident("Sem Donkers", Goal.LEARN, Situation.EMPLOYED, "Ik wil een opleiding tot elektricien."),
        Resident("Linda Swinkels", Goal.WORK_AGAIN, Situation.JOB_SEEKER, "Ik zoek administratief werk."),
        Resident(
            "Frank Maas",
            Goal.OTHER_WORK,
            Situation.THREATENED_WITH_DISMISSAL,
            "Mijn functie bij de fabriek in Eindhoven verdwijnt.",
            frozenset({TargetGroup.THREATENED_WITH_DISMISSAL}),
        ),
        Resident(
            "Jesse van Asten",
            Goal.LEARN,
            Situation.STUDENT,
            "Ik wil iets met ICT maar weet niet wat.",
            frozenset({TargetGroup.YOUNG}),
        ),
        Resident(
            "Mariska Vlemmix",
            Goal.WORK_AGAIN,
            Situation.JOB_SEEKER,
            "Na jaren thuis voor de kinderen wil ik weer werken.",
            frozenset({TargetGroup.ON_BENEFITS}),
        ),
        Resident(
            "Ton Rooijakkers",
            Goal.OTHER_WORK,
            Situation.SELF_EMPLOYED,
            "Mijn bedrijf loopt niet meer, ik zoek een baan.",
            frozenset({TargetGroup.SELF_EMPLOYED, TargetGroup.FIFTY_PLUS}),
        ),
    ],
    "AM32": [
        Resident("Anouk Verhoeven", Goal.LEARN, Situation.EMPLOYED, "Ik wil een opleiding in de kinderopvang."),
        Resident("Rachid Amrani", Goal.WORK_AGAIN, Situation.JOB_SEEKER, "Ik zoek werk als vrachtwagenchauffeur."),
        Resident(
            "Wilma Raaijmakers",
            Goal.OTHER_WORK,
            Situation.THREATENED_WITH_DISMISSAL,
            "De metaalfabriek in Helmond gaat reorganiseren.",
            frozenset({TargetGroup.FIFTY_PLUS, TargetGroup.THREATENED_WITH_DISMISSAL}),
        ),
        Resident(
            "Thijs Coolen",
            Goal.LEARN,
            Situation.STUDENT,
            "Ik wil monteur worden.",
            frozenset({TargetGroup.YOUNG}),
        ),
        Resident(
            "Olena Kovalenko",
            Goal.WORK_AGAIN,
            Situation.JOB_SEEKER,
            "Ik kom uit Oekraïne en zoek werk in de zorg.",
            frozenset({TargetGroup.STATUS_HOLDER}),
        ),
        Resident(
            "Gert-Jan van Bree",
            Goal.OTHER_WORK,
            Situation.EMPLOYED,
            "Ik wil minder zwaar werk.",
            frozenset({TargetGroup.FIFTY_PLUS}),
        ),
    ],
}

DEMO_RESIDENT = Resident(
    "Ilse Inwoner",
    Goal.LEARN,
    Situation.EMPLOYED,
    "Ik werk als gastvrouw en wil de zorg in. Kan ik dat naast mijn werk leren?",
    frozenset({TargetGroup.FIFTY_PLUS}),
)
DEMO_RESIDENT_EMAIL = f"inwoner@{EMAIL_DOMAIN}"

# Words of demo offer titles and ESCO labels that fit the plans.
OFFER_WORDS = ("zorg", "logistiek", "heftruck", "administrat", "techniek")
OCCUPATION_LABELS = ("zorghulp", "logistiek medewerker", "administratief medewerker")


@dataclass(frozen=True)
class Scenario:
    """A state of a case: how long ago the request came in, and the adviser's work."""

    status: str
    received_days_ago: int
    work: Callable[["Work"], None]


@dataclass(frozen=True)
class Work:
    actor: User
    case: Case
    resident: Resident
    today: datetime.date

    def day(self, days_ago: int) -> datetime.date:
        return self.today - datetime.timedelta(days=days_ago)

    def moment(self, days_ago: int, hour: int = 10) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.day(days_ago), datetime.time(hour)))


def _offer(word: str) -> Offer | None:
    return public_offers().filter(title__icontains=word).order_by("pk").first()


def _occupation(label: str) -> Occupation | None:
    return get_occupation_by_label(preferred_label=label)


def _start(work: Work, *, contact_days_ago: int) -> None:
    """Taken, target groups set, a first conversation written down."""
    take_case(actor=work.actor, case=work.case, via=VIA)
    set_target_groups(actor=work.actor, case=work.case, groups={str(g) for g in work.resident.groups}, via=VIA)
    add_contact_moment(
        actor=work.actor,
        case=work.case,
        happened_at=work.moment(contact_days_ago),
        channel=ContactMoment.Channel.PHONE,
        summary="Eerste gesprek: wensen, ervaring en mogelijkheden doorgenomen.",
        via=VIA,
    )


def _plan(work: Work, goal: str) -> None:
    save_plan(actor=work.actor, case=work.case, goal=goal, via=VIA)
    add_step(
        actor=work.actor,
        case=work.case,
        description="Oriënteren op het beroep: een dag meelopen",
        occupation=_occupation(OCCUPATION_LABELS[0]),
        due_on=work.day(-14),
        status=PlanStep.Status.IN_PROGRESS,
        via=VIA,
    )
    add_step(
        actor=work.actor,
        case=work.case,
        description="Aanmelden voor de opleiding",
        offer=_offer(OFFER_WORDS[0]),
        due_on=work.day(-30),
        via=VIA,
    )
    add_step(
        actor=work.actor,
        case=work.case,
        description="Cv bijwerken met het adviesgesprek erbij",
        due_on=work.day(-7),
        status=PlanStep.Status.DONE,
        via=VIA,
    )


def _in_progress(work: Work) -> None:
    _start(work, contact_days_ago=8)
    add_note(
        actor=work.actor,
        case=work.case,
        text="Gemotiveerd; werkgever wil meewerken aan een opleiding in deeltijd.",
        visibility=Note.Visibility.TEAM,
        via=VIA,
    )
    add_appointment(
        actor=work.actor,
        case=work.case,
        starts_at=work.moment(-5, hour=14),
        place="Leerwerkloket, spreekkamer 2",
        subject="Ontwikkelplan bespreken",
        via=VIA,
    )
    _plan(work, "Binnen een jaar aan het werk in de zorg, met een diploma op niveau 2.")


def _waiting(work: Work) -> None:
    _start(work, contact_days_ago=15)
    add_note(
        actor=work.actor,
        case=work.case,
        text="Wacht op het cv en de getuigschriften van de inwoner.",
        visibility=Note.Visibility.TEAM,
        via=VIA,
    )
    change_status(actor=work.actor, case=work.case, status=Case.Status.WAITING, via=VIA)


def _placed(work: Work) -> None:
    """A training (started, completed), then a placement whose six-month follow-up is due."""
    _start(work, contact_days_ago=395)
    training = add_trajectory(
        actor=work.actor,
        case=work.case,
        kind=Trajectory.Kind.TRAINING,
        started_on=work.day(380),
        offer=_offer(OFFER_WORDS[1]),
        via=VIA,
    )
    add_outcome(
        actor=work.actor,
        case=work.case,
        trajectory=training,
        kind=Outcome.Kind.TRAINING_STARTED,
        on_date=work.day(380),
        via=VIA,
    )
    add_outcome(
        actor=work.actor,
        case=work.case,
        trajectory=training,
        kind=Outcome.Kind.TRAINING_COMPLETED,
        on_date=work.day(230),
        via=VIA,
    )
    search = add_trajectory(
        actor=work.actor, case=work.case, kind=Trajectory.Kind.JOB_SEARCH, started_on=work.day(225), via=VIA
    )
    add_outcome(
        actor=work.actor,
        case=work.case,
        trajectory=search,
        kind=Outcome.Kind.PLACED,
        on_date=work.day(200),
        employer_name="Transportbedrijf Van Hout (demo)",
        occupation=_occupation(OCCUPATION_LABELS[1]),
        hours_per_week=32,
        contract_type=Outcome.ContractType.FIXED_TERM,
        via=VIA,
    )
    change_status(actor=work.actor, case=work.case, status=Case.Status.CLOSED, via=VIA)


def _stopped(work: Work) -> None:
    _start(work, contact_days_ago=85)
    orientation = add_trajectory(
        actor=work.actor, case=work.case, kind=Trajectory.Kind.ORIENTATION, started_on=work.day(80), via=VIA
    )
    add_outcome(
        actor=work.actor,
        case=work.case,
        trajectory=orientation,
        kind=Outcome.Kind.STOPPED,
        on_date=work.day(40),
        stop_reason=Outcome.StopReason.CIRCUMSTANCES,
        via=VIA,
    )
    change_status(actor=work.actor, case=work.case, status=Case.Status.CLOSED, via=VIA)


def _nothing(work: Work) -> None:
    """A new request that nobody has taken yet."""


STATES = [
    Scenario(Case.Status.NEW, 1, _nothing),
    Scenario(Case.Status.NEW, 10, _nothing),  # waits longer than 5 working days
    Scenario(Case.Status.IN_PROGRESS, 12, _in_progress),
    Scenario(Case.Status.WAITING, 20, _waiting),
    Scenario(Case.Status.CLOSED, 400, _placed),
    Scenario(Case.Status.CLOSED, 90, _stopped),
]


def _resident_work(work: Work) -> None:
    """The demo resident's own case: in progress, with a plan and a note shared with her."""
    _start(work, contact_days_ago=6)
    add_note(
        actor=work.actor,
        case=work.case,
        text="Fijn gesprek gehad. In je plan staan de stappen die we hebben afgesproken.",
        visibility=Note.Visibility.RESIDENT,
        via=VIA,
    )
    _plan(work, "Aan het werk als helpende zorg en welzijn, naast mijn huidige baan leren.")


def _email(resident: Resident) -> str:
    local = resident.name.lower().replace(" ", ".").replace("'", "")
    return f"{local}@{EMAIL_DOMAIN}"


def seed_advice_cases(*, advisers: dict[str, User], today: datetime.date) -> AdviceCasesReport:
    """Every state of a case in each region of `advisers` (region code → the adviser who
    works them), and the demo resident's case in AM27."""
    report = AdviceCasesReport()
    for code, adviser in advisers.items():
        municipalities = list(list_municipalities(year=current_year(), region=code).values_list("code", flat=True))
        for number, (resident, scenario) in enumerate(zip(RESIDENTS[code], STATES, strict=True)):
            municipality = municipalities[number % len(municipalities)]
            _seed_one(report, code, adviser, resident, _email(resident), municipality, scenario, today)
        if code == "AM27":
            resident_scenario = Scenario(Case.Status.IN_PROGRESS, 14, _resident_work)
            _seed_one(report, code, adviser, DEMO_RESIDENT, DEMO_RESIDENT_EMAIL, "GM0796", resident_scenario, today)
    return report


def _seed_one(
    report: AdviceCasesReport,
    code: str,
    adviser: User,
    resident: Resident,
    email: str,
    municipality_code: str,
    scenario: Scenario,
    today: datetime.date,
) -> None:
    if AdviceRequest.objects.filter(email=email).exists():
        report.unchanged += 1
        return
    received = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=scenario.received_days_ago), datetime.time(9, 30))
    )
    request = request_advice(
        goal=resident.goal,
        situation=resident.situation,
        contact=Contact(name=resident.name, email=email, phone="0612345678"),
        contact_by=AdviceRequest.ContactBy.EMAIL,
        place=Place(municipality_code=municipality_code),
        message=resident.message,
        now=received,
    )
    # The scenario's history: the request came in `received_days_ago` (see the docstring).
    AdviceRequest.objects.filter(pk=request.pk).update(created_at=received)
    take_in_requests(region_codes={code})
    case = Case.objects.select_related("person").get(request=request)
    scenario.work(Work(actor=adviser, case=case, resident=resident, today=today))
    report.created += 1
    report.per_status[scenario.status] = report.per_status.get(scenario.status, 0) + 1
