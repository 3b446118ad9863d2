"""Third-person pronouns in narration resolved to characters, by salience."""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Sequence

from fabula.stages._verbs import MIND_VERBS, inverted_subject, is_be

PRONOUN_GENDER = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}
NOUN_GENDER = {
    **dict.fromkeys("man gentleman boy father son brother husband uncle nephew lad fellow king prince lord "
                    "master sir youth grandfather papa monsieur signor waiter butler footman landlord".split(), "m"),
    **dict.fromkeys("woman lady girl mother daughter sister wife aunt niece maid queen princess mistress "
                    "hostess widow grandmother mamma madame signorina landlady housemaid governess".split(), "f"),
}
"""The gender a person noun carries (``the old man``, ``the hostess``)."""
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "iobj", "obj"})
MAIN_SUBJECT, OTHER_SUBJECT = 4.0, 2.0
"""Salience a subject mention adds (of the main clause, of another); any other mention adds 1."""
OWN_PARTS = frozenset({
    "face", "eyes", "eye", "voice", "expression", "hand", "hands", "lips", "mouth", "cheeks", "heart", "mind",
    "head", "smile", "gaze", "look", "tone", "features", "brow", "fingers", "arms", "shoulders", "tears",
})
"""What a person does things with: a sentence whose subject is ``Ann's face`` is about Ann."""
ABSENT_HEADS = frozenset({"name", "letter", "letters", "note", "message", "news", "portrait", "picture", "grave",
                          "memory", "photograph"})
"""What of someone stands in for them when they are away: "Ann's letter", "Ann's name"."""
ABSENT_SHARE = 0.5
"""Share of a mention's weight such an owner gets: half a sign that she is there. (None at all: PDNC dev
4 lines fewer, a man who speaks a woman's name in her presence being read as speaking of her, not to her.)"""
PLAIN_TAG_VERBS = frozenset({"said", "cried", "asked"})
"""The verbs of a plain tag ('"Come, Ben," his mother said'), between a line and the owner the line calls.
Narrower than SPEECH_VERBS on purpose: with every speech verb, PDNC dev addressees -3 and LitBank -1."""
PRONOUN_SHARE = 0.5
"""Share of a name's salience a resolved pronoun adds: a run of "he" and "his" keeps a character in
mind, but less than naming him, so one named since is not outweighed by the pronouns of a page ago."""
TOPIC_TOKENS = 3
"""A name whose head is among a paragraph's first tokens opens it: the paragraph is about that character
("Ann's phone rang. She looked at it"), as salient as a main subject."""
SENTENCE_DECAY = 0.6
VOCATIVE_SHARE = 0.1
"""Share of a mention's salience a name called in a quote adds: the one called is present, though the
narration may not name her ("his eldest daughter. 'Rosaline!'"). Small, so it decides only between the
faint: PDNC dev +11 lines at 0.05 to 0.15 (31 gained, 20 lost at 0.1), -5 at 0.5; LitBank +3."""
CHAPTER_DECAY = 0.05
"""Salience kept across a chapter start or a marked scene break: anyone the new chapter names outweighs
the last chapter's people, who stay in mind when it names no one. (Forgetting them at once: PDNC dev 2
lines gained, 20 lost where a chapter goes on with one scene; at 0.05, 13 gained and 2 lost.)"""
PARAGRAPH_DECAY = 0.9
FOCUS, FADED = 0.3, 0.5
"""Weight of the story's focus on a pronoun, and the salience below which everyone of that sex has
faded (none named as a subject in the last four sentences or so): then "she" is the one the story
follows, not whoever faded slowest. As a share of the names the narration gives, squared: a heroine
named in a quarter of them gets 0.02. (PDNC dev +13 to +18 lines at 0.2 to 0.6, LitBank +1 to +4.
Names in the dialogue counted too: PDNC +23, but a first-person narrator whom others call by name
took the narration's "he".)"""
FORGOTTEN = 1e-4
"""Salience below which a character no longer takes a pronoun: named as a main subject, about twenty
sentences later. (At 0.01, a dozen sentences, a woman the narration only calls "she" for a page was lost
and her lines went to whoever spoke last: measured on PDNC dev, speaker 83.3 -> 83.6.)"""


def resolve_pronouns(parsed, name_mentions: list, epithets: list, genders: list, inside, called: set[tuple[int, int]],
                     turns: Sequence[int] = (), unlike: dict[int, str] | None = None) -> list[tuple]:
    """``(start, end, text, cluster)`` for each narration pronoun that a salient character fits.
    ``called`` holds the names called in lines (``called_names``).
    ``turns`` are the offsets where a chapter or marked scene starts: the people before them fade.
    ``unlike`` holds characters of unknown sex and the pronoun that is not theirs."""
    unlike = unlike or {}
    heads = _mention_heads(parsed, name_mentions, epithets)
    kinds = {(o.doc, o.token) for o, _ in name_mentions if o.after_a}  # "a Mrs. Grey": one of a kind, no one here
    focus = _focus(name_mentions)
    salience: dict[int, float] = {}
    gained: dict[int, float] = {}  # each character's weightiest mention in the sentence so far
    resolved = []
    turns, passed = sorted(turns), 0
    for d, (doc, offset) in enumerate(zip(parsed.docs, parsed.offsets)):
        if bisect.bisect_right(turns, offset) > passed:  # a new chapter may open on new people, or go on
            passed = bisect.bisect_right(turns, offset)  # with the same
            for key in salience:
                salience[key] *= CHAPTER_DECAY
        for sentence in doc.sents:
            gained.clear()
            named = [(t, i) for t, i in heads.get(d, {}).items() if sentence.start <= t < sentence.end]
            for token in sentence:
                if token.i in heads.get(d, {}):
                    if (d, token.i) in kinds:
                        continue
                    if not inside(offset + token.idx):
                        _boost(salience, gained, heads[d][token.i], token, topic=token.i <= TOPIC_TOKENS)
                    elif (d, token.i) in called:  # "I beg you, Rosaline": she is there
                        _boost(salience, gained, heads[d][token.i], token, VOCATIVE_SHARE)
                    continue
                gender = PRONOUN_GENDER.get(token.lower_)
                if gender is None or inside(offset + token.idx):
                    continue
                excluded = _excluded(token, named, heads.get(d, {}))
                target = _called_just_before(token, heads.get(d, {}), called, d, genders, gender)
                if target is None:
                    target = _most_salient(salience, genders, gender, excluded | {
                        i for i, other in unlike.items() if other == gender}, focus)
                if target is not None:
                    start = offset + token.idx
                    resolved.append((start, start + len(token.text), token.text, target))
                    _boost(salience, gained, target, token, PRONOUN_SHARE)
            if any(not t.is_space and not inside(offset + t.idx) for t in sentence):
                for key in salience:
                    salience[key] *= SENTENCE_DECAY
        for key in salience:
            salience[key] *= PARAGRAPH_DECAY
    return resolved


def _called_just_before(pronoun, heads: dict[int, int], called: set[tuple[int, int]], d: int, genders: list,
                        gender: str) -> int | None:
    """The one of that gender the line just before a tag calls, for the owner in the tag ('"Come,
    Ben," his mother said': Ben's mother, the one she speaks to)."""
    if pronoun.dep_ != "poss" or pronoun.head.dep_ not in ("nsubj", "dobj") or pronoun.head.head.dep_ not in (
            "ROOT", "ccomp", "parataxis"):
        return None
    doc = pronoun.doc
    k = pronoun.i - 1
    while k >= 0 and (doc[k].is_space or doc[k].lower_ in PLAIN_TAG_VERBS):
        k -= 1
    if k >= 0 and doc[k].is_quote:
        line = reversed(doc[max(0, k - 40) : k])
    else:  # 'his mother said, "Come, Ben."'
        k = next((j for j in range(pronoun.i + 1, min(len(doc), pronoun.i + 6)) if doc[j].is_quote), None)
        if k is None or not all(t.dep_ in ("punct", "ROOT") or t.i == pronoun.head.i or t.is_space
                                for t in doc[pronoun.i + 1 : k]):
            return None
        line = doc[k + 1 : k + 41]
    for token in line:
        if token.is_quote:
            break
        index = heads.get(token.i)
        if index is not None and (d, token.i) in called and genders[index] in (gender, None):
            return index
    return None


def called_names(parsed, name_mentions: list) -> set[tuple[int, int]]:
    """(doc, head token) of each name called in a quote: set off by commas or marks ("Rosaline!", ", Ann,");
    not a name asked back from the paragraph before ('"...something Ben said." / "Ben?"'), an echo."""
    set_apart, plain = [], defaultdict(set)  # (plain: who each paragraph names without calling)
    for occurrence, index in name_mentions:
        local = occurrence.start - parsed.offsets[occurrence.doc]
        text = parsed.docs[occurrence.doc].text
        if occurrence.in_quote and set_off(text, local, local + len(occurrence.text)):
            set_apart.append((occurrence, index, text[local + len(occurrence.text):].lstrip()[:1] == "?"))
        else:
            plain[occurrence.doc].add(index)
    return {(occurrence.doc, occurrence.token) for occurrence, index, asked in set_apart
            if not (asked and index in plain[occurrence.doc - 1])}


def set_off(text: str, start: int, end: int) -> bool:
    """Whether the words at ``start:end`` stand apart as someone called does: after the line's opening,
    a comma or a stop, and before a comma or a stop ("Hi, Mum.", "Rosaline!", ", Ann,")."""
    before = text[:start].rstrip()[-1:]
    after = text[end:].lstrip()[:1]
    return before in ("", ",", '"', "“", "‘", "'", "!", "?", ".") and after in (",", "!", "?", ".", ";", "—", "-")


def _mention_heads(parsed, name_mentions: list, epithets: list) -> dict[int, dict[int, int]]:
    """For each doc, the token index of each name or epithet mention's head, and its cluster."""
    heads: dict[int, dict[int, int]] = {}
    for occurrence, index in name_mentions:
        heads.setdefault(occurrence.doc, {})[occurrence.token] = index
    docs_by_offset = list(parsed.offsets)
    for start, end, _, index in epithets:
        d = bisect.bisect_right(docs_by_offset, start) - 1
        doc = parsed.docs[d]
        span = doc.char_span(start - parsed.offsets[d], end - parsed.offsets[d], alignment_mode="expand")
        if span is not None:
            heads.setdefault(d, {})[span.root.i] = index
    return heads


def _boost(
    salience: dict[int, float], gained: dict[int, float], index: int, token, share: float = 1.0, topic: bool = False
) -> None:
    """Raise a character's salience by its mention's weight, counting only its weightiest mention in a
    sentence: "Ann ... her ... Ann's" is one sentence about Ann, not three, so a character named over and
    over in one sentence does not outweigh the one named as subject in the next. (Summing them: PDNC dev
    speaker 84.5 -> 84.4, LitBank pronouns 0.747 -> 0.744.)"""
    if token.dep_ == "poss" and token.head.lower_ in ABSENT_HEADS:
        share *= ABSENT_SHARE  # "Ann's name had evoked it": Ann is spoken of, maybe not there
    if topic and not (token.dep_ in SUBJECT_DEPS and _absolute(token.head)):
        weight = MAIN_SUBJECT
    elif token.dep_ == "poss" and token.head.dep_ in SUBJECT_DEPS and token.head.lower_ in OWN_PARTS:
        weight = MAIN_SUBJECT if token.head.head.dep_ == "ROOT" else OTHER_SUBJECT  # "Ann's face fell"
    elif inverted_subject(token):  # "pleaded poor Ann": Ann acts
        weight = MAIN_SUBJECT
    elif token.dep_ in SUBJECT_DEPS:
        verb = token.head.head if token.head.dep_ == "conj" else token.head  # "They came, and Ann saw"
        elsewhere = off_the_page(token.head)  # (a mention, not one acting here)
        weight = 1.0 if elsewhere else MAIN_SUBJECT if verb.dep_ == "ROOT" else OTHER_SUBJECT
    elif token.dep_ == "pobj" and token.head.dep_ == "agent":  # "was scarcely heard by Ann": Ann hears
        weight = MAIN_SUBJECT if token.head.head.dep_ == "ROOT" else OTHER_SUBJECT
    else:
        weight = 1.0
    if weight * share > gained.get(index, 0.0):
        salience[index] = salience.get(index, 0.0) + weight * share - gained.get(index, 0.0)
        gained[index] = weight * share


def _absolute(verb) -> bool:
    """Whether the verb is a participle with a subject of its own before the main clause: "Mr. Grey being
    restrained by this, Ann found an opening": the paragraph is about Ann, not Mr. Grey."""
    return verb.dep_ == "advcl" and (verb.tag_ == "VBG" or any(c.lower_ == "being" for c in verb.children))


def off_the_page(verb) -> bool:
    """Whether the subject of the verb is only thought of or due to act, not acting on the page."""
    return _only_due(verb) or _thought_of(verb)


def _thought_of(verb) -> bool:
    """Whether the clause is what someone remembers, thinks or knows ("remembering how often Ben had said
    it"): one named in it is in mind, not on the page."""
    return verb.dep_ == "ccomp" and verb.head.lower_ in MIND_VERBS


def _only_due(verb) -> bool:
    """Whether the verb tells what someone is to do, not what they do on the page: "Mr. Grey was to call
    in the evening" is no sign that Mr. Grey is there. (Would, might, could as well: PDNC dev +4 to +8
    lines, but as many scenes lost as gained.)"""
    return is_be(verb) and any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)
                               for c in verb.children)


def _excluded(pronoun, named: list[tuple[int, int]], heads: dict[int, int]) -> set[int]:
    """Characters the pronoun cannot be: named later in its sentence, or the subject of its own verb."""
    if pronoun.dep_ in SUBJECT_DEPS and pronoun.lower_ in ("him", "her") and pronoun.head.dep_ in ("ccomp", "xcomp"):
        seer = pronoun.head.head  # "Ann heard her saying": the subject of a clause that is Ann's object
        return {heads[c.i] for c in seer.children if c.dep_ in SUBJECT_DEPS and c.i in heads}
    if pronoun.dep_ in SUBJECT_DEPS:
        return {i for t, i in named if t > pronoun.i}
    if pronoun.dep_ in OBJECT_DEPS or pronoun.lower_ in ("him", "her") and pronoun.dep_ != "poss":
        verb = pronoun.head if pronoun.dep_ != "pobj" else pronoun.head.head
        for _ in range(2):  # "Ben slid it across to her": "to" hangs on "across", not on the verb
            if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
                break
            verb = verb.head
        return {heads[c.i] for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i in heads}
    return set()


def _focus(name_mentions: list) -> dict[int, float]:
    """Each character's pull on a pronoun no one was named for lately: ``FOCUS`` times the square of
    their share of the names the narration gives, so that only the one the story follows most has any
    weight (not a narrator whose name only the dialogue says)."""
    uses = Counter(index for occurrence, index in name_mentions if not occurrence.in_quote)
    total = sum(uses.values())
    return {index: FOCUS * (count / total) ** 2 for index, count in uses.items()}


def _most_salient(salience: dict[int, float], genders: list, gender: str, excluded: set[int],
                  focus: dict[int, float]) -> int | None:
    """The character of that sex most in mind (one whose sex is untold counts a tenth), if any is left."""
    fit = {index: 1.0 if genders[index] == gender else 0.1 if genders[index] is None else 0.0
           for index, score in salience.items() if index not in excluded and score > FORGOTTEN}
    scores = {index: salience[index] * share for index, share in fit.items()}
    if scores and max(scores.values()) < FADED:  # everyone has faded: the story's focus weighs in
        scores = {index: score + focus.get(index, 0.0) * fit[index] for index, score in scores.items()}
    best = max(scores, key=scores.get, default=None)
    return best if best is not None and scores[best] > FORGOTTEN else None


def gender_after(subject, offset: int, inside, stop: set[int] = frozenset()) -> str | None:
    """The gender of the first he/she/his/her (owner)/himself/herself after a subject, outside quotes.

    After a subject, these mostly mean that subject; objects (him, her) mostly mean someone else.
    Reading stops at a token index in ``stop`` (another name).
    """
    for token in subject.doc[subject.i + 1 : subject.i + 24]:
        if token.i in stop:
            return None
        if token.is_quote or inside(offset + token.idx):
            continue
        word = token.lower_
        if word == "him" or word == "her" and token.dep_ != "poss":
            return None  # someone else is in play: "Anna let him in ... his hands"
        if word in ("he", "his", "himself"):
            return "m"
        if word in ("she", "herself") or word == "her" and token.dep_ == "poss":
            return "f"
    return None
