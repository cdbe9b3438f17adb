"""Charts: static SVG that is well-formed, titled, described, script-free, escaped and the same
from build to build, in colours the page decides (light, dark and print)."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from generator import charts, views
from generator.pipeline import build_site
from generator.render import render_site
from sitefixture import FILES, write_site

SVG = "{http://www.w3.org/2000/svg}"
NAUGHTY = "</title><script>alert(1)</script> $x$ & Co"


def svgs(markdown: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", markdown, flags=re.S)


def check(svg: str) -> ET.Element:
    """Well-formed, no script or event handler, a title and a description, no fixed colour."""
    root = ET.fromstring(svg)
    tags = [element.tag for element in root.iter()]
    assert f"{SVG}script" not in tags and f"{SVG}foreignObject" not in tags
    assert not any(key.startswith("on") for element in root.iter() for key in element.attrib)
    assert root.find(f"{SVG}title").text and root.find(f"{SVG}desc").text
    assert root.get("role") == "img" and root.get("aria-labelledby")
    assert not re.search(r"#[0-9a-fA-F]{6}\b", svg), "colours come from the page's CSS"
    assert "<style" not in svg and "<metadata" not in svg
    return root


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    site = build_site(write_site(tmp_path_factory.mktemp("charts")))
    return {src: markdown for src, (_, markdown) in render_site(site).items()}


def test_home_profile_and_deadlines_have_a_chart(pages):
    for src in ("index.md", "countries/lao.md", "countries/mne.md", "deadlines/index.md"):
        found = svgs(pages[src])
        assert len(found) == 1, src
        check(found[0])
    assert svgs(pages["countries/nor.md"]) == []  # no Article 3 or 4 deadline, no timeline


def test_per_year_chart_says_its_numbers_and_the_table_repeats_them(pages):
    root = check(svgs(pages["index.md"])[0])
    desc = root.find(f"{SVG}desc").text
    assert "2017: States requesting 1, States providing 0, States receiving 0." in desc
    assert "2018: States requesting 0, States providing 1, States receiving 1." in desc
    assert "| 2017 | 1 | 0 | 0 |" in pages["index.md"] and "| 2018 | 0 | 1 | 1 |" in pages["index.md"]
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"2017", "2018", "States requesting", "States providing", "States receiving"} <= set(texts)


def test_ledger_chart_describes_the_ledger(pages):
    root = check(svgs(pages["countries/lao.md"])[0])
    assert root.find(f"{SVG}desc").text.startswith(
        "Article 4: original deadline 1 August 2020; extended to 1 August 2025 (not yet in force).")


def test_text_from_yaml_stays_text(tmp_path):
    changes = {"content/countries/lao.yml": FILES["content/countries/lao.yml"].replace(
        "name: Lao People's Democratic Republic", f"name: {NAUGHTY!r}".replace("'", '"'))}
    site = build_site(write_site(tmp_path, changes))
    shared = views.Shared(site)
    for svg in (views.deadlines(shared)["chart"], views.country(shared, site.entries["countries"]["lao"])["ledger_chart"]):
        root = check(str(svg))
        assert "<script>" not in svg and "&lt;script&gt;" in svg
        assert NAUGHTY in root.find(f"{SVG}title").text + root.find(f"{SVG}desc").text + "".join(
            t.text or "" for t in root.iter(f"{SVG}text"))


def test_the_same_figures_give_the_same_svg_and_ids_differ_between_charts():
    draw = lambda chart_id: charts.per_year_chart(chart_id, "T", [2016, 2017], [("A", [1, 2]), ("B", [0, 1])])  # noqa: E731
    assert draw("chart-a") == draw("chart-a")
    ids_a = set(re.findall(r'id="([^"]+)"', draw("chart-a")))
    ids_b = set(re.findall(r'id="([^"]+)"', draw("chart-b")))
    assert ids_a and not ids_a & ids_b
    assert all(i.startswith("chart-a-") for i in ids_a)
    referenced = set(re.findall(r'#(chart-a-[\w.-]+)', draw("chart-a")))
    assert referenced <= ids_a  # every reference points at an element that is there


def test_charts_stay_small():
    rows = [charts.LedgerRow(f"State {n}, Art. 4", dt.date(2020, 8, 1), ((dt.date(2025, 8, 1), n % 2 == 0),),
                             dt.date(2024, 1, 1) if n % 3 == 0 else None) for n in range(15)]
    assert len(charts.deadlines_chart("chart-d", "T", rows, dt.date(2018, 6, 30))) < 25_000
    assert len(charts.per_year_chart("chart-y", "T", list(range(2010, 2019)),
                                     [("A", list(range(9))), ("B", list(range(9))), ("C", list(range(9)))])) < 25_000
