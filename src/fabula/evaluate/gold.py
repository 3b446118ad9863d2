"""The annotations a book is scored against, whatever dataset they came from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fabula.model import Span

QUOTE_TYPES = ("explicit", "anaphoric", "implicit")
"""PDNC's quote types: the speaker is named by the tag, referred to by a pronoun or
description in the tag, or not mentioned at all."""


@dataclass(frozen=True)
class GoldQuote:
    """One annotated quotation: a quote interrupted by a tag has several spans."""

    id: str
    spans: tuple[Span, ...]
    speaker: str | None
    """The ``key`` of the speaking ``GoldCharacter``."""
    addressees: tuple[str, ...] = ()
    type: str | None = None
    """One of ``QUOTE_TYPES``, or None when the dataset does not say."""

    @property
    def start(self) -> int:
        return min(span.start for span in self.spans)

    @property
    def text(self) -> str:
        return " … ".join(span.text for span in self.spans)


@dataclass(frozen=True)
class GoldCharacter:
    """An annotated character and every name the annotators list for them."""

    key: str
    names: tuple[str, ...]
    """Main name first, then the aliases."""


@dataclass(frozen=True)
class GoldBook:
    """One annotated book: its text, its quotes and its characters.

    ``path`` is the file the pipeline reads when the gold offsets point into a
    file unchanged (PDNC); otherwise the pipeline analyses ``text`` (LitBank,
    whose text is rebuilt from tokens).
    """

    name: str
    text: str
    quotes: tuple[GoldQuote, ...]
    characters: tuple[GoldCharacter, ...]
    path: Path | None = None
