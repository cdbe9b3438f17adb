"""Quotes: the words of its sources that state a record's facts, checked against the seed documents.

A record's `quotes` map a source id to that document's own words (models/common.py `Quotes`), so
a reader can open the page and find them. The check can prove a quote only where the project
holds the document's text: a source with `seed:` names one of the files in seeds/. For every
other source it checks what it can without the network: the record cites the source, the quote
is short, and a web page has an address to open.
"""

from __future__ import annotations

from pathlib import Path

from ccm_ica.content.load import Entry
from ccm_ica.content.pydantic_errors import dotted
from ccm_ica.content.references import Reference, references
from ccm_ica.content.site import Site
from ccm_ica.models.common import QUOTE_WORDS
from ccm_ica.models.fields import cites_sources
from ccm_ica.models.kinds import KINDS
from ccm_ica.models.source import SourceKind
from ccm_ica.problems import Problem, Severity

SEEDS_DIR = "seeds"  # at the project root: the five source documents, as text

# What a copy of a document's words may change without changing the words: typographic quote
# marks and dashes (an editor's autocorrect, or a keyboard without them), spacing and line breaks.
_TYPOGRAPHIC = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def normalised(text: str) -> str:
    """Text as a quote is compared: typographic marks made plain, whitespace collapsed, any case."""
    return " ".join(text.translate(_TYPOGRAPHIC).split()).casefold()


def seed_texts(root: Path, site: Site) -> tuple[dict[str, str], list[Problem]]:
    """Source id → the normalised text of its seed file; a problem for each seed that is missing."""
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    for entry in site.entries["sources"].values():
        seed = entry.record.seed
        if seed is None:
            continue
        file = root / SEEDS_DIR / seed
        if not file.is_file():
            problems.append(Problem(entry.path, *entry.at("seed"), f"seed: there is no file {SEEDS_DIR}/{seed}",
                                    f"use the name of a file in {SEEDS_DIR}/, or remove `seed:` if the document is not one of them"))
            continue
        texts[entry.id] = normalised(file.read_bytes().decode("utf-8", errors="replace"))
    return texts, problems


def _cited(entry: Entry) -> dict[str, Reference]:
    """Each source the record cites, anywhere in it, with its first citation."""
    cited: dict[str, Reference] = {}
    for reference in references(entry.record):
        # A key of `quotes` names a source; it does not cite it.
        if reference.kind == "sources" and not reference.is_key:
            cited.setdefault(reference.target, reference)
    return cited


def _record_problems(entry: Entry, site: Site, texts: dict[str, str]) -> list[Problem]:
    problems: list[Problem] = []
    cited = _cited(entry)
    sources = site.entries["sources"]
    for source_id, quotes in entry.record.quotes.items():
        if source_id not in sources:
            continue  # reported as a dangling reference, with a "did you mean"
        if source_id not in cited:
            problems.append(Problem(entry.path, *entry.at("quotes", source_id, key=True),
                                    f"quotes.{source_id}: the record quotes '{source_id}' but does not cite it",
                                    f"add {source_id} to the sources of the facts it states, or remove the quote"))
        for position, words in enumerate(quotes):
            loc = ("quotes", source_id, position)
            count = len(words.split())
            if count > QUOTE_WORDS:
                problems.append(Problem(entry.path, *entry.at(*loc),
                                        f"{dotted(loc)}: the quote has {count} words, more than {QUOTE_WORDS}",
                                        "quote the shortest words that state the fact; several quotes are allowed"))
            if source_id in texts and normalised(words) not in texts[source_id]:
                seed = sources[source_id].record.seed
                shown = " ".join(words.split())
                problems.append(Problem(entry.path, *entry.at(*loc),
                                        f"{dotted(loc)}: \"{shown}\" is not in the seed document {SEEDS_DIR}/{seed}",
                                        "copy the words exactly as the document has them (spacing, quote marks, "
                                        "dashes and capitals may differ)"))
    for source_id, reference in cited.items():
        if source_id in sources and source_id not in entry.record.quotes:
            problems.append(Problem(entry.path, *entry.at(*reference.loc), f"cites {source_id} with no quote",
                                    f"add under quotes: {source_id} the document's words that state this record's facts",
                                    Severity.warning))
    return problems


def _web_pages_without_address(site: Site) -> list[Problem]:
    return [
        Problem(entry.path, *entry.at("kind"), "a web page with no address",
                "add `url:` with the page's address (http or https), so a reader can open it and find the words",
                Severity.warning)
        for entry in site.entries["sources"].values()
        if entry.record.kind is SourceKind.web_page and not entry.record.url
    ]


def quote_problems(site: Site, root: Path) -> list[Problem]:
    """Every problem with the quotes of every record, the seeds they are read from, and web pages'
    addresses: errors for a quote that cannot stand, warnings for what is still missing."""
    texts, problems = seed_texts(root, site)
    for kind in KINDS:
        if cites_sources(kind.model):
            for entry in site.entries[kind.name].values():
                problems += _record_problems(entry, site, texts)
    problems += _web_pages_without_address(site)
    return problems
