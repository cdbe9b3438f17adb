"""Put text from YAML into Markdown so that it stays text: no HTML, no links, no markup."""

from __future__ import annotations

import functools
import re
from contextvars import ContextVar
from urllib.parse import quote

from markupsafe import Markup

from ccm_ica.i18n import DEFAULT, catalog_text, current
from ccm_ica.models.common import LocalizedText

# Set by the renderer for each page: counts texts shown in English for want of a translation.
untranslated: ContextVar[list[str] | None] = ContextVar("ccm_ica_untranslated", default=None)

# One pass of str.translate (the finalize hook runs on every value of every page, so this is the
# renderer's hottest function): HTML's special characters become entities, and the characters
# Python-Markdown (with tables) gives meaning to anywhere in a line get a backslash; all of those
# are in its list of backslash escapes, so the backslash itself never shows.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                          **{char: "\\" + char for char in "\\`*_{}[]()!|"}})
# Characters that only mean something at the start of a line (lists, headings, quotes).
_LEADING = frozenset("-+#>")
_ORDERED_LIST = re.compile(r"^(\d+)\.")


def escape_markdown(value: object) -> Markup:
    """Any value as inert Markdown text on one line (whitespace collapsed)."""
    if type(value) is str:  # the common case, and a pure one: names, labels and dates repeat
        return _escaped_text(value)
    if isinstance(value, Markup):
        return value
    fallback = False
    if isinstance(value, LocalizedText):
        translated = value.get(current())
        fallback = translated is None
        value = str(value) if fallback else translated
    text = _escaped_text(str(value))
    if fallback:
        seen = untranslated.get()
        if seen is not None:
            seen.append(text)
        return Markup(f'<span lang="en" class="ccm-untranslated">{text}</span>')
    return Markup(text)


@functools.lru_cache(maxsize=65536)
def _escaped_text(value: str) -> Markup:
    text = " ".join(value.split()).translate(_ESCAPES)
    if text[:1] in _LEADING:
        text = "\\" + text
    elif text[:1].isdigit():
        text = _ORDERED_LIST.sub(r"\1\\.", text)  # "1. x" must not start a list
    return Markup(text)


def english_only(text: str) -> str:
    """Text written in English in the code (the models' descriptions of fields): its catalog
    translation where `make messages` collected it and a translator gave one; else shown as it
    is, marked as English (and counted as untranslated) on the other languages' pages."""
    if not text:
        return text
    translated = catalog_text(text) if current() != DEFAULT else None
    return LocalizedText(text, {current(): translated} if translated else {})


def safe_url(url: str) -> str:
    """An http(s) address with the characters that would end a Markdown link encoded."""
    if not re.match(r"^https?://", url):
        raise ValueError(f"refusing a link to {url!r}: only http and https addresses are linked")
    return quote(url, safe=":/?#[]@!$&'*+,;=%~.-_")


def markdown_link(text: object, target: str) -> Markup:
    """[text](target), where target is a path the generator made or a checked http(s) URL."""
    if "://" in target:
        target = safe_url(target)
    return Markup(f"[{escape_markdown(text)}]({target})")
