"""Drawing for the charts (pages/charts.py, pages/ledger_chart.py), drawn at build time as static,
accessible SVG put inline in the page.

Written with ElementTree (no plotting library), which escapes every text from YAML. Every chart has
role="img" named by a <title> and a <desc> that come first, and its desc says every number and
date (the page shows them in a table beside it). No fixed colours: currentColor and Material's
CSS variables, so a chart follows the light, dark and print schemes, and its marks differ by
shape and fill as well. Text stays <text> in the page's font; ids start with the chart's id; no
script or external reference; the same figures give the same bytes."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence

from markupsafe import Markup

FG = "currentColor"
MUTED = "var(--md-default-fg-color--light, currentColor)"
ACCENT = "var(--md-typeset-a-color, currentColor)"
# "Hollow" marks are filled with the page's background, so a ledger's line does not show through.
HOLLOW = "var(--md-default-bg-color, transparent)"
FONT = 13  # px: one user unit is one CSS pixel at the drawn width
LINE, ROW = 20, 26  # px: a legend row, a ledger row
# Every drawn number as short, stable text: one decimal at most, never "-0".
_n = lambda x: f"{round(x, 1) + 0.0:.1f}".removesuffix(".0")


# --- drawing ------------------------------------------------------------------------------


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: object) -> ET.Element:
    """A child element; stroke_width=… becomes stroke-width, numbers go through _n (so an
    opacity, finer than 0.1, is given as a string)."""
    element = ET.SubElement(parent, tag, {key.replace("_", "-"): _n(v) if isinstance(v, (int, float)) else str(v)
                                          for key, v in attrs.items() if v is not None})
    element.text = text
    return element


def _paint(fill: str = "none", stroke: str | None = None) -> str:
    # In a style attribute: presentation attributes (fill="…") do not take var().
    return f"fill: {fill}" + (f"; stroke: {stroke}" if stroke else "")


def _text(parent: ET.Element, x: float, y: float, text: str, anchor: str | None = None) -> None:
    """Text whose middle is at height y (0.35 em below y is the baseline of most fonts)."""
    _el(parent, "text", text, x=x, y=y + FONT * 0.35, text_anchor=anchor)


# No font metrics at build time (the page chooses the font): widths in em of a sans-serif like
# Roboto, a little generous, so that a label never runs into the plot.
_WIDTHS = {**dict.fromkeys("iljI.,:;'!|", 0.28), **dict.fromkeys(" ()[]frt-/", 0.36),
           **dict.fromkeys("mwMW@%", 0.86)}


def _text_width(text: str) -> float:
    return FONT * sum(_WIDTHS.get(c, 0.68 if c.isupper() else 0.56) for c in text)


def _svg(chart_id: str, title: str, desc: str) -> ET.Element:
    root = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "role": "img",
                              "aria-labelledby": f"{chart_id}-title {chart_id}-desc"})
    _el(root, "title", title, id=f"{chart_id}-title")
    _el(root, "desc", desc, id=f"{chart_id}-desc")
    return root


def _finish(root: ET.Element, width: float, height: float) -> Markup:
    root.set("viewBox", f"0 0 {_n(width)} {_n(height)}")
    root.set("width", _n(width))
    root.set("height", _n(height))
    # Shrinks with the column, to no less than 70 % of its drawn size (then the page scrolls it):
    # text stays at 9 px or more.
    root.set("style", f"max-width: 100%; min-width: {width * 0.7:.0f}px; height: auto")
    root.set("font-size", str(FONT))
    root.set("fill", FG)  # text; shapes say their own fill
    return Markup(ET.tostring(root, encoding="unicode"))


Mark = Callable[[ET.Element, float, float], None]  # draws a mark centred on (x, y)


def _legend(parent: ET.Element, keys: Sequence[tuple[Mark, str]], x0: float, width: float) -> float:
    """Keys side by side, onto a new row when the width runs out; the height it took."""
    x, y = x0, 0.0
    for mark, label in keys:
        size = 16 + 6 + _text_width(label)
        if x > x0 and x + size > x0 + width:
            x, y = x0, y + LINE
        mark(parent, x + 8, y + LINE / 2)
        _text(parent, x + 22, y + LINE / 2, label)
        x += size + 18
    return y + LINE


def _bar_mark(look: str) -> Mark:
    return lambda parent, x, y: _el(parent, "rect", x=x - 6, y=y - 6, width=12, height=12, style=look)


def _ring(parent: ET.Element, x: float, y: float) -> None:
    _el(parent, "circle", cx=x, cy=y, r=4.5, style=_paint(HOLLOW, FG), stroke_width=1.5)


def _triangle(filled: bool) -> Mark:
    """An extension: a triangle pointing ahead, filled once in force."""
    return lambda parent, x, y: _el(
        parent, "path", d=f"M{_n(x - 4.5)} {_n(y - 6)}L{_n(x + 6)} {_n(y)}L{_n(x - 4.5)} {_n(y + 6)}Z",
        style=_paint(ACCENT if filled else HOLLOW, ACCENT), stroke_width=1.5, stroke_linejoin="round")


def _diamond(parent: ET.Element, x: float, y: float) -> None:
    _el(parent, "path", d=f"M{_n(x)} {_n(y - 5.5)}L{_n(x + 5.5)} {_n(y)}L{_n(x)} {_n(y + 5.5)}L{_n(x - 5.5)} {_n(y)}Z",
        style=_paint(FG))


def _dashed(parent: ET.Element, x: float, y: float) -> None:
    _el(parent, "path", d=f"M{_n(x)} {_n(y - 8)}V{_n(y + 8)}", style=_paint(stroke=FG), stroke_dasharray="4 3")
