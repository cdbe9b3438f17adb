"""The built site: pages at the contract's URLs, with the facts, statuses and links readers need."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from sitebuild import build_html, page, prepare
from sitefixture import FILES, write_site


@pytest.fixture(scope="module")
def fixture_site(fixture_build: Path) -> Path:
    return fixture_build  # the session's one build of the fixture site (conftest.py): read only


def copy_of_the_good_build(fixture_build: Path, destination: Path) -> Path:
    """The fixture project with its site built, copied to break it without touching the session's."""
    return Path(shutil.copytree(fixture_build.parent, destination, symlinks=True))


def text_of(html: str) -> str:
    """The visible text of the article, whitespace collapsed."""
    article = html.split('<article', 1)[1].split('</article>', 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", article).split())


CONTRACT_URLS = ["", "countries", "requests", "deadlines", "timeline", "coalitions", "action-plan",
                 "meetings", "sources", "contribute"]


def test_every_contract_url_and_detail_page_exists(fixture_site):
    for url in CONTRACT_URLS + ["countries/mne", "countries/nor", "countries/lao",
                                "meetings/2017-11-24-affected", "meetings/2019-09-02-9msp"]:
        assert (fixture_site / url / "index.html").is_file(), url


def test_profile_shows_ledger_requests_and_sources(fixture_site):
    text = text_of(page(fixture_site, "countries/lao"))
    assert "Original deadline" in text and "1 August 2020" in text
    assert "Extension requested: new deadline" in text and "1 August 2025" in text
    assert "Ninth Meeting of States Parties" in text
    mne = text_of(page(fixture_site, "countries/mne"))
    assert "clearance" in mne and "financial, technical" in mne
    assert "A concept note : “Montenegro completed" in mne.split("Sources &para;")[-1]  # listed once, in Sources
    assert "Montenegro: clearance" in mne  # its coalition


def test_detail_pages_stay_out_of_the_navigation(fixture_site):
    home = page(fixture_site, "")
    assert "countries/mne/" not in home.split("<article", 1)[0]


def test_edit_link_opens_the_record_yaml(fixture_site):
    assert "/edit/main/content/countries/mne.yml" in page(fixture_site, "countries/mne")
    assert "/edit/main/content/meetings/2017-11-24-affected.yml" in page(fixture_site, "meetings/2017-11-24-affected")


def test_timeline_is_in_date_order(fixture_site):
    html = page(fixture_site, "timeline")
    years = [int(y) for y in re.findall(r'<h2 id="(\d{4})"', html)]
    assert years == sorted(years) and years[0] == 2017
    text = text_of(html)
    assert text.index("24 November 2017") < text.index("May 2018") < text.index("21 July 2020") < text.index("1 August 2025")


@pytest.mark.parametrize("as_of, expected", [
    ("2018-06-30", "deadline in 25 months"),
    ("2019-12-01", "pressing: deadline in 8 months"),
    ("2020-08-15", "completed 21 July 2020"),
])
def test_statuses_follow_as_of(tmp_path, as_of, expected):
    site_dir = build_html(prepare(write_site(tmp_path)), as_of=as_of)
    assert expected in text_of(page(site_dir, "countries/mne"))


def test_extension_counts_only_once_granted(tmp_path):
    changes = {"content/countries/lao.yml": FILES["content/countries/lao.yml"].replace(
        "decided_at: 2019-09-02-9msp", "decided_at: 2019-09-02-9msp\n                granted: true")}
    before = build_html(prepare(write_site(tmp_path / "a", changes)), as_of="2019-06-01")
    after = build_html(prepare(write_site(tmp_path / "b", changes)), as_of="2019-10-01")
    assert "deadline in 14 months" in text_of(page(before, "countries/lao"))
    assert "deadline in 70 months" in text_of(page(after, "countries/lao"))


def test_content_error_aborts_and_keeps_the_last_good_site(fixture_build, tmp_path, caplog):
    root = copy_of_the_good_build(fixture_build, tmp_path / "project")
    site_dir = root / "site"
    assert (site_dir / "countries/nor/index.html").is_file()
    (root / "content/countries/nor.yml").write_text("name: Norway\nrole: [donor]\n", encoding="utf-8")
    with pytest.raises((PluginError, Abort)) as failure:
        build_html(root)
    assert "content/countries/nor.yml:2:1: unknown field 'role'" in str(failure.value) + caplog.text
    assert (site_dir / "countries/nor/index.html").is_file()


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts: list[str] = []
        self.bad_attributes: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.bad_attributes.append(f"<{tag} {name}={value}>")
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def test_a_bad_as_of_date_is_named_and_keeps_the_last_good_site(fixture_build, tmp_path, caplog):
    root = copy_of_the_good_build(fixture_build, tmp_path / "project")
    good = page(root / "site", "countries")
    with pytest.raises((PluginError, Abort)) as failure:
        build_html(root, as_of="30 November 2026")
    assert "ccm-ica: as_of must be YYYY-MM-DD" in str(failure.value) + caplog.text
    assert page(root / "site", "countries") == good


PAYLOAD = "</title><script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) {{ 7*7 }} **b**"


def _inject(data, model):
    """Put the payload in every free-text field of a record (models say which fields are text)."""
    from ccm_ica.models.fields import field_shape

    for name, value in list(data.items()):
        info = model.model_fields[name]
        nested = field_shape(info).model
        if nested is not None and isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    _inject(item, nested)
        elif nested is not None and isinstance(value, dict):
            _inject(value, nested)
        elif isinstance(value, str) and info.annotation in (str, str | None) and not any(
                getattr(m, "pattern", None) or type(m).__name__ == "Ref" for m in info.metadata):
            data[name] = PAYLOAD
        elif isinstance(value, list) and all(isinstance(v, str) for v in value) and name in ("who", "hosts"):
            data[name] = [PAYLOAD]
        elif name == "quotes":  # the sources' own words, shown beside each source's link
            data[name] = {source: [PAYLOAD] for source in value}


def test_nothing_executable_reaches_the_html(tmp_path):
    import textwrap

    import yaml

    from ccm_ica.models.kinds import KINDS

    changes = {}
    for path, text in FILES.items():
        kind = next((k for k in KINDS if path.startswith(k.folder + "/")), None)
        if kind is None:
            continue
        data = yaml.safe_load(textwrap.dedent(text))
        _inject(data, kind.model)
        if kind.name == "countries":  # two States of one name would be one State twice (the check refuses it)
            data["name"] = f"{data['name']} {Path(path).stem}"
        changes[path] = yaml.safe_dump(data, allow_unicode=True)
    site_dir = build_html(prepare(write_site(tmp_path, changes)))
    injected = 0
    for html_file in site_dir.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        injected += html.count("alert(1)")
        parser = _Tags()
        parser.feed(html)
        assert parser.bad_attributes == [], html_file
        assert not [s for s in parser.scripts if "alert" in s], html_file
        assert "<img src=x" not in html and "<img src=\"x\"" not in html, html_file
        assert ">49<" not in html
    assert injected > 20  # the payload is shown, as text, in many places
