"""The terminal summary: the story's header, its cast, its scenes, where the outputs went."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from fabula.export.schema import heading, line_counts
from fabula.model import Analysis


def print_summary(
    analysis: Analysis, outputs: dict[str, Path], profile: bool = False, console: Console | None = None
) -> None:
    """Print what a reader wants first; plain text when the output is not a terminal."""
    console = console or Console(highlight=False)
    story, meta = analysis.story, analysis.story.metadata
    words = sum(len(p.text.split()) for p in story.paragraphs)
    console.print(f"[bold]{_escape(heading(story))}[/bold]")
    byline = [f"by {_escape(meta.author)}" if meta.author else None,
              f"rated {_escape(meta.rating)}" if meta.rating else None,
              f"{words:,} words",
              f"{sum(q.kind in ('speech', 'written') for q in analysis.quotes)} lines",
              f"{sum(q.kind == 'thought' for q in analysis.quotes)} thoughts"]
    console.print(" · ".join(part for part in byline if part))
    if meta.warnings:
        console.print("warnings: " + _escape(", ".join(meta.warnings)))
    proposal = analysis.content.proposal
    if proposal is not None:
        because = dict(proposal.reasons).get(f"ao3: {proposal.ao3}", "")
        console.print(f"fabula rates it {proposal.ao3} ({_escape(because)}); "
                      f"{', '.join(proposal.archive_warnings)}" + (f"; tags: {', '.join(proposal.tags)}" if proposal.tags else ""))

    names = {c.id: c.name for c in analysis.cast.characters}
    lines, thoughts = line_counts(analysis.quotes)  # as the JSON counts them
    cast = Table(title="Cast", title_justify="left")
    for column in ("name", "also called", "pronouns", "lines", "thoughts", "mentions"):
        cast.add_column(column, justify="right" if column in ("lines", "thoughts", "mentions") else "left")
    for character in analysis.cast.characters:
        name = _escape(character.name) + ("" if character.on_page else " (mentioned)")
        cast.add_row(name, _escape(", ".join(character.aliases)), character.pronouns or "",
                     str(lines[character.id]), str(thoughts[character.id]), str(character.mentions))
    console.print(cast)

    scenes = Table(title="Scenes", title_justify="left")
    for column in ("scene", "starts", "opens with", "present"):
        scenes.add_column(column)
    for scene in analysis.scenes:
        opening = " ".join(story.text[scene.start:scene.end].split()[:8])
        present = ", ".join(names.get(c, c) for c in scene.characters)
        scenes.add_row(scene.id, scene.boundary, _escape(opening + " …"), _escape(present))
    console.print(scenes)

    unattributed = sum(1 for q in analysis.quotes if not q.speaker and not q.speakers and q.kind != "embedded")
    if unattributed:
        console.print(f"{unattributed} lines without a speaker")
    if profile:
        timing = Table(title="Time per stage", title_justify="left")
        timing.add_column("stage")
        timing.add_column("seconds", justify="right")
        for stage, seconds in analysis.timings:
            timing.add_row(stage, f"{seconds:.2f}")
        timing.add_row("total", f"{sum(s for _, s in analysis.timings):.2f}")
        console.print(timing)
    for kind, path in outputs.items():
        console.print(f"{kind}: {_escape(str(path))}")


def _escape(text: str) -> str:
    """Keep story text from being read as rich markup."""
    from rich.markup import escape

    return escape(text)
