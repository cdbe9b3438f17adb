"""The coordinators' pages as built: the guide speaks to people who do not program, /attention/
opens each file in GitHub's editor, and the field reference keeps field names whole. Plus the two
steps of emit/ that finish every page's HTML: edit: links and labelled table cells."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_support import PHONE, WIDE, why_no_browser

from ccm_ica.emit.edit_links import resolve_edit_links
from ccm_ica.emit.tables import label_cells

# Maintainer tooling: a coordinator's guide has no use for it (it is on /contribute/developers/).
TOOLING = re.compile(r"\bmake\b|\.venv|pre-commit|\.github/workflows|Settings → Pages", re.IGNORECASE)


def article_text(site: Path, page: str) -> str:
    """The visible words of a page's article (tags dropped), as one string."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    article = re.search(r"<article\b.*?</article>", html, flags=re.DOTALL)
    assert article, page
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article.group(0)))


@pytest.mark.parametrize("page", ["contribute", "contribute/step-by-step"])
def test_the_coordinators_guide_has_no_maintainer_tooling(whole_site: Path, page: str) -> None:
    text = article_text(whole_site, page)
    assert not TOOLING.findall(text), f"/{page}/ shows {sorted(set(TOOLING.findall(text)))}"
    assert "shows each screen" not in text  # a promise of screenshots the page does not keep


def test_the_tooling_is_on_the_developers_page_linked_from_the_guide(whole_site: Path) -> None:
    text = article_text(whole_site, "contribute/developers")
    for words in ("make serve", ".venv/bin/ccm-ica check", "pre-commit install", "pull-request.yml", "Settings → Pages"):
        assert words in text
    guide = (whole_site / "contribute" / "index.html").read_text(encoding="utf-8")
    assert 'href="developers/"' in guide
    nav = (whole_site / "index.html").read_text(encoding="utf-8")
    assert "For developers" in nav  # in the navigation, under Contribute


def test_recent_changes_is_its_own_item_in_the_guide(whole_site: Path) -> None:
    guide = (whole_site / "contribute" / "index.html").read_text(encoding="utf-8")
    items = re.findall(r"<li>(.*?)</li>", guide, flags=re.DOTALL)
    changes = [item for item in items if 'href="../changes/"' in item]
    assert changes and all('href="../attention/"' not in item for item in changes)


def test_the_guides_yaml_example_is_a_code_block_inside_its_step(whole_site: Path) -> None:
    """A fenced block inside a numbered step (pymdownx.superfences): not one line of inline code."""
    guide = (whole_site / "contribute" / "index.html").read_text(encoding="utf-8")
    blocks = [re.sub(r"<[^>]+>", "", block) for block in re.findall(r"<pre[^>]*>(.*?)</pre>", guide, re.S)]
    assert any("quotes:" in block and "concept-note-2017:" in block for block in blocks)
    assert "<code>yaml" not in guide


def test_each_attention_item_links_to_its_file_in_githubs_editor(whole_site: Path) -> None:
    html = (whole_site / "attention" / "index.html").read_text(encoding="utf-8")
    cells = re.findall(r'<td[^>]*data-label="File"[^>]*>(.*?)</td>', html, flags=re.DOTALL)
    assert cells, "/attention/ lists no item (the real content has several)"
    for cell in cells:
        link = re.fullmatch(r'<a href="(https://github\.com/[\w.-]+/[\w.-]+/edit/main/(content/[\w/.-]+\.yml))">'
                            r"(content/[\w/.-]+\.yml), line (\d+)</a>", cell.strip())
        assert link, cell
        assert link.group(2) == link.group(3)  # the link opens the file it names
        assert (Path(__file__).resolve().parent.parent / link.group(2)).is_file()
    for language in ("fr", "es"):  # the other languages link the same files
        translated = (whole_site / language / "attention" / "index.html").read_text(encoding="utf-8")
        assert translated.count('href="https://github.com/') >= len(cells)
        assert 'href="edit:' not in translated


# --- emit/: edit: links and table cells -------------------------------------------------------


def test_an_edit_link_is_made_from_the_repository_and_edit_uri() -> None:
    html = '<p><a href="edit:content/countries/gnb.yml">content/countries/gnb.yml, line 13</a></p>'
    config = {"repo_url": "https://github.com/ccm-ica/ccm-ica", "edit_uri": "edit/main/"}
    assert resolve_edit_links(html, config) == (
        '<p><a href="https://github.com/ccm-ica/ccm-ica/edit/main/content/countries/gnb.yml">'
        "content/countries/gnb.yml, line 13</a></p>")
    # No repository named in mkdocs.yml: the words stay, with no link that leads nowhere.
    assert resolve_edit_links(html, {"repo_url": None, "edit_uri": None}) == "<p>content/countries/gnb.yml, line 13</p>"


def test_cells_are_labelled_with_their_escaped_column_header() -> None:
    html = ('<table>\n<thead>\n<tr>\n<th>State &amp; "area"</th>\n<th colspan="2">Dates</th>\n</tr>\n</thead>\n'
            "<tbody>\n<tr>\n<td>Chile</td>\n<td>2018</td>\n<td>2020</td>\n</tr>\n</tbody>\n</table>\n"
            "<table><tr><td>no header</td></tr></table>")
    labelled = label_cells(html)
    assert '<td role="cell" data-label="State &amp; &quot;area&quot;">Chile</td>' in labelled
    assert labelled.count('data-label="Dates"') == 2  # a header over two columns names both
    assert '<table role="table" data-ccm-stack>' in labelled and '<tr role="row">' in labelled
    assert '<th role="columnheader" colspan="2">' in labelled
    assert labelled.endswith("<table><tr><td>no header</td></tr></table>")  # nothing to label it with
    assert re.sub(r' (role|data-label)="[^"]*"| data-ccm-stack', "", labelled) == html  # only attributes added


# --- the field reference in a browser ----------------------------------------------------------


@pytest.mark.skipif(why_no_browser() is not None, reason=why_no_browser() or "")
@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
def test_field_names_in_the_reference_never_break_and_code_blocks_wrap(new_page, site_url: str, viewport) -> None:
    page = new_page(viewport=viewport)
    page.goto(site_url + "/contribute/reference/countries/", wait_until="load")
    lines = page.eval_on_selector_all(
        "article td:first-child > code",
        "els => els.map(c => [c.textContent, c.getClientRects().length])")
    assert len(lines) > 20
    broken = [name for name, boxes in lines if boxes != 1]
    assert not broken, f"field names broken across lines: {broken}"
    for path in ("/contribute/reference/countries/", "/contribute/developers/"):
        page.goto(site_url + path, wait_until="load")
        cut = page.eval_on_selector_all("article pre > code", "els => els.filter(c => c.scrollWidth > c.clientWidth + 1).length")
        assert cut == 0, f"{path}: a code block runs off the right edge instead of wrapping"
