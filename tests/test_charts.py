"""Charts: static SVG that is well-formed, titled, described, script-free, escaped and the same
from build to build, in colours the page decides (light, dark and print)."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from ccm_ica.models.common import PartialDate
from ccm_ica.pages import charts
from ccm_ica.pages import profile, views
from ccm_ica.content import load_site
from ccm_ica.pages.render import prepare, render_site
from sitefixture import FILES, write_site

SVG = "{http://www.w3.org/2000/svg}"
NAUGHTY = "</title><script>alert(1)</script> $x$ & Co"


def svgs(markdown: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", markdown, flags=re.S)


def check(svg: str) -> ET.Element:
    """Well-formed, no script or event handler, a title and a description first, no fixed colour,
    no font but the page's, nothing from elsewhere, and a size that shrinks with the page."""
    root = ET.fromstring(svg)
    tags = [element.tag for element in root.iter()]
    assert f"{SVG}script" not in tags and f"{SVG}foreignObject" not in tags
    assert not any(key.startswith("on") for element in root.iter() for key in element.attrib)
    assert [child.tag for child in root][:2] == [f"{SVG}title", f"{SVG}desc"]
    assert root.find(f"{SVG}title").text and root.find(f"{SVG}desc").text
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{root.find(f'{SVG}title').get('id')} {root.find(f'{SVG}desc').get('id')}"
    assert not re.search(r"#[0-9a-fA-F]{3,8}\b|rgb\(|hsl\(", svg), "colours come from the page's CSS"
    assert "<style" not in svg and "<metadata" not in svg and "font-family" not in svg
    assert "href" not in svg and not re.search(r"url\((?!#)", svg), "no reference outside the chart"
    assert root.get("viewBox") and re.fullmatch(r"max-width: 100%; min-width: \d+px; height: auto", root.get("style"))
    return root


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    site = load_site(write_site(tmp_path_factory.mktemp("charts")))
    return {src: markdown for src, (_, markdown) in render_site(prepare(site)).items()}


def test_home_profile_and_deadlines_have_a_chart(pages):
    """The bars once; each ledger twice, wide then narrow (for phones: assets/ccm.css shows one)."""
    for src, drawings in (("index.md", 1), ("countries/lao.md", 2), ("countries/mne.md", 2), ("deadlines/index.md", 2)):
        found = svgs(pages[src])
        assert len(found) == drawings, src
        for svg in found:
            check(svg)
    assert svgs(pages["countries/nor.md"]) == []  # no Article 3 or 4 deadline, no timeline


def test_per_year_chart_says_its_numbers_and_the_table_repeats_them(pages):
    root = check(svgs(pages["index.md"])[0])
    desc = root.find(f"{SVG}desc").text
    assert "2017: States requesting 1, States providing no records, States receiving no records." in desc  # never a 0
    assert "2018: States requesting no records, States providing 1, States receiving 1." in desc
    assert "| 2017 | 1 | — | — |" in pages["index.md"] and "| 2018 | — | 1 | 1 |" in pages["index.md"]
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"2017", "2018", "States requesting", "States providing", "States receiving"} <= set(texts)


def test_ledger_chart_describes_the_ledger(pages):
    root = check(svgs(pages["countries/lao.md"])[0])
    assert root.find(f"{SVG}desc").text.startswith(
        "Article 4: original deadline 1 August 2020; extended to 1 August 2025 (not yet in force).")


def test_a_chart_shows_what_had_happened_by_the_as_of_date(pages):
    """Montenegro completed in July 2020, after as_of (30 June 2018): its ledger is still open,
    in the table and in the chart, whose legend keys only the marks it draws."""
    root = check(svgs(pages["countries/mne.md"])[0])
    assert root.find(f"{SVG}desc").text == "Article 4: original deadline 1 August 2020. The dashed line marks 30 June 2018."
    legend = [t.text for t in root.iter(f"{SVG}text") if not t.text.isdigit()]
    assert legend == ["original deadline", "as of 30 June 2018", "Article 4"]
    assert "completed 21 July 2020" not in svgs(pages["deadlines/index.md"])[0]
    assert "| Montenegro |" not in pages["deadlines/index.md"].split("## Completed")[1]


def test_a_long_label_is_shortened_in_the_drawing_and_whole_in_the_description():
    long = "The Plurinational State of Somewhere Rather Far Away, With a Long Name, Art. 4"
    wide, narrow = map(check, svgs(charts.deadlines_chart("chart-l", "T", [charts.LedgerRow(long, dt.date(2020, 8, 1))],
                                                          dt.date(2018, 6, 30))))
    for root, room in ((wide, 6.4 * 96 * 0.45), (narrow, float(narrow.get("width")) - 8)):
        label = [t.text for t in root.iter(f"{SVG}text") if t.text.startswith("The ")]
        assert label and label[0].endswith("…") and len(label[0]) < len(long)
        assert charts._text_width(label[0]) <= room
        assert long in root.find(f"{SVG}desc").text


def test_the_narrow_ledger_is_drawn_for_a_phone_column_at_full_size():
    """On a 360 px phone the column is about 328 px: the narrow drawing is shown at (nearly) its
    drawn size, so its 13 px text stays above 12 px; its ids are its own."""
    rows = [charts.LedgerRow("Lao People's Democratic Republic, Art. 4", dt.date(2020, 8, 1),
                             ((dt.date(2025, 8, 1), "to be decided"),)), charts.LedgerRow("Chile, Art. 4", dt.date(2021, 6, 1))]
    drawn = charts.deadlines_chart("chart-p", "T", rows, dt.date(2026, 12, 2))
    wide, narrow = map(check, svgs(drawn))
    assert (wide.get("class"), narrow.get("class")) == ("ccm-chart--wide", "ccm-chart--narrow")
    assert float(narrow.get("width")) <= 340 and narrow.get("font-size") == "13"
    assert "Lao People's Democratic Republic, Art. 4" in [t.text for t in narrow.iter(f"{SVG}text")]  # whole, above its line
    ids = [set(re.findall(r'id="([^"]+)"', svg)) for svg in svgs(drawn)]
    assert ids[0] and ids[1] and not ids[0] & ids[1]


def test_text_from_yaml_stays_text(tmp_path):
    changes = {"content/countries/lao.yml": FILES["content/countries/lao.yml"].replace(
        "name: Lao People's Democratic Republic", f"name: {NAUGHTY!r}".replace("'", '"'))}
    site = load_site(write_site(tmp_path, changes))
    inputs = prepare(site)
    charts_made = (views.deadlines(inputs)["chart"], profile.country(inputs, site.entries["countries"]["lao"])["ledger_chart"])
    for svg in (drawing for made in charts_made for drawing in svgs(str(made))):
        root = check(svg)
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
    rows = [charts.LedgerRow(f"State {n}, Art. 4", dt.date(2020, 8, 1), ((dt.date(2025, 8, 1), "in force" if n % 2 == 0 else "to be decided"),),
                             PartialDate(2024, 1, 1) if n % 3 == 0 else None) for n in range(15)]
    assert all(len(svg) < 25_000 for svg in svgs(charts.deadlines_chart("chart-d", "T", rows, dt.date(2018, 6, 30))))
    assert len(charts.per_year_chart("chart-y", "T", list(range(2010, 2019)),
                                     [("A", list(range(9))), ("B", list(range(9))), ("C", list(range(9)))])) < 25_000


def test_a_completion_known_to_the_month_is_described_to_the_month():
    row = charts.LedgerRow("Bulgaria, Art. 3", dt.date(2019, 10, 1), (), PartialDate(2023, 6))
    assert "completed June 2023" in row.describe() and "1 June 2023" not in row.describe()
