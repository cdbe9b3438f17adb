"""The home page and the requests register as the real site's readers get them, in English and
in French: what the site is and who publishes it, a link to every State without a script,
figures that lead to their pages, the latest changes; the register's table first, one row per
request leading to its details, and what many requests share said once."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from browser_support import PHONE, WIDE, why_no_browser
from site_pages import resolve
from sitefixture import PROJECT, write_site

from ccm_ica.content import load_site
from ccm_ica.pages.render import prepare, render_site

LANGUAGES = ("", "fr/")  # the default language at the root, French under fr/
CONCEPT_NOTE_CAVEAT = "The concept note gives only totals for the thirteen requests by area"


@pytest.fixture(scope="module")
def site():
    return load_site(PROJECT)


def _tree(whole_site: Path, file: str):
    html5lib = pytest.importorskip("html5lib")
    return html5lib.parse((whole_site / file).read_bytes(), namespaceHTMLElements=False)


def _text(element) -> str:
    """What a reader sees of an element, without the headings' permalink sign."""
    return " ".join("".join(element.itertext()).replace("¶", "").split())


def _article(whole_site: Path, file: str):
    return _tree(whole_site, file).find(".//article")


def _targets(whole_site: Path, file: str, element) -> list[str]:
    """Where each link inside element leads: the file it opens, '#anchor' added when it has one."""
    found = []
    for link in element.iter("a"):
        target = resolve(whole_site, file, link.get("href", ""))
        assert target.kind == "file", f"{file}: {link.get('href')} leads nowhere ({target.reason})"
        found.append(target.file + (f"#{target.anchor}" if target.anchor else ""))
    return found


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_the_home_page_says_what_the_convention_and_the_site_are_and_who_publishes_it(whole_site, site, prefix):
    about = _article(whole_site, f"{prefix}index.html").find(".//div[@class='ccm-about']")
    text = _text(about)
    publisher = site.config.publisher.name
    assert (publisher.get(prefix.rstrip("/")) if prefix else str(publisher)) in text
    if not prefix:  # the French words come with the catalogs; the English ones are checked here
        assert text.startswith("The Convention on Cluster Munitions is a treaty")
        assert "it is not an official publication of the Convention or of its Implementation Support Unit" in text
    assert _targets(whole_site, f"{prefix}index.html", about) == [f"{prefix}sources/index.html#concept-note-2017"]


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_the_country_picker_links_every_profile_in_the_pages_alphabetical_order_without_a_script(whole_site, site, prefix):
    picker = _article(whole_site, f"{prefix}index.html").find(".//details[@class='ccm-picker']")
    assert picker is not None and picker.find("summary") is not None
    assert f"All {len(site.entries['countries'])} States" in _text(picker.find("summary")) or prefix
    targets = _targets(whole_site, f"{prefix}index.html", picker)
    assert sorted(targets) == sorted(f"{prefix}countries/{iso3}/index.html" for iso3 in site.entries["countries"])
    assert picker.find(".//script") is None and picker.find(".//select") is None
    names = [_text(a) for a in picker.iter("a")]
    folded = [_fold(name) for name in names]
    assert folded == sorted(folded), "the States are not in the page's alphabetical order"
    # Each line starts with its initial: "É" files under E in French.
    for line in picker.iter("p"):
        initial = _text(line.find("strong"))
        assert all(_fold(_text(a)).upper().startswith(initial) for a in line.iter("a")), _text(line)


def _fold(name: str) -> str:
    import unicodedata
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_each_figure_on_the_home_page_is_a_link_to_its_page(whole_site, site, prefix):
    figures = _article(whole_site, f"{prefix}index.html").findall(".//div[@class='ccm-figure']")
    targets = [_targets(whole_site, f"{prefix}index.html", figure) for figure in figures]
    assert targets == [[f"{prefix}{page}/index.html"] for page in ("countries", "requests", "meetings", "coalitions")]
    numbers = [_text(figure.find(".//strong")) for figure in figures]
    assert numbers[:2] == [str(len(site.entries["countries"])), str(len(site.entries["requests"]))]
    assert numbers[3] == str(len(site.entries["coalitions"]))


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_the_home_page_lists_the_five_latest_changes_as_recent_changes_does(whole_site, prefix):
    article = _article(whole_site, f"{prefix}index.html")
    children = list(article)
    # The list just above the link to /changes/ ("See all recent changes").
    see_all = next(p for p in children if p.tag == "p"
                   and _targets(whole_site, f"{prefix}index.html", p) == [f"{prefix}changes/index.html"])
    items = next(child for child in reversed(children[:children.index(see_all)]) if child.tag == "ul")
    listed = _targets(whole_site, f"{prefix}index.html", items)
    changes = _article(whole_site, f"{prefix}changes/index.html").find(".//table/tbody")
    on_changes_page = [_targets(whole_site, f"{prefix}changes/index.html", row)[0] for row in changes.iter("tr")]
    assert len(listed) == 5 and listed == on_changes_page[:5]


def _next_sibling(parent, element, tag: str):
    children = list(parent)
    return next(child for child in children[children.index(element) + 1:] if child.tag == tag)


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_the_register_opens_with_one_table_with_a_row_per_request_leading_to_its_details(whole_site, site, prefix):
    file = f"{prefix}requests/index.html"
    article = _article(whole_site, file)
    headings = [child for child in article if child.tag == "h2"]
    tables = list(article.iter("table"))
    first_h2_table = _following_table(article, headings[0])
    assert first_h2_table is tables[0], "the register's table is not the page's first section"
    rows = tables[0].find("tbody").findall("tr")
    assert len(rows) == len(site.entries["requests"])
    anchors = {element.get("id") for element in article.iter() if element.get("id")}
    led_to = [_targets(whole_site, file, row.find("td"))[0] for row in rows]
    assert sorted(led_to) == sorted(f"{file}#{request_id}" for request_id in site.entries["requests"])
    assert {target.split("#")[1] for target in led_to} <= anchors
    assert all(_text(row.findall("td")[5]) for row in rows)  # responses: names, or words saying none


def _following_table(article, heading):
    children = list(article)
    for child in children[children.index(heading) + 1:]:
        if child.tag == "h2":
            return None
        found = child if child.tag == "table" else child.find(".//table")
        if found is not None:
            return found
    return None


def test_the_register_counts_its_requests_and_states_in_words_that_agree(whole_site, site):
    requests = site.entries["requests"].values()
    states = {e.record.country for e in requests}
    text = _text(_article(whole_site, "requests/index.html"))
    assert f"{len(requests)} requests from {len(states)} States, made in 2016–2017" in text
    assert re.search(r"(?<!\d)1 States\b", text) is None


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_what_many_requests_share_is_said_once(whole_site, site, prefix):
    sharing = [e for e in site.entries["requests"].values() if e.record.note and CONCEPT_NOTE_CAVEAT in e.record.note]
    assert len(sharing) > 10  # the thirteen of the concept note's list
    text = _text(_article(whole_site, f"{prefix}requests/index.html"))
    language = prefix.strip("/") or "en"

    def shown(value) -> str:  # the page's language, its words as the page has them
        return " ".join((value.get(language) or str(value)).split())[:60]

    assert text.count(shown(sharing[0].record.note)) == 1
    assert text.count("official statements: Afghanistan, Albania") == 1  # the quote, once with its source
    assert text.count(shown(sharing[0].record.description)) == 1  # one description for them all


def test_the_small_obstacles_view_follows_the_table_and_says_why_it_is_empty(whole_site):
    article = _article(whole_site, "requests/index.html")
    headings = [_text(h) for h in article if h.tag == "h2"]
    assert headings[:3] == ["The register", 'Close to completion: the "small obstacles" view', "Details"]
    section = _next_sibling(article, next(h for h in article if h.tag == "h2" and "small obstacles" in _text(h)), "p")
    assert _text(section).startswith("None: a request is listed here when it names its area")
    assert "2 of the 15 requests name their area, and none of them meets that test." in _text(section)


def test_a_detail_of_the_register_links_back_to_the_profile(whole_site, site):
    """The State's name in a group of requests is where the table's link leads, and itself a link."""
    html = (whole_site / "requests/index.html").read_text(encoding="utf-8")
    for request_id, entry in site.entries["requests"].items():
        profile = posixpath.join("..", "countries", entry.record.country, "")
        assert f'id="{request_id}"' in html
        assert f'href="{profile}"' in html


# --- in a browser: the register on a 360 px phone, a figure by keyboard -----------------------

def _skip_without_browser() -> None:
    if why_no_browser():
        pytest.skip(why_no_browser())


def test_on_a_360_px_phone_every_fact_of_the_register_is_on_screen(new_page, site_url):
    _skip_without_browser()
    page = new_page(viewport=PHONE)
    page.goto(site_url + "/requests/", wait_until="load")
    cells = page.eval_on_selector_all(
        "article .ccm-register td",
        "tds => tds.map(td => ({text: td.textContent.trim(), right: td.getBoundingClientRect().right}))")
    assert cells and all(cell["text"] for cell in cells)
    off = [cell["text"] for cell in cells if cell["right"] > PHONE["width"]]
    assert not off, f"off-screen at {PHONE['width']} px: {off}"
    # Each fact says which it is, since the column headings are not shown there: the card's
    # label before each cell is its column's name (emit/tables.py, the stylesheet's cards).
    labels = page.eval_on_selector_all(
        "article .ccm-register tbody tr:first-child td",
        "tds => tds.map(td => getComputedStyle(td, '::before').content)")
    for heading in ("Year", "Area", "Kind of help", "Status", "Responses"):
        assert any(heading in label for label in labels), labels


def test_a_figure_card_shows_where_the_keyboard_is(new_page, site_url):
    _skip_without_browser()
    page = new_page(viewport=WIDE)
    page.goto(site_url + "/", wait_until="load")
    card = page.locator("article .ccm-figure a").first
    before = card.evaluate("a => getComputedStyle(a).outlineStyle")
    card.focus()
    after = card.evaluate("a => getComputedStyle(a).outlineStyle")
    assert before == "none" and after == "solid"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == site_url + "/countries/"


# --- the fixture: how requests that share a source and a caveat are grouped -----------------

SHARED = """
country: {iso3}
year: 2016
description: "{name} is one of the States that asked (a note)."
status: {status}
note: "The note gives totals only."
sources: [note]
quotes:
  note: ["{name} asked"]
"""


def _register(tmp_path, statuses: dict[str, str]) -> str:
    names = {"lao": "Lao People's Democratic Republic", "nor": "Norway"}
    changes = {f"content/requests/{iso3}-2016.yml": SHARED.format(iso3=iso3, name=names[iso3], status=status)
               for iso3, status in statuses.items()}
    return render_site(prepare(load_site(write_site(tmp_path, changes))))["requests/index.md"][1]


def test_requests_alike_but_for_the_states_name_are_said_once_with_both_quotes(tmp_path):
    page = _register(tmp_path, {"lao": "not-reported", "nor": "not-reported"})
    assert "### 2016: 2 requests from the same source" in page
    assert page.count("The note gives totals only.") == 1 and page.count("is one of the States that asked") == 1
    assert "For each of them: status: **not reported**" in page
    assert '<span id="lao-2016"></span>' in page and '<span id="nor-2016"></span>' in page
    assert "“Lao People's Democratic Republic asked”" in page and "“Norway asked”" in page


def test_what_differs_between_grouped_requests_is_shown_for_each(tmp_path):
    page = _register(tmp_path, {"lao": "open", "nor": "met"})
    assert "For each of them" not in page and page.count("The note gives totals only.") == 1
    lao = next(line for line in page.splitlines() if line.startswith('- <span id="lao-2016">'))
    assert "status: **open" in lao
    assert "status: **met**" in next(line for line in page.splitlines() if line.startswith('- <span id="nor-2016">'))
