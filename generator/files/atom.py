"""The Atom feed (RFC 4287) of what changed: meetings, requests, responses, extensions, completions,
coalition milestones — each entry dated by the fact's own date, up to as_of, never the build's.

Entry ids are tag: URIs (RFC 4151) made from record ids, so a reader never sees an entry twice:
`tag:<domain>,<date>:<path>`, the domain and path from site_config.yml's site_url (the published
address, so a preview's feed keeps the published ids), the date the project's first (2026). Links,
and rel="self", are absolute from the site's address ($CCM_ICA_SITE_URL, else site_url), which a
feed reader needs to follow them. A build with no address at all (a local one, a test's) keeps
links relative to the feed (/data/changes.atom) and mints ids under the reserved name
`ccm-ica.invalid` (RFC 2606): plainly no one's, never a domain it does not hold.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from ccm_ica.content.site import Site
from ccm_ica.emit.chrome import site_address
from ccm_ica.i18n import long_date
from ccm_ica.models.common import PartialDate

FILE_NAME = "changes.atom"
ATOM = "http://www.w3.org/2005/Atom"
# RFC 4151: a date the authority name was held by the project. 2026: the year of the first commit.
# Changing the domain (site_url) changes every id: readers then see each entry once more.
TAG_DATE = "2026"
NO_AUTHORITY = "ccm-ica.invalid"  # RFC 2606 reserves .invalid: the name of no one


@dataclass(frozen=True)
class Change:
    """One dated fact worth telling a subscriber."""

    key: str  # the tag: URI's specific part, from record ids
    when: dt.date
    title: str
    text: str
    link: str  # relative to /data/, where the feed is


def _day(when: dt.date | PartialDate) -> dt.date:
    """A partial date counts from its first day, as everywhere else on the site."""
    return when.start if isinstance(when, PartialDate) else when


def _meetings(site: Site) -> list[Change]:
    return [Change(f"meetings/{e.id}", e.record.date, f"Meeting: {e.record.title}",
                   e.record.summary or f"{e.record.title}, {e.record.city}.", f"../meetings/{e.id}/")
            for e in site.entries["meetings"].values()]


def _requests(site: Site) -> list[Change]:
    names = {i: e.record.name for i, e in site.entries["countries"].items()}
    meetings = {i: e.record.date for i, e in site.entries["meetings"].items()}
    changes = []
    for e in site.entries["requests"].values():
        request, name = e.record, names[e.record.country]
        area = request.area.value.replace("-", " ") if request.area else "assistance"
        when = meetings.get(request.meeting or "") or PartialDate(request.year).start
        changes.append(Change(f"requests/{e.id}", when, f"{name} requested assistance: {area}",
                              request.description, f"../requests/#{e.id}"))
        for number, response in enumerate(request.responses, start=1):
            if response.date is not None:
                changes.append(Change(f"requests/{e.id}/responses/{number}", _day(response.date),
                                      f"{response.by} responded to the request of {name} ({area})",
                                      response.what, f"../requests/#{e.id}"))
    return changes


def _ledgers(site: Site) -> list[Change]:
    """Completions of an obligation, and extensions of a deadline on the day they were granted."""
    meetings = {i: e.record for i, e in site.entries["meetings"].items()}
    changes = []
    for e in site.entries["countries"].values():
        name = e.record.name
        for o in e.record.obligations:
            article = o.article.value
            key, link = f"countries/{e.id}/article-{article}", f"../countries/{e.id}/#article-{article}"
            if o.completed:
                changes.append(Change(f"{key}/completed", _day(o.completed), f"{name} completed its Article {article} obligation",
                                      f"{name} reported completing its Article {article} obligation ({o.completed}).", link))
            for number, x in enumerate(o.extensions, start=1):
                meeting = meetings.get(x.decided_at or "")
                if meeting is not None and x.granted is not False:
                    changes.append(Change(f"{key}/extension-{number}", meeting.date,
                                          f"{name}: Article {article} deadline extended to {long_date(x.new_deadline)}",
                                          f"{meeting.title} decided the extension.", link))
    return changes


def _milestones(site: Site) -> list[Change]:
    changes = []
    for e in site.entries["coalitions"].values():
        seen: dict[str, int] = {}
        for m in sorted(e.record.milestones, key=lambda m: m.date):
            seen[str(m.date)] = seen.get(str(m.date), 0) + 1
            suffix = f"-{seen[str(m.date)]}" if seen[str(m.date)] > 1 else ""
            stage = f" Stage: {m.stage.value}." if m.stage else ""
            changes.append(Change(f"coalitions/{e.id}/{m.date}{suffix}", _day(m.date), f"{e.record.title}: {m.text}",
                                  f"{m.text.rstrip('.')}.{stage}", f"../coalitions/#{e.id}"))
    return changes


def changes(site: Site) -> list[Change]:
    """Every change dated on or before as_of, newest first."""
    found = _meetings(site) + _requests(site) + _ledgers(site) + _milestones(site)
    found = [c for c in found if c.when <= site.as_of]
    return sorted(found, key=lambda c: (c.when, c.key), reverse=True)


_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"  # as ElementTree writes it


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    element.text = text
    return element


def tag_prefix(site_url: str | None) -> str:
    """'tag:ccm-ica.github.io,2026:ccm-ica/' for https://ccm-ica.github.io/ccm-ica/ (RFC 4151)."""
    if not site_url:
        return f"tag:{NO_AUTHORITY},{TAG_DATE}:"
    address = urlsplit(site_url)
    return f"tag:{address.hostname},{TAG_DATE}:{address.path.lstrip('/')}"


def feed(site: Site) -> bytes:
    """The feed as UTF-8 XML; `updated` is its newest entry's date (as_of when it has none)."""
    ET.register_namespace("", ATOM)
    entries = changes(site)
    address = site_address(site.config.site_url)
    tag = tag_prefix(site.config.site_url or address)
    here = urljoin(address, "data/") if address else ""  # the feed's folder: links are relative to it

    def href(link: str) -> str:
        return urljoin(here, link) if here else link

    root = ET.Element(f"{{{ATOM}}}feed")
    _add(root, "id", f"{tag}changes")
    _add(root, "title", f"{site.config.title}: changes")
    _add(root, "subtitle", f"Meetings, requests, responses, extensions, completions and coalition milestones, "
                           f"as of {long_date(site.as_of)}.")
    _add(root, "updated", _stamp(entries[0].when if entries else site.as_of))
    _add(_add(root, "author"), "name", site.config.title)
    _add(root, "link", rel="self", href=href(FILE_NAME), type="application/atom+xml")
    _add(root, "link", rel="alternate", href=href("../timeline/"), type="text/html")
    for change in entries:
        entry = _add(root, "entry")
        _add(entry, "id", tag + change.key)
        _add(entry, "title", change.title)
        _add(entry, "updated", _stamp(change.when))
        _add(entry, "published", _stamp(change.when))
        _add(entry, "link", rel="alternate", href=href(change.link), type="text/html")
        _add(entry, "content", change.text, type="text")
    ET.indent(root)
    # Serialised as text, then encoded once: with encoding="utf-8", ElementTree encodes each of
    # its many small writes apart (half the feed's time on a large site). Same bytes.
    return (_DECLARATION + ET.tostring(root, encoding="unicode") + "\n").encode("utf-8")
