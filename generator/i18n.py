"""Languages: the page language of the render under way, gettext catalogs, dates and names.

Load, validate and index run once; render runs once per language inside `using(code, catalogs)`.
Everything that prints words for readers — templates, status labels, reminders — asks `_()`,
which answers in the language of the render under way (English when no catalog has the text).
Catalogs are read from the project being built (its locale/ folder), never from where this
package is installed, and checked before anything is rendered with them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gettext
import io
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pycountry
from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from ccm_ica.problems import Problem

if TYPE_CHECKING:
    from ccm_ica.models.common import PartialDate

LOCALE_DIR = "locale"  # under the project root: locale/<language>/LC_MESSAGES/messages.po
DEFAULT = "en"
# The UN languages the content may carry; the site publishes those site_config.yml lists.
KNOWN = ("en", "fr", "es", "ar", "zh", "ru")
RIGHT_TO_LEFT = frozenset({"ar"})

_ENGLISH = gettext.NullTranslations()
# The language of the render under way and its catalog.
_language: ContextVar[tuple[str, gettext.NullTranslations]] = ContextVar("ccm_ica_language", default=(DEFAULT, _ENGLISH))


def current() -> str:
    return _language.get()[0]


@contextlib.contextmanager
def using(language: str, catalogs: dict[str, gettext.NullTranslations] | None = None) -> Iterator[None]:
    """Render in `language` until the block ends, with its catalog from `catalogs` (see
    load_catalogs); without `catalogs`, the one in use for that language already, if any."""
    if language == DEFAULT:
        translations = _ENGLISH
    elif catalogs is not None:
        translations = catalogs[language]
    elif current() == language:
        translations = _language.get()[1]
    else:
        raise LookupError(f"no catalog loaded for '{language}': pass load_catalogs()'s result to using()")
    token = _language.set((language, translations))
    try:
        yield
    finally:
        _language.reset(token)


def catalog_path(language: str) -> str:
    """Where a language's catalog lives, relative to the project root."""
    return f"{LOCALE_DIR}/{language}/LC_MESSAGES/messages.po"


def load_catalogs(root: Path, languages: list[str]) -> tuple[dict[str, gettext.NullTranslations], list[Problem]]:
    """Every configured language's catalog from the project at `root`, compiled in memory, and
    every problem that would break a page: a missing catalog, a translation whose %(name)s
    placeholders differ from the English text's, a file Babel cannot read."""
    catalogs: dict[str, gettext.NullTranslations] = {}
    problems: list[Problem] = []
    for language in languages:
        if language == DEFAULT:
            continue
        shown = catalog_path(language)
        po = root / shown
        if not po.is_file():
            problems.append(Problem(shown, 1, 1, f"the language '{language}' is in site_config.yml but has no catalog",
                                    f"run `make messages` to create {shown} and translate it, or remove '{language}' from languages"))
            continue
        translations, found = _compiled(po.resolve(), shown, language, po.stat().st_mtime_ns)
        problems += found
        catalogs[language] = translations
    return catalogs, problems


@functools.cache
def _compiled(po: Path, shown: str, language: str, _modified: int) -> tuple[gettext.NullTranslations, list[Problem]]:
    """Compiled once per version of the file: an edit under `mkdocs serve` is read again."""
    try:
        with po.open("rb") as source:
            messages = read_po(source, locale=language, abort_invalid=True)
    except Exception as error:  # Babel's PoFileError, or a locale Babel does not know
        line = getattr(error, "lineno", 1) or 1
        return _ENGLISH, [Problem(shown, line, 1, f"the catalog cannot be read: {error}", "fix the entry at this line")]
    problems = [
        Problem(shown, message.lineno or 1, 1, f"the translation of {message.id!r}: {error}",
                "use the same %(name)s placeholders as the English text, or empty the msgstr to show English")
        for message, errors in messages.check() for error in errors
    ]
    compiled = io.BytesIO()
    write_mo(compiled, messages)
    compiled.seek(0)
    return Translations(compiled), problems


def _(message: str, **params: object) -> str:
    """`message` in the current language; %(name)s placeholders filled from `params`."""
    text = _language.get()[1].gettext(message)
    return text % params if params else text


def catalog_text(message: str) -> str | None:
    """`message`'s translation in the current language's catalog, or None where it has none
    (even one the same as the English: a list of codes reads the same in every language)."""
    catalog = getattr(_language.get()[1], "_catalog", None)
    return catalog.get(message) if catalog else None


def ngettext(singular: str, plural: str, n: int, **params: object) -> str:
    text = _language.get()[1].ngettext(singular, plural, n)
    return text % {"n": n, **params}


def N_(message: str) -> str:
    """Marks a string for the catalog where it is defined; it is translated where it is shown."""
    return message


def _locale() -> Locale:
    return _parsed_locale(current())


@functools.cache
def _parsed_locale(language: str) -> Locale:
    # British English writes dates the way UN documents do: 24 November 2017.
    return Locale.parse("en_GB" if language == DEFAULT else language)


@functools.lru_cache(maxsize=4096)
def _formatted(value: dt.date, skeleton: str | None, language: str) -> str:
    """Babel formats a date in ~50 µs; pages repeat the same few hundred dates thousands of times."""
    locale = _parsed_locale(language)
    return format_skeleton(skeleton, value, locale=locale) if skeleton else format_date(value, format="long", locale=locale)


def long_date(value: dt.date | PartialDate | None, missing: str = "—") -> str:
    """'24 November 2017' / '24 novembre 2017', 'July 2018', '2018': as precise as the source."""
    if value is None:
        return missing
    if not isinstance(value, dt.date):  # a PartialDate
        if not value.month:
            return str(value.year)
        if not value.day:
            return _formatted(dt.date(value.year, value.month, 1), "yMMMM", current())
        value = dt.date(value.year, value.month, value.day)
    return _formatted(value, None, current())


def word_list(items: list[str]) -> str:
    """'Chad, Niger and Peru' / 'Tchad, Niger et Pérou', as the current language joins a list."""
    return format_list(list(items), locale=_locale())


def country_name(iso3: str, english: str) -> str:
    """The State's name in the current language (CLDR, through Babel); the record's in English."""
    if current() == DEFAULT:
        return english
    country = pycountry.countries.get(alpha_3=iso3.upper())
    return _locale().territories.get(country.alpha_2, english) if country else english


def language_name(code: str) -> str:
    """'Français', 'Español': each language named in itself, for the switcher."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


# Facts are computed once per build, in no language: where they carry words, they carry them
# as a Phrase, worded in the page's language each time it is shown (str()).

@dataclass(frozen=True)
class Phrase:
    """A catalog message and its parameters, put into words when shown."""

    message: str
    params: tuple[tuple[str, object], ...] = ()
    plural: str | None = None
    n: int = 0

    def __str__(self) -> str:
        params = {name: str(value) if isinstance(value, _Worded) else value for name, value in self.params}
        if self.plural is None:
            return _(self.message, **params)
        return ngettext(self.message, self.plural, self.n, **params)


def phrase(message: str, **params: object) -> Phrase:
    """`_()` for facts: the same message, worded later (Babel extracts it like `_`)."""
    return Phrase(message, tuple(params.items()))


def phrase_plural(singular: str, plural: str, n: int, **params: object) -> Phrase:
    """`ngettext()` for facts, worded later."""
    return Phrase(singular, tuple(params.items()), plural, n)


@dataclass(frozen=True)
class LongDate:
    """A date written out in the page's language when shown: '1 August 2020', '1 août 2020'."""

    value: dt.date | PartialDate | None

    def __str__(self) -> str:
        return long_date(self.value)


@dataclass(frozen=True)
class CountryName:
    """A State's name in the page's language when shown."""

    iso3: str
    english: str

    def __str__(self) -> str:
        return country_name(self.iso3, self.english)


_Worded = (Phrase, LongDate, CountryName)
