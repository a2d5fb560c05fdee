"""The offers of MBO schools: SBB qualifications with their crebo codes and common
qualification names without one, BOL and BBL, and at the general schools a few short
courses."""

from __future__ import annotations

from datetime import date, timedelta

from leerwerk.catalogue.vocabulary import DurationUnit, ProgrammeRegister, Sector
from leerwerk.demo.catalogue_content.builder import Builder
from leerwerk.demo.catalogue_content.codes import (
    AGRICULTURE,
    BBL,
    BLENDED,
    BOL,
    BUSINESS,
    CARE,
    CLASSROOM,
    CONSTRUCTION,
    CREATIVE,
    DAYTIME,
    EMPLOYER,
    EVENING,
    HOSPITALITY,
    ICT,
    LOGISTICS,
    MUNICIPALITY,
    OTHER,
    OWN_BUDGET,
    RETAIL,
    SAFETY,
    SECTOR_FUND,
    TECHNOLOGY,
    UWV,
)
from leerwerk.demo.catalogue_content.course_offers import course_in_town
from leerwerk.demo.catalogue_content.courses import COURSES
from leerwerk.demo.catalogue_content.registers import Qualification
from leerwerk.demo.catalogue_content.texts import PATH_SENTENCES, SECTOR_TEXTS, lower_first

# Common MBO qualification names written for the demo (no crebo codes).
_Q = Qualification
MBO_QUALIFICATIONS: tuple[Qualification, ...] = (
    _Q("Medewerker in de zorg", 2, CARE, core=True),
    _Q("Zorghulp", 1, CARE),
    _Q("Verzorgende IG", 3, CARE, core=True),
    _Q("Mbo-verpleegkundige", 4, CARE, core=True),
    _Q("Medewerker maatschappelijke zorg", 3, CARE),
    _Q("Doktersassistent", 4, CARE, learn="patiënten helpen en de praktijk van een huisarts goed laten lopen"),
    _Q("Apothekersassistent", 4, CARE, learn="medicijnen klaarmaken en klanten advies geven"),
    _Q("Tandartsassistent", 4, CARE, learn="de tandarts assisteren en patiënten op hun gemak stellen"),
    _Q("Sociaal werker", 4, CARE),
    _Q("Assistent dienstverlening en zorg", 1, CARE),
    _Q("Monteur elektrotechnische installaties", 2, TECHNOLOGY),
    _Q("Eerste monteur elektrotechnische installaties", 3, TECHNOLOGY, core=True),
    _Q("Technicus elektrotechnische installaties in gebouwen", 4, TECHNOLOGY),
    _Q("Monteur mechatronica", 2, TECHNOLOGY),
    _Q("Eerste monteur mechatronica", 3, TECHNOLOGY),
    _Q("Technicus mechatronica", 4, TECHNOLOGY),
    _Q("Monteur werktuigbouwkundige installaties", 2, TECHNOLOGY),
    _Q("Eerste monteur werktuigbouwkundige installaties", 3, TECHNOLOGY),
    _Q("Lasser", 2, TECHNOLOGY, core=True, learn="metalen delen veilig aan elkaar lassen"),
    _Q("Constructiewerker", 2, TECHNOLOGY),
    _Q("Allround constructiewerker", 3, TECHNOLOGY),
    _Q("Verspaner", 2, TECHNOLOGY),
    _Q("Allround verspaner", 3, TECHNOLOGY),
    _Q("Autotechnicus", 2, TECHNOLOGY, learn="auto's onderhouden en repareren"),
    _Q("Eerste autotechnicus", 3, TECHNOLOGY, learn="storingen in auto's zoeken en auto's onderhouden en repareren"),
    _Q("Technisch specialist personenauto's", 4, TECHNOLOGY, learn="lastige storingen in auto's vinden en oplossen"),
    _Q("Fietstechnicus", 2, TECHNOLOGY, learn="fietsen en e-bikes onderhouden en repareren"),
    _Q("Procesoperator", 3, TECHNOLOGY),
    _Q("Assistent installatie- en constructietechniek", 1, TECHNOLOGY),
    _Q("Assistent mobiliteitsbranche", 1, TECHNOLOGY),
    _Q("Medewerker ICT", 2, ICT),
    _Q("Medewerker ICT-support", 3, ICT, core=True),
    _Q("Allround medewerker IT systems and devices", 3, ICT),
    _Q("ICT-beheerder", 4, ICT, core=True),
    _Q("Netwerkbeheerder", 4, ICT),
    _Q("Software developer", 4, ICT, learn="software programmeren en testen"),
    _Q("Medewerker logistiek", 2, LOGISTICS, core=True),
    _Q("Logistiek teamleider", 3, LOGISTICS, core=True),
    _Q("Logistiek supervisor", 4, LOGISTICS),
    _Q(
        "Chauffeur goederenvervoer",
        2,
        LOGISTICS,
        core=True,
        learn="veilig rijden met een vrachtwagen en goederen laden en lossen",
    ),
    _Q("Touringcarchauffeur", 2, LOGISTICS, learn="veilig rijden met een touringcar en reizigers goed helpen"),
    _Q("Planner wegtransport", 4, LOGISTICS),
    _Q("Assistent logistiek", 1, LOGISTICS),
    _Q("Timmerman", 2, CONSTRUCTION, learn="werken met hout, van kozijn tot dak"),
    _Q(
        "Allround timmerman",
        3,
        CONSTRUCTION,
        learn="werken met hout en zelfstandig een klus van begin tot eind uitvoeren",
    ),
    _Q("Metselaar", 2, CONSTRUCTION, learn="muren metselen volgens tekening"),
    _Q("Schilder", 2, CONSTRUCTION, learn="schilderen, behangen en oppervlakken goed voorbereiden"),
    _Q("Allround schilder", 3, CONSTRUCTION, learn="schilderen, behangen en zelfstandig een klus plannen"),
    _Q("Stukadoor", 2, CONSTRUCTION, learn="wanden en plafonds glad afwerken"),
    _Q("Tegelzetter", 2, CONSTRUCTION, learn="tegels zetten in badkamers, keukens en op vloeren"),
    _Q("Machinist grondverzet", 3, CONSTRUCTION),
    _Q("Middenkaderfunctionaris bouw", 4, CONSTRUCTION),
    _Q("Servicemedewerker gebouwen", 2, CONSTRUCTION, core=True),
    _Q("Assistent bouwen, wonen en onderhoud", 1, CONSTRUCTION),
    _Q("Medewerker secretariaat en receptie", 3, BUSINESS),
    _Q("Managementassistent", 4, BUSINESS),
    _Q("Financieel administratief medewerker", 3, BUSINESS),
    _Q("Bedrijfsadministrateur", 4, BUSINESS),
    _Q("Juridisch medewerker zakelijke dienstverlening", 4, BUSINESS),
    _Q("Medewerker human resource management", 4, BUSINESS),
    _Q("Medewerker marketing en communicatie", 4, BUSINESS),
    _Q("Kok", 2, HOSPITALITY, core=True, learn="gerechten bereiden volgens recept"),
    _Q(
        "Zelfstandig werkend kok",
        3,
        HOSPITALITY,
        core=True,
        learn="zelfstandig gerechten bereiden en de keuken netjes organiseren",
    ),
    _Q("Gespecialiseerd kok", 4, HOSPITALITY, learn="nieuwe gerechten bedenken en een keukenteam aansturen"),
    _Q("Gastheer/gastvrouw", 2, HOSPITALITY),
    _Q("Zelfstandig werkend gastheer/gastvrouw", 3, HOSPITALITY),
    _Q("Manager/ondernemer horeca", 4, HOSPITALITY),
    _Q("Medewerker fastservice", 2, HOSPITALITY),
    _Q("Front office medewerker", 3, HOSPITALITY),
    _Q("Reisadviseur", 4, HOSPITALITY, learn="reizen samenstellen en klanten adviseren"),
    _Q("Bakker", 2, HOSPITALITY, learn="brood, banket en gebak maken"),
    _Q(
        "Zelfstandig werkend bakker",
        3,
        HOSPITALITY,
        learn="zelfstandig brood, banket en gebak maken en de bakkerij organiseren",
    ),
    _Q("Assistent horeca, voeding of voedingsindustrie", 1, HOSPITALITY),
    _Q("Verkoopmedewerker", 2, RETAIL, core=True),
    _Q("Verkoopspecialist", 3, RETAIL),
    _Q("Eerste verkoper", 3, RETAIL),
    _Q("Manager retail", 4, RETAIL),
    _Q("Ondernemer retail", 4, RETAIL),
    _Q("Assistent verkoop/retail", 1, RETAIL),
    _Q("Hovenier", 2, AGRICULTURE, learn="tuinen aanleggen en onderhouden"),
    _Q("Vakbekwaam hovenier", 3, AGRICULTURE, learn="tuinen aanleggen en onderhouden en zelfstandig een klus plannen"),
    _Q("Medewerker dierverzorging", 2, AGRICULTURE, learn="dieren verzorgen en hun verblijf schoonhouden"),
    _Q("Dierverzorger", 3, AGRICULTURE, learn="dieren verzorgen, hun gedrag begrijpen en eigenaren advies geven"),
    _Q("Medewerker teelt", 2, AGRICULTURE),
    _Q("Vakbekwaam medewerker teelt", 3, AGRICULTURE),
    _Q("Bloembinder", 2, AGRICULTURE, learn="bloemwerk maken en klanten helpen in de winkel"),
    _Q("Vakbekwaam bloembinder", 3, AGRICULTURE, learn="mooi bloemwerk ontwerpen en klanten adviseren"),
    _Q("Medewerker veehouderij", 2, AGRICULTURE),
    _Q("Vakbekwaam medewerker veehouderij", 3, AGRICULTURE),
    _Q("Vakbekwaam medewerker groene ruimte", 3, AGRICULTURE),
    _Q("Assistent plant, dier en groen", 1, AGRICULTURE),
    _Q("Mediavormgever", 4, CREATIVE, learn="ontwerpen maken voor print, web en video"),
    _Q("AV-specialist", 4, CREATIVE),
    _Q("Podium- en evenemententechnicus", 4, CREATIVE),
    _Q("Ruimtelijk vormgever", 4, CREATIVE),
    _Q("Fotograaf", 4, CREATIVE, learn="fotograferen en beelden bewerken"),
    _Q("Game developer", 4, CREATIVE, learn="games ontwerpen en programmeren"),
    _Q("Allround signmaker", 3, CREATIVE),
    _Q("Interieuradviseur", 4, CREATIVE),
    _Q("Beveiliger", 2, SAFETY, core=True),
    _Q("Coördinator beveiliging", 3, SAFETY, core=True),
    _Q("Handhaver toezicht en veiligheid", 3, SAFETY),
    _Q("Sport- en bewegingsleider", 3, SAFETY),
    _Q("Coördinator sport, bewegen en gezondheid", 4, SAFETY),
    _Q("Kapper", 2, OTHER, core=True, learn="haren wassen, knippen en föhnen"),
    _Q("Allround kapper", 3, OTHER, core=True, learn="knippen, kleuren en klanten advies geven over hun haar"),
    _Q("Schoonheidsspecialist", 4, OTHER, learn="de huid verzorgen en klanten advies geven over producten"),
)
# Sectors of the MBO schools that teach one field; the others teach all but the green one.
MBO_SCHOOL_SECTORS = {
    "de-rooi-pannen": frozenset({HOSPITALITY, RETAIL}),
    "sintlucas": frozenset({CREATIVE}),
    "yuverta": frozenset({AGRICULTURE}),
}
_GENERAL_MBO_SECTORS = frozenset(Sector.values) - {AGRICULTURE}

# The short courses that general MBO schools give besides their qualifications.
MBO_SCHOOL_COURSES = (
    "BHV basis",
    "VCA Basis",
    "EHBO",
    "Nederlands als tweede taal (NT2) A2",
    "Nederlands als tweede taal (NT2) B1",
    "Digitale vaardigheden",
    "Excel voor beginners",
    "Heftruckcertificaat (vorkheftruck)",
    "Sociale hygiëne",
    "Lassen voor beginners (MIG/MAG)",
)


def build_mbo_school(builder: Builder) -> None:
    rng = builder.rng
    sectors = MBO_SCHOOL_SECTORS.get(builder.key, _GENERAL_MBO_SECTORS)
    general = builder.key not in MBO_SCHOOL_SECTORS
    for qualification in (*builder.reference.sbb, *MBO_QUALIFICATIONS):
        if qualification.sector not in sectors:
            continue
        core = qualification.core and general
        if not core and rng.random() > (0.85 if general else 0.95):
            continue
        paths = [BOL] if qualification.level == 1 else [BOL, BBL]
        if not core and len(paths) == 2:
            paths = [path for path in paths if rng.random() < (0.9 if path == BOL else 0.7)] or [BOL]
        for path in paths:
            _mbo_offer(builder, qualification, path)
    if general:
        courses = [course for course in COURSES if course.title in MBO_SCHOOL_COURSES]
        for course in rng.sample(courses, rng.randint(4, 7)):
            course_in_town(builder, course, builder.main_place(), rng.choice((DAYTIME, EVENING)), with_town=False)


def _mbo_offer(builder: Builder, qualification: Qualification, path: str) -> None:
    rng = builder.rng
    years = {1: 1, 2: 2, 3: rng.choice((2, 3)), 4: rng.choice((3, 4))}[qualification.level]
    if qualification.study_load_hours:
        years = max(1, qualification.study_load_hours // 1600)
    starts = [builder.next_date(9)]
    if path == BBL:
        starts = sorted({builder.first_of_month() for _ in range(rng.randint(1, 3))})
    elif rng.random() < 0.3:
        starts.append(builder.next_date(2))
    runs = []
    for starts_on in sorted(starts):
        code = builder.nearby()
        ends_on = date(starts_on.year + years, starts_on.month, 1) - timedelta(days=rng.choice((1, 31, 45)))
        runs.append(builder.run(starts_on, ends_on, code, DAYTIME))
    if path == BOL:
        price, includes = 125_000, "lesgeld per schooljaar als je 18 jaar of ouder bent; boeken en materiaal apart"
        funding = [OWN_BUDGET] + ([rng.choice((UWV, MUNICIPALITY))] if qualification.level <= 2 else [])
    else:
        price = rng.randrange(40_000, 90_000, 500)
        includes = "cursusgeld per schooljaar, inclusief examens"
        funding = [EMPLOYER, SECTOR_FUND]
    role = lower_first(qualification.name)
    text = SECTOR_TEXTS[qualification.sector]
    learn = qualification.learn or rng.choice(text.learn)
    if qualification.level == 1:
        after = f"Daarna kun je werken als {role.lower()} of verder leren op niveau 2."
    else:
        after = f"Met je diploma kun je aan de slag als {role}, bijvoorbeeld {rng.choice(text.work)}."
    description = " ".join(
        (
            f"In de opleiding {qualification.name} leer je {learn}.",
            PATH_SENTENCES[path],
            f"Deze opleiding past bij je als {rng.choice(text.who)}.",
            after,
        )
    )
    builder.add(
        f"{qualification.name} ({path.upper()})",
        runs,
        description=description,
        level=f"mbo{qualification.level}",
        sector=qualification.sector,
        programme_register=ProgrammeRegister.CREBO.value if qualification.crebo else "",
        programme_code=qualification.crebo,
        learning_path=path,
        delivery=BLENDED if path == BBL and rng.random() < 0.15 else CLASSROOM,
        duration_value=years,
        duration_unit=DurationUnit.YEARS.value,
        study_load_hours=qualification.study_load_hours or years * 1600,
        hours_per_week=rng.choice((24, 26, 28, 30)) if path == BOL else rng.choice((8, 10)),
        price_cents=price,
        price_includes=includes,
        funding_options=tuple(sorted(set(funding))),
    )
