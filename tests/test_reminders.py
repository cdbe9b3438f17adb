"""Reminders as of a date: on the /attention/ page, on profiles, and from `ccm-ica check --reminders`."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ccm_ica.content import load_site
from ccm_ica.facts.reminders import Topic, Urgency, site_reminders
from sitebuild import build_html, page, prepare
from sitefixture import FILES, write_site
from test_site import text_of

# The fixture's Article 4 deadlines (Montenegro, Lao PDR) are 1 August 2020: within the
# 24-month window from September 2018, not yet from 30 June 2018 (the shipped as_of).
WITHIN = "2018-09-01"


@pytest.fixture(scope="module")
def attention_site(tmp_path_factory) -> Path:
    return build_html(prepare(write_site(tmp_path_factory.mktemp("attention"))), as_of=WITHIN)


def test_attention_page_lists_the_states_whose_deadline_is_within_the_window(attention_site):
    text = text_of(page(attention_site, "attention"))
    assert "Montenegro" in text and "Lao People's Democratic Republic" in text
    assert "Norway" not in text
    assert "Article 4: deadline in 23 months (1 August 2020), within the 24-month warning window" in text
    assert "content/countries/lao.yml, line 4" in text


def test_attention_page_is_empty_before_the_window(tmp_path):
    text = text_of(page(build_html(prepare(write_site(tmp_path))), "attention"))
    assert "Nothing needs attention as of 30 June 2018." in text


def test_profile_still_shows_its_reminders(attention_site):
    text = text_of(page(attention_site, "countries/lao"))
    assert "For the coordinators: needs attention as of 1 September 2018" in text
    assert "with no extension request or completion recorded" in text


def test_coordinator_pages_are_built_and_in_the_navigation(attention_site):
    nav = page(attention_site, "").split("<article", 1)[0]
    for url in ("attention/", "changes/", "contribute/reference/", "contribute/step-by-step/"):
        assert url in nav, url
    for kind in ("countries", "requests", "meetings", "coalitions", "sources", "site-config"):
        assert (attention_site / "contribute/reference" / kind / "index.html").is_file(), kind


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "ccm_ica", *args], cwd=cwd, capture_output=True, text=True)


def test_check_reminders_prints_warnings_and_exits_0(tmp_path):
    root = write_site(tmp_path)
    result = run("check", "--reminders", "--as-of", WITHIN, cwd=root)
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert lines[-1] == "0 error(s), 2 warning(s)."
    assert lines[0].startswith("content/countries/lao.yml:4:15: warning: ")
    assert ": warning: Article 4: deadline in 23 months (1 August 2020)" in lines[0]
    assert lines[1].startswith("content/countries/mne.yml:") and ": warning: Article 4:" in lines[1]
    github = run("check", "--reminders", "--as-of", WITHIN, "--format", "github", cwd=root)
    assert github.returncode == 0
    assert github.stdout.startswith("::warning file=content/countries/lao.yml,line=4,col=15,")
    assert run("check", "--as-of", WITHIN, cwd=root).stdout.strip() == "The content is valid: no problems found."


def test_check_reminders_still_fails_on_errors(tmp_path):
    root = write_site(tmp_path, {"content/countries/nor.yml": "name: Norway\nrole: [donor]\n"})
    result = run("check", "--reminders", "--as-of", WITHIN, cwd=root)
    assert result.returncode == 1
    assert "warning: Article 4" not in result.stdout


def _reminders(tmp_path, as_of: str, changes: dict[str, str] | None = None):
    day = dt.date.fromisoformat(as_of)
    return site_reminders(load_site(write_site(tmp_path, changes), day), day)


def _fixture(path: str) -> str:
    return textwrap.dedent(FILES[path]).lstrip()


def _country(text: str, extra: str) -> str:
    return text.replace("last_reviewed:", extra + "last_reviewed:", 1)


NOR = _fixture("content/countries/nor.yml")
PARTY = "treaty:\n  status: state-party\n"


def test_article_7_report_recorded_missing(tmp_path):
    changes = {"content/countries/nor.yml": _country(NOR, "article7_reports:\n  - year: 2016\n    status: missing\n")}
    [reminder] = _reminders(tmp_path, "2018-06-30", changes)
    assert reminder.topic is Topic.report and reminder.urgency is Urgency.high
    assert str(reminder.message) == "Article 7 report for 2016, due 30 April 2017: recorded as missing"


@pytest.mark.parametrize("as_of, treaty, expected", [
    ("2018-06-30", PARTY, ["no Article 7 report for 2017 (due 30 April 2018) is recorded, though Norway has reported before"]),
    ("2018-04-29", PARTY, []),  # the 2017 report is not due yet; 2016's is recorded
    ("2018-06-30", "", []),  # not known to be a State Party: nothing is expected
])
def test_article_7_report_not_recorded_after_reporting_before(tmp_path, as_of, treaty, expected):
    reports = "article7_reports:\n  - year: 2016\n    status: submitted\n    submitted: \"2017-04-20\"\n"
    changes = {"content/countries/nor.yml": _country(NOR, treaty + reports)}
    assert [str(r.message) for r in _reminders(tmp_path, as_of, changes)] == expected


def test_extension_request_pending_silences_the_deadline(tmp_path):
    lao = _fixture("content/countries/lao.yml").replace("- new_deadline:", "- submitted: \"2018-03\"\n        new_deadline:")
    reminders = _reminders(tmp_path, WITHIN, {"content/countries/lao.yml": lao})
    assert [r.entry.id for r in reminders] == ["mne"]


LATER_NOTE = 'title: "A later note"\nkind: report\ndate: "2020-08-20"\n'


def test_passed_deadline_is_urgent(tmp_path):
    """A source dated after the deadline says nothing of an extension or a completion: overdue."""
    lao = _fixture("content/countries/lao.yml").split("    extensions:")[0] + "last_reviewed: \"2018-01-15\"\nsources: [later]\n"
    changes = {"content/countries/lao.yml": lao, "content/sources/later.yml": LATER_NOTE}
    reminders = _reminders(tmp_path, "2020-09-15", changes)
    [lao] = [r for r in reminders if r.entry.id == "lao" and r.topic is Topic.deadline]
    assert lao.urgency is Urgency.high
    assert str(lao.message) == ("Article 4: deadline passed 1 month ago (1 August 2020), "
                                "with no extension request or completion recorded")


def test_a_deadline_passed_after_the_last_source_says_only_what_is_known(tmp_path):
    """Lao PDR's only source is dated 2017: nothing says whether an extension was asked for."""
    lao = _fixture("content/countries/lao.yml").split("    extensions:")[0] + "last_reviewed: \"2018-01-15\"\nsources: [note]\n"
    reminders = _reminders(tmp_path, "2020-09-15", {"content/countries/lao.yml": lao})
    [lao] = [r for r in reminders if r.entry.id == "lao" and r.topic is Topic.deadline]
    assert lao.urgency is Urgency.high
    assert str(lao.message) == "Article 4: deadline 1 August 2020 passed; no information since 2017"
    assert "look for a source dated after the deadline" in str(lao.hint)


def test_check_reminders_never_claims_no_extension_request_beyond_the_sources(tmp_path):
    undated = 'title: "An undated page"\nkind: web-page\n'
    lao = _fixture("content/countries/lao.yml").split("    extensions:")[0] + "last_reviewed: \"2018-01-15\"\nsources: [page]\n"
    root = write_site(tmp_path, {"content/countries/lao.yml": lao, "content/sources/page.yml": undated})
    result = run("check", "--reminders", "--as-of", "2026-12-01", cwd=root)
    assert result.returncode == 0, result.stdout
    [line] = [line for line in result.stdout.splitlines() if line.startswith("content/countries/lao.yml:4:")]
    assert "warning: Article 4: deadline 1 August 2020 passed; no dated source since the deadline (" in line
    assert "no extension request" not in line


@pytest.mark.parametrize("as_of, expected", [("2018-11-23", False), ("2018-11-24", True)])
def test_open_request_without_response(tmp_path, as_of, expected):
    # Victim assistance: an open clearance request would clash with the completed Article 4.
    request = _fixture("content/requests/mne-2017-clearance.yml").replace("status: met", "status: open")
    request = request.replace("area: clearance", "area: victim-assistance").split("responses:")[0] + "sources: [summary]\n"
    reminders = _reminders(tmp_path, as_of, {"content/requests/mne-2017-clearance.yml": request})
    found = [r for r in reminders if r.topic is Topic.request]
    assert bool(found) is expected
    if expected:
        assert str(found[0].message) == "the request is open with no response recorded, 12 months after it was made (24 November 2017)"
        assert found[0].country == "mne"


@pytest.mark.parametrize("as_of, stale", [("2019-01-14", False), ("2019-01-15", True)])
def test_record_not_reviewed_for_the_review_window(tmp_path, as_of, stale):
    reviews = [r for r in _reminders(tmp_path, as_of) if r.topic is Topic.review]
    assert sorted(r.entry.id for r in reviews) == (["lao", "mne", "nor"] if stale else [])
    if stale:
        assert str(reviews[0].message) == "last reviewed 15 January 2018, more than 12 months before 15 January 2019"


THREE_LANGUAGES = textwrap.dedent(FILES["site_config.yml"]).lstrip() + "languages: [en, fr, es]\n"


def test_check_reminders_lists_each_record_lacking_a_translation(tmp_path):
    lao = _fixture("content/countries/lao.yml").replace(
        "last_reviewed:", "notes: \"Clearance goes on.\"\nroles_note:\n  en: \"Affected.\"\n  fr: \"Touché.\"\nlast_reviewed:", 1)
    meeting = _fixture("content/meetings/2017-11-24-affected.yml").replace(
        'title: "Informal meeting with affected States"',
        'title: {en: "Informal meeting", fr: "Réunion informelle", es: "Reunión informal"}').replace(
        "city: Geneva", "city: {en: Geneva, fr: Genève, es: Ginebra}")
    root = write_site(tmp_path, {"site_config.yml": THREE_LANGUAGES, "content/countries/lao.yml": lao,
                                 "content/meetings/2017-11-24-affected.yml": meeting})
    result = run("check", "--reminders", cwd=root)
    assert result.returncode == 0, result.stdout
    lines = [line for line in result.stdout.splitlines()
             if "not translated" in line and ("lao.yml" in line or "affected.yml" in line)]
    # Lao PDR: its note has no translation at all, its roles' note no Spanish one; the meeting is whole.
    assert lines == [
        "content/countries/lao.yml:8:8: warning: 2 texts not translated: notes (French, Spanish), roles_note (Spanish) "
        "(give each text one per language, e.g. note: {en: …, fr: …, es: …}; the Convention's terms are in "
        "locale/GLOSSARY.md)"
    ], result.stdout
    assert run("check", cwd=root).stdout.strip() == "The content is valid: no problems found."
