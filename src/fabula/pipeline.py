"""The order of the stages, what each needs and gives: ``read`` and ``analyse``."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from fabula.model import Analysis, Story
from fabula.nlp import parse
from fabula.stages.characters import find_characters
from fabula.stages.ingest import ingest, ingest_text
from fabula.stages.quotes import find_quotes
from fabula.stages.scenes import find_scenes
from fabula.stages.speakers import attribute_speakers

Progress = Callable[[str], None]


def read(path: str | Path, *, n_process: int = 1, progress: Progress | None = None) -> Analysis:
    """Read the story file at ``path`` (text, Markdown, HTML or EPUB) and analyse it."""
    started = time.perf_counter()
    story = ingest(path)
    return _analyse_story(story, n_process, progress, [("ingest", time.perf_counter() - started)])


def analyse(text: str, *, format: str = "text", n_process: int = 1) -> Analysis:
    """Analyse a story given as a string (plain text or Markdown)."""
    started = time.perf_counter()
    story = ingest_text(text, format=format)
    return _analyse_story(story, n_process, None, [("ingest", time.perf_counter() - started)])


def _analyse_story(
    story: Story, n_process: int, progress: Progress | None, timings: list[tuple[str, float]]
) -> Analysis:
    def step(name: str, run: Callable):
        if progress:
            progress(name)
        started = time.perf_counter()
        result = run()
        timings.append((name, time.perf_counter() - started))
        return result

    parsed = step("parse", lambda: parse(story, n_process=n_process))
    quotes = step("quotes", lambda: find_quotes(story, parsed))
    cast = step("characters", lambda: find_characters(story, parsed, quotes))
    scenes = step("scenes", lambda: find_scenes(story, parsed, quotes, cast))
    quotes = step("speakers", lambda: attribute_speakers(story, parsed, quotes, cast, scenes))
    return Analysis(story=story, quotes=quotes, cast=cast, scenes=scenes, timings=tuple(timings))
