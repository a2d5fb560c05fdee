"""The sentences that descriptions are built from: plain Dutch at B1, per sector (what you
learn, who it suits, where you work afterwards), for higher education and per learning
path."""

from dataclasses import dataclass

from leerwerk.demo.catalogue_content.codes import (
    AGRICULTURE,
    ASSOCIATE_DEGREE,
    BACHELOR,
    BASIC_SKILLS,
    BBL,
    BOL,
    BUSINESS,
    CARE,
    CONSTRUCTION,
    CREATIVE,
    DUAL,
    EDUCATION,
    FULL_TIME,
    HOSPITALITY,
    ICT,
    LOGISTICS,
    MASTER,
    OTHER,
    PART_TIME,
    RETAIL,
    SAFETY,
    TECHNOLOGY,
)


@dataclass(frozen=True)
class _SectorText:
    learn: tuple[str, ...]
    who: tuple[str, ...]
    work: tuple[str, ...]  # "… aan de slag <work>"


SECTOR_TEXTS = {
    CARE: _SectorText(
        (
            "mensen verzorgen en ondersteunen in hun dagelijks leven",
            "goed kijken hoe het met iemand gaat en dat opschrijven",
            "veilig werken met hulpmiddelen en medicijnen",
            "praten met cliënten en hun familie",
        ),
        (
            "je graag met mensen werkt",
            "je geduldig bent en goed kunt luisteren",
            "je iets wilt betekenen voor een ander",
        ),
        (
            "in een verpleeghuis, in de thuiszorg of in een ziekenhuis",
            "in de ouderenzorg of de gehandicaptenzorg",
            "in de wijk of in een zorginstelling",
        ),
    ),
    TECHNOLOGY: _SectorText(
        (
            "technische installaties bouwen, testen en repareren",
            "tekeningen en schema's lezen",
            "veilig werken met gereedschap en machines",
            "storingen zoeken en oplossen",
        ),
        ("je graag met je handen werkt", "je wilt weten hoe dingen werken", "je nauwkeurig werkt"),
        (
            "bij een installatiebedrijf of in de industrie",
            "in een werkplaats of bij klanten op locatie",
            "bij een technisch bedrijf in de regio",
        ),
    ),
    ICT: _SectorText(
        (
            "computers, netwerken en software installeren en beheren",
            "gebruikers helpen met hun vragen",
            "veilig werken met gegevens",
            "problemen met apparaten en programma's oplossen",
        ),
        ("je graag met computers werkt", "je logisch kunt nadenken", "je graag puzzels oplost"),
        (
            "op een ICT-afdeling of bij een IT-bedrijf",
            "bij een helpdesk of als beheerder",
            "bij bedrijven die software maken",
        ),
    ),
    LOGISTICS: _SectorText(
        (
            "goederen ontvangen, opslaan en verzenden",
            "veilig werken in een magazijn of op de weg",
            "plannen, zodat alles op tijd aankomt",
            "werken met scanners en een voorraadsysteem",
        ),
        ("je graag aanpakt en van afwisseling houdt", "je goed kunt plannen", "je het leuk vindt om onderweg te zijn"),
        (
            "in een distributiecentrum of magazijn",
            "bij een transportbedrijf",
            "in de logistiek, een grote sector in Brabant",
        ),
    ),
    CONSTRUCTION: _SectorText(
        (
            "bouwen volgens tekening en planning",
            "werken met hout, steen en andere materialen",
            "veilig werken op de bouwplaats",
            "samenwerken met andere vakmensen",
        ),
        ("je graag buiten werkt", "je trots wilt zijn op wat je maakt", "je handig bent"),
        ("bij een bouwbedrijf of aannemer", "in de woningbouw of bij renovaties", "bij een onderhoudsbedrijf"),
    ),
    BUSINESS: _SectorText(
        (
            "een administratie bijhouden en gegevens verwerken",
            "plannen en organiseren",
            "klanten en collega's helpen",
            "werken met kantoorprogramma's",
        ),
        ("je van orde en regelmaat houdt", "je nauwkeurig werkt", "je graag dingen regelt en organiseert"),
        (
            "op een kantoor of bij de overheid",
            "bij een administratiekantoor",
            "op de afdeling financiën, HR of marketing van een bedrijf",
        ),
    ),
    EDUCATION: _SectorText(
        (
            "kinderen begeleiden bij spelen en leren",
            "activiteiten voorbereiden en uitvoeren",
            "goed samenwerken met ouders en collega's",
            "letten op de veiligheid van kinderen",
        ),
        ("je graag met kinderen werkt", "je geduldig en creatief bent", "je anderen wilt helpen groeien"),
        ("in de kinderopvang of op een basisschool", "in de buitenschoolse opvang", "in het onderwijs"),
    ),
    HOSPITALITY: _SectorText(
        (
            "gerechten bereiden en gasten ontvangen",
            "hygiënisch en veilig werken",
            "samenwerken in een team in de keuken of de bediening",
            "gasten een fijne tijd bezorgen",
        ),
        ("je gastvrij bent", "je van drukte en afwisseling houdt", "je graag kookt of met mensen werkt"),
        ("in een restaurant, hotel of bij een cateraar", "in de horeca of de recreatie", "bij een evenementenbedrijf"),
    ),
    RETAIL: _SectorText(
        (
            "klanten helpen en adviseren",
            "producten mooi presenteren in de winkel",
            "afrekenen en de voorraad bijhouden",
            "verkopen, ook online",
        ),
        ("je graag met klanten praat", "je commercieel bent", "je het leuk vindt om mensen te helpen kiezen"),
        ("in een winkel of webwinkel", "bij een groothandel", "in de detailhandel"),
    ),
    AGRICULTURE: _SectorText(
        (
            "zorgen voor planten, dieren of de natuur",
            "werken met machines in het groen",
            "duurzaam werken",
            "producten telen en verzorgen",
        ),
        ("je graag buiten bent", "je van natuur en dieren houdt", "je het niet erg vindt om vies te worden"),
        (
            "bij een hoveniersbedrijf of een kwekerij",
            "op een boerderij of in een dierenpension",
            "bij een natuurorganisatie of een gemeente",
        ),
    ),
    CREATIVE: _SectorText(
        (
            "ideeën bedenken en uitwerken",
            "werken met beeld, geluid en vormgeving",
            "ontwerpen voor klanten",
            "je werk laten zien en uitleggen",
        ),
        ("je creatief bent", "je graag iets nieuws maakt", "je oog hebt voor details"),
        ("bij een ontwerpbureau of een mediabedrijf", "als zelfstandige", "bij een theater, museum of festival"),
    ),
    SAFETY: _SectorText(
        (
            "toezicht houden en zorgen voor veiligheid",
            "goed reageren als er iets gebeurt",
            "met mensen praten, ook als het spannend wordt",
            "regels en afspraken uitleggen",
        ),
        ("je stevig in je schoenen staat", "je graag actief bezig bent", "je verantwoordelijkheid wilt nemen"),
        ("bij een beveiligingsbedrijf of een gemeente", "bij een sportclub of een evenement", "bij een sportschool"),
    ),
    BASIC_SKILLS: _SectorText(
        (
            "beter lezen, schrijven en praten",
            "werken met de computer en je telefoon",
            "zelf dingen regelen, bijvoorbeeld met de gemeente",
            "rekenen in het dagelijks leven",
        ),
        ("je je taal of digitale vaardigheden wilt verbeteren", "je meer wilt meedoen op je werk of in de buurt"),
        ("in veel verschillende banen", "met een vervolgopleiding", "in je eigen buurt"),
    ),
    OTHER: _SectorText(
        (
            "je vak in de praktijk",
            "klanten helpen en adviseren",
            "netjes en zorgvuldig werken",
            "samenwerken met collega's",
        ),
        ("je graag met mensen werkt", "je klantvriendelijk bent", "je zelfstandig wilt werken"),
        ("in een salon of bij een dienstverlenend bedrijf", "als zelfstandige", "bij een bedrijf in de regio"),
    ),
}
# Higher education: what graduates do, per sector.
HO_WORK = {
    CARE: ("in de zorg, bijvoorbeeld in een ziekenhuis of in de wijk", "als professional in zorg en welzijn"),
    TECHNOLOGY: ("als ingenieur, ontwerper of onderzoeker", "bij een technisch bedrijf of een kennisinstelling"),
    ICT: ("als ICT-specialist, developer of data-analist", "bij een IT-bedrijf of op een ICT-afdeling"),
    LOGISTICS: ("als planner, logistiek manager of adviseur", "bij een logistiek bedrijf of een vervoerder"),
    CONSTRUCTION: ("bij een bouwbedrijf, ingenieursbureau of gemeente", "als projectleider in de bouw"),
    BUSINESS: ("bij een bedrijf, een adviesbureau of de overheid", "als adviseur, manager of specialist"),
    EDUCATION: ("in het onderwijs of de kinderopvang", "als leraar, begeleider of onderwijsadviseur"),
    HOSPITALITY: ("in hotels, toerisme of evenementen", "als manager in de vrijetijdssector"),
    RETAIL: ("in de handel, als accountmanager of in de verkoop", "bij een webwinkel of groothandel"),
    AGRICULTURE: (
        "in de land- en tuinbouw, de voedingsindustrie of bij natuurorganisaties",
        "als adviseur in het groen",
    ),
    CREATIVE: ("in de cultuur, de media of als zelfstandige", "bij een museum, uitgeverij, ontwerpbureau of theater"),
    SAFETY: ("in de veiligheid, de sport of bij de overheid", "als adviseur of coördinator"),
    BASIC_SKILLS: ("in veel verschillende banen",),
    OTHER: ("bij de overheid, een adviesbureau of een maatschappelijke organisatie", "als onderzoeker of adviseur"),
}
# Higher education: what students learn, per sector.
HO_LEARN = {
    CARE: ("hoe je zorg goed organiseert en verbetert", "werken met de nieuwste kennis uit onderzoek"),
    TECHNOLOGY: ("technische problemen analyseren en oplossen", "ontwerpen, berekenen en testen"),
    ICT: ("software en systemen ontwerpen en bouwen", "werken met data en netwerken"),
    LOGISTICS: ("goederenstromen plannen en verbeteren", "met data de keten slimmer maken"),
    CONSTRUCTION: ("gebouwen en infrastructuur ontwerpen en plannen", "projecten in de bouw leiden"),
    BUSINESS: ("hoe organisaties werken en hoe je ze verbetert", "analyseren, adviseren en keuzes goed onderbouwen"),
    EDUCATION: ("lesgeven en mensen begeleiden bij het leren", "lessen voorbereiden en leerlingen begeleiden"),
    HOSPITALITY: ("gasten een goede ervaring geven en een bedrijf leiden", "evenementen en reizen organiseren"),
    RETAIL: ("verkopen, klanten binden en online handel opzetten", "markten onderzoeken en plannen maken"),
    AGRICULTURE: ("werken aan gezond voedsel en een groene omgeving", "duurzame oplossingen voor landbouw en natuur"),
    CREATIVE: ("onderzoeken, ontwerpen en je eigen ideeën uitwerken", "kijken naar taal, kunst en cultuur"),
    SAFETY: ("risico's inschatten en veiligheid organiseren", "sport en bewegen begeleiden en organiseren"),
    BASIC_SKILLS: ("beter lezen, schrijven en rekenen",),
    OTHER: ("onderzoek doen naar mens en maatschappij", "vragen uit de samenleving onderzoeken"),
}
LEVEL_WORDS = {BACHELOR: "bachelor", MASTER: "master", ASSOCIATE_DEGREE: "Associate degree"}
PATH_SENTENCES = {
    FULL_TIME: "Je studeert voltijd: je volgt lessen en werkt aan opdrachten van echte organisaties.",
    PART_TIME: "Je studeert in deeltijd, naast je werk.",
    DUAL: "Je werkt en studeert tegelijk: wat je leert, gebruik je meteen in je werk.",
    BOL: "Je gaat naar school en loopt stage bij een bedrijf.",
    BBL: "Je werkt bij een leerbedrijf en gaat één dag per week naar school, dus je verdient geld terwijl je leert.",
}


def lower_first(text: str) -> str:
    return text if text[:2].isupper() else text[:1].lower() + text[1:]
