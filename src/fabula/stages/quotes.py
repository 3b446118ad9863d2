"""Find speech, thoughts and writing in the story text."""

from __future__ import annotations

from fabula.model import Quote, Story
from fabula.nlp import Parsed


def find_quotes(story: Story, parsed: Parsed) -> tuple[Quote, ...]:
    """Every quote of the story, in text order, with its kind; speakers come later."""
    return ()
