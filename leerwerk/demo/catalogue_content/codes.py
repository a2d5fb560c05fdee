"""Plain-string codes of the catalogue vocabulary for the demo's tables and records (the
vocabulary's members are str enums; records hold plain strings)."""

from leerwerk.catalogue.vocabulary import Delivery, FundingOption, LearningPath, Level, Schedule, Sector

CARE = Sector.CARE.value
TECHNOLOGY = Sector.TECHNOLOGY.value
ICT = Sector.ICT.value
LOGISTICS = Sector.LOGISTICS.value
CONSTRUCTION = Sector.CONSTRUCTION.value
BUSINESS = Sector.BUSINESS.value
EDUCATION = Sector.EDUCATION.value
HOSPITALITY = Sector.HOSPITALITY.value
RETAIL = Sector.RETAIL.value
AGRICULTURE = Sector.AGRICULTURE.value
CREATIVE = Sector.CREATIVE.value
SAFETY = Sector.SAFETY.value
BASIC_SKILLS = Sector.BASIC_SKILLS.value
OTHER = Sector.OTHER.value

BOL = LearningPath.BOL.value
BBL = LearningPath.BBL.value
FULL_TIME = LearningPath.FULL_TIME.value
PART_TIME = LearningPath.PART_TIME.value
DUAL = LearningPath.DUAL.value

ONLINE = Delivery.ONLINE.value
CLASSROOM = Delivery.CLASSROOM.value
BLENDED = Delivery.BLENDED.value

DAYTIME = Schedule.DAYTIME.value
EVENING = Schedule.EVENING.value
WEEKEND = Schedule.WEEKEND.value

ASSOCIATE_DEGREE = Level.ASSOCIATE_DEGREE.value
BACHELOR = Level.BACHELOR.value
MASTER = Level.MASTER.value
NO_LEVEL = Level.NONE.value

FREE = FundingOption.FREE.value
EMPLOYER = FundingOption.EMPLOYER.value
SECTOR_FUND = FundingOption.SECTOR_FUND.value
MUNICIPALITY = FundingOption.MUNICIPALITY.value
UWV = FundingOption.UWV.value
OWN_BUDGET = FundingOption.OWN_BUDGET.value
