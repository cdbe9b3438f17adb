"""The pages that appear, disappear or change: each side's planned pages rendered to Markdown in
every language (pages/render.py, no MkDocs build), compared by path; and the files published
beside them (data/, the report's Word file)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from babel import Locale

from ccm_ica import i18n

_ESCAPED = re.compile(r"\\(.)")


@dataclass(frozen=True)
class PageChange:
    """One page, by its address on the site, and the languages in which it differs."""

    url: str  # /countries/tcd/
    title: str
    languages: tuple[str, ...]  # empty: in every language of the site


@dataclass(frozen=True)
class PageChanges:
    added: tuple[PageChange, ...]
    removed: tuple[PageChange, ...]
    changed: tuple[PageChange, ...]
    files: tuple[str, ...]  # data/countries.json… whose bytes differ, appear or disappear

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def page_url(src: str) -> str:
    """'countries/mne.md' → '/countries/mne/'; 'index.md' → '/' (MkDocs' directory URLs)."""
    path = src.removesuffix(".md")
    path = path.removesuffix("index") if path == "index" or path.endswith("/index") else path + "/"
    return "/" + path


def page_title(markdown: str) -> str:
    """The page's first heading, as a reader sees it (Markdown's escapes and HTML's entities undone)."""
    heading = next((line[2:] for line in markdown.splitlines() if line.startswith("# ")), "")
    return html.unescape(_ESCAPED.sub(r"\1", heading)).strip()


def _split(key: str, languages: list[str]) -> tuple[str, str]:
    """'fr/countries/mne.md' → ('fr', 'countries/mne.md'); the default language has no prefix."""
    first, _slash, rest = key.partition("/")
    return (first, rest) if first in languages[1:] and rest else (languages[0], key)


def compare_pages(before: dict[str, str], after: dict[str, str], languages_before: list[str],
                  languages_after: list[str], files_before: dict[str, bytes], files_after: dict[str, bytes]) -> PageChanges:
    """Pages by address, each with the languages it appears, disappears or changes in when
    that is not every language the site is published in."""
    grouped: dict[str, dict[str, dict[str, str]]] = {"before": {}, "after": {}}
    for side, pages, languages in (("before", before, languages_before), ("after", after, languages_after)):
        for key, markdown in pages.items():
            language, src = _split(key, languages)
            grouped[side].setdefault(src, {})[language] = markdown
    added, removed, changed = [], [], []
    for src in sorted(set(grouped["before"]) | set(grouped["after"]), key=lambda s: (page_url(s).count("/"), s)):
        was, now = grouped["before"].get(src, {}), grouped["after"].get(src, {})
        title = page_title(next(iter((now or was).values())))
        if not was:
            added.append(PageChange(page_url(src), title, _named(list(now), languages_after)))
        elif not now:
            removed.append(PageChange(page_url(src), title, _named(list(was), languages_before)))
        else:
            differing = [lang for lang in [*now, *(x for x in was if x not in now)] if was.get(lang) != now.get(lang)]
            if differing:
                changed.append(PageChange(page_url(src), title, _named(differing, languages_after)))
    files = sorted(name for name in set(files_before) | set(files_after) if files_before.get(name) != files_after.get(name))
    return PageChanges(tuple(added), tuple(removed), tuple(changed), tuple(files))


def _named(languages: list[str], published: list[str]) -> tuple[str, ...]:
    """The languages named, unless they are all the site's: most changes touch every language."""
    return () if set(languages) >= set(published) else tuple(language_name(language) for language in languages)


def language_name(code: str) -> str:
    """'French': the language named in the comment's language (the switcher names it in itself)."""
    name = Locale.parse(code).get_display_name(i18n.current()) or code
    return name[:1].upper() + name[1:]
