"""find_feelings: valence, intensity and emotions of lines, paragraphs, scenes, and characters' arcs."""

from __future__ import annotations

import fabula
from fabula.model import Analysis, Feeling


def _line(analysis: Analysis, opening: str) -> Feeling:
    quote = next(q for q in analysis.quotes if q.text.startswith(opening))
    return analysis.feelings.quotes[quote.id]


def _top(feeling: Feeling) -> str:
    return feeling.emotions[0][0]


def test_valence_sign_follows_the_words_and_negation_turns_it():
    analysis = fabula.analyse(
        'Mira looked up. "I am so happy you came, I love it here," she said.\n\n'
        '"I am not happy about any of this," Jonah said.\n\n'
        '"This is horrible and I hate it," Mira said.\n'
    )
    assert _line(analysis, "I am so happy").valence > 0.5
    assert _line(analysis, "I am not happy").valence < 0
    assert _line(analysis, "This is horrible").valence < -0.5


def test_a_negated_emotion_word_is_not_counted_and_is_named_as_a_cue():
    analysis = fabula.analyse('"I am not happy," Jonah said.\n\n"I am happy," Mira said.\n')
    negated, plain = _line(analysis, "I am not happy"), _line(analysis, "I am happy")
    assert "joy" not in dict(negated.emotions) and "not happy" in negated.cues
    assert _top(plain) == "joy" and "happy" in plain.cues


def test_emotions_name_fear_anger_and_sadness():
    analysis = fabula.analyse(
        '"I am terrified, I keep trembling," Mira whispered.\n\n'
        '"I am furious with you, you idiot," Jonah said.\n\n'
        '"I miss her so much, I cried all night," Mira said.\n'
    )
    assert _top(_line(analysis, "I am terrified")) == "fear"
    assert _top(_line(analysis, "I am furious")) == "anger"
    assert _top(_line(analysis, "I miss her")) == "sadness"


def test_shouting_and_capitals_make_a_line_more_intense():
    analysis = fabula.analyse('"YES!" Mira screamed.\n\n"yes," Jonah said.\n')
    assert _line(analysis, "YES").intensity > _line(analysis, "yes").intensity + 0.3
    assert "shouted" in _line(analysis, "YES").cues


def test_every_paragraph_and_scene_has_a_feeling():
    analysis = fabula.analyse("The sun was warm and lovely.\n\n* * *\n\nThe funeral was grim and everyone wept.\n")
    assert len(analysis.feelings.paragraphs) == len(analysis.story.paragraphs)
    scenes = [analysis.feelings.scenes[s.id] for s in analysis.scenes]
    assert len(scenes) == 2 and scenes[0].valence > 0 > scenes[1].valence


def test_a_characters_arc_rises_then_falls_with_a_turning_point_at_the_top():
    lines = (["It is an ordinary day, I suppose."] * 4 + ["I am so happy, this is wonderful and I love it!"] * 8
             + ["I hate this, everything is awful and I am miserable."] * 8)
    text = "\n\n".join(f'"{line}" Mira said to Jonah.' for line in lines)
    analysis = fabula.analyse(text)
    mira = next(c.id for c in analysis.cast.characters if c.name == "Mira")
    arc = next(c for c in analysis.feelings.characters if c.character == mira)
    top = max(p.valence for p in arc.arc)
    assert arc.arc[0].valence < top - 0.3 and arc.arc[-1].valence < min(0.0, top - 0.5)
    assert len(arc.turning_points) >= 1
    peak = arc.turning_points[0]
    happy = [q.start for q in analysis.quotes if q.text.startswith("I am so happy")]
    assert happy[0] <= peak.at <= happy[-1]
