"""Epithets that stand in for a name ("the redhead", "the blonde beauty"), linked to a character."""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Sequence

STABLE_HEADS = frozenset(
    """redhead redheads blonde blond brunette brunet ginger raven-haired redhaired""".split()
)
"""Heads that name a lasting trait, so every use in a story points at one character."""

TRAIT_WORDS = {
    "redhead": frozenset({"red", "auburn", "ginger", "copper", "fiery", "flame"}),
    "blonde": frozenset({"blonde", "blond", "golden", "fair", "honey"}),
    "blond": frozenset({"blonde", "blond", "golden", "fair"}),
    "brunette": frozenset({"brown", "dark", "chestnut", "brunette"}),
}
"""Hair a narration describes, and the epithet it earns."""

HAIR_ADJECTIVES = frozenset("blonde blond brunette red-haired dark-haired fair-haired".split())

GENERIC_HEADS: dict[str, str | None] = {
    "woman": "f", "girl": "f", "lady": "f", "beauty": None, "man": "m", "boy": "m",
    "gentleman": "m", "witch": "f", "wizard": "m", "teen": None, "teenager": None,
}
"""Heads that point at someone only with a telling adjective (the other woman, the older man)."""

ROLE_HEADS = frozenset({
    "nurse", "doctor", "detective", "officer", "soldier", "agent", "teacher", "student", "captain", "hunter",
    "vampire", "slayer", "guard", "knight", "servant", "maid", "butler", "nun", "priest", "pilot", "sailor",
})
"""Heads that name a calling, which point at someone with a telling adjective too (the younger nurse)."""

LASTING_ADJECTIVES = frozenset("old young little elderly".split())
"""Adjectives a story keeps for one person throughout: every "the old lady" is the same one."""
SHIFTING_ADJECTIVES = frozenset({"young"})
"""Of those, the ones a narrator gives whichever young man a chapter follows."""
CHAPTER_VOTES = 2
"""Uses of such an epithet in one chapter that must point at someone else for it to be theirs there."""

TELLING_ADJECTIVES = frozenset(
    "other older younger taller shorter small smaller bigger elder sobbing crying weeping frail injured "
    "blonde blond brunette red-haired dark-haired fair-haired".split()
) | LASTING_ADJECTIVES
RELATIVE_ADJECTIVES = frozenset({"older", "younger", "taller", "shorter", "smaller", "bigger", "elder"})
"""Adjectives that set one person against another present: "the younger man" is rarely the one just named."""
OBJECT_PRONOUNS = {"her": "f", "him": "m"}
"""Pronouns an epithet's verb acts on: "the blonde pulled her close" is not the "her"."""
NEWCOMER_MENTIONS = 40
"""Name mentions ahead within which a described newcomer ("the young lady") may be named."""
PAIR_MENTIONS = 8
"""Name mentions back within which "the former" and "the latter" find the two they point at."""


def find_epithets(parsed, name_mentions: list, genders: list, on_page: list, inside, called: set[tuple[int, int]],
                  chapters: Sequence[int] = (), introduced: dict[str, tuple[int, int]] | None = None) -> list[tuple]:
    """``(start, end, text, cluster)`` for each epithet in narration that can be linked. ``called`` holds
    the names called in lines (``called_names``); ``introduced`` the lasting epithets brought in as someone
    new: key -> (where, their cluster)."""
    introduced = introduced or {}
    named = sorted((o.start, i, o.doc, o.token) for o, i in name_mentions if not o.in_quote)
    starts = [n[0] for n in named]
    first_named: dict[int, int] = {}
    for o, i in name_mentions:
        first_named[i] = min(first_named.get(i, o.start), o.start)
    cluster_at = {(o.doc, o.token): i for o, i in name_mentions}
    calls: dict[int, set[int]] = defaultdict(set)  # per paragraph, who its lines call by name
    for d, token in called:
        calls[d].add(cluster_at[(d, token)])
    found, newcomer = [], []
    for d, (doc, offset) in enumerate(zip(parsed.docs, parsed.offsets)):
        for token in doc:
            if token.lower_ not in ("the", "a", "an") or inside(offset + token.idx):
                continue
            if token.lower_ != "the":  # "a small boy came along": someone new, whom no one named before is
                arrival = _arrival(doc, token.i)
                target = arrival and _named_next(named, starts, offset + token.idx, GENERIC_HEADS[arrival[0]],
                                                 genders, on_page, first_named, past_known=True)
                if target is not None:
                    span = doc[token.i : arrival[1]]
                    found.append([offset + span.start_char, offset + span.end_char, span.text, target, arrival[0]])
                continue
            if token.i + 1 < len(doc) and doc[token.i + 1].lower_ in ("former", "latter") and not (
                    token.i + 2 < len(doc) and doc[token.i + 2].pos_ in ("NOUN", "PROPN")):  # not "the former doubt"
                pair = _last_two(named, starts, offset + token.idx, on_page)
                if pair is not None:
                    word = doc[token.i + 1]
                    target = pair[0] if word.lower_ == "former" else pair[1]
                    found.append([offset + token.idx, offset + word.idx + len(word.text),
                                  doc.text[token.idx : word.idx + len(word.text)], target, word.lower_])
                continue
            phrase = _epithet_phrase(doc, token.i)
            if phrase is None:
                continue
            head, end = phrase
            span = doc[token.i : end]
            sentence = {i for s, i, dd, t in named if dd == d and span.sent.start <= t < span.sent.end}
            wanted = GENERIC_HEADS.get(head)
            words = span.text.lower().split()
            skip = 1 if "other" in words else 0  # "the other woman": not the last one named
            relative = not skip and any(w in RELATIVE_ADJECTIVES for w in words)
            lasting = [t.lower_ for t in span if t.lower_ in LASTING_ADJECTIVES]
            acted_on = None if lasting else _acted_on(doc[end - 1])  # ("the old lady" is settled by the story)
            if not skip and acted_on and wanted in (None, acted_on):
                skip, wanted = 1, acted_on  # "the redhead sat down beside her": not she, the one last named
            target = _most_recent(named, starts, offset + token.idx, sentence, wanted, genders, on_page, skip)
            if relative and not acted_on:  # "Grey leaned back. The younger man turned": had it been Grey, "he"
                target = _most_recent(named, starts, offset + token.idx, sentence, wanted, genders, on_page,
                                      1) or target  # would have done; the epithet marks a change of person
            if target is None and wanted and not skip:
                target = _named_next(named, starts, offset + token.idx, wanted, genders, on_page, first_named)
            if target is not None and not skip and target == _last_line_owner(parsed, d, named, starts, inside):
                like = (wanted,) if wanted else (genders[target], None)  # ("the redhead": any she, if she is)
                hearers = [i for i in calls[d - 1] - {target} if on_page[i] and genders[i] in like]
                if len(hearers) == 1 and span.sent.start == 0:  # '"Stay, Ida," Nell said. / The redhead
                    target = hearers[0]  # smiled.': the one called, who reacts
                elif _opens_with_line(doc, offset, inside):  # '"Sorry." [Kate's] / "Don't be." The brunette
                    other = _most_recent(named, starts, offset + token.idx, sentence | {target}, wanted, genders,
                                         on_page, 0)  # smiled': the reply is someone else's
                    target = other if other is not None else target
            key = f"{lasting[0]} {head}" if lasting else head
            if key in introduced and introduced[key][0] < offset + token.idx:
                newcomer.append((offset + span.start_char, offset + span.end_char, span.text, introduced[key][1]))
                continue
            if target is not None:
                found.append([offset + span.start_char, offset + span.end_char, span.text, target, key])
    _settle_stable_heads(found, _described_traits(parsed, named), sorted(chapters))
    return sorted([(s, e, t, i) for s, e, t, i, _ in found] + newcomer)


def find_introductions(parsed, inside, name_mentions: list) -> dict[str, tuple[int, str | None]]:
    """Lasting epithets the narration brings in as someone new, not named there: "It was an old woman,
    tall and shapely still": the key ("old woman") -> where she comes in, and her sex. Every "the old
    woman" after that is her, not the woman last named."""
    named_in = {(o.doc, o.token) for o, _ in name_mentions}
    found: dict[str, tuple[int, str | None]] = {}
    last_use: dict[str, int] = {}
    for d, (doc, offset) in enumerate(zip(parsed.docs, parsed.offsets)):
        for token in doc:
            if token.lower_ not in GENERIC_HEADS or inside(offset + token.idx):
                continue
            article = next((c for c in token.children if c.dep_ == "det"), None)
            lasting = [c.lower_ for c in token.children if c.dep_ == "amod" and c.lower_ in LASTING_ADJECTIVES]
            if article is None or not lasting:
                continue
            key = f"{lasting[0]} {token.lower_}"
            if article.lower_ == "the":
                last_use[key] = offset + token.idx
                continue
            opener = [c for c in token.head.children if c.dep_ in ("nsubj", "expl") and c.lower_ in ("it", "there")]
            if article.lower_ in ("a", "an") and token.dep_ == "attr" and opener and not any(
                    (d, t.i) in named_in for t in token.sent):  # (not "It was an old man, Mr. Grey, who...")
                found.setdefault(key, (offset + token.idx, GENERIC_HEADS[token.lower_]))
    return {key: place for key, place in found.items() if last_use.get(key, -1) > place[0]}  # spoken of again


def _last_line_owner(parsed, d: int, named: list, starts: list[int], inside) -> int | None:
    """When the paragraph before ``d`` holds a line: the one character its narration names, whose line
    it was; the next paragraph's epithet is someone else, who answers or reacts."""
    if d == 0:
        return None
    offset = parsed.offsets[d]
    before, before_offset = parsed.docs[d - 1], parsed.offsets[d - 1]
    if not any(inside(before_offset + t.idx) for t in before):
        return None
    owners = {i for _, i, _, _ in named[bisect.bisect_left(starts, before_offset) : bisect.bisect_left(starts, offset)]}
    return next(iter(owners)) if len(owners) == 1 else None


def _opens_with_line(doc, offset: int, inside) -> bool:
    """Whether a paragraph opens with a line (a quote) rather than narration."""
    opening = next((t for t in doc if not t.is_space), None)
    return opening is not None and (inside(offset + opening.idx) or opening.is_quote)


def _epithet_phrase(doc, i: int) -> tuple[str, int] | None:
    """The head word and end token of an epithet starting at ``the`` (token ``i``), if there is one."""
    adjectives = []
    j = i + 1
    while j < len(doc) and doc[j].pos_ in ("ADJ", "NOUN", "PROPN") and j - i <= 4:
        word = doc[j].lower_
        if word in STABLE_HEADS:
            extends = j + 1 < len(doc) and doc[j + 1].lower_ in GENERIC_HEADS
            return word, j + 2 if extends else j + 1
        if word in GENERIC_HEADS or word in ROLE_HEADS:
            if any(a in TELLING_ADJECTIVES for a in adjectives):
                return word, j + 1
            return None
        adjectives.append(word)
        j += 1
    return None


def _acted_on(head) -> str | None:
    """The gender of a "her" or "him" the epithet, as subject, acts on or beside in its own clause."""
    if head.dep_ != "nsubj":
        return None
    verb = head.head
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    objects += [o for c in verb.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    return next((OBJECT_PRONOUNS[o.lower_] for o in objects if o.lower_ in OBJECT_PRONOUNS), None)


def _arrival(doc, i: int) -> tuple[str, int] | None:
    """The head and end of "a small boy" (from ``a``, token ``i``) when it is the subject of a past-tense
    verb (someone who comes on stage), not "like a young girl" or "was a young man"."""
    phrase = _epithet_phrase(doc, i)
    if phrase is None or not GENERIC_HEADS.get(phrase[0]):
        return None
    head = doc[phrase[1] - 1]
    return phrase if head.dep_ == "nsubj" and head.head.tag_ == "VBD" else None


def _most_recent(named, starts, at, excluded, gender, genders, on_page, skip: int) -> int | None:
    """The character named last before ``at`` (within a few paragraphs) who fits."""
    k = bisect.bisect_left(starts, at) - 1
    seen = 0
    while k >= 0 and seen < 12:
        _, index, _, _ = named[k]
        k -= 1
        seen += 1
        if index in excluded or not on_page[index]:
            continue
        if gender and genders[index] and genders[index] != gender:
            continue
        if skip:
            skip -= 1
            excluded = excluded | {index}
            continue
        return index
    return None


def _named_next(named, starts, at, gender, genders, on_page, first_named: dict[int, int],
                past_known: bool = False) -> int | None:
    """The one of this gender the narration names next, when that is the first time anyone names them:
    "the young lady" who is "Ida" once she gives her name. Someone named before is no newcomer: the
    search ends at them, or with ``past_known`` ("a small boy came along": someone new), passes them."""
    k = bisect.bisect_left(starts, at)
    for _, index, _, _ in named[k : k + NEWCOMER_MENTIONS]:
        if on_page[index] and genders[index] == gender:
            if first_named[index] >= at:
                return index
            if not past_known:
                return None
    return None


def _last_two(named, starts, at, on_page) -> tuple[int, int] | None:
    """The last two characters named before ``at``, the earlier first: "Ann and Ben ... the former" is Ann."""
    last = bisect.bisect_left(starts, at) - 1
    k = last
    found: list[int] = []
    while k >= 0 and len(found) < 2 and last - k < PAIR_MENTIONS:
        index = named[k][1]
        k -= 1
        if on_page[index] and index not in found:
            found.append(index)
    return (found[1], found[0]) if len(found) == 2 else None


def _described_traits(parsed, named: list) -> dict[str, Counter]:
    """Per epithet head, the characters the narration describes with that trait ("her red hair")."""
    owner_of = {(d, t): i for _, i, d, t in named}
    traits: dict[str, Counter] = defaultdict(Counter)
    for d, doc in enumerate(parsed.docs):
        for token in doc:
            if token.lower_ not in ("hair", "curls", "locks"):
                continue
            colours = {c.lower_ for c in token.children if c.dep_ in ("amod", "compound")}
            head = next((h for h, words in TRAIT_WORDS.items() if colours & words), None)
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            if head is None or owner is None:
                continue
            if (d, owner.i) not in owner_of:  # "her red hair": the one the sentence is about
                owner = next((t for t in owner.sent if t.dep_ == "nsubj" and (d, t.i) in owner_of), None)
            if owner is not None and (d, owner.i) in owner_of:
                traits[head][owner_of[(d, owner.i)]] += 2
    return traits


def _settle_stable_heads(found: list[list], traits: dict[str, Counter], chapters: Sequence[int] = ()) -> None:
    """Give every use of a lasting-trait epithet to the character most of its uses, and the
    descriptions of that trait, point at; but "the young man" of a chapter whose own uses point at
    someone else more than once is that chapter's young man. (PDNC dev +12 lines, 13 gained and 1 lost;
    by chapter for "old" as well, 23 lines fewer.)"""
    votes: dict[str, Counter] = defaultdict(Counter)
    by_chapter: dict[tuple[str, int], Counter] = defaultdict(Counter)
    for head, described in traits.items():
        votes[head].update(described)
    for start, _, _, index, head in found:
        if _lasting(head):
            votes[head][index] += 1
            by_chapter[(head, bisect.bisect_right(chapters, start))][index] += 1
    for item in found:
        head = item[4]
        if not _lasting(head):
            continue
        item[3] = votes[head].most_common(1)[0][0]
        if head.split()[0] in SHIFTING_ADJECTIVES:
            here = by_chapter[(head, bisect.bisect_right(chapters, item[0]))]
            local, count = here.most_common(1)[0]
            if count >= CHAPTER_VOTES and count > here[item[3]]:
                item[3] = local


def _lasting(key: str) -> bool:
    """Whether an epithet names something that stays with one person (a trait, hair, age)."""
    return key in STABLE_HEADS or key in HAIR_ADJECTIVES or key.split()[0] in LASTING_ADJECTIVES
