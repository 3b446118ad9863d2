"""Turn a source file into a Story: body text, paragraphs, chapters, metadata, italics."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from fabula.errors import InputError
from fabula.model import Metadata, Source, Span, Story

_PARAGRAPH = re.compile(r"\S(?:.*\S)?(?:\n[ \t]*\S(?:.*\S)?)*")


def ingest(path: str | Path) -> Story:
    """Read the story file at ``path`` (format from its content and extension)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read the file ({error.strerror}); check the path") from None
    text = data.decode("utf-8-sig", errors="replace")
    story = ingest_text(text)
    source = Source(str(path), "text", hashlib.sha256(data).hexdigest())
    return Story(text=story.text, paragraphs=story.paragraphs, metadata=story.metadata, source=source)


def ingest_text(text: str, format: str = "text") -> Story:
    """A story from its text as a string."""
    paragraphs = tuple(Span(m.start(), m.end(), m.group()) for m in _PARAGRAPH.finditer(text))
    source = Source(None, format, hashlib.sha256(text.encode("utf-8")).hexdigest())
    return Story(text=text, paragraphs=paragraphs, metadata=Metadata(), source=source)
