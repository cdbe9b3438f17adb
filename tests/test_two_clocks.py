"""Two clocks: the site's statuses are computed as of the build's date, the report's as of its
cut-off; the report is a draft and says so; a pending extension is never drawn as granted."""

from __future__ import annotations

import datetime as dt
import io

import docx
import icalendar
import pytest

from ccm_ica.content import load_site
from ccm_ica.facts import compute_facts
from ccm_ica.pages.render import prepare, render_site
from ccm_ica.report.page import DOCX_PATH
from sitefixture import PROJECT

TODAY = "1796083200"  # SOURCE_DATE_EPOCH of 1 December 2026, 00:00 UTC


@pytest.fixture(scope="module")
def built_today():
    """The real site as a build on 1 December 2026 makes it: its inputs and English pages."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", TODAY)
        site = load_site(PROJECT)
        inputs = prepare(site)
        pages = {src: markdown for src, (_, markdown) in render_site(inputs).items()}
    return site, inputs, pages


def article_4(site, iso3):
    return next(o for o in site.entries["countries"][iso3].record.obligations if o.article.value == 4)


def test_the_site_clock_is_the_build_date_and_the_report_keeps_its_cut_off(built_today):
    site, inputs, _ = built_today
    assert site.as_of == dt.date(2026, 12, 1)
    assert inputs.facts.as_of == dt.date(2026, 12, 1)
    report = compute_facts(site, site.config.report.as_of)
    assert report.as_of == dt.date(2018, 6, 30)
    montenegro = article_4(site, "mne")
    assert inputs.facts.status(montenegro).code == "completed"  # cleared in July 2020
    assert report.status(montenegro).code != "completed"  # not yet, as of the report's cut-off


def test_montenegros_profile_does_not_count_down_to_a_deadline_it_met(built_today):
    profile = built_today[2]["countries/mne.md"]
    assert "completed 21 July 2020" in profile
    assert "deadline in" not in profile


def test_an_extension_granted_on_an_undated_decision_counts_once_the_old_deadline_passed(built_today):
    """Chile's 2021 deadline was extended to 2026 (the source does not say when): today the site
    counts from 2026, never "passed 66 months ago"; the report, before 2021, from the original."""
    site, inputs, pages = built_today
    chile = article_4(site, "chl")
    assert inputs.facts.deadline(chile) == dt.date(2026, 6, 1)
    assert "deadline passed 6 months ago" in pages["countries/chl.md"]
    assert "66 months" not in pages["countries/chl.md"]
    assert compute_facts(site, site.config.report.as_of).deadline(chile) == dt.date(2021, 6, 1)


def test_the_report_is_a_draft_of_its_build_date_and_says_so(built_today):
    _, inputs, pages = built_today
    draft = ("Draft prepared for the Coordinators on International Cooperation and Assistance (Australia and Peru) "
             "from the ccm-ica database on 1 December 2026; not an official document of the Convention")
    assert draft.replace("(", "\\(").replace(")", "\\)") in pages["report/index.md"]  # as Markdown escapes it
    assert "Submitted by" not in pages["report/index.md"]
    assert "not confirmed for the 8MSP" in pages["report/index.md"]
    assert "Figures as of 30 June 2018, the report's cut-off" in pages["report/index.md"]
    word = docx.Document(io.BytesIO(inputs.files[DOCX_PATH]))
    assert draft in [p.text for p in word.paragraphs[:10]]  # under the title block
    assert word.core_properties.comments == draft and word.core_properties.subject == draft
    assert word.core_properties.created.date() == dt.date(2026, 12, 1)


def test_iraqs_pending_extension_request_is_never_drawn_as_granted(built_today):
    site, inputs, pages = built_today
    iraq = article_4(site, "irq")
    assert [x.decided_at for x in iraq.extensions] == [None]
    assert inputs.facts.deadline(iraq) == iraq.deadline  # the deadline in force is the original one
    assert "extension to 1 November 2028 requested, no decision recorded" in pages["countries/irq.md"]
    assert "extended to 1 November 2028" not in pages["countries/irq.md"]
    assert "extended to 1 November 2028" not in pages["deadlines/index.md"]
    assert "requested, no decision recorded" in pages["deadlines/index.md"]
    iraq_events = [line for line in pages["timeline/index.md"].splitlines() if "Iraq" in line and "2028" in line]
    assert iraq_events and all("extended deadline" not in line for line in iraq_events)
    calendar = icalendar.Calendar.from_ical(inputs.files["data/ccm-ica.ics"])
    summaries = [str(e["summary"]) for e in calendar.walk("VEVENT") if str(e["uid"]).startswith("deadline-irq-art4-extension")]
    assert summaries == ["Iraq: Article 4 (clearance) extension requested"]


def test_a_deadline_that_passed_after_the_last_source_reads_no_information_since(tmp_path, monkeypatch):
    """The fixture's Lao ledger cites a note dated 2017; its deadline in force, 1 August 2025,
    passed after it, and nothing later is recorded: not "overdue", but "no information since"."""
    from sitefixture import write_site

    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY)
    site = load_site(write_site(tmp_path))
    lao = article_4(site, "lao")
    status = compute_facts(site).status(lao)
    assert (status.code, str(status.detail)) == ("unknown", "deadline passed 16 months ago; no information since 2017")
    assert compute_facts(site, dt.date(2018, 6, 30)).status(lao).code == "on-track"  # as of the report's cut-off
    profile = render_site(prepare(site))["countries/lao.md"][1]
    assert "no information since 2017" in profile and "overdue" not in profile


def test_no_real_profile_calls_a_deadline_overdue_beyond_its_sources(built_today):
    site, inputs, pages = built_today
    germany = article_4(site, "deu")  # deadline 1 August 2025; its latest dated source, 4 May 2020
    assert inputs.facts.status(germany).code == "unknown"
    assert "overdue" not in pages["countries/deu.md"]
    assert "deadline passed 16 months ago; no information since 4 May 2020" in pages["countries/deu.md"]


def test_no_chart_or_table_draws_a_zero_for_a_year_without_records(built_today):
    """The ISU reported 19 States providing and 10 receiving assistance in 2016 (seed 002); the
    database holds no such records for 2016: the home page says so and gives the ISU's figures."""
    home = built_today[2]["index.md"]
    start = home.index("| Year")
    end = home.find("## ", start)  # the section after the table, if it is not the page's last
    table = home[start:end if end != -1 else None]
    row_2016 = next(line for line in table.splitlines() if line.startswith("| 2016 |"))
    cells = [cell.strip() for cell in row_2016.strip("|").split("|")][1:]
    assert cells[1].startswith("— (ISU reported 19") and cells[2].startswith("— (ISU reported 10")
    assert not any(cell == "0" for line in table.splitlines()[2:] for cell in line.strip("|").split("|"))
    chart = home[home.index("<svg"):home.index("</svg>")]
    assert ">0<" not in chart and "States providing no records" in chart


def test_the_report_says_no_records_are_held_instead_of_a_difference(built_today):
    """Annex I and section VII: the ISU's 19 States providing assistance in 2016 beside no records."""
    report = built_today[2]["report/index.md"]
    assert "<tr><td>States providing assistance</td><td>2016</td><td>no records held</td><td>19</td><td>no records held</td></tr>" in report
    assert ("States providing assistance in 2016: the ISU reported 19; the database holds no records of that kind "
            "for 2016, so this report cannot count them.") in report
    assert "the records give 0" not in report


def test_the_countries_index_gives_each_states_treaty_status_and_no_empty_counts(built_today):
    site, _, pages = built_today
    index = pages["countries/index.md"]
    assert "| [Lesotho](lso.md) | State Party |" in index
    assert "| Signatory |" in index and "| Not party |" in index  # Cambodia, as the Convention's list shows it
    assert "0 of 0" not in index  # a State with no request recorded shows "—", not a count of nothing
    profiles = site.entries["countries"]
    parties = sum(1 for e in profiles.values() if e.record.treaty and e.record.treaty.status.value == "state-party")
    assert f"States Parties recorded: {parties};" in index


def test_an_obligations_horizon_counts_the_decisions_its_ledger_records(built_today):
    """Lao PDR's extension to 2025 was decided at the 9MSP (2 September 2019), after its latest
    dated source: what is known of the obligation is known as of that meeting."""
    site, inputs, pages = built_today
    lao = article_4(site, "lao")
    assert str(inputs.facts.current_to(lao)) == "2019-09-02"
    assert "no information since 2 September 2019" in pages["countries/lao.md"]


def test_a_deadline_missed_as_a_source_says_is_overdue_only_as_of_that_source(built_today):
    """Guinea-Bissau missed its 2019 deadline (the Monitor, July 2019; the Coalition at the 9MSP, September 2019): today the site says so
    and says nothing is known since September 2019, rather than that it is still overdue seven years on."""
    _, _, pages = built_today
    assert "overdue: deadline passed 91 months ago; no information since 4 September 2019" in pages["index.md"]
    assert "overdue: deadline passed 91 months ago; no information since 4 September 2019" in pages["countries/gnb.md"]


def test_the_2016_breakdown_and_the_isus_counts_are_shown_as_reported_beside_the_records(built_today):
    """The concept note's 2/5/3/5/1 and the ISU's per-article counts, on /requests/ and in the
    report, with "not stated in the records" where the records are silent, never a zero."""
    _, _, pages = built_today
    requests, report = pages["requests/index.md"], pages["report/index.md"]
    for area, value in (("Stockpile destruction", 2), ("Clearance", 5), ("Risk reduction education", 3),
                        ("Victim assistance", 5), ("National implementation", 1)):
        assert f"| 2016 | {area} | {value} (the Coordinators, [source]" in requests
    assert "| States Parties with obligations under Article IV \\(clearance\\) | 10 (ISU) |" in requests
    assert "not stated in the records" in requests
    assert ("<td>2016: States Parties that requested assistance for clearance obligations</td><td>5 (the Coordinators)</td>"
            "<td>not stated in the records</td>") in report
    table = requests[requests.index("## Reported figures"):requests.index("## Close to completion")]
    assert "| 0 |" not in table


def test_the_monitors_support_figures_are_shown_with_their_edition(built_today):
    """Landmine Monitor 2018 gave $673.2 million for 2017; the 2019 edition revised it to $696.3
    million: both, each with its edition, never one silently replacing the other."""
    requests = built_today[2]["requests/index.md"]
    assert "International support for mine action \\(Landmine Monitor 2018\\) | [673\\.2 US$ million]" in requests
    assert "[696\\.3 US$ million](../sources/index.md#lm-2019-support-for-mine-action)" in requests
