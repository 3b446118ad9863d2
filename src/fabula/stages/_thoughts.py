"""Thoughts: a character's inner voice, set in italics or dropped unmarked into the narration.

Italic runs are thoughts when they read as a sentence of their own (not a title or
a stressed word). Without italics, a thought is a sentence outside quotes that
breaks from third-person past narration: first person or present tense
("Yay! I get to sleep with her."), an interjection and a fragment ("Huh. Perfect
fit."), or anything exclamatory that a thought verb then claims ("Well how lame
was that! She chastised herself."). Precision comes first: a story told in the
first person or the present tense gets no unmarked thoughts at all.

Italics also carry sign language in fan fiction ("*Later,* she signed back"): an italic
run a signing verb tags is speech, and so are the untagged italic sentences near it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from fabula.model import Span, Story
from fabula.nlp import Parsed

_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
_GENERIC = frozenset({"we", "us", "our", "ours", "you", "your", "yours", "one"})
_PRESENT_MODALS = frozenset({"can", "ca", "will", "wo", "shall", "may", "'ll"})
_INTERJECTIONS = frozenset({
    "huh", "hmm", "hm", "yay", "wow", "ugh", "oh", "ah", "aw", "aww", "damn", "god", "gosh", "jeez", "geez",
    "whoa", "oops", "ouch", "yikes", "ha", "heh", "hah", "phew", "well", "okay", "ok", "yes", "no", "nope",
    "yep", "yeah", "sigh", "argh", "crap", "shit", "hell", "great", "wait", "um", "uh", "eh", "duh",
})
_THOUGHT_VERBS = frozenset({"thought", "wondered", "mused", "pondered", "reflected"})
_REFLEXIVE_VERBS = frozenset(
    {"chastised", "scolded", "told", "reminded", "asked", "berated", "cursed", "chided"}
)
_REFLEXIVES = frozenset({"herself", "himself", "themselves", "myself"})
_PRONOUNS = frozenset({"she", "he", "they"})
_ABBREVIATIONS = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Mt|Jr|Sr|Prof|Capt|Col|Gen|Lt|Sgt|Rev|Hon)\.$")
_SENTENCE = re.compile(r"\S.*?(?:(?:[.!?]+|…)[\"'”’)\]]*(?=\s|$)|$)", re.S)
_TAG_VERB = r"(?:thought|wondered|mused|told\s+(?:her|him|them)sel(?:f|ves))"
"""The verbs of a thought tag: ", she thought", ", she told herself"."""
_TAG_SUBJECT = r"(?:[A-Z][\w'’]*|he|she|they)\s+"
_INLINE_TAG = re.compile(
    r"[,;—–-]+\s*(" + _TAG_SUBJECT + _TAG_VERB + r"(?:\s+to\s+(?:her|him|them)sel(?:f|ves))?\s*[.!?]?)$"
)
"""A thought tag ending a sentence: "Maybe it was too late, she wondered."."""
_INLINE_GAP = re.compile(r"\s*[,;—–-]+\s*")
_TAG_AFTER = re.compile(r"[,—–-]*\s*" + _TAG_SUBJECT + _TAG_VERB + r"\b")
_TAG_BEFORE = re.compile(r"[,—–-][*_]*\s*" + _TAG_SUBJECT + _TAG_VERB + r"\s*[.!?]$")
"""A thought tag that closes the italic run before this one: "*Stupid,* she thought. *Stupid, stupid.*"."""
_SIGN_VERB = r"(?:signed|signs|signing|mouthed|fingerspelled)"  # (not "mouths", a noun too)
_SIGN_AFTER = re.compile(r"[,—–-]*\s*(?:" + _TAG_SUBJECT + _SIGN_VERB + r"|" + _SIGN_VERB + r"\s+[A-Za-z])\b")
"""A signing tag after an italic run: "*Later,* she signed back"; "*Hungry?* signed Kate"."""
_SIGN_BEFORE = re.compile(r"\b" + _SIGN_VERB + r"(?:\s+\w+){0,3}\s*[,:]?$")
"""A signing tag before one: "Nell signed, *Are you hungry?*"."""
SIGNED_NEAR = 2
"""Paragraphs from a tagged signed line within which an untagged italic line of its own is signed too."""
_EDGE = " \t\n\r\u00a0\"“”„'‘’«»—–―-"
_SENTENCE_END = ".!?…"


@dataclass(frozen=True)
class Found:
    """A quote found, before it is numbered."""

    start: int
    end: int
    kind: str
    paragraph: int


@dataclass(frozen=True)
class _Sentence:
    """A narration sentence and the features that tell a thought from narration."""

    start: int
    end: int
    segment: int
    words: int
    first_person: bool
    generic: bool
    present: bool
    past: bool
    interjection: bool
    exclaims: bool
    cue: bool
    capital: bool
    verbless: bool

    @property
    def candidate(self) -> bool:
        """Could be part of a thought on its own terms (not narrated in the past)."""
        return not self.past and not self.cue and self.words > 0 and self.capital

    @property
    def fragment(self) -> bool:
        """A verbless or exclamatory sentence ("An angel.", "Yay!")."""
        return self.interjection or self.exclaims or self.verbless

    @property
    def claimable(self) -> bool:
        """Could be the complement of a following thought verb."""
        return self.candidate or (not self.cue and (self.exclaims or self.first_person))

    @property
    def personal(self) -> bool:
        """First person, not past, not a narrator's generality ("I would love to...")."""
        return not self.past and not self.generic and self.first_person


def find_thoughts(story: Story, parsed: Parsed, quotes: Sequence[Found]) -> list[Found]:
    """Thoughts outside ``quotes``: italic ones if the source marks italics, else unmarked ones."""
    by_paragraph: dict[int, list[Found]] = {}
    for quote in quotes:
        by_paragraph.setdefault(quote.paragraph, []).append(quote)
    if story.italics:
        return _italic_thoughts(story, parsed, by_paragraph)
    sentences = [
        _narration(story.text, p, parsed, i, by_paragraph.get(i, [])) for i, p in enumerate(story.paragraphs)
    ]
    if not _third_person_past([s for paragraph in sentences for s in paragraph]):
        return []
    return [t for i, paragraph in enumerate(sentences) for t in _plain_thoughts(story.text, paragraph, i)]


def _third_person_past(sentences: list[_Sentence]) -> bool:
    """Whether the narration is told in the third person and the past tense."""
    counted = [s for s in sentences if s.words >= 3]
    if not counted:
        return False
    first = sum(s.first_person for s in counted) / len(counted)
    present = sum(s.present and not s.past for s in counted) / len(counted)
    return first <= 0.15 and present <= 0.3


def _plain_thoughts(text: str, sentences: list[_Sentence], index: int) -> list[Found]:
    """Thoughts among one paragraph's narration sentences, adjacent ones grouped."""
    chosen: set[int] = set()
    for n, sentence in enumerate(sentences):
        if sentence.cue and n > 0 and sentences[n - 1].segment == sentence.segment:
            if sentences[n - 1].words and _INLINE_GAP.fullmatch(text, sentences[n - 1].end, sentence.start):
                chosen.add(n - 1)  # "Maybe it was too late, she wondered.": the tag claims what it follows
            k = n
            while k > 0 and sentences[k - 1].claimable and sentences[k - 1].segment == sentence.segment:
                k -= 1
                chosen.add(k)
    n = 0
    while n < len(sentences):
        k = n
        while k < len(sentences) and sentences[k].candidate and sentences[k].segment == sentences[n].segment:
            k += 1
        if _is_thought(sentences[n:k]):
            chosen.update(range(n, k))
        n = max(k, n + 1)
    if not any(s.past for m, s in enumerate(sentences) if m not in chosen):
        return []  # no past narration around them to break from
    return _grouped(sentences, sorted(chosen), index)


def _is_thought(run: list[_Sentence]) -> bool:
    """Whether a run of non-past sentences breaks from the narration: first person, an
    interjection leading a fragment ("Huh. Perfect fit."), or a short present-tense sentence
    beside a fragment ("An angel. She is an angel with a very sexy gown on.")."""
    if any(s.personal for s in run) or (len(run) > 1 and run[0].interjection):
        return True
    present = [s for s in run if s.present and not s.generic and s.words <= 12]
    return bool(present) and any(s.fragment for s in run if s not in present)


def _grouped(sentences: list[_Sentence], chosen: list[int], index: int) -> list[Found]:
    """Adjacent chosen sentences of one segment as one thought each; one-word ones dropped."""
    groups: list[list[_Sentence]] = []
    for n in chosen:
        if groups and groups[-1][-1] is sentences[n - 1] and sentences[n - 1].segment == sentences[n].segment:
            groups[-1].append(sentences[n])
        else:
            groups.append([sentences[n]])
    return [
        Found(group[0].start, group[-1].end, "thought", index)
        for group in groups
        if sum(s.words for s in group) >= 2
    ]


def _narration(
    text: str, paragraph: Span, parsed: Parsed, index: int, quotes: list[Found]
) -> list[_Sentence]:
    """The sentences of a paragraph that lie outside its quotes."""
    doc, base = parsed.docs[index], parsed.offsets[index]
    starts = [base + t.idx for t in doc]
    sentences: list[_Sentence] = []
    cursor = paragraph.start
    bounds = [(q.start, q.end) for q in sorted(quotes, key=lambda q: q.start)]
    bounds.append((paragraph.end, paragraph.end))
    for segment, (quote_start, quote_end) in enumerate(bounds):
        for start, end in _split(text, cursor, quote_start):
            tokens = doc[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
            sentences.append(_features(text, start, end, segment, tokens))
        cursor = max(cursor, quote_end)
    return sentences


def _split(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Sentence spans of ``text[lo:hi]`` without edge marks; an inline thought tag is its own sentence."""
    while lo < hi and text[lo] in _EDGE:
        lo += 1
    while hi > lo and text[hi - 1] in _EDGE:
        hi -= 1
    spans: list[tuple[int, int]] = []
    for match in _SENTENCE.finditer(text, lo, hi):
        start, end = match.span()
        if spans and (text[start].islower() or _ABBREVIATIONS.search(text, spans[-1][1] - 8, spans[-1][1])):
            start = spans.pop()[0]  # not a sentence end: "Mr. Grey", "... and then"
        spans.append((start, end))
    result: list[tuple[int, int]] = []
    for start, end in spans:
        tag = _INLINE_TAG.search(text, start, end)
        if tag and tag.start() > start:
            result += [(start, tag.start()), (tag.start(1), end)]
        else:
            result.append((start, end))
    return result


def _features(text: str, start: int, end: int, segment: int, tokens) -> _Sentence:
    """Person, tense and shape of one sentence from its spaCy tokens."""
    words = [t for t in tokens if not t.is_punct and not t.is_space]
    lowers = {t.lower_ for t in words}
    return _Sentence(
        start=start,
        end=end,
        segment=segment,
        words=sum(t.is_alpha for t in words),
        first_person=any(t.lower_ in _FIRST_PERSON and t.tag_.startswith("PRP") for t in words),
        generic=bool(lowers & _GENERIC),
        present=any(
            t.tag_ in ("VBZ", "VBP") or t.tag_ == "MD" and t.lower_ in _PRESENT_MODALS
            for t in words
        ),
        past=any(t.tag_ == "VBD" for t in words),
        interjection=bool(words) and all(t.tag_ == "UH" or t.lower_ in _INTERJECTIONS for t in words),
        exclaims=text[start:end].rstrip(_EDGE + ".").endswith(("!", "?")),
        cue=_is_cue(tokens),
        capital=text[start].isupper() or not text[start].isalpha(),
        verbless=not any(t.pos_ in ("VERB", "AUX") for t in words),
    )


def _is_cue(tokens) -> bool:
    """A short sentence like "Anna thought, smiling." or "She chastised herself." that claims the
    sentences before it as a thought (but not "He thought:", which announces one)."""
    tokens = [t for t in tokens if not t.is_space]
    k = 0  # the subject: a pronoun or up to three capitalised names
    while k < min(3, len(tokens) - 1) and (
        tokens[k].lower_ in _PRONOUNS or tokens[k].is_title and tokens[k].tag_ in ("NNP", "NN")
    ):
        k += 1
    if k == 0:
        return False
    verb, after = tokens[k].lower_, [t for t in tokens[k + 1:k + 3] if t.text != ","]
    if verb in _THOUGHT_VERBS:
        return not after or after[0].text in ".!?" or after[0].tag_ == "VBG" or (
            after[0].lower_ == "to" and len(after) > 1 and after[1].lower_ in _REFLEXIVES)
    return verb in _REFLEXIVE_VERBS and bool(after) and after[0].lower_ in _REFLEXIVES and (
        len(after) == 1 or after[1].is_punct)


def _italic_thoughts(story: Story, parsed: Parsed, quotes: dict[int, list[Found]]) -> list[Found]:
    """Italic runs outside quotes that read as a sentence of inner voice, or as a line in sign language;
    adjacent runs of one kind merge."""
    starts = [p.start for p in story.paragraphs]
    token_starts: dict[int, list[int]] = {}
    quote_starts = {index: [q.start for q in found] for index, found in quotes.items()}
    found: list[Found] = []
    signed_at: list[int] = []
    for italic in sorted(story.italics, key=lambda span: span.start):
        index = bisect.bisect_right(starts, italic.start) - 1
        if index < 0 or italic.end > story.paragraphs[index].end or (found and italic.start < found[-1].end):
            continue
        start, end = _strip(story.text, italic.start, italic.end)
        if _in_quote(quotes.get(index, []), quote_starts.get(index, []), start, end):
            continue
        if index not in token_starts:
            token_starts[index] = [parsed.offsets[index] + t.idx for t in parsed.docs[index]]
        at = token_starts[index]
        tokens = parsed.docs[index][bisect.bisect_left(at, start):bisect.bisect_left(at, end)]
        sentence = _features(story.text, start, end, 0, tokens)
        previous = found[-1] if found and found[-1].paragraph == index else None
        thinking = previous is not None and previous.kind == "thought"  # "*I'll order,* she thought. *She'll eat.*"
        if _signing(story.text, story.paragraphs[index], start, end, index, signed_at, thinking):
            kind = "speech"  # "*Later,* she signed back."
        elif _italic_is_thought(story.text, story.paragraphs[index], sentence):
            kind = "thought"
        else:
            continue
        if previous and previous.kind == kind and not story.text[previous.end:start].strip(_EDGE):
            found[-1] = Found(previous.start, end, kind, index)
        else:
            found.append(Found(start, end, kind, index))
    return found


def _signing(
    text: str, paragraph: Span, start: int, end: int, index: int, signed_at: list[int], thinking: bool
) -> bool:
    """Whether an italic run is a line in sign language: tagged as signed ("*Later,* she signed back"),
    or, near a tagged one, a sentence with no thought tag ("*You said that an hour ago.*", "Kate grinned.
    *Still true.*"). ``signed_at`` gathers the paragraphs of the tagged ones."""
    before = text[paragraph.start:start].rstrip(_EDGE + "_*")
    after = text[end:paragraph.end].lstrip(" \t\u00a0\"”’_*")
    if _SIGN_AFTER.match(after) or _SIGN_BEFORE.search(before):
        signed_at.append(index)
        return True
    near = bool(signed_at) and index - signed_at[-1] <= SIGNED_NEAR
    sentence = text[end - 1] in _SENTENCE_END + "," and (not before or before[-1] in _SENTENCE_END + ":")
    return near and sentence and not thinking and not _TAG_AFTER.match(after)


def _in_quote(quotes: list[Found], starts: list[int], start: int, end: int) -> bool:
    """Whether ``start:end`` touches one of a paragraph's quotes (in text order, starting at
    ``starts``) or their marks."""
    n = bisect.bisect_left(starts, end + 1)
    return n > 0 and quotes[n - 1].end + 1 > start


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _italic_is_thought(text: str, paragraph: Span, sentence: _Sentence) -> bool:
    """Whether an italic run, with the features of ``sentence``, is a sentence of inner voice."""
    start, end = sentence.start, sentence.end
    if sentence.words < 1 or sentence.words > 80:
        return False
    before = text[max(paragraph.start, start - 200):start].rstrip(_EDGE + "_*")
    after = text[end:min(paragraph.end, end + 200)].lstrip(" \t\u00a0\"”’_*")
    tagged = bool(_TAG_AFTER.match(after)) or bool(_TAG_BEFORE.search(before))  # "*Stupid,* she thought.
    opens = not before or before[-1] in _SENTENCE_END + ":"  # *Stupid, stupid.*": both
    closes = text[end - 1] in _SENTENCE_END or not after or after[0] in _SENTENCE_END
    if tagged:
        return True
    if sentence.words < 2:
        return False
    if not (opens and closes) or (sentence.words < 3 or sentence.verbless) and not (
        sentence.exclaims or sentence.interjection
    ):
        return False  # a stressed phrase, a heading
    title = all(w[:1].isupper() for w in text[start:end].split()) and text[end - 1] not in _SENTENCE_END
    return not title and (sentence.first_person or sentence.present or sentence.exclaims or not sentence.past)
