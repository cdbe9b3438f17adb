"""Which records still show English on the other languages' pages: free text (notes, titles,
summaries…) without a translation into each language of site_config.yml. `ccm-ica check
--reminders` lists them, one warning per record, so coordinators can keep every language whole."""

from __future__ import annotations

from babel import Locale

from ccm_ica.content.site import Site
from ccm_ica.models.fields import texts
from ccm_ica.problems import Problem, Severity


def missing_translations(site: Site) -> list[Problem]:
    """One warning per record with free text lacking one of the site's other languages, at the
    first such text, naming every field and language missing."""
    wanted = [code for code in site.config.languages if code != site.config.languages[0]]
    found = []
    for entries in site.entries.values():
        for entry in entries.values():
            missing = [(loc, [code for code in wanted if text.get(code) is None]) for loc, text in texts(entry.record)]
            missing = sorted(((loc, codes) for loc, codes in missing if codes), key=lambda item: entry.at(*item[0]))
            if not missing:
                continue
            line, column = entry.at(*missing[0][0])
            codes = sorted({code for _loc, lacking in missing for code in lacking}, key=wanted.index)
            fields = ", ".join(f"{_shown(loc)} ({_names(lacking)})" for loc, lacking in missing)
            count = len(missing)
            message = f"{count} text{'s' if count > 1 else ''} not translated: {fields}"
            hint = ("give each text one per language, e.g. note: {en: …, " + ", ".join(f"{code}: …" for code in codes)
                    + "}; the Convention's terms are in locale/GLOSSARY.md")
            found.append(Problem(entry.path, line, column, message, hint, Severity.warning))
    return sorted(found, key=lambda problem: (problem.path, problem.line))


def _shown(loc: tuple[str | int, ...]) -> str:
    """obligations[0].note, as the field reference writes a field's place."""
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc).lstrip(".")


def _names(codes: list[str]) -> str:
    return ", ".join(Locale.parse(code).get_display_name("en") for code in codes)
