"""The demo's promising occupations (kansberoepen) of the five Brabant regions.

Invented demo content: the occupations are ESCO occupations (by their Dutch preferred
label) for which the demo catalogue has offers in the region; the reasons are plausible
but made up, and the source says so. No real publication is claimed as the source."""

DEMO_SOURCE = "Demo: voorbeeld van de regio"

# Region code → (ESCO preferred label, reason), in the order the page shows them.
PROMISING_OCCUPATIONS: dict[str, list[tuple[str, str]]] = {
    "AM25": [  # West-Brabant
        (
            "heftruckchauffeur",
            "De distributiecentra rond Roosendaal en Moerdijk zoeken veel mensen met een heftruckcertificaat.",
        ),
        (
            "logistiek medewerker",
            "De logistiek in West-Brabant groeit. Er zijn meer vacatures dan mensen die dit werk zoeken.",
        ),
        (
            "vrachtwagenchauffeur",
            "Veel chauffeurs gaan de komende jaren met pensioen. Vervoerders zoeken nieuwe collega's.",
        ),
        (
            "zorghulp",
            "Ouderenzorg en thuiszorg hebben veel vacatures, ook voor mensen die nog geen zorgdiploma hebben.",
        ),
        ("kok", "Restaurants en bedrijfskeukens in de regio zoeken koks, ook voor parttime werk."),
        ("beveiliger", "Bedrijventerreinen, winkels en evenementen vragen om meer beveiligers."),
        (
            "administratief medewerker",
            "Bedrijven zoeken mensen die de administratie op orde houden, vaak met een vast contract.",
        ),
        (
            "monteur elektrische installaties gebouwen",
            "Voor zonnepanelen, warmtepompen en laadpalen zijn veel meer elektriciens nodig.",
        ),
    ],
    "AM26": [  # Midden-Brabant
        ("magazijnmedewerker", "De grote magazijnen rond Tilburg en Waalwijk zoeken het hele jaar door personeel."),
        ("logistiek medewerker", "Logistieke bedrijven in de regio kunnen hun vacatures moeilijk vullen."),
        (
            "thuiszorgmedewerker",
            "Steeds meer ouderen wonen lang thuis. De thuiszorg zoekt daarom veel nieuwe collega's.",
        ),
        ("woonbegeleider", "Zorginstellingen zoeken begeleiders voor mensen met een beperking."),
        ("software ontwikkelaar", "Bedrijven in de regio zoeken programmeurs; ook zij-instromers krijgen een kans."),
        ("beveiliger", "Distributiecentra, winkels en evenementen rond Tilburg zoeken beveiligers."),
        ("mechatronicus", "De maakindustrie zoekt technici die machines kunnen bouwen en onderhouden."),
        ("lasser", "Metaalbedrijven zoeken vakmensen die goed kunnen lassen."),
    ],
    "AM27": [  # Noordoost-Brabant
        (
            "thuiszorgmedewerker",
            "De thuiszorg in Noordoost-Brabant zoekt veel collega's, vooral voor de avond en het weekend.",
        ),
        ("zorghulp", "Verpleeghuizen in de regio hebben veel vacatures voor helpende functies."),
        ("bakker", "De voedingsindustrie rond Oss en Veghel en de ambachtelijke bakkerijen zoeken bakkers."),
        ("heftruckchauffeur", "Distributiecentra en voedingsbedrijven zoeken mensen met een heftruckcertificaat."),
        (
            "monteur elektrische installaties gebouwen",
            "Installatiebedrijven hebben elektriciens nodig voor de energietransitie.",
        ),
        ("timmerman", "Er worden veel nieuwe woningen gebouwd. Bouwbedrijven zoeken timmerlieden."),
        ("schoonmaker gebouwen", "Schoonmaakbedrijven zoeken medewerkers, ook voor een paar uur per week."),
        ("doktersassistent", "Huisartsenpraktijken zoeken doktersassistenten om de drukte op te vangen."),
        ("boekhouder", "Het mkb in de regio zoekt mensen die de boekhouding kunnen doen."),
    ],
    "AM28": [  # Zuidoost-Brabant
        ("mechatronicus", "Hightechbedrijven in de regio Eindhoven zoeken veel technici voor machines en robots."),
        ("software ontwikkelaar", "De techbedrijven in de regio zoeken programmeurs op elk niveau."),
        ("lasser", "Toeleveranciers van de hightechindustrie zoeken vakkundige lassers."),
        (
            "monteur elektrische installaties gebouwen",
            "Voor nieuwbouw en de energietransitie zijn veel elektriciens nodig.",
        ),
        ("vrachtwagenchauffeur", "Transportbedrijven zoeken chauffeurs omdat veel collega's met pensioen gaan."),
        ("zorghulp", "De ouderenzorg in de regio zoekt helpende handen, ook als je nog geen zorgdiploma hebt."),
        (
            "administratief medewerker",
            "Bedrijven in de regio zoeken mensen voor de administratie, ook voor parttime werk.",
        ),
        ("beveiliger", "Bedrijven en evenementen in de regio vragen om meer beveiligers."),
    ],
    "AM32": [  # Helmond-De Peel
        ("automonteur", "Garages en de automotivebedrijven rond Helmond zoeken monteurs."),
        ("mechatronicus", "De maakindustrie in De Peel zoekt technici die machines kunnen bouwen en onderhouden."),
        ("lasser", "Metaalbedrijven in de regio hebben veel vacatures voor lassers."),
        ("beveiliger", "Bedrijventerreinen en evenementen in De Peel vragen om meer beveiligers."),
        (
            "thuiszorgmedewerker",
            "Steeds meer ouderen in De Peel wonen lang thuis. De thuiszorg zoekt nieuwe collega's.",
        ),
        ("schilder bouw", "Schildersbedrijven hebben meer werk dan ze aankunnen, vooral bij onderhoud van woningen."),
        ("kok", "Restaurants en zorgkeukens in de regio zoeken koks."),
        ("vrachtwagenchauffeur", "Vervoerders in de regio zoeken chauffeurs voor binnenland en buitenland."),
    ],
}
