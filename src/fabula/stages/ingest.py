"""Turn a source file into a Story: body text, paragraphs, chapters, breaks, italics, metadata.

Plain text and Markdown keep the decoded file text unchanged (a header, markers
and markup stay in ``story.text``, outside every paragraph); HTML and EPUB
give the text extracted from the markup, blocks joined by blank lines. The
readers live in ``fabula.stages.formats``.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from fabula.errors import InputError
from fabula.model import Source, Story
from fabula.stages.formats.decode import decode
from fabula.stages.formats.epub import read_epub
from fabula.stages.formats.html import read_html
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


def ingest(path: str | Path) -> Story:
    """Read the story file at ``path``; the format comes from its content and extension."""
    path = Path(path)
    try:
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
    return replace(story, source=Source(str(path), format, hashlib.sha256(data).hexdigest()))


def ingest_text(text: str, format: str = "text") -> Story:
    """A story from its text as a string: ``format`` is "text", "markdown" or "html".

    Unlike ``ingest``, any string is accepted: an empty one gives a story without paragraphs.
    """
    chosen = _FORMATS.get(format.lower())
    if chosen is None or chosen == "epub":
        raise InputError(f"<text>: cannot read {format!r} from a string; use text, markdown or html")
    story = _READERS[chosen](text)
    digest = hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()
    return replace(story, source=Source(None, chosen, digest))


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
