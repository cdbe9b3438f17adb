"""The built site in a real browser (Debian's Chromium): pages, search, languages, phones,
print, colours.

The site is the session's one build of every language (conftest.py `whole_site`), served on
127.0.0.1; every request a page makes is recorded and anything bound for another host is
refused (the contexts' proxy, NO_OTHER_HOST). Set CCM_SCREENSHOTS=<folder> to keep screenshots
for people to look at; set CCM_SITE=<folder> to test an already built site instead of building.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from browser_support import (
    PHONE,
    WIDE,
    Watch,
    contrast,
    guard,
    screenshot,
    why_no_browser,
)

pytestmark = pytest.mark.skipif(why_no_browser() is not None, reason=why_no_browser() or "")

STATUS_CODES = ("completed", "overdue", "pressing", "due", "ongoing", "missing", "unknown")

# The site's URL contract (PRODUCT.md); the meeting page is found in the built site.
CONTRACT_PAGES = ("/", "/countries/", "/countries/mne/", "/requests/", "/deadlines/", "/timeline/",
                  "/coalitions/", "/action-plan/", "/meetings/", "/report/", "/data/", "/contribute/")


class Site:
    """The built site: its folder and the address it is served at."""

    def __init__(self, folder: Path, url: str) -> None:
        self.folder = folder
        self.url = url

    def has(self, path: str) -> bool:
        return (self.folder / path.strip("/") / "index.html").is_file()

    def meeting_page(self) -> str:
        pages = sorted(self.folder.glob("meetings/*/index.html"))
        if not pages:
            pytest.fail("the built site has no meeting page (meetings/<slug>/index.html)")
        return f"/meetings/{pages[0].parent.name}/"


@pytest.fixture(scope="session")
def site(whole_site: Path, site_url: str) -> Site:
    """The English site at the root of the session's build; /fr/ and /es/ beside it."""
    return Site(whole_site, site_url)


# `browser` (Debian's Chromium) is conftest.py's: one Playwright per session, shared by every module.


@pytest.fixture
def open_page(new_page, site: Site) -> Callable[..., tuple[object, Watch]]:
    """open_page(path, viewport=…, **context options) → (page, watch), guarded and loaded; the
    page is new, its context the session's for those options (conftest.py `new_page`)."""

    def opener(path: str, viewport: dict[str, int] = WIDE, **options):
        page = new_page(viewport=viewport, **options)
        watch = guard(page)
        response = page.goto(site.url + path, wait_until="load")
        assert response is not None and response.status == 200, f"{path}: {response and response.status}"
        return page, watch

    return opener


def assert_clean(watch: Watch) -> None:
    problems = watch.problems()
    assert not problems, "\n".join(problems)


def main_pages(site: Site) -> list[str]:
    return ["/", "/countries/mne/", site.meeting_page()]


# --- the countries table's filters --------------------------------------------------------


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
def test_the_countries_table_filters_by_status_role_and_article(open_page, viewport: dict[str, int]) -> None:
    page, watch = open_page("/countries/", viewport=viewport)
    rows = page.locator("article table tbody tr")
    total = rows.count()
    # textContent: cards off-screen are laid out (and given an innerText) only when scrolled to.
    statuses = [rows.nth(i).locator("td").nth(1).text_content().strip() for i in range(total)]
    menus = page.locator(".ccm-filters select")
    assert menus.count() == 3  # treaty status, roles, obligations
    menus.nth(0).select_option("Signatory")
    shown = page.locator("article table tbody tr:not([hidden])")
    assert shown.count() == statuses.count("Signatory") > 0
    assert page.locator(".ccm-filters__status").inner_text() == f"{statuses.count('Signatory')} of {total} States shown"
    menus.nth(0).select_option("")
    menus.nth(2).select_option("clearance (Article 4)")  # every row left shows it among its obligations
    left = [shown.nth(i).locator("td").nth(3).text_content() for i in range(shown.count())]
    assert left and all("clearance (Article 4)" in cell.split(", ") for cell in left)
    assert_clean(watch)


# --- reading and searching ----------------------------------------------------------------


def test_home_profile_and_meeting_open_without_errors_or_outside_requests(open_page, site: Site) -> None:
    for path in main_pages(site):
        page, watch = open_page(path)
        assert page.locator("article h1").first.inner_text().strip(), f"{path} has no title"
        page.wait_for_load_state("networkidle")
        assert_clean(watch)


def test_every_address_in_the_page_is_this_site(open_page, site: Site) -> None:
    # Stylesheets, scripts, images, frames: none may point at another host, even unused.
    for path in main_pages(site):
        page, _ = open_page(path)
        addresses = page.eval_on_selector_all(
            "link[href]:not([rel=canonical]):not([rel=prev]):not([rel=next]):not([rel=alternate]),"
            " script[src], img[src], iframe[src], source[src], video[src], audio[src], object[data]",
            "els => els.map(el => el.href || el.src || el.data)",
        )
        outside = [a for a in addresses if not a.startswith(site.url) and not a.startswith("data:")]
        assert not outside, f"{path} loads from another host: {outside}"


def test_repository_link_is_plain_and_fetches_no_facts(open_page) -> None:
    page, watch = open_page("/")
    link = page.locator("a.md-source").first
    assert link.get_attribute("href").startswith("https://github.com/")
    # Material's script fetches repository facts from api.github.com only for this attribute.
    assert link.get_attribute("data-md-component") is None
    page.wait_for_load_state("networkidle")
    assert page.locator(".md-source__facts").count() == 0
    assert_clean(watch)


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
def test_search_finds_montenegro(open_page, viewport: dict[str, int]) -> None:
    page, watch = open_page("/", viewport=viewport)
    if viewport is PHONE:
        page.locator("label.md-header__button[for=__search]").click()
    page.locator("input.md-search__input").click()
    page.keyboard.type("Montenegro")
    result = page.locator(".md-search-result__item", has_text="Montenegro").first
    result.wait_for(state="visible")
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(el => el.href)")
    assert any("/countries/mne/" in href for href in hrefs), hrefs
    assert_clean(watch)


@pytest.mark.parametrize("path", ["/countries/mne/", "/fr/countries/mne/"])
def test_the_search_index_loads_when_search_is_opened(open_page, path: str) -> None:
    """The index, the largest download, waits for the reader (assets/search-on-demand.js): not
    asked for when the page loads, asked for when the box takes focus, and then it searches."""
    page, watch = open_page(path)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url) if "search_index" in request.url else None)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert asked == []
    page.locator("input.md-search__input").focus()
    page.keyboard.type("Montenegro")
    page.locator(".md-search-result__item", has_text="Montenegro").first.wait_for(state="visible")
    assert len(asked) == 1 and asked[0].endswith(path.removesuffix("countries/mne/") + "search/search_index.json"), asked
    assert_clean(watch)


@pytest.mark.parametrize("path", ["/timeline/", "/data/", "/data/columns/", "/fr/timeline/", "/es/data/columns/"])
def test_long_pages_stay_under_lighthouses_dom_size_warning(open_page, path: str) -> None:
    """Lighthouse warns past 800 elements (its 'dom-size' audit counts every element, SVG too)."""
    page, watch = open_page(path)
    elements = page.evaluate("document.querySelectorAll('*').length")
    assert 200 < elements <= 800, f"{path}: {elements} elements"
    assert_clean(watch)


# --- languages ----------------------------------------------------------------------------

LANGUAGES = {"en": "", "fr": "/fr", "es": "/es"}  # where each language's site begins


@pytest.mark.parametrize("path", ["/", "/countries/mne/", "meeting"])
def test_language_switcher_opens_the_same_page_and_no_request_fails(open_page, site: Site, path: str) -> None:
    # Material's language script used to ask for <page>/sitemap.xml in every language (404s)
    # and to send a click on the switcher through a redirect (generator/mkdocs_plugin.py).
    path = site.meeting_page() if path == "meeting" else path
    page, watch = open_page(path)
    navigations: list[str] = []
    page.on("request", lambda r: navigations.append(r.url) if r.is_navigation_request() else None)
    for language in ("fr", "es", "en"):  # round the three languages, back to English
        page.wait_for_load_state("networkidle")  # whatever the scripts fetch on load has answered
        page.locator(".md-header__option .md-select").hover()
        links = page.locator("a.md-select__link")
        assert sorted(links.evaluate_all("els => els.map(a => a.hreflang)")) == sorted(LANGUAGES)
        for index in range(links.count()):
            links.nth(index).focus()
        navigations.clear()
        target = site.url + LANGUAGES[language] + path
        page.locator(f"a.md-select__link[hreflang={language}]").click()
        page.wait_for_url(target)
        assert navigations == [target], f"{path} → {language}: {navigations}"
        assert page.locator("html").get_attribute("lang") == language
    page.wait_for_load_state("networkidle")
    assert_clean(watch)


# --- phones -------------------------------------------------------------------------------

# The page's width; only when it is wider than the screen, the elements that make it so.
_WIDER_THAN_SCREEN = """() => {
  const width = window.innerWidth, page = document.documentElement.scrollWidth;
  if (page <= width) return {page, screen: width, culprits: []};
  const scrolls = el => { for (let a = el.parentElement; a; a = a.parentElement) {
      if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX)) return true; }
    return false; };
  const culprits = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 1 && !scrolls(el))
    .slice(0, 5)
    .map(el => `<${el.tagName.toLowerCase()} class="${el.className}"> ends at ${Math.round(el.getBoundingClientRect().right)}px`);
  return {page, screen: width, culprits};
}"""


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_no_page_is_wider_than_a_phone(open_page, site: Site, javascript: bool) -> None:
    paths = [p for p in CONTRACT_PAGES if site.has(p)] + [site.meeting_page()]
    page, watch = open_page(paths[0], viewport=PHONE, java_script_enabled=javascript)
    wide = {}
    for path in paths:
        response = page.goto(site.url + path, wait_until="load")
        assert response is not None and response.status == 200, path
        measured = page.evaluate(_WIDER_THAN_SCREEN)
        if measured["page"] > measured["screen"]:
            wide[path] = measured
    assert not wide, f"pages wider than {PHONE['width']}px: {wide}"
    assert_clean(watch)


def test_tables_scroll_inside_their_box_on_a_phone(open_page) -> None:
    page, _ = open_page("/countries/", viewport=PHONE)
    boxes = page.eval_on_selector_all(
        "article table",
        """els => els.map(t => { const box = t.closest('.md-typeset__scrollwrap') || t;
             return {right: box.getBoundingClientRect().right, overflow: getComputedStyle(box).overflowX}; })""",
    )
    assert boxes, "the countries index has no table"
    for box in boxes:
        assert box["right"] <= PHONE["width"] + 1
        assert box["overflow"] in ("auto", "scroll")


# --- colours ------------------------------------------------------------------------------

_COLOURS = """selector => [...document.querySelectorAll(selector)].map(el => {
  const backdrop = e => { for (let a = e.parentElement; a; a = a.parentElement) {
      const bg = getComputedStyle(a).backgroundColor;
      if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg; }
    return 'rgb(255, 255, 255)'; };
  const style = getComputedStyle(el);
  return {text: el.textContent.trim().slice(0, 40), fg: style.color, bg: style.backgroundColor, page: backdrop(el)};
})"""

_ADD_BADGES = """codes => { const p = document.createElement('p');
  p.innerHTML = codes.map(c => `<span class="ccm-status ccm-status--${c}">test ${c}</span>`).join(' ');
  document.querySelector('article').append(p); }"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_status_badges_and_quiet_text_meet_wcag_aa(open_page, scheme: str) -> None:
    page, _ = open_page("/", color_scheme=scheme)
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    page.evaluate(_ADD_BADGES, list(STATUS_CODES))  # every modifier, whether or not the data has it
    low = []
    for selector in (".ccm-status", ".ccm-figure strong", ".ccm-source"):
        for item in page.evaluate(_COLOURS, selector):
            ratio = contrast(item["fg"], item["bg"], item["page"])
            if ratio < 4.5:
                low.append(f"{selector} {item['text']!r}: {ratio:.2f}:1 ({item['fg']} on {item['bg']})")
    assert not low, "\n".join(low)


# --- print ----------------------------------------------------------------------------------


def test_print_shows_the_content_only_black_on_white_with_link_targets(open_page) -> None:
    page, _ = open_page("/countries/mne/", color_scheme="dark")
    page.evaluate("""() => { const a = document.createElement('a');
        a.href = 'https://www.clusterconvention.org/'; a.textContent = 'the Convention';
        a.id = 'ccm-print-probe'; document.querySelector('article').append(a); }""")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary",
                     ".md-search", ".md-content__button"):  # the footer prints: who publishes, how to cite
        shown = page.eval_on_selector_all(selector, "els => els.filter(e => e.offsetParent !== null).length")
        assert shown == 0, f"{selector} is printed"
    text = page.evaluate("() => getComputedStyle(document.querySelector('article')).color")
    assert text == "rgb(0, 0, 0)"
    after = page.evaluate("() => getComputedStyle(document.getElementById('ccm-print-probe'), '::after').content")
    assert "https://www.clusterconvention.org/" in after
    row_break = page.evaluate("() => { const tr = document.querySelector('article tr');"
                              " return tr ? getComputedStyle(tr).breakInside : 'avoid'; }")
    assert row_break == "avoid"
    screenshot(page, "print-profile")


# --- screenshots for people -----------------------------------------------------------------


@pytest.mark.skipif(not os.environ.get("CCM_SCREENSHOTS"), reason="set CCM_SCREENSHOTS=<folder> to keep screenshots")
def test_screenshots(open_page, site: Site) -> None:
    names = {"/": "home", "/countries/mne/": "profile-mne", site.meeting_page(): "meeting"}
    for path, name in names.items():
        for viewport in (WIDE, PHONE):
            page, watch = open_page(path, viewport=viewport)
            page.wait_for_load_state("networkidle")
            screenshot(page, f"{name}-{viewport['width']}")
            assert_clean(watch)
    page, _ = open_page("/countries/mne/", color_scheme="dark")
    screenshot(page, "profile-mne-1280-dark")
