"""The pages written by hand in docs/, in each language: `step-by-step.fr.md` beside
`step-by-step.md` is that page on the French site, at the same address, so links and the
navigation of mkdocs.yml name only the English file. A page with no translation is shown in
English, marked `lang="en"` under a note that says so (WCAG 3.1.2), as generated pages are."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from mkdocs.structure.files import Files

from ccm_ica import i18n

# The hand-written pages that have no translation in the language being built (their src_uri).
Untranslated = set[str]


def use_translations(files: Files, languages: list[str]) -> Untranslated:
    """Take every `<page>.<code>.md` out of the build; in the language being built, its text
    (and its edit link) replace the English page's. Returns the pages left in English."""
    language = i18n.current()
    translations: dict[str, Any] = {}
    for file in list(files):
        if file.generated_by is not None or not file.is_documentation_page():
            continue
        path = PurePosixPath(file.src_uri)
        code = PurePosixPath(path.stem).suffix.lstrip(".")
        if code in languages and code != languages[0]:
            files.remove(file)
            if code == language:
                translations[str(path.with_name(path.name.replace(f".{code}.md", ".md")))] = file
    untranslated: Untranslated = set()
    for file in files:
        if file.generated_by is not None or not file.is_documentation_page():
            continue
        translated = translations.get(file.src_uri)
        if translated is not None:
            file.content_string = translated.content_string
            file.edit_uri = translated.edit_uri
        elif language != languages[0]:
            untranslated.add(file.src_uri)
    return untranslated


def marked_english(html: str) -> str:
    """A hand-written page shown in English on another language's site: said, and marked."""
    heading = i18n._("Translation")
    note = i18n._("This page has not been translated yet and is shown in English.")
    return (f'<div class="admonition note"><p class="admonition-title">{heading}</p><p>{note}</p></div>\n'
            f'<div lang="en">\n{html}\n</div>')
