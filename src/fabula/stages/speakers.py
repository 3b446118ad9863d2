"""Give every quote a speaker, addressees, a confidence and the cue used."""

from __future__ import annotations

from fabula.model import Cast, Quote, Scene, Story
from fabula.nlp import Parsed


def attribute_speakers(
    story: Story, parsed: Parsed, quotes: tuple[Quote, ...], cast: Cast, scenes: tuple[Scene, ...]
) -> tuple[Quote, ...]:
    """The quotes again, each with speaker, addressees, confidence and cue."""
    return quotes
