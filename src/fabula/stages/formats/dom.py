"""HTML to blocks of text: block elements and ``<br>`` part paragraphs, ``<em>``/``<i>`` mark italics,
``<hr>`` marks a scene break, chosen headings mark chapters. Whitespace is collapsed."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import CData, Comment, Declaration, Doctype, ProcessingInstruction

from fabula.stages.formats.patterns import is_break

PARA, HEADING, BREAK = "para", "heading", "break"
HR_MARKER = "* * *"
"""The text an ``<hr>`` stands for in the extracted story."""

_SKIP = frozenset((
    "script", "style", "nav", "header", "footer", "head", "title", "noscript", "template", "svg", "math",
    "iframe", "object", "select", "button",
))  # fmt: skip
_BLOCK = frozenset((
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "section", "article", "main", "aside",
    "pre", "table", "tr", "td", "th", "tbody", "thead", "tfoot", "figure", "figcaption", "center", "address",
    "body",
    "h1", "h2", "h3", "h4", "h5", "h6", "details",
))  # fmt: skip
_ITALIC = frozenset(("em", "i"))
_ITALIC_STYLE = re.compile(r"font-style\s*:\s*italic", re.IGNORECASE)
_NOT_TEXT = (Comment, CData, ProcessingInstruction, Declaration, Doctype)
_WORD = re.compile(r"\S+")

HeadingRule = Callable[[Tag], "int | None"]


@dataclass(frozen=True)
class Block:
    """A paragraph, heading or break of extracted text; italics are offsets into ``text``."""

    kind: str
    text: str
    italics: tuple[tuple[int, int], ...] = ()
    level: int = 0


def parse(markup: str | bytes, parser: str = "lxml") -> BeautifulSoup:
    """A soup of ``markup``: ``lxml`` for web pages, ``html.parser`` for XHTML with self-closed tags."""
    return BeautifulSoup(markup, parser)


def generic_heading(tag: Tag) -> int | None:
    """``h1``-``h3`` mark chapters in a page that is not from a known archive."""
    return int(tag.name[1]) if tag.name in ("h1", "h2", "h3") else None


def no_heading(tag: Tag) -> int | None:
    """Inside a summary or notes nothing is a chapter."""
    return None


def has_class(tag: Tag, name: str) -> bool:
    """Whether ``tag`` carries the CSS class ``name``."""
    classes = tag.get("class") or ()
    return name in (classes.split() if isinstance(classes, str) else classes)


def collapse(text: str) -> str:
    """``text`` with runs of whitespace as single spaces, stripped."""
    return " ".join(text.split())


def extract_blocks(root: Tag, heading: HeadingRule = generic_heading) -> list[Block]:
    """The blocks of text under ``root`` in document order (walked without recursion)."""
    out: list[Block] = []
    line = _Inline()
    italic = 0
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if isinstance(node, NavigableString):
            if not isinstance(node, _NOT_TEXT):
                line.add(str(node), italic > 0)
            continue
        if not isinstance(node, Tag):
            continue
        if leaving:
            italic -= _is_italic(node)
            if node.name in _BLOCK:
                line.flush(out)
            continue
        italic += _enter(node, heading, line, out, stack)
    line.flush(out)
    return out


def _enter(node: Tag, heading: HeadingRule, line: _Inline, out: list[Block], stack: list) -> int:
    """Open an element: emit what it stands for or queue its children; returns its italic depth step."""
    name = node.name
    if name in _SKIP:
        return 0
    if name in ("br", "hr"):
        line.flush(out)
        if name == "hr":
            out.append(Block(BREAK, HR_MARKER))
        return 0
    level = heading(node)
    if level:
        line.flush(out)
        title = collapse(node.get_text(" "))
        if title:
            out.append(Block(HEADING, title, level=level))
        return 0
    if name in _BLOCK:
        line.flush(out)
    stack.append((node, True))
    stack.extend((child, False) for child in reversed(node.contents))
    return _is_italic(node)


def _is_italic(tag: Tag) -> int:
    return int(tag.name in _ITALIC or bool(_ITALIC_STYLE.search(str(tag.get("style") or ""))))


class _Inline:
    """The running text of one block, with the stretches that were in italics."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.italics: list[tuple[int, int]] = []
        self.length = 0

    def add(self, text: str, italic: bool) -> None:
        if italic and text.strip():
            self.italics.append((self.length, self.length + len(text)))
        self.parts.append(text)
        self.length += len(text)

    def flush(self, out: list[Block]) -> None:
        """Close the block: collapse whitespace, map the italics, emit a paragraph or a break."""
        raw = "".join(self.parts)
        spans = self.italics
        self.parts, self.italics, self.length = [], [], 0
        text, italics = _collapse_with_spans(raw, spans)
        if text:
            out.append(Block(BREAK, text) if is_break(text) else Block(PARA, text, italics))


def _collapse_with_spans(raw: str, spans: list[tuple[int, int]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Collapse whitespace in ``raw`` and move each span onto the collapsed text."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(raw)]
    if not words:
        return "", ()
    starts, ends, placed = [w[0] for w in words], [w[1] for w in words], []
    position = 0
    for start, end in words:
        placed.append(position)
        position += end - start + 1
    text = " ".join(raw[start:end] for start, end in words)
    moved: list[tuple[int, int]] = []
    for start, end in spans:
        first = bisect.bisect_right(ends, start)  # first word ending after the span starts
        last = bisect.bisect_left(starts, end) - 1  # last word starting before the span ends
        if first > last:
            continue
        a = placed[first] + max(0, start - starts[first])
        b = placed[last] + min(ends[last], end) - starts[last]
        if moved and a <= moved[-1][1] + 1 and text[moved[-1][1] : a].strip() == "":
            moved[-1] = (moved[-1][0], b)
        else:
            moved.append((a, b))
    return text, tuple(moved)
