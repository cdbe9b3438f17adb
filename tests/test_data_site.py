"""The built site, fixture and real: /data/ holds every download, and the charts are in the pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ccm_ica.models.kinds import KINDS
from sitebuild import page


@pytest.fixture(scope="module", params=["fixture", "real"])
def built(request) -> Path:
    """The session's one build of the fixture site, or of the real site (conftest.py): read only."""
    return request.getfixturevalue("fixture_build" if request.param == "fixture" else "whole_site")


def test_data_folder_holds_every_download(built):
    data = built / "data"
    expected = [f"{kind.name}.{ext}" for kind in KINDS for ext in ("json", "csv")]
    expected += [f"schemas/{kind.name}.schema.json" for kind in KINDS]
    expected += ["ccm-ica-data.zip", "ccm-ica.ics", "changes.atom", "index.html"]
    for name in expected:
        assert (data / name).is_file(), name
    html = page(built, "data")
    for name in ("countries.json", "countries.csv", "ccm-ica-data.zip", "ccm-ica.ics", "changes.atom"):
        assert f'href="{name}"' in html, name


def test_charts_are_in_the_pages_without_script(built):
    profile = "countries/mne"
    for url in ("", profile, "deadlines"):
        html = page(built, url)
        found = re.findall(r'<div class="ccm-chart"><svg\b.*?</svg></div>', html, flags=re.S)
        assert len(found) == 1, url
        assert "<script" not in found[0] and "<title id=" in found[0]
