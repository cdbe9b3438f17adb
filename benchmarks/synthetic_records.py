"""The records of the synthetic content: one function per kind, drawing from one seeded generator.

Shapes follow the real content (content/): States with treaty dates, deadline ledgers and Article 7
reports; requests with evidence and responses; meetings with key points, follow-ups and figures;
coalitions with partners and milestones. Every reference points at a record that exists, and no
record breaks a rule of `ccm-ica check` (synthetic.py writes them).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

import pycountry

HEADINGS = 7  # DAP Action 5 has seven headings at every scale
AS_OF = dt.date(2018, 6, 30)


# --- text -------------------------------------------------------------------------------

_SUBJECTS = ["The State", "The national mine action authority", "The Coordinators", "A donor state", "The ISU",
             "Partners", "The operator", "Several affected States", "The Presidency", "Civil society"]
_VERBS = ["reported progress on", "requested support for", "described the challenges of", "outlined plans for",
          "called for better coordination of", "welcomed funding for", "asked for technical advice on",
          "presented a costed plan for", "shared its experience of", "named the obstacles to"]
_OBJECTS = ["clearance of cluster munition remnants", "stockpile destruction", "victim assistance services",
            "risk reduction education in affected provinces", "national implementation legislation",
            "non-technical survey of suspected hazardous areas", "capacity building of local NGOs",
            "the destruction of the remaining submunitions", "information management", "gender and diversity in mine action"]
_TAILS = ["", " in the reporting period", " ahead of its deadline", " (see its Article 7 report)", ", with support from partners",
          ": a completion plan was presented", " and asked for \"specific\" technical help", " by 2020", " - 40% of it funded",
          "; the amount is not known", " [as summarised by the ISU]", " under Action 5 of the Dubrovnik Action Plan"]
_CITIES = ["Geneva", "Vienna", "Dubrovnik", "Bangkok", "Zagreb", "Maputo", "Vientiane", "Lausanne", "Beirut", "online"]
_VENUES = ["Palais des Nations", "United Nations Office in Vienna", "International Conference Centre Geneva", None]
_ORGANISATIONS = ["Norwegian People's Aid", "Mines Advisory Group", "The HALO Trust", "Handicap International",
                  "UNDP", "GICHD", "DanChurchAid", "Cluster Munition Coalition"]
_CURRENCIES = ["USD", "EUR", "NOK", "GBP", "AUD", "CHF", "JPY"]
AREAS = ["stockpile-destruction", "clearance", "risk-reduction-education", "victim-assistance", "national-implementation"]
_AREA_ARTICLE = {"stockpile-destruction": 3, "clearance": 4, "risk-reduction-education": 4, "victim-assistance": 5,
                 "national-implementation": 9}
HEADING_TITLES = ["Strengthen partnerships at all levels", "Enhance national ownership", "Share information",
                   "Promote country coalitions", "Use existing mechanisms", "Report on assistance", "Improve coordination"]
MEETING_KINDS = (["msp"] * 3 + ["review-conference", "intersessional", "workshop", "seminar", "preparatory", "bilateral"]
                  + ["affected-only", "donor-only", "joint"] * 2)
_MEASURES = ["meetings-affected-only", "meetings-donor-only", "meetings-joint", "states-requesting", "states-providing",
             "states-receiving", "evidence-based-requests", "states-responding", "states-with-resources", None]


class Writer:
    """Everything drawn from one seeded random generator, so a scale and seed give one result."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def sentence(self) -> str:
        r = self.rng
        return f"{r.choice(_SUBJECTS)} {r.choice(_VERBS)} {r.choice(_OBJECTS)}{r.choice(_TAILS)}."

    def text(self, low: int, high: int) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def day(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def partial(self, when: dt.date) -> str:
        """The date as precisely as a source might give it: the day, the month or the year."""
        return self.rng.choice([when.isoformat(), when.isoformat()[:7], when.isoformat()[:7], str(when.year)])

    def some(self, items: list[Any], low: int, high: int) -> list[Any]:
        return self.rng.sample(items, min(len(items), self.rng.randint(low, high)))


# --- records ----------------------------------------------------------------------------


@dataclass
class Ids:
    """Ids already written, which later records refer to."""

    sources: list[str]
    countries: list[str]
    affected: list[str]
    donors: list[str]
    meetings: list[tuple[str, dt.date, str]]  # id, date, kind
    coalitions: list[str]
    cursor: int = 0  # round-robin over sources: every source ends up cited

    def cite(self, w: Writer, extra: int = 1) -> list[str]:
        first = self.sources[self.cursor % len(self.sources)]
        self.cursor += 1
        return [first, *(s for s in w.some(self.sources, 0, extra) if s != first)]


def source(w: Writer, n: int) -> tuple[str, dict[str, Any]]:
    kind = w.rng.choice(["meeting-summary", "official-document", "slides", "report", "web-page", "news", "concept-note"])
    year = w.rng.randint(2010, 2019)
    record: dict[str, Any] = {"title": f"{w.rng.choice(_OBJECTS).capitalize()}: document {n} ({year})", "kind": kind,
                              "author": w.rng.choice(["CCM Implementation Support Unit", "Cluster Munition Coalition", *_ORGANISATIONS]),
                              "date": w.partial(w.day(dt.date(year, 1, 1), dt.date(year, 12, 31)))}
    if kind == "official-document":
        record["symbol"] = f"CCM/MSP/{year}/{n}"
    if kind == "web-page" or w.rng.random() < 0.7:  # a web page always has its address
        record["url"] = f"https://example.org/ccm-ica-benchmark/{n}"
    if w.rng.random() < 0.3:
        record["note"] = w.text(1, 2)
    return f"source-{n:04d}", record


def _obligations(w: Writer, ids: Ids, in_force: dt.date) -> list[dict[str, Any]]:
    obligations = []
    for article in sorted(w.some([3, 4, 5], 1, 3)):
        o: dict[str, Any] = {"article": article, "summary": w.sentence()}
        if article in (3, 4):
            deadline = in_force.replace(year=in_force.year + (8 if article == 3 else 10))
            o["deadline"] = deadline.isoformat()
            extensions, previous = [], deadline
            for _ in range(w.rng.choice([0, 0, 1, 1, 2])):
                new = previous.replace(year=previous.year + w.rng.randint(2, 5))
                decided = [m for m in ids.meetings if m[2] == "msp" and m[1] < previous] or ids.meetings
                meeting_id, meeting_date, _ = decided[-1]
                x: dict[str, Any] = {"submitted": w.partial(meeting_date - dt.timedelta(days=w.rng.randint(60, 200))),
                                     "new_deadline": new.isoformat()}
                if w.rng.random() < 0.85:
                    x.update(decided_at=meeting_id, granted=True)
                extensions.append(x)
                previous = new
            if extensions:
                o["extensions"] = extensions
            if w.rng.random() < 0.3:
                o["completed"] = w.partial(w.day(in_force, previous))
        o["sources"] = ids.cite(w)
        obligations.append(o)
    return obligations


def _article7(w: Writer, in_force: dt.date) -> list[dict[str, Any]]:
    reports = [{"year": max(2010, in_force.year), "initial": True,
                "due": (in_force + dt.timedelta(days=180)).isoformat(), "status": "submitted",
                "submitted": w.partial(in_force + dt.timedelta(days=w.rng.randint(120, 400)))}]
    for year in range(max(2010, in_force.year) + 1, 2019):
        status = w.rng.choice(["submitted"] * 6 + ["late", "missing"])
        report: dict[str, Any] = {"year": year, "due": f"{year + 1}-04-30", "status": status}
        if status != "missing":
            report["submitted"] = w.partial(dt.date(year + 1, 4 if status == "submitted" else 9, w.rng.randint(1, 28)))
        reports.append(report)
    return reports


def country(w: Writer, ids: Ids, iso3: str) -> dict[str, Any]:
    country = pycountry.countries.get(alpha_3=iso3.upper())
    record: dict[str, Any] = {"name": country.name}
    if getattr(country, "official_name", None):
        record["official_name"] = country.official_name
    roles = ["affected"] if iso3 in ids.affected else ["donor"] if iso3 in ids.donors else []
    roles += w.some(["coordinator", "president"], 0, 1) if w.rng.random() < 0.1 else []
    party = iso3 in ids.affected or w.rng.random() < 0.7
    in_force = None
    if party:
        signed = w.day(dt.date(2008, 12, 3), dt.date(2012, 12, 31))
        ratified = w.day(signed, signed + dt.timedelta(days=1500))
        in_force = dt.date(ratified.year + (ratified.month + 5) // 12, (ratified.month + 5) % 12 + 1, 1)
        record["treaty"] = {"status": "state-party", "signed": signed.isoformat(), "ratified": ratified.isoformat(),
                            "entry_into_force": in_force.isoformat(), "sources": ids.cite(w, 0)}
    elif w.rng.random() < 0.5:
        record["treaty"] = {"status": "signatory", "signed": w.day(dt.date(2008, 12, 3), dt.date(2010, 7, 31)).isoformat()}
    if roles:
        record["roles"] = roles
        record["roles_note"] = w.sentence()
    if in_force and "affected" in roles:
        record["obligations"] = _obligations(w, ids, in_force)
    if in_force:
        record["article7_reports"] = _article7(w, in_force)
    if w.rng.random() < 0.5:
        record["focal_point"] = f"National Mine Action Authority of {country.name}"
    record["notes"] = w.text(1, 4)
    record["last_reviewed"] = w.day(dt.date(2016, 6, 1), AS_OF).isoformat()
    record["sources"] = ids.cite(w)
    return record


def meeting(w: Writer, ids: Ids, kind: str, date: dt.date) -> dict[str, Any]:
    hosts = w.some(ids.countries, 1, 2)
    # The city in the title: two meetings of one kind on one day would otherwise share a title,
    # which content/duplicates.py rightly refuses as one meeting recorded twice.
    city = w.rng.choice(_CITIES)
    record: dict[str, Any] = {"title": f"{kind.replace('-', ' ').capitalize()} meeting on {w.rng.choice(_OBJECTS)} in {city}",
                              "kind": kind, "date": date.isoformat()}
    if kind in ("msp", "review-conference", "intersessional"):
        record["end_date"] = (date + dt.timedelta(days=w.rng.randint(1, 4))).isoformat()
    else:
        record.update(start_time=w.rng.choice(["08:15", "10:00", "13:15", "15:00"]), end_time="17:00")
    record["city"] = city
    if venue := w.rng.choice(_VENUES):
        record.update(venue=venue, room=f"Room {w.rng.choice('ABCDEFGHMS')}{w.rng.randint(1, 30)}")
    record["hosts"] = [f"{pycountry.countries.get(alpha_3=h.upper()).name} (host)" for h in hosts]
    record["host_countries"] = hosts
    record["participants"] = f"About {w.rng.randint(10, 120)} delegations, the ISU and civil society."
    record["summary"] = w.text(2, 4)
    record["key_points"] = [{"text": w.text(1, 3), **({"by": w.rng.choice(_SUBJECTS).lower()} if w.rng.random() < 0.6 else {})}
                            for _ in range(w.rng.randint(0, 8))]
    record["recommendations"] = [{"text": w.text(1, 2), "by": w.rng.choice(_SUBJECTS).lower()} for _ in range(w.rng.randint(0, 4))]
    record["follow_ups"] = [{"action": w.sentence(), "owner": w.rng.choice(_SUBJECTS),
                             "status": w.rng.choice(["planned", "ongoing", "done", "dropped", "not-reported"])}
                            for _ in range(w.rng.randint(0, 3))]
    record["figures"] = [{"measure": measure, "label": measure.replace("-", " ").capitalize(), "year": date.year - 1,
                          "value": w.rng.randint(1, 40), "unit": "states", "by": "ISU"}
                         for measure in w.some(["states-requesting", "states-providing", "states-receiving", "reports-awaited"], 0, 3)]
    record["countries"] = sorted(w.some(ids.countries, 0, 8))
    record["sources"] = ids.cite(w)
    return {key: value for key, value in record.items() if value != []}


def coalition(w: Writer, ids: Ids, iso3: str, area: str) -> dict[str, Any]:
    name = pycountry.countries.get(alpha_3=iso3.upper()).name
    partners = [{"name": pycountry.countries.get(alpha_3=d.upper()).name, "country": d, "role": "donor"}
                for d in w.some(ids.donors, 1, 3)]
    partners += [{"name": org, "role": "operator"} for org in w.some(_ORGANISATIONS, 0, 2)]
    start = w.day(dt.date(2016, 1, 1), dt.date(2019, 12, 31))
    milestones = []
    for stage in ["proposed", "forming", "active", "completed"][: w.rng.randint(1, 4)]:
        milestones.append({"date": w.partial(start), "text": w.sentence(), "stage": stage})
        start += dt.timedelta(days=w.rng.randint(90, 500))
    return {"title": f"{name}: {area.replace('-', ' ')}", "country": iso3, "partners": partners,
            "focus": [_AREA_ARTICLE[area]], "description": w.text(1, 3), "milestones": milestones, "sources": ids.cite(w, 2)}


def request(w: Writer, ids: Ids, iso3: str, year: int, area: str, completed: set[int]) -> dict[str, Any]:
    channels = w.some(["article-7-report", "statement", "meeting"], 1, 2)
    record: dict[str, Any] = {"country": iso3, "year": year, "channels": channels}
    same_year = [m for m in ids.meetings if m[1].year == year]
    if "meeting" in channels and same_year:
        record["meeting"] = w.rng.choice(same_year)[0]
    record["area"] = area
    record["kinds"] = w.some(["financial", "technical", "material", "expertise"], 1, 3)
    record["description"] = w.text(1, 3)
    record["evidence"] = {k: w.rng.choice([True, False, None]) for k in ("completion_plan", "costed", "timeframe", "obstacles_named")}
    record["evidence"] = {k: v for k, v in record["evidence"].items() if v is not None}
    status = w.rng.choice(["open", "open", "partly-met", "met", "withdrawn", "not-reported"])
    if status == "open" and _AREA_ARTICLE[area] in completed:
        status = "met"  # `ccm-ica check` refuses an open request for an obligation completed
    record["status"] = status
    responses = []
    for donor in w.some(ids.donors, 0 if status in ("open", "not-reported") else 1, 3):
        response: dict[str, Any] = {"by": pycountry.countries.get(alpha_3=donor.upper()).name, "country": donor,
                                    "what": w.sentence(), "kinds": w.some(["financial", "technical", "material"], 1, 2),
                                    "date": w.partial(w.day(dt.date(year, 1, 1), dt.date(year + 1, 12, 31)))}
        if w.rng.random() < 0.4:
            response["via"] = w.rng.choice(_ORGANISATIONS)
        if w.rng.random() < 0.5:
            response["amount"] = {"value": w.rng.randint(10, 5000) * 1000, "currency": w.rng.choice(_CURRENCIES)}
        responses.append(response)
    if responses:
        record["responses"] = responses
    if w.rng.random() < 0.3:
        record["note"] = w.text(1, 2)
    if w.rng.random() < 0.5:
        record["last_reviewed"] = w.partial(w.day(dt.date(2017, 1, 1), AS_OF))
    record["sources"] = ids.cite(w, 2)
    return record


def assistance(w: Writer, ids: Ids) -> dict[str, Any]:
    donor = w.rng.choice(ids.donors)
    return {"donor": pycountry.countries.get(alpha_3=donor.upper()).name, "donor_country": donor,
            "via": w.rng.choice(_ORGANISATIONS), "recipient": w.rng.choice(ids.affected), "year": w.rng.randint(2011, 2019),
            "area": w.rng.choice(AREAS), "kinds": ["financial"],
            "amount": {"value": w.rng.randint(10, 5000) * 1000, "currency": w.rng.choice(_CURRENCIES)},
            "description": w.text(1, 2), "sources": ids.cite(w)}


def activity(w: Writer, ids: Ids, n: int) -> dict[str, Any]:
    who = w.some(ids.countries, 1, 2)
    start = w.day(dt.date(2017, 9, 1), dt.date(2019, 6, 30))
    status = "done" if start < AS_OF and w.rng.random() < 0.6 else w.rng.choice(["planned", "ongoing", "not-reported"])
    record: dict[str, Any] = {
        "title": f"Activity {n}: {w.rng.choice(_VERBS).split(' ')[0]} {w.rng.choice(_OBJECTS)}", "description": w.text(1, 2),
        "who": [pycountry.countries.get(alpha_3=c.upper()).name for c in who] + ["CCM Implementation Support Unit"],
        "who_countries": who, "headings": sorted(w.some([f"5-{i}" for i in range(1, HEADINGS + 1)], 1, 2)),
        "planned": start.strftime("%B %Y"), "start": w.partial(start), "status": status, "sources": ids.cite(w)}
    if status == "done":
        meeting = w.rng.choice(ids.meetings)[0]
        record["evidence"] = [{"meeting": meeting, "note": w.sentence()}]
    return record


def output(w: Writer, ids: Ids, n: int) -> dict[str, Any]:
    record: dict[str, Any] = {"text": f"Expected output {n}: {w.sentence()}", "order": n,
                              "headings": sorted(w.some([f"5-{i}" for i in range(1, HEADINGS + 1)], 1, 2))}
    if measure := _MEASURES[(n - 1) % len(_MEASURES)]:
        record["measure"] = measure
    record.update(target=w.sentence(), sources=ids.cite(w))
    return record
