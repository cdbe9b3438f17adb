"""The report as the site publishes it: the /report/ page and the Word file beside it, one of each
per language of the site."""

from __future__ import annotations

import datetime as dt
import posixpath

from markupsafe import Markup

from ccm_ica.i18n import DEFAULT
from ccm_ica.report.document import Document, to_markdown
from ccm_ica.report.word import to_docx

DOCX_PATH = "report/ccm-ica-8msp-progress-report.docx"


def docx_path(language: str) -> str:
    """report/ccm-ica-8msp-progress-report.docx, …-fr.docx, …-es.docx: one name per language, so
    every language's file can live at one address whichever language's page links to it."""
    return DOCX_PATH if language == DEFAULT else DOCX_PATH.replace(".docx", f"-{language}.docx")


def page_body(document: Document) -> Markup:
    """The report's Markdown for its page in the document's language, with a link to its Word file."""
    return Markup(to_markdown(document, download=(document.download, posixpath.basename(docx_path(document.language)))))


def word_file(document: Document, as_of: dt.date) -> dict[str, bytes]:
    """The Word file the site publishes beside the page, dated as of the report's figures."""
    return {docx_path(document.language): to_docx(document, as_of)}
