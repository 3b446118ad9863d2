"""The ``fabula/1`` JSON object: the contract tools outside the project read."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

from fabula import __version__
from fabula.model import Analysis, Feeling, Quote, Story

SCHEMA = "fabula/1"


def heading(story: Story) -> str:
    """The story's title, or its file's name when it has none."""
    return story.metadata.title or Path(story.source.path or "story").stem


def voices(quote: Quote) -> tuple[str, ...]:
    """Who says a quote: its one speaker, or the several who say it together."""
    return (quote.speaker,) if quote.speaker else quote.speakers


def line_counts(quotes: Iterable[Quote]) -> tuple[Counter, Counter]:
    """Lines and thoughts per character id, a line said together counting for each who says it."""
    lines: Counter = Counter()
    thoughts: Counter = Counter()
    for quote in quotes:
        (thoughts if quote.kind == "thought" else lines).update(voices(quote))
    return lines, thoughts


def to_dict(analysis: Analysis) -> dict:
    """The analysis as a plain dict, ready for ``json.dump``."""
    story = analysis.story
    lines, _ = line_counts(analysis.quotes)
    metadata = asdict(story.metadata)
    metadata["extra"] = dict(story.metadata.extra)
    for key, value in metadata.items():
        if isinstance(value, tuple):
            metadata[key] = list(value)
    return {
        "schema": SCHEMA,
        "generator": {"name": "fabula", "version": __version__},
        "notices": list(analysis.notices),
        "source": asdict(story.source),
        "metadata": metadata,
        "stats": {
            "words": sum(len(p.text.split()) for p in story.paragraphs),
            "paragraphs": len(story.paragraphs),
            "chapters": len(story.chapters),
        },
        "chapters": [asdict(c) for c in story.chapters],
        "characters": [
            {
                "id": c.id,
                "name": c.name,
                "aliases": list(c.aliases),
                "pronouns": c.pronouns,
                "mentions": c.mentions,
                "quotes": lines.get(c.id, 0),
                "on_page": c.on_page,
                "narrator": c.narrator,
            }
            for c in analysis.cast.characters
        ],
        "quotes": [
            {
                "id": q.id,
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "kind": q.kind,
                "speaker": q.speaker,
                **({"speakers": list(q.speakers)} if q.speakers else {}),
                "addressees": list(q.addressees),
                "confidence": round(q.confidence, 3),
                "cue": q.cue,
            }
            for q in analysis.quotes
        ],
        "mentions": [
            {"start": m.start, "end": m.end, "text": m.text, "character": m.character, "kind": m.kind}
            for m in analysis.cast.mentions
        ],
        "rating": _rating(analysis),
        "feelings": _feelings(analysis),
        "relations": [
            {
                "characters": list(r.characters),
                "valence": r.valence,
                "lines": sum(r.lines),
                "lines_each_way": list(r.lines),
                "scenes": r.scenes,
                "tone": list(r.tone),
                "narration": r.narration,
                "emotions": dict(r.emotions),
                "label": r.label,
                "evidence": list(r.evidence),
            }
            for r in analysis.relations
        ],
        "scenes": [
            {
                "id": s.id,
                "start": s.start,
                "end": s.end,
                "characters": list(s.characters),
                "boundary": s.boundary,
            }
            for s in analysis.scenes
        ],
    }


def _feeling(feeling: Feeling) -> dict:
    return {
        "valence": feeling.valence,
        "intensity": feeling.intensity,
        "emotions": dict(feeling.emotions),
        "cues": list(feeling.cues),
    }


def _feelings(analysis: Analysis) -> dict:
    """Feelings per quote, paragraph, scene and character, with each character's arc."""
    feelings = analysis.feelings
    return {
        "quotes": {qid: _feeling(f) for qid, f in feelings.quotes.items()},
        "paragraphs": [
            {"start": p.start, "end": p.end, **_feeling(f)}
            for p, f in zip(analysis.story.paragraphs, feelings.paragraphs)
        ],
        "scenes": {sid: _feeling(f) for sid, f in feelings.scenes.items()},
        "characters": {
            c.character: {
                **_feeling(c.feeling),
                "arc": [[p.at, p.valence] for p in c.arc],
                "turning_points": [[p.at, p.valence] for p in c.turning_points],
            }
            for c in feelings.characters
        },
    }


def _rating(analysis: Analysis) -> dict:
    """Declared against proposed: the story's own rating and warnings, fabula's, and the evidence."""
    meta, content = analysis.story.metadata, analysis.content
    proposal = content.proposal
    return {
        "declared": {"rating": meta.rating, "warnings": list(meta.warnings)},
        "proposed": {"ao3": proposal.ao3, "ffn": proposal.ffn, "mpaa": proposal.mpaa} if proposal else None,
        "archive_warnings": list(proposal.archive_warnings) if proposal else [],
        "tags": list(proposal.tags) if proposal else [],
        "reasons": [{"proposed": what, "because": why} for what, why in proposal.reasons] if proposal else [],
        "passages": content.passages,
        "content": [
            {
                "category": s.category,
                "level": s.level,
                "confidence": s.confidence,
                "passages": s.passages,
                "evidence": [{"start": e.start, "end": e.end, "text": e.text} for e in s.evidence],
            }
            for s in content.signals
        ],
    }
