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
class Feeling:
    """How a stretch of text feels: valence (-1 to 1), intensity (0 to 1), emotions and their cues."""

    valence: float = 0.0
    intensity: float = 0.0
    emotions: tuple[tuple[str, float], ...] = ()
    """(emotion, share of the emotion words), strongest first."""
    cues: tuple[str, ...] = ()
    """The words and marks that carried the feeling ("hate", "not happy", "!", "screamed")."""


@dataclass(frozen=True)
class ArcPoint:
    """One point of an arc: where in the text, and the smoothed valence there."""

    at: int
    valence: float


@dataclass(frozen=True)
class CharacterFeelings:
    """A character's feeling overall, and through the story (own lines and narration about them)."""

    character: str
    feeling: Feeling
    arc: tuple[ArcPoint, ...] = ()
    turning_points: tuple[ArcPoint, ...] = ()


@dataclass(frozen=True)
class Feelings:
    """The feelings layer: per quote (by id), paragraph (by index), scene (by id) and character."""

    quotes: dict[str, Feeling] = field(default_factory=dict)
    paragraphs: tuple[Feeling, ...] = ()
    scenes: dict[str, Feeling] = field(default_factory=dict)
    characters: tuple[CharacterFeelings, ...] = ()
    narration: tuple[tuple[int, int, tuple[str, ...], Feeling], ...] = ()
    """(start, end, characters mentioned, feeling) of each narration sentence that mentions someone."""


@dataclass(frozen=True)
class Relation:
    """What is between two characters who interact, with the lines that show it."""

    characters: tuple[str, str]
    lines: tuple[int, int]
    """Lines the first says to the second, and back."""
    scenes: int
    """Scenes both are present in."""
    valence: float
    """The tone between them, -1 to 1: their lines to each other and the narration about both."""
    tone: tuple[float | None, float | None]
    """The valence of what each says to the other (None when they say nothing)."""
    narration: float | None
    emotions: tuple[tuple[str, float], ...] = ()
    label: str | None = None
    """affection, care, conflict, hostility, fear; None where the evidence is weak or mixed."""
    evidence: tuple[str, ...] = ()
    """Ids of the quotes that show the label."""


@dataclass(frozen=True)
class ContentSignal:
    """One kind of content the story holds, how far it goes, and the passages that show it."""

    category: str
    level: str
    confidence: float
    evidence: tuple[Span, ...] = ()
    passages: int = 0
    """Passages (of about 120 words) that show it, out of ``Content.passages``."""


@dataclass(frozen=True)
class Proposal:
    """The rating and warnings fabula proposes, each with the reason that decided it."""

    ao3: str
    ffn: str
    mpaa: str
    archive_warnings: tuple[str, ...]
    tags: tuple[str, ...]
    reasons: tuple[tuple[str, str], ...] = ()
    """(what was proposed, why): ``("ao3: Mature", "domestic_abuse on the page")``."""


@dataclass(frozen=True)
class Content:
    """The content layer: the signals found and the proposal drawn from them."""

    signals: tuple[ContentSignal, ...] = ()
    proposal: Proposal | None = None
    passages: int = 0
    """Passages the story was read in."""


@dataclass(frozen=True)
class Analysis:
    """Everything fabula found in one story."""

    story: Story
    quotes: tuple[Quote, ...]
    cast: Cast
    scenes: tuple[Scene, ...]
    timings: tuple[tuple[str, float], ...] = ()
    feelings: Feelings = field(default_factory=Feelings)
    relations: tuple[Relation, ...] = ()
    content: Content = field(default_factory=Content)
    notices: tuple[str, ...] = ()
    """What a reader of the results should know about the input ("not in English: ...")."""

    def to_dict(self) -> dict:
        """The ``fabula/1`` JSON object."""
        from fabula.export.schema import to_dict

        return to_dict(self)
