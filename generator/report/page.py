"""The report as the site publishes it: the /report/ page and the Word file beside it."""

from __future__ import annotations

import datetime as dt
import posixpath

from markupsafe import Markup

from ccm_ica.report.document import Document, to_markdown
from ccm_ica.report.word import to_docx

DOCX_PATH = "report/ccm-ica-8msp-progress-report.docx"


def page_body(document: Document) -> Markup:
    """The report's Markdown for its page, the same in every language (a UN meeting document is
    written in English whatever the page's language), with a link to the Word file."""
    return Markup(to_markdown(document, download=posixpath.basename(DOCX_PATH)))


def word_file(document: Document, as_of: dt.date) -> dict[str, bytes]:
    """The Word file the site publishes beside the page, dated as of the report's figures."""
    return {DOCX_PATH: to_docx(document, as_of)}
