"""Find the characters: names, aliases, epithets and pronouns."""

from __future__ import annotations

from fabula.model import Cast, Quote, Story
from fabula.nlp import Parsed


def find_characters(story: Story, parsed: Parsed, quotes: tuple[Quote, ...]) -> Cast:
    """The cast of the story and every mention of its members."""
    return Cast()
