"""The shipped content: valid, and holding what the seed documents say."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest
import yaml

from ccm_ica.content import load_site
from sitefixture import PROJECT

# A line of the Monitor's treaty status page: "Afghanistan 3 Dec 08; 8 Sep 11" (signature;
# ratification) or "Andorra 9 Apr 13 (a)" (accession).
MONITOR_LINE = re.compile(r"^(?P<name>.+?) (?P<first>\d{1,2} [A-Z][a-z]{2} \d\d)(?:; (?P<second>\d{1,2} [A-Z][a-z]{2} \d\d)| \(a\))$")
MONITOR_TREATY_STATUS = re.compile(r"^cmm-\d{4}-treaty-status$")
CCM_LIST = "clusterconvention-states-parties"

REQUESTED_2016 = ["afg", "alb", "bih", "bwa", "khm", "col", "hrv", "irq", "lao", "lbn", "mne", "ner", "per"]


@pytest.fixture(scope="module")
def site():
    return load_site(PROJECT)


def test_ccm_ica_check_passes_on_the_shipped_content_with_the_words_of_every_citation():
    """No error and no warning: every source a record cites comes with its own words (a seed's
    checked against the seed), and every web page with its address."""
    result = subprocess.run([sys.executable, "-m", "ccm_ica", "check"], cwd=PROJECT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "The content is valid: no problems found.", result.stdout


def test_the_13_states_that_requested_assistance_in_2016(site):
    requesting = sorted({r.country for r in site.records("requests") if r.year == 2016})
    assert requesting == sorted(REQUESTED_2016)
    for iso3 in REQUESTED_2016:
        assert iso3 in site.entries["countries"]


def test_both_2017_informal_meetings_with_sources(site):
    meetings = {m.date.isoformat(): m for m in site.records("meetings")}
    assert meetings["2017-11-24"].kind.value == "affected-only"
    assert meetings["2017-12-20"].kind.value == "donor-only"
    assert meetings["2017-12-20"].room == "M6"
    for day in ("2017-11-24", "2017-12-20"):
        assert meetings[day].sources


def test_isu_figures_are_recorded(site):
    figures = {(f.measure, f.year): f.value for m in site.records("meetings") for f in m.figures}
    assert figures[("states-requesting", 2015)] == 10
    assert figures[("states-requesting", 2016)] == 13
    assert figures[("states-providing", 2015)] == 14
    assert figures[("states-providing", 2016)] == 19
    assert figures[("states-receiving", 2015)] == 4
    assert figures[("states-receiving", 2016)] == 10


def test_seven_expected_outputs_and_seven_headings(site):
    assert sorted(o.order for o in site.records("outputs")) == list(range(1, 8))
    assert sorted(site.entries["headings"]) == [f"5-{n}" for n in range(1, 8)]


def test_every_seed_document_is_a_source(site):
    seeds = sorted(path.name for path in (PROJECT / "seeds").glob("*.txt"))
    assert len(seeds) == 5
    assert sorted(s.seed for s in site.records("sources") if s.seed) == seeds


def test_the_reports_cut_off_ends_its_period(site):
    assert site.config.report.as_of == site.config.report.period.end


def _monitor_date(text: str) -> str:
    return dt.datetime.strptime(text, "%d %b %y").date().isoformat()


def _profiles() -> dict[str, dict]:
    # Raw YAML, not the models: the quotes field is read whether or not the models know it yet.
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in (PROJECT / "content" / "countries").glob("*.yml")}


def test_every_state_party_read_on_the_treaty_status_pages_has_a_profile_that_says_so():
    profiles = _profiles()
    sources = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in (PROJECT / "content" / "sources").glob("*.yml")}
    read = 0
    for iso3, profile in profiles.items():
        treaty = profile.get("treaty") or {}
        for source_id, lines in (profile.get("quotes") or {}).items():
            if not MONITOR_TREATY_STATUS.match(source_id) or source_id not in treaty.get("sources", []):
                continue
            assert source_id in sources, f"{iso3}: quotes a source with no record, {source_id}"
            for line in lines:
                found = MONITOR_LINE.match(line)
                assert found, f"{iso3}: {line!r} is not a line of the Monitor's States Parties list"
                read += 1
                # Every line read is in the page's States Parties list: signature; ratification, or accession (a).
                assert treaty["status"] == "state-party", f"{iso3}: {line!r}"
                if found["second"]:
                    assert (str(treaty.get("signed")), str(treaty.get("ratified"))) == (_monitor_date(found["first"]), _monitor_date(found["second"])), f"{iso3}: {line!r}"
                else:
                    assert str(treaty.get("ratified")) == _monitor_date(found["first"]) and "signed" not in treaty, f"{iso3}: {line!r}"
                    notes = profile.get("notes", "")
                    notes = notes.get("en", "") if isinstance(notes, dict) else notes  # {en, fr, es}: the English
                    assert "Acceded" in notes, f"{iso3}: an accession with no word of it in the notes"
    assert read, "no profile quotes a line of the Monitor's treaty status page"
    # The CCM website's list gives the counts; no more profiles cite it for a status than it counts.
    note = sources[CCM_LIST]["note"]
    counts = re.search(r"(\d+) States\s+Parties and (\d+) Signatories", note["en"] if isinstance(note, dict) else note)
    assert counts, "the CCM list's source record no longer quotes the page's counts"
    listed = {"state-party": 0, "signatory": 0}
    for iso3, profile in profiles.items():
        treaty = profile.get("treaty") or {}
        if CCM_LIST in treaty.get("sources", []):
            assert (profile.get("quotes") or {}).get(CCM_LIST), f"{iso3}: cites the CCM list without its words"
            if treaty["status"] in listed:  # a State the list does not name may cite it too (Cambodia)
                listed[treaty["status"]] += 1
    assert listed["state-party"] <= int(counts[1]) and listed["signatory"] <= int(counts[2]), listed
