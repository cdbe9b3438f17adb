"""Country profiles, meeting pages and the field reference as their readers meet them: "at a
glance" first, the same sections in the same order, a way back to the index, the names a
reader searches by, and a search that finds them (in Chromium, when it is installed)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_support import PHONE, WIDE, why_no_browser
from site_pages import resolve
from sitefixture import write_site

from ccm_ica.content import load_site
from ccm_ica.pages.render import prepare, render_site

PROFILES = ("mne", "lao", "nor", "ago")  # affected, extended deadline, donor, signatory
LANGUAGES = ("", "fr/", "es/")
# Every section a profile may have, in the one order all profiles follow (by heading id).
SECTION_ORDER = ["at-a-glance", "obligations", "requests", "assistance-given", "assistance-received",
                 "meetings", "article-7-reports", "notes", "sources"]
GLANCE_ROWS = ["Treaty status", "Roles", "Obligations", "Requests for assistance", "Country Coalitions",
               "Also known as", "ISO codes", "Information current to"]


def html_of(site: Path, address: str) -> str:
    return (site / address / "index.html").read_text(encoding="utf-8")


def article_of(html: str) -> str:
    return html.split("<article", 1)[1].split("</article>", 1)[0]


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def glance_of(html: str) -> str:
    return article_of(html).split('<div class="ccm-glance">', 1)[1].split("</div>", 1)[0]


@pytest.mark.parametrize("iso3", PROFILES)
def test_at_a_glance_comes_first_with_every_row(whole_site: Path, iso3: str) -> None:
    article = article_of(html_of(whole_site, f"countries/{iso3}"))
    # The way back, the State's name, then the glance: nothing in between.
    assert re.search(r'<p class="ccm-back"[^>]*><a href="\.\./">All countries</a></p>\s*<h1 [^>]*>.*?</h1>\s*'
                     r'<div class="ccm-glance">\s*<h2 id="at-a-glance">', article, re.DOTALL), article[:1500]
    terms = re.findall(r"<dt>(.*?)</dt>", glance_of(html_of(whole_site, f"countries/{iso3}")))
    assert terms == GLANCE_ROWS


def test_the_glance_says_what_the_record_holds_and_no_more(whole_site: Path) -> None:
    mne = text_of(glance_of(html_of(whole_site, "countries/mne")))
    assert "State Party · signed 3 December 2008 · ratified or acceded 25 January 2010" in mne
    assert "Roles affected State" in mne and "clearance (Article 4) : " in mne
    lao = text_of(glance_of(html_of(whole_site, "countries/lao")))
    # The deadline in force: the original as of the tests' day (30 June 2018, conftest.py), the
    # extension the 9MSP granted once that meeting has passed (a site built today, CCM_SITE).
    assert re.search(r"clearance \(Article 4\) : deadline 1 August (2020|2025)", lao), lao
    angola = text_of(glance_of(html_of(whole_site, "countries/ago")))
    assert "Signatory" in angola
    norway = text_of(glance_of(html_of(whole_site, "countries/nor")))
    assert "Obligations none recorded in the sources read" in norway
    assert "Requests for assistance none recorded" in norway


def test_every_profile_has_its_sections_in_the_same_order(whole_site: Path) -> None:
    for language in LANGUAGES:
        for file in sorted((whole_site / language / "countries").glob("*/index.html")):
            ids = re.findall(r'<h2 id="([^"]+)"', article_of(file.read_text(encoding="utf-8")))
            assert ids == sorted(ids, key=SECTION_ORDER.index), (file, ids)  # unknown ids fail too
            assert ids[0] == "at-a-glance" and ids[-1] == "sources", (file, ids)


def test_each_profile_lists_its_sources_once_and_cites_them_by_number(whole_site: Path) -> None:
    article = article_of(html_of(whole_site, "countries/mne"))
    cited = set(re.findall(r'<a href="#(source-\d+)"', article))
    listed = re.findall(r'<span id="(source-\d+)"></span>', article)
    assert cited and cited <= set(listed) and len(listed) == len(set(listed))
    sources = article.split('<h2 id="sources">', 1)[1]
    assert sources.count("concept-note-2017") == 1  # one entry, however many blocks cite it


@pytest.mark.parametrize("folder, back", [("countries", "All countries"), ("meetings", "All meetings"),
                                          ("contribute/reference", "Field reference")])
def test_every_detail_page_links_back_to_its_index(whole_site: Path, folder: str, back: str) -> None:
    for language in LANGUAGES:
        pages = sorted((whole_site / language / folder).glob("*/index.html"))
        assert pages, folder
        for file in pages:
            relative = file.relative_to(whole_site).as_posix()
            found = re.search(r'<p class="ccm-back"[^>]*><a href="([^"]+)">([^<]+)</a></p>', file.read_text(encoding="utf-8"))
            assert found, relative
            target = resolve(whole_site, relative, found.group(1))
            assert target.kind == "file" and target.file == f"{language}{folder}/index.html", (relative, target)
            if not language:
                assert found.group(2) == back


def test_lao_pdr_is_found_by_its_other_names_and_codes(whole_site: Path) -> None:
    english = text_of(glance_of(html_of(whole_site, "countries/lao")))
    assert "Also known as Laos ISO codes LA, LAO" in english
    for language in ("fr/", "es/"):  # there Laos is the State's name, and the English one its other name
        html = html_of(whole_site, f"{language}countries/lao")
        assert ">Laos<" in html and "Lao People's Democratic Republic" in text_of(glance_of(html)), language


def test_a_former_name_no_library_has_is_shown(tmp_path: Path) -> None:
    """Türkiye is not in the content: the fixture site gets it, and its page says 'Turkey'."""
    turkey = """
        name: Türkiye
        official_name: Republic of Türkiye
        last_reviewed: "2018-01-15"
        sources: [note]
        quotes:
          note: ["Türkiye"]
    """
    site = load_site(write_site(tmp_path, {"content/countries/tur.yml": turkey}))
    markdown = render_site(prepare(site))["countries/tur.md"][1]
    glance = markdown.split("Also known as", 1)[1].split("</div>", 1)[0]
    assert "Republic of Türkiye" in glance and "Turkey" in glance and "Turquie" in glance and "TR, TUR" in glance
    assert "Türkiye" not in glance.split(":   ", 1)[1].split("\n", 1)[0].split(" · ")  # not its own name again


def test_meeting_pages_give_dates_as_a_range_and_say_when_no_place_is_known(whole_site: Path) -> None:
    msp = text_of(article_of(html_of(whole_site, "meetings/2018-09-03-8msp")))
    assert "Date 3 – 5 September 2018" in msp
    assert "3–5 septembre 2018" in text_of(article_of(html_of(whole_site, "fr/meetings/2018-09-03-8msp")))
    workshop = text_of(article_of(html_of(whole_site, "meetings/2013-04-12-technical-workshop")))
    assert "Place not stated" in workshop and "place not stated in the source" not in workshop
    vienna = text_of(article_of(html_of(whole_site, "meetings/2017-12-20-donor-states")))
    assert "Held Margins of the 2017" in vienna


# --- search, in a browser -------------------------------------------------------------------

browser_only = pytest.mark.skipif(why_no_browser() is not None, reason=why_no_browser() or "")


def search(new_page, site_url: str, words: str, viewport: dict[str, int] = WIDE) -> list[str]:
    """Type `words` in Material's search box on the home page; the results' addresses, in order."""
    page = new_page(viewport=viewport)
    page.goto(site_url + "/", wait_until="load")
    if viewport is PHONE:
        page.locator("label.md-header__button[for=__search]").click()
    page.locator("input[data-md-component=search-query]").click()
    page.keyboard.type(words)
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(el => el.href)")


@browser_only
@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
def test_searching_laos_finds_lao_pdr(new_page, site_url: str, viewport: dict[str, int]) -> None:
    found = search(new_page, site_url, "Laos", viewport)
    assert any(urlsplit(href).path == "/countries/lao/" for href in found), found


@browser_only
def test_searching_turkey_and_turkiye_find_the_same_page(new_page, site_url: str, whole_site: Path) -> None:
    if not (whole_site / "countries/tur/index.html").is_file():
        pytest.skip("Türkiye is not in content/countries/ (the alias itself: test_a_former_name_no_library_has_is_shown)")
    for words in ("Türkiye", "Turkey"):
        assert any(urlsplit(href).path == "/countries/tur/" for href in search(new_page, site_url, words)), words


@browser_only
def test_searching_8msp_puts_the_meeting_first(new_page, site_url: str) -> None:
    found = search(new_page, site_url, "8MSP")
    assert urlsplit(found[0]).path == "/meetings/2018-09-03-8msp/", found[:5]
