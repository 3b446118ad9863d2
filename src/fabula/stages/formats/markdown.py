"""Markdown stories: YAML front matter, ``#`` headings as chapters, ``*``/``_`` emphasis as italics.

The text stays exactly as written, markup characters included; only the
spans know where the structure is.
"""

from __future__ import annotations

import re

from fabula.model import Story
from fabula.stages.formats.header import read_header
from fabula.stages.formats.layout import HEADING, SKIP, TEXT, Line, split_lines, title_heading
from fabula.stages.formats.metadata import MetadataDraft
from fabula.stages.formats.patterns import is_heading
from fabula.stages.formats.text import assemble, base_kinds, mark_final_lines, mark_headings

_ATX = re.compile(r" {0,3}(?P<marks>#{1,6})[ \t]+(?P<title>.*?)(?:[ \t]+#+)?[ \t]*")
_FENCE_END = ("---", "...")
_FRONT_MATTER_MAX = 200
"""Lines a front matter block may take before its closing ``---``."""
_KEY = re.compile(r"(?P<key>[A-Za-z][\w -]*?)\s*:(?:\s+(?P<value>.*?))?\s*")
_ITEM = re.compile(r"\s*-\s+(?P<value>.*?)\s*")
_BLOCK_SCALARS = ("|", ">", "|-", ">-", "|+", ">+")


def read_markdown(text: str) -> Story:
    """A Markdown story; a plain-text ``Label: value`` header is read when there is no front matter."""
    lines = split_lines(text)
    draft, first = _front_matter(lines)
    if first == 0:
        header = read_header(lines)
        draft, first = header.draft, header.end
    kinds = base_kinds(lines, first)
    titles = _mark_atx_headings(lines, kinds)
    titles.update(mark_headings(lines, kinds))
    _drop_title_heading(lines, kinds, titles, draft)
    mark_final_lines(lines, kinds)
    return assemble(text, lines, kinds, titles, draft)


def _mark_atx_headings(lines: list[Line], kinds: list[str]) -> dict[int, str]:
    titles = {}
    for index, kind in enumerate(kinds):
        match = _ATX.fullmatch(lines[index].text) if kind == TEXT else None
        if match and match.group("title"):
            kinds[index], titles[index] = HEADING, match.group("title")
    return titles


def _drop_title_heading(
    lines: list[Line], kinds: list[str], titles: dict[int, str], draft: MetadataDraft
) -> None:
    """A lone top heading before the text is the work's title: into the metadata, not a chapter."""
    if not titles:
        return
    first = min(titles)
    levels = [_level(lines[index].text) for index in sorted(titles)]
    leading = TEXT not in kinds[:first]
    if title_heading(levels, leading, is_heading(titles[first])):
        kinds[first] = SKIP
        title = titles.pop(first)
        draft.title = draft.title or title


def _level(line: str) -> int:
    match = _ATX.fullmatch(line)
    return len(match.group("marks")) if match else 7


def _front_matter(lines: list[Line]) -> tuple[MetadataDraft, int]:
    """YAML front matter between ``---`` lines: its metadata and the index of the first body line."""
    draft = MetadataDraft()
    if not lines or lines[0].text.rstrip() != "---":
        return draft, 0
    for index in range(1, min(len(lines), _FRONT_MATTER_MAX)):
        if lines[index].text.rstrip() in _FENCE_END:
            _read_yaml(lines[1:index], draft)
            return draft, index + 1
    return draft, 0


def _read_yaml(lines: list[Line], draft: MetadataDraft) -> None:
    """The simple YAML of front matter: ``key: value``, ``[a, b]``, ``- item`` lists, ``|``/``>`` blocks."""
    entries: list[tuple[str, list[str], str]] = []  # key, values, how the values join
    for line in lines:
        item, match = _ITEM.fullmatch(line.text), _KEY.fullmatch(line.text)
        if match is not None:
            value = (match.group("value") or "").strip()
            if value.startswith("["):
                entries.append((match.group("key"), _flow_list(value), ", "))
            elif value in _BLOCK_SCALARS:
                entries.append((match.group("key"), [], "\n" if value.startswith("|") else " "))
            else:
                entries.append((match.group("key"), [_unquote(value)] if value else [], ", "))
        elif entries and item is not None:
            entries[-1][1].append(_unquote(item.group("value")))
        elif entries and line.stripped and line.text[:1] in (" ", "\t"):
            entries[-1][1].append(line.stripped)
    for key, values, joiner in entries:
        if values:
            draft.add(key, joiner.join(values), strict=False)


def _flow_list(value: str) -> list[str]:
    return [_unquote(item) for item in value.strip("[]").split(",") if item.strip()]


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value
