"""find_relations: lines each way, shared scenes, tone and a label for every pair who talk."""

from __future__ import annotations

import fabula
from fabula.model import Analysis, Relation

WARM_AND_COLD = """Mira sat with Jonah by the fire, and Ruth watched them from the door.

"I love you, Jonah," Mira said, and kissed him. "Thank you for staying."

"I am so glad you are here, my darling," Jonah said to Mira, and hugged her.

"You are the sweetest, kindest man," Mira said.

"And you make me happy every day, Mira," Jonah said, smiling at her.

Ruth came in and slammed the door. "I hate you, Mira," Ruth said. "You are a liar and a thief."

"Get out, Ruth. You disgust me," Mira snapped.

"You stupid, spiteful idiot, Mira! I will never forgive you," Ruth screamed at her.

"Leave, Ruth, before I throw you out. I am furious with you," Mira said.
"""


def _pair(analysis: Analysis, one: str, other: str) -> Relation:
    ids = {c.name: c.id for c in analysis.cast.characters}
    wanted = {ids[one], ids[other]}
    return next(r for r in analysis.relations if set(r.characters) == wanted)


def test_a_loving_pair_is_warm_and_a_quarrelling_pair_hostile():
    analysis = fabula.analyse(WARM_AND_COLD)
    warm, cold = _pair(analysis, "Mira", "Jonah"), _pair(analysis, "Mira", "Ruth")
    assert warm.valence > 0.25 and warm.label == "affection"
    assert cold.valence < -0.1 and cold.label == "hostility"


def test_lines_each_way_and_evidence_are_the_pairs_own_lines():
    analysis = fabula.analyse(WARM_AND_COLD)
    cold = _pair(analysis, "Mira", "Ruth")
    quotes = {q.id: q for q in analysis.quotes}
    first, second = cold.characters
    spoken = [q for q in analysis.quotes if q.speaker in cold.characters and set(q.addressees) & set(cold.characters)]
    assert sum(cold.lines) == len(spoken)
    assert cold.lines[0] == sum(1 for q in spoken if q.speaker == first)
    assert cold.evidence and all(quotes[i].speaker in cold.characters for i in cold.evidence)
    assert all(analysis.feelings.quotes[i].valence < 0 for i in cold.evidence)


def test_a_pair_with_few_lines_gets_no_label():
    analysis = fabula.analyse('Mira and Jonah waited.\n\n"Hello, Jonah," Mira said.\n\n"Hello," Jonah said.\n')
    assert _pair(analysis, "Mira", "Jonah").label is None
