"""Blocks extracted from markup laid out as one story text: blocks joined by blank lines."""

from __future__ import annotations

from fabula.model import Span, Story
from fabula.stages.formats.dom import BREAK, HEADING, Block
from fabula.stages.formats.layout import build_chapters, title_heading, trim_breaks
from fabula.stages.formats.metadata import MetadataDraft
from fabula.stages.formats.patterns import is_heading

SEPARATOR = "\n\n"


def story_from_blocks(blocks: list[Block], draft: MetadataDraft) -> Story:
    """The ``Story`` whose text is the blocks joined by blank lines; headings are lines, not paragraphs."""
    blocks = _without_title_heading(blocks, draft)
    paragraphs, breaks, italics, headings = [], [], [], []
    position = 0
    for block in blocks:
        span = Span(position, position + len(block.text), block.text)
        position = span.end + len(SEPARATOR)
        if block.kind == HEADING:
            headings.append((span, block.text))
        elif block.kind == BREAK:
            breaks.append(span)
        else:
            paragraphs.append(span)
            italics.extend(Span(span.start + a, span.start + b, block.text[a:b]) for a, b in block.italics)
    trimmed = trim_breaks(breaks, paragraphs)
    return Story(
        text=SEPARATOR.join(block.text for block in blocks),
        paragraphs=tuple(paragraphs),
        chapters=build_chapters(headings, [*paragraphs, *trimmed]),
        breaks=trimmed,
        italics=tuple(italics),
        metadata=draft.build(),
    )


def _without_title_heading(blocks: list[Block], draft: MetadataDraft) -> list[Block]:
    """Drop a first heading that names the work (kept as the title when the source gave none)."""
    levels = [block.level for block in blocks if block.kind == HEADING]
    if not levels or blocks[0].kind != HEADING:
        return blocks
    if not title_heading(levels, True, is_heading(blocks[0].text)):
        return blocks
    draft.title = draft.title or blocks[0].text
    return blocks[1:]
