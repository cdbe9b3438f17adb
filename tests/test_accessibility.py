"""WCAG 2.1 AA in a real browser: axe-core on one page of every template, light and dark, wide
and phone; the header's search and language switcher within reach of the Tab key; charts
named for screen readers and told again in a table.

axe-core is the copy bundled in the axe-playwright-python package (axe.min.js): nothing is
downloaded. The site is the session's one build of every language (conftest.py); wide and light,
axe-core runs during the session's one crawl of every page (conftest.py `site_crawl`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_support import (
    AXE_FILE_PATH,
    BLOCKING,
    PHONE,
    STILL,
    WIDE,
    Audit,
    audit_pages,
    audited_pages,
)


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
def test_axe_finds_no_serious_violation(request, browser, whole_site: Path, site_url: str, scheme: str,
                                        viewport: dict[str, int]) -> None:
    paths = audited_pages(whole_site)
    if viewport is WIDE and scheme == "light":
        # The session's crawl of every page (conftest.py) ran axe-core on these as it passed.
        audit: Audit = request.getfixturevalue("site_crawl").audit
    else:
        audit = audit_pages(browser, site_url, paths, viewport, scheme)
    assert not audit.problems, "\n".join(audit.problems)
    assert sorted(audit.violations) == sorted(paths), "pages axe-core did not audit"
    blocking, minor = [], []
    for path in paths:
        for violation in audit.violations[path]:
            (blocking if violation["impact"] in BLOCKING else minor).append(_describe(path, violation))
    rules = "colour rules" if scheme == "dark" else "every rule"
    print(f"\naxe-core {audit.version}, {rules}: {len(paths)} pages, {scheme}, {viewport['width']} px: "
          f"{len(blocking)} serious or critical, {len(minor)} minor or moderate")
    for line in minor:
        print("  " + line.splitlines()[0])
    assert not blocking, "\n".join(blocking)


# --- keyboard and charts -----------------------------------------------------------------------


@pytest.fixture
def open_page(new_page, site_url: str):
    """open_page(path, **context options) → a new, loaded page, its transitions stopped."""

    def opener(path: str, **options):
        page = new_page(**options)
        response = page.goto(site_url + path, wait_until="load")
        assert response is not None and response.status == 200, f"{path}: {response and response.status}"
        page.add_style_tag(content=STILL)
        return page

    return opener


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
    said = re.findall(r"(\d{4}): ([^.]*)\.", desc)  # "2016: States requesting 13, States providing no records, …."
    assert said, desc
    for year, figures in said:
        # A count, or "no records" where the table shows "—" (never a 0), series in the table's order.
        values = [value for value in re.findall(r"(\d+|no records)(?:,|$)", figures)]
        cells = [re.match(r"\s*(\d+|—)", cell).group(1) for cell in by_year.get(year, [])]
        assert cells == ["—" if value == "no records" else value for value in values], \
            f"{year}: the chart says {values}, the table {by_year.get(year)}"


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
