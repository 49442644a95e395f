"""One row type and one printer, shared by every benchmark module."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    """One measured figure.

    *ratio* compares this row with the row of the same *benchmark* and *metric*
    whose *subject* is *baseline* (both measured in the same run); it is
    filled in by :func:`render`, never by hand.  *display* replaces the
    number in the table (e.g. ``"n/a"`` or ``"skipped: ..."``); *note* is
    shown after the ratio.
    """

    benchmark: str
    subject: str
    metric: str
    value: float
    unit: str = ""
    baseline: str | None = None
    higher_is_better: bool = True
    display: str | None = None
    note: str = ""


def _fmt(value: float) -> str:
    if value == int(value) and abs(value) < 1e12:
        return f"{int(value)}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.4g}"


def render(rows: list[Row]) -> str:
    """Render *rows* as one Markdown table with ratios against baselines."""
    index = {(r.benchmark, r.metric, r.subject): r.value for r in rows}
    lines = [
        "| benchmark | subject | metric | value | vs baseline / note |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        ratio = ""
        if r.baseline is not None:
            base = index.get((r.benchmark, r.metric, r.baseline))
            if base is not None and base != 0 and r.value != 0:
                x = r.value / base if r.higher_is_better else base / r.value
                ratio = f"{x:,.2f}x better than {r.baseline}"
                if x < 1:
                    ratio = f"{1 / x:,.2f}x worse than {r.baseline}"
            elif base is not None:
                ratio = f"{r.baseline}: {_fmt(base)}"
        unit = f" {r.unit}" if r.unit else ""
        value = r.display if r.display is not None else f"{_fmt(r.value)}{unit}"
        # a "|" inside a cell would end it; Markdown wants it escaped
        value = value.replace("|", "\\|")
        last = "; ".join(part for part in (ratio, r.note) if part).replace("|", "\\|")
        lines.append(f"| {r.benchmark} | {r.subject} | {r.metric} | {value} | {last} |")
    return "\n".join(lines)
