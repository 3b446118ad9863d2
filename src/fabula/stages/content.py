"""What the story holds (sex, violence, abuse, language, the eight passage warnings...) and the
rating and warnings that follow, each with the passages that decided it.

What the narration shows counts as on the page; what a character only says counts as referenced
(an assault recalled in dialogue is referenced violence), except for language, which is speech.
The word list is ``data/content.tsv`` (written for fabula; see its data card).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict
from importlib import resources

from fabula.model import Cast, Content, ContentSignal, Proposal, Quote, Relation, Span, Story
from fabula.stages._affect import WORD
from fabula.stages._quote_index import QuoteIndex
from fabula.stages.formats.metadata import AO3_WARNINGS

LEVELS = {
    "sexual_content": ("none", "references", "on-page", "explicit"),
    "violence": ("none", "referenced", "on-page", "graphic"),
    "profanity": ("none", "mild", "strong"),
}
"""Levels by category, weakest first; the rest go none, referenced, on-page."""
GENERIC_LEVELS = ("none", "referenced", "on-page")
CATEGORIES = (
    "sexual_content", "violence", "domestic_abuse", "emotional_abuse", "child_abuse", "self_harm", "suicide",
    "major_character_death", "non_consent", "underage", "substance_use", "profanity", "slurs",
    "abduction", "ableism", "death", "homophobia", "misogyny", "racism", "war",
)
POINTS = {"strong": 3, "weak": 1}
WINDOW_WORDS = 120
"""Consecutive paragraphs are read together until they hold this many words: a passage."""
REFERENCED = 2
"""Points a passage needs (narration and dialogue together) for a category to be there at all."""
ON_PAGE = 4
"""Points the narration of one passage needs for the content to be on the page: a strong phrase and
at least one more."""
CHARACTERS_PER_EXTRA_PASSAGE = 150_000
"""About 25,000 words: each such stretch of a long text asks one more passage to show a thing."""
HIGH = 9
"""Narration points in one passage, and passages on the page, for explicit sex or graphic violence."""
HIGH_PASSAGES = 2
HIGH_DISTINCT = 3
EVIDENCE = 3

AO3 = ("General Audiences", "Teen And Up Audiences", "Mature", "Explicit")
FFN = ("K", "K+", "T", "M")
MPAA = ("G", "PG", "PG-13", "R", "NC-17")
TAGS = {
    "domestic_abuse": "Domestic Violence", "emotional_abuse": "Emotional Abuse", "child_abuse": "Child Abuse",
    "self_harm": "Self-Harm", "suicide": "Suicide", "substance_use": "Alcohol/Drug Use", "abduction": "Kidnapping",
    "homophobia": "Homophobia", "racism": "Racism", "misogyny": "Misogyny", "war": "War", "ableism": "Ableism",
}
"""Freeform tags a reader would expect for content on the page."""
SURE = 0.7
"""Confidence at which abuse only talked about still earns its tag: a story that keeps talking about it."""
TOLD = ("domestic_abuse", "emotional_abuse", "child_abuse")
"""Content that fan fiction mostly shows through what characters say about it."""
TOLD_SHARE = 0.05
"""Share of a story's passages that must talk about such content for it to earn the tag."""
HEAVY = (
    ("language", "profanity", 2, "strong language"), ("sex", "sexual_content", 1, "sexual references"),
    ("abuse", "domestic_abuse", 1, "abuse (domestic)"), ("abuse", "emotional_abuse", 1, "abuse (emotional)"),
    ("abuse", "child_abuse", 1, "abuse (of a child)"), ("violence", "violence", 2, "violence on the page"),
)
"""(theme, category, level, reason): three themes or more together make a story Mature."""
ARCHIVE_WARNINGS = (
    ("violence", 3, "Graphic Depictions Of Violence"), ("major_character_death", 2, "Major Character Death"),
    ("non_consent", 2, "Rape/Non-Con"), ("underage", 2, "Underage Sex"),
)
"""(category, level, warning): the AO3 archive warning a category earns at that level."""
WHEELCHAIR = re.compile(r"\bwheel ?chairs?\b", re.IGNORECASE)


def find_content(story: Story, quotes: tuple[Quote, ...], cast: Cast,
                 relations: tuple[Relation, ...] = ()) -> Content:
    """Every content category found, with level, confidence and evidence; and the proposal."""
    inside = QuoteIndex(quotes)
    passages = _passages(story)
    names = {m.start for m in cast.mentions if m.kind == "name"}
    hits = {category: [h for h in found if h[1] not in names]  # a girl named with a word the list holds is no slur
            for category, found in _hits(story, passages).items()}
    signals = []
    for category in CATEGORIES:
        found = hits.get(category)
        if not found:
            continue
        signal = (_language(category, found, story) if category == "profanity"
                  else _death(found, quotes, cast, inside, story) if category == "major_character_death"
                  else _signal(category, found, inside, story))
        if signal is not None:
            signals.append(signal)
    signals = tuple(signals)
    return Content(signals=signals, proposal=_propose(story, signals, relations, len(passages)),
                   passages=len(passages))


@functools.lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, list[tuple[str, int]]], dict[str, tuple[re.Pattern, dict[str, int]]]]:
    """Single words and what they stand for; per category, one pattern for its phrases of several words."""
    words: dict[str, list[tuple[str, int]]] = defaultdict(list)
    phrases: dict[str, dict[str, int]] = defaultdict(dict)
    text = (resources.files("fabula") / "data" / "content.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        category, strength, phrase = line.split("\t")
        normal = _normal(phrase)
        if " " in normal:
            phrases[category][normal] = POINTS[strength]
        else:
            words[normal].append((category, POINTS[strength]))
    patterns = {}
    for category, known in phrases.items():
        alternatives = sorted(known, key=len, reverse=True)
        pattern = "|".join(r"[\s-]+".join(re.escape(w) for w in phrase.split()) for phrase in alternatives)
        patterns[category] = (re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE), known)
    return dict(words), patterns


def _normal(phrase: str) -> str:
    return " ".join(re.split(r"[\s-]+", phrase.lower().strip()))


def _passages(story: Story) -> list[tuple[int, int]]:
    """Runs of consecutive paragraphs of at least ``WINDOW_WORDS`` words, as (start, end) offsets."""
    passages, start, words = [], None, 0
    for paragraph in story.paragraphs:
        start = paragraph.start if start is None else start
        words += len(paragraph.text.split())
        if words >= WINDOW_WORDS:
            passages.append((start, paragraph.end))
            start, words = None, 0
    if start is not None:
        passages.append((start, story.paragraphs[-1].end))
    return passages


def _hits(story: Story, passages: list[tuple[int, int]]) -> dict[str, list[tuple[int, int, int, int]]]:
    """Per category: (passage, start, end, points) of every word and phrase found, in text order."""
    starts = [start for start, _ in passages]
    found: dict[str, list[tuple[int, int, int, int]]] = defaultdict(list)
    if not passages:
        return found
    begin, end = passages[0][0], passages[-1][1]
    words, patterns = _lexicon()
    for match in WORD.finditer(story.text, begin, end):
        for category, points in words.get(match.group().lower(), ()):
            found[category].append((bisect.bisect_right(starts, match.start()) - 1, match.start(), match.end(), points))
    for category, (pattern, known) in patterns.items():
        for match in pattern.finditer(story.text, begin, end):
            points = known.get(_normal(match.group()))
            if points is None:
                continue  # a look-alike the case-blind match lets in ("ſlept with", dotless "ı"): not ours
            passage = bisect.bisect_right(starts, match.start()) - 1
            found[category].append((passage, match.start(), match.end(), points))
    for hits in found.values():
        hits.sort(key=lambda hit: hit[1])
    return found


def _signal(category: str, hits: list, inside, story: Story) -> ContentSignal | None:
    """The level a category reaches in its strongest passage. On the page takes narration with a
    strong phrase in it; explicit or graphic takes several different strong phrases, in more than
    one passage."""
    narration: dict[int, int] = defaultdict(int)
    total: dict[int, int] = defaultdict(int)
    strong: dict[int, set[str]] = defaultdict(set)
    counted, told = set(), set()  # (passage, word): a word used again in a passage is one sign, not two
    for passage, start, end, points in sorted(hits, key=lambda hit: -hit[3]):  # (its strongest use counts)
        key = (passage, story.text[start:end].lower())
        if key not in counted:
            counted.add(key)
            total[passage] += points
        if not inside(start) and key not in told:
            told.add(key)
            narration[passage] += points
            if points == POINTS["strong"]:
                strong[passage].add(key[1])
    if sum(n >= REFERENCED for n in total.values()) < _passages_needed(story):
        return None
    levels = LEVELS.get(category, GENERIC_LEVELS)
    shown = {p: n for p, n in narration.items() if n >= ON_PAGE and strong[p]}
    level = 2 if len(shown) >= _passages_needed(story) else 1
    heavy = [p for p, n in shown.items() if n >= HIGH and len(strong[p]) >= HIGH_DISTINCT]
    if len(levels) > 3 and len(heavy) >= max(HIGH_PASSAGES, _passages_needed(story)):
        level = 3
    score = shown if level >= 2 else total
    backing = sorted(score.values(), reverse=True)[: _passages_needed(story) + 1]  # more passages, more sure
    confidence = min(0.95, 0.35 + 0.08 * sum(backing))
    return ContentSignal(category=category, level=levels[level], confidence=round(confidence, 2),
                         evidence=_evidence(story, hits, score), passages=len(score))


def _passages_needed(story: Story) -> int:
    """Passages that must show a thing for it to count as on the page: one in a short story, more in a
    novel, where a word used in another sense ("a lame horse", "their erection") turns up by chance."""
    return 1 + len(story.text) // CHARACTERS_PER_EXTRA_PASSAGE


def _evidence(story: Story, hits: list, score: dict[int, int]) -> tuple[Span, ...]:
    """The sentence of the strongest phrase in each of the passages that scored most."""
    ranked = sorted(score, key=lambda p: -score[p])[:EVIDENCE]
    spans = []
    for passage in ranked:
        strongest = max((h for h in hits if h[0] == passage), key=lambda h: h[3])
        spans.append(_sentence(story, strongest[1], strongest[2]))
    return tuple(spans)


def _sentence(story: Story, start: int, end: int, reach: int = 160) -> Span:
    """The sentence around a phrase (cut at ``reach`` characters either side), as a span of the text."""
    text = story.text
    left = max((text.rfind(mark, max(0, start - reach), start) for mark in (". ", "! ", "? ", "\n")), default=-1)
    left = left + 1 if left >= 0 else max(0, start - reach)
    rights = [i for i in (text.find(mark, end, end + reach) for mark in (". ", "! ", "? ", "\n")) if i >= 0]
    right = min(rights) + 1 if rights else min(len(text), end + reach)
    while left < start and text[left].isspace():
        left += 1
    return Span(start=left, end=right, text=text[left:right])


def _language(category: str, hits: list, story: Story) -> ContentSignal | None:
    """Swearing is speech: counted wherever it is, strong when the strong words come back."""
    strong = [h for h in hits if h[3] == POINTS["strong"]]
    if not strong and len(hits) < REFERENCED:
        return None
    level = "strong" if len(strong) >= 3 else "mild"
    confidence = min(0.95, 0.4 + 0.1 * len(strong) + 0.03 * len(hits))
    chosen = (strong or hits)[:EVIDENCE]
    return ContentSignal(category=category, level=level, confidence=round(confidence, 2),
                         evidence=tuple(_sentence(story, s, e) for _, s, e, _ in chosen),
                         passages=len({hit[0] for hit in hits}))


def _death(hits: list, quotes: tuple[Quote, ...], cast: Cast, inside, story: Story) -> ContentSignal | None:
    """A major character's death: a death word in narration by their name, and no line of theirs after."""
    lines: dict[str, list[int]] = defaultdict(list)
    for quote in quotes:
        if quote.speaker:
            lines[quote.speaker].append(quote.start)
    major = sorted(lines, key=lambda c: -len(lines[c]))[:3]
    names = [m for m in cast.mentions if m.kind == "name" and m.character in major]
    for _, start, end, points in hits:
        if points < POINTS["strong"] or inside(start):
            continue
        near = [m for m in names if abs(m.start - start) < 80]
        for mention in near:
            if not [at for at in lines[mention.character] if at > end]:
                return ContentSignal(category="major_character_death", level="on-page", confidence=0.6, passages=1,
                                     evidence=(_sentence(story, min(start, mention.start), max(end, mention.end)),))
    return None


def _level(signals: dict[str, ContentSignal], category: str) -> int:
    signal = signals.get(category)
    return LEVELS.get(category, GENERIC_LEVELS).index(signal.level) if signal else 0


def _propose(story: Story, found: tuple[ContentSignal, ...], relations: tuple[Relation, ...],
             passages: int) -> Proposal:
    """The AO3, FFN and older ratings, archive warnings and tags the signals earn, with reasons."""
    signals = {s.category: s for s in found}
    reasons: list[tuple[str, str]] = []
    rank, why = 0, "nothing beyond everyday content"
    checks = (
        (3, "sexual_content", 3, "explicit sex on the page"),
        (2, "sexual_content", 2, "sex on the page"),
        (2, "non_consent", 2, "non-consent on the page"),
        (2, "violence", 3, "graphic violence"),
        (2, "domestic_abuse", 2, "domestic abuse on the page"),
        (2, "child_abuse", 2, "child abuse on the page"),
        (2, "self_harm", 2, "self-harm on the page"),
        (2, "suicide", 2, "suicide on the page"),
        (1, "profanity", 2, "strong language"),
        (1, "violence", 2, "violence on the page"),
        (1, "sexual_content", 1, "sexual references"),
        (1, "slurs", 1, "slurs"),
        (1, "domestic_abuse", 1, "domestic abuse referenced"),
        (1, "emotional_abuse", 2, "emotional abuse on the page"),
        (1, "substance_use", 2, "drug or alcohol use on the page"),
        (1, "major_character_death", 2, "a major character's death"),
    )
    for target, category, level, reason in checks:
        if target > rank and _level(signals, category) >= level:
            rank, why = target, reason
    heavy = [(theme, reason) for theme, category, level, reason in HEAVY if _level(signals, category) >= level]
    if rank < 2 and len({theme for theme, _ in heavy}) >= 3:  # several mature themes at once
        rank, why = 2, ", ".join(reason for _, reason in heavy)
    reasons.append((f"ao3: {AO3[rank]}", why))
    teen = _level(signals, "profanity") >= 2 or _level(signals, "violence") >= 2  # T rather than K+
    ffn = (0, 2 if teen else 1, 3, 3)[rank]
    mpaa = (0, 2 if teen else 1, 3, 4)[rank]
    reasons.append((f"ffn: {FFN[ffn]}", why))
    reasons.append((f"mpaa: {MPAA[mpaa]}", why))
    warnings = []
    for category, level, name in ARCHIVE_WARNINGS:
        if _level(signals, category) >= level and not (category == "underage" and _level(signals, "sexual_content") < 2):
            warnings.append(name)
            reasons.append((f"warning: {name}", f"{category} {signals[category].level}"))
    if not warnings:
        warnings.append("No Archive Warnings Apply")
    tags = [TAGS[c] for c in TAGS if _level(signals, c) >= 2
            or c in TOLD and _level(signals, c) and signals[c].confidence >= SURE
            and signals[c].passages >= TOLD_SHARE * passages]
    if _level(signals, "profanity") >= 2:
        tags.append("Strong Language")
    if any(r.label == "care" for r in relations) or (
            any(r.label == "affection" for r in relations) and _level(signals, "violence") + _level(signals, "domestic_abuse") >= 2):
        tags.append("Hurt/Comfort")
    if WHEELCHAIR.search(story.text):
        tags.append("Wheelchair User")
    comparison = _compare(story.metadata.rating, mpaa, why)
    if comparison:
        reasons.append(("declared against proposed", comparison))
    comparison = _compare_warnings(story.metadata.warnings, warnings, signals)
    if comparison:
        reasons.append(("declared warnings against proposed", comparison))
    return Proposal(ao3=AO3[rank], ffn=FFN[ffn], mpaa=MPAA[mpaa], archive_warnings=tuple(warnings),
                    tags=tuple(tags), reasons=tuple(reasons))


DECLARED = {
    "g": 0, "general audiences": 0, "k": 0, "pg": 1, "k+": 1, "pg-13": 2, "t": 2, "teen and up audiences": 2,
    "teen": 2, "r": 3, "m": 3, "mature": 3, "nc-17": 4, "e": 4, "explicit": 4, "ma": 4,
}
"""Declared ratings of every scale, on the scale G (0) to NC-17 (4)."""


def _compare(declared: str | None, proposed: int, why: str) -> str | None:
    """Why the story's own rating and fabula's differ, on one scale; None when they agree or none is given."""
    level = DECLARED.get((declared or "").strip().lower())
    if level is None or level == proposed:
        return None
    if level > proposed:
        return (f"declared {declared} is above what the text shows ({MPAA[proposed]}: {why}); the story may "
                "hold what fabula's word lists miss, or rate with care")
    return f"declared {declared} is below what the text shows ({MPAA[proposed]}: {why})"


NONE_APPLY, NOT_USED = "No Archive Warnings Apply", "Creator Chose Not To Use Archive Warnings"
RENAMED_WARNINGS = {"Underage": "Underage Sex", "Choose Not To Use Archive Warnings": NOT_USED}
DECLARED_WARNINGS = {warning.lower(): RENAMED_WARNINGS.get(warning, warning) for warning in AO3_WARNINGS}
"""AO3's archive warnings as a work may declare them, under their current names."""


def _compare_warnings(declared: tuple[str, ...], proposed: list[str], signals: dict[str, ContentSignal]) -> str | None:
    """How the archive warnings a work declares differ from those fabula proposes; None when they agree
    or the work declares none of AO3's."""
    named = {DECLARED_WARNINGS[w.strip().lower()] for w in declared if w.strip().lower() in DECLARED_WARNINGS}
    if not named:
        return None
    shown = [w for w in proposed if w != NONE_APPLY]
    because = {name: category for category, _, name in ARCHIVE_WARNINGS}
    unwarned = [f"{w} ({because[w]} {signals[because[w]].level})" for w in shown if w not in named]
    if NOT_USED in named:
        return (f"the author chose not to use archive warnings; the text shows {', '.join(unwarned)}"
                if unwarned else None)
    unseen = sorted(named - set(shown) - {NONE_APPLY})
    parts = [f"not declared: {', '.join(unwarned)}"] if unwarned else []
    if unseen:
        parts.append(f"declared but not found in the text: {', '.join(unseen)} (fabula's word lists may miss it)")
    return "; ".join(parts) or None
