"""What is between two characters: lines each way, scenes shared, the tone of both, and a label."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import replace

from fabula.model import Feeling, Feelings, Quote, Relation, Scene
from fabula.stages._affect import combine

NARRATION_WEIGHT = 0.5
"""A sentence of narration about both counts half as much as a line one says to the other."""
STRONG = 3
"""Lines and narration sentences together a pair needs before it gets a label."""
WARM, COLD = 0.25, -0.1
"""Valence at or past which a tie reads warm, or cold."""
HOT = 0.4
"""Share of anger and disgust among the emotions that makes a cold tie hostile (and a lukewarm one a conflict)."""
ABOVE_USUAL = 0.1
"""How far above the story's median tie a warm one must be."""
EVIDENCE = 3


def find_relations(quotes: tuple[Quote, ...], scenes: tuple[Scene, ...], feelings: Feelings) -> tuple[Relation, ...]:
    """Every pair of characters who speak to each other, strongest tie first."""
    said: dict[tuple[str, str], list[Quote]] = defaultdict(list)
    for quote in quotes:
        if quote.speaker and quote.kind in ("speech", "written") and quote.id in feelings.quotes:
            for addressee in quote.addressees:
                if addressee != quote.speaker:
                    said[(quote.speaker, addressee)].append(quote)
    pairs = {tuple(sorted(pair)) for pair in said}
    about = _narration_about(feelings, pairs)
    relations = []
    for a, b in pairs:
        forward, back = said[(a, b)], said[(b, a)]
        narration = about.get((a, b), [])
        lines = [feelings.quotes[q.id] for q in forward + back]
        weighted = [(f, 1.0) for f in lines] + [(f, NARRATION_WEIGHT) for f in narration]
        overall = combine(weighted)
        valence = round((overall.valence + _warmth(overall)) / 2, 3)
        relations.append(Relation(
            characters=(a, b),
            lines=(len(forward), len(back)),
            scenes=sum(1 for s in scenes if a in s.characters and b in s.characters),
            valence=valence,
            tone=(_tone(forward, feelings), _tone(back, feelings)),
            narration=combine([(f, 1.0) for f in narration]).valence if narration else None,
            emotions=overall.emotions[:4],
            label=None,
        ))
    strong = [r for r in relations if _evidence_count(r, about) >= STRONG]
    baseline = statistics.median(r.valence for r in strong) if strong else 0.0
    strong_pairs = {r.characters for r in strong}
    labelled = []
    for relation in relations:
        label = _label(relation, baseline) if relation.characters in strong_pairs else None
        lines = said[relation.characters] + said[relation.characters[::-1]]
        labelled.append(replace(relation, label=label, evidence=_evidence(lines, feelings, label)))
    return tuple(sorted(labelled, key=lambda r: (-sum(r.lines), r.characters)))


def _evidence_count(relation: Relation, about: dict) -> int:
    return sum(relation.lines) + len(about.get(relation.characters, []))


def _tone(lines: list[Quote], feelings: Feelings) -> float | None:
    return combine([(feelings.quotes[q.id], 1.0) for q in lines]).valence if lines else None


def _narration_about(feelings: Feelings, pairs: set[tuple[str, str]]) -> dict[tuple[str, str], list[Feeling]]:
    """The feeling of each narration sentence that mentions both of a pair."""
    found: dict[tuple[str, str], list[Feeling]] = defaultdict(list)
    for _, _, about, feeling in feelings.narration:
        for i, a in enumerate(about):
            for b in about[i + 1:]:
                if (a, b) in pairs:
                    found[(a, b)].append(feeling)
    return found


def _warmth(feeling: Feeling) -> float:
    """How warm the emotions between two are, -1 to 1: joy and trust against anger, disgust and fear.

    VADER scores what is said, and two people can talk warmly about a painful thing; the emotions
    of their words weigh in as much as the valence does."""
    emotions = dict(feeling.emotions)
    warm = emotions.get("joy", 0) + emotions.get("trust", 0)
    cold = emotions.get("anger", 0) + emotions.get("disgust", 0) + emotions.get("fear", 0)
    return warm - cold


def _label(relation: Relation, baseline: float) -> str | None:
    """A name for the tie where it points one way. Warmth is judged against the story's own
    median tie, so a book whose every exchange is polite does not make every pair affectionate."""
    emotions = dict(relation.emotions)
    hot = emotions.get("anger", 0) + emotions.get("disgust", 0)
    if relation.valence <= COLD:
        if emotions.get("fear", 0) > max(hot, 0.3):
            return "fear"
        return "hostility" if hot >= HOT else "conflict"
    if relation.valence >= max(WARM, baseline + ABOVE_USUAL):
        warm = emotions.get("joy", 0) + emotions.get("trust", 0)
        if emotions.get("sadness", 0) + emotions.get("fear", 0) > warm:
            return "care"  # gentle words over someone's pain
        return "affection"
    if hot >= HOT:
        return "conflict"
    return None


def _evidence(lines: list[Quote], feelings: Feelings, label: str | None) -> tuple[str, ...]:
    """The lines that show the label best: the most positive for a warm tie, the most negative else."""
    if label is None:
        return ()
    sign = 1 if label in ("affection", "care") else -1
    ranked = sorted(lines, key=lambda q: -sign * feelings.quotes[q.id].valence)
    return tuple(q.id for q in ranked[:EVIDENCE] if sign * feelings.quotes[q.id].valence > 0)
