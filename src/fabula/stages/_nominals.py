"""Characters the text never names but keeps calling one thing: "said the policeman"."""

from __future__ import annotations

from collections import Counter

from fabula.stages._coref import NOUN_GENDER, PRONOUN_GENDER, gender_after
from fabula.stages._epithets import GENERIC_HEADS, STABLE_HEADS
from fabula.stages._verbs import SPEECH_VERBS, inverted_subject

GENERIC_NOUNS = frozenset(
    """man woman men women lady ladies gentleman gentlemen girl girls boy boys child children person
    people one other others voice voices all both each everyone everybody somebody someone nobody
    father mother wife husband son daughter brother sister uncle aunt cousin friend friends
    companion party company crowd group family couple pair thing creature fellow""".split()
)
"""Heads too general, or too relative to a named person, to stand for one character."""
UNNAMED_HEADS = frozenset({"man", "woman", "lady", "gentleman", "girl", "boy"})
"""General heads that still tell a sex: "said the man" is a character of his own in a scene that names
no man (a stranger met on the road), and someone already named wherever a man is named."""
SAID_NOUNS = frozenset({"name", "names", "word", "words", "answer", "reply", "question", "letter", "note", "message",
                        "news", "sound", "cry"})
"""What is said rather than who says it: "many had repeated the name" tells of no speaker."""

MIN_SPEECHES = 2
STRANGER_PARAGRAPHS = 3
"""Paragraphs (the tag's own and those before it) searched for the description of an unnamed speaker."""
ARTICLES = ("a", "an", "the")
"""What opens a description of someone new ("a tall man"), unlike "his mother", someone's relative."""
ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth"})
"""Counting words that tell apart people of one kind: "the first policeman" is not "the second"."""


def find_nominals(parsed, inside) -> tuple[dict[str, int], list[tuple[int, int, str, str]], dict[str, Counter]]:
    """Speech counts per recurring speaker noun ("the policeman"), every ``the`` + noun use of them,
    and the gender votes of the pronouns that follow them. Only speech beside a quote counts:
    "the weather threatened", "the windlass complained" are no speakers."""
    speeches: Counter = Counter()
    for doc, offset in zip(parsed.docs, parsed.offsets):
        for token in doc:
            if token.lower_ in SPEECH_VERBS and not inside(offset + token.idx):
                for child in token.children:
                    key = _key(child)
                    if key and (child.dep_ == "nsubj" or inverted_subject(child)) and _tags_a_quote(token):
                        speeches[key] += 1  # "the subject was mentioned" is what is said
    kept = {key: n for key, n in speeches.items() if n >= MIN_SPEECHES}
    uses, votes = [], {key: Counter() for key in kept}
    for doc, offset in zip(parsed.docs, parsed.offsets):
        for token in doc:
            key = _key(token)
            described = _described_by_verb(token) if key is not None else None
            if described in kept:  # "asked the man with the black beard": the parser gave the beard to "asked"
                key = described
            if key in kept:
                gender = gender_after(token, offset, inside) if token.dep_ == "nsubj" else None
                if gender:
                    votes[key][gender] += 1
                first = min([token] + [c for c in token.children if c.dep_ in ("det", "amod", "compound")],
                            key=lambda t: t.i)
                start = offset + first.idx
                uses.append((start, offset + token.idx + len(token.text), doc.text[first.idx: token.idx + len(token.text)], key))
    return kept, uses, votes


def _tags_a_quote(verb) -> bool:
    """True when the verb's paragraph holds a quotation mark: "the weather threatened" is no speech."""
    return any(t.is_quote for t in verb.doc)


def _key(token) -> str | None:
    """``"the policeman"`` (``"the second policeman"``) for a common-noun head with a definite article;
    None otherwise.

    A lower-case word the tagger calls a proper noun counts: after an inverted tag ("cried the
    dealer") it often does."""
    word = token.lower_
    if token.pos_ not in ("NOUN", "PROPN") or token.tag_ in ("NNS", "NNPS") or not token.is_lower:
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return None
    if word in SAID_NOUNS:
        return None
    if word in GENERIC_NOUNS or word in STABLE_HEADS or word in GENERIC_HEADS:
        described = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "with"), None)
        if described is None or not any(c.dep_ == "pobj" for c in described.children):
            return f"the {word}" if word in UNNAMED_HEADS else None
        words = token.doc[token.i : described.right_edge.i + 1].text.lower().split()  # a line break inside
        return "the " + " ".join(words)  # the man with the beard
    ordinal = next((c.lower_ for c in token.children if c.dep_ == "amod" and c.lower_ in ORDINALS), None)
    return f"the {ordinal} {token.lower_}" if ordinal else f"the {token.lower_}"


def _described_by_verb(token) -> str | None:
    """``"the man with the beard"`` when a speaker noun ("the man") is followed at once by a "with" phrase
    the parser hung on the verb instead; None otherwise."""
    follower = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if (follower is None or follower.lower_ != "with" or follower.head.i == token.i
            or not any(c.dep_ == "pobj" for c in follower.children)):
        return None
    return "the " + " ".join(token.doc[token.i : follower.right_edge.i + 1].text.lower().split())


def find_strangers(parsed, inside, pronouns: list[tuple], epithets: list[tuple]) -> dict[str, tuple[str, list[tuple]]]:
    """Speakers the narration only describes: "A woman servant came in ... 'Wake up, Ben,' she said". For
    each tag pronoun (``she said``) that no character took, the nearest noun phrase before it, in the
    narration of that paragraph or the two before, whose noun tells that sex ("a woman servant", "the
    old man", not "his mother", a relative of someone named). Returns, per phrase with ``the`` for its
    article, the sex and every ``(start, end, text)`` so described."""
    resolved = {start for start, *_ in pronouns}
    described = {i for start, end, *_ in epithets for i in range(start, end)}
    found: dict[str, tuple[str, list[tuple]]] = {}
    for d, (doc, offset) in enumerate(zip(parsed.docs, parsed.offsets)):
        if not any(t.is_quote for t in doc):
            continue
        for token in doc:
            if (token.lower_ not in ("he", "she") or token.dep_ != "nsubj" or token.head.lower_ not in SPEECH_VERBS
                    or inside(offset + token.idx) or offset + token.idx in resolved):
                continue
            gender = PRONOUN_GENDER[token.lower_]
            phrase = _described_before(parsed, inside, d, token.i, gender, described)
            if phrase is None:
                continue
            start, end, text = phrase
            key = " ".join(["the", *text.lower().split()[1:]])
            uses = found.setdefault(key, (gender, []))[1]
            if (start, end, text) not in uses:
                uses.append((start, end, text))
    return found


def _described_before(parsed, inside, d: int, i: int, gender: str, described: set[int]) -> tuple | None:
    """(start, end, text) of the nearest noun phrase before token ``i`` of doc ``d``, outside quotes and
    epithets, with an article and a noun (or compound) that tells ``gender``."""
    for back in range(min(STRANGER_PARAGRAPHS, d + 1)):
        doc, offset = parsed.docs[d - back], parsed.offsets[d - back]
        for token in reversed(doc[: i if back == 0 else len(doc)]):
            if token.pos_ != "NOUN" or token.tag_ != "NN" or inside(offset + token.idx) or offset + token.idx in described:
                continue
            before = [c for c in token.children if c.i < token.i]
            words = [token] + [c for c in before if c.dep_ == "compound"]
            article = next((c for c in before if c.dep_ == "det"), None)
            if article is None or article.lower_ not in ARTICLES or not any(
                    NOUN_GENDER.get(w.lower_) == gender for w in words):
                continue
            first = min([article] + [c for c in before if c.dep_ in ("amod", "compound")], key=lambda t: t.i)
            return offset + first.idx, offset + token.idx + len(token.text), " ".join(doc[first.i: token.i + 1].text.split())
    return None
