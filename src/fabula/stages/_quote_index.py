"""Where the quotes are: one index the stages share to tell speech from narration."""

from __future__ import annotations

import bisect

from fabula.model import Quote


class QuoteIndex:
    """The union of the quote spans, asked about offsets and ranges in log time.

    ``marks=True`` widens each quote by one character on each side, so that its
    quote marks count as inside too. Embedded quotes lie inside their hosts and
    add nothing to the union.
    """

    def __init__(self, quotes: tuple[Quote, ...], marks: bool = False) -> None:
        pad = 1 if marks else 0
        merged: list[list[int]] = []
        for start, end in sorted((q.start - pad, q.end + pad) for q in quotes if q.kind != "embedded"):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def __call__(self, offset: int) -> bool:
        """Whether the character at ``offset`` is inside a quote."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]

    def contains(self, start: int, end: int) -> bool:
        """Whether all of ``[start, end)`` is inside one quote."""
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and end <= self.ends[i]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any of ``[start, end)`` is inside a quote."""
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.ends[i] > start
