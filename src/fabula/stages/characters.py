"""Find the characters: names, aliases, epithets and pronouns."""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from itertools import pairwise

from fabula.model import Cast, Character, Mention, Quote, Story
from fabula.nlp import Parsed
from fabula.stages._coref import (
    NOUN_GENDER,
    PRONOUN_GENDER,
    called_names,
    gender_after,
    resolve_pronouns,
    set_off,
)
from fabula.stages._epithets import find_epithets, find_introductions
from fabula.stages._names import (
    CALENDAR,
    KIN_TITLES,
    LOCATIVE_PREPOSITIONS,
    NAME_PARTICLES,
    NOT_NAMES,
    PERSONAL_TITLES,
    NameForm,
    is_nickname,
    split_name,
    title_key,
)
from fabula.stages._narrator import BLANK, find_narrator, find_reader, read_persons
from fabula.stages._nominals import UNNAMED_HEADS, find_nominals, find_strangers
from fabula.stages._quote_index import QuoteIndex
from fabula.stages._relatives import CALLED_PARENTS, couples, find_relatives, junior_couples
from fabula.stages._verbs import SPEECH_VERBS, is_be

INDEFINITE_ARTICLES = frozenset({"a", "an", "another", "every", "each"})
"""Words before a capitalised word that make it a kind, not a name: "a Socialist", "every Englishman"."""
NOUN_NAME_ACTS = 2
"""Times a capitalised word, never written in lower case, must be a subject before it counts as a name
though the tagger calls it a common noun ("Charity slid into the booth")."""
MONTH_NAMES = frozenset({"april", "may", "june", "august"})
"""Months that are also first names."""
FORMAL_TITLES = frozenset({"lady", "lord", "sir", "dame", "king", "queen", "prince", "princess", "duke", "duchess"})
"""Titles no one would shorten the name after."""
FULL_NAME_SHARE = 2
"""A full name is the character's name if used at least half as often as the most used single word."""
TITLE_SHORT = {"doctor": "dr", "professor": "prof", "reverend": "rev"}
"""A title written out, as a speaker noun has it ("said the doctor"), and its short form (Dr. Lowe)."""
HEAD_OF_FAMILY = 3
"""How many times more often than a man's full titled name a bare "Mr. Surname" must be used to be
another man, the head of the family ("Mr. Grey" the father beside "Mr. Wilf Grey" the son)."""
PLACE_HEADS = frozenset(
    """villa lodge avenue museum terrace gardens church abbey castle hotel inn
    station bridge cottage manor crescent chapel cathedral palace college river piazza""".split()
)
"""Last words that make a capitalised name a place (Rosa Villa, Birch Lodge, the Museum); "street",
"square", "road" and "lane" are in NOT_NAMES already."""
NAMED_PLACE_HEADS = frozenset(
    "hall park court house place corner wood fields common green hill heath drive boulevard "
    "society club bank union association institute committee company gazette herald times chronicle".split())
"""Last words that make a name of two words or more a place or a body of people (Ashcombe Hall, Breezy
Corner, the Debating Club), though alone they may be a surname (Mrs. Heath, Mr. Wood)."""
PLACE_OPENERS = frozenset("piazza pension villa hotel lake mount fort port via rue".split())
"""First words that make a name of two words or more a place (Piazza Ducale, Pension Rossi)."""
FAMILY_NOUNS = frozenset({"family", "families", "household", "kids", "children", "siblings", "brothers", "sisters",
                          "clan", "parents", "twins", "boys", "girls", "house", "home"})
"""Nouns a family's name qualifies ("the Marlowe family", "the Marlowe twins")."""
FAMILY_TITLES = frozenset({"mr", "mrs", "miss", "lady", "sir", "madame", "mme", "monsieur"})
"""Titles with a family name ("Mrs. Vance") that a kin title in apposition may name again."""
KIN_USES = 20
KIN_SHARE = 0.3
"""A man the narration calls "Mr. Surname" this often (in number, and as a share of the uses of his
first name) is not the one it calls by that first name: a father beside his son."""
TITLE_HOLDER = 3
"""How many times more often than anyone else one character must be called by a title for the title
alone ("the Countess") to be theirs."""
STYLED_TITLES = frozenset({"madame", "mme", "countess", "marchioness", "duchess", "baroness", "viscountess"})
"""Titles a married woman bears before the family name she is also called by with her first name
("Countess Pell" is Ida Pell), unlike a Mrs. ("Mrs. Grey" is not Nell Grey, her daughter) or a queen
(whose "Queen Ida" is a first name)."""
FIRST_NAME_TITLES = frozenset({"sir", "lady", "lord", "dame", "miss", "master", "aunt", "uncle", "mlle", "mademoiselle"})
"""Titles that go with a first name as well as with a surname."""
LOOSE_USES = 2
"""Capitalised uses in name runs up to which a common word ending a long run is no part of the name."""
COMMON_USES = 5
"""Lowercase uses that make a word a common word."""
RARE_SPELLING = 3
SPELLING_SHARE = 20
"""A name used at most this often, beside one spelled a vowel apart and used this many times more,
is a slip of spelling."""
RARE_FORM = 10
"""Uses up to which a one-word name may be another's form in a different ending (``Rosia`` for ``Rosy``)."""
NAME_ENDINGS = ("ia", "y")
"""Endings one name takes in two languages (Rosia and Rosy, Ottilia and Otty)."""
TOGETHER = 0.25
"""Share of paragraphs naming both of two name forms above which they are two people side by side."""
VOWELS = "aeiou"
_NAME_WORD = re.compile(r"[A-Z][A-Za-z'’]*(?:-[A-Za-z][A-Za-z'’]*)*\.?(?:--|—)?$")
_CONTRACTION = re.compile(r"[A-Za-z]['’](?:t|ll|ve|re|d|m)$")
"""A word with a contraction's ending ("I've", "Yo'll", "Tan't"), unlike "O'Hara" or "D'Arcy"."""


@dataclass
class _Occurrence:
    start: int
    end: int
    text: str
    in_quote: bool
    initial: bool
    person: bool  # tagged PERSON, titled, or the subject of a verb
    after_locative: bool
    after_the: bool  # "the Greys"
    place: bool  # the tagger calls it a place
    doc: int
    tagged: bool  # beside a speech verb: "said Swift"
    token: int  # index of the name's last token in its doc
    people: bool = False  # the tagger calls it a nationality in the plural ("the Italians")
    acts: bool = False  # the subject of a verb
    attributive: bool = False  # qualifying a noun: "the Grey girls"
    after_a: bool = False  # after "a" or "an", maybe through adjectives: "a lying Moravian"
    of_family: bool = False  # naming a family: "the Marlowe family", "the Marlowe kids"
    determined: bool = False  # with "the", maybe through adjectives: "the youngest Marlowe"


@dataclass
class _Cluster:
    forms: Counter = field(default_factory=Counter)
    names: list[NameForm] = field(default_factory=list)
    gender_votes: Counter = field(default_factory=Counter)

    @property
    def count(self) -> int:
        return sum(self.forms.values())

    @property
    def title_gender(self) -> str | None:
        genders = {n.gender for n in self.names if n.gender}
        return genders.pop() if len(genders) == 1 else None


def find_characters(story: Story, parsed: Parsed, quotes: tuple[Quote, ...]) -> Cast:
    """The cast of the story and every mention of its members."""
    inside = QuoteIndex(quotes)
    lowercase, modifiers, subjects = _word_counts(parsed, inside)
    occurrences = _trim_loose_tails(_name_occurrences(parsed, inside, lowercase, subjects), parsed, lowercase)
    held = {i for m in BLANK.finditer(story.text) for i in range(*m.span())}  # not the "N" of "Y/N"
    occurrences = [o for o in occurrences if o.start not in held]
    kept = _person_names(occurrences, lowercase, subjects, modifiers, story.text)
    kept = {text: found for text, found in kept.items() if not _two_people(text, len(found), kept, story.text)}
    persons = read_persons(parsed, inside)
    reader = find_reader(persons)
    if reader is not None and reader[0]:
        kept[READER] = _placeholder_occurrences(reader[0], parsed, inside)
    _add_untagged_uses(parsed, inside, kept, lowercase)
    parents = _called_parents(parsed, inside, kept)
    kept.update({word: found for word, (found, _) in parents.items()})
    votes = _vote_genders(parsed, kept, inside)
    for word, (found, gender) in parents.items():
        votes[word][gender] += len(found)  # "Mum" is a she, whatever pronoun follows
    clusters = _part_father_and_son(_cluster_names(kept, votes, _daughters(story.text), junior_couples(story.text)),
                                    kept, votes)
    clusters = _join_kin_appositions(clusters, kept, parsed)
    clusters = _join_eldest_daughter(clusters)
    clusters = _join_known_as(clusters, kept, parsed)
    clusters = _join_lisped(clusters, kept)
    clusters = _join_by_age(clusters, kept, parsed)
    cluster_of = {form: i for i, c in enumerate(clusters) for form in c.forms}
    name_mentions = sorted(
        ((o, cluster_of[o.text]) for found in kept.values() for o in found), key=lambda pair: pair[0].start
    )
    genders = [_gender(c) for c in clusters]
    on_page = [False] * len(clusters)
    for occurrence, index in name_mentions:
        on_page[index] = on_page[index] or not occurrence.in_quote

    introduced: dict[str, tuple[int, int]] = {}
    for key, (start, gender) in find_introductions(parsed, inside, name_mentions).items():  # someone new
        clusters.append(_Cluster(forms=Counter({f"the {key}": 0})))
        genders.append(gender)
        on_page.append(True)
        introduced[key] = (start, len(clusters) - 1)
    called = called_names(parsed, name_mentions)  # (read once: epithets, pronouns and strangers use it)
    epithets = find_epithets(parsed, name_mentions, genders, on_page, inside, called,
                             [c.start for c in story.chapters[1:]], introduced)
    nominal_counts, nominal_uses, nominal_votes = find_nominals(parsed, inside)
    taken = {(s, e) for s, e, *_ in epithets}
    sentences: list[tuple[int, int]] = []
    roles = {k: k.split()[1] for k in nominal_counts if len(k.split()) == 2}  # not "the first policeman"
    called_so = _called_so(parsed, name_mentions, set(roles.values()))
    told = [(o.start, i) for o, i in name_mentions if not o.in_quote]  # the names the narration gives
    for key in nominal_counts:
        head = key.split()[-1]
        general = head in UNNAMED_HEADS  # "the man": never a title or a shadow of a named one
        if general and _named_near(key, nominal_uses, told, genders, NOUN_GENDER[head]):
            continue  # "said the man" where a man is named: whoever he is, not a character of his own
        titled = None if general else _titled_by(head, clusters)
        named = called_so.get(roles.get(key), set())
        if titled is None and len(named) == 1:
            titled = next(iter(named))  # "Mr. Tobin, the English chaplain"
        if titled is None and not general:
            sentences = sentences or _sentence_spans(parsed)
            titled = _shadowed(key, nominal_uses, nominal_votes[key], name_mentions, told, genders, sentences)
        if titled is not None:  # "the doctor" is Dr. Lowe when he is the one doctor named
            cluster_of[key] = titled
            continue
        clusters.append(_Cluster(forms=Counter({key: nominal_counts[key]}), gender_votes=nominal_votes[key]))
        cluster_of[key] = len(clusters) - 1
        genders.append(_gender(clusters[-1]))
        on_page.append(True)
    epithets += [(s, e, t, cluster_of[k]) for s, e, t, k in nominal_uses if (s, e) not in taken and k in cluster_of]
    epithets.sort()
    turns = [c.start for c in story.chapters[1:]] + [b.start for b in story.breaks]
    pronouns = resolve_pronouns(parsed, name_mentions, epithets, genders, inside, called, turns)
    strangers = find_strangers(parsed, inside, pronouns, epithets)
    for key, (gender, uses) in strangers.items():  # "A woman servant came in. 'Wake up,' she said"
        index = _named_stranger(uses, gender, parsed, name_mentions, called, genders)
        if index is None:
            clusters.append(_Cluster(forms=Counter({key: len(uses)})))
            genders.append(gender)
            on_page.append(True)
            index = len(clusters) - 1
        epithets += [(start, end, text, index) for start, end, text in uses]
    if strangers:  # her pronouns are hers now
        epithets.sort()
    unlike = _unlike_their_pronouns(genders, pronouns)
    if strangers or unlike:
        pronouns = resolve_pronouns(parsed, name_mentions, epithets, genders, inside, called, turns, unlike)
    owner_at = {o.start: i for o, i in name_mentions} | {start: i for start, _, _, i in pronouns}
    relatives = find_relatives(parsed, inside, owner_at, [c.names for c in clusters], couples(story.text))
    narrator = find_narrator(persons, parsed, name_mentions)
    narrator_index = None
    if narrator is not None:
        narrator_index, uses = narrator
        if narrator_index is None and READER in cluster_of:
            narrator_index = cluster_of[READER]  # "I" am Y/N: a first-person reader-insert
        if narrator_index is None:
            clusters.append(_Cluster(forms=Counter({"the narrator": 0})))
            narrator_index = len(clusters) - 1
            genders.append(None)
            on_page.append(True)
        on_page[narrator_index] = True
        pronouns += [(s, e, t, narrator_index) for s, e, t in uses]
    if reader is not None and reader[1]:  # a story told to "you": the reader's mentions
        reader_index = cluster_of.get(READER)
        if reader_index is None:
            clusters.append(_Cluster(forms=Counter({"you": 0})))
            reader_index = len(clusters) - 1
            genders.append(None)
            on_page.append(True)
        on_page[reader_index] = True  # "you" act in the narration, though only the dialogue says "Y/N"
        pronouns += [(s, e, t, reader_index) for s, e, t in reader[1]]

    mention_counts = Counter(i for _, i in name_mentions)
    mention_counts.update(i for *_, i in epithets)
    mention_counts.update(i for *_, i in pronouns)
    mention_counts.update(i for *_, i in relatives)
    order = sorted(range(len(clusters)), key=lambda i: (-mention_counts[i], i))
    ids = {index: f"c{rank + 1}" for rank, index in enumerate(order)}
    epithet_forms: dict[int, Counter] = defaultdict(Counter)
    for _, _, text, index in epithets:
        epithet_forms[index][text.lower()] += 1

    characters = tuple(
        replace(
            _character(ids[i], clusters[i], genders[i], mention_counts[i], on_page[i], epithet_forms[i]),
            narrator=i == narrator_index,
        )
        for i in order
    )
    mentions = [Mention(o.start, o.end, story.text[o.start : o.end], ids[i], "name") for o, i in name_mentions]
    for kind, found in (("epithet", epithets), ("pronoun", pronouns), ("relation", relatives)):
        # (the text as written, not the parser's cased copy of a story in lower case)
        mentions += [Mention(s, e, story.text[s:e], ids[i], kind) for s, e, _, i in found]
    mentions.sort(key=lambda m: m.start)
    return Cast(characters=characters, mentions=tuple(mentions))


PRONOUN_GENDER_USES = 3
PRONOUN_GENDER_SHARE = 0.8
"""Pronouns the narration must give a character of unknown sex, and the share of one sex among them,
before the other sex's pronouns are no longer hers."""


def _unlike_their_pronouns(genders: list, pronouns: list[tuple]) -> dict[int, str]:
    """Characters whose sex no name use tells, and the pronoun that is not theirs: one the narration
    only ever calls "he" ("Ben's phone rang just as he got back. He groaned.") takes no "she". (Making
    him a he outright lets him take every "he" from others of unknown sex: LitBank speakers -12.)"""
    counts: dict[int, Counter] = defaultdict(Counter)
    for _, _, text, index in pronouns:
        if genders[index] is None and text.lower() in PRONOUN_GENDER:
            counts[index][PRONOUN_GENDER[text.lower()]] += 1
    unlike = {}
    for index, said in counts.items():
        gender, uses = said.most_common(1)[0]
        if uses >= PRONOUN_GENDER_USES and uses >= PRONOUN_GENDER_SHARE * said.total():
            unlike[index] = "f" if gender == "m" else "m"
    return unlike


READER = "Y/N"
"""The name a reader-insert story's reader goes by in the cast."""


CALLED_PARENT_USES = 2
"""Calls of a parent that make the parent a character: one "Mum" may be a word in passing."""
PARENT_OWNERS = frozenset({"his", "her", "their", "my", "your", "our"})
"""Owners of a parent the narration makes act: "their father said", not "Ida's father" (hers, named or not)."""


def _called_parents(parsed: Parsed, inside, kept: dict[str, list[_Occurrence]]) -> dict[str, tuple[list, str]]:
    """A parent the story never names, whom the dialogue calls ("Hi, Mum." / "Yes, Mum.", as on a phone
    call home) or the narration makes act ("their father said firmly", "Their mother set down her fork"):
    the word the dialogue most calls her, else the narration's word -> (each use as a use of that name, the
    parent's gender). Only when no name of the story bears the parent's title (Mrs. for a mother, Mr. for
    a father), who may be that parent, and the narration never names the parent ("his mother, Ida,")."""
    titles = {split_name(text).title for text in kept}
    calls: dict[str, list[tuple[int, object]]] = defaultdict(list)
    told: dict[str, list[tuple[int, object]]] = defaultdict(list)
    named: set[str] = set()
    for d, doc in enumerate(parsed.docs):
        for token in doc:
            if token.lower_ not in CALLED_PARENTS:
                continue
            gender = CALLED_PARENTS[token.lower_]
            if not inside(parsed.offsets[d] + token.idx):
                if any(c.dep_ == "appos" for c in token.children):
                    named.add(gender)  # "his mother, Ida,": she has a name
                owner = next((c for c in token.children if c.dep_ == "poss"), None)
                if owner is not None and owner.lower_ in PARENT_OWNERS and token.dep_ in ("nsubj", "nsubjpass"):
                    told[gender].append((d, token))
                continue
            if token.is_title and set_off(doc.text, token.idx, token.idx + len(token.text)):
                calls[gender].append((d, token))  # (not "Tell Dad I said hi", nor "'hi Mum'" quoted back)
    found = {}
    for gender in set(calls) | set(told):
        uses = calls[gender] if len(calls[gender]) >= CALLED_PARENT_USES else []
        uses += told[gender] if len(told[gender]) >= CALLED_PARENT_USES else []
        if not uses or ("mrs" if gender == "f" else "mr") in titles or gender in named:
            continue
        word = Counter(t.text for _, t in calls[gender] or told[gender]).most_common(1)[0][0]  # "Mum", though
        word = word[0].upper() + word[1:]  # once "Mother"; "Father" for "their father"
        if word in kept:
            continue
        found[word] = ([_Occurrence(
            start=parsed.offsets[d] + token.idx, end=parsed.offsets[d] + token.idx + len(token.text), text=word,
            in_quote=inside(parsed.offsets[d] + token.idx), initial=_sentence_initial(token), person=True,
            after_locative=False, after_the=False, place=False, doc=d, tagged=False, token=token.i,
            acts=token.dep_ in ("nsubj", "nsubjpass")) for d, token in sorted(uses, key=lambda u: (u[0], u[1].i))],
            gender)
    return found


def _placeholder_occurrences(uses: list[tuple[int, int, str]], parsed: Parsed, inside) -> list[_Occurrence]:
    """Each "Y/N" (or "Y/N L/N") as a use of one name, so that it is clustered, voted a gender and
    weighed for pronouns like any other name."""
    found = []
    for start, end, _ in uses:
        d = bisect.bisect_right(parsed.offsets, start) - 1
        doc, offset = parsed.docs[d], parsed.offsets[d]
        span = doc.char_span(start - offset, end - offset, alignment_mode="expand")
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        found.append(_Occurrence(
            start=start, end=end, text=READER, in_quote=inside(start), initial=_sentence_initial(span[0]),
            person=True, after_locative=False, after_the=False, place=False, doc=d,
            tagged=before in SPEECH_VERBS or after in SPEECH_VERBS, token=span.root.i,
            acts=span.root.dep_ in ("nsubj", "nsubjpass"),
        ))
    return found


def _name_occurrences(
    parsed: Parsed, inside: QuoteIndex, common_words: Counter, subjects: Counter
) -> list[_Occurrence]:
    """Runs of capitalised proper nouns (with their titles) in every paragraph. A word the tagger calls a
    common noun counts when it acts as a name does (``subjects``: "Charity slid into the booth", "Charity
    laughed", and never a "charity" in lower case)."""
    found = []
    acting = {word for word, n in subjects.items() if n >= NOUN_NAME_ACTS}
    for d, (doc, offset) in enumerate(zip(parsed.docs, parsed.offsets)):
        persons = {t.i for ent in doc.ents if ent.label_ == "PERSON" for t in ent}
        persons |= {t.i for t in doc if t.pos_ == "NOUN" and t.text in acting and t.dep_ in ("nsubj", "nsubjpass")}
        places = {t.i for ent in doc.ents if ent.label_ in ("GPE", "LOC", "FAC") for t in ent}
        peoples = {t.i for ent in doc.ents if ent.label_ == "NORP" for t in ent if t.tag_ == "NNPS"}
        i = 0
        while i < len(doc):
            j = i
            while j < len(doc) and (
                _name_token(doc, j, persons, at_start=j == i, common_words=common_words)
                or j == i and _particle(doc, j) and not _sentence_initial(doc[j])  # "cried de Valmont"
                or j > i and (_particle(doc, j) or _hyphen_link(doc, j) or _line_break_in_name(doc, j, persons))
            ):
                j += 1
            while j > i and title_key(doc[j - 1].text) and any(not title_key(t.text) for t in doc[i:j]):
                j -= 1
            inner = [k for k in range(i + 1, j) if title_key(doc[k].text) and not title_key(doc[k - 1].text)]
            if inner:
                j = inner[0]  # "Whereat Mrs. Grey", "Ida Mrs. Grey": the title starts a name of its own
            while j - i > 1 and not title_key(doc[i].text) and (
                _sentence_initial(doc[i]) and not {i, i + 1} <= places
                and (doc[i].lower_ in common_words or doc[i].tag_ in ("RB", "IN", "WRB"))
                or doc[i].lower_ in NOT_NAMES or doc[i].lower_ in CALENDAR
            ):  # (but "New York" opening a sentence is one place)
                i += 1  # "Poor Grey", "Saturday Anna Grey", "Happily Vance": a word before the name
            while i < j and doc[i].is_space:
                i += 1
            if j == i or _oath(doc, i, j):
                i = max(j, i + 1)
                continue
            span = doc[i:j]
            first = doc[i]
            head = doc[j - 1]
            quoted = inside(offset + first.idx)
            acts = any(t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX")
                       and inside(offset + t.head.idx) == quoted for t in span)  # not '"Coffee?" he asks'
            acts = acts or j - i == 1 and first.pos_ in ("ADV", "ADJ") and first.dep_ == "advmod" and (
                first.head.pos_ == "VERB" and first.head.i > i)  # "Cecily smiled", read as "Gently smiled"
            person = bool(persons & set(range(i, j))) or title_key(first.text) is not None or acts or (
                j - i == 1 and inside(offset + first.idx) and _vocative_shape(doc, i))  # "No Anna, ..."
            before = doc[i - 1].lower_ if i > 0 else ""
            if before and doc[i - 1].is_quote and i > 1:
                before = doc[i - 2].lower_  # the "Three Crowns"
            found.append(
                _Occurrence(
                    start=offset + span.start_char,
                    end=offset + span.start_char + len(span.text.rstrip("-—")),
                    text=" ".join(span.text.rstrip("-—").split()),  # "Mrs.\nGrey" is "Mrs. Grey"
                    in_quote=inside(offset + first.idx),
                    initial=_sentence_initial(first),
                    person=person,
                    after_locative=before in LOCATIVE_PREPOSITIONS  # "in Paris", "on the Thames"
                    or before == "the" and i > 1 and doc[i - 2].lower_ in LOCATIVE_PREPOSITIONS,
                    after_the=before == "the",
                    place=bool(places & set(range(i, j))) and not persons & set(range(i, j)),
                    people=bool(peoples & set(range(i, j))),
                    doc=d,
                    tagged=before in SPEECH_VERBS or (j < len(doc) and doc[j].lower_ in SPEECH_VERBS),
                    token=head.i,
                    acts=acts,
                    attributive=head.dep_ in ("compound", "amod") and head.head.i >= j,
                    after_a=_after_indefinite(doc, i),
                    of_family=head.dep_ in ("compound", "amod") and head.head.lower_ in FAMILY_NOUNS,
                    determined=before == "the" or any(c.dep_ == "det" and c.lower_ == "the" for c in head.children),
                )
            )
            i = j
    return found


TWO_PEOPLE_USES = 2
"""Uses at most of a first and last name run together ("Nell Tobin") whose two words the text also
joins by "and" as two people's names ("Nell and Tobin"): a list read as one name."""


def _two_people(text: str, uses: int, kept: dict[str, list[_Occurrence]], story_text: str) -> bool:
    """Whether a rare two-word name is two characters side by side: each word a name used alone more
    often than the pair, the second no family's name, and the two joined elsewhere by "and" or "or"."""
    words = text.split()
    if len(words) != 2 or uses > TWO_PEOPLE_USES or split_name(text).title:
        return False
    if any(len(kept.get(word, ())) <= uses for word in words):
        return False
    if any(other != text and other.endswith(" " + words[1]) for other in kept):
        return False  # a family's name ("Ida Grey" beside "Mrs. Grey"), not a second person
    a, b = map(re.escape, words)
    return re.search(rf"\b(?:{a},? (?:and|or) {b}|{b},? (?:and|or) {a})\b", story_text) is not None


def _whole_line(text: str, occurrence: _Occurrence) -> bool:
    """Whether a word in a quote is all of it, with its stop: ``"Comedown."``, ``'Setback?'``."""
    before, after = text[occurrence.start - 1 : occurrence.start], text[occurrence.end + 1 : occurrence.end + 2]
    return text[occurrence.end : occurrence.end + 1] in (".", "?") and _is_mark(before) and _is_mark(after)


def _is_mark(character: str) -> bool:
    """Whether a character is a quotation mark (the empty string, past the text's edge, is none)."""
    return len(character) == 1 and character in "\"'“”‘’«»"


def _after_indefinite(doc, i: int) -> bool:
    """Whether token ``i`` follows "a" or "an", maybe through adjectives ("a lying Moravian"), or the
    determiner "no" inside a sentence ("she was no Moravian"; not "No Ann, I'm not coming")."""
    k = i - 1
    while k >= 0 and (doc[k].pos_ == "ADJ" or doc[k].tag_ in ("VBG", "VBN")):
        k -= 1
    return k >= 0 and (doc[k].lower_ in INDEFINITE_ARTICLES or doc[k].lower_ == "no" and doc[k].dep_ == "det"
                       and not _sentence_initial(doc[k]))


def _oath(doc, i: int, j: int) -> bool:
    """Whether tokens ``i:j`` are a one-word name sworn by (``By George!``, ``No, by Jove, ...``), not a person."""
    if j - i != 1 or i == 0 or doc[i - 1].lower_ != "by" or j >= len(doc) or doc[j].text not in ("!", ",", "?", ";"):
        return False
    before = doc[i - 2] if i >= 2 else None
    return before is None or before.is_punct or before.is_space or before.lower_ in ("oh", "and", "but", "no", "yes")


def _trim_loose_tails(occurrences: list[_Occurrence], parsed: Parsed, lowercase: Counter) -> list[_Occurrence]:
    """A run of three or more capitalised words loses the last words that are common lowercase words
    and seldom capitalised in a name: a title-case heading ("Miss Nora Vance Rides Out") names Miss Nora Vance."""
    uses = Counter(word for o in occurrences for word in set(o.text.split()))

    def loose(word: str) -> bool:
        return uses[word] <= LOOSE_USES and lowercase[word.lower()] >= COMMON_USES

    trimmed = []
    for occurrence in occurrences:
        words = occurrence.text.split()
        keep = len(words)
        while loose(words[keep - 1]) and sum(title_key(w) is None for w in words[: keep - 1]) >= 2:
            keep -= 1  # two name words stay
        if keep == len(words):
            trimmed.append(occurrence)
            continue
        doc, offset = parsed.docs[occurrence.doc], parsed.offsets[occurrence.doc]
        end = occurrence.start - offset
        for word in words[:keep]:
            end = doc.text.index(word, end) + len(word)
        span = doc.char_span(occurrence.start - offset, end, alignment_mode="expand")
        trimmed.append(replace(occurrence, end=offset + end, text=" ".join(words[:keep]), token=span[-1].i))
    return trimmed


def _name_token(doc, j: int, persons: set[int], at_start: bool, common_words: Counter | None = None) -> bool:
    token = doc[j]
    text = token.text
    if not text[:1].isupper() or token.is_punct or text.lower() in ("'s", "’s"):
        return False
    if _shouted(text):
        return False  # "KING" in a heading
    if title_key(text):
        k = j + 2 if j + 2 < len(doc) and doc[j + 1].is_space and "\n" in doc[j + 1].text else j + 1
        if k < len(doc) and (doc[k].text[:1].isupper() or _particle(doc, k)):  # "Mrs.\nGrey" too
            return True
        return j > 0 and doc[j - 1].lower_ == "the" and not _sentence_initial(token)  # "the King"
    if not _NAME_WORD.match(text) or _CONTRACTION.search(text.rstrip("-—")):
        return False
    if text.endswith("n") and j + 1 < len(doc) and doc[j + 1].text == "t":
        return False  # "Couldn t say": a "Couldn't" that lost its apostrophe
    if token.pos_ == "PROPN" or j in persons:
        return True
    if common_words is not None and _misread_name(token, common_words):
        return True
    return token.pos_ != "PRON" and _vocative_shape(doc, j)  # not the "He" the tokenizer cuts from "Hes."


def _misread_name(token, common_words: Counter) -> bool:
    """A name the tagger took for an adverb by its ending ("and Cecily smiled"): capitalised inside a
    sentence, and never written in lower case in the story. Or one it took for a plural (``"...," Soames
    said``, "Soames" as the plural of a "soame"): the subject of the speech verb that tags the line just
    before it, never written in lower case, nor its singular."""
    if token.tag_ == "NNS" and token.lower_.endswith("s") and token.dep_ == "nsubj" and token.i > 0:
        return token.lower_ not in common_words and token.lower_[:-1] not in common_words and (
            token.head.lower_ in SPEECH_VERBS and token.nbor(-1).tag_ == "''")  # (a closing mark)
    return (token.pos_ in ("ADV", "ADJ") and token.lower_.endswith("ly") and token.lower_ not in common_words
            and not _sentence_initial(token))


def _shouted(text: str) -> bool:
    """All capitals, as in a heading (``KING``); ``M.`` and ``I`` are not."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _vocative_shape(doc, j: int) -> bool:
    """A capitalised word set off by a comma mid-sentence, as a name is when someone is addressed."""
    token = doc[j]
    if not token.is_title or _sentence_initial(token) or j + 1 >= len(doc):
        return False
    return doc[j + 1].text == "," or doc[j - 1].text == ","


def _line_break_in_name(doc, j: int, persons: set[int]) -> bool:
    """A line break inside a name of a hard-wrapped text: ``Mrs.\nGrey``, ``van\nder Berg``."""
    return doc[j].is_space and j + 1 < len(doc) and (
        _name_token(doc, j + 1, persons, at_start=False) or _particle(doc, j + 1))  # "Mr. van\nder Berg"


def _hyphen_link(doc, j: int) -> bool:
    """The glued pieces of a hyphenated name: the ``-``, ``the`` and ``-`` of Wilf-the-Mole."""
    token = doc[j]
    glued = not doc[j - 1].whitespace_ and not token.whitespace_ and j + 1 < len(doc)
    if not glued:
        return False
    if token.text == "-":
        return doc[j + 1].text[:1].isupper() or doc[j + 1].is_lower and j + 2 < len(doc) and doc[j + 2].text == "-"
    return doc[j - 1].text == "-" and doc[j + 1].text == "-" and token.is_lower


def _particle(doc, j: int) -> bool:
    """``van der``, ``de``, ``du`` inside a name, when a capitalised name word follows."""
    k = j
    while k < len(doc) and (doc[k].lower_ in NAME_PARTICLES and doc[k].is_lower
                            or k > j and doc[k].is_space and "\n" in doc[k].text):  # "van der\nBerg"
        k += 1
    return k > j and k < len(doc) and doc[k].text[:1].isupper() and doc[k].pos_ == "PROPN"


def _sentence_initial(token) -> bool:
    """Capitalised for grammar rather than for a name: a sentence's or quote's first word."""
    if token.is_sent_start or token.i == 0:
        return True
    previous = token.nbor(-1)
    doc = token.doc
    if previous.text in ("*", "_") and token.i + 2 < len(doc) and doc[token.i + 2].text == previous.text and (
            doc[token.i + 1].text in (",", ".", "!", "?")):
        return True  # "*Stupid,* she thought": a one-word italic run, a word capitalised as a sentence is
    return previous.is_quote or previous.text in ("“", "‘", '"', "'", "—", "--", "(")


def _person_names(occurrences: list[_Occurrence], lowercase: Counter, subjects: Counter, modifiers: Counter,
                  story_text: str) -> dict[str, list[_Occurrence]]:
    """The name forms with enough evidence that they name a person. Of the counts ``_word_counts`` makes,
    ``subjects`` lets a name act where the tagger misread it ("Piers stood up", taken for the plural of
    "pier"), and ``modifiers`` tells "Merry Christmas" from "Rose Grey". ``story_text`` is the story's text."""
    by_text: dict[str, list[_Occurrence]] = defaultdict(list)
    for occurrence in occurrences:
        by_text[occurrence.text].append(occurrence)
    kept, common, rare = {}, {}, {}
    for text, found in by_text.items():
        form = split_name(text)
        if form is None or any(w.lower() in NOT_NAMES for w in form.words) or not form.title and (
            _plural_title(form.first) or form.words[-1].lower() in PLACE_HEADS
            or len(form.words) > 1 and (form.words[-1].lower() in NAMED_PLACE_HEADS
                                        or form.first.lower() in PLACE_OPENERS)
        ):
            continue  # "Misses", "Rosa Villa", "the Museum", "Ashcombe Hall", "Piazza Ducale"
        if len(form.words) == 1 and not form.title and form.first.lower() in CALENDAR:
            continue
        if len(form.words) == 1 and not form.title and all(
                o.in_quote and o.initial and not o.tagged and (story_text[o.end:o.end + 1] == "!" or _whole_line(
                    story_text, o)) for o in found):
            continue  # "Bosh!", "Pish!" opening a line, and never in the narration: an exclamation; and a
            # line of one word ('"Comedown."'), an answer, unless the word names someone elsewhere too
        if form.title not in PERSONAL_TITLES and (
                sum(o.after_locative for o in found) * 2 > len(found) or sum(o.people for o in found) * 2 > len(found)):
            continue  # "in Paris", "the Italians" (but "a letter from Miss Ida Grey" names a woman)
        acting, tagged = sum(o.person for o in found), sum(o.tagged for o in found)
        if not acting and len(form.words) == 1 and not form.title:
            acting = subjects[form.first]
        if sum(o.place for o in found) * 2 > len(found) and tagged < 2 and (
            not acting or acting < 2 * sum(o.after_locative for o in found)
        ):
            continue  # "New York", "Breezy Corner": a place, more often gone to than acting
        if len(form.words) == 1 and not form.title and not tagged and sum(o.after_a for o in found) * 2 > len(found):
            continue  # "a Socialist", "a lying Moravian": a kind of person, not someone's name
        if len(form.words) == 1 and not form.title and any(o.of_family for o in found) and all(
                o.determined or o.attributive for o in found) and not any(
                other != text and other.endswith(" " + text) for other in by_text):
            continue  # "the Marlowe family", "the youngest Marlowe, Pip": a family's name, never one person's
            # (unless some "Miss Marlowe" bears it: then its uses keep her in mind)
        if len(found) >= 5 and not form.title and acting * 10 < len(found) and not tagged:
            continue  # "the Casino": named often, never doing anything
        named_thing = sum(o.after_the and not o.attributive for o in found) * 2 > len(found)
        if not form.title and not title_key(form.first) and named_thing and not tagged and not any(
            o.acts for o in found
        ):
            continue  # "on the Hollowberg", "at the Three Crowns": a thing with a name, never acting
        if len(form.words) == 1 and title_key(form.first) and form.first.endswith("."):
            continue  # a title alone ("Mr.") before an initial
        if form.first.lower() in MONTH_NAMES and len(form.words) == 1 and acting * 2 <= len(found) and tagged < 2:
            continue  # "in June", unless June acts or speaks
        if len(form.words) > 1 and not form.title and not tagged and not any(o.acts for o in found) and (
                2 * modifiers[form.first.lower()] > lowercase[form.first.lower()] >= 2):
            continue  # "a First Class", "Merry Christmas": a word that qualifies, not a first name
        mid_sentence = sum(not o.initial for o in found)
        if len(form.words) == 1 and not form.title and lowercase[form.first.lower()] > mid_sentence and tagged < 2:
            common[text] = found
        elif len(found) >= 2 or acting:
            kept[text] = found
        elif len(form.words) > 1 and not form.title:
            rare[text] = found
    for text in [t for t in kept if t.endswith("s") and t[:-1] in kept and (
            len(kept[t[:-1]]) >= len(kept[t]) or sum(o.after_the for o in kept[t]) * 2 > len(kept[t]))]:
        del kept[text]  # "the Greys": a family, not a person ("De Valmonts" is no family of a stray "De Valmont")
    singles = {text for text in kept if " " not in text}
    for text, found in rare.items():  # "Nora Quill", once, when "Nora" is a name here
        if split_name(text).first in singles:
            kept[text] = found
    firsts = {split_name(text).first for text in kept}
    lasts = {form.last for form in map(split_name, kept) if len(form.words) > 1}
    for text, found in common.items():  # "Will" is also a word, but here a short form of a name;
        surname = text in lasts and sum(o.person for o in found) * 2 > len(found)
        if _mid_sentence_only(found) and (surname or any(is_nickname(text, first) for first in firsts)):
            kept[text] = found  # "Swift" is a word, but here the surname of Piers Swift
    return kept


def _word_counts(parsed: Parsed, inside: QuoteIndex) -> tuple[Counter, Counter, Counter]:
    """In one pass over the tokens: how often each word is written in lower case; how often so as a
    modifier (adjective, adverb, number: "good", "merry", "second" qualify, where "rose" names a flower
    or a rising); and how often each capitalised word, never written in lower case, is the subject of a
    verb in the narration, whatever part of speech the tagger gave it there."""
    lowercase, modifiers, subjects = Counter(), Counter(), Counter()
    for doc, offset in zip(parsed.docs, parsed.offsets):
        for token in doc:
            if token.is_lower:
                lowercase[token.text] += 1
                if token.pos_ in ("ADJ", "ADV", "NUM"):
                    modifiers[token.text] += 1
            elif token.dep_ in ("nsubj", "nsubjpass") and token.text[:1].isupper() and token.is_alpha and not inside(
                    offset + token.idx):
                subjects[token.text] += 1
    return lowercase, modifiers, Counter({w: n for w, n in subjects.items() if w.lower() not in lowercase})


def _plural_title(word: str) -> bool:
    """``Captains``, ``Countesses``, ``Misses``: a title for several people, naming no one."""
    return not title_key(word) and any(word.endswith(end) and title_key(word[: -len(end)]) for end in ("s", "es"))


def _mid_sentence_only(found: list[_Occurrence]) -> bool:
    return all(not o.initial for o in found)


def _cluster_names(kept: dict[str, list[_Occurrence]], votes: dict[str, Counter],
                   daughters: frozenset[str] = frozenset(),
                   juniors: frozenset[tuple[str, str]] = frozenset()) -> list[_Cluster]:
    """Group name forms that name one person: full names first, then titled, then single words.
    ``daughters`` holds the family names the text gives a Miss or Mlle. (``_daughters``), ``juniors``
    its couples named by the husband's first name beside a plain couple (``junior_couples``)."""
    forms = {text: split_name(text) for text in kept}
    counts = {text: len(found) for text, found in kept.items()}
    talks = {text: sum(o.tagged for o in found) for text, found in kept.items()}

    singles = [text for text, form in forms.items() if len(form.words) == 1 and not form.title]

    def rank(text: str) -> tuple:
        form = forms[text]
        kind = 0 if len(form.words) > 1 else 1 if form.title else 2
        short = kind == 2 and any(is_nickname(text, other) for other in singles)  # "Theodore" gathers Theo
        return (kind, short, -counts[text], text)  # and Ted, which alone would not meet

    clusters: list[_Cluster] = []
    counted: set[str] = set()
    for text in sorted(kept, key=rank):
        form = forms[text]
        target = _matching_cluster(form, _form_gender(form, votes[text]), clusters, counts[text], talks)
        if target is not None and form.title in STYLED_TITLES and form.first in daughters and not any(
                n.marital == "married" for n in target.names):
            target = None  # "Madame Pell" beside "Mlle. Pell": Ida Pell's mother, not Ida
        if target is not None and form.title in ("mr", "mrs") and len(form.words) == 1 and any(
                (n.first, n.last) in juniors and n.last == form.first for n in target.names if len(n.words) == 2):
            target = None  # "Mr. Pell" of "Mr. and Mrs. Pell", not Tobin Pell of "Mr. and Mrs. Tobin Pell"
        if target is not None and _his_wife(form, target, votes, forms):
            target.gender_votes["m"] += 1  # (and he is a man: "Mr. Vance" is more likely him)
            target = None  # "Mrs. Tobin Vance" is not Tobin Vance: his wife
        if target is None and form.marital == "married" and len(form.words) == 1:
            target = _her_full_name(form, clusters, kept, forms)
        if target is None and len(form.words) == 1 and not form.title and counts[text] <= RARE_FORM:
            target = _spelled_otherwise(text, clusters, counts[text])
        if target is None:
            target = _Cluster()
            clusters.append(target)
        target.forms[text] += counts[text]
        target.names.append(form)
        for source in (text, form.first if len(form.words) > 1 and form.first in kept else None):
            if source and source not in counted:  # "Tobin Vance" is a he before "Tobin" joins
                target.gender_votes.update(votes[source])
                counted.add(source)
    return clusters


def _his_wife(form: NameForm, cluster: _Cluster, votes: dict[str, Counter], forms: dict[str, NameForm]) -> bool:
    """Whether the form and the cluster are a man's full name and his wife's ("Tobin Vance", "Mrs. Tobin
    Vance"): a married woman's name that holds a first name the text calls "he", or one it never calls
    "she" when no title goes before that first name alone ("Mrs. Ida", hers) and no other man the text
    calls "he" has the surname ("Hugo Vance", her husband)."""
    if len(form.words) < 2 or form.marital not in ("married", None):
        return False
    other = [n for n in cluster.names if len(n.words) > 1 and n.first == form.first and n.last == form.last
             and (n.marital == "married") != (form.marital == "married")]
    his = next((n for n in (form, *other) if n.marital is None), None)  # (votes of "Tobin" and "Tobin Vance")
    said = votes.get(form.first, Counter()) + (votes.get(his.text, Counter()) if his is not None else Counter())
    gender = _form_gender(split_name(form.first), said)
    if not other or gender == "f":
        return False
    hers = any(f.title and f.gender == "f" and f.words == (form.first,) for f in forms.values())
    husband = any(f.title is None and len(f.words) > 1 and f.last == form.last and f.first != form.first
                  and _form_gender(f, votes.get(text, Counter())) == "m" for text, f in forms.items())
    return gender == "m" or not hers and not husband


def _part_father_and_son(clusters: list[_Cluster], kept: dict[str, list[_Occurrence]],
                         votes: dict[str, Counter]) -> list[_Cluster]:
    """Father and son joined by their one surname ("Mr. Grey" and "Piers Grey"): when the narration
    calls the man both by his first name and "Mr. Surname", each of them often, "Mr. Surname" is
    the other man."""
    def told(text: str) -> int:
        return sum(not o.in_quote for o in kept[text])

    for cluster in list(clusters):
        surnames = {n.last for n in cluster.names if len(n.words) > 1}
        first = sum(told(n.text) for n in cluster.names if not n.title and len(n.words) == 1
                    and n.first not in surnames)
        for name in [n for n in cluster.names if n.title == "mr" and len(n.words) == 1 and n.first in surnames]:
            uses = told(name.text)
            if uses >= KIN_USES and uses >= KIN_SHARE * first and first >= KIN_USES:
                clusters.append(_Cluster(forms=Counter({name.text: cluster.forms.pop(name.text)}), names=[name],
                                         gender_votes=Counter(votes[name.text])))
                cluster.names.remove(name)
                cluster.gender_votes.subtract(votes[name.text])
    return clusters


UNMARRIED_FAMILY = re.compile(r"\b(?:Miss|Mlle\.?|Mademoiselle)\s+((?:(?:de|du|van|von|la|le|der)\s+)*[A-Z][\w'’-]+)")
"""A family name after a title for an unmarried woman: "Miss Pell", "Mlle. de Pell"."""


def _daughters(text: str) -> frozenset[str]:
    """The family names the story gives an unmarried woman by title, as written ("de Pell"), whether or
    not that form is kept as a name."""
    return frozenset(match[1] for match in UNMARRIED_FAMILY.finditer(text))


def _join_kin_appositions(clusters: list[_Cluster], kept: dict[str, list[_Occurrence]],
                          parsed: Parsed) -> list[_Cluster]:
    """"Mrs. Vance, her aunt Nora," and "Mrs. Vance (Aunt Nora)" in the narration: the family name and
    the family title are one person, which no other way of matching names can tell."""
    cluster_of = {text: cluster for cluster in clusters for text in cluster.forms}
    at = {(o.doc, o.token): text for text, found in kept.items() for o in found if not o.in_quote}
    for (d, i), text in list(at.items()):
        token = parsed.docs[d][i]
        other = at.get((d, token.head.i)) if token.dep_ == "appos" else None
        if other is None:
            continue
        a, b = cluster_of[text], cluster_of[other]
        titles = {split_name(text).title, split_name(other).title}
        kin = titles & KIN_TITLES or any(c.lower_ in KIN_TITLES for c in token.children)  # "her aunt Nora"
        if a is b or not kin or not titles & FAMILY_TITLES or _firm_gender(a) != _firm_gender(b):
            continue
        clusters = _absorb(a, b, clusters, cluster_of)
    return clusters


KNOWN_AS = re.compile(r"\s*,?\s*(?:(?:better|also|commonly|generally|usually) )?(?:known|called)"
                      r"(?: to [^,.;:!?\"“”]{1,40}?)? as\s*")
"""What the narration puts between a name and another it goes by: "Edwin Pell, known to his friends as"."""
OR_ELSE = re.compile(r"\s*,?\s*or\s*")
"""And between that name and a third: "known as Tubby, or Tub for short"."""
OR_AS = (re.compile(r"\s*,\s*or\s+"),
         re.compile(r"\s*,\s*as\b[^.;:!?\"“”]{0,40}?\b(?:called|termed|known|named|nicknamed|styled)\b"))
"""Around a second name the narration gives: "Edwin, or Tubby, as his friends called him"."""
MARRIED_AS = re.compile(r"\s*[,(]\s*(?:now|formerly|once|n[ée]e)\s+")
"""What puts a woman's married name beside her maiden name: "Miss Ashby, now Mrs. Pell", "Mrs. Ashby
(née Grey)"."""
SET_APART = re.compile(r"\s*[,;:.!?)]")
"""What ends such an aside ("Miss Ashby, now Mrs. Pell, had"), unlike a clause ("Nell, now Mrs. Ashby
had gone")."""
THAT_WAS = (re.compile(r"\s*\(\s*(?:poor |the )?"), re.compile(r" that was\b"))
"""And around a maiden name after the married one: "Mrs. Ashby (poor Nell Grey that was)"."""
NAME_WORDS = r"(?:(?:real|true|actual|proper|own|mortal|christian|given|full|first|stage|pen) )?name"
NAMED_AS = (re.compile(r"\s+(?:was|is)\s+"), re.compile(rf"['’]s {NAME_WORDS}\b(?! for\b)", re.IGNORECASE),
            re.compile(rf"['’]s {NAME_WORDS} (?:was|is)\s+", re.IGNORECASE))
"""A name said to be another's: "Hugo was Tobin's real name" (the gap, then what follows the second
name, not "Hugo was Tobin's name for the dog"), "Tobin's real name was Hugo" (the gap)."""
REAL_NAME = re.compile(r"\b(his|her) (?:real|true|actual|proper) name (?:is|was|being)\s+$", re.IGNORECASE)
"""What puts a name on someone just named: "'Her real name is Nell Grey,' the boy went on"."""
REAL_NAME_WITHIN = 3
"""Paragraphs back (the name's own first) searched for the one whose real name it is."""
REAL_NAME_REACH = 80
"""Characters before a name searched for those words."""


def _join_known_as(clusters: list[_Cluster], kept: dict[str, list[_Occurrence]], parsed: Parsed) -> list[_Cluster]:
    """"Edwin Pell, known to his friends as Tubby, or Tub for short", "Miss Ashby, now Mrs. Pell": one
    character by two or three names, as the text says outright."""
    cluster_of = {text: cluster for cluster in clusters for text in cluster.forms}
    by_doc: dict[int, list[_Occurrence]] = defaultdict(list)
    for found in kept.values():
        for o in found:
            by_doc[o.doc].append(o)
    for d, found in by_doc.items():
        found.sort(key=lambda o: o.start)
        text, offset = parsed.docs[d].text, parsed.offsets[d]
        joined = False
        for first, second in pairwise(found):
            gap, after = text[first.end - offset : second.start - offset], text[second.end - offset :]
            joined = _one_by_two_names(first.text, second.text, gap, after, joined)
            a, b = cluster_of[first.text], cluster_of[second.text]
            sexes = {_firm_gender(a), _firm_gender(b)} - {None}
            if not joined or a is b or len(sexes) > 1:
                continue
            clusters = _absorb(a, b, clusters, cluster_of)
    return _join_real_names(clusters, cluster_of, by_doc, parsed)


def _one_by_two_names(first: str, second: str, gap: str, after: str, listed: bool) -> bool:
    """Whether the text around two names side by side (``gap`` between them, ``after`` the second) says
    they are one person's: "Edwin Pell, known as Tubby" (and ", or Tub", when ``listed``, the pair before
    so joined), "Miss Ashby, now Mrs. Pell", "Tobin's real name was Hugo", "Hugo was Tobin's real name",
    "Edwin, or Tubby, as his friends called him"."""
    if NAMED_AS[0].fullmatch(gap) and NAMED_AS[1].match(after) or OR_AS[0].fullmatch(gap) and OR_AS[1].match(after):
        return True  # (the "'s" after the second name belongs to the pattern)
    if after.startswith(("'s", "’s")):
        return False  # ("known as Hugo's widow")
    return bool(KNOWN_AS.fullmatch(gap) or listed and OR_ELSE.fullmatch(gap) or NAMED_AS[2].fullmatch(gap)
                or _married_as(first, second, gap, after))


def _join_real_names(clusters: list[_Cluster], cluster_of: dict[str, _Cluster],
                     by_doc: dict[int, list[_Occurrence]], parsed: Parsed) -> list[_Cluster]:
    """"'Her real name is Nell Grey,' said the boy": the name joins the last woman (for "his", man) named
    before it, whoever says it. A "real" name is one more name for someone already there; a plain "her
    name is" often brings in someone new. The first such words about a name decide: the same words
    again, after another woman is named, do not join her to that one."""
    joined: set[int] = set()
    for d, found in sorted(by_doc.items()):
        text, offset = parsed.docs[d].text, parsed.offsets[d]
        for occurrence in found:
            start = occurrence.start - offset
            said = REAL_NAME.search(text, max(0, start - REAL_NAME_REACH), start)
            named = cluster_of[occurrence.text]
            if said is None or id(named) in joined or _firm_gender(named) not in (
                    None, PRONOUN_GENDER[said[1].lower()]):
                continue
            before = [o for back in range(d - REAL_NAME_WITHIN + 1, d + 1) for o in by_doc.get(back, ())
                      if o.start < occurrence.start and o.text != occurrence.text]
            owner = next((cluster_of[o.text] for o in reversed(before)
                          if _firm_gender(cluster_of[o.text]) == PRONOUN_GENDER[said[1].lower()]), None)
            if owner is None:
                continue
            if owner is not named:  # (the last woman named may be her already)
                clusters = _absorb(owner, named, clusters, cluster_of)
            joined.add(id(owner))
    return clusters


LISPED = re.compile(r"[Ss]|[Cc](?=[eiy])|[Zz]")
"""The sounds a lisp turns to "th": "Thethilia" for "Cecilia", "Thuthan" for "Susan"."""


def _join_lisped(clusters: list[_Cluster], kept: dict[str, list[_Occurrence]]) -> list[_Cluster]:
    """A name only the dialogue says, as a lisping speaker says another's ("Thethilia" beside "Cecilia"),
    is that one's: no one is named so in the narration."""
    plain: dict[str, list[_Cluster]] = defaultdict(list)
    for cluster in clusters:
        for form in cluster.forms:
            lisped = LISPED.sub(lambda m: "Th" if m[0].isupper() else "th", form)
            if lisped != form and " " not in form:
                plain[lisped].append(cluster)
    for cluster in list(clusters):
        said = [form for form in cluster.forms if form in kept and all(o.in_quote for o in kept[form])]
        owners = {id(c): c for form in said for c in plain.get(form, ()) if c is not cluster and c in clusters}
        if said and len(said) == len(cluster.forms) and len(owners) == 1:
            clusters = _absorb(next(iter(owners.values())), cluster, clusters)
    return clusters


AGE_WORDS = frozenset({"old", "young", "elder", "younger"})
"""What sets apart two of a family's women or men: "old Mrs. Pell" is not "young Mrs. Pell"."""
AGED_USES = 3
"""Uses of a bare titled name with one of those words before it that tie it to the full name with it."""


def _join_by_age(clusters: list[_Cluster], kept: dict[str, list[_Occurrence]], parsed: Parsed) -> list[_Cluster]:
    """"Mrs. Pell" among "Mrs. Ida Pell" and "Mrs. Nell Pell" is a person of her own, unless the text
    keeps an age for her: when it often says "old Mrs. Pell", and "old" goes before only one of the
    others' full names ("old Mrs. Ida Pell"), she is that one."""
    def ages(form: str) -> Counter:
        return Counter(word for o in kept.get(form, ()) if (word := _word_before(o, parsed)) in AGE_WORDS)

    for cluster in list(clusters):
        bare = [n for n in cluster.names if n.title and len(n.words) == 1]
        if not bare or any(len(n.words) > 1 or n.first != bare[0].first for n in cluster.names):
            continue  # ("Mrs. Pell", "Pell")
        aged = sum((ages(n.text) for n in bare), Counter()).most_common(1)
        if not aged or aged[0][1] < AGED_USES:
            continue
        fuller = [c for c in clusters if c is not cluster and any(
            n.title == bare[0].title and len(n.words) > 1 and n.last == bare[0].first and ages(n.text)[aged[0][0]]
            for n in c.names)]
        if len(fuller) == 1:
            clusters = _absorb(fuller[0], cluster, clusters)
    return clusters


def _word_before(occurrence: _Occurrence, parsed: Parsed) -> str:
    """The word just before a name in its paragraph, in lower case ("old" of "old Mrs. Pell")."""
    before = parsed.docs[occurrence.doc].text[: occurrence.start - parsed.offsets[occurrence.doc]].split()
    return before[-1].lower() if before else ""


def _married_as(first: str, second: str, gap: str, after: str) -> bool:
    """Whether two names side by side are one woman's married and maiden names, as the text says: one
    of them a "Mrs." and the other not."""
    if sum(getattr(split_name(name), "title", None) == "mrs" for name in (first, second)) != 1:
        return False
    return bool(MARRIED_AS.fullmatch(gap) and SET_APART.match(after)
                or THAT_WAS[0].fullmatch(gap) and THAT_WAS[1].match(after))


def _absorb(a: _Cluster, b: _Cluster, clusters: list[_Cluster],
            cluster_of: dict[str, _Cluster] | None = None) -> list[_Cluster]:
    """Make ``b``'s names, counts and gender votes ``a``'s (and its forms ``a``'s in ``cluster_of``):
    the clusters without ``b``."""
    for form, count in b.forms.items():
        a.forms[form] += count
        if cluster_of is not None:
            cluster_of[form] = a
    a.names += b.names
    a.gender_votes.update(b.gender_votes)
    return [c for c in clusters if c is not b]


def _join_eldest_daughter(clusters: list[_Cluster]) -> list[_Cluster]:
    """"Miss Grey" alone is the eldest unmarried daughter; her younger sisters are "Miss Ann Grey",
    "Miss Ann". When the full names show exactly one woman of that surname never called so, she is
    Miss Grey, unless some Miss Ida Grey goes only by her full name (an aunt who may be the Miss Grey)."""
    for miss in [c for c in clusters if c.names and all(n.title == "miss" and len(n.words) == 1 for n in c.names)]:
        surname = miss.names[0].last
        sisters = [c for c in clusters if c is not miss and _gender(c) == "f" and any(
            n.last == surname and len(n.words) > 1 and n.title in (None, "miss") for n in c.names
        ) and not any(n.title and n.title != "miss" for n in c.names)]
        eldest = [c for c in sisters if not any(n.title == "miss" and n.first != surname for n in c.names)]
        formal = [c for c in sisters if all(len(n.words) > 1 for n in c.names)]  # only ever "Miss Ann Grey"
        if len(eldest) != 1 or len(sisters) < 2 or formal:
            continue  # (an aunt known as Miss Ann Grey may be the Miss Grey)
        clusters = _absorb(eldest[0], miss, clusters)
    return clusters


def _form_gender(form: NameForm, votes: Counter) -> str | None:
    if form.gender:
        return form.gender
    total = votes["m"] + votes["f"]
    if total >= 2:
        leader = "m" if votes["m"] > votes["f"] else "f"
        return leader if votes[leader] / total >= 0.75 else None
    return None


def _matching_cluster(form: NameForm, gender: str | None, clusters: list[_Cluster], uses: int,
                      talks: dict[str, int]) -> _Cluster | None:
    """The one cluster this name form (used ``uses`` times) belongs to, or None when none or several fit.
    ``talks`` counts the uses of each name form beside a speech verb."""
    alone = title_key(form.first) if len(form.words) == 1 and not form.title else None
    if alone is not None:  # "the Viscountess": the one character who bears the title, or bears it most
        holders = sorted((sum(c.forms[n.text] for n in c.names if n.title == alone), k)
                         for k, c in enumerate(clusters))
        if not holders or not holders[-1][0] or (
                len(holders) > 1 and holders[-1][0] <= TITLE_HOLDER * holders[-2][0]):
            return None
        return clusters[holders[-1][1]]
    fits = [c for c in clusters if _agrees(form, gender, c) and _same_name(form, c)]
    if form.title and len(form.words) == 1:
        if any(form.first in (n.last, n.surname) for c in clusters for n in c.names):  # a family's name:
            fits = [c for c in fits if any(form.first in (n.last, n.surname) for n in c.names)]  # not a first
        if form.gender:  # "Mr. Grey" is not Nell Grey, whom pronouns call she
            fits = [c for c in fits if _gender(c) in (None, form.gender)]
        family = [c for c in clusters if any(n.last == form.first for n in c.names)]
        if len(family) > 1:  # "Mr. Wilf Pell" among Pells: "Mr. Pell" is another man, the head of the family
            fits = [c for c in fits if not any(  # when he is named in full often, and "Mr. Pell" far more often
                n.title == form.title and len(n.words) > 1 and n.last == form.first
                and 10 <= c.forms[n.text] and uses > HEAD_OF_FAMILY * c.forms[n.text]
                for n in c.names)]
    if len(fits) <= 1 or len(form.words) > 1:
        return fits[0] if fits else None
    if form.title:
        plain = [c for c in fits if not any(n.title and n.title != form.title for n in c.names)]
        firm = [c for c in plain if form.gender and _firm_gender(c) == form.gender]
        if len(firm) == 1 or not firm and len(plain) == 1:  # "Mr. Swift": the one man of the Swifts
            return (firm or plain)[0]  # (Sir Roland is not "Mr. Pell")
        leaning = [c for c in plain if form.gender and _gender(c) == form.gender]
        if not firm and len(leaning) == 1:
            return leaning[0]  # "Mr. Grey": Josh Grey, whom a pronoun once called he, not Lou Grey
        talking = [c for c in (firm or leaning) if any(talks.get(f, 0) for f in c.forms)] if form.title == "mr" else []
        if len(talking) == 1:  # "Mr. Grey": Tobin Grey, who speaks, not his brother Hugo Grey, only spoken of
            return talking[0]  # (not for "Miss Grey", the eldest sister's name before the first names join)
        return None  # "Mrs. Grey" with several Greys on stage: a person of her own
    word = form.first
    by_first = [c for c in fits if any(n.first == word and (len(n.words) > 1 or not n.title) for n in c.names)]
    by_title = [c for c in fits if any(n.title and len(n.words) == 1 and n.last == word for n in c.names)]
    if len(by_first) == 1 and by_title:
        usual = max(by_title, key=lambda c: _uses(c, word))
        if _uses(usual, word) > _uses(by_first[0], word):
            return usual  # "Hardwick" is Colonel Hardwick, not the once-named Mr. Hardwick Vance
    if len(by_first) == 1:
        return by_first[0]
    titled_men = [c for c in fits if any(n.title == "mr" and n.last == word for n in c.names)]
    if len(titled_men) == 1:
        return titled_men[0]  # a bare surname is mostly the man of the family
    men = [c for c in fits if _firm_gender(c) == "m"]
    if len(men) == 1:
        return men[0]
    return max(fits, key=lambda c: c.count)


def _spelled_otherwise(word: str, clusters: list[_Cluster], uses: int) -> _Cluster | None:
    """The one cluster whose much more used one-word name differs from this rare one by a vowel or two
    swapped letters (``Roseline`` beside ``Rosaline``, ``Madeline`` beside ``Madeleine``, ``Hollsi`` beside
    ``Hollis``): a spelling slip, not a person;
    or by its ending (``Rosia`` beside ``Rosy``): the same name as another tongue says it."""
    found = [c for c in clusters if any(" " not in form and c.forms[form] >= SPELLING_SHARE * uses and (
        uses <= RARE_SPELLING and _misspelt(word, form) or _ending_apart(word, form)) for form in c.forms)]
    return found[0] if len(found) == 1 else None


def _ending_apart(a: str, b: str) -> bool:
    """One name in another language's ending: ``Rosia`` and ``Rosy``, ``Ottilia`` and ``Otty``."""
    stems = [name.lower()[: -len(end)] for name in (a, b) for end in NAME_ENDINGS if name.lower().endswith(end)]
    return len(stems) == 2 and stems[0] == stems[1] and len(stems[0]) >= 3 and a.lower() != b.lower()


def _misspelt(a: str, b: str) -> bool:
    """One name written two ways by slip of the pen: a vowel apart, or two letters swapped."""
    return _vowel_apart(a, b) or _swapped(a, b)


def _swapped(a: str, b: str) -> bool:
    """Same first letter and length of five or more, and two neighbouring letters swapped (the
    fandom's "Hermoine" for "Hermione")."""
    if a == b or a[:1] != b[:1] or len(a) != len(b) or len(a) < 5:
        return False
    diff = [k for k, (x, y) in enumerate(zip(a.lower(), b.lower())) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _vowel_apart(a: str, b: str) -> bool:
    """Same first letter and length of five or more, and one vowel changed, added or dropped."""
    if a == b or a[:1] != b[:1] or min(len(a), len(b)) < 5:
        return False
    if len(a) == len(b):
        diff = [(x, y) for x, y in zip(a.lower(), b.lower()) if x != y]
        return len(diff) == 1 and all(ch in VOWELS for ch in diff[0])
    short, long = sorted((a.lower(), b.lower()), key=len)
    return len(long) == len(short) + 1 and any(
        long[k] in VOWELS and long[:k] + long[k + 1 :] == short for k in range(len(long)))


def _her_full_name(
    form: NameForm, clusters: list[_Cluster], kept: dict[str, list[_Occurrence]], forms: dict[str, NameForm]
) -> _Cluster | None:
    """"Madame Vance" and "Nora Vance": one woman when Nora is the only Vance named in full, no Miss Vance
    is about, no pronoun calls Nora he, and the narration seldom names both in one paragraph (a mother
    and her daughter share many)."""
    family = [c for c in clusters if any(len(n.words) > 1 and n.last == form.first for n in c.names)]
    if len(family) != 1 or _gender(family[0]) not in (None, "f"):
        return None
    firsts = {n.first for n in family[0].names if len(n.words) > 1 and n.last == form.first}
    unmarried = any(other.marital == "unmarried" and other.last == form.first for other in forms.values())
    if len(firsts) != 1 or unmarried:
        return None
    titled = {o.doc for o in kept[form.text] if not o.in_quote}
    hers = [n.text for n in family[0].names] + list(firsts)  # her first name alone is not clustered yet
    named = {o.doc for text in hers for o in kept.get(text, ()) if not o.in_quote}
    together = len(titled & named) / max(1, min(len(titled), len(named)))
    return family[0] if together < TOGETHER else None


SHADOW_USES = 4
"""Uses of a role noun, and speech tags of the named one, before a role noun can be taken for a name."""
SHADOW_SHARE = 0.75
"""Share of a role noun's uses that must come soon after the named one (among the last three named)."""
SHADOW_MANY, SHADOW_APART = 8, 3
"""Uses of a role noun, and the share (one in three) of them near the one talker never beside it, that
also make it that talker when others are near it as often."""


NAMED_NEAR = 12
"""Names the narration last gave, among which a character of a general role noun's sex makes it no
character of its own. (PDNC dev speaker lines are the same from 4 to 60; LitBank +26 lines at any of them.)"""


def _shadowed(
    key: str, nominal_uses: list[tuple], votes: Counter, name_mentions: list, named: list[tuple[int, int]],
    genders: list, sentences: list[tuple[int, int]],
) -> int | None:
    """The named talker a role noun always follows and never stands beside: "the clergyman" who speaks
    wherever Mr. Bee is, and never in a sentence with him, is Mr. Bee. Used often, it may follow others too,
    if he is the one man near it a third of the time and never beside it. (PDNC dev: two such role nouns,
    19 and 12 lines gained, none lost; LitBank's one candidate, a surgeon beside a newborn, fails the
    talker test.)"""
    uses = [s for s, _, _, k in nominal_uses if k == key]
    gender = _gender(_Cluster(gender_votes=votes))
    if len(uses) < SHADOW_USES or gender is None or " with " in key:
        return None  # ("the man with the beard" is a stranger described, not a name withheld)
    starts = [s for s, _ in named]
    sentence_starts = [a for a, _ in sentences]
    near, beside = Counter(), Counter()
    for use in uses:
        k = bisect.bisect_left(starts, use)
        near.update(list(dict.fromkeys(i for _, i in reversed(named[max(0, k - 12):k])))[:3])
        a, b = sentences[max(0, bisect.bisect_right(sentence_starts, use) - 1)]
        beside.update(i for s, i in named[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)])
    fitting = [i for i, _ in near.most_common() if genders[i] == gender]
    if not fitting:
        return None
    if near[fitting[0]] < SHADOW_SHARE * len(uses) or beside[fitting[0]] or (
            len(fitting) > 1 and near[fitting[1]] == near[fitting[0]]):
        apart = [i for i in fitting if not beside[i] and near[i] * SHADOW_APART >= len(uses)]
        if len(uses) < SHADOW_MANY or len(apart) != 1:
            return None  # ("the pup", used often near Tobin and never beside him, while the others are)
        fitting = apart
    speaks = sum(o.tagged for o, i in name_mentions if i == fitting[0])  # a talker, not a baby others tend
    return fitting[0] if speaks >= SHADOW_USES else None


def _named_near(key: str, nominal_uses: list[tuple], named: list[tuple[int, int]], genders: list, gender: str) -> bool:
    """Whether a character of ``gender`` is among the last names the narration gave (``named``: start and
    cluster of each, in order) before any use of the role noun ``key``."""
    starts = [s for s, _ in named]
    for use in (s for s, _, _, k in nominal_uses if k == key):
        k = bisect.bisect_left(starts, use)
        if any(genders[i] == gender for _, i in named[max(0, k - NAMED_NEAR):k]):
            return True
    return False


def _called_so(parsed: Parsed, name_mentions: list, nouns: set[str]) -> dict[str, set[int]]:
    """Per role noun, the named characters the text says it is: "Mr. Tobin, the English chaplain",
    "the chaplain, Mr. Tobin", "Mr. Tobin was no commonplace chaplain", "Hugo's our courier": the
    role noun names a character when it names one only."""
    if not nouns:
        return {}
    starts = [o.start for o, _ in name_mentions]

    def named(token, offset: int) -> int | None:
        k = bisect.bisect_right(starts, offset + token.idx) - 1
        if k >= 0 and name_mentions[k][0].start <= offset + token.idx < name_mentions[k][0].end:
            return name_mentions[k][1]
        return None

    found: dict[str, set[int]] = defaultdict(set)
    for doc, offset in zip(parsed.docs, parsed.offsets):
        for token in doc:
            if token.lower_ in nouns and token.dep_ == "appos":
                found[token.lower_].add(named(token.head, offset))  # "Mr. Tobin, the chaplain"
            elif token.lower_ in nouns and token.dep_ == "attr" and is_be(token.head):
                subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
                found[token.lower_].add(named(subject, offset) if subject is not None else None)  # "Hugo is our courier"
            elif token.dep_ == "appos" and token.head.lower_ in nouns:
                found[token.head.lower_].add(named(token, offset))  # "the chaplain, Mr. Tobin"
    return {noun: clusters - {None} for noun, clusters in found.items()}


def _sentence_spans(parsed: Parsed) -> list[tuple[int, int]]:
    """Every sentence's start and end offsets, in text order."""
    return [(offset + sentence.start_char, offset + sentence.end_char)
            for doc, offset in zip(parsed.docs, parsed.offsets) for sentence in doc.sents]


def _titled_by(noun: str, clusters: list[_Cluster]) -> int | None:
    """The one cluster whose names carry the title this noun is (``doctor``: Dr. Lowe), if only one does."""
    title = title_key(noun)
    if title is None:
        return None
    titles = {title, TITLE_SHORT.get(title, title)}
    holders = [i for i, c in enumerate(clusters) if any(n.title in titles for n in c.names)]
    return holders[0] if len(holders) == 1 else None


def _uses(cluster: _Cluster, word: str) -> int:
    """How often the cluster's names holding ``word`` were used."""
    return sum(cluster.forms[n.text] for n in cluster.names if word in n.words)


def _agrees(form: NameForm, gender: str | None, cluster: _Cluster) -> bool:
    """No clash of gender or of title (Miss and Mrs. of one surname are two women)."""
    other = _firm_gender(cluster)
    if gender and other and gender != other:
        return False
    statuses = {n.marital for n in cluster.names if n.marital}
    return not (form.marital and statuses and form.marital not in statuses)


def _same_name(form: NameForm, cluster: _Cluster) -> bool:
    if len(form.words) > 1:
        return any(
            len(n.words) > 1
            and n.last == form.last
            and (n.first == form.first or is_nickname(form.first, n.first) or is_nickname(n.first, form.first)
                 or _misspelt(form.first, n.first))  # "Cecily Ashby" misspelt "Cecely Ashby"
            or _leads(form, n) or _leads(n, form)  # "Hugo Tobin" and "Hugo Tobin Pell"
            for n in cluster.names
        )
    word = form.first
    if form.title in FIRST_NAME_TITLES and any(
        n.first == word or is_nickname(word, n.first) for n in cluster.names if len(n.words) > 1 or not n.title
    ):
        return True  # "Sir Piers" and "Sir Piers Grey", "Miss Jess" and "Jessamy Grey"
    if form.title:
        if any(n.title == form.title and len(n.words) > 1 and n.first == word for n in cluster.names):
            return True  # "Mrs. Ida" and "Mrs. Ida Grey"
        if form.marital == "married" and form.title not in STYLED_TITLES and not any(
                n.marital == "married" for n in cluster.names):
            return False  # a Mrs. is rarely called by a first name and her maiden surname
        return any(word in (n.last, n.surname) for n in cluster.names)
    formal = any(n.title in FORMAL_TITLES for n in cluster.names)  # "Jess" is no short form of "Lady Jessamy"
    if any(_hyphen_tail(word) in (n.first, n.last) or _hyphen_tail(n.last) == word for n in cluster.names):
        return True  # "Mole" and "Wilf-the-Mole"
    return any(word in (n.first, n.last, n.surname) for n in cluster.names) or not formal and any(
        is_nickname(word, n.first) or is_nickname(n.first, word) for n in cluster.names
    )


def _leads(short: NameForm, long: NameForm) -> bool:
    """Whether an untitled name of two words or more opens a longer name: "Hugo Tobin", "Hugo Tobin Pell"."""
    return not short.title and 1 < len(short.words) < len(long.words) and long.words[: len(short.words)] == short.words


def _hyphen_tail(word: str) -> str | None:
    """The capitalised last piece of a hyphenated name (``Mole`` of ``Wilf-the-Mole``), else None."""
    tail = word.rsplit("-", 1)[-1] if "-" in word else ""
    return tail if tail[:1].isupper() else None


def _add_untagged_uses(
    parsed: Parsed, inside: QuoteIndex, kept: dict[str, list[_Occurrence]], lowercase: Counter
) -> None:
    """Uses of a one-word name the tagger did not call a proper noun ("Rook thought")."""
    single = {text for text in kept if " " not in text}
    for d, (doc, offset) in enumerate(zip(parsed.docs, parsed.offsets)):
        for token in doc:
            if token.text not in single or token.pos_ == "PROPN":
                continue
            if _sentence_initial(token) and token.lower_ in lowercase:
                continue  # "Will you stay?": the word, not the name
            if any(o.doc == d and o.token == token.i for o in kept[token.text]):
                continue
            kept[token.text].append(
                _Occurrence(
                    start=offset + token.idx, end=offset + token.idx + len(token.text), text=token.text,
                    in_quote=inside(offset + token.idx), initial=_sentence_initial(token), person=True,
                    after_locative=False, after_the=False, place=False, doc=d, tagged=False, token=token.i,
                )
            )


def _vote_genders(parsed: Parsed, kept: dict[str, list[_Occurrence]], inside: QuoteIndex) -> dict[str, Counter]:
    """Per name form, the first gendered pronoun after each use, before another name intervenes."""
    starts_by_doc: dict[int, set[int]] = defaultdict(set)
    for found in kept.values():
        for occurrence in found:
            starts_by_doc[occurrence.doc].add(occurrence.token)
    votes: dict[str, Counter] = defaultdict(Counter)
    for text, found in kept.items():
        for occurrence in found:
            if occurrence.in_quote:
                continue
            doc = parsed.docs[occurrence.doc]
            described = _described_as(doc[occurrence.token])
            if described:  # "his daughter, Ida Grey"
                votes[text][described] += 1
            if doc[occurrence.token].dep_ not in ("nsubj", "nsubjpass"):
                continue
            stop = starts_by_doc[occurrence.doc]
            verb = doc[occurrence.token].head
            if verb.dep_ == "advcl" and any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PROPN" and c.i < verb.i
                                            for c in verb.head.children):  # "Ben sat there when Ann came in,
                stop = stop | {verb.right_edge.i + 1}  # his boots on the desk": past her clause, he is Ben's
            gender = gender_after(doc[occurrence.token], parsed.offsets[occurrence.doc], inside, stop=stop)
            if gender:
                votes[text][gender] += 1
    return votes


def _described_as(token) -> str | None:
    """The gender of the kin or person noun a name stands in apposition with: "his daughter, Ida Grey",
    "Ben Grey, her husband"."""
    nouns = [token.head] if token.dep_ == "appos" else []
    nouns += [c for c in token.children if c.dep_ == "appos"]
    return next((NOUN_GENDER[n.lower_] for n in nouns if n.lower_ in NOUN_GENDER and n.pos_ == "NOUN"), None)


def _gender(cluster: _Cluster) -> str | None:
    if cluster.title_gender:
        return cluster.title_gender
    votes = cluster.gender_votes
    total = votes["m"] + votes["f"]
    if total == 0:
        return None
    leader = "m" if votes["m"] >= votes["f"] else "f"
    return leader if votes[leader] / total >= 0.6 else None


def _firm_gender(cluster: _Cluster) -> str | None:
    """The cluster's gender when the evidence is strong enough to keep two names apart."""
    if cluster.title_gender:
        return cluster.title_gender
    votes = cluster.gender_votes
    total = votes["m"] + votes["f"]
    leader = "m" if votes["m"] >= votes["f"] else "f"
    return leader if total >= 3 and votes[leader] / total >= 0.75 else None


def _character(
    id_: str, cluster: _Cluster, gender: str | None, mentions: int, on_page: bool, epithets: Counter
) -> Character:
    forms = sorted(cluster.forms, key=lambda text: (-cluster.forms[text], -len(text)))  # ties: the fuller form
    full = [text for text in forms if len(text.split()) > 1 and not title_key(text.split()[0])]
    if full and " " not in forms[0] and cluster.forms[forms[0]] <= FULL_NAME_SHARE * cluster.forms[full[0]]:
        forms.remove(full[0])
        forms.insert(0, full[0])  # "Piers Swift" over "Swift" when both are in use
    name = forms[0]
    known = {name.lower()}
    aliases = []
    for text in [*forms[1:], *(" ".join(text.split()) for text, _ in epithets.most_common())]:
        if text.lower() not in known:  # "the stranger" is a name form and an epithet use ("the\nstranger") both
            known.add(text.lower())
            aliases.append(text)
    pronouns = {"f": "she/her", "m": "he/him"}.get(gender or "")
    return Character(id=id_, name=name, aliases=tuple(aliases), pronouns=pronouns, mentions=mentions, on_page=on_page)


STRANGER_NAMED_WITHIN = 1500
"""Characters after a described stranger is first seen within which another's line may call her by a
new name: a few exchanges (one called much later is someone else)."""


def _named_stranger(uses: list[tuple], gender: str, parsed: Parsed, name_mentions: list, called: set[tuple[int, int]],
                    genders: list) -> int | None:
    """The character a described stranger turns out to be: after "a stoutish, red-faced woman" shouts, the
    first line that calls someone of her sex whom the story has not named before ("A fine child, Mrs.
    Grey!") calls her. Not a name in her own first lines ("Wake up, Ida," she said), which calls another.
    ``called`` holds the (doc, token) of each name called in a line."""
    first = min(start for start, _, _ in uses)
    paragraph = bisect.bisect_right(parsed.offsets, first) - 1
    own = next((d for d in range(paragraph, len(parsed.docs)) if any(t.is_quote for t in parsed.docs[d])), paragraph)
    seen: set[int] = set()
    for occurrence, index in name_mentions:
        if occurrence.start > first + STRANGER_NAMED_WITHIN:
            break
        if occurrence.doc > own and index not in seen and genders[index] == gender and (
                (occurrence.doc, occurrence.token) in called):
            return index
        seen.add(index)
    return None
