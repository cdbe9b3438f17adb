"""Dates as readers write them, in the language of the page (see i18n.long_date)."""

from .i18n import long_date

__all__ = ["long_date"]
