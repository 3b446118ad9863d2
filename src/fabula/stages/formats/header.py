"""The header of a plain-text story: a title line, "by Author", then ``Label: value`` lines.

Old archives and mailing lists put Title, Author, Rating, Pairing... before the
story; FanFicFare's TXT output writes the title, ``by Author`` and its labels,
wrapping long values at 78 columns. A header ends at the first line that is
neither a known label, nor the wrapped rest of one, nor a blank line (or a
separator) followed by another label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fabula.stages.formats.layout import Line
from fabula.stages.formats.metadata import MetadataDraft, is_known_label
from fabula.stages.formats.patterns import is_break

_LABEL = re.compile(
    r"[ \t]*(?:\*\*|__)?(?P<label>[A-Za-z][A-Za-z/'’ ()-]{0,30}?)[ \t]*(?:\*\*|__)?[ \t]*:"
    r"[ \t]*(?:\*\*|__)?[ \t]*(?P<value>.*?)[ \t]*"
)
_BYLINE = re.compile(r"\s*by\s*:?\s+(?P<name>\S.*?)\s*", re.IGNORECASE)
_TITLE_MAX, _BYLINE_MAX, _WRAP_MAX, _WRAP_MIN = 100, 60, 80, 70
_MAX_GAP = 3
"""Blank lines allowed between a title line and what follows it."""


@dataclass
class Header:
    """Where the body starts (a line index), what the header declared, and whether FanFicFare wrote it."""

    end: int = 0
    draft: MetadataDraft = field(default_factory=MetadataDraft)
    fanficfare: bool = False


def read_header(lines: list[Line], first: int = 0, fanficfare: bool = False) -> Header:
    """The header at the top of ``lines`` (from line ``first``), or an empty one.

    ``fanficfare`` reads "Category" as the fandom, as FanFicFare labels it.
    """
    header = Header(end=first, fanficfare=fanficfare)
    start = _next_filled(lines, first, len(lines))
    if start is not None and _label(lines[start].text) is None:
        start = _read_title(lines, start, header)
    if start is not None:
        header.end = _read_labels(lines, start, header)
    return header


def _read_title(lines: list[Line], start: int, header: Header) -> int | None:
    """A title line (and ``by Author``) counts only when a header follows; returns where labels start."""
    title = lines[start].stripped
    follow = _next_filled(lines, start + 1, start + 2 + _MAX_GAP)
    if follow is None or len(title) > _TITLE_MAX or is_break(title) or _sentence_end(title):
        return None
    if _byline(lines, follow):
        header.draft.set_author(_BYLINE.fullmatch(lines[follow].text).group("name"))
        header.end = follow + 1
        follow = _next_filled(lines, follow + 1, follow + 2 + _MAX_GAP)
    elif _label(lines[follow].text) is None:
        return None
    header.draft.title = title
    header.end = max(header.end, start + 1)
    return follow if follow is not None and _label(lines[follow].text) is not None else None


def _read_labels(lines: list[Line], index: int, header: Header) -> int:
    """File label lines from ``index`` on; returns the index of the first body line."""
    end, pending = index, None
    while index < len(lines):
        line = lines[index]
        found = _label(line.text)
        if found is not None:
            _file(header, pending)
            pending, end, index = [found[0], found[1]], index + 1, index + 1
        elif (
            line.stripped and pending is not None and _continues(lines[index - 1].text, line.text, pending[1])
        ):
            pending[1] = f"{pending[1]} {line.stripped}".strip()
            end, index = index + 1, index + 1
        elif not line.stripped or is_break(line.stripped):
            after = _next_filled(lines, index, len(lines), skip_breaks=True)
            if after is None or _label(lines[after].text) is None:
                break
            index = after
        else:
            break
    _file(header, pending)
    return end


def _file(header: Header, pending: list[str] | None) -> None:
    if pending is not None:
        header.draft.add(pending[0], pending[1], fanficfare=header.fanficfare)


def _sentence_end(line: str) -> bool:
    """Titles rarely end like a sentence ("It rained." is prose, "Why?" and "Later..." may be titles)."""
    return line.endswith((",", ";", ":")) or (line.endswith(".") and not line.endswith(".."))


def _continues(previous: str, line: str, value: str) -> bool:
    """Whether ``line`` carries on the value above: after an empty value, or where that line was wrapped."""
    if not value:
        return True
    previous, line = previous.rstrip(), line.rstrip()
    wrapped = len(previous) <= _WRAP_MAX and len(line) <= _WRAP_MAX
    return wrapped and len(previous) + 1 + len(line.split()[0]) > _WRAP_MIN


def _label(text: str) -> tuple[str, str] | None:
    """``(label, value)`` when the line is ``Label: value`` with a known label."""
    match = _LABEL.fullmatch(text)
    if match is None or not is_known_label(match.group("label")):
        return None
    return match.group("label"), match.group("value")


def _byline(lines: list[Line], index: int) -> bool:
    """A short ``by Author`` line standing alone (not prose that starts "By the time...")."""
    match = _BYLINE.fullmatch(lines[index].text)
    if match is None:
        return False
    name = match.group("name")
    if len(name) > _BYLINE_MAX or len(name.split()) > 6 or name[-1] in ".,;:!?\"'”’":
        return False
    after = index + 1
    return after >= len(lines) or not lines[after].stripped or _label(lines[after].text) is not None


def _next_filled(lines: list[Line], start: int, stop: int, skip_breaks: bool = False) -> int | None:
    """The index of the next non-blank line in ``[start, stop)`` (past marker lines too if asked)."""
    for index in range(start, min(stop, len(lines))):
        stripped = lines[index].stripped
        if stripped and not (skip_breaks and is_break(stripped)):
            return index
    return None
