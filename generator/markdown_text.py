"""Put text from YAML into Markdown so that it stays text: no HTML, no links, no markup."""

from __future__ import annotations

import re
from urllib.parse import quote

from markupsafe import Markup

# Characters Python-Markdown (with tables) gives meaning to anywhere in a line; all of them
# are in its list of backslash escapes, so the backslash itself never shows.
_INLINE = re.compile(r"([\\`*_{}\[\]()!|])")
# Characters that only mean something at the start of a line (lists, headings, quotes).
_LEADING = re.compile(r"^([-+#>])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def escape_markdown(value: object) -> Markup:
    """Any value as inert Markdown text on one line (whitespace collapsed)."""
    if isinstance(value, Markup):
        return value
    text = " ".join(str(value).split())
    text = "".join(_HTML.get(char, char) for char in text)
    text = _INLINE.sub(r"\\\1", text)
    text = _LEADING.sub(r"\\\1", text)
    text = re.sub(r"^(\d+)\.", r"\1\\.", text)  # "1. x" must not start a list
    return Markup(text)


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
