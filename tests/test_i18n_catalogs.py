"""The interface in French and Spanish: every string the generator and the templates show is in
locale/<lang>/LC_MESSAGES/messages.po, translated; every code the YAML uses has a readable label;
every title of mkdocs.yml is in the catalog.

When a test here fails after a change of wording: `make messages`, then translate what it lists.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from enum import Enum

import pytest
import yaml
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from ccm_ica.pages import labels
from ccm_ica.facts import reminders
from ccm_ica.i18n import load_catalogs, using
from ccm_ica.models.kinds import KINDS
from ccm_ica.models import action_plan
from ccm_ica.models import coalition
from ccm_ica.models import common
from ccm_ica.models import country
from ccm_ica.models import enums
from ccm_ica.models import meeting
from ccm_ica.models import request
from ccm_ica.models import source
from ccm_ica.content import load_site
from ccm_ica.pages.render import prepare, render_site
from sitefixture import PROJECT, write_site

LANGUAGES = ("fr", "es")
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "ngettext": (1, 2), "phrase": None, "phrase_plural": (1, 2)}


def _mapping() -> tuple[list[tuple[str, str]], dict[str, dict[str, str]]]:
    """babel.cfg, as `make messages` reads it; Jinja's extractor named by its import path."""
    try:
        from babel.messages.frontend import parse_mapping_cfg as parse
    except ImportError:  # Babel < 2.14
        from babel.messages.frontend import parse_mapping as parse
    with (PROJECT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse(config)
    return [(pattern, "jinja2.ext:babel_extract" if method == "jinja2" else method)
            for pattern, method in method_map], options_map


@pytest.fixture(scope="module")
def extracted() -> dict[str | tuple[str, ...], list[str]]:
    """msgid (a tuple for plurals) → where it is used, from generator/ and templates/."""
    method_map, options_map = _mapping()
    found: dict[str | tuple[str, ...], list[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(PROJECT), method_map, options_map, keywords=KEYWORDS, strip_comment_tags=True):
        if message:
            found.setdefault(message, []).append(f"{filename}:{lineno}")
    return found


def _catalog(language: str):
    with (PROJECT / "locale" / language / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po, locale=language)


def test_the_extraction_finds_templates_and_python(extracted):
    places = {where.split(":")[0] for uses in extracted.values() for where in uses}
    assert any(p.startswith("templates/") for p in places) and any(p.startswith("generator/") for p in places)
    assert "Original deadline" in extracted and ("%(n)s request", "%(n)s requests") not in extracted
    assert len(extracted) > 300


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_interface_string_is_translated(extracted, language):
    catalog = _catalog(language)
    problems = []
    for msgid, uses in extracted.items():
        key = msgid[0] if isinstance(msgid, tuple) else msgid
        message = catalog.get(key)
        if message is None:
            problems.append(f"missing: {msgid!r} ({uses[0]})")
        elif message.fuzzy:
            problems.append(f"fuzzy: {msgid!r} ({uses[0]})")
        elif isinstance(msgid, tuple) != message.pluralizable:
            problems.append(f"plural forms differ from the code: {msgid!r} ({uses[0]})")
        elif not (all(message.string) if isinstance(message.string, tuple) else message.string):
            problems.append(f"untranslated: {msgid!r} ({uses[0]})")
    assert not problems, f"locale/{language}/LC_MESSAGES/messages.po (run `make messages`, then translate):\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_their_placeholders(language):
    """A %(name)s the code does not pass, or a stray %, would fail the build in that language only."""
    catalog = _catalog(language)
    errors = [f"{message.id!r}: {error}" for message, found in catalog.check() for error in found]
    assert not errors, "\n".join(errors)
    assert not catalog.fuzzy, f"the header of the {language} catalog is marked fuzzy"


def _enums() -> Iterator[type[Enum]]:
    """Every enumeration of the models, and the reminders' topics and urgencies."""
    for module in (action_plan, coalition, common, country, enums, meeting, request, source, reminders):
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, Enum) and value.__module__ == module.__name__:
                yield value


@pytest.mark.parametrize("enum", list(_enums()), ids=lambda enum: enum.__name__)
def test_every_enum_member_has_a_label(enum):
    given = labels.LABELS.get(enum, {})
    assert [m for m in enum if not given.get(m)] == [], f"add the missing members of {enum.__name__} to generator/pages/labels.py"


def test_every_kind_has_a_label():
    assert set(labels.KIND_LABELS) == {kind.name for kind in KINDS}


def test_labels_come_out_translated():
    catalogs, _ = load_catalogs(PROJECT, ["fr", "es"])
    with using("fr", catalogs):
        assert labels.term(meeting.MeetingKind.affected_only) == "Réunion informelle avec les États touchés"
        assert labels.term(country.TreatyStatus.state_party) == "État partie"
    with using("es", catalogs):
        assert labels.term(request.RequestStatus.partly_met) == "atendida en parte"
    assert labels.term(meeting.MeetingKind.msp) == "Meeting of States Parties"
    assert labels.term(None) == "—"


class _MkDocsLoader(yaml.SafeLoader):
    """mkdocs.yml with its !ENV tags (their values do not matter here)."""


_MkDocsLoader.add_constructor("!ENV", lambda loader, node: None)


def _nav_titles(nav: object) -> Iterator[str]:
    if isinstance(nav, list):
        for item in nav:
            yield from _nav_titles(item)
    elif isinstance(nav, dict):
        for title, value in nav.items():
            yield title
            yield from _nav_titles(value)


def test_every_title_of_mkdocs_yml_is_in_the_catalog():
    config = yaml.load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_MkDocsLoader)
    titles = [*_nav_titles(config["nav"]), config["site_name"], config["site_description"],
              *(scheme["toggle"]["name"] for scheme in config["theme"]["palette"])]
    missing = [title for title in titles if title not in labels.MKDOCS_TITLES]
    assert not missing, f"add these to labels.MKDOCS_TITLES (then `make messages` and translate): {missing}"


@pytest.fixture(scope="module")
def french(tmp_path_factory) -> dict[str, str]:
    site = load_site(write_site(tmp_path_factory.mktemp("french")))
    return {src: markdown for src, (_, markdown) in render_site(prepare(site), "fr").items()}


@pytest.mark.parametrize("src, english", [
    ("countries/mne.md", "Treaty status"), ("countries/mne.md", "deadline in"), ("countries/mne.md", "Source:"),
    ("countries/mne.md", "Original deadline"), ("deadlines/index.md", "Extensions"), ("index.md", "States in the database"),
    ("meetings/index.md", "affected-only"), ("requests/index.md", "evidence-based"), ("coalitions/index.md", "Stage as of"),
    ("action-plan/index.md", "Indicator"), ("data/index.md", "What it holds"), ("attention/index.md", "Urgency"),
])
def test_a_french_page_has_no_english_interface_words(french, src, english):
    assert english not in french[src]
