"""Open data: JSON that reloads into the same records, CSV with labels, a calendar and a feed
that their own parsers accept, one zip — the same bytes from the same content."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
import zipfile

import icalendar
import pytest

from ccm_ica import i18n
from ccm_ica.content import load_site
from ccm_ica.facts import compute_facts
from ccm_ica.files import atom as atom_feed
from ccm_ica.files import data as data_exports
from ccm_ica.files import ical as calendar_feed
from ccm_ica.models.kinds import KINDS, KINDS_BY_NAME
from ccm_ica.pages.render import prepare, render_site
from sitefixture import PROJECT, write_site

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    return load_site(write_site(tmp_path_factory.mktemp("data")))


@pytest.fixture(scope="module")
def real_site():
    return load_site(PROJECT)


@pytest.fixture(scope="module")
def files(fixture_site) -> dict[str, bytes]:
    return data_exports.data_files(compute_facts(fixture_site))


def rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"), newline="")))


# --- JSON and CSV -------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["fixture", "real"])
def test_json_reloads_into_the_same_records(which, fixture_site, real_site):
    site = fixture_site if which == "fixture" else real_site
    exported = data_exports.data_files(compute_facts(site))
    for kind in KINDS:
        items = json.loads(exported[f"data/{kind.name}.json"])
        assert [item["id"] for item in items] == sorted(site.entries[kind.name])
        for item in items:
            record_id = item.pop("id")
            assert set(item) == set(kind.model.model_fields), (kind.name, record_id)
            assert kind.model.model_validate(item) == site.entries[kind.name][record_id].record, (kind.name, record_id)


def test_json_has_one_record_per_line(files):
    """So that a change to one record is a one-line change to the file (and its diff)."""
    lines = files["data/countries.json"].decode("utf-8").splitlines()
    assert lines[0] == "[" and lines[-1] == "]"
    assert [json.loads(line.rstrip(","))["id"] for line in lines[1:-1]] == ["lao", "mne", "nor"]


def test_csv_is_one_row_per_record_with_labels_beside_codes(files):
    requests = rows(files["data/requests.csv"])
    assert [r["id"] for r in requests] == ["mne-2017-clearance"]
    request = requests[0]
    assert request["country"] == "mne" and request["country_name"] == "Montenegro"
    assert request["area"] == "clearance" and request["area_label"] == "Clearance"
    assert request["meeting_title"] == "Informal meeting with affected States"
    assert request["kinds"] == "financial; technical"
    assert json.loads(request["responses"])[0]["date"] == "2018-05"
    countries = {r["id"]: r for r in rows(files["data/countries.csv"])}
    assert set(countries) == {"lao", "mne", "nor"}
    assert countries["mne"]["treaty.entry_into_force"] == "2010-08-01"
    assert json.loads(countries["lao"]["obligations"])[0]["extensions"][0]["new_deadline"] == "2025-08-01"
    coalition = rows(files["data/coalitions.csv"])[0]
    assert coalition["focus"] == "4" and coalition["focus_label"] == "clearance (Article 4)"
    assert coalition["country_name"] == "Montenegro"
    header = next(csv.reader(io.StringIO(files["data/assistance.csv"].decode())))
    assert header.index("amount.currency") == header.index("amount.value") + 1
    assert "recipient_name" in header and "donor_country_name" in header


def test_every_csv_column_is_described_on_the_columns_page(fixture_site, files):
    pages = render_site(prepare(fixture_site))
    markdown, columns = pages["data/index.md"][1], pages["data/columns.md"][1]
    for kind in KINDS:
        header = next(csv.reader(io.StringIO(files[f"data/{kind.name}.csv"].decode())))
        for column in data_exports.kind_columns(kind, {}):
            assert column.description, (kind.name, column.name)
        for name in header:  # a definition list: the column's name, then what it holds
            assert f"\n{name.replace('_', chr(92) + '_')}\n:   " in columns, (kind.name, name)
        assert f"[{kind.name}.json]({kind.name}.json)" in markdown
        assert f"(columns.md#{kind.name})" in markdown


def test_schemas_are_published_beside_the_data(files):
    for kind in KINDS:
        schema = json.loads(files[f"data/schemas/{kind.name}.schema.json"])
        assert schema["$schema"].endswith("2020-12/schema")
    assert "data/schemas/site_config.schema.json" in files


# --- one zip, the same bytes ----------------------------------------------------------------


def test_zip_holds_every_other_file_with_one_fixed_timestamp(files, monkeypatch, fixture_site):
    archive = zipfile.ZipFile(io.BytesIO(files["data/ccm-ica-data.zip"]))
    names = {info.filename.removeprefix("ccm-ica-data/"): info for info in archive.infolist()}
    assert set(names) == {path.removeprefix("data/") for path in files if not path.endswith(".zip")}
    for name, info in names.items():
        assert archive.read(info) == files[f"data/{name}"]
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    stamps = {info.date_time for info in zipfile.ZipFile(io.BytesIO(data_exports.data_files(compute_facts(fixture_site))["data/ccm-ica-data.zip"])).infolist()}
    assert stamps == {(2018, 6, 30, 0, 0, 0)}  # the fixture's as_of
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1530316800")  # 2018-06-30T00:00:00Z
    assert data_exports.data_files(compute_facts(fixture_site)) == data_exports.data_files(compute_facts(fixture_site))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1546300800")  # 2019-01-01
    stamps = {info.date_time for info in zipfile.ZipFile(io.BytesIO(data_exports.data_files(compute_facts(fixture_site))["data/ccm-ica-data.zip"])).infolist()}
    assert stamps == {(2019, 1, 1, 0, 0, 0)}


def test_the_same_content_gives_the_same_bytes(tmp_path, files):
    again = data_exports.data_files(compute_facts(load_site(write_site(tmp_path))))
    assert again == files


# --- calendar -------------------------------------------------------------------------------


def test_calendar_has_one_all_day_event_per_deadline_decision_and_meeting(files):
    raw = files["data/ccm-ica.ics"]
    calendar = icalendar.Calendar.from_ical(raw)
    events = calendar.walk("VEVENT")
    assert sorted(str(e["uid"]) for e in events) == sorted([
        "deadline-mne-art4-original@ccm-ica",
        "deadline-lao-art4-original@ccm-ica",
        "deadline-lao-art4-extension-1@ccm-ica",
        "decision-lao-art4-extension-1@ccm-ica",
        "meeting-2017-11-24-affected@ccm-ica",
        "meeting-2019-09-02-9msp@ccm-ica",
    ])
    by_uid = {str(e["uid"]): e for e in events}
    for event in events:
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert type(start) is dt.date and type(end) is dt.date and end > start  # all-day events
        assert event.decoded("dtstamp") == dt.datetime(2018, 6, 30, tzinfo=dt.timezone.utc)
    assert by_uid["meeting-2019-09-02-9msp@ccm-ica"].decoded("dtend") == dt.date(2019, 9, 5)  # exclusive end
    assert by_uid["deadline-lao-art4-extension-1@ccm-ica"].decoded("dtstart") == dt.date(2025, 8, 1)
    assert "deadline in 25 months" in str(by_uid["deadline-mne-art4-original@ccm-ica"]["description"])
    # RFC 5545: CRLF line ends, lines of at most 75 octets, VERSION and PRODID present.
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in line and len(line) <= 75 for line in lines)
    assert calendar["version"] == "2.0" and calendar["prodid"]


def test_real_calendar_holds_the_2017_meetings_and_every_article_3_and_4_deadline(real_site):
    events = icalendar.Calendar.from_ical(calendar_feed.calendar(compute_facts(real_site))).walk("VEVENT")
    starts = {str(e["uid"]).removesuffix("@ccm-ica"): e.decoded("dtstart") for e in events}
    assert starts["meeting-2017-11-24-affected-states"] == dt.date(2017, 11, 24)
    assert starts["meeting-2017-12-20-donor-states"] == dt.date(2017, 12, 20)
    expected = 0
    for iso3, entry in real_site.entries["countries"].items():
        for o in entry.record.obligations:
            if o.article.value not in (3, 4):
                continue
            if o.deadline:
                assert starts[f"deadline-{iso3}-art{o.article.value}-original"] == o.deadline
                expected += 1
            for number, extension in enumerate(o.extensions, start=1):
                assert starts[f"deadline-{iso3}-art{o.article.value}-extension-{number}"] == extension.new_deadline
                expected += 1
    assert expected >= 12
    assert len(starts) == len(events)  # UIDs are unique


# --- feed -----------------------------------------------------------------------------------


def test_feed_is_atom_with_unique_ids_dated_by_the_facts(files):
    root = ET.fromstring(files["data/changes.atom"])
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(ids) == len(set(ids)) and all(i.startswith("tag:ccm-ica.invalid,2026:") for i in ids)
    assert {i.removeprefix("tag:ccm-ica.invalid,2026:"): e.findtext(f"{ATOM}updated") for i, e in zip(ids, entries)} == {
        "requests/mne-2017-clearance/responses/1": "2018-05-01T00:00:00Z",
        "coalitions/mne-clearance/2018-05": "2018-05-01T00:00:00Z",
        "meetings/2017-11-24-affected": "2017-11-24T00:00:00Z",
        "requests/mne-2017-clearance": "2017-11-24T00:00:00Z",
    }  # the 2019 extension decision and the 2020 completion come after as_of
    assert root.findtext(f"{ATOM}updated") == "2018-05-01T00:00:00Z"
    for entry in entries:
        assert entry.findtext(f"{ATOM}title") and entry.find(f"{ATOM}content") is not None
        assert entry.find(f"{ATOM}link").get("href").startswith("../")


def test_feed_grows_with_as_of(tmp_path):
    site = load_site(write_site(tmp_path), as_of=dt.date(2020, 12, 31))
    keys = [c.key for c in atom_feed.changes(site)]
    assert keys[:3] == ["countries/mne/article-4/completed", "coalitions/mne-clearance/2020-07-21",
                        "meetings/2019-09-02-9msp"]
    assert "countries/lao/article-4/extension-1" in keys


def test_files_are_the_same_whichever_language_is_in_use(real_site):
    """Every language publishes the same files: in English, even if made while French is in use."""
    facts = compute_facts(real_site)
    english = data_exports.data_files(facts)
    catalogs, _ = i18n.load_catalogs(PROJECT, ["fr"])
    with i18n.using("fr", catalogs):
        asked_in_french = data_exports.data_files(facts)
    assert asked_in_french == english
    assert len(english) > 20


def test_text_that_a_spreadsheet_would_run_is_written_as_text(tmp_path):
    """A note from YAML starting as a formula (=, +, -, @) gets a leading apostrophe in the CSV."""
    from sitefixture import FILES

    norway = FILES["content/countries/nor.yml"].rstrip() + '\n        notes: "=HYPERLINK(\\"http://example.org\\",\\"x\\")"\n'
    site = load_site(write_site(tmp_path, {"content/countries/nor.yml": norway}))
    rows = list(csv.DictReader(io.StringIO(data_exports.records_csv(site, KINDS_BY_NAME["countries"]).decode("utf-8"))))
    [row] = [row for row in rows if row["id"] == "nor"]
    assert row["notes"] == "'=HYPERLINK(\"http://example.org\",\"x\")"
    assert data_exports.inert("@SUM(A1)") == "'@SUM(A1)" and data_exports.inert("2018") == "2018"
