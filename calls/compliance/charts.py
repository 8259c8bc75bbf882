"""Server-side SVG charts for the dashboard: no script, no external library, nothing to load.

Each chart is a plain ``<svg>`` with presentation attributes only (the CSP forbids inline styles
and scripts), a ``<title>`` for screen readers, a tooltip per bar, and the figures themselves
in a table next to it for anyone who would rather read than look.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

PALETTE = ("#1d4e89", "#e07a1f", "#2a9d8f", "#c0392b", "#7b4fa0", "#8c6d31", "#d35d90", "#4f6d7a", "#6a994e", "#b8860b")
_W, _H = 640, 220
_LEFT, _RIGHT, _TOP, _BOTTOM = 40, 12, 12, 34


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[int]
    color: str = PALETTE[0]


def _nice_max(value: int) -> int:
    if value <= 5:
        return 5
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (1, 2, 2.5, 5, 10):
        top = int(step * magnitude)
        if top >= value:
            return top
    return value


def bar_chart(*, title: str, labels: Sequence[str], series: Sequence[Series], stacked: bool = True) -> SafeString:
    """Bars per label; several series are stacked (or grouped when ``stacked`` is False)."""
    n = max(len(labels), 1)
    totals = [
        sum(s.values[i] for s in series) if stacked else max((s.values[i] for s in series), default=0) for i in range(len(labels))
    ]
    top = _nice_max(int(max(totals, default=0)))
    plot_w, plot_h = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM
    slot = plot_w / n
    bar_w = slot * 0.7
    out = [
        f'<svg class="vg-chart" viewBox="0 0 {_W} {_H}" width="100%" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    for k in range(5):
        value = top * k / 4
        y = _TOP + plot_h - plot_h * k / 4
        out.append(f'<line x1="{_LEFT}" y1="{y:.1f}" x2="{_W - _RIGHT}" y2="{y:.1f}" stroke="#e3e6ea" stroke-width="1"/>')
        out.append(f'<text x="{_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#5b6470">{value:g}</text>')
    every = max(1, n // 7)
    for i, label in enumerate(labels):
        x = _LEFT + slot * i + (slot - bar_w) / 2
        base: float = _TOP + plot_h
        if stacked:
            for s in series:
                v = s.values[i]
                if v <= 0:
                    continue
                h = plot_h * v / top
                base -= h
                tip = f"{label}: {s.name} {v}" if len(series) > 1 else f"{label}: {v}"
                out.append(
                    f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{s.color}" rx="1.5">'
                    f"<title>{escape(tip)}</title></rect>"
                )
        else:
            sub = bar_w / max(len(series), 1)
            for j, s in enumerate(series):
                v = s.values[i]
                if v <= 0:
                    continue
                h = plot_h * v / top
                tip = f"{label}: {s.name} {v}"
                out.append(
                    f'<rect x="{x + sub * j:.1f}" y="{base - h:.1f}" width="{sub:.1f}" height="{h:.1f}" '
                    f'fill="{s.color}" rx="1.5"><title>{escape(tip)}</title></rect>'
                )
        if i % every == 0 or i == n - 1:
            out.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{_H - _BOTTOM + 16}" text-anchor="middle" font-size="11" fill="#5b6470">'
                f"{escape(label)}</text>"
            )
    out.append(
        f'<line x1="{_LEFT}" y1="{_TOP + plot_h}" x2="{_W - _RIGHT}" y2="{_TOP + plot_h}" stroke="#9aa3ad" stroke-width="1"/>'
    )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text in it went through escape()


def share_bar(*, fraction: float, label: str) -> SafeString:
    """A thin horizontal progress bar (e.g. share of data keys on the primary key version)."""
    fraction = min(max(fraction, 0.0), 1.0)
    width = 200
    return mark_safe(  # noqa: S308 - numbers and an escaped label only
        f'<svg class="vg-share" viewBox="0 0 {width} 10" width="{width}" height="10" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg"><title>{escape(label)}</title>'
        f'<rect width="{width}" height="10" rx="5" fill="#e3e6ea"/>'
        f'<rect width="{width * fraction:.1f}" height="10" rx="5" fill="#2a9d8f"/></svg>'
    )
