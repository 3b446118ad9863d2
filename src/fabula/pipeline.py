"""The order of the stages, what each needs and gives: ``read`` and ``analyse``."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from fabula.model import Analysis, Story
from fabula.nlp import parse
from fabula.stages.called_names import join_called_names
from fabula.stages.characters import find_characters
from fabula.stages.content import find_content
from fabula.stages.feelings import find_feelings
from fabula.stages.ingest import MAX_MEGABYTES, ingest, ingest_text
from fabula.stages.quotes import find_quotes
from fabula.stages.relations import find_relations
from fabula.stages.scenes import find_scenes
from fabula.stages.speakers import attribute_speakers

Progress = Callable[[str, float], None]
"""Told the stage that is running and the share of the whole analysis done so far (0 to 1)."""

SHARE_BEFORE = {"parse": 0.0, "quotes": 0.76, "characters": 0.8, "scenes": 0.87, "speakers": 0.9,
                "called names": 0.93, "feelings": 0.93, "relations": 0.97, "content": 0.98}
"""Where each stage starts in the run, roughly as a 150,000-word novel spends its time."""


def read(path: str | Path, *, n_process: int = 1, progress: Progress | None = None,
         max_megabytes: float = MAX_MEGABYTES) -> Analysis:
    """Read the story file at ``path`` (text, Markdown, HTML or EPUB) and analyse it."""
    started = time.perf_counter()
    story = ingest(path, max_megabytes=max_megabytes)
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
            progress(name, SHARE_BEFORE[name])
        started = time.perf_counter()
        result = run()
        timings.append((name, time.perf_counter() - started))
        return result

    def parsed_share(done: float) -> None:
        if progress:
            progress("parse", SHARE_BEFORE["quotes"] * done)

    parsed = step("parse", lambda: parse(story, n_process=n_process, progress=parsed_share))
    quotes = step("quotes", lambda: find_quotes(story, parsed))
    cast = step("characters", lambda: find_characters(story, parsed, quotes))
    scenes = step("scenes", lambda: find_scenes(story, parsed, quotes, cast))
    quotes = step("speakers", lambda: attribute_speakers(story, parsed, quotes, cast, scenes))
    cast, quotes, scenes = step("called names", lambda: join_called_names(cast, quotes, scenes))
    feelings = step("feelings", lambda: find_feelings(story, parsed, quotes, cast, scenes))
    relations = step("relations", lambda: find_relations(quotes, scenes, feelings))
    content = step("content", lambda: find_content(story, quotes, cast, relations))
    if progress:
        progress("done", 1.0)
    return Analysis(story=story, quotes=quotes, cast=cast, scenes=scenes, timings=tuple(timings),
                    feelings=feelings, relations=relations, content=content, notices=_notices(story))


ENGLISH = frozenset({"en", "eng", "english", "en-us", "en-gb"})


def _notices(story: Story) -> tuple[str, ...]:
    """What the results cannot be trusted for: a story not in English is read with English models."""
    language = story.metadata.language
    if language and language.strip().lower() not in ENGLISH:
        return (f"the story looks written in {language}, and fabula's analysis is English-only: "
                "quotes and scenes may still be found; speakers, feelings and ratings will be poor",)
    return ()
