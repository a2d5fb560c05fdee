"""The weekly funnel as an SVG bar chart drawn on the server (no JavaScript): one small
chart per step of the funnel, each on its own scale (visits run in the thousands, advice
requests in the tens), one bar per week. Only the published cells are drawn: a "< 5" is a
dashed outline, an "x" a letter x on the baseline. The table beside it has the same
numbers; the template gives the chart a title and a description that say so."""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from leerwerk.analytics.selectors import MEASURES, FunnelRow
from leerwerk.analytics.suppression import THRESHOLD, Cell, Hidden

# Repeat visits are a kind of visit, not a step of the funnel: the table has them.
CHART_MEASURES = ("visits", "searches", "offer_views", "click_outs", "interests", "advice_requests")
WIDTH = 720
_LEFT, _RIGHT = 4, 4
_TITLE, _PLOT, _GAP, _AXIS = 20, 64, 16, 24
_MAX_TICKS = 13


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    kind: str  # "shown", "small" ("< 5") or "hidden" ("x")
    label: str


@dataclass(frozen=True)
class Panel:
    title: str
    top: float
    baseline: float
    scale_label: str
    bars: list[Bar]


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: float
    right: float
    panels: list[Panel]
    ticks: list[Tick]
    axis_y: float


def weekly_chart(
    weeks: Sequence[FunnelRow], *, titles: dict[str, str], number: Callable[[int], str] = str
) -> Chart | None:
    """The chart of `weeks`, with `titles` per measure and `number` to format a count."""
    if not weeks:
        return None
    plot_width = WIDTH - _LEFT - _RIGHT
    band = plot_width / len(weeks)
    bar_width = max(1.0, band * 0.7)
    panels = []
    for position, measure in enumerate(CHART_MEASURES):
        column = MEASURES.index(measure)
        cells = [row.cells[column] for row in weeks]
        top = position * (_TITLE + _PLOT + _GAP)
        baseline = top + _TITLE + _PLOT
        largest = max((cell.value for cell in cells if cell.value is not None), default=0)
        scale = max(largest, THRESHOLD)
        bars = [
            _bar(cell, x=_LEFT + index * band + (band - bar_width) / 2, width=bar_width, baseline=baseline, scale=scale)
            for index, cell in enumerate(cells)
        ]
        labelled = [
            Bar(bar.x, bar.y, bar.width, bar.height, bar.kind, f"{row.key}: {_text(cell, number)}")
            for bar, row, cell in zip(bars, weeks, cells, strict=True)
        ]
        panels.append(Panel(titles[measure], top + _TITLE - 6, baseline, number(largest), labelled))
    axis_y = len(CHART_MEASURES) * (_TITLE + _PLOT + _GAP)
    step = math.ceil(len(weeks) / _MAX_TICKS)
    ticks = [
        Tick(_LEFT + index * band + band / 2, f"W{row.key[-2:]}")
        for index, row in enumerate(weeks)
        if index % step == 0
    ]
    return Chart(WIDTH, int(axis_y + _AXIS), _LEFT, WIDTH - _RIGHT, panels, ticks, axis_y + 14)


def _bar(cell: Cell, *, x: float, width: float, baseline: float, scale: int) -> Bar:
    if cell.hidden is Hidden.FEWER_THAN_5:
        height = max(3.0, _PLOT * (THRESHOLD - 1) / scale)
        return Bar(x, baseline - height, width, height, "small", "")
    if cell.value is None:
        return Bar(x, baseline - 4, width, 0, "hidden", "")
    height = _PLOT * cell.value / scale
    return Bar(x, baseline - height, width, height, "shown", "")


def _text(cell: Cell, number: Callable[[int], str]) -> str:
    return str(cell) if cell.value is None else number(cell.value)
