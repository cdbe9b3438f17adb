"""The report's content, section by section, from the Site and its indicators as of a date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ccm_ica.content.site import Site
from ccm_ica.facts import Facts
from ccm_ica.facts.deadlines import deadline_phrase, deadline_window, happened, months_between
from ccm_ica.facts.indicators import MEETING_MEASURES, REPORTED_MEASURES, Indicators
from ccm_ica.facts.outputs import NOT_MEASURABLE, OutputResult
from ccm_ica.facts.reported import requests_by_area, states_by_article
from ccm_ica.i18n import DEFAULT, N_, _, country_name, current, long_date, ngettext, using, word_list
from ccm_ica.models.meeting import FollowUpStatus, MeetingKind
from ccm_ica.pages.labels import status_text, term
from ccm_ica.pages.profile import date_range
from ccm_ica.report.document import Annex, Bullets, Document, Heading, Paragraph, Table, TitleBlock

_MEASURE_LABELS = {
    "states-requesting": N_("States Parties requesting assistance"),
    "states-providing": N_("States providing assistance"),
    "states-receiving": N_("States receiving assistance"),
}


def _in_language(text: object) -> str:
    """A record's free text in the report's language, or its English where none was given."""
    return (text.get(current()) if hasattr(text, "get") else None) or str(text)


def _state(entry: object) -> str:
    return country_name(entry.id, entry.record.name)


def _attributed(text: str, by: str | None) -> str:
    """'text (who)', one level of parentheses: 'participants (as reported by the Coordinators)'
    becomes 'participants, as reported by the Coordinators'."""
    if not by:
        return text
    return f"{text} ({by.replace(' (', ', ').replace('(', '').replace(')', '')})"


def build_report(facts: Facts, prepared_on: dt.date, language: str = DEFAULT,
                 catalogs: dict[str, Any] | None = None) -> Document:
    """The report in `language`, from the facts as of the report's cut-off. It is a draft made
    from the database on `prepared_on`, and says so; written in English first ("Original:
    English"), the other languages are its translations (the catalogs' and the records' own)."""
    with using(language, catalogs):
        return _report(facts, prepared_on)


# The activity of the concept note's work plan that is this report: its `who` names the Coordinators.
_REPORT_ACTIVITY = "8msp-progress-report"
_MEETING = "Eighth Meeting of States Parties"  # the 8MSP record's English title starts so


def _title_block(site: Site, prepared_on: dt.date) -> TitleBlock:
    """The head of a CCM meeting document, from the records: the 8MSP's place and dates where a
    record gives them. No source gives this report's symbol or agenda item
    (content/meetings/2018-09-03-8msp.yml, note), so it is a draft and names no item."""
    meeting = next((e.record for e in sorted(site.entries["meetings"].values(), key=lambda e: e.id)
                    if e.record.kind is MeetingKind.msp and e.record.title.startswith(_MEETING)), None)
    activity = site.entries["activities"].get(_REPORT_ACTIVITY)
    states = {e.record.name: e for e in site.entries["countries"].values()}  # the Coordinators are States
    who = (f" ({word_list([_state(states[w]) if w in states else w for w in activity.record.who])})"
           if activity and activity.record.who else "")
    return TitleBlock(
        convention=_("Convention on Cluster Munitions"),
        meeting=_("Eighth Meeting of States Parties"),
        place_and_dates=f"{_in_language(meeting.city)}, {date_range(meeting.date, meeting.end_date)}" if meeting else "",
        dated=long_date(prepared_on),
        original=_("Original: English"),
        prepared_for=_("Draft prepared for the Coordinators on International Cooperation and Assistance%(who)s "
                       "from the ccm-ica database on %(date)s; not an official document of the Convention",
                       who=who, date=long_date(prepared_on)),
        short_title=_("Progress report on international cooperation and assistance (draft)"),
        draft=_("Draft"),
    )


def _report(facts: Facts, prepared_on: dt.date) -> Document:
    site, as_of, indicators, results = facts.site, facts.as_of, facts.indicators, facts.results
    period = site.config.report.period
    block = _title_block(site, prepared_on)
    span = {"start": long_date(period.start), "end": long_date(period.end)}
    document = Document(
        title=_("Progress report on international cooperation and assistance to the Eighth Meeting of States Parties"),
        lines=(_("Reporting period: %(start)s to %(end)s", **span) if period.confirmed
               else _("Reporting period: %(start)s to %(end)s, as for other progress reports (not confirmed for the 8MSP)", **span),
               _("Figures as of %(date)s, the report's cut-off; records dated later are not counted", date=long_date(as_of))),
        note=block.prepared_for,
        title_block=block,
        language=current(),
        download=_("Download this report as a Word document"),
    )
    _introduction(document, site, as_of)
    _activities(document, site, as_of)
    _outputs(document, indicators, results)
    _meetings(document, site, indicators)
    _requests(document, facts)
    _coalitions(document, facts)
    _challenges(document, site, indicators, results, as_of)
    _annexes(document, facts)
    return document


def _introduction(document: Document, site: Site, as_of: dt.date) -> None:
    headings = sorted(site.entries["headings"].values(), key=lambda e: e.id)
    document.add(
        Heading(_("I. Introduction")),
        # The Convention's own words, in its French and Spanish texts on the other languages' reports.
        Paragraph(_("Article 6 of the Convention on Cluster Munitions gives each State Party the right to seek and "
                    "receive assistance, and states that “Each State Party in a position to do so shall provide "
                    "technical, material, and financial assistance to States Parties affected by cluster munitions, "
                    "aimed at the implementation of the obligations of this Convention.”")),
        Paragraph(_("Action 5 of the Dubrovnik Action Plan (2016–2020) covers international cooperation and assistance. "
                    "The Coordinators' concept note turns it into a work plan up to the Eighth Meeting of States Parties "
                    "(8MSP). Its headings are: %(headings)s.",
                    headings="; ".join(f"{e.record.number} {_in_language(e.record.title)}" for e in headings))),
        # Seed 002: a recommendation of the affected States' meeting and the support of individual donor
        # States, not a decision of the States Parties; nothing makes this database the one they meant.
        Paragraph(_("This report is drawn from the ccm-ica database of cooperation and assistance. The Coordinators "
                    "reported that one recommendation of their informal meeting with affected States of 24 November 2017 "
                    "was that “The ISU or Coordinators should establish a database”; at the informal meeting with donor "
                    "States of 20 December 2017, individual donor States supported the idea. Every figure below is counted "
                    "from its records as of %(date)s; where the Implementation Support Unit (ISU) reported a figure, both "
                    "are shown.", date=long_date(as_of))),
    )


def _activities(document: Document, site: Site, as_of: dt.date) -> None:
    activities = sorted(site.entries["activities"].values(), key=lambda e: (e.record.start.start if e.record.start else dt.date.max, e.id))
    meetings = site.entries["meetings"]
    done = [e for e in activities if e.record.status.value == "done"]
    ongoing = sum(1 for e in activities if e.record.status.value == "ongoing")
    planned = sum(1 for e in activities if e.record.status.value in ("planned", "not-reported"))
    document.add(Heading(_("II. Activities undertaken")),
                 Paragraph(ngettext("The work plan has %(n)s activity.", "The work plan has %(n)s activities.", len(activities))
                           + " " + _("Recorded as done: %(done)s; ongoing: %(ongoing)s; planned, or with no report of "
                                     "their completion: %(planned)s.", done=len(done), ongoing=ongoing, planned=planned)))
    rows = []
    for entry in activities:
        a = entry.record
        evidence = "; ".join(
            _in_language(ev.note) + (f" ({_in_language(meetings[ev.meeting].record.title)}, "
                                     f"{long_date(meetings[ev.meeting].record.date)})" if ev.meeting else "")
            for ev in a.evidence) or _("none recorded")
        rows.append((_in_language(a.title), _in_language(a.planned) if a.planned else long_date(a.start), term(a.status), evidence))
    document.add(Table(_("Table 1. Work-plan activities"), (_("Activity"), _("Planned"), _("Status"), _("Evidence")),
                       tuple(rows), widths=(2.8, 1.7, 1.3, 4.8)))


def _outputs(document: Document, indicators: Indicators, results: list[OutputResult]) -> None:
    document.add(Heading(_("III. Expected outputs by the 8MSP")))
    for result in results:
        output = result.entry.record
        counted = str(result.evidence_text or "")
        basis = f" {counted[:1].upper()}{counted[1:]}." if counted else ""
        # The concept note's words, quoted as it has them (or as translated).
        document.add(Paragraph(_("Expected output %(order)s: “%(text)s” Status: %(status)s. Figures: %(figures)s.",
                                 order=output.order, text=_in_language(output.text), status=result.status_label,
                                 figures=result.figures) + basis))
    document.add(Table(_("Table 2. Expected outputs and their status"),
                       (_("No."), _("Expected output"), _("Indicator"), _("Figures"), _("Status")),
                       tuple((str(r.entry.record.order), f"“{_in_language(r.entry.record.text)}”",
                              term(r.entry.record.measure), str(r.figures), r.status_label) for r in results),
                       widths=(0.5, 3, 1.6, 3, 1.3)))


def _meetings(document: Document, site: Site, indicators: Indicators) -> None:
    document.add(Heading(_("IV. What the informal meetings found")))
    held = sorted((e for entries in indicators.meetings.values() for e in entries), key=lambda e: e.record.date)
    document.add(Paragraph(_("The work plan foresaw %(planned)s informal meetings: one with affected States, one with donor "
                             "and partner States and one joint meeting. %(held)s had been held by %(date)s.",
                             planned=len(MEETING_MEASURES), held=len(held), date=long_date(indicators.as_of))))
    for entry in held:
        m = entry.record
        document.add(Heading(f"{_in_language(m.title)}, {long_date(m.date)}, {_in_language(m.city)}", level=2))
        if m.key_points:
            document.add(Paragraph(_("Key points raised:")),
                         Bullets(tuple(_attributed(_in_language(p.text), p.by and _in_language(p.by)) for p in m.key_points)))
        if m.recommendations:
            document.add(Paragraph(_("Recommendations and outcomes:")),
                         Bullets(tuple(_attributed(_in_language(p.text), p.by and _in_language(p.by)) for p in m.recommendations)))


def _with_horizon(status: str, since: object) -> str:
    """A status the sources stop short of the cut-off for: 'open — no information since 2017'."""
    return f"{status} — {since}" if since else status


def _requests(document: Document, facts: Facts) -> None:
    site, as_of = facts.site, facts.as_of
    countries = site.entries["countries"]
    requests = sorted((e for e in site.entries["requests"].values() if e.record.year <= as_of.year),
                      key=lambda e: (e.record.year, countries[e.record.country].record.name, e.id))
    document.add(Heading(_("V. States that requested assistance and what came of it")))
    for year in sorted({e.record.year for e in requests}):
        names = sorted({_state(countries[e.record.country]) for e in requests if e.record.year == year})
        document.add(Paragraph(ngettext("In %(year)s, %(n)s State Party requested assistance in the records: %(names)s.",
                                        "In %(year)s, %(n)s States Parties requested assistance in the records: %(names)s.",
                                        len(names), year=year, names=word_list(names))))
    rows = tuple(
        (_state(countries[r.country]), str(r.year), term(r.area, _("not stated")),
         _with_horizon(term(r.status), facts.request_horizon(r)),
         "; ".join(f"{x.by}: {_in_language(x.what)} ({long_date(x.date)})" for x in r.responses if happened(x.date, as_of))
         or _("none recorded"))
        for r in (e.record for e in requests))
    document.add(Table(_("Table 3. Requests for assistance and responses"),
                       (_("State"), _("Year"), _("Area"), _("Status"), _("Responses")), rows, widths=(1.5, 0.7, 1.3, 2, 4)))


def _coalitions(document: Document, facts: Facts) -> None:
    site, as_of = facts.site, facts.as_of
    countries = site.entries["countries"]
    coalitions = sorted(site.entries["coalitions"].values(), key=lambda e: e.record.title)
    document.add(Heading(_("VI. Country Coalitions")),
                 Paragraph(ngettext("%(n)s Country Coalition is recorded. Its stage as of %(date)s:",
                                    "%(n)s Country Coalitions are recorded. Their stage as of %(date)s:",
                                    len(coalitions), date=long_date(as_of))))
    rows = []
    for entry in coalitions:
        c = entry.record
        stage = facts.stage(c)
        past = [m for m in sorted(c.milestones, key=lambda m: m.date) if happened(m.date, as_of)]
        rows.append((_in_language(c.title), _state(countries[c.country]), "; ".join(p.name for p in c.partners) or "—",
                     _with_horizon(term(stage), facts.stage_horizon(c)) if stage else _("not recorded yet"),
                     f"{long_date(past[-1].date)}: {_in_language(past[-1].text)}" if past else _("none by this date")))
    document.add(Table(_("Table 4. Country Coalitions"),
                       (_("Coalition"), _("State"), _("Partners"), _("Stage"), _("Latest milestone")),
                       tuple(rows), widths=(2, 1.5, 1.8, 1.6, 3.1)))


def _challenges(document: Document, site: Site, indicators: Indicators, results: list[OutputResult], as_of: dt.date) -> None:
    document.add(Heading(_("VII. Challenges and recommendations")))
    items = []
    for entry, article, deadline in indicators.deadlines_needing_extension:
        status = term(deadline_window(months_between(as_of, deadline), site.config.windows))
        items.append(_("%(state)s: the Article %(article)s deadline of %(date)s is %(status)s (%(phrase)s), with no "
                       "extension request or completion recorded.", state=_state(entry), article=article,
                       date=long_date(deadline), status=status, phrase=deadline_phrase(deadline, as_of)))
    for result in results:
        if result.status == NOT_MEASURABLE:
            items.append(_("Expected output %(order)s cannot be measured from the data: %(figures)s. Recording this "
                           "information would let the next report measure it.",
                           order=result.entry.record.order, figures=result.figures))
    for measure in REPORTED_MEASURES:
        for figure in indicators.per_year[measure]:
            who = _("the ISU") if figure.reported_by in (None, "ISU") else figure.reported_by
            words = {"indicator": _(_MEASURE_LABELS[measure]), "year": figure.year, "who": who,
                     "reported": f"{figure.reported:g}" if figure.reported is not None else "—"}
            if figure.differs and not figure.computed:  # no records held: not a count of zero
                items.append(_("%(indicator)s in %(year)s: %(who)s reported %(reported)s; the database holds no records "
                               "of that kind for %(year)s, so this report cannot count them.", **words))
            elif figure.differs:
                items.append(_("%(indicator)s in %(year)s: the records give %(computed)s, %(who)s reported %(reported)s. "
                               "The database is missing records for that year.", computed=figure.computed, **words))
    for entry in sorted(site.entries["meetings"].values(), key=lambda e: e.record.date):
        for follow_up in entry.record.follow_ups:
            if entry.record.date <= as_of and follow_up.status in (FollowUpStatus.planned, FollowUpStatus.not_reported):
                items.append(_("Follow-up of %(meeting)s (%(date)s) not reported as done: %(action)s — owner: %(owner)s.",
                               meeting=_in_language(entry.record.title), date=long_date(entry.record.date),
                               action=_in_language(follow_up.action), owner=_in_language(follow_up.owner)))
    document.add(Paragraph(_("The following challenges follow from the records as of this report's cut-off date:")),
                 Bullets(tuple(items) or (_("None found in the records."),)))


def _annexes(document: Document, facts: Facts) -> None:
    site, indicators, as_of = facts.site, facts.indicators, facts.as_of
    no_records = _("no records held")
    rows = tuple(
        (_(_MEASURE_LABELS[measure]), str(f.year), str(f.computed) if f.computed else no_records,
         f"{f.reported:g}" if f.reported is not None else "—",
         (_("differs") if f.computed else no_records) if f.differs else (_("same") if f.reported is not None else "—"))
        for measure in REPORTED_MEASURES for f in indicators.per_year[measure])
    document.add(Annex(_("Annex I. Indicators by year: computed and reported")),
                 Table(_("Table 5. Figures counted from the records beside those the ISU reported"),
                       (_("Indicator"), _("Year"), _("From the records"), _("Reported by the ISU"), _("Comparison")), rows,
                       widths=(3, 0.7, 1.4, 1.4, 1.4)))
    # What the per-State records cannot yet say (most requests do not state their area): the counts
    # as the sources gave them, and the records' own where they state the same thing.
    reported = [(f"{f.figure.year}: {_in_language(f.figure.label)}" if f.figure.year else _in_language(f.figure.label),
                 f"{f.figure.value:g} ({f.figure.by})",
                 str(f.recorded) if f.recorded is not None else _("not stated in the records"))
                for f in [*requests_by_area(site, as_of), *states_by_article(site, as_of)]]
    document.add(Table(_("Table 5a. Counts by area and by article as the sources reported them, beside the records"),
                       (_("Figure"), _("Reported"), _("In the records")), tuple(reported), widths=(4, 2, 2)))
    deadline_rows = []
    for entry in sorted(site.entries["countries"].values(), key=lambda e: e.record.name):
        for o in entry.record.obligations:
            if o.article.value in (3, 4) and (o.deadline or o.extensions):
                deadline_rows.append((_state(entry), str(o.article.value), long_date(o.deadline),
                                      long_date(facts.deadline(o)), status_text(facts.status(o))))
    document.add(Annex(_("Annex II. Article 3 and 4 deadlines")),
                 Table(_("Table 6. Deadlines as of %(date)s", date=long_date(as_of)),
                       (_("State"), _("Article"), _("Original deadline"), _("Deadline in force"), _("Status")),
                       tuple(deadline_rows), widths=(2, 0.8, 1.6, 1.6, 3)))
