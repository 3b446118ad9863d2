"""Give every quote a speaker, addressees, a confidence and the cue used."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from itertools import pairwise

from fabula.model import Cast, Mention, Quote, Scene, Story
from fabula.nlp import Parsed
from fabula.stages._coref import NOUN_GENDER, PRONOUN_GENDER, off_the_page
from fabula.stages._names import split_name
from fabula.stages._quote_index import QuoteIndex
from fabula.stages._relatives import CALLED_PARENTS, KIN_TITLE, PARENT_WORDS, couples, kin_of
from fabula.stages._verbs import (
    ONSET_VERBS,
    SPEECH_VERBS,
    THOUGHT_VERBS,
    TOLD_ACTS,
    is_be,
    phrasal_particle,
    tells_going_on,
)

SUBJECTS = ("nsubj", "nsubjpass")
UNSAID_MARKS = frozenset({"unless", "lest", "if"})
"""Marks of a clause whose speech has not happened: ``unless she asks``."""
UNSAID_MODALS = frozenset({"can", "could"})
"""With ``before`` or ``until``, speech that has not happened yet: ``before he can say more``."""
PHONE_WORDS = frozenset({"phone", "cellphone", "telephone", "mobile", "receiver", "cell"})
"""What rings: whose it is, or who picks it up, speaks first."""
PICKING_UP = frozenset(
    {"picked", "picks", "answered", "answers", "grabbed", "grabs", "took", "takes", "lifted", "lifts", "snatched",
     "held", "holds", "raised", "pressed", "put", "puts"}
)
"""What one does with a phone one answers: ``Kate picked up the phone``."""
GIVING = frozenset({"give", "gives", "gave", "given", "giving", "allow", "allowed", "allowing", "afford",
                    "afforded"})
"""Verbs of giving someone a chance, whose dative is the one given it."""
CHANCES = frozenset({"time", "opportunity", "chance", "leisure", "occasion", "leave"})
"""What a speaker is given, to speak: ``gave her time to say``, ``the opportunity of adding``."""
CLIMB = ("conj", "xcomp")
"""Links from a verb to the one whose subject it shares."""
POSSESSIVE = ("'s", "’s")
NO_ANSWER = frozenset({"answer", "reply", "response", "word", "words", "sign"})
"""What a listener gives none of (``made no answer``) before the speaker goes on."""
ABBREVIATED_TITLES = frozenset({"mr", "mrs", "ms", "dr", "mme", "mlle", "m"})
"""Titles written with a full stop, which the tokenizer sometimes splits off (``Mlle`` ``.``)."""
TAG_SKIPS = ABBREVIATED_TITLES | {"the", "miss"}
"""Words between an inverted tag's verb and the name it gives, when the name alone is the mention."""
TITLE_DOTS = re.compile(rf"\b(?:{'|'.join(sorted(ABBREVIATED_TITLES))})\.", re.IGNORECASE)
"""The dot after a title ("Mr. Grey"), which ends no sentence."""
CONFIDENCE = {
    "explicit": 0.95, "anaphoric": 0.8, "group": 0.8, "continued": 0.85, "beat": 0.75,
    "thought": 0.7, "response": 0.7, "turn": 0.6, "salience": 0.35,
}
GROUP_WORDS = frozenset({"both", "all", "together", "unison"})
GROUP_PRONOUNS = ("they", "we", "both")
LONG_NARRATION = 150
"""Words of narration after which a conversation is taken to start afresh."""
SPEECH_NOUNS = frozenset(
    "reply answer remark rejoinder response retort reasoning injunction exclamation comment cry question "
    "observation greeting words reproach protest request reflection advice amendment conclusion suggestion "
    "explanation assurance apology objection entreaty warning announcement salutation enquiry inquiry "
    "exhortation parting farewell command declaration shout whisper murmur ejaculation beginning".split()
)
UTTERING = frozenset({
    "made", "makes", "gave", "gives", "offered", "offers", "uttered", "utters", "returned", "returns", "ventured",
    "hazarded",
})
"""Verbs whose object is what someone says: "made this reply", "ventured the remark"."""
SOUNDING = frozenset({"came", "sounded", "rang", "burst", "broke", "issued", "escaped"})
"""Verbs a line comes out by, right after it: '"Help!" burst from Ida', '"...," came Ida's voice'."""
VOICE_NOUNS = frozenset({"voice", "accents", "tones", "tone"})
FIRST_PERSON = ("i",)
TAG_VERBS = SPEECH_VERBS | THOUGHT_VERBS
OPEN_ENDS = ",-—–"
"""How a quote ends when the sentence runs on into its tag."""
JOINERS = ("CCONJ", "SCONJ", "ADP")
"""Words that open a clause of its own after a quote (``"Yes," while Ben left``): no tag follows."""
WHO_QUESTION = re.compile(
    r"\b(?:who|whom|whose)\b[^.!]*\?|\bwhat(?:'s| is| was) (?:his|her|their) name\b", re.IGNORECASE
)
"""A line asking who someone is: the bare name that follows answers it."""
YOUR_NAME = re.compile(r"\bwhat(?:'s|’s| is) your name\b|\bwho are you\b|\byour name\?", re.IGNORECASE)
"""A line asking the one spoken to who they are: the bare name that follows is the answerer's own."""
ANCHORS = ("explicit", "anaphoric", "beat", "response", "thought")
"""Cues that fix a speaker from the text, as opposed to turn-taking guesses."""
GUESSES = ("turn", "salience")
KIN_CALL = re.compile(
    rf"(?:^|[,;:!?.]\s*|\bdear\s+)({'|'.join(PARENT_WORDS)})\s*(?:[;:!?.]|--|$|,(?!\s*[A-Z]\w*,))", re.IGNORECASE)
"""A parent called by the word for a parent (``But they like it, papa;``)."""
ENDEARMENT = re.compile(r"(?:\bmy(?: own)?\s+)?\b(?:dear|dearest|darling)$", re.IGNORECASE)
"""Words that lead a call without making it anything else: ``Oh, my dear Ann, ...``."""
PERCEPTION_VERBS = frozenset({"hear", "heard", "hears", "hearing", "overheard", "overhear", "overhears"})
"""Verbs whose subject hears the line a speech verb under them gives (``Ann heard him murmur``)."""
TURN_VERBS = frozenset({"turn", "turns", "turned", "turning", "wheeled", "wheeling", "swung", "swinging"})
"""Verbs of turning to someone, to speak to them (in the forms narration uses: the parse has no lemmas)."""
SILENCE = frozenset({"silent", "speechless", "mute"})
"""What a narration says an actor was when no answer came."""
PRESENT_BE = frozenset({"am", "is", "m", "s", "'m", "'s", "’m", "’s"})
"""``I am``, ``my name is``, written in full, shortened or with the apostrophe lost (``I m``)."""
KIN_NOUNS = frozenset({"father", "mother", "son", "daughter", "brother", "sister", "husband", "wife", "uncle",
                       "aunt", "nephew", "niece", "cousin", "grandfather", "grandmother"})
"""Words for a relative: "said the father" is not the one whose father the narration just spoke of."""
RELATIVE_WORDS = KIN_NOUNS | frozenset(KIN_TITLE)
"""Kin words a tag's subject may be (``said her mother``, ``cried his papa``)."""
KIN_INVERSE = {"son": ("father", "mother"), "daughter": ("father", "mother"), "husband": ("husband", "wife"),
               "wife": ("husband", "wife")}
"""For a kin word, what its owner is to that relative, as a man and as a woman, where one has only one of
those: the owner of "his son" is the son's father."""
KIN_REACH = 2
"""Paragraphs before a line (and its own) searched for the owner of the relative its tag names."""
MOTHER_WORDS = frozenset(word for word in PARENT_WORDS if KIN_TITLE[word] == "mrs")
"""The words for a mother among the words a child calls a parent by."""
ANSWER_TAGS = frozenset({"replied", "answered", "returned", "retorted", "rejoined", "responded"})
"""Tag verbs that say the line answers another's: no one answers herself."""
REFLEXIVES = frozenset({"himself", "herself", "myself", "itself", "themselves", "yourself", "ourselves"})
"""``heard himself say``: then the hearer is the speaker."""
LINK_WORDS = 0
"""Words of narration two lines may have between them and still be one exchange: none, so turn-taking
runs back only through pure dialogue (measured: 0 beat 15, 25, 40 and 80 words)."""
NEAR_AFTER, NEAR_BEFORE = 4, 3
"""Tokens from the quote within which a tag is read first, after then before (``Ida said, "..." and then
she said``): the nearer tag wins over a farther one on the other side."""
PHONE_GREETING = re.compile(r"(?:hi|hello|hey|yeah|yes)\b", re.IGNORECASE)
"""How one who picks up a phone speaks first, mid-talk too (``"Hi. Yeah. No, I'm okay."``)."""
OPENING_REACH = 3
"""Lines after the answer within which the other party of a talk's first line is looked for."""
CALL_WORDS = 20
"""Most words of narration between a line that calls someone by name and a pronoun-tagged answer."""
HEADING_WORDS = 12
"""Most words between two lines in different scenes for them to be one speech run on past a chapter heading."""
ASIDE_WORDS = 10
"""Longest aside (tokens) between a tag's subject and its verb: ``Anna, sharing the joke, said``."""
UTTERANCE_TAG_WORDS = 12
"""Longest tag (words) that cuts one spoken sentence in two halves."""
REPLY_TOKENS = 12
"""Longest narration paragraph (tokens) read as only saying that no answer came."""
ANSWER_OPENING = re.compile(r"\W*(?:yes|no|not|oh|ah|well)\b", re.IGNORECASE)
NOD_TOKENS = 30
"""A nod answers, and the one who asked goes on, unless the nodder's own line follows, which mostly opens
as an answer does ("Ann nodded. 'Yes, I have two.'"): PDNC dev 9 gained, 1 lost; counted as an answer
whatever follows, 9 gained and 11 lost."""
REACT_GAP = 4
"""Paragraphs from one line to the next across which the last narration paragraph can name the speaker."""
REACT_TOKENS = 250
"""Longest narration paragraph (tokens) read as a reaction that hands over the turn."""
SEEING = frozenset({
    "see", "sees", "saw", "seen", "seeing", "find", "finds", "found", "finding", "notice", "notices", "noticed",
    "noticing", "behold", "beheld", "spot", "spots", "spotted", "spotting", "recognise", "recognised", "recognize",
    "recognized", "discover", "discovered", "perceive", "perceived",
})
"""Verbs whose object is the one a look finds: ``turning, Ida saw Ann at her elbow``."""


@dataclass
class _Turn:
    """What the text says about one quote before conversation is taken into account."""

    quote: Quote
    speaker: str | None = None
    speakers: tuple[str, ...] = ()
    cue: str | None = None
    vocatives: tuple[str, ...] = ()
    named: tuple[str, ...] = ()
    """Characters the quote names without addressing them: talked about, so not the speaker."""
    introduced: str | None = None
    """The character the line says the speaker is: ``I am Ida Grey``, ``my name is Ida``."""
    told: str | None = None
    """The one the tag says is spoken to: ``said Anna to Ben``."""
    group: bool = False
    by_salience: bool = False
    """A pronoun tag resolved by salience alone, with no one of its gender acting in the paragraph before."""
    described: str | None = None
    """The gender ("m", "f" or "") of the unnamed person the tag makes the speaker (``said the stranger``)."""
    kin: str | None = None
    """The word the line calls a parent by (``No, papa``)."""
    relation: tuple[str, str] | None = None
    """The kin word of a tag whose owner is a pronoun, and the owner's gender (``cried her mother``)."""
    relative_of: str | None = None
    """The one whose relative the tag says the speaker is, when the text tells who (``said his son``)."""
    pronoun_tag: bool = False
    """A ``she said`` whose "she" found no one, or only the one the line calls."""
    unseen: bool = False
    """``said a voice``: someone the narration after the line may show (``She turned and saw Ann``)."""
    pronoun_beat: bool = False
    """The speaker is the "she" of a beat (``"Bad dreams." She sat down.``), whom salience alone found."""
    answers: str | None = None
    """The tag says the line answers: "answer" (``she replied``) or "back" (``she whispered back``)."""
    goes_on: bool = False
    """The tag says the speaker goes on (``she added``, ``he went on``)."""


def attribute_speakers(
    story: Story, parsed: Parsed, quotes: tuple[Quote, ...], cast: Cast, scenes: tuple[Scene, ...]
) -> tuple[Quote, ...]:
    """The quotes again, each with speaker, addressees, confidence and cue."""
    if not quotes:
        return quotes
    text = _Text(story, parsed, quotes, cast)
    turns = [_Turn(q) for q in quotes]
    by_paragraph: dict[int, list[_Turn]] = defaultdict(list)
    for turn in turns:
        by_paragraph[turn.quote.paragraph].append(turn)
    for paragraph, group in by_paragraph.items():
        _read_paragraph(text, paragraph, group)
    text.talkers = {t.speaker for t in turns if t.speaker and t.cue in ("explicit", "anaphoric")}
    text.talkers |= {c.id for c in cast.characters if c.name.lower() in CALLED_PARENTS}  # "Hi, Mum.": she answers
    for turn in turns:
        if turn.speaker and turn.told is None and turn.cue in ANCHORS:
            turn.told = _turned_to(text, turn)
    _echoes(text, turns)
    _follow_conversations(text, turns, scenes)
    return tuple(_finish(turn) for turn in turns)


class _Text:
    """Lookups over the story shared by the passes: mentions by offset, quote spans, genders."""

    def __init__(self, story: Story, parsed: Parsed, quotes: tuple[Quote, ...], cast: Cast) -> None:
        self.story, self.parsed = story, parsed
        self.mentions: dict[int, Mention] = {m.start: m for m in cast.mentions}
        self.starts = [m.start for m in cast.mentions]
        self.all_mentions = cast.mentions
        self.on_page = {c.id for c in cast.characters if c.on_page}
        self.narrator = next((c.id for c in cast.characters if c.narrator), None)
        """The "I" of the story, whom the narration never calls he, she or "the girl"."""
        self.reader = next((m.character for m in cast.mentions
                            if m.kind == "pronoun" and m.text.lower() == "you"), None)
        """The "you" of a second-person story, whom the narration speaks to."""
        self.gender = {c.id: PRONOUN_GENDER.get((c.pronouns or "").split("/")[0]) for c in cast.characters}
        self.in_quote = QuoteIndex(quotes, marks=True)
        self.quoted = {q.paragraph for q in quotes}
        """The paragraphs that hold a quote."""
        ids = [c.id for c in cast.characters]
        names = [list(filter(None, map(split_name, (c.name, *c.aliases)))) for c in cast.characters]
        wed = couples(story.text)
        self.kin = {(ids[who], word): ids[relative] for (who, word), relative in kin_of(names, wed).items()}
        """``(character, kin word)`` -> the character that kin is, as far as the cast's surnames tell."""
        self.families: dict[str, set[str]] = defaultdict(set)
        """Surname -> the characters whose full or titled names carry it."""
        for character, forms in zip(ids, names):
            for form in forms:
                if len(form.words) > 1 or form.title:
                    self.families[form.last].add(character)
        self.talkers: set[str] = set()
        """Characters a speech tag somewhere names as speaking: the likelier voices of an untagged line."""

    def narration(self, paragraph: int) -> list:
        """The paragraph's tokens outside its quotes, marks and spaces left out."""
        doc, offset = self.parsed.docs[paragraph], self.parsed.offsets[paragraph]
        return [t for t in doc if not t.is_space and not self.in_quote(offset + t.idx) and not t.is_quote]

    def covering(self, offset: int) -> Mention | None:
        """The mention that covers this offset, if any."""
        k = bisect.bisect_right(self.starts, offset) - 1
        if k >= 0 and offset < self.all_mentions[k].end:
            return self.all_mentions[k]
        return None

    def character_at(self, token, offset: int) -> str | None:
        mention = self.mentions.get(offset + token.idx)
        if mention is None:  # a name of several words is keyed by its first token
            for child in token.children:
                if child.dep_ == "compound" or child.dep_ == "amod" or child.dep_ == "det":
                    mention = self.mentions.get(offset + child.idx) or mention
        return mention.character if mention else None

    def last_named(
        self, before: int, gender: str, excluded: set[str], kinds: tuple[str, ...] = ("name",)
    ) -> str | None:
        """The on-page character of this gender the narration last named (by a mention of one of
        ``kinds``) before ``before``."""
        k = bisect.bisect_left(self.starts, before) - 1
        while k >= 0:
            mention = self.all_mentions[k]
            k -= 1
            if mention.kind in kinds and self.gender.get(mention.character) == gender and (
                    mention.character in self.on_page and mention.character not in excluded
                    and not self.in_quote(mention.start)):
                return mention.character
        return None

    def recent_characters(self, before: int, limit: int = 40) -> list[str]:
        """On-page characters mentioned in narration before ``before``, most recent first."""
        k = bisect.bisect_left(self.starts, before) - 1
        seen: list[str] = []
        while k >= 0 and len(seen) < 4 and limit > 0:
            mention = self.all_mentions[k]
            k -= 1
            limit -= 1
            if mention.character in self.on_page and mention.character not in seen and not self.in_quote(mention.start):
                seen.append(mention.character)
        return seen


def _read_paragraph(text: _Text, paragraph: int, turns: list[_Turn]) -> None:
    """Tags first, then beats, inside one paragraph; vocatives of every quote."""
    doc, offset = text.parsed.docs[paragraph], text.parsed.offsets[paragraph]
    narration = text.narration(paragraph)
    embedded = [(t.quote.start, t.quote.end) for t in turns if t.quote.kind == "embedded"]
    for turn in turns:  # (names in words a line quotes, "--'Mr. Grey, I am going'", call no one now)
        mentioned = [m for m in _mentions_between(text, turn.quote.start, turn.quote.end) if m.kind == "name" and (
            turn.quote.kind == "embedded" or not any(start <= m.start < end for start, end in embedded))]
        self_named = [m for m in mentioned if _self_named(doc, offset, m)]
        names = [m for m in mentioned if m.character not in {s.character for s in self_named}]  # ("I'm Ida.
        # Ida Grey.": the name said again, not called)
        introduced = [m.character for m in self_named if _introduces(doc, offset, m, turn.quote)]
        turn.introduced = introduced[0] if introduced and turn.quote.kind != "embedded" else None
        turn.vocatives = _vocatives(text, doc, offset, turn.quote, names)
        turn.named = tuple(m.character for m in names if m.character not in turn.vocatives)
        called = KIN_CALL.search(turn.quote.text)
        turn.kin = called.group(1).lower() if called else None
    for first, second in pairwise(turns):
        if first.vocatives and _one_utterance(text, first.quote, second.quote) and _goes_on_as_subject(
                text, doc, offset, first, second):
            first.named, first.vocatives = first.named + first.vocatives, ()
    own = [turn.vocatives for turn in turns]
    for first, second in pairwise(turns):
        if _one_utterance(text, first.quote, second.quote):  # "Oh, Ann," she cried, "you came!": Ann is
            called = first.vocatives + tuple(c for c in second.vocatives if c not in first.vocatives)
            first.vocatives = second.vocatives = called  # called in both halves, so the tag is not her
    sides = []
    for index, turn in enumerate(turns):
        after = [t for t in narration if offset + t.idx >= turn.quote.end]
        before = [t for t in narration if offset + t.idx < turn.quote.start]
        following = next((t for t in turns[index + 1:] if t.quote.start >= turn.quote.end), None)
        if following is not None:  # (not a quote inside this one: "I said 'Hello'," said Ida)
            after = [t for t in after if offset + t.idx < following.quote.start]
        sides.append((before, after))
        if turn.quote.kind != "embedded":
            opens_next = following is not None and bool(after) and after[-1].text in (",", ":") and (
                not any(t.text in (".", "!", "?", ";") for t in after))  # '"A," Ben replied, "B"': B's tag
            # '"A," she said. "B," and Ben muttered: "C."': the tag is C's alone, and her line goes on in B
            handed_on = opens_next and after[0].pos_ == "CCONJ" and after[-1].text == ":"
            earlier = turns[index - 1] if index else None  # (the part before this one in the paragraph)
            if handed_on and earlier is not None and earlier.speaker and earlier.quote.kind == turn.quote.kind and (
                    earlier.speaker not in turn.vocatives):
                turn.speaker, turn.cue = earlier.speaker, earlier.cue
                continue
            _read_tags(text, turn, _tag_zone(before, first=False), _tag_zone(after, first=True), offset, opens_next,
                       handed_on)
            if turn.cue == "anaphoric":
                _check_pronoun(text, turn, before, offset)
            if turn.introduced and (turn.speaker is None and not turn.group or turn.by_salience):
                # '"I am Ida Grey," said the girl'; '"Hi," she said. "I'm Ida."': both halves hers
                if earlier is not None and earlier.by_salience and _narration_between(
                        text, earlier.quote, turn.quote) <= UTTERANCE_TAG_WORDS:
                    earlier.speaker, earlier.by_salience = turn.introduced, False
                turn.speaker, turn.cue = turn.introduced, "explicit"
            if turn.cue == "anaphoric" and turn.goes_on and earlier is not None:
                _goes_on(text, turn, earlier)
    for first, second in pairwise(turns):  # one sentence cut by its tag is one speaker's, whatever the
        # narration before the second half seems to say
        if first.speaker and first.cue in ("explicit", "anaphoric") and second.cue == "anaphoric" and (
                _sentence_runs_on(text, first.quote, second.quote)):
            second.speaker = first.speaker
    for turn, vocatives in zip(turns, own):
        turn.vocatives = vocatives
    led = paragraph > 0 and text.story.paragraphs[paragraph - 1].text.rstrip().endswith(":")
    if turns[0].speaker is None and not turns[0].group or led and turns[0].cue == "anaphoric":
        _tag_from_previous_paragraph(text, paragraph, turns[0])  # ("saying as she opened the door:" over "she added")
    _share_within_paragraph(text, turns)
    for kinds in (("speech", "written"), ("thought",)):  # a thought is the paragraph speaker's first
        for turn, (before, after) in zip(turns, sides):
            if turn.speaker is None and not turn.group and turn.described is None and turn.quote.kind in kinds:
                _beat(text, turn, before, after, offset)
        _share_within_paragraph(text, turns)


def _goes_on(text: _Text, turn: _Turn, previous: _Turn) -> None:
    """``"...," she added`` after another line of the same paragraph: the one who spoke that line goes
    on, when the pronoun fits her, whoever else the pronoun could mean. Not when a tag of its own
    leads into the line (``Ann cried, "Look! Ah," she added``): that line's speaker goes on."""
    between = text.story.text[previous.quote.end : turn.quote.start].strip(" \n\"“”")
    lead = re.split(r"[.!?;]", between)[-1]
    led = between.endswith((",", ":", "-", "—")) and any(word in SPEECH_VERBS for word in re.findall(r"[a-z]+", lead))
    if previous.speaker and previous.quote.kind == turn.quote.kind and previous.speaker != turn.speaker and (
            text.gender.get(previous.speaker) == text.gender.get(turn.speaker)) and not led:
        turn.speaker = previous.speaker


def _sentence_runs_on(text: _Text, first: Quote, second: Quote) -> bool:
    """Whether the second quote goes on the first's sentence, the narration between them one clause: a
    short tag (``"Yes," she said, "come in"``), or any length of it before a line that opens in lower
    case (``"But," she added, raising her head from the kiss with which he greeted her, "how hard"``),
    also after a cry or a question (``"Too much!" she added, "by far"``)."""
    lower = second.text.lstrip(" \"“'‘")[:1].islower()
    between = _tag_between(text, first, second, OPEN_ENDS + "!?" if lower else OPEN_ENDS)
    if between is None or re.search(r"[.!?;]", TITLE_DOTS.sub("", between)):
        return False
    return lower or len(between.split()) <= UTTERANCE_TAG_WORDS


def _goes_on_as_subject(text: _Text, doc, offset: int, first: _Turn, second: _Turn) -> bool:
    """Whether a line that is only a name is the subject of the line its tag cuts off: ``"Mr. Grey,"
    she went on, "asks me to marry him."`` speaks of him (not ``"Ida," he said, "come here"``, a call)."""
    if _letters(first.quote.text) != _letters(" ".join(m.text for m in _mentions_between(
            text, first.quote.start, first.quote.end))):
        return False
    verb = next((t for t in doc if offset + t.idx >= second.quote.start and t.is_alpha), None)
    return verb is not None and verb.is_lower and verb.tag_ in ("VBZ", "VBD", "MD")


def _one_utterance(text: _Text, first: Quote, second: Quote) -> bool:
    """Two quotes that are one sentence cut by a short tag (``"Yes," she said, "``)."""
    between = _tag_between(text, first, second)
    return between is not None and 0 < len(between.split()) <= UTTERANCE_TAG_WORDS


def _tag_between(text: _Text, first: Quote, second: Quote, ends: str = OPEN_ENDS) -> str | None:
    """The narration between two quotes when the first runs on into it (``"Yes,"``; a quote ending on
    one of ``ends``) and it runs on into the second (``she said, "``); None otherwise."""
    between = text.story.text[first.end : second.start].strip(" \n\"“”'‘’")
    return between if first.text.rstrip()[-1:] in ends and between[-1:] in OPEN_ENDS + ":" else None


def _read_tags(text: _Text, turn: _Turn, lead: list, zone: list, offset: int, opens_next: bool = False,
               handed_on: bool = False) -> bool:
    """The tag of one quote, from the narration before it (``lead``) and after it (``zone``): a tag
    close to the quote first, then one farther off, then a speech noun (``was Ida's reply``). A zone
    that opens the next quote (``Ben replied, "..."``) is that quote's tag before it is this one's; one
    that hands it on (``and Ben muttered: "..."``) is the next quote's alone."""
    if _labelled(text, turn):
        return True
    aside = bool(zone) and (zone[0].pos_ in ("CCONJ", "SCONJ") or zone[0].text == "(") or opens_next or (
        bool(lead) and lead[-1].text == ":")  # "saying as she opened the door:" leads into the line
    if aside and _tag(text, turn, lead, offset, before=True):  # a clause of its own after the quote
        return True  # ('"Over!" and they all asked'): the tag before it comes first
    if handed_on:
        return False
    open_ended = bool(zone) and zone[0].pos_ not in JOINERS and _runs_on(turn.quote, zone[0])
    return (
        _tag(text, turn, zone, offset, within=NEAR_AFTER)
        or _from_after(text, turn, zone, offset)
        or _voice_after(text, turn, zone, offset)
        or _tag(text, turn, lead, offset, before=True, within=NEAR_BEFORE)
        or _tag(text, turn, zone, offset)
        or _owned_reply(text, turn, zone, offset)
        or _owned_lead(text, turn, lead, offset)
        or _owned_voice(text, turn, lead, offset)
        or _with_words(text, turn, lead, offset)
        or _made_reply(text, turn, lead, offset)
        or _tag(text, turn, lead, offset, before=True)
        or _tag(text, turn, zone, offset, open_ended=open_ended)
    )


def _labelled(text: _Text, turn: _Turn) -> bool:
    """``**Nell:** are you awake``, ``Kate: We do now.``: a line whose paragraph opens with nothing but
    its speaker's name and a colon (a text exchange, a scene set out as a script)."""
    opening = text.story.paragraphs[turn.quote.paragraph].start
    label = text.story.text[opening:turn.quote.start].strip(" \t*_")
    if not label.endswith(":"):
        return False
    sender = label[:-1].strip(" \t*_")
    if sender.lower() in ("me", "i") and text.narrator is not None:
        turn.speaker, turn.cue = text.narrator, "explicit"  # "**Me:** working": the one who tells the story
        return True
    names = [m for m in _mentions_between(text, opening, turn.quote.start) if m.kind == "name"]
    if len(names) != 1 or sender != names[0].text:
        return False
    turn.speaker, turn.cue = names[0].character, "explicit"
    return True


def _tag_from_previous_paragraph(text: _Text, paragraph: int, first: _Turn) -> None:
    """``Mr. Grey immediately said,--`` closing one paragraph tags the quote that opens the next."""
    if paragraph == 0 or first.quote.start - 1 > text.story.paragraphs[paragraph].start:
        return
    previous = text.story.paragraphs[paragraph - 1]
    if not previous.text.rstrip().endswith((":", ",", "--", "—", "-")) or text.in_quote(previous.end - 1):
        return
    narration, offset = text.narration(paragraph - 1), text.parsed.offsets[paragraph - 1]
    zone = _tag_zone(narration, first=False)
    if not _tag(text, first, zone, offset, before=True):
        _owned_lead(text, first, zone, offset)  # "Ann's reply was:"


def _tag_zone(tokens: list, first: bool) -> list:
    """Where a speech tag can sit: the clause touching the quote, up to a sentence end."""
    ends = [i for i, t in enumerate(tokens) if (t.text in (".", "!", "?", ";") or t.text.endswith((".", "!", "?"))
            and t.is_punct) and not _title_dot(t)]
    if first:
        return tokens[: min(ends[0] if ends else len(tokens), 10)]
    zone = tokens[ends[-1] + 1 :] if ends else tokens
    return zone[-14:]


def _tag(
    text: _Text, turn: _Turn, tokens: list, offset: int, before: bool = False, open_ended: bool = False,
    within: int | None = None,
) -> bool:
    """A speech verb next to the quote, and its subject: ``Anna said``, ``she asked``, ``said he``.

    After a quote whose sentence runs on (``"...," pursued Anna``), any verb right by it is the tag.
    ``within`` limits how many tokens from the quote the verb may sit. A verb of a clause that only
    describes ("replied Ann, struck by the manner in which he spoke") is read after the others."""
    nearest_first = reversed(tokens) if before else tokens
    read = [(position, token, _subordinate(token) and not (before and _touches(tokens, token)))
            for position, token in enumerate(nearest_first)]  # ("..., while Ann said "...": hers)
    for position, token, subordinate in sorted(read, key=lambda item: item[2]):  # the main clause's verbs first
        if within is not None and (position > within or subordinate):
            continue  # (a describing clause's verb is no near tag)
        speech = (token.lower_ in TAG_VERBS or phrasal_particle(token) is not None) and (
            text.covering(offset + token.idx) is None)  # not the "Mock" of "the Mock Heron"
        if not speech and not (open_ended and position <= 3 and token.pos_ == "VERB"):
            continue
        if _reports(text, token, offset):
            continue  # "her conscience told her that she was wrong": speech told, not this quote's tag
        if speech and any(c.dep_ == "neg" and not text.in_quote(offset + c.idx) for c in token.children):
            continue  # "The cat did not answer, so Ann went on": the one who does not speak
        if speech and _unsaid(token):
            continue  # "I hang up before he can say anything else", "left without saying a word"
        leading = (token, token.head) if token.dep_ == "xcomp" else (token,)  # ("began to think")
        thought = turn.quote.kind == "thought"
        if speech and any(_leads_into_act(text, verb, offset, thought=thought) for verb in leading):
            continue  # "Ben began to think he had been wrong": he thinks, he does not speak
        subject = _agent(token) or _surface_subject(text, token, offset, inverted_ok=before or position <= 3)
        if subject is None:
            subject = _parsed_subject(text, token, offset)
        hearer = _hearer(text, token, offset)
        if hearer is not None and (subject is None or text.character_at(subject, offset) in (None, hearer)):
            turn.described, turn.named = "", turn.named + (hearer,)  # "she heard it muttering": not she
            return True
        if subject is None:
            continue
        turn.told = _told(text, token, offset)
        taken = _take_subject(text, turn, subject, offset, speech=speech)
        turn.goes_on = taken and tells_going_on(token)
        back = any(c.dep_ == "prt" and c.lower_ == "back" for c in token.children)  # "she whispered back"
        turn.answers = "back" if taken and back else "answer" if taken and token.lower_ in ANSWER_TAGS else None
        return taken
    return False


def _touches(tokens: list, verb) -> bool:
    """Whether nothing but a colon parts ``verb`` from the end of ``tokens``, the quote it leads into (not
    ``while Ann read, "..."``, where a comma closes her clause)."""
    return all(t.is_quote or t.is_space or t.text == ":" for t in tokens if t.i > verb.i)


def _subordinate(verb) -> bool:
    """A verb of a clause that only describes (``the manner in which he spoke``, ``as she laughed``)."""
    if verb.dep_ == "relcl":
        return not any(c.dep_ in SUBJECTS and c.lower_ in ("who", "that", "which") for c in verb.children)
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" for c in verb.children)


def _unsaid(verb) -> bool:
    """A speech verb for what has not been said: ``before he can say more``, ``unless she asks``,
    ``bent down without replying`` (but ``without saying anything except "If you like"``)."""
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    modal = any(c.dep_ == "aux" and c.lower_ in UNSAID_MODALS for c in verb.children)
    return bool(marks & UNSAID_MARKS) or modal and bool(marks & {"before", "until", "till"}) or (
        verb.dep_ == "pcomp" and verb.head.lower_ == "without"
        and not any(t.lower_ in ("except", "but", "save") for t in verb.subtree))


def _leads_into_act(text: _Text, verb, offset: int, thought: bool) -> bool:
    """Whether a verb like ``began`` only leads into another act (``began to make for the door``,
    ``began wrapping herself up``), or into thinking when the line is spoken (``began to think``)."""
    if verb.lower_ not in ONSET_VERBS:
        return False
    tags = TAG_VERBS if thought else SPEECH_VERBS - THOUGHT_VERBS
    doc = verb.doc
    return any(c.dep_ == "xcomp" and c.pos_ == "VERB" and c.lower_ not in tags and phrasal_particle(c) is None
               and not any(text.in_quote(offset + t.idx) for t in doc[min(verb.i, c.i) : max(verb.i, c.i) + 1])
               for c in verb.children)  # (the act in the same stretch of narration, not in or past the quote)


def _turned_to(text: _Text, turn: _Turn) -> str | None:
    """The one the speaker turned to in the narration just before the line ("and, finding Mrs. Pell
    no help, turned to Ben"): the one spoken to, who answers next."""
    turner, hearer = _turning(text, turn.quote)
    if turner not in (None, turn.speaker) or hearer is None or hearer.kind == "pronoun":
        return None  # (someone else turned)
    return hearer.character if hearer.character != turn.speaker else None


def _turning(text: _Text, quote: Quote) -> tuple[str | None, Mention | None]:
    """Who turned to whom in the last sentence of the narration just before the line (its own paragraph's,
    or a paragraph of narration before it): the turner, if named, and the mention turned to."""
    before, offset = _narration_before(text, quote)
    if not before:
        return None, None
    for verb in before[-1].sent:
        if verb.lower_ not in TURN_VERBS:
            continue
        doers = [text.covering(offset + c.idx) for head in (verb, *verb.ancestors)
                 for c in head.children if c.dep_ in SUBJECTS]  # (a clause joined on may hold it)
        doer = next((d.character for d in doers if d is not None), None)
        for preposition in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "towards")):
            for target in (c for c in preposition.children if c.dep_ == "pobj"):
                hearer = text.covering(offset + target.idx)
                if hearer is not None and hearer.character != doer:
                    return doer, hearer
    return None, None


def _narration_before(text: _Text, quote: Quote) -> tuple[list, int]:
    """The narration of the line's paragraph before it, or else the narration paragraph just before,
    with the offset of the paragraph it comes from."""
    paragraph = quote.paragraph
    before = [t for t in text.narration(paragraph) if text.parsed.offsets[paragraph] + t.idx < quote.start]
    if not before and paragraph > 0 and paragraph - 1 not in text.quoted:
        paragraph -= 1
        before = text.narration(paragraph)
    return before, text.parsed.offsets[paragraph]


def _hearer(text: _Text, verb, offset: int) -> str | None:
    """The character who hears the line when the speech verb is what someone heard: ``Ann heard him
    murmur``, ``in time to hear it say``."""
    head = verb.head
    if head.i == verb.i or head.lower_ not in PERCEPTION_VERBS or verb.dep_ not in ("ccomp", "xcomp", "dobj") or (
        verb.i < head.i or any(t.lower_ in REFLEXIVES for t in head.subtree if t.i < verb.i)  # "heard himself say"
    ):
        return None
    return _said_by(text, head, offset, deps=("nsubj",))  # not "Ann was heard to say"


def _reports(text: _Text, verb, offset: int, that: bool = True) -> bool:
    """Whether the verb reports what was said in a that-clause of the narration (``told her that...``), or,
    with ``that=False``, in any clause with a subject of its own (``said he was sure Ann would come``)."""
    return any(c.dep_ == "ccomp" and c.i > verb.i and not text.in_quote(offset + c.idx) and any(
        m.dep_ == "mark" and m.lower_ == "that" if that else m.dep_ in SUBJECTS for m in c.children)
        for c in verb.children)


def _agent(verb):
    """Who does a passive speech verb: ``accosted by Ann``, ``was uttered by Ben``."""
    if verb.tag_ != "VBN" and not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return None
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def _title_dot(token) -> bool:
    """The full stop of a title the tokenizer split off (``Mlle`` ``.`` Odette): no sentence end."""
    return token.text == "." and token.i > 0 and token.nbor(-1).lower_ in ABBREVIATED_TITLES


def _runs_on(quote: Quote, following) -> bool:
    """Whether the sentence goes on past the quote: ``"Yes," pursued Anna``, ``"No!" cried he``."""
    end = quote.text.rstrip()[-1:]
    return end in OPEN_ENDS or end in "!?" and following.text[:1].islower()


def _owned_reply(text: _Text, turn: _Turn, zone: list, offset: int) -> bool:
    """``"..." was Nora's reply``: a speech noun owned by a character, right after the quote."""
    if not zone or zone[0].lower_ not in ("was", "came", "were") or turn.quote.kind == "embedded":
        return False
    nouns = [t for t in zone[:8] if t.lower_ in SPEECH_NOUNS]
    for noun in nouns:
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        mention = text.covering(offset + owner.idx) if owner is not None else None
        if mention is None:
            owner = next((t for t in zone[1:6] if t.i < noun.i and text.covering(offset + t.idx)), None)
            mention = text.covering(offset + owner.idx) if owner is not None else None
        if mention is not None and mention.character not in turn.vocatives:
            return _owned_by(turn, mention)
    return False


def _owned_lead(text: _Text, turn: _Turn, zone: list, offset: int) -> bool:
    """``Ida's reply was, "..."``: a speech noun owned by a character, ending the narration before."""
    words = [t for t in zone if not t.is_punct]
    while len(words) > 2 and words[-1].pos_ == "ADV" and words[-2].lower_ != "of":
        words.pop()  # "Ida's remark was, soon afterwards--"
    if turn.quote.kind == "embedded" or len(words) < 2 or words[-1].lower_ not in ("was", "were", "of"):
        return False  # "Ida's reply was", "her mother's shout of"
    noun = words[-2]
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    return noun.lower_ in SPEECH_NOUNS and _spoken_by(text, turn, owner, offset)


def _owned_voice(text: _Text, turn: _Turn, zone: list, offset: int) -> bool:
    """``Then came Ida's voice:``, ``then Ida's voice again--``, ``came a voice--Ida's--``: a voice
    whose owner the narration names just before the line, with no verb of speech."""
    words = [t for t in zone if not t.is_punct]
    while len(words) > 1 and words[-1].pos_ in ("ADV", "ADP") and words[-1].lower_ != "voice":
        words.pop()  # "again", "along"
    if turn.quote.kind == "embedded" or len(words) < 2:
        return False
    if words[-1].lower_ == "voice":
        return _spoken_by(text, turn, next((c for c in words[-1].children if c.dep_ == "poss"), None), offset)
    if words[-1].lower_ in POSSESSIVE and any(t.lower_ == "voice" for t in words[-6:-2]):
        return _spoken_by(text, turn, words[-2], offset)  # "a voice--Ida's--"
    return False


def _from_after(text: _Text, turn: _Turn, zone: list, offset: int) -> bool:
    """``an exclamation of "Hush!" from Tobin``, ``the kindest "Good morning!" from Ida``: the one the
    line came from, named right after it."""
    words = [t for t in zone if not t.is_space and not t.is_quote]
    if len(words) > 2 and words[0].lower_ in SOUNDING and words[1].lower_ == "from":
        words = words[1:]  # '"Help!" burst from Tobin'
    if turn.quote.kind == "embedded" or len(words) < 2 or words[0].lower_ != "from":
        return False
    owner = next((t for t in words[1:4] if text.covering(offset + t.idx)), None)
    return _spoken_by(text, turn, owner, offset)


def _voice_after(text: _Text, turn: _Turn, zone: list, offset: int) -> bool:
    """``"...," came Ida's voice``, ``"...," sounded the soft tones of Ida``: a voice that the words right
    after the line make sound, and whose it is."""
    words = [t for t in zone if not t.is_space and not t.is_quote]
    if turn.quote.kind == "embedded" or len(words) < 3 or words[0].lower_ not in SOUNDING:
        return False
    voice = next((t for t in words[1:5] if t.lower_ in VOICE_NOUNS), None)
    if voice is None:
        return False
    of = [o for c in voice.children if c.dep_ == "prep" and c.lower_ == "of"
          for o in c.children if o.dep_ == "pobj"]
    owner = next((c for c in voice.children if c.dep_ == "poss"), None) or next(iter(of), None)
    return _spoken_by(text, turn, owner, offset)


def _with_words(text: _Text, turn: _Turn, zone: list, offset: int) -> bool:
    """``Ida stood watching, with a "Well, well,"``: the line is said by whoever the ``with``
    belongs to, the subject of the verb it hangs from."""
    words = [t for t in zone if not t.is_punct]
    if turn.quote.kind == "embedded" or len(words) < 2 or words[-1].lower_ not in ("a", "an", "words"):
        return False
    preposition = words[-2] if words[-1].lower_ != "words" else next(
        (t for t in words[-4:-1] if t.lower_ == "with"), None)
    if preposition is None or preposition.lower_ != "with" or preposition.head.pos_ != "VERB":
        return False
    return _spoken_by(text, turn, _parsed_subject(text, preposition.head, offset), offset)


def _made_reply(text: _Text, turn: _Turn, zone: list, offset: int) -> bool:
    """``Ida listened, and made only this cautious reply:--``: the line is said by the subject of the
    verb whose object is the speech noun that ends the narration before it."""
    words = [t for t in zone if not t.is_punct]
    if turn.quote.kind == "embedded" or not words or not zone[-1].is_punct or (
            words[-1].lower_ not in SPEECH_NOUNS or words[-1].dep_ != "dobj" or words[-1].head.lower_ not in UTTERING):
        return False  # (not "Ida could just catch the words")
    return _spoken_by(text, turn, _parsed_subject(text, words[-1].head, offset), offset)


def _spoken_by(text: _Text, turn: _Turn, owner, offset: int) -> bool:
    """The line is said by the character the token ``owner`` mentions (a voice's, a reply's owner),
    unless there is none or the line calls them."""
    mention = text.covering(offset + owner.idx) if owner is not None else None
    if mention is None or mention.character in turn.vocatives:
        return False
    return _owned_by(turn, mention)


def _owned_by(turn: _Turn, mention: Mention) -> bool:
    """The speech noun's owner speaks: by name, or by a pronoun (``his reply``)."""
    turn.speaker = mention.character
    turn.cue = "anaphoric" if mention.kind == "pronoun" else "explicit"
    return True


def _told(text: _Text, verb, offset: int) -> str | None:
    """The character after ``to`` in a tag (``said to her sister``, ``turning to Ben``)."""
    for token in verb.doc[verb.i + 1 : verb.i + 8]:
        if token.lower_ == "to" and token.i + 1 < len(verb.doc):
            for target in verb.doc[token.i + 1 : token.i + 4]:
                mention = text.covering(offset + target.idx)
                if mention is not None:
                    return mention.character
            return None
        if token.is_punct and token.text not in (",",):
            return None
    return None


def _surface_subject(text: _Text, verb, offset: int, inverted_ok: bool):
    """The word order of a tag, trusted over the parse: ``Anna said``, ``said Anna``, ``she cried``."""
    doc = verb.doc
    k = verb.i - 1
    while k >= 0 and k >= verb.i - 3 and (doc[k].pos_ in ("ADV", "SPACE") or doc[k].lower_ in ("then", "now")):
        k -= 1  # (a line break counts for nothing: "Miss Pell\nreplied")
    if k >= 0 and _can_be_subject(text, doc[k], offset):
        return doc[k]
    if k >= 1 and doc[k].lower_ in POSSESSIVE and verb.lower_.endswith("ing") and _can_be_subject(
        text, doc[k - 1], offset
    ):
        return doc[k - 1]  # "Mrs. Pell's suddenly saying"
    before_aside = _before_aside(doc, k)
    if before_aside is not None and _can_be_subject(text, before_aside, offset):
        return before_aside  # "Anna, sharing the joke, called out"
    if inverted_ok and verb.tag_ not in ("VBG", "VB"):  # (not '"...," addressing Ann', "and ask her niece":
        # the one spoken to)
        particle = phrasal_particle(verb)
        k = verb.i + 1 if particle is None else particle.i + 1  # "put in Mrs. Pell"
        while k < len(doc) and k <= verb.i + 5 and (
            doc[k].pos_ in ("ADV", "SPACE") or doc[k].dep_ == "prt" or doc[k].lower_.rstrip(".") in TAG_SKIPS
            or _title_dot(doc[k]) or _before_a_name(doc, k)  # "cried the horrified Mrs. Pell"
        ):
            k += 1  # "said the Abbess", "called out Wilf", "said Mr. Pell" with the title cut off
        following = _word_after(doc, k)  # (over a line break: "interposed her\nmother")
        if k < len(doc) and _can_be_subject(text, doc[k], offset):
            noun = _word_after(doc, following) if following is not None else None
            owned = noun is not None and doc[following].lower_ in POSSESSIVE + ("s",) and doc[noun].lower_ in NOUN_GENDER
            return doc[noun] if owned else doc[k]  # "answered Ida's mamma": the mamma, not Ida
        person = following if following is not None and doc[k].pos_ == "DET" else k
        if person < len(doc) and doc[person].lower_ in NOUN_GENDER and doc[person].tag_ == "NN":
            return doc[person]  # "asked the son and heir", "said this lady": someone described
        if person + 1 < len(doc) and doc[person].lower_ == "voice" and doc[person + 1].lower_ == "of":
            return doc[person]  # "exclaimed the voice of old Mr. Pell"
        if k < len(doc) and doc[k].lower_ == "other" and doc[k - 1].lower_ == "the":
            return doc[k]  # "snapped the other": the one who did not speak last
        if following is not None and doc[k].dep_ == "poss" and doc[following].pos_ == "NOUN":
            return doc[following]  # "cried her mother": the mother, not the one whose mother she is
    return None


def _before_a_name(doc, k: int) -> bool:
    """Whether token ``k`` is an adjective between ``the`` (or the tag's verb) and a capitalised name
    (``the good-hearted Mrs.``, ``pleaded poor Ann``)."""
    j = k
    describing = ("ADJ", "ADV", "VBN", "HYPH")  # (a participle too: "good-hearted", "horrified")
    while j < len(doc) and j - k < 4 and (doc[j].pos_ in describing or doc[j].tag_ in describing):
        j += 1
    starts = doc[k - 1].lower_ == "the" or doc[k - 1].pos_ in describing + ("VERB",) or doc[k - 1].tag_ in describing
    return j > k and starts and j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].is_title


def _word_after(doc, k: int) -> int | None:
    """The index of the first token after ``k`` that is not a line break, if any."""
    k += 1
    while k < len(doc) and doc[k].is_space:
        k += 1
    return k if k < len(doc) else None


def _before_aside(doc, k: int):
    """The word before an aside set off by commas that ends at ``k`` (``, sharing the joke,``), when the
    aside opens with a participle, an adverb or a preposition."""
    if k < 0 or doc[k].text != ",":
        return None
    start = next((j for j in range(k - 1, max(-1, k - ASIDE_WORDS), -1) if doc[j].text == ","), None)
    if start is None or start < 1 or start + 1 == k:
        return None
    if any(t.is_sent_start or t.text in ".!?;:\"“”" for t in doc[start + 1 : k]):
        return None
    opening = doc[start + 1] if not doc[start + 1].is_space else doc[start + 2]
    if opening.tag_ in ("VBG", "VBN") or opening.pos_ in ("ADV", "ADP"):
        return doc[start - 1]
    return None


def _can_be_subject(text: _Text, token, offset: int) -> bool:
    """A name, an epithet or a subject pronoun (not ``her`` or ``him``)."""
    word = token.lower_.rstrip(".")  # "said I." can come as one token
    if word in FIRST_PERSON + GROUP_PRONOUNS or word in ("he", "she"):
        return True
    mention = text.covering(offset + token.idx)
    return mention is not None and mention.kind != "pronoun"


def _parsed_subject(text: _Text, verb, offset: int):
    """The subject the parser gives the verb (or its coordinated head); a name beside it at worst."""
    given = _given_the_chance(verb)
    if given is not None:
        return given  # "gave Ann time only to say": Ann
    subject, head = None, verb
    for _ in range(5):  # "She looked up and groaned", "Anna began to say", "was forced to add", "reached,
        # picked it up, held it out and said": a run of verbs coordinated one on the next
        subjects = [c for c in head.children if c.dep_ in SUBJECTS and not text.in_quote(offset + c.idx)
                    and not _after_preposition(c) and c.lower_ not in REFLEXIVES]  # "roused himself to say"
        before = [c for c in subjects if c.i < head.i]  # (children come in text order)
        subject = before[-1] if before else next(iter(subjects), None)  # "Ann, having told him, Ben made no
        # comment": the nearer of two
        if subject is not None and subject.lower_ == "who" and (named := _cleft_subject(text, head, offset)):
            subject = named  # "It was Ann who spoke", "Ann it was who answered"
        elif subject is not None and subject.lower_ == "who" and head.dep_ == "relcl":
            subject = head.head  # "Rosie, who, running to her, cried"
        elif subject is not None and subject.lower_ == "who":  # "Ann, who sat by him, and who remarked"
            earlier = [t for t in subject.sent if t.i < subject.i and t.dep_ == "relcl"
                       and any(c.lower_ == "who" and c.dep_ in SUBJECTS for c in t.children)]
            subject = earlier[-1].head if earlier else subject
        if subject is None:
            subject = _participle_subject(text, head, offset)
        if subject is not None or head.head.i == head.i:
            break
        if head.dep_ in ("relcl", "acl") and head.head.lower_ in CHANCES and head.head.dep_ == "dobj":
            head = head.head.head  # "Ann had time to look round and ask", "took the opportunity to add"
        elif head.dep_ == "pcomp" and head.head.dep_ == "prep":
            head = head.head.head  # "stirred her up by saying", "ended with saying"
        elif head.dep_ == "conj" and (name := _name_as_conjunct(text, head, offset)) is not None:
            subject = name  # "Ben begged her to stay; but Ann declined, and said": the conjunct "Ann"
            break
        elif head.dep_ == "conj" and (relative := _continued_relative(head)) is not None:
            subject = relative.head  # "turned to Ben, who took the letter, and then remarked": Ben
            break
        elif head.dep_ == "dep" and (nearer := _nearer_subject(text, head, offset)) is not None:
            subject = nearer  # "said Ben, whereupon Ann fired up and, making him her goal, exclaimed": Ann
            break
        elif head.dep_ == "conj" and (joined := _joined_by_and(head)) is not None:
            head = joined  # "Ann, who was listening, stepped forth and said": "and" ties "said" to "stepped"
        elif head.dep_ == "conj" and (sibling := _nearer_conjunct(head)) is not None:
            head = sibling  # "He handed her the box; and she glanced at him and said": her clause goes on
        elif head.dep_ in CLIMB or head.dep_ in ("advcl", "ccomp") and any(
                c.lower_ == "to" and c.dep_ == "aux" for c in head.children) or (
                head.dep_ == "dep" and head.pos_ == head.head.pos_ == "VERB") or (
                head.dep_ == "advmod" and head.pos_ == "ADV" and head.head.pos_ == "VERB"):
            head = head.head  # "took up the subject again, to say"; "Ann paused, then resumed"; "went so far
            # as to say"
        elif head.dep_ == "advcl" and (head.lower_.endswith("ing") or head.tag_ == "VBD") and not any(
                c.dep_ in ("mark", "aux") for c in head.children):
            head = head.head  # "Ann staggered across the floor shouting": a participle hung on her act,
            # or a second verb read as one ("Ann crossed to the door and, after a pause, announced")
            if head.dep_ == "ccomp" and head.head.lower_ in SPEECH_VERBS and head.head.i < head.i:
                head = head.head  # "Ann replied that all was ready, adding": not the subject of what she replied
        else:
            break
    if subject is None:  # "When Bea had gone, Ann, who had dozed, opened her eyes and said": "Ann" hung as an adverb
        subject = next((c for c in verb.sent if c.dep_ == "npadvmod" and c.tag_ == "NNP" and c.i < verb.i
                        and [t.lower_ for t in c.doc[c.i + 1 : c.i + 3]] == [",", "who"]
                        and text.character_at(c, offset)), None)
    if subject is None:  # "Ann jumped up;--and, startled, exclaimed": the first clause parsed as its object
        earlier = [c for c in head.children if c.dep_ in ("ccomp", "conj") and c.i < verb.i]
        subject = next((s for c in earlier for s in c.children if s.dep_ == "nsubj"
                        and text.character_at(s, offset)), None)
    if subject is None:  # "Anna spat back", mis-tagged
        beside = [t for t in (verb.nbor(-1) if verb.i else None, _next(verb)) if t is not None]
        subject = next((t for t in beside if t.dep_ not in ("poss", "dobj", "dative")  # not whom it is done to
                        and text.character_at(t, offset)), None)
    return subject


def _joined_by_and(verb):
    """The verb the "and" just before a conjunct verb hangs on, when the parser joined the conjunct
    itself to another, earlier verb; None otherwise."""
    k = verb.i - 1
    while k >= 0 and (verb.doc[k].is_space or verb.doc[k].dep_ == "advmod"):
        k -= 1
    cc = verb.doc[k] if k >= 0 else None
    if cc is None or cc.dep_ != "cc" or cc.head.i in (verb.i, verb.head.i) or cc.head.pos_ != "VERB":
        return None
    return cc.head if verb.head.i < cc.head.i < verb.i else None


def _nearer_conjunct(verb):
    """The last verb with a subject of its own that the parser hung, as ``verb`` is, on one earlier
    verb, between the two: "He handed her the box; and she glanced at him and said" goes on her clause."""
    return next((c for c in reversed(list(verb.head.children)) if c.dep_ == "conj" and c.i < verb.i
                 and any(s.dep_ in SUBJECTS for s in c.children)), None)


def _nearer_subject(text: _Text, verb, offset: int):
    """For a verb the parser hangs loose on an earlier one, the last character the narration makes the
    subject between the two, if any: that clause's run of verbs goes on in this one."""
    between = [t for t in verb.doc[verb.head.i + 1 : verb.i]
               if t.dep_ == "nsubj" and not text.in_quote(offset + t.idx)]
    last = between[-1] if between else None
    return last if last is not None and text.character_at(last, offset) else None


def _cleft_subject(text: _Text, verb, offset: int):
    """The character a cleft sentence puts first (``It was Ann who spoke``, ``Ann it was who answered``),
    when ``verb`` is its "who" clause: whatever the parser hangs the clause on, the name beside the
    "it was" is who acts."""
    copula = verb.head if verb.dep_ in ("relcl", "ccomp") and is_be(verb.head) else (
        verb.head.head if verb.dep_ == "relcl" and is_be(verb.head.head) else None)
    if copula is None or not any(c.dep_ == "nsubj" and c.lower_ == "it" for c in copula.children):
        return None
    named = [c for c in copula.children
             if c.i < verb.i and c.pos_ == "PROPN" and text.character_at(c, offset)]
    return named[-1] if named else None  # (the copula's own name: not Ann of "When Ann left, it was Ben who")


def _name_as_conjunct(text: _Text, verb, offset: int):
    """A character's name the parser joins to a verb as if it were one more verb, between ``verb`` and the
    verb it is a conjunct of: the subject of the clause it opens, which ``verb`` goes on."""
    between = verb.doc[verb.head.i + 1 : verb.i]
    names = [t for t in between if t.dep_ == "conj" and t.pos_ == "PROPN" and t.head.pos_ in ("VERB", "AUX")
             and text.character_at(t, offset)]
    if not names or any(t.dep_ in SUBJECTS and t.head.dep_ in ("conj", "ROOT")
                        for t in between if t.i > names[-1].i):
        return None  # (not when a later clause has a subject of its own)
    return names[-1]


def _given_the_chance(verb):
    """The one given time or a chance to speak (``gave Ann time to say``): the dative of the giving,
    when the speech verb hangs on it or on the time given."""
    for giving in list(verb.ancestors)[:5]:
        if giving.lower_ not in GIVING:
            continue
        chance = next((c for c in giving.children if c.dep_ == "dobj" and c.lower_ in CHANCES), None)
        if chance is None:
            continue
        given = next((c for c in giving.children if c.dep_ == "dative"), None) or next(
            (c for c in chance.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
        if given is None:  # ("give Ann time": the parser may make "Ann time" one noun, Ann its compound)
            continue
        hung = next(t for t in [verb, *verb.ancestors] if t.head.i == giving.i)  # the giving's branch it is on
        if hung.i == chance.i or hung.dep_ in ("advcl", "xcomp") and any(c.lower_ == "to" for c in hung.children):
            return given  # (not "would not give him time to reply, but called out": her act)
    return None


def _continued_relative(verb):
    """The relative clause a coordinated verb goes on from, when the parser hangs the verb on the main
    clause instead: in ``argued with Ben, who at last grew cross, and would only say`` Ben says it.

    Only a clause of one simple past event ("who took the letter") is taken to go on; one that sets
    a scene ("who was reading by the fire", "who had seen the world") leaves the main clause's subject.
    """
    main = verb.head
    clauses = [t for t in verb.doc[main.i + 1 : verb.i] if t.dep_ == "relcl" and t.head.i > main.i
               and t.head.dep_ not in SUBJECTS and t.right_edge.i < verb.i]
    if not clauses:
        return None
    clause = clauses[-1]
    own = any(c.dep_ in SUBJECTS and c.lower_ == "who" for c in clause.children)
    simple = clause.tag_ in ("VBD", "VBN") and not any(c.dep_ in ("aux", "auxpass") for c in clause.children)
    return clause if own and simple and not is_be(clause) else None


def _participle_subject(text: _Text, verb, offset: int):
    """``Mr. Grey, beaming across the table, was saying``: the parser gives the subject to the
    participle before the verb, which then has none."""
    bare = [c for c in verb.children if c.dep_ == "advcl" and c.i < verb.i and c.tag_ in ("VBG", "VBN")
            and not any(m.dep_ in ("mark", "aux", "auxpass") for m in c.children)]  # not "while he was coming"
    return next((s for c in bare for s in c.children if s.dep_ == "nsubj" and s.i < c.i
                 and not text.in_quote(offset + s.idx)), None)


def _own_phrase(subject) -> list:
    """The subject's words without the clauses and phrases hung on it: "all" in ``all the girls`` and
    ``Ann and Ben both``, not in ``Ann, who was all smiles`` nor in ``said Ann, with her eyes on him all
    this time`` (a common noun the parser sets beside her)."""
    words = [subject]
    for child in subject.children:
        if child.dep_ not in ("relcl", "acl", "advcl", "ccomp", "parataxis", "prep", "punct") and not (
                child.dep_ == "appos" and child.tag_ == "NN"):
            words += _own_phrase(child)
    return words


def _after_preposition(subject) -> bool:
    """A "subject" a preposition opens (``and with a smiling solemnity replied``): a misparse."""
    edge = subject.left_edge
    return edge.i > 0 and edge.nbor(-1).lower_ in ("with", "in", "of", "by", "from", "at", "on", "into", "upon")


def _take_subject(text: _Text, turn: _Turn, subject, offset: int, speech: bool = True) -> bool:
    """Record what the tag's subject says of the speaker; False when it names nobody we know."""
    if subject.lower_ in GROUP_PRONOUNS or any(t.lower_ in GROUP_WORDS and not text.in_quote(offset + t.idx)
                                               for t in _own_phrase(subject)):  # ("no business at all")
        turn.group, turn.cue = True, "group"
        return True
    mention = text.covering(offset + subject.idx)
    if mention is None and subject.lower_.rstrip(".") in FIRST_PERSON:
        turn.cue = "first-person"
        return True
    character = mention.character if mention else text.character_at(subject, offset)
    owner = next((c for c in subject.children if c.dep_ == "poss"), None)  # "Ann's voice", "her father"
    if owner is None and subject.lower_ == "voice":  # "exclaimed the voice of old Mr. Pell"
        owner = next((o for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"
                      for o in c.children if o.dep_ == "pobj"), None)
    owned = text.covering(offset + owner.idx) if owner is not None else None
    if character is None and subject.lower_ == "voice":  # "Ann's voice came", "her voice said": hers
        mention = owned
        character = owned.character if owned else None
    if character is None:  # "the obliging Mrs. Pell": a name inside the subject's phrase
        clauses = {t.i for c in subject.children if c.dep_ == "acl" for t in c.subtree}  # ("the boy, who was Ben")
        inner = (text.covering(offset + t.idx) for t in subject.subtree  # (not "his sister, indicating Ben")
                 if t.i - subject.i in range(-4, 5) and t.i not in clauses)
        character = next((m.character for m in inner if m is not None and m.kind != "pronoun"), None)
    common_noun = (subject.pos_ in ("NOUN", "PROPN") and subject.tag_ not in ("NNS", "NNPS") and subject.is_lower
                   or subject.lower_ == "other" and subject.i > 0 and subject.nbor(-1).lower_ == "the")  # "the other"
    if character is None and speech and common_noun:  # the tagger often calls "the son" a proper noun
        turn.described = NOUN_GENDER.get(subject.lower_, "")  # someone present, found by the conversation
        turn.unseen = subject.lower_ == "voice" and any(
            c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in subject.children)
        if owned is not None:  # "said her father": not the one whose father he is
            turn.named += (owned.character,)
        elif subject.lower_ in KIN_NOUNS and any(c.lower_ == "the" for c in subject.children):
            turn.named += _kin_owners(text, turn.quote.paragraph, subject.lower_)  # "asked the father"
        if subject.lower_ in RELATIVE_WORDS and owner is not None and owner.lower_ in PRONOUN_GENDER:
            turn.relation = (subject.lower_, PRONOUN_GENDER[owner.lower_])
            turn.relative_of = owned.character if owned is not None else None
        return True
    if speech and subject.lower_ in ("he", "she") and (character is None or character in turn.vocatives):
        turn.described = PRONOUN_GENDER[subject.lower_]  # a "she" no one (or the one called) was found for:
        turn.pronoun_tag = True
        return True  # another woman present
    named_self = mention is not None and (mention.kind == "name" or subject.lower_ in ("i", "you"))
    if character is None or character in turn.vocatives and not (  # ('"Ida," you tell him': her own name)
            named_self and _says_own_name(text, turn.quote, character)):
        return False
    turn.speaker = character
    turn.cue = "anaphoric" if mention is not None and mention.kind == "pronoun" else "explicit"
    if turn.quote.kind == "thought":
        turn.cue = "thought"
    return True


def _kin_owners(text: _Text, paragraph: int, word: str) -> tuple[str, ...]:
    """Those the narration just before a line called the owner of a relative (``his father``): "the
    father" who speaks next is not one of them."""
    owners = []
    for p in range(max(0, paragraph - KIN_REACH), paragraph + 1):
        doc, offset = text.parsed.docs[p], text.parsed.offsets[p]
        for token in doc:
            if token.lower_ == word and not text.in_quote(offset + token.idx):
                owner = next((c for c in token.children if c.dep_ == "poss"), None)
                mention = text.covering(offset + owner.idx) if owner is not None else None
                if mention is not None and mention.character:
                    owners.append(mention.character)
    return tuple(dict.fromkeys(owners))


def _says_own_name(text: _Text, quote: Quote, character: str) -> bool:
    """Whether a line is nothing but a name of the one its tag names, run on into the tag by a comma:
    ``"Ann," said Ann``, giving her name (not ``"Ann!" Ann came running``, a call)."""
    said = [m for m in _mentions_between(text, quote.start, quote.end) if m.kind == "name"]
    run_on = quote.text.rstrip(" \"'”’")[-1:] == ","
    return bool(said) and run_on and all(m.character == character for m in said) and (
        _letters(quote.text) == _letters("".join(m.text for m in said)))


def _letters(words: str) -> str:
    """The letters and digits of some words, in lower case: what is left of a line once its marks go."""
    return "".join(c for c in words.lower() if c.isalnum())


def _next(token):
    k = _word_after(token.doc, token.i)  # a line break is no word
    return token.doc[k] if k is not None else None


def _check_pronoun(text: _Text, turn: _Turn, before: list, offset: int) -> None:
    """``she said``: the character of that gender this paragraph's narration last made the subject of a
    main clause, or of any clause ahead of the main verb (the parser often mistakes "Ann patted Ben's
    hand" for a noun phrase): "Mrs. Grey sighed, and Ann turned to him. 'So you see,' she said" is Ann's."""
    gender = text.gender.get(turn.speaker)
    lead = _clause_lead(text, before, offset, gender, turn.vocatives)
    if lead is not None:
        turn.speaker = lead
        return
    for sentence in _sentences(before)[::-1]:
        for owner in (False, True):  # a subject before the owner of the main clause's noun ("Ben's hand")
            for token in sentence[::-1]:
                mention = text.covering(offset + token.idx)
                if mention is None or mention.kind == "pronoun" or not _acts(
                        token, main_only=token.i > token.sent.root.i, root_owner=owner):
                    continue  # (not "as if Ann had asked her": a subject of a clause after the main verb)
                # (the same sex, not one whose sex the text never tells: "Tapping Biscuit's head, she said")
                if text.gender.get(mention.character) == gender and mention.character not in turn.vocatives:
                    turn.speaker = mention.character
                    return
    reported = _reported_speaker(text, turn, gender) if turn.goes_on and not _sentences(before) else None
    if reported is not None:
        turn.speaker = reported
        return
    turn.by_salience = True


def _reported_speaker(text: _Text, turn: _Turn, gender: str | None) -> str | None:
    """``"...," she added`` opening a paragraph after narration whose last sentence has someone of that
    sex speak in reported speech ("Ida confessed to Nell that Tobin had asked her"): she goes on, though
    the other is as much in mind."""
    paragraph = turn.quote.paragraph
    if paragraph == 0 or paragraph - 1 in text.quoted:
        return None
    doc, offset = text.parsed.docs[paragraph - 1], text.parsed.offsets[paragraph - 1]
    for verb in doc[-1].sent if len(doc) else ():  # (the last sentence)
        if verb.pos_ != "VERB" or not (verb.lower_ in SPEECH_VERBS or _reports(text, verb, offset, that=False)):
            continue
        subject = _parsed_subject(text, verb, offset)
        mention = text.covering(offset + subject.idx) if subject is not None else None
        if mention is not None and mention.kind != "pronoun" and text.gender.get(mention.character) == gender:
            return mention.character
    return None


def _clause_lead(text: _Text, before: list, offset: int, gender: str | None, vocatives: tuple[str, ...]) -> str | None:
    """``when at last Ann did, she said``: the one named as the subject of a clause that leads into the
    tag's own verb, ahead of its "she" (not the subject of the sentence's first clause)."""
    pronoun = next((t for t in reversed(before) if t.lower_ in ("he", "she") and t.dep_ == "nsubj"
                    and t.head.lower_ in SPEECH_VERBS), None)
    if pronoun is None:
        return None
    for clause in (c for c in pronoun.head.children
                   if c.dep_ == "advcl" and c.i < pronoun.i and not text.in_quote(offset + c.idx)):
        for subject in (c for c in clause.children if c.dep_ in SUBJECTS):
            mention = text.covering(offset + subject.idx)
            if mention is not None and mention.kind != "pronoun" and text.gender.get(mention.character) == gender and (
                    mention.character not in vocatives):
                return mention.character
    return None


def _beat(text: _Text, turn: _Turn, before: list, after: list, offset: int) -> None:
    """The character who acts in the narration next to the quote: ``Anna smirked. "..."``."""
    leading = _sentences(before)[::-1]
    nearest = leading[0] if leading else None  # the sentence just before the quote
    cue = "thought" if turn.quote.kind == "thought" else "beat"
    speaking = _last_speaker(text, nearest, offset, exclude=turn.vocatives) if nearest is not None else None
    if speaking is not None:  # "...and as soon as they were gone Piers began." the one it makes speak
        turn.speaker, turn.cue = speaking, cue
        return
    sides = (_sentences(after), leading)
    for sentences in sides if not before else sides[::-1]:
        for sentence in sentences:
            opens = sentence is nearest and _opens_line(sentence)
            for main_only in (True, False):
                for token in sentence[::-1] if opens else sentence:
                    character = text.character_at(token, offset) if _acts(token, main_only) else None
                    if character and character not in turn.vocatives:
                        turn.speaker, turn.cue = character, cue
                        turn.pronoun_beat = token.lower_ in ("he", "she")
                        return


def _last_speaker(
    text: _Text, sentence: list, offset: int, exclude: tuple[str, ...] = (), own_paragraph: bool = False
) -> str | None:
    """The character a sentence last makes speak, if any: not one who only reports speech (``told her
    that``) or does not speak (``did not reply``). A narration paragraph of its own must make them speak
    in its main clause and with no object (``Piers began.``), for ``asked her if...`` tells an answer."""
    for token in sentence[::-1]:
        speech = token.lower_ in SPEECH_VERBS or phrasal_particle(token) is not None  # "and went on with his tale"
        if not speech or token.lower_ in THOUGHT_VERBS or text.in_quote(offset + token.idx):
            continue
        meanwhile = token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("while", "as") for c in token.children)
        if any(c.dep_ == "neg" for c in token.children) or _reports(text, token, offset) or own_paragraph and (
                token.dep_ not in ("ROOT", "conj") and not meanwhile  # ("he listened while she went on.")
                or any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in token.children)):
            continue
        character = _said_by(text, token, offset, deps=("nsubj",))
        if character is None and token.dep_ == "conj" and not any(c.dep_ in SUBJECTS for c in token.children):
            character = _said_by(text, token.head, offset, deps=("nsubj",))  # "Ben took the paper, and went on"
        if character and character not in exclude:
            return character
    return None


def _opens_line(sentence: list) -> bool:
    """Whether a sentence ends on a colon or dash that opens the line after it; then its speaker is the
    one nearest that colon: ``He left, and Anna said to herself:``."""
    ending = [t.text for t in sentence[-3:] if not t.is_space]
    return bool(ending) and (ending[-1] in (":", "--", "—") or ":" in ending[-2:])


def _sentences(tokens: list) -> list[list]:
    """Narration tokens grouped by the sentence they belong to, in text order."""
    groups: dict[int, list] = {}
    for token in tokens:
        groups.setdefault(token.sent.start, []).append(token)
    return list(groups.values())


def _acts(token, main_only: bool, root_owner: bool = False) -> bool:
    """Whether ``token`` is the subject (or the subject's owner) of a clause, the main one if asked."""
    if root_owner and token.dep_ == "poss" and token.head.dep_ == "ROOT":
        return True
    subject = token if token.dep_ in SUBJECTS else token.head if token.dep_ in ("poss", "appos") else None
    if subject is None or subject.dep_ not in SUBJECTS:
        return False
    if token.dep_ == "poss" and (subject.lower_ in NOUN_GENDER or subject.lower_ in KIN_TITLE or any(
            c.dep_ == "appos" for c in subject.children)):
        return False  # "His roommate Bram looked up": Bram acts, not the one whose roommate he is
    verb = subject.head
    return not main_only or verb.dep_ == "ROOT" or verb.dep_ == "conj" and verb.head.dep_ == "ROOT" or (
        verb.dep_ == "advcl" and verb.head.dep_ == "ROOT" and verb.i < verb.head.i  # "Ben, distressed at
        and (not any(c.dep_ in SUBJECTS for c in verb.head.children)  # this, determined to": Ben determined
             or _background(verb.head)))  # "When Ben came back, Ann was sitting there": Ben acts


def _background(verb) -> bool:
    """Whether a main verb only sets the scene: a past progressive ("was sitting", "were reading")."""
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in ("was", "were") for c in verb.children)


def _vocatives(text: _Text, doc, offset: int, quote: Quote, names: list[Mention]) -> tuple[str, ...]:
    """Characters named as the one spoken to, among the quote's ``names`` (those it does not give its
    speaker): a name set off at either end or by commas."""
    found = []
    for mention in names:
        before = ENDEARMENT.sub("", text.story.text[quote.start : mention.start].rstrip()).rstrip()  # "Oh, my dear Ann,"
        after = text.story.text[mention.end : quote.end].lstrip()
        span = doc.char_span(mention.start - offset, mention.end - offset, alignment_mode="expand")
        following = _next(span[-1]) if span is not None else None
        word_before = doc[span.start - 1] if span is not None and span.start > 0 else None
        led = word_before is not None and (  # "No Ann, I'm not" still calls her; "Poor Ann; ..." pities her
            word_before.pos_ in ("DET", "ADP", "CCONJ", "SCONJ") and word_before.lower_ != "no"
            or word_before.lower_ == "poor")
        opening = before == "" or before.endswith((",", "!", ".", "?")) or len(before.split()) <= 1 and not led
        # (not "A Mr. Grey," answering who someone is, nor "And Mr. Grey?" asking after him)
        closing = after == "" or after[:1] in ",.!?;" or before.endswith(",") and after[:1] in "-—–"
        # ("Oh, Ben--how you made me jump!" calls him; "Ben--has he gone?" speaks of him)
        bare = following is not None and following.pos_ in ("PRON", "INTJ") and len(before.split()) <= 2
        subject = span is not None and span.root.dep_ in SUBJECTS and span.root.head.tag_ != "VB" and not any(
            c.dep_ in SUBJECTS and c.i != span.root.i for c in span.root.head.children  # "Anna, come" calls
        ) and not (closing and after[:1] in "!?" and not quote.start <= offset + span.root.head.idx < quote.end)
        # ('"Oh, Ann!" cried Ida': the parser makes Ann the one who cried; the cry calls her)
        listed = span is not None and any(  # "Ann and Ben", not "Courage, Ann, courage"
            text.covering(offset + t.idx) or t.pos_ == "PROPN" and offset + t.idx != quote.start
            for t in [span.root.head] * (span.root.dep_ == "conj")
            + [c for c in span.root.children if c.dep_ == "conj"])
        if (opening and closing or bare) and not after.startswith(POSSESSIVE) and not subject and not listed:
            found.append(_family_member(text, mention, quote.start))  # not "Mrs. Pell, I believe, did a great deal"
    return tuple(dict.fromkeys(found))


def _family_member(text: _Text, mention: Mention, before: int) -> str:
    """Who a family name calls: ``"Mr. Grey!"`` said to the son while the father is away is the son, the
    one Grey of that gender on stage."""
    form = split_name(mention.text)
    if form is None or not form.title or len(form.words) != 1:
        return mention.character
    present = text.recent_characters(before)
    if mention.character in present:
        return mention.character
    family = [c for c in text.families.get(form.last, ()) if c != mention.character and c in present
              and text.gender.get(c) in (form.gender, None)]
    return family[0] if len(family) == 1 else mention.character


def _self_named(doc, offset: int, mention: Mention) -> bool:
    """``I, Anna Grey, ...``, ``I am Anna``, ``my name is Anna``, ``call me Anna``: the speaker naming herself."""
    span = doc.char_span(mention.start - offset, mention.end - offset, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ == "appos" and root.head.lower_ in ("i", "me"):
        return True
    if root.dep_ in ("oprd", "attr", "npadvmod") and root.head.lower_ in ("call", "calls", "called") and any(
            c.lower_ in ("me", "i") and c.dep_ in ("dobj", "nsubjpass") or c.lower_ == "being" and c.dep_ == "auxpass"
            for c in root.head.children):
        return True  # "you'll call me just plain Anna", "I am called Anna", "used to being called Miss Grey"
    if root.dep_ in ("attr", "acomp") and is_be(root.head):  # ("I'm Ida", with Ida read as an adjective)
        subject = next((c for c in root.head.children if c.dep_ == "nsubj"), None)
        return subject is not None and (subject.lower_ == "i" or subject.lower_ == "name" and any(
            c.lower_ == "my" for c in subject.children))
    return False


def _introduces(doc, offset: int, mention: Mention, quote: Quote) -> bool:
    """``I am Ida Grey``, ``my name is Ida``: the speaker saying who she is (not ``I am not Ida``, nor
    ``I am of your opinion, Ida`` or ``I, Ida, am``, where Ida is called)."""
    span = doc.char_span(mention.start - offset, mention.end - offset, alignment_mode="expand")
    verb = span.root.head
    main = verb.dep_ in ("ROOT", "conj") or verb.dep_ == "ccomp" and not (  # ('"I am Ida," she said')
        quote.start <= offset + verb.head.idx < quote.end)  # (not "to imagine I'm the Lady Ida")
    plain = not any(c.dep_ in ("neg", "aux") for c in verb.children) and all(
        t.lower_ == "the" for t in doc[verb.i + 1 : span.start])  # (not "I am not Ida", "I must be Ida")
    return span.root.dep_ in ("attr", "acomp") and verb.lower_ in PRESENT_BE and main and verb.i < span.start and plain


def _echoes(text: _Text, turns: list[_Turn]) -> None:
    """``"Mr. Grey!" repeated Ida`` after a line that spoke of him: the name echoed, not called, also
    when the line goes on (``"Dear Ann! who could have done less for her?"``); and ``"Mr. Grey," said
    Ida`` after ``"Who was that?"``: the name given as the answer; after ``"What's your name?"``, the
    answerer's own, which makes the line theirs."""
    for before, turn in pairwise(turns):
        if not turn.vocatives or before.quote.paragraph == turn.quote.paragraph:
            continue
        words = [m for m in _mentions_between(text, turn.quote.start, turn.quote.end) if m.kind == "name"]
        rest = text.story.text[turn.quote.start : turn.quote.end]
        for mention in words:
            rest = rest.replace(mention.text, "")
        echoed = set(before.named) | set(before.vocatives)
        asked = WHO_QUESTION.search(before.quote.text) is not None
        opening = bool(words) and len(text.story.text[turn.quote.start : words[0].start].split()) <= 2
        bare = not rest.strip(" ,.!?;:-—–'\"")
        if bare and len(words) == 1 and turn.speaker is None and YOUR_NAME.search(before.quote.text) and (
                words[0].character != before.speaker):  # '"What's your name?" / "Sam."': Sam's own name
            turn.speaker, turn.cue, turn.vocatives = words[0].character, "response", ()
        elif bare and (asked or set(turn.vocatives) <= echoed) or (
            opening and set(turn.vocatives) <= set(before.named)
        ):
            turn.named += turn.vocatives
            turn.vocatives = ()


def _mentions_between(text: _Text, start: int, end: int) -> list[Mention]:
    i = bisect.bisect_left(text.starts, start)
    j = bisect.bisect_left(text.starts, end)
    return list(text.all_mentions[i:j])


def _share_within_paragraph(text: _Text, turns: list[_Turn]) -> None:
    """Quotes of one paragraph share the speaker the paragraph names, as interrupted speech does."""
    known = [t for t in turns if t.speaker and t.quote.kind != "embedded"]
    if not known:
        described = next((t.described for t in turns if t.described is not None), None)
        for turn in turns:  # '"Yes," said the lady. "Do come in."': both lines are the lady's
            if described is not None and turn.quote.kind == "speech" and not turn.group and turn.cue is None:
                turn.described = described
        return
    for turn in turns:  # a line whose own tag describes its speaker ("he continued") keeps it
        if turn.speaker is None and not turn.group and turn.quote.kind != "embedded" and (
            turn.described is None or turn.quote.kind == "thought"
        ):
            apart = [k for k in known if not _abutting(text, k.quote, turn.quote)] or known
            nearest = min(apart, key=lambda k: abs(k.quote.start - turn.quote.start))
            if nearest.speaker not in turn.vocatives:
                cue = "thought" if turn.quote.kind == "thought" else nearest.cue
                turn.speaker, turn.cue = nearest.speaker, cue


def _abutting(text: _Text, one: Quote, other: Quote) -> bool:
    """Whether nothing but quotation marks and spaces parts two quotes: '"Ready?"  "Yes," said Ben'
    is two voices, one answering the other."""
    first, second = sorted((one, other), key=lambda q: q.start)
    return not text.story.text[first.end : second.start].strip(" \n\"“”'‘’")


def _follow_conversations(text: _Text, turns: list[_Turn], scenes: tuple[Scene, ...]) -> None:
    """Untagged lines by turn-taking; group lines; answers that name who spoke."""
    scene_starts = sorted(s.start for s in scenes)
    speech = [t for t in turns if t.quote.kind in ("speech", "written")]
    recent: list[str] = []
    last_scene = -1
    moved: dict[tuple[int, str | None], str] = {}
    for index, turn in enumerate(speech):
        scene = bisect.bisect_right(scene_starts, turn.quote.start)
        previous = speech[index - 1] if index else None
        resumed = scene != last_scene and previous is not None and (  # only a chapter heading between
            _narration_between(text, previous.quote, turn.quote) <= HEADING_WORDS)
        if scene != last_scene and not resumed:
            recent = []
        last_scene = scene
        same_paragraph = previous is not None and previous.quote.paragraph == turn.quote.paragraph
        if previous is not None and _narration_between(text, previous.quote, turn.quote) > LONG_NARRATION:
            recent = []  # a long stretch of narration: a new conversation starts
        if previous is not None and turn.speaker is None and not turn.group:
            if 2 <= turn.quote.paragraph - previous.quote.paragraph <= REACT_GAP:  # narration between
                following = speech[index + 1] if index + 1 < len(speech) else None
                _after_narration(text, turn, recent[-1] if recent else None, following)
        if turn.by_salience and previous is not None and not same_paragraph and previous.speaker and (
            _narration_between(text, previous.quote, turn.quote) <= CALL_WORDS
        ):
            was = turn.speaker
            if _answer_the_call(text, turn, _cut_line(text, speech, index)):
                moved[(turn.quote.paragraph, was)] = turn.speaker
            elif _pronoun_after(text, turn) and len(recent) >= 2 and recent[-1] == was != recent[-2] and (
                    text.gender.get(recent[-2]) == text.gender.get(was)
                    and _narration_between(text, previous.quote, turn.quote) == 0):
                turn.speaker = recent[-2]  # '"Ah, the court." She sighed.' after Ann spoke: not Ann again
                moved[(turn.quote.paragraph, was)] = turn.speaker
            elif (talker := _the_other_talker(text, turn, previous, recent)) is not None:
                _hand_on(text, turn, [talker], moved)
        if turn.answers and turn.cue == "anaphoric" and previous is not None and _answers_self(text, previous, turn):
            # '"...," Ann whispered. / "Worth it," she whispered back.': the one Ann spoke to, not Ann
            calls = [v for t in _cut_line(text, speech, index) for v in t.vocatives + ((t.told,) if t.told else ())]
            _hand_on(text, turn, calls + recent[::-1], moved)
        elif turn.pronoun_beat and previous is not None and not same_paragraph and _answers_own_question(
                text, previous, turn):
            _hand_on(text, turn, recent[::-1], moved)  # '"You?" Ben asked. / "Bad dreams." He sat down.': not Ben
        elif turn.pronoun_beat and previous is not None and not same_paragraph and previous.speaker and (
                previous.speaker == turn.speaker or turn.speaker not in recent and not _named_in(text, turn)) and (
                _narration_between(text, previous.quote, turn.quote) <= CALL_WORDS):
            # the beat's "she" made the caller answer herself, or one outside the talk whom this paragraph does
            # not name: '"Kate," Nora says. / "What?" She turns to her sister.' is Kate's
            was = turn.speaker
            if _answer_the_call(text, turn, _cut_line(text, speech, index)):
                moved[(turn.quote.paragraph, was)] = turn.speaker
            elif (talker := _the_other_talker(text, turn, previous, recent)) is not None:
                _hand_on(text, turn, [talker], moved)
        elif same_paragraph and (turn.quote.paragraph, turn.speaker) in moved:
            turn.speaker = moved[(turn.quote.paragraph, turn.speaker)]  # the rest of the answer
        if turn.group:
            turn.speakers = tuple(_participants(text, turn, recent)[:2])
        elif turn.speaker is None:
            told_on = resumed and not _asks(previous.quote)  # a tale runs on past its chapter heading
            if previous and (_continues(text, previous.quote, turn.quote) or told_on and previous.speaker):
                turn.speaker, turn.cue = previous.speaker, "continued"
            elif previous and (goer := _speaks_after(text, previous.quote, turn)) is not None:
                turn.speaker, turn.cue = goer, "beat"  # '"...," she said. She paused, and went on.' then her line
            elif same_paragraph and previous.speaker:
                turn.speaker, turn.cue = previous.speaker, previous.cue
            else:
                following = speech[index + 1] if index + 1 < len(speech) else None
                line = _cut_line(text, speech, index) if previous and not same_paragraph else []
                calls = next((part.vocatives for part in line[::-1]  # "Ann, Ann," he cried, "where are you?"
                              if part.speaker == previous.speaker and part.vocatives), ())
                _implicit(text, turn, None if same_paragraph else previous, following, recent, calls)
        if turn.speaker and turn.relation and turn.relative_of and turn.relative_of != turn.speaker:
            _learn_kin(text, turn.relative_of, turn.relation[0], turn.speaker)
        if turn.speaker and (not recent or recent[-1] != turn.speaker):
            recent.append(turn.speaker)
    _alternate_back(text, speech, scene_starts)
    _opening_line_answered(text, speech)
    _children_call_parents(text, speech)
    _addressees(text, speech)


def _the_other_talker(text: _Text, turn: _Turn, previous: _Turn, recent: list[str]) -> str | None:
    """For a line whose pronoun salience gave to one only spoken of (not in the talk, not made to act in the
    last few paragraphs: "A letter from Hugo lay on the mantel. / 'You are quiet,' he said."), the one
    other of that sex in the talk who did not speak last, else the only one of that sex in it (who goes
    on: "Hugo was to call later. / 'I would rather stay,' he replied."); None if there is no such one."""
    was = turn.speaker
    if was in recent or was in (text.narrator, text.reader) or _acted_lately(text, was, turn.quote.paragraph):
        return None
    talkers = [c for c in dict.fromkeys(recent)
               if text.gender.get(c) == text.gender.get(was) and c not in turn.vocatives]
    others = [c for c in talkers if c != previous.speaker]
    if len(others) == 1:
        return others[0]
    return talkers[0] if len(talkers) == 1 else None


def _learn_kin(text: _Text, owner: str, word: str, relative: str) -> None:
    """Remember what a tag told: after '"...," replied his son' went to Ben, the owner is Ben's father, so
    Ben's 'observed his father' later finds him. Only a relation one has one of: learning "her son" for
    later "her son" tags as well, PDNC dev lost 7 lines, one wrong guess spreading to every later one."""
    inverse = KIN_INVERSE.get(word)
    gender = text.gender.get(owner)
    if inverse and gender in ("m", "f"):
        text.kin.setdefault((relative, inverse[gender == "f"]), owner)


def _after_narration(text: _Text, turn: _Turn, last: str | None, following: _Turn | None) -> None:
    """An untagged line after a narration paragraph: who the narration last makes act, and whether
    that act was an answer, tells whether the one who spoke last goes on or the actor speaks."""
    if PHONE_GREETING.match(turn.quote.text) and (answerer := _phone_answerer(text, turn)) is not None and (
            answerer not in turn.vocatives):
        turn.speaker, turn.cue = answerer, "beat"  # "Sable nodded. Her phone buzzed..." "Hi. Yeah.": hers
        return
    reactor, answered, told = _reacting(text, turn.quote.paragraph - 1)
    turner, _ = _turning(text, turn.quote)
    if turner is not None and turner not in turn.vocatives and turner not in turn.named and (
            turn.described is None or text.gender.get(turner) in (turn.described, None)):
        turn.speaker, turn.cue = turner, "beat"  # "..., when Miss Pell turned to her again." Miss Pell speaks
        return
    if reactor and _nodded(text, turn.quote.paragraph - 1) and not ANSWER_OPENING.match(turn.quote.text):
        answered = True  # "Ben nodded." "My present?": the one who asked goes on
    answers = following is not None and following.speaker == reactor and following.cue in ANCHORS and (
        following.quote.paragraph == turn.quote.paragraph + 1)  # "Anna sighed." "...!" "Ben," Anna said
    last_goes_on = last is not None and last not in turn.vocatives and (  # and not "she asked" for a man
        turn.described is None or text.gender.get(last) in (turn.described, None))
    hearer = answered and told and told != reactor and told not in turn.vocatives and (
        turn.described is None or text.gender.get(told) in (turn.described, None))
    if not reactor:
        if last_goes_on and _unanswered(text, turn.quote.paragraph - 1):
            turn.speaker, turn.cue = last, "turn"  # "Ann!" / No answer. / "Ann!": the caller again
    elif hearer:
        turn.speaker, turn.cue = told, "turn"  # "Ben mentioned to Ann that he had been out." Ann answers
    elif reactor == last:
        if last_goes_on and not answered and turn.described is None:
            turn.speaker, turn.cue = last, "beat"  # "Ben paced the room." Ben goes on
    elif answered and last_goes_on:
        turn.speaker, turn.cue = last, "turn"  # "He made no answer." The one who spoke goes on
    elif reactor not in turn.vocatives and reactor not in turn.named and not answers and (
        turn.described is None or reactor != text.narrator and text.gender.get(reactor) in (turn.described, None)
    ):
        turn.speaker, turn.cue = reactor, "beat"  # "Anna smiled." then her line
    elif answers and last_goes_on and turn.described is None:
        turn.speaker, turn.cue = last, "turn"  # "Anna sat down." her line comes next: Ben goes on


def _pronoun_after(text: _Text, turn: _Turn) -> bool:
    """Whether a closed line is followed by a sentence opening on he or she: ``"Ah, the court." She sighed.``"""
    if turn.quote.text.rstrip(" \"'”’")[-1:] not in (".", "!", "?"):
        return False
    after = text.story.text[turn.quote.end : turn.quote.end + 8].lstrip(" \"'”’\n")
    return after.startswith(("He ", "She "))


def _named_in(text: _Text, turn: _Turn) -> bool:
    """Whether the narration of the line's paragraph names its speaker ("Ben came in. He sat down.")."""
    paragraph = text.story.paragraphs[turn.quote.paragraph]
    return any(m.character == turn.speaker and m.kind != "pronoun" and not text.in_quote(m.start)
               for m in _mentions_between(text, paragraph.start, paragraph.end))


def _hand_on(text: _Text, turn: _Turn, candidates: list[str], moved: dict[tuple[int, str | None], str]) -> None:
    """Give a line to the first of ``candidates`` of its speaker's gender who is neither its speaker nor
    called by it; ``moved`` records the change, so the rest of the line's paragraph follows."""
    gender = text.gender.get(turn.speaker)
    other = next((c for c in candidates if c != turn.speaker and text.gender.get(c) == gender
                  and c not in turn.vocatives), None)
    if other is not None:
        moved[(turn.quote.paragraph, turn.speaker)] = other
        turn.speaker = other


def _answers_self(text: _Text, previous: _Turn, turn: _Turn) -> bool:
    """Whether a line whose tag says it answers (``she replied``) went to the one who spoke the line it
    answers: the line just before, with no narration between, or (``she whispered back``) the last paragraph."""
    if previous.speaker != turn.speaker or previous.quote.paragraph == turn.quote.paragraph:
        return False
    adjacent = turn.quote.paragraph - previous.quote.paragraph == 1
    return turn.answers == "back" and adjacent or _narration_between(text, previous.quote, turn.quote) == 0


def _answers_own_question(text: _Text, previous: _Turn, turn: _Turn) -> bool:
    """Whether a line would answer the question its own speaker asked in the paragraph just before,
    with no narration between: a "she" in its beat who is the asker was found by salience, not read."""
    return previous.speaker == turn.speaker and _asks(previous.quote) and (
        _narration_between(text, previous.quote, turn.quote) == 0)


def _asks(quote: Quote) -> bool:
    """Whether the line ends on a question, which the next line answers."""
    return quote.text.rstrip(" \"'”’").endswith("?")


def _cut_line(text: _Text, speech: list[_Turn], end: int) -> list[_Turn]:
    """The last line of ``speech[:end]`` with the parts a tag cut it into: ``"Mrs. Grey," he said, "what
    if..."``."""
    line = [speech[end - 1]]
    for before in speech[max(0, end - 4) : end - 1][::-1]:
        if before.quote.paragraph != line[0].quote.paragraph or (
                _narration_between(text, before.quote, line[0].quote) > UTTERANCE_TAG_WORDS):
            break
        line.insert(0, before)
    return line


def _answer_the_call(text: _Text, turn: _Turn, line: list[_Turn]) -> bool:
    """``"...Mr. Grey!"`` then ``"Indeed," he replied``: the pronoun is the one just called, if the gender fits.
    ``line`` is the paragraph before, whose every part may call (``"Mrs. Grey," he said, "what if..."``)."""
    if turn.speaker in (text.narrator, text.reader):  # "I replied", "you whisper": no guess
        return False
    gender = text.gender.get(turn.speaker)
    previous = line[-1]
    calls = [v for t in line if t.speaker == previous.speaker for v in t.vocatives + ((t.told,) if t.told else ())]
    called = [v for v in dict.fromkeys(calls)
              if v != previous.speaker and v not in turn.vocatives and v != turn.told
              and text.gender.get(v) == gender and v not in (text.narrator, text.reader)]  # ("he", not "I")
    if called and turn.speaker not in called:
        turn.speaker = called[0]
        return True
    return False


def _linked(text: _Text, a: _Turn, b: _Turn, scene_starts: list[int]) -> bool:
    """Whether two speech turns are consecutive lines of one exchange."""
    return (
        b.quote.paragraph > a.quote.paragraph
        and _narration_between(text, a.quote, b.quote) <= LINK_WORDS
        and bisect.bisect_right(scene_starts, a.quote.start) == bisect.bisect_right(scene_starts, b.quote.start)
    )


def _alternate_back(text: _Text, speech: list[_Turn], scene_starts: list[int]) -> None:
    """Untagged lines nearer the next tagged line than the last one alternate back from it."""
    runs, run = [], [0] if speech else []
    for k in range(1, len(speech)):
        if _linked(text, speech[k - 1], speech[k], scene_starts):
            run.append(k)
        else:
            runs.append(run)
            run = [k]
    runs.append(run)
    for run in runs:
        anchors = [i for i, k in enumerate(run) if speech[k].cue in ANCHORS and speech[k].speaker]
        for i, k in enumerate(run):
            turn = speech[k]
            if turn.cue not in GUESSES:
                continue
            after = next((a for a in anchors if a > i), None)
            before = next((a for a in reversed(anchors) if a < i), None)
            if after is None or (before is not None and i - before <= after - i):
                continue
            anchor = speech[run[after]].speaker
            called = [v for v in speech[run[after]].vocatives if v != anchor]
            if (after - i) % 2 == 0:
                guess = anchor
            elif after - i == 1 and i == 0 and called:
                guess = called[0]  # after narration, "Corin, I never..." answers the line before: Corin's
            else:
                partner = [speech[run[j]].speaker for j in range(after - 1, -1, -1)
                           if speech[run[j]].speaker and speech[run[j]].speaker != anchor]
                guess = partner[0] if partner else None
            if guess and guess not in turn.vocatives and guess not in turn.named:
                turn.speaker = guess
        _break_between(speech, run, anchors)


def _opening_line_answered(text: _Text, speech: list[_Turn]) -> None:
    """A talk's first line, given by salience to the one whose tagged line answers it after a paragraph
    of narration ('"Hey. You're new." / It's a woman in scrubs... / "Started Monday," I say.'), is the
    next other one who speaks: no one answers herself."""
    for index, turn in enumerate(speech[:-1]):
        answer = speech[index + 1]
        if turn.cue != "salience" or answer.cue not in ("explicit", "anaphoric") or answer.speaker != turn.speaker:
            continue
        if answer.quote.paragraph - turn.quote.paragraph != 2 or answer.goes_on:
            continue  # (one paragraph of narration between, and not "she went on")
        other = next((t.speaker for t in speech[index + 2 : index + 2 + OPENING_REACH]
                      if t.speaker and t.speaker != turn.speaker and t.cue in ANCHORS), None)
        if other is not None and other not in turn.vocatives:
            turn.speaker, turn.cue = other, "turn"


def _break_between(speech: list[_Turn], run: list[int], anchors: list[int]) -> None:
    """Guessed lines between two anchors that strict alternation cannot join (``Ida`` ... four lines ...
    ``Ben``: someone spoke twice, or a third joined): alternation runs forward from the first anchor and
    back from the second, and switches where the lines' calls fit best, nearest the middle on a tie.
    (Against switching at the middle always: PDNC dev 19 lines gained, 9 lost.)"""
    for a, b in pairwise(anchors):
        if b - a < 2 or any(speech[run[i]].cue not in GUESSES for i in range(a + 1, b)):
            continue
        first, last = speech[run[a]].speaker, speech[run[b]].speaker
        if (first == last) == ((b - a) % 2 == 0):
            continue  # strict alternation fits both ends
        before = [speech[run[j]].speaker for j in range(a - 1, -1, -1)
                  if speech[run[j]].speaker not in (None, first)]
        forward = (first, before[0] if before else speech[run[a + 1]].speaker)
        partner = speech[run[b - 1]].speaker
        backward = (last, partner if partner != last else first if first != last else forward[1])
        options = [[forward[(i - a) % 2] if i <= k else backward[(b - i) % 2] for i in range(a + 1, b)]
                   for k in range(a, b)]  # the voices with the switch after line k
        middle = (b - a - 1) / 2
        best = min(range(len(options)), key=lambda k: (_misfits(speech, run[a:b], options[k]), abs(k - middle)))
        for i, who in zip(range(a + 1, b), options[best]):
            turn = speech[run[i]]
            if who and who not in turn.vocatives and who not in turn.named:
                turn.speaker = who


def _misfits(speech: list[_Turn], lines: list[int], voices: list[str | None]) -> int:
    """How badly voices fit the lines after the first of ``lines``: a line given to one it calls or speaks of
    counts against, a line given to the one the line before called counts for."""
    count = 0
    for before, index, who in zip(lines, lines[1:], voices):
        turn = speech[index]
        count += (who is None or who in turn.vocatives or who in turn.named) - (who in speech[before].vocatives)
    return count


def _children_call_parents(text: _Text, speech: list[_Turn]) -> None:
    """A guessed line that calls "papa" is his child's: when the father it calls is the one beside it in
    the talk (the line before or after) and one character is his child by the family name, the line is
    that child's, not the father's own nor a guest's."""
    for index, turn in enumerate(speech):
        if not turn.kin or turn.cue not in GUESSES + ("beat", "response", "continued"):
            continue
        gender = "f" if turn.kin in MOTHER_WORDS else "m"
        beside = [speech[k].speaker for k in (index - 1, index + 1) if 0 <= k < len(speech)]
        parents = [p for p in dict.fromkeys(beside) if p and text.gender.get(p) == gender]
        children = {c for c in text.talkers for p in parents if text.kin.get((c, turn.kin)) == p}
        if len(children) == 1 and turn.speaker not in children:
            child = children.pop()
            if child not in turn.vocatives:
                turn.speaker = child


def _narration_between(text: _Text, previous: Quote, quote: Quote) -> int:
    """Words of narration between two quotes."""
    return len(text.story.text[previous.end + 1 : max(previous.end + 1, quote.start - 1)].split())


def _continues(text: _Text, previous: Quote, quote: Quote) -> bool:
    """A speech running on into the next paragraph: no closing mark before the paragraph ends."""
    paragraph = text.story.paragraphs[previous.paragraph]
    return quote.paragraph == previous.paragraph + 1 and previous.end >= paragraph.end


def _speaks_after(text: _Text, previous: Quote, turn: _Turn) -> str | None:
    """The one the narration closing the paragraph before a line makes speak, after that paragraph's
    last quote (``She paused, and then went on.``): the line is what they say."""
    if turn.quote.paragraph != previous.paragraph + 1:
        return None
    doc, offset = text.parsed.docs[previous.paragraph], text.parsed.offsets[previous.paragraph]
    closing = [t for t in doc[-1].sent if not t.is_space] if len(doc) else []
    if not closing or offset + closing[0].idx < previous.end or not closing[0].text[:1].isupper():
        return None  # ('"Why not?" she began.': the line's own tag, not a sentence after it)
    if not any(t.lower_ in ONSET_VERBS or tells_going_on(t) for t in closing):
        return None  # only going on says more is to come ('"Will it rain?" Ben asked, after a pause.' tags its line)
    speaker = _last_speaker(text, closing, offset, exclude=turn.vocatives, own_paragraph=True)
    return speaker if speaker is not None and not _tells_answer(text, closing, speaker, offset) else None


def _nodded(text: _Text, paragraph: int) -> bool:
    """A short narration paragraph whose main verb is a nod or a shake of the head (``Ben nodded.``,
    ``Ben shook his head slowly.``). (The shake: PDNC dev 3 gained, 1 lost.)"""
    doc = text.parsed.docs[paragraph]
    return len(doc) <= NOD_TOKENS and any(t.dep_ == "ROOT" and (t.lower_ in ("nodded", "nods") or t.lower_ in (
        "shook", "shakes") and any(c.lower_ == "head" for c in t.children)) for t in doc)


def _reacting(text: _Text, paragraph: int) -> tuple[str | None, bool, str | None]:
    """The character a narration paragraph (up to ``REACT_TOKENS`` long) last makes act, if it names
    one; and whether that act was an answer told in the narration or none at all (``He made no answer``,
    ``Anna assured her that...``), after which the other one speaks on; and whom that told answer was
    told to (``Ben mentioned to Ann that...``), who answers it."""
    doc, offset = text.parsed.docs[paragraph], text.parsed.offsets[paragraph]
    if len(doc) > REACT_TOKENS:
        return None, False, None
    sentences = list(doc.sents)[::-1]
    speaker = _last_speaker(text, list(sentences[0]), offset, own_paragraph=True) if sentences else None
    if speaker is not None and not any(t.lower_ in TOLD_ACTS and t.dep_ == "ROOT" for t in sentences[0]) and not (
            _tells_answer(text, sentences[0], speaker, offset)):
        return speaker, False, None  # ("Ann assented." is an answer told, not Ann starting to speak)
    for sentence in sentences:
        for token in reversed(sentence) if _opens_line(list(sentence)) else sentence:
            if token.dep_ == "poss" and text.covering(offset + token.head.idx):
                continue  # "her father began": the father acts, not she
            if _acts(token, main_only=True):
                mention = text.covering(offset + token.idx)
                if mention and not text.in_quote(mention.start):
                    answered = _answered_in_narration(text, token, mention.character, sentence, offset)
                    verb = _verb_of(token)
                    told = _told(text, verb, offset) if answered and verb.lower_ in SPEECH_VERBS else None
                    return mention.character, answered, told
    return None, False, None


def _no_answer(token) -> bool:
    """``answer`` in ``no answer``, ``reply`` in ``made no reply``."""
    return token.lower_ in NO_ANSWER and any(c.lower_ == "no" for c in token.children)


def _unanswered(text: _Text, paragraph: int) -> bool:
    """A short narration paragraph saying no answer came: ``No answer.``, ``There was no reply.``; or a
    pause no one in it fills (``Another pause, longer this time.``: the voice on the phone talks)."""
    doc, offset = text.parsed.docs[paragraph], text.parsed.offsets[paragraph]
    paused = any(t.lower_ in ("pause", "silence") for t in doc) and not any(text.covering(offset + t.idx) for t in doc)
    return len(doc) <= REPLY_TOKENS and (paused or any(_no_answer(t) for t in doc))


def _said_by(text: _Text, verb, offset: int, deps: tuple[str, ...] = SUBJECTS) -> str | None:
    """The character the subject of a narration verb is."""
    subject = next((c for c in verb.children if c.dep_ in deps), None)
    mention = text.covering(offset + subject.idx) if subject is not None else None
    return mention.character if mention else None


def _verb_of(subject):
    """The verb an acting token (a subject, or a subject's owner) is the subject of."""
    return subject.head if subject.dep_ in SUBJECTS else subject.head.head


def _answered_in_narration(text: _Text, subject, actor: str, sentence, offset: int) -> bool:
    """``He made no answer``, ``she did not reply``, ``Ben replied that he did``, ``Ben smiled, as he
    told her that he did``: the actor's answer told by the narration (not ``began to declare that``)."""
    verb = _verb_of(subject)
    if verb.lower_ in SPEECH_VERBS and any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children):
        return True  # reported speech
    if verb.lower_ in TOLD_ACTS:
        return True  # "He expressed his regret.", "Ann assented."
    negated = any(c.dep_ == "neg" for c in verb.children)
    if any(_no_answer(c) for c in verb.children) or negated and verb.lower_ in SPEECH_VERBS:
        return True
    if any((c.dep_ == "acomp" and c.lower_ in SILENCE) or (c.dep_ == "dobj" and c.lower_ == "nothing"
           and verb.lower_ in SPEECH_VERBS) for c in verb.children):
        return True  # "He was silent.", "she said nothing": no answer, so the one who spoke goes on
    if verb.lower_ in ("made", "makes", "gave", "gives") and any(
            t.lower_ in ("reply", "answer") and verb in (t.head, t.head.head) for t in verb.subtree):
        return True  # "Ann made as slight a reply as she could"
    return _tells_answer(text, sentence, actor, offset)


def _tells_answer(text: _Text, sentence, actor: str, offset: int) -> bool:
    """Whether the sentence tells in a clause what the actor said: ``Ben laughed and suggested that...``,
    ``listened, and said he was sure...``."""
    return any(t.lower_ in SPEECH_VERBS and t.dep_ != "xcomp" and _reports(text, t, offset, that=False)
               and _said_by(text, t.head if t.dep_ == "conj" and not any(
                   c.dep_ in SUBJECTS for c in t.children) else t, offset) == actor for t in sentence)


def _implicit(
    text: _Text, turn: _Turn, previous: _Turn | None, following: _Turn | None, recent: list[str],
    calls: tuple[str, ...] = (),
) -> None:
    """No tag, or one naming nobody: a name the last line called (``calls``: the vocatives of the
    last line's part nearest this one that has any), the next answer's vocative, alternation, salience;
    for ``said the stranger``, the same among those of the stranger's gender."""
    def fits(character: str) -> bool:
        return not turn.described or text.gender.get(character) == turn.described

    described = turn.described is not None
    parent = text.kin.get((previous.speaker, previous.kin)) if previous and previous.kin else None
    if previous and previous.speaker and (calls or previous.told or parent):
        called = tuple(v for v in calls if v in text.talkers)  # not "Rest well, Nora" at a grave
        called += (previous.told,) if previous.told else ()
        called += (parent,) if parent and not calls else ()  # "No, papa": her father answers
        named = [v for v in called if v != previous.speaker and v not in turn.vocatives and fits(v)]
        if named:
            turn.speaker, turn.cue = named[0], "anaphoric" if described else "response"
            return
    if turn.unseen:
        shown = _shown_after(text, turn)
        if shown is not None and shown not in turn.vocatives:
            turn.speaker, turn.cue = shown, "anaphoric"
            return
    if following and following.speaker and following.vocatives and not described and (
        _narration_between(text, turn.quote, following.quote) == 0  # the reply, not one after narration
    ):
        on_stage = text.recent_characters(turn.quote.start)
        named = [v for v in following.vocatives if v != following.speaker and v not in turn.vocatives]
        if named and named[0] not in on_stage:  # the voice on the phone, named by the reply
            turn.speaker, turn.cue = named[0], "response"
            return
    answerer = _phone_answerer(text, turn) if not recent else None
    if answerer is not None and answerer not in turn.vocatives and fits(answerer):
        turn.speaker, turn.cue = answerer, "beat"  # "Kate's phone buzzed." "Hi, Mom."
        return
    present = _participants(text, turn, recent)
    if turn.relation:
        word, gender = turn.relation
        owners = [c for c in present if text.gender.get(c) in (gender, None)]
        relatives = [text.kin.get((c, word)) for c in owners]  # the mother of each woman present
        relatives = [c for c in dict.fromkeys(relatives) if c in text.talkers and c not in turn.vocatives]
        if relatives:
            turn.speaker, turn.cue = relatives[0], "anaphoric"
            return
    last = recent[-1] if recent else None
    excluded = set(turn.vocatives) | set(turn.named) | ({text.narrator} if described else set())
    if turn.pronoun_tag:  # "Ann was astonished to find the girl taller. 'Why, Ida!' she said": not Ida, Ann
        named = text.last_named(turn.quote.start, turn.described, excluded, ("name", "relation", "epithet"))
        if named:
            turn.speaker, turn.cue = named, "anaphoric"
            return
    if len(recent) >= 2 and recent[-2] not in excluded and recent[-2] != last and fits(recent[-2]):
        turn.speaker, turn.cue = recent[-2], "anaphoric" if described else "turn"
        return
    called = _called_by_answer(text, turn, following, excluded, None, 0) if not recent and not described else None
    if called is not None:  # a talk's first line: '"We could have brought sandwiches." / "You ate both
        turn.speaker, turn.cue = called, "turn"  # sandwiches, Hugo."': Hugo's, the one the answer calls
        return
    for candidate in present:
        silent = candidate not in text.talkers and candidate not in recent and last is not None and (
            last not in excluded and not _acted_lately(text, candidate, turn.quote.paragraph))
        if candidate != last and candidate not in excluded and fits(candidate) and not silent:
            turn.speaker, turn.cue = candidate, "anaphoric" if described else "turn" if last else "salience"
            return
    room = _own_tag_words(text, turn) if described else 0  # ("Say please," said his sister. / "Please, Kate")
    called = _called_by_answer(text, turn, following, excluded | {c for c in text.gender if not fits(c)}, last,
                               room) if last else None
    if called is not None:  # no one else here yet: '"You're late," said Ann. / "The train was--" / "The train
        turn.speaker, turn.cue = called, "anaphoric" if described else "turn"  # is always late, Ida."': Ida's
        return
    if not described and last and last not in excluded and set(recent) - {last} <= set(turn.vocatives):
        turn.speaker, turn.cue = last, "turn"  # "Ben poured the tea." "Thank you, Ben": no one else is
        return  # there but the one called, so the last speaker goes on
    if described:  # nobody else fits: the one who spoke last goes on, or whoever is there
        fallback = [c for c in present if c not in excluded]
        if not any(fits(c) or text.gender.get(c) is None for c in fallback):  # "she said", no woman near:
            named = text.last_named(turn.quote.start, turn.described, excluded)  # the last one named
            fallback = [named] + fallback if named else fallback
        if turn.described:  # never one of the other sex: "'Wake up, Ben,' she said" with no woman named
            fallback = [c for c in fallback if fits(c) or text.gender.get(c) is None]  # is no one's yet
        if fallback:
            unknown = [c for c in fallback if text.gender.get(c) is None and c != last]  # gender never told
            turn.speaker, turn.cue = next((c for c in fallback if fits(c)), (unknown or fallback)[0]), "anaphoric"


def _called_by_answer(text: _Text, turn: _Turn, following: _Turn | None, excluded: set[str], last: str | None,
                      room: int) -> str | None:
    """The one on the page the next line calls, when it answers this one with at most ``room`` words of
    narration between: who this line was said by (not ``last``, nor one ``excluded``)."""
    if following is None or not following.vocatives or _narration_between(text, turn.quote, following.quote) > room:
        return None
    return next((v for v in following.vocatives if v != last and v not in excluded and v in text.on_page), None)


def _own_tag_words(text: _Text, turn: _Turn) -> int:
    """Words of the paragraph's narration after a line, when they are all its tag: ``said his sister.``"""
    paragraph = text.story.paragraphs[turn.quote.paragraph]
    after = text.story.text[turn.quote.end : paragraph.end].strip(" \"'”’\n")
    return len(after.split()) if after.count(".") <= 1 and len(after.split()) <= ASIDE_WORDS else 0


def _shown_after(text: _Text, turn: _Turn) -> str | None:
    """The character the narration right after a line shows as the object of a look or a place
    (``turning, Ida saw Ann at her elbow``; ``she was walking by Ann``), if any."""
    doc, offset = text.parsed.docs[turn.quote.paragraph], text.parsed.offsets[turn.quote.paragraph]
    for token in doc:
        if offset + token.idx < turn.quote.end or token.is_quote or token.is_space:
            continue
        if text.in_quote(offset + token.idx):
            break  # the next line: its narration tells of it, not of this one
        mention = text.covering(offset + token.idx)
        shown = token.dep_ == "attr" or token.dep_ == "dobj" and token.head.lower_ in SEEING or (
            token.dep_ == "pobj" and token.head.lower_ in ("by", "beside"))
        if mention is not None and mention.kind != "pronoun" and shown:
            return mention.character
    return None


def _acted_lately(text: _Text, character: str, paragraph: int, back: int = 3) -> bool:
    """Whether the narration of the last few paragraphs makes the character the subject of a verb, acting
    on the page (not "Hugo was to call later", nor what someone thinks Hugo did)."""
    for earlier in range(max(0, paragraph - back), paragraph):
        offset = text.parsed.offsets[earlier]
        for token in text.narration(earlier):
            mention = text.covering(offset + token.idx) if token.dep_ in SUBJECTS else None
            if mention is not None and mention.character == character and not off_the_page(token.head):
                return True
    return False


def _phone_answerer(text: _Text, turn: _Turn) -> str | None:
    """Whose phone rang, or who picked it up, in the narration just before a first line: the one who
    speaks first (``Kate's phone buzzed on the table. Kate glanced at the screen.`` "Hi, Mom.")."""
    before, offset = _narration_before(text, turn.quote)
    for token in reversed(before):
        if token.lower_ not in PHONE_WORDS:
            continue
        holders = [c for c in token.children if c.dep_ == "poss"]  # "Kate's phone buzzed"
        if not holders and token.dep_ == "dobj":
            verb = token.head
            holders = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i != token.i] + [
                o for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for o in c.children
                if o.dep_ == "pobj"]  # "Ann handed Ben the phone", "handed the phone to Ben": Ben
            if not holders and verb.lower_ in PICKING_UP:
                holders = [c for c in verb.children if c.dep_ in SUBJECTS]  # "Kate picked up the phone"
        mention = next((m for m in (text.covering(offset + h.idx) for h in holders) if m is not None), None)
        if mention is not None:
            return mention.character
    return None


def _participants(text: _Text, turn: _Turn, recent: list[str]) -> list[str]:
    """Who is in the conversation: the last speakers, then the characters last seen on stage."""
    people = list(dict.fromkeys(reversed(recent)))
    seen = [c for c in text.recent_characters(turn.quote.start) if c not in people]
    return people + [c for c in seen if c in text.talkers] + [c for c in seen if c not in text.talkers]


def _addressees(text: _Text, speech: list[_Turn]) -> None:
    """The vocative (or the parent a kin word calls) if there is one, else the last other speaker, else the next one."""
    for index, turn in enumerate(speech):
        speaker = turn.speaker
        if turn.group:
            continue
        parent = text.kin.get((speaker, turn.kin)) if turn.kin else None
        called = tuple(dict.fromkeys(v for v in turn.vocatives + (turn.told, parent) if v and v != speaker))
        if called:
            turn.quote = replace(turn.quote, addressees=called)
            continue
        for step in (-1, -2, -3, 1, 2):
            k = index + step
            if 0 <= k < len(speech) and speech[k].speaker and speech[k].speaker != speaker:
                turn.quote = replace(turn.quote, addressees=(speech[k].speaker,))
                break


def _finish(turn: _Turn) -> Quote:
    cue = turn.cue if (turn.speaker or turn.speakers) else None
    speaker = turn.speaker if not turn.speakers else None
    return replace(
        turn.quote,
        speaker=speaker,
        speakers=turn.speakers,
        cue=cue,
        confidence=CONFIDENCE.get(cue or "", 0.0),
    )
