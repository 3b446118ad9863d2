"""Find speech, thoughts and writing in the story text.

Quotes are found paragraph by paragraph: a quote never crosses a paragraph
boundary, so an unbalanced mark costs at most the rest of its paragraph (and a
speech running over several paragraphs gives one quote per paragraph, as PDNC
counts them). Which marks open dialogue is decided once per document: double
quotes, British single quotes (told apart from apostrophes), guillemets, or a
dash opening the paragraph.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass

from fabula.model import Quote, Story
from fabula.nlp import Parsed
from fabula.stages._thoughts import Found, find_thoughts
from fabula.stages._verbs import SPEECH_VERBS
from fabula.stages.formats.layout import CHAT_LABEL

_DOUBLE, _SINGLE, _ANGLE = "double", "single", "angle"
_FAMILY = {
    '"': _DOUBLE, "“": _DOUBLE, "”": _DOUBLE, "„": _DOUBLE,
    "'": _SINGLE, "‘": _SINGLE, "’": _SINGLE,
    "«": _ANGLE, "»": _ANGLE,
}
"""Each quote mark's family: marks pair only within their family."""
_MARKS = re.compile("[\"“”„'‘’«»]")
_DOUBLES = re.compile("[\"“”„]")
_OPEN_BEFORE = frozenset("([{—–―-/_*") | frozenset(_FAMILY)
"""Characters after which a mark may open a quote (besides whitespace and the paragraph start)."""
_CLOSE_AFTER = frozenset(".,;:!?)]}—–―-…/_*") | frozenset(_FAMILY)
"""Characters before which a mark may close a quote (besides whitespace and the paragraph end)."""

_ELISIONS_ANY_CASE = frozenset({"tis", "twas", "twere", "twill", "twould", "twixt"})
_ELISIONS_LOWER = frozenset({
    "em", "n", "cause", "cos", "coz", "bout", "round", "fore", "neath", "tween", "gainst",
    "nother", "til", "till", "im", "er", "ere", "ave", "ad", "e", "ow", "is", "alf", "ome", "ouse", "appen",
})
"""Words an apostrophe opens by standing for dropped letters ('em, 'tis, rock 'n' roll)."""

_DASH_OPENER = re.compile(r"(?:[—―–]|--)[ \t\u00a0]*(?=[\w¿¡…])")
_DASH = re.compile(r"[—―–]|--")
_RESUME = re.compile(r"[\s.,;:]*")
_WORD = re.compile(r"[^\W\d_]*")
_NEXT_WORD = re.compile(r"\s*(\w)")

_TAG_VERBS = "|".join(sorted((v for v in SPEECH_VERBS if v.endswith(("ed", "s")) or v in (
    "said", "told", "spoke", "began", "cried", "replied", "quoth", "spat", "snapped", "sang", "thought")),
    key=len, reverse=True))
_SPEAKER = r"(?:he|she|they|I|we|it|(?:the|his|her|my)\s+\w+(?:\s+\w+)?|(?:[A-Z][\w'’.-]*\s+){0,2}[A-Z][\w'’-]*)"
_TAG_CORE = rf"\s+(?:{_SPEAKER}\s+(?:{_TAG_VERBS})|(?:{_TAG_VERBS})\s+{_SPEAKER})\b"
_TAG_GOES_ON = r"\s*(?:[.,;:!?…]|\w+ly\b|(?:to|in|with|at|again|then|aloud|him|her|his|them|their)\b)"
_UNDASHED_TAG = re.compile(
    rf"(?:(?<=[!?…])|(?<=,)(?={_TAG_CORE}{_TAG_GOES_ON})){_TAG_CORE}[^.;:!?…,]*"
    r"(?:,\s*(?:\w+ing|and|as|with|while|when|then|his|her|their)\b[^.;:!?…,]*)*[.,;:!?…]*"
)
"""A tag set off by no dash inside dash-opened speech, up to its sentence end: ``— Come down at once!
he said sternly. Bring the lamp.`` After a comma, only a tag that ends or goes on with an adverb
or a phrase (``, he said to Ann.``), not ``— Well, Hugo asked me to come.`` The tag ends at a comma
unless what follows goes on telling (``, pointing at the door``): ``— Yes, she said, he did.``"""
_COLON_DASH = re.compile(r":\s*(?:[—―–]|--)[ \t\u00a0]*(?=[\w¿¡…])")
"""A dash after a colon inside narration opens speech: ``He announced: —Dinner is served.``"""

_CHAT_LINE = re.compile(CHAT_LABEL + r"(?P<message>\S.*?)[ \t]*")
"""One line of a text or chat exchange: a sender's name, a colon, the message."""
_NOT_SENDERS = frozenset({
    "title", "author", "rating", "summary", "note", "notes", "a/n", "an", "warning", "warnings", "disclaimer",
    "pairing", "pairings", "fandom", "fandoms", "chapter", "words", "tags", "category", "categories",
    "characters", "status", "genre", "date", "time", "location", "place", "subject", "from", "to", "re", "ps",
    "p.s", "edit", "update", "beta", "prompt", "spoilers", "timeline", "setting", "length", "published",
})
"""Labels of header fields and notes, not senders."""
MIN_CHAT_LINES = 3
"""Lines a text exchange needs before "Name: words" paragraphs are read as messages."""
_TEXTING = re.compile(
    r"\b(?:phone|texts?|texted|texting|typed|typing|messages?|messaged|chat|screen|sent)\b", re.IGNORECASE
)
"""Words before an exchange that make its lines messages rather than a script."""
TEXTING_BEFORE = 600
"""Characters before the first line of an exchange searched for those words."""

_THOUGHT_AFTER = re.compile(
    r"^[\s,;:—–-]*(?:(?:thought|wondered|mused|reflected)\b"
    r"|(?:[A-Z][\w'’.]*|he|she|they|I|we)(?:\s+[A-Z][\w'’]*)?\s+"
    r"(?:thought|wondered|mused|reflected|told\s+(?:her|him|them|my)sel(?:f|ves))\b)"
)
_THOUGHT_BEFORE = re.compile(r"\b(?:thought|wondered|mused|thinking)(?:\s+to\s+\w+self)?\s*[,:]?\s*$")
_SAYING = re.compile(
    r"\b(?:said|says|say|saying|cried|cries|answered|replied|asked|shouted|whispered|muttered|murmured|"
    r"exclaimed|added|yelled|screamed|repeated|(?:him|her|them|my)sel(?:f|ves)|"
    r"but|and|or|nor|then|with|of|just|simply|only|merely)"
    r"\s*$",
    re.IGNORECASE,
)
"""Words after which a short quote inside a sentence is still something said."""
_WRITTEN_BEFORE = re.compile(
    r"(?:\b(?:read|reads|wrote|writes|written|labell?ed|inscribed|printed|engraved|scrawled|typed|texted)"
    r"|\b(?:note|sign|letter|card|label|message|text|inscription|headline|banner|poster)"
    r"\s+(?:said|says|read|reads))"
    r"\s*(?:,|:|\bthat\b)?\s*$"
)


@dataclass(frozen=True)
class _Style:
    """How a document marks its dialogue."""

    primary: frozenset[str]
    """Mark families that open a quote in narration."""
    dash: bool = False
    """Paragraphs opening with a dash are speech (European style)."""
    angle_open: str = "«"
    """Which guillemet opens a quote: « in French style, » in German style."""


@dataclass(frozen=True)
class _Mark:
    """One quote mark and the part it can play."""

    at: int
    family: str
    role: str  # open | close | weak (a close that may be an apostrophe) | either


def find_quotes(story: Story, parsed: Parsed) -> tuple[Quote, ...]:
    """Every quote of the story, in text order, with its kind; speakers come later."""
    style = _detect_style(story)
    messages = _chat_messages(story)
    found: list[Found] = []
    for index, paragraph in enumerate(story.paragraphs):
        if index in messages:  # "**Nell:** are you awake": a text message, its sender named before it
            found.append(Found(*messages[index], index))
            continue
        found.extend(_paragraph_quotes(story.text, paragraph.start, paragraph.end, index, style))
    found.extend(find_thoughts(story, parsed, [f for f in found if f.kind != "embedded"]))
    found.sort(key=lambda f: (f.start, -f.end))
    return tuple(
        Quote(id=f"q{n}", start=f.start, end=f.end, text=story.text[f.start:f.end], kind=f.kind,
              paragraph=f.paragraph)
        for n, f in enumerate(found, 1)
    )


def _chat_messages(story: Story) -> dict[int, tuple[int, int, str]]:
    """Paragraph index -> the span and kind of the line, for the lines of a text or chat exchange
    (``**Nell:** are you awake``, ``Kate: it's 3am``): a story with at least ``MIN_CHAT_LINES`` such
    lines, under at least two labels that each come back, and no label that names a header field.
    They are ``written`` where the narration just before the first speaks of phones or typing, else
    ``speech`` (a scene set out as a script)."""
    lines = {}
    for index, paragraph in enumerate(story.paragraphs):
        match = _CHAT_LINE.fullmatch(paragraph.text)
        if match and match.group("label").strip().lower() not in _NOT_SENDERS:
            lines[index] = (match.group("label").strip(), paragraph.start + match.start("message"),
                            paragraph.start + match.end("message"))
    labels = Counter(label for label, _, _ in lines.values())
    if len(lines) < MIN_CHAT_LINES or len(labels) < 2 or max(labels.values()) < 2:
        return {}
    senders = set(labels)
    first = story.paragraphs[min(lines)].start
    kind = "written" if _TEXTING.search(story.text, max(0, first - TEXTING_BEFORE), first) else "speech"
    return {index: (start, end, kind) for index, (label, start, end) in lines.items() if label in senders}


def _detect_style(story: Story) -> _Style:
    """Decide which marks open dialogue in this document."""
    text = story.text
    doubles = sum(text.count(c) for c in '"“”„')
    singles = frozenset({_SINGLE})
    single_openers = sum(
        1 for p in story.paragraphs for m in _marks(text, p.start, p.end, singles) if m.role == "open"
    )
    primary = {_SINGLE} if single_openers >= 3 and single_openers > doubles / 2 else {_DOUBLE}
    first_angle = re.search("[«»]", text)
    if first_angle:
        primary.add(_ANGLE)
    dashed = sum(1 for p in story.paragraphs if _DASH_OPENER.match(p.text))
    quoted = sum(1 for p in story.paragraphs if p.text[:1] in _FAMILY)
    return _Style(
        primary=frozenset(primary),
        dash=dashed >= 3 and dashed > quoted,
        angle_open=first_angle.group() if first_angle else "«",
    )


def _paragraph_quotes(text: str, lo: int, hi: int, index: int, style: _Style) -> list[Found]:
    """The quotes of one paragraph, hosts first then what is embedded in them."""
    dash = style.dash and (_DASH_OPENER.match(text, lo, hi) or _COLON_DASH.search(text, lo, hi))
    if dash:
        hosts = [(s, e, _DOUBLE) for s, e in _dash_speech(text, dash.end(), hi)]
    else:
        primary = style.primary
        if primary == {_DOUBLE} and text.startswith(("'", "‘"), lo) and not _DOUBLES.search(text, lo, hi):
            primary = frozenset({_SINGLE})  # a British-style paragraph in a double-quote document
        hosts = _pair(list(_marks(text, lo, hi, primary, style.angle_open)), hi, keep_unclosed=True)
    found: list[Found] = []
    for start, end, family in hosts:
        kind = _host_kind(text, lo, hi, start, end)
        if kind == "speech" and _is_scare_quote(text, lo, start, end):
            continue
        found.extend(_trimmed(text, start, end, kind, index))
        inner = frozenset({_DOUBLE, _SINGLE} - {family})
        nested = _pair(list(_marks(text, start, end, inner, style.angle_open)), end, keep_unclosed=False)
        for s, e, _ in nested:
            found.extend(_trimmed(text, s, e, "embedded", index))
    return _retag_thoughts(text, lo, hi, found)


def _marks(text: str, lo: int, hi: int, families: frozenset[str], angle_open: str = "«"):
    """The marks of ``families`` in ``text[lo:hi]`` that can open or close a quote."""
    after_elision = -1
    for match in _MARKS.finditer(text, lo, hi):
        at = match.start()
        family = _FAMILY[match.group()]
        if family not in families or at == after_elision:
            continue
        if family == _ANGLE:
            yield _Mark(at, family, "open" if match.group() == angle_open else "close")
            continue
        role, elided_end = _role(text, at, lo, hi, family)
        if elided_end is not None and elided_end < hi and text[elided_end] in "'’":
            after_elision = elided_end  # rock 'n' roll: the second mark is an apostrophe too
        if role:
            yield _Mark(at, family, role)


def _role(text: str, at: int, lo: int, hi: int, family: str) -> tuple[str | None, int | None]:
    """The part the mark at ``at`` can play, judged by the characters around it.

    Also returns, for an apostrophe opening an elided word, where that word ends.
    """
    prev = text[at - 1] if at > lo else ""
    nxt = text[at + 1] if at + 1 < hi else ""
    opens = (not prev or prev.isspace() or prev in _OPEN_BEFORE) and bool(nxt) and not nxt.isspace()
    closes = bool(prev) and not prev.isspace() and (not nxt or nxt.isspace() or nxt in _CLOSE_AFTER)
    if family == _DOUBLE:
        if opens != closes:
            return ("open" if opens else "close"), None
        return {"“": "open", "„": "open", "”": "close"}.get(text[at], "either"), None
    if prev.isalnum() and nxt.isalnum():
        return None, None  # don't, o'clock
    if opens and not closes:
        word = _WORD.match(text, at + 1, hi).group()
        if nxt.isdigit() or word.lower() in _ELISIONS_ANY_CASE or word in _ELISIONS_LOWER:
            return None, at + 1 + len(word)
        return "open", None
    if closes and not opens and text[at] != "‘":
        rest = text[at + 1:at + 3]
        weak = prev.isalpha() and len(rest) == 2 and rest[0].isspace() and rest[1].islower()
        return ("weak" if weak else "close"), None
    return None, None


def _pair(marks: list[_Mark], hi: int, keep_unclosed: bool) -> list[tuple[int, int, str]]:
    """Pair opening and closing marks into (start, end, family) spans that exclude the marks.

    A weak close (``goin' home``, ``the Joneses' house``) ends the quote only if no
    plain close follows before the next opening mark. An unclosed quote ends at
    ``hi`` when ``keep_unclosed``, else is dropped.
    """
    spans: list[tuple[int, int, str]] = []
    start, family, weak = -1, "", -1
    for mark in marks:
        if start < 0:
            if mark.role in ("open", "either"):
                start, family, weak = mark.at + 1, mark.family, -1
            continue
        if mark.family != family:
            continue
        if mark.role == "weak":
            weak = mark.at if weak < 0 else weak
        elif mark.role in ("close", "either"):
            spans.append((start, mark.at, family))
            start = -1
        else:  # an opening mark while open: the close was missing
            spans.append((start, weak if weak >= 0 else mark.at, family))
            start, weak = mark.at + 1, -1
    if start >= 0 and (weak >= 0 or keep_unclosed):
        spans.append((start, weak if weak >= 0 else hi, family))
    return spans


def _dash_speech(text: str, start: int, hi: int) -> list[tuple[int, int]]:
    """Speech spans of a paragraph opened by a dash.

    A dash then a lowercase word starts a tag ("— Wait, — she said, — come back.") when the
    speech before it ends with , ! ? … or a dash set right after a word closes the tag
    ("—Hola —dijo ella—."); the next dash ends the tag.
    """
    dashes = [m for m in _DASH.finditer(text, start, hi) if not _inside_word(text, m.start(), m.end())]
    spans, speaking = [], True
    for n, match in enumerate(dashes):
        if speaking:
            word = _NEXT_WORD.match(text, match.end(), hi)
            said = text[max(start, match.start() - 20):match.start()].rstrip()[-1:] in (",", "!", "?", "…")
            closed = n + 1 < len(dashes) and not text[dashes[n + 1].start() - 1].isspace()
            if word and word.group(1).islower() and (said or closed):
                spans.append((start, match.start()))
                speaking = False
        else:
            start, speaking = _RESUME.match(text, match.end(), hi).end(), True
    if speaking and start < hi:
        spans.append((start, hi))
    spans = [part for s, e in spans for part in _without_undashed_tags(text, s, e)]
    return [(s, e) for s, e in spans if any(c.isalpha() for c in text[s:e])]


def _without_undashed_tags(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A dash-opened speech span cut around the tags no dash sets off (``he said sternly.``)."""
    parts = []
    for tag in _UNDASHED_TAG.finditer(text, start, end):
        parts.append((start, tag.start()))
        start = tag.end()
    return parts + [(start, end)]


def _inside_word(text: str, start: int, end: int) -> bool:
    """Whether a dash joins two words (well--known) rather than setting off a tag."""
    return start > 0 and end < len(text) and text[start - 1].isalnum() and text[end].isalnum()


def _trimmed(text: str, start: int, end: int, kind: str, index: int) -> list[Found]:
    """The span without surrounding whitespace, or nothing if it is empty."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [Found(start, end, kind, index)] if end > start else []


def _host_kind(text: str, lo: int, hi: int, start: int, end: int) -> str:
    """``written`` for a quote introduced as something read or written, else ``speech``."""
    before = text[max(lo, start - 60):max(lo, start - 1)]
    return "written" if _WRITTEN_BEFORE.search(before) else "speech"


def _is_scare_quote(text: str, lo: int, start: int, end: int) -> bool:
    """A few words quoted inside a narration sentence (the "new people", a "real American"),
    not set off as speech: no closing punctuation, a plain word just before the mark."""
    quoted = text[start:end].strip()
    before = text[max(lo, start - 41):max(lo, start - 1)]
    if len(quoted.split()) <= 4 and quoted[-1:] in ".," and re.search(r"\bthe\s+$", before):
        return True  # the "Macfarlane," had...: a name for a thing, its comma American style
    if len(quoted.split()) > 4 or quoted[-1:] in ".,;!?…-—–":
        return False
    return bool(re.search(r"[a-z]\s+$", before[-3:])) and not _SAYING.search(before)


def _retag_thoughts(text: str, lo: int, hi: int, found: list[Found]) -> list[Found]:
    """Quotes tagged with a thought verb ("Well!" thought Ann, "after ...") are thoughts."""
    hosts = [n for n, f in enumerate(found) if f.kind == "speech"]
    thoughts: set[int] = set()
    for k, n in enumerate(hosts):
        quote = found[n]
        following = found[hosts[k + 1]] if k + 1 < len(hosts) else None
        after = text[quote.end + 1:following.start - 1 if following else hi]
        if _THOUGHT_AFTER.match(after):
            thoughts.add(n)
            if following and not re.search(r"[.!?]", after):
                thoughts.add(hosts[k + 1])  # the same sentence goes on: "Well!" thought Ann, "after..."
        previous_end = found[hosts[k - 1]].end + 1 if k else lo
        if _THOUGHT_BEFORE.search(text[previous_end:quote.start - 1]):
            thoughts.add(n)
    return [dataclasses.replace(f, kind="thought") if n in thoughts else f for n, f in enumerate(found)]
