"""An honest horizon beyond obligations: a request still open, a coalition's stage and a State's
profile say how far their sources reach, on the site's clock and on the report's."""

from __future__ import annotations

import pytest

from ccm_ica.content import load_site
from ccm_ica.pages.render import prepare, render_site
from sitefixture import FILES, write_site

TODAY = "1796083200"  # SOURCE_DATE_EPOCH of 1 December 2026, 00:00 UTC

# The fixture's request, open and unanswered; its only source is dated 20 December 2017 (victim
# assistance: an open clearance request would clash with Montenegro's completed Article 4).
OPEN_REQUEST = FILES["content/requests/mne-2017-clearance.yml"].replace("status: met", "status: open").replace(
    "area: clearance", "area: victim-assistance").split("responses:")[0] + """
        sources: [summary]
    """
# A coalition that became active in September 2019 and of which nothing later is known.
ACTIVE_COALITION = FILES["content/coalitions/mne-clearance.yml"].split("milestones:")[0] + """
        milestones:
          - date: "2018-05"
            text: "Funding secured"
          - date: "2019-09"
            text: "Described as a Country Coalition"
            stage: active
        sources: [summary]
    """


def pages_of(tmp_path, changes: dict[str, str]) -> dict[str, str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", TODAY)
        site = load_site(write_site(tmp_path, changes))
        return {src: markdown for src, (_, markdown) in render_site(prepare(site)).items()}


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    return pages_of(tmp_path_factory.mktemp("horizons"), {
        "content/requests/mne-2017-clearance.yml": OPEN_REQUEST,
        "content/coalitions/mne-clearance.yml": ACTIVE_COALITION,
    })


def test_an_open_request_says_how_old_its_information_is_wherever_its_status_is_shown(pages):
    assert "status: **open — no information since 20 December 2017**" in pages["requests/index.md"]
    row = next(line for line in pages["countries/mne.md"].splitlines() if line.startswith("| 2017 |"))
    assert "| open — no information since 20 December 2017 |" in row


def test_the_report_applies_the_same_rule_at_its_own_date(pages):
    """As of 30 June 2018 the request's only source, of December 2017, is older too."""
    assert ("<tr><td>Montenegro</td><td>2017</td><td>Victim assistance</td><td>open — no information since 20 December 2017</td>"
            "<td>none recorded</td></tr>") in pages["report/index.md"]


def test_a_request_whose_sources_reach_the_date_shows_its_status_alone(tmp_path):
    later = FILES["content/sources/summary.yml"].replace('"2017-12-20"', '"2026-12-01"')
    found = pages_of(tmp_path, {"content/requests/mne-2017-clearance.yml": OPEN_REQUEST, "content/sources/summary.yml": later})
    assert "status: **open** ·" in found["requests/index.md"]
    assert "no information since" not in found["requests/index.md"]


def test_a_met_request_needs_no_horizon(tmp_path):
    found = pages_of(tmp_path, {})
    assert "status: **met** ·" in found["requests/index.md"]


def test_a_coalition_stage_entered_in_2019_and_nothing_since_says_so_today(pages):
    assert ":   active (no information since September 2019)\n" in pages["coalitions/index.md"]
    assert "| active (no information since September 2019) |" in pages["index.md"]


def test_the_report_keeps_a_stage_whose_information_reaches_its_cut_off(pages):
    """As of 30 June 2018 no stage was set yet, and a later milestone is known: nothing to add."""
    report = pages["report/index.md"]
    row = next(line for line in report.splitlines() if line.startswith("<tr><td>Montenegro: clearance</td>"))
    assert "<td>not recorded yet</td>" in row and "no information since" not in row


def test_a_completed_coalition_needs_no_horizon(tmp_path):
    found = pages_of(tmp_path, {})
    assert ":   completed\n" in found["coalitions/index.md"]


def test_profiles_say_which_date_their_information_is_current_to(pages, tmp_path):
    assert "Last reviewed 15 January 2018. Information current to 20 December 2017." in pages["countries/nor.md"]
    undated = 'title: "An undated page"\nkind: web-page\n'
    norway = FILES["content/countries/nor.yml"].replace("[summary]", "[page]").replace("summary: [", "page: [")
    found = pages_of(tmp_path, {"content/sources/page.yml": undated, "content/countries/nor.yml": norway})
    assert "Information current to: not known." in found["countries/nor.md"]


def test_a_profile_is_current_to_the_completion_it_shows(pages):
    """Montenegro's only source is the 2017 note; its ledger records clearance on 21 July 2020."""
    assert "Information current to 21 July 2020." in pages["countries/mne.md"]


def test_the_report_says_who_asked_for_a_database_as_the_meeting_summary_does(pages):
    """Seed 002 ¶2.3 and ¶2.4: a recommendation of the affected States' meeting, supported by
    individual donor States; the States Parties decided nothing."""
    report = pages["report/index.md"]
    assert "the States Parties asked for" not in report
    assert "“The ISU or Coordinators should establish a database”" in report
    assert "individual donor States supported the idea" in report


def test_the_evidence_based_definition_says_which_element_is_the_registers_own(pages):
    """Audit S25: "costed" is in no source; the register's checklist says so beside what they ask."""
    intro = pages["requests/index.md"].split("!!! info")[0]
    assert "is costed" not in intro
    assert "“detailed completion plans and requests for assistance”" in intro
    assert "the last element is the register's own, not the sources'" in intro


@pytest.fixture(scope="module")
def real_pages():
    from sitefixture import PROJECT

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", TODAY)
        site = load_site(PROJECT)
        return {src: markdown for src, (_, markdown) in render_site(prepare(site)).items()}


def test_germanys_profile_says_what_is_known_since_its_deadline(real_pages):
    """Deadline 1 August 2025; the ISU's profile of 4 May 2020 is the ledger's latest dated
    source; an interim extension request (Mine Action Review, undated) is recorded, with no decision."""
    profile = real_pages["countries/deu.md"]
    assert "Article 4: deadline 1 August 2025 passed; no information since 4 May 2020" in profile
    assert "no extension request" not in profile
    assert "extension to 1 August 2030 requested, no decision recorded" in profile
    assert "extended to 1 August 2030" not in profile
    assert "Information current to 1 August 2022." in profile  # the Monitor's treaty status page


def test_the_report_as_of_its_cut_off_shows_no_later_request_as_pending(real_pages):
    report = real_pages["report/index.md"]
    row = next(line for line in report.splitlines() if line.startswith("<tr><td>Germany</td><td>4</td>"))
    assert "2030" not in row


def test_chiles_extension_is_shown_as_the_source_gives_it(real_pages):
    """FACTS.md: interim extensions, later to 1 June 2026 (Mine Action Review); which meeting
    decided it, and when, is in no source: granted, never with a decision it does not record,
    and never worded as a mere request either."""
    profile, deadlines = real_pages["countries/chl.md"], real_pages["deadlines/index.md"]
    assert "extended to 1 June 2026 (when, and by which meeting, not recorded)" in profile
    assert "extension to 1 June 2026 requested" not in profile
    row = next(line for line in deadlines.splitlines() if line.startswith("| [Chile]"))
    assert "1 June 2026 (granted; meeting and date not recorded)" in row
