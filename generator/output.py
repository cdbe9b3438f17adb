"""The generator's output for a build, made in the order MkDocs asks for it.

A build asks for, in this order: the site's languages, once the content is valid (`ccm-ica
build` runs one MkDocs build per language); then, per language, the paths of its pages and
files (MkDocs' on_files: bad content stops the build there), each page's Markdown as MkDocs
reads it, and the files' bytes before MkDocs copies them. `produce` makes those values in that
order, as (key, value) pairs, and stores each language's output in the build cache. `Output`
answers each request by reading pairs until its key comes. The pairs come from the build cache when the input
is unchanged; else from `produce` in a forked child (background.py), which makes the next pages
while MkDocs converts the last ones (`busy` tells the build when it would wait, so it can do
other work first); else from `produce` run here in one go at the first request.

Nothing here imports MkDocs, nor the generator proper until a build needs it.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import background, build_cache
from .build_cache import Rendered

Key = tuple[str, ...]
LANGUAGES: Key = ("languages",)  # → the site's languages, the default first
FILES: Key = ("files",)  # → path under the site → bytes; the same in every language


def contents_key(language: str) -> Key:  # → Contents
    return ("contents", language)


def page_key(language: str, src: str) -> Key:  # → the page's Markdown
    return ("page", language, src)


@dataclass(frozen=True)
class Contents:
    """What one language's build adds to MkDocs' files, before any of it is made."""

    pages: list[tuple[str, str | None]]  # Markdown path, YAML file the edit link opens
    files: list[str]  # paths under the site


def produce(root: Path, as_of: dt.date | None, key: str | None,
            languages: Iterable[str] | None = None) -> Iterator[tuple[Key, Any]]:
    """Load, validate, index; then per language (default: every language of the site) plan, and
    render page after page; the files once, after the first language's pages."""
    from .pipeline import build_site

    site = build_site(root, as_of)
    site_languages = tuple(site.config.languages)
    yield LANGUAGES, site_languages  # before importing the rest: `ccm-ica build` is waiting for this
    from .plan import plan_files
    from .render import renderer

    files = plan_files(site)
    made: dict[str, bytes] | None = None
    for language in languages or site_languages:
        planned, render = renderer(site, language, files)
        yield contents_key(language), Contents([(p.src, p.edit) for p in planned], [f.path for f in files])
        markdown = {}
        for one in planned:
            markdown[one.src] = render(one)
            yield page_key(language, one.src), markdown[one.src]
        if made is None:
            made = {f.path: f.content for f in files}
            yield FILES, made
        if key:
            rendered = Rendered({p.src: (p.edit, markdown[p.src]) for p in planned}, made)
            build_cache.store(root, key, language, rendered, site_languages)


def cached(root: Path, key: str, languages: Iterable[str] | None = None) -> list[tuple[Key, Any]] | None:
    """The pairs `produce` made for this key before, if every language asked for was stored."""
    site_languages = build_cache.languages(root, key)
    if not site_languages:
        return None
    stored = {language: build_cache.load(root, key, language) for language in languages or site_languages}
    if not all(stored.values()):
        return None
    pairs: list[tuple[Key, Any]] = [(LANGUAGES, site_languages)]
    for number, (language, rendered) in enumerate(stored.items()):
        assert rendered is not None
        pairs.append((contents_key(language), Contents([(src, edit) for src, (edit, _) in rendered.pages.items()],
                                                   list(rendered.files))))
        pairs += [(page_key(language, src), markdown) for src, (_, markdown) in rendered.pages.items()]
        if number == 0:  # after the first language's pages, as produce does
            pairs.append((FILES, rendered.files))
    return pairs


class Output:
    """Answers a build's requests by key, from pairs read as far as each request needs."""

    def __init__(self, pairs: Iterator[tuple[Key, Any]], where: str):
        self._pairs = pairs
        self._known: dict[Key, Any] = {}
        self.where = where  # "cache", "background" or "here": for timings and tests

    def get(self, key: Key) -> Any:
        while key not in self._known:
            try:
                made, value = next(self._pairs)
            except StopIteration:
                raise LookupError(f"the generator made no {key}") from None  # a bug, not bad content
            self._known[made] = value
        # A page is asked for once; the languages and files by every language's build.
        return self._known.pop(key) if key[0] == "page" else self._known[key]

    def busy(self, key: Key) -> bool:
        """Whether a producer working in the background has yet to make `key`: time in which the
        build may do other work (what has arrived meanwhile is read, so errors are raised here)."""
        arrived = getattr(self._pairs, "arrived", None)
        if arrived is None:  # the cache, or a producer that runs only when asked
            return False
        while key not in self._known:
            if not arrived():
                return True
            try:
                made, value = next(self._pairs)
            except StopIteration:
                return False  # get() says what is missing
            self._known[made] = value
        return False

    def finish(self) -> None:
        """Read to the end: the producer completes its work (it stores the build cache last)."""
        for made, value in self._pairs:
            self._known[made] = value

    def close(self) -> None:
        """Stop a background producer that is no longer needed (a failed build)."""
        close = getattr(self._pairs, "close", None)
        if close is not None:
            close()


def open_output(root: Path, as_of: dt.date | None, languages: Iterable[str] | None = None) -> Output:
    """The output for this build: from the cache, else made in the background, else made here."""
    key = build_cache.fingerprint(root, as_of) if build_cache.enabled() else None
    pairs = cached(root, key, languages) if key else None
    if pairs is not None:
        return Output(iter(pairs), "cache")
    make = functools.partial(produce, root, as_of, key, tuple(languages) if languages else None)
    streamed = background.forked(make)
    if streamed is not None:
        return Output(streamed, "background")
    return Output(_all_at_once(make), "here")


def _all_at_once(make: Callable[[], Iterable[tuple[Key, Any]]]) -> Iterator[tuple[Key, Any]]:
    """Everything, made at the first request with the cycle collector off (pipeline.py says why)."""
    from .pipeline import without_cycle_collection

    with without_cycle_collection():
        pairs = list(make())
    yield from pairs
