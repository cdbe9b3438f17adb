"""Every download is valid in its own format, as its own clients read it: each JSON file against
its published schema (jsonschema), no CSV cell a spreadsheet would run, a calendar (icalendar)
whose events say when they changed, and an Atom feed (feedparser) with absolute links and ids."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import icalendar
import jsonschema
import pytest
from sitefixture import FILES, PROJECT, write_site

from ccm_ica.content import load_site
from ccm_ica.emit.chrome import ADDRESS_VARIABLE
from ccm_ica.facts import compute_facts
from ccm_ica.files import atom
from ccm_ica.files.data import data_files
from ccm_ica.files.ical import calendar
from ccm_ica.models.kinds import KINDS


@pytest.fixture(scope="module", params=["fixture", "real"])
def built(request) -> Path:
    """The session's one build of the fixture site, or of the real site (conftest.py): read only."""
    return request.getfixturevalue("fixture_build" if request.param == "fixture" else "whole_site")


def test_every_json_download_is_valid_against_its_published_schema(built):
    data = built / "data"
    for kind in KINDS:
        schema = json.loads((data / "schemas" / f"{kind.name}.file.schema.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        records = json.loads((data / f"{kind.name}.json").read_text(encoding="utf-8"))
        validator = jsonschema.Draft202012Validator(schema)
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(records)]
        assert not errors, (kind.name, errors[:5])


def test_the_record_schema_editors_use_is_still_one_record_without_id(built):
    schema = json.loads((built / "data" / "schemas" / "countries.schema.json").read_text(encoding="utf-8"))
    assert schema.get("type") == "object" and "id" not in schema["properties"]


def test_a_record_without_its_id_fails_the_file_schema(built):
    schema = json.loads((built / "data" / "schemas" / "countries.file.schema.json").read_text(encoding="utf-8"))
    [first, *_] = json.loads((built / "data" / "countries.json").read_text(encoding="utf-8"))
    del first["id"]
    with pytest.raises(jsonschema.ValidationError, match="'id' is a required property"):
        jsonschema.validate([first], schema, cls=jsonschema.Draft202012Validator)


# --- CSV: no cell a spreadsheet would run -----------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = '=HYPERLINK("http://example.org/","click")'
# Free-text fields of the fixture's records, each given a text that starts as a formula.
_FREE_TEXT = re.compile(r'^(\s+(?:title|description|summary|what|notes|text|venue|city): )"([^"]*)"$', re.MULTILINE)


def csv_cells(content: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8"), newline="")) for cell in row]


def test_no_csv_cell_of_the_built_site_starts_as_a_formula(built):
    files = sorted((built / "data").glob("*.csv"))
    assert len(files) == len(KINDS)
    for path in files:
        bad = [cell for cell in csv_cells(path.read_bytes()) if cell.startswith(FORMULA_STARTS)]
        assert not bad, (path.name, bad[:3])


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory) -> dict[str, bytes]:
    """The fixture with every free text of every kind beginning as a formula."""
    changed = {path: _FREE_TEXT.sub(lambda m: f'{m[1]}"{HOSTILE.replace(chr(34), chr(92) + chr(34))} {m[2]}"', text)
               for path, text in FILES.items() if path.startswith("content/")}
    site = load_site(write_site(tmp_path_factory.mktemp("hostile"), changed))
    return data_files(compute_facts(site))


def test_text_that_starts_as_a_formula_is_inert_in_every_csv_and_kept_in_the_json(hostile_files):
    hostile_kinds = set()
    for kind in KINDS:
        cells = csv_cells(hostile_files[f"data/{kind.name}.csv"])
        assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)], kind.name
        if any(cell.startswith("'" + HOSTILE) for cell in cells):
            hostile_kinds.add(kind.name)
            assert HOSTILE in hostile_files[f"data/{kind.name}.json"].decode("utf-8").replace('\\"', '"')
    assert len(hostile_kinds) >= 6, hostile_kinds


# --- calendar: events that say when they changed ------------------------------------------------

_EPOCH = dt.date(1970, 1, 1)


def events_of(content: bytes) -> dict[str, icalendar.Event]:
    return {str(e["uid"]): e for e in icalendar.Calendar.from_ical(content).walk("VEVENT")}


def test_real_calendar_events_carry_the_builds_time_and_their_records_last_change(whole_site):
    events = events_of((whole_site / "data" / "ccm-ica.ics").read_bytes())
    assert len({e.decoded("dtstamp") for e in events.values()}) == 1  # one build, one time
    for uid, event in events.items():
        if "last-modified" not in event:  # a shallow clone: git knows no dates
            assert event.decoded("sequence") == 0, uid
            continue
        changed = event.decoded("last-modified")
        assert changed.tzinfo is not None and changed.time() == dt.time(), uid
        assert event.decoded("sequence") == (changed.date() - _EPOCH).days, uid


def test_dtstamp_is_the_builds_time_from_source_date_epoch(monkeypatch, tmp_path):
    site = load_site(write_site(tmp_path))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1546300800")  # 2019-01-01T00:00:00Z
    events = events_of(data_files(compute_facts(site))["data/ccm-ica.ics"])
    assert {e.decoded("dtstamp") for e in events.values()} == {dt.datetime(2019, 1, 1, tzinfo=dt.UTC)}


def test_sequence_grows_when_an_events_date_changes(tmp_path):
    """A commit that moves a deadline is a later last change of the State's file: SEQUENCE grows,
    LAST-MODIFIED moves, the UID stays; outside git (no dates) an event has SEQUENCE 0 and no
    LAST-MODIFIED, never a made-up date."""
    before = load_site(write_site(tmp_path / "before"))
    later = FILES["content/countries/mne.yml"].replace('deadline: "2020-08-01"', 'deadline: "2020-09-01"')
    after = load_site(write_site(tmp_path / "after", {"content/countries/mne.yml": later}))
    uid = "deadline-mne-art4-original@ccm-ica"
    assert events_of(calendar(compute_facts(before)))[uid].decoded("sequence") == 0
    assert "last-modified" not in events_of(calendar(compute_facts(before)))[uid]
    before.changed = {"content/countries/mne.yml": dt.date(2018, 1, 10),
                      "content/meetings/2019-09-02-9msp.yml": dt.date(2018, 3, 1)}
    after.changed = {**before.changed, "content/countries/mne.yml": dt.date(2018, 2, 1)}
    old, new = events_of(calendar(compute_facts(before))), events_of(calendar(compute_facts(after)))
    assert new[uid].decoded("dtstart") == dt.date(2020, 9, 1) != old[uid].decoded("dtstart")
    assert new[uid].decoded("sequence") > old[uid].decoded("sequence") > 0
    assert new[uid].decoded("last-modified") == dt.datetime(2018, 2, 1, tzinfo=dt.UTC)
    # A decision event changes with the State's file or the meeting's, whichever is later.
    decision = old["decision-lao-art4-extension-1@ccm-ica"]
    assert decision.decoded("last-modified") == dt.datetime(2018, 3, 1, tzinfo=dt.UTC)


# --- feed: absolute links, ids per RFC 4151 -----------------------------------------------------


def feed_reader():
    """feedparser, declared in the test extras; a venv made before it was added says how to get it."""
    return pytest.importorskip("feedparser", reason="feedparser is missing: pip install -e '.[test]'")

# RFC 4151: tag:<DNS name or e-mail address>,<YYYY[-MM[-DD]]>:<specific>
TAG_URI = re.compile(r"^tag:[a-z0-9]([a-z0-9.-]*[a-z0-9])?,\d{4}(-\d\d(-\d\d)?)?:[\w\-./?~%]+$")


def test_real_feed_has_absolute_links_and_tag_ids_from_site_url(whole_site):
    site_url = load_site(PROJECT).config.site_url
    assert site_url
    feedparser = feed_reader()
    parsed = feedparser.parse((whole_site / "data" / "changes.atom").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    links = {link.rel: link.href for link in parsed.feed.links}
    assert links["self"] == site_url + "data/changes.atom"
    assert links["alternate"] == site_url + "timeline/"
    host = site_url.split("/")[2]
    assert TAG_URI.match(parsed.feed.id) and parsed.feed.id.startswith(f"tag:{host},")
    assert len(parsed.entries) > 10
    for entry in parsed.entries:
        assert TAG_URI.match(entry.id), entry.id
        assert entry.id.startswith(f"tag:{host},") and entry.link.startswith(site_url), entry.id
    assert len({entry.id for entry in parsed.entries}) == len(parsed.entries)


def test_a_previews_feed_links_to_the_preview_and_keeps_the_published_ids(monkeypatch, tmp_path):
    config = FILES["site_config.yml"].rstrip() + '\n        site_url: "https://example.org/ccm/"\n'
    site = load_site(write_site(tmp_path, {"site_config.yml": config}))
    feedparser = feed_reader()
    monkeypatch.setenv(ADDRESS_VARIABLE, "https://preview.example.net/pr-7/")
    parsed = feedparser.parse(atom.feed(site))
    assert {link.rel: link.href for link in parsed.feed.links}["self"] == "https://preview.example.net/pr-7/data/changes.atom"
    entry = next(e for e in parsed.entries if e.id.endswith("meetings/2017-11-24-affected"))
    assert entry.id == "tag:example.org,2026:ccm/meetings/2017-11-24-affected"
    assert entry.link == "https://preview.example.net/pr-7/meetings/2017-11-24-affected/"
    monkeypatch.setenv(ADDRESS_VARIABLE, "")  # set but empty: no address, links stay relative
    parsed = feedparser.parse(atom.feed(site))
    assert entry.id in {e.id for e in parsed.entries}
