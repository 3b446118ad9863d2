"""A script for reading a story aloud (podfic, audiobooks): the voices it needs, then every passage in
order under the voice that reads it."""

from __future__ import annotations

from fabula.export.html import LOW_CONFIDENCE
from fabula.export.schema import heading, line_counts, voices
from fabula.model import Analysis, Quote

NARRATOR = "NARRATOR"
UNKNOWN = "UNKNOWN"
"""The voice of a line whose speaker the text does not tell."""
MARKS = " \t\n\"“”„'‘’«»*_"
"""What is left of the narration around a quote that no one reads: spaces, quote marks, emphasis marks."""
KIND_NOTES = {"thought": " (thinks)", "written": " (writes)"}


def render_script(analysis: Analysis) -> str:
    """The story as a plain-text script: a list of voices with their lines, then each paragraph's
    narration under NARRATOR and each quote under its speaker (``?`` after a doubtful one), with the
    chapter and scene breaks marked."""
    names = {c.id: c.name for c in analysis.cast.characters}
    hosts = [q for q in analysis.quotes if q.kind != "embedded"]
    by_paragraph: dict[int, list[Quote]] = {}
    for quote in hosts:
        by_paragraph.setdefault(quote.paragraph, []).append(quote)
    chapters = sorted((c.start, c.title) for c in analysis.story.chapters)
    scenes = sorted(s.start for s in analysis.scenes[1:])
    text = analysis.story.text
    body: list[str] = []
    narrated = 0
    for index, paragraph in enumerate(analysis.story.paragraphs):
        if chapters and chapters[0][0] <= paragraph.start:
            body.append(f"== {chapters.pop(0)[1] or 'Chapter'} ==")
            body.append("")
        elif scenes and scenes[0] <= paragraph.start:
            body.append("* * *")
            body.append("")
        while scenes and scenes[0] <= paragraph.start:
            scenes.pop(0)
        at = paragraph.start
        for quote in by_paragraph.get(index, []):
            narrated += _narration(body, text[at:quote.start])
            body.append(f"{_voice(quote, names)}: {' '.join(quote.text.split())}")  # (a wrapped line, one line)
            at = quote.end
        narrated += _narration(body, text[at:paragraph.end])
        body.append("")
    title = heading(analysis.story)
    author = f" by {analysis.story.metadata.author}" if analysis.story.metadata.author else ""
    return "\n".join([f"{title}{author}", "", "VOICES", *_voices(analysis.quotes, names, narrated), "",
                      "SCRIPT", *body])


def _narration(body: list[str], words: str) -> int:
    """Add a stretch of narration to the script if anything readable is left of it; 1 if so."""
    words = " ".join(words.split()).strip(MARKS).lstrip(",;:—–- ")  # (", Nell thought." reads "Nell thought.")
    if not any(c.isalnum() for c in words):
        return 0
    body.append(f"{NARRATOR}: {words}")
    return 1


def _voice(quote: Quote, names: dict[str, str]) -> str:
    """Who reads a quote, as the script heads it: ``TARA``, ``WILLOW (thinks)``, ``NELL & KATE``, ``TARA?``."""
    speakers = voices(quote)
    voice = " & ".join(names.get(s, s).upper() for s in speakers) or UNKNOWN
    doubt = "?" if speakers and quote.confidence < LOW_CONFIDENCE else ""
    return f"{voice}{KIND_NOTES.get(quote.kind, '')}{doubt}"


def _voices(quotes: tuple[Quote, ...], names: dict[str, str], narrated: int) -> list[str]:
    """One line per voice the script needs, the busiest first: its name and how much it reads (as the cast
    table counts it), and UNKNOWN for the lines no one is given."""
    lines, thoughts = line_counts(quotes)
    for quote in quotes:
        if quote.kind != "embedded" and not voices(quote):
            (thoughts if quote.kind == "thought" else lines)[UNKNOWN] += 1
    rows = [f"  {NARRATOR}: {_count(narrated, 'passage') or '0 passages'}"]
    for speaker in sorted(set(lines) | set(thoughts), key=lambda s: (-lines[s] - thoughts[s], names.get(s, s))):
        counts = [_count(lines[speaker], "line"), _count(thoughts[speaker], "thought")]
        rows.append(f"  {names.get(speaker, speaker).upper()}: {', '.join(c for c in counts if c)}")
    return rows


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}" if n else ""
