"""Kin named by relation ("her mother", "his wife"), found through the family surname."""

from __future__ import annotations

PARENT_TITLE = {"mother": "mrs", "mamma": "mrs", "mama": "mrs", "father": "mr", "papa": "mr",
                "wife": "mrs", "husband": "mr"}
"""The title the relative bears under the owner's surname."""


def find_relatives(parsed, inside, owner_at: dict[int, int], names: list[list]) -> list[tuple]:
    """``(start, end, text, cluster)`` for each ``her mother``/``his wife`` in narration whose owner is known.

    ``owner_at`` maps the start offset of a name or pronoun mention to its cluster;
    ``names`` holds each cluster's name forms (NameForm).
    """
    family = _families(names)
    married = [_surnames([f for f in forms if f.title == "mrs"]) for forms in names]
    maiden = [_surnames([f for f in forms if f.title != "mrs"]) if married[k] else set()
              for k, forms in enumerate(names)]
    surnames = [_surnames(forms) for forms in names]
    found = []
    for doc, offset in zip(parsed.docs, parsed.offsets):
        for token in doc:
            title = PARENT_TITLE.get(token.lower_)
            if title is None or inside(offset + token.idx):
                continue
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            if owner is None or offset + owner.idx not in owner_at:
                continue
            who = owner_at[offset + owner.idx]
            own = surnames[who]
            if token.lower_ == "husband":
                own = married[who]  # a woman's husband bears her married name only
            elif token.lower_ != "wife" and married[who]:
                own = maiden[who]  # and her father and mother her maiden name
            kin = {family.get((surname, title)) for surname in own} - {None, who}
            if len(kin) == 1:  # the mention is the kin word; its owner has a mention of its own
                start = offset + token.idx
                found.append((start, start + len(token.text), token.text, kin.pop()))
    return found


def _families(names: list[list]) -> dict[tuple[str, str], int]:
    """``(surname, "mr"|"mrs")`` -> the cluster called Mr. or Mrs. by that surname alone."""
    family = {}
    for index, forms in enumerate(names):
        for form in forms:
            if form.title in ("mr", "mrs") and len(form.words) == 1:
                family.setdefault((form.words[0], form.title), index)
    return family


def _surnames(forms: list) -> set[str]:
    return {f.last for f in forms if len(f.words) > 1 or f.title}
