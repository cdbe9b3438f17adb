"""The frame around every page, in its language: the footer (publisher, contact, licence, how to
cite, the date of the data), the header's repository link, what a printed page says at its top,
the page's description and link-preview tags, the 404 page's words, and which pages use the
full width. Worded once per language (`Chrome.make`, inside `i18n.using`), filled in per page."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from html import unescape
from typing import Any

from markupsafe import Markup, escape

from ccm_ica import i18n
from ccm_ica.emit import html_tags
from ccm_ica.models.config import SiteConfig
from ccm_ica.problems import ContentError, Problem

ADDRESS_VARIABLE = "CCM_ICA_SITE_URL"  # a preview's own address; set but empty: no address at all
DESCRIPTION_LENGTH = 160  # what search results and link previews show of a description
_ADDRESS = "\x00address\x00"  # where the page's address goes in the worded "Cite as" line


def site_address(configured: str | None, fallback: str | None = None, directory_urls: bool = True) -> str | None:
    """The published site's address, ending in /: $CCM_ICA_SITE_URL when it is set (empty means
    none: no canonical links, no sitemap entries), else site_config.yml's, else mkdocs.yml's.
    A build whose links end in index.html (a pull-request preview) is not the published site,
    whose addresses end in /: it names none, unless $CCM_ICA_SITE_URL gives one."""
    given = os.environ.get(ADDRESS_VARIABLE)
    if given is None:
        return (configured or fallback) if directory_urls else None
    given = given.strip()
    if not given:
        return None
    if not re.match(r"^https?://[^\s\"'<>]+$", given):
        raise ContentError([Problem(f"${ADDRESS_VARIABLE}", 1, 1, f"{given!r} is not an http(s) address",
                                    "set it to the site's address, e.g. https://example.org/ccm-ica/, or unset it")])
    return given if given.endswith("/") else given + "/"


@dataclass(frozen=True)
class Chrome:
    """The frame's words in one language, with the site's name and the date of its data."""

    site_name: str
    footer: Markup  # publisher, contact, licence, date of the data
    cite: Markup  # "Cite as: …", with the page's address to put at _ADDRESS
    print_label: str  # top of every printed page: site name and the date of the data
    edit_data: str  # the header's repository link
    not_found: dict[str, str]  # the 404 page's words
    titled: str  # "%(title)s: %(text)s", with the language's punctuation
    locale: str  # og:locale, e.g. fr_FR
    other_locales: tuple[str, ...]

    @classmethod
    def make(cls, site_config: SiteConfig, as_of: dt.date, site_name: str) -> Chrome:
        """Worded in the language of the render under way."""
        date = i18n.long_date(as_of)
        publisher = site_config.publisher
        parts = []
        if publisher is not None:
            name = publisher.name.get(i18n.current()) or str(publisher.name)
            contact = _link(publisher.contact, re.sub(r"^https?://(www\.)?", "", publisher.contact).rstrip("/"))
            licence = _link(publisher.licence.url, publisher.licence.name)
            parts += [_worded(i18n._("Published by %(publisher)s."), publisher=name),
                      _worded(i18n._("Questions and corrections: %(link)s"), link=contact),
                      _worded(i18n._("Data and pages under the %(licence)s licence."), licence=licence)]
            cite = _worded(i18n._("Cite as: %(publisher)s, %(title)s, %(address)s, data as of %(date)s."),
                           publisher=name, title=site_name, address=Markup(_ADDRESS), date=date)
        else:
            cite = _worded(i18n._("Cite as: %(title)s, %(address)s, data as of %(date)s."),
                           title=site_name, address=Markup(_ADDRESS), date=date)
        parts.append(_worded(i18n._("Data as of %(date)s."), date=date))
        if i18n.current() != site_config.languages[0]:  # said once per page, where the records are translated
            parts.append(Markup(escape(i18n._("The records' texts are translated by this site: these are not "
                                              "official translations."))))
        footer = Markup("").join(Markup('<span class="ccm-footer__part">%s</span> ') % part for part in parts)
        not_found = {
            "title": i18n._("This page does not exist"),
            "text": i18n._("The address may be mistyped, or the page may have moved or been renamed. From here:"),
            "home": i18n._("Home"),
            "countries": i18n._("Countries"),
            "search": i18n._("Search the site"),
            "search_button": i18n._("Search"),
        }
        languages = site_config.languages
        return cls(site_name=site_name, footer=footer, cite=cite,
                   print_label=i18n._("%(title)s · data as of %(date)s", title=site_name, date=date),
                   edit_data=i18n._("Edit the data on GitHub"), not_found=not_found,
                   titled=i18n._("%(title)s: %(text)s"), locale=_og_locale(i18n.current()),
                   other_locales=tuple(_og_locale(code) for code in languages if code != i18n.current()))

    def for_page(self, page: Any, html: str) -> dict[str, Any]:
        """What the templates show of one page: its description, sharing tags, cite line and
        print header. `html` is the page's rendered content."""
        title = self.site_name if page.is_homepage else _plain(page.title or "")
        description = (page.meta or {}).get("description") or describe(title, html, self.titled)
        address = page.canonical_url
        return {
            "description": description,
            "og": self._sharing(title, description, address),
            "cite": self.cite.replace(_ADDRESS, escape(address or "/" + page.url)),
            "print_css": Markup(_print_css(self.print_label, address)),
        }

    def for_404(self, site_description: str | None) -> dict[str, Any]:
        return {"description": site_description or self.site_name, "og": [], "cite": None,
                "print_css": Markup(_print_css(self.print_label, None)), "not_found": True}

    def _sharing(self, title: str, description: str, address: str | None) -> list[tuple[str, str]]:
        """Open Graph and Twitter tags, so a link pasted into a chat shows a preview."""
        tags = [("og:type", "website"), ("og:site_name", self.site_name), ("og:title", title),
                ("og:description", description), ("og:locale", self.locale)]
        tags += [("og:locale:alternate", other) for other in self.other_locales]
        if address:
            tags.append(("og:url", address))
        return [*tags, ("twitter:card", "summary")]


def describe(title: str, html: str, titled: str = "%(title)s: %(text)s") -> str:
    """The page's title and its first paragraph outside boxes, cut at a word to ~160 characters."""
    first = _first_paragraph(html)
    if not first or first.startswith(title):
        text = first or title
    else:
        text = titled % {"title": title, "text": first}
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    cut = text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return cut + "…"


def full_width(page: Any, nav: Any) -> None:
    """Pages outside a navigation section (every page but the coordinators') hide the left
    sidebar, which would hold one link, and a page with fewer than two sections hides the
    contents sidebar, which would hold one at most: tables get the width and stop wrapping dates."""
    sectioned = {item.file.src_uri.split("/")[0] for item in nav.pages if item.parent is not None}
    listed = {item.file.src_uri for item in nav.pages}
    hidden = list((page.meta or {}).get("hide") or [])
    # A page outside the navigation (a field reference sub-page) would show an empty sidebar.
    outside = page.file.src_uri.split("/")[0] not in sectioned or page.file.src_uri not in listed
    if outside and "navigation" not in hidden:
        hidden.append("navigation")
    if sum(len(entry.children) for entry in page.toc) < 2 and "toc" not in hidden:
        hidden.append("toc")
    page.meta["hide"] = hidden


def _worded(message: str, **params: object) -> Markup:
    """A catalog message as HTML: its text and each parameter escaped, except those that are Markup."""
    return Markup(escape(message)) % params


def _link(url: str, text: str) -> Markup:
    return Markup('<a href="%s">%s</a>') % (url, text)


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


def _og_locale(language: str) -> str:
    """Open Graph wants language_TERRITORY; the site writes British English (i18n._parsed_locale)."""
    territory = {"en": "GB", "fr": "FR", "es": "ES", "ar": "EG", "zh": "CN", "ru": "RU"}.get(language)
    return f"{language}_{territory}" if territory else language


def _print_css(label: str, address: str | None) -> str:
    """Page-margin boxes: every printed sheet names the site, the date of the data and the page."""
    boxes = f"@top-left {{ content: {_css_string(label)}; }}"
    if address:
        boxes += f" @top-right {{ content: {_css_string(address)}; }}"
    return f"@media print {{ @page {{ {boxes} }} }}"


def _css_string(text: str) -> str:
    """A CSS string that cannot end itself or the <style> element it is in."""
    escaped = "".join(f"\\{ord(char):x} " if char in '\\"<>&\n\r' else char for char in text)
    return f'"{escaped}"'


# Boxes (notes, tables, charts) and "Source: …" lines (<small>) are not what a page is about.
_BOXES = frozenset({"div", "details", "table", "figure", "aside", "nav", "blockquote", "small"})


class _FirstParagraph:
    """The text of the first <p> at the top level of a page's content with words of its own, or
    of a profile's "at a glance" box when it comes first ("Treaty status: State Party · …;
    Roles: …"). A detail page's way back to its index ("← All countries") is not its description."""

    def __init__(self) -> None:
        self.depth, self.inside, self.glance, self.text, self.done = 0, False, False, [], False
        self.heading = False

    def read(self, html: str) -> str:
        for token in html_tags.read(html):  # it is near the top: stop reading once it is found
            if isinstance(token, str):
                self.handle_data(token)
            elif token.closing:
                self.handle_endtag(token.name)
            else:
                self.handle_starttag(token.name, token)
            if self.done:
                break
        return re.sub(r" ([:;])", r"\1", " ".join("".join(self.text).split()))

    def handle_starttag(self, tag: str, token: html_tags.Tag) -> None:
        if tag == "p" and self.depth == 0 and "ccm-back" not in _classes(token):
            self.inside, self.text = True, []
        elif tag == "div" and self.depth == 0 and "ccm-glance" in _classes(token):
            self.glance, self.text = True, []
            self.depth += 1
        elif self.glance and tag in ("dt", "dd"):
            self.text.append("; " if tag == "dt" and "".join(self.text).strip() else ": " if tag == "dd" else "")
        elif self.glance and tag in ("h2", "h3"):
            self.heading = True
        elif tag == "br":
            self.handle_data(" ")
        elif tag in _BOXES:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self.inside:
            self.inside = False
            self.done = bool("".join(self.text).strip())
        elif self.glance and tag in ("h2", "h3"):
            self.heading = False
        elif tag in _BOXES:
            self.depth = max(0, self.depth - 1)
            if self.glance and self.depth == 0:
                self.glance, self.done = False, bool("".join(self.text).strip())

    def handle_data(self, data: str) -> None:
        """`data` as the page has it: its character references are resolved only if it is kept."""
        if (self.inside and self.depth == 0) or (self.glance and self.depth == 1 and not self.heading):
            self.text.append(unescape(data))


def _classes(tag: html_tags.Tag) -> list[str]:
    return (tag.attribute("class") or "").split() if "class" in tag.attributes.lower() else []


def _first_paragraph(html: str) -> str:
    return _FirstParagraph().read(html)
