"""render_script: the story as a script to read aloud, each passage under the voice that reads it."""

from __future__ import annotations

from dataclasses import replace

import fabula
from fabula.export.script import render_script

STORY = """Title: The Lamp
Author: Someone

Nell found Kate in the kitchen, and Kate looked up.

"You're late," Kate said. "Again."

*Not again*, Nell thought.

"The trains were a nightmare," Nell said.

* * *

Later, they sat together by the window.

"Goodnight," they said together.
"""


def _script(story: str = STORY) -> tuple[fabula.Analysis, str]:
    analysis = fabula.analyse(story, format="markdown")
    return analysis, render_script(analysis)


def test_script_lists_the_voices_then_reads_every_passage_in_order() -> None:
    _, script = _script()
    head, body = script.split("\nSCRIPT\n")
    assert head.startswith("The Lamp by Someone\n\nVOICES\n")
    assert "  NELL: 2 lines, 1 thought" in head and "  KATE: 3 lines" in head
    lines = [line for line in body.splitlines() if line]
    assert lines[:6] == [
        "NARRATOR: Nell found Kate in the kitchen, and Kate looked up.",
        "KATE: You're late,",
        "NARRATOR: Kate said.",
        "KATE: Again.",
        "NELL (thinks): Not again",
        "NARRATOR: Nell thought.",
    ]
    assert "* * *" in lines
    assert lines[-2:] in (["KATE & NELL: Goodnight,", "NARRATOR: they said together."],
                          ["NELL & KATE: Goodnight,", "NARRATOR: they said together."])


def test_script_marks_a_doubtful_line_and_one_whose_speaker_is_unknown() -> None:
    analysis, _ = _script()
    quotes = tuple(replace(q, confidence=0.2) if q.text == "Again." else
                   replace(q, speaker=None, speakers=()) if q.text.startswith("The trains") else q
                   for q in analysis.quotes)
    script = render_script(replace(analysis, quotes=quotes))
    assert "KATE?: Again." in script
    assert "UNKNOWN: The trains were a nightmare," in script
    assert "  UNKNOWN: 1 line" in script


def test_script_heads_each_chapter() -> None:
    _, script = _script(
        "# The First\n\nNell came in.\n\n\"Hello,\" Nell said.\n\n"
        "# The Second\n\nKate came in.\n\n\"Goodbye,\" Kate said.\n"
    )
    body = script.split("\nSCRIPT\n")[1]
    assert body.index("== The First ==") < body.index("NELL: Hello,") < body.index("== The Second ==") < body.index(
        "KATE: Goodbye,")


def test_script_gives_each_passage_one_line_though_the_text_is_wrapped() -> None:
    _, script = _script(
        "Nell came in out of the rain, and she was wet through and cold, and she\n"
        "sat down by the fire to warm her hands before she said anything at all.\n\n"
        '"It is a long way from the station, and the road is nothing but mud and\n'
        'stones," Nell said, and she held her hands out to the fire again.\n'
    )
    assert ("NARRATOR: Nell came in out of the rain, and she was wet through and cold, and she sat down by the "
            "fire to warm her hands before she said anything at all.") in script
    assert "NELL: It is a long way from the station, and the road is nothing but mud and stones," in script
