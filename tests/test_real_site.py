"""The real content built into the real site: every record gets its page, nothing leaves the host."""

from __future__ import annotations

import filecmp
import os
import re
from pathlib import Path

import pytest

from ccm_ica import cli
from ccm_ica.content import load_site
from site_pages import BUILD_EPOCH, build_whole_site
from sitebuild import page
from sitefixture import PROJECT


@pytest.fixture(scope="module")
def real_site(whole_site: Path) -> Path:
    return whole_site  # the session's one build of the whole site (conftest.py)


def test_a_page_for_every_country_and_meeting(real_site):
    site = load_site(PROJECT)
    for iso3 in site.entries["countries"]:
        assert (real_site / "countries" / iso3 / "index.html").is_file(), iso3
    for slug in site.entries["meetings"]:
        assert (real_site / "meetings" / slug / "index.html").is_file(), slug


def test_montenegro_profile(real_site):
    html = page(real_site, "countries/mne")
    assert "1 August 2020" in html and "21 July 2020" in html
    assert "Norway" in html
    assert "edit/main/content/countries/mne.yml" in html


# Links a reader clicks (and the canonical address) may point elsewhere; nothing the browser loads by itself may.
_LOADED = re.compile(r'<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc="(?P<src>[^"]+)"'
                     r'|<link\b(?![^>]*\brel="canonical")[^>]*\bhref="(?P<href>[^"]+)"'  # a canonical link loads nothing
                     r'|url\((?P<url>[^)]+)\)'
                     r'|@import\s+["\'](?P<imp>[^"\']+)')


def test_no_reference_to_another_host_except_links(real_site):
    offenders = []
    for file in sorted(real_site.rglob("*")):
        if file.suffix not in (".html", ".css", ".js", ".json", ".xml"):
            continue
        text = file.read_text(encoding="utf-8", errors="replace")
        for match in _LOADED.finditer(text):
            target = next(g for g in match.groups() if g).strip("'\" ")
            if re.match(r"^(https?:)?//", target):
                offenders.append(f"{file.relative_to(real_site)}: {target}")
    assert offenders == []


def test_two_builds_are_byte_identical(real_site, tmp_path, monkeypatch, capsys):
    """`ccm-ica build` again, every language, in this process: the same bytes as the session's build."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)  # as the session's build had it
    # A site given with CCM_SITE may come from other sources or another date: build the first one too.
    first = build_whole_site(tmp_path / "one") if os.environ.get("CCM_SITE") else real_site
    second = tmp_path / "two"
    assert cli.main(["--root", str(PROJECT), "build", "--site-dir", str(second)]) == 0, capsys.readouterr().err
    differences = []

    def compare(cmp: filecmp.dircmp) -> None:
        differences.extend(cmp.left_only + cmp.right_only + cmp.diff_files)
        for sub in cmp.subdirs.values():
            compare(sub)

    compare(filecmp.dircmp(first, second, ignore=[]))
    assert {"fr", "es"} <= {path.name for path in first.iterdir()}  # every language is compared
    assert differences == []


def test_the_sources_page_carries_no_list_of_its_230_titles(real_site):
    """hide: toc — Material would still build the list and hide it, and work on it on a phone."""
    html = page(real_site, "sources")
    secondary = re.findall(r'<nav class="md-nav md-nav--secondary".*?</nav>', html, re.S)
    assert secondary and not any('data-md-component="toc"' in nav for nav in secondary)
    assert html.count('class="md-nav__link"') < 40  # the site's sections only
    assert html.count("<h2 ") > 200  # every source still has its heading and anchor
    assert '"content.tooltips"' not in html  # the browser's own title tooltips (mkdocs.yml)
