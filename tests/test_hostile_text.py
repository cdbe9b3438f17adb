"""Hostile text stays text in every output: HTML, Atom, iCalendar, CSV, JSON and Word.

Every free-text field of every record of the fixture (sitefixture.py) gets one string made to break
each format at once: a spreadsheet formula, HTML that would run, a javascript: link in Markdown,
a template expression, XML's CDATA end, and a line break followed by iCalendar and CSV syntax.
The site is built with `ccm-ica build` and the report with `ccm-ica report`; each file is read back
by its own kind of reader, which must find the string as text and nothing it would run.
"""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from icalendar import Calendar
from sitebuild import prepare
from sitefixture import FILES, write_site

from ccm_ica import cli
from ccm_ica.models.fields import field_shape
from ccm_ica.models.kinds import KINDS

HOSTILE = ('=HYPERLINK("http://evil.example/","click") </title><script>alert(1)</script> '
           '<img src=x onerror=alert(2)> [x](javascript:alert(3)) {{ 7*7 }} ]]> **b**\r\n'
           'BEGIN:VEVENT\r\nSUMMARY:evil\r\nEND:VEVENT\r\n"a","=1+1"')
SEEN = "alert(1)"  # a piece of HOSTILE that each reader must find, as text
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _is_free_text(info: Any) -> bool:
    """A plain text field: no pattern (an id, a date, a code) and no reference to another record."""
    return info.annotation in (str, str | None) and not any(
        getattr(m, "pattern", None) or type(m).__name__ == "Ref" for m in info.metadata)


def hostile(data: dict[str, Any], model: Any) -> int:
    """HOSTILE in every free-text field of a record and of its nested parts; how many were set."""
    count = 0
    for name, value in list(data.items()):
        info = model.model_fields[name]
        nested = field_shape(info).model
        if nested is not None and isinstance(value, list):
            count += sum(hostile(item, nested) for item in value if isinstance(item, dict))
        elif nested is not None and isinstance(value, dict):
            count += hostile(value, nested)
        elif isinstance(value, str) and _is_free_text(info):
            data[name], count = HOSTILE, count + 1
        elif isinstance(value, list) and name in ("who", "hosts") and all(isinstance(v, str) for v in value):
            data[name], count = [HOSTILE], count + 1
        elif name == "quotes":  # the sources' own words
            data[name], count = {source: [HOSTILE] for source in value}, count + 1
    return count


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("hostile") / "project"
    changes, kinds = {}, set()
    for path, text in FILES.items():
        kind = next((k for k in KINDS if path.startswith(k.folder + "/")), None)
        if kind is None:
            continue
        data = yaml.safe_load(textwrap.dedent(text))
        if hostile(data, kind.model):
            kinds.add(kind.name)
        if kind.name == "countries":  # two States of one name would be one State twice (the check refuses it)
            data["name"] = f"{data['name']} {Path(path).stem}"
        changes[path] = yaml.safe_dump(data, allow_unicode=True)
    assert kinds == {k.name for k in KINDS}, "a kind of record has no hostile text"
    prepare(write_site(root, changes))
    assert cli.main(["--root", str(root), "build"]) == 0
    assert cli.main(["--root", str(root), "report", "-o", str(root / "report.docx")]) == 0
    return {"site": root / "site", "data": root / "site" / "data", "report": root / "report.docx"}


class _Markup(HTMLParser):
    """What in a page could run: script text, event attributes, javascript: addresses, an <img src=x>."""

    def __init__(self) -> None:
        super().__init__()
        self.running: list[str] = []
        self.text: list[str] = []
        self._tag = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag = tag
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.running.append(f"<{tag} {name}={value}>")
            if tag == "img" and name == "src" and value == "x":
                self.running.append("<img src=x>")

    def handle_endtag(self, tag: str) -> None:
        self._tag = ""

    def handle_data(self, data: str) -> None:
        if self._tag == "script" and "alert" in data:
            self.running.append(data)
        self.text.append(data)


def test_html_pages_show_it_as_text(built):
    shown = 0
    for page in sorted(built["site"].rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        markup = _Markup()
        markup.feed(html)
        assert markup.running == [], page
        assert ">49<" not in html and "<b>b</b>" not in html and "<strong>b</strong>" not in html, page
        shown += "".join(markup.text).count(SEEN)
    assert shown > 20


def test_the_atom_feed_keeps_it_as_text(built):
    root = ET.fromstring((built["data"] / "changes.atom").read_bytes())  # well-formed, or this raises
    every = list(root.iter())
    assert all(element.tag.startswith("{http://www.w3.org/2005/Atom}") for element in every)
    texts = [element.text or "" for element in every]
    assert any(HOSTILE.replace("\r\n", "\n") in text or HOSTILE in text for text in texts)
    for element in every:
        assert not element.get("href", "").lower().startswith("javascript:")
    for content in root.iter("{http://www.w3.org/2005/Atom}content"):
        assert content.get("type") == "text"  # shown as text by readers, never as HTML


def test_the_calendar_gains_no_event_and_no_property(built):
    calendar = Calendar.from_ical((built["data"] / "ccm-ica.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert events
    assert not [e for e in events if str(e.get("summary")) == "evil"], "a line break began a new event"
    assert all(str(e["uid"]).endswith("@ccm-ica") for e in events)
    texts = [str(e.get(name, "")) for e in events for name in ("summary", "description", "location")]
    assert any(SEEN in text and "BEGIN:VEVENT" in text for text in texts)


def test_no_csv_cell_can_run_as_a_formula(built):
    found = 0
    for path in sorted(built["data"].glob("*.csv")):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        width = len(rows[0])
        for row in rows:
            assert len(row) == width, f"{path.name}: a line break or quote broke a row"
            for cell in row:
                assert not cell.startswith(FORMULA_STARTS), f"{path.name}: {cell[:40]!r}"
                found += SEEN in cell
    assert found > 5


def test_json_keeps_the_text_as_it_is(built):
    def strings(value: Any) -> list[str]:
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return [value] if isinstance(value, str) else []

    kinds_with_it = {path.stem for path in built["data"].glob("*.json")
                     if HOSTILE in strings(json.loads(path.read_text(encoding="utf-8")))}
    assert kinds_with_it == {k.name for k in KINDS}


def test_the_word_report_shows_it_as_text(built):
    from docx import Document

    document = Document(str(built["report"]))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert SEEN in text and "<script>" in text  # shown as the characters, not read as markup
    with zipfile.ZipFile(built["report"]) as archive:
        for name in archive.namelist():
            if name.endswith(".rels"):
                assert b"javascript:" not in archive.read(name).lower(), name
        body = archive.read("word/document.xml")
    assert b"<script>" not in body
    fields = re.findall(rb"<w:instrText[^>]*>([^<]*)", body) + re.findall(rb'w:instr="([^"]*)"', body)
    assert not [f for f in fields if b"evil" in f], "the text became a Word field"
