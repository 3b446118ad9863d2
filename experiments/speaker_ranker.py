"""Does a learned ranker beat the rules at "she said"? An experiment, not part of the package.

Issue 3 asks for a ranker of candidate speakers, trained only on openly licensed data (LitBank, CC BY
4.0), where it scores higher than the rules. This script measures that on the decision where the
rules are weakest: a speech tag whose pronoun (``she said``) no one in its paragraph explains, so
that salience chooses. For each such line it takes as candidates the characters of that sex in
salience, the two speakers before the line, the one after, and those the lines either side address;
describes each by eleven features (salience share, top of salience, last speaker, speaker before
last, addressed by the last line, named in the paragraph, raw salience, next speaker, addressed by
the next line, share of the last six lines, narrator) plus whether the rules chose it; fits a
conditional logit on LitBank, and scores it on PDNC (never trained on: PDNC has no licence).

It reaches into private functions of the pipeline (the salience at each pronoun) on purpose: an
experiment should not change the code it measures. Usage, from a checkout:

    .venv/bin/python experiments/speaker_ranker.py [--litbank DIR] [--pdnc DIR] [--workers 2]
"""

from __future__ import annotations

import argparse
import re
from multiprocessing import Pool
from pathlib import Path

import numpy as np

import fabula.stages._coref as coref
from fabula.evaluate import _analyse, load_books
from fabula.evaluate.scoring import align_quotes, map_characters
from fabula.stages import characters

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
TAG_PRONOUN = re.compile(r"""[\s"'”’,]*(?:\w+ )?(he|she)\b""", re.IGNORECASE)
"""A tag right after a line whose subject is he or she (``," she said``, ``," said she``)."""
FEATURES = ("salience share", "top of salience", "last speaker", "speaker before last", "addressed by last line",
            "named in paragraph", "salience", "next speaker", "addressed by next line", "share of last six lines",
            "narrator", "rules' choice")
PENALTIES = (0.1, 1.0, 10.0)


def salience_at_pronouns(book):
    """The analysis of a book, and for each subject he/she in narration the salience of everyone of that
    sex at that point (by cluster), with the cluster chosen."""
    pointer, offsets, salience_at = {}, {}, {}
    excluded, most_salient, resolve = coref._excluded, coref._most_salient, characters.resolve_pronouns

    def note_pronoun(pronoun, named, heads):
        pointer["token"] = pronoun
        return excluded(pronoun, named, heads)

    def note_salience(salience, genders, gender, left_out, focus):
        chosen = most_salient(salience, genders, gender, left_out, focus)
        token = pointer["token"]
        if token.dep_ == "nsubj" and token.lower_ in ("he", "she"):
            at = offsets.get(id(token.doc), -1) + token.idx
            salience_at[at] = ({k: v for k, v in salience.items() if genders[k] == gender and k not in left_out},
                               chosen)
        return chosen

    def resolve_again(parsed, *args, **kwargs):
        salience_at.clear()  # the characters stage may resolve twice; the last pass counts
        offsets.update({id(doc): offset for doc, offset in zip(parsed.docs, parsed.offsets)})
        return resolve(parsed, *args, **kwargs)

    coref._excluded, coref._most_salient, characters.resolve_pronouns = note_pronoun, note_salience, resolve_again
    try:
        analysis = _analyse(book, None)
    finally:
        coref._excluded, coref._most_salient, characters.resolve_pronouns = excluded, most_salient, resolve
    return analysis, salience_at


def decisions(book) -> list[list[dict]]:
    """One list of candidates per pronoun tag salience decided, each ``{"features", "gold"}``."""
    analysis, salience_at = salience_at_pronouns(book)
    mapping = map_characters(analysis.cast.characters, book.characters)
    aligned = align_quotes(book.quotes, analysis.quotes)
    gold = {aligned[q.id].id: q.speaker for q in book.quotes if aligned[q.id] is not None and q.speaker}
    mention_at = {m.start: m for m in analysis.cast.mentions}
    cluster_character = {chosen: mention_at[at].character for at, (_, chosen) in salience_at.items()
                         if chosen is not None and at in mention_at}
    cast = {c.id: c for c in analysis.cast.characters}
    speech = [q for q in analysis.quotes if q.kind == "speech"]
    found = []
    for i, quote in enumerate(speech):
        tag = TAG_PRONOUN.match(analysis.story.text[quote.end : quote.end + 30])
        at = quote.end + tag.start(1) if tag else None
        if quote.cue != "anaphoric" or quote.id not in gold or at not in salience_at or at not in mention_at:
            continue
        scores, _ = salience_at[at]
        salience = {cluster_character[k]: v for k, v in scores.items() if k in cluster_character}
        top = max(salience.values(), default=0.0) or 1e-9
        last, before_last = (speech[i - k].speaker if i >= k else None for k in (1, 2))
        following = speech[i + 1] if i + 1 < len(speech) else None
        nearby = [q.speaker for q in speech[max(0, i - 6) : i]]
        last_called = speech[i - 1].addressees if i else ()
        next_called = following.addressees if following else ()
        paragraph = analysis.story.paragraphs[quote.paragraph]
        named = {m.character for m in analysis.cast.mentions
                 if m.kind == "name" and paragraph.start <= m.start < quote.start}
        pronouns = cast[mention_at[at].character].pronouns if mention_at[at].character in cast else None
        others = (last, before_last, *last_called, following.speaker if following else None, *next_called)
        candidates = set(salience) | {c for c in others if c in cast and cast[c].pronouns == pronouns}
        found.append([{
            "gold": mapping.get(c) == gold[quote.id],
            "features": [salience.get(c, 0.0) / top, float(salience.get(c, 0.0) == top), float(c == last),
                         float(c == before_last), float(c in last_called), float(c in named),
                         min(salience.get(c, 0.0), 5.0) / 5.0, float(following is not None and c == following.speaker),
                         float(c in next_called), nearby.count(c) / 6.0, float(bool(cast[c].narrator)),
                         float(c == quote.speaker)],
        } for c in sorted(candidates)])
    return found


def fit(groups: list[list[dict]], penalty: float, steps: int = 3000, rate: float = 0.1) -> np.ndarray:
    """A conditional logit over each group's candidates, by gradient ascent with an L2 penalty."""
    usable = [(np.array([c["features"] for c in g]), np.array([c["gold"] for c in g], float))
              for g in groups if len(g) > 1 and any(c["gold"] for c in g)]
    weights = np.zeros(len(FEATURES))
    for _ in range(steps):
        gradient = -penalty * weights
        for x, y in usable:
            score = x @ weights
            p = np.exp(score - score.max())
            gradient += x.T @ (y / y.sum() - p / p.sum())
        weights += rate * gradient / len(usable)
    return weights


def right(groups: list[list[dict]], choose) -> int:
    """Decisions whose chosen candidate (an index, or -1 for none of them) is the annotated speaker."""
    return sum(bool(g) and choose(g) >= 0 and g[choose(g)]["gold"] for g in groups)


def by_rules(group: list[dict]) -> int:
    return next((k for k, c in enumerate(group) if c["features"][-1]), -1)


def by_weights(weights: np.ndarray):
    return lambda group: int(np.argmax(np.array([c["features"] for c in group]) @ weights))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--litbank", type=Path, default=DATA / "litbank")
    parser.add_argument("--pdnc", type=Path, default=DATA / "pdnc-dev")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    found = {}
    with Pool(args.workers) as pool:
        for name, folder in (("litbank", args.litbank), ("pdnc", args.pdnc)):
            books = sorted(load_books(name, folder), key=lambda b: -len(b.text))
            found[name] = [g for groups in pool.map(decisions, books, chunksize=1) for g in groups]
    train, test = found["litbank"], found["pdnc"]
    print(f"decisions: LitBank {len(train)} (trained on), PDNC {len(test)} (scored on)")
    print(f"annotated speaker among the candidates: LitBank {sum(any(c['gold'] for c in g) for g in train)}, "
          f"PDNC {sum(any(c['gold'] for c in g) for g in test)}")
    print(f"{'':34} {'LitBank':>8} {'PDNC':>6}")
    print(f"{'rules':34} {right(train, by_rules):8} {right(test, by_rules):6}")
    for penalty in PENALTIES:
        weights = fit(train, penalty)
        print(f"{f'ranker, L2 {penalty}':34} {right(train, by_weights(weights)):8} {right(test, by_weights(weights)):6}")
    without = [[dict(c, features=c["features"][:-1] + [0.0]) for c in g] for g in train]
    weights = fit(without, 1.0)
    tested = [[dict(c, features=c["features"][:-1] + [0.0]) for c in g] for g in test]
    print(f"{'ranker without the rules, L2 1.0':34} {right(without, by_weights(weights)):8} "
          f"{right(tested, by_weights(weights)):6}")


if __name__ == "__main__":
    main()
