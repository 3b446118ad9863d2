"""Line patterns every reader shares: scene-break markers, chapter headings, end lines, italics."""

from __future__ import annotations

import re

from fabula.model import Span

_SYMBOLS = r"*~=+_#\-•·◊◆◇♦❖❦✦✧★☆※⁂°¤§¶"
_LONE = r"*~#•·◊◆◇♦❖❦✦✧★☆※⁂°¤§¶"
_BREAK = re.compile(
    rf"(?:[{_SYMBOLS}]\s*){{3,}}"  # ***, * * *, ~~~, -----, =+=+=, ~*~*~
    rf"|[{_LONE}](?:\s*[{_LONE}])?"  # a lone centred symbol: #, §, *
    r"|[xX](?:\s*[xX]){2,}|[oO0](?:\s*[oO0]){2,}"  # xXx, o0o, oOo
)

_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_WORDS = (
    "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    rf"|{_UNITS}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:{_UNITS}))?"
    "|(?:one\\s+)?hundred"
)
_ROMAN = r"(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
_HEADING = re.compile(
    rf"(?P<kw>chapter|chap\.?|ch\.|part|book|volume|vol\.)\s*(?:{_WORDS}|\d+[a-z]?|{_ROMAN})\b"
    r"(?:\s*[.:)\]\-–—]+.*|(?P<bare>\s+.*))?"
    r"|(?:prologue|epilogue|interlude|foreword|afterword|preface)\b(?:\s*[.:)\-–—]+.*)?",
    re.IGNORECASE,
)
_CHAPTER_WORDS = {"chapter", "chap", "chap.", "ch."}

_END_FINAL = re.compile(
    r"(?:the\s+end|end\s+file|end|fin|finis|to\s+be\s+continued|tbc)[\s.!?…]*", re.IGNORECASE
)
_END_ANYWHERE = re.compile(r"end\s+of\s+(?:chapter|part|prologue|epilogue)\b.{0,60}", re.IGNORECASE)
_DECORATION = "~*-=_()[]<> \t"

_EMPHASIS = re.compile(
    r"(?<![\w*\\])\*\*\*(?=\S)(?P<strong>.{1,1000}?)(?<=\S)\*\*\*(?![\w*])"  # ***bold italics***
    r"|(?<![\w*\\])\*(?=[^\s*])(?P<star>.{1,1000}?)(?<=[^\s*\\])\*(?![\w*])"  # *italics*, not **bold**
    r"|(?<![\w\\])_(?=[^\s_])(?P<under>.{1,1000}?)(?<=[^\s_\\])_(?!\w)",  # _italics_, not snake_case
    re.DOTALL,
)

_AUTHOR_NOTE = re.compile(
    r"[\[(]?\s*(?:a\s*/\s*n|author'?s?'?\s*notes?|authors?\s+notes?)\s*[:\-–—]\s*", re.IGNORECASE
)


def is_break(stripped: str) -> bool:
    """Whether a stripped line (or HTML paragraph) is a scene-break marker."""
    return bool(stripped) and len(stripped) <= 80 and _BREAK.fullmatch(stripped) is not None


def is_heading(stripped: str) -> bool:
    """Whether a stripped line reads as a chapter heading: "Chapter 1", "CHAPTER I.", "Part Two: Title"."""
    if not stripped or len(stripped) > 100:
        return False
    match = _HEADING.fullmatch(stripped)
    if match is None:
        return False
    bare = (match.group("bare") or "").strip()
    if not bare:
        return True
    chapterish = match.group("kw").lower() in _CHAPTER_WORDS
    return chapterish and len(stripped) <= 60 and bare[0].isupper() and bare[-1] not in ".,;!?…\"'”’"


def is_final_line(stripped: str) -> bool:
    """Whether a line only closes the story or a chapter: "The End", "End file.", "~Fin~"."""
    core = stripped.strip(_DECORATION)
    return bool(core) and (_END_FINAL.fullmatch(core) is not None or is_chapter_end(stripped))


def is_chapter_end(stripped: str) -> bool:
    """Whether a line reads "End of Chapter 3" (a marker wherever it stands)."""
    return _END_ANYWHERE.fullmatch(stripped.strip(_DECORATION)) is not None


def author_note(paragraph: str) -> str | None:
    """The note of a paragraph that opens with "A/N:" or "Author's note:", else None."""
    match = _AUTHOR_NOTE.match(paragraph)
    if match is None:
        return None
    return paragraph[match.end() :].rstrip(")] \t")


def emphasis(text: str, start: int, end: int) -> list[Span]:
    """Italic spans marked ``*so*``, ``_so_`` or ``***so***`` in ``text[start:end]``, marks excluded."""
    spans = []
    for match in _EMPHASIS.finditer(text, start, end):
        group = next(name for name in ("strong", "star", "under") if match.group(name) is not None)
        first, last = match.span(group)
        spans.append(Span(first, last, text[first:last]))
    return spans
