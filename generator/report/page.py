"""The report as the site publishes it: the /report/ page and the Word file beside it."""

from __future__ import annotations

import datetime as dt
import posixpath
from typing import Any

from markupsafe import Markup

from ..i18n import DEFAULT, current, using
from ..index import Site
from .build import build_report
from .document import to_markdown
from .word import to_docx

DOCX_PATH = "report/ccm-ica-8msp-progress-report.docx"


def context(site: Site) -> dict[str, Any]:
    # The report is a UN meeting document, written in English whatever the page's language.
    current_language = current()
    with using(DEFAULT):
        document, _, _ = build_report(site)
        return {"body": Markup(to_markdown(document, download=posixpath.basename(DOCX_PATH))),
                "in_english": current_language != DEFAULT}


def docx(site: Site, as_of: dt.date | None = None) -> bytes:
    document, _, _ = build_report(site, as_of)
    return to_docx(document, as_of or site.config.as_of)
