"""Lines, paragraphs and chapters over an unchanged text: the offsets every reader shares."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from fabula.model import Chapter, Span

BLANK, TEXT, BREAK, HEADING, SKIP = "blank", "text", "break", "heading", "skip"
"""Line kinds: SKIP is neither story nor structure (a header, a table of contents, "The End")."""

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
CHAT_LABEL = (
    r"[ \t]*(?:[*_]{1,2})?(?P<label>@?\w[\w.'’-]*(?: \w[\w.'’-]*){0,2})(?:[*_]{1,2})?[ \t]*:(?:[*_]{1,2})?[ \t]+"
)
"""The opening of one message of a chat log: a sender's name, maybe in bold, a colon (``**Nell:** ``)."""
_LABELLED = re.compile(CHAT_LABEL + r"\S")
_WRAP_WIDTHS = (30, 120)
"""The widths hard-wrapped prose is wrapped at; other lines are one paragraph each or unwrapped."""


@dataclass(frozen=True)
class Line:
    """One line of the text, its line end excluded."""

    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()

    def span(self) -> Span:
        """The line without its surrounding whitespace."""
        lead = len(self.text) - len(self.text.lstrip())
        trail = len(self.text.rstrip())
        return Span(self.start + lead, self.start + trail, self.text[lead:trail])


def split_lines(text: str) -> list[Line]:
    """Every line of ``text`` with its offsets; CRLF, CR and LF all end a line."""
    lines = []
    for match in _LINE.finditer(text):
        body = match.group().rstrip("\r\n")
        lines.append(Line(match.start(), match.start() + len(body), body))
    return lines


def paragraph_spans(text: str, lines: list[Line], kinds: list[str]) -> list[Span]:
    """Paragraphs from the TEXT lines: blank-line blocks, or one per line where no blank lines part them."""
    spans = []
    for run in _paragraph_runs(lines, kinds):
        first, last = lines[run[0]].span(), lines[run[-1]].span()
        spans.append(Span(first.start, last.end, text[first.start : last.end]))
    return spans


def _paragraph_runs(lines: list[Line], kinds: list[str]) -> list[list[int]]:
    """Line groups: one per line when text lines touch more often than blank lines part them
    (and are not hard-wrapped), else one per block."""
    blocks = [run for block in _text_blocks(kinds) for run in _split_messages(lines, block)]
    wrapped = _hard_wrapped(lines, blocks)
    adjacent = sum(len(block) - 1 for block in blocks)
    apart = sum(BLANK in kinds[a[-1] + 1 : b[0]] for a, b in itertools.pairwise(blocks))
    if not wrapped and adjacent > apart:
        return [[index] for block in blocks for index in block]
    if wrapped and apart * 2 < len(blocks):  # few blank lines between paragraphs: indents start them
        return [run for block in blocks for run in _split_at_indents(lines, block)]
    return blocks


def _split_messages(lines: list[Line], block: list[int]) -> list[list[int]]:
    """A block of lines that each open with a label, one label coming back (a chat log with no blank lines
    between its messages), as one paragraph per line; any other block as it is ("Pairing: ... / Warnings:
    ..." notes name each label once)."""
    labels = [_LABELLED.match(lines[index].text) for index in block]
    if all(labels) and len({m.group("label").lower() for m in labels}) < len(labels):
        return [[index] for index in block]
    return [block]


def _text_blocks(kinds: list[str]) -> list[list[int]]:
    """Runs of consecutive TEXT lines."""
    blocks: list[list[int]] = []
    previous = None
    for index, kind in enumerate(kinds):
        if kind == TEXT:
            if previous == TEXT:
                blocks[-1].append(index)
            else:
                blocks.append([index])
        previous = kind
    return blocks


def _hard_wrapped(lines: list[Line], blocks: list[list[int]]) -> bool:
    """Whether lines were wrapped at a width: the first word of a next line would not have fitted."""
    pairs = [
        (lines[a].text.rstrip(), lines[b].text.split()[0])
        for block in blocks
        for a, b in itertools.pairwise(block)
    ]
    if not pairs:
        return False
    lengths = sorted(len(lines[index].text.rstrip()) for block in blocks for index in block)
    width = lengths[int(0.95 * (len(lengths) - 1))]
    if not _WRAP_WIDTHS[0] <= width <= _WRAP_WIDTHS[1]:
        return False
    fitted = sum(1 for line, word in pairs if len(line) + 1 + len(word) <= width)
    return fitted <= 0.3 * len(pairs)


def _split_at_indents(lines: list[Line], block: list[int]) -> list[list[int]]:
    """Hard-wrapped prose without blank lines starts each paragraph with an indent."""
    runs = [[block[0]]]
    for previous, index in itertools.pairwise(block):
        if lines[index].text[:1] in (" ", "\t") and lines[previous].text[:1] not in (" ", "\t"):
            runs.append([index])
        else:
            runs[-1].append(index)
    return runs


def build_chapters(headings: list[tuple[Span, str]], contents: list[Span]) -> tuple[Chapter, ...]:
    """Chapters from each heading to the end of the last content before the next heading."""
    ends = sorted(span.end for span in contents)
    chapters = []
    for index, (heading, title) in enumerate(headings):
        limit = headings[index + 1][0].start if index + 1 < len(headings) else float("inf")
        last = bisect.bisect_right(ends, limit) - 1
        end = ends[last] if last >= 0 and ends[last] > heading.end else heading.end
        chapters.append(Chapter(heading.start, end, title))
    return tuple(chapters)


def trim_breaks(breaks: list[Span], paragraphs: list[Span]) -> tuple[Span, ...]:
    """Only markers between two paragraphs break a scene (one under a header or after the end does not)."""
    if not paragraphs:
        return ()
    first, last = paragraphs[0].end, paragraphs[-1].start
    return tuple(span for span in breaks if span.start >= first and span.end <= last)


def title_heading(levels: list[int], leading: bool, title_reads_as_chapter: bool) -> bool:
    """Whether the first heading names the work, not a chapter.

    It does when it stands before any text, no later heading is as high, and it
    does not read "Chapter N".
    """
    if not levels or not leading or title_reads_as_chapter:
        return False
    return all(level > levels[0] for level in levels[1:])
