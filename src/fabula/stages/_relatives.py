"""Kin named by relation ("her mother", "his wife"), found through the family surname."""

from __future__ import annotations

import re
from collections import defaultdict

KIN_TITLE = {"mother": "mrs", "mamma": "mrs", "mama": "mrs", "ma": "mrs", "father": "mr", "papa": "mr", "pa": "mr",
             "wife": "mrs", "husband": "mr"}
"""The title the relative bears under the owner's surname."""
PARENT_WORDS = tuple(word for word in KIN_TITLE if word not in ("wife", "husband"))
"""The words for a parent, which a child may also call the parent by (``No, papa``)."""
CALLED_PARENTS = {**dict.fromkeys(("mum", "mom", "mommy", "mummy", "mama", "mamma", "ma", "mother"), "f"),
                  **dict.fromkeys(("dad", "daddy", "papa", "pa", "father"), "m")}
"""Words for a parent, and the parent's gender: a parent the story never names, whom the dialogue calls so
("Hi, Mum." on a phone call home) or the narration makes act ("their father said"), is a character of
her own, named by the word."""


COUPLE = re.compile(r"\bMr\.? and Mrs\.? ((?:[A-Z][\w'’-]* |(?:van|von|de|der|du|la|le) )*[A-Z][\w'’-]*)")
"""A married couple named together ("Mr. and Mrs. Pell", "Mr. and Mrs. van der Ashby")."""


def couples(text: str) -> frozenset[str]:
    """The family names of the couples a story names together: there, Mrs. Pell is Mr. Pell's wife, not
    his mother."""
    return frozenset(name for match in COUPLE.finditer(text) for name in _stretches(match[1].split()))


def junior_couples(text: str) -> frozenset[tuple[str, str]]:
    """(first name, family name) of each couple named by the husband's first name ("Mr. and Mrs. Tobin
    Pell") in a family the story also names as a plain couple ("Mr. and Mrs. Pell"): two couples, a son's
    and his parents', as the style of the period keeps them apart."""
    named = [match[1].split() for match in COUPLE.finditer(text)]
    plain = {words[0] for words in named if len(words) == 1}
    return frozenset((words[0], words[1]) for words in named if len(words) == 2 and words[1] in plain)


def _stretches(words: list[str]) -> list[str]:
    """Every run of the words, one of which is the family name: "John Pell" (or "Pell Came", where the
    next sentence starts) -> "John Pell", "John", "Pell"."""
    return [" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)]


def find_relatives(parsed, inside, owner_at: dict[int, int], names: list[list],
                   wed: frozenset[str] = frozenset()) -> list[tuple]:
    """``(start, end, text, cluster)`` for each ``her mother``/``his wife`` in narration whose owner is known.

    ``owner_at`` maps the start offset of a name or pronoun mention to its cluster;
    ``names`` holds each cluster's name forms (NameForm); ``wed`` the family names of ``couples``.
    """
    kin = kin_of(names, wed)
    found = []
    for doc, offset in zip(parsed.docs, parsed.offsets):
        for token in doc:
            if token.lower_ not in KIN_TITLE or inside(offset + token.idx):
                continue
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            if owner is None or offset + owner.idx not in owner_at:
                continue
            relative = kin.get((owner_at[offset + owner.idx], token.lower_))
            if relative is not None:  # the mention is the kin word; its owner has a mention of its own
                start = offset + token.idx
                found.append((start, start + len(token.text), token.text, relative))
    return found


def kin_of(names: list[list], wed: frozenset[str] = frozenset()) -> dict[tuple[int, str], int]:
    """``(cluster, kin word)`` -> the one other cluster that is that kin of it by the family surname:
    "Mrs. Grey" is Ida Grey's mother and Mr. Grey's wife; where the family has a knight, Sir Tobin Grey
    is her father and Lady Grey her mother, whoever "Mr. Grey" is (the heir, a son, a cousin). A woman
    called Mrs. (or Lady) has her husband under her married name and her father and mother under her
    maiden one; a Mr. of a family in ``wed`` (a couple the story names together, ``couples``) has his
    wife under it, not his mother.

    ``names`` holds each cluster's name forms (NameForm)."""
    heads: dict[tuple[str, str], int] = {}
    titled: dict[tuple[str, str], set[int]] = defaultdict(set)
    for index, forms in enumerate(names):
        for form in forms:
            if form.title in ("mr", "mrs") and len(form.words) == 1:
                heads.setdefault((form.words[0], form.title), index)
            elif form.title == "sir" and len(form.words) > 1 or form.title == "lady" and len(form.words) == 1:
                titled[form.last, "mr" if form.title == "sir" else "mrs"].add(index)
    heads.update({key: holders.pop() for key, holders in titled.items() if len(holders) == 1})  # Sir Tobin Pell
    table = {}
    for index, forms in enumerate(names):
        wife = [f.title == "mrs" or f.title == "lady" and len(f.words) == 1 for f in forms]
        married = _surnames(f for f, hers in zip(forms, wife) if hers)
        maiden = _surnames(f for f, hers in zip(forms, wife) if not hers)
        husband_of = {f.last for f in forms if f.title == "mr"} & wed | {
            f.last for f in forms if f.title == "sir" and len(f.words) > 1}  # Lady Pell is Sir Tobin's wife
        for word, title in KIN_TITLE.items():
            surnames = married if word == "husband" else maiden | married if word == "wife" else maiden
            if title == "mrs" and word != "wife":
                surnames = surnames - husband_of
            kin = {heads.get((surname, title)) for surname in surnames} - {None, index}
            if len(kin) == 1:
                table[(index, word)] = kin.pop()
    return table


def _surnames(forms) -> set[str]:
    return {f.last for f in forms if len(f.words) > 1 or f.title}
