"""On a 360 px phone, every page with a table shows every column: no cell's text beyond the
screen's edges (tables become stacked cards, emit/tables.py and assets/ccm.css), nothing in the
content wider than the screen unless inside a box that scrolls, and charts that fit.

The pages are the English ones of the session's crawl (site_pages.crawled_pages: every page, and
the two largest of each folder of per-record pages) that hold a table. The browser is Debian's
Chromium (conftest.py); the tests skip when it or Playwright is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import PHONE, guard, why_no_browser
from site_pages import address_of, crawled_pages

pytestmark = pytest.mark.skipif(why_no_browser() is not None, reason=why_no_browser() or "")

LANGUAGES = ("fr/", "es/")  # folders of the other languages: same templates, same markup


def table_pages(site: Path) -> list[str]:
    """The addresses of the English pages that hold a <table>."""
    return [address_of(file) for file in crawled_pages(site)
            if not file.startswith(LANGUAGES) and "<table" in (site / file).read_text(encoding="utf-8")]


# For one loaded page: what sticks out of the screen. A cell's text is measured through a Range
# (the boxes of its words), so a cell cut at the edge counts even when the cell itself is narrow.
_OFF_SCREEN = """width => {
  const main = document.querySelector('article') || document.body;
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const scrollBox = el => { for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const x = getComputedStyle(a).overflowX;
      if ((x === 'auto' || x === 'scroll' || x === 'hidden') && a.getBoundingClientRect().right <= width + 1) return true; }
    return false; };
  const name = el => `<${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? ' class="' + el.className + '"' : ''}>`;
  const wide = [...main.querySelectorAll('*')].filter(el => shown(el))
    .filter(el => { const r = el.getBoundingClientRect(); return (r.right > width + 1 || r.left < -1) && !scrollBox(el); })
    .slice(0, 5).map(el => `${name(el)} spans ${Math.round(el.getBoundingClientRect().left)}..${Math.round(el.getBoundingClientRect().right)}px`);
  const cells = [];
  main.querySelectorAll('tbody tr').forEach(row => {
    if (!shown(row)) return;
    [...row.cells].forEach((cell, column) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      const boxes = [...range.getClientRects()].filter(r => r.width > 0);
      if (boxes.some(r => r.left < -1 || r.right > width + 1)) {
        cells.push(`column ${column + 1} (${cell.dataset.label || '?'}): "${cell.textContent.trim().slice(0, 40)}"`
          + ` spans ${Math.round(Math.min(...boxes.map(r => r.left)))}..${Math.round(Math.max(...boxes.map(r => r.right)))}px`);
      }
    });
  });
  const charts = [...main.querySelectorAll('.ccm-chart svg')].filter(shown)
    .filter(svg => svg.getBoundingClientRect().right > width + 1)
    .map(svg => `${svg.id || svg.getAttribute('aria-labelledby')} ends at ${Math.round(svg.getBoundingClientRect().right)}px`);
  const tables = main.querySelectorAll('table').length;
  return {wide, cells: cells.slice(0, 5), charts, tables};
}"""


def test_every_column_of_every_table_is_on_a_phone_screen(new_page, whole_site: Path, site_url: str) -> None:
    paths = table_pages(whole_site)
    assert "/deadlines/" in paths and "/countries/" in paths and "/countries/mne/" in paths, paths
    page = new_page(viewport=PHONE)
    watch = guard(page)
    found = {}
    for path in paths:
        response = page.goto(site_url + path, wait_until="load")
        assert response is not None and response.status == 200, path
        measured = page.evaluate(_OFF_SCREEN, PHONE["width"])
        assert measured["tables"], f"{path}: the built file has a table, the page shows none"
        problems = measured["wide"] + measured["cells"] + measured["charts"]
        if problems:
            found[path] = problems
    assert not found, "off a 360 px screen:\n" + "\n".join(f"{path}: {p}" for path, ps in found.items() for p in ps)
    assert not watch.problems(), watch.problems()


def test_a_stacked_table_is_still_a_table_to_screen_readers(new_page, site_url: str) -> None:
    """Shown as cards, the rows keep their roles (a browser may drop a table's semantics once it
    is displayed as blocks), and each cell's column name is on the cell."""
    page = new_page(viewport=PHONE)
    page.goto(site_url + "/deadlines/", wait_until="load")
    table = page.locator("article table").first
    assert table.evaluate("t => getComputedStyle(t).display") == "block"  # stacked
    assert page.get_by_role("table").count() == page.locator("article table").count()
    headers = table.get_by_role("columnheader").all_inner_texts()
    assert [h.strip() for h in headers][:2] == ["State", "Article"]
    first_row = table.locator("tbody tr").first
    assert first_row.get_attribute("role") == "row"
    labels = first_row.locator("td").evaluate_all("cells => cells.map(c => [c.getAttribute('role'), c.dataset.label])")
    assert labels[:2] == [["cell", "State"], ["cell", "Article"]]
    assert labels[-1] == ["cell", "Status"]
    # The name shown before a value is not read out a second time (CSS alternative text "").
    before = first_row.locator("td").nth(1).evaluate("c => getComputedStyle(c, '::before').content")
    assert "Article" not in before or before.endswith('/ ""')


def test_the_countries_table_still_sorts_and_filters_on_a_phone(new_page, site_url: str) -> None:
    page = new_page(viewport=PHONE)
    page.goto(site_url + "/countries/", wait_until="load")
    names = "els => els.filter(r => r.getClientRects().length).map(r => r.cells[0].textContent.trim())"
    rows = page.locator(".ccm-sortable tbody tr")
    before = rows.evaluate_all(names)
    sort = page.locator(".ccm-sortable thead button.ccm-sort").first  # "State"; its name gains ▲ once sorted
    assert sort.inner_text().strip() == "State"
    assert sort.is_visible()  # the header's buttons stay on screen, above the cards
    box = sort.bounding_box()
    assert box and 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"]
    sort.click()
    sort.click()  # ascending first (already the order), then descending
    after = rows.evaluate_all(names)
    assert after == sorted(before, reverse=True, key=str.casefold) or after == before[::-1]
    status = page.locator(".ccm-filters select").first
    options = status.locator("option").all_inner_texts()
    status.select_option(label=options[1])
    shown = rows.evaluate_all(names)
    assert 0 < len(shown) < len(before)  # hidden rows are not shown as cards
