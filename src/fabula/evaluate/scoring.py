"""Score one analysed book against its annotations: pure functions, no I/O.

Quotes are aligned by character overlap; predicted characters are matched to
annotated ones by the names they share, never by which matching scores best.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from fabula.evaluate.gold import QUOTE_TYPES, GoldBook, GoldCharacter, GoldQuote
from fabula.model import Analysis, Character, Quote

MIN_QUOTES_FOR_RECALL = 5
"""Annotated characters with at least this many quotes count for character recall."""
NOT_CHARACTERS = frozenset({"_group", "_unknowable"})
"""PDNC's speakers for lines said by several people at once and for lines no reader can attribute:
not characters, so no cluster can be them, and character recall leaves them out."""

PRECISION_KINDS = frozenset({"speech", "written"})
"""Predicted kinds checked for precision: thoughts and embedded quotes are not annotated."""

_TITLE_DOT = re.compile(r"\b(mr|mrs|ms|messrs|dr|st|rev|capt|col|gen|prof|lt|sgt|mme|mlle)\.")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Ratio:
    """A count of hits out of a total; ``value`` is None when there is nothing to count."""

    hit: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.hit / self.total if self.total else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.hit + other.hit, self.total + other.total)


@dataclass(frozen=True)
class QuoteError:
    """An annotated quote fabula missed or gave to the wrong speaker."""

    book: str
    quote: str
    type: str | None
    problem: str  # missed | no speaker | wrong speaker
    gold_speaker: str | None
    predicted_speaker: str | None
    """The predicted character's name, as fabula gives it."""
    predicted_as: str | None
    """The annotated character that name maps to, if any."""
    context: str
    text: str


@dataclass(frozen=True)
class BookScore:
    """Every figure for one book (or, summed, for all of them)."""

    name: str
    quotes: int
    recall: Ratio
    precision: Ratio
    speaker: Ratio
    types: dict[str, Ratio]
    addressees: Ratio
    characters: Ratio
    split: int = 0
    """Annotated characters (of those counted for recall) that fabula split in several."""
    unmapped: int = 0
    """Annotated quotes given to a predicted character whose names match no annotated one."""
    seconds: float = 0.0
    errors: tuple[QuoteError, ...] = field(default=(), repr=False)


def normalise_name(name: str) -> str:
    """Lower case, single spaces, straight apostrophes, no dot after a title, no leading "the"."""
    name = _SPACES.sub(" ", name.replace("’", "'")).strip().lower()
    name = _TITLE_DOT.sub(r"\1", name)
    return name[4:] if name.startswith("the ") else name


def map_characters(predicted: Iterable[Character], gold: Sequence[GoldCharacter]) -> dict[str, str]:
    """Predicted character id -> annotated character key, by shared names.

    A predicted character maps to the one annotated character whose names hold
    its name; when several or none do, to the one sharing the most of its names
    (aliases included). A tie, or no shared name, leaves it unmapped. The
    first-person narrator also goes by "I".
    """
    holders: dict[str, set[str]] = {}
    for character in gold:
        for name in character.names:
            holders.setdefault(normalise_name(name), set()).add(character.key)
    mapping = {}
    for character in predicted:
        key = _map_one(character, holders)
        if key is not None:
            mapping[character.id] = key
    return mapping


def _map_one(character: Character, holders: dict[str, set[str]]) -> str | None:
    """The annotated key one predicted character maps to, or None."""
    own = (character.name, *character.aliases, *(("I",) if character.narrator else ()))
    names = {normalise_name(n) for n in own} - {""}
    shared = Counter(key for name in names for key in holders.get(name, ()))
    by_name = holders.get(normalise_name(character.name), set())
    candidates = by_name if len(by_name) == 1 else (by_name or set(shared))
    best = max((shared[key] for key in candidates), default=0)
    winners = [key for key in candidates if shared[key] == best]
    return winners[0] if best and len(winners) == 1 else None


class _Intervals:
    """Items with a start and an end, found by overlap with a range in O(log n + hits)."""

    def __init__(self, items: Iterable[tuple[int, int, object]]):
        self._items = sorted(items, key=lambda item: item[0])
        self._starts = [item[0] for item in self._items]
        self._reach: list[int] = []
        for _, end, _ in self._items:
            self._reach.append(max(end, self._reach[-1]) if self._reach else end)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, object]]:
        """The items sharing at least one character with ``[start, end)``."""
        found = []
        index = bisect.bisect_left(self._starts, end) - 1
        while index >= 0 and self._reach[index] > start:
            item = self._items[index]
            if item[1] > start:
                found.append(item)
            index -= 1
        return found


def align_quotes(gold: Sequence[GoldQuote], predicted: Iterable[Quote]) -> dict[str, Quote | None]:
    """Gold quote id -> the predicted quote overlapping its spans most (None if none does).

    Embedded quotes (a quote inside a quote) are left out: they stand for the
    outer quote's speaker quoting someone else.
    """
    index = _Intervals((q.start, q.end, q) for q in predicted if q.kind != "embedded")
    aligned: dict[str, Quote | None] = {}
    for quote in gold:
        overlap: Counter[str] = Counter()
        by_id: dict[str, Quote] = {}
        for span in quote.spans:
            for start, end, found in index.overlapping(span.start, span.end):
                overlap[found.id] += min(end, span.end) - max(start, span.start)
                by_id[found.id] = found
        aligned[quote.id] = by_id[overlap.most_common(1)[0][0]] if overlap else None
    return aligned


def quote_precision(gold: Sequence[GoldQuote], predicted: Iterable[Quote]) -> Ratio:
    """Predicted speech (and writing) quotes that overlap some annotated span."""
    index = _Intervals((s.start, s.end, None) for q in gold for s in q.spans)
    counted = [q for q in predicted if q.kind in PRECISION_KINDS]
    return Ratio(sum(1 for q in counted if index.overlapping(q.start, q.end)), len(counted))


def character_recall(gold: Sequence[GoldQuote], mapping: dict[str, str]) -> tuple[Ratio, int]:
    """Annotated characters with enough quotes matched by exactly one predicted character,
    and how many of them are split over several."""
    lines = Counter(q.speaker for q in gold if q.speaker)
    counted = [key for key, n in lines.items() if n >= MIN_QUOTES_FOR_RECALL and key not in NOT_CHARACTERS]
    clusters = Counter(mapping.values())
    found = sum(1 for key in counted if clusters[key] == 1)
    return Ratio(found, len(counted)), sum(1 for key in counted if clusters[key] > 1)


def score_book(book: GoldBook, analysis: Analysis, seconds: float = 0.0) -> BookScore:
    """Every figure for one book: see docs/evaluation.md for what each means."""
    mapping = map_characters(analysis.cast.characters, book.characters)
    aligned = align_quotes(book.quotes, analysis.quotes)
    speaker = {q.id: _predicted_key(aligned[q.id], mapping) for q in book.quotes}
    right = {q.id for q in book.quotes if q.speaker is not None and speaker[q.id] == q.speaker}
    found = [q for q in book.quotes if aligned[q.id] is not None]
    addressed = [q for q in found if q.addressees]
    characters, split = character_recall(book.quotes, mapping)
    return BookScore(
        name=book.name,
        quotes=len(book.quotes),
        recall=Ratio(len(found), len(book.quotes)),
        precision=quote_precision(book.quotes, analysis.quotes),
        speaker=Ratio(len(right), len(book.quotes)),
        types={t: _ratio(q.id in right for q in book.quotes if q.type == t) for t in QUOTE_TYPES},
        addressees=_ratio(_addressed_right(q, aligned[q.id], mapping) for q in addressed),
        characters=characters,
        split=split,
        unmapped=sum(1 for q in found if aligned[q.id].speaker and aligned[q.id].speaker not in mapping),
        seconds=seconds,
        errors=tuple(_errors(book, analysis, aligned, mapping, right)),
    )


def _ratio(hits: Iterable[bool]) -> Ratio:
    hits = list(hits)
    return Ratio(sum(hits), len(hits))


def _predicted_key(quote: Quote | None, mapping: dict[str, str]) -> str | None:
    """The annotated character the predicted quote's speaker maps to."""
    return mapping.get(quote.speaker) if quote is not None and quote.speaker else None


def _addressed_right(gold: GoldQuote, quote: Quote | None, mapping: dict[str, str]) -> bool:
    """Right when one predicted addressee maps to one of the annotated addressees."""
    predicted = {mapping[a] for a in (quote.addressees if quote else ()) if a in mapping}
    return bool(predicted & set(gold.addressees))


def _errors(
    book: GoldBook,
    analysis: Analysis,
    aligned: dict[str, Quote | None],
    mapping: dict[str, str],
    right: set[str],
) -> Iterable[QuoteError]:
    """One ``QuoteError`` per annotated quote not given to its speaker, in text order."""
    names = {c.id: c.name for c in analysis.cast.characters}
    gold_names = {c.key: c.names[0] if c.names else c.key for c in book.characters}
    for gold in sorted(book.quotes, key=lambda q: q.start):
        if gold.id in right:
            continue
        quote = aligned[gold.id]
        problem = "missed" if quote is None else "no speaker" if not quote.speaker else "wrong speaker"
        predicted = quote.speaker if quote is not None else None
        yield QuoteError(
            book=book.name, quote=gold.id, type=gold.type, problem=problem,
            gold_speaker=gold_names.get(gold.speaker, gold.speaker) if gold.speaker else None,
            predicted_speaker=names.get(predicted, predicted) if predicted else None,
            predicted_as=gold_names.get(mapping[predicted]) if predicted in mapping else None,
            context=_before(book.text, gold.start), text=gold.text,
        )


def _before(text: str, start: int, width: int = 80) -> str:
    """About ``width`` characters of text before ``start``, on one line."""
    return " ".join(text[max(0, start - width):start].split())


def combine(scores: Sequence[BookScore], name: str = "overall") -> BookScore:
    """Micro-averaged figures: every count summed over the books."""

    def total(get) -> Ratio:
        return sum((get(s) for s in scores), Ratio())

    return BookScore(
        name=name,
        quotes=sum(s.quotes for s in scores),
        recall=total(lambda s: s.recall),
        precision=total(lambda s: s.precision),
        speaker=total(lambda s: s.speaker),
        types={t: total(lambda s, t=t: s.types[t]) for t in QUOTE_TYPES},
        addressees=total(lambda s: s.addressees),
        characters=total(lambda s: s.characters),
        split=sum(s.split for s in scores),
        unmapped=sum(s.unmapped for s in scores),
        seconds=sum(s.seconds for s in scores),
        errors=tuple(e for s in scores for e in s.errors),
    )
