"""Acceptance on the bundled example story, against what a careful reader finds in it.

The speakers in ``tests/data/seed_speakers.tsv`` were annotated by reading the story, not
taken from fabula's output: they are the gold.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import pytest

import fabula
from fabula.model import Analysis, Character, Quote

EXAMPLE = files("fabula").joinpath("data/first-steps-to-recovery.txt")
GOLD = Path(__file__).parent.parent / "data" / "seed_speakers.tsv"


@dataclass(frozen=True)
class _Gold:
    kind: str
    opening: str
    speakers: frozenset[str]


@pytest.fixture(scope="module")
def seed() -> Analysis:
    return fabula.read(EXAMPLE)


def _gold() -> list[_Gold]:
    lines = [line for line in GOLD.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [_Gold(r["kind"], r["opening"], frozenset(r["speaker"].split("+"))) for r in rows]


def _character(analysis: Analysis, name: str) -> Character:
    """The one character called ``name`` (as name or alias)."""
    found = [c for c in analysis.cast.characters if name == c.name or name in c.aliases]
    assert len(found) == 1, f"{name!r} should be one character: {analysis.cast.characters}"
    return found[0]


def _forms(character: Character) -> set[str]:
    return {character.name, *character.aliases}


def _paragraph_start(analysis: Analysis, opening: str) -> int:
    found = [p.start for p in analysis.story.paragraphs if p.text.startswith(opening)]
    assert len(found) == 1, opening
    return found[0]


def _aligned(analysis: Analysis) -> list[tuple[_Gold, Quote | None]]:
    """Each gold row with the quote fabula found where its opening stands in the text (or None)."""
    text = analysis.story.text
    by_start = {q.start: q for q in analysis.quotes if q.kind != "embedded"}
    cursor = text.index("Tara pulled her car over")
    pairs = []
    for row in _gold():
        at = text.find(row.opening, cursor)
        assert at >= 0, f"gold opening not in the story after offset {cursor}: {row.opening!r}"
        pairs.append((row, by_start.get(at)))
        cursor = at + len(row.opening)
    return pairs


def _said_by(analysis: Analysis, quote: Quote | None) -> frozenset[str]:
    """The names of who fabula says spoke ``quote``."""
    if quote is None:
        return frozenset()
    names = {c.id: c.name for c in analysis.cast.characters}
    ids = (quote.speaker,) if quote.speaker else quote.speakers
    return frozenset(names[i] for i in ids if i in names)


def _right(analysis: Analysis, row: _Gold, quote: Quote | None) -> bool:
    if quote is None:
        return False
    characters = [_character(analysis, name) for name in row.speakers]
    ids = {quote.speaker} if quote.speaker else set(quote.speakers)
    return ids == {c.id for c in characters}


# --------------------------------------------------------------------------- metadata and cast


def test_seed_metadata(seed: Analysis) -> None:
    meta = seed.story.metadata
    assert meta.title == "First Steps to Recovery"
    assert meta.author == "Willow Watcher"
    assert meta.rating == "NC-17"
    assert seed.story.paragraphs[0].text.startswith("Tara pulled her car over")


def test_seed_cast_has_the_five_people_of_the_story(seed: Analysis) -> None:
    willow, tara, julie = (_character(seed, n) for n in ("Willow", "Tara", "Julie"))
    xander, buffy = _character(seed, "Xander"), _character(seed, "Buffy")
    assert len({willow.id, tara.id, julie.id, xander.id, buffy.id}) == 5
    assert "Will" in _forms(willow)
    assert "Julz" in _forms(julie)
    assert willow.on_page and tara.on_page and julie.on_page
    assert not xander.on_page and not buffy.on_page
    assert willow.pronouns == tara.pronouns == julie.pronouns == "she/her"


def test_seed_cast_has_no_character_for_the_author(seed: Analysis) -> None:
    assert not [c for c in seed.cast.characters if any("Watcher" in f for f in _forms(c))]
    willows = [c for c in seed.cast.characters if any(f.split()[0] == "Willow" for f in _forms(c))]
    assert len(willows) == 1
    header_end = seed.story.paragraphs[0].start
    assert not [m for m in seed.cast.mentions if m.start < header_end]


def test_seed_cast_is_only_the_people_of_the_story(seed: Analysis) -> None:
    people = {"Willow", "Tara", "Julie", "Xander", "Buffy"}
    for character in seed.cast.characters:
        assert _forms(character) & people, f"not a person of the story: {character}"


def test_seed_redhead_and_blonde_epithets(seed: Analysis) -> None:
    willow, tara = _character(seed, "Willow"), _character(seed, "Tara")
    by_id = seed.cast.by_id()
    epithets = (("The redhead smiled", willow), ("The blonde took", tara), ("The redhead asked", willow))
    for epithet, who in epithets:
        start = seed.story.text.index(epithet)
        linked = [m for m in seed.cast.mentions if m.start == start]
        assert linked and linked[0].character == who.id, (epithet, linked and by_id[linked[0].character])


# --------------------------------------------------------------------------- scenes


def test_seed_three_scenes_car_living_room_bedroom(seed: Analysis) -> None:
    starts = [s.start for s in seed.scenes]
    assert starts == [
        _paragraph_start(seed, "Tara pulled her car over"),
        _paragraph_start(seed, '"Home sweet home."'),
        _paragraph_start(seed, '"All tucked in."'),
    ]
    willow, tara = _character(seed, "Willow"), _character(seed, "Tara")
    for scene in seed.scenes:
        assert {willow.id, tara.id} <= set(scene.characters)


# --------------------------------------------------------------------------- speakers


def test_seed_gold_covers_every_speech_in_the_story(seed: Analysis) -> None:
    """The gold is whole: one speech row per pair of double quote marks in the body, openings in order."""
    body = seed.story.text[seed.story.paragraphs[0].start :]
    rows = _gold()
    assert sum(r.kind == "speech" for r in rows) * 2 == body.count('"')
    assert {name for r in rows for name in r.speakers} == {"Willow", "Tara", "Julie"}
    assert len(_aligned(seed)) == len(rows)


def test_seed_speakers_agree_with_a_careful_reader(seed: Analysis) -> None:
    speech = [(row, quote) for row, quote in _aligned(seed) if row.kind == "speech"]
    wrong = [
        f"{row.opening!r}: {sorted(row.speakers)} read, {sorted(_said_by(seed, quote))} found"
        for row, quote in speech
        if not _right(seed, row, quote)
    ]
    right = len(speech) - len(wrong)
    assert right / len(speech) >= 0.9, f"{right}/{len(speech)} right; wrong:\n" + "\n".join(wrong)


def test_seed_speech_quotes_are_found_as_speech(seed: Analysis) -> None:
    for row, quote in _aligned(seed):
        if row.kind == "speech":
            assert quote is not None and quote.kind == "speech", row.opening


def test_seed_goodnight_said_by_both(seed: Analysis) -> None:
    goodnight = next(q for row, q in _aligned(seed) if row.opening == "Goodnight.")
    assert goodnight is not None
    assert goodnight.speaker is None
    assert set(goodnight.speakers) == {_character(seed, "Willow").id, _character(seed, "Tara").id}


def test_seed_thoughts_get_their_thinker(seed: Analysis) -> None:
    thoughts = [(row, quote) for row, quote in _aligned(seed) if row.kind == "thought"]
    assert thoughts
    for row, quote in thoughts:
        assert quote is not None and quote.kind == "thought", f"{row.opening!r} not found as a thought"
        assert _right(seed, row, quote), f"{row.opening!r}: {sorted(_said_by(seed, quote))} found"
