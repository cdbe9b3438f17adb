"""The whole built site, every language: well-formed pages, links that lead somewhere, and no
request to another host when a browser opens each page.

The site is built once for the session (conftest.py `whole_site`; CCM_SITE=<folder> tests a
built one). Links to other hosts are never fetched: they are counted and listed (run with -s).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_support import NO_OTHER_HOST, Crawl, is_local
from site_pages import ParsedPage, build_whole_site, crawled_pages, html_files, parse_page, resolve

LANGUAGES = ("fr", "es")  # beside the default language at the root


def _need_html5lib() -> None:
    pytest.importorskip("html5lib", reason="html5lib is missing (pip install -e '.[test]')")


@pytest.fixture(scope="module")
def pages(whole_site: Path) -> dict[str, ParsedPage]:
    _need_html5lib()
    return {file: parse_page(whole_site, file) for file in html_files(whole_site)}


def test_every_language_is_built(pages) -> None:
    english = {f for f in pages if not f.startswith(tuple(f"{code}/" for code in LANGUAGES))}
    assert "index.html" in english and len(english) > 50
    for code in LANGUAGES:
        assert {f"{code}/{f}" for f in english} <= set(pages), f"pages missing in /{code}/"


def test_every_page_is_well_formed(pages) -> None:
    # html5lib reports what a browser silently repairs: an element left open, tags closed in
    # the wrong order, stray end tags, content where a table cannot hold it, duplicate attributes.
    errors = [error for page in pages.values() for error in page.errors]
    assert not errors, f"{len(errors)} parse errors:\n" + "\n".join(errors[:40])


def test_no_page_repeats_an_id(pages) -> None:
    repeated = {file: sorted(page.duplicate_ids) for file, page in pages.items() if page.duplicate_ids}
    assert not repeated, repeated


def test_every_internal_link_and_anchor_resolves(pages, whole_site: Path) -> None:
    broken, external = [], Counter()
    checked = 0
    for file, page in pages.items():
        for tag, address in page.addresses:
            target = resolve(whole_site, file, address)
            if target.kind == "external":
                external[address] += 1
                continue
            if target.kind in ("forbidden", "broken"):
                broken.append(f"{file}: <{tag}> {address!r}: {target.reason}")
                continue
            if target.kind != "file":
                continue
            checked += 1
            anchors = pages[target.file].anchors if target.file in pages else None
            if target.anchor and anchors is not None and target.anchor not in anchors:
                broken.append(f"{file}: <{tag}> {address!r}: no id {target.anchor!r} in {target.file}")
    hosts = Counter(urlsplit(url).hostname for url in external.elements())
    print(f"\n{checked} internal links and anchors checked in {len(pages)} pages; "
          f"{sum(external.values())} links to other hosts ({len(external)} addresses on "
          f"{len(hosts)} hosts, not fetched):")
    for url, count in sorted(external.items()):
        print(f"  {count:4} {url}")
    assert checked > len(pages) * 10
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:60])


# --- one copy of what the languages share, nothing no page loads (issue 23) ------------------


def test_one_copy_of_the_theme_assets_and_downloads(whole_site: Path, pages) -> None:
    """/fr/ and /es/ hold their pages, sitemaps and search index; their pages load the theme,
    our scripts and the data downloads from the root (emit/shared_assets.py)."""
    for code in LANGUAGES:
        assert not (whole_site / code / "assets").exists(), f"/{code}/assets/"
        leftover = [p.relative_to(whole_site).as_posix() for p in (whole_site / code).rglob("*")
                    if p.is_file() and p.suffix != ".html" and not p.name.startswith("sitemap.xml")]
        assert leftover == [f"{code}/search/search_index.json"], leftover
        linked = {resolve(whole_site, f"{code}/data/index.html", a).file for _, a in pages[f"{code}/data/index.html"].addresses}
        assert {"data/countries.csv", "data/countries.json", "data/ccm-ica-data.zip", "data/ccm-ica.ics"} <= linked
        report = {resolve(whole_site, f"{code}/report/index.html", a).file for _, a in pages[f"{code}/report/index.html"].addresses}
        assert any(f.startswith("report/") and f.endswith(".docx") for f in report), report
        styles = {resolve(whole_site, f"{code}/countries/mne/index.html", a).file for _, a in pages[f"{code}/countries/mne/index.html"].addresses}
        assert {"assets/ccm.css", "assets/search-on-demand.js"} <= styles


def test_nothing_is_shipped_that_no_page_loads(whole_site: Path) -> None:
    files = [p.relative_to(whole_site).as_posix() for p in whole_site.rglob("*") if p.is_file()]
    assert [f for f in files if f.endswith(".map")] == []
    named = [f for f in files if f.endswith((".js", ".css")) and b"sourceMappingURL" in (whole_site / f).read_bytes()]
    assert named == []
    lunr = sorted(f.removeprefix("assets/javascripts/lunr/") for f in files if f.startswith("assets/javascripts/lunr/"))
    assert lunr == ["min/lunr.es.min.js", "min/lunr.fr.min.js", "min/lunr.stemmer.support.min.js"]
    assert "assets/screenshot-home.png" not in files  # the README's, on GitHub


def test_shared_files_resolve_without_directory_urls(tmp_path: Path) -> None:
    """Pull-request previews build with CCM_ICA_DIRECTORY_URLS=false (pages as <name>.html): the
    French pages' links to the root's assets and downloads resolve there too. (Spanish is
    re-pointed by the same code after French; the session's build checks both languages' links.)"""
    _need_html5lib()
    site = build_whole_site(tmp_path / "site", {"CCM_ICA_DIRECTORY_URLS": "false"})
    broken, shared = [], 0
    for file in [f for f in html_files(site) if f.startswith("fr/")]:
        for tag, address in parse_page(site, file).addresses:
            target = resolve(site, file, address)
            if target.kind == "broken":
                broken.append(f"{file}: <{tag}> {address!r}: {target.reason}")
            elif target.kind == "file" and not target.file.startswith("fr/"):
                shared += target.file.startswith(("assets/", "data/", "report/"))
    assert not broken, "\n".join(broken[:40])
    assert shared > 1000
    assert (site / "fr" / "countries" / "mne.html").is_file()


# --- privacy: every page in a browser ---------------------------------------------------------


def test_no_page_makes_a_request_to_another_host(site_crawl: Crawl, whole_site: Path) -> None:
    """Open the pages of every language in Chromium (every template; see crawled_pages), JavaScript
    on; count whatever is asked of
    another host (refused: NO_OTHER_HOST) or refused by the pages' Content-Security-Policy.
    The session's one crawl (conftest.py `site_crawl`) opens the pages; axe-core reads some of them."""
    crawl = site_crawl
    print(f"\n{crawl.loaded} pages loaded; {len(crawl.outside)} requests to other hosts, "
          f"{len(crawl.refused_by_policy)} refused by the Content-Security-Policy; "
          f"{len(crawl.missing)} local requests answered an error")
    assert crawl.not_loaded == [], "pages that did not load:\n" + "\n".join(crawl.not_loaded)
    assert crawl.loaded >= len(crawled_pages(whole_site))
    assert crawl.outside == [], f"{len(crawl.outside)} requests to other hosts:\n" + "\n".join(sorted(set(crawl.outside)))
    assert crawl.refused_by_policy == [], "\n".join(crawl.refused_by_policy[:20])
    # Material's language script once asked for <page>/sitemap.xml here (generator/mkdocs_plugin.py).
    broken = sorted(set(crawl.missing))
    assert broken == [], f"{len(broken)} local addresses answered an error:\n" + "\n".join(broken)


def test_requests_to_other_hosts_are_refused_and_counted(browser, site_url: str) -> None:
    """The check above can see: a page that asks another host is caught, and nothing leaves."""
    outside: list[str] = []
    failed: list[str] = []
    context = browser.new_context(proxy=NO_OTHER_HOST)
    context.on("request", lambda r: None if is_local(r.url) else outside.append(r.url))
    context.on("requestfailed", lambda r: None if is_local(r.url) else failed.append(r.url))
    try:
        page = context.new_page()
        page.goto(site_url + "/", wait_until="load")
        page.evaluate("() => { const i = new Image(); i.src = 'http://example.org/probe.png'; document.body.append(i); }")
        with pytest.raises(Exception, match="ERR_PROXY_CONNECTION_FAILED"):
            page.goto("http://example.org/", wait_until="commit")
    finally:
        context.close()
    assert outside == ["http://example.org/probe.png", "http://example.org/"]
    assert sorted(failed) == sorted(outside)


# --- the checks themselves --------------------------------------------------------------------


def test_the_checks_catch_bad_markup_and_broken_links(tmp_path: Path) -> None:
    _need_html5lib()
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<!doctype html><html><head><title>t</title></head><body><div id="x"><span id="x">'
        '<a href="../b/">b</a><a href="#nowhere">n</a><a href="javascript:alert(1)">j</a></body></html>')
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head><body><p id="top">'
        '<a href="a/#x">a</a> <a href="https://example.org/">e</a></p></body></html>')
    bad, good = parse_page(tmp_path, "a/index.html"), parse_page(tmp_path, "index.html")
    assert any("expected-one-end-tag-but-got-another" in e for e in bad.errors), bad.errors
    assert good.errors == [] and good.anchors == {"top"}
    assert bad.duplicate_ids == {"x"}
    assert resolve(tmp_path, "a/index.html", "../b/").kind == "broken"
    assert resolve(tmp_path, "a/index.html", "javascript:alert(1)").kind == "forbidden"
    assert resolve(tmp_path, "a/index.html", "../../").kind == "broken"
    assert resolve(tmp_path, "index.html", "a/#x") == resolve(tmp_path, "a/index.html", "#x")
    assert resolve(tmp_path, "index.html", "https://example.org/").kind == "external"
    assert resolve(tmp_path, "a/index.html", "/a/").file == "a/index.html"
    assert resolve(tmp_path, "404.html", "/../a/").file == "a/index.html"  # as browsers resolve it
    assert resolve(tmp_path, "404.html", "//a/").kind == "broken"  # host "a"
    assert resolve(tmp_path, "404.html", "//").kind == "broken"
