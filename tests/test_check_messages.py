"""Golden tests: the exact line a coordinator sees for each kind of mistake."""

from __future__ import annotations

import pytest

from ccm_ica.content import check
from sitefixture import FILES, write_site


def problems_of(tmp_path, changes):
    site, problems = check(write_site(tmp_path, changes))
    return [p.text() for p in problems]


def test_fixture_site_is_valid(tmp_path):
    site, problems = check(write_site(tmp_path))
    assert problems == []
    assert site is not None
    assert [e.id for e in site.referring("countries", "mne", "requests")] == ["mne-2017-clearance"]
    assert [e.id for e in site.referring("meetings", "2017-11-24-affected", "requests")] == ["mne-2017-clearance"]
    assert {e.id for e in site.referring("sources", "summary", "countries")} == {"nor"}


MEETING = "content/meetings/2017-11-24-affected.yml"
NOR = "content/countries/nor.yml"

GOLDEN = [
    pytest.param(
        {NOR: "name: Norway\nrole: [donor]\nlast_reviewed: \"2018-01-15\"\nsources: [summary]\n"},
        ["content/countries/nor.yml:2:1: unknown field 'role' (did you mean 'roles'?)"],
        id="misspelt-key",
    ),
    pytest.param(
        {MEETING: "title: Informal meeting: affected States\nkind: affected-only\n"},
        ["content/meetings/2017-11-24-affected.yml:1:24: YAML syntax: a ':' appears where YAML does not expect one"
         " (if the text contains ': ', put the whole value in quotes)"],
        id="broken-yaml-line",
    ),
    pytest.param(
        {MEETING: FILES[MEETING].replace("countries: [mne]", "countries: [mne, mnt]")},
        ["content/meetings/2017-11-24-affected.yml:5:18: countries[1]: there is no country 'mnt'"
         " (did you mean 'mne'? use the name of a file in content/countries/ without '.yml', or add that file)"],
        id="unknown-country",
    ),
    pytest.param(
        {MEETING: FILES[MEETING].replace('"2017-11-24"', '"2017-11-31"')},
        ["content/meetings/2017-11-24-affected.yml:3:7: date: '2017-11-31' is not a valid date"
         " (write the date as YYYY-MM-DD, e.g. 2017-11-24, and check the day exists)"],
        id="invalid-date",
    ),
    pytest.param(
        {MEETING: FILES[MEETING].replace("kind: affected-only", "kind: affected")},
        ["content/meetings/2017-11-24-affected.yml:2:7: kind: 'affected' is not an allowed value"
         " (use one of: affected-only, donor-only, joint, intersessional, workshop, seminar, msp,"
         " review-conference, preparatory, bilateral)"],
        id="enum-value",
    ),
    pytest.param(
        {MEETING: FILES[MEETING].replace("        city: Geneva\n", "")},
        ["content/meetings/2017-11-24-affected.yml:1:1: missing the required field 'city'"
         " (add `city:` here: Where it was held, or 'online' (the city's name in each language, e.g. "
         "{en: Geneva, fr: Genève, es: Ginebra}).)"],
        id="missing-field",
    ),
    pytest.param(
        {NOR: "name: Norway\nname: Norge\nlast_reviewed: \"2018-01-15\"\nsources: [summary]\n"},
        ["content/countries/nor.yml:2:1: the key 'name' appears twice (first on line 1) (keep one of them and delete the other)"],
        id="duplicate-key",
    ),
    pytest.param(
        {NOR: "name: &n Norway\nofficial_name: *n\nlast_reviewed: \"2018-01-15\"\nsources: [summary]\n"},
        ["content/countries/nor.yml:1:7: the anchor '&n' is not allowed in content (remove it and write values out in full)",
         "content/countries/nor.yml:2:16: the alias '*n' repeats another part of the file"
         " (write the value out in full: anchors and aliases are not allowed in content)"],
        id="anchor",
    ),
    pytest.param(
        {NOR: "name: Norway\nroles:\n\t- donor\nlast_reviewed: \"2018-01-15\"\nsources: [summary]\n"},
        ["content/countries/nor.yml:3:1: the line is indented with a tab (YAML indentation must use spaces: replace the tab with spaces)"],
        id="tab-indent",
    ),
    pytest.param(
        {NOR: "name: Norway\nnotes: Fj\xe6ll\n".encode("latin-1")},
        ["content/countries/nor.yml:2:10: the file is not UTF-8 text (save it as UTF-8 in your editor (e.g. 'Save with encoding: UTF-8'))"],
        id="not-utf8",
    ),
    pytest.param(
        {NOR: "name: Norway\nlast_reviewed: \"2018-01-15\"\nsources: []\n"},
        ["content/countries/nor.yml:3:10: sources: the list is empty"
         " (add at least one entry: Ids of the documents (content/sources/) that state these facts.)"],
        id="empty-sources",
    ),
    pytest.param(
        {"content/countries/xxq.yml": FILES[NOR]},
        ["content/countries/xxq.yml:1:1: 'xxq' is not an ISO 3166-1 alpha-3 country code"
         " (rename the file after the country's three-letter code, e.g. mne.yml for Montenegro)"],
        id="unknown-iso-code",
    ),
    pytest.param(
        {"content/countries/mne.yml": FILES["content/countries/mne.yml"].replace('deadline: "2020-08-01"', 'deadline: "2009-08-01"')},
        ["content/countries/mne.yml:8:15: obligations[0].deadline: 2009-08-01 is earlier than entry into force (2010-08-01)"
         " (check both dates against the sources)"],
        id="deadline-before-entry-into-force",
    ),
    pytest.param(
        {"content/countries/lao.yml": FILES["content/countries/lao.yml"].replace('"2025-08-01"', '"2020-08-01"')},
        ["content/countries/lao.yml:6:23: obligations[0].extensions[0].new_deadline: 2020-08-01 is not later than the"
         " deadline it extends (2020-08-01) (an extension must move the deadline later; check the date, and list"
         " extensions oldest first)"],
        id="extension-not-later",
    ),
    pytest.param(
        {"content/requests/mne-2017-clearance.yml": FILES["content/requests/mne-2017-clearance.yml"].replace("status: met", "status: open")},
        ["content/requests/mne-2017-clearance.yml:8:9: status: the request is still 'open' but Montenegro completed its"
         " Article 4 obligation in 2020-07-21 (content/countries/mne.yml line 9) (set status to met, partly-met or"
         " withdrawn, or correct the completion date)"],
        id="open-request-after-completion",
    ),
    pytest.param(
        {"content/countries/nor.yaml": FILES[NOR]},
        ["content/countries/nor.yml:1:1: the id 'nor' is used twice: content/countries/nor.yaml and content/countries/nor.yml"
         " (rename or delete one of the two files)"],
        id="id-used-twice",
    ),
]


@pytest.mark.parametrize("changes, expected", GOLDEN)
def test_golden_message(tmp_path, changes, expected):
    assert problems_of(tmp_path, changes) == expected


def test_all_problems_reported_at_once(tmp_path):
    lines = problems_of(tmp_path, {
        NOR: "name: Norway\nrole: [donor]\nlast_reviewed: \"2018-01-15\"\nsources: [summary]\n",
        MEETING: FILES[MEETING].replace('"2017-11-24"', '"2017-11-31"'),
    })
    assert len(lines) == 2
    assert {line.split(":")[0] for line in lines} == {NOR, MEETING}


def test_yes_and_no_stay_text(tmp_path):
    """`NO` is Norway, not false: scalars are strings until the model decides."""
    site, problems = check(write_site(tmp_path, {NOR: "name: NO\nnotes: yes\nlast_reviewed: \"2018-01-15\"\nsources: [summary]\n"
                                                       "quotes: {summary: [Norway]}\n"}))
    assert problems == []
    norway = site.entries["countries"]["nor"].record
    assert (norway.name, norway.notes) == ("NO", "yes")


@pytest.mark.parametrize("changes, expected", GOLDEN)
def test_pure_python_parser_gives_the_same_messages(tmp_path, monkeypatch, changes, expected):
    """Without libyaml (some platforms), coordinators must read the same sentences."""
    import yaml

    import ccm_ica.content.yaml_lines

    monkeypatch.setattr(ccm_ica.content.yaml_lines, "_Loader", yaml.SafeLoader)
    assert problems_of(tmp_path, changes) == expected
