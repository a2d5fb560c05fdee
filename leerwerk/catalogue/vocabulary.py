"""The catalogue's controlled vocabularies: the codes stored in the database and sent by
the API (English), with the Dutch labels users see.

Feeds and spreadsheets may use the Dutch labels, the codes, or the standards' own terms;
`leerwerk.catalogue.ingest.fields` maps those onto these codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """Dutch education levels on the NLQF/EQF scale."""

    MBO_1 = "mbo1", _("MBO level 1")
    MBO_2 = "mbo2", _("MBO level 2")
    MBO_3 = "mbo3", _("MBO level 3")
    MBO_4 = "mbo4", _("MBO level 4")
    ASSOCIATE_DEGREE = "associate_degree", _("Associate degree")
    BACHELOR = "bachelor", _("Bachelor")
    MASTER = "master", _("Master")
    NONE = "none", _("Course without a formal level")


# NLQF and EQF levels of each education level (they coincide for these levels).
EQF_LEVEL: dict[str, int | None] = {
    Level.MBO_1: 1,
    Level.MBO_2: 2,
    Level.MBO_3: 3,
    Level.MBO_4: 4,
    Level.ASSOCIATE_DEGREE: 5,
    Level.BACHELOR: 6,
    Level.MASTER: 7,
    Level.NONE: None,
}


class Sector(models.TextChoices):
    CARE = "care", _("Care and welfare")
    TECHNOLOGY = "technology", _("Technology and production")
    ICT = "ict", _("ICT")
    LOGISTICS = "logistics", _("Transport and logistics")
    CONSTRUCTION = "construction", _("Construction and infrastructure")
    BUSINESS = "business", _("Business, administration and management")
    EDUCATION = "education", _("Education and childcare")
    HOSPITALITY = "hospitality", _("Hospitality, tourism and recreation")
    RETAIL = "retail", _("Retail and sales")
    AGRICULTURE = "agriculture", _("Agriculture, nature and food")
    CREATIVE = "creative", _("Arts, media and culture")
    SAFETY = "safety", _("Safety, security and sport")
    BASIC_SKILLS = "basic_skills", _("Language and basic skills")
    OTHER = "other", _("Other")


class LearningPath(models.TextChoices):
    BOL = "bol", _("BOL (full-time school)")
    BBL = "bbl", _("BBL (learning while working)")
    FULL_TIME = "full_time", _("Full-time")
    PART_TIME = "part_time", _("Part-time")
    DUAL = "dual", _("Dual")


class Delivery(models.TextChoices):
    ONLINE = "online", _("Online")
    CLASSROOM = "classroom", _("In a classroom")
    BLENDED = "blended", _("Online and in a classroom")


class DurationUnit(models.TextChoices):
    HOURS = "hours", _("hours")
    DAYS = "days", _("days")
    WEEKS = "weeks", _("weeks")
    MONTHS = "months", _("months")
    YEARS = "years", _("years")


class FundingOption(models.TextChoices):
    FREE = "free", _("Free")
    EMPLOYER = "employer", _("Paid by the employer")
    SECTOR_FUND = "sector_fund", _("Sector training fund")
    MUNICIPALITY = "municipality", _("Municipality")
    UWV = "uwv", _("UWV")
    OWN_BUDGET = "own_budget", _("Own budget")


class Schedule(models.TextChoices):
    DAYTIME = "daytime", _("Daytime")
    EVENING = "evening", _("Evening")
    WEEKEND = "weekend", _("Weekend")


class ProgrammeRegister(models.TextChoices):
    CREBO = "crebo", "CREBO"
    CROHO = "croho", "CROHO"
