"""Small numbers in the funnel report (ADR 0013, "Small numbers").

Public surface: `THRESHOLD`, `Hidden`, `Cell`, `Column`, `protect_measure`.

One measure (visits, searches, …) appears in three tables of a report (per week, per
region, per campaign source) and in the report's total. A count from 1 to 4 is shown as
"< 5"; 0 stays 0; a total from 1 to 4 is "< 5" too. So that such a count cannot be worked
out from the others:

1. When a week shows "< 5", the total is withheld ("x"), and each region or campaign
   column without a "< 5" hides its smallest count ("x"): otherwise the total, minus that
   of a report over fewer weeks, would give the week's number.
2. The published figures are then read the way someone who knows this rule would: a
   "< 5" is 1 to 4; an "x" beside shown counts is at least 5 and at most the smallest
   count still shown in its column (an "x" in a column hidden whole is anything); a
   column adds up to the total. While some "< 5" could have only one value, its column
   hides its smallest shown count; a column with nothing left to hide is hidden whole,
   zeros included.

Pure functions: the selectors pass counts in and get cells out."""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

THRESHOLD = 5
_INFINITY = math.inf


class Hidden(StrEnum):
    FEWER_THAN_5 = "fewer_than_5"
    PROTECTS = "protects_small_numbers"


@dataclass(frozen=True, slots=True)
class Cell:
    """A count as published: `value` is None when it is hidden, and `hidden` says why.
    A hidden cell does not hold its count, so no template or serializer can show it."""

    value: int | None
    hidden: Hidden | None = None

    def __str__(self) -> str:
        if self.hidden is Hidden.FEWER_THAN_5:
            return f"< {THRESHOLD}"
        if self.hidden is not None:
            return "x"
        return str(self.value)

    @property
    def is_hidden(self) -> bool:
        return self.hidden is not None


@dataclass(frozen=True, slots=True)
class Column:
    """One measure's counts in one table, which add up to the total. (Visits per region or
    campaign can add up to more, when a visitor was in two rows on one day; they are read
    as if they added up, as they nearly always do, which is the stricter reading.)"""

    values: tuple[int, ...]


# How a cell is published, while the rule works on it.
_SHOWN, _SMALL, _COMPLEMENT, _WHOLE = "shown", "small", "complement", "whole"


@dataclass
class _State:
    column: Column
    kinds: list[str]

    def shown_nonzero(self) -> list[int]:
        return [i for i, kind in enumerate(self.kinds) if kind == _SHOWN and self.column.values[i] > 0]

    def hide_smallest(self) -> bool:
        """Hide the smallest count still shown; False when none is left."""
        candidates = self.shown_nonzero()
        if not candidates:
            return False
        self.kinds[min(candidates, key=lambda i: (self.column.values[i], i))] = _COMPLEMENT
        return True

    def hide_whole(self) -> None:
        self.kinds = [_WHOLE] * len(self.kinds)

    def bounds(self) -> list[tuple[float, float]]:
        """What a reader can tell about each cell from the published column."""
        smallest_shown = min((self.column.values[i] for i in self.shown_nonzero()), default=_INFINITY)
        known = {_SMALL: (1, THRESHOLD - 1), _COMPLEMENT: (THRESHOLD, smallest_shown), _WHOLE: (0, _INFINITY)}
        return [
            (value, value) if kind == _SHOWN else known[kind]
            for kind, value in zip(self.kinds, self.column.values, strict=True)
        ]

    def total_range(self) -> tuple[float, float]:
        """The totals the published column allows."""
        bounds = self.bounds()
        return sum(low for low, _high in bounds), sum(high for _low, high in bounds)


def _published(state: _State) -> list[Cell]:
    cells = []
    for kind, value in zip(state.kinds, state.column.values, strict=True):
        if kind == _SHOWN:
            cells.append(Cell(value))
        elif kind == _SMALL:
            cells.append(Cell(None, Hidden.FEWER_THAN_5))
        else:
            cells.append(Cell(None, Hidden.PROTECTS))
    return cells


def _is_small(count: int) -> bool:
    return 0 < count < THRESHOLD


def protect_measure(
    *, total: int, weeks: Column, groups: Sequence[Column] = ()
) -> tuple[Cell, list[Cell], list[list[Cell]]]:
    """The published total, weekly cells and cells of each other grouping (regions,
    campaign sources), in the order given."""
    states = [
        _State(column, [_SMALL if _is_small(v) else _SHOWN for v in column.values]) for column in (weeks, *groups)
    ]
    total_cell, total_range = Cell(total), (float(total), float(total))
    if _is_small(total):
        total_cell, total_range = Cell(None, Hidden.FEWER_THAN_5), (1.0, float(THRESHOLD - 1))
    elif _SMALL in states[0].kinds:
        # A report over fewer weeks would give the week's number by subtraction.
        total_cell, total_range = Cell(None, Hidden.PROTECTS), (0.0, _INFINITY)
        for state in states[1:]:
            if _SMALL not in state.kinds:
                state.hide_smallest()
    while pinned := _pinned_columns(states, total_range):
        # One change at a time, the smallest first: a count beside a pinned "< 5", else
        # the pinned column with the most "< 5" (which bounds the total most tightly).
        if not any(state.hide_smallest() for state in pinned):
            max(pinned, key=lambda state: state.kinds.count(_SMALL)).hide_whole()
    published = [_published(state) for state in states]
    return total_cell, published[0], published[1:]


def _pinned_columns(states: Sequence[_State], total_range: tuple[float, float]) -> list[_State]:
    """The columns whose "< 5" the published figures leave only one value for. (Every
    "< 5" of a column is read alike, so one check per column does.)"""
    pinned = []
    for state in states:
        if _SMALL not in state.kinds:
            continue
        others = [total_range, *(other.total_range() for other in states if other is not state)]
        low, high = max(r[0] for r in others), min(r[1] for r in others)
        own_low, own_high = state.total_range()
        # With one "< 5" at `value` instead of anywhere in 1..4, the column allows these totals.
        possible = sum(
            max(low, own_low - 1 + value) <= min(high, own_high - (THRESHOLD - 1) + value)
            for value in range(1, THRESHOLD)
        )
        if possible < 2:
            pinned.append(state)
    return pinned
