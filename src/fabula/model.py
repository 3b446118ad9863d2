"""The document model: frozen dataclasses, every span an offset pair into the story text."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A stretch of the story text: ``text == story.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Chapter:
    """A chapter of the story body; ``title`` may be empty."""

    start: int
    end: int
    title: str = ""


@dataclass(frozen=True)
class Metadata:
    """What the source says about the work, as declared by its author or archive."""

    title: str | None = None
    author: str | None = None
    rating: str | None = None
    warnings: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    fandoms: tuple[str, ...] = ()
    relationships: tuple[str, ...] = ()
    characters: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    summary: str | None = None
    notes: str | None = None
    language: str | None = None
    extra: tuple[tuple[str, str], ...] = ()
    """Other ``Label: value`` pairs the source declared (Disclaimer, Feedback, Stats...)."""


@dataclass(frozen=True)
class Source:
    """Where the story came from."""

    path: str | None
    format: str  # text | markdown | html | epub
    sha256: str


@dataclass(frozen=True)
class Story:
    """A story as one string, with the structure the source gave it.

    ``text`` is the body text every span points into: for a plain-text file the
    decoded file unchanged (a header block included, left out of
    ``paragraphs``); for HTML and EPUB the text extracted from the markup.
    """

    text: str
    paragraphs: tuple[Span, ...]
    chapters: tuple[Chapter, ...] = ()
    breaks: tuple[Span, ...] = ()
    """Explicit scene-break markers (``***``, ``<hr>``...), outside every paragraph."""
    italics: tuple[Span, ...] = ()
    metadata: Metadata = field(default_factory=Metadata)
    source: Source = field(default_factory=lambda: Source(None, "text", ""))


@dataclass(frozen=True)
class Quote:
    """Speech, thought or writing set off in the text; the span excludes the marks."""

    id: str
    start: int
    end: int
    text: str
    kind: str = "speech"  # speech | thought | written | embedded
    paragraph: int = 0
    speaker: str | None = None
    speakers: tuple[str, ...] = ()
    addressees: tuple[str, ...] = ()
    confidence: float = 0.0
    cue: str | None = None  # explicit | anaphoric | beat | vocative | turn | ...


@dataclass(frozen=True)
class Mention:
    """A place in the text that refers to a character."""

    start: int
    end: int
    text: str
    character: str
    kind: str  # name | epithet | pronoun | relation ("her mother")


@dataclass(frozen=True)
class Character:
    """A person of the story, with every name the text gives them."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    pronouns: str | None = None  # "she/her", "he/him", "they/them"
    mentions: int = 0
    on_page: bool = True
    """False for people only talked about (never act or speak in the story)."""
    narrator: bool = False
    """True for the "I" who tells a first-person story."""


@dataclass(frozen=True)
class Cast:
    """The characters stage's layer: who is in the story, and where."""

    characters: tuple[Character, ...] = ()
    mentions: tuple[Mention, ...] = ()

    def by_id(self) -> dict[str, Character]:
        return {c.id: c for c in self.characters}


@dataclass(frozen=True)
class Scene:
    """A stretch of the story in one place and time."""

    id: str
    start: int
    end: int
    characters: tuple[str, ...] = ()
    boundary: str = "start"  # start | marker | chapter | implicit


@dataclass(frozen=True)
class Analysis:
    """Everything fabula found in one story."""

    story: Story
    quotes: tuple[Quote, ...]
    cast: Cast
    scenes: tuple[Scene, ...]
    timings: tuple[tuple[str, float], ...] = ()

    def to_dict(self) -> dict:
        """The ``fabula/1`` JSON object."""
        from fabula.export.schema import to_dict

        return to_dict(self)
