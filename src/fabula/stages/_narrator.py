"""The "I" of a first-person story, and the name the other characters call them by; the "you" of a
second-person or reader-insert story."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from fabula.stages._verbs import SPEECH_VERBS

FIRST_PERSON = frozenset({"I", "me", "my", "myself", "mine"})
MIN_RATE = 15 / 1000
"""First-person words per narration word above which the story is told by an "I"."""
SELF_NAMING = re.compile(r"\b(?:my name (?:is|was)|I (?:call|called) myself)\s+$", re.IGNORECASE)
"""What the narration says just before the narrator's own name: "My name is Ann", "I called myself Pell"."""
MIN_CALLS = 2
"""Times the others must call a name (and the narration never use it) for it to be the narrator's: in a
short story or an opening chapter the narrator may be called by name only twice. (At 3, two of LitBank's
first-person excerpts kept their narrator nameless: LitBank speaker 46.5 -> 47.9; PDNC dev unchanged.)"""
SECOND_PERSON = frozenset({"you", "your", "yours", "yourself"})
PLACEHOLDER = re.compile(r"(?<![\w/])[YyLl]/[Nn](?![\w/])")
"""The reader's name in a reader-insert story: "Y/N" (your name) and "L/N" (last name), written where the
reader's own go."""
BLANK = re.compile(r"(?<![\w/])[A-Za-z]/[A-Za-z](?![\w/])")
"""Any such blank for the reader to fill ("H/C", hair colour): no name of anyone's."""
MIN_TAGS = 3
"""Lines tagged ``I said`` in narration that make a speaking narrator, however seldom the "I" appears
(a frame story around a tale told in the third person)."""


@dataclass
class Persons:
    """Who the narration speaks as and to, read in one pass: its words, its "I" and "you" (each use
    ``(start, end, text)``), how often each is the subject of a speech tag, and the reader's name blanks."""

    words: int = 0
    first: list = field(default_factory=list)
    first_tags: int = 0
    second: list = field(default_factory=list)
    second_tags: int = 0
    placeholders: list = field(default_factory=list)


def read_persons(parsed, inside) -> Persons:
    """The narration's first- and second-person words and the "Y/N" blanks of every paragraph."""
    persons = Persons()
    for doc, offset in zip(parsed.docs, parsed.offsets):
        for match in PLACEHOLDER.finditer(doc.text):
            start, end = offset + match.start(), offset + match.end()
            if persons.placeholders and doc.text[persons.placeholders[-1][1] - offset: match.start()] == " ":
                start = persons.placeholders.pop()[0]  # "Y/N L/N": one name
            persons.placeholders.append((start, end, doc.text[start - offset: end - offset]))
        quoted = any(t.is_quote for t in doc)
        for token in doc:
            word = token.text.rstrip(".")  # "said I." can come as one token
            if not word.isalpha() or inside(offset + token.idx):
                continue
            persons.words += 1
            use = (offset + token.idx, offset + token.idx + len(word), word)
            if word in FIRST_PERSON:
                persons.first.append(use)
                persons.first_tags += quoted and word == "I" and _tags_a_quote(token)
            elif word.lower() in SECOND_PERSON:
                persons.second.append(use)
                persons.second_tags += quoted and word.lower() == "you" and _tags_a_quote(token)
    return persons


def find_narrator(persons: Persons, parsed, name_mentions: list) -> tuple[int | None, list] | None:
    """``(cluster index or None, first-person uses)`` for a first-person story; None otherwise.

    The narrator's name, when the text gives one, is the name others use in speech
    (often to address them) and the narration never uses: a narrator does not name
    themself in the third person.
    """
    if persons.words and len(persons.first) / persons.words >= MIN_RATE:
        named = _named_by_themself(name_mentions, parsed)
        return (named if named is not None else _named(name_mentions, parsed)), persons.first
    return (None, persons.first) if persons.first_tags >= MIN_TAGS else None  # a frame narrator, seldom there


def _tags_a_quote(subject) -> bool:
    """``"...," I said`` or ``said I, "...``: a speech verb with this "I" as subject, beside a quotation mark."""
    verb = subject.head
    if subject.dep_ != "nsubj" or verb.lower_ not in SPEECH_VERBS:
        return False
    doc = subject.doc
    near = doc[max(0, min(subject.i, verb.i) - 2) : max(subject.i, verb.i) + 3]
    return any(t.is_quote for t in near)


def _named_by_themself(name_mentions: list, parsed) -> int | None:
    """The cluster the narration names as the narrator's own: ``My name is Ann``, ``I called myself Pell``."""
    for occurrence, index in name_mentions:
        if occurrence.in_quote:
            continue
        doc, offset = parsed.docs[occurrence.doc], parsed.offsets[occurrence.doc]
        local = occurrence.start - offset
        if SELF_NAMING.search(doc.text[max(0, local - 30) : local]):
            return index
    return None


def _named(name_mentions: list, parsed) -> int | None:
    """The cluster named only in speech, most often as the one spoken to."""
    inside_quotes, outside, addressed = Counter(), Counter(), Counter()
    for occurrence, index in name_mentions:
        if not occurrence.in_quote:
            outside[index] += 1
            continue
        inside_quotes[index] += 1
        doc = parsed.docs[occurrence.doc]
        after = doc[occurrence.token + 1] if occurrence.token + 1 < len(doc) else None
        if after is None or after.is_punct:
            addressed[index] += 1
    candidates = [
        i for i, n in inside_quotes.items() if n >= MIN_CALLS and outside[i] <= 0.1 * n and addressed[i] >= MIN_CALLS
    ]
    return max(candidates, key=lambda i: (addressed[i], inside_quotes[i]), default=None)


def find_reader(persons: Persons) -> tuple[list, list] | None:
    """``(placeholder uses, narration "you" uses)`` for a story that casts its reader: one that writes
    "Y/N" for the reader's name, or tells its story to a "you" (``you said``); None otherwise.

    The "you" of the narration counts only where the narration speaks to "you" more than an "I" speaks,
    and "you" speaks (``"Please," you whisper``): "you could see the sea" in a told story is no one."""
    you = persons.second
    if not persons.words or len(you) / persons.words < MIN_RATE or len(you) <= len(persons.first) or (
            not persons.second_tags):
        you = []  # ("from the wall you could see the boats": anyone, in a told story)
    return (persons.placeholders, you) if persons.placeholders or you else None
