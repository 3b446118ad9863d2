"""The feeling of a piece of text: VADER's valence, fabula's emotion words, and intensity.

Valence is VADER's compound score (MIT; it weighs negation, intensifiers, capitals and "!").
Emotions come from fabula's own word list (``data/emotions.tsv``, see its data card).
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from importlib import resources

from fabula.model import Feeling, Quote

WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")
NEGATORS = frozenset("not no never nothing nobody none neither nor cannot can't don't didn't doesn't isn't "
                     "wasn't aren't weren't won't wouldn't shouldn't couldn't haven't hasn't hadn't".split())
INTENSIFIERS = frozenset("very so really extremely too utterly absolutely totally completely such".split())
SHOUTING = frozenset("screamed shouted yelled roared bellowed shrieked cried howled exploded snapped "
                     "screaming shouting yelling sobbed wailed".split())
NEGATION_REACH = 3
ENDINGS = ("ing", "ed", "es", "ly", "s", "d")


@functools.lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@functools.lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = defaultdict(list)
    text = (resources.files("fabula") / "data" / "emotions.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, emotion = line.split("\t")
            found[word].append(emotion)
    return {word: tuple(emotions) for word, emotions in found.items()}


def _emotions_of(word: str) -> tuple[str, ...]:
    lexicon = _lexicon()
    if word in lexicon:
        return lexicon[word]
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            for candidate in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else None):
                if candidate and candidate in lexicon:
                    return lexicon[candidate]
    return ()


def feel(text: str, loud: bool = False) -> Feeling:
    """One text's feeling: VADER's valence, emotion words (negation and intensifiers weighed), intensity."""
    valence = _analyzer().polarity_scores(text)["compound"] if text.strip() else 0.0
    words = WORD.findall(text)
    counts: Counter = Counter()
    cues: list[str] = []
    for i, raw in enumerate(words):
        word = raw.lower()
        emotions = _emotions_of(word)
        if not emotions:
            continue
        before = [w.lower() for w in words[max(0, i - NEGATION_REACH): i]]
        if any(w in NEGATORS or w.endswith("n't") for w in before):
            cues.append(f"not {word}")
            continue
        weight = 1.5 if before and before[-1] in INTENSIFIERS else 1.0
        for emotion in emotions:
            counts[emotion] += weight
        cues.append(word)
    exclaims = text.count("!")
    capitals = [w for w in words if len(w) >= 2 and w.isupper() and w != "I"]
    if exclaims:
        cues.append("!" * min(exclaims, 3))
    if capitals:
        cues.append(capitals[0])
    if loud:
        cues.append("shouted")
    intensity = min(1.0, 0.6 * abs(valence) + 0.12 * min(exclaims, 2) + 0.15 * bool(capitals)
                    + 0.2 * loud + 0.05 * min(sum(counts.values()), 4))
    total = sum(counts.values())
    emotions = tuple((e, round(n / total, 3)) for e, n in counts.most_common()) if total else ()
    return Feeling(valence=round(valence, 3), intensity=round(intensity, 3), emotions=emotions,
                   cues=tuple(dict.fromkeys(cues))[:8])


def shouted(text: str, quote: Quote) -> bool:
    """Whether the tag around the quote says it was shouted, screamed, sobbed..."""
    around = text[max(0, quote.start - 40): quote.start] + " " + text[quote.end: quote.end + 40]
    return any(w.lower() in SHOUTING for w in WORD.findall(around))


def combine(parts: list[tuple[Feeling, float]]) -> Feeling:
    """Several feelings as one, each weighed (by length, say)."""
    total = sum(w for f, w in parts) or 1.0
    emotions: Counter = Counter()
    for feeling, weight in parts:
        for emotion, share in feeling.emotions:
            emotions[emotion] += share * weight
    mass = sum(emotions.values())
    cues = Counter(c for f, _ in parts for c in f.cues if c.replace(" ", "").isalpha() and not c.isupper())
    return Feeling(
        valence=round(sum(f.valence * w for f, w in parts) / total, 3),
        intensity=round(sum(f.intensity * w for f, w in parts) / total, 3),
        emotions=tuple((e, round(n / mass, 3)) for e, n in emotions.most_common()) if mass else (),
        cues=tuple(c for c, _ in cues.most_common(8)),
    )
