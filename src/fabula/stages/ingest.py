"""Turn a source file into a Story: body text, paragraphs, chapters, breaks, italics, metadata.

Plain text and Markdown keep the decoded file text unchanged (a header, markers
and markup stay in ``story.text``, outside every paragraph); HTML and EPUB
give the text extracted from the markup, blocks joined by blank lines. The
readers live in ``fabula.stages.formats``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path

from fabula.errors import InputError
from fabula.model import Source, Span, Story
from fabula.stages.formats.decode import decode
from fabula.stages.formats.epub import read_epub
from fabula.stages.formats.html import read_html
from fabula.stages.formats.language import detect_language
from fabula.stages.formats.markdown import read_markdown
from fabula.stages.formats.text import read_text

_FORMATS = {
    "text": "text", "txt": "text", "plain": "text",
    "markdown": "markdown", "md": "markdown",
    "html": "html", "htm": "html", "xhtml": "html",
    "epub": "epub",
}  # fmt: skip
_EXTENSIONS = {
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".epub": "epub",
}  # fmt: skip
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_READERS = {"text": read_text, "markdown": read_markdown, "html": read_html}


MAX_MEGABYTES = 50
"""The largest file read unless the caller allows more (a long novel is 1-3 MB)."""
LONG_PARAGRAPH = 20_000
"""Characters past which a paragraph (a story with no breaks at all) is cut at sentence ends."""
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+")


def ingest(path: str | Path, max_megabytes: float = MAX_MEGABYTES) -> Story:
    """Read the story file at ``path``; the format comes from its content and extension."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_megabytes * 1024 * 1024:
            raise InputError(
                f"{path}: {size / 1048576:.0f} MB is more than the {max_megabytes:g} MB fabula reads by default; "
                f"pass --max-size {int(size / 1048576) + 1} to read it anyway"
            )
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise InputError(f"{path}: cannot read the file ({reason}); check the path") from None
    format = _detect(path, data)
    if format == "epub":
        story = read_epub(data, str(path))
    else:
        text = decode(data, str(path))
        if not text.strip():
            raise InputError(f"{path}: the file is empty; give a file that holds a story")
        story = _READERS[format](text)
    if not story.paragraphs:
        raise InputError(
            f"{path}: no story text found (only a header or markup?); check that this is the story"
        )
    return _finish(replace(story, source=Source(str(path), format, hashlib.sha256(data).hexdigest())))


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""Half a UTF-16 pair, which a Python string can hold but no parser or file can: read as U+FFFD."""


def ingest_text(text: str, format: str = "text") -> Story:
    """A story from its text as a string: ``format`` is "text", "markdown" or "html".

    Unlike ``ingest``, any string is accepted: an empty one gives a story without paragraphs.
    """
    chosen = _FORMATS.get(format.lower())
    if chosen is None or chosen == "epub":
        raise InputError(f"<text>: cannot read {format!r} from a string; use text, markdown or html")
    digest = hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()
    story = _READERS[chosen](_LONE_SURROGATE.sub("\ufffd", text))  # (one for one: offsets hold)
    return _finish(replace(story, source=Source(None, chosen, digest)))


def _finish(story: Story) -> Story:
    """Paragraphs cut to a length the parser can take, and the language named when the source did not."""
    paragraphs = tuple(piece for p in story.paragraphs for piece in _cut(story.text, p))
    metadata = story.metadata
    if metadata.language is None and story.paragraphs:
        metadata = replace(metadata, language=detect_language(story.text[story.paragraphs[0].start:]))
    return replace(story, paragraphs=paragraphs, metadata=metadata)


def _cut(text: str, paragraph: Span) -> list[Span]:
    """A paragraph as it is, or, past ``LONG_PARAGRAPH`` characters, as pieces ending at sentence ends."""
    if paragraph.end - paragraph.start <= LONG_PARAGRAPH:
        return [paragraph]
    pieces, start = [], paragraph.start
    while paragraph.end - start > LONG_PARAGRAPH:
        window = text[start: start + LONG_PARAGRAPH]
        ends = [m.end() for m in _SENTENCE_END.finditer(window)]
        cut = start + (ends[-1] if ends and ends[-1] > LONG_PARAGRAPH // 4 else window.rfind(" ") + 1 or LONG_PARAGRAPH)
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        pieces.append(Span(start=start, end=piece_end, text=text[start:piece_end]))
        start = cut
    pieces.append(Span(start=start, end=paragraph.end, text=text[start: paragraph.end]))
    return pieces


def _detect(path: Path, data: bytes) -> str:
    """ "epub", "html", "markdown" or "text", from the bytes first and the extension second."""
    suffix = path.suffix.lower()
    if data.startswith(_ZIP_MAGIC):
        if (
            suffix == ".epub"
            or b"mimetypeapplication/epub+zip" in data[:100]
            or b"META-INF/container.xml" in data
        ):
            return "epub"
        raise InputError(f"{path}: a ZIP archive, not an EPUB; unzip it and read the story file inside")
    if suffix == ".epub":
        raise InputError(f"{path}: not an EPUB (no ZIP archive inside); download the EPUB again")
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or (
        head.startswith(b"<?xml") and b"<html" in head
    ):
        return "html"
    return _EXTENSIONS.get(suffix, "text")
