"""Links that open a file of the repository in GitHub's editor, written `edit:content/…` by the
templates (e.g. /attention/'s File column) and made absolute here, the same way MkDocs makes each
page's "Edit this page" link: mkdocs.yml's repo_url and edit_uri are the one place the
repository's address is written, and only emit/ reads them."""

from __future__ import annotations

import re
from html import escape, unescape
from typing import Any
from urllib.parse import quote, urljoin

SCHEME = "edit:"
_LINK = re.compile(r'<a href="edit:([^"]*)"([^>]*)>(.*?)</a>', re.DOTALL)


def edit_base(config: Any) -> str | None:
    """The address a repository path is appended to (…/edit/main/), or None when mkdocs.yml
    names no repository or no edit_uri (the text then stays, unlinked)."""
    repo_url, edit_uri = config.get("repo_url"), config.get("edit_uri")
    if not edit_uri:
        return None
    if not repo_url:
        return edit_uri if re.match(r"https?://", edit_uri) else None
    return urljoin(repo_url.rstrip("/") + "/", edit_uri.rstrip("/") + "/")


def resolve_edit_links(html: str, config: Any) -> str:
    """The page's HTML with each `edit:` link pointing into the repository's editor."""
    if SCHEME not in html:
        return html
    base = edit_base(config)

    def resolved(match: re.Match[str]) -> str:
        if base is None:
            return match.group(3)
        address = base + quote(unescape(match.group(1)).lstrip("/"), safe="/%")
        return f'<a href="{escape(address, quote=True)}"{match.group(2)}>{match.group(3)}</a>'

    return _LINK.sub(resolved, html)
