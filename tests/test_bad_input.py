"""Bad pull requests: each ends in a clear message at its file, line and column, exit 1, no traceback."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from ccm_ica.content import check
from sitefixture import FILES, write_site

NOR = "content/countries/nor.yml"
MNE = "content/countries/mne.yml"
MEETING = "content/meetings/2017-11-24-affected.yml"
LAO = "content/countries/lao.yml"
NOTE = "content/sources/note.yml"
SUMMARY = "content/sources/summary.yml"
NOR_TAIL = 'last_reviewed: "2018-01-15"\nsources: [summary]\n'
TAG_HINT = ("(remove the tag: content holds only plain values, lists and `key: value` lines;"
            " quotes keep a value as text)")


FOLDERS = ("content/sources/, content/countries/, content/meetings/, content/coalitions/, content/requests/,"
           " content/assistance/, content/action-plan/headings/, content/action-plan/activities/,"
           " content/action-plan/outputs/")

BEFORE_HINT = "(nothing under the Convention can be dated earlier: check the date against the sources)"


def fixture_text(path: str) -> str:
    return textwrap.dedent(FILES[path]).lstrip()


def errors_of(tmp_path, changes) -> list[str]:
    site, problems = check(write_site(tmp_path, changes))
    return [p.text() for p in problems if p.severity.value == "error"]


CASES = [
    pytest.param(
        {NOR: 'name: !!python/object/apply:os.system ["echo hacked"]\n' + NOR_TAIL},
        [f"{NOR}:1:7: the YAML tag '!!python/object/apply:os.system' is not allowed in content {TAG_HINT}"],
        id="python-apply-tag",
    ),
    pytest.param(
        {NOR: "!!python/object:collections.OrderedDict\nname: Norway\n" + NOR_TAIL},
        [f"{NOR}:1:1: the YAML tag '!!python/object:collections.OrderedDict' is not allowed in content {TAG_HINT}"],
        id="tag-on-the-whole-file",
    ),
    pytest.param(
        {NOR: "name: !!binary Tm9yd2F5\n" + NOR_TAIL},
        [f"{NOR}:1:7: the YAML tag '!!binary' is not allowed in content {TAG_HINT}"],
        id="binary-tag",
    ),
    pytest.param(
        {NOR: "name: !custom Norway\n" + NOR_TAIL},
        [f"{NOR}:1:7: the YAML tag '!custom' is not allowed in content {TAG_HINT}"],
        id="custom-tag",
    ),
    pytest.param(
        {NOR: "name: Norway\n!!python/name:os.system key: value\n" + NOR_TAIL},
        [f"{NOR}:2:1: the YAML tag '!!python/name:os.system' is not allowed in content {TAG_HINT}"],
        id="tag-on-a-key",
    ),
    pytest.param(
        {NOR: "name: Norway\nofficial_name: !!binary aGk=\nnotes: &a text\nfocal_point: *a\n" + NOR_TAIL},
        [f"{NOR}:2:16: the YAML tag '!!binary' is not allowed in content {TAG_HINT}",
         f"{NOR}:3:8: the anchor '&a' is not allowed in content (remove it and write values out in full)",
         f"{NOR}:4:14: the alias '*a' repeats another part of the file"
         " (write the value out in full: anchors and aliases are not allowed in content)"],
        id="every-tag-anchor-and-alias-at-once",
    ),
    pytest.param(
        {"content/country/fra.yml": fixture_text(NOR).replace("Norway", "France")},
        ["content/country/fra.yml:1:1: this file is not in a folder the generator reads: it would never be published"
         f" (move it into one of: {FOLDERS})"],
        id="misspelt-folder",
    ),
    pytest.param(
        {"content/countries/old/nor.yml": fixture_text(NOR)},
        ["content/countries/old/nor.yml:1:1: this file is not in a folder the generator reads: it would never be"
         f" published (move it into one of: {FOLDERS})"],
        id="sub-folder",
    ),
    pytest.param(
        {"content/countries/fra.yml.txt": fixture_text(NOR).replace("Norway", "France"), "content/.gitkeep": ""},
        ["content/countries/fra.yml.txt:1:1: this file is not a record: the generator reads only .yml files under"
         " content/ (rename it to end in .yml if it is a record, or move it out of content/)"],
        id="not-a-yml-file",
    ),
    pytest.param(
        {"content/meetings/2017-11-24-affected-copy.yml": fixture_text(MEETING).replace("affected States", "affected  states")},
        [f"{MEETING}:1:8: title: this meeting is already recorded in content/meetings/2017-11-24-affected-copy.yml:"
         " the same date, 2017-11-24, and the same title (keep one of the two files: merge what this one adds into"
         " content/meetings/2017-11-24-affected-copy.yml, delete this one, and point its references to"
         " '2017-11-24-affected-copy')"],
        id="same-meeting-twice",
    ),
    pytest.param(
        {NOTE: fixture_text(NOTE) + 'url: "https://example.org/note/"\n',
         SUMMARY: fixture_text(NOTE) + 'url: "https://EXAMPLE.org/note"\n'},
        [f"{SUMMARY}:4:6: url: this source is already recorded in {NOTE}: the same address, https://EXAMPLE.org/note,"
         f" and the same date, 2017 (keep one of the two files: merge what this one adds into {NOTE}, delete this one,"
         " and point its references to 'note')"],
        id="same-source-twice",
    ),
    pytest.param(
        {"content/countries/nld.yml": fixture_text(NOR)},
        ["content/countries/nld.yml:1:7: name: 'Norway' is not the State the file name says (nld is Netherlands)"
         " (rename the file nor.yml, the code of Norway, or correct the name)",
         f"{NOR}:1:7: name: this country is already recorded in content/countries/nld.yml: the same name, Norway"
         " (keep one of the two files: merge what this one adds into content/countries/nld.yml, delete this one,"
         " and point its references to 'nld')"],
        id="one-state-under-two-codes",
    ),
    pytest.param(
        {"content/countries/fra.yml": fixture_text(NOR).replace("name: Norway", "name: Spain")},
        ["content/countries/fra.yml:1:7: name: 'Spain' is not the State the file name says (fra is France)"
         " (rename the file esp.yml, the code of Spain, or correct the name)"],
        id="country-under-another-code",
    ),
    pytest.param(
        {MEETING: fixture_text(MEETING).replace('"2017-11-24"', '"2017-11-25"')},
        [f"{MEETING}:3:7: date: 2017-11-25 is not the date the file name starts with (2017-11-24)"
         " (correct the date, or rename the file 2017-11-25-affected.yml)"],
        id="meeting-date-not-its-file-name",
    ),
    pytest.param(
        {MNE: fixture_text(MNE).replace("status: state-party", 'status: state-party\n  ratified: "2010-09-01"')},
        [f"{MNE}:5:21: treaty.entry_into_force: 2010-08-01 is earlier than ratification (2010-09-01)"
         " (the Convention enters into force for a State after it ratifies or accedes: check both dates against the sources)"],
        id="in-force-before-ratification",
    ),
    pytest.param(
        {MNE: fixture_text(MNE).replace('completed: "2020-07-21"', 'completed: "1999"')},
        [f"{MNE}:9:16: obligations[0].completed: 1999 is before the Convention was adopted (30 May 2008)"
         f" {BEFORE_HINT}"],
        id="completed-before-the-convention",
    ),
    pytest.param(
        {LAO: fixture_text(LAO).replace('new_deadline: "2025-08-01"', 'new_deadline: "2008-05-29"\n        submitted: "2007-12"')},
        [f"{LAO}:7:20: obligations[0].extensions[0].submitted: 2007-12 is before the Convention was adopted (30 May 2008)"
         f" {BEFORE_HINT}",
         f"{LAO}:6:23: obligations[0].extensions[0].new_deadline: 2008-05-29 is before the Convention was adopted"
         f" (30 May 2008) {BEFORE_HINT}"],
        id="extension-before-the-convention",
    ),
]


def test_a_year_that_may_mean_a_day_after_adoption_passes(tmp_path):
    assert errors_of(tmp_path, {MNE: fixture_text(MNE).replace('completed: "2020-07-21"', 'completed: "2008"')}) == []


@pytest.mark.parametrize("changes, expected", CASES)
def test_bad_input_is_refused_with_its_place_and_fix(tmp_path, changes, expected):
    assert errors_of(tmp_path, changes) == expected


def test_the_command_exits_1_without_a_traceback(tmp_path):
    root = write_site(tmp_path, {NOR: 'name: !!python/object/apply:os.system ["echo hacked"]\n' + NOR_TAIL})
    done = subprocess.run([sys.executable, "-m", "ccm_ica", "check"], cwd=root, capture_output=True, text=True)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert "hacked" not in done.stdout + done.stderr
    assert f"{NOR}:1:7: the YAML tag '!!python/object/apply:os.system' is not allowed" in done.stdout


LANGUAGE_CASES = [
    pytest.param("[en, xx]", ["site_config.yml:8:17: languages[1]: 'xx' is not a language code"
                              " (write a language's two-letter code in lower case, e.g. en, fr or es)"], id="unknown-code"),
    pytest.param("[en, FR]", ["site_config.yml:8:17: languages[1]: 'FR' is not a language code"
                              " (write a language's two-letter code in lower case, e.g. en, fr or es)"], id="upper-case"),
    pytest.param("[en, fr, fr]", ["site_config.yml:8:21: languages[2]: 'fr' is listed twice (keep it once)"], id="twice"),
    pytest.param("[en, de]", ["site_config.yml:8:17: languages[1]: the language 'de' has no catalog"
                              " (locale/de/LC_MESSAGES/messages.po) (run `make messages` to create the catalog and"
                              " translate it, or remove 'de')"], id="no-catalog"),
]


@pytest.mark.parametrize("languages, expected", LANGUAGE_CASES)
def test_site_config_languages_are_codes_with_a_catalog(tmp_path, languages, expected):
    config = fixture_text("site_config.yml") + f"languages: {languages}\n"
    assert errors_of(tmp_path, {"site_config.yml": config}) == expected


def test_the_shipped_languages_pass(tmp_path):
    assert errors_of(tmp_path, {"site_config.yml": fixture_text("site_config.yml") + "languages: [en, fr, es]\n"}) == []


def test_a_report_period_that_ends_before_it_starts_is_refused(tmp_path):
    config = fixture_text("site_config.yml").replace('end: "2018-06-30"', 'end: "2017-06-30"')
    assert errors_of(tmp_path, {"site_config.yml": config}) == [
        "site_config.yml:7:10: report.period.end: 2017-06-30 is before the period's start (2017-07-01)"
        " (check both dates: the period runs from start to end)"]


def test_a_control_character_is_named_at_its_line_and_column(tmp_path):
    assert errors_of(tmp_path, {NOR: "name: Norwé\x00y\n" + NOR_TAIL}) == [
        f"{NOR}:1:12: the file holds a control character (U+0000) YAML does not allow"
        " (delete it: it is often pasted in from another program along with the text)"]


def test_a_cut_off_before_the_report_period_is_refused(tmp_path):
    config = fixture_text("site_config.yml").replace('as_of: "2018-06-30"', 'as_of: "2016-06-30"')
    assert errors_of(tmp_path, {"site_config.yml": config}) == [
        "site_config.yml:4:10: report.as_of: 2016-06-30 is before the period the report covers starts (2017-07-01)"
        " (the cut-off is usually the period's last day: check both dates)"]


def test_a_key_twice_does_not_hide_the_problems_after_it(tmp_path):
    text = "name: Norway\nname: Norge\nnotes: !!binary aGk=\n" + NOR_TAIL
    assert errors_of(tmp_path, {NOR: text}) == [
        f"{NOR}:2:1: the key 'name' appears twice (first on line 1) (keep one of them and delete the other)",
        f"{NOR}:3:8: the YAML tag '!!binary' is not allowed in content {TAG_HINT}"]
