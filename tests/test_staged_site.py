"""A build writes beside the last good site and replaces it only when it succeeds (staged_site.py).

MkDocs alone empties site/ before it builds: a build stopped half-way by a warning under
--strict, or by bad content, would leave a half-built site to be served or deployed.
"""

from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort, PluginError

from generator import staged_site
from sitebuild import build_html, every_file, prepare
from sitefixture import write_site

NOR = "content/countries/nor.yml"


def leftovers(site):
    return sorted(p.name for p in site.iterdir() if p.name in (staged_site.STAGING, staged_site.PREVIOUS))


@pytest.fixture
def built(tmp_path):
    root = prepare(write_site(tmp_path))
    return root, build_html(root)


def test_a_build_failing_under_strict_keeps_the_last_good_site(built, caplog):
    root, site = built
    before = every_file(site)
    (root / "docs" / "notes.md").write_text("# Notes\n\nSee [the plan](no-such-page.md).\n", encoding="utf-8")
    with pytest.raises(Abort, match="strict mode"):
        build_html(root)
    assert "no-such-page.md" in caplog.text  # MkDocs says what was wrong
    assert every_file(site) == before
    assert leftovers(site) == []


def test_bad_content_keeps_the_last_good_site_and_leaves_nothing_behind(built, caplog):
    root, site = built
    before = every_file(site)
    (root / NOR).write_text("name: Norway\nrole: [donor]\n", encoding="utf-8")
    with pytest.raises((PluginError, Abort)):
        build_html(root)
    assert f"{NOR}:2:1: unknown field 'role'" in caplog.text
    assert every_file(site) == before
    assert leftovers(site) == []


def test_a_good_build_replaces_the_visible_site_and_keeps_hidden_entries(built):
    root, site = built
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")  # a deploy checkout
    (site / "stale.html").write_text("from an older build", encoding="utf-8")
    (site / staged_site.STAGING).mkdir(exist_ok=True)
    (site / staged_site.STAGING / "half.html").write_text("from a build that was killed", encoding="utf-8")
    build_html(root)
    assert (site / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/gh-pages\n"
    assert not (site / "stale.html").exists()
    assert (site / "countries" / "nor" / "index.html").is_file()
    assert leftovers(site) == []


def test_a_site_folder_that_does_not_exist_yet_is_made(tmp_path):
    root = prepare(write_site(tmp_path))
    site = build_html(root, tmp_path / "out" / "site")
    assert (site / "index.html").is_file() and leftovers(site) == []


def test_swap_in_puts_the_staged_entries_in_place_of_the_visible_ones(tmp_path):
    site = tmp_path / "site"
    (site / "old").mkdir(parents=True)
    (site / "old" / "page.html").write_text("old", encoding="utf-8")
    (site / ".keep").write_text("kept", encoding="utf-8")
    staging = staged_site.start(site)
    (staging / "new").mkdir()
    (staging / "new" / "page.html").write_text("new", encoding="utf-8")
    (staging / "index.html").write_text("home", encoding="utf-8")
    assert staged_site.swap_in(staging) == site
    assert sorted(p.name for p in site.iterdir()) == [".keep", "index.html", "new"]
    assert (site / "new" / "page.html").read_text(encoding="utf-8") == "new"
