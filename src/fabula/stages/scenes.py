"""Find where the scenes turn, marked or not, and who is present in each.

Marked turns come from the story's structure: a chapter start, or an explicit
break marker (``***``, ``<hr>``...) between two paragraphs. Unmarked turns are
scored at every paragraph boundary from general signals, TextTiling-style:

- lexical cohesion: the content nouns of the narration in a window before and
  after the boundary, place and setting nouns (``data/places.txt``) weighted
  up, compared by cosine; a deep valley in that similarity is a shift;
- a transition cue at the start of the next paragraph: a time jump ("the next
  morning", "hours later") or an arrival ("walked into", "across the
  threshold"), or a date or time named there;
- a cast change: who is named in the narration before and after;
- against a break: the next paragraph carries straight on (a pronoun subject,
  or a reply to speech just before).

A boundary becomes a break only when its score clears a threshold, tops its
neighbours, and leaves every scene a minimum length, so one conversation is
not cut in two. Quote text is left out of the signals: people talk about places
they are not in. Heading lines ("CHAPTER IV.") and marker lines (``* * *``)
that ingest left as paragraphs also start chapter and marker scenes.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources

from fabula.model import Cast, Quote, Scene, Span, Story
from fabula.nlp import Parsed
from fabula.stages._quote_index import QuoteIndex
from fabula.stages.formats.patterns import is_break, is_heading

PLACE_WEIGHT, SETTING_WEIGHT = 3.0, 2.0
"""Weights of a place noun and of its setting (``[room]``, ``[travel]``...); other nouns count 1."""
WINDOW_PLACES, WINDOW_WORDS, WINDOW_MAX_WORDS, WINDOW_MAX_PARAGRAPHS = 4, 150, 800, 30
"""A comparison window grows until it holds enough place nouns and words, or hits a cap."""
MIN_WORDS, MIN_PARAGRAPHS = 200, 5
"""The shortest scene an unmarked break may leave on either side (in words, unless the paragraph after
the break opens on a jump in time: a short story's last scene may be short)."""
JUMP_OPENING = 12
"""Characters a time cue may sit into a paragraph and still open it ("Three days later")."""
THRESHOLD = 0.65
"""The boundary score an unmarked break needs."""
CAST_WEIGHT, CONTINUITY_PENALTY, DIALOGUE_PENALTY = 0.5, 0.3, 0.5
"""Weight of a full cast change; taken off when the next paragraph's subject is a pronoun;
taken off inside an exchange (speech before the boundary and speech opening the paragraph after)."""

_BACKGROUND = frozenset("""
thing way time lot bit moment something anything nothing everything kind sort part side
hand eye face head arm leg foot feet finger lip mouth hair voice smile tear heart body shoulder
back cheek chest neck knee breath word look answer question person people man woman girl boy
""".split())
"""Nouns common in every scene: they say nothing about where a scene is."""

_ANAPHORS = frozenset({"he", "she", "they"})
_TIME_CUE = re.compile(
    r"\b(?:(?:the|that|on the) (?:next|following|same)"
    r" (?:morning|day|evening|night|afternoon|week|month|year)"
    r"|next (?:morning|day|evening|night|week)|the (?:morning|day|night|evening) (?:after|before)"
    r"|(?:later|early|earlier|late) (?:that|the next|in the) (?:morning|day|evening|night|afternoon)"
    r"|(?:that|this) (?:morning|afternoon|evening|night)"
    r"|(?:minutes?|hours?|days?|weeks?|months?|years?|a while|some time) (?:later|earlier|before|ago)"
    r"|meanwhile|in the meantime|by the time|when (?:they|he|she|we|I) (?:got|arrived|returned|reached))\b",
    re.IGNORECASE,
)
_PLACE_CUE = re.compile(
    r"\b(?:arriv\w* (?:at|in|home)|pulled (?:up|into|in)"
    r"|(?:walk|stepp|head|mov)ed (?:in|into|out of|inside|outside)"
    r"|(?:across|over) the threshold|entered|back home|got (?:home|back)|returned (?:to|home)"
    r"|reached (?:the|his|her|their)|made (?:his|her|their|our|my) way|drove (?:to|home|into)"
    r"|(?:came|went) (?:home|into|back to)|set (?:out|off))\b",
    re.IGNORECASE,
)
_NUMERAL = re.compile(r"(?:[IVXLC]+|\d{1,3})\.?")
"""A chapter heading that is a bare number: ``IV.``, ``12``."""


@dataclass(frozen=True)
class _Paragraph:
    """What one paragraph tells the break finder."""

    words: int
    nouns: Counter
    places: int
    people: frozenset[str]
    cue: float
    speech: bool
    """The paragraph holds a quote."""
    opens_with_speech: bool
    heading: str | None
    """``"chapter"`` or ``"marker"`` when the paragraph is a heading or marker line ingest left in."""
    jumps: bool = False
    """The paragraph's first words jump in time: "Later that night, ...", "Three days later, ..."."""


def find_scenes(story: Story, parsed: Parsed, quotes: tuple[Quote, ...], cast: Cast) -> tuple[Scene, ...]:
    """The scenes of the story, tiling its body, each with the characters present."""
    if not story.paragraphs:
        return ()
    inside = QuoteIndex(quotes)
    people = _narration_people(story, cast, inside)
    paragraphs = [_describe(doc, span, inside, people[i])
                  for i, (doc, span) in enumerate(zip(parsed.docs, story.paragraphs))]
    marked = _marked_boundaries(story, paragraphs)
    boundaries = {**_implicit_boundaries(paragraphs, marked), **marked}
    return _build_scenes(story, boundaries, _presence_events(cast, quotes, inside))


@functools.lru_cache(maxsize=1)
def _place_nouns() -> dict[str, str]:
    """The shipped lexicon: place noun -> its setting (``"[room]"``...)."""
    text = resources.files("fabula").joinpath("data/places.txt").read_text(encoding="utf-8")
    settings: dict[str, str] = {}
    setting = "[place]"
    for line in (raw.strip() for raw in text.splitlines()):
        if line.startswith("["):
            setting = line
        elif line and not line.startswith("#"):
            settings[line] = setting
    return settings


def _singular(word: str) -> str:
    """A crude plural strip (the lemmatizer is off): ``blankets`` -> ``blanket``."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and len(word) > 3 and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _describe(doc, span: Span, inside: QuoteIndex, people: frozenset[str]) -> _Paragraph:
    """The signals of one paragraph, from its narration only, in one pass over its tokens."""
    nouns: Counter = Counter()
    words = places = 0
    opening: list = []  # the narration of the first sentence that has any
    narrated = closed = False
    for token in doc:
        start = span.start + token.idx
        quoted = inside.contains(start, start + len(token))
        closed = closed or (narrated and token.is_sent_start)
        if not quoted and not closed:
            opening.append(token)
            narrated = narrated or token.is_alpha
        if token.is_alpha:
            words += 1
            places += not quoted and _count_noun(token, nouns)
    text = span.text.strip()
    heading = ("chapter" if is_heading(text) or _NUMERAL.fullmatch(text)
               else "marker" if is_break(text) else None)
    return _Paragraph(words, nouns, places, people, _cue(opening), inside.overlaps(span.start, span.end),
                      inside.overlaps(span.start, span.start + 3), heading, _opens_on_jump(text))


def _opens_on_jump(text: str) -> bool:
    """Whether a paragraph's first words jump in time: "Later that night,", "Three days later,", "The next
    morning" (not "She remembered that morning")."""
    found = _TIME_CUE.search(text, 0, JUMP_OPENING + 40)
    return found is not None and found.start() <= JUMP_OPENING and not re.search(r"[,.;:!?]", text[: found.start()])


def _count_noun(token, nouns: Counter) -> bool:
    """Count a narration noun into ``nouns``; True when it names a place or setting."""
    if token.pos_ != "NOUN" or token.text[0].isupper():
        return False
    noun = _singular(token.lower_)
    setting = _place_nouns().get(noun)
    if setting:
        nouns[noun] += PLACE_WEIGHT
        nouns[setting] += SETTING_WEIGHT
        return True
    if noun not in _BACKGROUND and len(noun) > 2:
        nouns[noun] += 1.0
    return False


def _cue(opening: list) -> float:
    """How strongly the paragraph's opening narration announces a new time or place.

    Negative when it carries straight on: its subject is a pronoun ("she laughed"),
    which leans on someone named just before, where a new scene tends to name them.
    """
    zone = "".join(t.text_with_ws for t in opening)
    score = 1.0 if _TIME_CUE.search(zone) else 0.0
    score += 0.6 if _PLACE_CUE.search(zone) else 0.0
    if not score and any(t.ent_type_ in ("DATE", "TIME") for t in opening[:6]):
        score = 0.5
    subject = next((t for t in opening if t.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.lower_ in _ANAPHORS:
        score -= CONTINUITY_PENALTY
    return score


def _narration_people(story: Story, cast: Cast, inside: QuoteIndex) -> list[frozenset[str]]:
    """For each paragraph, the characters mentioned in its narration."""
    starts = [p.start for p in story.paragraphs]
    found: list[set[str]] = [set() for _ in starts]
    for mention in cast.mentions:
        if not inside.contains(mention.start, mention.end):
            found[max(bisect.bisect_right(starts, mention.start) - 1, 0)].add(mention.character)
    return [frozenset(f) for f in found]


def _marked_boundaries(story: Story, paragraphs: list[_Paragraph]) -> dict[int, str]:
    """Paragraph index -> ``"chapter"`` or ``"marker"`` for each break the source marks."""
    starts = [p.start for p in story.paragraphs]
    marked: dict[int, str] = {}
    for span, kind in [(b, "marker") for b in story.breaks] + [(c, "chapter") for c in story.chapters]:
        index = bisect.bisect_left(starts, span.start if kind == "chapter" else span.end)
        if 0 < index < len(starts):
            marked[index] = kind
    for index, paragraph in enumerate(paragraphs):
        if paragraph.heading == "chapter" and index > 0 and paragraphs[index - 1].heading != "chapter":
            marked[index] = "chapter"
        elif paragraph.heading == "marker" and index + 1 < len(paragraphs):
            marked[index + 1] = "marker"
    return marked


def _implicit_boundaries(paragraphs: list[_Paragraph], marked: dict[int, str]) -> dict[int, str]:
    """Paragraph index -> ``"implicit"`` for each unmarked break worth making."""
    scores = _boundary_scores(paragraphs, marked)
    words = [0]
    for paragraph in paragraphs:
        words.append(words[-1] + paragraph.words)
    chosen = sorted({0, len(paragraphs), *marked})
    for score, gap in sorted(((s, g) for g, s in scores.items() if _is_peak(scores, g)), reverse=True):
        at = bisect.bisect_left(chosen, gap)
        before, after = chosen[at - 1], chosen[at]
        if min(gap - before, after - gap) < MIN_PARAGRAPHS:
            continue
        if not paragraphs[gap].jumps and min(words[gap] - words[before], words[after] - words[gap]) < MIN_WORDS:
            continue
        chosen.insert(at, gap)
    return {g: "implicit" for g in chosen if 0 < g < len(paragraphs) and g not in marked}


def _is_peak(scores: dict[int, float], gap: int) -> bool:
    """The score at ``gap`` clears the threshold and tops every gap within a minimum scene length."""
    score = scores[gap]
    return score >= THRESHOLD and all(
        scores.get(gap + d, 0.0) < score or (d > 0 and scores.get(gap + d) == score)
        for d in range(-MIN_PARAGRAPHS + 1, MIN_PARAGRAPHS) if d
    )


def _boundary_scores(paragraphs: list[_Paragraph], marked: dict[int, str]) -> dict[int, float]:
    """Gap index (the paragraph after it) -> how much the story turns there."""
    similarity, change = _signals(paragraphs, marked)
    return {gap: _depth(similarity, gap) + CAST_WEIGHT * change[gap] + paragraphs[gap].cue
            - DIALOGUE_PENALTY * (paragraphs[gap - 1].speech and paragraphs[gap].opens_with_speech)
            for gap in change}


def _signals(
    paragraphs: list[_Paragraph], marked: dict[int, str]
) -> tuple[dict[int, float], dict[int, float]]:
    """Per unmarked gap: the lexical similarity across it (where both sides name a place), the cast change."""
    limits = sorted({0, len(paragraphs), *marked})
    similarity: dict[int, float] = {}
    change: dict[int, float] = {}
    for gap in range(1, len(paragraphs)):
        if gap in marked:
            continue
        at = bisect.bisect_right(limits, gap)
        left = _window(paragraphs, gap - 1, limits[at - 1] - 1, -1)
        right = _window(paragraphs, gap, limits[at], 1)
        if any(p.places for p in left) and any(p.places for p in right):
            similarity[gap] = _cosine(_nouns(left), _nouns(right))
        change[gap] = _cast_change(left, right)
    return similarity, change


def _window(paragraphs: list[_Paragraph], first: int, stop: int, step: int) -> list[_Paragraph]:
    """Paragraphs from ``first`` going ``step`` until the window is full or ``stop`` is reached."""
    window: list[_Paragraph] = []
    words = places = 0
    for index in range(first, stop, step):
        window.append(paragraphs[index])
        words += paragraphs[index].words
        places += paragraphs[index].places
        if places >= WINDOW_PLACES and words >= WINDOW_WORDS:
            break
        if words >= WINDOW_MAX_WORDS or len(window) >= WINDOW_MAX_PARAGRAPHS:
            break
    return window


def _nouns(window: list[_Paragraph]) -> Counter:
    """The weighted narration nouns of a window."""
    total: Counter = Counter()
    for paragraph in window:
        total.update(paragraph.nouns)
    return total


def _cosine(a: Counter, b: Counter) -> float:
    """Cosine similarity of two weighted bags of words."""
    if not a or not b:
        return 0.0
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def _cast_change(left: list[_Paragraph], right: list[_Paragraph]) -> float:
    """How few of the people named in the narration on the smaller side are named on the other.

    An overlap coefficient, not Jaccard: one side naming only one of two people
    talking is no change; 0 when a side names nobody.
    """
    before = set().union(*(p.people for p in left))
    after = set().union(*(p.people for p in right))
    if not before or not after:
        return 0.0
    return 1.0 - len(before & after) / min(len(before), len(after))


def _depth(similarity: dict[int, float], gap: int, reach: int = 6) -> float:
    """How far the similarity at ``gap`` lies below the peaks on either side (TextTiling depth)."""
    if gap not in similarity:
        return 0.0
    depth = 0.0
    for step in (-1, 1):
        peak, at = similarity[gap], gap + step
        while at in similarity and abs(at - gap) <= reach and similarity[at] >= peak:
            peak, at = similarity[at], at + step
        depth += peak - similarity[gap]
    return depth


def _presence_events(cast: Cast, quotes: tuple[Quote, ...], inside: QuoteIndex) -> list[tuple[int, str]]:
    """(offset, character id) for each narration mention and each spoken quote, in text order.

    People the cast marks as never on the page (only talked about) are left out.
    """
    offstage = {c.id for c in cast.characters if not c.on_page}
    events = [(m.start, m.character) for m in cast.mentions
              if m.character not in offstage and not inside.contains(m.start, m.end)]
    for quote in quotes:
        speakers = quote.speakers or ((quote.speaker,) if quote.speaker else ())
        events.extend((quote.start, speaker) for speaker in speakers)
    return sorted(events)


def _build_scenes(
    story: Story, boundaries: dict[int, str], events: list[tuple[int, str]]
) -> tuple[Scene, ...]:
    """Scenes from the break positions, each with the characters present in order of appearance."""
    paragraphs = story.paragraphs
    starts = [0, *sorted(g for g in boundaries if 0 < g < len(paragraphs))]
    ends = [*starts[1:], len(paragraphs)]
    scenes = []
    cursor = 0
    for number, (first, stop) in enumerate(zip(starts, ends), start=1):
        start = paragraphs[first].start
        end = paragraphs[stop].start if stop < len(paragraphs) else paragraphs[-1].end
        present: dict[str, None] = {}
        while cursor < len(events) and events[cursor][0] < end:
            if events[cursor][0] >= start:
                present.setdefault(events[cursor][1])
            cursor += 1
        scenes.append(Scene(id=f"s{number}", start=start, end=end, characters=tuple(present),
                            boundary=boundaries.get(first, "start")))
    return tuple(scenes)
