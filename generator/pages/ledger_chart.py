"""The deadline ledger chart: one line per Article 3 or 4 obligation, from its original deadline
through its extensions to its completion, drawn twice: wide, with each State's name beside its
line, and narrow for phones, with the name above its line so the dates take the whole width
(assets/ccm.css shows the one that fits the screen; print takes the wide one)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ccm_ica.facts.deadlines import extension_state, happened
from ccm_ica.i18n import _, long_date
from ccm_ica.models.common import PartialDate
from ccm_ica.models.country import Obligation
from ccm_ica.pages.chart_drawing import (
    FG,
    FONT,
    HOLLOW,
    MUTED,
    ROW,
    Mark,
    _dashed,
    _diamond,
    _el,
    _finish,
    _legend,
    _n,
    _paint,
    _ring,
    _svg,
    _text,
    _text_width,
    _triangle,
)

_EXTENSION_WORDS = {
    "in force": lambda date: _("extended to %(date)s", date=date),
    "to be decided": lambda date: _("extended to %(date)s (not yet in force)", date=date),
    "requested": lambda date: _("extension to %(date)s requested, no decision recorded", date=date),
    "granted, undated": lambda date: _("extended to %(date)s (when, and by which meeting, not recorded)", date=date),
    "refused": lambda date: _("extension to %(date)s refused", date=date),
}


@dataclass(frozen=True)
class LedgerRow:
    """One deadline ledger: original deadline → extended deadlines → completion."""

    label: str
    original: dt.date | None
    extensions: tuple[tuple[dt.date, str], ...] = ()  # new deadline, facts.deadlines.extension_state
    completed: PartialDate | None = None  # as precise as the source: 'June 2023' is never '1 June 2023'

    def dates(self) -> list[dt.date]:
        return [d for d in (self.original, *(x for x, _s in self.extensions), self.completed and self.completed.start) if d]

    def describe(self) -> str:
        parts = [_("original deadline %(date)s", date=long_date(self.original))] if self.original else []
        parts += [_EXTENSION_WORDS[state](long_date(d)) for d, state in self.extensions]
        parts += [_("completed %(date)s", date=long_date(self.completed))] if self.completed else []
        return _("%(row)s: %(events)s.", row=self.label, events="; ".join(parts))


# The narrow drawing is made for a phone's column (360 px less the page's margins), where it is
# shown at its drawn size: text at 13 px, never shrunk past reading. Each row is a label line
# above a line of marks.
NARROW, NARROW_ROW, LABEL_LINE = 330, 38, 16


def deadlines_chart(chart_id: str, title: str, rows: Sequence[LedgerRow], as_of: dt.date, width: float = 6.4) -> Markup:
    """One line per ledger (width in inches, 96 px each), from its first date to its last: a
    ring for the original deadline, a triangle per extension (filled once in force), a diamond
    for completion; a dashed line marks the as-of date. Drawn wide, then narrow for phones."""
    return (_ledger(chart_id, title, rows, as_of, width * 96, narrow=False)
            + _ledger(f"{chart_id}-narrow", title, rows, as_of, NARROW, narrow=True))


def _ledger(chart_id: str, title: str, rows: Sequence[LedgerRow], as_of: dt.date, total: float, narrow: bool) -> Markup:
    desc = " ".join([*(row.describe() for row in rows), _("The dashed line marks %(date)s.", date=long_date(as_of))])
    root = _svg(chart_id, title, desc)
    root.set("class", "ccm-chart--narrow" if narrow else "ccm-chart--wide")
    right = 18  # the last year's number overhangs the plot
    labels = [_fit(row.label, total - 8 if narrow else total * 0.45) for row in rows]
    # Wide: the labels' column, then the plot; narrow: the plot takes the width, labels above.
    left = 14.0 if narrow else max([0.0, *map(_text_width, labels)]) + 14
    row_height = NARROW_ROW if narrow else ROW
    plot = total - left - right - 16
    step = _year_step(rows, as_of, plot)
    years = [d.year for row in rows for d in row.dates()] + [as_of.year]
    first, last = min(years) // step * step, max(years) + 1  # from a tick to the end of the last year
    start, end = dt.date(first, 1, 1).toordinal(), dt.date(last, 1, 1).toordinal()
    # Dates 8 px inside the plot's ends, so that no mark runs over its edge.
    x = lambda day: left + 8 + (day.toordinal() - start) / (end - start) * plot

    top = _legend(root, _ledger_legend(rows, as_of), 4, total - 8) + 10
    bottom = top + len(rows) * row_height
    for i in range(0, len(rows) if len(rows) > 2 else 0, 2):  # faint bands lead the eye from a label to its marks
        _el(root, "rect", x=0, y=top + i * row_height, width=total - right, height=row_height, style=_paint(FG),
            fill_opacity="0.05")
    grid = _el(root, "g", style=_paint(stroke=FG), stroke_width=1)
    for y in range(first, last + 1, step):  # year lines, faint, and the axis's ticks and numbers
        at = x(dt.date(y, 1, 1))
        _el(grid, "path", d=f"M{_n(at)} {_n(top)}V{_n(bottom)}", stroke_opacity="0.15")
        _el(grid, "path", d=f"M{_n(at)} {_n(bottom)}v4")
        _text(root, at, bottom + 14, str(y), "middle")
    _el(grid, "path", d=f"M{_n(left)} {_n(bottom)}H{_n(total - right)}")
    _el(grid, "path", d=f"M{_n(x(as_of))} {_n(top - 4)}V{_n(bottom)}", stroke_dasharray="4 3")
    for i, (row, label) in enumerate(zip(rows, labels)):
        if narrow:
            # Over the year lines: a halo in the page's colour keeps the name readable.
            _el(root, "text", label, x=4, y=top + i * row_height + LABEL_LINE / 2 + 2 + FONT * 0.35,
                style=f"paint-order: stroke; stroke: {HOLLOW}; stroke-width: 3px; stroke-linejoin: round")
            y = top + i * row_height + LABEL_LINE + (row_height - LABEL_LINE) / 2
        else:
            y = top + (i + 0.5) * row_height
            _text(root, left - 10, y, label, "end")
        dates = row.dates()
        if len(set(dates)) > 1:  # the ledger's span, under its marks
            _el(root, "path", d=f"M{_n(x(min(dates)))} {_n(y)}H{_n(x(max(dates)))}",
                style=_paint(stroke=MUTED), stroke_width=2)
        if row.original:
            _ring(root, x(row.original), y)
        for deadline, state in row.extensions:
            _triangle(state == "in force")(root, x(deadline), y)
        if row.completed:
            _diamond(root, x(row.completed.start), y)
    return _finish(root, total, bottom + 26)


def _shorten(label: str, most: int = 48) -> str:
    """A row label short enough to leave room for the dates; the <desc> keeps it whole."""
    return label if len(label) <= most else label[:most - 1].rstrip() + "…"


def _fit(label: str, room: float) -> str:
    """The label, shortened until its estimated width fits the room."""
    most = 48
    while _text_width(_shorten(label, most)) > room and most > 8:
        most -= 2
    return _shorten(label, most)


def _ledger_legend(rows: Sequence[LedgerRow], as_of: dt.date) -> list[tuple[Mark, str]]:
    """A key to the marks the chart uses, and only those."""
    extensions = [state == "in force" for row in rows for _date, state in row.extensions]
    keys = [
        (any(row.original for row in rows), _ring, _("original deadline")),
        (any(extensions), _triangle(True), _("extended deadline, in force")),
        (not all(extensions), _triangle(False), _("extension requested, not in force")),
        (any(row.completed for row in rows), _diamond, _("completion")),
        (True, _dashed, _("as of %(date)s", date=long_date(as_of))),
    ]
    return [(mark, label) for shown, mark, label in keys if shown]


def _year_step(rows: Sequence[LedgerRow], as_of: dt.date, plot: float) -> int:
    """Years between ticks: few enough that the years' numbers (about 30 px wide) stay 34 px apart."""
    years = [d.year for row in rows for d in row.dates()] + [as_of.year]
    span = max(years) - min(years)
    fewest = 1 if span <= 8 else 2 if span <= 16 else 5
    return next(step for step in (1, 2, 5, 10, 20, 50) if step >= fewest and (span / step + 1) * 34 <= plot or step == 50)


def ledger_row(label: str, obligation: Obligation, meeting_dates: dict[str, dt.date], as_of: dt.date) -> LedgerRow:
    """The ledger as of the date: an extension granted later is not in force yet, and a
    completion after it has not happened (the pages' tables and statuses say the same)."""
    return LedgerRow(label, obligation.deadline,
                     tuple((x.new_deadline, extension_state(x, meeting_dates, as_of)) for x in obligation.extensions),
                     obligation.completed if happened(obligation.completed, as_of) else None)
