"""How the story feels: valence, intensity and emotions per quote, paragraph, scene and character."""

from __future__ import annotations

import bisect
from collections import defaultdict

from fabula.model import ArcPoint, Cast, CharacterFeelings, Feeling, Feelings, Quote, Scene, Story
from fabula.nlp import Parsed
from fabula.stages._affect import combine, feel, shouted
from fabula.stages._quote_index import QuoteIndex

ARC_POINTS = 60
"""An arc is smoothed and then given at most this many points."""
TURN = 0.2
"""How far a smoothed arc must move between a peak and a low for both to count as turning points."""


def find_feelings(story: Story, parsed: Parsed, quotes: tuple[Quote, ...], cast: Cast,
                  scenes: tuple[Scene, ...]) -> Feelings:
    """The feelings of every quote, paragraph, scene and character, with each character's arc."""
    by_quote = {q.id: feel(q.text, loud=shouted(story.text, q)) for q in quotes if q.kind != "embedded"}
    paragraphs, narration = _sentences(parsed, quotes, cast)
    by_scene = {s.id: combine([(f, p.end - p.start) for p, f in zip(story.paragraphs, paragraphs)
                                if s.start <= p.start < s.end]) for s in scenes}
    moments: dict[str, list[tuple[int, Feeling]]] = defaultdict(list)
    for quote in quotes:
        if quote.speaker and quote.id in by_quote:
            moments[quote.speaker].append((quote.start, by_quote[quote.id]))
    for start, _, about, feeling in narration:
        for character in about:
            moments[character].append((start, feeling))
    characters = tuple(
        _character(c.id, sorted(moments[c.id], key=lambda m: m[0])) for c in cast.characters if moments.get(c.id)
    )
    return Feelings(quotes=by_quote, paragraphs=paragraphs, scenes=by_scene, characters=characters,
                    narration=narration)


def _sentences(parsed: Parsed, quotes: tuple[Quote, ...], cast: Cast) -> tuple[tuple[Feeling, ...], tuple]:
    """Every sentence felt once: each paragraph's feeling from its sentences, and the narration
    sentences that mention characters (span, who, feeling)."""
    inside = QuoteIndex(quotes)
    starts = [m.start for m in cast.mentions]
    paragraphs, narration = [], []
    for doc, offset in zip(parsed.docs, parsed.offsets):
        parts = []
        for sentence in doc.sents:
            feeling = feel(sentence.text)
            parts.append((feeling, len(sentence.text)))
            start, end = offset + sentence.start_char, offset + sentence.end_char
            k, stop = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
            about = tuple(sorted({m.character for m in cast.mentions[k:stop] if not inside(m.start)}))
            if about:
                narration.append((start, end, about, feeling))
        paragraphs.append(combine(parts) if parts else Feeling())
    return tuple(paragraphs), tuple(narration)


def _character(character: str, moments: list[tuple[int, Feeling]]) -> CharacterFeelings:
    """A character's overall feeling, their smoothed arc, and where it turns."""
    overall = combine([(f, 1.0) for _, f in moments])
    values = [f.valence for _, f in moments]
    half = max(3, len(values) // 8) // 2
    windows = (values[max(0, i - half): i + half + 1] for i in range(len(values)))
    smoothed = [sum(window) / len(window) for window in windows]
    step = max(1, len(values) // ARC_POINTS)
    arc = tuple(ArcPoint(at=moments[i][0], valence=round(smoothed[i], 3)) for i in range(0, len(values), step))
    return CharacterFeelings(character=character, feeling=overall, arc=arc, turning_points=_turns(arc))


def _turns(arc: tuple[ArcPoint, ...]) -> tuple[ArcPoint, ...]:
    """Peaks and lows the arc moves at least ``TURN`` away from on both sides (a zigzag filter)."""
    turns: list[ArcPoint] = []
    if not arc:
        return ()
    high = low = extreme = arc[0]
    trend = 0
    for point in arc[1:]:
        if trend == 0:
            high = point if point.valence > high.valence else high
            low = point if point.valence < low.valence else low
            if point.valence - low.valence >= TURN:
                trend, extreme = 1, point
            elif high.valence - point.valence >= TURN:
                trend, extreme = -1, point
        elif (point.valence - extreme.valence) * trend > 0:
            extreme = point
        elif abs(point.valence - extreme.valence) >= TURN:
            turns.append(extreme)
            trend, extreme = -trend, point
    return tuple(turns)
