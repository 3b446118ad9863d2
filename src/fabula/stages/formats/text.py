"""Plain-text stories: the decoded text kept unchanged, its structure found line by line."""

from __future__ import annotations

import re

from fabula.model import Story
from fabula.stages.formats.header import read_header
from fabula.stages.formats.layout import (
    BLANK,
    BREAK,
    HEADING,
    SKIP,
    TEXT,
    Line,
    build_chapters,
    paragraph_spans,
    split_lines,
    trim_breaks,
)
from fabula.stages.formats.metadata import MetadataDraft
from fabula.stages.formats.patterns import (
    author_note,
    emphasis,
    is_break,
    is_chapter_end,
    is_final_line,
    is_heading,
)

_INDENTED_HEADING = re.compile(r"(?:\t| {8})\S.*")
"""FanFicFare TXT indents each chapter heading with a tab, wrapped to eight spaces."""
_TABLE_OF_CONTENTS = "table of contents"
_TOP = 300
"""How far down a FanFicFare table of contents may start."""
_NUMBERED = re.compile(r"(?:[IVXLC]+|\d{1,3})\.?")
_SUBTITLE = re.compile(r"[^\"“'‘(\[].{0,58}[^.,;:\"”'’]|[^\"“'‘(\[.,;:]")
"""A chapter's title line: short, not opening with a quote, not ending like a sentence (bar ? and !)."""


def read_text(text: str) -> Story:
    """A plain-text story: header, paragraphs, chapters, breaks and ``*emphasis*``."""
    lines = split_lines(text)
    header = read_header(lines, fanficfare=_fanficfare(lines))
    kinds = base_kinds(lines, header.end)
    titles = _fanficfare_headings(lines, kinds) if header.fanficfare or _has_contents(lines, kinds) else {}
    titles = titles or mark_headings(lines, kinds)
    mark_final_lines(lines, kinds)
    return assemble(text, lines, kinds, titles, header.draft)


def base_kinds(lines: list[Line], first: int) -> list[str]:
    """BLANK, BREAK or TEXT for each line from ``first`` on; SKIP before it."""
    kinds = [SKIP] * first
    for line in lines[first:]:
        stripped = line.stripped
        kinds.append(BLANK if not stripped else BREAK if is_break(stripped) else TEXT)
    return kinds


def mark_headings(lines: list[Line], kinds: list[str]) -> dict[int, str]:
    """Turn "Chapter 1"-like TEXT lines into HEADING; returns their titles by line index.

    A bare number ("IV.", "12") is a heading only standing alone between blank
    lines; a short untitled line right under a heading is its subtitle.
    """
    titles = {}
    for index, kind in enumerate(kinds):
        if kind != TEXT:
            continue
        stripped, subtitle = lines[index].stripped, _subtitle(lines, kinds, index)
        numbered = _NUMBERED.fullmatch(stripped) and _alone(kinds, index, subtitle or index)
        if is_heading(stripped) or numbered:
            kinds[index], titles[index] = HEADING, stripped
            if subtitle is not None:
                kinds[subtitle], titles[index] = SKIP, f"{stripped} {lines[subtitle].stripped}"
    return titles


def _subtitle(lines: list[Line], kinds: list[str], index: int) -> int | None:
    """The index of a short title line right under line ``index`` and alone below it, if any."""
    below = index + 1
    if below >= len(kinds) or kinds[below] != TEXT or not _alone(kinds, below, below, above=False):
        return None
    stripped = lines[below].stripped
    return below if _SUBTITLE.fullmatch(stripped) and not is_heading(stripped) else None


def _alone(kinds: list[str], first: int, last: int, above: bool = True) -> bool:
    """Whether lines ``first``..``last`` have no TEXT line just below (nor above, if ``above``)."""
    clear_above = not above or first == 0 or kinds[first - 1] != TEXT
    return clear_above and (last + 1 == len(kinds) or kinds[last + 1] != TEXT)


def mark_final_lines(lines: list[Line], kinds: list[str]) -> None:
    """SKIP "The End" / "End file." closing the story or a chapter, and "End of Chapter N" anywhere."""
    runs: list[list[int]] = []
    for index, kind in enumerate(kinds):
        if kind == TEXT and is_chapter_end(lines[index].stripped):
            kinds[index] = SKIP
        elif kind == TEXT:
            if index and kinds[index - 1] == TEXT:
                runs[-1].append(index)
            else:
                runs.append([index])
        elif kind == HEADING:
            _skip_closing_line(lines, kinds, runs)
            runs = []
    _skip_closing_line(lines, kinds, runs)


def _skip_closing_line(lines: list[Line], kinds: list[str], runs: list[list[int]]) -> None:
    """SKIP the last line of a stretch when it only closes it; trailing author's notes looked past."""
    for run in reversed(runs):
        if author_note(lines[run[0]].stripped) is not None:
            continue
        last = next((i for i in reversed(run) if author_note(lines[i].stripped) is None), run[0])
        if is_final_line(lines[last].stripped):
            kinds[last] = SKIP
        return


def _fanficfare(lines: list[Line]) -> bool:
    """FanFicFare TXT: a table of contents near the top, or "End file." as the last line."""
    last = next((line.stripped for line in reversed(lines) if line.stripped), "")
    return last == "End file." or any(line.stripped == "TABLE OF CONTENTS" for line in lines[:_TOP])


def _has_contents(lines: list[Line], kinds: list[str]) -> bool:
    first = next((i for i, kind in enumerate(kinds) if kind == TEXT), None)
    return first is not None and lines[first].stripped.lower() == _TABLE_OF_CONTENTS


def _fanficfare_headings(lines: list[Line], kinds: list[str]) -> dict[int, str]:
    """FanFicFare TXT: indented headings after a blank line; the table of contents before them skipped."""
    titles = {}
    for index, kind in enumerate(kinds):
        alone = index == 0 or kinds[index - 1] in (BLANK, SKIP)
        if kind == TEXT and alone and _INDENTED_HEADING.fullmatch(lines[index].text.rstrip()):
            kinds[index], titles[index] = HEADING, lines[index].stripped
    if _has_contents(lines, kinds):
        for index in range(min(titles, default=kinds.index(TEXT) + 1)):
            if kinds[index] in (TEXT, BREAK):
                kinds[index] = SKIP
    return titles


def assemble(
    text: str, lines: list[Line], kinds: list[str], titles: dict[int, str], draft: MetadataDraft
) -> Story:
    """The ``Story`` from classified lines; "A/N:" paragraphs go to the notes, not the story."""
    paragraphs = []
    for span in paragraph_spans(text, lines, kinds):
        note = author_note(span.text)
        if note is None:
            paragraphs.append(span)
        elif note:
            draft.notes.append(note)
    breaks = [lines[i].span() for i, kind in enumerate(kinds) if kind == BREAK]
    headings = [(lines[i].span(), titles[i]) for i, kind in enumerate(kinds) if kind == HEADING]
    italics = [span for p in paragraphs for span in emphasis(text, p.start, p.end)]
    trimmed = trim_breaks(breaks, paragraphs)
    return Story(
        text=text,
        paragraphs=tuple(paragraphs),
        chapters=build_chapters(headings, [*paragraphs, *trimmed]),
        breaks=trimmed,
        italics=tuple(italics),
        metadata=draft.build(),
    )
