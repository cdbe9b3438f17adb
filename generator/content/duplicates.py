"""Two records that are one thing: the same meeting, source or State under two file names."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ccm_ica.problems import Problem

if TYPE_CHECKING:
    from ccm_ica.content.load import Entry
    from ccm_ica.content.site import Site


def duplicate_problems(site: Site) -> list[Problem]:
    """Each later file of a pair is reported, pointing at the first: the site would show both."""
    return (
        _same(site.entries["meetings"].values(), "title", lambda m: (m.date, _words(m.title)),
              lambda m: f"the same date, {m.date}, and the same title")
        # A web page changes at one address: a later version read there is another source, with its own date.
        + _same(site.entries["sources"].values(), "url", lambda s: (_address(s.url), s.date) if s.url else None,
                lambda s: f"the same address, {s.url}, and the same date, {s.date or 'none'}")
        + _same(site.entries["countries"].values(), "name", lambda c: _words(c.name),
                lambda c: f"the same name, {c.name}")
    )


def _same(entries: Iterable[Entry], field: str, key_of: Callable[[object], object],
          what: Callable[[object], str]) -> list[Problem]:
    first: dict[object, Entry] = {}
    problems = []
    for entry in entries:
        key = key_of(entry.record)
        if key is None:
            continue
        if key in first:
            kept = first[key]
            problems.append(Problem(entry.path, *entry.at(field),
                                    f"{field}: this {entry.kind.label} is already recorded in {kept.path}: {what(entry.record)}",
                                    f"keep one of the two files: merge what this one adds into {kept.path}, delete this "
                                    f"one, and point its references to '{kept.id}'"))
        else:
            first[key] = entry
    return problems


def _words(text: str) -> str:
    """Text compared as a reader sees it: case and spacing aside."""
    return " ".join(str(text).split()).casefold()


def _address(url: str) -> str:
    """An address as a browser reads it: the host's case and a trailing slash aside. The scheme counts:
    the sources tell two versions of one page apart by it (content/sources/mar-country-chile-*.yml)."""
    scheme, _, rest = url.strip().partition("://")
    host, _, path = rest.partition("/")
    return f"{scheme.lower()}://{host.lower()}/{path}".rstrip("/")
