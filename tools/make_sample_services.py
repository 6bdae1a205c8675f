"""Write the fictional sample directory: services, and the organisation and location files they name.

One-off, kept for re-runs: it writes content/local-info/services/, organisations/ and locations/
(without --force, only files that do not exist; the files have been edited since, so --force
would undo those edits). Each venue and organisation is one file, shared by every service there.

Everything here is invented: Riverside, its venues, organisations and people. The geo points are
fictional too: they lie in open sea (the southern North Sea, around 54.05 N, 2.45 E, far from any
coast), so no sample place points at a real town.
Phone numbers come only from Ofcom's drama ranges (0113 496 0xxx, 020 7946 0xxx,
0161 496 0xxx, and 0808 157 0xxx for free lines; phonenumbers rejects the
07700 900xxx mobile drama range, so text lines use the others too), email at
example.org, websites at *.example.org. Ids are UUIDs derived from the slug so
re-running gives the same files.

    .venv/bin/python tools/make_sample_services.py [--force]
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from signpost.model.service_csv import slugify  # noqa: E402
from signpost.model.service_files import place_file_text, service_file_text  # noqa: E402

NAMESPACE = uuid.UUID("2f0b3a9e-8f7d-4b8e-a0a3-0c6c1f3e5d21")
OWNER = "directory-team@example.org"
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR"]

# Venues -------------------------------------------------------------------------
VENUES = {
    # The centre: the same place, address and directions as the contact page (content/about/contact.md).
    "centre": dict(name="The Hub", address_1="12 Bridge Street", city="Riverside",
                   postal_code="RV1 2AB", latitude=53.79912, longitude=-1.54871,
                   transportation="Next to Riverside bus station. Buses 4, 12 and 22 stop outside. The train "
                                  "station is a 10 minute walk away.",
                   accessibility=["step-free", "accessible-toilet", "hearing-loop", "quiet-space",
                                  "gender-neutral-toilet"]),
    "hub": dict(name="Riverside Health Hub", address_1="12 Mill Street", city="Riverside", postal_code="RV1 4AB",
                latitude=53.80167, longitude=-1.55302,
                transportation="Buses 4 and 12 stop outside. Riverside station is a 10 minute walk.",
                accessibility=["step-free", "accessible-toilet", "hearing-loop", "lift", "baby-changing"]),
    "northbank": dict(name="Northbank Community Centre", address_1="40 Canal Road", address_2="Northbank",
                      city="Riverside", postal_code="RV3 2DL", latitude=53.81244, longitude=-1.56019,
                      transportation="Bus 7 stops on Canal Road. There is a bike rack by the door.",
                      accessibility=["step-free", "accessible-toilet", "baby-changing"]),
    "college": dict(name="Riverside College, Student Services", address_1="Station Road", city="Riverside",
                    postal_code="RV2 5GH", latitude=53.79488, longitude=-1.54217,
                    transportation="Opposite Riverside station. Go in by the main entrance and ask at reception.",
                    accessibility=["step-free", "accessible-toilet", "lift", "hearing-loop", "quiet-space"]),
    "library": dict(name="Eastfield Library", address_1="7 Orchard Lane", address_2="Eastfield", city="Riverside",
                    postal_code="RV4 6JP",
                    transportation="Bus 9 from the town centre takes about 15 minutes. Get off at Orchard Lane.",
                    accessibility=["step-free", "accessible-toilet", "large-print", "easy-read"]),
    "boathouse": dict(name="The Boathouse Youth Club", address_1="Towpath Walk", city="Riverside",
                      postal_code="RV1 9QT", latitude=53.79655, longitude=-1.55811,
                      transportation="Walk along the river path from the bridge, about 5 minutes.",
                      accessibility=["step-free", "accessible-toilet"]),
    "townhall": dict(name="Riverside Town Hall", address_1="High Street", city="Riverside", postal_code="RV1 2BB",
                     latitude=53.80021, longitude=-1.54688,
                     transportation="In the town centre, next to the main bus station.",
                     accessibility=["step-free", "accessible-toilet", "lift", "hearing-loop", "changing-places",
                                    "accessible-parking"]),
    "westgate": dict(name="Westgate Family Centre", address_1="22 Westgate", city="Riverside", postal_code="RV5 3HS",
                     transportation="Bus 2 stops at Westgate shops, then it is a short walk up the hill.",
                     accessibility=["step-free", "accessible-toilet", "baby-changing", "quiet-space"]),
}


# Written once each, by main(): slug -> (kind, front matter, description).
PLACES: dict[str, tuple[str, dict, str]] = {}


def at_sea(latitude: float, longitude: float) -> tuple[float, float]:
    """The venues' map layout, moved to open sea (see the module docstring)."""
    return round(latitude - 53.79912 + 54.05, 5), round(longitude + 1.54871 + 2.45, 5)


def venue(key: str, *schedules: dict) -> dict:
    """A service's reference to the venue's location file, with the service's own times there."""
    data = dict(VENUES[key])
    slug = slugify(data["name"])
    record = {"id": str(uuid.uuid5(NAMESPACE, "location:" + slug)), "name": data["name"]}
    for field in ("address_1", "address_2", "city"):
        if data.get(field):
            record[field] = data[field]
    record["state_province"] = "England"
    record["postal_code"] = data["postal_code"]
    if "latitude" in data:
        record["latitude"], record["longitude"] = at_sea(data["latitude"], data["longitude"])
    for field in ("transportation", "accessibility"):
        if data.get(field):
            record[field] = data[field]
    PLACES[f"locations/{slug}"] = ("location", record, "")
    reference = {"location": slug}
    if schedules:
        reference["schedules"] = list(schedules)
    return reference


def times(days: list[str], opens: str, closes: str, description: str = "") -> dict:
    entry = {"byday": days, "opens_at": opens, "closes_at": closes}
    if description:
        entry["description"] = description
    return entry


def org(name: str, description: str, url: str, charity: str = "", company: str = "") -> str:
    """The organisation's file (written by main) and its slug, which services name."""
    import re
    slug = slugify(re.sub(r"\s*\(fictional[^)]*\)", "", name))
    data = {"id": str(uuid.uuid5(NAMESPACE, "organisation:" + slug)), "name": name, "url": url}
    if charity:
        data["charity_number"] = charity
    if company:
        data["company_number"] = company
    PLACES[f"organisations/{slug}"] = ("organisation", data, description)
    return slug


COUNCIL = org("Riverside Council (fictional)", "The local council for Riverside.", "https://council.example.org")
NHS = org("Riverside Community Health (fictional)", "Health services in the community for Riverside.",
          "https://health.example.org")
YIAS = org("Riverside Youth Information and Advice Service", "Free, confidential information and advice for "
           "young people in Riverside.", "https://youth-advice.example.org")
MIND = org("Riverside Mind Matters (fictional charity)", "A local charity for mental health.",
           "https://mindmatters.example.org", charity="9990001")
CARERS = org("Riverside Carers Together (fictional charity)", "Support for carers of all ages.",
             "https://carerstogether.example.org", charity="9990002")
LAW = org("Riverside Law Centre (fictional charity)", "Free legal advice for people who live in Riverside.",
          "https://lawcentre.example.org", charity="9990003", company="RV000001")
HOUSING = org("Riverside Young People's Housing (fictional charity)", "Homes and support for young people.",
              "https://ryph.example.org", charity="9990004")
COLLEGE = org("Riverside College (fictional)", "The further education college for Riverside.",
              "https://college.example.org")
PRIDE = org("Riverside Rainbow Youth (fictional charity)", "A charity run with and for LGBTQ+ young people.",
            "https://rainbowyouth.example.org", charity="9990005")
MONEY = org("Riverside Money Advice (fictional charity)", "Free, fair advice about money and debt.",
            "https://moneyadvice.example.org", charity="9990006")


def service(slug, name, categories, description, *, organization, phones=(), email="", url="", ages=(13, 19),
            eligibility="", access=("drop-in",), delivery=("in-person",), free=True, confidential=True,
            confidential_note="", languages=("en",), locations=(), schedules=(), reviewed="2026-06-15",
            sensitive=False, status="active", alert="", fees="", costs=(), areas=("Riverside",), review_every=""):
    meta = {
        "id": str(uuid.uuid5(NAMESPACE, slug)),
        "name": name,
        "status": status,
        "alert": alert,
        "organization": organization,
        "categories": list(categories),
        "minimum_age": ages[0],
        "maximum_age": ages[1],
        "eligibility": eligibility,
        "access": list(access),
        "delivery": list(delivery),
        "free": free,
        "fees_description": fees,
        "cost_options": [dict(option=o, amount=a, currency="GBP") for o, a in costs],
        "confidential": confidential,
        "confidential_note": confidential_note,
        "url": url,
        "email": email,
        "phones": [dict(p) for p in phones],
        "languages": list(languages),
        "locations": list(locations),
        "schedules": list(schedules),
        "service_areas": list(areas),
        "sensitive": sensitive,
        "owner": OWNER,
        "last_reviewed": reviewed,
        "review_every": review_every,
    }
    return slug, meta, description


def phone(number: str, description: str = "", kind: str = "", free: bool = False) -> dict:
    data = {"number": number}
    if kind:
        data["kind"] = kind
    if free:
        data["free"] = True
    if description:
        data["description"] = description
    return data


UNDER_16 = ("If you are under 16, we will still keep what you say private. We only tell someone else if "
            "you or another person is in serious danger, and we will talk to you first.")
PRIVATE = "We keep what you say private. We only share it if someone is in serious danger."

SERVICES = [
    # Sexual health and contraception
    service("riverside-sexual-health-clinic", "Riverside Young People's Sexual Health Clinic", ["sexual-health"],
            "Free contraception, condoms, pregnancy tests and tests for sexually transmitted infections (STIs).\n\n"
            "You can talk to a nurse about relationships, consent and your body. You do not need to bring anyone.",
            organization=NHS, ages=(13, 24), sensitive=True, access=("drop-in", "appointment"),
            eligibility="Anyone aged 13 to 24 who lives, works or studies in Riverside.",
            confidential_note=UNDER_16, phones=[phone("0113 496 0101", "Appointments")],
            email="clinic@health.example.org", url="https://clinic.health.example.org",
            languages=("en", "pl", "ur", "bfi"), reviewed="2026-09-14",
            locations=[venue("hub", times(WEEKDAYS, "09:00", "17:00"), times(["WE"], "17:00", "19:30", "Evening drop-in"),
                             times(["SA"], "10:00", "13:00", "Drop-in for under-18s"))]),
    service("c-card-condoms", "C-Card: Free Condoms", ["sexual-health"],
            "Get free condoms with a C-Card. You sign up once, with a short private chat, and then collect "
            "condoms from any place that shows the C-Card sign.",
            organization=NHS, ages=(13, 24), sensitive=True, access=("drop-in", "self-referral"),
            eligibility="Young people aged 13 to 24 in Riverside.", confidential_note=UNDER_16,
            phones=[phone("0113 496 0102")], url="https://ccard.health.example.org", reviewed="2026-08-03",
            locations=[venue("centre", times(WEEKDAYS, "10:00", "18:00")),
                       venue("college", times(["MO", "WE", "FR"], "12:00", "14:00", "Lunchtime"))]),
    service("sexual-health-text-line", "Ask a Nurse Text Line", ["sexual-health", "young-parents"],
            "Text a sexual health nurse with any question about sex, contraception, pregnancy or STIs. "
            "You get a reply within one working day.",
            organization=NHS, ages=(13, 24), sensitive=True, access=("self-referral",), delivery=("text",),
            confidential_note=UNDER_16, phones=[phone("07700 900103", "Text your question", kind="text", free=True)],
            reviewed="2026-10-20", schedules=[times(WEEKDAYS, "09:00", "20:00", "Texts answered")]),
    # Drugs and alcohol
    service("riverside-young-peoples-drug-service", "Choices: Drug and Alcohol Support", ["drugs-alcohol"],
            "Choices helps young people who are worried about their own drinking or drug use, or someone else's. "
            "We listen, give facts without judging you, and help you make a plan.",
            organization=COUNCIL, ages=(11, 24), sensitive=True, access=("drop-in", "self-referral", "referral"),
            delivery=("in-person", "phone", "online"), confidential_note=UNDER_16,
            phones=[phone("0113 496 0111", "Advice and appointments")], email="choices@council.example.org",
            url="https://choices.council.example.org", reviewed="2026-07-22", languages=("en", "pl", "ro"),
            locations=[venue("centre", times(["TU", "TH"], "15:00", "19:00", "Drop-in"),
                             times(["MO", "WE", "FR"], "09:30", "17:00", "Appointments"))]),
    service("family-drug-support", "Family Drug and Alcohol Support", ["drugs-alcohol", "young-carers"],
            "Support for young people whose parent or carer drinks too much or uses drugs. "
            "Talk one to one, or meet others in the same situation in our monthly group.",
            organization=CARERS, ages=(8, 18), sensitive=True, access=("self-referral", "referral"),
            delivery=("in-person", "phone"), confidential_note=PRIVATE,
            phones=[phone("0161 496 0112")], email="families@carerstogether.example.org", reviewed="2026-05-11",
            locations=[venue("northbank", times(["TH"], "16:00", "18:00", "Group, first Thursday of the month"))]),
    service("needle-and-harm-reduction", "Safer Use Advice Point", ["drugs-alcohol"],
            "Information about staying safer if you use drugs, including naloxone kits and how to use them. "
            "No appointment. Nobody will lecture you.",
            organization=NHS, ages=(16, 25), sensitive=True, access=("drop-in",),
            phones=[phone("0113 496 0113")], email="saferuse@health.example.org", reviewed="2026-03-30",
            locations=[venue("hub", times(["MO", "WE", "FR"], "12:00", "16:00"))]),
    # Money and debt
    service("riverside-money-advice-young-people", "Money Advice for Young People", ["money-debt"],
            "Free help with debt, benefits, budgeting and bank accounts. We can help you fill in forms and "
            "talk to people you owe money to.",
            organization=MONEY, ages=(16, 25), access=("drop-in", "appointment"),
            delivery=("in-person", "phone", "online"), confidential_note=PRIVATE,
            phones=[phone("0808 157 0121", "Free advice line", free=True)], email="young@moneyadvice.example.org",
            url="https://moneyadvice.example.org/young-people", reviewed="2026-09-01",
            schedules=[times(WEEKDAYS, "09:00", "17:00", "Advice line")],
            locations=[venue("townhall", times(["TU"], "13:00", "16:00", "Drop-in"))]),
    service("benefits-check-drop-in", "Benefits Check Drop-in", ["money-debt", "young-parents"],
            "Find out which benefits and grants you can get, including the 16 to 19 Bursary Fund, "
            "Universal Credit and help for young parents.",
            organization=YIAS, ages=(16, 24), access=("drop-in",), phones=[phone("0113 496 0122")],
            email="benefits@youth-advice.example.org", reviewed="2026-10-05", languages=("en", "pl", "pa", "ur"),
            locations=[venue("centre", times(["WE"], "13:00", "17:00"))]),
    service("cost-of-living-pantry", "Riverside Community Pantry", ["money-debt", "housing"],
            "A low-cost food shop. Pay a small amount each week and choose food worth much more. "
            "Young people living on their own are very welcome.",
            organization=org("Riverside Community Pantry (fictional charity)", "A community food shop.",
                             "https://pantry.example.org", charity="9990007"),
            ages=(16, 99), free=False, fees="A small weekly fee; ask about free weeks if you have no money.",
            costs=[("Weekly shop", 3.5)], confidential=False, access=("drop-in",),
            phones=[phone("0161 496 0123")], email="hello@pantry.example.org", reviewed="2026-04-18",
            locations=[venue("northbank", times(["TU", "FR"], "10:00", "14:00"))]),
    # Housing and homelessness
    service("youth-homelessness-advice", "Youth Housing Advice Line", ["housing"],
            "If you have nowhere safe to stay tonight, or you are worried you will lose your home, call us. "
            "We will help you find somewhere safe and explain your rights.",
            organization=COUNCIL, ages=(16, 25), sensitive=True, access=("self-referral",),
            delivery=("phone", "in-person"), confidential_note=PRIVATE,
            phones=[phone("0808 157 0131", "Free, 24 hours", free=True)], email="housing@council.example.org",
            url="https://housing.council.example.org", reviewed="2026-11-02",
            schedules=[times(["MO", "TU", "WE", "TH", "FR", "SA", "SU"], "00:00", "23:59", "Phone line, day and night")],
            locations=[venue("townhall", times(WEEKDAYS, "09:00", "16:30", "Housing desk"))]),
    service("riverside-foyer", "Riverside Foyer", ["housing", "education-training"],
            "Supported rooms for young people who are homeless or cannot live at home. You get your own room, "
            "a key worker, and help with learning, work and money.",
            organization=HOUSING, ages=(16, 24), sensitive=True, access=("referral", "self-referral"),
            free=False, fees="Rent is usually paid by Housing Benefit or Universal Credit. We help you claim.",
            phones=[phone("0113 496 0132")], email="foyer@ryph.example.org", url="https://ryph.example.org/foyer",
            reviewed="2026-02-16", locations=[venue("westgate", times(WEEKDAYS, "09:00", "17:00", "Office"))]),
    service("nightstop-riverside", "Safe Night Riverside", ["housing"],
            "A safe place to sleep for a night or a few nights, in the spare room of a checked volunteer. "
            "Meanwhile we help you find somewhere for longer.",
            organization=HOUSING, ages=(16, 25), sensitive=True, access=("referral", "self-referral"),
            delivery=("phone",), phones=[phone("0161 496 0133", "Call before 6pm for a bed tonight")],
            email="nightstop@ryph.example.org", reviewed="2026-06-29",
            schedules=[times(["MO", "TU", "WE", "TH", "FR", "SA", "SU"], "10:00", "18:00")]),
    service("tenancy-ready-course", "Ready to Rent Course", ["housing", "education-training"],
            "A short course about renting your first home: tenancy agreements, deposits, bills and your rights. "
            "You get a certificate that many landlords accept.",
            organization=HOUSING, ages=(16, 25), confidential=False, access=("appointment", "self-referral"),
            phones=[phone("0113 496 0134")], email="ready@ryph.example.org", reviewed="2026-01-26",
            locations=[venue("library", times(["TH"], "13:00", "15:30", "Course sessions"))]),
    # Mental health and wellbeing
    service("mind-matters-drop-in", "Mind Matters Drop-in", ["mental-health"],
            "A calm place to talk to a trained worker about how you feel. Stress, worry, low mood, "
            "self-harm, exams, family: nothing is too small.",
            organization=MIND, ages=(13, 25), sensitive=True, access=("drop-in", "self-referral"),
            confidential_note=UNDER_16, phones=[phone("0113 496 0141")], email="dropin@mindmatters.example.org",
            url="https://mindmatters.example.org", reviewed="2026-08-17", languages=("en", "pa", "ur"),
            locations=[venue("centre", times(["MO", "TH"], "15:30", "19:00"), times(["SA"], "11:00", "14:00"))]),
    service("online-counselling-riverside", "Talk Online: Free Counselling", ["mental-health"],
            "Free online counselling by chat or video with a qualified counsellor. Up to eight weekly sessions. "
            "You can sign yourself up.",
            organization=MIND, ages=(11, 25), sensitive=True, access=("self-referral", "appointment"),
            delivery=("online",), confidential_note=UNDER_16, url="https://talk.mindmatters.example.org",
            email="talk@mindmatters.example.org", reviewed="2026-10-12",
            schedules=[times(WEEKDAYS, "12:00", "22:00", "Chat sessions"), times(["SA", "SU"], "16:00", "22:00")]),
    service("crisis-text-support", "Riverside Night Text Support", ["mental-health"],
            "If you feel you cannot cope, text us. A trained volunteer will text back and stay with you "
            "until you feel safer. In an emergency, call 999.",
            organization=MIND, ages=(13, 25), sensitive=True, access=("self-referral",), delivery=("text",),
            confidential_note=UNDER_16, phones=[phone("07700 900142", kind="text", free=True)],
            reviewed="2026-09-28",
            schedules=[times(["MO", "TU", "WE", "TH", "FR", "SA", "SU"], "18:00", "23:59"),
                       times(["MO", "TU", "WE", "TH", "FR", "SA", "SU"], "00:00", "02:00")]),
    service("young-minds-outdoors", "Walk and Talk Group", ["mental-health", "youth-clubs-leisure"],
            "A friendly walk by the river every Sunday with a youth worker. Good for making friends and "
            "feeling better. Boots not needed.",
            organization=MIND, ages=(14, 21), access=("drop-in",), confidential=False,
            phones=[phone("0161 496 0143")], email="walk@mindmatters.example.org", reviewed="2026-05-03",
            locations=[venue("boathouse", times(["SU"], "11:00", "12:30", "Meet at the door"))]),
    # Careers and jobs
    service("careers-advice-riverside", "Careers Advice Riverside", ["careers-jobs", "education-training"],
            "One-to-one careers advice from a qualified adviser. Talk about jobs, apprenticeships, "
            "college, university, CVs and interviews.",
            organization=YIAS, ages=(13, 24), access=("drop-in", "appointment"),
            delivery=("in-person", "phone", "online"), confidential_note=PRIVATE,
            phones=[phone("0113 496 0151")], email="careers@youth-advice.example.org",
            url="https://youth-advice.example.org/careers", reviewed="2026-10-30", languages=("en", "pl", "ro"),
            locations=[venue("centre", times(WEEKDAYS, "10:00", "17:00"), times(["TH"], "17:00", "19:00", "Late opening"))]),
    service("apprenticeship-hub", "Apprenticeship Hub", ["careers-jobs"],
            "Find apprenticeships with local employers and get help to apply. We run taster days so you can "
            "try a job before you choose.",
            organization=COLLEGE, ages=(16, 24), access=("drop-in", "self-referral"), confidential=False,
            phones=[phone("0113 496 0152")], email="apprenticeships@college.example.org",
            url="https://college.example.org/apprenticeships", reviewed="2026-09-09",
            locations=[venue("college", times(WEEKDAYS, "09:00", "16:00"))]),
    service("jobs-club", "Jobs Club", ["careers-jobs"],
            "Weekly help to look for work: search for jobs, write your CV, practise interviews and use "
            "free computers and printing.",
            organization=YIAS, ages=(16, 24), access=("drop-in",), confidential=False,
            phones=[phone("0161 496 0153")], email="jobsclub@youth-advice.example.org", reviewed="2026-07-07",
            locations=[venue("library", times(["TU"], "10:00", "13:00"))]),
    # Education and training
    service("back-to-learning", "Back to Learning", ["education-training"],
            "If you are not in school, college, training or work, we help you find the right course and "
            "support you for the first months.",
            organization=YIAS, ages=(16, 19), access=("self-referral", "referral"),
            delivery=("in-person", "phone"), phones=[phone("0113 496 0161")],
            email="learning@youth-advice.example.org", reviewed="2026-08-24",
            eligibility="Young people aged 16 to 19, or up to 24 with an education, health and care plan.",
            locations=[venue("centre", times(WEEKDAYS, "09:30", "16:30"))]),
    service("english-for-speakers-of-other-languages", "English Classes (ESOL) for Young People",
            ["education-training"],
            "Free English classes for young people whose first language is not English. "
            "Beginners are welcome. We also help with college applications.",
            organization=COLLEGE, ages=(16, 24), access=("drop-in", "self-referral"), confidential=False,
            phones=[phone("0113 496 0162")], email="esol@college.example.org", reviewed="2026-09-21",
            languages=("en", "pl", "ro", "pa", "ur", "ar"),
            locations=[venue("college", times(["MO", "WE"], "13:30", "15:30")),
                       venue("library", times(["SA"], "10:00", "12:00"))]),
    service("maths-and-english-catch-up", "Maths and English Catch-up", ["education-training"],
            "Small friendly groups to help you get your maths and English GCSEs or Functional Skills.",
            organization=COLLEGE, ages=(16, 24), access=("appointment",), confidential=False,
            phones=[phone("0161 496 0163")], email="catchup@college.example.org", reviewed="2026-03-12",
            locations=[venue("college", times(["TU", "TH"], "16:00", "18:00"))]),
    # Youth clubs and leisure
    service("the-boathouse-youth-club", "The Boathouse Youth Club", ["youth-clubs-leisure"],
            "Games, music, cooking, trips and a safe place to hang out with friends. "
            "Youth workers are always there if you want to talk.",
            organization=COUNCIL, ages=(11, 19), access=("drop-in",), confidential=False,
            phones=[phone("0113 496 0171")], email="boathouse@council.example.org", reviewed="2026-10-01",
            locations=[venue("boathouse", times(["MO", "WE", "FR"], "18:00", "21:00"),
                             times(["SA"], "13:00", "17:00", "Sports afternoon"))]),
    service("riverside-rowing-for-all", "Rowing for All", ["youth-clubs-leisure", "disability-send"],
            "Try rowing on the river with trained coaches. Adapted boats for disabled young people. "
            "All kit is provided.",
            organization=org("Riverside Rowing Club (fictional)", "A community rowing club.",
                             "https://rowing.example.org", charity="9990008"),
            ages=(12, 24), free=False, fees="The first four sessions are free, then a small fee.",
            costs=[("Session after the first four", 2)], confidential=False, access=("appointment",),
            phones=[phone("0161 496 0172")], email="juniors@rowing.example.org", reviewed="2026-04-27",
            locations=[venue("boathouse", times(["SA"], "09:00", "11:00"))]),
    service("northbank-youth-arts", "Northbank Youth Arts", ["youth-clubs-leisure"],
            "Music, drama, dance and film-making sessions. Put on shows, record songs and learn from "
            "local artists.",
            organization=org("Northbank Arts (fictional charity)", "Arts for everyone in Northbank.",
                             "https://northbankarts.example.org", charity="9990009"),
            ages=(11, 19), access=("drop-in",), confidential=False, phones=[phone("0113 496 0173")],
            email="youth@northbankarts.example.org", reviewed="2026-06-08",
            locations=[venue("northbank", times(["TU", "TH"], "17:00", "20:00"))]),
    service("duke-of-edinburgh-open-group", "Open Award Group", ["youth-clubs-leisure", "education-training"],
            "Do your Duke of Edinburgh's Award with us if your school does not offer it: "
            "volunteering, a skill, a physical activity and an expedition.",
            organization=YIAS, ages=(14, 24), access=("self-referral",), confidential=False, free=False,
            fees="There is a small enrolment fee. Ask us about help with the cost.",
            costs=[("Bronze enrolment", 28)], phones=[phone("0161 496 0174")],
            email="award@youth-advice.example.org", reviewed="2026-02-02",
            locations=[venue("centre", times(["WE"], "18:00", "20:00"))]),
    # Rights and legal advice
    service("riverside-law-centre-youth", "Young People's Legal Advice", ["rights-legal"],
            "Free legal advice about your rights: at school or college, at work, with housing, "
            "with benefits, and if you are treated unfairly.",
            organization=LAW, ages=(14, 25), access=("appointment", "self-referral"),
            delivery=("in-person", "phone"), confidential_note=PRIVATE, phones=[phone("0113 496 0181")],
            email="youth@lawcentre.example.org", url="https://lawcentre.example.org/young-people",
            reviewed="2026-09-16", languages=("en", "pl", "ur"),
            locations=[venue("townhall", times(["MO", "WE"], "10:00", "16:00"))]),
    service("discrimination-advice", "Treated Unfairly? Discrimination Advice", ["rights-legal", "lgbtq"],
            "Have you been treated badly because of your race, religion, sex, sexuality, gender identity, "
            "disability or age? We explain your rights under the Equality Act 2010 and help you act.",
            organization=LAW, ages=(13, 25), access=("self-referral", "appointment"),
            delivery=("phone", "online", "in-person"), confidential_note=PRIVATE,
            phones=[phone("020 7946 0182", "Advice line")], email="equality@lawcentre.example.org",
            reviewed="2026-07-14", schedules=[times(["TU", "TH"], "10:00", "15:00", "Advice line")]),
    service("advocacy-for-young-people", "Independent Advocacy", ["rights-legal", "disability-send"],
            "An advocate helps you say what you want in meetings about you, for example about care, school "
            "exclusion or health. The advocate is on your side.",
            organization=org("Speak Up Riverside (fictional charity)", "Independent advocacy.",
                             "https://speakup.example.org", charity="9990010"),
            ages=(10, 25), access=("self-referral", "referral"), delivery=("in-person", "phone"),
            confidential_note=PRIVATE, phones=[phone("0808 157 0183", free=True)],
            email="advocacy@speakup.example.org", reviewed="2026-08-11",
            schedules=[times(WEEKDAYS, "09:00", "17:00")]),
    # Young carers
    service("riverside-young-carers", "Riverside Young Carers", ["young-carers"],
            "If you help look after someone at home, we are here for you. Breaks, trips, a weekly club "
            "and someone to talk to about school and home.",
            organization=CARERS, ages=(8, 18), access=("self-referral", "referral"),
            delivery=("in-person", "phone"), confidential_note=PRIVATE, phones=[phone("0113 496 0191")],
            email="youngcarers@carerstogether.example.org", url="https://carerstogether.example.org/young",
            reviewed="2026-10-08",
            locations=[venue("northbank", times(["WE"], "16:30", "18:30", "Young carers club"))]),
    service("young-adult-carers", "Young Adult Carers Group", ["young-carers"],
            "For carers aged 16 to 25: help with college, work and money, plus time to relax with people who "
            "understand.",
            organization=CARERS, ages=(16, 25), access=("drop-in", "self-referral"),
            phones=[phone("0161 496 0192")], email="yac@carerstogether.example.org", reviewed="2026-05-25",
            locations=[venue("centre", times(["TH"], "18:00", "20:00"))]),
    service("young-carers-assessment", "Young Carers Needs Assessment", ["young-carers", "rights-legal"],
            "The council must look at what support you need if you care for someone. Ask for an assessment "
            "here, or ask someone to ask for you.",
            organization=COUNCIL, ages=(5, 18), access=("self-referral", "referral"), delivery=("phone", "online"),
            phones=[phone("0113 496 0193")], email="carers.assessment@council.example.org",
            url="https://council.example.org/young-carers", reviewed="2026-01-19",
            schedules=[times(WEEKDAYS, "09:00", "17:00")]),
    # Disability and SEND
    service("send-information-advice", "SEND Information and Advice", ["disability-send", "education-training"],
            "Free, impartial advice about special educational needs and disability (SEND), including "
            "education, health and care plans (EHCPs). For young people and their parents or carers.",
            organization=org("Riverside SENDIASS (fictional)", "Special educational needs and disability "
                             "information, advice and support.", "https://sendiass.example.org"),
            ages=(0, 25), access=("self-referral", "appointment"), delivery=("phone", "in-person", "online"),
            confidential_note=PRIVATE, phones=[phone("0113 496 0201")], email="send@sendiass.example.org",
            url="https://sendiass.example.org", reviewed="2026-11-10", languages=("en", "bfi"),
            schedules=[times(WEEKDAYS, "09:30", "16:30")]),
    service("inclusive-youth-club", "Together Club", ["disability-send", "youth-clubs-leisure"],
            "A youth club for young people with learning disabilities or autism. Games, cooking, music and "
            "trips, with enough staff to help.",
            organization=COUNCIL, ages=(11, 25), access=("self-referral", "referral"), confidential=False,
            phones=[phone("0161 496 0202")], email="together@council.example.org", reviewed="2026-09-02",
            locations=[venue("townhall", times(["TU"], "17:30", "20:00"))]),
    service("supported-internships", "Supported Internships", ["disability-send", "careers-jobs"],
            "A year of work experience with a job coach for young people with an EHCP. Most interns "
            "go on to a paid job.",
            organization=COLLEGE, ages=(16, 24), access=("referral", "appointment"), confidential=False,
            phones=[phone("0113 496 0203")], email="internships@college.example.org", reviewed="2026-06-22",
            eligibility="Young people aged 16 to 24 with an education, health and care plan.",
            locations=[venue("college", times(WEEKDAYS, "09:00", "15:00"))]),
    # Pregnancy and young parents
    service("young-parents-group", "Bump and Baby Group", ["young-parents"],
            "A weekly group for young mums, dads and parents-to-be. Meet others, get advice from a midwife "
            "and health visitor, and bring your baby.",
            organization=NHS, ages=(13, 24), access=("drop-in",), sensitive=True, confidential_note=PRIVATE,
            phones=[phone("0113 496 0211")], email="bumpandbaby@health.example.org", reviewed="2026-08-30",
            languages=("en", "pl", "ur"),
            locations=[venue("westgate", times(["TH"], "10:00", "12:00"))]),
    service("pregnancy-options-advice", "Pregnancy Options Advice", ["young-parents", "sexual-health"],
            "Unplanned pregnancy? Talk to a nurse in private about all your choices, without pressure. "
            "We can arrange tests and referrals.",
            organization=NHS, ages=(13, 25), sensitive=True, access=("drop-in", "appointment", "self-referral"),
            delivery=("in-person", "phone"), confidential_note=UNDER_16, phones=[phone("0808 157 0212", free=True)],
            email="options@health.example.org", reviewed="2026-10-26",
            locations=[venue("hub", times(WEEKDAYS, "09:00", "17:00"))]),
    service("care-to-learn", "Childcare While You Study", ["young-parents", "education-training", "money-debt"],
            "Young parents under 20 can get money for childcare while they study. We help you apply and "
            "find a nursery or childminder.",
            organization=YIAS, ages=(14, 19), access=("appointment", "self-referral"),
            delivery=("phone", "in-person"), phones=[phone("0161 496 0213")],
            email="childcare@youth-advice.example.org", reviewed="2026-04-06",
            locations=[venue("centre", times(["MO", "TU"], "10:00", "15:00"))]),
    # LGBTQ+ support
    service("rainbow-youth-group", "Rainbow Youth Group", ["lgbtq", "youth-clubs-leisure"],
            "A weekly group for lesbian, gay, bi, trans, questioning and other young people. Relax, make "
            "friends and be yourself. You do not have to be out.",
            organization=PRIDE, ages=(13, 19), sensitive=True, access=("drop-in",), confidential_note=UNDER_16,
            phones=[phone("0113 496 0221")], email="group@rainbowyouth.example.org",
            url="https://rainbowyouth.example.org", reviewed="2026-09-07",
            locations=[venue("centre", times(["FR"], "18:00", "20:30"))]),
    service("trans-and-non-binary-support", "Trans and Non-binary Support", ["lgbtq", "mental-health"],
            "One-to-one support for trans and non-binary young people and those questioning their gender, "
            "including help with school, family and health services.",
            organization=PRIDE, ages=(13, 25), sensitive=True, access=("self-referral", "appointment"),
            delivery=("in-person", "online", "phone"), confidential_note=UNDER_16,
            phones=[phone("020 7946 0222")], email="support@rainbowyouth.example.org", reviewed="2026-07-27",
            schedules=[times(["TU", "WE", "TH"], "12:00", "19:00")]),
    service("lgbtq-parents-and-carers", "Family Support for LGBTQ+ Young People", ["lgbtq"],
            "Advice and a monthly meeting for parents and carers who want to support their LGBTQ+ child. "
            "Young people are welcome too.",
            organization=PRIDE, ages=(13, 99), access=("self-referral",), confidential_note=PRIVATE,
            phones=[phone("0161 496 0223")], email="families@rainbowyouth.example.org", reviewed="2026-03-03",
            locations=[venue("library", times(["MO"], "18:30", "20:00", "Last Monday of the month"))]),
    # Crime and youth justice
    service("youth-justice-service", "Riverside Youth Justice Service", ["youth-justice"],
            "If you have been arrested or are going to court, we support you and your family, and help you "
            "stay out of trouble.",
            organization=COUNCIL, ages=(10, 17), access=("referral",), delivery=("in-person", "phone"),
            sensitive=True, confidential_note="We work with the police and courts, so some things we must "
            "share. Your worker will always explain what and why.",
            phones=[phone("0113 496 0231")], email="yjs@council.example.org", reviewed="2026-10-15",
            locations=[venue("townhall", times(WEEKDAYS, "09:00", "17:00"))]),
    service("victim-support-young-people", "Support After Crime", ["youth-justice", "mental-health"],
            "Free, private support if you have been a victim of crime or seen a crime, whether or not you "
            "told the police.",
            organization=org("Riverside Victim Care (fictional charity)", "Support for victims and witnesses.",
                             "https://victimcare.example.org", charity="9990011"),
            ages=(8, 25), sensitive=True, access=("self-referral", "referral"), delivery=("phone", "in-person"),
            confidential_note=PRIVATE, phones=[phone("0808 157 0232", free=True)],
            email="young@victimcare.example.org", reviewed="2026-08-05",
            schedules=[times(WEEKDAYS, "08:00", "20:00"), times(["SA"], "09:00", "17:00")]),
    service("positive-choices-mentoring", "Positive Choices Mentoring", ["youth-justice", "youth-clubs-leisure"],
            "A trained volunteer mentor meets you each week to do things you enjoy and plan what you want "
            "next. For young people at risk of getting into trouble.",
            organization=YIAS, ages=(10, 18), access=("self-referral", "referral"), confidential_note=PRIVATE,
            phones=[phone("0161 496 0233")], email="mentoring@youth-advice.example.org", reviewed="2026-05-18",
            locations=[venue("centre", times(["WE", "TH"], "16:00", "19:00"))]),
    # The information and advice service itself
    service("riverside-youth-information-centre", "Riverside Youth Information Centre",
            ["rights-legal", "money-debt", "housing", "careers-jobs"],
            "Free, confidential information and advice on anything: money, housing, health, relationships, "
            "learning and work. If we cannot help, we find someone who can.",
            organization=YIAS, ages=(13, 24), access=("drop-in", "appointment", "self-referral"),
            delivery=("in-person", "phone", "text", "online"), confidential_note=UNDER_16,
            eligibility="Young people aged 13 to 19, and up to 24 if you have learning difficulties or "
            "disabilities. Parents and carers can ask us too.",
            phones=[phone("0113 496 0241", "Advice line", kind="voice-and-text")],
            email="ask@youth-advice.example.org", url="https://youth-advice.example.org", reviewed="2026-11-16",
            languages=("en", "pl", "ro", "pa", "ur", "bfi"),
            locations=[venue("centre", times(WEEKDAYS, "10:00", "18:00"), times(["SA"], "10:00", "14:00"))],
            alert="Closed {{ fact.centre.christmas-closure }}. The text line stays open."),
    # Not listed: kept to show how closed services behave.
    service("eastfield-homework-club", "Eastfield Homework Club", ["education-training"],
            "Help with homework and a quiet place to study after school, with free snacks.",
            organization=COUNCIL, ages=(11, 16), access=("drop-in",), confidential=False,
            phones=[phone("0113 496 0251")], email="homework@council.example.org", reviewed="2026-09-25",
            status="temporarily closed", alert="Closed while the library is repaired. We hope to open again "
            "in spring 2027.", locations=[venue("library", times(["MO", "WE"], "15:30", "17:30"))]),
    service("riverside-youth-bus", "The Youth Bus", ["youth-clubs-leisure"],
            "A bus fitted out as a youth club that visited estates in the evening.",
            organization=COUNCIL, ages=(11, 19), access=("drop-in",), confidential=False,
            phones=[phone("0113 496 0252")], email="youthbus@council.example.org", reviewed="2026-02-09",
            status="inactive"),
]


def main(force: bool = False) -> int:
    folder = ROOT / "content" / "local-info"
    files = {f"services/{slug}": service_file_text(meta, body) for slug, meta, body in SERVICES}
    files.update({name: place_file_text(kind, meta, body) for name, (kind, meta, body) in PLACES.items()})
    written = 0
    for name, text in sorted(files.items()):
        target = folder / f"{name}.md"
        if target.exists() and not force:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written += 1
    print(f"wrote {written} of {len(files)} files to {folder.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(force="--force" in sys.argv))
