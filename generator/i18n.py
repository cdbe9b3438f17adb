"""Languages: the page language of the render under way, gettext catalogs, dates and names.

Load, validate and index run once; plan and render run once per language inside `using(code)`.
Everything that prints words for readers — templates, status labels, reminders — asks `_()`,
which answers in the language of the render under way (English when no catalog has the text).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gettext
import io
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING

import pycountry
from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

if TYPE_CHECKING:  # not imported: the navigation's titles are translated without Pydantic
    from .models.common import PartialDate

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DEFAULT = "en"
# The UN languages the content may carry; the site publishes those site_config.yml lists.
KNOWN = ("en", "fr", "es", "ar", "zh", "ru")
RIGHT_TO_LEFT = frozenset({"ar"})

_language: ContextVar[str] = ContextVar("ccm_ica_language", default=DEFAULT)


def current() -> str:
    return _language.get()


@contextlib.contextmanager
def using(language: str) -> Iterator[None]:
    """Render in `language` until the block ends."""
    token = _language.set(language)
    try:
        yield
    finally:
        _language.reset(token)


@functools.cache
def catalog(language: str) -> gettext.NullTranslations:
    """The compiled catalog of locale/<language>/LC_MESSAGES/messages.po (compiled in memory)."""
    po = LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"
    if language == DEFAULT or not po.is_file():
        return gettext.NullTranslations()
    with po.open("rb") as source:
        messages = read_po(source, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, messages)
    compiled.seek(0)
    return Translations(compiled)


def _(message: str, **params: object) -> str:
    """`message` in the current language; %(name)s placeholders filled from `params`."""
    text = catalog(current()).gettext(message)
    return text % params if params else text


def ngettext(singular: str, plural: str, n: int, **params: object) -> str:
    text = catalog(current()).ngettext(singular, plural, n)
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
