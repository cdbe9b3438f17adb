"""The frame of every page, as readers meet it: the footer (publisher, contact, licence, how to
cite, the date of the data) in each language, the header's repository link, link previews and
search descriptions, sitemaps, the 404 pages, the full width, the phone header and print.

Most tests read the session's build of the real site (conftest.py `whole_site`); the fixture
site, which has no publisher and no address, shows that the frame needs neither."""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_support import PHONE, WIDE, why_no_browser
from site_pages import BUILD_EPOCH, PROJECT, SERVED_PATH, html_files, resolve
from sitebuild import build_html, prepare
from sitefixture import write_site

from ccm_ica import i18n
from ccm_ica.content import load_site

CONFIG = load_site(PROJECT).config
DATA_DATE = dt.datetime.fromtimestamp(int(BUILD_EPOCH), dt.UTC).date()  # the session's build's clock
CATALOGS, _ = i18n.load_catalogs(PROJECT, list(CONFIG.languages))
PREFIX = {code: "" if code == CONFIG.languages[0] else f"{code}/" for code in CONFIG.languages}
browser_only = pytest.mark.skipif(why_no_browser() is not None, reason=why_no_browser() or "")


def worded(language: str, message: str, **params: str) -> str:
    """`message` as the site shows it in `language`: its catalog's text, or English without one."""
    with i18n.using(language, CATALOGS):
        return html.escape(i18n._(message, **params), quote=False)


def read(site: Path, file: str) -> str:
    return (site / file).read_text(encoding="utf-8")


def footer(page: str) -> str:
    return page.split('<footer class="md-footer">', 1)[1].split("</footer>", 1)[0]


def metas(page: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for key, value in re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', page):
        found.setdefault(key, []).append(html.unescape(value))
    return found


def canonical(page: str) -> str | None:
    found = re.search(r'<link rel="canonical" href="([^"]+)"', page)
    return found.group(1) if found else None


@pytest.mark.parametrize("language", CONFIG.languages)
def test_every_page_has_the_footer_in_its_language(whole_site: Path, language: str) -> None:
    publisher = CONFIG.publisher
    name = publisher.name.get(language) or str(publisher.name)
    with i18n.using(language, CATALOGS):
        date = i18n.long_date(DATA_DATE)
    files = [f for f in html_files(whole_site) if f.startswith(PREFIX[language]) and
             (language != CONFIG.languages[0] or not f.startswith(tuple(p for p in PREFIX.values() if p)))]
    assert len(files) > 100
    for file in files:
        page = read(whole_site, file)
        assert "Made with" not in page and "squidfunk" not in page, file
        bottom = footer(page)
        assert worded(language, "Published by %(publisher)s.", publisher=name) in bottom, file
        assert f'<a href="{publisher.contact}">' in bottom, file
        assert f'<a href="{publisher.licence.url}">{publisher.licence.name}</a>' in bottom, file
        assert worded(language, "Data as of %(date)s.", date=date) in bottom, file
        if file.endswith("404.html"):
            continue
        cite = worded(language, "Cite as: %(publisher)s, %(title)s, %(address)s, data as of %(date)s.",
                      publisher=name, title=worded(language, "CCM cooperation and assistance"),
                      address=canonical(page) or "", date=date)
        assert cite in bottom, file


@pytest.mark.parametrize("language", CONFIG.languages)
def test_the_repository_link_is_labelled_for_the_public(whole_site: Path, language: str) -> None:
    page = read(whole_site, PREFIX[language] + "countries/index.html")
    link = re.search(r'<a href="([^"]+)" title="([^"]+)" class="md-source">(.*?)</a>', page, re.DOTALL)
    assert link and link.group(1) == "https://github.com/ccm-ica/ccm-ica"
    label = worded(language, "Edit the data on GitHub")
    assert link.group(2) == label and label in link.group(3)


@pytest.mark.parametrize("language", CONFIG.languages)
def test_each_page_has_its_address_description_and_preview_tags(whole_site: Path, language: str) -> None:
    root = CONFIG.site_url + PREFIX[language]
    files = [f for f in html_files(whole_site) if f.startswith(PREFIX[language]) and not f.endswith("404.html")
             and (language != CONFIG.languages[0] or not f.startswith(("fr/", "es/")))]
    descriptions: dict[str, str] = {}
    for file in files:
        page = read(whole_site, file)
        path = file[len(PREFIX[language]):].removesuffix("index.html")
        assert canonical(page) == root + path, file
        tags = metas(page)
        assert len(tags["description"]) == 1, file
        description = tags["description"][0]
        assert 0 < len(description) <= 161 and "\\" not in description, (file, description)
        assert description not in descriptions, f"{file} and {descriptions.get(description)} share {description!r}"
        descriptions[description] = file
        assert tags["og:url"] == [root + path] and tags["og:description"] == [description], file
        assert tags["og:type"] == ["website"] and tags["twitter:card"] == ["summary"], file
        assert tags["og:site_name"] == [html.unescape(worded(language, "CCM cooperation and assistance"))]
        assert tags["og:locale"][0].startswith(language + "_"), file
        assert len(tags["og:locale:alternate"]) == len(CONFIG.languages) - 1, file
    mne = metas(read(whole_site, PREFIX[language] + "countries/mne/index.html"))
    with i18n.using(language, CATALOGS):
        assert mne["og:title"] == [i18n.country_name("mne", "Montenegro")]


@pytest.mark.parametrize("language", CONFIG.languages)
def test_each_language_has_a_sitemap_of_its_pages(whole_site: Path, language: str) -> None:
    sitemap = read(whole_site, PREFIX[language] + "sitemap.xml")
    addresses = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    root = CONFIG.site_url + PREFIX[language]
    assert len(addresses) > 100 and all(a.startswith(root) for a in addresses)
    assert root + "countries/mne/" in addresses and root in addresses


@pytest.mark.parametrize("language", CONFIG.languages)
def test_the_404_page_speaks_its_language_and_works_at_any_depth(whole_site: Path, language: str) -> None:
    file = PREFIX[language] + "404.html"
    page = read(whole_site, file)
    assert f'<html lang="{language}"' in page
    assert f"<h1>{worded(language, 'This page does not exist')}</h1>" in page
    assert '<meta name="robots" content="noindex">' in page
    home = SERVED_PATH + PREFIX[language]
    body = page.split("<article", 1)[1].split("</article>", 1)[0]
    assert f'<a href="{home}">{worded(language, "Home")}</a>' in body
    assert f'<a href="{home}countries/">{worded(language, "Countries")}</a>' in body
    assert f'action="{home}"' in body and 'name="q"' in body  # Material's search opens on ?q=
    # Served for a missing address at any depth, the page names every asset and link from the root.
    for address in re.findall(r'(?:href|src|action)="([^"#]+)"', page):
        if address.startswith(("http://", "https://")):
            continue
        assert address.startswith(SERVED_PATH), f"{file}: {address} depends on where the page is served"
        assert resolve(whole_site, file, address).kind == "file", f"{file}: {address}"
    switcher = {lang: href for href, lang in re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)" lang', page)}
    assert switcher == {code: CONFIG.site_url + PREFIX[code] for code in CONFIG.languages}


def test_pages_outside_the_contribute_section_use_the_full_width(whole_site: Path) -> None:
    def sidebar_hidden(file: str, kind: str) -> bool:
        tag = re.search(rf'<div class="md-sidebar md-sidebar--{kind}"[^>]*>', read(whole_site, file)).group(0)
        return tag.endswith("hidden>")

    for file in ("index.html", "countries/index.html", "countries/mne/index.html", "deadlines/index.html",
                 "report/index.html", "fr/requests/index.html"):
        assert sidebar_hidden(file, "primary"), file
    for file in ("contribute/index.html", "attention/index.html", "es/contribute/step-by-step/index.html"):
        assert not sidebar_hidden(file, "primary"), file
    assert sidebar_hidden("countries/index.html", "secondary")  # no sections: no contents
    assert sidebar_hidden("deadlines/index.html", "secondary")  # one: its heading is in sight
    assert not sidebar_hidden("report/index.html", "secondary")


# --- a site with no publisher and no address ------------------------------------------------


@pytest.fixture(scope="module")
def plain_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return prepare(write_site(tmp_path_factory.mktemp("chrome") / "project"))


def test_without_a_publisher_or_an_address_the_frame_names_what_it_knows(plain_project: Path, tmp_path: Path) -> None:
    site = build_html(plain_project, tmp_path / "site")
    page = read(site, "countries/mne/index.html")
    bottom = footer(page)
    assert "Published by" not in bottom and "Data as of 30 June 2018." in bottom
    assert "Cite as: CCM cooperation and assistance, /countries/mne/, data as of 30 June 2018." in bottom
    assert canonical(page) is None and "og:url" not in metas(page)
    assert "<loc>" not in read(site, "sitemap.xml")
    assert "@top-left" in page and "@top-right" not in page  # no address to print


def test_the_address_variable_wins_and_empty_means_none(plain_project: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CCM_ICA_SITE_URL", "https://preview.example.org/pr-7")
    site = build_html(plain_project, tmp_path / "given")
    page = read(site, "countries/mne/index.html")
    assert canonical(page) == "https://preview.example.org/pr-7/countries/mne/"
    assert "<loc>https://preview.example.org/pr-7/countries/mne/</loc>" in read(site, "sitemap.xml")
    assert 'href="/pr-7/assets/ccm.css"' in read(site, "404.html")
    monkeypatch.setenv("CCM_ICA_SITE_URL", "")
    page = read(build_html(plain_project, tmp_path / "none"), "countries/mne/index.html")
    assert canonical(page) is None and "og:url" not in metas(page)


def test_a_preview_names_no_address(tmp_path: Path, monkeypatch) -> None:
    """Pull-request previews (links ending in index.html, opened from disk) are not the published
    site, whose addresses end in /: site_config.yml's address is not theirs."""
    project = prepare(write_site(tmp_path / "project", {}))
    config = project / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + '\nsite_url: "https://example.org/ccm/"\n', encoding="utf-8")
    assert "/ccm/countries/mne/" in read(build_html(project, tmp_path / "published"), "sitemap.xml")
    monkeypatch.setenv("CCM_ICA_DIRECTORY_URLS", "false")
    site = build_html(project, tmp_path / "preview")
    page = read(site, "countries/mne.html")
    assert canonical(page) is None and "og:url" not in metas(page) and "<loc>" not in read(site, "sitemap.xml")
    assert "Cite as: CCM cooperation and assistance, /countries/mne.html," in footer(page)
    assert 'href="/countries/index.html"' in read(site, "404.html")


def test_a_bad_address_variable_is_a_clear_error(plain_project: Path, tmp_path: Path) -> None:
    environment = {**os.environ, "CCM_ICA_SITE_URL": "ccm-ica.github.io/ccm-ica/", "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "ccm_ica", "--root", str(plain_project), "build",
                           "--site-dir", str(tmp_path / "out")], capture_output=True, text=True, env=environment, check=False)
    assert done.returncode == 1
    assert "$CCM_ICA_SITE_URL:1:1: 'ccm-ica.github.io/ccm-ica/' is not an http(s) address" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "out").exists()


# --- in the browser: the phone header, the title style, print --------------------------------


@pytest.fixture
def opened(new_page, site_url: str):
    def opener(path: str, media: str = "screen", **options):
        page = new_page(**options)
        page.goto(site_url + path, wait_until="load")
        page.emulate_media(media=media)
        return page
    return opener


@browser_only
@pytest.mark.parametrize("width", [360, 390])
@pytest.mark.parametrize("language", CONFIG.languages)
def test_the_site_name_is_whole_in_a_phone_header(opened, language: str, width: int) -> None:
    page = opened("/" + PREFIX[language], viewport={"width": width, "height": PHONE["height"]})
    name = page.locator(".md-header__topic").first.locator(".md-ellipsis")
    box = name.evaluate("e => ({sw: e.scrollWidth, cw: e.clientWidth, sh: e.scrollHeight, ch: e.clientHeight,"
                        " right: e.getBoundingClientRect().right, text: e.textContent.trim()})")
    assert box["text"] == html.unescape(worded(language, "CCM cooperation and assistance"))
    assert box["sw"] <= box["cw"] and box["sh"] <= box["ch"], f"the site's name is cut: {box}"
    assert box["right"] <= width


@browser_only
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_page_titles_are_strong(opened, scheme: str) -> None:
    page = opened("/countries/", viewport=WIDE, color_scheme=scheme)
    style = page.locator("article h1").first.evaluate("e => [getComputedStyle(e).fontWeight, getComputedStyle(e).color]")
    assert style[0] == "700"
    channels = [int(c) for c in re.findall(r"[\d.]+", style[1])[:3]]
    assert (max(channels) < 60) if scheme == "light" else (min(channels) > 190), style


@browser_only
def test_print_puts_the_site_date_and_address_atop_each_sheet_and_drops_buttons(opened) -> None:
    page = opened("/report/", media="print", viewport=WIDE)
    assert page.locator("article a.md-button").count() > 0
    assert page.locator("article a.md-button").first.is_hidden()  # "Download … Word"
    style = page.evaluate("() => [...document.querySelectorAll('head style')].map(s => s.textContent).join('')")
    with i18n.using("en", CATALOGS):
        date = i18n.long_date(DATA_DATE)
    assert f'@top-left {{ content: "CCM cooperation and assistance · data as of {date}"; }}' in style
    assert f'@top-right {{ content: "{CONFIG.site_url}report/"; }}' in style
    assert page.locator(".md-footer .ccm-footer__cite").is_visible()  # how to cite, on paper too
    assert page.evaluate("() => getComputedStyle(document.querySelector('article h2')).breakAfter") == "avoid"


@browser_only
def test_the_countries_table_repeats_its_header_with_its_words_in_print(opened, tmp_path: Path) -> None:
    page = opened("/countries/", media="print", viewport=WIDE)
    header = page.locator("article thead").first
    assert header.evaluate("e => getComputedStyle(e).display") == "table-header-group"
    # Chromium leaves form controls out of a header row it repeats: the sort buttons are text on paper.
    assert header.locator("button.ccm-sort").first.evaluate("e => getComputedStyle(e).display") == "contents"
    if shutil.which("pdftotext") is None:
        return  # poppler-utils: the words of the second sheet, where the header row repeats
    pdf = tmp_path / "countries.pdf"
    page.pdf(path=str(pdf), format="A4")
    second = subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-layout", str(pdf), "-"],
                            capture_output=True, text=True, check=True).stdout
    lines = [line for line in second.splitlines() if line.strip()]
    assert lines[0].strip().startswith("CCM cooperation and assistance") and urlsplit(CONFIG.site_url).netloc in lines[0]
    assert "State" in lines[1] and "Treaty" in lines[1], lines[:3]
