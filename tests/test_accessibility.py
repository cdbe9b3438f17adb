"""WCAG 2.1 AA in a real browser: axe-core on one page of every template, light and dark, wide
and phone; the header's search and language switcher within reach of the Tab key; charts
named for screen readers and told again in a table.

axe-core is the copy bundled in the axe-playwright-python package (axe.min.js): nothing is
downloaded. The site is the session's one build of every language (conftest.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_support import NO_OTHER_HOST, PHONE, WIDE

try:
    from axe_playwright_python.base import AXE_FILE_PATH
except ImportError:  # pragma: no cover - the test extra installs it
    AXE_FILE_PATH = None

BLOCKING = ("serious", "critical")  # axe's two highest impacts: any one fails the test
# The dark palette changes colours only (same markup): there axe runs its rules about colour.
EVERY_RULE = {"resultTypes": ["violations"]}
COLOUR_RULES = {"resultTypes": ["violations"],
                "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}}
# Transitions and animations stopped, so colours are measured at rest, never half-faded.
STILL = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def audited_pages(site: Path) -> list[str]:
    """One page of every template, and one French page."""
    meetings = sorted(site.glob("meetings/*/index.html"), key=lambda p: (-p.stat().st_size, p.parent.name))
    assert meetings, "the built site has no meeting page"
    return ["/", "/countries/", "/countries/mne/", "/requests/", "/deadlines/", "/timeline/",
            "/coalitions/", "/action-plan/", "/meetings/", f"/meetings/{meetings[0].parent.name}/",
            "/sources/", "/report/", "/data/", "/attention/", "/changes/", "/contribute/",
            "/contribute/reference/countries/", "/fr/countries/mne/"]


def _describe(path: str, violation: dict) -> str:
    nodes = violation["nodes"]
    where = "; ".join(" ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
                      for node in nodes[:3])
    why = (nodes[0].get("failureSummary") or "").replace("\n", " ")[:240] if nodes else ""
    return (f"{path}: {violation['id']} ({violation['impact']}, {len(nodes)} elements): "
            f"{violation['help']}\n    at {where}\n    {why}")


@pytest.mark.skipif(AXE_FILE_PATH is None, reason="axe-playwright-python is missing (pip install -e '.[test]')")
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
def test_axe_finds_no_serious_violation(browser, whole_site: Path, site_url: str, scheme: str,
                                        viewport: dict[str, int]) -> None:
    # The palette follows prefers-color-scheme (mkdocs.yml), which the context sets.
    context = browser.new_context(viewport=viewport, color_scheme=scheme, proxy=NO_OTHER_HOST)
    context.set_default_timeout(30_000)
    context.add_init_script(path=str(AXE_FILE_PATH))
    page = context.new_page()
    blocking, minor, paths = [], [], audited_pages(whole_site)
    try:
        for path in paths:
            response = page.goto(site_url + path, wait_until="load")
            assert response is not None and response.status == 200, f"{path}: {response and response.status}"
            expected = "slate" if scheme == "dark" else "default"
            assert page.locator("body").get_attribute("data-md-color-scheme") == expected, path
            page.add_style_tag(content=STILL)
            options = COLOUR_RULES if scheme == "dark" else EVERY_RULE
            results = page.evaluate("options => axe.run(document, options)", options)
            for violation in results["violations"]:
                (blocking if violation["impact"] in BLOCKING else minor).append(_describe(path, violation))
    finally:
        context.close()
    rules = "colour rules" if scheme == "dark" else "every rule"
    print(f"\naxe-core {results['testEngine']['version']}, {rules}: {len(paths)} pages, {scheme}, {viewport['width']} px: "
          f"{len(blocking)} serious or critical, {len(minor)} minor or moderate")
    for line in minor:
        print("  " + line.splitlines()[0])
    assert not blocking, "\n".join(blocking)


# --- keyboard and charts -----------------------------------------------------------------------


@pytest.fixture
def open_page(browser, site_url: str):
    """open_page(path, **context options) → a loaded page, its transitions stopped."""
    contexts = []

    def opener(path: str, **options):
        context = browser.new_context(proxy=NO_OTHER_HOST, **options)
        contexts.append(context)
        page = context.new_page()
        response = page.goto(site_url + path, wait_until="load")
        assert response is not None and response.status == 200, f"{path}: {response and response.status}"
        page.add_style_tag(content=STILL)
        return page

    yield opener
    for context in contexts:
        context.close()


_FOCUSED = """() => { const e = document.activeElement;
  if (!e || e === document.body) return null;
  const menu = e.closest('.md-select') && e.closest('.md-select').querySelector('.md-select__inner');
  return {classes: [...e.classList], text: (e.getAttribute('aria-label') || e.textContent).trim(),
          lang: e.getAttribute('hreflang'), shown: menu ? getComputedStyle(menu).opacity : null}; }"""


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
@pytest.mark.parametrize("path", ["/countries/mne/", "/fr/"])
def test_tab_reaches_search_and_the_language_switcher(open_page, viewport: dict[str, int], path: str) -> None:
    page = open_page(path, viewport=viewport)
    focused = []
    for _ in range(20):
        page.keyboard.press("Tab")
        focused.append(page.evaluate(_FOCUSED))
    assert focused[0] and "md-skip" in focused[0]["classes"], f"the first Tab should reach 'skip to content': {focused[0]}"
    assert any(f and "md-search__input" in f["classes"] for f in focused), f"Tab never reaches the search field: {focused}"
    languages = [f for f in focused if f and "md-select__link" in f["classes"]]
    assert sorted(f["lang"] for f in languages) == ["en", "es", "fr"], f"Tab never reaches every language: {focused}"
    assert all(f["shown"] == "1" for f in languages), f"the language list stays hidden under focus: {languages}"


# Each chart on the page: its role, the text its aria-labelledby points at, and the rows of
# every table after it up to the next section heading (Material may wrap tables in divs).
_CHARTS = """() => [...document.querySelectorAll('article .ccm-chart')].map(box => {
  const svg = box.querySelector('svg');
  const named = (svg.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean)
    .map(id => { const e = document.getElementById(id); return e ? e.textContent.trim() : ''; });
  const tables = [];
  for (let e = box.nextElementSibling; e && e.tagName !== 'H2'; e = e.nextElementSibling) {
    tables.push(...(e.matches('table') ? [e] : e.querySelectorAll('table')));
  }
  return {role: svg.getAttribute('role'), named,
          rows: tables.flatMap(t => [...t.rows].map(r => [...r.cells].map(c => c.textContent.trim())))};
})"""

_DATE = re.compile(r"\d{1,2} [A-Z][a-z]+ \d{4}")


def _the_chart(page) -> tuple[str, str, list[list[str]]]:
    """The page's one chart: the title and description a screen reader gets, the table rows."""
    charts = page.evaluate(_CHARTS)
    assert len(charts) == 1, charts
    chart = charts[0]
    assert chart["role"] == "img", chart
    assert len(chart["named"]) == 2 and all(chart["named"]), f"a chart needs a title and a description: {chart}"
    title, desc = chart["named"]
    assert page.get_by_role("img", name=title).count() == 1, f"no image named {title!r}"
    return title, desc, chart["rows"]


def test_home_chart_figures_are_in_the_table_beside_it(open_page) -> None:
    _, desc, rows = _the_chart(open_page("/"))
    by_year = {row[0]: row[1:] for row in rows}
    said = re.findall(r"(\d{4}): ([^.]*)\.", desc)  # "2016: States requesting 13, …."
    assert said, desc
    for year, figures in said:
        numbers = re.findall(r"\d+", figures)
        assert by_year.get(year) == numbers, f"{year}: the chart says {numbers}, the table {by_year.get(year)}"


@pytest.mark.parametrize("path", ["/countries/mne/", "/deadlines/"])
def test_deadline_chart_dates_are_in_the_tables_beside_it(open_page, path: str) -> None:
    _, desc, rows = _the_chart(open_page(path))
    text = " ".join(cell for row in rows for cell in row)
    # Every date of every ledger drawn ("Article 4: original deadline 1 August 2020; …"); the
    # sentence naming the dashed "as of" line has no colon.
    ledgers = [sentence for sentence in desc.split(". ") if ":" in sentence]
    assert ledgers, desc
    for ledger in ledgers:
        for date in _DATE.findall(ledger):
            assert date in text, f"{path}: {date!r} is in the chart ({ledger!r}) but in no table beside it"
