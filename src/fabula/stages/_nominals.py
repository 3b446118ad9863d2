"""Characters the text never names but keeps calling one thing: "said the policeman"."""

from __future__ import annotations

from collections import Counter

from fabula.stages._coref import gender_after
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
