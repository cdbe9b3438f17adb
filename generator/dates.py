"""Dates as readers write them: '24 November 2017', 'July 2018', '2018' — as precise as the source."""

from __future__ import annotations

import datetime as dt

from .models.common import PartialDate

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def long_date(value: dt.date | PartialDate | None, missing: str = "—") -> str:
    if value is None:
        return missing
    if isinstance(value, dt.date):
        value = PartialDate(value.year, value.month, value.day)
    if value.day:
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    if value.month:
        return f"{MONTHS[value.month - 1]} {value.year}"
    return str(value.year)
