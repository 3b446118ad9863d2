"""Which offsets lie inside a quote: shared by the stages that read around quotes."""

from __future__ import annotations

import bisect

from fabula.model import Quote


class QuoteIndex:
    """Answers whether an offset lies inside a (non-embedded) quote.

    ``marks=True`` widens each quote by one character on each side, so that its
    quote marks count as inside too.
    """

    def __init__(self, quotes: tuple[Quote, ...], marks: bool = False) -> None:
        pad = 1 if marks else 0
        spans = sorted((q.start - pad, q.end + pad) for q in quotes if q.kind != "embedded")
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def __call__(self, offset: int) -> bool:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]
