"""Names only the dialogue uses, joined to the character who answers to them.

The characters stage sees "Rosaline" only in what people say, and "Miss Grey" in the narration, and
cannot tell that they are one woman. The speakers stage can: the lines that call "Rosaline" are
answered by Miss Grey. So after the speakers, a name that never speaks and is only ever a first name
joins the character with no first name of her own who answers the lines that call it; and the other
way round, a title and family name only the dialogue uses ("Mr. Ashby") joins the character the
narration calls only by a first name, when he is the one who answers it; and a one-word name only
the dialogue uses (rivals who call each other by surname, "Vance") joins the character known by one
first name who answers it.

Answers are few for a name called once or twice, and a reply may come from anyone who walks in. So a
first name called at least twice also joins the one woman (or man) with no first name of her own whom
the narration mentions around every call (of three or more, every call but one: "Her sister made no
objection" names no one), the callers aside, if she answers one of them (PDNC dev: two wives' first
names, character recall 184 -> 186, no line changed; then a sister's, 187 -> 188). A reply the speakers
stage gave the called name itself is an answer from whoever she is; a line split by its tag is one call.

A line may also say whose a name is: "call me Hugo" is the speaker's, "I once called you 'Tobin'" the
name of the one spoken to. Such a name, never given a line, joins that one, when all the lines that say
so agree; and when another character bears it with names of his own (a "Mr. Tobin Grey" the dialogue
only mentions), it is taken from him, with its mentions and the lines that call it (PDNC dev: three
names, each right, among them a hero's first name taken from a namesake the dialogue mentions:
character recall 188 -> 189, no line changed).

A line the speakers stage gave to the called name by a guess (the line before called it, a beat) is no
voice of its own; only a speech tag is: the name still joins, and the line goes to the one who answers.
A woman takes one first name: of two ("Rosaline" and "Hesper", two sisters called in turn), the one
never given a line, then the one she answers most. (PDNC dev: a man's first name joins him, character
recall 176 -> 177, no line changed; without the one-name rule a woman's first name joined her sister
too.)
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import replace

from fabula.model import Cast, Character, Mention, Quote, Scene
from fabula.stages._coref import PRONOUN_GENDER
from fabula.stages._names import KIN_TITLES, PERSONAL_TITLES, TITLE_GENDER, split_name
from fabula.stages._quote_index import QuoteIndex

FAMILY_NAME_TITLES = PERSONAL_TITLES | {"lady"}
"""Titles that go before a family name ("Miss Grey", "Lady Ashby"), not a first name as "Sir" or "Aunt" do."""
ANSWER_WITHIN = 3
"""Speech lines after a call within which its answer is looked for."""
MIN_ANSWERS = 2
"""Answers a character must give to a name before taking it: one reply could be anyone's."""
MIN_CALLS = 2
"""Or calls, each with her in the narration around it, when she is the only one there it could be."""
AROUND_CALL = (1500, 300)
"""Characters before and after a call within which the narration's mentions tell who is there."""
CALLED_AS = re.compile(r"\b[Cc]all(?:s|ed|ing)? (me|you) (?:by )?[‘'\"“]?(?=[A-Z])")
"""What a line says someone is called, up to the name: "call me Hugo", "calling you 'Tobin'" (not
"call me, Hugo", which calls Hugo)."""


def join_called_names(
    cast: Cast, quotes: tuple[Quote, ...], scenes: tuple[Scene, ...]
) -> tuple[Cast, tuple[Quote, ...], tuple[Scene, ...]]:
    """The cast with each name only the dialogue calls joined to the one who answers it, or to the one
    a line says bears it, and the quotes and scenes pointing at the joined character."""
    cast, quotes, said = _said_names(cast, quotes)
    joined = {**_answered_names(cast, quotes), **said}
    joined = {name: _last_of(joined, name) for name in joined}
    joined = {name: answerer for name, answerer in joined.items() if answerer != name}
    if not joined:
        return cast, quotes, scenes
    by_id = cast.by_id()
    taken: dict[str, list[Character]] = defaultdict(list)
    for name, answerer in joined.items():
        taken[answerer].append(by_id[name])
    characters = tuple(_with_names(c, taken[c.id]) if c.id in taken else c
                       for c in cast.characters if c.id not in joined)
    mentions = tuple(replace(m, character=joined[m.character]) if m.character in joined else m for m in cast.mentions)

    def moved(ids: tuple[str, ...], speaker: str | None = None) -> tuple[str, ...]:
        return tuple(dict.fromkeys(joined.get(i, i) for i in ids if joined.get(i, i) != speaker))

    quotes = tuple(replace(q, speaker=joined.get(q.speaker, q.speaker),  # and no one speaks to herself
                           addressees=moved(q.addressees, joined.get(q.speaker, q.speaker))) for q in quotes)
    scenes = tuple(replace(s, characters=moved(s.characters)) for s in scenes)
    return Cast(characters=characters, mentions=mentions), quotes, scenes


def _said_names(cast: Cast, quotes: tuple[Quote, ...]) -> tuple[Cast, tuple[Quote, ...], dict[str, str]]:
    """The names a line says are the speaker's ("call me Hugo") or the one's it speaks to ("calling you
    'Tobin'"): a character of that name alone, never given a line, to be joined to that one (id -> id);
    and the cast and quotes with that name taken from a character who also bears others ("Tobin",
    taken from a Mr. Tobin Grey who never speaks). All the lines that say so must agree."""
    by_id = cast.by_id()
    names = {m.start: m for m in cast.mentions if m.kind == "name"}
    voiced = {q.speaker for q in quotes} | {s for q in quotes for s in q.speakers}
    said: dict[tuple[str, str], set[str | None]] = defaultdict(set)
    for line in quotes:
        for match in CALLED_AS.finditer(line.text) if line.kind == "speech" else ():
            mention = names.get(line.start + match.end())
            if mention is not None and mention.character not in voiced:
                whose = line.speaker if match[1] == "me" else line.addressees[0] if len(line.addressees) == 1 else None
                said[mention.character, _form(mention)].add(whose)
    whole: dict[str, str] = {}
    for (bearer, form), whose in said.items():
        owner = next(iter(whose)) if len(whose) == 1 else None
        if owner is None or owner == bearer or owner not in by_id or bearer in whole:
            continue
        if {n for n in (by_id[bearer].name, *by_id[bearer].aliases) if n[:1].isupper()} == {form}:
            whole[bearer] = owner
        else:
            cast, quotes = _take_name(cast, quotes, form, bearer, owner)
    return cast, quotes, whole


def _take_name(cast: Cast, quotes: tuple[Quote, ...], form: str, bearer: str,
               owner: str) -> tuple[Cast, tuple[Quote, ...]]:
    """The cast and quotes with one name form, its mentions, and the calls by it, moved from ``bearer``
    to ``owner``."""
    def taken(m: Mention) -> bool:
        return m.character == bearer and _form(m) == form

    mentions = tuple(replace(m, character=owner) if taken(m) else m for m in cast.mentions)
    moved = sum(map(taken, cast.mentions))
    left = Counter(_form(m) for m in mentions if m.character == bearer and m.kind == "name")
    characters = []
    for c in cast.characters:
        if c.id == bearer:
            others = [n for n in (c.name, *c.aliases) if n != form]
            name = c.name if c.name != form else max(others, key=lambda n: (n[:1].isupper(), left[n]))
            c = replace(c, name=name, aliases=tuple(n for n in others if n != name), mentions=c.mentions - moved)
        elif c.id == owner:
            c = replace(c, aliases=(*c.aliases, form) if form not in (c.name, *c.aliases) else c.aliases,
                        mentions=c.mentions + moved)
        characters.append(c)
    called = re.compile(rf"\b{re.escape(form)}\b")
    quotes = tuple(replace(q, addressees=tuple(dict.fromkeys(
        owner if a == bearer and owner != q.speaker else a for a in q.addressees)))
        if bearer in q.addressees and called.search(q.text) else q for q in quotes)
    return Cast(characters=tuple(characters), mentions=mentions), quotes


def _form(mention: Mention) -> str:
    """The name a mention writes, on one line ("Mr.\nGrey" is "Mr. Grey")."""
    return " ".join(mention.text.split())


def _last_of(joined: dict[str, str], name: str) -> str:
    """Where a name ends up when the one it joins is joined in turn."""
    seen = set()
    while name in joined and name not in seen:
        seen.add(name)
        name = joined[name]
    return name


def _answered_names(cast: Cast, quotes: tuple[Quote, ...]) -> dict[str, str]:
    """Called character id -> the id of the character who answers to that name."""
    by_id = cast.by_id()
    # (only a speech tag gives a name a voice of its own: a line a guess, a beat or the call before gave it is
    # the answerer's; on PDNC dev a suitor's "Mr. Surname" now joins his first name, character recall +1)
    tagged = {q.speaker for q in quotes if q.speaker and q.cue in ("explicit", "anaphoric")}
    speaking = tagged | {s for q in quotes for s in q.speakers}
    voiced = speaking | {q.speaker for q in quotes if q.speaker}
    speech = [q for q in quotes if q.kind == "speech"]
    answers: dict[str, Counter] = defaultdict(Counter)
    calls: dict[str, list[Quote]] = defaultdict(list)
    for index, line in enumerate(speech):
        for called in line.addressees:  # a character who never speaks is an addressee only when called
            if called in speaking or calls[called] and calls[called][-1].paragraph == line.paragraph:
                continue  # (a line split by a tag is one call)
            calls[called].append(line)
            reply = next((r for r in speech[index + 1 : index + 1 + ANSWER_WITHIN]
                          if r.paragraph > line.paragraph and r.speaker and r.speaker != line.speaker), None)
            if reply is not None:
                answers[called][reply.speaker] += 1
    joined, support = {}, {}
    told: list[Mention] | None = None  # the narration's mentions and their starts, read once, when needed
    starts: list[int] = []
    for called, answerers in answers.items():
        echoes = answerers.pop(called, 0)  # replies guessed for the name itself: answered, by whoever she is
        ranked = answerers.most_common(2) or [(None, 0)]
        answerer, count = ranked[0]
        clear = count >= MIN_ANSWERS and 2 * count >= answerers.total() and (len(ranked) == 1 or ranked[1][1] < count)
        name = by_id[called]
        if not clear and not name.on_page and len(calls[called]) >= MIN_CALLS:
            if told is None:
                inside = QuoteIndex(quotes)
                told = [m for m in cast.mentions if not inside(m.start)]
                starts = [m.start for m in told]
            there = _the_one_there(by_id, told, starts, calls[called], name)
            if there is not None and (answerers[there] or echoes):  # "Take a drop more, Janny," said Hall, twice, with
                answerer, count, clear = there, answerers[there], True  # only Mrs. Hall there to be her
        if answerer is None:
            continue
        person = by_id[answerer]
        if clear and _gender(name) in (None, _gender(person)) and (
                _first_name_only(name, person) and _no_first_name(person)  # "Rosaline", and Miss Pell answers
                or _no_first_name(name) and _first_name_only(person, name)  # "Mr. Ashby", and Tobin answers
                or not name.on_page and _first_name_only(name, person) and _first_name_only(person, name)):
            joined[called], support[called] = answerer, (called not in voiced, count)
    for answerer in set(joined.values()):  # one name each way: of "Rosaline" and "Hesper", the one
        rivals = sorted((c for c in joined if joined[c] == answerer), key=lambda c: support[c], reverse=True)
        for called in rivals[1:]:  # never given a line, then the one answered most
            del joined[called]
        if len(rivals) > 1 and support[rivals[0]] == support[rivals[1]]:
            del joined[rivals[0]]
    return joined


def _the_one_there(by_id: dict[str, Character], told: list[Mention], starts: list[int], calls: list[Quote],
                   name: Character) -> str | None:
    """The one character with no first name of her own whom the narration (``told``, its mentions in
    order, starting at ``starts``) mentions around every line that calls this first name, or all
    but one of three or more, the callers aside: who else could be called so."""
    seen: Counter = Counter()
    for line in calls:
        near = told[bisect.bisect_left(starts, line.start - AROUND_CALL[0]):
                    bisect.bisect_left(starts, line.end + AROUND_CALL[1])]
        seen.update({m.character for m in near} - {line.speaker, name.id})
    there = {c for c, n in seen.items() if n >= max(MIN_CALLS, len(calls) - 1)}  # one call may be told in other words
    fit = {c for c in there if _gender(name) in (None, _gender(by_id[c]))
           and _first_name_only(name, by_id[c]) and _no_first_name(by_id[c])}
    return fit.pop() if len(fit) == 1 else None


def _first_name_only(called: Character, answerer: Character) -> bool:
    """Whether every name of ``called`` is one first name, maybe after a kin title of the answerer's sex."""
    for name in (called.name, *(a for a in called.aliases if a[:1].isupper())):  # epithets aside ("the former")
        form = split_name(name)
        if form is None or len(form.words) != 1 or not form.first.isalpha():
            return False
        if form.title is not None and (form.title not in KIN_TITLES or TITLE_GENDER.get(form.title) not in (
                None, _gender(answerer))):
            return False
    return True


def _no_first_name(character: Character) -> bool:
    """Whether the character goes only by title and family name ("Mrs. Grey", "Grey"), epithets aside; a
    wife's "Mrs. Hugo Grey" is her husband's first name, not hers."""
    forms = [split_name(n) for n in (character.name, *character.aliases) if n[:1].isupper()]
    forms = [replace(f, words=f.words[-1:]) if f is not None and f.title == "mrs" and len(f.words) == 2 else f
             for f in forms]
    family = {f.first for f in forms if f is not None and len(f.words) == 1 and f.title in FAMILY_NAME_TITLES}
    return bool(family) and all(
        f is not None and len(f.words) == 1 and (f.title in FAMILY_NAME_TITLES or f.title is None and f.first in family)
        for f in forms)


def _gender(character: Character) -> str | None:
    return PRONOUN_GENDER.get((character.pronouns or "").split("/")[0])


def _with_names(character: Character, joined: list[Character]) -> Character:
    names = [n for c in joined for n in (c.name, *c.aliases)]
    aliases = tuple(dict.fromkeys(a for a in (*character.aliases, *names) if a != character.name))
    return replace(character, aliases=aliases, mentions=character.mentions + sum(c.mentions for c in joined))
